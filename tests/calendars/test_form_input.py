"""Bad input on the meeting-plan and calendar-link pages (issue 12), as the fagleder / the member through HTTP: a
Norwegian message, never a 500, nothing changed by bad input."""

import datetime as dt

import pytest

from calendars.models import CalendarToken, PlannedMeeting, SchoolHoliday

from .test_meeting_plan import make_plan


def test_a_plan_date_refuses_an_unknown_action_a_year_1_date_and_a_missing_action(client, fagleder, formannskapet):
    plan = make_plan(fagleder, formannskapet)
    first = plan.dates.filter(skipped_reason="").order_by("date").first()
    before = (first.date, first.start_time)
    client.force_login(fagleder)
    url = f"/intern/kalender/moteplan/{plan.pk}/dato/{first.pk}/"
    for body, message in (({"action": "slett-alt"}, "Ukjent handling."), ({}, "Ukjent handling."),
                          ({"action": "move", "date": "0001-01-08"}, "Året 1 er ikke gyldig"),
                          ({"action": "move", "date": "2027-01-08", "start_time": "25:99"}, "Oppgi en gyldig dato")):
        page = client.post(url, body, follow=True).content.decode()
        assert message in page, body
        first.refresh_from_db()
        assert (first.date, first.start_time) == before
    assert PlannedMeeting.objects.filter(pk=first.pk).exists()
    response = client.post(f"/intern/kalender/moteplan/{plan.pk}/ny-dato/", {"date": "9999-01-01"}, follow=True)
    assert "Året 9999 er ikke gyldig" in response.content.decode()
    assert not plan.dates.filter(date__year=9999).exists()


@pytest.mark.parametrize("bad", ["abc", "9" * 40, "-1", "99999"])
def test_deleting_an_unknown_school_holiday_is_a_message_not_a_server_error(client, fagleder, body, bad):
    SchoolHoliday.objects.create(body=body, name="Høstferie", start_date=dt.date(2027, 10, 4),
                                 end_date=dt.date(2027, 10, 8))
    client.force_login(fagleder)
    page = client.post("/intern/kalender/skoleferier/", {"delete": bad}, follow=True).content.decode()
    assert "Fant ikke skoleferien" in page
    assert SchoolHoliday.objects.count() == 1


def test_a_school_holiday_with_a_too_long_name_keeps_what_was_typed(client, fagleder, body):
    client.force_login(fagleder)
    response = client.post("/intern/kalender/skoleferier/", {"name": "Høstferie" + "e" * 100,
                                                             "start_date": "2027-10-04", "end_date": "2027-10-08"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "100 eller færre tegn" in page and 'value="2027-10-04"' in page
    assert not SchoolHoliday.objects.exists()


def test_an_unknown_calendar_link_action_changes_nothing(client, member, folkevalgt):
    client.force_login(folkevalgt)
    url = f"/intern/kalender/personer/{member.pk}/"
    client.post(url, {"action": "rotate"})
    token = CalendarToken.objects.get(person=member, revoked_at__isnull=True)
    page = client.post(url, {"action": "slett"}, follow=True).content.decode()
    assert "Ukjent handling." in page
    assert CalendarToken.objects.get(person=member, revoked_at__isnull=True) == token
