"""The case lifecycle (DOMAIN.md §2).

utredning → til_godkjenning → klar → satt_opp → behandlet → til_neste_organ (→ klar for the next body)
                                                            └→ vedtatt → i_oppfolging → avsluttet
Side paths: satt_opp → utsatt → klar; satt_opp → sendt_tilbake → utredning; → trukket (withdrawn).

The gate of koml. § 13-1: only the kommunedirektør (or a delegate) approves the innstilling, which moves
a case to `klar`; nothing reaches an agenda before that. The guards and effects of the steps marked
`handler_required` live with the app that owns them (secretariat.cases.services, and the meetings app for
the steps taken in a meeting: schedule, decide); the engine always runs them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .roles import Role
from .spec import Input, InputKind, Owner, Transition, Workflow, register, states


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

CASE_STATES = states(CaseState, {
    # The saksbehandler may still edit the case and its paper.
    "editable": [S.UTREDNING],
    # A case may still be withdrawn (before or in the meeting).
    "withdrawable": [S.UTREDNING, S.TIL_GODKJENNING, S.KLAR, S.SATT_OPP, S.UTSATT, S.SENDT_TILBAKE,
                     S.TIL_NESTE_ORGAN],
    # Approved by the kommunedirektør and waiting for (or on) an agenda.
    "approved": [S.KLAR, S.SATT_OPP, S.UTSATT, S.TIL_NESTE_ORGAN],
    "on_agenda": [S.SATT_OPP],
    # The case has been on an agenda, so it may be public: once the notice of its item is sent (satt_opp) or
    # from its treatment on. The access policy (secretariat/access/) decides the rest.
    "public": [S.SATT_OPP, S.BEHANDLET, S.TIL_NESTE_ORGAN, S.VEDTATT, S.I_OPPFOLGING, S.AVSLUTTET, S.UTSATT,
               S.SENDT_TILBAKE, S.KLAR],
    # Public only once one of its items is on a published agenda: a case on its first agenda (satt_opp), and a
    # klar case that has been on one before (postponed, or forwarded as an innstilling to the next body; issue
    # 13: such a case vanished from the public pages and feeds until the next body's notice went out).
    "public_when_on_published_agenda": [S.SATT_OPP, S.KLAR],
    # A body has treated the case (it has a decision).
    "treated": [S.BEHANDLET, S.TIL_NESTE_ORGAN, S.VEDTATT, S.I_OPPFOLGING, S.AVSLUTTET],
    # Decided for good: the decision may be followed up.
    "final": [S.VEDTATT, S.I_OPPFOLGING, S.AVSLUTTET],
    "closed": [S.AVSLUTTET, S.TRUKKET],
    # Work queues ("venter på meg"): the saksbehandler's own desk, and the secretariat's.
    "with_officer": [S.UTREDNING, S.SENDT_TILBAKE],
    "with_secretariat": [S.KLAR, S.BEHANDLET, S.TIL_NESTE_ORGAN, S.UTSATT],
})

# States in which a case may still be withdrawn (before or in the meeting).
WITHDRAWABLE = [s.value for s in CASE_STATES if "withdrawable" in s.properties]

ORGANIZATION = Input("organization", InputKind.OBJECT, "Neste organ", model="organizations.Organization",
                     lookup="slug", help="slug (API) eller id; tomt: organets faste neste organ")

CASE_WORKFLOW = register(Workflow("case", CaseState, CASE_STATES, (
    # --- drafting and the kommunedirektør's gate -------------------------------------------------
    Transition("submit", "Send til godkjenning", (S.UTREDNING,), S.TIL_GODKJENNING, roles=(FAGLEDER,),
               owner=Owner("case_officer", SAKSBEHANDLER),
               help="Saksbehandler sender saksframlegget til kommunedirektøren.", handler_required=True),
    Transition("approve", "Godkjenn innstillingen", (S.TIL_GODKJENNING,), S.KLAR, roles=(KD,),
               help="Kommunedirektøren godkjenner saken som forsvarlig utredet (koml. § 13-1).",
               handler_required=True),
    Transition("return_to_drafting", "Send tilbake til utredning", (S.TIL_GODKJENNING, S.KLAR), S.UTREDNING,
               roles=(KD, FAGLEDER), help="Saken må utredes mer før den kan behandles.",
               comment_required="Skriv hvorfor saken sendes tilbake, så saksbehandler vet hva som mangler."),
    # --- the agenda and the meeting (the meetings app owns these steps) --------------------------------
    Transition("schedule", "Sett opp på saksliste", (S.KLAR,), S.SATT_OPP, roles=(FAGLEDER,),
               inputs=(Input("meeting", InputKind.OBJECT, "Møte", required=True, model="meetings.Meeting",
                             missing="Velg hvilket møte saken skal settes opp på."),
                       Input("supplementary", InputKind.BOOLEAN, "Tilleggssak")),
               handler_required=True),
    Transition("unschedule", "Ta av saksliste", (S.SATT_OPP,), S.KLAR, roles=(FAGLEDER,)),
    Transition("decide", "Registrer vedtak", (S.SATT_OPP,), S.BEHANDLET, roles=(FAGLEDER,),
               inputs=(Input("decision_text", InputKind.TEXT, "Vedtakstekst", required=True,
                             missing="Vedtaksteksten mangler."),
                       Input("agenda_item", InputKind.OBJECT, "Sak på sakslisten", required=True,
                             model="meetings.AgendaItem",
                             missing="Oppgi hvilken sak på sakslisten vedtaket er gjort i (agenda_item).")),
               help="Organet har vedtatt saken i et vedtaksført møte (koml. § 11-9).", handler_required=True),
    Transition("postpone", "Utsatt i møtet", (S.SATT_OPP,), S.UTSATT, roles=(FAGLEDER,)),
    Transition("ready_again", "Klar til nytt møte", (S.UTSATT,), S.KLAR, roles=(FAGLEDER,)),
    Transition("send_back", "Sendt tilbake i møtet", (S.SATT_OPP,), S.SENDT_TILBAKE, roles=(FAGLEDER,),
               help="Organet sender saken tilbake for mer utredning."),
    Transition("resume_drafting", "Gjenoppta utredningen", (S.SENDT_TILBAKE,), S.UTREDNING, roles=(FAGLEDER, KD)),
    Transition("withdraw", "Trekk saken", tuple(WITHDRAWABLE), S.TRUKKET, roles=(FAGLEDER, KD),
               comment_required="Skriv hvorfor saken trekkes."),
    # --- after the decision ---------------------------------------------------------------------
    Transition("forward", "Send til neste organ", (S.BEHANDLET,), S.TIL_NESTE_ORGAN, roles=(FAGLEDER,),
               inputs=(ORGANIZATION,),
               help="Vedtaket blir innstilling til neste organ (f.eks. formannskap → kommunestyre).",
               handler_required=True),
    Transition("receive_at_next_body", "Klar for neste organ", (S.TIL_NESTE_ORGAN,), S.KLAR, roles=(FAGLEDER,)),
    Transition("finalize", "Endelig vedtatt", (S.BEHANDLET,), S.VEDTATT, roles=(FAGLEDER,),
               handler_required=True),
    Transition("start_follow_up", "Start oppfølging", (S.VEDTATT,), S.I_OPPFOLGING, roles=(FAGLEDER, KD)),
    Transition("close", "Avslutt saken", (S.VEDTATT, S.I_OPPFOLGING), S.AVSLUTTET, roles=(FAGLEDER, KD),
               help="Vedtaket er gjennomført (eller krever ingen oppfølging)."),
)))


def summary_max_chars() -> int:
    return getattr(settings, "SAKSGANG_SUMMARY_MAX_CHARS", 600)


# Abstract: the Case model inherits its state and transitions from here.
CaseWorkflow = CASE_WORKFLOW.model_mixin("CaseWorkflow", __name__)
