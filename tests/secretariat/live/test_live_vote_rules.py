"""The law on the electronic vote (HTTP), through the same rule functions as the vote the secretary keys in
(secretariat.meetings.services.voting): quorum (koml. § 11-9 første ledd), everyone present votes and blank only in
valg and ansettelser (koml. § 8-1), secret only in valg, a tie decided by the møteleder's own vote (koml. § 11-9) or
by lots in a valg (koml. § 7-8). A secret ballot never shows who voted what, not even as a running count."""

import pytest
from django.urls import reverse

from secretariat.live.models import ElectronicBallot, ElectronicVote, EVoteState, SecretVoter
from secretariat.meetings import services as meeting_services
from secretariat.meetings.models import Vote, VoteKind
from secretariat.meetings.services import attendance_depart, proposal_add, vote_record
from workflows.errors import GuardFailed

from .http import control_post, member_post, open_vote

pytestmark = pytest.mark.django_db


def _error(response) -> str:
    assert response.status_code == 400, response.content
    return response.json()["error"]


def _leave(live, fagleder, *keys):
    """These members left before the first item (they take no part in it)."""
    for key in keys:
        attendance = live.meeting.attendances.get(membership=getattr(live.fsk.m, key))
        attendance_depart(actor=fagleder, attendance=attendance, before_item=live.first)


def test_no_vote_is_opened_without_a_quorum(client, live, fagleder):
    _leave(live, fagleder, "anders", "aud", "henrik", "hanne")  # 3 of 7 left in the item
    said = _error(control_post(client, live, fagleder, "apne", {"proposal": live.proposal.pk}))
    assert said.startswith("Organet er ikke vedtaksført: 3 av 7 til stede") and "koml. § 11-9" in said
    assert not ElectronicVote.objects.exists()


def test_every_kind_is_judged_as_the_hand_keyed_vote_judges_it(client, live, fagleder):
    """Secret and blank, kind by kind: the live path refuses exactly what vote_record refuses."""
    hand = proposal_add(actor=fagleder, item=live.first, by="Hånd", text="Registreres for hånd.")
    for kind in VoteKind.values:
        # Secret: opened only where the meeting's rule allows it, and refused by the hand path likewise.
        secret = control_post(client, live, fagleder, "apne", {"proposal": live.proposal.pk, "kind": kind,
                                                               "secret": "1"})
        try:
            vote_record(actor=fagleder, item=live.first, proposal=hand, secret=True, kind=kind, for_count=7,
                        against_count=0)
            hand_ok = True
        except GuardFailed:
            hand_ok = False
        assert (secret.status_code == 200) == hand_ok == meeting_services.secret_allowed(kind), kind
        if secret.status_code == 200:
            control_post(client, live, fagleder, "avbryt", {"vote": ElectronicVote.objects.get(state="apen").pk})
        # Blank: cast only where the rule allows it.
        evote = open_vote(client, live, fagleder, kind=kind)
        blank = member_post(client, live, live.users["anna"], "stem", {"vote": evote.pk, "choice": "blank"})
        try:
            vote_record(actor=fagleder, item=live.first, proposal=hand, kind=kind, for_count=6, against_count=0,
                        blank_count=1)
            hand_ok = True
        except GuardFailed:
            hand_ok = False
        assert (blank.status_code == 200) == hand_ok == meeting_services.blank_allowed(kind), kind
        assert control_post(client, live, fagleder, "avbryt", {"vote": evote.pk}).status_code == 200


def test_a_tie_is_decided_by_the_chairs_own_vote(client, live, fagleder):
    _leave(live, fagleder, "svein")  # six in the item: Anna leads
    evote = open_vote(client, live, fagleder)
    for key, choice in {"anna": "mot", "anders": "for", "aud": "for", "henrik": "mot", "hanne": "for",
                        "sigrid": "mot"}.items():
        assert member_post(client, live, live.users[key], "stem", {"vote": evote.pk, "choice": choice}
                           ).status_code == 200
    # The møteleder cannot decide otherwise than she voted.
    said = _error(control_post(client, live, fagleder, "avslutt", {"vote": evote.pk, "casting_vote": "for"}))
    assert "Anna Fsk stemte «mot»" in said and "koml. § 11-9" in said
    assert ElectronicVote.objects.get(pk=evote.pk).state == EVoteState.OPEN
    assert control_post(client, live, fagleder, "avslutt", {"vote": evote.pk}).status_code == 200
    vote = Vote.objects.get()
    assert (vote.for_count, vote.against_count, vote.adopted, vote.decided_by) == (3, 3, False, "møteleder")


def test_a_secret_ballot_needs_exactly_those_present_to_have_voted(client, live, fagleder):
    """Totals alone can add up: Sigrid votes and leaves, Svein never votes. Six present, six ballots."""
    election = proposal_add(actor=fagleder, item=live.first, by="Valgnemnda", text="Hanne Fsk velges.")
    evote = open_vote(client, live, fagleder, proposal=election.pk, kind="valg", secret="1")
    for key in ("anna", "anders", "aud", "henrik", "hanne", "sigrid"):
        assert member_post(client, live, live.users[key], "stem", {"vote": evote.pk, "choice": "for"}
                           ).status_code == 200
    _leave(live, fagleder, "sigrid")
    said = _error(control_post(client, live, fagleder, "avslutt", {"vote": evote.pk}))
    assert "Stemmer fra noen som ikke er til stede" in said
    assert ElectronicVote.objects.get(pk=evote.pk).state == EVoteState.OPEN and not Vote.objects.exists()
    # Svein has not voted either: once Sigrid's ballot is gone (a new vote), he is the one missing.
    assert control_post(client, live, fagleder, "avbryt", {"vote": evote.pk}).status_code == 200
    again = open_vote(client, live, fagleder, proposal=election.pk, kind="valg", secret="1")
    for key in ("anna", "anders", "aud", "henrik", "hanne"):
        member_post(client, live, live.users[key], "stem", {"vote": again.pk, "choice": "for"})
    said = _error(control_post(client, live, fagleder, "avslutt", {"vote": again.pk}))
    assert "plikter å stemme" in said and "Svein Fsk" in said
    assert member_post(client, live, live.users["svein"], "stem", {"vote": again.pk, "choice": "mot"}
                       ).status_code == 200
    assert control_post(client, live, fagleder, "avslutt", {"vote": again.pk}).status_code == 200
    vote = Vote.objects.get()
    assert (vote.secret, vote.for_count, vote.against_count) == (True, 5, 1)


def test_a_secret_ballot_shows_how_many_have_voted_but_not_how_until_it_is_closed(client, live, fagleder):
    election = proposal_add(actor=fagleder, item=live.first, by="Valgnemnda", text="Hanne Fsk velges.")
    evote = open_vote(client, live, fagleder, proposal=election.pk, kind="valg", secret="1")
    member_post(client, live, live.users["anna"], "stem", {"vote": evote.pk, "choice": "mot"})
    member_post(client, live, live.users["henrik"], "stem", {"vote": evote.pk, "choice": "for"})
    client.force_login(fagleder)
    panel = client.get(reverse("meetings:live", args=[live.meeting.pk])).content.decode()
    client.force_login(live.users["aud"])
    page = client.get(reverse("live:member", args=[live.meeting.pk])).content.decode()
    for html in (panel, page):
        assert 'data-count="cast">2</span> av 7' in html
        assert 'data-count="for"' not in html and 'data-count="mot"' not in html
        assert "fordelingen vises når avstemningen er avsluttet" in html
    assert "Har ikke stemt: " in panel  # who has voted is the secretariat's to know; how is nobody's
    assert SecretVoter.objects.filter(vote=evote).count() == 2 and not ElectronicBallot.objects.exists()
