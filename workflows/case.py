"""The case lifecycle (DOMAIN.md §2).

utredning → til_godkjenning → klar → satt_opp → behandlet → til_neste_organ (→ klar for the next body)
                                                            └→ vedtatt → i_oppfolging → avsluttet
Side paths: satt_opp → utsatt → klar; satt_opp → sendt_tilbake → utredning; → trukket (withdrawn).

The gate of koml. § 13-1: only the kommunedirektør (or a delegate) approves the innstilling, which moves
a case to `klar`; nothing reaches an agenda before that.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from secretariat.accounts.roles import Role

from .errors import GuardFailed
from .permissions import owner_or_roles, roles


class CaseState(models.TextChoices):
    UTREDNING = "utredning", "Under utredning"
    TIL_GODKJENNING = "til_godkjenning", "Til godkjenning"
    KLAR = "klar", "Klar til behandling"
    SATT_OPP = "satt_opp", "Satt opp på saksliste"
    BEHANDLET = "behandlet", "Behandlet"
    TIL_NESTE_ORGAN = "til_neste_organ", "Til neste organ"
    VEDTATT = "vedtatt", "Vedtatt"
    I_OPPFOLGING = "i_oppfolging", "I oppfølging"
    AVSLUTTET = "avsluttet", "Avsluttet"
    UTSATT = "utsatt", "Utsatt"
    SENDT_TILBAKE = "sendt_tilbake", "Sendt tilbake"
    TRUKKET = "trukket", "Trukket"


S = CaseState
FAGLEDER, SAKSBEHANDLER, KD = Role.FAGLEDER, Role.SAKSBEHANDLER, Role.KOMMUNEDIREKTOR

# States in which a case may still be withdrawn (before or in the meeting).
WITHDRAWABLE = [S.UTREDNING, S.TIL_GODKJENNING, S.KLAR, S.SATT_OPP, S.UTSATT, S.SENDT_TILBAKE, S.TIL_NESTE_ORGAN]


def summary_max_chars() -> int:
    return getattr(settings, "SAKSGANG_SUMMARY_MAX_CHARS", 600)


class CaseWorkflow(ConcurrentTransitionMixin, FSMModelMixin, models.Model):
    """Abstract: the Case model inherits its state and transitions from here."""

    state = FSMField("status", default=S.UTREDNING, choices=CaseState.choices, protected=True, db_index=True)

    class Meta:
        abstract = True

    # --- drafting and the kommunedirektør's gate -------------------------------------------------
    @transition(
        field=state, source=S.UTREDNING, target=S.TIL_GODKJENNING,
        permission=owner_or_roles("case_officer", SAKSBEHANDLER, FAGLEDER),
        custom={"label": "Send til godkjenning", "roles": (SAKSBEHANDLER, FAGLEDER),
                "help": "Saksbehandler sender saksframlegget til kommunedirektøren."},
    )
    def submit(self, *, actor, comment=""):
        self.check_ready_for_submission()

    @transition(
        field=state, source=S.TIL_GODKJENNING, target=S.KLAR, permission=roles(KD),
        custom={"label": "Godkjenn innstillingen", "roles": (KD,),
                "help": "Kommunedirektøren godkjenner saken som forsvarlig utredet (koml. § 13-1)."},
    )
    def approve(self, *, actor, comment=""):
        self.check_ready_for_submission()
        consultation = self.current_consultation
        consultation.recommendation = self.paper.recommendation
        consultation.recommendation_approved_by = actor
        consultation.recommendation_approved_at = timezone.now()
        consultation.save()

    @transition(
        field=state, source=[S.TIL_GODKJENNING, S.KLAR], target=S.UTREDNING, permission=roles(KD, FAGLEDER),
        custom={"label": "Send tilbake til utredning", "roles": (KD, FAGLEDER),
                "help": "Saken må utredes mer før den kan behandles."},
    )
    def return_to_drafting(self, *, actor, comment=""):
        if not comment.strip():
            raise GuardFailed("Skriv hvorfor saken sendes tilbake, så saksbehandler vet hva som mangler.",
                              field="comment")

    # --- the agenda and the meeting (driven by the meeting services) ------------------------------
    @transition(
        field=state, source=S.KLAR, target=S.SATT_OPP, permission=roles(FAGLEDER),
        custom={"label": "Sett opp på saksliste", "roles": (FAGLEDER,), "needs": ("agenda_item",)},
    )
    def schedule(self, *, actor, comment="", agenda_item=None):
        if agenda_item is None:
            raise GuardFailed("Saken settes opp ved å legge den til på sakslisten til et møte.",
                              field="meeting")

    @transition(
        field=state, source=S.SATT_OPP, target=S.KLAR, permission=roles(FAGLEDER),
        custom={"label": "Ta av saksliste", "roles": (FAGLEDER,)},
    )
    def unschedule(self, *, actor, comment=""):
        pass

    @transition(
        field=state, source=S.SATT_OPP, target=S.BEHANDLET, permission=roles(FAGLEDER),
        custom={"label": "Registrer vedtak", "roles": (FAGLEDER,), "needs": ("decision_text",)},
    )
    def decide(self, *, actor, comment="", decision_text: str = "", agenda_item=None):
        if not (decision_text or "").strip():
            raise GuardFailed("Vedtaksteksten mangler.", field="decision_text")
        from secretariat.meetings.services import decision_record_for_case

        decision_record_for_case(case=self, text=decision_text, agenda_item=agenda_item)

    @transition(
        field=state, source=S.SATT_OPP, target=S.UTSATT, permission=roles(FAGLEDER),
        custom={"label": "Utsatt i møtet", "roles": (FAGLEDER,)},
    )
    def postpone(self, *, actor, comment=""):
        pass

    @transition(
        field=state, source=S.UTSATT, target=S.KLAR, permission=roles(FAGLEDER),
        custom={"label": "Klar til nytt møte", "roles": (FAGLEDER,)},
    )
    def ready_again(self, *, actor, comment=""):
        pass

    @transition(
        field=state, source=S.SATT_OPP, target=S.SENDT_TILBAKE, permission=roles(FAGLEDER),
        custom={"label": "Sendt tilbake i møtet", "roles": (FAGLEDER,),
                "help": "Organet sender saken tilbake for mer utredning."},
    )
    def send_back(self, *, actor, comment=""):
        pass

    @transition(
        field=state, source=S.SENDT_TILBAKE, target=S.UTREDNING, permission=roles(FAGLEDER, KD),
        custom={"label": "Gjenoppta utredningen", "roles": (FAGLEDER, KD)},
    )
    def resume_drafting(self, *, actor, comment=""):
        pass

    @transition(
        field=state, source=WITHDRAWABLE, target=S.TRUKKET, permission=roles(FAGLEDER, KD),
        custom={"label": "Trekk saken", "roles": (FAGLEDER, KD)},
    )
    def withdraw(self, *, actor, comment=""):
        if not comment.strip():
            raise GuardFailed("Skriv hvorfor saken trekkes.", field="comment")

    # --- after the decision ---------------------------------------------------------------------
    @transition(
        field=state, source=S.BEHANDLET, target=S.TIL_NESTE_ORGAN, permission=roles(FAGLEDER),
        custom={"label": "Send til neste organ", "roles": (FAGLEDER,), "needs": ("organization",),
                "help": "Vedtaket blir innstilling til neste organ (f.eks. formannskap → kommunestyre)."},
    )
    def forward(self, *, actor, comment="", organization=None):
        from secretariat.cases.services import consultation_create_next

        consultation_create_next(case=self, organization=organization)

    @transition(
        field=state, source=S.TIL_NESTE_ORGAN, target=S.KLAR, permission=roles(FAGLEDER),
        custom={"label": "Klar for neste organ", "roles": (FAGLEDER,)},
    )
    def receive_at_next_body(self, *, actor, comment=""):
        pass

    @transition(
        field=state, source=S.BEHANDLET, target=S.VEDTATT, permission=roles(FAGLEDER),
        custom={"label": "Endelig vedtatt", "roles": (FAGLEDER,)},
    )
    def finalize(self, *, actor, comment=""):
        consultation = self.current_consultation
        consultation.authoritative = True
        consultation.save(update_fields=["authoritative"])

    @transition(
        field=state, source=S.VEDTATT, target=S.I_OPPFOLGING, permission=roles(FAGLEDER, KD),
        custom={"label": "Start oppfølging", "roles": (FAGLEDER, KD)},
    )
    def start_follow_up(self, *, actor, comment=""):
        pass

    @transition(
        field=state, source=[S.VEDTATT, S.I_OPPFOLGING], target=S.AVSLUTTET, permission=roles(FAGLEDER, KD),
        custom={"label": "Avslutt saken", "roles": (FAGLEDER, KD),
                "help": "Vedtaket er gjennomført (eller krever ingen oppfølging)."},
    )
    def close(self, *, actor, comment=""):
        pass
