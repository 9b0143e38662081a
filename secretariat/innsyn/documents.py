"""Public versions of generated documents (document_templates.registry with public=True), as .docx and PDF.

The portal links to them when the registry and the kind exist; it degrades to no links otherwise.
Whether a document may be public at all is decided here from the visibility rules, before the
registry is asked; the registry's public version then leaves exempt and closed content out.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from secretariat.common import visibility

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


def _registry():
    try:
        from document_templates import registry
    except ImportError:
        return None
    return registry


def kind_available(kind: str) -> bool:
    registry = _registry()
    if registry is None:
        return False
    try:
        registry.get_kind(kind)
    except Exception:  # noqa: BLE001 - UnknownKind: the documents feature has not registered it
        return False
    return True


def _links(kind: str, obj_id: int) -> list[DocLink]:
    if not kind_available(kind):
        return []
    return [DocLink(kind=kind, label=KIND_LABELS.get(kind, kind), fmt=fmt,
                    url=reverse("innsyn:document", args=[kind, obj_id, fmt])) for fmt in FORMATS]


def case_document_links(case) -> list[DocLink]:
    return _links("saksframlegg", case.pk)


def meeting_document_links(meeting, *, has_agenda: bool) -> list[DocLink]:
    links = []
    if has_agenda:
        links += _links("innkalling", meeting.pk)
    if visibility.minutes_are_public(meeting):
        links += _links("protokoll", meeting.pk)
    return links


def public_object(kind: str, obj_id: int):
    """The object whose public document is asked for, or None when no public version may exist."""
    from secretariat.cases.models import Case
    from secretariat.meetings.models import AgendaItem, Meeting

    if kind == "saksframlegg":
        case = visibility.annotate_has_closed_item(visibility.public_cases(Case.objects.all())).filter(pk=obj_id).first()
        if case is None or not visibility.case_content_is_public(case, has_closed_item=case.has_closed_item):
            return None
        return case
    if kind == "innkalling":
        meeting = Meeting.objects.filter(pk=obj_id).first()
        if meeting is None or not visibility.agenda_is_public(meeting) or not meeting.agenda_items.exists():
            return None
        return meeting
    if kind == "protokoll":
        meeting = Meeting.objects.filter(pk=obj_id).first()
        return meeting if meeting is not None and visibility.minutes_are_public(meeting) else None
    if kind == "saerutskrift":
        item = AgendaItem.objects.select_related("consultation__case", "meeting").filter(pk=obj_id).first()
        if item is None or not visibility.agenda_item_content_is_public(item):
            return None
        if not visibility.minutes_are_public(item.meeting):
            return None
        return item
    return None


def public_document(kind: str, obj_id: int, fmt: str) -> tuple[bytes, str, str] | None:
    """(content, filename, content type) of the public version, or None."""
    registry = _registry()
    if registry is None or fmt not in FORMATS or not kind_available(kind):
        return None
    obj = public_object(kind, obj_id)
    if obj is None:
        return None
    try:
        doc = registry.generate(kind, obj, public=True)
    except Exception as exc:  # noqa: BLE001 - DocumentError: e.g. not publishable yet
        log.info("Offentlig dokument %s %s kunne ikke lages: %s", kind, obj_id, exc)
        return None
    content = bytes(doc.content)
    if fmt == "docx":
        return content, doc.filename, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    pdf = _pdf_for(doc, content)
    if pdf is None:
        return None
    return pdf, doc.pdf_filename, "application/pdf"


def _pdf_for(doc, content: bytes) -> bytes | None:
    stored = getattr(doc, "pdf", None)
    if stored:
        return bytes(stored)
    for module_name, func_name in (("document_templates.pdf", "ensure_pdf"), ("document_templates.pdf", "pdf_for"),
                                   ("document_templates.registry", "ensure_pdf")):
        try:
            module = __import__(module_name, fromlist=[func_name])
            func = getattr(module, func_name)
        except (ImportError, AttributeError):
            continue
        result = func(doc)
        if isinstance(result, bytes | bytearray | memoryview):
            return bytes(result)
        doc.refresh_from_db()
        if doc.pdf:
            return bytes(doc.pdf)
    return _convert_with_soffice(content)


def _convert_with_soffice(content: bytes) -> bytes | None:
    """Fallback until the documents feature stores PDFs: LibreOffice, cached by checksum."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    cache = Path(getattr(settings, "MEDIA_ROOT", tempfile.gettempdir())) / "innsyn-pdf"
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / f"{hashlib.sha256(content).hexdigest()}.pdf"
    if target.exists():
        return target.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "dokument.docx"
        src.write_bytes(content)
        try:
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to",
                            "pdf", "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=120)
        except (subprocess.SubprocessError, OSError) as exc:
            log.warning("PDF-konvertering feilet: %s", exc)
            return None
        out = Path(tmp) / "dokument.pdf"
        if not out.exists():
            return None
        target.write_bytes(out.read_bytes())
    return target.read_bytes()
