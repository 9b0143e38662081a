"""SEQUENCE grows on every change a calendar subscriber cares about, and not otherwise."""

import pytest

from secretariat.meetings.models import Meeting
from secretariat.meetings.services import meeting_create
from tests.helpers import case_in_state
from workflows.engine import run_transition

from .conftest import oslo
from .test_public_feeds import next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(fagleder, formannskapet):
    return meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(2, 11)))


def sequence(meeting):
    return Meeting.objects.get(pk=meeting.pk).sequence


@pytest.mark.parametrize("field,value", [("location", "Biblioteket"), ("remote_link", "https://møte.example/1"),
                                         ("title", "Ekstraordinært møte")])
def test_changing_place_link_or_title_bumps_the_sequence(meeting, field, value):
    setattr(meeting, field, value)
    meeting.save()
    assert sequence(meeting) == 1


def test_moving_the_meeting_bumps_it_even_with_update_fields(meeting):
    meeting.start = oslo(next_weekday(2, 12))
    meeting.save(update_fields=["start"])
    assert sequence(meeting) == 1


def test_cancelling_bumps_it(meeting, fagleder):
    run_transition(meeting, "cancel", actor=fagleder, comment="Avlyst.")
    assert sequence(meeting) == 1


def test_a_save_without_changes_does_not(meeting):
    meeting.save()
    meeting.video_url = "https://video.example/1"
    meeting.save()
    assert sequence(meeting) == 0


def test_adding_renaming_and_removing_agenda_items_bumps_it(fagleder, formannskapet, saksbehandler, kommunedirektor):
    case = case_in_state("satt_opp", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    item = case.current_consultation.agenda_items.get()
    meeting = item.meeting
    after_add = sequence(meeting)
    assert after_add >= 1
    item.title = "Ny tittel"
    item.save()
    assert sequence(meeting) == after_add + 1
    item.save()
    assert sequence(meeting) == after_add + 1


def test_saving_a_stale_meeting_never_lowers_the_sequence(fagleder, formannskapet, saksbehandler, kommunedirektor):
    case = case_in_state("satt_opp", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    item = case.current_consultation.agenda_items.get()
    stale = Meeting.objects.get(pk=item.meeting_id)
    item.title = "Endret tittel"
    item.save()
    bumped = sequence(stale)
    stale.video_url = "https://video.example/2"
    stale.save()
    assert sequence(stale) == bumped


def test_only_its_owner_raises_the_sequence():
    """One owner (secretariat/common/calendar_sequence.py): no other module bumps SEQUENCE by hand."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    bump = re.compile(r"sequence\s*\+=|sequence\s*=\s*F\(|\"sequence\":\s*F\(")
    offenders = [
        str(path.relative_to(root))
        for folder in ("secretariat", "calendars", "workflows", "document_templates")
        for path in (root / folder).rglob("*.py")
        if "migrations" not in path.parts and path.name != "calendar_sequence.py" and bump.search(path.read_text())
    ]
    assert offenders == []
