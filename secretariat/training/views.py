"""Folkevalgtopplæring pages (/intern/opplaering/): courses, sessions and materials for everyone logged in who works
with the kommune's politics; planning and attendance for the secretariat; registration for the member herself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from document_templates.http import user_file_response
from secretariat import access
from secretariat.accounts.roles import is_staff_member
from secretariat.common.forms import error_text
from secretariat.common.views import add_validation_errors
from workflows.errors import WorkflowError

from . import selectors, services
from .forms import AttendanceForm, CourseForm, MaterialForm, SessionForm
from .models import Course, Material, TrainingSession


def _reader(user) -> None:
    if not (is_staff_member(user) or access.is_folkevalgt(user)):
        raise PermissionDenied("Opplæringen er for folkevalgte og kommunens ansatte.")


def _secretariat(user) -> None:
    access.require_secretariat(user, "Bare politisk sekretariat kan planlegge opplæringen.")


def _person(user):
    return getattr(user, "person", None) if access.is_folkevalgt(user) else None


@login_required
@require_safe
def course_list(request):
    _reader(request.user)
    person = _person(request.user)
    mine = []
    if person is not None:
        mine = [(s, selectors.registration_of(person, s)) for s in selectors.sessions_for_person(person)]
    return render(request, "training/list.html", {"courses": selectors.courses_list(), "mine": mine,
                                                  "secretariat": access.is_secretariat(request.user)})


@login_required
@require_safe
def plan(request):
    _reader(request.user)
    return render(request, "training/plan.html", selectors.term_plan())


@login_required
def course_create(request):
    _secretariat(request.user)
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data.get(name) for name in form.Meta.fields}
        try:
            course = services.course_create(actor=request.user, data=data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Kurset «{course.title}» er opprettet. Legg til kursdager.")
            return redirect("training:course", pk=course.pk)
    return render(request, "training/form.html", {"form": form, "heading": "Nytt opplæringskurs"},
                  status=400 if form.errors else 200)


@login_required
@require_safe
def course_detail(request, pk: int):
    _reader(request.user)
    course = get_object_or_404(Course.objects.select_related("term", "organization"), pk=pk)
    return _course_page(request, course)


def _course_page(request, course, *, session_form=None, material_form=None, status=200):
    secretariat = access.is_secretariat(request.user)
    person = _person(request.user)
    sessions = []
    for session in course.sessions.all():
        row = {"session": session, "registration": selectors.registration_of(person, session),
               "invited": person is not None and selectors.is_invited(person, session)}
        if secretariat:
            row["registrations"] = session.registrations.select_related("person")
            row["attendance_form"] = AttendanceForm(session=session, prefix=f"s{session.pk}")
        sessions.append(row)
    return render(request, "training/course.html", {
        "course": course, "sessions": sessions, "materials": course.materials.all(), "secretariat": secretariat,
        "session_form": session_form or SessionForm(), "material_form": material_form or MaterialForm(),
    }, status=status)


@login_required
@require_POST
def session_add(request, pk: int):
    _secretariat(request.user)
    course = get_object_or_404(Course, pk=pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.session_add(actor=request.user, course=course, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Kursdagen er lagt til og står i de inviterte sine kalendere.")
            return redirect("training:course", pk=course.pk)
    return _course_page(request, course, session_form=form, status=400)


@login_required
@require_POST
def material_add(request, pk: int):
    _secretariat(request.user)
    course = get_object_or_404(Course, pk=pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.material_add(actor=request.user, course=course, title=form.cleaned_data.get("title") or "",
                                  upload=form.cleaned_data["file"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Kursmateriellet er lastet opp.")
            return redirect("training:course", pk=course.pk)
    return _course_page(request, course, material_form=form, status=400)


@login_required
@require_safe
def material_download(request, pk: int):
    _reader(request.user)
    material = get_object_or_404(Material, pk=pk)
    return user_file_response(material.file)


def _registration_step(request, session, step, done: str):
    """Sign up for or off a session: the service decides; a refusal of this person is a 403, others a message."""
    try:
        step(actor=request.user, session=session)
    except WorkflowError as exc:
        if exc.status_code == 403:
            raise PermissionDenied(exc.message) from exc
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("training:course", pk=session.course_id)


@login_required
@require_POST
def register(request, pk: int):
    session = get_object_or_404(TrainingSession.objects.select_related("course"), pk=pk)
    return _registration_step(request, session, services.registration_add, "Du er påmeldt.")


@login_required
@require_POST
def unregister(request, pk: int):
    session = get_object_or_404(TrainingSession, pk=pk)
    return _registration_step(request, session, services.registration_cancel, "Du er meldt av.")


@login_required
@require_POST
def attendance(request, pk: int):
    _secretariat(request.user)
    session = get_object_or_404(TrainingSession, pk=pk)
    form = AttendanceForm(request.POST, session=session, prefix=f"s{session.pk}")
    if not form.is_valid():
        messages.error(request, error_text(form))
    else:
        try:
            n = services.attendance_set(actor=request.user, session=session, persons=form.cleaned_data["persons"])
        except WorkflowError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Oppmøtet er ført: {n} møtte.")
    return redirect("training:course", pk=session.course_id)
