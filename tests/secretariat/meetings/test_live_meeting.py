"""Møtemodus: attendance, quorum (koml. § 11-9), recusal (koml. § 11-10), votes, decisions and outcomes."""

import pytest

from secretariat.meetings.models import AgendaItemKind, Ballot
from secretariat.meetings.selectors import minutes_data, present_for_item, quorum
from secretariat.meetings.services import (
    absence_confirm_substitute,
    absence_register,
    agenda_item_add,
    agenda_item_add_other,
    agenda_item_mark_video,
    attendance_depart,
    attendance_fill_from_notice,
    attendance_register,
    item_decide,
    item_set_outcome,
    meeting_send_notice,
    proposal_add,
    proposal_recommendation,
    recusal_register,
    vote_record,
)
from workflows.case import CaseState
from workflows.errors import GuardFailed


@pytest.fixture
def live(fsk, meeting, fagleder, klar_case):
    """The meeting with two cases, notice sent, nobody registered yet."""
    first = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Budsjett"))
    second = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Skolebruksplan"))
    meeting_send_notice(actor=fagleder, meeting=meeting)
    return meeting, first, second


def _everyone(fsk, meeting, fagleder, but=()):
    for key, membership in vars(fsk.m).items():
        if key not in but:
            attendance_register(actor=fagleder, meeting=meeting, membership=membership)


def test_quorum_needs_at_least_half_the_seats_present(fsk, live, fagleder):
    meeting, first, _ = live
    for key in ("anna", "anders", "aud"):
        attendance_register(actor=fagleder, meeting=meeting, membership=getattr(fsk.m, key))
    assert not quorum(meeting, first).ok  # 3 of 7
    attendance_register(actor=fagleder, meeting=meeting, membership=fsk.m.henrik)
    assert quorum(meeting, first).ok  # 4 of 7


def test_a_departure_before_an_item_counts_for_the_rest_of_the_meeting(fsk, live, fagleder):
    meeting, first, second = live
    _everyone(fsk, meeting, fagleder, but=("svein", "sigrid"))
    henrik = meeting.attendances.get(membership=fsk.m.henrik)
    attendance_depart(actor=fagleder, attendance=henrik, before_item=second)
    assert quorum(meeting, first).present == 5
    assert quorum(meeting, second).present == 4


def test_it_refuses_a_decision_without_quorum(fsk, live, fagleder):
    meeting, first, _ = live
    for key in ("anna", "anders", "aud"):
        attendance_register(actor=fagleder, meeting=meeting, membership=getattr(fsk.m, key))
    with pytest.raises(GuardFailed, match="ikke vedtaksført"):
        item_decide(actor=fagleder, item=first, text="Vedtatt.")
    first.consultation.case.refresh_from_db()
    assert first.consultation.case.state == CaseState.SATT_OPP
    assert not hasattr(first, "decision") or first.consultation.decisions.count() == 0


def test_it_refuses_more_attendees_than_seats(fsk, live, fagleder):
    meeting, first, _ = live
    _everyone(fsk, meeting, fagleder)
    with pytest.raises(GuardFailed, match="bare 7 medlemmer"):
        attendance_register(actor=fagleder, meeting=meeting, membership=fsk.s.arne, substitute_for=fsk.m.anders)
    assert meeting.attendances.count() == 7


def test_it_refuses_a_vote_with_more_votes_than_members_present(fsk, live, fagleder):
    meeting, first, _ = live
    _everyone(fsk, meeting, fagleder, but=("svein",))
    proposal = proposal_recommendation(actor=fagleder, item=first)
    with pytest.raises(GuardFailed, match="bare 6 medlemmer"):
        vote_record(actor=fagleder, item=first, proposal=proposal, for_count=5, against_count=2)
    assert not first.votes.exists()


def test_a_tie_is_decided_by_the_chairs_vote(fsk, live, fagleder):
    meeting, first, _ = live
    _everyone(fsk, meeting, fagleder, but=("svein",))
    proposal = proposal_recommendation(actor=fagleder, item=first)
    m = fsk.m
    ballots = {m.anna.pk: "for", m.anders.pk: "for", m.aud.pk: "for",
               m.henrik.pk: "mot", m.hanne.pk: "mot", m.sigrid.pk: "mot"}
    vote = vote_record(actor=fagleder, item=first, proposal=proposal, ballots=ballots)
    assert (vote.for_count, vote.against_count, vote.adopted, vote.decided_by) == (3, 3, True, "møteleder")
    assert "dobbeltstemme" in vote.result_label


def test_a_tie_in_an_election_is_decided_by_lots_not_the_chair(fsk, live, fagleder):
    meeting, first, _ = live
    _everyone(fsk, meeting, fagleder, but=("svein",))
    proposal = proposal_add(actor=fagleder, item=first, by="Ap", text="Anna velges som representant.")
    with pytest.raises(GuardFailed, match="loddtrekning"):
        vote_record(actor=fagleder, item=first, proposal=proposal, for_count=3, against_count=3, secret=True,
                    is_election=True)
    vote = vote_record(actor=fagleder, item=first, proposal=proposal, for_count=3, against_count=3, secret=True,
                       is_election=True, lots_winner="mot")
    assert (vote.adopted, vote.decided_by) == (False, "loddtrekning")


def test_a_secret_ballot_keeps_no_record_of_who_voted_what(fsk, live, fagleder):
    meeting, first, _ = live
    _everyone(fsk, meeting, fagleder)
    proposal = proposal_recommendation(actor=fagleder, item=first)
    vote = vote_record(actor=fagleder, item=first, proposal=proposal, for_count=4, against_count=3, secret=True,
                       is_election=True)
    assert vote.adopted and not Ballot.objects.filter(vote=vote).exists()
    data = minutes_data(meeting, public=False)["items"][0]["votes"][0]
    assert data["secret"] and data["by_party"] == [] and data["named"] == []


def test_a_split_party_is_named_in_the_minutes_and_whole_parties_only_counted(fsk, live, fagleder):
    meeting, first, _ = live
    _everyone(fsk, meeting, fagleder)
    m = fsk.m
    proposal = proposal_recommendation(actor=fagleder, item=first)
    ballots = {m.anna.pk: "for", m.anders.pk: "for", m.aud.pk: "mot", m.henrik.pk: "for", m.hanne.pk: "mot",
               m.sigrid.pk: "for", m.svein.pk: "for"}
    vote_record(actor=fagleder, item=first, proposal=proposal, ballots=ballots)
    item_decide(actor=fagleder, item=first, text="Budsjettet vedtas.", next_step="final")
    data = minutes_data(meeting, public=False)["items"][0]
    votes = data["votes"][0]
    assert {p["party"]: (p["for_count"], p["against_count"]) for p in votes["by_party"]} == {
        "Ap": (2, 1), "H": (1, 0), "Sp": (2, 1)}  # Hanne votes with Sp, the party she belongs to now
    named = {(n["name"], n["vote"]) for n in votes["named"]}
    assert ("Aud Fsk", "Mot") in named and ("Hanne Fsk", "Mot") in named
    assert not any(n["party"] == "H" for n in votes["named"])
    assert "5 mot 2" in data["vote_summary"]


def test_a_recused_member_leaves_and_a_substitute_from_their_list_takes_the_item(fsk, live, fagleder):
    meeting, first, second = live
    _everyone(fsk, meeting, fagleder)
    recusal_register(actor=fagleder, item=first, membership=fsk.m.henrik, grounds="Nær slekt av søker (fvl. § 6)",
                     substitute=fsk.s.hilde)
    present_first = {a.membership_id for a in present_for_item(first)}
    assert fsk.m.henrik.pk not in present_first and fsk.s.hilde.pk in present_first
    assert quorum(meeting, first).present == 7 and quorum(meeting, second).present == 7
    recusal = minutes_data(meeting, public=False)["items"][0]["recusals"][0]
    assert recusal == {"name": "Henrik Fsk", "party": "H", "decided": True,
                       "grounds": "Nær slekt av søker (fvl. § 6)", "substitute": "Hilde Vara"}


def test_a_recusal_substitute_must_come_from_the_members_list(fsk, live, fagleder):
    meeting, first, _ = live
    _everyone(fsk, meeting, fagleder)
    with pytest.raises(GuardFailed, match="ikke varamedlem"):
        recusal_register(actor=fagleder, item=first, membership=fsk.m.henrik, substitute=fsk.s.arne)
    assert not first.recusals.exists()


def test_outcomes_drive_the_case_workflow(fsk, live, fagleder, kommunestyret, klar_case):
    meeting, first, second = live
    _everyone(fsk, meeting, fagleder)
    item_decide(actor=fagleder, item=first, text="Formannskapet innstiller til kommunestyret.", next_step="forward")
    item_set_outcome(actor=fagleder, item=second, outcome="utsatt", comment="Mer tid til partiene.")
    case1, case2 = first.consultation.case, second.consultation.case
    case1.refresh_from_db()
    case2.refresh_from_db()
    assert case1.state == CaseState.KLAR and case1.current_consultation.organization == kommunestyret
    assert case1.current_consultation.recommendation == "Formannskapet innstiller til kommunestyret."
    assert case2.state == CaseState.KLAR  # postponed, ready for a new meeting


def test_called_substitutes_are_registered_from_the_notice(fsk, meeting, fagleder, klar_case):
    agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case())
    absence = absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.hanne)
    absence_confirm_substitute(actor=fagleder, absence=absence)
    meeting_send_notice(actor=fagleder, meeting=meeting)
    assert attendance_fill_from_notice(actor=fagleder, meeting=meeting) == 7
    att = meeting.attendances.get(membership=fsk.s.hilde)
    assert att.substitute_for == fsk.m.hanne


def test_orienteringer_are_noted_and_video_offsets_recorded(fsk, live, fagleder):
    import datetime as dt

    meeting, first, _ = live
    os_item = agenda_item_add_other(actor=fagleder, meeting=meeting, kind=AgendaItemKind.OS, title="Orientering")
    item_set_outcome(actor=fagleder, item=os_item, outcome="tatt_til_orientering")
    agenda_item_mark_video(actor=fagleder, item=first, now=meeting.start + dt.timedelta(minutes=12, seconds=5))
    first.refresh_from_db()
    assert first.video_offset_seconds == 725


def test_a_closed_item_shows_the_public_only_its_basis_and_result(fsk, live, fagleder):
    from secretariat.meetings.services import agenda_item_close

    meeting, first, _ = live
    _everyone(fsk, meeting, fagleder)
    agenda_item_close(actor=fagleder, item=first, closed=True, basis="11-5-2-arb")
    recusal_register(actor=fagleder, item=first, membership=fsk.m.aud, grounds="Søster av den ansatte")
    proposal = proposal_recommendation(actor=fagleder, item=first)
    ballots = {m.pk: "for" for key, m in vars(fsk.m).items() if key != "aud"} | {fsk.m.henrik.pk: "mot"}
    vote_record(actor=fagleder, item=first, proposal=proposal, ballots=ballots)
    item_decide(actor=fagleder, item=first, text="Den ansatte får en advarsel.")
    public = minutes_data(meeting, public=True)["items"][0]
    assert public["closed_basis_label"] == "koml. § 11-5 andre ledd (arbeidstakers tjenstlige forhold)"
    assert public["decision_text"] == "" and public["proposals"] == [] and public["recusals"] == []
    vote = public["votes"][0]
    assert vote["result_label"].startswith("Innstillingen ble vedtatt") and vote["by_party"] == []
    assert "advarsel" not in str(minutes_data(meeting, public=True))
    assert minutes_data(meeting, public=False)["items"][0]["decision_text"] == "Den ansatte får en advarsel."
