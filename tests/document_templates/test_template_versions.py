"""Template versions under concurrency (issue 12, part 4): simultaneous uploads of a template for the same kind and
målform get distinct, consecutive versions from the locked counter row, and none fails (the unique constraint on
the version used to turn the race into a 500). Real threads, each with its own client, connection and transaction."""

import threading

import pytest
from django.db import connection
from django.test import Client

from document_templates.builder import DocBuilder
from document_templates.models import DocumentTemplate, TemplateCounter
from document_templates.validation import template_upload

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
    barrier = threading.Barrier(N)
    results, errors = [], []

    def run(i):
        try:
            client = Client()
            client.force_login(fagleder)
            barrier.wait(timeout=30)
            response = client.post("/api/dokumenter/maler/", {
                "kind": "saksframlegg", "maalform": "nb", "file": SimpleUploadedFile(f"mal{i}.docx", contents[i])})
            results.append((response.status_code, response.json()))
        except Exception as exc:  # noqa: BLE001 (collected and asserted below: none may happen)
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    assert not any(t.is_alive() for t in threads), "a thread hung"

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
