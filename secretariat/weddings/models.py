"""Civil weddings (borgerlige vielser): the kommune's settings, the officiant register and the bookings.

Law (DOMAIN.md §3): the kommune must offer weddings to its residents and to people not resident in
Norway (el. § 12 a) — weekdays, hours, places and any fee for others are settings the secretariat edits;
officiants are the ordfører, the varaordfører and people authorised by kommunestyret (el. § 12 b);
the prøvingsattest is valid 4 months; the officiant notifies Skatteetaten within 3 days.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from secretariat.common.dates import Weekday  # noqa: F401 (re-exported for forms and views)
from secretariat.organizations.models import Person
from workflows.errors import GuardFailed
from workflows.wedding import WeddingState, WeddingWorkflow

# The prøvingsattest is valid for 4 months from its issue date. Counted as a period of months is counted in
# Norwegian law (domstolloven § 148 style): it runs out on the same date four months later, or on the last day
# of that month when it has no such date (31 October → 28/29 February). That day is the LAST valid day.
ATTEST_VALID_MONTHS = 4
# Forskrift 1992-11-20 nr. 854: the officiant sends the notice to Skatteetaten within 3 days of the wedding.
NOTICE_DAYS = 3
ADULT_AGE = 18


def attest_last_valid_day(issued_on: dt.date) -> dt.date:
    return issued_on + relativedelta(months=getattr(settings, "SAKSGANG_WEDDING_ATTEST_MONTHS", ATTEST_VALID_MONTHS))


def notice_deadline_for(held_on: dt.date) -> dt.date:
    return held_on + dt.timedelta(days=getattr(settings, "SAKSGANG_WEDDING_NOTICE_DAYS", NOTICE_DAYS))


class WeddingSettings(models.Model):
    """One row: the kommune's booking rules. Edited by the secretariat in the admin."""

    slot_minutes = models.PositiveSmallIntegerField("lengde på hver vielse (minutter)", default=30)
    booking_horizon_days = models.PositiveSmallIntegerField("kan bestilles inntil (dager fram)", default=365)
    min_notice_days = models.PositiveSmallIntegerField(
        "tidligst (dager fram)", default=14,
        help_text="Tid til å skaffe prøvingsattest og bekrefte med vigsler.")
    fee_for_others = models.DecimalField(
        "gebyr for andre (kr)", max_digits=8, decimal_places=2, default=Decimal("0"),
        help_text="0 = gratis for alle. Gebyret gjelder aldri innbyggere i kommunen eller personer som ikke er "
                  "bosatt i Norge (el. § 12 a).")
    offer_to_others = models.BooleanField(
        "tilbyr vielse til andre", default=True,
        help_text="Kommunen kan velge å vie også personer som er bosatt i en annen kommune i Norge.")
    secretariat_email = models.EmailField("e-post til sekretariatet (varsler)", blank=True)
    info_text = models.TextField("informasjon til brudeparet", blank=True,
                                 help_text="Vises på bestillingsskjemaet, f.eks. om lokalet og antall gjester.")

    class Meta:
        verbose_name = "innstillinger for vielser"
        verbose_name_plural = "innstillinger for vielser"

    def __str__(self) -> str:
        return "Innstillinger for vielser"

    @classmethod
    def current(cls) -> WeddingSettings:
        obj = cls.objects.order_by("pk").first()
        return obj if obj is not None else cls.objects.create()

    def fee_for(self, residence: str) -> Decimal:
        if residence in (Residence.RESIDENT, Residence.NOT_IN_NORWAY):
            return Decimal("0")
        return self.fee_for_others


class WeddingPlace(models.Model):
    name = models.CharField("navn", max_length=120, unique=True)
    address = models.CharField("adresse", max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField("plass til (personer)", null=True, blank=True)
    description = models.TextField("om stedet", blank=True)
    is_active = models.BooleanField("i bruk", default=True)

    class Meta:
        verbose_name = "vielsessted"
        verbose_name_plural = "vielsessteder"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WeddingAvailability(models.Model):
    """A weekly window when the kommune marries people at a place (e.g. fridays 12–15 in the town hall)."""

    place = models.ForeignKey(WeddingPlace, on_delete=models.CASCADE, related_name="availability",
                              verbose_name="sted")
    weekday = models.PositiveSmallIntegerField("ukedag", choices=Weekday.choices)
    start_time = models.TimeField("fra kl.")
    end_time = models.TimeField("til kl.")
    valid_from = models.DateField("gjelder fra", null=True, blank=True)
    valid_until = models.DateField("gjelder til", null=True, blank=True)

    class Meta:
        verbose_name = "tid for vielser"
        verbose_name_plural = "tider for vielser"
        ordering = ["weekday", "start_time", "place"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}, {self.place}"

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "Sluttidspunktet må være etter starttidspunktet."})

    def applies_on(self, day: dt.date) -> bool:
        return (day.weekday() == self.weekday and (self.valid_from is None or day >= self.valid_from)
                and (self.valid_until is None or day <= self.valid_until))


class OfficiantKind(models.TextChoices):
    ORDFORER = "ordforer", "Ordfører"
    VARAORDFORER = "varaordforer", "Varaordfører"
    AUTHORISED = "bemyndiget", "Bemyndiget av kommunestyret"


class Officiant(models.Model):
    """The register of vigslere (el. § 12 b). Authority ends with the office or employment, or when withdrawn."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="officiant_roles",
                               verbose_name="person")
    kind = models.CharField("grunnlag", max_length=20, choices=OfficiantKind.choices)
    decision_reference = models.CharField(
        "kommunestyrets vedtak", max_length=120, blank=True,
        help_text="F.eks. «PS 45/24, kommunestyret 12.09.2024». Påkrevd for bemyndigede vigslere.")
    valid_from = models.DateField("vigselsrett fra")
    valid_until = models.DateField(
        "vigselsrett til", null=True, blank=True,
        help_text="Når vervet eller ansettelsen slutter. Påkrevd for bemyndigede vigslere.")
    withdrawn_on = models.DateField("trukket tilbake fra", null=True, blank=True)
    withdrawn_reason = models.CharField("grunn til tilbaketrekking", max_length=300, blank=True)

    class Meta:
        verbose_name = "vigsler"
        verbose_name_plural = "vigslere"
        ordering = ["kind", "person__family_name", "person__given_name"]

    def __str__(self) -> str:
        return f"{self.person.name} ({self.get_kind_display().lower()})"

    def clean(self):
        errors = {}
        if self.kind == OfficiantKind.AUTHORISED:
            if not self.decision_reference.strip():
                errors["decision_reference"] = "Oppgi kommunestyrets vedtak om bemyndigelsen (el. § 12 b)."
            if not self.valid_until:
                errors["valid_until"] = "En bemyndiget vigsler må ha en sluttdato for vigselsretten."
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = "Sluttdatoen kan ikke være før startdatoen."
        if errors:
            raise ValidationError(errors)

    def authorised_on(self, day: dt.date) -> bool:
        if day < self.valid_from:
            return False
        if self.valid_until and day > self.valid_until:
            return False
        if self.withdrawn_on and day >= self.withdrawn_on:
            return False
        return True

    def why_not_authorised_on(self, day: dt.date) -> str:
        name = self.person.name
        if day < self.valid_from:
            return f"{name} har vigselsrett først fra {self.valid_from:%d.%m.%Y}."
        if self.withdrawn_on and day >= self.withdrawn_on:
            return f"Vigselsretten til {name} er trukket tilbake fra {self.withdrawn_on:%d.%m.%Y}."
        if self.valid_until and day > self.valid_until:
            return f"Vigselsretten til {name} gikk ut {self.valid_until:%d.%m.%Y}."
        return ""

    @property
    def email(self) -> str:
        if self.person.email:
            return self.person.email
        user = self.person.user
        return user.email if user else ""


class Residence(models.TextChoices):
    RESIDENT = "bosatt", "Minst én av oss bor i kommunen"
    NOT_IN_NORWAY = "utland", "Ingen av oss bor i Norge"
    OTHER = "annen", "Vi bor i en annen kommune i Norge"


class WeddingLanguage(models.TextChoices):
    BOKMAL = "nb", "Norsk (bokmål)"
    NYNORSK = "nn", "Norsk (nynorsk)"
    ENGLISH = "en", "Engelsk"
    SAMI = "se", "Nordsamisk"
    OTHER = "annet", "Annet (skriv i meldingen)"


class WeddingQuerySet(models.QuerySet):
    def holding_a_slot(self, now=None):
        """Weddings that take their slot: not cancelled, and not an unconfirmed booking whose hold has run out."""
        now = now or timezone.now()
        return self.exclude(state=WeddingState.AVLYST).filter(Q(hold_expires_at__isnull=True) | Q(hold_expires_at__gt=now))

    def requests(self):
        """Real requests: a public booking counts once its e-mail is confirmed (staff lists show only these)."""
        return self.filter(hold_expires_at__isnull=True)


class Wedding(WeddingWorkflow):
    partner1_name = models.CharField("navn, brudepar 1", max_length=120)
    partner2_name = models.CharField("navn, brudepar 2", max_length=120)
    email = models.EmailField("e-post")
    phone = models.CharField("telefon", max_length=30, blank=True)
    residence = models.CharField("bosted", max_length=10, choices=Residence.choices)
    language = models.CharField("språk for vielsen", max_length=10, choices=WeddingLanguage.choices,
                                default=WeddingLanguage.BOKMAL)
    guests = models.PositiveSmallIntegerField("antall gjester", null=True, blank=True)
    message = models.TextField("melding fra brudeparet", blank=True)
    fee = models.DecimalField("gebyr (kr)", max_digits=8, decimal_places=2, default=Decimal("0"))

    date = models.DateField("dato")
    start_time = models.TimeField("klokkeslett")
    place = models.ForeignKey(WeddingPlace, on_delete=models.PROTECT, related_name="weddings", verbose_name="sted")
    officiant = models.ForeignKey(Officiant, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="weddings", verbose_name="vigsler")

    attest_issued_on = models.DateField("prøvingsattest utstedt", null=True, blank=True)
    attest_reference = models.CharField("prøvingsattest (referanse)", max_length=60, blank=True)
    witness1_name = models.CharField("vitne 1", max_length=120, blank=True)
    witness2_name = models.CharField("vitne 2", max_length=120, blank=True)
    witnesses_of_age = models.BooleanField("begge vitnene er over 18 år", default=False)

    held_on = models.DateField("gjennomført", null=True, blank=True)
    notice_sent_at = models.DateTimeField("melding til Skatteetaten sendt", null=True, blank=True)
    notice_reference = models.CharField("referanse for meldingen", max_length=100, blank=True)
    notice_alarm_sent_on = models.DateField("siste fristvarsel sendt", null=True, blank=True)
    cancelled_reason = models.TextField("grunn til avlysning", blank=True)

    # Calendars: a stable UID and a SEQUENCE bumped on every change (RFC 5545).
    uid = models.UUIDField("kalender-UID", default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField("kalenderversjon", default=0)
    created_at = models.DateTimeField("bestilt", auto_now_add=True)
    updated_at = models.DateTimeField("endret", auto_now=True)
    # A public booking holds its slot only until this moment unless the couple confirms it from the e-mail
    # (issue 12: one client cannot take every free slot). Empty once confirmed, and for weddings the staff made.
    hold_expires_at = models.DateTimeField("holdes til (ubekreftet bestilling)", null=True, blank=True, db_index=True)
    email_confirmed_at = models.DateTimeField("e-post bekreftet", null=True, blank=True)

    objects = WeddingQuerySet.as_manager()

    class Meta:
        verbose_name = "vielse"
        verbose_name_plural = "vielser"
        ordering = ["date", "start_time"]
        constraints = [
            # One couple per slot and place; a cancelled wedding frees its slot.
            models.UniqueConstraint(
                fields=["place", "date", "start_time"], condition=~Q(state="avlyst"), name="wedding_one_per_slot",
                violation_error_message="Tidspunktet er allerede tatt.",
            ),
        ]

    def __str__(self) -> str:
        return f"Vielse {self.partner1_name} og {self.partner2_name} {self.date:%d.%m.%Y}"

    @property
    def couple(self) -> str:
        return f"{self.partner1_name} og {self.partner2_name}"

    @property
    def starts_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=WeddingSettings.current().slot_minutes)

    # --- the legal checks, readable before anyone presses a button ---------------------------------
    @property
    def attest_valid_until(self) -> dt.date | None:
        return attest_last_valid_day(self.attest_issued_on) if self.attest_issued_on else None

    def attest_problem(self) -> str:
        if not self.attest_issued_on:
            return "Prøvingsattesten fra Skatteetaten er ikke registrert."
        if self.attest_issued_on > self.date:
            return "Prøvingsattesten kan ikke være utstedt etter vielsesdagen."
        if self.date > self.attest_valid_until:
            return (f"Prøvingsattesten utstedt {self.attest_issued_on:%d.%m.%Y} er gyldig til og med "
                    f"{self.attest_valid_until:%d.%m.%Y} (4 måneder), men vielsen er {self.date:%d.%m.%Y}. "
                    "Brudeparet må be Skatteetaten om en ny prøving.")
        return ""

    def witness_problem(self) -> str:
        named = [n for n in (self.witness1_name.strip(), self.witness2_name.strip()) if n]
        if len(named) < 2:
            return "To vitner må være navngitt."
        if named[0].casefold() == named[1].casefold():
            return "De to vitnene må være to forskjellige personer."
        if not self.witnesses_of_age:
            return "Bekreft at begge vitnene er over 18 år."
        return ""

    def check_attest_and_witnesses(self) -> None:
        problem = self.attest_problem()
        if problem:
            raise GuardFailed(problem, field="attest_issued_on")
        problem = self.witness_problem()
        if problem:
            raise GuardFailed(problem, field="witness1_name")

    def check_officiant_authorised(self) -> None:
        if self.officiant is None:
            raise GuardFailed("Velg en vigsler.", field="officiant")
        if not self.officiant.authorised_on(self.date):
            raise GuardFailed(self.officiant.why_not_authorised_on(self.date) + " Velg en annen vigsler.",
                              field="officiant")

    def check_can_confirm(self) -> None:
        if not (self.date and self.start_time and self.place_id):
            raise GuardFailed("Dato, klokkeslett og sted må være satt.", field="date")
        self.check_officiant_authorised()
        clash = Wedding.objects.holding_a_slot().filter(
            place_id=self.place_id, date=self.date, start_time=self.start_time).exclude(pk=self.pk)
        if clash.exists():
            raise GuardFailed("Tidspunktet er allerede tatt av en annen vielse.", field="start_time")
        busy = Wedding.objects.filter(officiant_id=self.officiant_id, date=self.date, start_time=self.start_time,
                                      state__in=[WeddingState.BEKREFTET, WeddingState.KLAR]).exclude(pk=self.pk)
        if busy.exists():
            raise GuardFailed(f"{self.officiant.person.name} skal vie et annet par på samme tid.", field="officiant")

    # --- the notice to Skatteetaten ------------------------------------------------------------------
    @property
    def notice_deadline(self) -> dt.date | None:
        held = self.held_on or (self.date if self.state in (WeddingState.GJENNOMFORT, WeddingState.MELDT) else None)
        return notice_deadline_for(held) if held else None

    def notice_overdue(self, today: dt.date | None = None) -> bool:
        """Derived, never stored: held, not reported, and the 3 days have passed."""
        today = today or timezone.localdate()
        return self.state == WeddingState.GJENNOMFORT and self.notice_deadline is not None and \
            today > self.notice_deadline

    def notice_pending(self) -> bool:
        return self.state == WeddingState.GJENNOMFORT


class WeddingReport(models.Model):
    """A stored report request (period + optional officiant), so `render_document vielsesrapport ID` works."""

    period_start = models.DateField("fra")
    period_end = models.DateField("til")
    officiant = models.ForeignKey(Officiant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                  verbose_name="vigsler")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="laget av")
    created_at = models.DateTimeField("laget", auto_now_add=True)

    class Meta:
        verbose_name = "vielsesrapport"
        verbose_name_plural = "vielsesrapporter"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        who = f", {self.officiant.person.name}" if self.officiant_id else ""
        return f"Vielser {self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}{who}"

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "Slutten av perioden kan ikke være før starten."})
