"""Spørsmål og interpellasjoner of a meeting, as `secretariat.access` lets the viewer see them."""

from __future__ import annotations

from secretariat import access

from ..models import Meeting
from ._common import local_dt


def questions_data(meeting: Meeting, *, public: bool, user=None) -> list[dict]:
    """Spørsmål og interpellasjoner, listed after the saksliste and numbered per kind in the meeting
    («Interpellasjon 1», «Spørsmål 2»), as `secretariat.access` lets the viewer see them: with public=True what
    the public sees (once the notice is out; an exempt one by kind, asker and marking only), else for `user`
    (None: complete)."""
    viewer = access.audience(public=public, user=user)
    rows, numbers = [], {}
    for q in meeting.questions.select_related("asked_by").order_by("kind", "pk"):
        numbers[q.kind] = numbers.get(q.kind, 0) + 1
        if not access.can_view_question(viewer, q, meeting):
            continue
        shown = access.can_view_question_content(viewer, q, meeting)
        rows.append({
            "id": q.pk, "kind": q.kind, "kind_label": q.get_kind_display(),
            "label": f"{q.get_kind_display()} {numbers[q.kind]}", "by": q.asked_by.name,
            "title": q.title if shown else "", "text": q.text if shown else "", "answer": q.answer if shown else "",
            "exempt": access.question_is_exempt(q), "exempt_marking": access.question_exempt_marking(q),
            "content_shown": shown, "submitted_at": local_dt(q.created_at),
            "late_reason": q.late_reason if access.sees_everything(viewer) else "",
        })
    return rows
