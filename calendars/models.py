"""Calendars: personal feed tokens, CalDAV sync state, and the yearly meeting plan (møteplan)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from secretariat.common.dates import Weekday  # noqa: F401 (re-exported for forms and views)
from secretariat.meetings.models import Meeting
from secretariat.organizations.models import Body, Organization, Person


def new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class CalendarToken(models.Model):
    """The secret in a person's feed URL. Rotating revokes the old one (its URL then answers 404)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="calendar_tokens",
                               verbose_name="person")
    token = models.CharField("nøkkel", max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField("opprettet", default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="opprettet av")
    revoked_at = models.DateTimeField("trukket tilbake", null=True, blank=True)

    objects = CalendarTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "kalendernøkkel"
        verbose_name_plural = "kalendernøkler"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Kalendernøkkel for {self.person}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class CalDAVCalendar(models.Model):
    """One calendar per organization on the CalDAV server (settings.CALDAV_URL)."""

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="caldav_calendar",
                                        verbose_name="organ")
    url = models.CharField("adresse", max_length=500)
    created_at = models.DateTimeField("opprettet", auto_now_add=True)

    class Meta:
        verbose_name = "CalDAV-kalender"
        verbose_name_plural = "CalDAV-kalendere"

    def __str__(self) -> str:
        return self.url


class MeetingSyncState(models.Model):
    """What was last written to the server for one meeting. Updated only after a successful PUT."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="caldav_state",
                                   verbose_name="møte")
    href = models.CharField("adresse på serveren", max_length=500)
    sequence = models.PositiveIntegerField("sist sendte SEQUENCE")
    content_hash = models.CharField("sjekksum", max_length=64)
    etag = models.CharField("ETag", max_length=200, blank=True)
    pushed_at = models.DateTimeField("sendt")

    class Meta:
        verbose_name = "CalDAV-status for møte"
        verbose_name_plural = "CalDAV-status for møter"

    def __str__(self) -> str:
        return f"{self.meeting} → {self.href}"


class SyncErrorKind(models.TextChoices):
    NONE = "", "Ingen feil"
    AUTH = "auth", "Innlogging avvist"
    UNREACHABLE = "unreachable", "Serveren svarer ikke"
    SERVER = "server", "Feil på serveren"
    NOT_CONFIGURED = "not_configured", "Ikke satt opp"


class SyncStatus(models.Model):
    """The last outcome of talking to the CalDAV server, shown on the staff sync page."""

    key = models.CharField(max_length=40, unique=True, default="caldav")
    last_attempt_at = models.DateTimeField("siste forsøk", null=True, blank=True)
    last_success_at = models.DateTimeField("siste vellykkede", null=True, blank=True)
    error_kind = models.CharField("feiltype", max_length=20, choices=SyncErrorKind.choices, blank=True)
    message = models.TextField("melding", blank=True)
    pending = models.PositiveIntegerField("møter som venter", default=0)

    class Meta:
        verbose_name = "synkroniseringsstatus"
        verbose_name_plural = "synkroniseringsstatus"

    def __str__(self) -> str:
        return self.get_error_kind_display() if self.error_kind else "OK"

    @classmethod
    def current(cls) -> SyncStatus:
        status, _ = cls.objects.get_or_create(key="caldav")
        return status


class SchoolHoliday(models.Model):
    """A school holiday in the kommune (skoleferie), as a date range. The plan generator skips it."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="school_holidays", verbose_name="kommune")
    name = models.CharField("navn", max_length=100)
    start_date = models.DateField("fra")
    end_date = models.DateField("til og med")

    class Meta:
        verbose_name = "skoleferie"
        verbose_name_plural = "skoleferier"
        ordering = ["start_date"]

    def __str__(self) -> str:
        return f"{self.name} ({self.start_date:%d.%m.%Y}–{self.end_date:%d.%m.%Y})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "Ferien kan ikke slutte før den starter."})


class PlanRule(models.Model):
    """How often an organization meets: a weekday every N weeks at a time, between two dates."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="plan_rules",
                                     verbose_name="organ")
    weekday = models.PositiveSmallIntegerField("ukedag", choices=Weekday.choices)
    interval_weeks = models.PositiveSmallIntegerField("hver N. uke", default=4)
    start_time = models.TimeField("klokkeslett")
    duration_minutes = models.PositiveSmallIntegerField("varighet (minutter)", default=180)
    first_date = models.DateField("første dato")
    last_date = models.DateField("siste dato")
    skip_dates = models.JSONField("hopp over datoer", default=list, blank=True)
    skip_public_holidays = models.BooleanField("hopp over helligdager", default=True)
    skip_school_holidays = models.BooleanField("hopp over skoleferier", default=True)
    location = models.CharField("sted", max_length=200, blank=True)
    created_at = models.DateTimeField("opprettet", auto_now_add=True)

    class Meta:
        verbose_name = "møteregel"
        verbose_name_plural = "møteregler"
        ordering = ["organization", "-created_at"]

    def __str__(self) -> str:
        return (f"{self.organization}: {self.get_weekday_display()} hver {self.interval_weeks}. uke "
                f"kl. {self.start_time:%H:%M}")


class PlanState(models.TextChoices):
    DRAFT = "utkast", "Utkast"
    PUBLISHED = "publisert", "Publisert"


class MeetingPlan(models.Model):
    """A year's meeting plan for one organization: a draft the secretariat adjusts, then publishes."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="meeting_plans",
                                     verbose_name="organ")
    year = models.PositiveSmallIntegerField("år")
    rule = models.ForeignKey(PlanRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="plans",
                             verbose_name="regel")
    state = models.CharField("status", max_length=20, choices=PlanState.choices, default=PlanState.DRAFT)
    created_at = models.DateTimeField("opprettet", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="opprettet av")
    published_at = models.DateTimeField("publisert", null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name="publisert av")

    class Meta:
        verbose_name = "møteplan"
        verbose_name_plural = "møteplaner"
        ordering = ["-year", "organization__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="one_meeting_plan_per_year",
                                    violation_error_message="Organet har allerede en møteplan for dette året."),
        ]

    def __str__(self) -> str:
        return f"Møteplan {self.year} for {self.organization}"

    @property
    def is_draft(self) -> bool:
        return self.state == PlanState.DRAFT


class PlannedMeeting(models.Model):
    """One date in a meeting plan. Skipped dates are kept (with the reason) so the draft shows why."""

    plan = models.ForeignKey(MeetingPlan, on_delete=models.CASCADE, related_name="dates", verbose_name="møteplan")
    date = models.DateField("dato")
    start_time = models.TimeField("klokkeslett")
    duration_minutes = models.PositiveSmallIntegerField("varighet (minutter)", default=180)
    location = models.CharField("sted", max_length=200, blank=True)
    skipped_reason = models.CharField("hoppet over fordi", max_length=200, blank=True)
    meeting = models.OneToOneField(Meeting, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="planned_as", verbose_name="møte")

    class Meta:
        verbose_name = "planlagt møte"
        verbose_name_plural = "planlagte møter"
        ordering = ["date", "start_time"]

    def __str__(self) -> str:
        return f"{self.plan.organization} {self.date:%d.%m.%Y}"

    @property
    def is_skipped(self) -> bool:
        return bool(self.skipped_reason)
