"""Plain data for the møteinnkalling with sakskart (koml. § 11-3), the base of the protokoll's data."""

from __future__ import annotations

from secretariat import access

from ..models import Meeting
from ._common import local_dt
from .absences import expected_participants
from .chair import chair_for
from .items import items_data
from .people import party_label
from .questions import questions_data


def _meeting_dict(meeting: Meeting) -> dict:
    return {
        "id": meeting.pk,
        "organization": meeting.organization.name,
        "organization_slug": meeting.organization.slug,
        "title": meeting.title or f"Møte i {meeting.organization.name}",
        "start": local_dt(meeting.start),
        "end": local_dt(meeting.end),
        "location": meeting.location,
        "is_remote": meeting.is_remote,
        "remote_link": meeting.remote_link,
        "video_url": meeting.video_url,
        "state": meeting.state,
        "state_label": meeting.get_state_display(),
        "notice_sent_at": local_dt(meeting.notice_sent_at),
        "notice_override_reason": meeting.notice_override_reason,
        "cancelled_reason": meeting.cancelled_reason,
    }

def _items(meeting: Meeting, *, public: bool, user=None) -> list[dict]:
    viewer = access.audience(public=public, user=user)
    items = meeting.agenda_items.select_related("consultation__case__paper", "consultation__organization",
                                                "decision", "outcome__forwarded_to")
    if public:
        items = access.agenda_items_in_public_version(meeting, items)
    else:
        items = access.agenda_items_visible_to(viewer, items)
    items = list(items.order_by("position"))
    for item in items:
        item.meeting = meeting  # the caller's instance: it may carry minutes being approved right now
    return items_data(items, public=public, user=user)


def notice_data(meeting: Meeting, *, public: bool, user=None) -> dict:
    """Plain data (str/int/bool/date/datetime/None/list/dict) for the møteinnkalling with sakskart.

    Keys (stable):
      meeting: {id, organization, organization_slug, title, start, end, location, is_remote, remote_link,
                video_url, state, state_label, notice_sent_at, notice_override_reason, cancelled_reason}
      items: [{id, label ("PS 12/26"), kind, number, position, title (public-safe when public=True),
               arkivsaksnummer, case_id, is_supplementary, closed, closed_basis, closed_basis_label, exempt,
               exempt_marking, summary (kort fortalt; "" for closed/exempt when public), recommendation,
               recommendation_source, proposals, votes, decision_text, vote_summary, unanimous, outcome,
               outcome_label, recusals: [{name, party, decided, grounds, substitute}], remarks: [{by, text}],
               video_offset_seconds (None publicly for a closed item), decided_at, decision_kind ("vedtak" |
               "innstilling" | ""), decision_heading («Vedtak» / «Innstilling til kommunestyret»), recommended_to (the
               next body's name, for an innstilling), outcome_comment (utsatt/sendt tilbake/trukket: the reason; ""
               when the content is hidden), legality_review_deadline (None for an innstilling), closed_required
               (koml. § 11-5 (2): closing is mandatory)}]
      members: [{name, party, role, email ("" when public)}]  – who is called
      substitutes_called: [{name, party, substitute_for, items: [labels]}]
      questions: [{id, kind, kind_label, label ("Interpellasjon 1"), by, title, text, answer, exempt,
                   exempt_marking, content_shown, submitted_at, late_reason}] – see `questions_data`
      chair: name of the møteleder at the start ("" if none); chair_role: "leder" | "nestleder" | "setteleder" | ""
    With public=True, closed items and exempt cases keep only label, public title, closed basis / exemption
    marking and the result; no summary, text, proposals or vote details; items whose own notice has not
    gone out are left out. With public=False and a `user`, `secretariat.access` decides per item for that
    user; with public=False and no user, the data is complete (the internal document).
    """
    expected = expected_participants(meeting)
    chair = chair_for(meeting)
    viewer = access.audience(public=public, user=user)
    internal = access.sees_everything(viewer)
    return {
        "meeting": _meeting_dict(meeting),
        "items": _items(meeting, public=public, user=user),
        "members": [
            {"name": r["membership"].person.name, "party": party_label(r["membership"]),
             "role": r["membership"].get_role_display(), "email": r["membership"].person.email if internal else ""}
            for r in expected if r["substitute_for"] is None
        ],
        "substitutes_called": [
            {"name": r["membership"].person.name, "party": party_label(r["membership"]),
             "substitute_for": r["substitute_for"].person.name, "items": [i.label for i in r["items"]]}
            for r in expected if r["substitute_for"] is not None
        ],
        "questions": questions_data(meeting, public=public, user=user),
        "chair": chair.membership.person.name if chair.membership else "",
        "chair_role": chair.role,
    }
