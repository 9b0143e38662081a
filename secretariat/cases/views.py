"""Staff UI for cases: thin views that parse input, call one service or selector, and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from secretariat import access
from secretariat.accounts.roles import Role, is_staff_member
from secretariat.api.transitions import staff_transition
from secretariat.common.views import add_validation_errors, staff_required
from secretariat.meetings.models import Meeting
from secretariat.organizations.models import Organization
from workflows.case import CaseState
from workflows.engine import available_transitions
from workflows.errors import WorkflowError
from workflows.meeting import MEETING_WORKFLOW

from . import selectors, services
from .forms import CaseForm
from .models import Case

# The list shows no paper text: leave it in the database.
_PAPER_TEXT = [f"paper__{name}" for name in ("summary", "background", "assessment", "economic_consequences",
                                            "recommendation")]


@login_required
def case_list(request):
    filters = {k: request.GET.get(k, "").strip() for k in ("state", "organization", "case_officer", "q")}
    # A page at a time: the list grows with every year of cases.
    page = Paginator(selectors.cases_list(user=request.user, **filters).defer(*_PAPER_TEXT), 50).get_page(
        request.GET.get("side"))
    rows = [(case, access.case_title_for(request.user, case)) for case in page.object_list]
    query = request.GET.copy()
    query.pop("side", None)
    from django.contrib.auth import get_user_model

    officers = get_user_model().objects.filter(groups__name=Role.SAKSBEHANDLER.value).order_by("username")
    return render(request, "cases/list.html", {
        "rows": rows, "page": page, "page_query": query.urlencode(), "filters": filters, "states": CaseState.choices,
        "organizations": Organization.objects.filter(is_active=True), "officers": officers,
        "can_create": access.can_create_cases(request.user),
    })


@login_required
def case_create(request):
    staff_required(request.user)
    if not access.can_create_cases(request.user):
        raise PermissionDenied("Bare saksbehandlere og politisk sekretariat kan opprette saker.")
    form = CaseForm(request.POST or None, case=None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_create(actor=request.user, **data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Saken {case.arkivsaksnummer or case.title} er opprettet.")
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/form.html", {"form": form, "creating": True})


@login_required
def case_edit(request, pk: int):
    staff_required(request.user)  # folkevalgte never edit a case: 403, not a redirect
    case = get_object_or_404(Case.objects.select_related("paper"), pk=pk)
    if not services.case_can_edit(case=case, user=request.user):
        if case.state in services.EDITABLE_STATES:
            # The case may be edited now, only not by this person (another saksbehandler, the kommunedirektør).
            raise PermissionDenied("Du kan bare endre dine egne saker.")
        messages.error(request, "Du kan ikke endre denne saken nå (bare egne saker under utredning).")
        return redirect("cases:detail", pk=case.pk)
    first = case.consultations.order_by("sequence").first()
    initial = {
        "arkivsaksnummer": case.arkivsaksnummer, "title": case.title, "public_title": case.public_title,
        "exempt": case.exempt, "exempt_basis": case.exempt_basis, "case_officer": case.case_officer,
        "responsible_unit": case.responsible_unit, "organization": first.organization if first else None,
        **{name: getattr(case.paper, name) for name in services.PAPER_FIELDS if name != "exempt_sections"},
    }
    form = CaseForm(request.POST or None, initial=initial, case=case)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["case_officer"] = data["case_officer"] or case.case_officer
        try:
            services.case_update(case=case, actor=request.user, data=data)
        except ValidationError as exc:
            case.refresh_from_db()
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Endringene er lagret.")
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/form.html", {"form": form, "case": case, "creating": False})


@login_required
def case_detail(request, pk: int):
    case = get_object_or_404(selectors.cases_visible_to(request.user), pk=pk)
    show_exempt = access.can_view_case_content(request.user, case)
    withheld = access.withheld_sections(request.user, case)
    sections = [(key, label, getattr(case.paper, key), key in withheld) for key, label in access.PAPER_SECTIONS]
    transitions = available_transitions(case, request.user)
    consultations = case.consultations.select_related("organization").prefetch_related(
        "decisions", "agenda_items__meeting"
    )
    current = case.current_consultation
    meetings = []
    if any(t.name == "schedule" for t in transitions) and current:
        meetings = Meeting.objects.filter(
            organization=current.organization, start__gte=timezone.now(),
            state__in=MEETING_WORKFLOW.states_with("before_meeting"),
        ).order_by("start")[:20]
    return render(request, "cases/detail.html", {
        "case": case,
        "title": access.case_title_for(request.user, case),
        "show_exempt": show_exempt,
        "withheld_marking": "" if show_exempt else access.case_content_withheld_marking(case),
        "show_protected": access.can_view_protected(request.user, case),
        "show_recommendation": "recommendation" not in withheld,
        "sections": sections,
        "transitions": transitions,
        "consultations": consultations,
        "history": selectors.case_history(case, request.user) if is_staff_member(request.user) else [],
        "can_edit": services.case_can_edit(case=case, user=request.user),
        "meetings": meetings,
        "organizations": Organization.objects.filter(is_active=True).exclude(pk=getattr(current, "organization_id", None)),
        "default_next": current.organization.next_organization_id if current else None,
    })


@login_required
@require_POST
def case_transition(request, pk: int):
    case = get_object_or_404(Case, pk=pk)
    staff_transition(request, case, noun="saken")
    return redirect("cases:detail", pk=case.pk)
