"""Issue 12, part 1: input that never breaks it. Each finding of the hostile-user run, through HTTP: a clear 400
(JSON in the API, a Norwegian message in the UI) or 404, never a 500, and nothing stored from bad input."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from secretariat.followups.models import FollowUpReport
from secretariat.meetings.models import AgendaItem, Meeting, Proposal
from secretariat.meetings.services import agenda_item_add, meeting_send_notice
from tests.factories import aware
from tests.secretariat.followups.conftest import decided_case, decision, followup, make_followup, unit  # noqa: F401
from tests.secretariat.meetings.conftest import fsk, klar_case, meeting, parties  # noqa: F401 (fixtures)


@pytest.fixture
def api(fagleder):
    client = APIClient()
    client.force_authenticate(fagleder)
    return client


@pytest.fixture
def live(meeting, fagleder, klar_case):  # noqa: F811 (a fixture)
    """The meeting with one case on the agenda and the notice sent: proposals and votes may be registered."""
    item = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Budsjett"))
    meeting_send_notice(actor=fagleder, meeting=meeting)
    return meeting, item


def _json(api, method, url, body: str):
    return getattr(api, method)(url, data=body, content_type="application/json")


def _assert_json_400(response):
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


# --- 1. A body that is not a JSON object; JSON nested too deep ------------------------------------------------

ITEM_ACTIONS = ["close", "recusals", "proposals", "votes", "decide", "outcome", "video"]
MEETING_ACTIONS = ["transitions", "agenda", "absences", "attendance", "confirm-substitute"]


@pytest.mark.parametrize("payload", ['["transition", "send_notice"]', '"send_notice"', "17", "null", "[]"])
def test_a_body_that_is_not_an_object_is_a_400_on_every_transitions_and_action_endpoint(api, live, payload,
                                                                                         saksbehandler):
    mtg, item = live
    case = item.consultation.case
    urls = [f"/api/meetings/{mtg.pk}/{name}/" for name in MEETING_ACTIONS]
    urls += [f"/api/agenda-items/{item.pk}/{name}/" for name in ITEM_ACTIONS]
    urls += [f"/api/cases/{case.pk}/transitions/", "/api/meetings/", "/api/cases/"]
    for url in urls:
        response = _json(api, "post", url, payload)
        assert response.status_code == 400, (url, response.status_code, response.content[:200])
        assert "JSON-objekt" in response.json()["detail"], url
    assert _json(api, "patch", f"/api/meetings/{mtg.pk}/", payload).status_code == 400
    assert item.proposals.count() == 0 and Meeting.objects.count() == 1


def test_json_nested_100000_levels_deep_is_a_400_not_a_recursion_error(api, live):
    mtg, _ = live
    deep = '{"transition": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = _json(api, "post", f"/api/meetings/{mtg.pk}/transitions/", deep)
    _assert_json_400(response)
    assert "nøstet for dypt" in response.json()["detail"]


def test_a_broken_json_body_is_a_norwegian_400(api, live):
    mtg, _ = live
    response = _json(api, "post", f"/api/meetings/{mtg.pk}/transitions/", '{"transition": ')
    _assert_json_400(response)
    assert response.json()["detail"].startswith("Ugyldig JSON")


# --- 2. NUL and other control characters ---------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/innsyn/sok/?q=budsjett%00", "/innsyn/sok/?organ=%00", "/innsyn/moter/?organ=x%00",
                                 "/innsyn/sok/?q=%1b%5b31m"])
def test_nul_in_the_public_query_parameters_is_a_norwegian_400(client, db, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "kontrolltegn" in response.content.decode()


def test_nul_in_a_json_text_is_refused_naming_the_field_and_nothing_is_stored(api, live):
    mtg, item = live
    response = api.post(f"/api/agenda-items/{item.pk}/proposals/", {"by": "Ap", "text": "Vedtas\u0000"},
                        format="json")
    _assert_json_400(response)
    assert "«text»" in response.json()["detail"] and "kontrolltegn" in response.json()["detail"]
    assert item.proposals.count() == 0


def test_nul_in_a_staff_form_is_a_norwegian_400_page(client, live, fagleder):
    mtg, item = live
    client.force_login(fagleder)
    response = client.post(f"/intern/moter/{mtg.pk}/handling/proposal/",
                           {"item": item.pk, "by": "Ap\x00", "text": "Vedtas"})
    assert response.status_code == 400 and "kontrolltegn" in response.content.decode()
    assert "«by»" in response.content.decode()
    assert item.proposals.count() == 0


def test_nul_in_an_api_query_parameter_is_a_json_400(api, live):
    response = api.get("/api/meetings/?organization=%00")
    _assert_json_400(response)


def test_tab_newline_and_carriage_return_are_text(api, live):
    _, item = live
    response = api.post(f"/api/agenda-items/{item.pk}/proposals/", {"by": "Ap", "text": "Linje 1\r\n\tLinje 2"},
                        format="json")
    assert response.status_code == 201, response.json()
    assert item.proposals.get().text == "Linje 1\r\n\tLinje 2"


# --- 3. Numbers, years and dates are bounded -----------------------------------------------------------------


@pytest.mark.parametrize("url", ["/innsyn/moter/?ar=-1", "/innsyn/moter/?ar=99999999999999999999",
                                 "/innsyn/sok/?ar=10000", "/innsyn/sok/?ar=1e5", "/innsyn/moter/?ar=%C2%B2"])
def test_a_year_out_of_range_on_the_public_pages_is_ignored_with_a_message(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "ikke et gyldig år" in response.content.decode()


def test_a_sane_year_still_filters(client, db):
    response = client.get("/innsyn/moter/?ar=2026")
    assert response.status_code == 200 and "ikke et gyldig år" not in response.content.decode()


@pytest.mark.parametrize("seconds", ["abc", -1, 1.5, "99999999999999999999", True, [10], {"s": 1}])
def test_video_seconds_must_be_a_whole_non_negative_number(api, live, seconds):
    _, item = live
    response = api.post(f"/api/agenda-items/{item.pk}/video/", {"seconds": seconds}, format="json")
    _assert_json_400(response)
    assert "seconds" in response.json()["errors"]
    item.refresh_from_db()
    assert item.video_offset_seconds is None


def test_video_seconds_past_the_meetings_length_are_refused(api, live):
    mtg, item = live  # the meeting is planned to last three hours
    response = api.post(f"/api/agenda-items/{item.pk}/video/", {"seconds": 3 * 3600 + 1}, format="json")
    _assert_json_400(response)
    assert api.post(f"/api/agenda-items/{item.pk}/video/", {"seconds": 600}, format="json").status_code == 200
    item.refresh_from_db()
    assert item.video_offset_seconds == 600


def test_video_seconds_abc_in_the_staff_form_is_a_message_and_not_stored_as_0(client, live, fagleder):
    mtg, item = live
    client.force_login(fagleder)
    response = client.post(f"/intern/moter/{mtg.pk}/handling/video/", {"item": item.pk, "seconds": "abc"},
                           follow=True)
    assert response.status_code == 200 and "helt tall" in response.content.decode()
    item.refresh_from_db()
    assert item.video_offset_seconds is None


def _meeting_body(start, **extra):
    return {"organization": "formannskapet", "start": start.isoformat(), "location": "Rådhuset", **extra}


def test_a_meeting_in_year_1_is_refused_even_when_confirmed(api, fsk):  # noqa: F811 (a fixture)
    response = api.post("/api/meetings/", _meeting_body(dt.datetime(1, 1, 2, 18, tzinfo=dt.UTC),
                                                        confirm_unusual_date=True), format="json")
    _assert_json_400(response)
    assert "start" in response.json()["errors"]
    assert Meeting.objects.count() == 0


def test_a_meeting_far_away_needs_confirmation(api, fsk):  # noqa: F811 (a fixture)
    far = aware(timezone.localdate() + dt.timedelta(days=6 * 365))
    response = api.post("/api/meetings/", _meeting_body(far), format="json")
    _assert_json_400(response)
    assert "Kryss av" in response.json()["errors"]["start"][0]
    long_ago = aware(timezone.localdate() - dt.timedelta(days=400))
    assert api.post("/api/meetings/", _meeting_body(long_ago), format="json").status_code == 400
    assert Meeting.objects.count() == 0
    response = api.post("/api/meetings/", _meeting_body(far, confirm_unusual_date=True), format="json")
    assert response.status_code == 201, response.json()
    assert "confirm_unusual_date" not in response.json()


def test_the_staff_meeting_form_asks_for_confirmation_of_a_far_date(client, fsk, fagleder):  # noqa: F811
    client.force_login(fagleder)
    far = (timezone.localdate() + dt.timedelta(days=6 * 365)).isoformat() + "T18:00"
    data = {"organization": fsk.org.pk, "start": far, "location": "Rådhuset"}
    response = client.post("/intern/moter/nytt/", data)
    assert response.status_code == 200 and "mer enn fem år frem" in response.content.decode()
    assert Meeting.objects.count() == 0
    response = client.post("/intern/moter/nytt/", {**data, "confirm_unusual_date": "on"})
    assert response.status_code == 302 and Meeting.objects.count() == 1
    response = client.post("/intern/moter/nytt/", {**data, "start": "0001-01-02T18:00", "confirm_unusual_date": "on"})
    assert response.status_code == 200 and "ikke gyldig" in response.content.decode()


def test_a_followup_report_for_the_years_0001_to_9999_is_refused(api, kommunestyret):
    for start, end in (("0001-01-01", "9999-12-31"), ("2020-01-01", "2026-01-01")):
        response = api.post("/api/followup-reports/", {"organization": "kommunestyret", "period_start": start,
                                                        "period_end": end}, format="json")
        _assert_json_400(response)
    assert FollowUpReport.objects.count() == 0
    response = api.post("/api/followup-reports/", {"organization": "kommunestyret", "period_start": "2025-01-01",
                                                    "period_end": "2026-06-30"}, format="json")
    assert response.status_code == 201, response.json()


# --- 4. Lengths are checked against the column ---------------------------------------------------------------


def test_a_5000_character_rs_title_is_a_400_and_a_form_error(api, client, meeting, fagleder):  # noqa: F811
    response = api.post(f"/api/meetings/{meeting.pk}/agenda/", {"kind": "RS", "title": "x" * 5000}, format="json")
    _assert_json_400(response)
    assert "title" in response.json()["errors"]
    client.force_login(fagleder)
    response = client.post(f"/intern/moter/{meeting.pk}/handling/add_other/", {"kind": "RS", "title": "x" * 5000},
                           follow=True)
    assert response.status_code == 200 and "høyst 250 tegn" in response.content.decode()
    assert AgendaItem.objects.count() == 0


# --- 5. Specific findings ------------------------------------------------------------------------------------


def test_patch_of_a_case_with_a_non_numeric_id_is_a_404(api, db):
    response = api.patch("/api/cases/abc/", {"title": "x"}, format="json")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


@pytest.mark.parametrize("action", ["move", "remove", "close", "video", "proposal", "vote", "decide", "outcome"])
def test_staff_meeting_actions_without_item_are_a_form_error(client, live, fagleder, action):
    mtg, item = live
    client.force_login(fagleder)
    response = client.post(f"/intern/moter/{mtg.pk}/handling/{action}/", {"text": "x", "by": "Ap"}, follow=True)
    assert response.status_code == 200
    assert "Velg en sak på sakslisten" in response.content.decode()
    assert item.proposals.count() == 0


@pytest.mark.parametrize("target", ["not a url", "javascript:alert(1)", "https://evil.example/", "//evil.example/x",
                                    "meetings:detail"])
def test_a_next_that_is_not_a_path_on_this_site_is_ignored(client, live, fagleder, target):
    mtg, _ = live
    client.force_login(fagleder)
    response = client.post(f"/intern/moter/{mtg.pk}/handling/video_start/", {"next": target})
    assert response.status_code == 302 and response["Location"] == f"/intern/moter/{mtg.pk}/"


def test_a_next_on_this_site_is_followed(client, live, fagleder):
    mtg, _ = live
    client.force_login(fagleder)
    response = client.post(f"/intern/moter/{mtg.pk}/handling/video_start/",
                           {"next": f"/intern/moter/{mtg.pk}/motemodus/"})
    assert response.status_code == 302 and response["Location"] == f"/intern/moter/{mtg.pk}/motemodus/"


def test_expected_state_as_a_list_is_a_400(api, meeting):  # noqa: F811
    response = api.post(f"/api/meetings/{meeting.pk}/transitions/",
                        {"transition": "cancel", "comment": "x", "expected_state": ["planlagt"]}, format="json")
    _assert_json_400(response)
    assert "expected_state" in response.json()["errors"]
    meeting.refresh_from_db()
    assert meeting.state == "planlagt"


def test_an_override_reason_that_is_an_object_is_a_400_and_not_stored(api, fsk, fagleder):  # noqa: F811
    from secretariat.meetings.services import meeting_create

    soon = meeting_create(actor=fagleder, organization=fsk.org, start=aware(timezone.localdate() + dt.timedelta(2)))
    response = api.post(f"/api/meetings/{soon.pk}/transitions/",
                        {"transition": "send_notice", "override_reason": {"a": 1}}, format="json")
    _assert_json_400(response)
    assert "override_reason" in response.json()["errors"]
    soon.refresh_from_db()
    assert soon.state == "planlagt" and soon.notice_override_reason == ""


@pytest.mark.parametrize("by", [["x"], {"a": 1}, "x" * 201])
def test_a_proposal_by_of_the_wrong_type_or_length_is_a_400_and_not_stored(api, live, by):
    _, item = live
    response = api.post(f"/api/agenda-items/{item.pk}/proposals/", {"by": by, "text": "Vedtas."}, format="json")
    _assert_json_400(response)
    assert "by" in response.json()["errors"]
    assert not Proposal.objects.exists()


# --- 6. Typed input of the meeting actions (no hand parsing of request.data) ------------------------------------


def test_closed_false_as_text_reopens_an_item_instead_of_reading_as_true(api, live):
    _, item = live
    response = api.post(f"/api/agenda-items/{item.pk}/close/", {"closed": True, "closed_basis": "11-5-3-b"},
                        format="json")
    assert response.status_code == 200, response.json()
    response = api.post(f"/api/agenda-items/{item.pk}/close/", {"closed": "false"}, format="json")
    assert response.status_code == 200, response.json()
    item.refresh_from_db()
    assert not item.closed


@pytest.mark.parametrize("fields", [{"for_count": "abc", "against_count": 1, "secret": True},
                                  {"for_count": -3, "against_count": 1, "secret": True},
                                  {"ballots": {"abc": "for"}}, {"ballots": ["for"]}, {"secret": "kanskje"}])
def test_a_vote_with_wrong_types_is_a_400_and_nothing_is_stored(api, live, fagleder, fields):
    from secretariat.meetings.services import attendance_fill_from_notice, proposal_add

    mtg, item = live
    attendance_fill_from_notice(actor=fagleder, meeting=mtg)  # a quorum: only the input can be wrong
    proposal = proposal_add(actor=fagleder, item=item, by="Ap", text="Vedtas.")
    response = api.post(f"/api/agenda-items/{item.pk}/votes/", {"proposal": proposal.pk, **fields}, format="json")
    _assert_json_400(response)
    assert set(response.json()["errors"]) <= {"for_count", "ballots", "secret"}
    assert not item.votes.exists()
    response = api.post(f"/api/agenda-items/{item.pk}/votes/", {"proposal": proposal.pk, "unanimous": True},
                        format="json")
    assert response.status_code == 201, response.json()


def test_a_vote_count_abc_in_the_staff_form_is_a_message_not_0(client, live, fagleder):
    from secretariat.meetings.services import proposal_add

    mtg, item = live
    proposal = proposal_add(actor=fagleder, item=item, by="Ap", text="Vedtas.")
    client.force_login(fagleder)
    response = client.post(f"/intern/moter/{mtg.pk}/handling/vote/", {
        "item": item.pk, "proposal": proposal.pk, "secret": "1", "for_count": "abc", "against_count": "2"},
        follow=True)
    assert response.status_code == 200 and "helt tall" in response.content.decode()
    response = client.post(f"/intern/moter/{mtg.pk}/handling/vote/", {
        "item": item.pk, "proposal": proposal.pk, "ballot_abc": "for"}, follow=True)
    assert response.status_code == 200 and "Ugyldig stemme" in response.content.decode()
    assert not item.votes.exists()


@pytest.mark.parametrize("reason", [{"a": 1}, ["x"], "x" * 301])
def test_an_absence_reason_of_the_wrong_type_or_length_is_a_400_and_not_stored(api, live, fsk, reason):  # noqa: F811
    mtg, _ = live
    response = api.post(f"/api/meetings/{mtg.pk}/absences/", {"membership": fsk.m.aud.pk, "reason": reason},
                        format="json")
    _assert_json_400(response)
    assert "reason" in response.json()["errors"]
    assert not mtg.absences.exists()


@pytest.mark.parametrize("membership", ["abc", 10**20, "²", None])
def test_an_attendance_with_a_bad_member_id_is_a_400(api, live, membership):
    mtg, _ = live
    response = api.post(f"/api/meetings/{mtg.pk}/attendance/", {"membership": membership}, format="json")
    _assert_json_400(response)
    assert not mtg.attendances.exists()


def test_a_followup_note_that_is_not_a_text_is_a_400_and_not_stored(client, followup, saksbehandler):  # noqa: F811
    client.force_login(saksbehandler)
    response = client.post(f"/api/followups/{followup.pk}/notes/", {"text": {"a": 1}}, content_type="application/json")
    _assert_json_400(response)
    assert not followup.notes.exists()


@pytest.mark.parametrize("fields", [{"done_on": "0001-01-01"}, {"task": "abc"}, {"task": 10**20}, {"note": ["x"]}])
def test_completing_an_election_task_with_bad_input_is_a_400(client, fagleder, project_2025, fields):
    client.force_login(fagleder)
    task = project_2025.tasks.order_by("pk").first()
    response = client.post(f"/api/election-projects/{project_2025.pk}/complete-task/", {"task": task.pk, **fields},
                           content_type="application/json")
    _assert_json_400(response)
    task.refresh_from_db()
    assert task.done_on is None
