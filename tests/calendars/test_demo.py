"""The calendars' demo data: a personal feed for the demo politician and a published plan, idempotent."""

import pytest

from calendars import demo
from calendars.models import CalendarToken, MeetingPlan, PlanState
from secretariat.demo.core import seed_core
from secretariat.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_tokens_and_next_years_plans_once(client):
    ctx = seed_core()
    demo.seed(ctx)
    meetings = Meeting.objects.count()
    tokens = CalendarToken.objects.count()
    demo.seed(ctx)
    assert Meeting.objects.count() == meetings
    assert CalendarToken.objects.count() == tokens
    year = ctx.today.year + 1
    plans = MeetingPlan.objects.filter(year=year)
    assert {p.organization.slug for p in plans} == {"kommunestyret", "formannskapet"}
    assert all(p.state == PlanState.PUBLISHED for p in plans)
    person = ctx.users["folkevalgt"].person
    token = CalendarToken.objects.active().get(person=person)
    body = client.get(f"/ical/personal/{token.token}.ics").content.decode()
    assert body.count("BEGIN:VEVENT") >= 10
    assert "STATUS:CANCELLED" in body
