"""A meeting is held when it is held: it can't be marked held before it starts, and its minutes can't be approved,
or dated approved, before it took place (koml. §§ 11-3, 11-4). Issue 13: a meeting dated 17 December was held and
its protokoll approved on 29 November."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from secretariat.meetings.models import Meeting
from secretariat.meetings.services import (
    agenda_item_add,
    attendance_fill_from_notice,
    item_decide,
    meeting_hold,
    meeting_send_notice,
    minutes_approve,
    minutes_draft,
)
from tests.helpers import meeting_took_place
from workflows.errors import GuardFailed
from workflows.meeting import MeetingState


@pytest.fixture
def noticed(fsk, meeting, fagleder, klar_case):
    """A meeting 20 days ahead, its notice sent and its one case decided in advance of the date."""
    item = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Budsjett"))
    meeting_send_notice(actor=fagleder, meeting=meeting)
    attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    item_decide(actor=fagleder, item=item, text="Budsjettet vedtas.")
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def api(fagleder):
    client = APIClient()
    client.force_authenticate(fagleder)
    return client


def _in_draft(meeting, fagleder):
    meeting_took_place(meeting)
    meeting_hold(actor=fagleder, meeting=meeting)
    minutes_draft(actor=fagleder, meeting=meeting)
    meeting.refresh_from_db()
    return meeting


def test_it_refuses_to_mark_a_meeting_held_before_it_starts(noticed, fagleder):
    with pytest.raises(GuardFailed, match=r"kan ikke markeres som gjennomført før det er holdt \(koml. § 11-3\)"):
        meeting_hold(actor=fagleder, meeting=noticed)
    noticed.refresh_from_db()
    assert noticed.state == MeetingState.INNKALT


def test_it_refuses_the_held_step_before_the_start_through_the_api(noticed, api):
    r = api.post(f"/api/meetings/{noticed.pk}/transitions/", {"transition": "hold"}, format="json")
    assert r.status_code == 400, r.json()
    assert "koml. § 11-3" in r.json()["detail"]
    assert Meeting.objects.get(pk=noticed.pk).state == MeetingState.INNKALT


def test_it_refuses_the_held_step_before_the_start_on_the_staff_page(noticed, client, fagleder):
    client.force_login(fagleder)
    response = client.post(reverse("meetings:action", args=[noticed.pk, "transition"]),
                           {"transition": "hold", "expected_state": "innkalt"}, follow=True)
    assert response.status_code == 200
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert errors and "før det er holdt (koml. § 11-3)" in errors[0]
    assert Meeting.objects.get(pk=noticed.pk).state == MeetingState.INNKALT


def test_a_meeting_may_be_marked_held_once_it_has_started(noticed, fagleder):
    meeting_took_place(noticed, hours_ago=1)
    meeting_hold(actor=fagleder, meeting=noticed)
    noticed.refresh_from_db()
    assert noticed.state == MeetingState.GJENNOMFORT


def test_minutes_of_a_meeting_dated_later_cannot_be_approved(noticed, fagleder):
    """The demo's case: the record says the meeting is on a later date (moved after it was marked held)."""
    meeting = _in_draft(noticed, fagleder)
    later = timezone.now() + dt.timedelta(days=18)
    Meeting.objects.filter(pk=meeting.pk).update(start=later, end=later + dt.timedelta(hours=3))
    meeting.refresh_from_db()
    with pytest.raises(GuardFailed, match="kan ikke få protokollen godkjent"):
        minutes_approve(actor=fagleder, meeting=meeting, approval_label="Formannskapet i neste møte")
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PROTOKOLL_UTKAST
    assert meeting.minutes.approved_at is None


def test_an_approval_date_before_the_meeting_is_refused_through_the_api(noticed, fagleder, api):
    meeting = _in_draft(noticed, fagleder)
    day_before = timezone.localdate(meeting.start) - dt.timedelta(days=1)
    r = api.post(f"/api/meetings/{meeting.pk}/transitions/",
                 {"transition": "approve_minutes", "approval_label": "Formannskapet",
                  "approved_on": day_before.isoformat()}, format="json")
    assert r.status_code == 400, r.json()
    assert "approved_on" in r.json()["errors"]
    assert "før møtet ble holdt" in r.json()["detail"] and "koml. § 11-4" in r.json()["detail"]
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PROTOKOLL_UTKAST
    assert meeting.minutes.approval_label == ""  # nothing half-written


def test_an_approval_date_in_the_future_is_refused(noticed, fagleder):
    meeting = _in_draft(noticed, fagleder)
    with pytest.raises(GuardFailed, match="er ikke kommet ennå"):
        minutes_approve(actor=fagleder, meeting=meeting, approval_label="Formannskapet",
                        approved_on=timezone.localdate() + dt.timedelta(days=3))


def test_an_approval_date_after_the_meeting_is_stored_from_the_staff_page(noticed, fagleder, client):
    meeting = meeting_took_place(noticed, hours_ago=24 * 10)
    meeting_hold(actor=fagleder, meeting=meeting)
    minutes_draft(actor=fagleder, meeting=meeting)
    signed_on = timezone.localdate(meeting.start) + dt.timedelta(days=3)
    client.force_login(fagleder)
    response = client.post(reverse("meetings:action", args=[meeting.pk, "approve"]),
                           {"approval_label": "Signert av de valgte", "approved_on": signed_on.isoformat()},
                           follow=True)
    assert not [m for m in response.context["messages"] if m.level_tag == "error"]
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PROTOKOLL_GODKJENT
    assert timezone.localdate(meeting.minutes.approved_at) == signed_on
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert f"Godkjent {signed_on.day}.{signed_on.month}.{signed_on.year}" in page
