"""Template versions under concurrency (issue 12, part 4): simultaneous uploads of a template for the same kind and
målform get distinct, consecutive versions from the locked counter row, and none fails (the unique constraint on
the version used to turn the race into a 500). Real threads, each with its own client, connection and transaction."""


import pytest
from django.test import Client

from document_templates.builder import DocBuilder
from document_templates.models import DocumentTemplate, TemplateCounter
from document_templates.validation import template_upload
from tests.helpers import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)

N = 6


def _template(marker: str) -> bytes:
    b = DocBuilder(title="Kommunens mal")
    b.paragraph(marker)
    b.paragraph("{{ case.title }}")
    return b.to_bytes()


def test_simultaneous_uploads_get_distinct_versions_and_no_error(fagleder):
    from django.core.files.uploadedfile import SimpleUploadedFile

    contents = [_template(f"MAL {i}") for i in range(N)]
    clients = []
    for _ in range(N):
        clients.append(Client())
        clients[-1].force_login(fagleder)

    def upload(i):
        response = clients[i].post("/api/dokumenter/maler/", {
            "kind": "saksframlegg", "maalform": "nb", "file": SimpleUploadedFile(f"mal{i}.docx", contents[i])})
        return response.status_code, response.json()

    results, errors = run_at_once(N, upload)

    assert errors == []
    assert [status for status, _ in results] == [201] * N, results
    assert sorted(body["version"] for _, body in results) == list(range(1, N + 1))
    stored = DocumentTemplate.objects.filter(kind="saksframlegg", maalform="nb")
    assert sorted(stored.values_list("version", flat=True)) == list(range(1, N + 1))
    assert TemplateCounter.objects.get(kind="saksframlegg", maalform="nb").last_version == N


def test_a_version_is_never_given_twice_even_for_templates_from_before_the_counter(fagleder):
    first = template_upload(actor=fagleder, kind="saksframlegg", maalform="nn", content=_template("EN"),
                            filename="en.docx")
    assert first.version == 1
    # A template stored before the counter existed (an older version of the code) is respected.
    TemplateCounter.objects.all().delete()
    DocumentTemplate.objects.filter(pk=first.pk).update(version=4)
    second = template_upload(actor=fagleder, kind="saksframlegg", maalform="nn", content=_template("TO"),
                             filename="to.docx")
    assert second.version == 5
    # Other målform and kind count on their own.
    other = template_upload(actor=fagleder, kind="saksframlegg", maalform="nb", content=_template("TRE"),
                            filename="tre.docx")
    assert other.version == 1
