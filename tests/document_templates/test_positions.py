"""Positions under concurrency (issue 12, part 4): simultaneous uploads to the same case lock the case row, so each
attachment gets its own number in the saksframlegg's list; simultaneous proposals to one agenda item lock the item,
so each gets its own number in the minutes. Real threads, each with its own PostgreSQL connection."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from document_templates.attachments import attachment_add
from secretariat.cases.models import CaseAttachment
from secretariat.meetings.models import Proposal
from secretariat.meetings.services import agenda_item_add, meeting_create, meeting_send_notice, proposal_add
from tests.helpers import case_in_state, new_case, run_at_once

pytestmark = pytest.mark.django_db(transaction=True)

N = 8


def test_simultaneous_attachments_get_distinct_positions(saksbehandler, formannskapet, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = new_case(organization=formannskapet, officer=saksbehandler)
    _, errors = run_at_once(N, lambda i: attachment_add(
        actor=saksbehandler, case=case, title=f"Vedlegg {i}",
        upload=SimpleUploadedFile(f"v{i}.pdf", b"%PDF-1.4 " + bytes(str(i), "ascii"))))
    assert errors == []
    positions = CaseAttachment.objects.filter(case=case).values_list("position", flat=True)
    assert sorted(positions) == list(range(1, N + 1))


def test_simultaneous_proposals_get_distinct_positions(formannskapet, fagleder, saksbehandler, kommunedirektor):
    case = case_in_state("klar", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    start = timezone.now() + dt.timedelta(days=20)
    meeting = meeting_create(actor=fagleder, organization=formannskapet, start=start, end=start + dt.timedelta(hours=3))
    item = agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    meeting_send_notice(actor=fagleder, meeting=meeting)
    item.refresh_from_db()
    _, errors = run_at_once(N, lambda i: proposal_add(actor=fagleder, item=item, by=f"Parti {i}", text=f"Forslag {i}"))
    assert errors == []
    positions = Proposal.objects.filter(agenda_item=item).values_list("position", flat=True)
    assert sorted(positions) == list(range(1, N + 1))
