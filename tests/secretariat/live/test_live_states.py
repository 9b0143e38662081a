"""The live meeting in the wrong state (HTTP): a meeting not yet called, cancelled or already held; a speech or a
vote of an item the møteleder has moved on from; a member who became inhabil after asking for the floor; a
substitute after the member came back. Each is refused with a Norwegian message and changes nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from secretariat.live.models import ElectronicBallot, ElectronicVote, EVoteState, Speech, SpeechState
from secretariat.meetings.models import Vote
from secretariat.meetings.services import (
    attendance_arrive,
    attendance_register,
    item_decide,
    item_set_outcome,
    live_set_current_item,
    meeting_cancel,
    meeting_create,
    meeting_hold,
    proposal_add,
    recusal_register,
)
from tests.helpers import meeting_took_place

from .http import control_post, member_post, open_vote, user_for

pytestmark = pytest.mark.django_db


def _error(response) -> str:
    assert response.status_code == 400, response.content
    return response.json()["error"]


def test_a_held_meeting_takes_no_more_votes_or_speakers_and_an_open_vote_can_only_be_ended(client, live, fagleder):
    evote = open_vote(client, live, fagleder)
    for key in ("anna", "anders", "aud", "henrik", "hanne", "sigrid"):
        assert member_post(client, live, live.users[key], "stem", {"vote": evote.pk, "choice": "for"}
                           ).status_code == 200
    assert member_post(client, live, live.users["anna"], "ordet", {"kind": "innlegg"}).status_code == 200
    speech = Speech.objects.get()
    # The meeting took place and every item got its outcome; the secretariat marks it held.
    meeting_took_place(live.meeting)
    item_decide(actor=fagleder, item=live.first, text="Vedtatt som innstilt.")
    item_set_outcome(actor=fagleder, item=live.second, outcome="utsatt")
    meeting_hold(actor=fagleder, meeting=live.meeting)
    closed = "stengt når møtet er gjennomført"
    assert closed in _error(member_post(client, live, live.users["svein"], "stem", {"vote": evote.pk,
                                                                                     "choice": "mot"}))
    assert closed in _error(control_post(client, live, fagleder, "stem-for", {
        "vote": evote.pk, "membership": live.fsk.m.svein.pk, "choice": "mot"}))
    assert closed in _error(member_post(client, live, live.users["henrik"], "ordet", {"kind": "innlegg"}))
    assert closed in _error(member_post(client, live, live.users["anna"], "trekk", {"speech": speech.pk}))
    assert closed in _error(control_post(client, live, fagleder, "gi-ordet", {"speech": speech.pk}))
    assert closed in _error(control_post(client, live, fagleder, "flytt", {"speech": speech.pk, "direction": "ned"}))
    # The pages offer nothing to press.
    client.force_login(live.users["svein"])
    page = client.get(reverse("live:member", args=[live.meeting.pk])).content.decode()
    assert 'name="choice" value="for"' not in page and "Be om ordet (innlegg)</button>" not in page
    # The vote left open is cancelled (it can no longer be completed); nothing is written to the item.
    assert control_post(client, live, fagleder, "avbryt", {"vote": evote.pk}).status_code == 200
    assert ElectronicVote.objects.get(pk=evote.pk).state == EVoteState.CANCELLED
    assert closed in _error(control_post(client, live, fagleder, "apne", {"proposal": live.proposal.pk}))
    assert ElectronicBallot.objects.filter(vote=evote).count() == 6 and not Vote.objects.exists()
    assert Speech.objects.get().state == SpeechState.WAITING and Speech.objects.count() == 1


def test_a_meeting_not_called_or_cancelled_is_not_run(client, live, fagleder, fsk):
    planned = meeting_create(actor=fagleder, organization=fsk.org,
                             start=live.meeting.start + dt.timedelta(days=14))
    client.force_login(fagleder)
    response = client.post(reverse("live:control", args=[planned.pk, "ferdig"]), {}, headers={"X-Saksgang-Live": "1"})
    assert "Send innkallingen" in _error(response)
    client.force_login(live.users["anna"])
    assert client.post(reverse("live:action", args=[planned.pk, "ordet"]), {"kind": "innlegg"}).status_code == 403
    evote = open_vote(client, live, fagleder)
    meeting_cancel(actor=fagleder, meeting=live.meeting, reason="Værforhold")
    assert "avlyst" in _error(member_post(client, live, live.users["anna"], "stem", {"vote": evote.pk,
                                                                                     "choice": "for"}))
    assert "avlyst" in _error(member_post(client, live, live.users["anna"], "ordet", {"kind": "innlegg"}))
    assert not ElectronicBallot.objects.exists() and not Speech.objects.exists()


def test_the_list_and_the_vote_of_an_item_left_behind_are_not_used(client, live, fagleder):
    assert member_post(client, live, live.users["anna"], "ordet", {"kind": "innlegg"}).status_code == 200
    assert member_post(client, live, live.users["henrik"], "ordet", {"kind": "innlegg"}).status_code == 200
    anna, henrik = Speech.objects.order_by("position")
    evote = open_vote(client, live, fagleder)
    # The møteleder takes up the next item with the vote still open.
    live_set_current_item(actor=fagleder, meeting=live.meeting, item=live.second)
    label = live.first.label
    said = _error(member_post(client, live, live.users["aud"], "stem", {"vote": evote.pk, "choice": "for"}))
    assert said == f"Avstemningen gjelder {label}, som ikke er under behandling nå."
    said = _error(control_post(client, live, fagleder, "stem-for", {"vote": evote.pk, "choice": "for",
                                                                    "membership": live.fsk.m.aud.pk}))
    assert said == f"Avstemningen gjelder {label}, som ikke er under behandling nå."
    assert _error(control_post(client, live, fagleder, "gi-ordet", {"speech": anna.pk})) == \
        f"Innlegget gjelder {label}, som ikke er under behandling nå."
    assert "ikke er under behandling" in _error(control_post(client, live, fagleder, "flytt",
                                                             {"speech": henrik.pk, "direction": "opp"}))
    # The møteleder's panel says where the open vote is and offers to cancel it; a new vote names it.
    client.force_login(fagleder)
    panel = client.get(reverse("meetings:live", args=[live.meeting.pk])).content.decode()
    assert f"fortsatt åpen. Ta opp {label} igjen" in panel and f"Avbryt avstemningen i {label}" in panel
    other = proposal_add(actor=fagleder, item=live.second, by="Sp", text="Saken utsettes.")
    assert f"allerede åpen i {label}" in _error(control_post(client, live, fagleder, "apne",
                                                              {"proposal": other.pk}))
    assert control_post(client, live, fagleder, "avbryt", {"vote": evote.pk}).status_code == 200
    assert control_post(client, live, fagleder, "apne", {"proposal": other.pk}).status_code == 200
    # A member may still withdraw a request left behind.
    assert member_post(client, live, live.users["anna"], "trekk", {"speech": anna.pk}).status_code == 200
    assert not ElectronicBallot.objects.filter(vote=evote).exists()
    assert Speech.objects.get(pk=henrik.pk).state == SpeechState.WAITING


def test_a_member_declared_inhabil_after_asking_for_the_floor_does_not_get_it(client, live, fagleder):
    assert member_post(client, live, live.users["hanne"], "ordet", {"kind": "innlegg"}).status_code == 200
    speech = Speech.objects.get()
    recusal_register(actor=fagleder, item=live.first, membership=live.fsk.m.hanne, grounds="Søkerens ektefelle")
    said = _error(control_post(client, live, fagleder, "gi-ordet", {"speech": speech.pk}))
    assert "Hanne Fsk er ikke med i behandlingen" in said
    assert Speech.objects.get().state == SpeechState.WAITING
    # The møteleder strikes the request instead.
    assert control_post(client, live, fagleder, "stryk", {"speech": speech.pk}).status_code == 200


def test_a_substitute_takes_part_only_until_the_member_comes_back(client, live, fagleder):
    """Aud arrives at the second item; Arne (her substitute, Ap list) meets for her in the first only."""
    aud = live.meeting.attendances.get(membership=live.fsk.m.aud)
    attendance_arrive(actor=fagleder, attendance=aud, before_item=live.second)
    attendance_register(actor=fagleder, meeting=live.meeting, membership=live.fsk.s.arne,
                        substitute_for=live.fsk.m.aud, only_items=[live.first])
    arne = user_for(live.fsk.s.arne, "arne")
    evote = open_vote(client, live, fagleder)
    assert member_post(client, live, arne, "stem", {"vote": evote.pk, "choice": "for"}).status_code == 200
    assert "ikke med i behandlingen" in _error(member_post(client, live, live.users["aud"], "stem",
                                                           {"vote": evote.pk, "choice": "for"}))
    assert control_post(client, live, fagleder, "avbryt", {"vote": evote.pk}).status_code == 200
    # Aud is back in the second item: she votes and asks for the floor, Arne does neither.
    live_set_current_item(actor=fagleder, meeting=live.meeting, item=live.second)
    proposal = proposal_add(actor=fagleder, item=live.second, by="Ap", text="Planen vedtas.")
    second = open_vote(client, live, fagleder, proposal=proposal.pk)
    assert "ikke med i behandlingen" in _error(member_post(client, live, arne, "stem",
                                                           {"vote": second.pk, "choice": "mot"}))
    assert "ikke med i behandlingen" in _error(member_post(client, live, arne, "ordet", {"kind": "innlegg"}))
    assert member_post(client, live, live.users["aud"], "stem", {"vote": second.pk, "choice": "for"}
                       ).status_code == 200
    assert list(ElectronicBallot.objects.filter(vote=second).values_list("membership", flat=True)) == [
        live.fsk.m.aud.pk]
