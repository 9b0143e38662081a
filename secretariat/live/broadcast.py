"""Telling the live pages that something changed: one message per change to the meeting's group on the channel
layer, sent after the transaction commits. Each connected page then renders the new state for its own viewer
(secretariat.live.consumers), so what a socket carries is always what its viewer may see."""

from __future__ import annotations

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)


def group_name(meeting_id: int) -> str:
    return f"live.meeting.{meeting_id}"


def send_now(meeting_id: int, version: int | None, announce: str = "") -> None:
    """Publish at once. A channel layer that is down must not undo a change that is already stored: the pages
    get the state when they reconnect or reload, so the failure is logged, not raised."""
    layer = get_channel_layer()
    if layer is None:
        return
    message = {"type": "live.changed", "version": version, "announce": announce}
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    try:
        if loop is None:
            async_to_sync(layer.group_send)(group_name(meeting_id), message)
        else:  # called from code that drives an event loop in this thread: hand the message to that loop
            loop.create_task(layer.group_send(group_name(meeting_id), message))
    except Exception:  # noqa: BLE001 - Redis down or the like; the change itself is committed
        log.exception("Kunne ikke varsle direktesidene for møte %s", meeting_id)


def announce_after_commit(meeting_id: int, version: int | None, announce: str = "") -> None:
    transaction.on_commit(lambda: send_now(meeting_id, version, announce))
