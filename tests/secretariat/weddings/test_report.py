"""The wedding report per period and officiant: a page and a .docx read back with python-docx."""

import datetime as dt
import io

import pytest
from docx import Document

from document_templates.registry import render
from secretariat.organizations.models import Person
from secretariat.weddings.models import Officiant, WeddingReport
from secretariat.weddings.services import wedding_transition

from .helpers import TODAY, bring_to, make_wedding

pytestmark = pytest.mark.django_db


@pytest.fixture
def weddings(place, mayor, fagleder):
    deputy = Officiant.objects.create(person=Person.objects.create(given_name="Vera", family_name="Vara"),
                                      kind="varaordforer", valid_from=dt.date(2023, 10, 1))
    base = TODAY() - dt.timedelta(days=10)
    bring_to(make_wedding(place, date=base, partner1_name="Anna"), "meldt", actor=fagleder, officiant=mayor)
    bring_to(make_wedding(place, date=base + dt.timedelta(days=1), partner1_name="Berit"), "gjennomfort",
             actor=fagleder, officiant=mayor)
    bring_to(make_wedding(place, date=base + dt.timedelta(days=2), partner1_name="Cecilie"), "meldt",
             actor=fagleder, officiant=deputy)
    cancelled = make_wedding(place, date=base + dt.timedelta(days=3), partner1_name="Dina")
    wedding_transition(wedding=cancelled, name="cancel", actor=fagleder, comment="Avbestilt")
    return {"mayor": mayor, "deputy": deputy, "start": base - dt.timedelta(days=1), "end": TODAY()}


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def test_report_for_all_officiants_counts_and_lists_the_weddings(weddings, fagleder):
    report = WeddingReport.objects.create(period_start=weddings["start"], period_end=weddings["end"])
    text = _docx_text(render("vielsesrapport", report, maalform="nb"))
    assert "Vielsesrapport" in text
    assert "Gjennomførte vielser | 3" in text
    assert "Meldt til Skatteetaten | 2" in text
    assert "Venter på melding til Skatteetaten | 1" in text
    assert "Avlyst | 1" in text
    assert "Mona Ordfører | 2" in text and "Vera Vara | 1" in text
    assert "Anna og Ola Nordmann" in text and "Cecilie og Ola Nordmann" in text
    assert "Dina" not in text  # a cancelled wedding is counted, not listed


def test_report_for_one_officiant(weddings):
    report = WeddingReport.objects.create(period_start=weddings["start"], period_end=weddings["end"],
                                          officiant=weddings["deputy"])
    text = _docx_text(render("vielsesrapport", report, maalform="nn"))
    assert "Vigselsrapport" in text
    assert "Gjennomførte vigslar | 1" in text
    assert "Cecilie og Ola Nordmann" in text and "Anna" not in text


def test_report_page_and_download(client, weddings, fagleder):
    client.force_login(fagleder)
    response = client.post("/intern/vielser/rapport/", {
        "period_start": weddings["start"].isoformat(), "period_end": weddings["end"].isoformat(), "officiant": ""})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Gjennomførte vielser</dt><dd>3" in page
    download = client.get(response["Location"] + "docx/")
    assert download.status_code == 200
    assert "Gjennomførte vielser | 3" in _docx_text(download.content)


def test_render_document_command_writes_the_report(tmp_path, weddings):
    from django.core.management import call_command

    report = WeddingReport.objects.create(period_start=weddings["start"], period_end=weddings["end"])
    out = tmp_path / "vielser.docx"
    call_command("render_document", "vielsesrapport", str(report.pk), "--out", str(out))
    assert "Gjennomførte vielser | 3" in _docx_text(out.read_bytes())
