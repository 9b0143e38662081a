"""The list sent to the courts / statsforvalteren: document kind «oppnevning», read back with python-docx."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from document_templates.registry import render

from .conftest import round_in_state

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


@pytest.fixture
def elected_round(meddommer_round, fagleder):
    round_ = round_in_state("valgt", meddommer_round, fagleder)
    c = round_.candidates.get(given_name="tingrettK")
    c.given_name, c.family_name, c.occupation_text = "Ingrid", "Solberg", "Sykepleier"
    c.save()
    return round_


def test_the_list_names_every_elected_person_per_pool_with_birth_date_and_address(elected_round):
    text = _text(render("oppnevning", elected_round, maalform="nb"))
    assert "Meddommere 2029–2032" in text
    assert "Kommunestyret har valgt disse for perioden 01.01.2029–31.12.2032." in text
    assert "Tingretten – kvinner" in text
    assert "Ingrid Solberg | 17.05.1980 | Kvinne | Storgata 1, 5999 Fjordvik | Sykepleier" in text
    assert "Lagmannsretten – menn | 1 | 0 | 1" in text
    assert "Sak | 28/100" in text
    assert "Valgt" in text


def test_the_public_version_leaves_out_addresses_and_full_birth_dates(elected_round):
    text = _text(render("oppnevning", elected_round, public=True, maalform="nb"))
    assert "Ingrid Solberg | 1980 | Kvinne |  | " in text
    assert "Storgata" not in text
    assert "17.05.1980" not in text


def test_nynorsk(elected_round):
    text = _text(render("oppnevning", elected_round, maalform="nn"))
    assert "Kommunestyret har valt desse for perioden" in text


def test_render_document_command_writes_the_docx(elected_round, tmp_path):
    out = tmp_path / "liste.docx"
    call_command("render_document", "oppnevning", str(elected_round.pk), "--out", str(out))
    assert "Ingrid Solberg" in _text(out.read_bytes())


def test_the_staff_download_is_a_docx(client, elected_round, fagleder):
    client.force_login(fagleder)
    response = client.get(reverse("appointments:report", args=[elected_round.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "Ingrid Solberg" in _text(response.content)


def test_the_public_version_exists_only_from_the_display(meddommer_round, fagleder):
    from document_templates.registry import get_kind

    kind = get_kind("oppnevning")
    round_in_state("innstilt", meddommer_round, fagleder)
    assert kind.public_allowed(meddommer_round) is False
    from secretariat.appointments import services

    services.round_transition(round=meddommer_round, name="start_display", actor=fagleder)
    assert kind.public_allowed(meddommer_round) is True
