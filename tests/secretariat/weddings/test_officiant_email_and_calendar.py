"""The officiant hears of the wedding by e-mail (a Celery task after commit) and sees it in the personal feed."""

import pytest

from calendars.personal import personal_items
from secretariat.weddings.services import wedding_transition

from .helpers import make_wedding


@pytest.mark.django_db(transaction=True)
def test_confirmation_e_mails_the_officiant_through_celery(place, mayor, fagleder, smtp_server, celery_worker):
    wedding = make_wedding(place)
    wedding_transition(wedding=wedding, name="confirm", actor=fagleder, officiant=mayor)
    smtp_server.wait_for(1)
    assert len(smtp_server.to("mona@testvik.kommune.no")) == 1
    message = smtp_server.messages[0]
    assert "Du skal vie Kari Nordmann og Ola Nordmann" in message["Subject"]
    assert place.name in message.get_content()


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
