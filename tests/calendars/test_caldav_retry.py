"""A server that is down when a meeting changes: the Celery task retries with backoff until it is back."""

import time

import pytest

from calendars.models import MeetingSyncState, SyncStatus
from calendars.tasks import retry_delay
from secretariat.meetings.services import meeting_create

from .conftest import oslo
from .test_caldav_sync import server_events
from .test_public_feeds import next_weekday


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    return predicate()


def test_the_backoff_grows_and_is_capped(settings):
    settings.SAKSGANG_CALDAV_RETRY_BASE_SECONDS = 30
    settings.SAKSGANG_CALDAV_RETRY_MAX_SECONDS = 600
    assert [retry_delay(n) for n in range(6)] == [30, 60, 120, 240, 480, 600]


@pytest.mark.django_db(transaction=True)
def test_a_meeting_made_while_the_server_is_down_reaches_it_when_it_is_back(caldav_settings, radicale, celery_worker,
                                                                            fagleder, formannskapet):
    caldav_settings.SAKSGANG_CALDAV_RETRY_BASE_SECONDS = 1
    caldav_settings.SAKSGANG_CALDAV_RETRY_MAX_SECONDS = 2
    radicale.stop()
    meeting = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(2, 22)),
                             location="Rådhuset")
    # The worker tried, failed against the stopped server, and recorded why (and will retry).
    assert wait_for(lambda: SyncStatus.objects.filter(error_kind="unreachable").exists())
    assert not MeetingSyncState.objects.filter(meeting=meeting).exists()
    radicale.start()
    assert wait_for(lambda: MeetingSyncState.objects.filter(meeting=meeting).exists())
    events = server_events(radicale)
    assert str(events[f"{meeting.uid}@saksgang"]["LOCATION"]) == "Rådhuset"
    assert len(events) == 1
    assert wait_for(lambda: SyncStatus.objects.filter(error_kind="").exists())
