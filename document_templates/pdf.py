"""PDF for publishing: LibreOffice headless converts the stored .docx (the .docx stays the master)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .registry import DocumentError


def soffice_path() -> str | None:
    return getattr(settings, "SAKSGANG_SOFFICE", None) or shutil.which("soffice") or shutil.which("libreoffice")


def docx_to(content: bytes, fmt: str = "pdf", *, timeout: int | None = None) -> bytes:
    """Convert .docx bytes with ``soffice --headless --convert-to FMT``; each run has its own profile
    directory, so parallel conversions (several Celery workers) never share LibreOffice's lock."""
    soffice = soffice_path()
    if soffice is None:
        raise DocumentError("LibreOffice (soffice) er ikke installert, så PDF kan ikke lages.")
    timeout = timeout or getattr(settings, "SAKSGANG_PDF_TIMEOUT", 180)
    with tempfile.TemporaryDirectory(prefix="saksgang-soffice-") as tmp:
        src = Path(tmp) / "dokument.docx"
        src.write_bytes(content)
        outdir = Path(tmp) / "out"
        try:
            subprocess.run(
                [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                 "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                check=True, capture_output=True, timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise DocumentError("PDF-konverteringen tok for lang tid og ble avbrutt.") from None
        except (subprocess.CalledProcessError, OSError) as exc:
            raise DocumentError(f"PDF-konverteringen feilet: {exc}") from None
        produced = list(outdir.glob("dokument.*"))
        if not produced:
            raise DocumentError("LibreOffice laget ingen fil.")
        return produced[0].read_bytes()


def ensure_pdf(doc) -> bytes:
    """The document's PDF, converting and storing it the first time."""
    if doc.pdf:
        return bytes(doc.pdf)
    pdf = docx_to(bytes(doc.content), "pdf")
    type(doc).objects.filter(pk=doc.pk).update(pdf=pdf, pdf_checksum=hashlib.sha256(pdf).hexdigest(),
                                                pdf_created_at=timezone.now())
    doc.pdf = pdf
    return pdf
