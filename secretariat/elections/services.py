"""Writes for elections: create a project from its template, adjust and complete tasks. Every change audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from secretariat import access
from secretariat.organizations.models import Organization, OrganizationType
from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import TransitionForbidden

from .models import ElectionProject, ElectionTask
from .plan_templates import ElectionType, resolve, templates_for

TASK_FIELDS = ("title", "description", "starts_on", "due_on", "due_time", "responsible", "responsible_role", "note")


def _require_planner(actor) -> None:
    if not access.can_plan_elections(actor):
        raise TransitionForbidden(access.ELECTION_PLANNING_REFUSED)


def election_tasks_from_template(*, election_type: str, election_day: dt.date) -> list[ElectionTask]:
    """The milestones and tasks of one election, dated from its election day (unsaved)."""
    tasks = []
    for t in templates_for(election_type):
        tasks.append(ElectionTask(
            key=t.key, title=t.title, description=t.description, milestone=t.milestone,
            starts_on=resolve(t.starts, election_day) if t.starts else None,
            due_on=resolve(t.due, election_day), due_time=t.due_time, responsible_role=t.responsible_role,
        ))
    return tasks


def election_project_create(*, actor, election_type: str, election_day: dt.date, name: str = "",
                            valgstyre: Organization | None = None, sunday_voting: bool = False,
                            responsible=None, stemmestyre_round=None) -> ElectionProject:
    _require_planner(actor)
    if election_type not in dict(ElectionType.choices):
        raise ValidationError({"election_type": "Velg en valgtype."})
    if valgstyre is None:
        valgstyre = Organization.objects.filter(organization_type=OrganizationType.VALGSTYRE, is_active=True).first()
    label = dict(ElectionType.choices)[election_type]
    project = ElectionProject(name=name.strip() or f"{label} {election_day.year}", election_type=election_type,
                              election_day=election_day, valgstyre=valgstyre, sunday_voting=sunday_voting,
                              stemmestyre_round=stemmestyre_round, created_by=actor if getattr(actor, "pk", None) else None)
    project.full_clean(validate_constraints=False)
    with transaction.atomic():
        try:
            with transaction.atomic():
                project.save()
        except IntegrityError as exc:
            raise ValidationError({"election_day": "Det finnes allerede et prosjekt for dette valget."}) from exc
        tasks = election_tasks_from_template(election_type=election_type, election_day=election_day)
        for task in tasks:
            task.project = project
            task.responsible = responsible
        ElectionTask.objects.bulk_create(tasks)
        audit(project, actor=actor, action=AuditAction.CREATED, action_label="Valgprosjekt opprettet",
              changes={"valgdag": election_day.isoformat(), "oppgaver": len(tasks)})
    return project


def election_task_update(*, task: ElectionTask, actor, data: dict) -> ElectionTask:
    _require_planner(actor)
    changes = {}
    for name in TASK_FIELDS:
        if name in data and getattr(task, name) != data[name]:
            changes[name] = {"fra": _plain(getattr(task, name)), "til": _plain(data[name])}
            setattr(task, name, data[name])
    task.full_clean(validate_constraints=False)
    with transaction.atomic():
        task.save()
        if changes:
            audit(task.project, actor=actor, action=AuditAction.TASK_CHANGED, action_label=f"Oppgave endret: {task.title}",
                  changes=changes)
    return task


def election_task_add(*, project: ElectionProject, actor, title: str, due_on: dt.date, **data) -> ElectionTask:
    _require_planner(actor)
    task = ElectionTask(project=project, title=(title or "").strip(), due_on=due_on,
                        **{k: v for k, v in data.items() if k in TASK_FIELDS})
    task.full_clean(validate_constraints=False)
    with transaction.atomic():
        task.save()
        audit(project, actor=actor, action=AuditAction.TASK_ADDED, action_label=f"Oppgave lagt til: {task.title}")
    return task


def election_task_complete(*, task: ElectionTask, actor, done_on: dt.date | None = None, note: str = "") -> ElectionTask:
    """Mark a task done (on a given day, default today); done_on=None with reopen=True is `election_task_reopen`."""
    from django.utils import timezone

    _require_planner(actor)
    day = done_on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"done_on": "Utført-datoen kan ikke være fram i tid."})
    with transaction.atomic():
        task.done_on = day
        if note.strip():
            task.note = (task.note + "\n" if task.note else "") + note.strip()
        task.save(update_fields=["done_on", "note"])
        audit(task.project, actor=actor, action=AuditAction.TASK_DONE, action_label=f"Oppgave utført: {task.title}",
              comment=note, changes={"utført": day.isoformat(), "frist": task.due_on.isoformat()})
    return task


def election_task_reopen(*, task: ElectionTask, actor, comment: str = "") -> ElectionTask:
    _require_planner(actor)
    with transaction.atomic():
        previous = task.done_on
        task.done_on = None
        task.save(update_fields=["done_on"])
        audit(task.project, actor=actor, action=AuditAction.TASK_REOPENED, action_label=f"Oppgave gjenåpnet: {task.title}",
              comment=comment, changes={"utført": {"fra": _plain(previous), "til": ""}})
    return task


def election_evaluation_update(*, project: ElectionProject, actor, notes: str) -> ElectionProject:
    _require_planner(actor)
    with transaction.atomic():
        changed = project.evaluation_notes != notes
        project.evaluation_notes = notes
        project.save(update_fields=["evaluation_notes"])
        if changed:
            audit(project, actor=actor, action=AuditAction.EVALUATION, action_label="Evaluering oppdatert")
    return project


def _plain(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
