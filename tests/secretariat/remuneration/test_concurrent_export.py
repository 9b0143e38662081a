"""Exports at the same moment as each other and as the secretariat's steps, each on its own database connection:
a month is exported once (the other gets the locked period's message), and a claim sent back while the export runs
is either paid or sent back — never sent back with its lines paid."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from secretariat.remuneration.models import Claim, ClaimLine, PayrollExport
from secretariat.remuneration.services import claim_transition, next_month, payroll_export
from tests.helpers import someone_waits_for_a_lock
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


def _held_open(job, started: threading.Event, release: threading.Event, out: list) -> None:
    """Run `job` in a transaction kept open (its locks held) until `release` is set."""
    from django.db import transaction

    try:
        with transaction.atomic():
            out.append(job())
            started.set()
            release.wait(timeout=30)
    except Exception as exc:  # noqa: BLE001 - returned and checked by the caller
        out.append(exc)
        started.set()
    finally:
        connections.close_all()


def _approved_claim(k, fagleder) -> Claim:
    claim = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    claim_transition(claim=claim, name="submit", actor=k.kari.user)
    claim.refresh_from_db()
    claim_transition(claim=claim, name="approve", actor=fagleder)
    claim.refresh_from_db()
    return claim


@pytest.mark.django_db(transaction=True)
def test_a_send_back_not_yet_committed_holds_the_export_back(kommune, fagleder):
    """The interleaving CI once caught: the send-back had read «not paid» and the export paid the lines before the
    send-back committed. Now the export waits for the claim and leaves it out."""
    k = kommune
    claim = _approved_claim(k, fagleder)
    started, release, first, second = threading.Event(), threading.Event(), [], []
    send_back = threading.Thread(target=_held_open, args=(
        lambda: claim_transition(claim=Claim.objects.get(pk=claim.pk), name="send_back", actor=fagleder,
                                 comment="Feil dato."), started, release, first))
    send_back.start()
    assert started.wait(timeout=20)
    export = threading.Thread(target=_held_open, args=(
        lambda: payroll_export(actor=fagleder, month=k.month), threading.Event(), threading.Event(), second))
    export.start()
    try:
        assert someone_waits_for_a_lock(), "the second step did not wait for the first"
    finally:
        release.set()
        send_back.join(timeout=30)
        export.join(timeout=60)
    assert not isinstance(first[0], Exception), first
    assert isinstance(second[0], PayrollExport), second
    claim.refresh_from_db()
    assert claim.state == "returnert"
    assert not ClaimLine.objects.filter(claim=claim, export__isnull=False).exists()


@pytest.mark.django_db(transaction=True)
def test_an_export_not_yet_committed_holds_the_send_back_back(kommune, fagleder):
    """The other order: the send-back waits for the export, then is refused as paid."""
    k = kommune
    claim = _approved_claim(k, fagleder)
    started, release, first, second = threading.Event(), threading.Event(), [], []
    export = threading.Thread(target=_held_open, args=(
        lambda: payroll_export(actor=fagleder, month=k.month), started, release, first))
    export.start()
    assert started.wait(timeout=20)
    send_back = threading.Thread(target=_held_open, args=(
        lambda: claim_transition(claim=Claim.objects.get(pk=claim.pk), name="send_back", actor=fagleder,
                                 comment="Feil dato."), threading.Event(), threading.Event(), second))
    send_back.start()
    try:
        assert someone_waits_for_a_lock(), "the second step did not wait for the first"
    finally:
        release.set()
        export.join(timeout=60)
        send_back.join(timeout=30)
    assert isinstance(first[0], PayrollExport), first
    assert isinstance(second[0], WorkflowError) and "utbetalt i lønnseksporten" in second[0].message, second
    claim.refresh_from_db()
    assert claim.state == "godkjent"
    assert ClaimLine.objects.filter(claim=claim, export__isnull=False).exists()
