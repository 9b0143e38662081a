"""The live meeting through its HTTP interface (issue 16): members ask for the floor and vote from their own
pages, the møteleder runs the list and the vote from møtemodus; every wrong role, state and input is refused
with a Norwegian message and changes nothing."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from secretariat.accounts.roles import Role
from secretariat.live import services
from secretariat.live.models import (
    BallotSource,
    ElectronicBallot,
    ElectronicVote,
    EVoteState,
    LiveSettings,
    SecretTally,
    SecretVoter,
    Speech,
    SpeechState,
)
from secretariat.meetings.models import Ballot, Vote
from secretariat.meetings.services import proposal_add, recusal_register
from tests.factories import UserFactory
from workflows.engine import run_transition
from workflows.errors import GuardFailed, TransitionForbidden, TransitionNotAllowed
from workflows.evote import EVOTE_WORKFLOW
from workflows.models import AuditEntry

from .http import control_post, member_post, open_vote

pytestmark = pytest.mark.django_db


def test_members_vote_once_each_and_the_closed_result_is_written_to_the_item(client, live, fagleder):
    evote = open_vote(client, live, fagleder)
    choices = {"anna": "for", "anders": "for", "aud": "for", "henrik": "mot", "hanne": "for", "sigrid": "mot",
               "svein": "for"}
    for key, choice in choices.items():
        response = member_post(client, live, live.users[key], "stem", {"vote": evote.pk, "choice": choice})
        assert response.json() == {"ok": True, "message": "Stemmen din er registrert."}
    # A second cast (a double click, or the same member after a reconnect) is refused and counts once.
    again = member_post(client, live, live.users["aud"], "stem", {"vote": evote.pk, "choice": "mot"})
    assert again.status_code == 400 and "allerede stemt" in again.json()["error"]
    assert ElectronicBallot.objects.filter(vote=evote).count() == 7
    assert ElectronicBallot.objects.get(vote=evote, membership=live.fsk.m.aud).choice == "for"
    response = control_post(client, live, fagleder, "avslutt", {"vote": evote.pk})
    assert response.status_code == 200, response.json()
    vote = Vote.objects.get(agenda_item=live.first)
    assert (vote.for_count, vote.against_count, vote.adopted) == (5, 2, True)
    assert {b.membership.person.given_name: b.choice for b in Ballot.objects.filter(vote=vote)} == {
        live.fsk.m.__dict__[k].person.given_name: c for k, c in choices.items()}
    evote.refresh_from_db()
    assert evote.state == EVoteState.CLOSED and evote.result == vote
    # Closed: no more votes.
    late = member_post(client, live, live.users["aud"], "stem", {"vote": evote.pk, "choice": "for"})
    assert late.status_code == 400 and late.json()["error"] == "Avstemningen er avsluttet."


def test_the_secretary_enters_a_vote_for_a_member_without_a_device_and_the_record_says_so(client, live, fagleder):
    evote = open_vote(client, live, fagleder)
    for key in ("anna", "anders", "aud", "henrik", "hanne", "sigrid"):
        member_post(client, live, live.users[key], "stem", {"vote": evote.pk, "choice": "for"})
    refused = control_post(client, live, fagleder, "avslutt", {"vote": evote.pk})
    assert refused.status_code == 400 and "Svein Fsk" in refused.json()["error"]  # koml. § 8-1: all must vote
    response = control_post(client, live, fagleder, "stem-for",
                            {"vote": evote.pk, "membership": live.fsk.m.svein.pk, "choice": "mot"})
    assert response.status_code == 200, response.json()
    assert ElectronicBallot.objects.get(vote=evote, membership=live.fsk.m.svein).source == BallotSource.HAND
    assert ElectronicBallot.objects.filter(vote=evote, source=BallotSource.DEVICE).count() == 6
    assert control_post(client, live, fagleder, "avslutt", {"vote": evote.pk}).status_code == 200
    # The lifecycle is the workflow's: the refused close left no trace, the close is audited with its states.
    trail = [(e.action, e.from_state, e.to_state) for e in history(evote)]
    assert trail == [("avstemning_apnet", "", "apen"), *[("stemme_avgitt", "", "")] * 7, ("close", "apen", "lukket")]
    assert "vedtatt" in history(evote)[-1].comment and history(evote)[-1].changes["registrert_av_sekretariatet"] == 1


def history(evote):
    return list(AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(ElectronicVote),
                                          object_id=evote.pk).order_by("pk"))


def test_the_vote_lifecycle_is_a_workflow_whose_steps_only_the_chair_takes_from_an_open_vote(client, live,
                                                                                             fagleder):
    assert ElectronicVote.workflow is EVOTE_WORKFLOW
    assert {t.name: (t.sources, t.target, t.role_names) for t in EVOTE_WORKFLOW.transitions} == {
        "close": (("apen",), "lukket", ("fagleder",)), "cancel": (("apen",), "avbrutt", ("fagleder",))}
    evote = open_vote(client, live, fagleder)
    with pytest.raises(TransitionForbidden):  # the engine asks the workflow's roles, whatever path calls it
        run_transition(evote, "cancel", actor=live.users["anna"])
    with pytest.raises(AttributeError):  # the state is the workflow's: never set by hand
        evote.state = EVoteState.CANCELLED
    services.evote_cancel(actor=fagleder, evote=evote)
    evote = ElectronicVote.objects.get(pk=evote.pk)
    assert evote.state == EVoteState.CANCELLED and evote.closed_at is not None and evote.result is None
    with pytest.raises(TransitionNotAllowed):
        run_transition(evote, "close", actor=fagleder)
    with pytest.raises(GuardFailed, match="allerede avsluttet"):
        services.evote_close(actor=fagleder, evote=evote)
    assert [(e.action, e.from_state, e.to_state) for e in history(evote)] == [
        ("avstemning_apnet", "", "apen"), ("cancel", "apen", "avbrutt")]


def test_a_secret_ballot_keeps_only_totals_and_who_voted(client, live, fagleder):
    proposal = proposal_add(actor=fagleder, item=live.first, by="Valgnemnda", text="Anna Fsk velges som leder.")
    response = control_post(client, live, fagleder, "apne", {"proposal": proposal.pk, "kind": "valg", "secret": "1"})
    assert response.status_code == 200, response.json()
    evote = ElectronicVote.objects.get(state=EVoteState.OPEN)
    for key, choice in zip(live.users, ["for", "for", "blank", "mot", "for", "for", "mot"], strict=True):
        assert member_post(client, live, live.users[key], "stem", {"vote": evote.pk, "choice": choice}).status_code == 200
    assert not ElectronicBallot.objects.filter(vote=evote).exists()
    assert SecretVoter.objects.filter(vote=evote).count() == 7
    assert {f.name for f in SecretVoter._meta.get_fields()} == {"id", "vote", "membership", "source"}  # no choice
    assert {f.name for f in SecretTally._meta.get_fields()} == {"id", "vote", "choice", "count"}  # no person
    assert dict(SecretTally.objects.filter(vote=evote).values_list("choice", "count")) == {"for": 4, "mot": 2,
                                                                                          "blank": 1}
    assert control_post(client, live, fagleder, "avslutt", {"vote": evote.pk}).status_code == 200
    vote = Vote.objects.get(proposal=proposal)
    assert (vote.secret, vote.for_count, vote.against_count, vote.blank_count) == (True, 4, 2, 1)
    assert not Ballot.objects.filter(vote=vote).exists()


def test_wrong_role_wrong_state_and_wrong_input_are_refused(client, live, fagleder, meeting_factory_other):
    evote = open_vote(client, live, fagleder)
    # Blank is only for valg and ansettelser (koml. § 8-1).
    blank = member_post(client, live, live.users["anna"], "stem", {"vote": evote.pk, "choice": "blank"})
    assert blank.status_code == 400 and "Blank stemme" in blank.json()["error"]
    # Not a choice at all.
    assert member_post(client, live, live.users["anna"], "stem", {"vote": evote.pk, "choice": "kanskje"}
                       ).status_code == 400
    # A folkevalgt who is not a member of the body: refused the page and the action.
    outsider = UserFactory(username="utenfor", role=Role.FOLKEVALGT)
    assert member_post(client, live, outsider, "stem", {"vote": evote.pk, "choice": "for"}).status_code == 403
    assert client.get(reverse("live:member", args=[live.meeting.pk])).status_code == 403
    # A member may not run the meeting.
    assert control_post(client, live, live.users["anna"], "avslutt", {"vote": evote.pk}).status_code == 403
    # A vote or proposal of another meeting: not in this meeting's forms.
    other_vote, other_proposal = meeting_factory_other
    wrong = member_post(client, live, live.users["anna"], "stem", {"vote": other_vote.pk, "choice": "for"})
    assert wrong.status_code == 400 and "finnes ikke i dette møtet" in wrong.json()["error"]
    cancel = control_post(client, live, fagleder, "avbryt", {"vote": evote.pk})
    assert cancel.status_code == 200
    wrong = control_post(client, live, fagleder, "apne", {"proposal": other_proposal.pk})
    assert wrong.status_code == 400 and "hører ikke til dette møtet" in wrong.json()["error"]
    # Secret only in valg.
    secret = control_post(client, live, fagleder, "apne", {"proposal": live.proposal.pk, "secret": "1"})
    assert secret.status_code == 400 and "bare brukes ved valg" in secret.json()["error"]
    # A proposal in an item that is not under treatment; a second vote while one is open.
    later = proposal_add(actor=fagleder, item=live.second, by="Sp", text="Utsett saken.")
    wrong = control_post(client, live, fagleder, "apne", {"proposal": later.pk})
    assert wrong.status_code == 400 and "saken under behandling" in wrong.json()["error"]
    evote = open_vote(client, live, fagleder)
    twice = control_post(client, live, fagleder, "apne", {"proposal": live.proposal.pk})
    assert twice.status_code == 400 and "allerede åpen" in twice.json()["error"]
    # The secretary cannot enter a vote for someone who is not present in the item.
    absent = control_post(client, live, fagleder, "stem-for",
                          {"vote": evote.pk, "membership": live.fsk.s.arne.pk, "choice": "for"})
    assert absent.status_code == 400 and "Arne Vara er ikke med" in absent.json()["error"]
    control_post(client, live, fagleder, "avbryt", {"vote": evote.pk})
    assert not ElectronicBallot.objects.exists()
    assert not ElectronicVote.objects.filter(state=EVoteState.OPEN, agenda_item__meeting=live.meeting).exists()


def test_an_inhabil_member_neither_votes_nor_asks_for_the_floor(client, live, fagleder):
    recusal_register(actor=fagleder, item=live.first, membership=live.fsk.m.hanne, grounds="Søkerens ektefelle")
    evote = open_vote(client, live, fagleder)
    response = member_post(client, live, live.users["hanne"], "stem", {"vote": evote.pk, "choice": "for"})
    assert response.status_code == 400 and "inhabil" in response.json()["error"]
    response = member_post(client, live, live.users["hanne"], "ordet", {"kind": "innlegg"})
    assert response.status_code == 400 and "inhabil" in response.json()["error"]
    assert not ElectronicBallot.objects.exists() and not Speech.objects.exists()


def test_the_speaker_list_replies_come_first_and_the_minutes_may_list_who_spoke(client, live, fagleder):
    LiveSettings.objects.create(organization=live.meeting.organization, speakers_in_minutes=True,
                                speaking_time_seconds=180)
    assert member_post(client, live, live.users["anna"], "ordet", {"kind": "innlegg"}).status_code == 200
    assert member_post(client, live, live.users["henrik"], "ordet", {"kind": "innlegg"}).status_code == 200
    twice = member_post(client, live, live.users["henrik"], "ordet", {"kind": "innlegg"})
    assert twice.status_code == 400 and "allerede på talerlisten" in twice.json()["error"]
    # A replikk needs someone speaking.
    early = member_post(client, live, live.users["svein"], "ordet", {"kind": "replikk"})
    assert early.status_code == 400 and "mens noen har ordet" in early.json()["error"]
    anna = Speech.objects.get(membership=live.fsk.m.anna)
    assert control_post(client, live, fagleder, "gi-ordet", {"speech": anna.pk}).status_code == 200
    anna.refresh_from_db()
    assert anna.state == SpeechState.SPEAKING and anna.time_limit_seconds == 180  # the reglement's time
    assert member_post(client, live, live.users["svein"], "ordet", {"kind": "replikk"}).status_code == 200
    queue = list(Speech.objects.filter(state=SpeechState.WAITING).order_by("position"))
    assert [s.membership.person.given_name for s in queue] == ["Svein", "Henrik"]  # the reply before the next
    bad_time = control_post(client, live, fagleder, "gi-ordet", {"speech": queue[0].pk, "time_limit_minutes": "-3"})
    assert bad_time.status_code == 400
    assert control_post(client, live, fagleder, "flytt", {"speech": queue[1].pk, "direction": "opp"}).status_code == 200
    assert control_post(client, live, fagleder, "gi-ordet", {"speech": queue[1].pk, "time_limit_minutes": "2"}
                        ).status_code == 200
    assert Speech.objects.get(pk=queue[1].pk).time_limit_seconds == 120
    assert control_post(client, live, fagleder, "ferdig", {}).status_code == 200
    # Svein withdraws; a member cannot withdraw someone else's request.
    assert member_post(client, live, live.users["anna"], "trekk", {"speech": queue[0].pk}).status_code == 400
    assert member_post(client, live, live.users["svein"], "trekk", {"speech": queue[0].pk}).status_code == 200
    # The body's reglement asks for it: the protokoll lists who had the floor.
    client.force_login(fagleder)
    minutes = client.get(reverse("meetings:minutes", args=[live.meeting.pk])).content.decode()
    assert "<strong>Hadde ordet:</strong> Anna Fsk (Ap), Henrik Fsk (H)" in minutes
    LiveSettings.objects.update(speakers_in_minutes=False)
    assert "Hadde ordet" not in client.get(reverse("meetings:minutes", args=[live.meeting.pk])).content.decode()


def test_without_javascript_the_forms_post_and_redirect_with_a_message(client, live, fagleder):
    evote = open_vote(client, live, fagleder)
    client.force_login(live.users["anna"])
    response = client.post(reverse("live:action", args=[live.meeting.pk, "stem"]),
                           {"vote": evote.pk, "choice": "for"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("live:member", args=[live.meeting.pk])
    assert "Stemmen din er registrert." in response.content.decode()
    assert "Du har stemt" in response.content.decode()
