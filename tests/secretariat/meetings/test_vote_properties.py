"""Property tests (hypothesis) for the arithmetic of votes and quorum (koml. §§ 8-1, 11-9, 7-8), through the
service and through the two doors users vote by (the møtemodus POST and the API vote action).

The formannskap (seven seats, Anna leads) is set up once per test; every example runs in a transaction that is
rolled back, so examples do not see each other's votes. Bounded: ~50 examples each, no example database."""

from contextlib import contextmanager

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from secretariat.meetings.models import Vote
from secretariat.meetings.selectors import Quorum, present_for_item, quorum
from secretariat.meetings.services import (
    agenda_item_add,
    attendance_register,
    meeting_send_notice,
    proposal_recommendation,
    recusal_register,
    vote_record,
)
from workflows.errors import GuardFailed

BOUNDED = settings(max_examples=50, deadline=None, database=None)
CHOICES = ["for", "mot", "blank"]
KINDS = ["sak", "valg", "ansettelse"]
TIE = st.sampled_from(["", "for", "mot"])


class _Rollback(Exception):
    pass


@contextmanager
def rolled_back():
    try:
        with transaction.atomic():
            yield
            raise _Rollback
    except _Rollback:
        pass


@pytest.fixture
def voting(fsk, meeting, fagleder, klar_case):
    """Two items: everyone present in the first (7 vote), Svein inhabil in the second (6 vote)."""
    first = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Budsjett"))
    second = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Tomt til Sveins bror"))
    meeting_send_notice(actor=fagleder, meeting=meeting)
    for membership in vars(fsk.m).values():
        attendance_register(actor=fagleder, meeting=meeting, membership=membership)
    recusal_register(actor=fagleder, item=second, membership=fsk.m.svein, grounds="Bror av søkeren")
    items = []
    for item in (first, second):
        proposal = proposal_recommendation(actor=fagleder, item=item)
        items.append((item, proposal, sorted(a.membership_id for a in present_for_item(item))))
    return items


def ballots_over(present: list[int]):
    """Mostly complete ballots (one per member present), sometimes with members left out."""
    complete = st.fixed_dictionaries({p: st.sampled_from(CHOICES) for p in present})
    return st.builds(lambda full, left_out: {k: v for k, v in full.items() if k not in left_out},
                     complete, st.one_of(st.just(set()), st.sets(st.sampled_from(present), max_size=3)))


def expected_outcome(kind, counts, chair_vote, casting_vote, lots_winner):
    """(adopted, decided_by) by koml. §§ 11-9 and 7-8, or None when the vote must be refused (an unresolved tie)."""
    yes, no = counts
    if yes != no:
        return yes > no, ""
    if kind == "valg":
        return (lots_winner == "for", "loddtrekning") if lots_winner else None
    if chair_vote not in ("for", "mot") or (casting_vote and casting_vote != chair_vote):
        return None
    return chair_vote == "for", "møteleder"


def assert_lawful(vote: Vote) -> None:
    """What any stored vote satisfies, whichever door it came through."""
    present = {a.membership_id for a in present_for_item(vote.agenda_item)}
    assert vote.for_count + vote.against_count + vote.blank_count == len(present)  # koml. § 8-1
    ballots = list(vote.ballots.all())
    if ballots:
        assert {b.membership_id for b in ballots} == present
    if vote.kind == "sak":
        assert vote.blank_count == 0 and not vote.secret
    if vote.for_count != vote.against_count:
        assert vote.adopted == (vote.for_count > vote.against_count) and vote.decided_by == ""
    else:
        assert vote.decided_by == ("loddtrekning" if vote.kind == "valg" else "møteleder")


@pytest.mark.django_db
def test_any_ballots_are_accepted_iff_complete_blank_free_where_required_and_decided(voting, fsk, fagleder):
    @BOUNDED
    @given(which=st.integers(0, 1), data=st.data(), kind=st.sampled_from(KINDS), casting_vote=TIE, lots_winner=TIE)
    def check(which, data, kind, casting_vote, lots_winner):
        item, proposal, present = voting[which]
        ballots = data.draw(ballots_over(present))
        if data.draw(st.booleans()):
            ballots[fsk.s.arne.pk] = "for"  # Arne is not registered: his ballot is always refused
        complete = set(ballots) == set(present)
        blank_ok = kind != "sak" or "blank" not in ballots.values()
        counts = (list(ballots.values()).count("for"), list(ballots.values()).count("mot"))
        outcome = expected_outcome(kind, counts, ballots.get(fsk.m.anna.pk), casting_vote, lots_winner)
        with rolled_back():
            try:
                vote = vote_record(actor=fagleder, item=item, proposal=proposal, ballots=ballots, kind=kind,
                                   casting_vote=casting_vote, lots_winner=lots_winner)
            except GuardFailed as exc:
                assert not (complete and blank_ok and outcome is not None), exc.message
                assert not Vote.objects.exists()
            else:
                assert complete and blank_ok and outcome is not None
                assert (vote.adopted, vote.decided_by) == outcome
                assert_lawful(vote)
                accepted.append(vote.kind)

    accepted = []
    check()
    assert accepted  # the examples reached both sides of the rule


@pytest.mark.django_db
def test_any_totals_are_accepted_iff_they_add_up_to_those_present(voting, fsk, fagleder):
    @BOUNDED
    @given(which=st.integers(0, 1), yes=st.integers(0, 8), blank=st.integers(0, 2), data=st.data(),
           kind=st.sampled_from(KINDS), secret=st.booleans(), casting_vote=TIE, lots_winner=TIE)
    def check(which, yes, blank, data, kind, secret, casting_vote, lots_winner):
        item, proposal, present = voting[which]
        no = data.draw(st.one_of(st.just(max(len(present) - yes - blank, 0)), st.integers(0, 8)))
        lawful = (yes + no + blank == len(present) and (kind != "sak" or not blank)
                  and (kind == "valg" or not secret))
        chair_vote = casting_vote if (casting_vote == "for" and yes) or (casting_vote == "mot" and no) else "blank"
        outcome = expected_outcome(kind, (yes, no), chair_vote, "", lots_winner)
        with rolled_back():
            try:
                vote = vote_record(actor=fagleder, item=item, proposal=proposal, for_count=yes, against_count=no,
                                   blank_count=blank, kind=kind, secret=secret, casting_vote=casting_vote,
                                   lots_winner=lots_winner)
            except GuardFailed:
                assert not (lawful and outcome is not None)
            else:
                assert lawful and outcome is not None and (vote.adopted, vote.decided_by) == outcome
                assert_lawful(vote)
                accepted.append(vote.kind)

    accepted = []
    check()
    assert accepted


@settings(max_examples=200, deadline=None, database=None)
@given(present=st.integers(0, 200), seats=st.integers(0, 200))
def test_quorum_is_at_least_half_the_seats(present, seats):
    q = Quorum(present=present, seats=seats)
    assert q.ok == (seats > 0 and present * 2 >= seats)  # koml. § 11-9 første ledd
    if seats:
        assert q.ok == (present >= q.required)


@pytest.mark.django_db
def test_a_vote_needs_a_quorum_of_those_present_in_the_item(fsk, meeting, fagleder, klar_case):
    item = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case())
    meeting_send_notice(actor=fagleder, meeting=meeting)
    proposal = proposal_recommendation(actor=fagleder, item=item)
    members = list(vars(fsk.m).values())

    @settings(max_examples=20, deadline=None, database=None)  # each example registers up to seven attendances
    @given(chosen=st.sets(st.integers(0, 6)))
    def check(chosen):
        with rolled_back():
            for i in sorted(chosen):
                attendance_register(actor=fagleder, meeting=meeting, membership=members[i])
            assert quorum(meeting, item).ok == (len(chosen) * 2 >= 7)
            try:
                vote_record(actor=fagleder, item=item, proposal=proposal, unanimous=True)
            except GuardFailed as exc:
                assert len(chosen) * 2 < 7 and exc.field == "quorum"
            else:
                assert len(chosen) * 2 >= 7

    check()


# Control characters are refused by the project's input middleware (a 400) before the view: leave them out so
# the examples reach the form and the service.
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12)
FIELD_VALUES = st.one_of(st.sampled_from(["", "for", "mot", "blank", "1", "0", "-1", "3", "valg", "sak",
                                          "ansettelse", "99999999999999999999", "abc", "on", "²"]), TEXT)


@pytest.mark.django_db
def test_no_posted_vote_gives_a_500_in_motemodus(voting, fsk, fagleder, client, meeting):
    client.force_login(fagleder)
    url = f"/intern/moter/{meeting.pk}/handling/vote/"

    @BOUNDED
    @given(which=st.integers(0, 1), data=st.data(),
           fields=st.dictionaries(st.sampled_from(["kind", "secret", "unanimous", "for_count", "against_count",
                                                   "blank_count", "casting_vote", "lots_winner", "is_election",
                                                   "proposal", "item"]), FIELD_VALUES, max_size=6))
    def check(which, data, fields):
        item, proposal, present = voting[which]
        ballots = data.draw(st.one_of(ballots_over(present), st.dictionaries(
            st.one_of(st.sampled_from([str(p) for p in present]), TEXT),
            st.one_of(st.sampled_from(CHOICES), TEXT), max_size=8)))
        post = {"item": item.pk, "proposal": proposal.pk, **fields,
                **{f"ballot_{k}": v for k, v in ballots.items()}}
        with rolled_back():
            response = client.post(url, post)
            assert response.status_code == 302  # a message and back to the page, never a 500
            for vote in Vote.objects.all():
                assert_lawful(vote)

    check()


@pytest.mark.django_db
def test_no_api_vote_gives_a_500(voting, fsk, fagleder):
    api = APIClient()
    api.force_authenticate(fagleder)
    json_scalar = st.one_of(st.none(), st.booleans(), st.integers(-5, 10), st.text(max_size=6), FIELD_VALUES)

    @BOUNDED
    @given(which=st.integers(0, 1), data=st.data(),
           fields=st.dictionaries(st.sampled_from(["kind", "secret", "unanimous", "for_count", "against_count",
                                                   "blank_count", "casting_vote", "lots_winner", "is_election"]),
                                  json_scalar, max_size=6))
    def check(which, data, fields):
        item, proposal, present = voting[which]
        ballots = data.draw(st.one_of(
            ballots_over(present).map(lambda b: {str(k): v for k, v in b.items()}),
            st.dictionaries(st.one_of(st.sampled_from([str(p) for p in present]), st.text(max_size=5)),
                            st.one_of(st.sampled_from(CHOICES), json_scalar), max_size=8)))
        with rolled_back():
            response = api.post(f"/api/agenda-items/{item.pk}/votes/",
                                {"proposal": proposal.pk, "ballots": ballots, **fields}, format="json")
            assert response.status_code in (201, 400), response.content
            if response.status_code == 201:
                assert_lawful(Vote.objects.get())
            else:
                assert response.json()["detail"] and not Vote.objects.exists()

    check()
