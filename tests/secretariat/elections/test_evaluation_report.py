"""The evaluation report after the election (.docx, kind valgevaluering), read back with python-docx."""

import datetime as dt
import io

import pytest
from docx import Document

from document_templates.registry import render
from secretariat.elections.services import election_evaluation_update, election_task_complete

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def test_evaluation_lists_tasks_done_on_time_late_and_open_with_the_notes(project_2025, fagleder):
    tasks = {t.key: t for t in project_2025.tasks.all()}
    election_task_complete(task=tasks["listeforslag_frist"], actor=fagleder, done_on=dt.date(2025, 3, 31))
    election_task_complete(task=tasks["manntall"], actor=fagleder, done_on=dt.date(2025, 7, 2),
                           note="Manntallet kom to dager for sent.")
    election_evaluation_update(project=project_2025, actor=fagleder,
                               notes="Åpne forhåndsstemmelokalet på biblioteket tidligere neste gang.")
    text = _text(render("valgevaluering", project_2025, maalform="nb"))
    assert "Evaluering av valget: Kommunestyre- og fylkestingsvalg 2025" in text
    assert "Utført i tide | 1" in text
    assert "Utført for sent | 1" in text
    overdue = project_2025.tasks.count() - 2
    assert f"Ikke utført, fristen er passert | {overdue}" in text
    assert "Frist for listeforslag | 31.03.2025 | 31.03.2025" in text
    assert "Manntallet kom to dager for sent." in text
    assert "Åpne forhåndsstemmelokalet på biblioteket tidligere neste gang." in text


def test_evaluation_in_nynorsk_and_as_a_download(client, project_2025, fagleder):
    assert "Evaluering av valet" in _text(render("valgevaluering", project_2025, maalform="nn"))
    client.force_login(fagleder)
    response = client.get(f"/intern/valg/{project_2025.pk}/evaluering/docx/")
    assert response.status_code == 200
    assert "Evaluering av valget" in _text(response.content)
