"""The term's own records: the elections of bodies at the konstituerende møte, dated changes of group, and the
kommune's reglement for gruppestøtte (as data, valid from a date)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from secretariat.organizations.models import Body, LegislativeTerm, Organization, Party, Person


class ElectionMethod(models.TextChoices):
    FORHOLDSVALG = "forholdsvalg", "Forholdsvalg (koml. §§ 7-5 og 7-6)"
    AVTALEVALG = "avtalevalg", "Avtalevalg (koml. § 7-7)"


class ElectionStatus(models.TextChoices):
    DRAFT = "utkast", "Utkast (beregnet, ikke gjennomført)"
    APPLIED = "gjennomfort", "Gjennomført (medlemskap opprettet)"


class BodyElection(models.Model):
    """The konstituerende møte's election of one body (formannskapet, an utvalg) for a term.

    The input is kept as typed (lists and ballots), the computed result (seats per list, quotients, members and
    substitutes, corrections for gender balance, lots drawn) is stored when the election is registered, so what
    the fagleder saw is what becomes the memberships."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name="organ")
    term = models.ForeignKey(LegislativeTerm, on_delete=models.PROTECT, related_name="+", verbose_name="valgperiode")
    method = models.CharField("valgmåte", max_length=20, choices=ElectionMethod.choices)
    seats = models.PositiveSmallIntegerField("antall medlemmer")
    candidates_text = models.TextField("lister og kandidater")
    votes_text = models.TextField("stemmesedler per liste", blank=True)
    signatures_text = models.TextField("underskrifter på listeforslagene", blank=True,
                                       help_text="Forholdsvalg: hvem i kommunestyret som underskrev hver liste "
                                                 "(koml. § 7-5 tredje ledd).")
    result = models.JSONField("resultat", default=dict)
    status = models.CharField("status", max_length=20, choices=ElectionStatus.choices, default=ElectionStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField("registrert", default=timezone.now)
    applied_at = models.DateTimeField("gjennomført", null=True, blank=True)

    class Meta:
        verbose_name = "valg av organ"
        verbose_name_plural = "valg av organer"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_method_display().split(' (')[0]} av {self.organization} {self.term}"


class GroupChange(models.Model):
    """A member of kommunestyret leaves their group (changes party, or becomes independent) from a date: the
    gruppestøtte follows the member from that date as the reglement says."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name="person")
    term = models.ForeignKey(LegislativeTerm, on_delete=models.PROTECT, related_name="+", verbose_name="valgperiode")
    from_date = models.DateField("fra")
    new_group = models.ForeignKey(Party, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name="ny gruppe", help_text="Tom = uavhengig (ingen gruppe).")
    note = models.CharField("merknad", max_length=300, blank=True)
    created_at = models.DateTimeField("registrert", default=timezone.now)

    class Meta:
        verbose_name = "gruppeskifte"
        verbose_name_plural = "gruppeskifter"
        ordering = ["from_date", "pk"]
        constraints = [models.UniqueConstraint(fields=["person", "term", "from_date"], name="one_group_change_a_day",
                                               violation_error_message="Personen har allerede et gruppeskifte "
                                                                       "denne dagen.")]

    def __str__(self) -> str:
        return f"{self.person} → {self.new_group or 'uavhengig'} fra {self.from_date:%d.%m.%Y}"


class SplitRule(models.TextChoices):
    PRO_RATA = "pro_rata", "Forholdsmessig etter dager (endringer teller fra datoen)"
    KEY_DATE = "key_date", "Bare skjæringsdatoen teller for hele året"


class GroupSupportRule(models.Model):
    """The kommune's reglement for gruppestøtte (tilskudd til kommunestyregruppene), valid from a date."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name="kommune")
    valid_from = models.DateField("gjelder fra")
    base_amount = models.DecimalField("grunnbeløp per gruppe per år (kr)", max_digits=10, decimal_places=2)
    per_seat_amount = models.DecimalField("beløp per representant per år (kr)", max_digits=10, decimal_places=2)
    split = models.CharField("endringer i løpet av året", max_length=20, choices=SplitRule.choices,
                             default=SplitRule.PRO_RATA,
                             help_text="Hvordan et gruppeskifte eller et fritak midt i året slår ut, etter reglementet.")
    key_day = models.PositiveSmallIntegerField("skjæringsdato: dag", default=1)
    key_month = models.PositiveSmallIntegerField("skjæringsdato: måned", default=1)
    independents_get_support = models.BooleanField(
        "uavhengige representanter får støtte som egen gruppe", default=False)
    reglement = models.CharField("reglement", max_length=300, blank=True,
                                 help_text="F.eks. «Reglement for partistøtte, vedtatt av kommunestyret 12.12.2023».")

    class Meta:
        verbose_name = "regel for gruppestøtte"
        verbose_name_plural = "regler for gruppestøtte"
        ordering = ["-valid_from"]
        constraints = [models.UniqueConstraint(fields=["body", "valid_from"], name="one_group_support_rule_a_day")]

    def __str__(self) -> str:
        return f"Gruppestøtte fra {self.valid_from:%d.%m.%Y}"

    def clean(self):
        import datetime as dt

        if self.base_amount is not None and self.base_amount < 0:
            raise ValidationError({"base_amount": "Beløpet kan ikke være negativt."})
        if self.per_seat_amount is not None and self.per_seat_amount < 0:
            raise ValidationError({"per_seat_amount": "Beløpet kan ikke være negativt."})
        try:
            dt.date(2024, self.key_month or 0, self.key_day or 0)
        except ValueError:
            raise ValidationError({"key_day": "Skjæringsdatoen finnes ikke."}) from None
