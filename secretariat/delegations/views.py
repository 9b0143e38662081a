"""Staff pages for delegerte vedtak (fagleder): the register, one new decision, CSV import, and «Meld som
referatsaker» onto a meeting's agenda. Views parse input with a form and call one service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from secretariat import access
from secretariat.common.views import add_validation_errors
from secretariat.organizations.models import Organization
from workflows.errors import WorkflowError

from . import selectors, services
from .forms import DelegatedDecisionForm, ImportForm, ReportForm


def _fagleder_required(user):
    access.require_secretariat(user, "Bare politisk sekretariat kan registrere og melde delegerte vedtak.")


@login_required
def decision_list(request):
    _fagleder_required(request.user)
    filters = {"organization": request.GET.get("organ", "").strip(), "status": request.GET.get("status", "").strip()}
    return render(request, "delegations/list.html", {
        "decisions": selectors.decisions_list(**filters)[:500], "filters": filters,
        "organizations": Organization.objects.filter(is_active=True),
    })


@login_required
def decision_create(request):
    _fagleder_required(request.user)
    form = DelegatedDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.delegated_decision_register(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Det delegerte vedtaket «{decision.title}» er registrert.")
            return redirect("delegations:list")
    return render(request, "delegations/form.html", {"form": form, "heading": "Nytt delegert vedtak",
                                                     "button": "Registrer", "multipart": False})


@login_required
def decision_import(request):
    _fagleder_required(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.delegated_decisions_import(actor=request.user, content=form.cleaned_data["file"],
                                                         source=form.file_name)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            if result.errors:
                errors = result.errors
                form.add_error(None, "Ingenting er lagret: rett linjene under og last opp filen på nytt.")
            else:
                messages.success(request, f"{len(result.created)} delegerte vedtak er importert.")
                return redirect("delegations:list")
    return render(request, "delegations/form.html", {"form": form, "heading": "Importer delegerte vedtak",
                                                     "button": "Importer", "multipart": True, "errors": errors})


@login_required
def decision_report(request):
    _fagleder_required(request.user)
    form = ReportForm(request.POST or None, initial={"meeting": request.GET.get("mote")})
    if request.method == "POST" and form.is_valid():
        meeting = form.cleaned_data["meeting"]
        try:
            items = services.delegated_decisions_report(actor=request.user, meeting=meeting,
                                                        period_start=form.cleaned_data["period_start"],
                                                        period_end=form.cleaned_data["period_end"])
        except WorkflowError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"Meldt som referatsaker: {', '.join(i.label for i in items)}.")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "delegations/form.html", {"form": form, "heading": "Meld delegerte vedtak som referatsaker",
                                                     "button": "Meld som referatsaker", "multipart": False})
