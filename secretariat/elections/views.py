"""Elections: the projects, each with its task list, timeline, the valgstyre's meetings and the evaluation.

Who may do what is `access.can_plan_elections` (the services ask it too), decided per page:
- The reading pages (the list, a project's tasks, its timeline, the evaluation and its report) are for all staff,
  the kommunedirektør included: she heads the administration that prepares the election and is asked whether it
  is on track, so she reads the plan, what is late and the evaluation. They show her no button or link to a change
  (`may_plan`), so nothing she is offered ends in a refusal.
- The pages that only change a plan (a new project, a task's form, completing or reopening a task, saving the
  evaluation notes) are the planners' (the politisk sekretariat and the saksbehandlere who prepare the election):
  anyone else gets 403 before the input is read. A folkevalgt gets none of these pages (they are the
  administration's working plan; the valgstyre's own papers go through its meetings).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from document_templates.http import docx_response
from secretariat import access
from secretariat.access import case_title_for
from secretariat.common.views import add_validation_errors, staff_required
from workflows.errors import WorkflowError
from workflows.models import AuditEntry

from . import selectors, services
from .forms import EvaluationForm, ProjectForm, TaskActionForm, TaskForm
from .models import ElectionProject, ElectionTask


def _planner_required(user) -> None:
    """A page or step that changes a plan: the planners only (module docstring)."""
    if not access.can_plan_elections(user):
        raise PermissionDenied(access.ELECTION_PLANNING_REFUSED)


@login_required
def project_list(request):
    staff_required(request.user)
    today = timezone.localdate()
    projects = ElectionProject.objects.prefetch_related("tasks")
    rows = [(p, selectors.election_status_counts(p, today)) for p in projects]
    return render(request, "elections/list.html", {"rows": rows, "today": today,
                                                   "may_plan": access.can_plan_elections(request.user)})


@login_required
def project_create(request):
    _planner_required(request.user)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.election_project_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{project.name} er opprettet med {project.tasks.count()} oppgaver.")
            return redirect("elections:detail", pk=project.pk)
    return render(request, "elections/form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def project_detail(request, pk: int):
    staff_required(request.user)
    project = get_object_or_404(ElectionProject.objects.select_related("valgstyre"), pk=pk)
    today = timezone.localdate()
    tasks = [(t, t.status(today)) for t in selectors.election_tasks(project)]
    return render(request, "elections/detail.html", {
        "project": project, "tasks": tasks, "today": today, "may_plan": access.can_plan_elections(request.user),
        "may_open_round": access.can_handle_appointments(request.user),
        "can_create_cases": access.can_create_cases(request.user),
        "counts": selectors.election_status_counts(project, today),
        "meetings": selectors.valgstyre_meetings(project), "task_form": TaskForm(),
        "cases": [(c, case_title_for(request.user, c)) for c in selectors.valgstyre_cases(project)],
        "history": AuditEntry.for_object(project).order_by("-at")[:30],
    })


@login_required
def project_timeline(request, pk: int):
    staff_required(request.user)
    project = get_object_or_404(ElectionProject, pk=pk)
    return render(request, "elections/timeline.html", {
        "project": project, "timeline": selectors.election_timeline(project),
        "may_plan": access.can_plan_elections(request.user)})


@login_required
@require_POST
def task_action(request, pk: int, task_pk: int):
    _planner_required(request.user)
    task = get_object_or_404(ElectionTask, pk=task_pk, project_id=pk)
    form = TaskActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.error_text())
        return redirect(f"{reverse_detail(pk)}#oppgave-{task.pk}")
    data = form.cleaned_data
    try:
        if data["action"] == "complete":
            services.election_task_complete(task=task, actor=request.user, done_on=data["done_on"], note=data["note"])
            messages.success(request, f"«{task.title}» er markert som utført.")
        else:
            services.election_task_reopen(task=task, actor=request.user, comment=data["note"])
            messages.success(request, f"«{task.title}» er åpnet igjen.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except WorkflowError as exc:
        messages.error(request, exc.message)
    return redirect(f"{reverse_detail(pk)}#oppgave-{task.pk}")


def reverse_detail(pk: int) -> str:
    from django.urls import reverse

    return reverse("elections:detail", kwargs={"pk": pk})


@login_required
def task_edit(request, pk: int, task_pk: int | None = None):
    _planner_required(request.user)
    project = get_object_or_404(ElectionProject, pk=pk)
    task = get_object_or_404(ElectionTask, pk=task_pk, project=project) if task_pk else None
    initial = {name: getattr(task, name) for name in TaskForm.base_fields} if task else {}
    form = TaskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if task:
                services.election_task_update(task=task, actor=request.user, data=data)
            else:
                services.election_task_add(project=project, actor=request.user, **data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Oppgaven er lagret.")
            return redirect("elections:detail", pk=project.pk)
    return render(request, "elections/task_form.html", {"form": form, "project": project, "task": task},
                  status=400 if form.errors else 200)


@login_required
def evaluation(request, pk: int):
    """Read by all staff; the notes are saved by the planners only (their form is shown to them alone)."""
    staff_required(request.user)
    may_plan = access.can_plan_elections(request.user)
    if request.method == "POST" and not may_plan:
        raise PermissionDenied(access.ELECTION_PLANNING_REFUSED)
    project = get_object_or_404(ElectionProject, pk=pk)
    form = EvaluationForm(request.POST or None, initial={"evaluation_notes": project.evaluation_notes})
    if request.method == "POST" and form.is_valid():
        try:
            services.election_evaluation_update(project=project, actor=request.user,
                                                notes=form.cleaned_data["evaluation_notes"])
        except WorkflowError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Notatene er lagret.")
        return redirect("elections:evaluation", pk=project.pk)
    groups = selectors.evaluation_rows(project)
    return render(request, "elections/evaluation.html", {"project": project, "groups": groups,
                                                         "form": form if may_plan else None, "may_plan": may_plan},
                  status=400 if form.errors else 200)


@login_required
def evaluation_docx(request, pk: int):
    staff_required(request.user)
    project = get_object_or_404(ElectionProject, pk=pk)
    from document_templates.registry import DocumentError, generate

    try:
        doc = generate("valgevaluering", project, actor=request.user)
    except DocumentError as exc:
        messages.error(request, exc.message)
        return redirect("elections:evaluation", pk=project.pk)
    return docx_response(doc.content, doc.filename)
