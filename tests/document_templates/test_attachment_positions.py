"""Attachment positions under concurrency (issue 12, part 4): simultaneous uploads to the same case lock the case
row, so each attachment gets its own position in the saksframlegg's list. Real threads and connections."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from document_templates.attachments import attachment_add
from secretariat.cases.models import CaseAttachment
from tests.helpers import new_case

pytestmark = pytest.mark.django_db(transaction=True)

N = 8


def test_simultaneous_attachments_get_distinct_positions(saksbehandler, formannskapet, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = new_case(organization=formannskapet, officer=saksbehandler)
    barrier = threading.Barrier(N)
    errors = []

    def run(i):
        try:
            barrier.wait(timeout=30)
            attachment_add(actor=saksbehandler, case=case, title=f"Vedlegg {i}",
                           upload=SimpleUploadedFile(f"v{i}.pdf", b"%PDF-1.4 " + bytes(str(i), "ascii")))
        except Exception as exc:  # noqa: BLE001 (collected and asserted below: none may happen)
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    assert errors == []
    positions = CaseAttachment.objects.filter(case=case).values_list("position", flat=True)
    assert sorted(positions) == list(range(1, N + 1))
