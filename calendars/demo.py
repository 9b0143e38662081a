"""Demo data for the calendars (called by seed_demo; idempotent).

- a personal calendar link for every demo politician (the user "folkevalgt" included),
- the kommune's school holidays for next year,
- a published meeting plan for next year for kommunestyret and formannskapet (with one meeting
  cancelled, so the feeds show a STATUS:CANCELLED event).
"""

from __future__ import annotations

import datetime as dt

from secretariat.organizations.models import Membership, Person
from workflows.engine import run_transition

from . import services
from .models import CalendarToken, MeetingPlan, SchoolHoliday

# (name, start, end) relative to next year; school holidays in Vestland-like kommuner (check per kommune).
SCHOOL_HOLIDAYS = [
    ("Vinterferie", (2, 22), (2, 26)),
    ("Påskeferie", None, None),  # the week before Easter Monday, computed below
    ("Sommerferie", (6, 21), (8, 16)),
    ("Høstferie", (10, 4), (10, 8)),
    ("Juleferie", (12, 21), (12, 31)),
]

PLANS = [
    # organization slug, weekday (0 = Monday), every N weeks, time, first date (month, day)
    ("kommunestyret", 3, 4, dt.time(18, 0), (1, 14), "Kommunestyresalen"),
    ("formannskapet", 1, 3, dt.time(9, 0), (1, 5), "Formannskapssalen"),
]


def _easter(year: int) -> dt.date:
    from dateutil.easter import easter

    return easter(year)


def seed(ctx) -> None:
    year = ctx.today.year + 1
    _seed_tokens(ctx)
    _seed_school_holidays(ctx, year)
    for slug, weekday, interval, start_time, (month, day), location in PLANS:
        _seed_plan(ctx, slug, year, weekday, interval, start_time, dt.date(year, month, day), location)


def _seed_tokens(ctx) -> None:
    person_ids = set(Membership.objects.filter(term=ctx.term).values_list("person_id", flat=True))
    folkevalgt = ctx.users.get("folkevalgt")
    if folkevalgt is not None and getattr(folkevalgt, "person", None) is not None:
        person_ids.add(folkevalgt.person.pk)
    have = set(CalendarToken.objects.active().filter(person_id__in=person_ids).values_list("person_id", flat=True))
    for person in Person.objects.filter(pk__in=person_ids - have):
        services.token_ensure(person=person, actor=ctx.users.get("fagleder"))


def _seed_school_holidays(ctx, year: int) -> None:
    easter_monday = _easter(year) + dt.timedelta(days=1)
    for name, start, end in SCHOOL_HOLIDAYS:
        if start is None:
            first, last = easter_monday - dt.timedelta(days=7), easter_monday
        else:
            first, last = dt.date(year, *start), dt.date(year, *end)
        SchoolHoliday.objects.get_or_create(body=ctx.body, name=name, start_date=first, defaults={"end_date": last})


def _seed_plan(ctx, slug, year, weekday, interval, start_time, first_date, location) -> None:
    organization = ctx.organizations.get(slug)
    if organization is None:
        return
    fagleder = ctx.users["fagleder"]
    plan = MeetingPlan.objects.filter(organization=organization, year=year).first()
    if plan is None:
        plan = services.plan_generate(actor=fagleder, organization=organization, year=year, weekday=weekday,
                                      interval_weeks=interval, start_time=start_time, first_date=first_date,
                                      last_date=dt.date(year, 12, 15), location=location,
                                      duration_minutes=240 if slug == "kommunestyret" else 180)
    if plan.is_draft:
        meetings = services.plan_publish(actor=fagleder, plan=plan)
        if slug == "formannskapet" and len(meetings) > 3:
            # One cancelled meeting, so the feeds show how a cancellation looks to subscribers.
            run_transition(meetings[-2], "cancel", actor=fagleder,
                           comment="Avlyst: ingen saker klare til behandling (demodata).")
