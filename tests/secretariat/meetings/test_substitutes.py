"""Forfall and vara: substitutes come in the numbered order of the absent member's electoral list (koml. § 7-10)."""

import pytest
from django.core import mail

from secretariat.meetings.services import absence_confirm_substitute, absence_register, attendance_register
from workflows.errors import GuardFailed, TransitionForbidden


def test_the_first_substitute_on_the_members_list_is_proposed(fsk, meeting, fagleder):
    absence = absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.anders, reason="Sykdom")
    assert absence.proposed_substitute == fsk.s.arne


def test_substitutes_already_called_or_absent_are_skipped(fsk, meeting, fagleder):
    first = absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.anders)
    absence_confirm_substitute(actor=fagleder, absence=first)
    absence_register(actor=fagleder, meeting=meeting, membership=fsk.s.astrid, reason="Bortreist")
    second = absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.aud)
    assert first.substitute == fsk.s.arne
    assert second.proposed_substitute == fsk.s.are  # Arne is called, Astrid has reported absence


def test_a_member_who_left_the_party_gets_substitutes_from_the_list_she_was_elected_from(fsk, meeting, fagleder):
    assert fsk.m.hanne.person.party == fsk.m.sigrid.electoral_list  # she is in Sp now
    absence = absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.hanne)
    assert absence.proposed_substitute == fsk.s.hilde  # first on the Høyre list, not Siri (Sp)


def test_it_refuses_a_substitute_who_is_not_on_the_members_list(fsk, meeting, fagleder):
    absence = absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.hanne)
    with pytest.raises(GuardFailed, match="ikke varamedlem på Høyre"):
        absence_confirm_substitute(actor=fagleder, absence=absence, substitute=fsk.s.siri)
    absence.refresh_from_db()
    assert absence.substitute is None and absence.substitute_confirmed_at is None


def test_the_called_in_substitute_is_emailed(fsk, meeting, fagleder, django_capture_on_commit_callbacks):
    absence = absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.anders)
    with django_capture_on_commit_callbacks(execute=True):
        absence_confirm_substitute(actor=fagleder, absence=absence)
    assert [m.to for m in mail.outbox] == [["arne@folkevalgt.test"]]
    assert "varamedlem for Anders Fsk" in mail.outbox[0].body
    absence.refresh_from_db()
    assert absence.substitute_notified_at is not None


def test_a_member_reports_their_own_absence_but_not_others(fsk, meeting, member_user):
    absence = absence_register(actor=member_user, meeting=meeting, membership=fsk.m.aud, reason="Jobbreise")
    assert absence.registered_by == member_user
    with pytest.raises(TransitionForbidden):
        absence_register(actor=member_user, meeting=meeting, membership=fsk.m.anders)


def test_it_refuses_a_substitute_from_another_list_in_the_meeting(fsk, meeting, fagleder):
    from secretariat.meetings.services import agenda_item_add_other, meeting_send_notice

    agenda_item_add_other(actor=fagleder, meeting=meeting, kind="OS", title="Orientering")
    meeting_send_notice(actor=fagleder, meeting=meeting)
    with pytest.raises(GuardFailed, match="ikke varamedlem"):
        attendance_register(actor=fagleder, meeting=meeting, membership=fsk.s.siri, substitute_for=fsk.m.anders)
    assert not meeting.attendances.exists()
