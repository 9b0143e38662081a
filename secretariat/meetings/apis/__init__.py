"""Meetings over the API: meetings, agenda items, absence, attendance, votes and decisions.

Reads show what `secretariat.access` lets the user see (per user, through the selectors); writes go through the
same services as the staff UI, so the same
rules and the same Norwegian messages apply (errors as JSON via secretariat.api.errors).

What is where (this module re-exports the public names and keeps `register(router)`):
- `meetings`: MeetingSerializer, MeetingWriteSerializer, AbsenceSerializer, MeetingViewSet (the meeting and its
  agenda, notice, minutes, questions, absences, attendance and chair actions).
- `agenda_items`: AgendaItemDataSerializer, AgendaItemViewSet (close, recusals, proposals, votes, decide, outcome,
  video).
- `votes`: VoteSerializer, VoteViewSet.
- `decisions`: DecisionSerializer, DecisionViewSet.
- `inputs`: the typed input of the actions (the `...Request` serializers).
- `_common`: private helpers of the viewsets (a member or an agenda item of the meeting from an id).
"""

from __future__ import annotations

from .agenda_items import AgendaItemDataSerializer, AgendaItemViewSet
from .decisions import DecisionSerializer, DecisionViewSet
from .inputs import (
    AbsenceRequest,
    AgendaAddRequest,
    AttendanceRequest,
    ChairRequest,
    CloseRequest,
    ConfirmSubstituteRequest,
    DecideRequest,
    OutcomeRequest,
    ProposalRequest,
    QuestionRequest,
    RecusalRequest,
    VideoRequest,
    VoteRequest,
)
from .meetings import AbsenceSerializer, MeetingSerializer, MeetingViewSet, MeetingWriteSerializer
from .votes import VoteSerializer, VoteViewSet

__all__ = [
    "AbsenceRequest",
    "AbsenceSerializer",
    "AgendaAddRequest",
    "AgendaItemDataSerializer",
    "AgendaItemViewSet",
    "AttendanceRequest",
    "ChairRequest",
    "CloseRequest",
    "ConfirmSubstituteRequest",
    "DecideRequest",
    "DecisionSerializer",
    "DecisionViewSet",
    "MeetingSerializer",
    "MeetingViewSet",
    "MeetingWriteSerializer",
    "OutcomeRequest",
    "ProposalRequest",
    "QuestionRequest",
    "RecusalRequest",
    "VideoRequest",
    "VoteRequest",
    "VoteSerializer",
    "VoteViewSet",
    "register",
]


def register(router):
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")
    router.register("votes", VoteViewSet, basename="vote")
    router.register("decisions", DecisionViewSet, basename="decision")
