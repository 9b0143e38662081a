"""The oppfølgingsrapport: a .docx through the document registry (read back with python-docx), bokmål and
nynorsk, and a public page that shows an exempt case only by its public title."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document

from document_templates.registry import render
from secretariat.followups.services import followup_create, followup_note_add, followup_transition, report_create

from ...helpers import case_in_state

SECRET = "HEMMELIG-KLIENT-2019-44"


def docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture
def report(kommunestyret, decision, make_followup, saksbehandler, fagleder, kommunedirektor, unit):
    started = make_followup(days=10, description="Skilte avgiftsplassene.")
    followup_transition(followup=started, name="start", actor=saksbehandler)
    followup_note_add(followup=started, actor=saksbehandler, text="Skiltene er bestilt.")
    late = make_followup(days=-2, description="Sette opp betalingsautomater.")
    exempt = case_in_state("vedtatt", organization=kommunestyret, officer=saksbehandler, fagleder=fagleder,
                           kommunedirektor=kommunedirektor, title=f"Erstatningskrav {SECRET}", exempt=True,
                           exempt_basis="offl13_fvl13_1", public_title="Erstatningskrav etter barnevernstiltak")
    exempt_decision = exempt.current_consultation.decisions.get()
    hidden = followup_create(actor=fagleder, decision=exempt_decision, description=f"Utbetale til {SECRET}",
                             responsible_unit=unit, responsible_person=saksbehandler,
                             deadline=timezone.localdate() + dt.timedelta(days=5))
    followup_note_add(followup=hidden, actor=saksbehandler, text=f"Advokaten til {SECRET} er kontaktet.")
    today = timezone.localdate()
    report = report_create(actor=kommunedirektor, organization=kommunestyret, period_start=today - dt.timedelta(days=30),
                           period_end=today + dt.timedelta(days=90))
    report.late = late
    return report


def test_the_docx_lists_each_decision_with_status_and_latest_note(report):
    text = docx_text(render("oppfolgingsrapport", report, public=False, maalform="nb"))
    assert "Oppfølgingsrapport – Kommunestyret" in text
    assert "Parkeringsforskrift for sentrum" in text
    assert "Forsinket" in text  # one of its follow-ups is past the deadline
    assert "Skiltene er bestilt." in text
    assert "Skilte avgiftsplassene." in text and "Pågår" in text
    assert "Kommunestyret tar oppfølgingsrapporten til orientering" in text


def test_the_docx_in_nynorsk(report):
    text = docx_text(render("oppfolgingsrapport", report, public=True, maalform="nn"))
    assert "Offentleg versjon" in text
    assert "Forseinka" in text and "Ikkje starta" in text
    assert "tek oppfølgingsrapporten til orientering" in text


def test_the_public_docx_has_no_exempt_content(report):
    public = docx_text(render("oppfolgingsrapport", report, public=True, maalform="nb"))
    assert "Erstatningskrav etter barnevernstiltak" in public
    assert SECRET not in public
    internal = docx_text(render("oppfolgingsrapport", report, public=False, maalform="nb"))
    assert SECRET in internal


def test_render_document_writes_the_report(report, tmp_path):
    out = tmp_path / "rapport.docx"
    call_command("render_document", "oppfolgingsrapport", str(report.pk), "--out", str(out), "--public")
    assert "Parkeringsforskrift for sentrum" in docx_text(out.read_bytes())


def test_the_public_page_shows_no_exempt_content(client, report):
    response = client.get(reverse("followups:report_public", args=[report.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Parkeringsforskrift for sentrum" in html and "Skiltene er bestilt." in html
    assert "Erstatningskrav etter barnevernstiltak" in html
    assert SECRET not in html


def test_the_docx_download_is_public_for_everyone_but_staff(client, report, fagleder):
    anonymous = client.get(reverse("followups:report_docx", args=[report.pk]))
    assert anonymous.status_code == 200
    assert SECRET not in docx_text(anonymous.content)
    client.force_login(fagleder)
    internal = client.get(reverse("followups:report_docx", args=[report.pk]))
    assert SECRET in docx_text(internal.content)


def test_the_staff_creates_a_report_from_the_page(client, kommunedirektor, kommunestyret):
    client.force_login(kommunedirektor)
    response = client.post(reverse("followups:reports"), {
        "organization": kommunestyret.pk, "period_start": "2026-07-01", "period_end": "2026-06-01"})
    assert "Slutten av perioden må være etter starten." in response.content.decode()
    response = client.post(reverse("followups:reports"), {
        "organization": kommunestyret.pk, "period_start": "2026-01-01", "period_end": "2026-06-30"})
    assert response.status_code == 302


def test_a_decision_from_a_closed_meeting_shows_no_content_publicly(client, report, decision):
    item = decision.agenda_item
    item.closed = True
    item.closed_basis = "11-5-3-a"
    item.save()
    html = client.get(reverse("followups:report_public", args=[report.pk])).content.decode()
    assert "Parkeringsforskrift for sentrum" in html  # the title of a closed item is public
    assert "Skiltene er bestilt." not in html and "Skilte avgiftsplassene." not in html


@pytest.mark.parametrize("maalform", ["nb", "nn"])
def test_the_default_template_renders_the_sample_context(maalform):
    from document_templates.registry import get_kind, render_template

    kind = get_kind("oppfolgingsrapport")
    text = docx_text(render_template(kind.default_template(maalform), kind.sample_context(maalform)))
    assert "Etablering av frisklivssentral" in text and "Stillingene er lyst ut." in text
