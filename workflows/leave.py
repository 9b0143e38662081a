"""Permisjon and fritak for a folkevalgt (koml. § 7-9, DOMAIN.md §7b): the application's lifecycle.

soknad (the member applied, or the secretariat registered it for them)
  → til_behandling (the secretariat made it a case for the body that decides; a fritak goes the appointments
    app's fritak path, which ends the membership when applied)
  → innvilget (the case is decided: a permisjon calls in substitutes for the member's meetings in the period,
    and meetings planned later inside it) | avslatt
trukket: the applicant (or the secretariat) withdraws before the decision.

Whether an approved permisjon is *running* or *over* is not a state: it follows from the period's dates, so it
ends by itself on its last day and the member is called again from the next meeting.
"""

from __future__ import annotations

from django.db import models

from .roles import Role
from .spec import Input, InputKind, Owner, Transition, Workflow, register, states


class LeaveState(models.TextChoices):
    SOKNAD = "soknad", "Søknad mottatt"
    TIL_BEHANDLING = "til_behandling", "Til behandling (sak opprettet)"
    INNVILGET = "innvilget", "Innvilget"
    AVSLATT = "avslatt", "Avslått"
    TRUKKET = "trukket", "Trukket"


L = LeaveState
SECRETARIAT = (Role.FAGLEDER,)
APPLICANT = Owner("applicant_user", Role.FOLKEVALGT, label="søkeren")

LEAVE_STATES = states(LeaveState, {
    "open": [L.SOKNAD, L.TIL_BEHANDLING],
    "blocks_period": [L.SOKNAD, L.TIL_BEHANDLING, L.INNVILGET],  # another application may not overlap these
    "final": [L.INNVILGET, L.AVSLATT, L.TRUKKET],
})

LEAVE_WORKFLOW = register(Workflow("leave", LeaveState, LEAVE_STATES, (
    Transition("register_case", "Opprett sak", (L.SOKNAD,), L.TIL_BEHANDLING, roles=SECRETARIAT,
               inputs=(Input("arkivsaksnummer", InputKind.TEXT, "Arkivsaksnummer", required=True, max_length=20,
                             missing="Oppgi arkivsaksnummeret for saken."),),
               help="Søknaden blir en sak for kommunestyret (koml. § 7-9). Begrunnelsen er unntatt offentlighet "
                    "(offl. § 13 jf. fvl. § 13).", handler_required=True),
    Transition("approve", "Innvilg", (L.TIL_BEHANDLING,), L.INNVILGET, roles=SECRETARIAT,
               help="Når vedtaket i saken er registrert. En permisjon kaller inn vara til møtene i perioden; et "
                    "fritak avslutter vervet fra datoen.", handler_required=True),
    Transition("refuse", "Avslå", (L.TIL_BEHANDLING,), L.AVSLATT, roles=SECRETARIAT,
               comment_required="Skriv hvorfor søknaden er avslått.", handler_required=True),
    Transition("withdraw", "Trekk søknaden", (L.SOKNAD, L.TIL_BEHANDLING), L.TRUKKET, roles=SECRETARIAT,
               owner=APPLICANT, help="Søknaden trekkes før den er avgjort.", handler_required=True),
)))

OPEN_STATES = LEAVE_WORKFLOW.states_with("open")
BLOCKING_STATES = LEAVE_WORKFLOW.states_with("blocks_period")

LeaveWorkflow = LEAVE_WORKFLOW.model_mixin("LeaveWorkflow", __name__)
