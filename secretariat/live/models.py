"""The live meeting on members' devices (issue 16): the speaker list (talerliste), electronic votes, and the
version counter that lets a client that missed events know it has the current state.

Secret ballots (in a valg, as meetings.services.secret_allowed permits): `SecretVoter` says only WHO has voted and
`SecretTally` only HOW MANY voted each way; no row links a person to a choice, and neither carries a time that could be
matched to the other.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from secretariat.meetings.models import AgendaItem, Meeting, Proposal, Vote, VoteChoice, VoteKind
from secretariat.organizations.models import Membership, Organization
from workflows.evote import EVoteState, EVoteWorkflow  # noqa: F401 (EVoteState: the live app's name for it)


class LiveSettings(models.Model):
    """What the body's reglement says about the live meeting."""

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="live_settings",
                                        verbose_name="organ")
    speakers_in_minutes = models.BooleanField(
        "protokollen viser hvem som hadde ordet", default=False,
        help_text="Kryss av når reglementet sier at protokollen skal nevne hvem som hadde ordet i hver sak.")
    speaking_time_seconds = models.PositiveIntegerField(
        "taletid (sekunder)", null=True, blank=True,
        help_text="Foreslått taletid for et innlegg. Tom = ingen taletid. En replikk får en tredel.")

    class Meta:
        verbose_name = "reglement for direkte møte"
        verbose_name_plural = "reglement for direkte møte"

    def __str__(self) -> str:
        return f"Direkte møte i {self.organization}"


class LiveVersion(models.Model):
    """Bumped in the same transaction as every change a live page shows; clients compare it on reconnect."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="live_version",
                                   verbose_name="møte")
    version = models.PositiveIntegerField("versjon", default=0)

    class Meta:
        verbose_name = "versjon av direkte møte"
        verbose_name_plural = "versjoner av direkte møte"

    def __str__(self) -> str:
        return f"{self.meeting}: {self.version}"


class SpeechKind(models.TextChoices):
    CONTRIBUTION = "innlegg", "Innlegg"
    REPLY = "replikk", "Replikk"


class SpeechState(models.TextChoices):
    WAITING = "venter", "Venter"
    SPEAKING = "taler", "Har ordet"
    DONE = "ferdig", "Ferdig"
    WITHDRAWN = "trukket", "Trukket"


class Speech(models.Model):
    """One entry on an item's speaker list: a request for the floor, then the speech itself."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="speeches", verbose_name="sak")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+", verbose_name="medlem")
    kind = models.CharField("type", max_length=10, choices=SpeechKind.choices, default=SpeechKind.CONTRIBUTION)
    state = models.CharField("status", max_length=10, choices=SpeechState.choices, default=SpeechState.WAITING)
    position = models.PositiveIntegerField("plass i køen", default=0)
    requested_at = models.DateTimeField("bedt om ordet", auto_now_add=True)
    started_at = models.DateTimeField("fikk ordet", null=True, blank=True)
    ended_at = models.DateTimeField("ferdig", null=True, blank=True)
    time_limit_seconds = models.PositiveIntegerField("taletid (sekunder)", null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name="registrert av")

    class Meta:
        verbose_name = "innlegg på talerlisten"
        verbose_name_plural = "talerliste"
        ordering = ["agenda_item", "position", "pk"]
        constraints = [
            # One speaker at a time per item, and one waiting request of each kind per member.
            models.UniqueConstraint(fields=["agenda_item"], condition=models.Q(state="taler"),
                                    name="speech_one_speaker"),
            models.UniqueConstraint(fields=["agenda_item", "membership", "kind"], condition=models.Q(state="venter"),
                                    name="speech_one_waiting_request"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} fra {self.membership.person} i {self.agenda_item.label}"


class ElectronicVote(EVoteWorkflow):
    """A vote the møteleder opens on a proposal; members vote from their devices until it is closed. When it is
    closed, the result is written as a meetings.Vote by the one vote service (meetings.services.vote_record).
    Its lifecycle (apen → lukket / avbrutt) is the workflow `workflows.evote.EVOTE_WORKFLOW`."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="electronic_votes",
                                    verbose_name="sak")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="electronic_votes",
                                 verbose_name="forslag")
    kind = models.CharField("type avstemning", max_length=12, choices=VoteKind.choices, default=VoteKind.CASE)
    secret = models.BooleanField("hemmelig", default=False)
    opened_at = models.DateTimeField("åpnet", auto_now_add=True)
    closed_at = models.DateTimeField("avsluttet", null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                                  verbose_name="åpnet av")
    result = models.OneToOneField(Vote, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="electronic", verbose_name="resultat")

    class Meta:
        verbose_name = "elektronisk avstemning"
        verbose_name_plural = "elektroniske avstemninger"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["agenda_item"], condition=models.Q(state="apen"),
                                    name="evote_one_open_per_item"),
        ]

    def __str__(self) -> str:
        return f"Elektronisk avstemning over {self.proposal}"


class BallotSource(models.TextChoices):
    DEVICE = "enhet", "Fra medlemmets enhet"
    HAND = "sekretar", "Registrert av sekretariatet"


class ElectronicBallot(models.Model):
    """One member's choice in an OPEN electronic vote (never used for a secret ballot)."""

    vote = models.ForeignKey(ElectronicVote, on_delete=models.CASCADE, related_name="ballots",
                             verbose_name="avstemning")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+", verbose_name="medlem")
    choice = models.CharField("stemme", max_length=5, choices=VoteChoice.choices)
    source = models.CharField("kilde", max_length=10, choices=BallotSource.choices, default=BallotSource.DEVICE)
    cast_at = models.DateTimeField("avgitt", auto_now_add=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                                   verbose_name="registrert av")

    class Meta:
        verbose_name = "elektronisk stemme"
        verbose_name_plural = "elektroniske stemmer"
        constraints = [models.UniqueConstraint(fields=["vote", "membership"], name="evote_ballot_once")]

    def __str__(self) -> str:
        return f"{self.membership.person}: {self.get_choice_display()}"


class SecretVoter(models.Model):
    """That a member has voted in a secret ballot, and how the ballot reached us: no choice, no time."""

    vote = models.ForeignKey(ElectronicVote, on_delete=models.CASCADE, related_name="secret_voters",
                             verbose_name="avstemning")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+", verbose_name="medlem")
    source = models.CharField("kilde", max_length=10, choices=BallotSource.choices, default=BallotSource.DEVICE)

    class Meta:
        verbose_name = "har stemt (hemmelig valg)"
        verbose_name_plural = "har stemt (hemmelig valg)"
        constraints = [models.UniqueConstraint(fields=["vote", "membership"], name="evote_secret_voter_once")]

    def __str__(self) -> str:
        return f"{self.membership.person} har stemt"


class SecretTally(models.Model):
    """How many voted each way in a secret ballot: one row per choice, created when the vote opens."""

    vote = models.ForeignKey(ElectronicVote, on_delete=models.CASCADE, related_name="tallies",
                             verbose_name="avstemning")
    choice = models.CharField("stemme", max_length=5, choices=VoteChoice.choices)
    count = models.PositiveIntegerField("antall", default=0)

    class Meta:
        verbose_name = "opptelling (hemmelig valg)"
        verbose_name_plural = "opptelling (hemmelig valg)"
        constraints = [models.UniqueConstraint(fields=["vote", "choice"], name="evote_tally_once")]

    def __str__(self) -> str:
        return f"{self.get_choice_display()}: {self.count}"
