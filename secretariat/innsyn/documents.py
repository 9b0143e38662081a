"""Public versions of generated documents (document_templates.registry with public=True), as .docx and PDF.

Whether a public version may exist at all is `secretariat.access`'s call (a draft case, a notice not yet sent,
minutes not yet approved have none); the registry's public version then leaves out what the public may not
see. The PDF comes from the one LibreOffice converter, document_templates.pdf.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.urls import reverse

from document_templates import registry
from document_templates.pdf import ensure_pdf
from secretariat import access

log = logging.getLogger(__name__)

KIND_LABELS = {
    "saksframlegg": "Saksframlegg",
    "innkalling": "Møteinnkalling med saksliste",
    "protokoll": "Protokoll",
    "saerutskrift": "Særutskrift",
}
FORMATS = ("pdf", "docx")


@dataclass
class DocLink:
    kind: str
    label: str
    fmt: str
    url: str

    @property
    def format_label(self) -> str:
        return "PDF" if self.fmt == "pdf" else "Word (.docx)"


def _links(kind: str, obj_id: int) -> list[DocLink]:
    return [DocLink(kind=kind, label=KIND_LABELS.get(kind, kind), fmt=fmt,
                    url=reverse("innsyn:document", args=[kind, obj_id, fmt])) for fmt in FORMATS]


def case_document_links(case) -> list[DocLink]:
    return _links("saksframlegg", case.pk)


def meeting_document_links(meeting, *, has_agenda: bool) -> list[DocLink]:
    links = []
    if has_agenda:
        links += _links("innkalling", meeting.pk)
    if access.minutes_are_public(meeting):
        links += _links("protokoll", meeting.pk)
    return links


def public_object(kind: str, obj_id: int):
    """The object whose public document is asked for, or None when no public version may exist."""
    if kind not in KIND_LABELS:
        return None
    try:
        obj = registry.get_object(registry.get_kind(kind), obj_id)
    except registry.DocumentError:
        return None
    if not access.can_view_document(None, kind, obj, public=True):
        return None
    if kind == "saksframlegg" and not access.case_content_is_public(obj):
        return None  # an exempt case (or one treated behind closed doors) has no public paper
    if kind == "saerutskrift" and not access.can_view_agenda_item_content(None, obj):
        return None
    return obj


def public_document(kind: str, obj_id: int, fmt: str) -> tuple[bytes, str, str] | None:
    """(content, filename, content type) of the public version, or None."""
    if fmt not in FORMATS:
        return None
    obj = public_object(kind, obj_id)
    if obj is None:
        return None
    try:
        doc = registry.generate(kind, obj, public=True)
        if fmt == "docx":
            return (bytes(doc.content), doc.filename,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        return ensure_pdf(doc), doc.pdf_filename, "application/pdf"
    except registry.DocumentError as exc:  # e.g. LibreOffice missing: no public PDF, a 404 with a clear message
        log.warning("Offentlig dokument %s %s kunne ikke lages: %s", kind, obj_id, exc.message)
        return None
