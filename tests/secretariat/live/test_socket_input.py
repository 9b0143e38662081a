"""What a live socket does with input it does not expect (on the real Redis channel layer): every wrong message —
not text, too long, not JSON, deeply nested, not an object, an unknown or mistyped type — gets a clear
Norwegian error on the same socket, and the consumer lives on: the next «sync» is answered with the state."""

import json

import pytest

from .sockets import connect, next_state, run

pytestmark = pytest.mark.django_db(transaction=True)

WRONG = [
    ({"bytes": b"\x00\x01binary"}, "ikke binære data"),
    ({"text": "x" * 5000}, "for lang"),
    ({"text": "{not json"}, "ikke gyldig JSON"),
    ({"text": "[" * 500 + "]" * 500}, "JSON-objekt med feltet «type»"),  # as deep as the length limit lets it be
    ({"text": "[" * 2000}, "for lang"),  # deeper: refused before it reaches the parser
    ({"text": '"sync"'}, "JSON-objekt med feltet «type»"),
    ({"text": "[1, 2]"}, "JSON-objekt med feltet «type»"),
    ({"text": "null"}, "JSON-objekt med feltet «type»"),
    ({"text": '{"type": 5}'}, "JSON-objekt med feltet «type»"),
    ({"text": '{"type": ["sync"]}'}, "JSON-objekt med feltet «type»"),
    ({"text": "{}"}, "JSON-objekt med feltet «type»"),
    ({"text": '{"type": "stem", "choice": "for"}'}, "Ukjent handling «stem»"),
    ({"text": json.dumps({"type": "x" * 500})}, "Ukjent handling"),
]


async def _error(communicator) -> str:
    message = await communicator.receive_json_from(timeout=5)
    assert message["type"] == "error", message
    assert set(message) == {"type", "message"}
    return message["message"]


def test_every_wrong_message_gets_a_norwegian_error_and_the_socket_lives_on(redis_layer, live, fagleder):
    meeting = live.meeting
    paths = [(f"/ws/innsyn/moter/{meeting.pk}/direkte/", None), (f"/ws/direkte/{meeting.pk}/", live.users["aud"]),
             (f"/ws/direkte/{meeting.pk}/styring/", fagleder)]

    async def scenario():
        for path, user in paths:
            communicator, ok, _ = await connect(path, user)
            assert ok, path
            first = await next_state(communicator)
            for frame, expected in WRONG:
                await communicator.send_input({"type": "websocket.receive", **frame})
                said = await _error(communicator)
                assert expected in said, (path, frame, said)
                assert len(said) < 200  # an unknown type is quoted shortened, never echoed whole
            # Still alive: a sync is answered with the state, as before.
            await communicator.send_input({"type": "websocket.receive", "text": json.dumps({"type": "sync"})})
            again = await next_state(communicator)
            assert again["version"] == first["version"] and live.first.label in again["html"]
            await communicator.disconnect()

    run(scenario)
