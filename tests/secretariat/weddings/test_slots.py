"""Free slots come from the weekly windows, minus public holidays and taken slots."""

import datetime as dt

import pytest

from secretariat.weddings.models import WeddingAvailability
from secretariat.weddings.services import available_slots, wedding_transition

from .helpers import make_wedding

pytestmark = pytest.mark.django_db


def test_fridays_are_split_into_slots_of_the_configured_length(fridays):
    slots = available_slots()
    assert slots
    assert {s.date.weekday() for s in slots} == {4}
    first_day = [s.start_time for s in slots if s.date == slots[0].date]
    assert first_day == [dt.time(12, 0), dt.time(12, 30), dt.time(13, 0), dt.time(13, 30)]


def test_public_holidays_have_no_slots(place, fridays):
    from django.utils import timezone

    from secretariat.weddings.models import WeddingSettings

    WeddingSettings.objects.update(booking_horizon_days=400)
    for weekday in range(7):
        WeddingAvailability.objects.create(place=place, weekday=weekday, start_time=dt.time(10), end_time=dt.time(11))
    today = timezone.localdate()
    christmas = dt.date(today.year if today < dt.date(today.year, 12, 24) else today.year + 1, 12, 25)
    days = {s.date for s in available_slots(start=christmas - dt.timedelta(days=1), end=christmas)}
    assert christmas not in days  # 1. juledag is a public holiday
    assert christmas - dt.timedelta(days=1) in days  # julaften is not


def test_a_taken_slot_is_not_offered_and_a_cancelled_one_is(fridays, place, fagleder):
    slot = available_slots()[0]
    wedding = make_wedding(place, date=slot.date, start_time=slot.start_time)
    assert slot not in available_slots()
    wedding_transition(wedding=wedding, name="cancel", actor=fagleder, comment="Avbestilt")
    assert slot in available_slots()
