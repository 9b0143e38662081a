"""The godtgjøring claim lifecycle (koml. § 8-3 to § 8-5 and the kommune's forskrift om godtgjøring, § 8-10).

utkast (made from an attendance: the møtegodtgjøring line is there already) → innsendt (the member added tapt
arbeidsinntekt, skyss and utlegg and sent it: a claim must be made in writing) → godkjent (the secretariat checked
it; its lines go to the next payroll export) or → returnert (sent back with a reason) → innsendt again. An approved
claim may be sent back until a payroll export has paid it (the record corrected after the approval); what was paid is
put right by a correction in the next export, never by a step back.

Only the member who owns the claim sends it; only the secretariat approves or sends back. The remuneration app
registers each step's precondition, the one rule for whether it can be taken now and so whether it is offered (a claim
with nothing to pay, a claim the record no longer supports, a paid claim), and its handler (who takes it, the
forskrift's deadline flag, the claim following the record when sent back).
"""

from __future__ import annotations

from django.db import models

from .roles import Role
from .spec import Owner, Transition, Workflow, register, states


class ClaimState(models.TextChoices):
    UTKAST = "utkast", "Utkast"
    INNSENDT = "innsendt", "Sendt til kontroll"
    RETURNERT = "returnert", "Sendt tilbake"
    GODKJENT = "godkjent", "Godkjent"


C = ClaimState
FAGLEDER = Role.FAGLEDER
CLAIMANT = Owner("owner", Role.FOLKEVALGT, label="den folkevalgte selv")

CLAIM_STATES = states(ClaimState, {
    # The member may still add and remove lines.
    "editable": [C.UTKAST, C.RETURNERT],
    # Waiting for the secretariat.
    "pending": [C.INNSENDT],
    # Its lines are paid (go to a payroll export).
    "approved": [C.GODKJENT],
    # The claim takes its meeting: a second claim for the same meeting is refused (every state).
    "final": [C.GODKJENT],
})

CLAIM_WORKFLOW = register(Workflow("claim", ClaimState, CLAIM_STATES, (
    Transition("submit", "Send kravet", (C.UTKAST, C.RETURNERT), C.INNSENDT, owner=CLAIMANT,
               help="Kravet sendes skriftlig til politisk sekretariat for kontroll. Krav etter fristen i "
                    "forskriften blir merket.", handler_required=True),
    Transition("approve", "Godkjenn kravet", (C.INNSENDT,), C.GODKJENT, roles=(FAGLEDER,),
               help="Linjene kommer med i neste lønnseksport.", handler_required=True),
    # Also an approved claim not yet paid: the record may be corrected after the approval (an attendance removed),
    # and a claim is never paid for a meeting the person did not attend. Once exported, the period is locked.
    Transition("send_back", "Send tilbake", (C.INNSENDT, C.GODKJENT), C.RETURNERT, roles=(FAGLEDER,),
               help="Et godkjent krav kan sendes tilbake til det er eksportert til lønn.",
               comment_required="Skriv hvorfor kravet sendes tilbake, så den folkevalgte kan rette det.",
               handler_required=True),
)))

ClaimWorkflow = CLAIM_WORKFLOW.model_mixin("ClaimWorkflow", __name__)
