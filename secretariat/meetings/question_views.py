"""Staff and member pages for spørsmål og interpellasjoner: a folkevalgt hands one in for a meeting of their body
(or one they are called to) before the reglement's deadline; the secretariat registers on a member's behalf,
accepts late ones with a reason, answers, and marks one exempt. Forms parse, the services decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from secretariat import access
from secretariat.common.forms import ActionForm, error_text
from secretariat.common.views import add_validation_errors
from workflows.errors import WorkflowError

from . import selectors, services
from .forms import QuestionAnswerForm, QuestionExemptForm, QuestionForm
from .models import Meeting, Question, QuestionKind


def _staff_or_member(user):
    if not access.is_staff_or_folkevalgt(user):
        raise PermissionDenied("Denne siden er for kommunens ansatte og folkevalgte.")


def _deadlines(meeting: Meeting) -> list[dict]:
    return [{"label": label, "at": timezone.localtime(services.question_deadline(meeting, kind)),
             "passed": timezone.now() > services.question_deadline(meeting, kind)}
            for kind, label in QuestionKind.choices]


@login_required
def meeting_questions(request, pk: int):
    _staff_or_member(request.user)
    meeting = get_object_or_404(Meeting.objects.select_related("organization"), pk=pk)
    secretariat = access.is_secretariat(request.user)
    askers = services.question_askers(meeting)
    person = getattr(request.user, "person", None)
    is_asker = access.is_folkevalgt(request.user) and person is not None and person.pk in {p.pk for p in askers}
    may_submit = (is_asker and meeting.state in services.BEFORE_MEETING) or (
        secretariat and meeting.state in services.BEFORE_MEETING | services.LIVE_STATES)
    form = QuestionForm(request.POST or None, askers=askers, secretariat=secretariat)
    if request.method == "POST":
        try:
            services.question_require_asker(request.user, meeting)
        except WorkflowError as exc:
            raise PermissionDenied(exc.message) from None
        if form.is_valid():
            data = form.cleaned_data
            asked_by = next((p for p in askers if p.pk == data.get("asked_by")), None)
            try:
                question = services.question_submit(
                    actor=request.user, meeting=meeting, kind=data["kind"], title=data["title"], text=data["text"],
                    asked_by=asked_by, late_reason=data.get("late_reason", ""))
            except ValidationError as exc:
                add_validation_errors(form, exc)
            except WorkflowError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, f"{question.get_kind_display()} «{question.title}» er levert.")
                return redirect("meetings:questions", pk=meeting.pk)
    return render(request, "meetings/questions.html", {
        "meeting": meeting, "questions": selectors.questions_data(meeting, public=False, user=request.user),
        "form": form, "may_submit": may_submit, "is_fagleder": secretariat, "deadlines": _deadlines(meeting),
        "answer_form": QuestionAnswerForm(), "exempt_form": QuestionExemptForm(),
    })


@login_required
@require_POST
def question_update(request, pk: int, question_pk: int):
    """The secretariat answers a question or marks it exempt (one form each)."""
    access.require_secretariat(request.user, "Bare politisk sekretariat kan svare på og unnta spørsmål.")
    question = get_object_or_404(Question.objects.select_related("meeting__organization"), pk=question_pk,
                                 meeting_id=pk)
    # Which of the two forms was posted (their buttons send action=answer / action=exempt).
    which = ActionForm(request.POST, actions=("answer", "exempt"))
    if not which.is_valid():
        messages.error(request, "Ukjent handling.")
        return redirect("meetings:questions", pk=pk)
    try:
        if which.cleaned_data["action"] == "answer":
            form = QuestionAnswerForm(request.POST)
            if form.is_valid():
                services.question_answer(actor=request.user, question=question, answer=form.cleaned_data["answer"])
                messages.success(request, "Svaret er lagret.")
        else:
            form = QuestionExemptForm(request.POST)
            if form.is_valid():
                services.question_set_exempt(actor=request.user, question=question,
                                             exempt_basis=form.cleaned_data["exempt_basis"])
                messages.success(request, "Offentligheten er endret.")
        if not form.is_valid():
            messages.error(request, error_text(form))
    except WorkflowError as exc:
        messages.error(request, exc.message)
    return redirect("meetings:questions", pk=pk)
