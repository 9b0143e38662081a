"""Shared date vocabulary."""

from django.db import models


class Weekday(models.IntegerChoices):
    """Python's weekday numbers (Monday = 0) with Norwegian names."""

    MONDAY = 0, "mandag"
    TUESDAY = 1, "tirsdag"
    WEDNESDAY = 2, "onsdag"
    THURSDAY = 3, "torsdag"
    FRIDAY = 4, "fredag"
    SATURDAY = 5, "lørdag"
    SUNDAY = 6, "søndag"


# A date this far from today is usually a typing error (a wrong year): it needs an explicit confirmation.
UNUSUAL_DAYS_BACK = 365
UNUSUAL_DAYS_AHEAD = 5 * 365
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200  # outside these a date is refused outright (year 1 was accepted)


def year_problem(year: int) -> str:
    """Why a date in `year` is refused outright, or "" (the one home of EARLIEST_YEAR..LATEST_YEAR)."""
    if EARLIEST_YEAR <= year <= LATEST_YEAR:
        return ""
    return f"Året {year} er ikke gyldig (oppgi et år fra {EARLIEST_YEAR} til {LATEST_YEAR})."


def unusual_date_problem(day, *, confirmed: bool, today=None) -> str:
    """Why `day` (a date or datetime) may not be used as it is: "" when it may. Outside EARLIEST_YEAR..LATEST_YEAR
    it is refused; more than a year back or five years ahead it needs `confirmed`."""
    import datetime as dt

    from django.utils import timezone

    if day is None:
        return ""
    problem = year_problem(day.year)
    if problem:
        return problem
    if confirmed:
        return ""
    date = day.date() if isinstance(day, dt.datetime) else day
    today = today or timezone.localdate()
    if date < today - dt.timedelta(days=UNUSUAL_DAYS_BACK):
        return "Datoen er mer enn ett år tilbake i tid. Kryss av for at datoen er riktig hvis den er det."
    if date > today + dt.timedelta(days=UNUSUAL_DAYS_AHEAD):
        return "Datoen er mer enn fem år frem i tid. Kryss av for at datoen er riktig hvis den er det."
    return ""
