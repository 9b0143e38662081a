"""The outcome of each agenda item: the case's `decide` step (with the quorum of koml. § 11-9 as its guard,
so every path that registers a decision checks it), postponed / sent back / withdrawn, and corrections of the
decision text while the minutes are a draft."""

from __future__ import annotations

from django.db import transaction

from secretariat.cases.models import Case
from secretariat.organizations.models import Organization
from workflows.actions import AuditAction
from workflows.case import CASE_WORKFLOW
from workflows.engine import Outcome, audit, run_transition
from workflows.errors import GuardFailed

from .. import selectors
from ..models import AgendaItem, AgendaItemOutcome, Decision, ItemOutcome
from .guards import ensure_editable, ensure_live, require_fagleder
from .voting import vote_summary


def _check_outcome_open(item: AgendaItem) -> Case:
    ensure_live(item.meeting)
    if AgendaItemOutcome.objects.filter(agenda_item=item).exists():
        raise GuardFailed(f"{item.label} har allerede et utfall.", field="item")
    if item.consultation is None:
        raise GuardFailed(f"{item.label} er ikke en politisk sak.", field="item")
    return item.consultation.case


def check_quorum(item: AgendaItem) -> None:
    """koml. § 11-9: a body decides only when at least half its members are present in the item."""
    q = selectors.quorum(item.meeting, item)
    if not q.ok:
        raise GuardFailed(f"Organet er ikke vedtaksført: {q.label} (koml. § 11-9). Vedtaket kan ikke "
                          "registreres.", field="quorum")


@CASE_WORKFLOW.handler("decide")
def _decide(case: Case, *, actor, comment: str, decision_text: str, agenda_item: AgendaItem):
    """The one place a decision is registered, whichever path asks (møtemodus, the case API, a service)."""
    consultation = case.current_consultation
    if agenda_item.consultation_id is None or agenda_item.consultation_id != getattr(consultation, "pk", None):
        raise GuardFailed(f"{agenda_item.label} i {agenda_item.meeting} er ikke saken {case.arkivsaksnummer} "
                          "slik den behandles nå.", field="agenda_item")
    ensure_editable(agenda_item.meeting)
    # A vote being recorded in the item now is waited for, so the vote summary below counts it (voting.py locks the
    # item the same way, and a vote keyed in after this decision updates its summary).
    AgendaItem.objects.select_for_update().filter(pk=agenda_item.pk).first()
    if AgendaItemOutcome.objects.filter(agenda_item=agenda_item).exists():
        raise GuardFailed(f"{agenda_item.label} har allerede et utfall.", field="agenda_item")
    check_quorum(agenda_item)
    summary, unanimous = vote_summary(agenda_item)
    decision = Decision.objects.create(consultation=consultation, agenda_item=agenda_item,
                                       text=decision_text.strip(), vote_summary=summary, unanimous=unanimous,
                                       decided_at=agenda_item.meeting.start)
    AgendaItemOutcome.objects.create(agenda_item=agenda_item, outcome=ItemOutcome.DECIDED)
    return Outcome(result=decision, comment=f"{agenda_item.label} i {agenda_item.meeting}",
                   changes={"sak": agenda_item.label})


def item_decide(*, actor, item: AgendaItem, text: str, next_step: str = "final",
                forward_to: Organization | None = None) -> Decision:
    """The body decided. The case moves `decide` then `finalize` (final decision here) or `forward` and
    `receive_at_next_body` (this decision is the innstilling to the next body, where the case is `klar`)."""
    require_fagleder(actor)
    case = _check_outcome_open(item)
    check_quorum(item)
    if not (text or "").strip():
        raise GuardFailed("Vedtaksteksten mangler.", field="text")
    if next_step not in ("final", "forward"):
        raise GuardFailed("Velg om vedtaket er endelig eller går videre til neste organ.", field="next_step")
    with transaction.atomic():
        decision = run_transition(case, "decide", actor=actor, decision_text=text, agenda_item=item).result
        case.refresh_from_db()
        if next_step == "forward":
            run_transition(case, "forward", actor=actor, organization=forward_to,
                           comment=f"Vedtaket i {item.meeting.organization} er innstilling til neste organ.")
            case.refresh_from_db()
            run_transition(case, "receive_at_next_body", actor=actor)
            AgendaItemOutcome.objects.filter(agenda_item=item).update(
                forwarded_to=case.current_consultation.organization)
        else:
            run_transition(case, "finalize", actor=actor)
    return decision


OUTCOME_TRANSITIONS = {
    ItemOutcome.POSTPONED: "postpone",
    ItemOutcome.SENT_BACK: "send_back",
    ItemOutcome.WITHDRAWN: "withdraw",
}


def item_set_outcome(*, actor, item: AgendaItem, outcome: str, comment: str = "") -> AgendaItemOutcome:
    """Postponed (utsatt), sent back (sendt tilbake) or withdrawn (trukket): drives the case workflow.
    Referatsaker and orienteringer are simply noted (tatt til orientering)."""
    require_fagleder(actor)
    if outcome == ItemOutcome.NOTED:
        ensure_live(item.meeting)
        if item.consultation is not None:
            raise GuardFailed("En politisk sak må få et vedtak, eller bli utsatt, sendt tilbake eller trukket.",
                              field="outcome")
        if AgendaItemOutcome.objects.filter(agenda_item=item).exists():
            raise GuardFailed(f"{item.label} har allerede et utfall.", field="item")
        with transaction.atomic():
            result = AgendaItemOutcome.objects.create(agenda_item=item, outcome=outcome, comment=comment)
            audit(item.meeting, actor=actor, action=AuditAction.OUTCOME,
                  action_label=f"{item.label}: {ItemOutcome(outcome).label}", comment=comment)
        return result
    if outcome not in OUTCOME_TRANSITIONS:
        raise GuardFailed("Ukjent utfall.", field="outcome")
    case = _check_outcome_open(item)
    comment = (comment or "").strip() or f"{ItemOutcome(outcome).label} i {item.meeting} ({item.label})."
    with transaction.atomic():
        run_transition(case, OUTCOME_TRANSITIONS[outcome], actor=actor, comment=comment)
        result = AgendaItemOutcome.objects.create(agenda_item=item, outcome=outcome, comment=comment)
        if outcome == ItemOutcome.POSTPONED:
            case.refresh_from_db()
            run_transition(case, "ready_again", actor=actor, comment="Klar til et nytt møte.")
    return result


def decision_update(*, actor, decision: Decision, text: str) -> Decision:
    """Correct the decision text while the minutes are a draft; refused once they are approved."""
    require_fagleder(actor)
    if decision.agenda_item is not None:
        ensure_editable(decision.agenda_item.meeting)
    if not (text or "").strip():
        raise GuardFailed("Vedtaksteksten mangler.", field="text")
    with transaction.atomic():
        old = decision.text
        decision.text = text.strip()
        decision.save(update_fields=["text"])
        subject = decision.agenda_item.meeting if decision.agenda_item else decision.consultation.case
        audit(subject, actor=actor, action=AuditAction.DECISION_CHANGED,
              action_label=f"Vedtakstekst endret i {decision.agenda_item.label if decision.agenda_item else 'saken'}",
              changes={"fra": old[:200], "til": decision.text[:200]})
    return decision


__all__ = ["OUTCOME_TRANSITIONS", "check_quorum", "decision_update", "item_decide", "item_set_outcome"]
