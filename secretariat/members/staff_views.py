"""The secretariat's pages for permisjon and fritak (/intern/permisjoner/): every application, registering one for a
member, and the workflow's steps (make it a case, approve or refuse once decided, withdraw)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from secretariat import access
from secretariat.api.transitions import staff_transition
from secretariat.common.views import add_validation_errors
from workflows.engine import available_transitions
from workflows.errors import WorkflowError
from workflows.models import AuditEntry

from . import leave, selectors
from .forms import LeaveForm
from .models import LeaveApplication


def _fagleder(user) -> None:
    access.require_secretariat(user, "Bare politisk sekretariat behandler søknader om permisjon og fritak.")


@login_required
def leave_list(request):
    _fagleder(request.user)
    form = LeaveForm(request.POST or None, staff=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = leave.leave_apply(
                actor=request.user, person=data["person"], kind=data["kind"], start_date=data["start_date"],
                end_date=data["end_date"], ground=data["ground"], membership=data["membership"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Søknaden for {application.person} er registrert.")
            return redirect("leave_staff:detail", pk=application.pk)
    return render(request, "members/staff_list.html", {
        "form": form, "rows": [(a, leave.leave_status(a)) for a in selectors.leave_applications()],
    }, status=400 if form.errors else 200)


@login_required
def leave_detail(request, pk: int):
    _fagleder(request.user)
    application = get_object_or_404(selectors.leave_applications(), pk=pk)
    return render(request, "members/staff_detail.html", {
        "application": application, "status": leave.leave_status(application),
        "transitions": available_transitions(application, request.user),
        "history": AuditEntry.for_object(application),
        "call_ins": application.call_ins.select_related("absence__meeting__organization",
                                                        "absence__substitute__person"),
    })


@login_required
@require_POST
def leave_transition(request, pk: int):
    _fagleder(request.user)
    application = get_object_or_404(LeaveApplication, pk=pk)
    staff_transition(request, application, noun="Søknaden")
    return redirect("leave_staff:detail", pk=application.pk)
