"""The politikerportal's own records: a member's private notes and highlights on case papers, their advance
declarations of inhabilitet, and their applications for permisjon or fritak (koml. § 7-9)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from secretariat.cases.models import Case
from secretariat.meetings.models import AgendaItem
from secretariat.organizations.models import LegislativeTerm, Membership, Person
from workflows.leave import LeaveWorkflow


class PaperNote(models.Model):
    """A private note, or a highlighted passage with an optional note, on one case paper. Its text belongs to the
    user who wrote it and is shown to nobody else: no staff page, admin page, API, export or feed reads it
    (tests/access plants one; the admin does not register this model)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name="bruker")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+", verbose_name="sak")
    section = models.CharField("del av saksframlegget", max_length=40, blank=True)
    quote = models.TextField("markert tekst", blank=True, max_length=2000)
    text = models.TextField("notat", blank=True, max_length=5000)
    created_at = models.DateTimeField("opprettet", auto_now_add=True)
    updated_at = models.DateTimeField("endret", auto_now=True)

    class Meta:
        verbose_name = "privat notat"
        verbose_name_plural = "private notater"
        ordering = ["case", "created_at", "pk"]
        indexes = [models.Index(fields=["user", "case"])]

    def __str__(self) -> str:
        # Never the text: this is what an audit row or a log line would show.
        return f"Privat notat {self.pk}"


class RecusalDeclaration(models.Model):
    """A member says in advance that they may be inhabil in an item (koml. § 11-10, fvl. § 6). The body decides in
    the meeting; the secretariat sees the declaration on the meeting page and in møtemodus."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="+", verbose_name="sak")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+", verbose_name="medlem")
    reason = models.TextField("begrunnelse", max_length=2000)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                                    verbose_name="meldt av")
    created_at = models.DateTimeField("meldt", auto_now_add=True)

    class Meta:
        verbose_name = "melding om mulig inhabilitet"
        verbose_name_plural = "meldinger om mulig inhabilitet"
        ordering = ["agenda_item", "pk"]
        constraints = [models.UniqueConstraint(fields=["agenda_item", "membership"], name="recusal_declared_once")]

    def __str__(self) -> str:
        return f"Mulig inhabil: {self.membership.person} i {self.agenda_item.label}"


class LeaveKind(models.TextChoices):
    PERMISJON = "permisjon", "Permisjon for en periode"
    FRITAK = "fritak", "Fritak for resten av valgperioden"


class LeaveApplication(LeaveWorkflow):
    """Permisjon (a period) or fritak (for the rest of the term) from a member's offices (koml. § 7-9). The decision
    is a case; a fritak goes the appointments app's fritak path (a MembershipChange) for the office named."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name="folkevalgt")
    applicant_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="+", verbose_name="søkerens brukerkonto")
    kind = models.CharField("type", max_length=20, choices=LeaveKind.choices, default=LeaveKind.PERMISJON)
    term = models.ForeignKey(LegislativeTerm, on_delete=models.PROTECT, related_name="+", verbose_name="valgperiode")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name="vervet (fritak)")
    start_date = models.DateField("fra")
    end_date = models.DateField("til", null=True, blank=True, help_text="Tom for fritak: resten av valgperioden.")
    ground = models.TextField("grunn", max_length=4000)
    case = models.OneToOneField(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name="sak")
    membership_change = models.OneToOneField("appointments.MembershipChange", on_delete=models.PROTECT, null=True,
                                             blank=True, related_name="+", verbose_name="fritak (oppnevninger)")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                      related_name="+", verbose_name="registrert av")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="avgjort av")
    decided_at = models.DateTimeField("avgjort", null=True, blank=True)
    created_at = models.DateTimeField("søkt", auto_now_add=True)

    class Meta:
        verbose_name = "søknad om permisjon/fritak"
        verbose_name_plural = "søknader om permisjon og fritak"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person}"

    @property
    def last_day(self):
        """The period's last day: a fritak runs to the end of the term."""
        return self.end_date or self.term.end_date


class LeaveCallIn(models.Model):
    """One absence (forfall) an approved permisjon registered for a meeting: which call-ins the permisjon made."""

    leave = models.ForeignKey(LeaveApplication, on_delete=models.CASCADE, related_name="call_ins",
                              verbose_name="permisjon")
    absence = models.OneToOneField("meetings.Absence", on_delete=models.CASCADE, related_name="+",
                                   verbose_name="forfall")
    created_at = models.DateTimeField("registrert", auto_now_add=True)

    class Meta:
        verbose_name = "vara innkalt for permisjon"
        verbose_name_plural = "vara innkalt for permisjoner"

    def __str__(self) -> str:
        return f"Forfall {self.absence_id} (permisjon {self.leave_id})"
