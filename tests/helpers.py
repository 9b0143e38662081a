"""Bring a case to a given state through the real services (the same path a user takes)."""

import datetime as dt

from django.utils import timezone

from secretariat.cases.models import Case
from secretariat.cases.services import case_create, case_transition
from secretariat.meetings.services import agenda_item_add, meeting_create

COMPLETE_PAPER = {
    "summary": "Kommunen vil bygge en ny gangveg. Den gjør skolevegen tryggere.",
    "background": "Bakgrunn.",
    "assessment": "Vurdering.",
    "recommendation": "Formannskapet vedtar å bygge gangvegen.",
}

PATHS = {
    "utredning": [],
    "til_godkjenning": ["submit"],
    "klar": ["submit", "approve"],
    "satt_opp": ["submit", "approve", "schedule"],
    "behandlet": ["submit", "approve", "schedule", "decide"],
    "til_neste_organ": ["submit", "approve", "schedule", "decide", "forward"],
    "vedtatt": ["submit", "approve", "schedule", "decide", "finalize"],
    "i_oppfolging": ["submit", "approve", "schedule", "decide", "finalize", "start_follow_up"],
    "avsluttet": ["submit", "approve", "schedule", "decide", "finalize", "start_follow_up", "close"],
    "utsatt": ["submit", "approve", "schedule", "postpone"],
    "sendt_tilbake": ["submit", "approve", "schedule", "send_back"],
    "trukket": ["withdraw"],
}

_counter = {"n": 0}


def new_case(*, organization, officer, **overrides) -> Case:
    _counter["n"] += 1
    data = {"arkivsaksnummer": f"26/{9000 + _counter['n']}", "title": f"Testsak {_counter['n']}", **COMPLETE_PAPER}
    data.update(overrides)
    return case_create(actor=officer, organization=organization, **data)


def case_in_state(state: str, *, organization, officer, fagleder, kommunedirektor, **overrides) -> Case:
    case = new_case(organization=organization, officer=officer, **overrides)
    for step in PATHS[state]:
        case.refresh_from_db()
        if step == "submit":
            case_transition(case=case, name="submit", actor=officer)
        elif step == "approve":
            case_transition(case=case, name="approve", actor=kommunedirektor)
        elif step == "schedule":
            start = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=40),
                                                            dt.time(18)))
            meeting = meeting_create(actor=fagleder, organization=case.current_consultation.organization,
                                     start=start)
            agenda_item_add(actor=fagleder, meeting=meeting, case=case)
        elif step == "decide":
            case_transition(case=case, name="decide", actor=fagleder, decision_text="Vedtatt som innstilt.")
        elif step == "forward":
            case_transition(case=case, name="forward", actor=fagleder, organization=None)
        elif step == "withdraw":
            case_transition(case=case, name="withdraw", actor=fagleder, comment="Trukket av kommunedirektøren.")
        else:
            case_transition(case=case, name=step, actor=fagleder, comment="Test.")
    case.refresh_from_db()
    assert case.state == state
    return case
