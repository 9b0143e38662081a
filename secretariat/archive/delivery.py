"""Delivering one archive message: hand it to the transport once, then read the archive's receipt."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from workflows.actions import AuditAction
from workflows.engine import audit

from . import fiks
from .models import ArchiveMessage, ArchiveMessageKind, ArchiveMessageState
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
        message = (ArchiveMessage.objects.select_for_update(skip_locked=True, of=("self",))
                   .select_related("document", "depends_on").filter(pk=pk).first())
        if message is None:
            return RETRY  # another worker has it right now
        if message.state in (ArchiveMessageState.ARCHIVED, ArchiveMessageState.REJECTED):
            return DONE
        if exchange is None:
            message.last_error = "Ingen arkivforbindelse er satt opp (SAKSGANG_ARCHIVE_EXCHANGE_DIR)."
            message.save(update_fields=["last_error"])
            return UNCONFIGURED
        if message.state == ArchiveMessageState.PENDING:
            waiting = _waiting_for(message)
            if waiting:  # the mappe this registrering goes into is not confirmed yet: it goes first
                if message.last_error != waiting:
                    message.last_error = waiting
                    message.save(update_fields=["last_error"])
                return RETRY
            message.attempts += 1
            files = {fiks.file_name(message.document): bytes(message.document.content)} if message.document else {}
            try:
                exchange.send(message_id=str(message.message_id), message_type=message.message_type,
                              xml=message.xml.encode(), files=files)
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
        message.case_year = receipt.saksaar
        message.case_sequence = receipt.sakssekvensnummer
        message.last_error = ""
        if message.kind == ArchiveMessageKind.SAKSMAPPE:
            message.last_error = _number_the_case(message)
        message.save()
        return DONE


def waiting_on(pk: int) -> list[int]:
    """Messages that wait for this one (registreringer in a mappe it creates): they may go once it is archived."""
    return list(ArchiveMessage.objects.filter(depends_on_id=pk, state=ArchiveMessageState.PENDING)
                .values_list("pk", flat=True))


def _waiting_for(message: ArchiveMessage) -> str:
    first = message.depends_on
    if first is None or first.state == ArchiveMessageState.ARCHIVED:
        return ""
    what = first.get_kind_display().lower()
    if first.state == ArchiveMessageState.REJECTED:
        return f"Venter: arkivet avviste {what} som denne skal inn i ({first.last_error})"[:500]
    return f"Venter på at arkivet bekrefter {what} (sendes først)."


def _number_the_case(message: ArchiveMessage) -> str:
    """The saksmappe's receipt gives the case its arkivsaksnummer (audited); returns a problem, or ""."""
    from secretariat.cases.models import Case

    number = message.saksnummer_label
    case = Case.objects.select_for_update().get(pk=message.case_id)
    if not number:
        return "Kvitteringen fra arkivet hadde ikke noe saksnummer."
    if case.arkivsaksnummer == number:
        return ""
    if Case.objects.filter(arkivsaksnummer=number).exclude(pk=case.pk).exists():
        return f"Arkivets saksnummer {number} er allerede brukt av en annen sak i Saksgang."
    before = case.arkivsaksnummer
    case.arkivsaksnummer = number
    case.save(update_fields=["arkivsaksnummer", "updated_at"])   # through save: caches and search follow
    audit(case, actor=None, action=AuditAction.ARCHIVE_CASE_NUMBER, action_label="Arkivsaksnummer fra arkivet",
          changes={"arkivsaksnummer": {"fra": before, "til": number}})
    return ""


def deliver_pending_ids() -> list[int]:
    """Messages still waiting (after a crash, or a receipt that has not come)."""
    return list(ArchiveMessage.objects.filter(
        state__in=[ArchiveMessageState.PENDING, ArchiveMessageState.SENT]).values_list("pk", flat=True))
