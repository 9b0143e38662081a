"""Godtgjøring (koml. kapittel 8): the forskrift's rates as data, the members' claims, and the payroll exports.

The rates are a `RateTable` valid from a date (the forskrift is revised, often each term): the one in force on a day
is the newest whose `valid_from` is on or before it. Claims are made from the record (an attendance, or attendance at
training) and carry lines; an export locks the lines it paid, so a correction is a `Correction` of its own that refers
to what was paid and is paid in the next export (the paid lines never change).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from secretariat.organizations.models import Organization, Person
from workflows.claim import ClaimState, ClaimWorkflow

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class RateTable(models.Model):
    """The kommune's forskrift om godtgjøring (koml. §§ 8-3 and 8-4), one version per date it took effect."""

    name = models.CharField("navn", max_length=200, help_text="F.eks. «Forskrift om godtgjøring, vedtatt 12.10.2023»")
    valid_from = models.DateField("gjelder fra", unique=True)
    mayor_annual_pay = models.DecimalField("ordførerens godtgjøring (kr per år)", **MONEY,
                                           help_text="Fast godtgjøring for de andre vervene regnes i prosent av denne.")
    mayor_covers_other_roles = models.BooleanField(
        "ordførerens godtgjøring dekker andre verv", default=True,
        help_text="På: ordføreren får bare ordførerens faste godtgjøring, ikke i tillegg fast godtgjøring for å lede "
                  "formannskapet eller andre verv, og ingen møtegodtgjøring (tapt arbeidsinntekt, skyss og utlegg "
                  "etter forskriften som ellers). Av: hvert verv gir sin egen faste godtgjøring, og hvert møte "
                  "møtegodtgjøring.")
    short_meeting_hours = models.DecimalField(
        "kort møte: under (timer)", max_digits=4, decimal_places=2, default=Decimal("2"),
        help_text="Møter som varer kortere enn dette, gir redusert møtegodtgjøring der organet har en slik sats.")
    lost_income_daily_cap = models.DecimalField("legitimert tapt arbeidsinntekt: tak per dag (kr)", **MONEY)
    lost_income_fixed_daily = models.DecimalField("ulegitimert tapt arbeidsinntekt: fast beløp per dag (kr)", **MONEY)
    km_rate = models.DecimalField("skyss: sats per km (statens sats)", max_digits=6, decimal_places=2,
                                  validators=[MinValueValidator(Decimal("0"))])
    km_cap = models.PositiveIntegerField("skyss: høyst km per krav uten begrunnelse", default=200)
    expense_cap = models.DecimalField("utlegg: høyst beløp per utlegg uten begrunnelse (kr)", **MONEY)
    claim_deadline_days = models.PositiveSmallIntegerField(
        "frist for krav (dager etter møtet)", default=90,
        help_text="Krav som sendes senere, blir merket «etter fristen» for den som kontrollerer.")
    training_pays_meeting_fee = models.BooleanField(
        "opplæring gir møtegodtgjøring", default=False,
        help_text="Av: deltakelse i folkevalgtopplæring gir bare tapt arbeidsinntekt, skyss og utlegg.")
    training_fee = models.DecimalField("møtegodtgjøring for opplæring (kr)", **MONEY, default=Decimal("0"),
                                       help_text="Brukes bare når opplæring gir møtegodtgjøring.")
    leave_fixed_paid_days = models.PositiveSmallIntegerField(
        "permisjon: dager med fast godtgjøring", default=0,
        help_text="I en innvilget permisjon (midlertidig fritak, koml. § 7-9) utøver den folkevalgte ikke vervet, og "
                  "fast godtgjøring stopper for dagene i permisjonen. Her kan forskriften la de første dagene av "
                  "permisjonen likevel gi fast godtgjøring (0: stopper fra første dag). Verv som er "
                  "hovedbeskjeftigelse, beholder godtgjøringen i minst 14 dager (koml. § 8-10).")
    publish_fixed_rates = models.BooleanField(
        "publiser fast godtgjøring på innsyn", default=False,
        help_text="Kommunen velger selv om lista over fast godtgjøring per verv skal være offentlig.")

    class Meta:
        verbose_name = "forskrift om godtgjøring (satser)"
        verbose_name_plural = "forskrift om godtgjøring (satser)"
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.name} (fra {self.valid_from:%d.%m.%Y})"


class FixedRole(models.TextChoices):
    MAYOR = "ordforer", "Ordfører"
    DEPUTY_MAYOR = "varaordforer", "Varaordfører"
    LEADER = "leder", "Leder av organ"
    MEMBER = "medlem", "Medlem av organ"


class FixedRate(models.Model):
    """Fast godtgjøring for one role, as a percentage of the ordfører's pay (per body, or for every body)."""

    table = models.ForeignKey(RateTable, on_delete=models.CASCADE, related_name="fixed_rates", verbose_name="forskrift")
    role = models.CharField("verv", max_length=20, choices=FixedRole.choices)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name="organ", help_text="Tom: gjelder alle organer uten egen sats.")
    percent = models.DecimalField("prosent av ordførerens godtgjøring", max_digits=6, decimal_places=3,
                                  validators=[MinValueValidator(Decimal("0"))])
    main_occupation = models.BooleanField(
        "vervet er hovedbeskjeftigelse", default=False,
        help_text="F.eks. en ordfører på heltid: i en permisjon beholdes godtgjøringen i inntil to uker "
                  "(koml. § 8-10), så de første 14 dagene av permisjonen gir fast godtgjøring.")

    class Meta:
        verbose_name = "fast godtgjøring"
        verbose_name_plural = "fast godtgjøring"
        ordering = ["table", "role", "organization"]
        constraints = [models.UniqueConstraint(fields=["table", "role", "organization"], name="fixed_rate_once",
                                               nulls_distinct=False,
                                               violation_error_message="Vervet har allerede en sats i forskriften.")]

    def __str__(self) -> str:
        where = f" i {self.organization}" if self.organization_id else ""
        return f"{self.get_role_display()}{where}: {self.percent} %"


class MeetingRate(models.Model):
    """Møtegodtgjøring per meeting of one body, with a reduced rate for a short meeting where the forskrift has one."""

    table = models.ForeignKey(RateTable, on_delete=models.CASCADE, related_name="meeting_rates",
                              verbose_name="forskrift")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name="organ")
    amount = models.DecimalField("per møte (kr)", **MONEY)
    short_amount = models.DecimalField("kort møte (kr)", **MONEY, null=True, blank=True,
                                       help_text="Tom: kort møte gir full sats.")

    class Meta:
        verbose_name = "møtegodtgjøring"
        verbose_name_plural = "møtegodtgjøring"
        ordering = ["table", "organization"]
        constraints = [models.UniqueConstraint(fields=["table", "organization"], name="meeting_rate_once",
                                               violation_error_message="Organet har allerede en sats.")]

    def __str__(self) -> str:
        return f"{self.organization}: {self.amount} kr"


class LineKind(models.TextChoices):
    FIXED = "fast", "Fast godtgjøring"
    MEETING = "mote", "Møtegodtgjøring"
    LOST_INCOME = "tapt_legitimert", "Tapt arbeidsinntekt (legitimert)"
    LOST_INCOME_FIXED = "tapt_ulegitimert", "Tapt arbeidsinntekt (ulegitimert)"
    TRAVEL = "skyss", "Skyss (km)"
    EXPENSE = "utlegg", "Utlegg"


class PayCode(models.Model):
    """The lønnsart the kommune's payroll system uses for each kind of line (set in the admin)."""

    kind = models.CharField("type", max_length=20, choices=LineKind.choices, unique=True)
    code = models.CharField("lønnsart", max_length=20)
    label = models.CharField("tekst i lønnssystemet", max_length=100, blank=True)

    class Meta:
        verbose_name = "lønnsart"
        verbose_name_plural = "lønnsarter"
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.code} – {self.get_kind_display()}"


class Payee(models.Model):
    """The person's number in the payroll system (ansattnummer), where it is known."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="payee", verbose_name="person")
    employee_number = models.CharField("ansattnummer i lønnssystemet", max_length=20, unique=True)

    class Meta:
        verbose_name = "lønnsmottaker"
        verbose_name_plural = "lønnsmottakere"

    def __str__(self) -> str:
        return f"{self.person} ({self.employee_number})"


class PayrollExport(models.Model):
    """One month's export to payroll. Its existence locks the month: corrections go in the next period."""

    month = models.DateField("måned", unique=True, help_text="Den første i måneden.")
    created_at = models.DateTimeField("eksportert", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="eksportert av")
    content = models.TextField("CSV")
    line_count = models.PositiveIntegerField("antall linjer", default=0)
    total = models.DecimalField("sum (kr)", max_digits=14, decimal_places=2, default=Decimal("0"))

    class Meta:
        verbose_name = "lønnseksport"
        verbose_name_plural = "lønnseksporter"
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"Lønnseksport {self.month:%Y-%m}"

    @property
    def label(self) -> str:
        return f"{self.month:%Y-%m}"


class FixedPayment(models.Model):
    """A month's fast godtgjøring for one person and role, stored when the month is exported."""

    export = models.ForeignKey(PayrollExport, on_delete=models.PROTECT, related_name="fixed_payments",
                               verbose_name="eksport")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name="person")
    description = models.CharField("verv", max_length=250)
    amount = models.DecimalField("beløp (kr)", max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "utbetalt fast godtgjøring"
        verbose_name_plural = "utbetalt fast godtgjøring"
        ordering = ["export", "person", "pk"]

    def __str__(self) -> str:
        return f"{self.person}: {self.description}"


class Claim(ClaimWorkflow):
    """A member's written claim (koml. § 8-3 ff.) for one meeting, or for one training session."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="claims", verbose_name="person")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="den folkevalgtes brukerkonto")
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="møte")
    training_session = models.ForeignKey("training.TrainingSession", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name="opplæring")
    day = models.DateField("dato")
    title = models.CharField("gjelder", max_length=250)
    submitted_at = models.DateTimeField("sendt", null=True, blank=True)
    late = models.BooleanField("sendt etter fristen", default=False)
    returned_reason = models.TextField("grunn til at kravet ble sendt tilbake", blank=True)
    created_at = models.DateTimeField("opprettet", auto_now_add=True)

    class Meta:
        verbose_name = "krav om godtgjøring"
        verbose_name_plural = "krav om godtgjøring"
        ordering = ["-day", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(meeting__isnull=True) ^ Q(training_session__isnull=True),
                                   name="claim_one_occasion",
                                   violation_error_message="Et krav gjelder ett møte eller én opplæring."),
            models.UniqueConstraint(fields=["person", "meeting"], condition=Q(meeting__isnull=False),
                                    name="claim_once_per_meeting",
                                    violation_error_message="Det finnes allerede et krav for dette møtet."),
            models.UniqueConstraint(fields=["person", "training_session"],
                                    condition=Q(training_session__isnull=False), name="claim_once_per_training",
                                    violation_error_message="Det finnes allerede et krav for denne opplæringen."),
        ]

    def __str__(self) -> str:
        return f"Krav fra {self.person}: {self.title}"

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines.all()), Decimal("0"))

    @property
    def is_approved(self) -> bool:
        return self.state == ClaimState.GODKJENT


def attachment_path(instance, filename: str) -> str:
    return f"godtgjoring/{dt.date.today():%Y/%m}/{uuid.uuid4().hex}/{filename}"


class ClaimLine(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines", verbose_name="krav")
    kind = models.CharField("type", max_length=20, choices=LineKind.choices)
    description = models.CharField("beskrivelse", max_length=250, blank=True)
    quantity = models.DecimalField("antall", max_digits=9, decimal_places=2, default=Decimal("1"))
    rate = models.DecimalField("sats (kr)", max_digits=12, decimal_places=2)
    amount = models.DecimalField("beløp (kr)", max_digits=12, decimal_places=2)
    reason = models.TextField("begrunnelse for beløp over taket", blank=True)
    attachment = models.FileField("vedlegg", upload_to=attachment_path, blank=True)
    automatic = models.BooleanField("fra oppmøtet", default=False)
    export = models.ForeignKey(PayrollExport, on_delete=models.PROTECT, null=True, blank=True, related_name="lines",
                               verbose_name="utbetalt i")

    class Meta:
        verbose_name = "kravlinje"
        verbose_name_plural = "kravlinjer"
        ordering = ["claim", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.amount} kr"

    @property
    def attachment_name(self) -> str:
        return self.attachment.name.rsplit("/", 1)[-1] if self.attachment else ""


class AnnualSummary(models.Model):
    """Årsoppgave: what one person was paid in one year (the document kind «godtgjoringsoppgave»)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name="person")
    year = models.PositiveSmallIntegerField("år")
    created_at = models.DateTimeField("laget", auto_now_add=True)

    class Meta:
        verbose_name = "årsoppgave over godtgjøring"
        verbose_name_plural = "årsoppgaver over godtgjøring"
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="annual_summary_once")]

    def __str__(self) -> str:
        return f"Godtgjøring {self.year}: {self.person}"


class Correction(models.Model):
    """A rettelse of what an export paid: a positive or negative line, with its reason, that refers to the paid claim
    (and line) or the month's fast godtgjøring, and is paid in the next export. What was paid is never changed: the
    exported month is locked, and the correction is how it is put right."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name="person")
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, null=True, blank=True, related_name="corrections",
                              verbose_name="krav")
    line = models.ForeignKey(ClaimLine, on_delete=models.PROTECT, null=True, blank=True, related_name="corrections",
                             verbose_name="linje som rettes")
    fixed_payment = models.ForeignKey(FixedPayment, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="corrections", verbose_name="fast godtgjøring som rettes")
    kind = models.CharField("type", max_length=20, choices=LineKind.choices)
    amount = models.DecimalField("beløp (kr)", max_digits=12, decimal_places=2,
                                 help_text="Negativt beløp: trekk av det som er betalt for mye.")
    reason = models.TextField("grunn")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="registrert av")
    created_at = models.DateTimeField("registrert", auto_now_add=True)
    export = models.ForeignKey(PayrollExport, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="corrections", verbose_name="utbetalt i")

    class Meta:
        verbose_name = "rettelse"
        verbose_name_plural = "rettelser"
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(claim__isnull=True) ^ Q(fixed_payment__isnull=True),
                                   name="correction_one_target",
                                   violation_error_message="En rettelse gjelder ett krav eller én fast godtgjøring."),
            models.CheckConstraint(condition=Q(line__isnull=True) | Q(claim__isnull=False),
                                   name="correction_line_of_claim",
                                   violation_error_message="Linjen som rettes, hører til et krav."),
            models.CheckConstraint(condition=~Q(amount=0), name="correction_not_zero",
                                   violation_error_message="En rettelse kan ikke være 0 kr."),
        ]

    def __str__(self) -> str:
        return f"Rettelse for {self.person}: {self.amount} kr"
