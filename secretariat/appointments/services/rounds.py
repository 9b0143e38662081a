"""Writes for appointment rounds and their pools: create a round, set and add pools, run a workflow step.
Each validates first and changes everything in one transaction with an audit row (workflows.engine.audit)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from secretariat.organizations.models import Body, Gender, OrganizationType
from workflows.actions import AuditAction
from workflows.engine import audit, full_clean, run_transition
from workflows.errors import GuardFailed

from ..models import AppointmentRound, Pool, PoolKind, RoundKind
from ._common import CANDIDATE_EDIT_STATES, active_organization_of_type, require_appointments_handler
from .deadlines import default_deadlines


def _default_pools(kind: str) -> list[tuple[str, str, int]]:
    if kind == RoundKind.MEDDOMMERE:
        return [(PoolKind.TINGRETT, Gender.FEMALE, 0), (PoolKind.TINGRETT, Gender.MALE, 0),
                (PoolKind.LAGMANNSRETT, Gender.FEMALE, 0), (PoolKind.LAGMANNSRETT, Gender.MALE, 0)]
    if kind == RoundKind.FORLIKSRAD:  # dl. § 27: 3 members and 3 substitutes
        return [(PoolKind.FORLIKSRAD_MEDLEM, "", 3), (PoolKind.FORLIKSRAD_VARA, "", 3)]
    return [(PoolKind.ANNET, "", 1)]


def round_create(*, actor, kind: str, title: str, period_start: dt.date, period_end: dt.date,
                 call_deadline: dt.date | None = None, call_text: str = "", reported_to: str = "",
                 pools: list[tuple[str, str, int]] | None = None, pool_name: str = "") -> AppointmentRound:
    require_appointments_handler(actor)
    round_ = AppointmentRound(
        body=Body.current(), kind=kind, title=(title or "").strip(), period_start=period_start,
        period_end=period_end, call_deadline=call_deadline, call_text=call_text.strip(),
        reported_to=reported_to or _default_recipient(kind),
        proposing_organization=active_organization_of_type(OrganizationType.FORMANNSKAP),
        electing_organization=active_organization_of_type(OrganizationType.KOMMUNESTYRE),
        **(default_deadlines(kind, period_start) if period_start else {}),
    )
    if round_.body is None:
        raise ValidationError({"body": "Kommunen er ikke registrert."})
    if period_start and period_end and period_end <= period_start:
        raise ValidationError({"period_end": "Perioden må slutte etter at den starter."})
    full_clean(round_)
    with transaction.atomic():
        round_.save()
        for position, (pool_kind, gender, size) in enumerate(pools or _default_pools(kind), start=1):
            Pool.objects.create(round=round_, kind=pool_kind, gender=gender, size=size, position=position,
                                name=pool_name if pool_kind == PoolKind.ANNET else "")
        audit(round_, actor=actor, action=AuditAction.CREATED, action_label="Oppnevning kunngjort", to_state=round_.state)
    return round_


def _default_recipient(kind: str) -> str:
    if kind == RoundKind.FORLIKSRAD:
        return "Statsforvalteren"  # dl. §§ 57–58
    if kind == RoundKind.MEDDOMMERE:
        return "Tingretten og lagmannsretten"
    return ""


# No pool of a kommune comes near this; it keeps a typed number inside the column (a small integer) instead of a
# database error.
MAX_POOL_SIZE = 1000


def round_set_pool_sizes(*, actor, round: AppointmentRound, sizes: dict[int, int]) -> None:
    """The courts give the number of meddommere per pool (dl. § 64)."""
    require_appointments_handler(actor)
    if round.state not in CANDIDATE_EDIT_STATES:
        raise GuardFailed("Antallet kan ikke endres etter at innstillingen er registrert.", field="pools")
    changes = {}
    with transaction.atomic():
        for pool in round.pools.select_for_update(of=("self",)):
            if pool.pk in sizes:
                size = sizes[pool.pk]
                if size is None or int(size) < 0:
                    raise ValidationError({"size": "Antallet kan ikke være negativt."})
                if int(size) > MAX_POOL_SIZE:
                    raise ValidationError({"size": f"Antallet kan være høyst {MAX_POOL_SIZE}."})
                if pool.size != int(size):
                    changes[pool.label] = {"fra": pool.size, "til": int(size)}
                    pool.size = int(size)
                    pool.save(update_fields=["size"])
        if changes:
            audit(round, actor=actor, action=AuditAction.POOL_SIZES, action_label="Antall i utvalgene endret",
                  changes=changes)


def round_add_pool(*, actor, round: AppointmentRound, name: str, size: int, gender: str = "") -> Pool:
    """Another office in the same round, e.g. one stemmestyre per polling station."""
    require_appointments_handler(actor)
    if round.state not in CANDIDATE_EDIT_STATES:
        raise GuardFailed("Utvalg kan ikke legges til etter at innstillingen er registrert.", field="name")
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = ["Skriv navnet på vervet eller utvalget."]
    if size is None or int(size) < 1:
        errors["size"] = ["Antallet må være minst 1."]
    elif int(size) > MAX_POOL_SIZE:
        errors["size"] = [f"Antallet kan være høyst {MAX_POOL_SIZE}."]
    if gender not in ("", "K", "M"):
        errors["gender"] = ["Ukjent kjønn."]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        position = (max((p.position for p in round.pools.all()), default=0)) + 1
        pool = Pool.objects.create(round=round, kind=PoolKind.ANNET, name=name, size=int(size), gender=gender,
                                   position=position)
        audit(round, actor=actor, action=AuditAction.POOL_ADDED, action_label=f"Utvalg lagt til: {pool.label}"[:120],
              changes={"utvalg": pool.label, "antall": pool.size})
    return pool


def round_transition(*, round: AppointmentRound, name: str, actor, comment: str = "",
                     expected_state: str | None = None, **inputs):
    return run_transition(round, name, actor=actor, comment=comment, expected_state=expected_state, **inputs)
