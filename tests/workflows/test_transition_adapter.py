"""The one transition adapter, through HTTP: the quorum of koml. § 11-9 on every decide path (finding 9), and
the adapter's errors for a wrong step, state, role, expected state and input — API (JSON) and staff form."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from secretariat.meetings.models import Attendance, Decision
from secretariat.meetings.services import meeting_send_notice
from secretariat.meetings.services.decisions import item_decide
from tests.factories import MembershipFactory
from workflows.errors import GuardFailed
from workflows.models import AuditEntry

from ..helpers import case_in_state, make_quorate

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_agenda(formannskapet, saksbehandler, fagleder, kommunedirektor):
    """A case on the agenda of a meeting whose notice is out, with nobody registered present."""
    case = case_in_state("satt_opp", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    item = case.current_consultation.agenda_items.get()
    meeting_send_notice(actor=fagleder, meeting=item.meeting)
    case.refresh_from_db()
    return case, item


def _decide(client, case, **extra):
    return client.post(f"/api/cases/{case.pk}/transitions/",
                       {"transition": "decide", "decision_text": "Vedtatt.", **extra}, content_type="application/json")


# --- finding 9: no decision without a quorum, whichever path -------------------------------------------------

def test_api_decide_without_quorum_is_a_400_citing_the_law_and_saves_nothing(client, on_agenda, fagleder):
    case, item = on_agenda
    client.force_login(fagleder)
    r = _decide(client, case, agenda_item=item.pk)
    assert r.status_code == 400, r.content
    body = r.json()
    assert "ikke vedtaksført" in body["detail"] and "koml. § 11-9" in body["detail"]
    assert body["errors"] == {"quorum": [body["detail"]]}
    case.refresh_from_db()
    assert case.state == "satt_opp"
    assert not Decision.objects.filter(consultation__case=case).exists()
    assert not AuditEntry.for_object(case).filter(action="decide").exists()


def test_api_decide_below_half_the_seats_is_refused(client, on_agenda, fagleder, formannskapet):
    case, item = on_agenda
    for _ in range(formannskapet.seats // 2):  # 3 of 7: one short of half
        Attendance.objects.create(meeting=item.meeting, membership=MembershipFactory(organization=formannskapet))
    client.force_login(fagleder)
    assert _decide(client, case, agenda_item=item.pk).status_code == 400
    assert not Decision.objects.filter(consultation__case=case).exists()


def test_api_decide_without_an_agenda_item_is_a_400(client, on_agenda, fagleder):
    case, item = on_agenda
    make_quorate(item)
    client.force_login(fagleder)
    r = _decide(client, case)
    assert r.status_code == 400
    assert "agenda_item" in r.json()["errors"]
    assert not Decision.objects.filter(consultation__case=case).exists()


def test_api_decide_with_a_quorum_registers_the_decision(client, on_agenda, fagleder):
    case, item = on_agenda
    make_quorate(item)
    client.force_login(fagleder)
    r = _decide(client, case, agenda_item=item.pk)
    assert r.status_code == 200, r.content
    assert r.json()["state"] == "behandlet"
    assert Decision.objects.get(consultation__case=case).agenda_item == item


def test_staff_case_form_decide_without_quorum_shows_the_law_and_saves_nothing(client, on_agenda, fagleder):
    case, item = on_agenda
    client.force_login(fagleder)
    r = client.post(reverse("cases:transition", args=[case.pk]),
                    {"transition": "decide", "decision_text": "Vedtatt.", "agenda_item": item.pk}, follow=True)
    assert "koml. § 11-9" in r.content.decode()
    case.refresh_from_db()
    assert case.state == "satt_opp" and not Decision.objects.exists()


def test_meeting_mode_decide_without_quorum_saves_nothing(client, on_agenda, fagleder):
    case, item = on_agenda
    client.force_login(fagleder)
    r = client.post(reverse("meetings:action", args=[item.meeting_id, "decide"]),
                    {"item": item.pk, "text": "Vedtatt.", "next_step": "final"}, follow=True)
    assert "koml. § 11-9" in r.content.decode()
    case.refresh_from_db()
    assert case.state == "satt_opp" and not Decision.objects.exists()


def test_agenda_item_api_decide_without_quorum_is_a_400(client, on_agenda, fagleder):
    case, item = on_agenda
    client.force_login(fagleder)
    r = client.post(f"/api/agenda-items/{item.pk}/decide/", {"text": "Vedtatt.", "next_step": "final"},
                    content_type="application/json")
    assert r.status_code == 400 and "koml. § 11-9" in r.json()["detail"]
    case.refresh_from_db()
    assert case.state == "satt_opp" and not Decision.objects.exists()


def test_agenda_item_api_decide_with_quorum_decides_and_finalizes(client, on_agenda, fagleder):
    case, item = on_agenda
    make_quorate(item)
    client.force_login(fagleder)
    r = client.post(f"/api/agenda-items/{item.pk}/decide/", {"text": "Vedtatt.", "next_step": "final"},
                    content_type="application/json")
    assert r.status_code == 201, r.content
    case.refresh_from_db()
    assert case.state == "vedtatt"
    assert [e.action for e in AuditEntry.for_object(case)][-2:] == ["decide", "finalize"]


def test_the_services_refuse_too(on_agenda, fagleder):
    from secretariat.cases.services import case_transition

    case, item = on_agenda
    with pytest.raises(GuardFailed, match="11-9"):
        case_transition(case=case, name="decide", actor=fagleder, decision_text="Vedtatt.", agenda_item=item)
    with pytest.raises(GuardFailed, match="11-9"):
        item_decide(actor=fagleder, item=item, text="Vedtatt.")
    assert not Decision.objects.exists()


def test_a_decision_on_another_cases_item_is_refused(client, on_agenda, fagleder, formannskapet, saksbehandler,
                                                     kommunedirektor):
    case, item = on_agenda
    other = case_in_state("satt_opp", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                          kommunedirektor=kommunedirektor)
    other_item = other.current_consultation.agenda_items.get()
    make_quorate(other_item)
    client.force_login(fagleder)
    r = _decide(client, case, agenda_item=other_item.pk)
    assert r.status_code == 400 and "agenda_item" in r.json()["errors"]


# --- the adapter's errors: API ---------------------------------------------------------------------------------

def test_api_unknown_step_is_a_400_naming_the_possible_ones(client, on_agenda, fagleder):
    case, _ = on_agenda
    client.force_login(fagleder)
    r = client.post(f"/api/cases/{case.pk}/transitions/", {"transition": "fly"}, content_type="application/json")
    assert r.status_code == 400 and r.json()["code"] == "unknown_transition"
    assert "Ukjent steg «fly»" in r.json()["detail"]


def test_api_missing_step_name_is_a_field_error(client, on_agenda, fagleder):
    case, _ = on_agenda
    client.force_login(fagleder)
    r = client.post(f"/api/cases/{case.pk}/transitions/", {}, content_type="application/json")
    assert r.status_code == 400 and "transition" in r.json()["errors"]


def test_api_wrong_state_is_a_409(client, on_agenda, fagleder):
    case, _ = on_agenda
    client.force_login(fagleder)
    r = client.post(f"/api/cases/{case.pk}/transitions/", {"transition": "finalize"},
                    content_type="application/json")
    assert r.status_code == 409 and r.json()["code"] == "transition_not_allowed"


def test_api_wrong_role_is_a_403(client, on_agenda, saksbehandler):
    case, item = on_agenda
    client.force_login(saksbehandler)
    r = _decide(client, case, agenda_item=item.pk)
    assert r.status_code == 403 and r.json()["code"] == "permission_denied"


def test_api_stale_expected_state_is_a_409(client, on_agenda, fagleder):
    case, item = on_agenda
    make_quorate(item)
    client.force_login(fagleder)
    r = _decide(client, case, agenda_item=item.pk, expected_state="klar")
    assert r.status_code == 409 and r.json()["code"] == "conflict"
    assert not Decision.objects.exists()


def test_api_missing_required_input_is_a_400(client, on_agenda, fagleder):
    case, item = on_agenda
    client.force_login(fagleder)
    r = client.post(f"/api/cases/{case.pk}/transitions/", {"transition": "decide", "agenda_item": item.pk},
                    content_type="application/json")
    assert r.status_code == 400 and r.json()["errors"]["decision_text"] == ["Vedtaksteksten mangler."]


@pytest.mark.parametrize("value", ["tolv", True, {"id": 1}])
def test_api_wrong_input_type_is_a_400(client, on_agenda, fagleder, value):
    case, _ = on_agenda
    client.force_login(fagleder)
    r = _decide(client, case, agenda_item=value)
    assert r.status_code == 400 and "agenda_item" in r.json()["errors"]


def test_api_meeting_steps_use_the_same_adapter(client, fagleder, formannskapet):
    from secretariat.meetings.services import agenda_item_add_other, meeting_create

    start = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=30), dt.time(18)))
    meeting = meeting_create(actor=fagleder, organization=formannskapet, start=start)
    agenda_item_add_other(actor=fagleder, meeting=meeting, kind="OS", title="Orientering fra ordføreren")
    client.force_login(fagleder)
    url = f"/api/meetings/{meeting.pk}/transitions/"
    assert client.post(url, {"transition": "hold"}, content_type="application/json").status_code == 409
    r = client.post(url, {"transition": "cancel"}, content_type="application/json")
    assert r.status_code == 400 and r.json()["errors"] == {"comment": ["Skriv hvorfor møtet avlyses."]}
    r = client.post(url, {"transition": "send_notice", "expected_state": "innkalt"}, content_type="application/json")
    assert r.status_code == 409
    r = client.post(url, {"transition": "approve_minutes", "signers": ["x"]}, content_type="application/json")
    assert r.status_code == 400 and "signers" in r.json()["errors"]
    r = client.post(url, {"transition": "send_notice"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["state"] == "innkalt"


def test_api_meeting_step_by_a_saksbehandler_is_a_403(client, saksbehandler, fagleder, formannskapet):
    from secretariat.meetings.services import meeting_create

    start = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=30), dt.time(18)))
    meeting = meeting_create(actor=fagleder, organization=formannskapet, start=start)
    client.force_login(saksbehandler)
    r = client.post(f"/api/meetings/{meeting.pk}/transitions/", {"transition": "send_notice"},
                    content_type="application/json")
    assert r.status_code == 403


# --- the adapter's errors: staff forms -------------------------------------------------------------------------

def _staff(client, case, data):
    return client.post(reverse("cases:transition", args=[case.pk]), data, follow=True).content.decode()


def test_staff_form_errors_are_norwegian_messages(client, on_agenda, fagleder, saksbehandler):
    case, item = on_agenda
    client.force_login(fagleder)
    assert "Ukjent steg «fly»" in _staff(client, case, {"transition": "fly"})
    assert "Kan ikke «Endelig vedtatt»" in _staff(client, case, {"transition": "finalize"})
    assert "Vedtaksteksten mangler." in _staff(client, case, {"transition": "decide", "agenda_item": item.pk})
    assert "sak på sakslisten" in _staff(client, case, {"transition": "decide", "decision_text": "V",
                                                       "agenda_item": "tolv"}).lower()
    assert "endret av noen andre" in _staff(client, case, {"transition": "decide", "decision_text": "V",
                                                          "agenda_item": item.pk, "expected_state": "klar"})
    client.force_login(saksbehandler)
    assert "Du har ikke tilgang" in _staff(client, case, {"transition": "decide", "decision_text": "V",
                                                          "agenda_item": item.pk})
    case.refresh_from_db()
    assert case.state == "satt_opp"


def test_staff_meeting_form_errors_are_norwegian_messages(client, fagleder, formannskapet):
    from secretariat.meetings.services import meeting_create

    start = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=30), dt.time(18)))
    meeting = meeting_create(actor=fagleder, organization=formannskapet, start=start)
    client.force_login(fagleder)
    url = reverse("meetings:action", args=[meeting.pk, "transition"])
    assert "Skriv hvorfor møtet avlyses." in client.post(url, {"transition": "cancel"}, follow=True).content.decode()
    page = client.post(url, {"transition": "send_notice", "expected_state": "innkalt"}, follow=True).content.decode()
    assert "endret av noen andre" in page
    meeting.refresh_from_db()
    assert meeting.state == "planlagt"


def test_one_who_may_take_no_step_is_refused_before_the_input_is_read(client, on_agenda, saksbehandler,
                                                                      kommunedirektor):
    """A role with no step in the meeting workflow gets 403 for any body, not a 400 about the input."""
    _, item = on_agenda
    for user in (saksbehandler, kommunedirektor):
        client.force_login(user)
        for body in ({}, {"transition": "hold"}, {"transition": 7}):
            r = client.post(f"/api/meetings/{item.meeting.pk}/transitions/", body, content_type="application/json")
            assert r.status_code == 403 and r.json()["code"] == "permission_denied", (user, body)
        r = client.post(f"/intern/moter/{item.meeting.pk}/handling/transition/", {"transition": "hold"})
        assert r.status_code == 403, user
    item.meeting.refresh_from_db()
    assert item.meeting.state == "innkalt"


def test_live_meeting_actions_refuse_other_roles_before_reading_input(client, on_agenda, saksbehandler):
    _, item = on_agenda
    client.force_login(saksbehandler)
    for action in ("votes", "recusals", "proposals", "decide", "outcome", "video", "close"):
        r = client.post(f"/api/agenda-items/{item.pk}/{action}/", {}, content_type="application/json")
        assert r.status_code == 403, action
    r = client.post(f"/api/meetings/{item.meeting.pk}/attendance/", {}, content_type="application/json")
    assert r.status_code == 403
    r = client.post(f"/api/meetings/{item.meeting.pk}/absences/", {}, content_type="application/json")
    assert r.status_code == 403
