"""Exports at the same moment as each other and as the secretariat's steps, each on its own database connection:
a month is exported once (the other gets the locked period's message), and a claim sent back while the export runs
is either paid or sent back — never sent back with its lines paid."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from secretariat.remuneration.models import Claim, ClaimLine, PayrollExport
from secretariat.remuneration.services import claim_transition, next_month, payroll_export
from workflows.errors import WorkflowError


def race(*jobs) -> list:
    """Run the jobs at once, each in its own thread (own connection); their results or exceptions, in order."""
    start = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(i, job):
        try:
            start.wait(timeout=10)
            results[i] = job()
        except Exception as exc:  # noqa: BLE001 - returned and checked by the caller
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "an export hung (a lock never released?)"
    return results


@pytest.mark.django_db(transaction=True)
def test_exports_and_a_send_back_at_the_same_moment_stay_consistent(kommune, fagleder):
    k = kommune
    claim = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    claim_transition(claim=claim, name="submit", actor=k.kari.user)
    claim.refresh_from_db()
    claim_transition(claim=claim, name="approve", actor=fagleder)

    def send_back():
        mine = Claim.objects.get(pk=claim.pk)
        return claim_transition(claim=mine, name="send_back", actor=fagleder, comment="Feil dato.")

    exported, sent_back = race(lambda: payroll_export(actor=fagleder, month=k.month), send_back)
    assert isinstance(exported, PayrollExport), exported
    claim.refresh_from_db()
    paid = ClaimLine.objects.filter(claim=claim, export__isnull=False).exists()
    if claim.state == "returnert":
        assert not paid and not isinstance(sent_back, Exception)
    else:
        assert claim.state == "godkjent" and paid
        assert isinstance(sent_back, WorkflowError) and "utbetalt i lønnseksporten" in sent_back.message

    # Three exports of the next month at once: one export, two clear refusals, nothing paid twice.
    month = next_month(k.month)
    results = race(*[lambda: payroll_export(actor=fagleder, month=month)] * 3)
    exports = [r for r in results if isinstance(r, PayrollExport)]
    refusals = [r for r in results if isinstance(r, WorkflowError)]
    assert len(exports) == 1 and len(refusals) == 2, results
    assert all("er allerede eksportert og er låst" in r.message for r in refusals)
    assert PayrollExport.objects.filter(month=month).count() == 1
