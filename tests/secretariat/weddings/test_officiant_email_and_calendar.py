"""The officiant hears of the wedding by e-mail (a Celery task after commit) and sees it in the personal feed."""

import pytest

from calendars.personal import personal_items
from secretariat.weddings.services import wedding_transition

from .helpers import make_wedding


@pytest.mark.django_db(transaction=True)
def test_confirmation_e_mails_the_officiant_through_celery(place, mayor, fagleder, smtp_server, celery_worker):
    wedding = make_wedding(place)
    wedding_transition(wedding=wedding, name="confirm", actor=fagleder, officiant=mayor)
    smtp_server.wait_for(2)
    [to_officiant] = smtp_server.to("mona@testvik.kommune.no")
    assert "Du skal vie Kari Nordmann og Ola Nordmann" in to_officiant["Subject"]
    assert place.name in to_officiant.get_content()
    [to_couple] = smtp_server.to("par@example.no")
    assert "Vielsen deres er bekreftet" in to_couple["Subject"]
    assert "Vigsler: Mona Ordfører" in to_couple.get_content()


@pytest.mark.django_db
def test_confirmed_wedding_is_in_the_officiants_personal_feed_and_cancelled_stays_marked(place, mayor, fagleder):
    wedding = make_wedding(place)
    assert personal_items(mayor.person)[1] == []  # a request is not in the feed
    wedding_transition(wedding=wedding, name="confirm", actor=fagleder, officiant=mayor)
    _meetings, events = personal_items(mayor.person)
    assert [e["summary"] for e in events] == ["Vielse: Kari Nordmann og Ola Nordmann"]
    first_sequence = events[0]["sequence"]
    wedding_transition(wedding=wedding, name="cancel", actor=fagleder, comment="Avbestilt")
    _meetings, events = personal_items(mayor.person)
    assert events[0]["status"] == "CANCELLED"
    assert events[0]["sequence"] > first_sequence
    assert events[0]["uid"] == f"wedding-{wedding.uid}@saksgang"


@pytest.mark.django_db
def test_the_personal_ics_feed_carries_the_wedding(client, place, mayor, fagleder):
    from icalendar import Calendar

    from calendars.models import CalendarToken

    wedding = make_wedding(place)
    wedding_transition(wedding=wedding, name="confirm", actor=fagleder, officiant=mayor)
    token = CalendarToken.objects.create(person=mayor.person)
    response = client.get(f"/ical/personal/{token.token}.ics")
    assert response.status_code == 200
    events = [e for e in Calendar.from_ical(response.content).walk("VEVENT")
              if str(e["UID"]) == f"wedding-{wedding.uid}@saksgang"]
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == "Vielse: Kari Nordmann og Ola Nordmann"
    assert events[0]["DTSTART"].dt.date() == wedding.date
