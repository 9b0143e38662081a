"""Writes for candidates: the public call (dl. § 67), registering and editing by the secretariat, the
eligibility check stored on the candidate, and placing a candidate in a pool of the proposal."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed

from ..eligibility import check_candidate, is_eligible
from ..models import AppointmentRound, Candidate, CandidateSource, Pool
from ._common import CANDIDATE_EDIT_STATES, PROPOSAL_STATES, require_appointments_handler

CANDIDATE_FIELDS = ("given_name", "family_name", "birth_date", "gender", "address", "postal_code", "postal_place",
                    "email", "phone", "occupation", "occupation_text", "wished_pool", "resident_in_kommune",
                    "adequate_norwegian", "voting_rights", "bankrupt", "criminal_record", "earlier_periods", "party",
                    "proposed_by", "motivation")


PUBLIC_FIELDS = ("given_name", "family_name", "birth_date", "gender", "address", "postal_code", "postal_place",
                 "email", "phone", "occupation", "occupation_text", "wished_pool", "resident_in_kommune",
                 "adequate_norwegian", "proposed_by", "motivation")


def _clean_candidate(candidate: Candidate) -> None:
    errors = {}
    if not candidate.given_name.strip():
        errors["given_name"] = ["Skriv fornavnet."]
    if not candidate.family_name.strip():
        errors["family_name"] = ["Skriv etternavnet."]
    if candidate.birth_date and candidate.birth_date > timezone.localdate():
        errors["birth_date"] = ["Fødselsdatoen kan ikke være fram i tid."]
    if candidate.birth_date and candidate.birth_date.year < 1900:
        errors["birth_date"] = ["Sjekk fødselsdatoen."]
    if candidate.postal_code and not (candidate.postal_code.isdigit() and len(candidate.postal_code) == 4):
        errors["postal_code"] = ["Postnummeret har fire siffer."]
    if errors:
        raise ValidationError(errors)
    candidate.full_clean(exclude=["round", "pool", "eligibility"])


def candidate_apply_check(candidate: Candidate) -> None:
    """Compute and store the eligibility result (not saved here)."""
    results = check_candidate(candidate)
    candidate.eligibility = [r.as_dict() for r in results]
    candidate.eligible = is_eligible(results)
    candidate.checked_at = timezone.now()


def candidate_submit_public(*, round: AppointmentRound, data: dict) -> Candidate:
    """The public call (dl. § 67): anyone may propose a candidate (themselves or someone else)."""
    if not round.is_open_for_public:
        raise GuardFailed("Innmeldingen av kandidater til denne oppnevningen er stengt.")
    if round.call_deadline and timezone.localdate() > round.call_deadline:
        raise GuardFailed(f"Fristen for å melde inn kandidater var {round.call_deadline:%d.%m.%Y}.")
    candidate = Candidate(round=round, source=CandidateSource.PUBLIC,
                          **{k: v for k, v in data.items() if k in PUBLIC_FIELDS})
    _clean_candidate(candidate)
    candidate_apply_check(candidate)
    with transaction.atomic():
        candidate.save()
        audit(round, actor=None, action=AuditAction.CANDIDATE_SUBMITTED,
              action_label=f"Kandidat meldt inn via nettskjema: {candidate.name}"[:120],
              changes={"kandidat": candidate.name})
    return candidate


def candidate_register(*, actor, round: AppointmentRound, data: dict) -> Candidate:
    require_appointments_handler(actor)
    if round.state not in CANDIDATE_EDIT_STATES:
        raise GuardFailed(f"Nye kandidater kan ikke registreres når runden har status «{round.get_state_display()}».")
    candidate = Candidate(round=round, source=CandidateSource.SECRETARIAT,
                          **{k: v for k, v in data.items() if k in CANDIDATE_FIELDS})
    _clean_candidate(candidate)
    candidate_apply_check(candidate)
    with transaction.atomic():
        candidate.save()
        audit(round, actor=actor, action=AuditAction.CANDIDATE_REGISTERED,
              action_label=f"Kandidat registrert: {candidate.name}"[:120],
              changes={"kandidat": candidate.name})
    return candidate


def candidate_update(*, actor, candidate: Candidate, data: dict) -> Candidate:
    require_appointments_handler(actor)
    round_ = candidate.round
    if round_.state not in CANDIDATE_EDIT_STATES:
        raise GuardFailed(f"Kandidater kan ikke endres når runden har status «{round_.get_state_display()}».")
    changes = {}
    for name in CANDIDATE_FIELDS:
        if name in data and getattr(candidate, name) != data[name]:
            changes[name] = {"fra": str(getattr(candidate, name) or ""), "til": str(data[name] or "")}
            setattr(candidate, name, data[name])
    _clean_candidate(candidate)
    candidate_apply_check(candidate)
    with transaction.atomic():
        if candidate.pool_id and not candidate.eligible:
            changes["utvalg"] = {"fra": candidate.pool.label, "til": ""}
            candidate.pool = None  # an ineligible candidate cannot stay in the proposal
        candidate.save()
        if changes:
            audit(round_, actor=actor, action=AuditAction.CANDIDATE_CHANGED,
                  action_label=f"Kandidat endret: {candidate.name}"[:120],
                  changes=changes)
    return candidate


def candidate_assign_pool(*, actor, candidate: Candidate, pool: Pool | None) -> Candidate:
    """Place a candidate in the proposal (a pool), or take them out (pool=None)."""
    require_appointments_handler(actor)
    round_ = candidate.round
    if round_.state not in PROPOSAL_STATES:
        raise GuardFailed("Kandidater settes inn i forslaget når forslagene er mottatt og før innstillingen er "
                          f"registrert; runden har status «{round_.get_state_display()}».", field="pool")
    with transaction.atomic():
        candidate = Candidate.objects.select_for_update(of=("self",)).get(pk=candidate.pk)
        before = candidate.pool.label if candidate.pool_id else ""
        if pool is not None:
            if pool.round_id != round_.pk:
                raise GuardFailed("Utvalget hører til en annen oppnevning.", field="pool")
            pool = Pool.objects.select_for_update(of=("self",)).get(pk=pool.pk)  # one placement at a time per pool
            candidate_apply_check(candidate)
            if not candidate.eligible:
                raise GuardFailed(f"{candidate.name} er ikke valgbar: " + " ".join(candidate.failed_reasons),
                                  field="pool")
            if pool.gender and candidate.gender != pool.gender:
                raise GuardFailed(f"{pool.label} er for {pool.get_gender_display().lower()}e; {candidate.name} er "
                                  f"registrert som {candidate.get_gender_display().lower() or 'ukjent kjønn'}.",
                                  field="pool")
            taken = pool.candidates.exclude(pk=candidate.pk).count()
            if pool.size and taken >= pool.size:
                raise GuardFailed(f"{pool.label} er fullt ({pool.size}).", field="pool")
        candidate.pool = pool
        candidate.save()
        audit(round_, actor=actor, action=AuditAction.PROPOSAL_CHANGED,
              action_label=f"{candidate.name} {'satt inn i ' + pool.label if pool else 'tatt ut av forslaget'}"[:120],
              changes={"kandidat": candidate.name, "utvalg": {"fra": before, "til": pool.label if pool else ""}})
    return candidate
