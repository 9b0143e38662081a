"""The archive outbox: each message to the kommune's archive, written in the same transaction as the change."""

import uuid

from django.db import models


class ArchiveMessageState(models.TextChoices):
    PENDING = "venter", "Venter på sending"
    SENT = "sendt", "Sendt, venter på kvittering"
    ARCHIVED = "arkivert", "Arkivert"
    REJECTED = "avvist", "Avvist av arkivet"


class ArchiveMessageKind(models.TextChoices):
    """What a message files: a case's saksmappe, or one of the documents the secretariat produces."""

    SAKSMAPPE = "saksmappe", "Saksmappe"
    SAKSFRAMLEGG = "saksframlegg", "Saksframlegg"
    INNKALLING = "innkalling", "Møteinnkalling med sakskart"
    TILLEGGSINNKALLING = "tilleggsinnkalling", "Tilleggsinnkalling med sakskart"
    SAERUTSKRIFT = "saerutskrift", "Særutskrift"
    PROTOKOLL = "protokoll", "Møteprotokoll"


class ArchiveMessage(models.Model):
    # What the message is about, e.g. "protokoll:<meeting uid>": one message per record, however often it is sent.
    idempotency_key = models.CharField("idempotensnøkkel", max_length=120, unique=True)
    # The id the transport sends under; the same on every resend, so the archive never files it twice.
    message_id = models.UUIDField("meldings-id", default=uuid.uuid4, unique=True, editable=False)
    message_type = models.CharField("meldingstype", max_length=120)
    kind = models.CharField("hva som arkiveres", max_length=20, choices=ArchiveMessageKind.choices,
                            default=ArchiveMessageKind.PROTOKOLL)
    # What staff pages show for the message: never an exempt title (e.g. "Særutskrift PS 3/26").
    label = models.CharField("betegnelse", max_length=200, blank=True)
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="møte")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="archive_messages", verbose_name="sak")
    # The file; none for a saksmappe. The receipt's journalpost number below is this document's in the archive.
    document = models.ForeignKey("document_templates.GeneratedDocument", on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="archive_messages", verbose_name="dokument")
    # A registrering in a saksmappe the archive has not yet confirmed waits for that message (delivered first).
    depends_on = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name="venter på")
    xml = models.TextField("arkivmelding")
    state = models.CharField("status", max_length=10, choices=ArchiveMessageState.choices,
                             default=ArchiveMessageState.PENDING)
    attempts = models.PositiveIntegerField("forsøk", default=0)
    last_error = models.CharField("siste feil", max_length=500, blank=True)
    created_at = models.DateTimeField("lagt i utboksen", auto_now_add=True)
    sent_at = models.DateTimeField("levert", null=True, blank=True)
    archived_at = models.DateTimeField("kvittert", null=True, blank=True)
    # From the archive's receipt: from then on the numbers come from the archive, not by hand.
    archive_folder_id = models.CharField("arkivets mappe-id", max_length=64, blank=True)
    journal_year = models.PositiveIntegerField("journalår", null=True, blank=True)
    journal_sequence = models.PositiveIntegerField("journalsekvensnummer", null=True, blank=True)
    journalpost_number = models.PositiveIntegerField("journalpostnummer", null=True, blank=True)
    # From a saksmappe's receipt: the archive's saksnummer, which becomes the case's arkivsaksnummer.
    case_year = models.PositiveIntegerField("saksår", null=True, blank=True)
    case_sequence = models.PositiveIntegerField("sakssekvensnummer", null=True, blank=True)

    class Meta:
        verbose_name = "melding til arkivet"
        verbose_name_plural = "meldinger til arkivet"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.idempotency_key} ({self.get_state_display()})"

    @property
    def journalpost_label(self) -> str:
        if self.journal_year is None or self.journal_sequence is None:
            return ""
        return f"{self.journal_year}/{self.journal_sequence:06d}"

    @property
    def saksnummer_label(self) -> str:
        """The archive's saksnummer as an arkivsaksnummer ("26/5001"); "" until the receipt has come."""
        if self.case_year is None or self.case_sequence is None:
            return ""
        return f"{self.case_year % 100:02d}/{self.case_sequence}"
