"""The prøvingsattest is valid 4 months (DOMAIN.md §3).

How it is counted (secretariat/weddings/models.py): the last valid day is the issue date plus 4 calendar months
(dateutil relativedelta), i.e. the same date four months later, or the last day of that month when it has no
such date. The wedding may be held ON that day; the day after, the attest has expired.
"""

import datetime as dt

import pytest

from secretariat.weddings.models import attest_last_valid_day
from secretariat.weddings.services import wedding_transition, wedding_update
from workflows.errors import GuardFailed

from .helpers import bring_to, make_wedding

pytestmark = pytest.mark.django_db

WITNESSES = {"witness1_name": "Anne Vitne", "witness2_name": "Bjørn Vitne", "witnesses_of_age": True}


def _ready_attempt(place, mayor, fagleder, *, issued, wedding_day):
    wedding = bring_to(make_wedding(place, date=wedding_day), "bekreftet", actor=fagleder, officiant=mayor)
    wedding_update(wedding=wedding, actor=fagleder, data={"attest_issued_on": issued, **WITNESSES})
    wedding_transition(wedding=wedding, name="mark_ready", actor=fagleder)
    wedding.refresh_from_db()
    return wedding


def test_last_valid_day_is_the_same_date_four_months_later():
    assert attest_last_valid_day(dt.date(2026, 1, 15)) == dt.date(2026, 5, 15)


def test_last_valid_day_falls_back_to_the_end_of_a_shorter_month():
    assert attest_last_valid_day(dt.date(2025, 10, 31)) == dt.date(2026, 2, 28)


def test_attest_is_valid_on_its_last_day(place, mayor, fagleder):
    wedding = _ready_attempt(place, mayor, fagleder, issued=dt.date(2026, 1, 15), wedding_day=dt.date(2026, 5, 15))
    assert wedding.state == "klar"


def test_attest_is_invalid_the_day_after(place, mayor, fagleder):
    with pytest.raises(GuardFailed, match="gyldig til og med 15.05.2026"):
        _ready_attempt(place, mayor, fagleder, issued=dt.date(2026, 1, 15), wedding_day=dt.date(2026, 5, 16))


def test_month_end_boundary(place, mayor, fagleder):
    assert _ready_attempt(place, mayor, fagleder, issued=dt.date(2025, 10, 31),
                          wedding_day=dt.date(2026, 2, 28)).state == "klar"
    with pytest.raises(GuardFailed, match="gyldig til og med 28.02.2026"):
        _ready_attempt(place, mayor, fagleder, issued=dt.date(2025, 10, 31), wedding_day=dt.date(2026, 3, 1))


def test_attest_issued_after_the_wedding_day_is_refused(place, mayor, fagleder):
    with pytest.raises(GuardFailed, match="etter vielsesdagen"):
        _ready_attempt(place, mayor, fagleder, issued=dt.date(2026, 6, 2), wedding_day=dt.date(2026, 6, 1))


def test_attest_issue_date_cannot_be_in_the_future(place, mayor, fagleder):
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    wedding = bring_to(make_wedding(place), "bekreftet", actor=fagleder, officiant=mayor)
    with pytest.raises(ValidationError):
        wedding_update(wedding=wedding, actor=fagleder,
                       data={"attest_issued_on": timezone.localdate() + dt.timedelta(days=1)})
