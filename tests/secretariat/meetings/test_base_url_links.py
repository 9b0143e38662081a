"""Issue 13: e-mail and .ics links pointed at 127.0.0.1. The links that leave the service are built from
SAKSGANG_BASE_URL (required in production: tests/security/test_base_url.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from secretariat.meetings.services import agenda_item_add, meeting_create, meeting_send_notice
from tests.factories import aware

BASE = "https://politikk.fjordvik.no"


@pytest.fixture
def base(settings):
    settings.SAKSGANG_BASE_URL = BASE
    return BASE


def test_the_notice_e_mail_links_to_the_configured_address(base, smtp_server, fsk, fagleder, klar_case,
                                                           django_capture_on_commit_callbacks):
    meeting = meeting_create(actor=fagleder, organization=fsk.org,
                             start=aware(timezone.localdate() + dt.timedelta(days=20)), location="Formannskapssalen")
    agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Ny barnehage"))
    with django_capture_on_commit_callbacks(execute=True):
        meeting_send_notice(actor=fagleder, meeting=meeting)
    notice = smtp_server.wait_for(1, subject="Innkalling: Formannskapet", to="anna@folkevalgt.test")[0]
    body = notice.get_content()
    assert f"{BASE}/innsyn/moter/{meeting.pk}/" in body
    assert "127.0.0.1" not in body


def test_the_ics_feed_links_to_the_configured_address(base, client, fsk, fagleder):
    meeting = meeting_create(actor=fagleder, organization=fsk.org,
                             start=aware(timezone.localdate() + dt.timedelta(days=20)), location="Formannskapssalen")
    feed = client.get("/ical/public.ics").content.decode().replace("\r\n ", "")
    assert f"URL:{BASE}/innsyn/moter/{meeting.pk}/" in feed
    assert "127.0.0.1" not in feed
