"""Møteinnkalling: the notice period, the override with a reason, and the e-mail actually delivered over SMTP."""

import datetime as dt

import pytest
from django.utils import timezone

from secretariat.meetings.services import (
    absence_confirm_substitute,
    absence_register,
    agenda_item_add,
    agenda_item_add_other,
    meeting_create,
    meeting_send_notice,
)
from tests.factories import aware
from workflows.errors import GuardFailed
from workflows.meeting import MeetingState
from workflows.models import AuditEntry


@pytest.fixture
def soon(fsk, fagleder):
    """Three days ahead: past formannskapet's 7-day notice deadline."""
    meeting = meeting_create(actor=fagleder, organization=fsk.org,
                             start=aware(timezone.localdate() + dt.timedelta(days=3)))
    agenda_item_add_other(actor=fagleder, meeting=meeting, kind="OS", title="Orientering fra ordføreren")
    return meeting


def test_it_rejects_notice_after_deadline_without_an_override(soon, fagleder):
    with pytest.raises(GuardFailed, match="Fristen for innkalling"):
        meeting_send_notice(actor=fagleder, meeting=soon)
    soon.refresh_from_db()
    assert soon.state == MeetingState.PLANLAGT and soon.notice_sent_at is None


def test_a_late_notice_with_a_reason_is_sent_and_the_reason_recorded(soon, fagleder):
    meeting_send_notice(actor=fagleder, meeting=soon, override_reason="Hastesak om flom")
    soon.refresh_from_db()
    assert soon.state == MeetingState.INNKALT
    assert soon.notice_override_reason == "Hastesak om flom"
    assert AuditEntry.objects.filter(object_id=soon.pk, action="send_notice", comment="Hastesak om flom").exists()


def test_the_notice_period_is_a_setting_per_organization(fsk, fagleder):
    fsk.org.notice_days = 2
    fsk.org.save()
    meeting = meeting_create(actor=fagleder, organization=fsk.org,
                             start=aware(timezone.localdate() + dt.timedelta(days=3)))
    agenda_item_add_other(actor=fagleder, meeting=meeting, kind="OS", title="Orientering fra ordføreren")
    meeting_send_notice(actor=fagleder, meeting=meeting)
    assert meeting.state == MeetingState.INNKALT


@pytest.mark.django_db(transaction=True)
def test_members_and_the_called_in_substitute_receive_the_notice_over_smtp(
        smtp_server, celery_worker, fsk, fagleder, klar_case):
    start = aware(timezone.localdate() + dt.timedelta(days=20))
    meeting = meeting_create(actor=fagleder, organization=fsk.org, start=start, location="Formannskapssalen")
    case = klar_case(title="Ny barnehage på Nordneset")
    agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    absence = absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.anders, reason="Sykdom")
    absence_confirm_substitute(actor=fagleder, absence=absence)  # Arne (mail 1)
    meeting_send_notice(actor=fagleder, meeting=meeting)  # 6 members + Arne (mails 2–8)
    # Wait for the notices themselves: the case fixture's own mails (submit, approve) reach the same server, so
    # waiting for a total of 8 returned while notices were still on their way (the test failed ~1 run in 4).
    smtp_server.wait_for(1, subject="Innkalling som vara:", to="arne@folkevalgt.test")
    notices = smtp_server.wait_for(7, subject="Innkalling: Formannskapet")
    recipients = sorted(addr for m in notices for addr in [m["To"]])
    expected = sorted(f"{k}@folkevalgt.test" for k in ("anna", "aud", "henrik", "hanne", "sigrid", "svein", "arne"))
    assert recipients == expected  # Anders reported absence and is replaced by Arne
    body = smtp_server.to("arne@folkevalgt.test")[-1].get_content()
    assert "varamedlem for Anders Fsk" in body
    assert "Ny barnehage på Nordneset" in body and "PS 1/" in body
    assert "/innsyn/" in body
