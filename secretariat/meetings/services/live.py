"""Writes for the live meeting (møtemodus): the item being treated and where each item starts in the video."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from secretariat import access
from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed

from ..models import AgendaItem, Meeting, MeetingLive
from .guards import ensure_editable, ensure_live, require_fagleder


def live_set_current_item(*, actor, meeting: Meeting, item: AgendaItem | None, record_video: bool = False
                          ) -> MeetingLive:
    require_fagleder(actor)
    ensure_live(meeting)
    with transaction.atomic():
        live, _ = MeetingLive.objects.get_or_create(meeting=meeting)
        live.current_item = item
        live.save(update_fields=["current_item"])
        audit(meeting, actor=actor, action=AuditAction.CURRENT_ITEM,
              action_label=f"Til behandling: {item.label}" if item else "Ingen sak til behandling",
              changes={"sak": item.label if item else ""})
        # A closed item gets no video moment (koml. § 11-5): taking it up records none.
        if item is not None and record_video and not access.is_closed(item) and timezone.now() >= video_started(meeting):
            agenda_item_mark_video(actor=actor, item=item)
    return live


def video_started(meeting: Meeting) -> dt.datetime:
    live = MeetingLive.objects.filter(meeting=meeting).first()
    return (live.video_started_at if live and live.video_started_at else None) or meeting.start


def meeting_set_video_start(*, actor, meeting: Meeting, at: dt.datetime | None = None) -> MeetingLive:
    require_fagleder(actor)
    ensure_editable(meeting)
    with transaction.atomic():
        live, _ = MeetingLive.objects.get_or_create(meeting=meeting)
        old = live.video_started_at
        live.video_started_at = at or timezone.now()
        live.save(update_fields=["video_started_at"])
        audit(meeting, actor=actor, action=AuditAction.VIDEO_STARTED, action_label="Videoens starttid satt",
              changes={"fra": old.isoformat() if old else "", "til": live.video_started_at.isoformat()})
    return live


# A meeting without a planned end is bounded by a day of video; `seconds` past that is a typing error.
VIDEO_SECONDS_MAX = 24 * 3600


def video_length_seconds(meeting: Meeting) -> int:
    """How far into the video an item may start: the meeting's planned length (a day when it has no end)."""
    if meeting.end and meeting.end > meeting.start:
        return int((meeting.end - meeting.start).total_seconds())
    return VIDEO_SECONDS_MAX


def agenda_item_mark_video(*, actor, item: AgendaItem, seconds: int | None = None,
                           now: dt.datetime | None = None) -> AgendaItem:
    """Record where in the meeting video this item starts (from the video's start time), so the public
    portal can link the case to the exact moment (KS Kommunekompasset: video connected to the papers)."""
    require_fagleder(actor)
    ensure_editable(item.meeting)
    # koml. § 11-5: a closed item is treated behind closed doors; it has no moment in the public video.
    if access.is_closed(item):
        raise GuardFailed(f"{item.label} behandles i lukket møte (koml. § 11-5) og får ikke videotidspunkt: "
                          "den delen av møtet skal ikke vises i opptaket.", field="seconds")
    given = seconds is not None
    if seconds is None:
        seconds = int(((now or timezone.now()) - video_started(item.meeting)).total_seconds())
    if isinstance(seconds, bool) or not isinstance(seconds, int):
        raise GuardFailed("Sekunder må være et helt tall.", field="seconds")
    if given and seconds > video_length_seconds(item.meeting):
        raise GuardFailed(f"Tidspunktet er etter møtets slutt (høyst {video_length_seconds(item.meeting)} sekunder "
                          "fra videoens start).", field="seconds")
    if seconds < 0:
        raise GuardFailed("Videoen har ikke startet ennå; tidspunktet er før videoens start.", field="seconds")
    with transaction.atomic():
        item.video_offset_seconds = seconds
        item.save(update_fields=["video_offset_seconds"])
        audit(item.meeting, actor=actor, action=AuditAction.VIDEO, action_label=f"Videotidspunkt for {item.label}",
              changes={"sekunder": seconds})
    return item
