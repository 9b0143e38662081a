"""The live pages (issue 16): a member's page (ask for the floor, vote), the møteleder's controls (posted from
møtemodus) and the public live page. Each renders the same state as the websocket pushes (selectors.live_state);
without JavaScript the forms post and redirect, and the public page reloads itself.

A POST sent by the page's script (header X-Saksgang-Live) gets JSON back: {"ok": true, "message": …}, or
{"ok": false, "error": …} with 400 (refused), 401 (logged out), 403 (not for this user) or 404 (no such meeting or
action); the new state then arrives over the websocket."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from secretariat.common.forms import error_text
from secretariat.meetings.models import Meeting, VoteKind
from workflows.errors import WorkflowError

from . import selectors, services
from .forms import (
    AddSpeakerForm,
    CastForm,
    HandCastForm,
    MoveSpeechForm,
    NextForm,
    OpenVoteForm,
    RequestFloorForm,
    SpeechForm,
    StartSpeechForm,
    VoteActionForm,
)

AJAX_HEADER = "X-Saksgang-Live"


class InputError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _valid(form) -> dict:
    if not form.is_valid():
        raise InputError(error_text(form))
    return form.cleaned_data


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("organization"), pk=pk)


def _state_context(request, meeting: Meeting, mode: str) -> dict:
    state = selectors.live_state(meeting, selectors.Viewer(mode, None if mode == selectors.PUBLIC else request.user))
    return {"meeting": meeting, "state": state, "socket_path": socket_path(meeting, mode)}


def socket_path(meeting: Meeting, mode: str) -> str:
    return {selectors.PUBLIC: f"/ws/innsyn/moter/{meeting.pk}/direkte/",
            selectors.MEMBER: f"/ws/direkte/{meeting.pk}/",
            selectors.CONTROL: f"/ws/direkte/{meeting.pk}/styring/"}[mode]


@require_GET
def public_live(request, pk: int):
    """/innsyn/moter/<id>/direkte/: the item under treatment with its kort fortalt, the speaker list, vote results
    as they close and the video stream; nothing before the notice, nothing of a closed item's content."""
    meeting = _meeting(pk)
    if not selectors.can_open_public(meeting):
        raise Http404("Møtet er ikke kunngjort ennå.")
    return render(request, "live/public.html", _state_context(request, meeting, selectors.PUBLIC))


@login_required
@require_GET
def member_live(request, pk: int):
    """/intern/direkte/<id>/: the member's own live page: ask for the floor, vote, follow the count."""
    meeting = _meeting(pk)
    if not selectors.can_open_member(request.user, meeting):
        raise PermissionDenied("Denne siden er for organets medlemmer og politisk sekretariat.")
    return render(request, "live/member.html", _state_context(request, meeting, selectors.MEMBER))


# --- posts ---------------------------------------------------------------------------------------------------


def _floor(request, meeting):
    data = _valid(RequestFloorForm(request.POST, meeting=meeting))
    speech = services.speech_request(actor=request.user, meeting=meeting, kind=data["kind"])
    return f"Du står på talerlisten ({speech.get_kind_display().lower()})."


def _withdraw(request, meeting):
    data = _valid(SpeechForm(request.POST, meeting=meeting))
    services.speech_withdraw(actor=request.user, speech=data["speech"])
    return "Du er tatt av talerlisten."


def _cast(request, meeting):
    data = _valid(CastForm(request.POST, meeting=meeting))
    services.evote_cast(actor=request.user, evote=data["vote"], choice=data["choice"])
    return "Stemmen din er registrert."


MEMBER_ACTIONS = {"ordet": _floor, "trekk": _withdraw, "stem": _cast}


def _open(request, meeting):
    data = _valid(OpenVoteForm(request.POST, meeting=meeting))
    evote = services.evote_open(actor=request.user, meeting=meeting, proposal=data["proposal"],
                                kind=data["kind"] or VoteKind.CASE, secret=data["secret"])
    return f"Avstemningen over forslag {evote.proposal.position} er åpnet."


def _hand(request, meeting):
    data = _valid(HandCastForm(request.POST, meeting=meeting))
    services.evote_cast(actor=request.user, evote=data["vote"], choice=data["choice"], membership=data["membership"])
    return f"Stemmen fra {data['membership'].person} er registrert."


def _close(request, meeting):
    data = _valid(VoteActionForm(request.POST, meeting=meeting))
    evote = services.evote_close(actor=request.user, evote=data["vote"], casting_vote=data["casting_vote"],
                                 lots_winner=data["lots_winner"])
    return f"Forslag {evote.proposal.position}: {evote.result.result_label}."


def _cancel(request, meeting):
    data = _valid(VoteActionForm(request.POST, meeting=meeting))
    services.evote_cancel(actor=request.user, evote=data["vote"])
    return "Avstemningen er avbrutt."


def _start(request, meeting):
    form = StartSpeechForm(request.POST, meeting=meeting)
    data = _valid(form)
    speech = services.speech_start(actor=request.user, speech=data["speech"],
                                   time_limit_seconds=form.time_limit_seconds())
    return f"{speech.membership.person} har ordet."


def _end(request, meeting):
    speech = services.speech_end(actor=request.user, meeting=meeting)
    return f"{speech.membership.person} er ferdig."


def _move(request, meeting):
    data = _valid(MoveSpeechForm(request.POST, meeting=meeting))
    services.speech_move(actor=request.user, speech=data["speech"], direction=data["direction"])
    return "Talerlisten er endret."


def _strike(request, meeting):
    data = _valid(SpeechForm(request.POST, meeting=meeting))
    services.speech_withdraw(actor=request.user, speech=data["speech"])
    return "Innlegget er tatt av talerlisten."


def _add(request, meeting):
    data = _valid(AddSpeakerForm(request.POST, meeting=meeting))
    speech = services.speech_request(actor=request.user, meeting=meeting, kind=data["kind"],
                                     membership=data["membership"])
    return f"{speech.membership.person} er satt på talerlisten."


CONTROL_ACTIONS = {"apne": _open, "stem-for": _hand, "avslutt": _close, "avbryt": _cancel, "gi-ordet": _start,
                   "ferdig": _end, "flytt": _move, "stryk": _strike, "sett-opp": _add}


def _answer(request, meeting, handler, default_next: str):
    wants_json = request.headers.get(AJAX_HEADER) == "1"
    try:
        message = handler(request, meeting)
    except (WorkflowError, InputError) as exc:
        if wants_json:
            return JsonResponse({"ok": False, "error": exc.message}, status=400)
        messages.error(request, exc.message)
    else:
        if wants_json:
            return JsonResponse({"ok": True, "message": message})
        messages.success(request, message)
    follow = NextForm(request.POST)
    target = follow.cleaned_data["next"] if follow.is_valid() else ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                                  require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return redirect(default_next)


def _refused(request, status: int, message: str):
    """A post the page's script sent gets its refusal as JSON, so the member hears why (logged out, not entitled,
    no such action) instead of a page the script cannot read; a plain form post gets the usual pages."""
    if request.headers.get(AJAX_HEADER) == "1":
        return JsonResponse({"ok": False, "error": message}, status=status)
    if status == 401:
        return redirect_to_login(request.get_full_path())
    raise (Http404 if status == 404 else PermissionDenied)(message)


@require_POST
def member_action(request, pk: int, action: str):
    if not request.user.is_authenticated:
        return _refused(request, 401, "Du er logget ut. Logg inn igjen for å be om ordet eller stemme.")
    meeting = Meeting.objects.select_related("organization").filter(pk=pk).first()
    handler = MEMBER_ACTIONS.get(action)
    if meeting is None or handler is None:
        return _refused(request, 404, "Ukjent møte eller handling.")
    if not selectors.can_open_member(request.user, meeting):
        return _refused(request, 403, "Bare organets medlemmer kan be om ordet og stemme.")
    return _answer(request, meeting, handler, reverse("live:member", args=[meeting.pk]))


@require_POST
def control_action(request, pk: int, action: str):
    if not request.user.is_authenticated:
        return _refused(request, 401, "Du er logget ut. Logg inn igjen for å styre møtet.")
    meeting = Meeting.objects.select_related("organization").filter(pk=pk).first()
    handler = CONTROL_ACTIONS.get(action)
    if meeting is None or handler is None:
        return _refused(request, 404, "Ukjent møte eller handling.")
    if not selectors.can_control(request.user):
        return _refused(request, 403, "Bare politisk sekretariat styrer møtet.")
    return _answer(request, meeting, handler, reverse("meetings:live", args=[meeting.pk]))
