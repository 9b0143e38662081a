"""Folkevalgtopplæring: the kommune must give its folkevalgte the training they need (koml. § 8-1 andre ledd … and
KS's guidance), most of it at the start of the term. Courses have sessions, an audience, registrations with
attendance, and materials."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from secretariat.organizations.models import LegislativeTerm, Organization, Person


class Audience(models.TextChoices):
    ALL = "alle", "Alle folkevalgte og varamedlemmer"
    BODY = "organ", "Medlemmene i ett organ"
    NEW = "nye", "Bare nye folkevalgte"


class Course(models.Model):
    term = models.ForeignKey(LegislativeTerm, on_delete=models.PROTECT, related_name="+", verbose_name="valgperiode")
    title = models.CharField("tittel", max_length=200)
    description = models.TextField("innhold", blank=True)
    audience = models.CharField("målgruppe", max_length=10, choices=Audience.choices, default=Audience.ALL)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name="organ", help_text="Bare når målgruppen er ett organ.")
    created_at = models.DateTimeField("opprettet", auto_now_add=True)

    class Meta:
        verbose_name = "opplæringskurs"
        verbose_name_plural = "opplæringskurs"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def audience_label(self) -> str:
        if self.audience == Audience.BODY and self.organization_id:
            return f"Medlemmene i {self.organization}"
        return self.get_audience_display()


class TrainingSession(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions", verbose_name="kurs")
    start = models.DateTimeField("start")
    end = models.DateTimeField("slutt")
    location = models.CharField("sted", max_length=200)
    # Calendars: a stable UID and a SEQUENCE bumped on every change (RFC 5545).
    uid = models.UUIDField("kalender-UID", default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField("kalenderversjon", default=0)
    updated_at = models.DateTimeField("endret", auto_now=True)

    class Meta:
        verbose_name = "kursdag"
        verbose_name_plural = "kursdager"
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.course}: {self.start:%d.%m.%Y}"

    def clean(self):
        # The admin's session rows are checked like the staff page's (services.session_add).
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "Slutten må komme etter starten."})

    @property
    def day(self) -> dt.date:
        from django.utils import timezone

        return timezone.localtime(self.start).date()


class Registration(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="registrations",
                                verbose_name="kursdag")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="training_registrations",
                               verbose_name="person")
    registered_at = models.DateTimeField("påmeldt", auto_now_add=True)
    attended = models.BooleanField("møtte", default=False)

    class Meta:
        verbose_name = "påmelding"
        verbose_name_plural = "påmeldinger"
        ordering = ["session", "person"]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="registration_once",
                                               violation_error_message="Personen er allerede påmeldt.")]

    def __str__(self) -> str:
        return f"{self.person} – {self.session}"


def material_path(instance, filename: str) -> str:
    return f"opplaering/{uuid.uuid4().hex}/{filename}"


class Material(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="materials", verbose_name="kurs")
    title = models.CharField("tittel", max_length=200)
    file = models.FileField("fil", upload_to=material_path)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="lastet opp av")
    uploaded_at = models.DateTimeField("lastet opp", auto_now_add=True)

    class Meta:
        verbose_name = "kursmateriell"
        verbose_name_plural = "kursmateriell"
        ordering = ["course", "title"]

    def __str__(self) -> str:
        return self.title
