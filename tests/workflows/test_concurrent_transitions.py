"""Two users fire conflicting transitions at the same moment, each on their own database connection:
exactly one wins, the other gets a clear conflict error, and nothing of the loser is written."""

import threading

import pytest
from django.db import connection

from secretariat.cases.models import Case
from secretariat.cases.services import case_transition
from workflows.errors import ConflictError
from workflows.models import AuditEntry

from ..helpers import case_in_state


@pytest.mark.django_db(transaction=True)
def test_exactly_one_of_two_concurrent_transitions_wins(formannskapet, saksbehandler, fagleder, kommunedirektor):
    assert connection.vendor == "postgresql"
    case = case_in_state("til_godkjenning", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    loaded = threading.Barrier(2)
    results: dict[str, object] = {}

    def fire(name: str, actor, comment: str):
        from django.db import connections

        try:
            mine = Case.objects.get(pk=case.pk)  # each thread has its own connection
            loaded.wait(timeout=10)
            case_transition(case=mine, name=name, actor=actor, comment=comment)
            results[name] = "ok"
        except Exception as exc:  # noqa: BLE001 - recorded, and the assertions below say which error it was
            results[name] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=fire, args=("approve", kommunedirektor, "Godkjent.")),
        threading.Thread(target=fire, args=("return_to_drafting", fagleder, "Må utredes mer.")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not any(t.is_alive() for t in threads), "a transition hung (lock never released?)"

    winners = [name for name, r in results.items() if r == "ok"]
    losers = [r for r in results.values() if r != "ok"]
    assert len(winners) == 1, results
    assert len(losers) == 1 and isinstance(losers[0], ConflictError), results
    assert "samtidig" in losers[0].message
    case.refresh_from_db()
    assert case.state == {"approve": "klar", "return_to_drafting": "utredning"}[winners[0]]
    actions = list(AuditEntry.for_object(case).filter(action__in=["approve", "return_to_drafting"])
                   .values_list("action", flat=True))
    assert actions == winners
    if winners[0] == "return_to_drafting":  # the loser's consultation update was rolled back too
        assert case.current_consultation.recommendation_approved_by is None
