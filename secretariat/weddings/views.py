"""Weddings: the public booking form, and the secretariat's list, detail, register and report pages.

The staff pages hold the couple's personal data: only those `secretariat.access` lets handle weddings
(`access.weddings_page`, asked before any input is read)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from document_templates.http import docx_response
from secretariat import access
from secretariat.api.transitions import staff_transition
from secretariat.common.forms import StepForm
from secretariat.common.ratelimit import honeypot_filled, rate_limited
from secretariat.common.views import add_validation_errors
from workflows.engine import available_transitions
from workflows.errors import WorkflowError
from workflows.models import AuditEntry
from workflows.wedding import WeddingState

from . import selectors, services
from .forms import BookingForm, ConfirmForm, DetailsForm, ReportForm
from .models import Officiant, Wedding, WeddingReport, WeddingSettings

# --- public -----------------------------------------------------------------------------------------

@rate_limited("wedding-booking")
def book(request):
    """Public: a couple asks for a free slot (no log-in). The slot is held until they confirm from the e-mail."""
    conf = WeddingSettings.current()
    slots = services.available_slots()
    form = BookingForm(request.POST or None, slots=slots)
    if request.method == "POST" and honeypot_filled(form):
        return redirect("weddings:booked")  # a bot: the usual answer, nothing saved
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            wedding = services.wedding_request(
                slot_key=data["slot"], partner1_name=data["partner1_name"], partner2_name=data["partner2_name"],
                email=data["email"], phone=data["phone"], residence=data["residence"], language=data["language"],
                guests=data["guests"], message=data["message"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            request.session["wedding_booked"] = wedding.pk
            return redirect("weddings:booked")
    status = 400 if request.method == "POST" else 200
    return render(request, "weddings/book.html", {"form": form, "conf": conf, "has_slots": bool(slots)},
                  status=status)


def booked(request):
    wedding = Wedding.objects.filter(pk=request.session.get("wedding_booked") or 0).select_related("place").first()
    return render(request, "weddings/booked.html", {"wedding": wedding, "conf": WeddingSettings.current(),
                                                    "hold_minutes": settings.WEDDING_HOLD_MINUTES})


def book_confirm(request, token: str):
    """Public: the link in the e-mail confirms the booking; a made-up or expired link finds no booking (404)."""
    try:
        wedding = services.confirm_booking(token)
    except services.BookingLinkInvalid as invalid:
        return render(request, "weddings/book_confirmed.html", {"error": str(invalid)}, status=404)
    return render(request, "weddings/book_confirmed.html", {"wedding": wedding, "conf": WeddingSettings.current()})


# --- staff --------------------------------------------------------------------------------------------

def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@access.weddings_page
def wedding_list(request):
    filters = {k: request.GET.get(k, "").strip() for k in ("state", "officiant", "fra", "til")}
    weddings = selectors.weddings_list(state=filters["state"], officiant=filters["officiant"],
                                       period_start=_date(filters["fra"]), period_end=_date(filters["til"]))[:300]
    today = timezone.localdate()
    awaiting = selectors.weddings_awaiting_notice()
    return render(request, "weddings/list.html", {
        "weddings": weddings, "filters": filters, "states": WeddingState.choices, "today": today,
        "officiants": Officiant.objects.select_related("person"),
        "awaiting": [(w, w.notice_overdue(today)) for w in awaiting],
    })


@access.weddings_page
def wedding_detail(request, pk: int):
    wedding = get_object_or_404(Wedding.objects.select_related("place", "officiant__person"), pk=pk)
    transitions = available_transitions(wedding, request.user)
    details_form = DetailsForm(initial={name: getattr(wedding, name) for name in DetailsForm.base_fields})
    confirm_form = ConfirmForm(wedding=wedding, initial={"date": wedding.date, "start_time": wedding.start_time,
                                                         "place": wedding.place, "officiant": wedding.officiant})
    return render(request, "weddings/detail.html", {
        "wedding": wedding, "transitions": transitions, "details_form": details_form, "confirm_form": confirm_form,
        "editable": wedding.state in services.EDITABLE_STATES,
        "attest_problem": wedding.attest_problem(), "witness_problem": wedding.witness_problem(),
        "history": AuditEntry.for_object(wedding), "today": timezone.localdate(),
    })


@access.weddings_page
@require_POST
def wedding_edit(request, pk: int):
    wedding = get_object_or_404(Wedding, pk=pk)
    form = DetailsForm(request.POST)
    if form.is_valid():
        try:
            services.wedding_update(wedding=wedding, actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except WorkflowError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Attest og vitner er lagret.")
    else:
        messages.error(request, form.error_text())
    return redirect("weddings:detail", pk=wedding.pk)


@access.weddings_page
@require_POST
def wedding_transition(request, pk: int):
    wedding = get_object_or_404(Wedding, pk=pk)
    step = StepForm(request.POST)
    if step.is_valid() and step.cleaned_data["transition"] == "confirm":
        # Offer only officiants authorised on the day (el. § 12 b); the handler checks it again.
        form = ConfirmForm(request.POST, wedding=wedding)
        if not form.is_valid():
            messages.error(request, form.error_text())
            return redirect("weddings:detail", pk=wedding.pk)
    staff_transition(request, wedding, noun="vielsen")
    return redirect("weddings:detail", pk=wedding.pk)


@access.weddings_page
def officiant_list(request):
    today = timezone.localdate()
    officiants = Officiant.objects.select_related("person")
    return render(request, "weddings/officiants.html", {
        "rows": [(o, o.authorised_on(today), o.why_not_authorised_on(today)) for o in officiants], "today": today,
        "conf": WeddingSettings.current(),
    })


@access.weddings_page
def report(request):
    today = timezone.localdate()
    initial = {"period_start": today.replace(month=1, day=1), "period_end": today.replace(month=12, day=31)}
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.wedding_report_create(actor=request.user, **form.cleaned_data)
        except (ValidationError, WorkflowError) as exc:
            messages.error(request, getattr(exc, "message", None) or " ".join(exc.messages))
        else:
            return redirect("weddings:report_detail", pk=created.pk)
    return render(request, "weddings/report_form.html", {
        "form": form, "reports": WeddingReport.objects.select_related("officiant__person")[:20]})


@access.weddings_page
def report_detail(request, pk: int):
    obj = get_object_or_404(WeddingReport, pk=pk)
    return render(request, "weddings/report.html", {"report": obj, "data": selectors.report_data(obj)})


@access.weddings_page
def report_docx(request, pk: int):
    obj = get_object_or_404(WeddingReport, pk=pk)
    from document_templates.registry import DocumentError, generate

    try:
        doc = generate("vielsesrapport", obj, actor=request.user)
    except DocumentError as exc:
        messages.error(request, exc.message)
        return redirect("weddings:report_detail", pk=obj.pk)
    return docx_response(doc.content, doc.filename)
