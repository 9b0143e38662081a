"""The politikerportal (/folkevalgt/): a folkevalgt's own meetings and papers, private notes and highlights, forfall,
inhabilitet in advance, spørsmål and interpellasjoner, and permisjon/fritak. Only for a user with the folkevalgt
role and a person; each page shows only that person's own data. Views parse with a form, call one service or
selector, and render or redirect."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from secretariat import access
from secretariat.api.transitions import staff_transition
from secretariat.cases.models import Case
from secretariat.common.forms import InputRulesMixin
from secretariat.common.views import add_validation_errors
from secretariat.meetings import selectors as meeting_selectors
from secretariat.meetings import services as meeting_services
from secretariat.meetings.models import Meeting, QuestionKind
from workflows.errors import WorkflowError
from workflows.leave import OPEN_STATES

from . import leave, selectors, services
from .forms import AbsenceForm, LeaveForm, NoteForm, QuestionForm, RecusalDeclarationForm
from .models import LeaveApplication, PaperNote


def _person(request):
    person = services.portal_person(request.user)
    if person is None:
        raise PermissionDenied("Politikerportalen er for folkevalgte med en registrert person.")
    return person


def _my_meeting(request, pk: int):
    person = _person(request)
    meeting = get_object_or_404(Meeting.objects.select_related("organization"), pk=pk)
    if not selectors.may_open_meeting(person, meeting):
        raise Http404("Fant ikke møtet blant dine møter.")
    return person, meeting


@login_required
def home(request):
    person = _person(request)
    coming, past, more = selectors.meetings_split(person)
    return render(request, "members/home.html", {
        "person": person, "coming": coming, "past": past, "more": more, "memberships": selectors.memberships_now(person),
        "calendar_url": selectors.calendar_url(person),
        "applications": [(a, leave.leave_status(a)) for a in selectors.leave_applications_of(person)],
        "note_count": selectors.note_count(request.user),
    })


def _meeting_context(request, person, meeting, **forms):
    data = meeting_selectors.notice_data(meeting, public=False, user=request.user)
    membership = selectors.my_membership(person, meeting)
    absence = meeting_selectors.absence_for(meeting, membership) if membership else None
    # Forfall and inhabilitet are reported before the meeting: its state and its start time (the services refuse
    # them afterwards; the forms are not offered).
    before = meeting.state in meeting_services.BEFORE_MEETING and timezone.now() < meeting.start
    is_asker = person.pk in {p.pk for p in meeting_services.question_askers(meeting)}
    deadlines = [{"label": label, "at": timezone.localtime(meeting_services.question_deadline(meeting, kind))}
                 for kind, label in QuestionKind.choices]
    return {
        "meeting": meeting, "data": data, "membership": membership, "absence": absence, "before": before,
        "may_report_absence": before and membership is not None and absence is None,
        "may_ask": before and is_asker, "deadlines": deadlines,
        "declarations": selectors.my_declarations(person, meeting),
        "absence_form": forms.get("absence_form") or AbsenceForm(),
        "recusal_form": forms.get("recusal_form") or RecusalDeclarationForm(items=data["items"]),
        "question_form": forms.get("question_form") or QuestionForm(),
        "my_questions": [q for q in data["questions"] if q.get("by") == person.name],
    }


@login_required
def meeting(request, pk: int):
    person, meeting = _my_meeting(request, pk)
    return render(request, "members/meeting.html", _meeting_context(request, person, meeting))


@login_required
@require_POST
def absence(request, pk: int):
    person, meeting = _my_meeting(request, pk)
    form = AbsenceForm(request.POST)
    membership = selectors.my_membership(person, meeting)
    if membership is None:
        raise PermissionDenied("Du er ikke medlem av organet på møtedagen.")
    if form.is_valid():
        try:
            # The meetings app's own rule: who may report, when, and which substitute is proposed (koml. § 7-10).
            meeting_services.absence_register(actor=request.user, meeting=meeting, membership=membership,
                                              reason=form.cleaned_data["reason"])
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Forfallet er meldt. Politisk sekretariat kaller inn vara.")
            return redirect("members:meeting", pk=meeting.pk)
    return render(request, "members/meeting.html", _meeting_context(request, person, meeting, absence_form=form),
                  status=400)


@login_required
@require_POST
def recusal(request, pk: int):
    person, meeting = _my_meeting(request, pk)
    data = meeting_selectors.notice_data(meeting, public=False, user=request.user)
    form = RecusalDeclarationForm(request.POST, items=data["items"])
    if form.is_valid():
        item = meeting.agenda_items.filter(pk=form.cleaned_data["item"]).first()
        try:
            if item is None:
                raise Http404("Fant ikke saken.")
            services.recusal_declare(actor=request.user, item=item, reason=form.cleaned_data["reason"])
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Meldingen om mulig inhabilitet i {item.label} er sendt. Organet avgjør "
                                      "habiliteten i møtet.")
            return redirect("members:meeting", pk=meeting.pk)
    return render(request, "members/meeting.html", _meeting_context(request, person, meeting, recusal_form=form),
                  status=400)


@login_required
@require_POST
def question(request, pk: int):
    person, meeting = _my_meeting(request, pk)
    try:
        meeting_services.question_require_asker(request.user, meeting)
    except WorkflowError as exc:
        raise PermissionDenied(exc.message) from None
    form = QuestionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            # The meetings app's service, with the reglement's deadlines (koml. § 5-13).
            q = meeting_services.question_submit(actor=request.user, meeting=meeting, kind=data["kind"],
                                                 title=data["title"], text=data["text"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{q.get_kind_display()} «{q.title}» er levert.")
            return redirect("members:meeting", pk=meeting.pk)
    return render(request, "members/meeting.html", _meeting_context(request, person, meeting, question_form=form),
                  status=400)


# --- papers, notes and highlights --------------------------------------------------------------------------------


def _paper_case(request, pk: int) -> Case:
    _person(request)
    case = get_object_or_404(Case.objects.select_related("paper"), pk=pk)
    if not access.can_view_case(request.user, case):
        raise Http404("Fant ikke saken.")
    return case


@login_required
def paper(request, pk: int):
    case = _paper_case(request, pk)
    return render(request, "members/paper.html", {"case": case, "paper": selectors.paper_for(request.user, case),
                                                  "form": NoteForm()})


@login_required
@require_POST
def note_add(request, pk: int):
    case = _paper_case(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(actor=request.user, case=case, **form.cleaned_data)
        except WorkflowError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "Notatet er lagret. Bare du kan se det.")
            return redirect("members:paper", pk=case.pk)
    return render(request, "members/paper.html", {"case": case, "paper": selectors.paper_for(request.user, case),
                                                  "form": form}, status=400)


@login_required
@require_POST
def note_delete(request, pk: int):
    _person(request)
    note = get_object_or_404(PaperNote, pk=pk, user=request.user)  # another user's note does not exist for you
    services.note_delete(actor=request.user, note=note)
    messages.success(request, "Notatet er slettet.")
    return redirect("members:paper", pk=note.case_id)


@login_required
def notes(request):
    _person(request)
    rows = [{"note": n, "title": access.case_title_for(request.user, n.case)} for n in selectors.notes_of(request.user)]
    return render(request, "members/notes.html", {"rows": rows})


# --- permisjon and fritak ----------------------------------------------------------------------------------------


@login_required
def leave_list(request):
    person = _person(request)
    form = LeaveForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            leave.leave_apply(actor=request.user, person=data["person"] or person, kind=data["kind"],
                              start_date=data["start_date"], end_date=data["end_date"], ground=data["ground"],
                              membership=data["membership"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Søknaden er sendt til politisk sekretariat.")
            return redirect("members:leave")
    return render(request, "members/leave.html", {
        "form": form, "applications": [(a, leave.leave_status(a), a.state in OPEN_STATES)
                                       for a in selectors.leave_applications_of(person)],
    }, status=400 if form.errors else 200)


class _WithdrawForm(InputRulesMixin, forms.Form):
    """The applicant's withdraw route takes that one step only."""

    transition = forms.ChoiceField(choices=[("withdraw", "Trekk søknaden")])


@login_required
@require_POST
def leave_withdraw(request, pk: int):
    """The applicant withdraws her own application: this route takes that step only (the others are the
    secretariat's, on its own pages)."""
    person = _person(request)
    application = get_object_or_404(LeaveApplication, pk=pk, person=person)
    if not _WithdrawForm(request.POST).is_valid():
        messages.error(request, "Her kan du bare trekke søknaden din.")
    else:
        staff_transition(request, application, noun="Søknaden")
    return redirect("members:leave")
