"""Finding 10: every write to a meeting leaves an audit row, in the same transaction (Zulip-style)."""

import pytest
from django.urls import reverse

from secretariat.meetings.models import QuestionKind
from secretariat.meetings.services import agenda_item_add_other, question_add, question_answer
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db


def _rows(meeting, action):
    return list(AuditEntry.for_object(meeting).filter(action=action))


def test_moving_an_agenda_item_is_audited(client, meeting, fagleder):
    first = agenda_item_add_other(actor=fagleder, meeting=meeting, kind="RS", title="Referat A")
    agenda_item_add_other(actor=fagleder, meeting=meeting, kind="RS", title="Referat B")
    client.force_login(fagleder)
    client.post(reverse("meetings:action", args=[meeting.pk, "move"]), {"item": first.pk, "direction": "down"})
    rows = _rows(meeting, "sak_flyttet")
    assert len(rows) == 1
    assert rows[0].actor == fagleder and first.label in rows[0].action_label


def test_setting_the_video_start_is_audited(client, meeting, fagleder):
    client.force_login(fagleder)
    client.post(reverse("meetings:action", args=[meeting.pk, "video_start"]))
    rows = _rows(meeting, "video_start")
    assert len(rows) == 1 and rows[0].changes["til"]


def test_answering_a_question_is_audited(meeting, fagleder, fsk):
    question = question_add(actor=fagleder, meeting=meeting, asked_by=fsk.m.henrik.person, title="Brøyting",
                            text="Når brøytes Fjellvegen?", kind=QuestionKind.QUESTION)
    question_answer(actor=fagleder, question=question, answer="Innen kl. 7.")
    rows = _rows(meeting, "sporsmal_besvart")
    assert len(rows) == 1 and rows[0].changes["til"] == "Innen kl. 7."


def test_an_unknown_audit_code_is_refused(meeting, fagleder):
    from workflows.engine import audit

    with pytest.raises(ValueError, match="AuditAction"):
        audit(meeting, actor=fagleder, action="noe_nytt")
