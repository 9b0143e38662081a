"""The meeting lifecycle (DOMAIN.md §2).

planlagt → innkalt (notice sent and papers published, one atomic step) → gjennomfort →
protokoll_utkast → protokoll_godkjent → arkivert; avlyst from planlagt or innkalt.
"""

from __future__ import annotations

from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from secretariat.accounts.roles import Role

from .errors import GuardFailed
from .permissions import roles


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


class MeetingWorkflow(ConcurrentTransitionMixin, FSMModelMixin, models.Model):
    state = FSMField("status", default=M.PLANLAGT, choices=MeetingState.choices, protected=True, db_index=True)

    class Meta:
        abstract = True

    @transition(
        field=state, source=M.PLANLAGT, target=M.INNKALT, permission=roles(FAGLEDER),
        custom={"label": "Send innkalling", "roles": (FAGLEDER,),
                "help": "Innkallingen sendes og sakspapirene publiseres i samme steg (koml. § 11-3)."},
    )
    def send_notice(self, *, actor, comment="", override_reason: str = ""):
        from secretariat.meetings.services import meeting_check_notice, meeting_publish_notice

        meeting_check_notice(meeting=self, override_reason=override_reason)
        # The notice, the agenda and the public papers go out in this same transaction (koml. § 11-3).
        meeting_publish_notice(meeting=self)

    @transition(
        field=state, source=M.INNKALT, target=M.GJENNOMFORT, permission=roles(FAGLEDER),
        custom={"label": "Marker som gjennomført", "roles": (FAGLEDER,)},
    )
    def hold(self, *, actor, comment=""):
        from secretariat.meetings.services import meeting_check_all_items_treated

        meeting_check_all_items_treated(meeting=self)

    @transition(
        field=state, source=M.GJENNOMFORT, target=M.PROTOKOLL_UTKAST, permission=roles(FAGLEDER),
        custom={"label": "Lag protokollutkast", "roles": (FAGLEDER,)},
    )
    def draft_minutes(self, *, actor, comment=""):
        from secretariat.meetings.models import Minutes

        Minutes.objects.get_or_create(meeting=self)

    @transition(
        field=state, source=M.PROTOKOLL_UTKAST, target=M.PROTOKOLL_GODKJENT, permission=roles(FAGLEDER),
        custom={"label": "Godkjenn protokollen", "roles": (FAGLEDER,),
                "help": "Godkjent av organet i neste møte eller signert av de valgte medlemmene."},
    )
    def approve_minutes(self, *, actor, comment=""):
        from secretariat.meetings.services import minutes_freeze

        # Approved by the body at its next meeting, or signed by the members chosen to sign (koml. § 11-4).
        minutes_freeze(meeting=self, actor=actor)

    @transition(
        field=state, source=M.PROTOKOLL_GODKJENT, target=M.ARKIVERT, permission=roles(FAGLEDER),
        custom={"label": "Arkiver", "roles": (FAGLEDER,)},
    )
    def archive(self, *, actor, comment=""):
        pass

    @transition(
        field=state, source=[M.PLANLAGT, M.INNKALT], target=M.AVLYST, permission=roles(FAGLEDER),
        custom={"label": "Avlys møtet", "roles": (FAGLEDER,)},
    )
    def cancel(self, *, actor, comment=""):
        if not comment.strip():
            raise GuardFailed("Skriv hvorfor møtet avlyses.", field="comment")
        from secretariat.meetings.services import meeting_release_agenda

        self.cancelled_reason = comment.strip()
        self.sequence += 1  # calendars show the cancellation (RFC 5545 SEQUENCE)
        meeting_release_agenda(meeting=self, actor=actor)
