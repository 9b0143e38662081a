"""Reads for the live pages: the state of the meeting as one viewer may see it. The public page, a member's page
and møtemodus render the same state; what is left out for whom is the access policy's call (secretariat.access)
and the meeting's own data (meetings.selectors.minutes_data), never a rule written here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from secretariat import access
from secretariat.innsyn.selectors import public_item, votes_for_items
from secretariat.meetings import selectors as meeting_selectors
from secretariat.meetings import services as meeting_services
from secretariat.meetings.models import AgendaItem, Meeting, VoteKind

from . import services
from .models import Speech, SpeechState

PUBLIC, MEMBER, CONTROL = "public", "member", "control"


@dataclass(frozen=True)
class Viewer:
    mode: str
    user: object = None

    @property
    def public(self) -> bool:
        return self.mode == PUBLIC


def can_open_public(meeting: Meeting) -> bool:
    """Nothing of a meeting is public before its notice (koml. § 11-3)."""
    return access.agenda_is_public(meeting)


def can_open_member(user, meeting: Meeting) -> bool:
    """A member's live page: the body's own members and substitutes (after the notice), and the secretariat."""
    if access.is_secretariat(user):
        return True
    if not access.is_portal_user(user) or not access.agenda_is_public(meeting):
        return False
    return bool(services.memberships_of_user(user, meeting))


def can_control(user) -> bool:
    """The møteleder's controls (møtemodus) are run by the politisk sekretariat."""
    return access.is_secretariat(user)


def allowed(viewer: Viewer, meeting: Meeting) -> bool:
    if viewer.mode == PUBLIC:
        return can_open_public(meeting)
    if viewer.mode == MEMBER:
        return can_open_member(viewer.user, meeting)
    return can_control(viewer.user)


def _speech_row(speech: Speech) -> dict:
    ends_at = None
    if speech.state == SpeechState.SPEAKING and speech.started_at and speech.time_limit_seconds:
        ends_at = speech.started_at + dt.timedelta(seconds=speech.time_limit_seconds)
    return {"id": speech.pk, "name": speech.membership.person.name,
            "party": meeting_selectors.party_label(speech.membership), "kind": speech.kind,
            "kind_label": speech.get_kind_display(), "started_at": speech.started_at, "ends_at": ends_at,
            "time_limit_seconds": speech.time_limit_seconds, "membership_id": speech.membership_id,
            "own": False}


def _public_item(item: AgendaItem, meeting: Meeting) -> dict | None:
    """The item as the public portal's meeting page shows it (innsyn.selectors), in the live page's shape."""
    annotated = access.annotate_case_has_closed_item(AgendaItem.objects.filter(pk=item.pk).select_related(
        "consultation__case__paper", "consultation__organization", "decision", "meeting__organization"))
    found = access.published_agenda_items(annotated).first()
    if found is None:
        return None
    view = public_item(found, meeting)
    votes = votes_for_items([found.pk]).get(found.pk, []) if view.content_public else []
    return {"id": found.pk, "label": view.label, "title": view.title, "summary": view.summary, "recommendation": "",
            "closed": bool(view.closed_marking), "closed_marking": view.closed_marking,
            "exempt_marking": view.exempt_marking, "content_shown": view.content_public, "case_id": view.case_id,
            "votes": [{"proposal": v["proposal"], "proposal_by": v["proposal_by"], "result_label": v["result"],
                       "secret": v["secret"], "named": v["named"],
                       "by_party": [{"party": p["party"], "for": p["for"], "against": p["against"],
                                     "blank": p["blank"]} for p in v["by_party"]]} for v in votes]}


def _member_item(item: AgendaItem, user) -> dict | None:
    """The item as the meeting's own data gives it to this member or to the secretariat (meetings.selectors)."""
    data = meeting_selectors.agenda_item_data(item, user=user)
    if data is None:
        return None
    closed = access.closed_item_marking(item)
    return {"id": data["id"], "label": data["label"], "title": data["title"], "summary": data["summary"],
            "recommendation": data["recommendation"], "closed": bool(closed), "closed_marking": closed,
            "exempt_marking": data["exempt_marking"], "content_shown": data["content_shown"],
            "case_id": data["case_id"],
            "votes": [{"proposal": v["proposal"], "proposal_by": v["proposal_by"], "result_label": v["result_label"],
                       "secret": v["secret"], "named": v["named"],
                       "by_party": [{"party": p["party"], "for": p["for_count"], "against": p["against_count"],
                                     "blank": p["blank_count"]} for p in v["by_party"]]} for v in data["votes"]]}


def live_state(meeting: Meeting, viewer: Viewer) -> dict:
    """Everything a live page shows, for this viewer."""
    version = services.current_version(meeting)
    current = services.current_item(meeting)
    audience = None if viewer.public else viewer.user
    state = {"meeting": meeting, "version": version, "mode": viewer.mode, "item": None, "item_hidden": False,
             "closed": False, "speaking": None, "waiting": [], "done": [], "vote": None, "results": [],
             "video_url": meeting.video_url, "me": None, "my_waiting": [], "can_speak": False,
             "proposals": [], "present": [], "blank_allowed": False, "now": timezone.now()}
    if current is None:
        return state
    if not access.can_view_agenda_item(audience, current):
        state["item_hidden"] = True  # a tilleggssak before its own notice: not even its title
        return state
    item_data = _public_item(current, meeting) if viewer.public else _member_item(current, viewer.user)
    if item_data is None:
        state["item_hidden"] = True
        return state
    state["item"] = item_data
    state["closed"] = item_data["closed"]
    state["results"] = item_data["votes"]
    if viewer.public and not item_data["content_shown"]:
        # A closed item (koml. § 11-5) or one whose content is withheld: the public sees its public title only;
        # no speakers and no votes.
        state["results"] = []
        return state
    speeches = list(current.speeches.exclude(state=SpeechState.WITHDRAWN).select_related(
        "membership__person__party", "membership__electoral_list").order_by("position", "pk"))
    me = None
    present = meeting_selectors.present_for_item(current)
    if viewer.mode == MEMBER:
        me = services.present_membership(viewer.user, current, present)
        state["me"] = me
        state["can_speak"] = me is not None and meeting.state in services.IN_SESSION
    for speech in speeches:
        row = _speech_row(speech)
        row["own"] = me is not None and speech.membership_id == me.pk
        if speech.state == SpeechState.SPEAKING:
            state["speaking"] = row
        elif speech.state == SpeechState.WAITING:
            state["waiting"].append(row)
        else:
            state["done"].append(row)
    state["my_waiting"] = [row for row in state["waiting"] if row["own"]]
    state["replies_open"] = bool(state["speaking"] and state["speaking"]["kind"] == "innlegg")
    evote = services.open_vote(meeting)
    if viewer.mode == CONTROL and evote is not None and evote.agenda_item_id != current.pk:
        # Left open in an item the møteleder has moved on from: shown so that it can be closed or cancelled.
        state["stray_vote"] = {"id": evote.pk, "proposal": evote.proposal, "label": evote.agenda_item.label}
    if evote is not None and evote.agenda_item_id == current.pk:
        vote = {"id": evote.pk, "proposal": evote.proposal, "kind": evote.kind, "kind_label": evote.get_kind_display(),
                "secret": evote.secret, "blank_allowed": meeting_services.blank_allowed(evote.kind),
                "counts": None, "voted": False, "own_choice": "", "can_vote": False}
        if not viewer.public:
            counts = services.evote_counts(evote, present)
            if evote.secret:
                # A secret ballot's running totals by choice, next to who has (not) voted, would tell who voted what
                # as the votes come in: only how many have voted is shown until the vote is closed.
                counts = {**counts, "for": None, "mot": None, "blank": None}
            vote["counts"] = counts
        if viewer.mode == MEMBER and me is not None:
            vote["voted"] = services.has_voted(evote, me)
            vote["own_choice"] = services.own_choice(evote, me)
            vote["can_vote"] = not vote["voted"] and meeting.state in services.IN_SESSION
        if viewer.mode == CONTROL:
            voted = set((evote.secret_voters if evote.secret else evote.ballots).values_list("membership_id",
                                                                                              flat=True))
            vote["not_voted"] = [a.membership for a in present if a.membership_id not in voted]
        state["vote"] = vote
    if viewer.mode == CONTROL:
        state["proposals"] = list(current.proposals.all())
        state["present"] = [a.membership for a in present]
        state["vote_kinds"] = VoteKind.choices
        state["editable"] = meeting.state in services.IN_SESSION
        state["default_time"] = services.settings_for(meeting).speaking_time_seconds
    return state
