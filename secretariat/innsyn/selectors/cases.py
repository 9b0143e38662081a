"""A public case page: the case's history across bodies, its public papers, attachments and follow-ups."""

from __future__ import annotations

from django.db.models import Prefetch

from secretariat import access
from secretariat.cases.models import Case, CaseAttachment
from secretariat.followups.models import FollowUp
from secretariat.meetings.models import AgendaItem, Decision
from secretariat.meetings.selectors import innstilling_label

from .. import documents
from ..video import offset_label, video_link
from .meetings import vote_label, votes_for_items


def public_case_or_none(case_id: int) -> Case | None:
    qs = access.annotate_has_closed_item(
        access.public_cases(Case.objects.select_related("paper", "responsible_unit"))
    )
    return qs.filter(pk=case_id).first()


def case_page(case: Case) -> dict:
    """The whole history of a public case across bodies. `case` must come from `public_case_or_none`."""
    content_public = access.case_content_is_public(case, has_closed_item=case.has_closed_item)
    consultations = list(
        case.consultations.select_related("organization").prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("meeting", "decision")
                     .order_by("meeting__start")),
            Prefetch("decisions", queryset=Decision.objects.order_by("decided_at")),
        ).order_by("sequence")
    )
    votes = votes_for_items([i.pk for c in consultations for i in c.agenda_items.all()]) if content_public else {}
    history = []
    for index, consultation in enumerate(consultations):
        following = consultations[index + 1].organization.name if index + 1 < len(consultations) else ""
        items = []
        for item in consultation.agenda_items.all():
            meeting = item.meeting
            offset = access.video_offset_for(None, item)  # none for a closed item (koml. § 11-5)
            items.append({
                "item": item, "meeting": meeting, "label": item.label,
                "closed_marking": access.closed_item_marking(item),
                "video_url": video_link(meeting.video_url, offset) if meeting.video_url and offset is not None else "",
                "video_at": offset_label(offset),
                "meeting_video_url": meeting.video_url if access.video_moment_is_public(item) else "",
                "votes": votes.get(item.pk, []),
            })
        history.append({
            "consultation": consultation,
            "organization": consultation.organization,
            # The innstilling copied onto the consultation is withheld like the paper's own exempt section.
            "recommendation": access.recommendation_for(None, case, consultation) if content_public else "",
            "recommendation_source": consultation.recommendation_source,
            "items": items,
            "decisions": [
                {"decision": d, "text": d.text if content_public else "", "vote": vote_label(d) if content_public else "",
                 # Issue 13: a body's view to the next body is its innstilling, not a vedtak.
                 "heading": "Vedtak" if d.is_final else innstilling_label(following), "is_final": d.is_final}
                for d in consultation.decisions.all()
            ],
        })
    return {
        "case": case,
        "title": access.public_case_title(case),
        "content_public": content_public,
        "summary": access.public_summary(case, has_closed_item=case.has_closed_item),
        "sections": [s for s in access.public_paper_sections(case, has_closed_item=case.has_closed_item)
                     if s[0] != "summary"],
        "history": history,
        "follow_ups": follow_ups_for(case) if content_public else [],
        "documents": documents.case_document_links(case) if content_public else [],
        "attachments": public_attachments(case) if content_public else [],
    }


def public_attachments(case: Case) -> list:
    return [a for a in case.attachments.all() if access.can_view_attachment(None, a, case=case)]


def follow_ups_for(case: Case) -> list[dict]:
    """How the decisions are being implemented (secretariat.followups)."""
    rows = []
    for f in FollowUp.objects.filter(decision__consultation__case=case).order_by("deadline", "pk"):
        rows.append({
            "title": f.description,
            "state": f.state,
            "state_label": f.status_label,
            "deadline": f.deadline,
            "overdue": f.is_overdue,
        })
    return rows


def public_attachment_or_none(attachment_id: int):
    attachment = CaseAttachment.objects.select_related("case").filter(pk=attachment_id).first()
    if attachment is None or not access.can_view_attachment(None, attachment):
        return None
    return attachment
