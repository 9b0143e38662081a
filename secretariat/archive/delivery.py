"""Delivering one archive message: hand it to the transport once, then read the archive's receipt."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import fiks
from .models import ArchiveMessage, ArchiveMessageState
from .transport import ArchiveTransport, FilesystemExchange, TransportError

DONE, RETRY, UNCONFIGURED = "ferdig", "prøv igjen", "ikke satt opp"


def transport() -> ArchiveTransport | None:
    folder = getattr(settings, "SAKSGANG_ARCHIVE_EXCHANGE_DIR", "")
    return FilesystemExchange(folder) if folder else None


def archive_message_deliver(*, pk: int) -> str:
    """Send (once) and read the receipt. Returns DONE (archived or rejected), RETRY (archive down or no receipt
    yet) or UNCONFIGURED."""
    exchange = transport()
    with transaction.atomic():
        message = (ArchiveMessage.objects.select_for_update(skip_locked=True).select_related("document")
                   .filter(pk=pk).first())
        if message is None:
            return RETRY  # another worker has it right now
        if message.state in (ArchiveMessageState.ARCHIVED, ArchiveMessageState.REJECTED):
            return DONE
        if exchange is None:
            message.last_error = "Ingen arkivforbindelse er satt opp (SAKSGANG_ARCHIVE_EXCHANGE_DIR)."
            message.save(update_fields=["last_error"])
            return UNCONFIGURED
        if message.state == ArchiveMessageState.PENDING:
            message.attempts += 1
            try:
                exchange.send(message_id=str(message.message_id), message_type=message.message_type,
                              xml=message.xml.encode(), files={fiks.file_name(message.document):
                                                               bytes(message.document.content)})
            except TransportError as exc:
                message.last_error = str(exc)[:500]
                message.save(update_fields=["attempts", "last_error"])
                return RETRY
            message.state = ArchiveMessageState.SENT
            message.sent_at = timezone.now()
            message.last_error = ""
            message.save(update_fields=["attempts", "state", "sent_at", "last_error"])
        incoming = exchange.receipt(str(message.message_id))
        if incoming is None:
            return RETRY
        receipt = fiks.parse_receipt(incoming.message_type, incoming.xml)
        if not receipt.ok:
            message.state = ArchiveMessageState.REJECTED
            message.last_error = receipt.error[:500]
            message.save(update_fields=["state", "last_error"])
            return DONE
        message.state = ArchiveMessageState.ARCHIVED
        message.archived_at = timezone.now()
        message.archive_folder_id = receipt.mappe_system_id
        message.journal_year = receipt.journalaar
        message.journal_sequence = receipt.journalsekvensnummer
        message.journalpost_number = receipt.journalpostnummer
        message.save()
        return DONE


def deliver_pending_ids() -> list[int]:
    """Messages still waiting (after a crash, or a receipt that has not come)."""
    return list(ArchiveMessage.objects.filter(
        state__in=[ArchiveMessageState.PENDING, ArchiveMessageState.SENT]).values_list("pk", flat=True))
