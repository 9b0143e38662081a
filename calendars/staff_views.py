"""Staff pages under /intern/kalender/: meeting plans, CalDAV sync status, personal calendar links."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from document_templates.http import docx_response
from secretariat import access
from secretariat.common.forms import ActionForm
from secretariat.common.views import add_validation_errors
from secretariat.organizations.models import Body, Membership, Person

from . import caldav_sync, selectors, services
from .forms import DateForm, PlanForm, SchoolHolidayDeleteForm, SchoolHolidayForm
from .models import MeetingPlan, PlannedMeeting, SchoolHoliday, SyncStatus

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]


def _fagleder_required(user) -> None:
    access.require_secretariat(user, "Bare politisk sekretariat har tilgang til dette.")


def _staff_required(user) -> None:
    if not access.is_staff(user):  # the fagleder is staff
        raise PermissionDenied("Bare ansatte har tilgang til dette.")


def _error_messages(request, exc: ValidationError) -> None:
    if hasattr(exc, "message_dict"):
        for msgs in exc.message_dict.values():
            for msg in msgs:
                messages.error(request, msg)
    else:
        for msg in exc.messages:
            messages.error(request, msg)


def feed_links(request, path: str) -> dict:
    https = request.build_absolute_uri(path)
    webcal = "webcal://" + https.split("://", 1)[1]
    return {"https": https, "webcal": webcal}


@login_required
def plans(request):
    # Meeting plans are public information: every logged-in user may read them; only fagleder changes them.
    form = PlanForm()
    if request.method == "POST":
        _fagleder_required(request.user)
        form = PlanForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan = services.plan_generate(
                    actor=request.user, organization=data["organization"], year=data["year"],
                    weekday=data["weekday"], interval_weeks=data["interval_weeks"], start_time=data["start_time"],
                    first_date=data["first_date"], last_date=data["last_date"],
                    duration_minutes=data["duration_minutes"], skip_dates=data["skip_dates"],
                    location=data["location"], skip_public_holidays=data["skip_public_holidays"],
                    skip_school_holidays=data["skip_school_holidays"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc.messages)
            else:
                messages.success(request, f"Utkast til {plan} er laget. Juster datoene og publiser.")
                for warning in selectors.plan_warnings(plan):
                    messages.warning(request, warning)
                return redirect("calendars_staff:plan", pk=plan.pk)
        return render(request, "calendars/plans.html", _plans_context(request, form), status=400)
    return render(request, "calendars/plans.html", _plans_context(request, form))


def _plans_context(request, form) -> dict:
    from secretariat.organizations.models import Organization

    return {
        "form": form,
        "plans": [(plan, selectors.plan_warnings(plan)) for plan in selectors.plans_overview()],
        "is_fagleder": access.is_secretariat(request.user),
        "public_feed": feed_links(request, reverse("calendars:public")),
        "organization_feeds": [(o, feed_links(request, reverse("calendars:organization", args=[o.slug])))
                               for o in Organization.objects.filter(is_active=True)],
        "sync_status": SyncStatus.objects.filter(key="caldav").first(),
        "caldav_configured": caldav_sync.is_configured(),
        "own_person": getattr(request.user, "person", None),
    }


def _month_grid(plan: MeetingPlan) -> list[dict]:
    dates = list(plan.dates.order_by("date", "start_time"))
    by_day: dict[dt.date, list[PlannedMeeting]] = {}
    for d in dates:
        by_day.setdefault(d.date, []).append(d)
    years = sorted({d.date.year for d in dates} | {plan.year})
    months = []
    for year in years:
        for month in range(1, 13):
            weeks = []
            for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
                weeks.append([{"day": day, "in_month": day.month == month, "entries": by_day.get(day, [])}
                              for day in week])
            count = sum(1 for d in dates if d.date.year == year and d.date.month == month and not d.skipped_reason)
            if year == plan.year or count:
                months.append({"label": f"{MONTHS[month - 1]} {year}", "weeks": weeks, "count": count})
    return months


@login_required
def plan_detail(request, pk: int):
    plan = get_object_or_404(MeetingPlan.objects.select_related("organization", "rule"), pk=pk)
    dates = list(plan.dates.select_related("meeting").order_by("date", "start_time"))
    return render(request, "calendars/plan_detail.html", {
        "plan": plan,
        "dates": dates,
        "months": _month_grid(plan),
        "meeting_count": sum(1 for d in dates if not d.skipped_reason),
        "warnings": selectors.plan_warnings(plan),
        "is_fagleder": access.is_secretariat(request.user),
        "date_form": DateForm(),
        "school_holidays": SchoolHoliday.objects.filter(body=plan.organization.body),
    })


@login_required
@require_POST
def plan_date_action(request, pk: int, date_pk: int):
    _fagleder_required(request.user)
    planned = get_object_or_404(PlannedMeeting, pk=date_pk, plan_id=pk)
    chosen = ActionForm(request.POST, actions=("delete", "move"))
    if not chosen.is_valid():
        messages.error(request, chosen.error_text())
        return redirect("calendars_staff:plan", pk=pk)
    action = chosen.cleaned_data["action"]
    try:
        if action == "delete":
            services.plan_date_delete(actor=request.user, planned=planned)
            messages.success(request, f"{planned.date:%d.%m.%Y} er fjernet fra utkastet.")
        elif action == "move":
            form = DateForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Oppgi en gyldig dato (og eventuelt klokkeslett) for å flytte møtet. "
                               + form.error_text())
            else:
                services.plan_date_move(actor=request.user, planned=planned, date=form.cleaned_data["date"],
                                        start_time=form.cleaned_data.get("start_time"))
                messages.success(request, f"Møtet er flyttet til {form.cleaned_data['date']:%d.%m.%Y}.")
    except ValidationError as exc:
        _error_messages(request, exc)
    return redirect("calendars_staff:plan", pk=pk)


@login_required
@require_POST
def plan_date_add(request, pk: int):
    _fagleder_required(request.user)
    plan = get_object_or_404(MeetingPlan, pk=pk)
    form = DateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Oppgi en gyldig dato for det nye møtet. " + form.error_text())
        return redirect("calendars_staff:plan", pk=pk)
    try:
        services.plan_date_add(actor=request.user, plan=plan, date=form.cleaned_data["date"],
                               start_time=form.cleaned_data.get("start_time"))
        messages.success(request, f"{form.cleaned_data['date']:%d.%m.%Y} er lagt til.")
    except ValidationError as exc:
        _error_messages(request, exc)
    return redirect("calendars_staff:plan", pk=pk)


@login_required
@require_POST
def plan_publish(request, pk: int):
    _fagleder_required(request.user)
    plan = get_object_or_404(MeetingPlan, pk=pk)
    try:
        meetings = services.plan_publish(actor=request.user, plan=plan)
    except ValidationError as exc:
        _error_messages(request, exc)
    else:
        messages.success(request, f"Møteplanen er publisert: {len(meetings)} møter er opprettet.")
    return redirect("calendars_staff:plan", pk=pk)


@login_required
def plan_docx(request, pk: int):
    _staff_required(request.user)
    plan = get_object_or_404(MeetingPlan.objects.select_related("organization"), pk=pk)
    from document_templates.registry import render as render_document

    data = render_document("moteplan", plan)
    return docx_response(data, f"moteplan-{plan.organization.slug}-{plan.year}.docx")


@login_required
def school_holidays(request):
    _staff_required(request.user)
    body = Body.current()
    form = SchoolHolidayForm()
    if request.method == "POST":
        _fagleder_required(request.user)
        removal = SchoolHolidayDeleteForm(request.POST, body=body)
        if removal.wants_delete:
            if removal.is_valid():
                services.school_holiday_delete(actor=request.user, pk=removal.cleaned_data["delete"].pk)
                messages.success(request, "Skoleferien er fjernet.")
            else:
                messages.error(request, removal.error_text())
            return redirect("calendars_staff:school_holidays")
        form = SchoolHolidayForm(request.POST)
        if form.is_valid() and body is not None:
            try:
                services.school_holiday_add(actor=request.user, body=body, **form.cleaned_data)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, f"{form.cleaned_data['name']} er lagt inn.")
                return redirect("calendars_staff:school_holidays")
    return render(request, "calendars/school_holidays.html", {
        "form": form, "holidays": SchoolHoliday.objects.filter(body=body) if body else [],
        "is_fagleder": access.is_secretariat(request.user),
    }, status=400 if form.errors else 200)


@login_required
def sync_status(request):
    _staff_required(request.user)
    if request.method == "POST":
        _fagleder_required(request.user)
        try:
            report = caldav_sync.reconcile()
        except caldav_sync.CalDAVError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Kalenderserveren er oppdatert: {report}.")
        return redirect("calendars_staff:sync")
    status = SyncStatus.objects.filter(key="caldav").first()
    return render(request, "calendars/sync_status.html", {
        "status": status,
        "configured": caldav_sync.is_configured(),
        "caldav_url": caldav_sync.server_label(),
        "pending": caldav_sync.pending_count(),
        "is_fagleder": access.is_secretariat(request.user),
    })


@login_required
def people(request):
    _fagleder_required(request.user)
    ids = Membership.objects.values_list("person_id", flat=True)
    persons = Person.objects.filter(pk__in=ids).order_by("family_name", "given_name")
    return render(request, "calendars/people.html", {"persons": persons})


@login_required
def my_calendar(request):
    person = getattr(request.user, "person", None)
    if person is None:
        messages.info(request, "Brukeren din er ikke knyttet til en folkevalgt, så du har ingen personlig møtekalender."
                      + (" Her er kalenderlenkene til de folkevalgte." if access.is_secretariat(request.user) else ""))
        return redirect("calendars_staff:people" if access.is_secretariat(request.user) else "calendars_staff:plans")
    return redirect("calendars_staff:person", pk=person.pk)


@login_required
def person_calendar(request, pk: int):
    person = get_object_or_404(Person, pk=pk)
    if not services.can_manage_token(request.user, person):
        raise PermissionDenied("Du kan bare se din egen kalenderlenke.")
    if request.method == "POST":
        chosen = ActionForm(request.POST, actions=("rotate", "revoke"), default="rotate")
        if not chosen.is_valid():
            messages.error(request, chosen.error_text())
            return redirect("calendars_staff:person", pk=person.pk)
        if chosen.cleaned_data["action"] == "revoke":
            services.token_revoke(person=person, actor=request.user)
            messages.success(request, "Kalenderlenken er trukket tilbake. Den gamle adressen virker ikke lenger.")
        else:
            services.token_rotate(person=person, actor=request.user)
            messages.success(request, "Ny kalenderlenke er laget. Den gamle adressen virker ikke lenger; "
                                      "legg inn den nye i kalenderappen.")
        return redirect("calendars_staff:person", pk=person.pk)
    token = selectors.active_token(person)
    links = feed_links(request, reverse("calendars:personal", args=[token.token])) if token else None
    return render(request, "calendars/person.html", {
        "person": person, "token": token, "links": links,
        "memberships": Membership.objects.filter(person=person, end_date__isnull=True).select_related("organization"),
    })
