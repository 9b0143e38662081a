"""CalDAV sync against a real Radicale server on loopback, read back with the caldav client."""

import io

import caldav
import pytest
from django.core.management import CommandError, call_command

from calendars import caldav_sync
from calendars.models import MeetingSyncState, SyncStatus
from secretariat.meetings.services import meeting_create
from workflows.engine import run_transition

from .conftest import oslo
from .test_public_feeds import next_weekday


def server_events(radicale, slug="formannskapet"):
    client = caldav.DAVClient(url=radicale.url, username=radicale.username, password=radicale.password)
    calendar = client.calendar(url=f"{radicale.url}{radicale.username}/saksgang-{slug}/")
    result = {}
    for obj in calendar.events():
        component = obj.icalendar_component
        result[str(component["UID"])] = component
    return result


def sync(**kwargs) -> str:
    out = io.StringIO()
    call_command("sync_caldav", stdout=out, **kwargs)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_new_meeting_is_pushed_after_commit_changed_and_cancelled(caldav_settings, radicale, fagleder,
                                                                    formannskapet):
    meeting = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(2, 9)),
                             location="Rådhuset")
    events = server_events(radicale)
    event = events[f"{meeting.uid}@saksgang"]
    assert str(event["LOCATION"]) == "Rådhuset"
    assert event.start.astimezone(oslo(next_weekday(2, 9)).tzinfo).hour == 18

    meeting.refresh_from_db()
    meeting.location = "Kulturhuset"
    meeting.save()
    event = server_events(radicale)[f"{meeting.uid}@saksgang"]
    assert str(event["LOCATION"]) == "Kulturhuset"
    assert int(event["SEQUENCE"]) == 1

    meeting.refresh_from_db()
    run_transition(meeting, "cancel", actor=fagleder, comment="Ingen saker.")
    events = server_events(radicale)
    assert len(events) == 1  # updated in place, never duplicated
    event = events[f"{meeting.uid}@saksgang"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 2
    assert MeetingSyncState.objects.get(meeting=meeting).sequence == 2


@pytest.mark.django_db
def test_a_full_reconcile_twice_writes_nothing_the_second_time(caldav_settings, radicale, fagleder, formannskapet,
                                                               kommunestyret):
    for month in (2, 3, 4):
        meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(month, 10)))
    meeting_create(actor=fagleder, organization=kommunestyret, start=oslo(next_weekday(5, 11)))
    first = sync()
    assert "4 nye" in first
    puts_logged = radicale.log_count("PUT")
    assert puts_logged == 4

    second = caldav_sync.reconcile()
    assert second.puts == 0
    assert second.unchanged == 4
    assert radicale.log_count("PUT") == puts_logged  # the server saw no write either
    assert "0 PUT" in sync()
    assert len(server_events(radicale)) == 3
    assert len(server_events(radicale, "kommunestyret")) == 1


@pytest.mark.django_db
def test_reconcile_rewrites_only_the_changed_meeting(caldav_settings, radicale, fagleder, formannskapet):
    first = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(2, 16)))
    meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(3, 16)))
    sync()
    first.location = "Nytt møterom"
    first.save()
    report = caldav_sync.reconcile()
    assert (report.puts, report.updated, report.unchanged) == (1, 1, 1)
    assert str(server_events(radicale)[f"{first.uid}@saksgang"]["LOCATION"]) == "Nytt møterom"


@pytest.mark.django_db
def test_reconcile_restores_an_event_removed_from_the_server_and_removes_deleted_meetings(
        caldav_settings, radicale, fagleder, formannskapet):
    kept = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(2, 17)))
    gone = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(3, 17)))
    sync()
    client = caldav.DAVClient(url=radicale.url, username=radicale.username, password=radicale.password)
    client.delete(f"{radicale.url}{radicale.username}/saksgang-formannskapet/{kept.uid}.ics")
    gone.delete()
    report = caldav_sync.reconcile()
    assert report.puts == 1 and report.deleted == 1
    assert set(server_events(radicale)) == {f"{kept.uid}@saksgang"}


@pytest.mark.django_db
def test_sync_of_one_organization_leaves_the_others(caldav_settings, radicale, fagleder, formannskapet, kommunestyret):
    meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(2, 18)))
    meeting_create(actor=fagleder, organization=kommunestyret, start=oslo(next_weekday(2, 19)))
    assert "1 nye" in sync(organization="kommunestyret")
    assert len(server_events(radicale, "kommunestyret")) == 1
    with pytest.raises(CommandError, match="Ukjent organ «finnes-ikke»"):
        sync(organization="finnes-ikke")


@pytest.mark.django_db
def test_a_server_that_is_down_loses_nothing_and_the_next_sync_catches_up(caldav_settings, radicale, fagleder,
                                                                         formannskapet):
    meeting = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(2, 20)))
    sync()
    radicale.stop()
    meeting.location = "Flyttet til biblioteket"
    meeting.save()
    with pytest.raises(CommandError, match="Får ikke kontakt med kalenderserveren"):
        sync()
    state = MeetingSyncState.objects.get(meeting=meeting)
    assert state.sequence == 0  # not marked as sent
    status = SyncStatus.current()
    assert status.error_kind == "unreachable" and status.pending == 1
    radicale.start()
    assert "1 endret" in sync()
    assert str(server_events(radicale)[f"{meeting.uid}@saksgang"]["LOCATION"]) == "Flyttet til biblioteket"
    assert SyncStatus.current().error_kind == ""


@pytest.mark.django_db
def test_a_wrong_password_is_reported_clearly(settings, caldav_settings, radicale, fagleder, formannskapet, client):
    meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(2, 21)))
    settings.CALDAV_PASSWORD = "feil-passord"
    with pytest.raises(CommandError, match="avviste innloggingen"):
        sync()
    assert SyncStatus.current().error_kind == "auth"
    client.force_login(fagleder)
    page = client.get("/intern/kalender/synkronisering/")
    assert page.status_code == 200
    assert "avviste innloggingen" in page.content.decode()


@pytest.mark.django_db
def test_an_unreachable_caldav_url_gives_a_message_not_a_traceback(settings, fagleder, formannskapet):
    from tests.conftest import free_port

    settings.CALDAV_URL = f"http://127.0.0.1:{free_port()}/dav/"
    with pytest.raises(CommandError, match="Får ikke kontakt med kalenderserveren på http://127.0.0.1"):
        sync()
    settings.CALDAV_URL = "ftp://kalender.example/"
    with pytest.raises(CommandError, match="ikke en http- eller https-adresse"):
        sync()
    settings.CALDAV_URL = ""
    with pytest.raises(CommandError, match="CALDAV_URL er ikke satt"):
        sync()


@pytest.mark.django_db(transaction=True)
def test_a_deleted_meeting_is_removed_from_the_server(caldav_settings, radicale, fagleder, formannskapet):
    meeting = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(4, 20)))
    assert f"{meeting.uid}@saksgang" in server_events(radicale)
    meeting.delete()
    assert server_events(radicale) == {}


@pytest.mark.django_db
def test_an_hourly_reconcile_is_scheduled_and_catches_up(caldav_settings, radicale, fagleder, formannskapet):
    from django_celery_beat.models import PeriodicTask

    from calendars.tasks import reconcile

    periodic = PeriodicTask.objects.get(task="calendars.reconcile")
    assert periodic.enabled and periodic.interval.every == 1
    meeting = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(4, 21)))
    assert "1 nye" in reconcile.delay().get()
    assert f"{meeting.uid}@saksgang" in server_events(radicale)
