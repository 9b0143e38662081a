"""Vedtaksoppfølging: follow-ups of final decisions, their progress notes, reminders, lovlighetskontroll
demands and the status reports (oppfølgingsrapport) to the political bodies."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from secretariat.meetings.models import Decision
from secretariat.organizations.models import AdministrativeUnit, Organization
from workflows.followup import CLOSED_STATES, OPEN_STATES, FollowUpState, FollowUpWorkflow


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, today: dt.date | None = None):
        """Forsinket: still open after the deadline. Derived, never stored."""
        return self.filter(state__in=OPEN_STATES, deadline__lt=today or timezone.localdate())

    def with_overdue(self, today: dt.date | None = None):
        today = today or timezone.localdate()
        return self.annotate(
            overdue_flag=models.Case(
                models.When(Q(state__in=OPEN_STATES, deadline__lt=today), then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )


class FollowUp(FollowUpWorkflow):
    """One thing the administration must do to implement a decision, with an owner and a deadline."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="followups", verbose_name="vedtak")
    # The body that made the decision (its consultation's organization), stored so that the dashboard's counts per
    # body and its body filter read the follow-up table alone instead of joining every decision and consultation.
    # Set once by `services.followup_create` (a decision's consultation never changes), filled for older rows by
    # migration 0004.
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="followups",
                                     verbose_name="organ")
    description = models.TextField("hva skal gjøres")
    responsible_unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.PROTECT, related_name="followups", verbose_name="ansvarlig enhet"
    )
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="followups", verbose_name="ansvarlig person"
    )
    deadline = models.DateField("frist")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="opprettet av"
    )
    reason = models.TextField("begrunnelse (ikke gjennomført)", blank=True)
    closed_at = models.DateTimeField("avsluttet", null=True, blank=True)
    created_at = models.DateTimeField("opprettet", auto_now_add=True)
    updated_at = models.DateTimeField("endret", auto_now=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = "oppfølging"
        verbose_name_plural = "oppfølginger"
        ordering = ["deadline", "pk"]
        indexes = [
            # The dashboard's counts per body: open follow-ups grouped by body, with the deadline for "forsinket",
            # answered from the index alone.
            models.Index(fields=["state", "organization", "deadline"], name="followup_state_org_idx"),
        ]

    def __str__(self) -> str:
        return f"Oppfølging av vedtak: {self.description[:80]}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_overdue(self) -> bool:
        """Forsinket (DOMAIN.md §2): derived from the deadline, not a state."""
        return self.is_open and self.deadline < timezone.localdate()

    @property
    def status_label(self) -> str:
        label = self.get_state_display()
        return f"{label} (forsinket)" if self.is_overdue else label

    @property
    def latest_note(self) -> FollowUpNote | None:
        notes = getattr(self, "_prefetched_objects_cache", {}).get("notes")
        if notes is not None:
            return max(notes, key=lambda n: (n.created_at, n.pk), default=None)
        return self.notes.order_by("-created_at", "-pk").first()

    def pending_legality_demand(self) -> LegalityReviewDemand | None:
        return LegalityReviewDemand.objects.pending().filter(decision_id=self.decision_id).first()

    def postponing_demand(self) -> LegalityReviewDemand | None:
        """The pending demand whose implementation the body decided to postpone: only that pauses the follow-up."""
        return LegalityReviewDemand.objects.pausing().filter(decision_id=self.decision_id).first()

    @property
    def is_paused(self) -> bool:
        return self.postponing_demand() is not None


class FollowUpNote(models.Model):
    """A progress note (statusmelding) from the responsible person."""

    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="notes", verbose_name="oppfølging")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name="skrevet av")
    text = models.TextField("merknad")
    created_at = models.DateTimeField("skrevet", default=timezone.now)

    class Meta:
        verbose_name = "statusmelding"
        verbose_name_plural = "statusmeldinger"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Frist nærmer seg"
    OVERDUE = "overdue", "Fristen er passert"


class FollowUpReminder(models.Model):
    """A reminder e-mail that has been sent. The unique constraint lets two workers race safely: the second
    insert fails, so the mail goes out at most once per follow-up, kind and period."""

    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="reminders",
                                 verbose_name="oppfølging")
    kind = models.CharField("type", max_length=20, choices=ReminderKind.choices)
    # due_soon: the deadline it warned about; overdue: the ISO week (one reminder a week while overdue).
    period = models.CharField("periode", max_length=20)
    recipient = models.EmailField("mottaker")
    sent_at = models.DateTimeField("sendt", default=timezone.now)

    class Meta:
        verbose_name = "sendt påminnelse"
        verbose_name_plural = "sendte påminnelser"
        constraints = [
            models.UniqueConstraint(fields=["followup", "kind", "period"], name="followup_reminder_once_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period} → {self.recipient}"


class FollowUpSummarySent(models.Model):
    """The weekly summary to a kommunedirektør, at most once per recipient and ISO week."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                  verbose_name="mottaker")
    period = models.CharField("uke", max_length=20)
    sent_at = models.DateTimeField("sendt", default=timezone.now)

    class Meta:
        verbose_name = "sendt ukesoversikt"
        verbose_name_plural = "sendte ukesoversikter"
        constraints = [
            models.UniqueConstraint(fields=["recipient", "period"], name="followup_summary_once_per_week"),
        ]

    def __str__(self) -> str:
        return f"Ukesoversikt {self.period} → {self.recipient}"


class LegalityReviewDemandQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(resolved_at__isnull=True)

    def pausing(self):
        """Pending demands whose implementation is postponed by a recorded decision (fvl. § 42 applied to
        koml. § 27-1): the one rule for "the follow-up stands still" (models, selectors, reminders ask it)."""
        return self.filter(resolved_at__isnull=True, postponed_on__isnull=False)


class LegalityReviewDemand(models.Model):
    """Krav om lovlighetskontroll (koml. § 27-1): three or more members of kommunestyret, within three weeks.

    The signers are memberships of kommunestyret active on the day of the demand, as regular members (leder,
    nestleder, medlem): the law says «tre eller flere medlemmer av kommunestyret», and a varamedlem is a member only
    while meeting in a member's place, so a substitute does not count here. A demand has no suspensive effect by
    itself: the follow-up stands still only when the body (or whoever has the authority) has decided to postpone
    implementation (utsatt iverksetting, fvl. § 42), recorded as its own audited step."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="legality_demands",
                                 verbose_name="vedtak")
    registered_at = models.DateTimeField("registrert", default=timezone.now)
    signers = models.ManyToManyField("organizations.Membership", blank=True, related_name="legality_demands",
                                     verbose_name="krevd av",
                                     help_text="Minst tre medlemmer av kommunestyret den dagen kravet kom.")
    demanded_by = models.TextField("krevd av (fritekst, eldre krav)", blank=True,
                                   help_text="Navnene slik de ble skrevet før underskriverne ble valgt fra "
                                             "medlemmene.")
    postponed_on = models.DateField("utsatt iverksetting besluttet", null=True, blank=True)
    postponed_by = models.CharField("utsettelsen besluttet av", max_length=200, blank=True,
                                    help_text="Organet (f.eks. «Kommunestyret, sak PS 14/27») eller den som har "
                                              "myndigheten.")
    postponement_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                                 blank=True, related_name="+",
                                                 verbose_name="utsettelsen registrert av")
    note = models.TextField("merknad", blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                      verbose_name="registrert av")
    resolved_at = models.DateTimeField("avgjort", null=True, blank=True)
    outcome = models.TextField("utfall", blank=True)

    objects = LegalityReviewDemandQuerySet.as_manager()

    class Meta:
        verbose_name = "krav om lovlighetskontroll"
        verbose_name_plural = "krav om lovlighetskontroll"
        ordering = ["-registered_at"]

    def __str__(self) -> str:
        return f"Krav om lovlighetskontroll av {self.decision}"

    @property
    def demanders(self) -> list[str]:
        """The signers' names (older demands: the names as typed)."""
        if self.pk:
            names = sorted(m.person.name for m in self.signers.all())
            if names:
                return names
        return [line.strip() for line in self.demanded_by.replace(";", "\n").replace(",", "\n").splitlines()
                if line.strip()]

    @property
    def is_postponed(self) -> bool:
        return self.postponed_on is not None


class FollowUpReport(models.Model):
    """Oppfølgingsrapport: the status of a body's decisions for a period (typically a half-year), put on the
    body's agenda as an orienteringssak. The content is computed when rendered; generated documents are
    stored with their input version by the document registry."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="followup_reports",
                                     verbose_name="organ")
    period_start = models.DateField("fra")
    period_end = models.DateField("til")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="laget av")
    created_at = models.DateTimeField("laget", auto_now_add=True)

    class Meta:
        verbose_name = "oppfølgingsrapport"
        verbose_name_plural = "oppfølgingsrapporter"
        ordering = ["-period_end", "-pk"]

    def __str__(self) -> str:
        return f"Oppfølgingsrapport {self.organization} {self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}"


__all__ = ["FollowUp", "FollowUpNote", "FollowUpReminder", "FollowUpSummarySent", "LegalityReviewDemand",
           "FollowUpReport", "FollowUpState", "ReminderKind", "CLOSED_STATES", "OPEN_STATES"]
