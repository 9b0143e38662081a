"""Demo follow-ups on the demo's decided cases: some overdue, some in progress, one done, with notes; and the
half-year report for kommunestyret. Idempotent: each follow-up is looked up by decision and description."""

from __future__ import annotations

import datetime as dt

from secretariat.meetings.models import Decision
from workflows.case import CASE_WORKFLOW, CaseState
from workflows.engine import run_transition

from .beat import ensure_periodic_tasks
from .models import FollowUp, FollowUpReport
from .services import followup_create, followup_note_add, report_create

# (case arkivsaksnummer, offset of the deadline from today in days, description, unit, responsible, steps, notes)
PLANS = [
    ("26/0750", -12, "Skilte og merke avgiftsplassene i sentrum, og sette opp betalingsautomater.", "Kommunalteknikk",
     "saksbehandler", ["start"], ["Skiltplan er laget; automatene er bestilt, men leveransen er forsinket."]),
    ("26/0750", 45, "Informere innbyggere og næringsdrivende om de nye parkeringsreglene.", "Kommunalteknikk",
     "saksbehandler2", [], []),
    ("26/0751", -3, "Utbetale erstatningen og gi skriftlig svar til klagers advokat.", "Oppvekst og kultur",
     "saksbehandler2", [], []),
    ("26/0701", 20, "Lyse ut og ansette to stillinger i frisklivssentralen.", "Helse og omsorg", "saksbehandler",
     ["start"], ["Stillingene er lyst ut med søknadsfrist om tre uker.", "Tolv søkere så langt."]),
    ("26/0701", -30, "Finne og innrede lokaler til frisklivssentralen.", "Helse og omsorg", "saksbehandler",
     ["start", "complete"], ["Lokaler leid i Helsehuset, 2. etasje. Innredning ferdig."]),
    ("26/0701", 5, "Rapportere om første driftsår til kommunestyret.", "Helse og omsorg", "saksbehandler2", [], []),
]


def _decided_decisions() -> list[Decision]:
    return list(
        Decision.objects.filter(consultation__case__state__in=CASE_WORKFLOW.states_with("final") - {CaseState.AVSLUTTET})
        .select_related("consultation__case", "consultation__organization")
        .order_by("consultation__case__arkivsaksnummer", "decided_at")
    )


def seed(ctx) -> None:
    ensure_periodic_tasks()
    decisions = {d.consultation.case.arkivsaksnummer: d for d in _decided_decisions()}
    kd = ctx.users["kommunedirektor"]
    for n, (arkiv, offset, description, unit, username, steps, notes) in enumerate(PLANS):
        decision = decisions.get(arkiv)
        if decision is None or FollowUp.objects.filter(decision__consultation__case__arkivsaksnummer=arkiv,
                                                       description=description).exists():
            continue
        person = ctx.users[username]
        followup = followup_create(
            actor=ctx.users["fagleder"] if n % 2 else kd, decision=decision, description=description,
            responsible_unit=ctx.units[unit], responsible_person=person,
            deadline=ctx.today + dt.timedelta(days=offset), confirm_past_deadline=True,
        )
        for step in steps:
            followup.refresh_from_db()
            run_transition(followup, step, actor=person, comment="Demodata")
        for text in notes:
            followup_note_add(followup=followup, actor=person, text=text)
    _seed_report(ctx)


def _half_year(day: dt.date) -> tuple[dt.date, dt.date]:
    if day.month <= 6:
        return dt.date(day.year, 1, 1), dt.date(day.year, 6, 30)
    return dt.date(day.year, 7, 1), dt.date(day.year, 12, 31)


def _seed_report(ctx) -> FollowUpReport | None:
    ks = ctx.organizations.get("kommunestyret")
    if ks is None:
        return None
    past = ctx.meetings.get("past", {}).get("kommunestyret")
    start, end = _half_year(past.start.date() if past is not None else ctx.today)
    return report_create(actor=ctx.users["kommunedirektor"], organization=ks, period_start=start, period_end=end)
