"""Protokoll: draft → approved, then frozen; the lovlighetskontroll clock on each decision."""

import datetime as dt

import pytest
from django.utils import timezone

from secretariat.followups.legality import legality_review_deadline
from secretariat.meetings.selectors import minutes_data
from secretariat.meetings.services import (
    MinutesApproved,
    agenda_item_add,
    attendance_fill_from_notice,
    decision_update,
    item_decide,
    meeting_hold,
    meeting_send_notice,
    minutes_approve,
    minutes_draft,
    remark_add,
)
from tests.helpers import meeting_took_place
from workflows.errors import GuardFailed
from workflows.meeting import MeetingState


@pytest.fixture
def held(fsk, meeting, fagleder, klar_case):
    item = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Budsjett"))
    meeting_send_notice(actor=fagleder, meeting=meeting)
    meeting_took_place(meeting)
    attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    item_decide(actor=fagleder, item=item, text="Budsjettet vedtas.")
    remark_add(actor=fagleder, meeting=meeting, item=item, by="Sp", text="Sp ber om at skolen prioriteres.")
    meeting_hold(actor=fagleder, meeting=meeting)
    minutes_draft(actor=fagleder, meeting=meeting)
    return meeting, item


def test_minutes_contain_what_koml_11_4_requires(held, fsk):
    meeting, item = held
    data = minutes_data(meeting, public=False)
    assert data["meeting"]["location"] == "Formannskapssalen" and data["meeting"]["start"]
    assert len(data["attendance"]["present"]) == 7 and data["attendance"]["absent"] == []
    assert data["items"][0]["decision_text"] == "Budsjettet vedtas."
    assert data["remarks"] == [{"item": item.label, "by": "Sp", "text": "Sp ber om at skolen prioriteres."}]
    assert data["items"][0]["legality_review_deadline"] == legality_review_deadline(item.decision)
    assert data["items"][0]["legality_review_deadline"] == timezone.localtime(meeting.start).date() + dt.timedelta(21)
    assert data["chair"] == "Anna Fsk"


def test_approval_needs_to_say_who_approved(held, fagleder):
    meeting, _ = held
    with pytest.raises(GuardFailed, match="hvem som godkjente"):
        minutes_approve(actor=fagleder, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PROTOKOLL_UTKAST


def test_approved_minutes_cannot_be_edited(held, fagleder, fsk):
    meeting, item = held
    minutes_approve(actor=fagleder, meeting=meeting, signers=[fsk.m.henrik.person, fsk.m.sigrid.person])
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PROTOKOLL_GODKJENT
    with pytest.raises(MinutesApproved, match="godkjent og kan ikke endres"):
        decision_update(actor=fagleder, decision=item.decision, text="Noe annet.")
    with pytest.raises(MinutesApproved):
        remark_add(actor=fagleder, meeting=meeting, by="H", text="For sent.")
    item.decision.refresh_from_db()
    assert item.decision.text == "Budsjettet vedtas."
    data = minutes_data(meeting, public=False)
    assert data["minutes"]["approved"] and data["minutes"]["signers"] == ["Henrik Fsk", "Sigrid Fsk"]
    assert data["meeting"]["state"] == MeetingState.PROTOKOLL_GODKJENT


def test_the_approved_minutes_are_a_frozen_copy(held, fagleder, fsk):
    meeting, item = held
    minutes_approve(actor=fagleder, meeting=meeting, approval_label="Formannskapet i neste møte")
    fsk.m.anna.person.given_name = "Annabel"
    fsk.m.anna.person.save()
    assert minutes_data(meeting, public=False)["chair"] == "Anna Fsk"
    assert isinstance(minutes_data(meeting, public=False)["meeting"]["start"], dt.datetime)


def test_a_meeting_cannot_be_marked_held_while_an_item_has_no_outcome(fsk, meeting, fagleder, klar_case):
    item = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case())
    meeting_send_notice(actor=fagleder, meeting=meeting)
    meeting_took_place(meeting)
    with pytest.raises(GuardFailed, match=item.label):
        meeting_hold(actor=fagleder, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.INNKALT
