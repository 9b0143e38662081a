"""The meetings API: the same rules as the UI, refusals as JSON 4xx naming the field, nothing saved."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from secretariat.meetings.services import (
    agenda_item_add,
    agenda_item_add_other,
    attendance_fill_from_notice,
    item_decide,
    meeting_create,
    meeting_hold,
    meeting_send_notice,
    minutes_approve,
    minutes_draft,
)
from tests.factories import aware
from tests.helpers import meeting_took_place


@pytest.fixture
def api(fagleder):
    client = APIClient()
    client.force_authenticate(fagleder)
    return client


def test_create_a_meeting_and_put_a_klar_case_on_it(api, fsk, klar_case):
    start = aware(timezone.localdate() + dt.timedelta(days=30))
    r = api.post("/api/meetings/", {"organization": "formannskapet", "start": start.isoformat(),
                                    "location": "Rådhuset"}, format="json")
    assert r.status_code == 201, r.json()
    case = klar_case()
    r = api.post(f"/api/meetings/{r.json()['id']}/agenda/", {"case": case.pk}, format="json")
    assert r.status_code == 201 and r.json()["label"].startswith("PS 1/")


def test_it_refuses_a_case_that_is_not_klar_and_the_same_case_twice(api, meeting, klar_case, fsk, fagleder,
                                                                     saksbehandler, kommunedirektor):
    from tests.helpers import case_in_state

    draft = case_in_state("utredning", organization=fsk.org, officer=saksbehandler, fagleder=fagleder,
                          kommunedirektor=kommunedirektor)
    r = api.post(f"/api/meetings/{meeting.pk}/agenda/", {"case": draft.pk}, format="json")
    assert r.status_code == 400 and "case" in r.json()["errors"]
    case = klar_case()
    assert api.post(f"/api/meetings/{meeting.pk}/agenda/", {"case": case.pk}, format="json").status_code == 201
    r = api.post(f"/api/meetings/{meeting.pk}/agenda/", {"case": case.pk}, format="json")
    assert r.status_code == 400
    assert meeting.agenda_items.count() == 1


def test_it_refuses_notice_after_the_deadline_without_override(api, fsk, fagleder):
    soon = meeting_create(actor=fagleder, organization=fsk.org, start=aware(timezone.localdate() + dt.timedelta(2)))
    agenda_item_add_other(actor=fagleder, meeting=soon, kind="OS", title="Orientering fra ordføreren")
    r = api.post(f"/api/meetings/{soon.pk}/transitions/", {"transition": "send_notice"}, format="json")
    assert r.status_code == 400 and "override_reason" in r.json()["errors"]
    r = api.post(f"/api/meetings/{soon.pk}/transitions/", {"transition": "send_notice",
                                                           "override_reason": "Hastesak"}, format="json")
    assert r.status_code == 200 and r.json()["state"] == "innkalt"


def test_absence_and_a_substitute_not_on_the_list(api, meeting, fsk):
    r = api.post(f"/api/meetings/{meeting.pk}/absences/", {"membership": fsk.m.henrik.pk, "reason": "Ferie"},
                 format="json")
    assert r.status_code == 201 and r.json()["proposed_substitute"] == fsk.s.hilde.pk
    r = api.post(f"/api/meetings/{meeting.pk}/confirm-substitute/",
                 {"absence": r.json()["id"], "substitute": fsk.s.arne.pk}, format="json")
    assert r.status_code == 400 and "substitute" in r.json()["errors"]
    assert not meeting.absences.get().substitute_id


def test_live_refusals_seats_votes_and_quorum(api, meeting, fsk, fagleder, klar_case):
    item = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case())
    meeting_send_notice(actor=fagleder, meeting=meeting)
    for key in ("anna", "anders", "aud"):
        r = api.post(f"/api/meetings/{meeting.pk}/attendance/", {"membership": getattr(fsk.m, key).pk}, format="json")
        assert r.status_code == 201
    assert r.json()["per_item"][0]["ok"] is False
    r = api.post(f"/api/agenda-items/{item.pk}/decide/", {"text": "Vedtatt.", "next_step": "final"}, format="json")
    assert r.status_code == 400 and "quorum" in r.json()["errors"]
    for key in ("henrik", "hanne", "sigrid", "svein"):
        api.post(f"/api/meetings/{meeting.pk}/attendance/", {"membership": getattr(fsk.m, key).pk}, format="json")
    r = api.post(f"/api/meetings/{meeting.pk}/attendance/", {"membership": fsk.s.arne.pk,
                                                              "substitute_for": fsk.m.anna.pk}, format="json")
    assert r.status_code == 400 and "7 medlemmer" in r.json()["detail"]
    proposal = api.post(f"/api/agenda-items/{item.pk}/proposals/", {"recommendation": True}, format="json").json()
    r = api.post(f"/api/agenda-items/{item.pk}/votes/", {"proposal": proposal["id"], "for_count": 6,
                                                         "against_count": 2}, format="json")
    assert r.status_code == 400 and "bare 7" in r.json()["detail"]
    r = api.post(f"/api/agenda-items/{item.pk}/votes/", {"proposal": proposal["id"], "ballots": {
        str(fsk.m.anna.pk): "for", str(fsk.m.henrik.pk): "mot"}}, format="json")
    assert r.status_code == 400 and "§ 8-1" in r.json()["errors"]["ballots"][0]  # everyone present votes
    ballots = {str(m.pk): "for" for m in vars(fsk.m).values()} | {str(fsk.m.henrik.pk): "mot",
                                                                  str(fsk.m.hanne.pk): "mot"}
    r = api.post(f"/api/agenda-items/{item.pk}/votes/", {"proposal": proposal["id"], "ballots": ballots},
                 format="json")
    assert r.status_code == 201 and r.json()["adopted"] is True
    assert r.json()["result_label"] == "Innstillingen ble vedtatt med 5 mot 2 stemmer"
    r = api.post(f"/api/agenda-items/{item.pk}/decide/", {"text": "Vedtatt.", "next_step": "final"}, format="json")
    assert r.status_code == 201 and r.json()["outcome"] == "vedtatt"
    decisions = api.get("/api/decisions/").json()["results"]
    assert decisions[0]["legality_review_deadline"]


def test_it_refuses_a_secrecy_closed_item_in_a_remote_meeting(api, fsk, fagleder, klar_case):
    remote = meeting_create(actor=fagleder, organization=fsk.org, is_remote=True, remote_link="https://m.example/x",
                            start=aware(timezone.localdate() + dt.timedelta(days=30)))
    item = agenda_item_add(actor=fagleder, meeting=remote, case=klar_case())
    r = api.post(f"/api/agenda-items/{item.pk}/close/", {"closed": True, "closed_basis": "11-5-2"}, format="json")
    assert r.status_code == 400 and "closed_basis" in r.json()["errors"]
    item.refresh_from_db()
    assert not item.closed


def test_approved_minutes_refuse_edits_with_409(api, meeting, fsk, fagleder, klar_case):
    item = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case())
    meeting_send_notice(actor=fagleder, meeting=meeting)
    attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    item_decide(actor=fagleder, item=item, text="Vedtatt.")
    meeting_took_place(meeting)
    meeting_hold(actor=fagleder, meeting=meeting)
    minutes_draft(actor=fagleder, meeting=meeting)
    minutes_approve(actor=fagleder, meeting=meeting, approval_label="Formannskapet 1.2.2027")
    r = api.post(f"/api/agenda-items/{item.pk}/proposals/", {"by": "H", "text": "Nytt forslag"}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "minutes_approved"
    assert not item.proposals.exists()
    public = APIClient().get(f"/api/meetings/{meeting.pk}/minutes/")
    assert public.status_code == 200 and public.json()["minutes"]["approved"] is True


def test_the_public_sees_an_exempt_case_only_by_its_public_title(meeting, fagleder, klar_case):
    case = klar_case(title="Oppsigelse av Kari Hansen", exempt=True, exempt_basis="offl13_fvl13_1",
                     public_title="Personalsak")
    agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    before = APIClient().get(f"/api/meetings/{meeting.pk}/")
    assert before.json()["agenda"] == []  # nothing of the agenda is public before its notice (koml. § 11-3)
    meeting_send_notice(actor=fagleder, meeting=meeting)
    r = APIClient().get(f"/api/meetings/{meeting.pk}/")
    assert r.status_code == 200
    body = r.content.decode()
    assert "Personalsak" in body and "Kari Hansen" not in body
    item = r.json()["agenda"][0]
    assert item["summary"] == "" and item["exempt_marking"]



def test_a_vote_keyed_in_after_the_vedtak_updates_the_decisions_vote_summary(api, meeting, fsk, fagleder, klar_case):
    """The secretary registers the vedtak in the meeting and keys in the vote from her notes afterwards, while the
    minutes are a draft. Before: the vote was stored, and the vedtak kept saying it had no vote (a stale copy)."""
    item = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case())
    meeting_send_notice(actor=fagleder, meeting=meeting)
    for membership in vars(fsk.m).values():
        api.post(f"/api/meetings/{meeting.pk}/attendance/", {"membership": membership.pk}, format="json")
    r = api.post(f"/api/agenda-items/{item.pk}/decide/", {"text": "Vedtatt.", "next_step": "final"}, format="json")
    assert r.status_code == 201

    def decision():
        [found] = api.get(f"/api/decisions/?agenda_item={item.pk}").json()["results"]
        return found

    assert decision()["vote_summary"] == ""
    proposal = api.post(f"/api/agenda-items/{item.pk}/proposals/", {"recommendation": True}, format="json").json()
    ballots = {str(m.pk): "for" for m in vars(fsk.m).values()} | {str(fsk.m.henrik.pk): "mot"}
    r = api.post(f"/api/agenda-items/{item.pk}/votes/", {"proposal": proposal["id"], "ballots": ballots},
                 format="json")
    assert r.status_code == 201
    summary = decision()["vote_summary"]
    assert summary.startswith("Forslag 1 (") and "6 mot 1" in summary, summary
    assert decision()["unanimous"] is False
    from secretariat.meetings.models import Decision
    from workflows.models import AuditEntry

    entry = AuditEntry.objects.filter(action="avstemning").latest("pk")
    assert entry.changes["vedtakets avstemningsresultat"] == Decision.objects.get(agenda_item=item).vote_summary
