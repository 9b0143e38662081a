"""A CalDAV server answering 5xx: nothing is marked as sent, the message is clear, the task asks for a retry."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from calendars import caldav_sync, tasks
from calendars.models import MeetingSyncState, SyncStatus
from secretariat.meetings.services import meeting_create

from .conftest import oslo
from .test_public_feeds import next_weekday


class Broken(BaseHTTPRequestHandler):
    def _answer(self):
        self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_PUT = do_PROPFIND = do_MKCALENDAR = do_OPTIONS = do_DELETE = _answer  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.fixture
def broken_server(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Broken)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.CALDAV_URL = f"http://127.0.0.1:{server.server_address[1]}/"
    settings.CALDAV_USERNAME = "saksgang"
    settings.CALDAV_PASSWORD = "x"
    yield server
    server.shutdown()


@pytest.mark.django_db
def test_a_5xx_server_marks_nothing_as_sent_and_says_so(broken_server, fagleder, formannskapet):
    meeting = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(2, 23)))
    with pytest.raises(CommandError, match="svarte 500"):
        call_command("sync_caldav")
    assert not MeetingSyncState.objects.filter(meeting=meeting).exists()
    status = SyncStatus.current()
    assert status.error_kind == "server" and status.pending == 1


@pytest.mark.django_db
def test_the_push_task_is_retried_on_5xx(broken_server, fagleder, formannskapet, monkeypatch):
    from celery.exceptions import Retry

    meeting = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(2, 24)))
    seen = {}

    def fake_retry(exc=None, countdown=None, **kwargs):
        seen["countdown"] = countdown
        seen["exc"] = exc
        return Retry("retry", exc=exc)

    # Run the task body as the worker would (not eagerly), catching the retry request it makes.
    monkeypatch.setattr(tasks.push_meeting, "retry", fake_retry)
    tasks.push_meeting.push_request(retries=2, is_eager=False, called_directly=False)
    try:
        with pytest.raises(Retry):
            tasks.push_meeting.run(meeting.pk)
    finally:
        tasks.push_meeting.pop_request()
    assert isinstance(seen["exc"], caldav_sync.CalDAVServerError)
    assert seen["countdown"] == tasks.retry_delay(2)
    assert not MeetingSyncState.objects.filter(meeting=meeting).exists()


@pytest.mark.django_db
def test_in_process_a_failed_push_waits_for_the_next_sync_instead_of_failing_the_save(broken_server, fagleder,
                                                                                   formannskapet,
                                                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(2, 25)))
    assert meeting.pk
    assert SyncStatus.current().error_kind == "server"
