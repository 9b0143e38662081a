"""Writes for the archive: put a message in the outbox (inside the caller's transaction) and deliver it.

Each hook is called by the app that makes the change, in that change's transaction, so the arkivmelding is in the
`ArchiveMessage` outbox exactly when the change is committed; the delivery task is queued through the task outbox
(`secretariat.outbox.enqueue`), and `archive_deliver_pending` (beat, every few minutes) picks up whatever waits
after a crash. Each message has an idempotency key (what it files), so doing a step twice never files twice.

- `archive_case_created(case=…, actor=…)`: the case's saksmappe (cases app, `case_create`). Its receipt gives the
  case its arkivsaksnummer (`delivery.py`).
- `archive_case_paper(case=…, actor=…)`: the saksframlegg when the kommunedirektør approves the innstilling.
- `archive_notice(meeting=…, actor=…)`: the innkalling with sakskart when the notice is sent (møtemappe).
- `archive_supplementary_notice(meeting=…, items=…, actor=…)`: a tilleggsinnkalling with the sakskart of its own
  items, its own journalpost in the møtemappe (after the innkalling's message, which created the mappe).
- `archive_minutes(meeting=…, actor=…)`: the approved protokoll (møtemappe) and each item's særutskrift (the
  case's saksmappe): the særutskrift is the approved protokoll's extract for one case, final from that moment.
All do nothing when the kommune has no archive connection (`SAKSGANG_ARCHIVE_EXCHANGE_DIR` empty): then the
arkivsaksnummer is typed by hand, as before (`case_number_problem`, the one rule for that).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models import Q

from document_templates import registry
from secretariat import access

from . import fiks
from .delivery import DONE, RETRY, UNCONFIGURED, archive_message_deliver, deliver_pending_ids, transport
from .models import ArchiveMessage, ArchiveMessageKind, ArchiveMessageState
from .noark5 import case_paper_skjerming

__all__ = ["DONE", "RETRY", "UNCONFIGURED", "archive_case_created", "archive_case_paper", "archive_deliver_pending",
           "archive_enabled", "archive_message_deliver", "archive_minutes", "archive_notice", "archive_paused",
           "archive_supplementary_notice", "case_messages", "case_number_is_archives", "case_number_problem",
           "journalpost_for", "meeting_messages", "transport"]

NUMBER_FROM_ARCHIVE = ("Arkivsaksnummeret tildeles av kommunens arkiv (saksmappen opprettes der når saken "
                       "opprettes) og kan ikke skrives inn for hånd.")
NUMBER_REQUIRED = "Skriv arkivsaksnummeret, f.eks. 26/1234."


_PAUSED = contextvars.ContextVar("archive_paused", default=False)


@contextmanager
def archive_paused() -> Iterator[None]:
    """Record history from before the archive was connected (the demo's seeding): cases keep hand-typed numbers
    and nothing is sent."""
    token = _PAUSED.set(True)
    try:
        yield
    finally:
        _PAUSED.reset(token)


def archive_enabled() -> bool:
    """Is an archive connection set up? Without one, the kommune types arkivsaksnummer by hand (documented)."""
    return not _PAUSED.get() and transport() is not None


def case_number_is_archives(case=None) -> bool:
    """Does the archive give this case its arkivsaksnummer? A new case when an archive is connected; an existing
    case when it has (or awaits) a saksmappe in the archive. Older, hand-numbered cases keep their number."""
    if case is None or case.pk is None:
        return archive_enabled()
    return ArchiveMessage.objects.filter(case=case, kind=ArchiveMessageKind.SAKSMAPPE).exists()


def case_number_problem(*, case, value: str) -> str:
    """The one rule for a typed arkivsaksnummer: "" when `value` may be stored on `case` (None: a new case), else
    the Norwegian reason."""
    value = (value or "").strip()
    current = case.arkivsaksnummer if case is not None else ""
    if case_number_is_archives(case):
        return NUMBER_FROM_ARCHIVE if value != current else ""
    return "" if value else NUMBER_REQUIRED


def _enqueue(message: ArchiveMessage) -> None:
    from secretariat.outbox import enqueue

    from .tasks import deliver_archive_message

    enqueue(deliver_archive_message, message.pk)


def _store(*, key: str, xml: bytes, **fields) -> ArchiveMessage:
    errors = fiks.validation_errors(xml)
    if errors:  # a bug, not a user error: never queue a message the archive must refuse
        raise ValueError("Arkivmeldingen er ikke gyldig: " + "; ".join(errors[:3]))
    message, created = ArchiveMessage.objects.get_or_create(
        idempotency_key=key, defaults={"message_type": fiks.MESSAGE_TYPE, "xml": xml.decode(), **fields})
    if created:
        _enqueue(message)
    return message


def _unit_name(case) -> str:
    return case.responsible_unit.name if case.responsible_unit_id else ""


def archive_case_created(*, case, actor) -> ArchiveMessage | None:
    """Ask the archive for the new case's saksmappe (in the creating transaction)."""
    if not archive_enabled():
        return None
    marking = case_paper_skjerming(case, [])
    xml = fiks.case_folder_arkivmelding(case, title=case.title, public_title=access.public_case_title(case),
                                        marking=marking, officer=fiks.person(case.case_officer, _unit_name(case)))
    return _store(key=fiks.case_folder_key(case), xml=xml, kind=ArchiveMessageKind.SAKSMAPPE, case=case,
                  label="Saksmappe")


def _case_parent(case) -> tuple[fiks.ParentRef, ArchiveMessage | None]:
    """Where a case's document goes, and the message it must wait for (the saksmappe, until the archive has it)."""
    folder = ArchiveMessage.objects.filter(case=case, kind=ArchiveMessageKind.SAKSMAPPE).first()
    if folder is not None:
        if folder.state == ArchiveMessageState.ARCHIVED and folder.archive_folder_id:
            return fiks.ParentRef(system_id=folder.archive_folder_id), None
        return fiks.ParentRef(external_key=fiks.case_folder_key(case)), folder
    if not case.arkivsaksnummer:  # made without its saksmappe (e.g. in the admin): ask for it now
        folder = archive_case_created(case=case, actor=None)
        return fiks.ParentRef(external_key=fiks.case_folder_key(case)), folder
    # A case numbered by hand before the archive was connected: its saksmappe is in the archive under that number.
    year, _, sequence = case.arkivsaksnummer.partition("/")
    return fiks.ParentRef(saksaar=2000 + int(year), sakssekvensnummer=int(sequence)), None


def _case_document(*, case, key: str, kind: str, label: str, doc, title: str, dokumenttype, items,
                   actor) -> ArchiveMessage:
    parent, waits_for = _case_parent(case)
    prefix = f"{label}: "
    document = fiks.Document(key=key, title=prefix + case.title, public_title=prefix + access.public_case_title(case),
                             dokumenttype=dokumenttype, journalposttype=fiks.INTERNAL,
                             marking=case_paper_skjerming(case, items),
                             author=fiks.person(actor or case.case_officer, _unit_name(case)))
    xml = fiks.document_arkivmelding(document, doc, parent)
    return _store(key=key, xml=xml, kind=kind, case=case, document=doc, depends_on=waits_for, label=title)


def archive_case_paper(*, case, actor) -> ArchiveMessage | None:
    """The saksframlegg with the approved innstilling (koml. § 13-1), into the case's saksmappe."""
    if not archive_enabled():
        return None
    doc = registry.generate("saksframlegg", case, public=False)
    return _case_document(case=case, key=f"saksframlegg:{case.pk}:{doc.pk}", kind=ArchiveMessageKind.SAKSFRAMLEGG,
                          label="Saksframlegg", doc=doc, title="Saksframlegg", dokumenttype=("SF", "Saksframlegg"),
                          items=[], actor=case.case_officer)


def archive_notice(*, meeting, actor) -> ArchiveMessage | None:
    """The notice with its sakskart, into the meeting's møtemappe (which this message creates)."""
    if not archive_enabled():
        return None
    doc = registry.generate("innkalling", meeting, public=False)
    return _store(key=f"innkalling:{meeting.uid}", xml=fiks.notice_arkivmelding(meeting, doc, actor=actor),
                  kind=ArchiveMessageKind.INNKALLING, meeting=meeting, document=doc, label="Møteinnkalling")


def archive_supplementary_notice(*, meeting, items, actor) -> ArchiveMessage | None:
    """The tilleggsinnkalling just sent for `items`, into the meeting's møtemappe. Each item has one notice, so
    the batch is named by its first item."""
    if not archive_enabled():
        return None
    doc = registry.generate("tilleggsinnkalling", meeting, public=False)
    key = f"tilleggsinnkalling:{meeting.uid}:{min(item.pk for item in items)}"
    notice = ArchiveMessage.objects.filter(meeting=meeting, kind=ArchiveMessageKind.INNKALLING).first()
    xml = fiks.supplementary_notice_arkivmelding(meeting, doc, items=items, key=key, actor=actor)
    return _store(key=key, xml=xml, kind=ArchiveMessageKind.TILLEGGSINNKALLING, meeting=meeting, document=doc,
                  depends_on=notice, label=("Tilleggsinnkalling " + ", ".join(item.label for item in items))[:200])


def archive_minutes(*, meeting, actor=None) -> ArchiveMessage | None:
    """The approved protokoll goes to the archive (koml. § 11-4: the minutes are the body's record), and each
    case's særutskrift to its saksmappe. Does nothing when the kommune has no archive connection set up."""
    if not archive_enabled():
        return None
    # Called inside the approval, before the meeting's state moves: the minutes are already frozen (approved, with
    # their snapshot), so this stored document is the approved protokoll every later request is served.
    doc = registry.generate("protokoll", meeting, public=False)
    # One møtemappe: after the notice's message (which created it), never beside it.
    notice = ArchiveMessage.objects.filter(meeting=meeting, kind=ArchiveMessageKind.INNKALLING).first()
    message = _store(key=f"protokoll:{meeting.uid}", xml=fiks.minutes_arkivmelding(meeting, doc, actor=actor),
                     kind=ArchiveMessageKind.PROTOKOLL, meeting=meeting, document=doc, depends_on=notice,
                     label="Møteprotokoll")
    items = (meeting.agenda_items.filter(consultation__isnull=False, decision__isnull=False)
             .select_related("consultation__case__responsible_unit", "consultation__case__case_officer")
             .order_by("position"))
    for item in items:
        case = item.consultation.case
        extract = registry.generate("saerutskrift", item, public=False)
        _case_document(case=case, key=f"saerutskrift:{item.pk}", kind=ArchiveMessageKind.SAERUTSKRIFT,
                       label=f"Særutskrift {item.label}", doc=extract, title=f"Særutskrift {item.label}",
                       dokumenttype=("SU", "Særutskrift"), items=[item], actor=actor)
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
    from .selectors import journalposts

    filed = journalposts(document.kind, [document.object_id]).get(document.object_id, [])
    return next((j.number for j in filed if j.document_id == document.pk), "")


def case_messages(case) -> list[ArchiveMessage]:
    """The case's messages to the archive (saksmappe first), for its staff page."""
    return list(ArchiveMessage.objects.filter(case=case).select_related("document").order_by("pk"))


def meeting_messages(meeting) -> list[ArchiveMessage]:
    """The meeting's own documents in the archive (the møtemappe: notice and protokoll)."""
    return list(ArchiveMessage.objects.filter(meeting=meeting).filter(Q(case__isnull=True))
                .select_related("document").order_by("pk"))
