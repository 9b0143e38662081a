"""koml. § 11-3: the innkalling contains the saksliste. A notice with no items is refused on every path."""

from django.core import mail
from django.urls import reverse

from secretariat.meetings.services import agenda_item_add_other, meeting_send_notice
from workflows.errors import GuardFailed
from workflows.meeting import MeetingState


def test_the_service_refuses_a_notice_with_an_empty_saksliste(meeting, fagleder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            meeting_send_notice(actor=fagleder, meeting=meeting)
        except GuardFailed as exc:
            assert "tom saksliste" in exc.message and "koml. § 11-3" in exc.message
        else:
            raise AssertionError("a notice with an empty saksliste was sent")
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PLANLAGT and meeting.notice_sent_at is None
    assert mail.outbox == []


def test_the_ui_refuses_it_with_a_norwegian_message(client, meeting, fagleder):
    client.force_login(fagleder)
    r = client.post(reverse("meetings:action", args=[meeting.pk, "transition"]), {"transition": "send_notice"},
                    follow=True)
    assert r.status_code == 200
    assert any("tom saksliste" in str(m) for m in r.context["messages"])
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PLANLAGT


def test_the_api_answers_400_and_sends_once_there_is_an_item(api, meeting, fagleder):
    url = f"/api/meetings/{meeting.pk}/transitions/"
    r = api.post(url, {"transition": "send_notice"}, format="json")
    assert r.status_code == 400 and "tom saksliste" in str(r.json())
    agenda_item_add_other(actor=fagleder, meeting=meeting, kind="OS", title="Orientering fra ordføreren")
    r = api.post(url, {"transition": "send_notice"}, format="json")
    assert r.status_code == 200 and r.json()["state"] == "innkalt"
