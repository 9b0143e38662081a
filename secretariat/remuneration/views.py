"""Godtgjøring pages (/intern/godtgjoring/): the member's own claims, the secretariat's check and the payroll export.
Views parse input with a form and call one service; who may see a claim is `selectors.claim_for`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from document_templates.http import docx_response
from document_templates.registry import render as render_document
from secretariat import access
from secretariat.accounts.roles import Role, has_role
from secretariat.api.transitions import staff_transition
from secretariat.common.forms import error_text
from secretariat.common.views import add_validation_errors
from secretariat.organizations.models import Person
from workflows.engine import available_transitions
from workflows.errors import WorkflowError
from workflows.models import AuditEntry

from . import selectors, services
from .forms import ClaimCreateForm, ClaimLineForm, ExportForm, LineRemoveForm
from .models import AnnualSummary, PayrollExport
from .rates import public_fixed_rates, rates_on


def _member_or_secretariat(user) -> None:
    if not (has_role(user, Role.FOLKEVALGT) or access.is_secretariat(user)):
        raise PermissionDenied("Godtgjøring er for folkevalgte (egne krav) og politisk sekretariat.")


def _secretariat(user) -> None:
    access.require_secretariat(user, "Bare politisk sekretariat kan kontrollere krav og eksportere til lønn.")


@login_required
@require_safe
def index(request):
    _member_or_secretariat(request.user)
    person = getattr(request.user, "person", None) if has_role(request.user, Role.FOLKEVALGT) else None
    year = timezone.localdate().year
    # The årsoppgave is wanted in January for the year before, too.
    context = {"person": person, "secretariat": access.is_secretariat(request.user), "year": year,
               "years": (year, year - 1), "rates": rates_on(timezone.localdate())}
    if person is not None:
        context.update(claims=selectors.claims_of(person), meetings=selectors.claimable_meetings(person)[:50],
                       sessions=selectors.claimable_sessions(person))
    if context["secretariat"]:
        context.update(pending=selectors.claims_pending(), approved=selectors.claims_approved_unpaid(),
                       exports=selectors.exports()[:24], export_form=ExportForm())
    return render(request, "remuneration/index.html", context)


@login_required
@require_POST
def claim_create(request):
    if not has_role(request.user, Role.FOLKEVALGT):
        raise PermissionDenied("Bare folkevalgte kan kreve godtgjøring.")
    form = ClaimCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("remuneration:index")
    try:
        claim = services.claim_create(actor=request.user, meeting=form.cleaned_data.get("meeting"),
                                      session=form.cleaned_data.get("session"))
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return redirect("remuneration:index")
    messages.success(request, f"Kravet for {claim.title} er laget. Legg til tapt arbeidsinntekt, skyss og utlegg, "
                              "og send det.")
    return redirect("remuneration:claim", pk=claim.pk)


@login_required
@require_safe
def claim_detail(request, pk: int):
    claim = selectors.claim_for(request.user, pk)
    return _detail(request, claim, ClaimLineForm())


def _detail(request, claim, line_form, status: int = 200):
    owner = claim.owner_id == request.user.pk
    lines = list(claim.lines.select_related("export"))
    paid = any(line.export_id for line in lines)
    # A paid claim is in a locked period: no step back (the service refuses it too).
    transitions = [t for t in available_transitions(claim, request.user) if not (paid and t.name == "send_back")]
    return render(request, "remuneration/claim.html", {
        "claim": claim, "lines": lines, "owner": owner,
        "editable": owner and claim.state in services.EDITABLE, "line_form": line_form,
        "transitions": transitions, "history": AuditEntry.for_object(claim),
        "deadline": services.deadline_of(claim), "rates": rates_on(claim.day),
        "record_corrected": (claim.state not in services.EDITABLE and not paid
                             and not services.still_attended(claim)),
    }, status=status)


@login_required
@require_POST
def line_add(request, pk: int):
    claim = selectors.claim_for(request.user, pk)
    if claim.owner_id != request.user.pk:
        raise PermissionDenied("Bare den folkevalgte selv kan endre sitt krav.")
    form = ClaimLineForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.claim_line_add(actor=request.user, claim=claim, kind=data["kind"], amount=data.get("amount"),
                                    km=data.get("km"), description=data.get("description") or "",
                                    reason=data.get("reason") or "", upload=data.get("file"))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Linjen er lagt til.")
            return redirect("remuneration:claim", pk=claim.pk)
    return _detail(request, claim, form, status=400)


@login_required
@require_POST
def line_remove(request, pk: int):
    claim = selectors.claim_for(request.user, pk)
    if claim.owner_id != request.user.pk:
        raise PermissionDenied("Bare den folkevalgte selv kan endre sitt krav.")
    form = LineRemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("remuneration:claim", pk=claim.pk)
    line = claim.lines.filter(pk=form.cleaned_data["line"]).first()
    try:
        if line is None:
            raise Http404("Fant ikke linjen.")
        services.claim_line_remove(actor=request.user, claim=claim, line=line)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Linjen er fjernet.")
    return redirect("remuneration:claim", pk=claim.pk)


@login_required
@require_POST
def claim_step(request, pk: int):
    claim = selectors.claim_for(request.user, pk)
    staff_transition(request, claim, noun="kravet")
    return redirect("remuneration:claim", pk=claim.pk)


@login_required
@require_safe
def attachment(request, pk: int, line_pk: int):
    claim = selectors.claim_for(request.user, pk)
    line = get_object_or_404(claim.lines, pk=line_pk)
    if not line.attachment:
        raise Http404("Linjen har ikke vedlegg.")
    return FileResponse(line.attachment.open("rb"), as_attachment=True, filename=line.attachment_name)


@login_required
@require_POST
def export_create(request):
    _secretariat(request.user)
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("remuneration:index")
    try:
        export = services.payroll_export(actor=request.user, month=form.cleaned_data["month"])
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return redirect("remuneration:index")
    messages.success(request, f"Perioden {export.label} er eksportert ({export.line_count} linjer) og låst.")
    return redirect("remuneration:index")


@login_required
@require_safe
def export_download(request, pk: int):
    _secretariat(request.user)
    export = get_object_or_404(PayrollExport, pk=pk)
    response = HttpResponse(export.content.encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="godtgjoring-{export.label}.csv"'
    return response


@login_required
@require_safe
def annual_summary(request, person_pk: int, year: int):
    person = get_object_or_404(Person, pk=person_pk)
    # Built for this download (a GET writes nothing); `render_document godtgjoringsoppgave ID` takes a stored one.
    summary = AnnualSummary(person=person, year=year)
    # The one rule for who may have a person's årsoppgave (here and through the generic document download).
    if not access.can_view_document(request.user, "godtgjoringsoppgave", summary, public=False):
        raise Http404("Fant ikke årsoppgaven.")
    if not 2000 <= year <= 2100:
        raise Http404("Ukjent år.")
    name = f"godtgjoring-{year}-{person.pk}.docx"
    return docx_response(render_document("godtgjoringsoppgave", summary), name)


@require_safe
def public_rates(request):
    """The list of fast godtgjøring per verv, on innsyn only when the kommune publishes it."""
    data = public_fixed_rates()
    if data is None:
        raise Http404("Kommunen publiserer ikke godtgjøringen her.")
    return render(request, "remuneration/public.html", data)
