"""The live pages' websockets. On connect, and on every change in the meeting (a message to the meeting's group,
secretariat.live.broadcast), the consumer renders the whole state for ITS viewer and sends it with the version
number: a client that missed messages (a dropped connection) gets the current state when it reconnects, and a
client never sees more than the access policy lets its viewer see on the page itself.

Sent: {"type": "state", "version": n, "html": "<the page's live part>", "announce": "…"}.
Received: {"type": "sync"} asks for the state again (nothing else is accepted; actions are POSTed forms)."""

from __future__ import annotations

from asgiref.sync import async_to_sync
from channels.generic.websocket import JsonWebsocketConsumer
from django.template.loader import render_to_string

from secretariat.meetings.models import Meeting

from . import selectors
from .broadcast import group_name

TEMPLATES = {selectors.PUBLIC: "live/_state.html", selectors.MEMBER: "live/_state.html",
             selectors.CONTROL: "live/_control.html"}
REFUSED = 4403  # the application's close code for "not for you" (the handshake is refused before accept)


class _LiveConsumer(JsonWebsocketConsumer):
    mode = selectors.PUBLIC

    def viewer(self) -> selectors.Viewer:
        return selectors.Viewer(self.mode, None if self.mode == selectors.PUBLIC else self.scope.get("user"))

    def _meeting(self) -> Meeting | None:
        return Meeting.objects.select_related("organization").filter(pk=self.meeting_id).first()

    def connect(self):
        self.meeting_id = int(self.scope["url_route"]["kwargs"]["pk"])
        self.joined = False
        meeting = self._meeting()
        if meeting is None or not selectors.allowed(self.viewer(), meeting):
            self.close(code=REFUSED)
            return
        async_to_sync(self.channel_layer.group_add)(group_name(self.meeting_id), self.channel_name)
        self.joined = True
        self.accept()
        self.send_state(meeting)

    def disconnect(self, code):
        if getattr(self, "joined", False):
            async_to_sync(self.channel_layer.group_discard)(group_name(self.meeting_id), self.channel_name)

    def receive_json(self, content, **kwargs):
        if isinstance(content, dict) and content.get("type") == "sync":
            self.send_state()

    def live_changed(self, event):
        self.send_state(announce=str(event.get("announce") or ""))

    def send_state(self, meeting: Meeting | None = None, announce: str = ""):
        meeting = meeting or self._meeting()
        viewer = self.viewer()
        if meeting is None or not selectors.allowed(viewer, meeting):  # e.g. the membership ended meanwhile
            self.close(code=REFUSED)
            return
        state = selectors.live_state(meeting, viewer)
        html = render_to_string(TEMPLATES[self.mode], {"meeting": meeting, "state": state,
                                                       "csrf_token": self._csrf_token()})
        self.send_json({"type": "state", "version": state["version"], "html": html, "announce": announce})

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
