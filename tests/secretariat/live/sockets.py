"""A websocket client for the live pages' tests, on the real Redis channel layer (the `redis_layer` fixture in
conftest.py): connect as a user, read the states, run an async scenario from a synchronous test."""

import json

from asgiref.sync import sync_to_async
from asgiref.testing import ApplicationCommunicator
from django.test import Client

from secretariat.asgi import application


class WebsocketCommunicator(ApplicationCommunicator):
    """A websocket client for an ASGI application (what channels.testing has, without its daphne import)."""

    def __init__(self, app, path, headers):
        super().__init__(app, {"type": "websocket", "path": path, "raw_path": path.encode(), "query_string": b"",
                               "headers": headers, "subprotocols": [], "client": ("127.0.0.1", 50000),
                               "server": ("localhost", 80)})

    async def connect(self, timeout=5):
        await self.send_input({"type": "websocket.connect"})
        response = await self.receive_output(timeout)
        if response["type"] == "websocket.close":
            return False, response.get("code", 1000)
        return True, response.get("subprotocol")

    async def receive_json_from(self, timeout=5):
        response = await self.receive_output(timeout)
        assert response["type"] == "websocket.send", response
        return json.loads(response["text"])

    async def send_json_to(self, data):
        await self.send_input({"type": "websocket.receive", "text": json.dumps(data)})

    async def drain(self, timeout=1.0) -> list[dict]:
        """Every message until none comes for `timeout` seconds. The wait ends the application (asgiref cancels it
        on a timeout): use it last."""
        out = []
        while True:
            try:
                out.append(await self.receive_json_from(timeout=timeout))
            except TimeoutError:
                return out

    async def disconnect(self, code=1000):
        """Drop the connection. The consumer leaves its group at once; its wait on the Redis layer is then cut
        (cancelled) rather than waited out."""

        await self.send_input({"type": "websocket.disconnect", "code": code})
        try:
            await self.wait(0.3)
        except TimeoutError:
            pass


def run(scenario) -> None:
    """Run an async scenario to its end in a thread of its own: this test process may already drive an event loop
    in the main thread (Playwright's, for the browser tests), where asyncio cannot start another."""
    import asyncio
    import threading

    failure = []

    def target():
        try:
            asyncio.run(scenario())
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            failure.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(60)
    if failure:
        raise failure[0]


def headers(user=None):
    out = [(b"origin", b"http://localhost")]
    if user is not None:
        client = Client()
        client.force_login(user)
        out.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}; csrftoken=abc".encode()))
    return out


async def connect(path, user=None):
    cookie_headers = await sync_to_async(headers)(user)
    communicator = WebsocketCommunicator(application, path, headers=cookie_headers)
    connected, code = await communicator.connect(timeout=5)
    return communicator, connected, code


async def next_state(communicator):
    message = await communicator.receive_json_from(timeout=5)
    assert message["type"] == "state"
    return message


async def state_where(communicator, text):
    """The first state (changes in a burst come rendered together) whose page part contains `text`."""
    for _ in range(20):
        message = await next_state(communicator)
        if text in message["html"]:
            return message
    raise AssertionError(f"no state with {text!r}")
