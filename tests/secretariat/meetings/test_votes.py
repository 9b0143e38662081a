"""Votes as the law has them: everyone present and entitled votes (koml. § 8-1 andre ledd), blank only in valg and
ansettelser, and a tie is decided by the møteleder's own vote (koml. § 11-9) or, in a valg, by lots (koml. § 7-8).
Each test here failed before the rule was in voting.py."""

import pytest

from secretariat.meetings.models import Vote
from secretariat.meetings.selectors import minutes_data
from secretariat.meetings.services import (
    agenda_item_add,
    attendance_register,
    meeting_send_notice,
    proposal_recommendation,
    recusal_register,
    vote_record,
)
from workflows.errors import GuardFailed


@pytest.fixture
def item(fsk, meeting, fagleder, klar_case):
    """One item with all seven members present."""
    item = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Budsjett"))
    meeting_send_notice(actor=fagleder, meeting=meeting)
    for membership in vars(fsk.m).values():
        attendance_register(actor=fagleder, meeting=meeting, membership=membership)
    return item


def _ballots(fsk, **choices):
    return {getattr(fsk.m, key).pk: choice for key, choice in choices.items()}


ALL_FOR = dict(anna="for", anders="for", aud="for", henrik="for", hanne="for", sigrid="for", svein="for")


def test_a_vote_with_fewer_ballots_than_members_present_is_refused(fsk, item, fagleder):
    proposal = proposal_recommendation(actor=fagleder, item=item)
    four = _ballots(fsk, anna="for", anders="for", aud="for", henrik="mot")
    with pytest.raises(GuardFailed, match=r"§ 8-1") as exc:
        vote_record(actor=fagleder, item=item, proposal=proposal, ballots=four)
    assert "Hanne Fsk" in exc.value.message and "Svein Fsk" in exc.value.message
    with pytest.raises(GuardFailed, match=r"§ 8-1"):
        vote_record(actor=fagleder, item=item, proposal=proposal, for_count=3, against_count=1)
    assert not Vote.objects.exists()


def test_blank_votes_are_refused_in_an_ordinary_case_and_allowed_in_valg_and_ansettelser(fsk, item, fagleder):
    proposal = proposal_recommendation(actor=fagleder, item=item)
    ballots = _ballots(fsk, **{**ALL_FOR, "svein": "blank"})
    with pytest.raises(GuardFailed, match=r"valg og ansettelser .*§ 8-1"):
        vote_record(actor=fagleder, item=item, proposal=proposal, ballots=ballots)
    with pytest.raises(GuardFailed, match=r"valg og ansettelser"):
        vote_record(actor=fagleder, item=item, proposal=proposal, for_count=6, against_count=0, blank_count=1)
    assert not Vote.objects.exists()
    vote = vote_record(actor=fagleder, item=item, proposal=proposal, ballots=ballots, kind="ansettelse")
    assert (vote.for_count, vote.blank_count, vote.kind) == (6, 1, "ansettelse")
    vote = vote_record(actor=fagleder, item=item, proposal=proposal, for_count=5, against_count=1, blank_count=1,
                       kind="valg", secret=True)
    assert vote.is_election and vote.adopted


def test_a_tie_is_not_decided_for_a_chair_who_cast_no_vote(fsk, item, fagleder):
    """Before: six ballots without the chair's, plus «casting_vote», gave «møteleders dobbeltstemme»."""
    proposal = proposal_recommendation(actor=fagleder, item=item)
    six = _ballots(fsk, anders="for", aud="for", hanne="for", henrik="mot", sigrid="mot", svein="mot")
    with pytest.raises(GuardFailed, match=r"Anna Fsk"):
        vote_record(actor=fagleder, item=item, proposal=proposal, ballots=six, casting_vote="for")
    assert not Vote.objects.exists()


def test_a_tie_is_decided_by_the_chairs_own_vote_and_a_contrary_casting_vote_is_refused(fsk, meeting, item,
                                                                                          fagleder):
    recusal_register(actor=fagleder, item=item, membership=fsk.m.svein, grounds="Søker er hans bror")  # six vote
    proposal = proposal_recommendation(actor=fagleder, item=item)
    tie = _ballots(fsk, anna="mot", anders="for", aud="for", henrik="for", hanne="mot", sigrid="mot")
    with pytest.raises(GuardFailed, match=r"Møteleder Anna Fsk stemte «mot»"):
        vote_record(actor=fagleder, item=item, proposal=proposal, ballots=tie, casting_vote="for")
    vote = vote_record(actor=fagleder, item=item, proposal=proposal, ballots=tie)
    assert (vote.adopted, vote.decided_by) == (False, "møteleder")
    assert vote.result_label == "Innstillingen falt med møteleders dobbeltstemme (3 mot 3 stemmer)"


def test_a_tie_in_an_ansettelse_is_the_chairs_and_a_blank_chair_cannot_decide_it(fsk, item, fagleder):
    recusal_register(actor=fagleder, item=item, membership=fsk.m.svein, grounds="Søker er hans bror")
    proposal = proposal_recommendation(actor=fagleder, item=item)
    tie = _ballots(fsk, anna="blank", anders="for", aud="for", henrik="mot", hanne="mot", sigrid="blank")
    with pytest.raises(GuardFailed, match=r"ny avstemning"):
        vote_record(actor=fagleder, item=item, proposal=proposal, ballots=tie, kind="ansettelse")
    tie[fsk.m.anna.pk] = "for"
    tie[fsk.m.sigrid.pk] = "mot"
    vote = vote_record(actor=fagleder, item=item, proposal=proposal, ballots=tie, kind="ansettelse")
    assert (vote.adopted, vote.decided_by) == (True, "møteleder")


def test_a_tie_in_a_valg_is_drawn_by_lots_even_when_the_chair_voted(fsk, item, fagleder):
    recusal_register(actor=fagleder, item=item, membership=fsk.m.svein, grounds="Søker er hans bror")
    proposal = proposal_recommendation(actor=fagleder, item=item)
    tie = _ballots(fsk, anna="for", anders="for", aud="for", henrik="mot", hanne="mot", sigrid="mot")
    with pytest.raises(GuardFailed, match=r"loddtrekning"):
        vote_record(actor=fagleder, item=item, proposal=proposal, ballots=tie, kind="valg")
    vote = vote_record(actor=fagleder, item=item, proposal=proposal, ballots=tie, kind="valg", lots_winner="mot")
    assert (vote.adopted, vote.decided_by) == (False, "loddtrekning")
    assert vote.result_label == "Innstillingen falt med 3 mot 3 stemmer, avgjort ved loddtrekning"


def test_secret_ballots_are_for_valg_only(fsk, item, fagleder):
    proposal = proposal_recommendation(actor=fagleder, item=item)
    with pytest.raises(GuardFailed, match=r"[Hh]emmelig"):
        vote_record(actor=fagleder, item=item, proposal=proposal, for_count=5, against_count=2, secret=True)
    assert not Vote.objects.exists()


@pytest.mark.parametrize("ballots, kind, label", [
    (ALL_FOR, "sak", "Innstillingen ble enstemmig vedtatt"),
    ({**ALL_FOR, "henrik": "mot", "hanne": "mot"}, "sak", "Innstillingen ble vedtatt med 5 mot 2 stemmer"),
    ({**ALL_FOR, "anna": "mot", "anders": "mot", "aud": "mot", "henrik": "mot"}, "sak",
     "Innstillingen falt med 4 mot 3 stemmer"),
    ({**ALL_FOR, "henrik": "mot", "hanne": "blank", "svein": "blank"}, "valg",
     "Innstillingen ble vedtatt med 4 mot 1 stemmer, 2 blanke stemmer"),
])
def test_the_protokoll_wording_follows_convention(fsk, item, fagleder, ballots, kind, label):
    proposal = proposal_recommendation(actor=fagleder, item=item)
    vote = vote_record(actor=fagleder, item=item, proposal=proposal, ballots=_ballots(fsk, **ballots), kind=kind)
    assert vote.result_label == label
    data = minutes_data(item.meeting, public=False)["items"][0]["votes"][0]
    assert data["result_label"] == label and data["kind"] == kind


def test_a_proposal_other_than_the_innstilling_is_called_forslaget(fsk, item, fagleder):
    from secretariat.meetings.services import proposal_add

    proposal = proposal_add(actor=fagleder, item=item, by="H", text="Saken utsettes.")
    ballots = {**ALL_FOR, "anna": "mot", "anders": "mot", "aud": "mot", "sigrid": "mot"}
    vote = vote_record(actor=fagleder, item=item, proposal=proposal, ballots=_ballots(fsk, **ballots))
    assert vote.result_label == "Forslaget falt med 4 mot 3 stemmer"


def test_motemodus_takes_the_vote_kind_and_says_why_a_blank_is_refused(fsk, item, fagleder, client):
    proposal = proposal_recommendation(actor=fagleder, item=item)
    client.force_login(fagleder)
    ballots = {f"ballot_{pk}": choice for pk, choice in _ballots(fsk, **{**ALL_FOR, "aud": "blank"}).items()}
    url = f"/intern/moter/{item.meeting_id}/handling/vote/"
    page = client.post(url, {"item": item.pk, "proposal": proposal.pk, **ballots}, follow=True).content.decode()
    assert "Blank stemme er bare tillatt ved valg og ansettelser (koml. § 8-1 andre ledd)" in page
    assert not Vote.objects.exists()
    page = client.post(url, {"item": item.pk, "proposal": proposal.pk, "kind": "ansettelse", **ballots},
                       follow=True).content.decode()
    assert "Innstillingen ble vedtatt med 6 mot 0 stemmer, 1 blank stemme" in page
    assert Vote.objects.get().kind == "ansettelse"
    page = client.post(url, {"item": item.pk, "proposal": proposal.pk, "kind": "kanskje", **ballots},
                       follow=True).content.decode()
    assert "Velg om avstemningen gjelder en sak, et valg eller en ansettelse" in page
    assert Vote.objects.count() == 1
