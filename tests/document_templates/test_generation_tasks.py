import hashlib
import time

import pytest
from django.db import transaction

from document_templates.models import GeneratedDocument
from document_templates.tasks import queue_generation

from .conftest import SUMMARY_1, docx_text


@pytest.mark.django_db(transaction=True)
def test_generation_is_queued_after_commit_and_a_worker_stores_the_document(
        celery_worker, formannskapet, saksbehandler, fagleder, kommunedirektor):
    from tests.helpers import new_case

    case = new_case(organization=formannskapet, officer=saksbehandler, summary=SUMMARY_1)
    with transaction.atomic():
        queue_generation("saksframlegg", case, actor=saksbehandler)
        assert not GeneratedDocument.objects.exists()  # nothing before commit
    for _ in range(150):
        if GeneratedDocument.objects.exists():
            break
        time.sleep(0.1)
    doc = GeneratedDocument.objects.get()
    content = bytes(doc.content)
    assert doc.kind == "saksframlegg" and doc.object_id == case.pk and doc.created_by == saksbehandler
    assert doc.checksum == hashlib.sha256(content).hexdigest()
    assert doc.template_version == "standard-1" and doc.input_version
    assert SUMMARY_1 in docx_text(content)


def test_unchanged_input_reuses_the_stored_document_and_a_change_makes_a_new_one(plain_case):
    from document_templates import registry

    first = registry.generate("saksframlegg", plain_case)
    assert registry.generate("saksframlegg", plain_case).pk == first.pk
    plain_case.paper.summary = "Ny tekst."
    plain_case.paper.save()
    second = registry.generate("saksframlegg", plain_case)
    assert second.pk != first.pk and second.input_version != first.input_version
    assert "Ny tekst." in docx_text(bytes(second.content))


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_sending_the_notice_makes_the_public_notice_and_its_pdf_ready_on_the_worker(celery_worker, libreoffice, meeting,
                                                                                   fagleder):
    from workflows.engine import run_transition

    run_transition(meeting, "send_notice", actor=fagleder)
    doc = None
    for _ in range(600):
        doc = GeneratedDocument.objects.filter(kind="innkalling", object_id=meeting.pk, public=True).first()
        if doc is not None and doc.pdf_checksum:
            break
        time.sleep(0.1)
    assert doc is not None and doc.pdf_checksum
    assert bytes(doc.pdf).startswith(b"%PDF-")
    assert "Per Persen" not in docx_text(bytes(doc.content))
