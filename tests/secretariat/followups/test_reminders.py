"""Reminders by e-mail, run by a real Celery worker on the local Redis and received by a real SMTP server."""

import time

import pytest
from celery.worker import state as worker_state
from django.core.management import call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from secretariat.followups.models import FollowUpReminder, FollowUpSummarySent
from secretariat.followups.tasks import send_followup_reminders, send_weekly_summary

TASK = "secretariat.followups.tasks.send_followup_reminders"


REMINDER_SUBJECTS = ("Påminnelse", "Forsinket oppfølging")


def reminders(inbox, prefixes=REMINDER_SUBJECTS) -> list:
    """Only our reminders: case transitions send their own notifications to the same inbox."""
    return [m for m in inbox.messages if str(m["Subject"]).strip().startswith(prefixes)]


def wait_for_reminders(inbox, prefixes=REMINDER_SUBJECTS, timeout: float = 15.0) -> list:
    """The task runs have finished; give the SMTP server's handler a moment to file what it accepted (fails the
    test when no reminder arrives)."""
    return inbox.wait_for(1, subject=prefixes, timeout=timeout)


def wait_until_done(name: str, count: int, timeout: float = 30.0) -> None:
    """Wait until the in-process worker has taken `count` runs of task `name` (Celery counts a task when it is
    accepted, not when it has finished: wait for its effects too, see `rows_eventually`)."""
    deadline = time.monotonic() + timeout
    while worker_state.total_count[name] < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert worker_state.total_count[name] >= count, "the worker did not finish the tasks"


@pytest.mark.django_db(transaction=True)
def test_a_due_followup_gets_one_reminder_even_when_the_beat_task_runs_twice(celery_worker, smtp_server,
                                                                             make_followup, saksbehandler, settings):
    settings.SAKSGANG_FOLLOWUP_REMINDER_DAYS = 7
    due = make_followup(days=5, description="Skilte avgiftsplassene.")
    make_followup(days=30, description="Ikke aktuelt ennå.")
    before = worker_state.total_count[TASK]
    send_followup_reminders.delay()
    send_followup_reminders.delay()
    wait_until_done(TASK, before + 2)
    messages = wait_for_reminders(smtp_server)
    assert len(messages) == 1, [m["Subject"] for m in smtp_server.messages]
    assert messages[0] in smtp_server.to(saksbehandler.email)
    assert "Påminnelse" in str(messages[0]["Subject"])
    assert "Skilte avgiftsplassene." in messages[0].get_content()
    # The task sends inside the transaction that records the reminder: the mail can arrive before the commit.
    assert rows_eventually(lambda: list(FollowUpReminder.objects.values_list("followup_id", "kind"))) == [
        (due.pk, "due_soon")]


def rows_eventually(read, timeout: float = 15.0):
    """What `read()` returns once it is non-empty (or after `timeout`): the worker commits a moment after sending."""
    deadline = time.monotonic() + timeout
    while not (rows := read()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return rows


@pytest.mark.django_db(transaction=True)
def test_an_overdue_followup_gets_an_overdue_reminder_once(celery_worker, smtp_server, make_followup,
                                                           saksbehandler):
    make_followup(days=-3, description="Forsinket tiltak.")
    before = worker_state.total_count[TASK]
    send_followup_reminders.delay()
    send_followup_reminders.delay()
    wait_until_done(TASK, before + 2)
    messages = wait_for_reminders(smtp_server)
    assert len(messages) == 1
    assert "Forsinket oppfølging" in str(messages[0]["Subject"])


def test_done_and_postponed_followups_get_no_reminders(make_followup, saksbehandler, fagleder, decision, ks,
                                                      smtp_server):
    from secretariat.followups.services import (
        followup_transition,
        legality_demand_register,
        legality_implementation_postpone,
    )
    from secretariat.followups.tasks import due_reminders

    done = make_followup(days=2)
    followup_transition(followup=done, name="start", actor=saksbehandler)
    followup_transition(followup=done, name="complete", actor=saksbehandler)
    assert send_followup_reminders() == 0
    waiting = make_followup(days=2, description="Venter.")
    demand = legality_demand_register(actor=fagleder, decision=decision, signers=[ks.per, ks.kari, ks.ali])
    # A demand alone does not stop implementation (koml. § 27-1): the reminder is still due.
    assert [f for f, _, _ in due_reminders()] == [waiting]
    legality_implementation_postpone(actor=fagleder, demand=demand, decided_by="Kommunestyret",
                                     decided_on=timezone.localdate())
    assert send_followup_reminders() == 0
    assert reminders(smtp_server) == []


def test_the_kommunedirektor_gets_a_weekly_summary_once(make_followup, kommunedirektor, smtp_server):
    make_followup(days=-2, description="Forsinket tiltak.")
    assert send_weekly_summary() == 1
    assert send_weekly_summary() == 0
    messages = wait_for_reminders(smtp_server, ("Vedtaksoppfølging: ukesoversikt",))
    assert len(messages) == 1 and messages[0] in smtp_server.to(kommunedirektor.email)
    body = messages[0].get_content()
    assert "Forsinket: 1" in body and "Forsinket tiltak." in body
    assert FollowUpSummarySent.objects.count() == 1


def test_a_superuser_gets_the_weekly_summary_like_the_kommunedirektor(make_followup, kommunedirektor, fagleder,
                                                                    saksbehandler, smtp_server):
    """The summary goes to whoever reports on implementation (access.reports_on_implementation), not to the
    «kommunedirektor» group by name: a superuser has every role and was never sent it (session 22). The fagleder
    and the saksbehandler are not sent it, nor is an inactive superuser."""
    from tests.factories import UserFactory

    superuser = UserFactory(username="rot", is_superuser=True)
    retired = UserFactory(username="gammel-rot", is_superuser=True, is_active=False)
    make_followup(days=-2, description="Forsinket tiltak.")
    assert send_weekly_summary() == 2
    messages = smtp_server.wait_for(2, subject="Vedtaksoppfølging: ukesoversikt")
    assert sorted(rcpt for msg in messages for rcpt in msg["To"].split(", ")) == sorted(
        [kommunedirektor.email, superuser.email])
    assert all("Forsinket tiltak." in msg.get_content() for msg in messages)
    assert set(FollowUpSummarySent.objects.values_list("recipient", flat=True)) == {kommunedirektor.pk, superuser.pk}
    for other in (fagleder, saksbehandler, retired):
        assert not smtp_server.to(other.email)


def test_setup_reminders_creates_the_beat_schedule_idempotently(db):
    call_command("setup_reminders")
    call_command("setup_reminders")
    tasks = PeriodicTask.objects.filter(task__startswith="secretariat.followups.tasks.")
    assert sorted(tasks.values_list("task", flat=True)) == [
        "secretariat.followups.tasks.send_followup_reminders", "secretariat.followups.tasks.send_weekly_summary"]
    assert all(t.enabled and t.crontab is not None for t in tasks)
