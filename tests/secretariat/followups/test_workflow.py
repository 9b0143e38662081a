"""The FollowUp workflow: ikke_startet → pagar → fullfort, or ikke_gjennomfort with a reason; no skipping."""

import pytest

from secretariat.followups.services import followup_transition
from workflows.errors import GuardFailed, TransitionForbidden, TransitionNotAllowed
from workflows.followup import FollowUpState
from workflows.models import AuditEntry


def test_the_responsible_person_starts_and_completes_a_followup(followup, saksbehandler):
    followup_transition(followup=followup, name="start", actor=saksbehandler)
    assert followup.state == FollowUpState.PAGAR
    followup_transition(followup=followup, name="complete", actor=saksbehandler, comment="Skiltene er oppe.")
    followup.refresh_from_db()
    assert followup.state == FollowUpState.FULLFORT
    assert followup.closed_at is not None
    moves = [(e.action, e.from_state, e.to_state) for e in AuditEntry.for_object(followup)]
    assert ("start", "ikke_startet", "pagar") in moves
    assert ("complete", "pagar", "fullfort") in moves


def test_it_refuses_to_skip_from_not_started_to_done(followup, saksbehandler):
    with pytest.raises(TransitionNotAllowed) as exc:
        followup_transition(followup=followup, name="complete", actor=saksbehandler)
    assert "Ikke startet" in exc.value.message and "Start arbeidet" in exc.value.message
    followup.refresh_from_db()
    assert followup.state == FollowUpState.IKKE_STARTET
    assert not AuditEntry.for_object(followup).filter(action="complete").exists()


def test_it_refuses_to_skip_from_not_started_to_not_implemented(followup, saksbehandler):
    with pytest.raises(TransitionNotAllowed):
        followup_transition(followup=followup, name="abandon", actor=saksbehandler, reason="Vedtaket er omgjort.")
    followup.refresh_from_db()
    assert followup.state == FollowUpState.IKKE_STARTET


def test_not_implemented_needs_a_reason(followup, saksbehandler):
    followup_transition(followup=followup, name="start", actor=saksbehandler)
    with pytest.raises(GuardFailed) as exc:
        followup_transition(followup=followup, name="abandon", actor=saksbehandler, reason="  ")
    assert exc.value.field == "reason"
    followup.refresh_from_db()
    assert followup.state == FollowUpState.PAGAR
    followup_transition(followup=followup, name="abandon", actor=saksbehandler, reason="Statsbudsjettet kuttet midlene.")
    followup.refresh_from_db()
    assert followup.state == FollowUpState.IKKE_GJENNOMFORT
    assert followup.reason == "Statsbudsjettet kuttet midlene."


def test_a_finished_followup_cannot_move_again(followup, saksbehandler):
    followup_transition(followup=followup, name="start", actor=saksbehandler)
    followup_transition(followup=followup, name="complete", actor=saksbehandler)
    with pytest.raises(TransitionNotAllowed):
        followup_transition(followup=followup, name="start", actor=saksbehandler)


@pytest.mark.parametrize("who", ["other_saksbehandler", "fagleder", "folkevalgt"])
def test_only_the_responsible_person_or_kommunedirektor_moves_the_status(request, followup, who):
    user = request.getfixturevalue(who)
    with pytest.raises(TransitionForbidden) as exc:
        followup_transition(followup=followup, name="start", actor=user)
    assert "ansvarlig" in exc.value.message
    followup.refresh_from_db()
    assert followup.state == FollowUpState.IKKE_STARTET


def test_the_kommunedirektor_may_move_the_status(followup, kommunedirektor):
    followup_transition(followup=followup, name="start", actor=kommunedirektor)
    assert followup.state == FollowUpState.PAGAR
