"""Meetings (møter), their agenda (saksliste) and the decisions (vedtak) made in them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

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


class AgendaCounter(models.Model):
    """The last agenda number given per organization, series (PS/RS/OS) and year. Taking a number locks this row
    (select_for_update) until the item is saved, so concurrent additions to different meetings of the same body
    get consecutive, unique numbers (issue 12: locking the existing items let a new one slip past)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("type", max_length=2, choices=AgendaItemKind.choices)
    year = models.PositiveSmallIntegerField("år")
    last_number = models.PositiveIntegerField("sist brukte nummer", default=0)

    class Meta:
        verbose_name = "saksnummerteller"
        verbose_name_plural = "saksnummertellere"
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind", "year"], name="agenda_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.last_number}/{self.year} ({self.organization_id})"


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
    notice_sent_at = models.DateTimeField("innkalling sendt", null=True, blank=True,
                                          help_text="For tilleggssaker: egen innkalling.")

    # When the row was made and last changed: the OParl API's created/modified and its *_since filters.
    created_at = models.DateTimeField("opprettet", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("endret", auto_now=True)

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


# --- the items' outcomes, the live meeting and the minutes (koml. §§ 11-4, 11-9, 11-10) -------------

class ItemOutcome(models.TextChoices):
    DECIDED = "vedtatt", "Vedtatt"
    POSTPONED = "utsatt", "Utsatt"
    SENT_BACK = "sendt_tilbake", "Sendt tilbake"
    WITHDRAWN = "trukket", "Trukket"
    NOTED = "tatt_til_orientering", "Tatt til orientering"


class AgendaItemOutcome(models.Model):
    """What happened to an item in the meeting; the case workflow is driven from here."""

    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="outcome",
                                       verbose_name="sak")
    outcome = models.CharField("utfall", max_length=30, choices=ItemOutcome.choices)
    comment = models.TextField("merknad", blank=True)
    forwarded_to = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name="sendt videre til")
    recorded_at = models.DateTimeField("registrert", auto_now_add=True)

    class Meta:
        verbose_name = "utfall"
        verbose_name_plural = "utfall"

    def __str__(self) -> str:
        return f"{self.agenda_item.label}: {self.get_outcome_display()}"


class MeetingLive(models.Model):
    """The live meeting's state: which item is being treated and when the video started."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="live", verbose_name="møte")
    current_item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                     verbose_name="sak under behandling")
    video_started_at = models.DateTimeField("videoen startet", null=True, blank=True,
                                            help_text="Tom = møtets starttid.")

    class Meta:
        verbose_name = "møtemodus"
        verbose_name_plural = "møtemodus"

    def __str__(self) -> str:
        return f"Møtemodus {self.meeting}"


class Absence(models.Model):
    """Forfall: a member cannot attend the meeting (or some items); a substitute is called from the list."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="absences", verbose_name="møte")
    membership = models.ForeignKey("organizations.Membership", on_delete=models.PROTECT, related_name="absences",
                                   verbose_name="medlem")
    items = models.ManyToManyField(AgendaItem, blank=True, related_name="absences",
                                   verbose_name="gjelder sakene (tom = hele møtet)")
    reason = models.CharField("grunn", max_length=300, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                      related_name="+", verbose_name="registrert av")
    registered_at = models.DateTimeField("registrert", auto_now_add=True)
    proposed_substitute = models.ForeignKey("organizations.Membership", on_delete=models.SET_NULL, null=True,
                                            blank=True, related_name="+", verbose_name="foreslått vara")
    substitute = models.ForeignKey("organizations.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="substitute_calls", verbose_name="innkalt vara")
    substitute_confirmed_at = models.DateTimeField("vara innkalt", null=True, blank=True)
    substitute_notified_at = models.DateTimeField("vara varslet", null=True, blank=True)

    class Meta:
        verbose_name = "forfall"
        verbose_name_plural = "forfall"
        ordering = ["meeting", "registered_at"]
        constraints = [models.UniqueConstraint(fields=["meeting", "membership"], name="absence_once_per_meeting",
                                               violation_error_message="Forfallet er allerede registrert.")]

    def __str__(self) -> str:
        return f"Forfall {self.membership.person} {self.meeting}"

    @property
    def whole_meeting(self) -> bool:
        return not self.items.exists()


class Attendance(models.Model):
    """Who took part: a member or a called-in substitute, with arrival and departure per item."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name="møte")
    membership = models.ForeignKey("organizations.Membership", on_delete=models.PROTECT, related_name="attendances",
                                   verbose_name="medlemskap")
    substitute_for = models.ForeignKey("organizations.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name="møter for")
    # Empty = every item (within arrival/departure); else only these (item absence, recusal).
    only_items = models.ManyToManyField(AgendaItem, blank=True, related_name="+", verbose_name="bare sakene")
    arrived_before = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                       verbose_name="kom til sak")
    left_before = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    verbose_name="gikk før sak")
    registered_at = models.DateTimeField("registrert", auto_now_add=True)

    class Meta:
        verbose_name = "oppmøte"
        verbose_name_plural = "oppmøte"
        ordering = ["meeting", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "membership"], name="attendance_once_per_meeting",
                                               violation_error_message="Personen er allerede registrert som møtt.")]

    def __str__(self) -> str:
        return f"{self.membership.person} i {self.meeting}"


class Recusal(models.Model):
    """Inhabilitet per item: the body decides (koml. § 11-10, fvl. § 6); a substitute may be called."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals", verbose_name="sak")
    membership = models.ForeignKey("organizations.Membership", on_delete=models.PROTECT, related_name="recusals",
                                   verbose_name="medlem")
    grounds = models.CharField("grunnlag", max_length=300, blank=True)
    decided = models.BooleanField("erklært inhabil", default=True)
    substitute = models.ForeignKey("organizations.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="vara for saken")
    created_at = models.DateTimeField("registrert", auto_now_add=True)

    class Meta:
        verbose_name = "habilitetsvurdering"
        verbose_name_plural = "habilitetsvurderinger"
        ordering = ["agenda_item", "pk"]
        constraints = [models.UniqueConstraint(fields=["agenda_item", "membership"], name="recusal_once_per_item",
                                               violation_error_message="Habiliteten er allerede vurdert.")]

    def __str__(self) -> str:
        return f"Habilitet {self.membership.person} i {self.agenda_item.label}"


class Proposal(models.Model):
    """Forslag from a party or a member (or the innstilling itself)."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="proposals",
                                    verbose_name="sak")
    by = models.CharField("fremmet av", max_length=200)
    text = models.TextField("forslag")
    is_recommendation = models.BooleanField("innstillingen", default=False)
    position = models.PositiveSmallIntegerField("nr.", default=1)
    created_at = models.DateTimeField("registrert", auto_now_add=True)

    class Meta:
        verbose_name = "forslag"
        verbose_name_plural = "forslag"
        ordering = ["agenda_item", "position"]

    def __str__(self) -> str:
        return f"Forslag {self.position} fra {self.by}"


class VoteChoice(models.TextChoices):
    FOR = "for", "For"
    AGAINST = "mot", "Mot"
    BLANK = "blank", "Blank"


class Vote(models.Model):
    """Avstemning over one proposal: totals, per-party result, named members where a party split."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes", verbose_name="sak")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes", verbose_name="forslag")
    for_count = models.PositiveSmallIntegerField("for", default=0)
    against_count = models.PositiveSmallIntegerField("mot", default=0)
    blank_count = models.PositiveSmallIntegerField("blanke", default=0)
    secret = models.BooleanField("hemmelig", default=False)
    is_election = models.BooleanField("valg", default=False)
    adopted = models.BooleanField("vedtatt", default=False)
    decided_by = models.CharField("avgjort ved", max_length=20, blank=True,
                                  help_text="«møteleder» (dobbeltstemme) eller «loddtrekning» ved stemmelikhet")
    created_at = models.DateTimeField("registrert", auto_now_add=True)

    class Meta:
        verbose_name = "avstemning"
        verbose_name_plural = "avstemninger"
        ordering = ["agenda_item", "pk"]

    def __str__(self) -> str:
        return f"Avstemning over {self.proposal}"

    @property
    def result_label(self) -> str:
        result = "Vedtatt" if self.adopted else "Falt"
        how = f"{self.for_count} mot {self.against_count}" if self.against_count else "enstemmig"
        if not self.for_count and not self.against_count:
            how = "ingen stemmer"
        tie = {"møteleder": ", møteleders dobbeltstemme", "loddtrekning": ", avgjort ved loddtrekning"}
        return f"{result} ({how}{tie.get(self.decided_by, '')})"


class Ballot(models.Model):
    """One member's open vote (never stored for secret ballots)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots", verbose_name="avstemning")
    membership = models.ForeignKey("organizations.Membership", on_delete=models.PROTECT, related_name="+",
                                   verbose_name="medlem")
    choice = models.CharField("stemme", max_length=5, choices=VoteChoice.choices)

    class Meta:
        verbose_name = "stemme"
        verbose_name_plural = "stemmer"
        constraints = [models.UniqueConstraint(fields=["vote", "membership"], name="ballot_once")]

    def __str__(self) -> str:
        return f"{self.membership.person}: {self.get_choice_display()}"


class ProtocolRemark(models.Model):
    """Protokolltilførsel: a member's or group's statement entered in the minutes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="remarks", verbose_name="møte")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="remarks", verbose_name="sak")
    by = models.CharField("fra", max_length=200)
    text = models.TextField("tekst")
    created_at = models.DateTimeField("registrert", auto_now_add=True)

    class Meta:
        verbose_name = "protokolltilførsel"
        verbose_name_plural = "protokolltilførsler"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Protokolltilførsel fra {self.by}"


class QuestionKind(models.TextChoices):
    QUESTION = "sporsmal", "Spørsmål"
    INTERPELLATION = "interpellasjon", "Interpellasjon"


class Question(models.Model):
    """Spørsmål and interpellasjoner from members, registered per meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="questions", verbose_name="møte")
    kind = models.CharField("type", max_length=20, choices=QuestionKind.choices, default=QuestionKind.QUESTION)
    asked_by = models.ForeignKey("organizations.Person", on_delete=models.PROTECT, related_name="+",
                                 verbose_name="fra")
    title = models.CharField("tittel", max_length=250)
    text = models.TextField("spørsmål")
    answer = models.TextField("svar", blank=True)
    created_at = models.DateTimeField("registrert", auto_now_add=True)

    class Meta:
        verbose_name = "spørsmål/interpellasjon"
        verbose_name_plural = "spørsmål og interpellasjoner"
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.title


class Minutes(models.Model):
    """Protokoll: draft → approved; once approved it is frozen (koml. § 11-4)."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes", verbose_name="møte")
    approved_at = models.DateTimeField("godkjent", null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="registrert godkjent av")
    approval_label = models.CharField("godkjent av", max_length=300, blank=True,
                                      help_text="F.eks. «Formannskapet i møte 12.3.2026» eller «signert av …»")
    signers = models.ManyToManyField("organizations.Person", blank=True, related_name="+",
                                     verbose_name="valgt til å signere")
    snapshot = models.JSONField("innhold ved godkjenning", null=True, blank=True)

    class Meta:
        verbose_name = "protokoll"
        verbose_name_plural = "protokoller"

    def __str__(self) -> str:
        return f"Protokoll {self.meeting}"

    @property
    def approved(self) -> bool:
        return self.approved_at is not None
