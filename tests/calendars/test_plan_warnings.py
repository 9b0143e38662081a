"""Issue 13: the 2027 plan for kommunestyret had no December meeting, although the budget and the økonomiplan must be
adopted by kommunestyret before the year ends (koml. §§ 14-3, 14-4), and nothing warned. The plan now warns (never
refuses), on the staff pages, after drafting and in the API; and it warns when an appointment round kommunestyret
must elect that year has no meeting before its statutory deadline (dl. § 66)."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from calendars import selectors, services
from calendars.models import MeetingPlan
from secretariat.appointments import services as appointments

pytestmark = pytest.mark.django_db

NO_DECEMBER = {"weekday": 3, "interval_weeks": 4, "start_time": dt.time(18), "first_date": dt.date(2027, 1, 1),
               "last_date": dt.date(2027, 11, 30)}


def _plan(org, fagleder, year=2027, **rule):
    return services.plan_generate(actor=fagleder, organization=org, year=year, **(rule or NO_DECEMBER))


def test_kommunestyret_without_a_december_meeting_is_warned_until_one_is_added(kommunestyret, fagleder):
    plan = _plan(kommunestyret, fagleder)
    warnings = selectors.plan_warnings(plan)
    assert len(warnings) == 1
    assert "ikke noe møte i desember 2027" in warnings[0] and "koml. §§ 14-3, 14-4" in warnings[0]
    services.plan_date_add(actor=fagleder, plan=plan, date=dt.date(2027, 12, 9))
    assert selectors.plan_warnings(plan) == []


def test_a_meeting_between_christmas_and_new_year_leaves_no_margin(kommunestyret, fagleder):
    plan = _plan(kommunestyret, fagleder)
    services.plan_date_add(actor=fagleder, plan=plan, date=dt.date(2027, 12, 29))
    assert selectors.plan_warnings(plan)


def test_other_bodies_get_no_budget_warning(formannskapet, fagleder):
    assert selectors.plan_warnings(_plan(formannskapet, fagleder)) == []


def test_the_staff_pages_show_the_warning_after_drafting(client, kommunestyret, fagleder):
    client.force_login(fagleder)
    response = client.post(reverse("calendars_staff:plans"), {
        "organization": kommunestyret.pk, "year": 2027, "weekday": 3, "interval_weeks": 4, "start_time": "18:00",
        "duration_minutes": 180, "first_date": "2027-01-01", "last_date": "2027-11-30", "location": "Salen",
        "skip_public_holidays": "on"}, follow=True)
    assert response.status_code == 200
    warned = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warned and "koml. §§ 14-3, 14-4" in warned[0]
    page = response.content.decode()
    assert "Advarsler" in page and "ikke noe møte i desember 2027" in page
    assert MeetingPlan.objects.get().is_draft  # a warning, not a refusal
    overview = client.get(reverse("calendars_staff:plans")).content.decode()
    assert "ikke noe møte i desember 2027" in overview


def test_the_api_shows_the_warnings(kommunestyret, fagleder):
    plan = _plan(kommunestyret, fagleder)
    api = APIClient()
    api.force_authenticate(fagleder)
    data = api.get(f"/api/meeting-plans/{plan.pk}/").json()
    assert any("koml. §§ 14-3, 14-4" in w for w in data["warnings"])


def test_a_meddommervalg_that_year_needs_a_meeting_before_its_deadline(kommunestyret, formannskapet, fagleder, body):
    round_ = appointments.round_create(actor=fagleder, kind="meddommere", title="Meddommere 2029–2032",
                                       period_start=dt.date(2029, 1, 1), period_end=dt.date(2032, 12, 31))
    assert round_.election_deadline == dt.date(2028, 7, 1)
    autumn = _plan(kommunestyret, fagleder, year=2028, weekday=3, interval_weeks=4, start_time=dt.time(18),
                   first_date=dt.date(2028, 8, 1), last_date=dt.date(2028, 12, 15))
    warnings = selectors.plan_warnings(autumn)
    assert any("før fristen 01.07.2028 for valget «Meddommere 2029–2032» (dl. § 66)" in w for w in warnings)
    services.plan_date_add(actor=fagleder, plan=autumn, date=dt.date(2028, 6, 15))
    assert not any("Meddommere" in w for w in selectors.plan_warnings(autumn))
    # Not the year of the election: nothing about the round.
    assert not any("Meddommere" in w for w in selectors.plan_warnings(_plan(kommunestyret, fagleder)))
