"""The electronic vote's lifecycle (issue 16, DOMAIN.md §2): a vote the møteleder opens on a proposal in the item
under treatment; members vote from their devices until it is closed (the result is written to the item by the
meeting's vote service) or cancelled (no result, e.g. opened on the wrong proposal).

apen → lukket (a result: everyone present and entitled has voted, majority, ties: meetings.services.vote_record)
apen → avbrutt (no result)

Opening creates the vote in «apen» (one open vote per meeting); the live app's services open it and audit the
opening on the vote. Closing and cancelling are this workflow's steps, taken through the engine (workflows/engine.py)
so each is audited with its from/to state; the live app's handlers hold the guards.
"""

from __future__ import annotations

from django.db import models

from .roles import Role
from .spec import Input, InputKind, Transition, Workflow, register, states


class EVoteState(models.TextChoices):
    OPEN = "apen", "Åpen"
    CLOSED = "lukket", "Avsluttet"
    CANCELLED = "avbrutt", "Avbrutt"


V = EVoteState
CHAIR = (Role.FAGLEDER,)  # the møteleder's controls are run by the secretariat (møtemodus)

EVOTE_STATES = states(EVoteState, {
    "open": [V.OPEN],
    "final": [V.CLOSED, V.CANCELLED],
})

EVOTE_WORKFLOW = register(Workflow("evote", EVoteState, EVOTE_STATES, (
    Transition("close", "Avslutt avstemningen", (V.OPEN,), V.CLOSED, roles=CHAIR,
               inputs=(Input("casting_vote", InputKind.TEXT, "Møteleders stemme ved stemmelikhet", max_length=5),
                       Input("lots_winner", InputKind.TEXT, "Loddtrekning ved stemmelikhet i valg", max_length=5)),
               help="Resultatet føres i saken etter reglene for avstemning: alle som er til stede og har stemmerett, "
                    "må ha stemt (koml. § 8-1).", handler_required=True),
    Transition("cancel", "Avbryt avstemningen", (V.OPEN,), V.CANCELLED, roles=CHAIR,
               help="Avstemningen stopper uten resultat, og en ny kan åpnes.", handler_required=True),
)))

EVoteWorkflow = EVOTE_WORKFLOW.model_mixin("EVoteWorkflow", __name__)
