"""Who leads (koml. § 11-2): the leader; the nestleder when the leader is inhabil or absent; a setteleder the body
elects when both are. selectors.chair_of answers it everywhere, and the protokoll data says who led each item."""

import pytest
from django.urls import reverse

from secretariat.meetings.models import ActingChair
from secretariat.meetings.selectors import chair_of, minutes_data
from secretariat.meetings.services import (
    agenda_item_add,
    attendance_register,
    chair_record,
    meeting_send_notice,
    proposal_recommendation,
    recusal_register,
    vote_record,
)
from workflows.errors import GuardFailed
from workflows.models import AuditEntry


@pytest.fixture
def items(fsk, meeting, fagleder, klar_case):
    first = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Tomt til Annas bror"))
    second = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Skolebruksplan"))
    meeting_send_notice(actor=fagleder, meeting=meeting)
    for membership in vars(fsk.m).values():
        attendance_register(actor=fagleder, meeting=meeting, membership=membership)
    return first, second


def test_the_nestleder_leads_an_item_where_the_leader_is_inhabil(fsk, meeting, items, fagleder, client):
    first, second = items
    recusal_register(actor=fagleder, item=first, membership=fsk.m.anna, grounds="Søker er hennes bror")
    assert chair_of(meeting, first) == fsk.m.henrik and chair_of(meeting, second) == fsk.m.anna
    data = minutes_data(meeting, public=False)
    assert data["chair"] == "Anna Fsk"
    assert [(i["chair"], i["chair_role"]) for i in data["items"]] == [("Henrik Fsk", "nestleder"),
                                                                       ("Anna Fsk", "leder")]
    client.force_login(fagleder)
    page = client.get(reverse("meetings:live", args=[meeting.pk]) + f"?sak={first.pk}").content.decode()
    assert "Møteleder: Henrik Fsk" in page and "Møteleder: Anna Fsk" not in page


def test_when_leader_and_nestleder_are_inhabil_the_body_elects_a_setteleder(fsk, meeting, items, fagleder, client):
    first, second = items
    recusal_register(actor=fagleder, item=first, membership=fsk.m.anna, grounds="Søker er hennes bror")
    recusal_register(actor=fagleder, item=first, membership=fsk.m.henrik, grounds="Søker er hans svoger")
    # Before: the inhabil leader was still shown as leading the item.
    assert chair_of(meeting, first) is None
    client.force_login(fagleder)
    url = reverse("meetings:live", args=[meeting.pk]) + f"?sak={first.pk}"
    page = client.get(url).content.decode()
    assert "Møteleder: Anna Fsk" not in page and "velg en setteleder" in page
    response = client.post(reverse("meetings:action", args=[meeting.pk, "chair"]),
                           {"item": first.pk, "membership": fsk.m.sigrid.pk, "next": url}, follow=True)
    assert "Sigrid Fsk er setteleder i" in response.content.decode()
    assert "Møteleder: Sigrid Fsk" in response.content.decode()
    acting = ActingChair.objects.get()
    assert (acting.agenda_item, acting.membership, acting.how) == (first, fsk.m.sigrid, "valgt")
    assert chair_of(meeting, first) == fsk.m.sigrid and chair_of(meeting, second) == fsk.m.anna
    assert AuditEntry.objects.filter(action="setteleder").count() == 1
    row = minutes_data(meeting, public=False)["items"][0]
    assert (row["chair"], row["chair_role"]) == ("Sigrid Fsk", "setteleder")
    # The setteleder's vote decides a tie (koml. § 11-9).
    proposal = proposal_recommendation(actor=fagleder, item=first)
    m = fsk.m
    ballots = {m.anders.pk: "for", m.aud.pk: "mot", m.hanne.pk: "mot", m.sigrid.pk: "for", m.svein.pk: "for"}
    attendance_register(actor=fagleder, meeting=meeting, membership=fsk.s.arne, substitute_for=m.anna,
                        only_items=[first])
    ballots[fsk.s.arne.pk] = "mot"
    vote = vote_record(actor=fagleder, item=first, proposal=proposal, ballots=ballots)
    assert (vote.adopted, vote.decided_by) == (True, "møteleder")


def test_a_setteleder_is_refused_while_the_leader_or_nestleder_can_lead(fsk, meeting, items, fagleder):
    first, _ = items
    with pytest.raises(GuardFailed, match=r"Anna Fsk.*§ 11-2"):
        chair_record(actor=fagleder, meeting=meeting, item=first, membership=fsk.m.sigrid)
    recusal_register(actor=fagleder, item=first, membership=fsk.m.anna, grounds="Søker er hennes bror")
    with pytest.raises(GuardFailed, match=r"nestleder Henrik Fsk.*§ 11-2"):
        chair_record(actor=fagleder, meeting=meeting, item=first, membership=fsk.m.sigrid)
    acting = chair_record(actor=fagleder, meeting=meeting, item=first, membership=fsk.m.henrik)
    assert acting.how == "nestleder"
    recusal_register(actor=fagleder, item=first, membership=fsk.m.svein, grounds="Nabo")
    with pytest.raises(GuardFailed, match=r"ikke til stede"):
        chair_record(actor=fagleder, meeting=meeting, item=first, membership=fsk.m.svein)
    assert ActingChair.objects.count() == 1


def test_a_setteleder_for_the_whole_meeting_when_both_have_forfall(fsk, meeting, fagleder, klar_case):
    from secretariat.meetings.services import attendance_fill_from_notice

    item = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case())
    from secretariat.meetings.services import absence_register

    absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.anna, reason="Syk")
    absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.henrik, reason="Ferie")
    meeting_send_notice(actor=fagleder, meeting=meeting)
    attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    assert chair_of(meeting) is None and chair_of(meeting, item) is None
    chair_record(actor=fagleder, meeting=meeting, membership=fsk.m.aud)
    assert chair_of(meeting) == fsk.m.aud and chair_of(meeting, item) == fsk.m.aud
    data = minutes_data(meeting, public=False)
    assert (data["chair"], data["chair_role"]) == ("Aud Fsk", "setteleder")


def test_the_api_records_a_setteleder_and_a_vote_kind(fsk, meeting, items, fagleder):
    from rest_framework.test import APIClient

    first, _ = items
    api = APIClient()
    api.force_authenticate(fagleder)
    recusal_register(actor=fagleder, item=first, membership=fsk.m.anna, grounds="Søker er hennes bror")
    recusal_register(actor=fagleder, item=first, membership=fsk.m.henrik, grounds="Søker er hans svoger")
    r = api.post(f"/api/meetings/{meeting.pk}/chair/", {"item": first.pk, "membership": fsk.m.anna.pk}, format="json")
    assert r.status_code == 400 and "membership" in r.json()["errors"]
    r = api.post(f"/api/meetings/{meeting.pk}/chair/", {"item": first.pk, "membership": fsk.m.aud.pk}, format="json")
    assert r.status_code == 201 and r.json()["chair"] == "Aud Fsk" and r.json()["chair_role"] == "setteleder"
    proposal = proposal_recommendation(actor=fagleder, item=first)
    m = fsk.m
    ballots = {str(k.pk): "for" for k in (m.anders, m.aud, m.hanne, m.sigrid, m.svein)}
    r = api.post(f"/api/agenda-items/{first.pk}/votes/", {"proposal": proposal.pk, "ballots": {
        **ballots, str(m.svein.pk): "blank"}}, format="json")
    assert r.status_code == 400 and "ballots" in r.json()["errors"]
    r = api.post(f"/api/agenda-items/{first.pk}/votes/", {"proposal": proposal.pk, "kind": "valg", "ballots": {
        **ballots, str(m.svein.pk): "blank"}}, format="json")
    assert r.status_code == 201 and r.json()["kind"] == "valg" and r.json()["is_election"] is True


def test_a_setteleder_who_later_leaves_the_item_no_longer_leads_it(fsk, meeting, items, fagleder):
    first, _ = items
    recusal_register(actor=fagleder, item=first, membership=fsk.m.anna, grounds="Søker er hennes bror")
    recusal_register(actor=fagleder, item=first, membership=fsk.m.henrik, grounds="Søker er hans svoger")
    chair_record(actor=fagleder, meeting=meeting, item=first, membership=fsk.m.sigrid)
    recusal_register(actor=fagleder, item=first, membership=fsk.m.sigrid, grounds="Nabo til tomta")
    assert chair_of(meeting, first) is None  # nobody who is inhabil leads


def test_only_the_secretariat_records_a_setteleder_and_only_in_a_live_meeting(fsk, meeting, fagleder, client,
                                                                              member_user, klar_case):
    item = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case())
    with pytest.raises(GuardFailed, match="Send innkallingen"):  # planned, not live
        chair_record(actor=fagleder, meeting=meeting, item=item, membership=fsk.m.aud)
    meeting_send_notice(actor=fagleder, meeting=meeting)
    client.force_login(member_user)
    response = client.post(reverse("meetings:action", args=[meeting.pk, "chair"]),
                           {"item": item.pk, "membership": fsk.m.aud.pk})
    assert response.status_code == 403
    client.force_login(fagleder)
    page = client.post(reverse("meetings:action", args=[meeting.pk, "chair"]),
                       {"item": "999999999999999999999", "membership": "x"}, follow=True).content.decode()
    assert "Velg et medlem av organet" in page
    assert not ActingChair.objects.exists()
