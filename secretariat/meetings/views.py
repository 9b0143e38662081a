"""Staff UI for meetings: the list, planning and the agenda, the notice, absence and substitutes, the live
meeting (møtemodus) and the minutes. Views parse input, call one service, and render or redirect."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from secretariat import access
from secretariat.accounts.roles import Role, has_role, is_staff_member
from secretariat.api.transitions import staff_take_transition
from secretariat.cases.exemptions import MANDATORY_CLOSED_BASES
from secretariat.cases.models import Case
from secretariat.common.parsing import bounded_int, int_or
from secretariat.common.views import add_validation_errors
from secretariat.organizations.models import Membership, Organization, Person
from workflows.case import CaseState
from workflows.engine import available_transitions
from workflows.errors import WorkflowError

from . import selectors, services
from .forms import (
    AgendaItemCloseForm,
    AttendanceCorrectionForm,
    ChairForm,
    MeetingEditForm,
    MeetingForm,
    VoteForm,
    form_errors,
)
from .models import (
    Absence,
    AgendaItem,
    AgendaItemKind,
    ClosedBasis,
    ItemOutcome,
    Meeting,
    VoteKind,
)
from .services.live import VIDEO_SECONDS_MAX


def _fagleder_required(user):
    if not has_role(user, Role.FAGLEDER):
        raise PermissionDenied("Bare politisk sekretariat kan gjøre dette.")


def _staff_or_member(user):
    if not (is_staff_member(user) or has_role(user, Role.FOLKEVALGT)):
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
        "can_edit": has_role(request.user, Role.FAGLEDER),
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
    is_fagleder = has_role(request.user, Role.FAGLEDER)
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
        "absences": _absence_rows(meeting) if is_staff_member(request.user) else [],
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
    attendances = selectors._attendances(meeting)
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
        "outcome": getattr(current, "outcome", None) if current and selectors._has(current, "outcome") else None,
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
        "meeting": meeting, "data": data, "is_fagleder": has_role(request.user, Role.FAGLEDER),
        "transitions": available_transitions(meeting, request.user),
        "members": selectors.signer_candidates(meeting),
    })


# --- POST actions: one dispatcher, one service call each --------------------------------------------------


def _item(meeting: Meeting, value) -> AgendaItem | None:
    if not value:
        return None
    item = meeting.agenda_items.filter(pk=int_or(value)).first()
    if item is None:
        raise ValidationError("Ukjent sak på sakslisten.")
    return item


def _required_item(meeting: Meeting, value) -> AgendaItem:
    """An action on one agenda item: posted without `item` it is a form error, not a 500."""
    item = _item(meeting, value)
    if item is None:
        raise ValidationError("Velg en sak på sakslisten.")
    return item


def _seconds(value: str) -> int | None:
    """Video `seconds`: empty = now; otherwise a whole, non-negative number (the service bounds it by the meeting)."""
    if not value.strip():
        return None
    try:
        return bounded_int(value, low=0, high=VIDEO_SECONDS_MAX)
    except ValueError:
        raise ValidationError("Sekunder må være et helt tall som ikke er negativt.") from None


def _membership(meeting: Meeting, value) -> Membership | None:
    if not value:
        return None
    membership = Membership.objects.filter(pk=int_or(value), organization=meeting.organization).first()
    if membership is None:
        raise ValidationError("Velg et medlem av organet.")
    return membership


def _items(meeting: Meeting, values) -> list[AgendaItem]:
    return [i for i in (_item(meeting, v) for v in values) if i]


def _do_send_notice(request, meeting):
    return _do_step(request, meeting, "send_notice")


def _do_step(request, meeting, name: str):
    """The older one-button forms (send notice, cancel, approve) post without «transition»: the same adapter."""
    post = request.POST.copy()
    post["transition"] = name
    if name == "approve_minutes" and "approval_label" in post:
        post["approval_label"] = post["approval_label"].strip()
    request.POST = post
    return _do_transition(request, meeting)


def _do_transition(request, meeting):
    staff_take_transition(request, meeting)
    meeting.refresh_from_db()
    done = {"send_notice": "Innkallingen er sendt til medlemmene og de innkalte varamedlemmene, og sakspapirene er "
                           "publisert.",
            "cancel": "Møtet er avlyst, og sakene er tatt av sakslisten.",
            "approve_minutes": "Protokollen er godkjent. Den kan ikke endres lenger."}
    return done.get(request.POST.get("transition", ""), f"Møtet har nå status «{meeting.get_state_display()}».")


def _do_cancel(request, meeting):
    return _do_step(request, meeting, "cancel")


def _do_approve(request, meeting):
    return _do_step(request, meeting, "approve_minutes")


def _do_add_case(request, meeting):
    case = Case.objects.filter(pk=int_or(request.POST.get("case"))).first()
    if case is None:
        raise ValidationError("Velg en sak.")
    item = services.agenda_item_add(actor=request.user, meeting=meeting, case=case,
                                    supplementary=bool(request.POST.get("supplementary")))
    return f"{item.label} {item.title} er satt opp."


def _do_add_other(request, meeting):
    item = services.agenda_item_add_other(actor=request.user, meeting=meeting, kind=request.POST.get("kind", ""),
                                          title=request.POST.get("title", ""))
    return f"{item.label} er lagt til."


def _do_move(request, meeting):
    services.agenda_item_move(actor=request.user, item=_required_item(meeting, request.POST.get("item")),
                              direction=request.POST.get("direction", "down"))
    return "Rekkefølgen er endret."


def _do_remove(request, meeting):
    services.agenda_item_remove(actor=request.user, item=_required_item(meeting, request.POST.get("item")))
    return "Saken er tatt av sakslisten."


def _do_close(request, meeting):
    form = AgendaItemCloseForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form_errors(form))
    basis = form.cleaned_data["closed_basis"]
    item = services.agenda_item_close(actor=request.user, item=_required_item(meeting, form.cleaned_data["item"]),
                                      closed=bool(basis), basis=basis)
    return f"{item.label} er {'lukket (' + item.get_closed_basis_display() + ')' if basis else 'åpen'}."


def _do_supplementary_notice(request, meeting):
    items = services.meeting_send_supplementary_notice(actor=request.user, meeting=meeting,
                                                       override_reason=request.POST.get("override_reason", ""))
    return f"Tilleggsinnkalling sendt for {', '.join(i.label for i in items)}."


def _do_absence(request, meeting):
    membership = _membership(meeting, request.POST.get("membership"))
    if membership is None:
        raise ValidationError("Velg hvem som har forfall.")
    absence = services.absence_register(actor=request.user, meeting=meeting, membership=membership,
                                        items=_items(meeting, request.POST.getlist("items")),
                                        reason=request.POST.get("reason", ""))
    proposed = absence.proposed_substitute
    return f"Forfall registrert for {membership.person}." + (
        f" Neste vara på lista: {proposed.person}." if proposed else "")


def _do_confirm_substitute(request, meeting):
    absence = get_object_or_404(Absence, pk=int_or(request.POST.get("absence")), meeting=meeting)
    absence = services.absence_confirm_substitute(
        actor=request.user, absence=absence, substitute=_membership(meeting, request.POST.get("substitute")))
    return f"{absence.substitute.person} er kalt inn og får e-post med sakslisten."


def _do_fill_attendance(request, meeting):
    n = services.attendance_fill_from_notice(actor=request.user, meeting=meeting)
    return f"{n} møtende registrert fra innkallingen."


def _do_attend(request, meeting):
    membership = _membership(meeting, request.POST.get("membership"))
    if membership is None:
        raise ValidationError("Velg hvem som møter.")
    services.attendance_register(actor=request.user, meeting=meeting, membership=membership,
                                 substitute_for=_membership(meeting, request.POST.get("substitute_for")),
                                 arrived_before=_item(meeting, request.POST.get("arrived_before")))
    return f"{membership.person} er registrert som møtt."


def _attendance_correction(request, meeting) -> dict:
    form = AttendanceCorrectionForm(request.POST, meeting=meeting)
    if not form.is_valid():
        raise ValidationError(form.errors_text())
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
    item = _item(meeting, request.POST.get("item"))
    membership = _membership(meeting, request.POST.get("membership"))
    if item is None or membership is None:
        raise ValidationError("Velg sak og medlem.")
    recusal = services.recusal_register(
        actor=request.user, item=item, membership=membership, grounds=request.POST.get("grounds", ""),
        decided=request.POST.get("decided", "1") == "1",
        substitute=_membership(meeting, request.POST.get("substitute")))
    return f"{membership.person} er erklært {'inhabil' if recusal.decided else 'habil'} i {item.label}."


def _do_current(request, meeting):
    item = _item(meeting, request.POST.get("item"))
    services.live_set_current_item(actor=request.user, meeting=meeting, item=item,
                                   record_video=bool(request.POST.get("record_video")))
    return f"{item.label} er under behandling." if item else "Ingen sak under behandling."


def _do_video(request, meeting):
    item = _required_item(meeting, request.POST.get("item"))
    item = services.agenda_item_mark_video(actor=request.user, item=item, seconds=_seconds(request.POST.get("seconds", "")))
    return f"Videotidspunkt for {item.label}: {item.video_offset_seconds} sekunder."


def _do_video_start(request, meeting):
    services.meeting_set_video_start(actor=request.user, meeting=meeting)
    return "Videoens starttid er satt til nå."


def _do_proposal(request, meeting):
    item = _required_item(meeting, request.POST.get("item"))
    if request.POST.get("recommendation"):
        services.proposal_recommendation(actor=request.user, item=item)
        return "Innstillingen er lagt inn som forslag."
    services.proposal_add(actor=request.user, item=item, by=request.POST.get("by", ""),
                          text=request.POST.get("text", ""))
    return "Forslaget er registrert."


def _form_error(form) -> ValidationError:
    return ValidationError([m for errors in form.errors.values() for m in errors])


def _do_vote(request, meeting):
    item = _required_item(meeting, request.POST.get("item"))
    form = VoteForm(request.POST, item=item)
    if not form.is_valid():
        raise _form_error(form)
    vote = services.vote_record(actor=request.user, item=item, **form.vote_arguments())
    return f"Forslag {vote.proposal.position}: {vote.result_label}."


def _do_chair(request, meeting):
    """The nestleder or an elected setteleder leads an item (or the meeting) the leader cannot (koml. § 11-2)."""
    form = ChairForm(request.POST, meeting=meeting)
    if not form.is_valid():
        raise _form_error(form)
    item = form.cleaned_data["item"]
    acting = services.chair_record(actor=request.user, meeting=meeting, membership=form.cleaned_data["membership"],
                                   item=item)
    where = item.label if item else "hele møtet"
    role = "setteleder" if acting.how == "valgt" else "møteleder som nestleder"
    return f"{acting.membership.person} er {role} i {where}."


def _do_decide(request, meeting):
    item = _required_item(meeting, request.POST.get("item"))
    forward_to = Organization.objects.filter(pk=int_or(request.POST.get("forward_to"))).first()
    services.item_decide(actor=request.user, item=item, text=request.POST.get("text", ""),
                         next_step=request.POST.get("next_step", "final"), forward_to=forward_to)
    item.consultation.case.refresh_from_db()
    case = item.consultation.case
    return f"Vedtak registrert i {item.label}. Saken har nå status «{case.get_state_display()}»" + (
        f" hos {case.current_consultation.organization}." if case.state == CaseState.KLAR else ".")


def _do_outcome(request, meeting):
    item = _required_item(meeting, request.POST.get("item"))
    result = services.item_set_outcome(actor=request.user, item=item, outcome=request.POST.get("outcome", ""),
                                       comment=request.POST.get("comment", ""))
    return f"{item.label}: {result.get_outcome_display()}."


def _do_remark(request, meeting):
    services.remark_add(actor=request.user, meeting=meeting, item=_item(meeting, request.POST.get("item")),
                        by=request.POST.get("by", ""), text=request.POST.get("text", ""))
    return "Protokolltilførselen er registrert."


def _do_decision_text(request, meeting):
    item = _item(meeting, request.POST.get("item"))
    if item is None or not selectors._has(item, "decision"):
        raise ValidationError("Saken har ikke noe vedtak.")
    services.decision_update(actor=request.user, decision=item.decision, text=request.POST.get("text", ""))
    return f"Vedtaksteksten i {item.label} er rettet."


def _do_minutes(request, meeting):
    signers = list(Person.objects.filter(pk__in=[int_or(v) for v in request.POST.getlist("signers")]))
    services.minutes_update(actor=request.user, meeting=meeting,
                            approval_label=request.POST.get("approval_label", ""), signers=signers)
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
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                                  require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return redirect("meetings:detail", pk=meeting.pk)
