"""Every transition of the case workflow: allowed from each source, refused from other states and for
users without the role. Uses the real services and PostgreSQL."""

import pytest

from secretariat.cases.models import Case
from secretariat.cases.services import case_transition
from workflows.case import CaseState
from workflows.engine import all_transitions, available_transitions
from workflows.errors import (
    ConflictError,
    GuardFailed,
    TransitionForbidden,
    TransitionNotAllowed,
    UnknownTransition,
)
from workflows.models import AuditEntry

from ..helpers import case_in_state, make_quorate

ALL = all_transitions(Case)
PAIRS = [(t.name, source, t.target) for t in ALL for source in t.sources]
# Extra input some transitions need, as a user would give it.
KWARGS = {"decide": {"decision_text": "Vedtatt."}, "forward": {"organization": None}}


def _inputs(case, name):
    """What a user gives with the step; a decision is made in a quorate meeting (koml. § 11-9)."""
    inputs = dict(KWARGS.get(name, {}))
    if name == "decide":
        item = case.current_consultation.agenda_items.first()
        if item is not None:
            make_quorate(item)
        inputs["agenda_item"] = item
    return inputs
COMMENT = "Begrunnelse."


@pytest.fixture
def make_case(formannskapet, saksbehandler, fagleder, kommunedirektor):
    def make(state):
        return case_in_state(state, organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                             kommunedirektor=kommunedirektor)

    return make


def _allowed_actor(name, users):
    t = next(t for t in ALL if t.name == name)
    for role in t.roles:
        return users[role]


@pytest.fixture
def users(fagleder, saksbehandler, kommunedirektor):
    return {"fagleder": fagleder, "saksbehandler": saksbehandler, "kommunedirektor": kommunedirektor}


def test_the_workflow_has_every_state_of_the_domain():
    targets = {t.target for t in ALL} | {s for t in ALL for s in t.sources}
    assert targets == {s.value for s in CaseState}


@pytest.mark.parametrize(("name", "source", "target"), [p for p in PAIRS if p[0] != "schedule"],
                         ids=[f"{n}:{s}" for n, s, _ in PAIRS if n != "schedule"])
def test_it_allows_each_transition_from_each_source(make_case, users, name, source, target):
    case = make_case(source)
    actor = _allowed_actor(name, users)
    before = AuditEntry.for_object(case).count()
    case_transition(case=case, name=name, actor=actor, comment=COMMENT, **_inputs(case, name))
    case.refresh_from_db()
    assert case.state == target
    entry = AuditEntry.for_object(case).last()
    assert AuditEntry.for_object(case).count() == before + 1
    assert (entry.action, entry.from_state, entry.to_state, entry.comment) == (name, source, target, COMMENT)
    assert entry.actor == actor


def test_scheduling_goes_through_the_agenda(make_case):
    case = make_case("satt_opp")
    item = case.current_consultation.agenda_items.get()
    assert item.label.startswith("PS 1/")
    assert AuditEntry.for_object(case).filter(action="schedule", to_state="satt_opp").exists()


@pytest.mark.parametrize("name", sorted({t.name for t in ALL}))
def test_it_refuses_each_transition_from_a_wrong_state(make_case, users, name):
    t = next(t for t in ALL if t.name == name)
    wrong = next(s for s in ["avsluttet", "trukket", "utredning", "klar"] if s not in t.sources)
    case = make_case(wrong)
    with pytest.raises(TransitionNotAllowed) as err:
        case_transition(case=case, name=name, actor=_allowed_actor(name, users), comment=COMMENT,
                        **_inputs(case, name))
    message = err.value.message
    assert CaseState(wrong).label in message  # names the current state
    assert "Mulige neste steg" in message
    case.refresh_from_db()
    assert case.state == wrong


@pytest.mark.parametrize(("name", "source", "target"), PAIRS, ids=[f"{n}:{s}" for n, s, _ in PAIRS])
def test_it_refuses_users_without_the_role(make_case, folkevalgt, other_saksbehandler, name, source, target):
    case = make_case(source)
    for outsider in (folkevalgt, other_saksbehandler):
        with pytest.raises(TransitionForbidden) as err:
            case_transition(case=case, name=name, actor=outsider, comment=COMMENT, **_inputs(case, name))
        assert "tilgang" in err.value.message
    case.refresh_from_db()
    assert case.state == source


def test_only_the_kommunedirektor_approves_the_innstilling(make_case, fagleder, saksbehandler, kommunedirektor):
    case = make_case("til_godkjenning")
    for user in (fagleder, saksbehandler):
        with pytest.raises(TransitionForbidden):
            case_transition(case=case, name="approve", actor=user)
    case_transition(case=case, name="approve", actor=kommunedirektor)
    consultation = case.current_consultation
    assert consultation.recommendation_approved_by == kommunedirektor
    assert consultation.recommendation == case.paper.recommendation


def test_forwarding_creates_a_consultation_with_the_decision_as_innstilling(make_case, fagleder, kommunestyret):
    case = make_case("behandlet")
    case_transition(case=case, name="forward", actor=fagleder, organization=None)
    case.refresh_from_db()
    first, second = case.consultations.order_by("sequence")
    assert second.organization == kommunestyret
    assert second.recommendation == first.decisions.get().text
    assert second.recommendation_source == "Formannskapet"
    case_transition(case=case, name="receive_at_next_body", actor=fagleder)
    case.refresh_from_db()
    assert case.state == "klar" and case.current_consultation == second


def test_an_unknown_transition_names_the_possible_steps(make_case, fagleder):
    case = make_case("klar")
    with pytest.raises(UnknownTransition) as err:
        case_transition(case=case, name="fly", actor=fagleder)
    assert "«Sett opp på saksliste»" in err.value.message


def test_a_stale_page_gets_a_conflict_not_a_surprise(make_case, kommunedirektor):
    case = make_case("klar")  # someone approved while this user still saw 'til_godkjenning'
    with pytest.raises(ConflictError):
        case_transition(case=case, name="return_to_drafting", actor=kommunedirektor, comment="Mangler ROS.",
                        expected_state="til_godkjenning")
    case.refresh_from_db()
    assert case.state == "klar"


def test_guards_need_a_reason_to_send_back_and_withdraw(make_case, kommunedirektor, fagleder):
    case = make_case("til_godkjenning")
    with pytest.raises(GuardFailed):
        case_transition(case=case, name="return_to_drafting", actor=kommunedirektor, comment="  ")
    with pytest.raises(GuardFailed):
        case_transition(case=case, name="withdraw", actor=fagleder)
    case.refresh_from_db()
    assert case.state == "til_godkjenning"
    assert not AuditEntry.for_object(case).filter(action__in=["return_to_drafting", "withdraw"]).exists()


def test_hva_kan_skje_naa_lists_exactly_the_users_steps(make_case, saksbehandler, kommunedirektor, fagleder,
                                                        folkevalgt):
    case = make_case("til_godkjenning")
    assert {t.name for t in available_transitions(case, kommunedirektor)} == {"approve", "return_to_drafting",
                                                                               "withdraw"}
    assert {t.name for t in available_transitions(case, fagleder)} == {"return_to_drafting", "withdraw"}
    assert available_transitions(case, saksbehandler) == []
    assert available_transitions(case, folkevalgt) == []
