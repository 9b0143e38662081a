"""The meeting-plan generator: dates from a rule, skipping Norwegian public holidays and school holidays.

Pure functions (no database writes), so the rule can be tried before anything is stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import holidays
from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class RuleSpec:
    weekday: int  # 0 = Monday
    interval_weeks: int
    start_time: dt.time
    first_date: dt.date
    last_date: dt.date
    skip_dates: tuple[dt.date, ...] = ()
    skip_public_holidays: bool = True
    skip_school_holidays: bool = True


@dataclass(frozen=True)
class PlanDate:
    date: dt.date
    skipped_reason: str = ""


def validate_rule(rule: RuleSpec) -> None:
    """Refuse rules that cannot make a sensible plan, with a message per field."""
    errors: dict[str, str] = {}
    if rule.weekday is None or not 0 <= int(rule.weekday) <= 6:
        errors["weekday"] = "Velg en ukedag."
    if rule.interval_weeks is None or int(rule.interval_weeks) < 1:
        errors["interval_weeks"] = "Intervallet må være minst 1 uke (0 gir ingen møteplan)."
    elif int(rule.interval_weeks) > 52:
        errors["interval_weeks"] = "Intervallet kan være høyst 52 uker."
    if rule.first_date and rule.last_date and rule.last_date < rule.first_date:
        errors["last_date"] = (f"Siste dato ({rule.last_date:%d.%m.%Y}) er før første dato "
                               f"({rule.first_date:%d.%m.%Y}).")
    elif rule.first_date and rule.last_date and (rule.last_date - rule.first_date).days > 800:
        errors["last_date"] = "En møteplan kan dekke høyst to år."
    if errors:
        raise ValidationError(errors)


def public_holidays(years) -> dict[dt.date, str]:
    """Norwegian public holidays (helligdager) with Norwegian names, e.g. 17 May and Easter."""
    return dict(holidays.Norway(years=list(years), language="no"))


def school_holiday_reason(day: dt.date, school_holidays) -> str:
    for holiday in school_holidays:
        if holiday.start_date <= day <= holiday.end_date:
            return holiday.name
    return ""


def generate_dates(rule: RuleSpec, school_holidays=()) -> list[PlanDate]:
    """Every rule date from first to last date; the ones that fall on a holiday carry the reason."""
    validate_rule(rule)
    first = rule.first_date + dt.timedelta(days=(int(rule.weekday) - rule.first_date.weekday()) % 7)
    years = range(rule.first_date.year, rule.last_date.year + 1)
    public = public_holidays(years) if rule.skip_public_holidays else {}
    school = list(school_holidays) if rule.skip_school_holidays else []
    skip = set(rule.skip_dates)
    result = []
    day = first
    step = dt.timedelta(weeks=int(rule.interval_weeks))
    while day <= rule.last_date:
        reason = ""
        if day in skip:
            reason = "Hoppet over etter ønske"
        elif day in public:
            reason = f"Helligdag: {public[day]}"
        elif school_reason := school_holiday_reason(day, school):
            reason = f"Skoleferie: {school_reason}"
        result.append(PlanDate(date=day, skipped_reason=reason))
        day += step
    return result


def parse_skip_dates(text: str) -> list[dt.date]:
    """'17.05.2027, 2027-06-01' → dates. Raises ValidationError naming the bad entry."""
    dates = []
    for raw in text.replace(";", ",").replace("\n", ",").split(","):
        value = raw.strip()
        if not value:
            continue
        for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
            try:
                dates.append(dt.datetime.strptime(value, fmt).date())
                break
            except ValueError:
                continue
        else:
            raise ValidationError(f"«{value}» er ikke en dato (skriv f.eks. 17.05.2027).")
    return dates


def budget_meeting_warning(dates, year: int, latest: tuple[int, int] = (12, 20)) -> str:
    """Kommunestyret adopts the årsbudsjett and the økonomiplan itself, before the year ends (koml. §§ 14-3, 14-4).
    A plan with no meeting in December, on or before `latest` (a setting: a margin before 31.12), gets a warning:
    "" when there is one. A warning, never a refusal: the kommune may adopt the budget in November."""
    first, last = dt.date(year, 12, 1), dt.date(year, *latest)
    if any(first <= day <= last for day in dates):
        return ""
    return (f"Kommunestyret har ikke noe møte i desember {year} (innen {last:%d.%m.}). Årsbudsjettet og økonomiplanen "
            f"for {year + 1} skal vedtas av kommunestyret før årsskiftet (koml. §§ 14-3, 14-4). Legg inn et møte, "
            "eller sjekk at budsjettet vedtas i et tidligere møte.")


def election_meeting_warning(dates, *, title: str, year: int, deadline: dt.date, law: str) -> str:
    """An appointment round whose election falls in this year needs a meeting of kommunestyret by its deadline."""
    if any(dt.date(year, 1, 1) <= day <= deadline for day in dates):
        return ""
    return (f"Kommunestyret har ikke noe møte før fristen {deadline:%d.%m.%Y} for valget «{title}» ({law}). "
            "Legg inn et møte i tide (etter at forslaget har ligget ute til offentlig ettersyn i to uker).")
