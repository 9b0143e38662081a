"""Task status is derived: open, late (not done after the due date), done on time, done late."""

import datetime as dt

import pytest

from secretariat.elections.models import TaskStatus
from secretariat.elections.selectors import election_status_counts
from secretariat.elections.services import election_task_complete, election_task_reopen
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_status_of_a_task_around_its_due_date(project_2025):
    task = project_2025.tasks.get(key="manntall")  # due 30 June 2025
    assert task.status(dt.date(2025, 6, 30)) == TaskStatus.OPEN
    assert task.status(dt.date(2025, 7, 1)) == TaskStatus.OVERDUE
    task.done_on = dt.date(2025, 6, 30)
    assert task.status(dt.date(2025, 12, 1)) == TaskStatus.DONE
    task.done_on = dt.date(2025, 7, 1)
    assert task.status(dt.date(2025, 12, 1)) == TaskStatus.DONE_LATE


def test_completing_and_reopening_a_task_is_audited(project_2025, fagleder):
    task = project_2025.tasks.get(key="listeforslag_frist")
    election_task_complete(task=task, actor=fagleder, done_on=dt.date(2025, 4, 2), note="To lister kom for sent.")
    task.refresh_from_db()
    assert task.status() == TaskStatus.DONE_LATE
    election_task_reopen(task=task, actor=fagleder, comment="Feil registrert")
    task.refresh_from_db()
    assert task.done_on is None
    actions = list(AuditEntry.for_object(project_2025).values_list("action", flat=True))
    assert actions[-2:] == ["oppgave_utfort", "oppgave_gjenapnet"]


def test_counts_per_status(project_2025, fagleder):
    tasks = list(project_2025.tasks.order_by("due_on"))
    election_task_complete(task=tasks[0], actor=fagleder, done_on=tasks[0].due_on)
    election_task_complete(task=tasks[1], actor=fagleder, done_on=tasks[1].due_on + dt.timedelta(days=1))
    counts = election_status_counts(project_2025, today=dt.date(2025, 9, 9))
    assert counts["done"] == 1
    assert counts["done_late"] == 1
    assert counts["total"] == len(tasks)
    assert counts["overdue"] + counts["open"] == len(tasks) - 2
    assert counts["open"] >= 1  # the final count and the minutes are still ahead on 9 September
