"""The live pages' websockets. On connect, and on every change in the meeting (a message to the meeting's group,
secretariat.live.broadcast), the consumer renders the whole state for ITS viewer and sends it with the version
number: a client that missed messages (a dropped connection) gets the current state when it reconnects, and a
client never sees more than the access policy lets its viewer see on the page itself.

Sent: {"type": "state", "version": n, "html": "<the page's live part>", "announce": "…"}.
Received: {"type": "sync"} asks for the state again; nothing else is accepted (actions are POSTed forms, where the
services check who may do what). Anything else — not text, too long, not JSON, not an object, an unknown type — is
answered with {"type": "error", "message": "<Norwegian text>"} and the socket stays open: a client's bad message
never ends the consumer."""

from __future__ import annotations

import asyncio
import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.template.loader import render_to_string

from secretariat.meetings.models import Meeting

from . import selectors
from .broadcast import group_name

TEMPLATES = {selectors.PUBLIC: "live/_state.html", selectors.MEMBER: "live/_state.html",
             selectors.CONTROL: "live/_control.html"}
REFUSED = 4403  # the application's close code for "not for you" (the handshake is refused before accept)
# Changes that come in a burst (seven members voting at once) are rendered once: the state is read after this
# pause, and a change that comes while a render is under way gets a render of its own afterwards.
COALESCE_SECONDS = 0.15
# A client sends only {"type": "sync"}: anything longer is not one of ours, and is refused before it is parsed
# (a deeply nested or huge JSON text costs the server, not the sender).
MAX_MESSAGE_CHARS = 1024
ACCEPTED = ("sync",)


class _LiveConsumer(AsyncJsonWebsocketConsumer):
    mode = selectors.PUBLIC

    def viewer(self) -> selectors.Viewer:
        return selectors.Viewer(self.mode, None if self.mode == selectors.PUBLIC else self.scope.get("user"))

    def _render(self) -> dict | None:
        """The state for this socket's viewer, or None when the viewer may not (or no longer) see it."""
        meeting = Meeting.objects.select_related("organization").filter(pk=self.meeting_id).first()
        viewer = self.viewer()
        if meeting is None or not selectors.allowed(viewer, meeting):
            return None
        state = selectors.live_state(meeting, viewer)
        html = render_to_string(TEMPLATES[self.mode], {"meeting": meeting, "state": state,
                                                       "csrf_token": self._csrf_token()})
        return {"type": "state", "version": state["version"], "html": html}

    async def connect(self):
        self.meeting_id = int(self.scope["url_route"]["kwargs"]["pk"])
        self.joined, self.dirty, self.worker, self.announcements = False, False, None, []
        # Join first, render after: a change made meanwhile is either in this render or comes as a message.
        await self.channel_layer.group_add(group_name(self.meeting_id), self.channel_name)
        self.joined = True
        payload = await database_sync_to_async(self._render)()
        if payload is None:
            await self.close(code=REFUSED)
            return
        await self.accept()
        await self.send_json({**payload, "announce": ""})

    async def disconnect(self, code):
        self.gone = True
        if getattr(self, "worker", None) is not None:
            self.worker.cancel()
        if getattr(self, "joined", False):
            await self.channel_layer.group_discard(group_name(self.meeting_id), self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None:
            await self._refuse_message("Meldingen må være tekst (JSON), ikke binære data.")
            return
        if len(text_data) > MAX_MESSAGE_CHARS:
            await self._refuse_message(f"Meldingen er for lang (høyst {MAX_MESSAGE_CHARS} tegn).")
            return
        try:
            content = json.loads(text_data)
        except (ValueError, RecursionError):
            await self._refuse_message("Meldingen er ikke gyldig JSON.")
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        kind = content.get("type") if isinstance(content, dict) else None
        if not isinstance(content, dict) or not isinstance(kind, str):
            await self._refuse_message('Meldingen må være et JSON-objekt med feltet «type», for eksempel '
                                       '{"type": "sync"}.')
            return
        if kind not in ACCEPTED:
            await self._refuse_message(f"Ukjent handling «{kind[:40]}». Forbindelsen tar bare imot «sync». Stem og be "
                                       "om ordet med knappene på siden.")
            return
        self._schedule()

    async def _refuse_message(self, message: str):
        await self.send_json({"type": "error", "message": message})

    async def live_changed(self, event):
        announce = str(event.get("announce") or "")
        if announce:
            self.announcements.append(announce)
        self._schedule()

    def _schedule(self):
        if getattr(self, "gone", False):  # a change announced after the client left: nobody to tell
            return
        self.dirty = True
        if self.worker is None or self.worker.done():
            self.worker = asyncio.ensure_future(self._send_while_dirty())

    async def _send_while_dirty(self):
        while self.dirty:
            self.dirty = False
            await asyncio.sleep(COALESCE_SECONDS)
            # What was announced so far was committed before this render starts, so the render shows it.
            announce, self.announcements = " ".join(self.announcements), []
            payload = await database_sync_to_async(self._render)()
            if getattr(self, "gone", False):  # the client left during the render
                return
            if payload is None:  # e.g. the membership ended meanwhile
                await self.close(code=REFUSED)
                return
            try:
                await self.send_json({**payload, "announce": self._announcement(announce)})
            except OSError:
                # The viewer left while this render was under way (uvicorn raises ClientDisconnected, an OSError,
                # before `disconnect` has cancelled this task): nothing to send to, and nothing to log.
                return

    def _announcement(self, text: str) -> str:
        """What the page reads out besides the changes it sees in the state (live.js announces the current speaker
        and new results from the rendered state, which is filtered for this viewer). The services' texts name the
        speaker and the result whatever the item, so the public socket never carries them: an item behind closed
        doors would be told to the public."""
        return "" if self.mode == selectors.PUBLIC else text

    def _csrf_token(self) -> str:
        """The forms in the rendered state post with the browser's CSRF cookie (Django accepts the unmasked
        secret as the form token); the public state has no forms."""
        if self.mode == selectors.PUBLIC:
            return ""
        return self.scope.get("cookies", {}).get("csrftoken", "")


class PublicLiveConsumer(_LiveConsumer):
    mode = selectors.PUBLIC


class MemberLiveConsumer(_LiveConsumer):
    mode = selectors.MEMBER


class ControlLiveConsumer(_LiveConsumer):
    mode = selectors.CONTROL
