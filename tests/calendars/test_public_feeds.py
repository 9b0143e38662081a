"""The public iCalendar feeds, read back with an independent parser (vobject)."""

import datetime as dt

import pytest
import vobject
from django.utils import timezone

from secretariat.meetings.models import Meeting
from secretariat.meetings.services import meeting_create
from tests.helpers import case_in_state
from workflows.engine import run_transition

from .conftest import oslo

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = vobject.readOne(response.content.decode())
    cal.validate()
    return cal


def events(cal):
    return list(getattr(cal, "vevent_list", []))


def next_weekday(month: int, day: int) -> dt.date:
    today = timezone.localdate()
    year = today.year + 1
    return dt.date(year, month, day)


def test_a_winter_meeting_at_18_oslo_time_is_17_utc_and_a_summer_one_16_utc(client, fagleder, formannskapet):
    winter = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(1, 14)),
                            location="Rådhuset")
    summer = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(6, 17)),
                            location="Rådhuset")
    cal = parse(client.get("/ical/public.ics"))
    by_uid = {e.uid.value: e for e in events(cal)}
    w = by_uid[f"{winter.uid}@saksgang"].dtstart.value
    s = by_uid[f"{summer.uid}@saksgang"].dtstart.value
    assert w.astimezone(dt.UTC).hour == 17
    assert s.astimezone(dt.UTC).hour == 16
    assert w.hour == 18 and s.hour == 18
    text = client.get("/ical/public.ics").content.decode()
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Oslo" in text
    assert "DTSTART;TZID=Europe/Oslo:" in text


def test_each_event_has_uid_sequence_dtstamp_location_url_and_agenda(client, fagleder, formannskapet):
    meeting = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(3, 3)),
                             location="Kommunestyresalen")
    (event,) = events(parse(client.get("/ical/organizations/formannskapet.ics")))
    assert event.uid.value == f"{meeting.uid}@saksgang"
    assert int(event.sequence.value) == meeting.sequence
    assert event.dtstamp.value.tzinfo is not None
    assert event.location.value == "Kommunestyresalen"
    assert event.url.value.endswith(f"/innsyn/moter/{meeting.pk}/")
    assert f"/innsyn/moter/{meeting.pk}/" in event.description.value


def test_a_remote_meeting_shows_its_link(client, fagleder, formannskapet):
    meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(3, 4)), is_remote=True,
                   remote_link="https://teams.example.no/mote/123")
    (event,) = events(parse(client.get("/ical/public.ics")))
    assert event.location.value == "https://teams.example.no/mote/123"
    assert "https://teams.example.no/mote/123" in event.description.value


def test_the_exempt_case_title_never_appears_only_its_public_title(client, fagleder, formannskapet, saksbehandler,
                                                                   kommunedirektor):
    case_in_state("satt_opp", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor, title="Oppsigelse av Per Hansen ved sjukeheimen",
                         exempt=True, exempt_basis="offl13_fvl13_1", public_title="Personalsak")
    open_case = case_in_state("satt_opp", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                              kommunedirektor=kommunedirektor, title="Ny gangveg langs Strandvegen")
    for meeting in Meeting.objects.all():
        run_transition(meeting, "send_notice", actor=fagleder)
    for url in ("/ical/public.ics", "/ical/organizations/formannskapet.ics"):
        text = client.get(url).content.decode()
        unfolded = text.replace("\r\n ", "")
        assert "Per Hansen" not in unfolded
        assert "Oppsigelse" not in unfolded
        cal = parse(client.get(url))
        descriptions = " ".join(e.description.value for e in events(cal))
        assert "Personalsak" in descriptions
        assert open_case.title in descriptions


def test_a_closed_item_shows_only_its_title_never_the_paper(client, fagleder, formannskapet, saksbehandler,
                                                            kommunedirektor):
    case = case_in_state("satt_opp", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor, title="Lukket sak om tomtekjøp",
                         background="Forhandlingsposisjonen er 4,2 millioner kroner.")
    item = case.current_consultation.agenda_items.get()
    item.closed = True
    item.closed_basis = "11-5-3-b"
    item.public_title = "Tomtekjøp"
    item.save()
    run_transition(item.meeting, "send_notice", actor=fagleder)
    unfolded = client.get("/ical/public.ics").content.decode().replace("\r\n ", "")
    assert "4,2 millioner" not in unfolded
    assert "Tomtekjøp" in unfolded
    assert "Lukket sak om tomtekjøp" not in unfolded


def test_a_cancelled_meeting_stays_in_the_feed_as_cancelled_with_a_higher_sequence(client, fagleder, formannskapet):
    meeting = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(2, 10)))
    (before,) = events(parse(client.get("/ical/public.ics")))
    run_transition(meeting, "cancel", actor=fagleder, comment="For få saker.")
    (after,) = events(parse(client.get("/ical/public.ics")))
    assert after.status.value == "CANCELLED"
    assert before.status.value == "CONFIRMED"
    assert int(after.sequence.value) > int(before.sequence.value)
    assert after.uid.value == before.uid.value


def test_an_unknown_organization_feed_is_404(client, body):
    assert client.get("/ical/organizations/finnes-ikke.ics").status_code == 404


def test_the_organization_feed_has_only_that_bodys_meetings(client, fagleder, formannskapet, kommunestyret):
    fsk = meeting_create(actor=fagleder, organization=formannskapet, start=oslo(next_weekday(2, 2)))
    meeting_create(actor=fagleder, organization=kommunestyret, start=oslo(next_weekday(2, 3)))
    uids = [e.uid.value for e in events(parse(client.get("/ical/organizations/formannskapet.ics")))]
    assert uids == [f"{fsk.uid}@saksgang"]
    assert len(events(parse(client.get("/ical/public.ics")))) == 2


def test_the_agenda_is_in_the_feed_only_once_the_notice_is_sent(client, fagleder, formannskapet, saksbehandler,
                                                                 kommunedirektor):
    case = case_in_state("satt_opp", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor, title="Ny barnehage på Nordneset")
    meeting = case.current_consultation.agenda_items.get().meeting
    (before,) = events(parse(client.get("/ical/public.ics")))
    assert "Ny barnehage" not in before.description.value  # koml. § 11-3: published with the notice
    run_transition(meeting, "send_notice", actor=fagleder)
    (after,) = events(parse(client.get("/ical/public.ics")))
    assert "Ny barnehage på Nordneset" in after.description.value
    assert int(after.sequence.value) > int(before.sequence.value)
