"""The follow-up lifecycle (DOMAIN.md §2): how a final decision is implemented (koml. § 13-1).

ikke_startet → pagar → fullfort
                    └→ ikke_gjennomfort (with a reason)

No state may be skipped. *Forsinket* (overdue) is not a state: it is derived from the deadline.
The responsible person moves the status; the kommunedirektør, who answers for implementation
(koml. § 13-1), may too. While a lovlighetskontroll of the decision is pending (koml. § 27-1),
nothing moves.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from secretariat.accounts.roles import Role, has_role

from .errors import GuardFailed


class FollowUpState(models.TextChoices):
    IKKE_STARTET = "ikke_startet", "Ikke startet"
    PAGAR = "pagar", "Pågår"
    FULLFORT = "fullfort", "Fullført"
    IKKE_GJENNOMFORT = "ikke_gjennomfort", "Ikke gjennomført"


F = FollowUpState
KD = Role.KOMMUNEDIREKTOR
OPEN_STATES = (F.IKKE_STARTET, F.PAGAR)
CLOSED_STATES = (F.FULLFORT, F.IKKE_GJENNOMFORT)


def responsible_or_kommunedirektor(instance, user) -> bool:
    """The follow-up's responsible person, or the kommunedirektør."""
    if has_role(user, KD):
        return True
    return bool(getattr(user, "is_authenticated", False)) and instance.responsible_person_id == user.pk


responsible_or_kommunedirektor.roles = ("ansvarlig", KD.value)
MOVERS = ("ansvarlig", KD)


class FollowUpWorkflow(ConcurrentTransitionMixin, FSMModelMixin, models.Model):
    """Abstract: the FollowUp model inherits its state and transitions from here."""

    state = FSMField("status", default=F.IKKE_STARTET, choices=FollowUpState.choices, protected=True, db_index=True)

    class Meta:
        abstract = True

    def check_not_paused(self) -> None:
        demand = self.pending_legality_demand()
        if demand is not None:
            raise GuardFailed(
                f"Oppfølgingen står i bero: det er krevd lovlighetskontroll av vedtaket "
                f"(registrert {timezone.localtime(demand.registered_at):%d.%m.%Y}). Status kan ikke endres før "
                "kravet er avgjort (koml. § 27-1).",
                field="state",
            )

    @transition(
        field=state, source=F.IKKE_STARTET, target=F.PAGAR, permission=responsible_or_kommunedirektor,
        custom={"label": "Start arbeidet", "roles": MOVERS},
    )
    def start(self, *, actor, comment=""):
        self.check_not_paused()

    @transition(
        field=state, source=F.PAGAR, target=F.FULLFORT, permission=responsible_or_kommunedirektor,
        custom={"label": "Marker som fullført", "roles": MOVERS},
    )
    def complete(self, *, actor, comment=""):
        self.check_not_paused()
        self.closed_at = timezone.now()

    @transition(
        field=state, source=F.PAGAR, target=F.IKKE_GJENNOMFORT, permission=responsible_or_kommunedirektor,
        custom={"label": "Marker som ikke gjennomført", "roles": MOVERS, "needs": ("reason",),
                "help": "Vedtaket blir ikke gjennomført. Skriv hvorfor; begrunnelsen går inn i rapporten."},
    )
    def abandon(self, *, actor, comment="", reason: str = ""):
        self.check_not_paused()
        reason = (reason or comment or "").strip()
        if not reason:
            raise GuardFailed("Skriv hvorfor vedtaket ikke blir gjennomført.", field="reason")
        self.reason = reason
        self.closed_at = timezone.now()
