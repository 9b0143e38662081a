"""Reads for vedtaksoppfølging: the dashboard, a case's follow-ups, and the content of a status report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from secretariat import access
from secretariat.meetings.models import Decision
from secretariat.organizations.models import LegislativeTerm
from workflows.case import CASE_WORKFLOW
from workflows.followup import OPEN_STATES, FollowUpState

from .legality import legality_review_deadline, legality_review_open
from .models import FollowUp, FollowUpNote, FollowUpReport, LegalityReviewDemand

STATUS_FILTERS = [
    ("apne", "Åpne (ikke startet og pågår)"),
    ("forsinket", "Forsinket"),
    *FollowUpState.choices,
    ("alle", "Alle"),
]


def followups_base() -> QuerySet[FollowUp]:
    pending = LegalityReviewDemand.objects.pausing().filter(decision_id=OuterRef("decision_id"))
    return (
        FollowUp.objects.select_related(
            "decision__consultation__case", "decision__consultation__organization", "decision__agenda_item",
            "responsible_unit", "responsible_person",
        )
        .prefetch_related(Prefetch("notes", queryset=FollowUpNote.objects.select_related("author")))
        .with_overdue()
        .annotate(paused=Exists(pending))
    )


def followups_list(*, organization: str = "", unit: str = "", term: str = "", status: str = "",
                   person: str = "") -> QuerySet[FollowUp]:
    """The dashboard: open follow-ups by default, overdue first, then by deadline."""
    qs = followups_base()
    status = status or "apne"
    if status == "apne":
        qs = qs.filter(state__in=OPEN_STATES)
    elif status == "forsinket":
        qs = qs.overdue()
    elif status in FollowUpState.values:
        qs = qs.filter(state=status)
    if organization:
        qs = qs.filter(organization__slug=organization)
    if unit and str(unit).isdigit():
        qs = qs.filter(responsible_unit_id=int(unit))
    if term and str(term).isdigit():
        found = LegislativeTerm.objects.filter(pk=int(term)).first()
        if found is not None:
            qs = qs.filter(decision__decided_at__date__gte=found.start_date,
                           decision__decided_at__date__lte=found.end_date)
    if person:
        qs = qs.filter(responsible_person__username=person)
    return qs.order_by("-overdue_flag", "deadline", "pk")


FOLLOWUPS_PER_PAGE = 50


def followups_page(qs: QuerySet[FollowUp], number, per_page: int | None = None) -> Page:
    """One page of the dashboard's list. The page's ids are sorted from the follow-up table alone, and only those
    rows are then read with their case, body and people: the joins cost per row shown, not per open follow-up
    (thousands after some years)."""
    page = Paginator(qs.values_list("pk", flat=True), per_page or FOLLOWUPS_PER_PAGE).get_page(number)
    ids = list(page.object_list)
    rows = qs.order_by().in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids]
    return page


def followup_counts(qs: QuerySet[FollowUp]) -> dict:
    """Counts per unit and per body (open and overdue) for the follow-ups in `qs`. The body is the one stored on the
    follow-up: the counts group the follow-up table (index `followup_state_org_idx`), not every decision."""
    today = timezone.localdate()
    overdue = Q(state__in=OPEN_STATES, deadline__lt=today)
    base = qs.order_by()
    per_unit = list(
        base.values("responsible_unit__name")
        .annotate(total=Count("pk"), overdue=Count("pk", filter=overdue))
        .order_by("responsible_unit__name")
    )
    # Counted on `deadline` (never null) rather than the id: state, body and deadline are all in the index, so the
    # open follow-ups are counted from an index-only scan.
    per_body = list(
        base.values("organization__name", "organization__slug")
        .annotate(total=Count("deadline"), overdue=Count("deadline", filter=overdue))
        .order_by("organization__name")
    )
    return {
        "per_unit": [{"name": r["responsible_unit__name"], "total": r["total"], "overdue": r["overdue"]}
                     for r in per_unit],
        "per_body": [{"name": r["organization__name"], "slug": r["organization__slug"],
                      "total": r["total"], "overdue": r["overdue"]} for r in per_body],
        "total": sum(r["total"] for r in per_unit),
        "overdue": sum(r["overdue"] for r in per_unit),
    }


def decisions_for_case(case) -> list[Decision]:
    return list(
        Decision.objects.filter(consultation__case=case)
        .select_related("consultation__organization", "agenda_item")
        .prefetch_related(
            Prefetch("followups", queryset=followups_base().order_by("deadline", "pk")),
            "legality_demands",
        )
        .order_by("decided_at")
    )


def final_decisions() -> QuerySet[Decision]:
    from .services import FINAL_CASE_STATES

    return (
        Decision.objects.filter(kind=Decision.Kind.FINAL)  # an innstilling to another body is not followed up
        .filter(Q(consultation__authoritative=True) | Q(consultation__case__state__in=FINAL_CASE_STATES))
        .select_related("consultation__case", "consultation__organization", "agenda_item__consultation__case",
                        "agenda_item__meeting")
        .order_by("-decided_at")
    )


def decision_title(decision: Decision, user=None, *, public: bool = False) -> str:
    case = decision.consultation.case
    return access.case_title_for(None if public else user, case)


def legality_info(decision: Decision, today: dt.date | None = None) -> dict:
    """The § 27-1 clock and demands of a decision. `paused`: implementation postponed by a recorded decision (a
    demand alone does not stop the follow-up)."""
    demands = list(decision.legality_demands.all())
    pending = next((d for d in demands if d.resolved_at is None), None)
    return {
        "deadline": legality_review_deadline(decision),
        "open": legality_review_open(decision, today),
        "pending": pending,
        "paused": pending is not None and pending.is_postponed,
        "demands": demands,
    }


# --- the status report ---------------------------------------------------------------------------------

LABELS = {
    "nb": {
        FollowUpState.IKKE_STARTET: "Ikke startet", FollowUpState.PAGAR: "Pågår",
        FollowUpState.FULLFORT: "Fullført", FollowUpState.IKKE_GJENNOMFORT: "Ikke gjennomført",
        "forsinket": "Forsinket", "paused": "I bero (lovlighetskontroll)", "none": "Ingen oppfølging registrert",
        "closed": "Saken er avsluttet", "exempt": "Innholdet er unntatt offentlighet.",
    },
    "nn": {
        FollowUpState.IKKE_STARTET: "Ikkje starta", FollowUpState.PAGAR: "Pågår",
        FollowUpState.FULLFORT: "Fullført", FollowUpState.IKKE_GJENNOMFORT: "Ikkje gjennomført",
        "forsinket": "Forseinka", "paused": "I bero (lovlegkontroll)", "none": "Inga oppfølging registrert",
        "closed": "Saka er avslutta", "exempt": "Innhaldet er unnateke offentlegheit.",
    },
}


@dataclass
class ReportLine:
    followup_id: int
    description: str
    unit: str
    deadline: dt.date
    status: str
    overdue: bool
    latest_note: str
    latest_note_date: dt.date | None
    reason: str


@dataclass
class ReportEntry:
    decision_id: int
    label: str  # "PS 12/26"
    arkivsaksnummer: str
    title: str
    decided_at: dt.date
    text: str
    exempt: bool
    status: str
    latest_note: str
    latest_note_date: dt.date | None
    lines: list[ReportLine] = field(default_factory=list)


def _decision_status(followups: list[FollowUp], paused: bool, labels: dict, today: dt.date,
                     case_closed: bool = False) -> str:
    if not followups:
        return labels["closed"] if case_closed else labels["none"]
    if paused:
        return labels["paused"]
    states = {f.state for f in followups}
    if any(f.state in OPEN_STATES and f.deadline < today for f in followups):
        return labels["forsinket"]
    if FollowUpState.PAGAR in states:
        return labels[FollowUpState.PAGAR]
    if FollowUpState.IKKE_STARTET in states:
        return labels[FollowUpState.IKKE_STARTET]
    if FollowUpState.IKKE_GJENNOMFORT in states:
        return labels[FollowUpState.IKKE_GJENNOMFORT]
    return labels[FollowUpState.FULLFORT]


def report_decisions(report: FollowUpReport) -> QuerySet[Decision]:
    """The body's final decisions in the period, and older ones whose follow-up was still open in it."""
    start, end = report.period_start, report.period_end
    final = Q(consultation__authoritative=True) | Q(consultation__case__state__in=CASE_WORKFLOW.states_with("final"))
    in_period = Q(decided_at__date__gte=start, decided_at__date__lte=end)
    still_open = Q(decided_at__date__lt=start) & (
        Q(followups__state__in=OPEN_STATES) | Q(followups__closed_at__date__gte=start)
    )
    return access.annotate_case_has_closed_item(
        Decision.objects.filter(consultation__organization=report.organization)
        .filter(final)
        .filter(in_period | still_open)
        .distinct()
        .select_related("consultation__case", "consultation__organization", "agenda_item__consultation__case",
                        "agenda_item__meeting")
        .prefetch_related(
            Prefetch("followups", queryset=FollowUp.objects.select_related("responsible_unit")
                     .prefetch_related("notes").order_by("deadline", "pk")),
            "legality_demands",
        )
        .order_by("decided_at", "pk"),
        case_path="consultation__case",
    )


def report_entries(report: FollowUpReport, *, public: bool, maalform: str = "nb",
                   today: dt.date | None = None, user=None) -> list[ReportEntry]:
    """Each decision with its status and latest note, as `secretariat.access` lets the reader see it: public
    (`public=True`), for one `user`, or complete (`public=False` without a user, the internal document).
    Exempt cases by public title only, no content; items treated in a closed meeting without content."""
    viewer = access.audience(public=public, user=user)
    labels = LABELS.get(maalform, LABELS["nb"])
    today = today or timezone.localdate()
    entries = []
    for decision in report_decisions(report):
        case = decision.consultation.case
        case.has_closed_item = decision.case_has_closed_item  # the policy reads it instead of a query per case
        item = decision.agenda_item
        # Exempt, or treated behind closed doors (koml. § 11-5): public title only, no content.
        if viewer is None:
            hidden = not access.case_content_is_public(
                case, has_closed_item=case.has_closed_item or (item is not None and access.is_closed(item)))
        else:
            hidden = not access.can_view_case_content(viewer, case) or (
                item is not None and access.is_closed(item) and not access.can_view_item_protected(viewer, item))
        followups = list(decision.followups.all())
        paused = any(d.resolved_at is None and d.is_postponed for d in decision.legality_demands.all())
        lines = []
        latest = None
        for f in followups:
            note = f.latest_note
            if note and (latest is None or (note.created_at, note.pk) > (latest.created_at, latest.pk)):
                latest = note
            overdue = f.state in OPEN_STATES and f.deadline < today
            status = labels[f.state] + (f" ({labels['forsinket'].lower()})" if overdue else "")
            lines.append(ReportLine(
                followup_id=f.pk, description="" if hidden else f.description, unit=f.responsible_unit.name,
                deadline=f.deadline, status=status, overdue=overdue,
                latest_note="" if hidden or note is None else note.text,
                latest_note_date=timezone.localtime(note.created_at).date() if note else None,
                reason="" if hidden else f.reason,
            ))
        if viewer is None:
            title = access.agenda_item_public_title(item) if item is not None else access.public_case_title(case)
        else:
            title = access.case_title_for(viewer, case)
        entries.append(ReportEntry(
            decision_id=decision.pk,
            label=item.label if item is not None else "",
            arkivsaksnummer=case.arkivsaksnummer,
            title=title,
            decided_at=timezone.localtime(decision.decided_at).date(),
            text=labels["exempt"] if hidden else decision.text,
            exempt=hidden,
            status=_decision_status(followups, paused, labels, today, case_closed=case.state == "avsluttet"),
            latest_note="" if hidden or latest is None else latest.text,
            latest_note_date=timezone.localtime(latest.created_at).date() if latest else None,
            lines=lines,
        ))
    return entries


def reports_list() -> QuerySet[FollowUpReport]:
    return FollowUpReport.objects.select_related("organization").order_by("-period_end", "-pk")
