import io

import docx
import pytest
from django.urls import reverse

from .scenario import PUBLIC_SUMMARY, approve_minutes


def _doc_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    text = [p.text for p in document.paragraphs]
    for table in document.tables:
        text += [c.text for row in table.rows for c in row.cells]
    return "\n".join(text)


def test_case_page_links_the_public_paper_as_pdf_and_docx(client, portal):
    page = client.get(reverse("innsyn:case", args=[portal.public.pk])).content.decode()
    assert reverse("innsyn:document", args=["saksframlegg", portal.public.pk, "pdf"]) in page
    assert reverse("innsyn:document", args=["saksframlegg", portal.public.pk, "docx"]) in page


def test_public_paper_downloads_as_docx_with_kort_fortalt(client, portal):
    response = client.get(reverse("innsyn:document", args=["saksframlegg", portal.public.pk, "docx"]))
    assert response.status_code == 200
    assert "wordprocessingml" in response["Content-Type"]
    assert PUBLIC_SUMMARY in _doc_text(response.content)


@pytest.mark.slow
def test_public_paper_downloads_as_pdf(client, portal, libreoffice):
    response = client.get(reverse("innsyn:document", args=["saksframlegg", portal.public.pk, "pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_no_public_document_for_exempt_closed_or_draft_cases(client, portal):
    for case in (portal.exempt, portal.closed, portal.draft):
        url = reverse("innsyn:document", args=["saksframlegg", case.pk, "docx"])
        assert client.get(url).status_code == 404, case
    assert reverse("innsyn:document", args=["saksframlegg", portal.exempt.pk, "docx"]) not in client.get(
        reverse("innsyn:case", args=[portal.exempt.pk])).content.decode()


def test_minutes_document_only_once_approved(client, portal, fagleder):
    url = reverse("innsyn:document", args=["protokoll", portal.past_meeting.pk, "docx"])
    assert client.get(url).status_code == 404
    approve_minutes(portal.past_meeting, fagleder=fagleder)
    response = client.get(url)
    assert response.status_code == 200
    assert "Vedtar å bygge barnehagen".lower() in _doc_text(response.content).lower()


def test_notice_with_agenda_downloads_for_the_upcoming_meeting(client, portal):
    response = client.get(reverse("innsyn:document", args=["innkalling", portal.upcoming_meeting.pk, "docx"]))
    assert response.status_code == 200
    text = _doc_text(response.content)
    assert "Nye åpningstider ved biblioteket" in text and "Personalsak" in text


def test_unknown_kind_or_format_is_404(client, portal):
    assert client.get(f"/innsyn/dokumenter/hemmelig/{portal.public.pk}.docx").status_code == 404
    assert client.get(f"/innsyn/dokumenter/saksframlegg/{portal.public.pk}.exe").status_code == 404
