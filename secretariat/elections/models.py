"""Elections (valg): a project per election, with its dated milestones and tasks (DOMAIN.md §3, valgloven 2023).

The project is generated from the election type and the election day (plan_templates.py); the rows are then
the secretariat's own plan to adjust. A task's status (open / done / late) is derived from its due date and
when it was done, never stored.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from secretariat.organizations.models import Organization, OrganizationType

from .plan_templates import ElectionType


class ElectionProject(models.Model):
    name = models.CharField("navn", max_length=120)
    election_type = models.CharField("valgtype", max_length=30, choices=ElectionType.choices)
    election_day = models.DateField("valgdag", help_text="Fastsatt av Kongen i statsråd (2025: mandag 8. september).")
    sunday_voting = models.BooleanField("søndagsvalg (dagen før)", default=False,
                                        help_text="Kommunen kan vedta å holde valg også søndagen før valgdagen.")
    valgstyre = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="election_projects",
        limit_choices_to={"organization_type": OrganizationType.VALGSTYRE}, verbose_name="valgstyret")
    # The valgstyre appoints the stemmestyrer; that runs as an appointment round (secretariat.appointments).
    stemmestyre_round = models.ForeignKey(
        "appointments.AppointmentRound", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="oppnevning av stemmestyrer")
    evaluation_notes = models.TextField("erfaringer og notater til neste valg", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="opprettet av")
    created_at = models.DateTimeField("opprettet", auto_now_add=True)

    class Meta:
        verbose_name = "valgprosjekt"
        verbose_name_plural = "valgprosjekter"
        ordering = ["-election_day"]
        constraints = [models.UniqueConstraint(fields=["election_type", "election_day"], name="election_unique_day",
                                               violation_error_message="Det finnes allerede et prosjekt for dette "
                                                                       "valget.")]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.valgstyre_id and self.valgstyre.organization_type != OrganizationType.VALGSTYRE:
            raise ValidationError({"valgstyre": "Velg et organ av typen valgstyre."})

    @property
    def year(self) -> int:
        return self.election_day.year

    def is_past(self, today: dt.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.election_day


class TaskStatus(models.TextChoices):
    OPEN = "open", "Åpen"
    OVERDUE = "overdue", "Forsinket"  # not done and the due date has passed
    DONE = "done", "Utført"
    DONE_LATE = "done_late", "Utført for sent"


class ElectionTask(models.Model):
    project = models.ForeignKey(ElectionProject, on_delete=models.CASCADE, related_name="tasks",
                                verbose_name="valgprosjekt")
    key = models.SlugField("nøkkel", max_length=60, help_text="Fra malen; tom for egne oppgaver.", blank=True)
    title = models.CharField("oppgave", max_length=200)
    description = models.TextField("beskrivelse", blank=True)
    milestone = models.BooleanField("lovpålagt milepæl", default=False)
    starts_on = models.DateField("fra", null=True, blank=True)
    due_on = models.DateField("frist")
    due_time = models.TimeField("klokkeslett", null=True, blank=True)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="election_tasks", verbose_name="ansvarlig")
    responsible_role = models.CharField("ansvarlig rolle", max_length=80, blank=True)
    done_on = models.DateField("utført", null=True, blank=True)
    note = models.TextField("merknad", blank=True)

    class Meta:
        verbose_name = "valgoppgave"
        verbose_name_plural = "valgoppgaver"
        ordering = ["due_on", "due_time", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "key"], condition=~models.Q(key=""),
                                               name="election_task_unique_key")]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%d.%m.%Y})"

    def clean(self):
        if self.starts_on and self.due_on and self.starts_on > self.due_on:
            raise ValidationError({"starts_on": "Starten kan ikke være etter fristen."})

    def status(self, today: dt.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.done_on:
            return TaskStatus.DONE_LATE if self.done_on > self.due_on else TaskStatus.DONE
        return TaskStatus.OVERDUE if today > self.due_on else TaskStatus.OPEN

    def status_label(self, today: dt.date | None = None) -> str:
        return TaskStatus(self.status(today)).label

    @property
    def responsible_label(self) -> str:
        if self.responsible_id:
            return self.responsible.get_full_name() or self.responsible.get_username()
        return self.responsible_role or "–"
