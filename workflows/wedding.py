"""The civil wedding lifecycle (DOMAIN.md §2, ekteskapsloven §§ 12 a–12 b, forskrift 1992-11-20 nr. 854).

forespurt (a couple asked for a slot) → bekreftet (date, time, place and an authorised officiant)
→ klar (prøvingsattest valid on the wedding day, two witnesses of age named) → gjennomfort (held)
→ meldt (notice sent to Skatteetaten, due within 3 days); avlyst from any state before gjennomfort.

The legal checks themselves live on the model (secretariat/weddings/models.py) so the UI can show them
before anyone presses a button; the transitions here refuse to move when they fail.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from secretariat.accounts.roles import Role

from .errors import GuardFailed
from .permissions import roles


class WeddingState(models.TextChoices):
    FORESPURT = "forespurt", "Forespurt"
    BEKREFTET = "bekreftet", "Bekreftet"
    KLAR = "klar", "Klar (attest og vitner i orden)"
    GJENNOMFORT = "gjennomfort", "Gjennomført"
    MELDT = "meldt", "Meldt til Skatteetaten"
    AVLYST = "avlyst", "Avlyst"


W = WeddingState
FAGLEDER, SAKSBEHANDLER = Role.FAGLEDER, Role.SAKSBEHANDLER
SECRETARIAT = (FAGLEDER, SAKSBEHANDLER)


class WeddingWorkflow(ConcurrentTransitionMixin, FSMModelMixin, models.Model):
    state = FSMField("status", default=W.FORESPURT, choices=WeddingState.choices, protected=True, db_index=True)

    class Meta:
        abstract = True

    @transition(
        field=state, source=W.FORESPURT, target=W.BEKREFTET, permission=roles(*SECRETARIAT),
        custom={"label": "Bekreft vielsen", "roles": SECRETARIAT, "needs": ("officiant",),
                "help": "Dato, tid, sted og en vigsler med gyldig vigselsrett (el. § 12 b)."},
    )
    def confirm(self, *, actor, comment="", officiant=None, date=None, start_time=None, place=None):
        if date is not None:
            self.date = date
        if start_time is not None:
            self.start_time = start_time
        if place is not None:
            self.place = place
        if officiant is not None:
            self.officiant = officiant
        self.check_can_confirm()

    @transition(
        field=state, source=W.BEKREFTET, target=W.KLAR, permission=roles(*SECRETARIAT),
        custom={"label": "Attest og vitner er i orden", "roles": SECRETARIAT,
                "help": "Prøvingsattesten må være gyldig på vielsesdagen (4 måneder), og to vitner over 18 år "
                        "må være navngitt."},
    )
    def mark_ready(self, *, actor, comment=""):
        self.check_attest_and_witnesses()

    @transition(
        field=state, source=W.KLAR, target=W.GJENNOMFORT, permission=roles(*SECRETARIAT),
        custom={"label": "Marker som gjennomført", "roles": SECRETARIAT,
                "help": "Vigsleren skal sende melding til Skatteetaten innen 3 dager."},
    )
    def hold(self, *, actor, comment=""):
        self.check_attest_and_witnesses()
        self.check_officiant_authorised()
        if self.date and self.date > timezone.localdate():
            raise GuardFailed(
                f"Vielsen er satt til {self.date:%d.%m.%Y} og kan ikke markeres som gjennomført før den dagen.",
                field="date")
        self.held_on = self.date

    @transition(
        field=state, source=W.GJENNOMFORT, target=W.MELDT, permission=roles(*SECRETARIAT),
        custom={"label": "Melding til Skatteetaten er sendt", "roles": SECRETARIAT,
                "help": "Forskrift 1992-11-20 nr. 854: meldingen sendes innen 3 dager etter vielsen."},
    )
    def report_notice(self, *, actor, comment="", reference: str = ""):
        self.notice_sent_at = timezone.now()
        self.notice_reference = (reference or "").strip()[:100]

    @transition(
        field=state, source=[W.FORESPURT, W.BEKREFTET, W.KLAR], target=W.AVLYST, permission=roles(*SECRETARIAT),
        custom={"label": "Avlys vielsen", "roles": SECRETARIAT},
    )
    def cancel(self, *, actor, comment=""):
        if not comment.strip():
            raise GuardFailed("Skriv hvorfor vielsen avlyses.", field="comment")
        self.cancelled_reason = comment.strip()
