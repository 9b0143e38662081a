"""Meetings (møter), their agenda (saksliste) and the decisions (vedtak) made in them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from secretariat.cases.exemptions import (
    ClosedBasis,  # koml. § 11-5 grounds; lives with the exemption bases
    ExemptionBasis,
)
from secretariat.cases.models import Consultation
from secretariat.organizations.models import Organization
from workflows.meeting import MeetingState, MeetingWorkflow


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
        # Every list of meetings is by start (portal, API, feeds), and the API's agenda items by their meeting's
        # start: a page then reads a few index entries instead of sorting every meeting and item (issue 17).
        indexes = [models.Index(fields=["start", "id"], name="meeting_start_idx")]

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
    # questions: an item without a case (e.g. a reported delegated decision, RS) carries its own exemption;
    # the public sees it by `public_title` only (secretariat.access).
    exempt_basis = models.CharField("hjemmel for unntak (sak uten saksframlegg)", max_length=30,
                                    choices=ExemptionBasis.choices, blank=True)

    # When the row was made and last changed: the OParl API's created/modified and its *_since filters.
    created_at = models.DateTimeField("opprettet", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("endret", auto_now=True)

    class Meta:
        verbose_name = "sak på sakslisten"
        verbose_name_plural = "saksliste"
        ordering = ["meeting", "position"]
        # "Was any item of this case closed?" is asked for every case on every public list (koml. § 11-5).
        indexes = [models.Index(fields=["closed", "consultation"], name="agendaitem_closed_idx")]
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


class DecisionKind(models.TextChoices):
    """A body that gives its view to another body gives an innstilling, not a vedtak (DOMAIN.md § 3). Only a
    final decision (vedtak) gets the lovlighetskontroll clock (koml. § 27-1) and goes to follow-up."""

    FINAL = "vedtak", "Vedtak"
    RECOMMENDATION = "innstilling", "Innstilling"


class Decision(models.Model):
    """Vedtak: what a body decided on one consultation, with the vote. When the case goes on to another body,
    the decision is this body's innstilling to it (`kind`, set by the case's `forward` step)."""

    Kind = DecisionKind

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
    kind = models.CharField("vedtak eller innstilling", max_length=12, choices=DecisionKind.choices,
                            default=DecisionKind.FINAL)

    class Meta:
        verbose_name = "vedtak"
        verbose_name_plural = "vedtak"
        ordering = ["decided_at"]
        indexes = [models.Index(fields=["-decided_at", "-id"], name="decision_decided_idx")]  # lists, newest first

    def __str__(self) -> str:
        return f"{self.get_kind_display()} i {self.consultation}"

    @property
    def is_final(self) -> bool:
        return self.kind == DecisionKind.FINAL


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


class VoteKind(models.TextChoices):
    """What is voted on. Blank votes are allowed only in valg and ansettelser (koml. § 8-1 andre ledd); a tie
    is decided by the møteleder's vote except in a valg, where lots are drawn (koml. §§ 7-8, 11-9)."""

    CASE = "sak", "Sak"
    ELECTION = "valg", "Valg"
    APPOINTMENT = "ansettelse", "Ansettelse"


class Vote(models.Model):
    """Avstemning over one proposal: totals, per-party result, named members where a party split."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes", verbose_name="sak")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes", verbose_name="forslag")
    for_count = models.PositiveSmallIntegerField("for", default=0)
    against_count = models.PositiveSmallIntegerField("mot", default=0)
    blank_count = models.PositiveSmallIntegerField("blanke", default=0)
    secret = models.BooleanField("hemmelig", default=False)
    kind = models.CharField("type avstemning", max_length=12, choices=VoteKind.choices, default=VoteKind.CASE)
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
    def is_election(self) -> bool:
        return self.kind == VoteKind.ELECTION

    @property
    def result_label(self) -> str:
        """The protokoll's wording in bokmål (see result_text)."""
        return self.result_text("nb")

    def result_text(self, maalform: str = "nb") -> str:
        """The protokoll's wording: «Innstillingen ble vedtatt med 5 mot 2 stemmer», «Forslaget falt med 4 mot 3
        stemmer» (the winning side first), «… ble enstemmig vedtatt», «… med møteleders dobbeltstemme (3 mot 3
        stemmer)», «… avgjort ved loddtrekning»; in nynorsk with maalform="nn"."""
        w = _RESULT_WORDS["nn" if maalform == "nn" else "nb"]
        recommendation = self.proposal.is_recommendation
        subject = w["innstillingen"] if recommendation else w["forslaget"]
        adopted = w["vedtatt_f"] if recommendation else w["vedtatt_n"]
        verb = f"{w['ble']} {adopted}" if self.adopted else w["falt"]
        yes, no, votes = self.for_count, self.against_count, w["stemmer"]
        if self.decided_by == "møteleder":
            text = f"{subject} {verb} {w['dobbeltstemme']} ({yes} mot {no} {votes})"
        elif self.decided_by == "loddtrekning":
            text = f"{subject} {verb} med {yes} mot {no} {votes}, {w['loddtrekning']}"
        elif self.adopted and not no and not self.blank_count:
            text = f"{subject} {w['ble']} {w['enstemmig']} {adopted}"
        elif not self.adopted and not yes and not self.blank_count:
            text = f"{subject} {w['falt']} {w['enstemmig']}"
        else:
            first, second = (yes, no) if self.adopted else (no, yes)
            text = f"{subject} {verb} med {first} mot {second} {votes}"
        if self.blank_count:
            text += f", {self.blank_count} {w['blank'] if self.blank_count == 1 else w['blanke']}"
        return text


_RESULT_WORDS = {
    "nb": {"innstillingen": "Innstillingen", "forslaget": "Forslaget", "ble": "ble", "vedtatt_f": "vedtatt",
           "vedtatt_n": "vedtatt", "falt": "falt", "stemmer": "stemmer", "enstemmig": "enstemmig",
           "dobbeltstemme": "med møteleders dobbeltstemme", "loddtrekning": "avgjort ved loddtrekning",
           "blank": "blank stemme", "blanke": "blanke stemmer"},
    "nn": {"innstillingen": "Innstillinga", "forslaget": "Framlegget", "ble": "vart", "vedtatt_f": "vedteken",
           "vedtatt_n": "vedteke", "falt": "fall", "stemmer": "røyster", "enstemmig": "samrøystes",
           "dobbeltstemme": "med dobbeltrøysta til møteleiaren", "loddtrekning": "avgjort ved loddtrekking",
           "blank": "blank røyst", "blanke": "blanke røyster"},
}


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
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name="registrert av")
    late_reason = models.TextField("begrunnelse for å ta imot etter fristen", blank=True)
    # Public text unless the secretariat marks it exempt (offentleglova); then only kind and asker are public.
    exempt_basis = models.CharField("hjemmel for unntak", max_length=30, choices=ExemptionBasis.choices, blank=True)

    class Meta:
        verbose_name = "spørsmål/interpellasjon"
        verbose_name_plural = "spørsmål og interpellasjoner"
        ordering = ["meeting", "kind", "pk"]

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


class ChairHow(models.TextChoices):
    DEPUTY = "nestleder", "Nestleder (lederen er inhabil eller har forfall)"
    ELECTED = "valgt", "Setteleder valgt av organet (leder og nestleder er inhabile eller har forfall)"


class ActingChair(models.Model):
    """Who leads the meeting, or one item, when the leader cannot (koml. § 11-2): the nestleder, or a setteleder
    the body elects when both are inhabil or absent. selectors.chair_of reads it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="acting_chairs", verbose_name="møte")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="acting_chairs", verbose_name="sak (tom = hele møtet)")
    membership = models.ForeignKey("organizations.Membership", on_delete=models.PROTECT, related_name="+",
                                   verbose_name="møteleder")
    how = models.CharField("hvordan", max_length=12, choices=ChairHow.choices)
    reason = models.CharField("hvorfor", max_length=300, blank=True)
    created_at = models.DateTimeField("registrert", auto_now_add=True)

    class Meta:
        verbose_name = "setteleder"
        verbose_name_plural = "setteledere"
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "agenda_item"], name="acting_chair_once_per_item",
                                    condition=models.Q(agenda_item__isnull=False)),
            models.UniqueConstraint(fields=["meeting"], name="acting_chair_once_per_meeting",
                                    condition=models.Q(agenda_item__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"Møteleder {self.membership.person} ({self.get_how_display()})"
