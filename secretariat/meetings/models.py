"""Meetings (møter), their agenda (saksliste) and the decisions (vedtak) made in them."""

from __future__ import annotations

import uuid

from django.db import models

from secretariat.cases.models import Consultation
from secretariat.organizations.models import Organization
from workflows.meeting import MeetingState, MeetingWorkflow


class ClosedBasis(models.TextChoices):
    """koml. § 11-5: grounds for treating an item behind closed doors."""

    SECRECY = "11-5-2", "koml. § 11-5 andre ledd (lovbestemt taushetsplikt)"
    EMPLOYEE = "11-5-3-a", "koml. § 11-5 tredje ledd bokstav a (arbeidstakers tjenstlige forhold)"
    PRIVACY = "11-5-3-b", "koml. § 11-5 tredje ledd bokstav b (personvern)"
    PUBLIC_INTEREST = "11-5-3-c", "koml. § 11-5 tredje ledd bokstav c (tungtveiende offentlige interesser)"


class Meeting(MeetingWorkflow):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="meetings", verbose_name="organ"
    )
    title = models.CharField("tittel", max_length=200, blank=True)
    start = models.DateTimeField("start")
    end = models.DateTimeField("slutt", null=True, blank=True)
    location = models.CharField("sted", max_length=200, blank=True)
    is_remote = models.BooleanField("fjernmøte (koml. § 11-7)", default=False)
    remote_link = models.URLField("lenke til fjernmøte", blank=True)
    video_url = models.URLField("video (strøm/opptak)", blank=True)
    # Calendars: a stable UID and a SEQUENCE bumped on every change (RFC 5545).
    uid = models.UUIDField("kalender-UID", default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField("kalenderversjon", default=0)
    notice_sent_at = models.DateTimeField("innkalling sendt", null=True, blank=True)
    notice_override_reason = models.TextField("begrunnelse for sen innkalling", blank=True)
    cancelled_reason = models.TextField("grunn til avlysning", blank=True)
    created_at = models.DateTimeField("opprettet", auto_now_add=True)
    updated_at = models.DateTimeField("endret", auto_now=True)

    class Meta:
        verbose_name = "møte"
        verbose_name_plural = "møter"
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.organization} {self.start:%d.%m.%Y}"

    @property
    def is_cancelled(self) -> bool:
        return self.state == MeetingState.AVLYST


class AgendaItemKind(models.TextChoices):
    PS = "PS", "Politisk sak"
    RS = "RS", "Referatsak"
    OS = "OS", "Orientering"


class AgendaItem(models.Model):
    """One item on a meeting's agenda, numbered per organization and year (e.g. PS 12/26)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name="møte")
    # Denormalised from the meeting: numbering is per organization and year.
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="agenda_items", verbose_name="organ", editable=False
    )
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name="behandling",
    )
    kind = models.CharField("type", max_length=2, choices=AgendaItemKind.choices, default=AgendaItemKind.PS)
    number = models.PositiveIntegerField("saksnummer", null=True, blank=True)
    year = models.PositiveSmallIntegerField("år")
    position = models.PositiveSmallIntegerField("rekkefølge", default=1)
    title = models.CharField("tittel", max_length=250)
    public_title = models.CharField("offentlig tittel", max_length=250, blank=True)
    is_supplementary = models.BooleanField("tilleggssak", default=False)
    closed = models.BooleanField("lukket møte", default=False)
    closed_basis = models.CharField("hjemmel for lukking", max_length=12, choices=ClosedBasis.choices, blank=True)
    video_offset_seconds = models.PositiveIntegerField("start i videoen (sekunder)", null=True, blank=True)

    class Meta:
        verbose_name = "sak på sakslisten"
        verbose_name_plural = "saksliste"
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "year", "number"],
                name="agenda_item_unique_number",
                condition=models.Q(number__isnull=False),
                violation_error_message="Saksnummeret er allerede brukt.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.title}"

    def save(self, *args, **kwargs):
        self.organization_id = self.meeting.organization_id
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        """'PS 12/26'."""
        if self.number is None:
            return self.kind
        return f"{self.kind} {self.number}/{self.year % 100:02d}"


class Decision(models.Model):
    """Vedtak: what a body decided on one consultation, with the vote."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="decisions", verbose_name="behandling"
    )
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="decision", verbose_name="sak"
    )
    text = models.TextField("vedtak")
    vote_summary = models.CharField("avstemning", max_length=500, blank=True)
    unanimous = models.BooleanField("enstemmig", default=False)
    decided_at = models.DateTimeField("vedtatt")
    created_at = models.DateTimeField("registrert", auto_now_add=True)

    class Meta:
        verbose_name = "vedtak"
        verbose_name_plural = "vedtak"
        ordering = ["decided_at"]

    def __str__(self) -> str:
        return f"Vedtak i {self.consultation}"
