"""Writes for vedtaksoppfølging. Each validates first, then changes and audits in one transaction."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from secretariat import access
from secretariat.common.dates import unusual_date_problem
from secretariat.meetings.models import Decision
from secretariat.organizations.models import AdministrativeUnit, Organization
from workflows.actions import AuditAction
from workflows.case import CASE_WORKFLOW, CaseState
from workflows.engine import audit, full_clean, run_transition
from workflows.errors import GuardFailed, TransitionForbidden
from workflows.followup import FOLLOWUP_WORKFLOW

from .legality import legality_review_deadline, legality_signer_choices
from .models import FollowUp, FollowUpNote, FollowUpReport, LegalityReviewDemand

FINAL_CASE_STATES = CASE_WORKFLOW.states_with("final")
MIN_LEGALITY_DEMANDERS = 3  # koml. § 27-1: three or more members of kommunestyret


def can_post_note(*, followup: FollowUp, user) -> bool:
    if access.can_manage_followups(user):
        return True
    return bool(getattr(user, "is_authenticated", False)) and followup.responsible_person_id == user.pk


def can_move(*, followup: FollowUp, user) -> bool:
    """The workflow's rule (workflows/followup.py): the responsible person, or the kommunedirektør."""
    return FOLLOWUP_WORKFLOW.may_act_on(followup, user)


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
    if not access.can_manage_followups(actor):
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
    followup = FollowUp(decision=decision, organization_id=decision.consultation.organization_id,
                        description=(description or "").strip(), responsible_unit=responsible_unit,
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
    """A demand for lovlighetskontroll has no suspensive effect by itself (koml. § 27-1): the follow-up stands
    still only when implementation was postponed by a recorded decision (fvl. § 42)."""
    demand = followup.postponing_demand()
    if demand is not None:
        raise GuardFailed(
            f"Oppfølgingen står i bero: {demand.postponed_by} besluttet {demand.postponed_on:%d.%m.%Y} å utsette "
            "iverksettingen til kravet om lovlighetskontroll er avgjort (koml. § 27-1, jf. fvl. § 42). Status kan "
            "ikke endres før kravet er avgjort.",
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


def require_legality_role(actor, what: str) -> None:
    if not access.can_manage_followups(actor):
        raise TransitionForbidden(f"Bare politisk sekretariat og kommunedirektøren kan {what}.")


def legality_demand_register(*, actor, decision: Decision, signers, note: str = "",
                             registered_at: dt.datetime | dt.date | None = None) -> LegalityReviewDemand:
    """Krav om lovlighetskontroll (koml. § 27-1): signed by at least three members of kommunestyret (regular
    members on the day of the demand; see LegalityReviewDemand), within three weeks of the decision. Registering it
    does not pause the follow-up: that takes a recorded decision to postpone implementation
    (`legality_implementation_postpone`)."""
    require_legality_role(actor, "registrere krav om lovlighetskontroll")
    now = timezone.now()
    if isinstance(registered_at, dt.date) and not isinstance(registered_at, dt.datetime):
        # The day the demand came in (entered afterwards): noon that day, or now if it is today.
        registered_at = (now if registered_at == timezone.localdate(now)
                         else timezone.make_aware(dt.datetime.combine(registered_at, dt.time(12))))
    registered_at = registered_at or now
    day = timezone.localtime(registered_at).date()
    decided_on = timezone.localtime(decision.decided_at).date()
    deadline = legality_review_deadline(decision)
    if deadline is None:  # an innstilling: the demand lies against the final decision (koml. § 27-1)
        raise GuardFailed("Dette er en innstilling til et annet organ, ikke et endelig vedtak. Lovlighetskontroll "
                          "kan bare kreves for endelige vedtak (koml. § 27-1).", field="decision")
    if day > deadline:
        raise GuardFailed(f"Fristen for å kreve lovlighetskontroll gikk ut {deadline:%d.%m.%Y} (koml. § 27-1).",
                          field="registered_at")
    if day < decided_on:
        raise GuardFailed(f"Kravet kan ikke være kommet {day:%d.%m.%Y}, før vedtaket ble truffet "
                          f"{decided_on:%d.%m.%Y}.", field="registered_at")
    if day > timezone.localdate(now):
        raise GuardFailed(f"Kravet kan ikke være kommet {day:%d.%m.%Y}: den datoen er ikke kommet ennå.",
                          field="registered_at")
    chosen = list(dict.fromkeys(signers or []))
    eligible = {m.pk: m for m in legality_signer_choices(day)}
    strangers = [m for m in chosen if m.pk not in eligible]
    if strangers:
        names = ", ".join(sorted({m.person.name for m in strangers}))
        raise GuardFailed(f"{names} var ikke medlem av kommunestyret {day:%d.%m.%Y} (varamedlemmer teller ikke). "
                          "Et krav om lovlighetskontroll settes fram av medlemmer av kommunestyret (koml. § 27-1).",
                          field="signers")
    if len({m.person_id for m in chosen}) < MIN_LEGALITY_DEMANDERS:
        raise GuardFailed("Kravet må settes fram av minst tre medlemmer av kommunestyret (koml. § 27-1). Velg "
                          "dem som har skrevet under.", field="signers")
    if LegalityReviewDemand.objects.pending().filter(decision=decision).exists():
        raise GuardFailed("Det er allerede registrert et krav om lovlighetskontroll som ikke er avgjort.",
                          field="decision")
    demand = LegalityReviewDemand(decision=decision, note=(note or "").strip(), registered_by=actor,
                                  registered_at=registered_at)
    demand.full_clean()
    with transaction.atomic():
        demand.save()
        demand.signers.set(chosen)
        names = ", ".join(demand.demanders)
        audit(decision.consultation.case, actor=actor, action=AuditAction.LEGALITY_DEMAND,
              action_label="Krav om lovlighetskontroll registrert",
              comment=f"Krevd av: {names}. Kravet stanser ikke iverksettingen av seg selv.",
              changes={"krevd av": [m.person.name for m in chosen], "kom": f"{day:%d.%m.%Y}"})
        for followup in decision.followups.all():
            audit(followup, actor=actor, action=AuditAction.LEGALITY_DEMAND, action_label="Krav om lovlighetskontroll",
                  comment=f"Krevd av: {names}. Oppfølgingen fortsetter til iverksettingen eventuelt utsettes.")
    return demand


def legality_implementation_postpone(*, actor, demand: LegalityReviewDemand, decided_by: str,
                                     decided_on: dt.date, comment: str = "") -> LegalityReviewDemand:
    """Utsatt iverksetting: the body that made the decision (or whoever has the authority) decided to postpone
    implementation until the demand is resolved (koml. § 27-1, jf. fvl. § 42). Recorded as its own audited step,
    with who decided and when; from then on the decision's follow-ups stand still."""
    require_legality_role(actor, "registrere utsatt iverksetting")
    if demand.resolved_at is not None:
        raise GuardFailed("Kravet om lovlighetskontroll er allerede avgjort; iverksettingen kan ikke utsettes "
                          "på grunn av det.", field="demand")
    if demand.postponed_on is not None:
        raise GuardFailed(f"Iverksettingen er allerede utsatt ({demand.postponed_by}, "
                          f"{demand.postponed_on:%d.%m.%Y}).", field="demand")
    decided_by = (decided_by or "").strip()
    if not decided_by:
        raise GuardFailed("Skriv hvem som besluttet å utsette iverksettingen (organet, f.eks. «Kommunestyret, sak "
                          "PS 14/27», eller den som har myndigheten).", field="decided_by")
    if decided_on is None:
        raise GuardFailed("Oppgi datoen utsettelsen ble besluttet.", field="decided_on")
    decided = timezone.localtime(demand.decision.decided_at).date()
    if decided_on < decided:
        raise GuardFailed(f"Utsettelsen kan ikke være besluttet {decided_on:%d.%m.%Y}, før vedtaket ble truffet "
                          f"{decided:%d.%m.%Y}.", field="decided_on")
    if decided_on > timezone.localdate():
        raise GuardFailed(f"Datoen {decided_on:%d.%m.%Y} er ikke kommet ennå.", field="decided_on")
    with transaction.atomic():
        locked = LegalityReviewDemand.objects.select_for_update().get(pk=demand.pk)
        if locked.postponed_on is not None or locked.resolved_at is not None:
            raise GuardFailed("Kravet er endret av noen andre i mellomtiden. Last siden på nytt.", field="demand")
        locked.postponed_on = decided_on
        locked.postponed_by = decided_by[:200]
        locked.postponement_recorded_by = actor
        locked.save(update_fields=["postponed_on", "postponed_by", "postponement_recorded_by"])
        text = f"{decided_by} besluttet {decided_on:%d.%m.%Y} å utsette iverksettingen (koml. § 27-1, jf. fvl. § 42)."
        changes = {"besluttet av": decided_by, "besluttet": f"{decided_on:%d.%m.%Y}"}
        audit(demand.decision.consultation.case, actor=actor, action=AuditAction.LEGALITY_POSTPONED,
              action_label="Iverksetting utsatt", comment=" ".join(filter(None, [text, (comment or "").strip()])),
              changes=changes)
        for followup in demand.decision.followups.all():
            audit(followup, actor=actor, action=AuditAction.LEGALITY_POSTPONED, action_label="Iverksetting utsatt",
                  comment=f"{text} Oppfølgingen står i bero til kravet er avgjort.", changes=changes)
    demand.refresh_from_db()
    return demand


def legality_demand_resolve(*, actor, demand: LegalityReviewDemand, outcome: str) -> LegalityReviewDemand:
    require_legality_role(actor, "registrere utfallet")
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
    if not access.can_manage_followups(actor):
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
