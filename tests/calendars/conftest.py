import datetime as dt

import pytest
from django.utils import timezone

from secretariat.organizations.models import MembershipRole
from tests.components import require_radicale
from tests.factories import MembershipFactory, PersonFactory

from .radicale_server import RadicaleServer


@pytest.fixture
def radicale():
    require_radicale()  # skipped locally without Radicale, a failure in CI
    server = RadicaleServer().start()
    yield server
    server.cleanup()


@pytest.fixture
def caldav_settings(settings, radicale):
    settings.CALDAV_URL = radicale.url
    settings.CALDAV_USERNAME = radicale.username
    settings.CALDAV_PASSWORD = radicale.password
    settings.SAKSGANG_CALDAV_TIMEOUT = 5
    return settings


def oslo(day: dt.date, hour: int = 18, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def member(formannskapet, folkevalgt):
    """A folkevalgt (with a user) who sits in formannskapet."""
    person = PersonFactory(given_name="Siri", family_name="Havnes", user=folkevalgt)
    MembershipFactory(person=person, organization=formannskapet, role=MembershipRole.MEMBER,
                      start_date=dt.date(2023, 10, 1))
    return person
