"""A vote keyed in at the same moment as the minutes are approved, each on its own database connection: the vote
either lands before the approval (and is in the approved record) or is refused because the record is final (koml.
§ 11-4) — never written into approved minutes. The interleaving is forced: the approval is held open until the
database says the vote waits for it (pg_stat_activity), then committed."""

from __future__ import annotations

import threading

import pytest
from django.db import connections, transaction

from secretariat.meetings.models import AgendaItem, Vote
from secretariat.meetings.services import (
    agenda_item_add,
    attendance_fill_from_notice,
    item_decide,
    meeting_hold,
    meeting_send_notice,
    minutes_approve,
    minutes_draft,
    proposal_recommendation,
    vote_record,
)
from tests.helpers import meeting_took_place, someone_waits_for_a_lock
from workflows.errors import WorkflowError


@pytest.mark.django_db(transaction=True)
def test_a_vote_keyed_in_while_the_minutes_are_being_approved_waits_and_is_refused(meeting, fsk, fagleder,
                                                                                   klar_case):
    item = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case())
    meeting_send_notice(actor=fagleder, meeting=meeting)
    attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    item_decide(actor=fagleder, item=item, text="Vedtatt.")
    proposal = proposal_recommendation(actor=fagleder, item=item)
    meeting_took_place(meeting)
    meeting_hold(actor=fagleder, meeting=meeting)
    minutes_draft(actor=fagleder, meeting=meeting)
    meeting.refresh_from_db()

    approved, release, results = threading.Event(), threading.Event(), {}

    def approve():
        try:
            with transaction.atomic():
                minutes_approve(actor=fagleder, meeting=meeting, approval_label="Formannskapet 1.2.2027")
                approved.set()
                release.wait(timeout=30)
        except Exception as exc:  # noqa: BLE001 - checked below
            results["approve"] = exc
            approved.set()
        finally:
            connections.close_all()

    def vote():
        try:
            # Its own copy, read before the approval commits (the page the secretary submitted from).
            mine = AgendaItem.objects.select_related("meeting").get(pk=item.pk)
            results["vote"] = vote_record(actor=fagleder, item=mine, proposal=proposal, unanimous=True)
        except Exception as exc:  # noqa: BLE001 - checked below
            results["vote"] = exc
        finally:
            connections.close_all()

    first = threading.Thread(target=approve)
    first.start()
    assert approved.wait(timeout=20) and "approve" not in results, results
    second = threading.Thread(target=vote)
    second.start()
    try:
        waited = someone_waits_for_a_lock()
    finally:
        release.set()
        first.join(timeout=30)
        second.join(timeout=30)
    assert waited, f"the vote did not wait for the approval: {results}"
    assert "approve" not in results, results
    assert isinstance(results["vote"], WorkflowError) and "godkjent" in results["vote"].message, results
    assert not Vote.objects.filter(agenda_item=item).exists()
