"""The appointment-round lifecycle (DOMAIN.md §2, domstolloven §§ 27, 56, 64–72).

kunngjort (public call, dl. § 67) → forslag_mottatt → kontrollert (eligibility, dl. §§ 70–72 / § 56) →
innstilt (formannskapet's proposal: a case) → offentlig_ettersyn (at least 2 weeks, dl. § 68: a clock) →
valgt (kommunestyret's election) → meldt (the lists sent to the courts / statsforvalteren).

The rules are the appointments app's handlers (secretariat.appointments.services.handlers); this module is the
one place to read what may happen next and who may do it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .roles import Role
from .spec import Input, InputKind, Transition, Workflow, register, states


class RoundState(models.TextChoices):
    KUNNGJORT = "kunngjort", "Kunngjort"
    FORSLAG_MOTTATT = "forslag_mottatt", "Forslag mottatt"
    KONTROLLERT = "kontrollert", "Kontrollert"
    INNSTILT = "innstilt", "Innstilt"
    OFFENTLIG_ETTERSYN = "offentlig_ettersyn", "Lagt ut til offentlig ettersyn"
    VALGT = "valgt", "Valgt"
    MELDT = "meldt", "Meldt til domstol/statsforvalter"


R = RoundState
FAGLEDER = Role.FAGLEDER


def display_days() -> int:
    """dl. § 68: the proposal lies open to the public at least 14 days before kommunestyret elects."""
    return int(getattr(settings, "SAKSGANG_APPOINTMENT_DISPLAY_DAYS", 14))


ROUND_STATES = states(RoundState, {
    # Candidates may still be added, edited and placed in a pool.
    "candidates_editable": [R.KUNNGJORT, R.FORSLAG_MOTTATT, R.KONTROLLERT],
    # The proposal (who goes in which pool) is being put together.
    "proposal_open": [R.FORSLAG_MOTTATT, R.KONTROLLERT],
    "open_for_public": [R.KUNNGJORT],
    "elected": [R.VALGT, R.MELDT],
    # dl. § 68: the proposal is public from the start of the public display on.
    "proposal_public": [R.OFFENTLIG_ETTERSYN, R.VALGT, R.MELDT],
    "final": [R.MELDT],
})

ROUND_WORKFLOW = register(Workflow("appointment_round", RoundState, ROUND_STATES, (
    Transition("close_call", "Avslutt innmeldingen", (R.KUNNGJORT,), R.FORSLAG_MOTTATT, roles=(FAGLEDER,),
               help="Fristen for forslag er ute; skjemaet stenges og forslagene skal kontrolleres.",
               handler_required=True),
    Transition("check_candidates", "Kontroller valgbarhet", (R.FORSLAG_MOTTATT,), R.KONTROLLERT, roles=(FAGLEDER,),
               help="Alle kandidater kontrolleres mot domstolloven (§§ 70–72, for forliksråd § 56).",
               handler_required=True),
    Transition("reopen", "Åpne for flere forslag", (R.KONTROLLERT,), R.FORSLAG_MOTTATT, roles=(FAGLEDER,),
               help="Det trengs flere kandidater; nye forslag kontrolleres på nytt.",
               comment_required="Skriv hvorfor runden åpnes igjen."),
    Transition("propose", "Registrer innstillingen", (R.KONTROLLERT,), R.INNSTILT, roles=(FAGLEDER,),
               help="Formannskapet (valgnemnda) har innstilt; forslaget må være fullt og valgbart.",
               handler_required=True),
    Transition("start_display", "Legg ut til offentlig ettersyn", (R.INNSTILT,), R.OFFENTLIG_ETTERSYN,
               roles=(FAGLEDER,),
               inputs=(Input("display_start", InputKind.DATE, "Ettersynet startet", help="tomt: i dag"),),
               help="Forslaget ligger ute i minst 14 dager før kommunestyret velger (dl. § 68).",
               handler_required=True),
    Transition("elect", "Registrer kommunestyrets valg", (R.OFFENTLIG_ETTERSYN,), R.VALGT, roles=(FAGLEDER,),
               help="Kommunestyret har valgt; tidligst når ettersynet på 14 dager er over (dl. § 68).",
               handler_required=True),
    Transition("report", "Marker listene som sendt", (R.VALGT,), R.MELDT, roles=(FAGLEDER,),
               help="Listene over de valgte er sendt til domstolene / statsforvalteren.", handler_required=True),
)))

AppointmentRoundWorkflow = ROUND_WORKFLOW.model_mixin("AppointmentRoundWorkflow", __name__)
