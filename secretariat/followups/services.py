"""Writes for vedtaksoppfølging. Each validates first, then changes and audits in one transaction."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from secretariat.accounts.roles import Role, has_role
from secretariat.common.dates import unusual_date_problem
from secretariat.meetings.models import Decision
from secretariat.organizations.models import AdministrativeUnit, Organization
from workflows.actions import AuditAction
from workflows.case import CASE_WORKFLOW, CaseState
from workflows.engine import audit, full_clean, run_transition
from workflows.errors import GuardFailed, TransitionForbidden
from workflows.followup import FOLLOWUP_WORKFLOW

from .legality import legality_review_deadline
from .models import FollowUp, FollowUpNote, FollowUpReport, LegalityReviewDemand

FINAL_CASE_STATES = CASE_WORKFLOW.states_with("final")
MIN_LEGALITY_DEMANDERS = 3  # koml. § 27-1: three or more members of kommunestyret


def can_create_followups(user) -> bool:
    return has_role(user, Role.FAGLEDER, Role.KOMMUNEDIREKTOR)


def can_post_note(*, followup: FollowUp, user) -> bool:
    if has_role(user, Role.FAGLEDER, Role.KOMMUNEDIREKTOR):
        return True
    return bool(getattr(user, "is_authenticated", False)) and followup.responsible_person_id == user.pk


def can_move(*, followup: FollowUp, user) -> bool:
    if has_role(user, Role.KOMMUNEDIREKTOR):
        return True
    return bool(getattr(user, "is_authenticated", False)) and followup.responsible_person_id == user.pk


def decision_is_final(decision: Decision) -> bool:
    """Final: a vedtak, not an innstilling to another body (issue 13), and the case is decided for good or this
    body's decision is the authoritative one."""
    if not decision.is_final:
        return False
    consultation = decision.consultation
    return consultation.authoritative or consultation.case.state in FINAL_CASE_STATES


def past_deadline_warning(deadline: dt.date) -> str:
    return (f"Fristen {deadline:%d.%m.%Y} er allerede passert, så oppfølgingen blir forsinket fra start. "
            "Kryss av for å bekrefte at det er riktig.")


def followup_create(*, actor, decision: Decision, description: str, responsible_unit: AdministrativeUnit,
                    responsible_person, deadline: dt.date, confirm_past_deadline: bool = False) -> FollowUp:
    """Create a follow-up of a final decision. The first follow-up of a `vedtatt` case starts its follow-up."""
    if not can_create_followups(actor):
        raise TransitionForbidden("Bare politisk sekretariat (fagleder) og kommunedirektøren kan opprette oppfølginger.")
    if decision is None:
        raise ValidationError({"decision": "Velg hvilket vedtak som skal følges opp."})
    case = decision.consultation.case
    if not decision_is_final(decision):
        raise GuardFailed(
            f"Vedtaket i sak {case.arkivsaksnummer} er ikke endelig (saken har status «{case.get_state_display()}»). "
            "Bare endelige vedtak kan følges opp.",
            field="decision",
        )
    if deadline is not None and deadline < timezone.localdate() and not confirm_past_deadline:
        raise ValidationError({"deadline": past_deadline_warning(deadline)}, code="past_deadline")
    followup = FollowUp(decision=decision, description=(description or "").strip(), responsible_unit=responsible_unit,
                        responsible_person=responsible_person, deadline=deadline, created_by=actor)
    full_clean(followup)
    with transaction.atomic():
        followup.save()
        audit(followup, actor=actor, action=AuditAction.CREATED, action_label="Oppfølging opprettet",
              to_state=followup.state,
              changes={"frist": f"{deadline:%d.%m.%Y}", "ansvarlig": responsible_person.get_username(),
                       "enhet": responsible_unit.name, "sak": case.arkivsaksnummer})
        # Lock the case: two follow-ups created at once must not both try to start its follow-up.
        locked = type(case).objects.select_for_update().get(pk=case.pk)
        if locked.state == CaseState.VEDTATT:
            run_transition(locked, "start_follow_up", actor=actor,
                           comment="Første oppfølging av vedtaket er opprettet.")
    return followup


def followup_transition(*, followup: FollowUp, name: str, actor, comment: str = "",
                        expected_state: str | None = None, **inputs):
    """Move a follow-up (see workflows/followup.py). Only the responsible person or the kommunedirektør."""
    if not can_move(followup=followup, user=actor):
        raise TransitionForbidden(
            "Bare den som er ansvarlig for oppfølgingen "
            f"({followup.responsible_person.get_full_name() or followup.responsible_person.get_username()}) "
            "eller kommunedirektøren kan endre status."
        )
    if name != "abandon":
        inputs.pop("reason", None)
    return run_transition(followup, name, actor=actor, comment=comment, expected_state=expected_state, **inputs)


def check_not_paused(followup: FollowUp) -> None:
    """koml. § 27-1: while a legality review of the decision is pending, the follow-up stands still."""
    demand = followup.pending_legality_demand()
    if demand is not None:
        raise GuardFailed(
            f"Oppfølgingen står i bero: det er krevd lovlighetskontroll av vedtaket "
            f"(registrert {timezone.localtime(demand.registered_at):%d.%m.%Y}). Status kan ikke endres før "
            "kravet er avgjort (koml. § 27-1).",
            field="state",
        )


@FOLLOWUP_WORKFLOW.handler("start")
def _start(followup: FollowUp, *, actor, comment: str):
    check_not_paused(followup)


@FOLLOWUP_WORKFLOW.handler("complete")
def _complete(followup: FollowUp, *, actor, comment: str):
    check_not_paused(followup)
    followup.closed_at = timezone.now()


@FOLLOWUP_WORKFLOW.handler("abandon")
def _abandon(followup: FollowUp, *, actor, comment: str, reason: str = ""):
    check_not_paused(followup)
    reason = (reason or comment or "").strip()
    if not reason:
        raise GuardFailed("Skriv hvorfor vedtaket ikke blir gjennomført.", field="reason")
    followup.reason = reason
    followup.closed_at = timezone.now()


def followup_note_add(*, followup: FollowUp, actor, text: str) -> FollowUpNote:
    if not can_post_note(followup=followup, user=actor):
        raise TransitionForbidden(
            "Bare den som er ansvarlig for oppfølgingen, fagleder eller kommunedirektøren kan skrive statusmeldinger."
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Skriv hva som er gjort siden sist."})
    note = FollowUpNote(followup=followup, author=actor, text=text)
    note.full_clean()
    with transaction.atomic():
        note.save()
        audit(followup, actor=actor, action=AuditAction.STATUS_NOTE, action_label="Statusmelding", comment=text[:2000])
    return note


def legality_demand_register(*, actor, decision: Decision, demanded_by: str, note: str = "",
                             registered_at: dt.datetime | None = None) -> LegalityReviewDemand:
    """Krav om lovlighetskontroll (koml. § 27-1): pauses the decision's follow-ups until resolved."""
    if not has_role(actor, Role.FAGLEDER, Role.KOMMUNEDIREKTOR):
        raise TransitionForbidden("Bare politisk sekretariat og kommunedirektøren kan registrere krav om "
                                  "lovlighetskontroll.")
    registered_at = registered_at or timezone.now()
    deadline = legality_review_deadline(decision)
    if deadline is None:  # an innstilling: the demand lies against the final decision (koml. § 27-1)
        raise GuardFailed("Dette er en innstilling til et annet organ, ikke et endelig vedtak. Lovlighetskontroll "
                          "kan bare kreves for endelige vedtak (koml. § 27-1).", field="decision")
    if timezone.localtime(registered_at).date() > deadline:
        raise GuardFailed(f"Fristen for å kreve lovlighetskontroll gikk ut {deadline:%d.%m.%Y} (koml. § 27-1).",
                          field="registered_at")
    demand = LegalityReviewDemand(decision=decision, demanded_by=(demanded_by or "").strip(), note=(note or "").strip(),
                                  registered_by=actor, registered_at=registered_at)
    if len(demand.demanders) < MIN_LEGALITY_DEMANDERS:
        raise ValidationError({"demanded_by": "Kravet må settes fram av minst tre medlemmer av kommunestyret "
                                              "(koml. § 27-1). Skriv ett navn per linje."})
    if LegalityReviewDemand.objects.filter(decision=decision, resolved_at__isnull=True).exists():
        raise GuardFailed("Det er allerede registrert et krav om lovlighetskontroll som ikke er avgjort.",
                          field="decision")
    demand.full_clean()
    with transaction.atomic():
        demand.save()
        for followup in decision.followups.all():
            audit(followup, actor=actor, action=AuditAction.LEGALITY_DEMAND, action_label="Krav om lovlighetskontroll",
                  comment=f"Oppfølgingen står i bero. Krevd av: {', '.join(demand.demanders)}")
        audit(decision.consultation.case, actor=actor, action=AuditAction.LEGALITY_DEMAND,
              action_label="Krav om lovlighetskontroll registrert",
              comment=f"Krevd av: {', '.join(demand.demanders)}")
    return demand


def legality_demand_resolve(*, actor, demand: LegalityReviewDemand, outcome: str) -> LegalityReviewDemand:
    if not has_role(actor, Role.FAGLEDER, Role.KOMMUNEDIREKTOR):
        raise TransitionForbidden("Bare politisk sekretariat og kommunedirektøren kan registrere utfallet.")
    if demand.resolved_at is not None:
        raise GuardFailed("Kravet er allerede avgjort.")
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": "Skriv utfallet av lovlighetskontrollen (f.eks. «Vedtaket er opprettholdt»)."})
    with transaction.atomic():
        demand.resolved_at = timezone.now()
        demand.outcome = outcome
        demand.save(update_fields=["resolved_at", "outcome"])
        audit(demand.decision.consultation.case, actor=actor, action=AuditAction.LEGALITY_RESOLVED,
              action_label="Lovlighetskontroll avgjort", comment=outcome)
    return demand


def report_create(*, actor, organization: Organization, period_start: dt.date, period_end: dt.date) -> FollowUpReport:
    if not has_role(actor, Role.FAGLEDER, Role.KOMMUNEDIREKTOR):
        raise TransitionForbidden("Bare politisk sekretariat og kommunedirektøren kan lage oppfølgingsrapporter.")
    if organization is None:
        raise ValidationError({"organization": "Velg organet rapporten skal til."})
    if period_start is None or period_end is None:
        raise ValidationError({"period_start": "Oppgi perioden rapporten gjelder."})
    if period_end < period_start:
        raise ValidationError({"period_end": "Slutten av perioden må være etter starten."})
    for name, day in (("period_start", period_start), ("period_end", period_end)):
        problem = unusual_date_problem(day, confirmed=True)  # only the sane-year bound: a report may look far back
        if problem:
            raise ValidationError({name: problem})
    # A report covers a few years at most (a report for 0001-9999 was published at once); setting
    # FOLLOWUP_REPORT_MAX_YEARS, default 3.
    max_years = getattr(settings, "FOLLOWUP_REPORT_MAX_YEARS", 3)
    if (period_end - period_start).days > max_years * 366:
        raise ValidationError({"period_end": f"En rapport kan gjelde høyst {max_years} år."})
    with transaction.atomic():
        report, created = FollowUpReport.objects.get_or_create(
            organization=organization, period_start=period_start, period_end=period_end,
            defaults={"created_by": actor},
        )
        if created:
            audit(report, actor=actor, action=AuditAction.CREATED, action_label="Oppfølgingsrapport laget")
    return report
