"""Staff UI for vedtaksoppfølging, and the public page of a status report. Thin views."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from document_templates.http import docx_response
from secretariat import access
from secretariat.accounts.roles import is_staff_member
from secretariat.api.transitions import staff_transition
from secretariat.common.forms import error_text
from secretariat.common.views import add_validation_errors, staff_required
from secretariat.meetings.models import Decision
from secretariat.organizations.models import AdministrativeUnit, LegislativeTerm, Organization
from workflows.engine import available_transitions
from workflows.errors import WorkflowError
from workflows.models import AuditEntry

from . import selectors, services
from .forms import FollowUpForm, LegalityDemandForm, LegalityOutcomeForm, NoteForm, PostponeForm, ReportForm
from .models import FollowUp, FollowUpReport, LegalityReviewDemand


def _may_see(user, decision) -> bool:
    """The decision text and the follow-up's content: the case's content by the access policy (not for an exempt
    case, or one treated behind closed doors, unless this person may read its protected content)."""
    return access.can_view_case_content(user, decision.consultation.case)


def _withheld_marking(user, decision) -> str:
    return "" if _may_see(user, decision) else access.case_content_withheld_marking(decision.consultation.case)


@login_required
def dashboard(request):
    staff_required(request.user)
    filters = {k: request.GET.get(k, "").strip() for k in ("organization", "unit", "term", "status", "person")}
    qs = selectors.followups_list(**filters)
    # A page at a time: open follow-ups pile up over the years.
    page = selectors.followups_page(qs, request.GET.get("side"))
    rows = [(f, selectors.decision_title(f.decision, request.user)) for f in page.object_list]
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "followups/dashboard.html", {
        "rows": rows,
        "page": page,
        "page_query": query.urlencode(),
        "counts": selectors.followup_counts(qs),
        "filters": filters,
        "status_choices": selectors.STATUS_FILTERS,
        "organizations": Organization.objects.filter(is_active=True),
        "units": AdministrativeUnit.objects.all(),
        "terms": LegislativeTerm.objects.all(),
        "can_create": access.can_manage_followups(request.user),
        "today": timezone.localdate(),
    })


@login_required
def create(request):
    staff_required(request.user)
    if not access.can_manage_followups(request.user):
        raise PermissionDenied("Bare politisk sekretariat (fagleder) og kommunedirektøren kan opprette oppfølginger.")
    initial = {}
    if request.GET.get("decision", "").isdigit():
        initial["decision"] = int(request.GET["decision"])
    form = FollowUpForm(request.POST or None, initial=initial)
    past_warning = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            followup = services.followup_create(actor=request.user, **data)
        except ValidationError as exc:
            if getattr(exc, "error_dict", None) and "deadline" in exc.error_dict and data["deadline"] < timezone.localdate():
                past_warning = services.past_deadline_warning(data["deadline"])
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "Oppfølgingen er opprettet.")
            return redirect("followups:detail", pk=followup.pk)
    return render(request, "followups/form.html", {"form": form, "past_warning": past_warning})


@login_required
def detail(request, pk: int):
    staff_required(request.user)
    return _detail_page(request, pk)


def _detail_page(request, pk: int, *, note_form: NoteForm | None = None, status: int = 200):
    """The follow-up's page; after a refused status note, with the note's text and message kept."""
    followup = get_object_or_404(selectors.followups_base(), pk=pk)
    decision = followup.decision
    return render(request, "followups/detail.html", {
        "f": followup,
        "title": selectors.decision_title(decision, request.user),
        "show_exempt": _may_see(request.user, decision),
        "legality": selectors.legality_info(decision),
        # "Ikke gjennomført" last: the ordinary way forward comes first.
        "transitions": sorted(available_transitions(followup, request.user), key=lambda t: t.name == "abandon"),
        "can_note": services.can_post_note(followup=followup, user=request.user),
        "note_form": note_form or NoteForm(),
        "notes": followup.notes.select_related("author").order_by("-created_at", "-pk"),
        "history": AuditEntry.for_object(followup).order_by("-at", "-pk"),
    }, status=status)


@login_required
@require_POST
def transition(request, pk: int):
    followup = get_object_or_404(FollowUp, pk=pk)
    staff_transition(request, followup, noun="oppfølgingen")
    return redirect("followups:detail", pk=pk)


@login_required
@require_POST
def note(request, pk: int):
    staff_required(request.user)
    followup = get_object_or_404(FollowUp, pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.followup_note_add(followup=followup, actor=request.user, text=form.cleaned_data["text"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            messages.error(request, exc.message)
            return redirect("followups:detail", pk=pk)
        else:
            messages.success(request, "Statusmeldingen er lagret.")
            return redirect("followups:detail", pk=pk)
    return _detail_page(request, pk, note_form=form, status=400)


@login_required
def decision_detail(request, pk: int):
    """A decision's lovlighetskontroll clock, demands and follow-ups."""
    staff_required(request.user)
    decision = get_object_or_404(
        Decision.objects.select_related("consultation__case", "consultation__organization", "agenda_item")
        .prefetch_related("legality_demands__signers__person"), pk=pk)
    title = selectors.decision_title(decision, request.user)
    return render(request, "followups/decision.html", {
        "decision": decision,
        "title": title,
        "show_exempt": _may_see(request.user, decision),
        "withheld_marking": _withheld_marking(request.user, decision),
        "legality": selectors.legality_info(decision),
        "followups": selectors.followups_base().filter(decision=decision).order_by("deadline", "pk"),
        "is_final": services.decision_is_final(decision),
        "can_manage": access.can_manage_followups(request.user),
        "demand_form": LegalityDemandForm(),
        "postpone_form": PostponeForm(),
    })


@login_required
@require_POST
def legality_register(request, pk: int):
    decision = get_object_or_404(Decision, pk=pk)
    if not access.can_manage_followups(request.user):
        raise PermissionDenied("Bare politisk sekretariat og kommunedirektøren kan registrere krav om "
                               "lovlighetskontroll.")
    form = LegalityDemandForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.error_text())
        return redirect("followups:decision", pk=pk)
    data = form.cleaned_data
    try:
        services.legality_demand_register(actor=request.user, decision=decision, signers=list(data["signers"]),
                                          note=data["note"], registered_at=data["received_on"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Kravet om lovlighetskontroll er registrert. Det stanser ikke iverksettingen av seg "
                                  "selv: registrer en eventuell beslutning om utsatt iverksetting.")
    return redirect("followups:decision", pk=pk)


@login_required
@require_POST
def legality_postpone(request, pk: int):
    """Utsatt iverksetting (koml. § 27-1, jf. fvl. § 42): a recorded decision by the body or the one with authority."""
    demand = get_object_or_404(LegalityReviewDemand, pk=pk)
    if not access.can_manage_followups(request.user):
        raise PermissionDenied("Bare politisk sekretariat og kommunedirektøren kan registrere utsatt iverksetting.")
    form = PostponeForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("followups:decision", pk=demand.decision_id)
    try:
        services.legality_implementation_postpone(actor=request.user, demand=demand, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Utsatt iverksetting er registrert. Oppfølgingen av vedtaket står i bero til kravet "
                                  "er avgjort.")
    return redirect("followups:decision", pk=demand.decision_id)


@login_required
@require_POST
def legality_resolve(request, pk: int):
    demand = get_object_or_404(LegalityReviewDemand, pk=pk)
    form = LegalityOutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.error_text())
        return redirect("followups:decision", pk=demand.decision_id)
    try:
        services.legality_demand_resolve(actor=request.user, demand=demand, outcome=form.cleaned_data["outcome"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Utfallet er registrert. Oppfølgingen kan fortsette.")
    return redirect("followups:decision", pk=demand.decision_id)


# --- status reports ----------------------------------------------------------------------------------

def _half_year(today: dt.date) -> tuple[dt.date, dt.date]:
    if today.month <= 6:
        return dt.date(today.year, 1, 1), dt.date(today.year, 6, 30)
    return dt.date(today.year, 7, 1), dt.date(today.year, 12, 31)


@login_required
def reports(request):
    staff_required(request.user)
    start, end = _half_year(timezone.localdate())
    form = ReportForm(request.POST or None, initial={"period_start": start, "period_end": end,
                                                      "organization": Organization.objects.filter(
                                                          slug="kommunestyret").first()})
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("followups:report", pk=report.pk)
    return render(request, "followups/reports.html", {
        "form": form, "reports": selectors.reports_list()[:50],
        "can_create": access.can_manage_followups(request.user),
    })


@login_required
def report(request, pk: int):
    staff_required(request.user)
    report = get_object_or_404(FollowUpReport.objects.select_related("organization"), pk=pk)
    return render(request, "followups/report.html", {
        "report": report, "entries": selectors.report_entries(report, public=False, user=request.user),
        "public": False,
    })


def report_public(request, pk: int):
    """The public version (no login): exempt cases by public title only, no exempt or closed content."""
    report = get_object_or_404(FollowUpReport.objects.select_related("organization"), pk=pk)
    return render(request, "followups/report_public.html", {
        "report": report, "entries": selectors.report_entries(report, public=True), "public": True,
    })


def report_docx(request, pk: int):
    """The .docx. Staff may have the internal version; everyone else gets the public one."""
    report = get_object_or_404(FollowUpReport, pk=pk)
    # The internal .docx holds every case complete: the access policy says who may have it.
    public = request.GET.get("offentlig") == "1" or not access.can_view_document(
        request.user, "oppfolgingsrapport", report, public=False)
    from .documents import render_report

    maalform = request.GET.get("maalform") or None
    if maalform not in (None, "nb", "nn"):
        raise Http404("Ukjent målform.")
    from document_templates.registry import DocumentError

    try:
        content = render_report(report, public=public, maalform=maalform,
                                actor=request.user if request.user.is_authenticated else None)
    except DocumentError as exc:
        if is_staff_member(request.user):
            messages.error(request, exc.message)
            return redirect("followups:report", pk=report.pk)
        raise Http404(exc.message) from exc
    suffix = "-offentlig" if public else ""
    return docx_response(content, f"oppfolgingsrapport-{report.organization.slug}-{report.period_end:%Y-%m-%d}{suffix}.docx")
