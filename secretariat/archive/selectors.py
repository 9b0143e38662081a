"""Reads for pages outside the archive app: the one lookup of a document's journalpost number.

The number comes from the archive's receipt and is stored on the `ArchiveMessage` that filed the document (not on
the `GeneratedDocument`: a document is archived at most once per message, and a message knows its own state).
Pages list documents by kind and object ("the saksframlegg of case 12"), so the lookup is by kind and object ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .models import ArchiveMessage, ArchiveMessageState

__all__ = ["Journalpost", "journalposts"]


@dataclass(frozen=True)
class Journalpost:
    document_id: int
    number: str   # "2026/000123"


def journalposts(kind: str, object_ids: Iterable[int]) -> dict[int, list[Journalpost]]:
    """{object id: its archived documents of `kind`, oldest first}; an object with none is left out. The last is
    the current one (a saksframlegg approved again after being sent back is a new journalpost)."""
    ids = {int(pk) for pk in object_ids}
    if not ids:
        return {}
    messages = (ArchiveMessage.objects.filter(state=ArchiveMessageState.ARCHIVED, document__kind=kind,
                                              document__object_id__in=ids)
                .select_related("document").only("document_id", "document__object_id", "journal_year",
                                                  "journal_sequence").order_by("pk"))
    out: dict[int, list[Journalpost]] = {}
    for message in messages:
        if message.journalpost_label:
            out.setdefault(message.document.object_id, []).append(
                Journalpost(document_id=message.document_id, number=message.journalpost_label))
    return out
