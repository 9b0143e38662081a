import datetime as dt

import pytest

from secretariat.organizations.models import Person
from secretariat.weddings.models import (
    Officiant,
    OfficiantKind,
    WeddingAvailability,
    WeddingPlace,
    WeddingSettings,
)


@pytest.fixture
def place(db):
    return WeddingPlace.objects.create(name="Rådhuset, bystyresalen", address="Rådhusplassen 1")


@pytest.fixture
def fridays(place):
    """Fridays 12:00–14:00 in the town hall: four 30-minute slots."""
    WeddingSettings.objects.create(slot_minutes=30, min_notice_days=0, booking_horizon_days=120,
                                   secretariat_email="vielser@testvik.kommune.no")
    return WeddingAvailability.objects.create(place=place, weekday=4, start_time=dt.time(12), end_time=dt.time(14))


@pytest.fixture
def mayor(db):
    person = Person.objects.create(given_name="Mona", family_name="Ordfører", email="mona@testvik.kommune.no")
    return Officiant.objects.create(person=person, kind=OfficiantKind.ORDFORER, valid_from=dt.date(2023, 10, 1))


@pytest.fixture
def expired_officiant(db):
    person = Person.objects.create(given_name="Per", family_name="Tidligere", email="per@testvik.kommune.no")
    return Officiant.objects.create(person=person, kind=OfficiantKind.AUTHORISED,
                                    decision_reference="PS 12/24, kommunestyret 14.03.2024",
                                    valid_from=dt.date(2024, 3, 14), valid_until=dt.date(2025, 12, 31))
