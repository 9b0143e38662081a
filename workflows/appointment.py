"""The appointment-round lifecycle (DOMAIN.md §2, domstolloven §§ 27, 56, 64–72).

kunngjort (public call, dl. § 67) → forslag_mottatt → kontrollert (eligibility, dl. §§ 70–72 / § 56) →
innstilt (formannskapet's proposal: a case) → offentlig_ettersyn (at least 2 weeks, dl. § 68: a clock) →
valgt (kommunestyret's election) → meldt (the lists sent to the courts / statsforvalteren).

The guards call into `secretariat.appointments.services`, which holds the rules; this module is the one place
to read what may happen next and who may do it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from secretariat.accounts.roles import Role

from .errors import GuardFailed
from .permissions import roles


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


class AppointmentRoundWorkflow(ConcurrentTransitionMixin, FSMModelMixin, models.Model):
    """Abstract: AppointmentRound inherits its state and transitions from here."""

    state = FSMField("status", default=R.KUNNGJORT, choices=RoundState.choices, protected=True, db_index=True)

    class Meta:
        abstract = True

    @transition(
        field=state, source=R.KUNNGJORT, target=R.FORSLAG_MOTTATT, permission=roles(FAGLEDER),
        custom={"label": "Avslutt innmeldingen", "roles": (FAGLEDER,),
                "help": "Fristen for forslag er ute; skjemaet stenges og forslagene skal kontrolleres."},
    )
    def close_call(self, *, actor, comment=""):
        if not self.candidates.exists():
            raise GuardFailed("Det er ikke registrert noen kandidater ennå. Registrer forslag før innmeldingen "
                              "avsluttes.", field="candidates")

    @transition(
        field=state, source=R.FORSLAG_MOTTATT, target=R.KONTROLLERT, permission=roles(FAGLEDER),
        custom={"label": "Kontroller valgbarhet", "roles": (FAGLEDER,),
                "help": "Alle kandidater kontrolleres mot domstolloven (§§ 70–72, for forliksråd § 56)."},
    )
    def check_candidates(self, *, actor, comment=""):
        from secretariat.appointments.services import round_run_eligibility

        if not self.candidates.exists():
            raise GuardFailed("Det finnes ingen kandidater å kontrollere.", field="candidates")
        round_run_eligibility(round=self)

    @transition(
        field=state, source=R.KONTROLLERT, target=R.FORSLAG_MOTTATT, permission=roles(FAGLEDER),
        custom={"label": "Åpne for flere forslag", "roles": (FAGLEDER,),
                "help": "Det trengs flere kandidater; nye forslag kontrolleres på nytt."},
    )
    def reopen(self, *, actor, comment=""):
        if not comment.strip():
            raise GuardFailed("Skriv hvorfor runden åpnes igjen.", field="comment")

    @transition(
        field=state, source=R.KONTROLLERT, target=R.INNSTILT, permission=roles(FAGLEDER),
        custom={"label": "Registrer innstillingen", "roles": (FAGLEDER,),
                "help": "Formannskapet (valgnemnda) har innstilt; forslaget må være fullt og valgbart."},
    )
    def propose(self, *, actor, comment=""):
        from secretariat.appointments.services import round_proposal_problems

        if self.case_id is None:
            raise GuardFailed("Lag saken til formannskapet først (knappen «Lag sak til formannskapet»).",
                              field="case")
        problems = round_proposal_problems(round=self)
        if problems:
            raise GuardFailed("Innstillingen kan ikke registreres: " + " ".join(problems), field="candidates")

    @transition(
        field=state, source=R.INNSTILT, target=R.OFFENTLIG_ETTERSYN, permission=roles(FAGLEDER),
        custom={"label": "Legg ut til offentlig ettersyn", "roles": (FAGLEDER,), "needs": ("display_start",),
                "help": "Forslaget ligger ute i minst 14 dager før kommunestyret velger (dl. § 68)."},
    )
    def start_display(self, *, actor, comment="", display_start=None):
        import datetime as dt

        start = display_start or timezone.localdate()
        if isinstance(start, str):
            try:
                start = dt.date.fromisoformat(start)
            except ValueError as exc:
                raise GuardFailed("Skriv datoen som ÅÅÅÅ-MM-DD.", field="display_start") from exc
        if start > timezone.localdate():
            raise GuardFailed("Ettersynet kan ikke registreres som startet fram i tid.", field="display_start")
        self.display_start = start
        self.display_end = start + dt.timedelta(days=display_days())

    @transition(
        field=state, source=R.OFFENTLIG_ETTERSYN, target=R.VALGT, permission=roles(FAGLEDER),
        custom={"label": "Registrer kommunestyrets valg", "roles": (FAGLEDER,),
                "help": "Kommunestyret har valgt; tidligst når ettersynet på 14 dager er over (dl. § 68)."},
    )
    def elect(self, *, actor, comment=""):
        from secretariat.appointments.services import round_mark_elected

        today = timezone.localdate()
        if self.display_end is None or today < self.display_end:
            end = f"{self.display_end:%d.%m.%Y}" if self.display_end else "ukjent"
            raise GuardFailed(
                f"Forslaget må ligge ute til offentlig ettersyn i minst {display_days()} dager (dl. § 68). "
                f"Kommunestyret kan tidligst velge {end}.", field="display_end")
        round_mark_elected(round=self)

    @transition(
        field=state, source=R.VALGT, target=R.MELDT, permission=roles(FAGLEDER),
        custom={"label": "Marker listene som sendt", "roles": (FAGLEDER,),
                "help": "Listene over de valgte er sendt til domstolene / statsforvalteren."},
    )
    def report(self, *, actor, comment=""):
        self.reported_at = timezone.now()
