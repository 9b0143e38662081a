"""Staff UI for appointment rounds and fritak/supplering, and the public call for candidates (dl. § 67).

Thin views: parse input, call one service or selector, render. Candidates and fritak applications are personal
data: every staff view asks `secretariat.access` (`access.appointments_page`) before it reads any input.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from document_templates.http import docx_response
from secretariat import access
from secretariat.api.transitions import staff_transition
from secretariat.common.ratelimit import HONEYPOT_FIELD, honeypot_filled, rate_limited
from secretariat.common.views import add_validation_errors
from workflows.engine import available_transitions
from workflows.errors import WorkflowError

from . import changes as change_services
from . import selectors, services
from .forms import (
    ApplyChangeForm,
    CandidatePoolForm,
    CaseForRoundForm,
    MembershipChangeForm,
    PoolAddForm,
    PoolSizesForm,
    PublicCandidateForm,
    RoundForm,
    StaffCandidateForm,
)
from .models import AppointmentRound, Candidate, PoolKind, RoundKind


def public_url(request, round_: AppointmentRound) -> str:
    return request.build_absolute_uri(reverse("appointments:public_candidate", args=[round_.pk]))


# --- staff: rounds -------------------------------------------------------------------------------------------

@access.appointments_page
def round_list(request):
    rounds = list(selectors.rounds_list())
    rows = [(r, services.round_deadline_warnings(round=r)) for r in rounds]
    return render(request, "appointments/list.html", {
        "rows": rows, "changes": [(c, access.case_title_for(request.user, c.case)) for c in selectors.changes_list()[:50]],
    })


@access.appointments_page
def round_create(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pools = None
        if data["kind"] == RoundKind.ANNET:
            pools = [(PoolKind.ANNET, "", data.get("pool_size") or 1)]
        try:
            round_ = services.round_create(
                actor=request.user, kind=data["kind"], title=data["title"], period_start=data["period_start"],
                period_end=data["period_end"], call_deadline=data.get("call_deadline"),
                call_text=data.get("call_text", ""), pools=pools, pool_name=data.get("pool_name", ""))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Oppnevningen «{round_.title}» er kunngjort.")
            return redirect("appointments:detail", pk=round_.pk)
    return render(request, "appointments/form.html", {"form": form, "heading": "Ny oppnevning"})


@access.appointments_page
def round_detail(request, pk: int):
    round_ = get_object_or_404(AppointmentRound.objects.select_related("case"), pk=pk)
    candidates = list(selectors.round_candidates(round_))
    return render(request, "appointments/detail.html", {
        "round": round_,
        "candidates": candidates,
        "pools": list(round_.pools.all()),
        "balance": services.round_balance(round=round_),
        "problems": services.round_proposal_problems(round=round_),
        "deadlines": services.round_deadline_warnings(round=round_),
        "display": services.round_display_status(round_),
        "transitions": available_transitions(round_, request.user),
        "history": selectors.round_history(round_),
        "public_url": public_url(request, round_),
        "can_edit_candidates": round_.state in services.CANDIDATE_EDIT_STATES,
        "can_propose": round_.state in services.PROPOSAL_STATES,
        "case_form": CaseForRoundForm(initial={"organization": round_.proposing_organization}),
    })


@access.appointments_page
@require_POST
def round_transition(request, pk: int):
    round_ = get_object_or_404(AppointmentRound, pk=pk)
    staff_transition(request, round_, noun="oppnevningen")
    return redirect("appointments:detail", pk=round_.pk)


@access.appointments_page
@require_POST
def round_pool_sizes(request, pk: int):
    round_ = get_object_or_404(AppointmentRound, pk=pk)
    form = PoolSizesForm(request.POST, pools=round_.pools.all())
    if not form.is_valid():
        messages.error(request, form.error_text())
        return redirect("appointments:detail", pk=round_.pk)
    try:
        services.round_set_pool_sizes(actor=request.user, round=round_, sizes=form.sizes())
    except (WorkflowError, ValidationError) as exc:
        messages.error(request, getattr(exc, "message", None) or " ".join(exc.messages))
    else:
        messages.success(request, "Antallet i utvalgene er lagret.")
    return redirect("appointments:detail", pk=round_.pk)


@access.appointments_page
@require_POST
def round_pool_add(request, pk: int):
    round_ = get_object_or_404(AppointmentRound, pk=pk)
    form = PoolAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.error_text())
        return redirect("appointments:detail", pk=round_.pk)
    try:
        services.round_add_pool(actor=request.user, round=round_, name=form.cleaned_data["name"],
                                size=form.cleaned_data["size"])
    except WorkflowError as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Utvalget er lagt til.")
    return redirect("appointments:detail", pk=round_.pk)


@access.appointments_page
@require_POST
def round_case_create(request, pk: int):
    round_ = get_object_or_404(AppointmentRound, pk=pk)
    form = CaseForRoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Fyll inn arkivsaksnummer og organ.")
        return redirect("appointments:detail", pk=round_.pk)
    try:
        services.round_case_create(actor=request.user, round=round_,
                                   arkivsaksnummer=form.cleaned_data["arkivsaksnummer"],
                                   organization=form.cleaned_data["organization"])
    except WorkflowError as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Saken {round_.case.arkivsaksnummer} er opprettet med saksframlegg og innstilling.")
    return redirect("appointments:detail", pk=round_.pk)


@access.appointments_page
def round_report(request, pk: int):
    """The list for the courts / statsforvalteren as .docx (document kind «oppnevning»)."""
    round_ = get_object_or_404(AppointmentRound, pk=pk)
    from document_templates.registry import DocumentError, generate

    try:
        doc = generate("oppnevning", round_, actor=request.user, public=request.GET.get("offentlig") == "1")
    except DocumentError as exc:
        messages.error(request, exc.message)
        return redirect("appointments:detail", pk=round_.pk)
    return docx_response(doc.content, doc.filename)


# --- staff: candidates ---------------------------------------------------------------------------------------

def _candidate_initial(c: Candidate) -> dict:
    return {name: getattr(c, name) for name in services.CANDIDATE_FIELDS}


@access.appointments_page
def candidate_create(request, pk: int):
    round_ = get_object_or_404(AppointmentRound, pk=pk)
    form = StaffCandidateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.candidate_register(actor=request.user, round=round_, data=form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{candidate.name} er registrert.")
            return redirect("appointments:detail", pk=round_.pk)
    return render(request, "appointments/form.html", {"form": form, "round": round_,
                                                      "heading": f"Ny kandidat – {round_.title}"})


@access.appointments_page
def candidate_edit(request, pk: int, candidate_id: int):
    candidate = get_object_or_404(Candidate.objects.select_related("round"), pk=candidate_id, round_id=pk)
    form = StaffCandidateForm(request.POST or None, initial=_candidate_initial(candidate))
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_update(actor=request.user, candidate=candidate, data=form.cleaned_data)
        except ValidationError as exc:
            candidate.refresh_from_db()
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{candidate.name} er oppdatert.")
            return redirect("appointments:detail", pk=pk)
    return render(request, "appointments/form.html", {"form": form, "round": candidate.round, "candidate": candidate,
                                                      "heading": f"Endre kandidat {candidate.name}"})


@access.appointments_page
@require_POST
def candidate_pool(request, pk: int, candidate_id: int):
    candidate = get_object_or_404(Candidate.objects.select_related("round"), pk=candidate_id, round_id=pk)
    form = CandidatePoolForm(request.POST, round=candidate.round)
    if not form.is_valid():
        messages.error(request, form.error_text())
        return redirect("appointments:detail", pk=pk)
    pool = form.cleaned_data["pool"]
    try:
        services.candidate_assign_pool(actor=request.user, candidate=candidate, pool=pool)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{candidate.name}: " + (f"satt inn i {pool.label}." if pool else "tatt ut av forslaget."))
    return redirect(reverse("appointments:detail", args=[pk]) + "#kandidater")


# --- public: the call for candidates (no login) --------------------------------------------------------------

@rate_limited("candidate-form")
def public_candidate(request, round_id: int):
    round_ = get_object_or_404(AppointmentRound, pk=round_id)
    form = PublicCandidateForm(request.POST or None, round=round_)
    closed = not round_.is_open_for_public
    status = 200
    if request.method == "POST":
        if closed:
            status = 403
        elif honeypot_filled(form):  # a bot: the usual answer, nothing saved (issue 12)
            return redirect("appointments:public_candidate_thanks", round_id=round_.pk)
        elif form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("consent", HONEYPOT_FIELD)}
            try:
                services.candidate_submit_public(round=round_, data=data)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            except WorkflowError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect("appointments:public_candidate_thanks", round_id=round_.pk)
        if form.errors:
            status = 400
    return render(request, "appointments/public_form.html",
                  {"round": round_, "form": form, "closed": closed}, status=status)


def public_calls(request):
    """Every open call for candidates (dl. § 67), for the kommune's website to link to."""
    from workflows.appointment import RoundState

    rounds = AppointmentRound.objects.filter(state=RoundState.KUNNGJORT).order_by("call_deadline", "title")
    return render(request, "appointments/public_calls.html", {"rounds": rounds})


def public_candidate_thanks(request, round_id: int):
    round_ = get_object_or_404(AppointmentRound, pk=round_id)
    return render(request, "appointments/public_thanks.html", {"round": round_})


# --- fritak and supplering -----------------------------------------------------------------------------------

@access.appointments_page
def change_create(request):
    form = MembershipChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            change = change_services.membership_change_create(actor=request.user, **data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Saken {change.case.arkivsaksnummer} er opprettet.")
            return redirect("appointments:change_detail", pk=change.pk)
    return render(request, "appointments/form.html", {"form": form, "heading": "Ny søknad om fritak / supplering"})


@access.appointments_page
def change_detail(request, pk: int):
    change = get_object_or_404(selectors.changes_list(), pk=pk)
    form = ApplyChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["action"] == "refuse":
                change_services.membership_change_refuse(actor=request.user, change=change,
                                                         comment=form.cleaned_data["comment"])
                messages.success(request, "Registrert: søknaden er avslått.")
            else:
                change_services.membership_change_apply(actor=request.user, change=change,
                                                        effective_date=form.cleaned_data["effective_date"])
                messages.success(request, "Medlemskapene og vararekkefølgen er oppdatert.")
            return redirect("appointments:change_detail", pk=change.pk)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
    from secretariat.organizations.models import Membership

    lists = Membership.objects.filter(organization=change.organization).select_related("person", "electoral_list")
    if change.electoral_list_id or change.membership_id:
        party = change.electoral_list_id or change.membership.electoral_list_id
        lists = lists.filter(electoral_list_id=party)
    # A fritak for personal reasons is exempt (offl. § 13): its title and reason per secretariat.access.
    return render(request, "appointments/change_detail.html", {
        "change": change, "form": form, "title": access.case_title_for(request.user, change.case),
        "show_reason": access.can_view_section(request.user, change.case, "background")
        and access.can_view_case_content(request.user, change.case), "history": selectors.change_history(change),
        "memberships": lists.order_by(F("end_date").desc(nulls_first=True), "role", "substitute_order",
                                      "start_date"),
    })


def public_display(request, round_id: int):
    """The proposal on public display (dl. § 68): names per pool, from the day the display starts."""
    from django.http import Http404

    from secretariat.access import appointment_proposal_is_public

    round_ = get_object_or_404(AppointmentRound, pk=round_id)
    if not appointment_proposal_is_public(round_):
        raise Http404("Forslaget er ikke lagt ut til offentlig ettersyn.")
    pools = [(label, [(c.name, c.birth_date.year if c.birth_date else "") for c in people])
             for label, people in services.proposal_lines(round_)]
    return render(request, "appointments/public_display.html", {
        "round": round_, "pools": pools, "display": services.round_display_status(round_)})
