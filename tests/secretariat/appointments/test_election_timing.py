"""Issue 13: a meddommervalg dated months before the round's deadlines was not flagged. Kommunestyret elects in the
year before the new period begins, by 1 July for meddommere and 15 October for forliksråd (dl. §§ 57, 66), and the
lists reach the courts by 15 September: round_deadline_warnings now covers these, as warnings."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from secretariat.appointments import services
from secretariat.appointments.models import AppointmentRound
from tests.helpers import case_in_state


@pytest.fixture
def on_kommunestyret_agenda(kommunestyret, saksbehandler, fagleder, kommunedirektor):
    """The round's case on a kommunestyre meeting 40 days from now (case_in_state plans it)."""
    def put(round_):
        case = case_in_state("satt_opp", organization=kommunestyret, officer=saksbehandler, fagleder=fagleder,
                             kommunedirektor=kommunedirektor, title=f"Valg: {round_.title}")
        AppointmentRound.objects.filter(pk=round_.pk).update(case=case)
        round_.refresh_from_db()
        return case.current_consultation.agenda_items.get().meeting
    return put


def _round(fagleder, kind, start_year, title):
    return services.round_create(actor=fagleder, kind=kind, title=title, period_start=dt.date(start_year, 1, 1),
                                 period_end=dt.date(start_year + 3, 12, 31))


def _wrong(round_):
    return [r for r in services.round_deadline_warnings(round=round_) if r["level"] == "wrong"]


MEETING_YEAR = (timezone.localdate() + dt.timedelta(days=40)).year  # case_in_state's meeting


def test_a_meddommervalg_years_before_its_election_year_is_flagged(body, formannskapet, fagleder,
                                                                   on_kommunestyret_agenda):
    round_ = _round(fagleder, "meddommere", MEETING_YEAR + 3, "Meddommere tidlig")
    meeting = on_kommunestyret_agenda(round_)
    assert services.round_election_date(round_) == timezone.localtime(meeting.start).date()
    [row] = _wrong(round_)
    assert f"skal holdes i {MEETING_YEAR + 2}, året før perioden" in row["message"]
    assert "dl. §§ 64–66" in row["message"]


def test_the_lists_deadline_is_a_row(meddommer_round):
    rows = {r["label"]: r for r in services.round_deadline_warnings(round=meddommer_round)}
    assert rows["Listene sendes til domstolene"]["date"] == dt.date(2028, 9, 15)
    assert rows["Listene sendes til domstolene"]["level"] == "ok"


def test_an_election_in_its_year_before_the_deadline_is_not_flagged(body, formannskapet, fagleder,
                                                                   on_kommunestyret_agenda):
    round_ = _round(fagleder, "meddommere", MEETING_YEAR + 1, "I rute")
    meeting = on_kommunestyret_agenda(round_)
    deadline = timezone.localtime(meeting.start).date() + dt.timedelta(days=10)
    AppointmentRound.objects.filter(pk=round_.pk).update(election_deadline=deadline)
    round_.refresh_from_db()
    assert _wrong(round_) == []


def test_a_forliksradsvalg_after_its_deadline_is_flagged(body, formannskapet, fagleder, on_kommunestyret_agenda):
    round_ = _round(fagleder, "forliksrad", MEETING_YEAR, "Forliksrådet sent")  # elected the year before
    on_kommunestyret_agenda(round_)
    [row] = _wrong(round_)
    assert "etter fristen" in row["message"] and "dl. § 57" in row["message"]


def test_the_staff_pages_show_the_warning(client, body, formannskapet, fagleder, on_kommunestyret_agenda):
    round_ = _round(fagleder, "meddommere", MEETING_YEAR + 3, "Meddommere tidlig")
    on_kommunestyret_agenda(round_)
    client.force_login(fagleder)
    detail = client.get(reverse("appointments:detail", args=[round_.pk])).content.decode()
    assert "Advarsel:" in detail and f"skal holdes i {MEETING_YEAR + 2}" in detail
    listing = client.get(reverse("appointments:list")).content.decode()
    assert f"skal holdes i {MEETING_YEAR + 2}" in listing
