"""Writes for the agenda (saksliste): cases put on it (the case's `schedule` step), referatsaker and
orienteringer, order, removal and closed items (koml. § 11-5). Questions: services/questions.py.

Closed items (koml. § 11-5): an item whose case's exemption requires a closed meeting (§ 11-5 (2), the rule is
`Case.required_closed_basis`, from secretariat/cases/exemptions.py) is closed when it is put on the agenda and
when the exemption changes while the meeting is still ahead, and it cannot be opened. Any other item the
secretariat may close on a ground of § 11-5 (3). A closed item has no video moment."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from secretariat.cases.exemptions import MANDATORY_CLOSED_BASES, closed_basis_label
from secretariat.cases.models import Case
from secretariat.common.calendar_sequence import bump_sequence
from secretariat.common.counters import next_in_series
from secretariat.organizations.models import Organization
from workflows.actions import AuditAction
from workflows.case import CASE_WORKFLOW, CaseState
from workflows.engine import Outcome, audit, run_transition
from workflows.errors import GuardFailed
from workflows.meeting import MeetingState

from ..models import AgendaCounter, AgendaItem, AgendaItemKind, ClosedBasis, Meeting
from .guards import BEFORE_MEETING, check_agenda_open, ensure_editable, require_fagleder


def next_agenda_number(*, organization: Organization, kind: str, year: int) -> int:
    """The next number in the organization's series for the year. Call inside the transaction that saves the item:
    the counter row stays locked until it commits, so a concurrent addition waits and takes the number after."""
    series = {"organization": organization, "kind": kind, "year": year}
    return next_in_series(AgendaCounter, "last_number", series=series,
                          taken=AgendaItem.objects.filter(**series), taken_field="number")


def agenda_item_add(*, actor, meeting: Meeting, case: Case, supplementary: bool = False) -> AgendaItem:
    """Put a `klar` case on a meeting's agenda (PS), numbered per organization and year: the case's
    `schedule` step, whose handler below creates the item."""
    require_fagleder(actor)
    if case.state != CaseState.KLAR:
        raise GuardFailed(
            f"Saken {case.arkivsaksnummer} kan ikke settes opp: den har status «{case.get_state_display()}», "
            "og bare saker som er klare til behandling (godkjent av kommunedirektøren) kan settes opp.",
            field="case",
        )
    return run_transition(case, "schedule", actor=actor, meeting=meeting, supplementary=supplementary).result


@CASE_WORKFLOW.handler("schedule")
def _schedule(case: Case, *, actor, comment: str, meeting: Meeting, supplementary: bool = False):
    check_agenda_open(meeting)
    consultation = case.current_consultation
    if consultation.organization_id != meeting.organization_id:
        raise GuardFailed(
            f"Saken skal behandles i {consultation.organization}, ikke i {meeting.organization}.", field="case"
        )
    if meeting.agenda_items.filter(consultation__case=case).exists():
        raise GuardFailed("Saken står allerede på sakslisten til dette møtet.", field="case")
    # koml. § 11-5 (2): a case whose exemption requires it is treated behind closed doors, from the start.
    required = case.required_closed_basis
    if required:
        _refuse_mandatory_closed_in_remote(meeting, label=f"Saken {case.arkivsaksnummer}", basis=required,
                                           field="case")
    # After the notice has gone out, a new item is a tilleggssak with its own notice.
    supplementary = bool(supplementary) or meeting.state == MeetingState.INNKALT
    item = _create_item(meeting, kind=AgendaItemKind.PS, title=case.title, consultation=consultation,
                        public_title=case.public_title if case.exempt else "", supplementary=supplementary,
                        closed_basis=required)
    bump_sequence(meeting)
    changes = {"sak": item.label}
    if required:
        changes["lukket møte"] = closed_basis_label(required)
    return Outcome(result=item, comment=f"{item.label} i {meeting}", changes=changes)


def _create_item(meeting: Meeting, *, kind: str, title: str, consultation=None, public_title: str = "",
                 supplementary: bool = False, closed_basis: str = "") -> AgendaItem:
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # serialise numbering per meeting
    year = timezone.localtime(meeting.start).year
    position = (meeting.agenda_items.aggregate(p=Max("position"))["p"] or 0) + 1
    return AgendaItem.objects.create(
        meeting=meeting, consultation=consultation, kind=kind,
        number=next_agenda_number(organization=meeting.organization, kind=kind, year=year),
        year=year, position=position, title=title, public_title=public_title, is_supplementary=supplementary,
        closed=bool(closed_basis), closed_basis=closed_basis,
    )


def agenda_item_add_other(*, actor, meeting: Meeting, kind: str, title: str, public_title: str = "",
                          exempt_basis: str = "") -> AgendaItem:
    """A referatsak (RS) or an orientering (OS): numbered in their own series. An exempt one (e.g. a reported
    delegated decision) carries its exemption basis and is shown publicly by `public_title` only."""
    require_fagleder(actor)
    check_agenda_open(meeting)
    if kind not in (AgendaItemKind.RS, AgendaItemKind.OS):
        raise GuardFailed("Velg referatsak (RS) eller orientering (OS). Politiske saker settes opp fra saken.",
                          field="kind")
    if not (title or "").strip():
        raise GuardFailed("Skriv en tittel.", field="title")
    longest = AgendaItem._meta.get_field("title").max_length
    if len(title.strip()) > longest:
        raise GuardFailed(f"Tittelen kan være høyst {longest} tegn (den har {len(title.strip())}).", field="title")
    with transaction.atomic():
        item = _create_item(meeting, kind=kind, title=title.strip(), public_title=public_title.strip(),
                            supplementary=meeting.state == MeetingState.INNKALT)
        if exempt_basis:
            item.exempt_basis = exempt_basis
            item.save(update_fields=["exempt_basis"])
        bump_sequence(meeting)
        audit(meeting, actor=actor, action=AuditAction.ITEM_ADDED, action_label="Sak lagt til sakslisten",
              changes={"sak": item.label, "tittel": item.public_title if exempt_basis else item.title})
    return item


def agenda_item_move(*, actor, item: AgendaItem, direction: str) -> None:
    """Move an item up or down in the order it is treated (numbers stay: they identify the item)."""
    require_fagleder(actor)
    check_agenda_open(item.meeting)
    items = list(item.meeting.agenda_items.order_by("position", "pk"))
    i = next(n for n, x in enumerate(items) if x.pk == item.pk)
    j = i - 1 if direction == "up" else i + 1
    if j < 0 or j >= len(items):
        return
    items[i], items[j] = items[j], items[i]
    with transaction.atomic():
        for pos, x in enumerate(items, start=1):
            if x.position != pos:
                AgendaItem.objects.filter(pk=x.pk).update(position=pos)
        bump_sequence(item.meeting)
        audit(item.meeting, actor=actor, action=AuditAction.ITEM_MOVED,
              action_label=f"{item.label} flyttet {'opp' if direction == 'up' else 'ned'} på sakslisten",
              changes={"sak": item.label, "rekkefølge": [x.label for x in items]})


def agenda_item_remove(*, actor, item: AgendaItem, comment: str = "") -> None:
    require_fagleder(actor)
    meeting = item.meeting
    check_agenda_open(meeting)
    if item.notice_sent_at:
        raise GuardFailed(
            f"{item.label} er sendt ut med innkallingen. Registrer i møtet at saken er trukket eller utsatt.",
            field="item",
        )
    with transaction.atomic():
        case = item.consultation.case if item.consultation else None
        label = item.label
        if case and case.state in CASE_WORKFLOW.states_with("on_agenda"):
            run_transition(case, "unschedule", actor=actor, comment=comment or f"Tatt av sakslisten ({label}).")
        item.delete()
        bump_sequence(meeting)
        audit(meeting, actor=actor, action=AuditAction.ITEM_REMOVED, action_label="Sak tatt av sakslisten",
              changes={"sak": label})


def required_closed_basis(item: AgendaItem) -> str:
    """koml. § 11-5 (2): the ground on which this item SHALL be closed ("" when closing is the body's choice)."""
    consultation = item.consultation
    return consultation.case.required_closed_basis if consultation is not None else ""


def _refuse_mandatory_closed_in_remote(meeting: Meeting, *, label: str, basis: str, field: str) -> None:
    if meeting.is_remote:
        raise GuardFailed(
            f"{label} skal behandles i lukket møte etter {closed_basis_label(basis)}, og et møte som skal lukkes "
            "etter koml. § 11-5 andre ledd kan ikke holdes som fjernmøte (koml. § 11-7). Hold møtet fysisk, "
            "eller sett saken opp i et annet møte.",
            field=field,
        )


def agenda_item_check_close(*, item: AgendaItem, closed: bool, basis: str = "") -> None:
    """The rules for closing and opening an item (koml. § 11-5), without writing: the close service and the
    admin's form ask here, so every route refuses the same way."""
    ensure_editable(item.meeting)
    required = required_closed_basis(item)
    if not closed:
        if required:
            raise GuardFailed(
                f"{item.label} kan ikke åpnes ({item.consultation.case.exempt_marking}): møtet skal lukkes "
                f"({closed_basis_label(required)}). Et folkevalgt organ skal lukke møtet når det behandler "
                "opplysninger med lovbestemt taushetsplikt eller en arbeidstakers tjenstlige forhold "
                "(koml. § 11-5 andre ledd).",
                field="closed_basis",
            )
        return
    if basis not in ClosedBasis.values:
        raise GuardFailed("Velg hjemmel for å lukke møtet (koml. § 11-5).", field="closed_basis")
    if required and basis not in MANDATORY_CLOSED_BASES:
        raise GuardFailed(
            f"{item.label} skal lukkes etter koml. § 11-5 andre ledd ({closed_basis_label(required)}): lukking er "
            "da en plikt, ikke et valg etter tredje ledd. Velg en hjemmel i andre ledd.",
            field="closed_basis",
        )
    if basis in MANDATORY_CLOSED_BASES:
        _refuse_mandatory_closed_in_remote(item.meeting, label=item.label, basis=basis, field="closed_basis")


def _close(item: AgendaItem, basis: str) -> dict:
    """Close (or with basis "" open) the item, and drop its video moment when closing: a closed item has none.
    Returns the changes for the audit row."""
    changes = {"hjemmel": closed_basis_label(basis) if basis else ""}
    if basis and item.video_offset_seconds is not None:
        changes["videotidspunkt fjernet"] = item.video_offset_seconds
        item.video_offset_seconds = None
    item.closed, item.closed_basis = bool(basis), basis
    item.save(update_fields=["closed", "closed_basis", "video_offset_seconds"])
    return changes


def agenda_item_close(*, actor, item: AgendaItem, closed: bool, basis: str = "") -> AgendaItem:
    """Close an item with its koml. § 11-5 basis (or open it again); recorded in the minutes. An item whose
    case requires a closed meeting (§ 11-5 (2)) cannot be opened."""
    require_fagleder(actor)
    agenda_item_check_close(item=item, closed=closed, basis=basis)
    with transaction.atomic():
        changes = _close(item, basis if closed else "")
        audit(item.meeting, actor=actor, action=AuditAction.ITEM_CLOSED if closed else AuditAction.ITEM_OPENED,
              action_label=f"{item.label} {'lukket' if closed else 'åpnet'}", changes=changes)
    return item


def agenda_items_close_for_exemption(*, actor, case: Case) -> list[AgendaItem]:
    """koml. § 11-5 (2): when a case's exemption comes to require a closed meeting while the case is on an agenda
    not yet held, its items there are closed on that ground. Items of meetings already held, and items already
    treated, are the record of what happened and stay as they are. Call it in the transaction that changes the
    exemption; `actor` is whoever changed it (the law closes the item, not a choice of theirs)."""
    required = case.required_closed_basis
    if not required:
        return []
    closed = []
    # Not yet treated: an item with an outcome or a decision was treated as it was, and that is the record.
    items = AgendaItem.objects.filter(consultation__case=case, meeting__state__in=BEFORE_MEETING,
                                      outcome__isnull=True, decision__isnull=True).select_related("meeting")
    for item in items:
        if item.closed and item.closed_basis in MANDATORY_CLOSED_BASES:
            continue
        changes = _close(item, required)
        audit(item.meeting, actor=actor, action=AuditAction.ITEM_CLOSED,
              action_label=f"{item.label} lukket: saken er unntatt offentlighet (koml. § 11-5 andre ledd)",
              changes=changes)
        closed.append(item)
    return closed
