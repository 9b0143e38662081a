"""The politikerportal and permisjon in the wrong state or with ids from elsewhere (HTTP): forfall and inhabilitet
only before the meeting starts (a meeting not yet marked held may already have taken place); an item or meeting
that is not the member's; a permisjon approved only once kommunestyret has made a vedtak (an innstilling is not
one); the staff path refuses what the member's path refuses. Nothing is saved on a refusal."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from secretariat.cases.services import case_transition
from secretariat.meetings.models import Absence
from secretariat.meetings.services import agenda_item_add, meeting_create, meeting_send_notice
from secretariat.members.models import LeaveApplication, PaperNote, RecusalDeclaration
from tests.factories import OrganizationFactory
from tests.helpers import case_in_state, meeting_took_place

from .conftest import client_for, start_in
from .test_leave import _apply, _day, _decide, _step

pytestmark = pytest.mark.django_db


@pytest.fixture
def noticed(fsk, meeting_in, fagleder, saksbehandler, kommunedirektor):
    meeting = meeting_in(20)
    case = case_in_state("klar", organization=fsk.org, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor, title="Ny gangveg på Neset",
                         summary="Kommunen bygger gangveg langs fylkesvegen.")
    item = agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    meeting_send_notice(actor=fagleder, meeting=meeting)
    meeting.refresh_from_db()
    return meeting, case, item


def test_forfall_and_inhabil_are_refused_once_the_meeting_has_started(fsk, noticed, fagleder):
    meeting, _case, item = noticed
    meeting_took_place(meeting)  # still «innkalt»: the secretariat has not marked it held yet
    aud = client_for(fsk.aud_user)
    page = aud.get(reverse("members:meeting", args=[meeting.pk])).content.decode()
    assert "Meld forfall</button>" not in page and "Meld mulig inhabilitet</button>" not in page
    late = aud.post(reverse("members:absence", args=[meeting.pk]), {"reason": "Glemte det"})
    assert late.status_code == 400 and "Møtet har startet" in late.content.decode()
    late = aud.post(reverse("members:recusal", args=[meeting.pk]), {"item": item.pk, "reason": "Naboen min"})
    assert late.status_code == 400 and "Inhabilitet meldes før møtet" in late.content.decode()
    # The same rule on the API, where the member could report it too.
    api = client_for(fsk.aud_user).post(f"/api/meetings/{meeting.pk}/absences/",
                                        {"membership": fsk.aud.pk, "reason": "API"}, content_type="application/json")
    assert api.status_code == 400 and "Møtet har startet" in api.content.decode()
    assert not Absence.objects.exists() and not RecusalDeclaration.objects.exists()
    # The secretariat still records it on the day (møtemodus).
    staff = client_for(fagleder).post(f"/api/meetings/{meeting.pk}/absences/", {"membership": fsk.aud.pk},
                                      content_type="application/json")
    assert staff.status_code == 201, staff.content


def test_a_meeting_or_item_that_is_not_the_members_is_refused(fsk, noticed, fagleder, saksbehandler,
                                                              kommunedirektor):
    meeting, _case, _item = noticed
    other_body = OrganizationFactory(name="Eldrerådet")
    elsewhere = meeting_create(actor=fagleder, organization=other_body, start=start_in(25))
    other_case = case_in_state("klar", organization=fsk.org, officer=saksbehandler, fagleder=fagleder,
                               kommunedirektor=kommunedirektor, title="Annet møte")
    second = meeting_create(actor=fagleder, organization=fsk.org, start=start_in(30))
    other_item = agenda_item_add(actor=fagleder, meeting=second, case=other_case)
    meeting_send_notice(actor=fagleder, meeting=second)
    aud = client_for(fsk.aud_user)
    for name, data in (("absence", {"reason": "x"}), ("recusal", {"item": 1, "reason": "x"}),
                       ("question", {"kind": "sporsmal", "title": "x", "text": "x"})):
        assert aud.post(reverse(f"members:{name}", args=[elsewhere.pk]), data).status_code == 404, name
        assert aud.get(reverse("members:meeting", args=[elsewhere.pk])).status_code == 404
    # An item of another meeting of her own body, posted to this meeting.
    wrong = aud.post(reverse("members:recusal", args=[meeting.pk]), {"item": other_item.pk, "reason": "Naboen"})
    assert wrong.status_code == 400 and "Velg en sak fra sakslisten" in wrong.content.decode()
    for value in ("abc", "", "-1", "9" * 30):
        assert aud.post(reverse("members:recusal", args=[meeting.pk]), {"item": value, "reason": "x"}
                        ).status_code == 400, value
    assert not RecusalDeclaration.objects.exists() and not Absence.objects.exists()


def test_a_note_is_on_no_surface_but_its_writers_portal(fsk, noticed, fagleder):
    meeting, case, _item = noticed
    aud = client_for(fsk.aud_user)
    assert aud.post(reverse("members:note_add", args=[case.pk]), {"text": "Mitt notat QQPRIVATQQ"}).status_code == 302
    note = PaperNote.objects.get()
    anders = client_for(fsk.anders_user)
    for client, path in ((client_for(None), reverse("innsyn:case", args=[case.pk])),
                         (client_for(None), reverse("innsyn:meeting", args=[meeting.pk])),
                         (client_for(None), reverse("live:public", args=[meeting.pk])),
                         (anders, reverse("live:member", args=[meeting.pk])),
                         (anders, reverse("members:paper", args=[case.pk])),
                         (client_for(fagleder), reverse("live:member", args=[meeting.pk])),
                         (client_for(fagleder), reverse("meetings:live", args=[meeting.pk]))):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "QQPRIVATQQ" not in response.content.decode(), path
    # Another member cannot delete it, nor add to it as if it were theirs.
    assert anders.post(reverse("members:note_delete", args=[note.pk])).status_code == 404
    assert PaperNote.objects.filter(user=fsk.aud_user).count() == 1


def test_a_permisjon_is_approved_only_on_kommunestyrets_vedtak(fsk, fagleder, kommunedirektor):
    aud, staff = client_for(fsk.aud_user), client_for(fagleder)
    assert _apply(aud, start_date=_day(10), end_date=_day(40)).status_code == 302
    application = LeaveApplication.objects.get()
    _step(staff, application, "register_case", arkivsaksnummer="26/7101")
    application.refresh_from_db()
    refused = staff.post(reverse("leave_staff:transition", args=[application.pk]), {"transition": "approve"},
                         follow=True)
    assert "har ikke noe vedtak ennå" in refused.content.decode()
    # Kommunestyret treats it but sends it on (its decision becomes an innstilling): still no vedtak.
    _decide(application, fagleder=fagleder, kommunedirektor=kommunedirektor)
    case = application.case
    case.refresh_from_db()
    case_transition(case=case, name="forward", actor=fagleder, organization=fsk.org)
    refused = staff.post(reverse("leave_staff:transition", args=[application.pk]), {"transition": "approve"},
                         follow=True)
    assert "har ikke noe vedtak ennå" in refused.content.decode()
    application.refresh_from_db()
    assert application.state == "til_behandling" and not application.call_ins.exists()


def test_the_staff_path_refuses_what_the_members_path_refuses(fsk, fagleder):
    staff = client_for(fagleder)
    url = reverse("leave_staff:list")
    base = {"person": fsk.aud.person_id, "kind": "permisjon", "ground": "Studier"}
    assert staff.post(url, {**base, "start_date": _day(10), "end_date": _day(40)}).status_code == 302
    for data, message in (({"start_date": _day(60), "end_date": _day(50)}, "kan ikke slutte"),
                          ({"start_date": _day(30), "end_date": _day(70)}, "overlapper"),
                          ({"start_date": _day(5), "end_date": _day(11)}, "overlapper"),
                          ({"start_date": "2026-02-30", "end_date": _day(70)}, "gyldig dato"),
                          ({"kind": "fritak", "start_date": _day(100), "membership": fsk.anders.pk},
                           "tilhører ikke søkeren")):
        response = staff.post(url, {**base, **data})
        assert response.status_code == 400, data
        assert message in response.content.decode(), (data, message)
    # The member's form offers only her own offices.
    aud = client_for(fsk.aud_user)
    response = _apply(aud, kind="fritak", start_date=_day(100), membership=fsk.anders.pk)
    assert response.status_code == 400 and "Velg et av dine verv" in response.content.decode()
    assert LeaveApplication.objects.count() == 1
    assert LeaveApplication.objects.get().start_date == timezone.localdate() + dt.timedelta(days=10)


def test_the_applicants_withdraw_route_takes_no_other_step(fsk, fagleder):
    aud = client_for(fsk.aud_user)
    assert _apply(aud, start_date=_day(10), end_date=_day(40)).status_code == 302
    application = LeaveApplication.objects.get()
    url = reverse("members:leave_withdraw", args=[application.pk])
    for name, data in (("register_case", {"arkivsaksnummer": "26/1"}), ("approve", {}), ("refuse", {"comment": "x"}),
                       ("", {}), ("withdraw ", {})):
        response = aud.post(url, {"transition": name, **data}, follow=True)
        assert "Her kan du bare trekke søknaden din." in response.content.decode(), name
    application.refresh_from_db()
    assert application.state == "soknad" and application.case is None
    assert "Trekk søknaden</button>" in aud.get(reverse("members:leave")).content.decode()
    assert aud.post(url, {"transition": "withdraw"}).status_code == 302
    application.refresh_from_db()
    assert application.state == "trukket"
    assert "Trekk søknaden</button>" not in aud.get(reverse("members:leave")).content.decode()
