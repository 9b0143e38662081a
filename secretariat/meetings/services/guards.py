"""The checks every meeting service shares: who may change meetings, and in which states (from the meeting
workflow's state properties, workflows/meeting.py)."""

from __future__ import annotations

from django.utils import timezone

from secretariat import access
from workflows.errors import GuardFailed, TransitionForbidden
from workflows.meeting import MEETING_WORKFLOW, MeetingState

from ..models import Meeting


class MinutesApproved(GuardFailed):
    """The minutes are approved: the record of the meeting is final (koml. § 11-4)."""

    status_code = 409
    code = "minutes_approved"


LOCKED_STATES = MEETING_WORKFLOW.states_with("locked")
BEFORE_MEETING = MEETING_WORKFLOW.states_with("before_meeting")
LIVE_STATES = MEETING_WORKFLOW.states_with("live")


def require_fagleder(actor) -> None:
    """Meetings and agendas are the politisk sekretariat's work (access.is_secretariat)."""
    if not access.is_secretariat(actor):
        raise TransitionForbidden("Bare politisk sekretariat kan endre møter og sakslister.")


def ensure_editable(meeting: Meeting) -> None:
    if meeting.state in LOCKED_STATES:
        raise MinutesApproved(
            "Protokollen for dette møtet er godkjent og kan ikke endres. Det som står i den, er det som gjelder "
            "(koml. § 11-4)."
        )
    if meeting.state in MEETING_WORKFLOW.states_with("cancelled"):
        raise GuardFailed("Møtet er avlyst.")


def ensure_live(meeting: Meeting) -> None:
    ensure_editable(meeting)
    if meeting.state not in LIVE_STATES:
        raise GuardFailed(
            f"Møtet har status «{meeting.get_state_display()}». Send innkallingen før møtet kan føres.",
            field="meeting",
        )


def check_agenda_open(meeting: Meeting) -> None:
    ensure_editable(meeting)
    if meeting.state not in BEFORE_MEETING:
        raise GuardFailed(f"Sakslisten kan ikke endres når møtet har status «{meeting.get_state_display()}».",
                          field="meeting")


def ensure_started(meeting: Meeting, what: str) -> None:
    """A meeting is held at the time its notice gave (koml. § 11-3): nothing that needs the meeting to have taken
    place (marking it held, approving its minutes) may be recorded before it starts."""
    if timezone.now() < meeting.start:
        start = timezone.localtime(meeting.start)
        raise GuardFailed(
            f"Møtet starter {start:%d.%m.%Y} kl. {start:%H:%M} og kan ikke {what} før det er holdt (koml. § 11-3). "
            "Er møtet flyttet, rett møtetidspunktet først.",
            field="start",
        )


__all__ = ["BEFORE_MEETING", "LIVE_STATES", "LOCKED_STATES", "MeetingState", "MinutesApproved", "check_agenda_open",
           "ensure_editable", "ensure_live", "ensure_started", "require_fagleder"]
