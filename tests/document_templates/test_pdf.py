"""PDF for publishing: LibreOffice converts the stored .docx; the .docx stays the master."""

import pytest

from document_templates import registry
from document_templates.pdf import docx_to, ensure_pdf

from .conftest import SUMMARY_1, SUMMARY_2

pytestmark = pytest.mark.usefixtures("libreoffice")  # skipped locally without LibreOffice, a failure in CI


def test_a_real_pdf_comes_out_and_is_stored_next_to_the_docx(plain_case):
    doc = registry.generate("saksframlegg", plain_case, public=True)
    pdf = ensure_pdf(doc)
    assert pdf.startswith(b"%PDF-")
    assert b"%%EOF" in pdf[-1024:]
    doc.refresh_from_db()
    assert bytes(doc.pdf) == pdf and len(doc.pdf_checksum) == 64
    assert ensure_pdf(doc) == pdf  # converted once


def test_libreoffice_reads_the_notice_the_same_way(meeting):
    """An independent reader: LibreOffice's own text conversion of the public notice."""
    text = docx_to(registry.render("innkalling", meeting, public=True), "txt:Text").decode("utf-8-sig")
    assert SUMMARY_1 in text
    assert SUMMARY_2 not in text
    assert text.index("Gangveg langs Skolevegen") < text.index("Søknad om økonomisk stønad") < text.index("Tomtekjøp")
    assert "Unntatt offentlighet, offl. § 13" in text


def test_the_pdf_task_stores_the_pdf_on_the_document(plain_case):
    from document_templates.tasks import convert_to_pdf

    doc = registry.generate("saksframlegg", plain_case)
    convert_to_pdf.delay(doc.pk)
    doc.refresh_from_db()
    assert bytes(doc.pdf).startswith(b"%PDF-")
