"""Staff UI for meetings: the list, planning and the agenda, the notice, absence and substitutes, the live
meeting (møtemodus) and the minutes. Views parse input, call one service, and render or redirect."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from secretariat import access
from secretariat.api.transitions import staff_take_transition
from secretariat.cases.exemptions import MANDATORY_CLOSED_BASES
from secretariat.cases.models import Case
from secretariat.common.forms import StepForm
from secretariat.common.views import add_validation_errors
from secretariat.organizations.models import Organization
from workflows.case import CaseState
from workflows.engine import available_transitions
from workflows.errors import WorkflowError

from . import selectors, services
from .forms import (
    AbsenceForm,
    AddCaseForm,
    AddOtherForm,
    AgendaItemCloseForm,
    AttendanceCorrectionForm,
    AttendForm,
    ChairForm,
    ConfirmSubstituteForm,
    CurrentItemForm,
    DecideForm,
    DecisionTextForm,
    ItemForm,
    MeetingEditForm,
    MeetingForm,
    MinutesForm,
    MoveForm,
    NextForm,
    OutcomeForm,
    ProposalForm,
    RecusalForm,
    RemarkForm,
    SupplementaryNoticeForm,
    VideoMarkForm,
    VoteForm,
)
from .models import (
    AgendaItemKind,
    ClosedBasis,
    ItemOutcome,
    Meeting,
    VoteKind,
)


def _fagleder_required(user):
    access.require_secretariat(user, "Bare politisk sekretariat kan gjøre dette.")


def _staff_or_member(user):
    if not access.is_staff_or_folkevalgt(user):
        raise PermissionDenied("Denne siden er for kommunens ansatte og folkevalgte.")



@login_required
def meeting_list(request):
    _staff_or_member(request.user)
    filters = {k: request.GET.get(k, "").strip() for k in ("organization", "when")}
    filters["when"] = filters["when"] or "kommende"
    meetings = selectors.meetings_list(**filters)[:300]
    person = getattr(request.user, "person", None)
    mine = set(selectors.meetings_upcoming_for_person(person).values_list("pk", flat=True)) if person else set()
    return render(request, "meetings/list.html", {
        "meetings": meetings, "filters": filters, "mine": mine,
        "organizations": Organization.objects.filter(is_active=True),
        "can_edit": access.is_secretariat(request.user),
    })


@login_required
def meeting_create(request):
    _fagleder_required(request.user)
    form = MeetingForm(request.POST or None, initial={"organization": request.GET.get("organization")})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Møtet {meeting} er opprettet.")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "creating": True})


@login_required
def meeting_edit(request, pk: int):
    _fagleder_required(request.user)
    meeting = get_object_or_404(Meeting, pk=pk)
    initial = {name: getattr(meeting, name) for name in services.MEETING_FIELDS}
    form = MeetingEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(actor=request.user, meeting=meeting, data=form.cleaned_data)
        except ValidationError as exc:
            meeting.refresh_from_db()
            add_validation_errors(form, exc)
        except WorkflowError as exc:
            meeting.refresh_from_db()
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Endringene er lagret.")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting, "creating": False})


def _absence_rows(meeting: Meeting) -> list[dict]:
    rows = []
    for absence in meeting.absences.select_related("membership__person", "proposed_substitute__person",
                                                   "substitute__person").prefetch_related("items"):
        rows.append({
            "absence": absence,
            "candidates": [] if absence.substitute_confirmed_at else
            selectors.substitute_candidates(meeting, absence.membership, for_absence=absence),
        })
    return rows


@login_required
def meeting_detail(request, pk: int):
    _staff_or_member(request.user)
    meeting = get_object_or_404(Meeting.objects.select_related("organization"), pk=pk)
    is_fagleder = access.is_secretariat(request.user)
    person = getattr(request.user, "person", None)
    # Before the notice the agenda is for staff only; what each item shows (exempt and closed content,
    # tilleggssaker before their notice) is access's call.
    data = selectors.notice_data(meeting, public=False, user=request.user)
    ready_cases = []
    if is_fagleder and meeting.state in services.BEFORE_MEETING:
        ready_cases = Case.objects.filter(state=CaseState.KLAR).select_related("paper")
        ready_cases = [c for c in ready_cases if c.current_consultation.organization_id == meeting.organization_id]
    my_memberships = []
    if person is not None:
        my_memberships = list(selectors.memberships_for(meeting).filter(person=person))
    return render(request, "meetings/detail.html", {
        "meeting": meeting, "data": data, "is_fagleder": is_fagleder,
        "items": meeting.agenda_items.order_by("position"),
        "transitions": sorted(available_transitions(meeting, request.user), key=lambda t: t.name == "cancel"),
        "deadline": meeting.start - dt.timedelta(days=meeting.organization.effective_notice_days),
        "ready_cases": ready_cases,
        "absences": _absence_rows(meeting) if access.is_staff(request.user) else [],
        "members": selectors.memberships_for(meeting).order_by("role", "electoral_list__name", "substitute_order"),
        "my_memberships": my_memberships,
        "closed_bases": ClosedBasis.choices, "other_kinds": [AgendaItemKind.RS, AgendaItemKind.OS],
        "mandatory_bases": MANDATORY_CLOSED_BASES,  # koml. § 11-5 (2): the only choices for a required-closed item
        "unsent_supplementary": meeting.state == "innkalt"
        and access.published_agenda_items(meeting.agenda_items.all()).count() < meeting.agenda_items.count(),
    })


@login_required
def meeting_live(request, pk: int):
    """Møtemodus: the secretary's screen during the meeting."""
    _fagleder_required(request.user)
    meeting = get_object_or_404(Meeting.objects.select_related("organization"), pk=pk)
    items = list(meeting.agenda_items.select_related("consultation__case").order_by("position"))
    current = selectors.current_item(meeting)
    if request.GET.get("sak"):
        current = next((i for i in items if str(i.pk) == request.GET["sak"]), current)
    current = current or (items[0] if items else None)
    attendances = selectors.attendances_for(meeting)
    present = selectors.present_for_item(current, attendances) if current else []
    data = selectors.minutes_data(meeting, public=False)
    item_data = next((d for d in data["items"] if current and d["id"] == current.pk), None)
    registered = {a.membership_id for a in attendances}
    return render(request, "meetings/live.html", {
        "meeting": meeting, "items": items, "current": current, "item_data": item_data, "data": data,
        "attendances": attendances, "present": present,
        "present_ids": {a.membership_id for a in present},
        "quorum": selectors.quorum(meeting, current) if current else selectors.quorum(meeting),
        "unregistered": [m for m in selectors.memberships_for(meeting).order_by("role", "substitute_order")
                         if m.pk not in registered],
        "members": selectors.memberships_for(meeting).order_by("role", "electoral_list__name", "substitute_order"),
        "proposals": current.proposals.all() if current else [],
        "outcome": getattr(current, "outcome", None) if current and selectors.has_related(current, "outcome") else None,
        "chair": selectors.chair_for(meeting, current, attendances) if current else selectors.chair_for(meeting),
        "vote_kinds": VoteKind.choices,
        "closed_bases": ClosedBasis.choices, "mandatory_bases": MANDATORY_CLOSED_BASES,
        "outcomes": [(ItemOutcome.POSTPONED, "Utsatt"), (ItemOutcome.SENT_BACK, "Sendt tilbake"),
                     (ItemOutcome.WITHDRAWN, "Trukket")],
        "next_organization": meeting.organization.next_organization,
        "organizations": Organization.objects.filter(is_active=True).exclude(pk=meeting.organization_id),
        "transitions": available_transitions(meeting, request.user),
        "editable": meeting.state in services.LIVE_STATES,
        "remarks": meeting.remarks.filter(agenda_item=current) if current else [],
        "video_started": services.video_started(meeting),
    })


@login_required
def meeting_minutes(request, pk: int):
    _staff_or_member(request.user)
    meeting = get_object_or_404(Meeting.objects.select_related("organization"), pk=pk)
    if not access.can_view_minutes(request.user, meeting):
        raise PermissionDenied("Protokollen er ikke godkjent ennå.")
    data = selectors.minutes_data(meeting, public=False, user=request.user)
    today = timezone.localdate()
    for item in data["items"]:
        deadline = item["legality_review_deadline"]
        item["legality_open"] = bool(deadline) and today <= deadline
    return render(request, "meetings/minutes.html", {
        "meeting": meeting, "data": data, "is_fagleder": access.is_secretariat(request.user),
        "transitions": available_transitions(meeting, request.user),
        "members": selectors.signer_candidates(meeting),
    })


# --- POST actions: one dispatcher, one service call each --------------------------------------------------


def _valid(form):
    """A bound form's cleaned data; its Norwegian messages as one ValidationError (shown after the redirect)."""
    if not form.is_valid():
        raise ValidationError([m for errors in form.errors.values() for m in errors])
    return form.cleaned_data


def _do_send_notice(request, meeting):
    return _do_step(request, meeting, "send_notice")


def _do_step(request, meeting, name: str):
    """The older one-button forms (send notice, cancel, approve) post without «transition»: the same adapter, with
    the step named here (whatever else was posted is the step's input, read by the adapter's serializer)."""
    post = QueryDict(mutable=True)
    post.update(request.POST)
    post.setlist("transition", [name])
    request.POST = post
    return _do_transition(request, meeting)


def _do_transition(request, meeting):
    staff_take_transition(request, meeting)
    meeting.refresh_from_db()
    done = {"send_notice": "Innkallingen er sendt til medlemmene og de innkalte varamedlemmene, og sakspapirene er "
                           "publisert.",
            "cancel": "Møtet er avlyst, og sakene er tatt av sakslisten.",
            "approve_minutes": "Protokollen er godkjent. Den kan ikke endres lenger."}
    step = StepForm(request.POST)  # taken: the adapter has read and checked it
    name = step.cleaned_data["transition"] if step.is_valid() else ""
    return done.get(name, f"Møtet har nå status «{meeting.get_state_display()}».")


def _do_cancel(request, meeting):
    return _do_step(request, meeting, "cancel")


def _do_approve(request, meeting):
    return _do_step(request, meeting, "approve_minutes")


def _do_add_case(request, meeting):
    data = _valid(AddCaseForm(request.POST))
    item = services.agenda_item_add(actor=request.user, meeting=meeting, case=data["case"],
                                    supplementary=data["supplementary"])
    return f"{item.label} {item.title} er satt opp."


def _do_add_other(request, meeting):
    data = _valid(AddOtherForm(request.POST))
    item = services.agenda_item_add_other(actor=request.user, meeting=meeting, kind=data["kind"],
                                          title=data["title"])
    return f"{item.label} er lagt til."


def _do_move(request, meeting):
    data = _valid(MoveForm(request.POST, meeting=meeting))
    services.agenda_item_move(actor=request.user, item=data["item"], direction=data["direction"])
    return "Rekkefølgen er endret."


def _do_remove(request, meeting):
    data = _valid(ItemForm(request.POST, meeting=meeting))
    services.agenda_item_remove(actor=request.user, item=data["item"])
    return "Saken er tatt av sakslisten."


def _do_close(request, meeting):
    data = _valid(AgendaItemCloseForm(request.POST, meeting=meeting))
    basis = data["closed_basis"]
    item = services.agenda_item_close(actor=request.user, item=data["item"], closed=bool(basis), basis=basis)
    return f"{item.label} er {'lukket (' + item.get_closed_basis_display() + ')' if basis else 'åpen'}."


def _do_supplementary_notice(request, meeting):
    data = _valid(SupplementaryNoticeForm(request.POST))
    items = services.meeting_send_supplementary_notice(actor=request.user, meeting=meeting,
                                                       override_reason=data["override_reason"])
    return f"Tilleggsinnkalling sendt for {', '.join(i.label for i in items)}."


def _do_absence(request, meeting):
    data = _valid(AbsenceForm(request.POST, meeting=meeting))
    membership = data["membership"]
    absence = services.absence_register(actor=request.user, meeting=meeting, membership=membership,
                                        items=list(data["items"]), reason=data["reason"])
    proposed = absence.proposed_substitute
    return f"Forfall registrert for {membership.person}." + (
        f" Neste vara på lista: {proposed.person}." if proposed else "")


def _do_confirm_substitute(request, meeting):
    data = _valid(ConfirmSubstituteForm(request.POST, meeting=meeting))
    absence = services.absence_confirm_substitute(actor=request.user, absence=data["absence"],
                                                  substitute=data["substitute"])
    return f"{absence.substitute.person} er kalt inn og får e-post med sakslisten."


def _do_fill_attendance(request, meeting):
    n = services.attendance_fill_from_notice(actor=request.user, meeting=meeting)
    return f"{n} møtende registrert fra innkallingen."


def _do_attend(request, meeting):
    data = _valid(AttendForm(request.POST, meeting=meeting))
    membership = data["membership"]
    services.attendance_register(actor=request.user, meeting=meeting, membership=membership,
                                 substitute_for=data["substitute_for"], arrived_before=data["arrived_before"])
    return f"{membership.person} er registrert som møtt."


def _attendance_correction(request, meeting) -> dict:
    form = AttendanceCorrectionForm(request.POST, meeting=meeting)
    if not form.is_valid():
        raise ValidationError(form.error_text())
    return form.cleaned_data


def _do_depart(request, meeting):
    data = _attendance_correction(request, meeting)
    att = services.attendance_depart(actor=request.user, attendance=data["attendance"],
                                     before_item=data["before_item"])
    return f"{att.membership.person}: " + (f"gikk før {att.left_before.label}." if att.left_before
                                           else "til stede til slutt.")


def _do_arrive(request, meeting):
    data = _attendance_correction(request, meeting)
    att = services.attendance_arrive(actor=request.user, attendance=data["attendance"],
                                     before_item=data["before_item"])
    return f"{att.membership.person}: " + (f"kom til {att.arrived_before.label}." if att.arrived_before
                                           else "til stede fra møtestart.")


def _do_unattend(request, meeting):
    data = _attendance_correction(request, meeting)
    services.attendance_remove(actor=request.user, attendance=data["attendance"], reason=data["reason"])
    return f"Oppmøtet for {data['attendance'].membership.person} er fjernet."


def _do_recusal(request, meeting):
    data = _valid(RecusalForm(request.POST, meeting=meeting))
    item, membership = data["item"], data["membership"]
    recusal = services.recusal_register(actor=request.user, item=item, membership=membership,
                                        grounds=data["grounds"], decided=data["decided"],
                                        substitute=data["substitute"])
    return f"{membership.person} er erklært {'inhabil' if recusal.decided else 'habil'} i {item.label}."


def _do_current(request, meeting):
    data = _valid(CurrentItemForm(request.POST, meeting=meeting))
    item = data["item"]
    services.live_set_current_item(actor=request.user, meeting=meeting, item=item,
                                   record_video=data["record_video"])
    return f"{item.label} er under behandling." if item else "Ingen sak under behandling."


def _do_video(request, meeting):
    data = _valid(VideoMarkForm(request.POST, meeting=meeting))
    item = services.agenda_item_mark_video(actor=request.user, item=data["item"], seconds=data["seconds"])
    return f"Videotidspunkt for {item.label}: {item.video_offset_seconds} sekunder."


def _do_video_start(request, meeting):
    services.meeting_set_video_start(actor=request.user, meeting=meeting)
    return "Videoens starttid er satt til nå."


def _do_proposal(request, meeting):
    data = _valid(ProposalForm(request.POST, meeting=meeting))
    if data["recommendation"]:
        services.proposal_recommendation(actor=request.user, item=data["item"])
        return "Innstillingen er lagt inn som forslag."
    services.proposal_add(actor=request.user, item=data["item"], by=data["by"], text=data["text"])
    return "Forslaget er registrert."


def _do_vote(request, meeting):
    item = _valid(ItemForm(request.POST, meeting=meeting))["item"]
    form = VoteForm(request.POST, item=item)
    _valid(form)
    vote = services.vote_record(actor=request.user, item=item, **form.vote_arguments())
    return f"Forslag {vote.proposal.position}: {vote.result_label}."


def _do_chair(request, meeting):
    """The nestleder or an elected setteleder leads an item (or the meeting) the leader cannot (koml. § 11-2)."""
    data = _valid(ChairForm(request.POST, meeting=meeting))
    item = data["item"]
    acting = services.chair_record(actor=request.user, meeting=meeting, membership=data["membership"], item=item)
    where = item.label if item else "hele møtet"
    role = "setteleder" if acting.how == "valgt" else "møteleder som nestleder"
    return f"{acting.membership.person} er {role} i {where}."


def _do_decide(request, meeting):
    data = _valid(DecideForm(request.POST, meeting=meeting))
    item = data["item"]
    services.item_decide(actor=request.user, item=item, text=data["text"], next_step=data["next_step"],
                         forward_to=data["forward_to"])
    item.consultation.case.refresh_from_db()
    case = item.consultation.case
    return f"Vedtak registrert i {item.label}. Saken har nå status «{case.get_state_display()}»" + (
        f" hos {case.current_consultation.organization}." if case.state == CaseState.KLAR else ".")


def _do_outcome(request, meeting):
    data = _valid(OutcomeForm(request.POST, meeting=meeting))
    item = data["item"]
    result = services.item_set_outcome(actor=request.user, item=item, outcome=data["outcome"],
                                       comment=data["comment"])
    return f"{item.label}: {result.get_outcome_display()}."


def _do_remark(request, meeting):
    data = _valid(RemarkForm(request.POST, meeting=meeting))
    services.remark_add(actor=request.user, meeting=meeting, item=data["item"], by=data["by"], text=data["text"])
    return "Protokolltilførselen er registrert."


def _do_decision_text(request, meeting):
    data = _valid(DecisionTextForm(request.POST, meeting=meeting))
    item = data["item"]
    if not selectors.has_related(item, "decision"):
        raise ValidationError("Saken har ikke noe vedtak.")
    services.decision_update(actor=request.user, decision=item.decision, text=data["text"])
    return f"Vedtaksteksten i {item.label} er rettet."


def _do_minutes(request, meeting):
    data = _valid(MinutesForm(request.POST))
    services.minutes_update(actor=request.user, meeting=meeting, approval_label=data["approval_label"],
                            signers=list(data["signers"]))
    return "Protokollutkastet er lagret."


ACTIONS = {
    "transition": _do_transition, "send_notice": _do_send_notice, "cancel": _do_cancel, "approve": _do_approve,
    "add_case": _do_add_case, "add_other": _do_add_other, "move": _do_move, "remove": _do_remove,
    "close": _do_close, "supplementary_notice": _do_supplementary_notice,
    "absence": _do_absence, "confirm_substitute": _do_confirm_substitute, "fill_attendance": _do_fill_attendance,
    "attend": _do_attend, "depart": _do_depart, "arrive": _do_arrive, "unattend": _do_unattend,
    "recusal": _do_recusal, "current": _do_current, "video": _do_video, "video_start": _do_video_start,
    "proposal": _do_proposal, "vote": _do_vote, "chair": _do_chair, "decide": _do_decide, "outcome": _do_outcome,
    "remark": _do_remark, "decision_text": _do_decision_text, "minutes": _do_minutes,
}
MEMBER_ACTIONS = {"absence"}  # a folkevalgt may report their own absence


@login_required
@require_POST
def meeting_action(request, pk: int, action: str):
    meeting = get_object_or_404(Meeting.objects.select_related("organization"), pk=pk)
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404("Ukjent handling.")
    if action not in MEMBER_ACTIONS:
        _fagleder_required(request.user)
    try:
        message = handler(request, meeting)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, message)
    # `next` is only followed to a path on this site; anything else (not a URL, another host) is ignored.
    follow = NextForm(request.POST)
    target = follow.cleaned_data["next"] if follow.is_valid() else ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                                  require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return redirect("meetings:detail", pk=meeting.pk)
