"""Eligibility of a candidate (domstolloven §§ 70–72; for forliksråd § 56), as (rule, ok, reason) rows.

One function, `check_candidate`, returns every rule with its result and a Norwegian reason, so the page, the
API and the report all show the same explanation. Age is computed at the START of the period (dl. § 70:
"ved valgperiodens start"). Limits that come from practice rather than the statute are settings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.conf import settings

from .models import CriminalRecord, Occupation, RoundKind


@dataclass(frozen=True)
class RuleResult:
    rule: str
    ok: bool
    reason: str

    def as_dict(self) -> dict:
        return asdict(self)


def age_limits(kind: str) -> tuple[int, int | None]:
    """(minimum age, age the candidate must be under, or None) at the start of the period."""
    if kind == RoundKind.ANNET:  # other offices (e.g. stemmestyre): eligible at the municipal election, 18 years
        return (getattr(settings, "SAKSGANG_OTHER_APPOINTMENT_MIN_AGE", 18), None)
    if kind == RoundKind.FORLIKSRAD:  # dl. § 56: 25 years, under 70
        return (getattr(settings, "SAKSGANG_FORLIKSRAD_MIN_AGE", 25), getattr(settings, "SAKSGANG_APPOINTMENT_MAX_AGE", 70))
    return (getattr(settings, "SAKSGANG_MEDDOMMER_MIN_AGE", 21), getattr(settings, "SAKSGANG_APPOINTMENT_MAX_AGE", 70))


def excluded_occupations() -> set[str]:
    """dl. § 71 pick-list; a kommune may narrow it (e.g. drop «prest») with SAKSGANG_EXCLUDED_OCCUPATIONS."""
    configured = getattr(settings, "SAKSGANG_EXCLUDED_OCCUPATIONS", None)
    if configured is not None:
        return set(configured)
    return {value for value in Occupation.values if value}


def max_earlier_periods() -> int:
    # (check) practice: someone who has served two periods in a row is not proposed again / may ask to be excused.
    return int(getattr(settings, "SAKSGANG_APPOINTMENT_MAX_EARLIER_PERIODS", 2))


def age_at(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _yes(value, rule: str, ok_text: str, bad_text: str, unknown_text: str) -> RuleResult:
    if value is None:
        return RuleResult(rule, False, unknown_text)
    return RuleResult(rule, bool(value), ok_text if value else bad_text)


def check_candidate(candidate, *, kind: str | None = None, period_start: dt.date | None = None) -> list[RuleResult]:
    """Every eligibility rule for `candidate` in its round (or the given kind and period start)."""
    round_ = candidate.round
    kind = kind or round_.kind
    period_start = period_start or round_.period_start
    law = {RoundKind.FORLIKSRAD: "dl. § 56", RoundKind.ANNET: "valgbar ved kommunestyrevalg"}.get(kind, "dl. § 70")
    results: list[RuleResult] = []

    low, high = age_limits(kind)
    start_text = f"{period_start:%d.%m.%Y}"
    if candidate.birth_date is None:
        results.append(RuleResult("alder", False, f"Fødselsdato mangler; alderen må kontrolleres ({law})."))
    else:
        age = age_at(candidate.birth_date, period_start)
        if age < low:
            results.append(RuleResult("alder", False,
                                      f"Er {age} år ved periodens start {start_text}; må ha fylt {low} år ({law})."))
        elif high is not None and age >= high:
            results.append(RuleResult("alder", False,
                                      f"Er {age} år ved periodens start {start_text}; må være under {high} år ({law})."))
        else:
            span = f"{low}–{high - 1}" if high is not None else f"minst {low}"
            results.append(RuleResult("alder", True, f"Er {age} år ved periodens start {start_text} ({span})."))

    results.append(_yes(candidate.resident_in_kommune, "bosted", "Registrert bosatt i kommunen.",
                        f"Er ikke registrert bosatt i kommunen ({law if kind == RoundKind.ANNET else 'dl. § 70'}).",
                        "Bosted i kommunen er ikke bekreftet (folkeregisteret)."))
    voting = _yes(candidate.voting_rights, "stemmerett", "Har stemmerett ved kommunestyrevalg.",
                  f"Har ikke stemmerett ved kommunestyrevalg ({law}).",
                  "Stemmerett er ikke kontrollert (manntallet).")
    if kind == RoundKind.ANNET:
        # Other appointments by kommunestyret: the domstolloven rules (language, bankruptcy, § 71, § 72) do not apply.
        return [*results, voting]
    results.append(_yes(candidate.adequate_norwegian, "norsk", "Har tilfredsstillende norskkunnskaper.",
                        "Har ikke tilfredsstillende norskkunnskaper (dl. § 70).",
                        "Norskkunnskaper er ikke bekreftet."))
    results.append(voting)
    if candidate.bankrupt is None:
        results.append(RuleResult("konkurs", False, "Det er ikke kontrollert om kandidaten er under konkursbehandling."))
    elif candidate.bankrupt:
        results.append(RuleResult("konkurs", False, "Er under konkursbehandling (dl. § 70)."))
    else:
        results.append(RuleResult("konkurs", True, "Er ikke under konkursbehandling."))

    if candidate.occupation and candidate.occupation in excluded_occupations():
        label = Occupation(candidate.occupation).label
        results.append(RuleResult("yrke", False, f"Utelukket på grunn av stilling: {label} (dl. § 71)."))
    else:
        results.append(RuleResult("yrke", True, "Har ingen stilling som utelukker (dl. § 71)."))

    if candidate.criminal_record == CriminalRecord.CLEAN:
        results.append(RuleResult("vandel", True, "Politiattest uten merknader (dl. § 72)."))
    elif candidate.criminal_record == CriminalRecord.REMARKS:
        results.append(RuleResult("vandel", False, "Politiattesten har merknader; kan ikke velges (dl. § 72)."))
    else:
        results.append(RuleResult("vandel", False, "Politiattest er ikke innhentet ennå (dl. § 72)."))

    limit = max_earlier_periods()
    if candidate.earlier_periods >= limit:
        results.append(RuleResult("tidligere_perioder", False,
                                  f"Har sittet {candidate.earlier_periods} perioder på rad; grensen er {limit}."))
    else:
        text = "Har ikke sittet før." if candidate.earlier_periods == 0 else (
            f"Har sittet {candidate.earlier_periods} periode(r) på rad (grense {limit}).")
        results.append(RuleResult("tidligere_perioder", True, text))
    return results


def is_eligible(results: list[RuleResult]) -> bool:
    return all(r.ok for r in results)
