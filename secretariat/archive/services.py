"""Writes for the archive: put a message in the outbox (inside the caller's transaction) and deliver it.

`archive_minutes(meeting=…)` is called by the meetings app when a protokoll is approved, in the approval's
transaction: the approved internal protokoll is stored and an `arkivmelding` for it written to `ArchiveMessage`,
and the delivery task queued through the task outbox (`secretariat.outbox.enqueue`), so a crash between the commit
and the send loses nothing (`archive_deliver_pending`, every few minutes from beat, picks up what waits).
`archive_message_deliver(pk=…)` hands one message to the transport and reads the receipt; it is safe to run twice.
"""

from __future__ import annotations

from document_templates import registry

from . import fiks
from .delivery import DONE, RETRY, UNCONFIGURED, archive_message_deliver, deliver_pending_ids, transport
from .models import ArchiveMessage, ArchiveMessageState

__all__ = ["DONE", "RETRY", "UNCONFIGURED", "archive_deliver_pending", "archive_message_deliver", "archive_minutes",
           "journalpost_for", "transport"]


def archive_minutes(*, meeting) -> ArchiveMessage | None:
    """The approved protokoll goes to the archive (koml. § 11-4: the minutes are the body's record). Does nothing
    when the kommune has no archive connection set up."""
    if transport() is None:
        return None
    # Called inside the approval, before the meeting's state moves: the minutes are already frozen (approved, with
    # their snapshot), so this stored document is the approved protokoll every later request is served.
    doc = registry.generate("protokoll", meeting, public=False)
    xml = fiks.minutes_arkivmelding(meeting, doc)
    errors = fiks.validation_errors(xml)
    if errors:  # a bug, not a user error: never queue a message the archive must refuse
        raise ValueError("Arkivmeldingen er ikke gyldig: " + "; ".join(errors[:3]))
    message, created = ArchiveMessage.objects.get_or_create(
        idempotency_key=f"protokoll:{meeting.uid}",
        defaults={"message_type": fiks.MESSAGE_TYPE, "meeting": meeting, "document": doc, "xml": xml.decode()},
    )
    if created:
        from secretariat.outbox import enqueue

        from .tasks import deliver_archive_message

        enqueue(deliver_archive_message, message.pk)
    return message


def archive_deliver_pending() -> int:
    """Queue delivery of every message still waiting (after a crash, or a receipt that has not come)."""
    from .tasks import deliver_archive_message

    waiting = deliver_pending_ids()
    for pk in waiting:
        deliver_archive_message.delay(pk)
    return len(waiting)


def journalpost_for(document) -> str:
    """The archive's journalpost number for a stored document ("" until the receipt has come)."""
    message = ArchiveMessage.objects.filter(document=document, state=ArchiveMessageState.ARCHIVED).first()
    return message.journalpost_label if message else ""
