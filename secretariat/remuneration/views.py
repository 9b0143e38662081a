"""Godtgjøring pages (/intern/godtgjoring/): the member's own claims, the secretariat's check and the payroll export.
Views parse input with a form and call one service; who may see a claim is `selectors.claim_for`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from document_templates.http import docx_response, user_file_response
from document_templates.registry import render as render_document
from secretariat import access
from secretariat.api.transitions import staff_transition
from secretariat.common.forms import error_text
from secretariat.common.views import add_validation_errors
from secretariat.organizations.models import Person
from workflows.claim import CLAIM_WORKFLOW
from workflows.engine import available_transitions
from workflows.errors import WorkflowError
from workflows.models import AuditEntry

from . import selectors, services
from .forms import (
    ClaimCreateForm,
    ClaimLineForm,
    CorrectionForm,
    DiscardForm,
    ExportForm,
    FixedCorrectionForm,
    LineRemoveForm,
)
from .models import AnnualSummary, FixedPayment, PayrollExport
from .occasion import record_problem
from .rates import public_fixed_rates, rates_on


def _member_or_secretariat(user) -> None:
    """The pages' rule is the menu's: `access.can_use_remuneration`."""
    if not access.can_use_remuneration(user):
        raise PermissionDenied(access.REMUNERATION_REFUSED)


def _secretariat(user) -> None:
    access.require_secretariat(user, "Bare politisk sekretariat kan kontrollere krav og eksportere til lønn.")


@login_required
@require_safe
def index(request):
    _member_or_secretariat(request.user)
    person = getattr(request.user, "person", None) if access.is_folkevalgt(request.user) else None
    year = timezone.localdate().year
    # The årsoppgave is wanted in January for the year before, too.
    context = {"person": person, "secretariat": access.is_secretariat(request.user), "year": year,
               "years": (year, year - 1), "rates": rates_on(timezone.localdate())}
    if person is not None:
        context.update(claims=selectors.claims_of(person), meetings=selectors.claimable_meetings(person)[:50],
                       sessions=selectors.claimable_sessions(person))
    if context["secretariat"]:
        context.update(pending=selectors.claims_pending(), approved=selectors.claims_approved_unpaid(),
                       corrections=services.pending_corrections(), exports=selectors.exports()[:24],
                       export_form=ExportForm())
    return render(request, "remuneration/index.html", context)


@login_required
@require_POST
def claim_create(request):
    if not access.is_folkevalgt(request.user):
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


def _detail(request, claim, line_form, status: int = 200, correction_form=None):
    owner = claim.owner_id == request.user.pk
    secretariat = access.is_secretariat(request.user)
    lines = list(claim.lines.select_related("export"))
    paid_lines = [line for line in lines if line.export_id]
    # The steps come from the workflow and its preconditions (one rule): what this user may take now, and, for a
    # step her role allows that the rules hold back, why.
    transitions = available_transitions(claim, request.user)
    held_back = [(t.label, reason) for t in CLAIM_WORKFLOW.transitions_from(claim.state)
                 if t.allows(claim, request.user) and (reason := CLAIM_WORKFLOW.unmet(t.name, claim))]
    return render(request, "remuneration/claim.html", {
        "claim": claim, "lines": lines, "owner": owner, "secretariat": secretariat, "paid": bool(paid_lines),
        "editable": owner and claim.state in services.EDITABLE, "line_form": line_form,
        "transitions": transitions, "held_back": held_back, "history": AuditEntry.for_object(claim),
        "deadline": services.deadline_of(claim), "rates": rates_on(claim.day),
        # A sent, approved or paid claim is held against the record (a draft follows it by itself).
        "record_problem": record_problem(claim) if claim.state not in services.EDITABLE else "",
        "may_discard": (owner or secretariat) and not services.discard_unmet(claim),
        "corrections": list(claim.corrections.select_related("line", "export", "created_by")),
        "correction_form": (correction_form or CorrectionForm(lines=paid_lines)) if secretariat and paid_lines
        else None,
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
@require_POST
def claim_discard(request, pk: int):
    claim = selectors.claim_for(request.user, pk)
    form = DiscardForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("remuneration:claim", pk=claim.pk)
    title = claim.title
    try:
        services.claim_discard(actor=request.user, claim=claim, comment=form.cleaned_data.get("comment") or "")
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return redirect("remuneration:claim", pk=claim.pk)
    messages.success(request, f"Kravet for {title} er forkastet.")
    return redirect("remuneration:index")


@login_required
@require_POST
def correction_create(request, pk: int):
    _secretariat(request.user)
    claim = selectors.claim_for(request.user, pk)
    paid_lines = list(claim.lines.filter(export__isnull=False).select_related("export", "claim"))
    if not paid_lines:
        messages.error(request, f"Kravet {claim.title} er ikke utbetalt ennå. Et krav som ikke er eksportert, rettes "
                                "ved å sende det tilbake.")
        return redirect("remuneration:claim", pk=claim.pk)
    form = CorrectionForm(request.POST, lines=paid_lines)
    if form.is_valid():
        data = form.cleaned_data
        line = next((line for line in paid_lines if line.pk == data.get("line")), None)
        try:
            services.correction_add(actor=request.user, claim=claim, line=line, kind=data.get("kind") or "",
                                    amount=data["amount"], reason=data["reason"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Rettelsen er registrert og utbetales i neste lønnseksport.")
            return redirect("remuneration:claim", pk=claim.pk)
    return _detail(request, claim, ClaimLineForm(), status=400, correction_form=form)


@login_required
@require_safe
def attachment(request, pk: int, line_pk: int):
    claim = selectors.claim_for(request.user, pk)
    line = get_object_or_404(claim.lines, pk=line_pk)
    if not line.attachment:
        raise Http404("Linjen har ikke vedlegg.")
    return user_file_response(line.attachment, line.attachment_name)


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
def export_detail(request, pk: int):
    """What one export paid, for the lønnsansvarlig: the month's fast godtgjøring as paid and as the record gives it
    now (a permisjon approved or a fritak dated later), with a correction form for each; the claims it paid; the
    corrections it paid."""
    _secretariat(request.user)
    export = get_object_or_404(PayrollExport, pk=pk)
    return _export_page(request, export)


def _export_page(request, export, *, failed: int | None = None, form=None, status: int = 200):
    rows = selectors.export_fixed_payments(export)
    for row in rows:
        row["form"] = form if row["payment"].pk == failed else FixedCorrectionForm(
            initial={"amount": f"{row['difference']:.2f}".replace(".", ",")} if row["difference"] else None,
            prefix=f"f{row['payment'].pk}")
    claims = (export.lines.values("claim_id", "claim__title", "claim__person__given_name", "claim__person__family_name")
              .order_by("claim__person__family_name", "claim__day", "claim_id").distinct())
    return render(request, "remuneration/export.html", {
        "export": export, "fixed": rows, "claims": claims,
        "corrections": export.corrections.select_related("person", "claim")}, status=status)


@login_required
@require_POST
def fixed_correction_create(request, pk: int):
    _secretariat(request.user)
    payment = get_object_or_404(FixedPayment.objects.select_related("export"), pk=pk)
    form = FixedCorrectionForm(request.POST, prefix=f"f{payment.pk}")
    if form.is_valid():
        try:
            services.correction_add(actor=request.user, fixed_payment=payment, amount=form.cleaned_data["amount"],
                                    reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Rettelsen for {payment.person} er registrert og utbetales i neste "
                                      "lønnseksport.")
            return redirect("remuneration:export_detail", pk=payment.export_id)
    return _export_page(request, payment.export, failed=payment.pk, form=form, status=400)


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
