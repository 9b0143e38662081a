"""The notice to Skatteetaten is due within 3 days of the ceremony (forskrift 1992-11-20 nr. 854)."""

import datetime as dt

import pytest

from secretariat.weddings.models import Wedding
from secretariat.weddings.services import wedding_transition
from secretariat.weddings.tasks import send_notice_alarms

from .helpers import TODAY, bring_to, make_wedding

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(place, mayor, fagleder, fridays):
    wedding = make_wedding(place, date=TODAY() - dt.timedelta(days=1))
    return bring_to(wedding, "gjennomfort", actor=fagleder, officiant=mayor)


def test_deadline_is_three_days_after_the_ceremony_and_overdue_the_day_after(held):
    assert held.notice_deadline == held.date + dt.timedelta(days=3)
    assert not held.notice_overdue(held.date + dt.timedelta(days=3))
    assert held.notice_overdue(held.date + dt.timedelta(days=4))


def test_no_alarm_before_the_last_day(held, smtp_server):
    assert send_notice_alarms(today=(held.date + dt.timedelta(days=2)).isoformat()) == 0
    assert smtp_server.messages == []


def test_alarm_on_the_last_day_goes_to_the_officiant_and_the_secretariat_once_a_day(held, smtp_server):
    last_day = (held.date + dt.timedelta(days=3)).isoformat()
    assert send_notice_alarms(today=last_day) == 1
    smtp_server.wait_for(1)
    message = smtp_server.messages[0]
    assert "Frist i dag" in message["Subject"]
    assert set(smtp_server.envelopes[0][1]) == {"mona@testvik.kommune.no", "vielser@testvik.kommune.no"}
    assert send_notice_alarms(today=last_day) == 0  # not twice the same day


def test_alarm_after_the_deadline_says_it_has_passed(held, smtp_server):
    send_notice_alarms(today=(held.date + dt.timedelta(days=4)).isoformat())
    smtp_server.wait_for(1)
    assert "FRIST PASSERT" in smtp_server.messages[0]["Subject"]
    assert "er passert" in smtp_server.messages[0].get_content()


def test_no_alarm_once_the_notice_is_marked_sent(held, fagleder, smtp_server):
    wedding_transition(wedding=held, name="report_notice", actor=fagleder)
    assert send_notice_alarms(today=(held.date + dt.timedelta(days=5)).isoformat()) == 0


def test_the_list_shows_the_overdue_notice(client, fagleder, place, mayor):
    wedding = make_wedding(place, date=TODAY() - dt.timedelta(days=5))
    bring_to(wedding, "gjennomfort", actor=fagleder, officiant=mayor)
    client.force_login(fagleder)
    html = client.get("/intern/vielser/").content.decode()
    assert "Melding til Skatteetaten mangler" in html
    assert "Frist passert" in html
    assert Wedding.objects.get(pk=wedding.pk).notice_overdue()


def test_the_alarm_runs_daily_from_celery_beat():
    from secretariat import celery_app

    entry = celery_app.conf.beat_schedule["weddings-notice-alarms"]
    assert entry["task"] == "secretariat.weddings.tasks.send_notice_alarms"
    assert entry["task"] in celery_app.tasks
