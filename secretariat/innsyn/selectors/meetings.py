"""The public meeting calendar, a meeting's agenda as the public sees it, and the approved minutes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from secretariat import access
from secretariat.meetings.models import AgendaItem, Ballot, Decision, Meeting, Vote
from secretariat.meetings.selectors import (
    innstilling_label,
    minutes_data,
    party_label,
    questions_data,
    recommended_to,
)
from secretariat.organizations.models import Organization
from workflows.meeting import MEETING_WORKFLOW, MeetingState

from .. import documents
from ..video import offset_label, video_link


def public_organizations() -> QuerySet[Organization]:
    return Organization.objects.filter(is_active=True).order_by("sort_order", "name")


def public_meetings() -> QuerySet[Meeting]:
    """The meeting plan is public: every meeting, cancelled ones marked as such."""
    return Meeting.objects.select_related("organization")


MEETINGS_PER_PAGE = 50


def meeting_calendar(*, organization: str = "", year: int | None = None, now: dt.datetime | None = None,
                     limit: int | None = None, page: int | str | None = None) -> dict:
    """Upcoming meetings (soonest first) and past ones (newest first). The past grows with every year the
    kommune uses the system, so it comes a page at a time (`page`, MEETINGS_PER_PAGE) unless `limit` is given."""
    now = now or timezone.now()
    qs = public_meetings()
    if organization:
        qs = qs.filter(organization__slug=organization)
    if year:
        qs = qs.filter(start__year=year)
    qs = qs.annotate(has_agenda=access.has_published_agenda_item())
    upcoming = qs.filter(start__gte=now - dt.timedelta(hours=6)).order_by("start")
    past = qs.filter(start__lt=now - dt.timedelta(hours=6)).order_by("-start")
    if limit:
        return {"upcoming": list(upcoming[:limit]), "past": list(past[:limit])}
    past_page = Paginator(past, MEETINGS_PER_PAGE).get_page(page)
    return {"upcoming": list(upcoming), "past": list(past_page.object_list), "past_page": past_page}


def meeting_years() -> list[int]:
    return sorted({d.year for d in Meeting.objects.dates("start", "year")}, reverse=True)


def next_meeting(organization: Organization | None = None, now: dt.datetime | None = None) -> Meeting | None:
    qs = public_meetings().filter(start__gte=now or timezone.now()).exclude(state=MeetingState.AVLYST)
    if organization is not None:
        qs = qs.filter(organization=organization)
    return qs.order_by("start").first()


@dataclass
class PublicItem:
    """One agenda item as the public sees it."""

    item: AgendaItem
    label: str
    title: str
    content_public: bool
    closed_marking: str = ""
    exempt_marking: str = ""
    summary: str = ""
    recommendation: str = ""
    decision_text: str = ""
    vote: str = ""
    has_decision: bool = False
    decision_heading: str = ""  # «Vedtak», or «Innstilling til kommunestyret» (issue 13)
    is_final: bool = True
    outcome_label: str = ""  # «Utsatt», «Sendt tilbake», «Trukket», «Tatt til orientering» (the result is public)
    outcome_comment: str = ""
    case_id: int | None = None
    video_url: str = ""
    video_at: str = ""
    documents: list = field(default_factory=list)
    votes: list = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"sak-{self.item.pk}"


def portal_items_queryset() -> QuerySet[AgendaItem]:
    """Agenda items with what the portal's pages and feeds read. NOT filtered: callers narrow it with
    `access.published_agenda_items`."""
    return access.annotate_case_has_closed_item(
        AgendaItem.objects.select_related("consultation__case__paper", "consultation__organization", "decision",
                                          "meeting__organization", "outcome__forwarded_to"))


def public_item(item: AgendaItem, meeting: Meeting) -> PublicItem:
    consultation = item.consultation
    case = consultation.case if consultation else None
    # The public sees the item only after its own notice; its content unless closed (koml. § 11-5) or exempt.
    content_public = access.can_view_agenda_item_content(None, item, meeting)
    view = PublicItem(
        item=item, label=item.label, title=access.agenda_item_public_title(item), content_public=content_public,
        closed_marking=access.closed_item_marking(item), exempt_marking=access.exempt_marking_for(item),
    )
    if case is not None and access.is_case_public(
            case, on_published_agenda=access.agenda_item_is_published(item, meeting)):
        view.case_id = case.pk
    if content_public and case is not None:
        view.summary = access.public_summary(case, has_closed_item=item.case_has_closed_item)
        # The innstilling copied onto the consultation is withheld like the paper's own exempt section.
        view.recommendation = access.recommendation_for(None, case, consultation)
        view.documents = documents.case_document_links(case)
    decision = getattr(item, "decision", None)
    outcome = getattr(item, "outcome", None) if _has_outcome(item) else None
    if outcome is not None and decision is None:
        view.outcome_label = outcome.get_outcome_display()
        view.outcome_comment = outcome.comment if content_public else ""
    if decision is not None:
        view.has_decision = True
        view.is_final = decision.is_final
        view.decision_heading = "Vedtak" if decision.is_final else innstilling_label(recommended_to(decision))
        if content_public:
            view.decision_text = decision.text
            view.vote = vote_label(decision)
    offset = access.video_offset_for(None, item)  # none for a closed item (koml. § 11-5)
    if meeting.video_url and offset is not None:
        view.video_url = video_link(meeting.video_url, offset)
        view.video_at = offset_label(offset)
    return view


def _has_outcome(item: AgendaItem) -> bool:
    try:
        return item.outcome is not None
    except AgendaItem.outcome.RelatedObjectDoesNotExist:
        return False


def vote_label(decision: Decision) -> str:
    if decision.vote_summary:
        return decision.vote_summary
    return "Enstemmig vedtatt." if decision.unanimous else ""


def votes_for_items(item_ids: list[int]) -> dict[int, list[dict]]:
    """Open votes per agenda item: totals, how each party voted, and named members where a party split
    (koml. § 11-4). Secret ballots show totals only. Callers pass only items whose content is public."""
    if not item_ids:
        return {}
    votes = (
        Vote.objects.filter(agenda_item_id__in=item_ids).select_related("proposal")
        .prefetch_related(Prefetch("ballots", queryset=Ballot.objects.select_related(
            "membership__person__party", "membership__electoral_list")))
        .order_by("agenda_item_id", "pk")
    )
    result: dict[int, list[dict]] = {}
    for vote in votes:
        parties: dict[str, dict] = {}
        members: dict[str, list] = {}
        if not vote.secret:
            for ballot in vote.ballots.all():
                party = party_label(ballot.membership)
                row = parties.setdefault(party, {"party": party, "for": 0, "against": 0, "blank": 0})
                row[{"for": "for", "mot": "against", "blank": "blank"}[ballot.choice]] += 1
                members.setdefault(party, []).append((ballot.membership.person.name, ballot.get_choice_display()))
        named = [{"name": name, "party": party, "vote": choice}
                 for party, votes_ in sorted(members.items()) if len({c for _, c in votes_}) > 1
                 for name, choice in sorted(votes_)]
        result.setdefault(vote.agenda_item_id, []).append({
            "proposal": vote.proposal.position, "proposal_by": vote.proposal.by, "result": vote.result_label,
            "secret": vote.secret, "by_party": sorted(parties.values(), key=lambda r: r["party"]), "named": named,
        })
    return result


def meeting_page(meeting: Meeting) -> dict:
    published = access.published_agenda_items(portal_items_queryset().filter(meeting=meeting))
    items = [public_item(i, meeting) for i in published.order_by("position", "pk")]
    votes = votes_for_items([i.item.pk for i in items if i.content_public])
    for i in items:
        i.votes = votes.get(i.item.pk, [])
    return {
        "meeting": meeting,
        "items": items,
        "minutes_public": access.minutes_are_public(meeting),
        "documents": documents.meeting_document_links(meeting, has_agenda=bool(items)),
        "agenda_status": agenda_status(meeting),
        # Spørsmål og interpellasjoner: public with the agenda; an exempt one by kind and asker only (access).
        "questions": questions_data(meeting, public=True),
    }


def agenda_status(meeting: Meeting) -> str:
    if meeting.state == MeetingState.AVLYST:
        return "Møtet er avlyst."
    if meeting.state == MeetingState.PLANLAGT:
        return "Sakslisten publiseres når innkallingen sendes."
    if access.minutes_are_public(meeting):
        return "Møtet er holdt, og protokollen er godkjent."
    if meeting.state in MEETING_WORKFLOW.states_with("held") - MEETING_WORKFLOW.states_with("minutes_public"):
        return "Møtet er holdt. Protokollen publiseres når den er godkjent."
    return "Innkallingen er sendt, og sakspapirene er publisert."


def public_minutes(meeting: Meeting) -> dict:
    """The approved minutes, public version (koml. § 11-4: never before approval)."""
    if not access.minutes_are_public(meeting):
        return {}
    return minutes_data(meeting, public=True)
