"""Writes for the meeting itself: create, edit, and the steps of its workflow that are not about the notice
or the minutes (hold, cancel). Each validates first and changes things in one transaction with an audit row."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from secretariat.cases.exemptions import MANDATORY_CLOSED_BASES
from secretariat.organizations.models import Organization
from secretariat.outbox import enqueue
from workflows.actions import AuditAction
from workflows.case import CASE_WORKFLOW
from workflows.engine import audit, full_clean, run_transition
from workflows.errors import GuardFailed
from workflows.meeting import MEETING_WORKFLOW

from ..models import Meeting
from .guards import ensure_editable, ensure_started, require_fagleder


def meeting_create(*, actor, organization: Organization, start: dt.datetime, end: dt.datetime | None = None,
                   location: str = "", is_remote: bool = False, remote_link: str = "", title: str = "",
                   video_url: str = "") -> Meeting:
    require_fagleder(actor)
    meeting = Meeting(organization=organization, start=start, end=end, location=location, is_remote=is_remote,
                      remote_link=remote_link, title=title, video_url=video_url)
    _validate_meeting(meeting)
    with transaction.atomic():
        meeting.save()
        audit(meeting, actor=actor, action=AuditAction.CREATED, action_label="Møte opprettet", to_state=meeting.state)
    return meeting


def _validate_meeting(meeting: Meeting) -> None:
    if meeting.end and meeting.start and meeting.end <= meeting.start:
        raise ValidationError({"end": "Møtet må slutte etter at det starter."})
    if meeting.is_remote and not meeting.remote_link:
        raise ValidationError({"remote_link": "Et fjernmøte trenger en lenke."})
    if not meeting.is_remote and not meeting.location.strip() and meeting.pk:
        pass  # a place may be decided later
    full_clean(meeting)


MEETING_FIELDS = ("title", "start", "end", "location", "is_remote", "remote_link", "video_url")


def meeting_update(*, actor, meeting: Meeting, data: dict) -> Meeting:
    require_fagleder(actor)
    ensure_editable(meeting)
    changes = {}
    for name in MEETING_FIELDS:
        if name in data and getattr(meeting, name) != data[name]:
            changes[name] = {"fra": str(getattr(meeting, name) or ""), "til": str(data[name] or "")}
            setattr(meeting, name, data[name])
    if meeting.is_remote:
        refuse_secrecy_in_remote(meeting)
    _validate_meeting(meeting)
    with transaction.atomic():
        meeting.save()  # calendars/signals.py bumps the SEQUENCE when a field a calendar shows changed
        if changes:
            audit(meeting, actor=actor, action=AuditAction.CHANGED, action_label="Møte endret", changes=changes)
    return meeting


def refuse_secrecy_in_remote(meeting: Meeting) -> None:
    """koml. § 11-7: a meeting that must be closed under koml. § 11-5 andre ledd (taushetsplikt, an employee's
    personnel matters) cannot be held as a fjernmøte."""
    secret = meeting.agenda_items.filter(closed=True, closed_basis__in=MANDATORY_CLOSED_BASES).first()
    if secret:
        raise GuardFailed(
            f"{secret.label} er lukket etter {secret.get_closed_basis_display()}, og et møte som skal lukkes etter "
            "koml. § 11-5 andre ledd kan ikke holdes som fjernmøte (koml. § 11-7). Hold møtet fysisk, eller flytt "
            "saken til et annet møte.",
            field="is_remote",
        )


def meeting_cancel(*, actor, meeting: Meeting, reason: str):
    """Cancel the meeting (the `cancel` step): its cases go back to `klar` and the called are told."""
    return run_transition(meeting, "cancel", actor=actor, comment=reason)


@MEETING_WORKFLOW.handler("cancel")
def _cancel(meeting: Meeting, *, actor, comment: str):
    meeting.cancelled_reason = comment.strip()  # calendars show the cancellation (a new SEQUENCE on save)
    _release_agenda(meeting=meeting, actor=actor)
    if meeting.notice_sent_at:
        from ..tasks import send_meeting_cancelled

        enqueue(send_meeting_cancelled, meeting.pk)


def _release_agenda(*, meeting: Meeting, actor) -> None:
    """A cancelled meeting lets its cases go back to `klar` so they can be put on another agenda."""
    on_agenda = CASE_WORKFLOW.states_with("on_agenda")
    for item in meeting.agenda_items.select_related("consultation__case"):
        case = item.consultation.case if item.consultation else None
        if case and case.state in on_agenda and case.current_consultation.pk == item.consultation_id:
            run_transition(case, "unschedule", actor=actor, comment=f"Møtet {meeting} er avlyst.")


def meeting_hold(*, actor, meeting: Meeting, comment: str = ""):
    return run_transition(meeting, "hold", actor=actor, comment=comment)


@MEETING_WORKFLOW.handler("hold")
def _hold(meeting: Meeting, *, actor, comment: str):
    """The meeting has started, and every case on the agenda has an outcome, before it is marked held."""
    ensure_started(meeting, "markeres som gjennomført")
    on_agenda = CASE_WORKFLOW.states_with("on_agenda")
    waiting = [
        item.label for item in meeting.agenda_items.select_related("consultation__case")
        if item.consultation and item.consultation.case.state in on_agenda
        and item.consultation.case.current_consultation.pk == item.consultation_id
    ]
    if waiting:
        raise GuardFailed(
            f"Disse sakene har ikke fått et utfall ennå: {', '.join(waiting)}. Registrer vedtak, utsettelse, "
            "retur eller trekking før møtet markeres som gjennomført.",
        )
