"""The handlers of the round workflow's steps (workflows.appointment.ROUND_WORKFLOW), registered when this
module is imported (the package's __init__ imports it; the app's ready() imports the package). The engine runs
each inside the step's transaction, before the state changes."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from workflows.appointment import ROUND_WORKFLOW, display_days
from workflows.errors import GuardFailed

from ..models import AppointmentRound
from .balance import round_proposal_problems
from .candidates import candidate_apply_check


@ROUND_WORKFLOW.handler("close_call")
def _close_call(round: AppointmentRound, *, actor, comment: str):
    if not round.candidates.exists():
        raise GuardFailed("Det er ikke registrert noen kandidater ennå. Registrer forslag før innmeldingen "
                          "avsluttes.", field="candidates")


@ROUND_WORKFLOW.handler("check_candidates")
def _check_candidates(round: AppointmentRound, *, actor, comment: str):
    if not round.candidates.exists():
        raise GuardFailed("Det finnes ingen kandidater å kontrollere.", field="candidates")
    _run_eligibility(round=round)


@ROUND_WORKFLOW.handler("propose")
def _propose(round: AppointmentRound, *, actor, comment: str):
    if round.case_id is None:
        raise GuardFailed("Lag saken til formannskapet først (knappen «Lag sak til formannskapet»).",
                          field="case")
    problems = round_proposal_problems(round=round)
    if problems:
        raise GuardFailed("Innstillingen kan ikke registreres: " + " ".join(problems), field="candidates")


@ROUND_WORKFLOW.handler("start_display")
def _start_display(round: AppointmentRound, *, actor, comment: str, display_start=None):
    start = display_start or timezone.localdate()
    if isinstance(start, str):
        try:
            start = dt.date.fromisoformat(start)
        except ValueError as exc:
            raise GuardFailed("Skriv datoen som ÅÅÅÅ-MM-DD.", field="display_start") from exc
    if start > timezone.localdate():
        raise GuardFailed("Ettersynet kan ikke registreres som startet fram i tid.", field="display_start")
    round.display_start = start
    round.display_end = start + dt.timedelta(days=display_days())


@ROUND_WORKFLOW.handler("elect")
def _elect(round: AppointmentRound, *, actor, comment: str):
    """dl. § 68: kommunestyret elects at the earliest when the 14 days' public display is over."""
    today = timezone.localdate()
    if round.display_end is None or today < round.display_end:
        end = f"{round.display_end:%d.%m.%Y}" if round.display_end else "ukjent"
        raise GuardFailed(
            f"Forslaget må ligge ute til offentlig ettersyn i minst {display_days()} dager (dl. § 68). "
            f"Kommunestyret kan tidligst velge {end}.", field="display_end")
    _mark_elected(round=round)


@ROUND_WORKFLOW.handler("report")
def _report(round: AppointmentRound, *, actor, comment: str):
    round.reported_at = timezone.now()


def _run_eligibility(*, round: AppointmentRound) -> dict:
    """Check every candidate again (the `check_candidates` transition runs this inside its transaction)."""
    counts = {"valgbare": 0, "ikke_valgbare": 0}
    for candidate in round.candidates.select_for_update(of=("self",)):
        candidate_apply_check(candidate)
        if not candidate.eligible and candidate.pool_id:
            candidate.pool = None
        candidate.save(update_fields=["eligibility", "eligible", "checked_at", "pool"])
        counts["valgbare" if candidate.eligible else "ikke_valgbare"] += 1
    return counts


def _mark_elected(*, round: AppointmentRound) -> int:
    """Called by the `elect` transition: everyone in the proposal is elected."""
    return round.candidates.filter(pool__isnull=False).update(elected=True)
