"""Reads on the proposal's pools: what keeps it from being complete and lawful, and its balance of sex and age."""

from __future__ import annotations

from django.conf import settings

from secretariat.organizations.models import Gender

from ..models import AppointmentRound, PoolKind


def round_proposal_problems(*, round: AppointmentRound) -> list[str]:
    """Why the proposal is not complete and lawful yet (empty when it is)."""
    problems = []
    pools = list(round.pools.prefetch_related("candidates"))
    if not pools:
        return ["Runden har ingen utvalg."]
    for pool in pools:
        chosen = list(pool.candidates.all())
        if pool.size == 0:
            problems.append(f"{pool.label}: antallet er ikke fastsatt.")
        elif len(chosen) != pool.size:
            problems.append(f"{pool.label}: {len(chosen)} av {pool.size} er foreslått.")
        for c in chosen:
            if not c.eligible:
                problems.append(f"{c.name} er ikke valgbar.")
            if pool.gender and c.gender != pool.gender:
                problems.append(f"{c.name} står i feil utvalg ({pool.label}).")
        if pool.kind in (PoolKind.FORLIKSRAD_MEDLEM, PoolKind.FORLIKSRAD_VARA) and pool.size >= 2:
            genders = {c.gender for c in chosen}
            if not {Gender.FEMALE, Gender.MALE} <= genders:
                who = "medlemmene" if pool.kind == PoolKind.FORLIKSRAD_MEDLEM else "varamedlemmene"
                problems.append(f"Forliksrådet: både kvinner og menn må være representert blant {who} (dl. § 27).")
    return problems


AGE_GROUPS = [(21, 29), (30, 39), (40, 49), (50, 59), (60, 69)]


def round_balance(*, round: AppointmentRound) -> dict:
    """Balance shown on the round: sex per pool, and the age spread of the proposed (or all eligible)."""
    pools = []
    for pool in round.pools.prefetch_related("candidates"):
        chosen = list(pool.candidates.all())
        women = sum(1 for c in chosen if c.gender == Gender.FEMALE)
        men = sum(1 for c in chosen if c.gender == Gender.MALE)
        pools.append({"pool": pool, "label": pool.label, "size": pool.size, "proposed": len(chosen),
                      "women": women, "men": men, "full": pool.size > 0 and len(chosen) == pool.size})
    proposed = list(round.candidates.filter(pool__isnull=False))
    basis = "foreslåtte" if proposed else "valgbare kandidater"
    people = proposed or list(round.candidates.filter(eligible=True))
    ages = sorted(a for a in (c.age_on(round.period_start) for c in people) if a is not None)
    groups = []
    for low, high in AGE_GROUPS:
        n = sum(1 for a in ages if low <= a <= high)
        groups.append({"label": f"{low}–{high}", "count": n})
    warnings = []
    if ages and len(ages) >= 4:
        largest = max(g["count"] for g in groups)
        if largest / len(ages) > float(getattr(settings, "SAKSGANG_APPOINTMENT_AGE_GROUP_MAX_SHARE", 0.5)):
            warnings.append("Mer enn halvparten er i samme aldersgruppe; utvalgene skal ha en allsidig "
                            "sammensetning (dl. § 66).")
    women = sum(1 for c in people if c.gender == Gender.FEMALE)
    men = sum(1 for c in people if c.gender == Gender.MALE)
    return {
        "pools": pools, "basis": basis, "count": len(people), "women": women, "men": men,
        "ages": {"min": ages[0] if ages else None, "max": ages[-1] if ages else None,
                 "median": ages[len(ages) // 2] if ages else None},
        "age_groups": groups, "warnings": warnings,
    }
