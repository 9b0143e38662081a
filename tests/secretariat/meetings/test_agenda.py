"""The saksliste: only `klar` cases, no duplicates, numbering per organization and year, closed items."""

import datetime as dt

import pytest
from django.utils import timezone

from secretariat.meetings.models import AgendaItemKind, ClosedBasis
from secretariat.meetings.services import (
    agenda_item_add,
    agenda_item_add_other,
    agenda_item_close,
    agenda_item_move,
    meeting_create,
    meeting_send_notice,
    meeting_update,
)
from tests.factories import aware
from tests.helpers import case_in_state
from workflows.errors import GuardFailed


def test_it_refuses_a_case_that_is_not_klar(fsk, meeting, fagleder, saksbehandler, kommunedirektor):
    case = case_in_state("til_godkjenning", organization=fsk.org, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    with pytest.raises(GuardFailed, match="Til godkjenning"):
        agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    assert not meeting.agenda_items.exists()


def test_it_refuses_the_same_case_twice(meeting, fagleder, klar_case):
    case = klar_case()
    agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    case.refresh_from_db()
    with pytest.raises(GuardFailed):
        agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    assert meeting.agenda_items.count() == 1


def test_items_are_numbered_per_organization_and_year_in_their_own_series(fsk, meeting, fagleder, klar_case):
    year = timezone.localtime(meeting.start).year % 100
    first = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case())
    rs = agenda_item_add_other(actor=fagleder, meeting=meeting, kind=AgendaItemKind.RS, title="Referat fra KU")
    later = meeting_create(actor=fagleder, organization=fsk.org, start=meeting.start + dt.timedelta(days=7))
    second = agenda_item_add(actor=fagleder, meeting=later, case=klar_case())
    assert (first.label, rs.label, second.label) == (f"PS 1/{year}", f"RS 1/{year}", f"PS 2/{year}")


def test_items_can_be_reordered(meeting, fagleder, klar_case):
    a = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case())
    b = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case())
    agenda_item_move(actor=fagleder, item=b, direction="up")
    assert list(meeting.agenda_items.order_by("position")) == [b, a]


def test_a_closed_item_keeps_its_basis_and_hides_content_publicly(meeting, fagleder, klar_case):
    from secretariat.meetings.selectors import notice_data

    item = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Personalsak Ola"))
    agenda_item_close(actor=fagleder, item=item, closed=True, basis=ClosedBasis.PRIVACY)
    public = notice_data(meeting, public=True)["items"][0]
    assert public["closed"] and "tredje ledd bokstav a (personvern)" in public["closed_basis_label"]
    assert public["summary"] == "" and public["recommendation"] == ""
    internal = notice_data(meeting, public=False)["items"][0]
    assert internal["summary"]


def test_it_refuses_to_close_an_item_for_secrecy_in_a_remote_meeting(fsk, fagleder, klar_case):
    start = aware(timezone.localdate() + dt.timedelta(days=20))
    remote = meeting_create(actor=fagleder, organization=fsk.org, start=start, is_remote=True,
                            remote_link="https://teams.example/mote")
    item = agenda_item_add(actor=fagleder, meeting=remote, case=klar_case())
    with pytest.raises(GuardFailed, match="fjernmøte"):
        agenda_item_close(actor=fagleder, item=item, closed=True, basis=ClosedBasis.SECRECY)
    item.refresh_from_db()
    assert not item.closed


def test_it_refuses_to_make_a_meeting_remote_when_an_item_is_closed_for_secrecy(meeting, fagleder, klar_case):
    item = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case())
    agenda_item_close(actor=fagleder, item=item, closed=True, basis=ClosedBasis.SECRECY)
    with pytest.raises(GuardFailed, match="fjernmøte"):
        meeting_update(actor=fagleder, meeting=meeting, data={"is_remote": True,
                                                              "remote_link": "https://teams.example/m"})
    meeting.refresh_from_db()
    assert not meeting.is_remote


def test_an_item_added_after_the_notice_is_a_tilleggssak(meeting, fagleder, klar_case):
    agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case())
    meeting_send_notice(actor=fagleder, meeting=meeting)
    extra = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case())
    assert extra.is_supplementary and extra.notice_sent_at is None
