"""Writes for meetings and agendas. The case workflow calls `decision_record_for_case`."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from secretariat.accounts.roles import Role, has_role
from secretariat.cases.models import Case
from secretariat.organizations.models import Organization
from workflows.case import CaseState
from workflows.engine import audit, full_clean, run_transition
from workflows.errors import GuardFailed, TransitionForbidden

from .models import AgendaItem, AgendaItemKind, Decision, Meeting


def _require_fagleder(actor) -> None:
    if not has_role(actor, Role.FAGLEDER):
        raise TransitionForbidden("Bare politisk sekretariat kan endre møter og sakslister.")


def meeting_create(*, actor, organization: Organization, start: dt.datetime, end: dt.datetime | None = None,
                   location: str = "", is_remote: bool = False, remote_link: str = "", title: str = "",
                   video_url: str = "") -> Meeting:
    _require_fagleder(actor)
    meeting = Meeting(organization=organization, start=start, end=end, location=location, is_remote=is_remote,
                      remote_link=remote_link, title=title, video_url=video_url)
    if end and end <= start:
        raise ValidationError({"end": "Møtet må slutte etter at det starter."})
    if is_remote and not remote_link:
        raise ValidationError({"remote_link": "Et fjernmøte trenger en lenke."})
    full_clean(meeting)
    with transaction.atomic():
        meeting.save()
        audit(meeting, actor=actor, action="opprettet", action_label="Møte opprettet", to_state=meeting.state)
    return meeting


def next_agenda_number(*, organization: Organization, kind: str, year: int) -> int:
    last = (
        AgendaItem.objects.select_for_update()
        .filter(organization=organization, kind=kind, year=year)
        .aggregate(n=Max("number"))["n"]
    )
    return (last or 0) + 1


def agenda_item_add(*, actor, meeting: Meeting, case: Case, supplementary: bool = False) -> AgendaItem:
    """Put a `klar` case on a meeting's agenda (PS), numbered per organization and year."""
    _require_fagleder(actor)
    consultation = case.current_consultation
    if case.state != CaseState.KLAR:
        raise GuardFailed(
            f"Saken {case.arkivsaksnummer} kan ikke settes opp: den har status «{case.get_state_display()}», "
            "og bare saker som er klare til behandling (godkjent av kommunedirektøren) kan settes opp.",
            field="case",
        )
    if consultation.organization_id != meeting.organization_id:
        raise GuardFailed(
            f"Saken skal behandles i {consultation.organization}, ikke i {meeting.organization}.", field="case"
        )
    if meeting.agenda_items.filter(consultation__case=case).exists():
        raise GuardFailed("Saken står allerede på sakslisten til dette møtet.", field="case")
    with transaction.atomic():
        year = timezone.localtime(meeting.start).year
        position = (meeting.agenda_items.aggregate(p=Max("position"))["p"] or 0) + 1
        item = AgendaItem.objects.create(
            meeting=meeting,
            consultation=consultation,
            kind=AgendaItemKind.PS,
            number=next_agenda_number(organization=meeting.organization, kind=AgendaItemKind.PS, year=year),
            year=year,
            position=position,
            title=case.title,
            public_title=case.public_title if case.exempt else "",
            is_supplementary=supplementary,
        )
        run_transition(case, "schedule", actor=actor, comment=f"{item.label} i {meeting}", agenda_item=item)
    return item


def decision_record_for_case(*, case: Case, text: str, agenda_item: AgendaItem | None = None,
                             vote_summary: str = "", unanimous: bool = False) -> Decision:
    """Called from the case workflow's `decide` transition, inside its transaction."""
    consultation = case.current_consultation
    if agenda_item is None:
        agenda_item = consultation.agenda_items.order_by("-meeting__start").first()
    decided_at = agenda_item.meeting.start if agenda_item else timezone.now()
    return Decision.objects.create(consultation=consultation, agenda_item=agenda_item, text=text.strip(),
                                   vote_summary=vote_summary, unanimous=unanimous, decided_at=decided_at)


def meeting_check_notice(*, meeting: Meeting, override_reason: str = "") -> None:
    """koml. § 11-3: notice with reasonable notice; the per-organization period (check) is enforced."""
    days = meeting.organization.effective_notice_days
    deadline = meeting.start - dt.timedelta(days=days)
    if timezone.now() > deadline and not override_reason.strip():
        raise GuardFailed(
            f"Fristen for innkalling var {timezone.localtime(deadline):%d.%m.%Y kl. %H:%M} "
            f"({days} dager før møtet). Oppgi en begrunnelse for å sende innkallingen likevel.",
            field="override_reason",
        )
    meeting.notice_override_reason = override_reason.strip()
    meeting.notice_sent_at = timezone.now()
