"""Reads for the live pages: the state of the meeting as one viewer may see it. The public page, a member's page
and møtemodus render the same state; what is left out for whom is the access policy's call (secretariat.access)
and the meeting's own data (meetings.selectors.minutes_data), never a rule written here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from secretariat import access
from secretariat.accounts.roles import Role, has_role
from secretariat.meetings import selectors as meeting_selectors
from secretariat.meetings import services as meeting_services
from secretariat.meetings.models import Meeting, VoteKind

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
    if has_role(user, Role.FAGLEDER):
        return True
    if not has_role(user, Role.FOLKEVALGT) or not access.agenda_is_public(meeting):
        return False
    return bool(services.memberships_of_user(user, meeting))


def can_control(user) -> bool:
    return has_role(user, Role.FAGLEDER)


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


def live_state(meeting: Meeting, viewer: Viewer) -> dict:
    """Everything a live page shows, for this viewer."""
    version = services.current_version(meeting)
    current = meeting_selectors.current_item(meeting)
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
    data = meeting_selectors.minutes_data(meeting, public=viewer.public, user=audience)
    item_data = next((d for d in data["items"] if d["id"] == current.pk), None)
    if item_data is None:
        state["item_hidden"] = True
        return state
    state["item"] = item_data
    state["closed"] = bool(item_data["closed"])
    state["results"] = item_data["votes"]
    if viewer.public and not item_data["content_shown"]:
        # A closed item (koml. § 11-5) or one whose content is withheld: the public sees its public title only;
        # no speakers and no votes.
        state["results"] = []
        return state
    speeches = list(current.speeches.exclude(state=SpeechState.WITHDRAWN).select_related(
        "membership__person__party", "membership__electoral_list").order_by("position", "pk"))
    me = None
    if viewer.mode == MEMBER:
        me = services.present_membership(viewer.user, current)
        state["me"] = me
        state["can_speak"] = me is not None and meeting.state in meeting_services.LIVE_STATES
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
    if evote is not None and evote.agenda_item_id == current.pk:
        vote = {"id": evote.pk, "proposal": evote.proposal, "kind": evote.kind, "kind_label": evote.get_kind_display(),
                "secret": evote.secret, "blank_allowed": meeting_services.blank_allowed(evote.kind),
                "counts": None, "voted": False, "own_choice": "", "can_vote": False}
        if not viewer.public:
            vote["counts"] = services.evote_counts(evote)
        if viewer.mode == MEMBER and me is not None:
            vote["voted"] = services.has_voted(evote, me)
            vote["own_choice"] = services.own_choice(evote, me)
            vote["can_vote"] = not vote["voted"]
        if viewer.mode == CONTROL:
            voted = set((evote.secret_voters if evote.secret else evote.ballots).values_list("membership_id",
                                                                                              flat=True))
            vote["not_voted"] = [a.membership for a in meeting_selectors.present_for_item(current)
                                 if a.membership_id not in voted]
        state["vote"] = vote
    if viewer.mode == CONTROL:
        state["proposals"] = list(current.proposals.all())
        state["present"] = [a.membership for a in meeting_selectors.present_for_item(current)]
        state["vote_kinds"] = VoteKind.choices
        state["editable"] = meeting.state in meeting_services.LIVE_STATES
        state["default_time"] = services.settings_for(meeting).speaking_time_seconds
    return state
