"""The civil wedding lifecycle (DOMAIN.md §2, ekteskapsloven §§ 12 a–12 b, forskrift 1992-11-20 nr. 854).

forespurt (a couple asked for a slot) → bekreftet (date, time, place and an authorised officiant)
→ klar (prøvingsattest valid on the wedding day, two witnesses of age named) → gjennomfort (held)
→ meldt (notice sent to Skatteetaten, due within 3 days); avlyst from any state before gjennomfort.

The legal checks themselves live on the model (secretariat/weddings/models.py) so the UI can show them
before anyone presses a button; the weddings app's handlers refuse to move when they fail.
"""

from __future__ import annotations

from django.db import models

from .roles import Role
from .spec import Input, InputKind, Transition, Workflow, register, states


class WeddingState(models.TextChoices):
    FORESPURT = "forespurt", "Forespurt"
    BEKREFTET = "bekreftet", "Bekreftet"
    KLAR = "klar", "Klar (attest og vitner i orden)"
    GJENNOMFORT = "gjennomfort", "Gjennomført"
    MELDT = "meldt", "Meldt til Skatteetaten"
    AVLYST = "avlyst", "Avlyst"


W = WeddingState
FAGLEDER = Role.FAGLEDER
SECRETARIAT = (FAGLEDER,)  # the same rule as secretariat/access/registers.py: vielser are for the secretariat

WEDDING_STATES = states(WeddingState, {
    "editable": [W.FORESPURT, W.BEKREFTET, W.KLAR],
    "held": [W.GJENNOMFORT, W.MELDT],
    "cancelled": [W.AVLYST],
    "final": [W.MELDT, W.AVLYST],
})

WEDDING_WORKFLOW = register(Workflow("wedding", WeddingState, WEDDING_STATES, (
    Transition("confirm", "Bekreft vielsen", (W.FORESPURT,), W.BEKREFTET, roles=SECRETARIAT,
               inputs=(Input("officiant", InputKind.OBJECT, "Vigsler", model="weddings.Officiant",
                             help="the wedding's own check names a missing or unauthorised officiant (el. § 12 b)"),
                       Input("date", InputKind.DATE, "Dato"),
                       Input("start_time", InputKind.TIME, "Klokkeslett"),
                       Input("place", InputKind.OBJECT, "Sted", model="weddings.WeddingPlace")),
               help="Dato, tid, sted og en vigsler med gyldig vigselsrett (el. § 12 b).", handler_required=True),
    Transition("mark_ready", "Attest og vitner er i orden", (W.BEKREFTET,), W.KLAR, roles=SECRETARIAT,
               help="Prøvingsattesten må være gyldig på vielsesdagen (4 måneder), og to vitner over 18 år "
                    "må være navngitt.", handler_required=True),
    Transition("hold", "Marker som gjennomført", (W.KLAR,), W.GJENNOMFORT, roles=SECRETARIAT,
               help="Vigsleren skal sende melding til Skatteetaten innen 3 dager.", handler_required=True),
    Transition("report_notice", "Melding til Skatteetaten er sendt", (W.GJENNOMFORT,), W.MELDT, roles=SECRETARIAT,
               inputs=(Input("reference", InputKind.TEXT, "Referanse", max_length=100),),  # Wedding.notice_reference
               help="Forskrift 1992-11-20 nr. 854: meldingen sendes innen 3 dager etter vielsen.",
               handler_required=True),
    Transition("cancel", "Avlys vielsen", (W.FORESPURT, W.BEKREFTET, W.KLAR), W.AVLYST, roles=SECRETARIAT,
               comment_required="Skriv hvorfor vielsen avlyses.", handler_required=True),
)))

WeddingWorkflow = WEDDING_WORKFLOW.model_mixin("WeddingWorkflow", __name__)
