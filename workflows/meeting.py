"""The meeting lifecycle (DOMAIN.md §2).

planlagt → innkalt (notice sent and papers published, one atomic step) → gjennomfort →
protokoll_utkast → protokoll_godkjent → arkivert; avlyst from planlagt or innkalt.

The guards and effects (the notice deadline of koml. § 11-3, every item treated, the frozen minutes of
koml. § 11-4, releasing the agenda of a cancelled meeting) are the meetings app's handlers.
"""

from __future__ import annotations

from django.db import models

from .roles import Role
from .spec import Input, InputKind, Transition, Workflow, register, states


class MeetingState(models.TextChoices):
    PLANLAGT = "planlagt", "Planlagt"
    INNKALT = "innkalt", "Innkalt"
    GJENNOMFORT = "gjennomfort", "Gjennomført"
    PROTOKOLL_UTKAST = "protokoll_utkast", "Protokoll i utkast"
    PROTOKOLL_GODKJENT = "protokoll_godkjent", "Protokoll godkjent"
    ARKIVERT = "arkivert", "Arkivert"
    AVLYST = "avlyst", "Avlyst"


M = MeetingState
FAGLEDER = Role.FAGLEDER

MEETING_STATES = states(MeetingState, {
    # Before the meeting: the agenda may still change.
    "before_meeting": [M.PLANLAGT, M.INNKALT],
    # The notice is out: the agenda is public (each item after its own notice).
    "agenda_public": [M.INNKALT, M.GJENNOMFORT, M.PROTOKOLL_UTKAST, M.PROTOKOLL_GODKJENT, M.ARKIVERT],
    # The meeting may be run: attendance, votes, decisions, remarks.
    "live": [M.INNKALT, M.GJENNOMFORT, M.PROTOKOLL_UTKAST],
    "held": [M.GJENNOMFORT, M.PROTOKOLL_UTKAST, M.PROTOKOLL_GODKJENT, M.ARKIVERT],
    # koml. § 11-4: the approved minutes are the record; nothing of the meeting changes any more.
    "minutes_public": [M.PROTOKOLL_GODKJENT, M.ARKIVERT],
    "locked": [M.PROTOKOLL_GODKJENT, M.ARKIVERT],
    # The agenda cannot change: the meeting is held, locked or cancelled.
    "agenda_locked": [M.GJENNOMFORT, M.PROTOKOLL_UTKAST, M.PROTOKOLL_GODKJENT, M.ARKIVERT, M.AVLYST],
    "cancelled": [M.AVLYST],
    "final": [M.ARKIVERT, M.AVLYST],
    # A calendar shows the meeting as planned/confirmed (not cancelled).
    "scheduled": [M.PLANLAGT, M.INNKALT, M.GJENNOMFORT, M.PROTOKOLL_UTKAST, M.PROTOKOLL_GODKJENT, M.ARKIVERT],
})

MEETING_WORKFLOW = register(Workflow("meeting", MeetingState, MEETING_STATES, (
    Transition("send_notice", "Send innkalling", (M.PLANLAGT,), M.INNKALT, roles=(FAGLEDER,),
               inputs=(Input("override_reason", InputKind.TEXT, "Begrunnelse for sen innkalling"),),
               help="Innkallingen sendes og sakspapirene publiseres i samme steg (koml. § 11-3).",
               handler_required=True),
    Transition("hold", "Marker som gjennomført", (M.INNKALT,), M.GJENNOMFORT, roles=(FAGLEDER,),
               handler_required=True),
    Transition("draft_minutes", "Lag protokollutkast", (M.GJENNOMFORT,), M.PROTOKOLL_UTKAST, roles=(FAGLEDER,),
               handler_required=True),
    Transition("approve_minutes", "Godkjenn protokollen", (M.PROTOKOLL_UTKAST,), M.PROTOKOLL_GODKJENT,
               roles=(FAGLEDER,),
               inputs=(Input("approval_label", InputKind.TEXT, "Godkjent av", max_length=300),  # its column
                       Input("signers", InputKind.OBJECTS, "Signert av", model="organizations.Person"),
                       # dates: not before the meeting, not in the future (meetings/services/minutes.py)
                       Input("approved_on", InputKind.DATE, "Godkjent dato",
                             help="Datoen protokollen ble godkjent eller signert; tom betyr i dag.")),
               help="Godkjent av organet i neste møte eller signert av de valgte medlemmene, tidligst da møtet "
                    "er holdt.",
               handler_required=True),
    Transition("archive", "Arkiver", (M.PROTOKOLL_GODKJENT,), M.ARKIVERT, roles=(FAGLEDER,)),
    Transition("cancel", "Avlys møtet", (M.PLANLAGT, M.INNKALT), M.AVLYST, roles=(FAGLEDER,),
               comment_required="Skriv hvorfor møtet avlyses.", handler_required=True),
)))

MeetingWorkflow = MEETING_WORKFLOW.model_mixin("MeetingWorkflow", __name__)
