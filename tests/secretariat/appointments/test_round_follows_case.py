"""The round follows its case through the meetings: formannskapet's decision registers the proposal; kommunestyret's
decision registers the election only when the 2-week display is over."""

import datetime as dt

import pytest
from django.utils import timezone

from secretariat.appointments import services
from secretariat.cases.services import case_transition
from secretariat.meetings.services import agenda_item_add, meeting_create
from tests.helpers import decide_in_meeting
from workflows.models import AuditEntry

from .conftest import round_in_state

pytestmark = pytest.mark.django_db


def _decide_in(case, organization, fagleder, *, forward=False):
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=20), dt.time(18)))
    meeting = meeting_create(actor=fagleder, organization=organization, start=start)
    agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    case.refresh_from_db()
    decide_in_meeting(case, actor=fagleder, text="Som innstilt.")
    if forward:
        case.refresh_from_db()
        case_transition(case=case, name="forward", actor=fagleder, organization=None)
        case.refresh_from_db()
        case_transition(case=case, name="receive_at_next_body", actor=fagleder)


def test_formannskapets_decision_registers_the_proposal(meddommer_round, fagleder, kommunedirektor, formannskapet,
                                                        django_capture_on_commit_callbacks):
    round_in_state("kontrollert", meddommer_round, fagleder)
    services.round_case_create(actor=fagleder, round=meddommer_round, arkivsaksnummer="28/900")
    case = meddommer_round.case
    case_transition(case=case, name="submit", actor=fagleder)
    case_transition(case=case, name="approve", actor=kommunedirektor)
    with django_capture_on_commit_callbacks(execute=True):
        _decide_in(case, formannskapet, fagleder, forward=True)
    meddommer_round.refresh_from_db()
    assert meddommer_round.state == "innstilt"


def test_kommunestyrets_decision_before_the_display_ends_is_flagged_not_followed(
        meddommer_round, fagleder, kommunedirektor, kommunestyret, django_capture_on_commit_callbacks):
    round_in_state("offentlig_ettersyn", meddommer_round, fagleder,
                   display_start=timezone.localdate() - dt.timedelta(days=2))
    case = meddommer_round.case
    case_transition(case=case, name="submit", actor=fagleder)
    case_transition(case=case, name="approve", actor=kommunedirektor)
    # Straight to kommunestyret for this test: move the first consultation there.
    consultation = case.current_consultation
    consultation.organization = kommunestyret
    consultation.save()
    with django_capture_on_commit_callbacks(execute=True):
        _decide_in(case, kommunestyret, fagleder)
    meddommer_round.refresh_from_db()
    assert meddommer_round.state == "offentlig_ettersyn"
    note = AuditEntry.objects.get(action="fulgte_ikke_saken")
    assert "minst 14 dager" in note.comment


def test_kommunestyrets_decision_after_the_display_registers_the_election(
        meddommer_round, fagleder, kommunedirektor, kommunestyret, django_capture_on_commit_callbacks):
    round_in_state("offentlig_ettersyn", meddommer_round, fagleder,
                   display_start=timezone.localdate() - dt.timedelta(days=20))
    case = meddommer_round.case
    case_transition(case=case, name="submit", actor=fagleder)
    case_transition(case=case, name="approve", actor=kommunedirektor)
    consultation = case.current_consultation
    consultation.organization = kommunestyret
    consultation.save()
    with django_capture_on_commit_callbacks(execute=True):
        _decide_in(case, kommunestyret, fagleder)
    meddommer_round.refresh_from_db()
    assert meddommer_round.state == "valgt"
