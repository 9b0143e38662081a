"""Two witnesses of age must be named before a wedding is ready (and again when it is marked held)."""

import datetime as dt

import pytest

from secretariat.weddings.services import wedding_transition, wedding_update
from workflows.errors import GuardFailed

from .helpers import bring_to, make_wedding

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmed(place, mayor, fagleder):
    wedding = bring_to(make_wedding(place, date=dt.date(2026, 6, 5)), "bekreftet", actor=fagleder, officiant=mayor)
    wedding_update(wedding=wedding, actor=fagleder, data={"attest_issued_on": dt.date(2026, 5, 1)})
    return wedding


@pytest.mark.parametrize("data, message", [
    ({"witness1_name": "Anne Vitne", "witnesses_of_age": True}, "To vitner må være navngitt"),
    ({"witness1_name": "Anne Vitne", "witness2_name": "anne vitne", "witnesses_of_age": True},
     "to forskjellige personer"),
    ({"witness1_name": "Anne Vitne", "witness2_name": "Bjørn Vitne"}, "over 18 år"),
])
def test_refused_without_two_witnesses_of_age(confirmed, fagleder, data, message):
    wedding_update(wedding=confirmed, actor=fagleder, data=data)
    with pytest.raises(GuardFailed, match=message):
        wedding_transition(wedding=confirmed, name="mark_ready", actor=fagleder)
    confirmed.refresh_from_db()
    assert confirmed.state == "bekreftet"


def test_ready_with_two_named_witnesses_of_age(confirmed, fagleder):
    wedding_update(wedding=confirmed, actor=fagleder,
                   data={"witness1_name": "Anne Vitne", "witness2_name": "Bjørn Vitne", "witnesses_of_age": True})
    wedding_transition(wedding=confirmed, name="mark_ready", actor=fagleder)
    confirmed.refresh_from_db()
    assert confirmed.state == "klar"
