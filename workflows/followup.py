"""The follow-up lifecycle (DOMAIN.md §2): how a final decision is implemented (koml. § 13-1).

ikke_startet → pagar → fullfort
                    └→ ikke_gjennomfort (with a reason)

No state may be skipped. *Forsinket* (overdue) is not a state: it is derived from the deadline.
The responsible person moves the status; the kommunedirektør, who answers for implementation
(koml. § 13-1), may too. While a lovlighetskontroll of the decision is pending (koml. § 27-1),
nothing moves (the followups app's handlers).
"""

from __future__ import annotations

from django.db import models

from .roles import Role
from .spec import Input, InputKind, Owner, Transition, Workflow, register, states


class FollowUpState(models.TextChoices):
    IKKE_STARTET = "ikke_startet", "Ikke startet"
    PAGAR = "pagar", "Pågår"
    FULLFORT = "fullfort", "Fullført"
    IKKE_GJENNOMFORT = "ikke_gjennomfort", "Ikke gjennomført"


F = FollowUpState
KD = Role.KOMMUNEDIREKTOR
RESPONSIBLE = Owner("responsible_person", None, label="ansvarlig")

FOLLOWUP_STATES = states(FollowUpState, {
    "open": [F.IKKE_STARTET, F.PAGAR],
    "closed": [F.FULLFORT, F.IKKE_GJENNOMFORT],
    "final": [F.FULLFORT, F.IKKE_GJENNOMFORT],
})

FOLLOWUP_WORKFLOW = register(Workflow("followup", FollowUpState, FOLLOWUP_STATES, (
    Transition("start", "Start arbeidet", (F.IKKE_STARTET,), F.PAGAR, roles=(KD,), owner=RESPONSIBLE,
               handler_required=True),
    Transition("complete", "Marker som fullført", (F.PAGAR,), F.FULLFORT, roles=(KD,), owner=RESPONSIBLE,
               handler_required=True),
    Transition("abandon", "Marker som ikke gjennomført", (F.PAGAR,), F.IKKE_GJENNOMFORT, roles=(KD,),
               owner=RESPONSIBLE,
               inputs=(Input("reason", InputKind.TEXT, "Begrunnelse"),),
               help="Vedtaket blir ikke gjennomført. Skriv hvorfor; begrunnelsen går inn i rapporten.",
               handler_required=True),
)))

OPEN_STATES = tuple(s for s in FollowUpState if s in FOLLOWUP_WORKFLOW.states_with("open"))
CLOSED_STATES = tuple(s for s in FollowUpState if s in FOLLOWUP_WORKFLOW.states_with("closed"))

FollowUpWorkflow = FOLLOWUP_WORKFLOW.model_mixin("FollowUpWorkflow", __name__)
