"""Reads for the public portal. Every public page, feed and search asks here, and every rule about
what may be shown comes from `secretariat.common.visibility` (the one place that decides)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import formats, timezone, translation

from secretariat.cases.models import Case, Consultation
from secretariat.common import visibility
from secretariat.meetings.models import AgendaItem, Decision, Meeting
from secretariat.organizations.models import Body, Membership, Organization
from workflows.case import CaseState
from workflows.meeting import MeetingState

from . import documents
from .video import offset_label, video_link

# --- meetings -----------------------------------------------------------------------------------


def public_organizations() -> QuerySet[Organization]:
    return Organization.objects.filter(is_active=True).order_by("sort_order", "name")


def public_meetings() -> QuerySet[Meeting]:
    """The meeting plan is public: every meeting, cancelled ones marked as such."""
    return Meeting.objects.select_related("organization")


def meeting_calendar(*, organization: str = "", year: int | None = None, now: dt.datetime | None = None,
                     limit: int | None = None) -> dict:
    now = now or timezone.now()
    qs = public_meetings()
    if organization:
        qs = qs.filter(organization__slug=organization)
    if year:
        qs = qs.filter(start__year=year)
    qs = qs.annotate(has_agenda=Exists(visibility.published_agenda_items(AgendaItem.objects.filter(meeting=OuterRef("pk")))))
    upcoming = qs.filter(start__gte=now - dt.timedelta(hours=6)).order_by("start")
    past = qs.filter(start__lt=now - dt.timedelta(hours=6)).order_by("-start")
    if limit:
        upcoming, past = upcoming[:limit], past[:limit]
    return {"upcoming": list(upcoming), "past": list(past)}


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
    case_id: int | None = None
    video_url: str = ""
    video_at: str = ""
    documents: list = field(default_factory=list)
    votes: list = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"sak-{self.item.pk}"


def _items_queryset() -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.select_related("consultation__case__paper", "consultation__organization", "decision",
                                          "meeting__organization")
        .annotate(case_has_closed_item=Exists(
            AgendaItem.objects.filter(consultation__case=OuterRef("consultation__case"), closed=True)))
    )


def public_item(item: AgendaItem, meeting: Meeting) -> PublicItem:
    consultation = item.consultation
    case = consultation.case if consultation else None
    content_public = visibility.agenda_item_content_is_public(item) and (
        case is None or visibility.case_content_is_public(case, has_closed_item=item.case_has_closed_item)
    )
    view = PublicItem(
        item=item, label=item.label, title=visibility.agenda_item_public_title(item), content_public=content_public,
        closed_marking=visibility.closed_item_marking(item),
        exempt_marking=case.exempt_marking if case is not None and case.exempt else "",
    )
    if case is not None and visibility.is_case_public(
            case, on_published_agenda=visibility.agenda_item_is_published(item, meeting)):
        view.case_id = case.pk
    if content_public and case is not None:
        view.summary = visibility.public_summary(case, has_closed_item=item.case_has_closed_item)
        view.recommendation = consultation.recommendation
        view.documents = documents.case_document_links(case)
    decision = getattr(item, "decision", None)
    if decision is not None:
        view.has_decision = True
        if content_public:
            view.decision_text = decision.text
            view.vote = vote_label(decision)
    if meeting.video_url and item.video_offset_seconds is not None and not item.closed:
        view.video_url = video_link(meeting.video_url, item.video_offset_seconds)
        view.video_at = offset_label(item.video_offset_seconds)
    return view


def vote_label(decision: Decision) -> str:
    if decision.vote_summary:
        return decision.vote_summary
    return "Enstemmig vedtatt." if decision.unanimous else ""


def votes_for_items(item_ids: list[int]) -> dict[int, list[dict]]:
    """Open votes per agenda item: totals, how each party voted, and named members where a party split
    (koml. § 11-4). Secret ballots show totals only. Callers pass only items whose content is public."""
    if not item_ids:
        return {}
    try:
        from secretariat.meetings.models import Ballot, Vote
        from secretariat.meetings.selectors import party_label
    except ImportError:
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
    published = visibility.published_agenda_items(_items_queryset().filter(meeting=meeting))
    items = [public_item(i, meeting) for i in published.order_by("position", "pk")]
    votes = votes_for_items([i.item.pk for i in items if i.content_public])
    for i in items:
        i.votes = votes.get(i.item.pk, [])
    return {
        "meeting": meeting,
        "items": items,
        "minutes_public": visibility.minutes_are_public(meeting),
        "documents": documents.meeting_document_links(meeting, has_agenda=bool(items)),
        "agenda_status": agenda_status(meeting),
    }


def agenda_status(meeting: Meeting) -> str:
    if meeting.state == MeetingState.AVLYST:
        return "Møtet er avlyst."
    if meeting.state == MeetingState.PLANLAGT:
        return "Sakslisten publiseres når innkallingen sendes."
    if visibility.minutes_are_public(meeting):
        return "Møtet er holdt, og protokollen er godkjent."
    if meeting.state in (MeetingState.GJENNOMFORT, MeetingState.PROTOKOLL_UTKAST):
        return "Møtet er holdt. Protokollen publiseres når den er godkjent."
    return "Innkallingen er sendt, og sakspapirene er publisert."


# --- cases ------------------------------------------------------------------------------------------


def public_case_or_none(case_id: int) -> Case | None:
    qs = visibility.annotate_has_closed_item(
        visibility.public_cases(Case.objects.select_related("paper", "responsible_unit"))
    )
    return qs.filter(pk=case_id).first()


def case_page(case: Case) -> dict:
    """The whole history of a public case across bodies. `case` must come from `public_case_or_none`."""
    content_public = visibility.case_content_is_public(case, has_closed_item=case.has_closed_item)
    consultations = list(
        case.consultations.select_related("organization").prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("meeting", "decision")
                     .order_by("meeting__start")),
            Prefetch("decisions", queryset=Decision.objects.order_by("decided_at")),
        ).order_by("sequence")
    )
    votes = votes_for_items([i.pk for c in consultations for i in c.agenda_items.all()]) if content_public else {}
    history = []
    for consultation in consultations:
        items = []
        for item in consultation.agenda_items.all():
            meeting = item.meeting
            items.append({
                "item": item, "meeting": meeting, "label": item.label,
                "closed_marking": visibility.closed_item_marking(item),
                "video_url": video_link(meeting.video_url, item.video_offset_seconds)
                if meeting.video_url and item.video_offset_seconds is not None and not item.closed else "",
                "video_at": offset_label(item.video_offset_seconds),
                "meeting_video_url": meeting.video_url if not item.closed else "",
                "votes": votes.get(item.pk, []),
            })
        history.append({
            "consultation": consultation,
            "organization": consultation.organization,
            "recommendation": consultation.recommendation if content_public else "",
            "recommendation_source": consultation.recommendation_source,
            "items": items,
            "decisions": [
                {"decision": d, "text": d.text if content_public else "", "vote": vote_label(d) if content_public else ""}
                for d in consultation.decisions.all()
            ],
        })
    return {
        "case": case,
        "title": visibility.public_case_title(case),
        "content_public": content_public,
        "summary": visibility.public_summary(case, has_closed_item=case.has_closed_item),
        "sections": [s for s in visibility.public_paper_sections(case, has_closed_item=case.has_closed_item)
                     if s[0] != "summary"],
        "history": history,
        "follow_ups": follow_ups_for(case) if content_public else [],
        "documents": documents.case_document_links(case) if content_public else [],
        "attachments": public_attachments(case) if content_public else [],
    }


def public_attachments(case: Case) -> list:
    return [a for a in case.attachments.all() if not a.exempt]


def follow_ups_for(case: Case) -> list[dict]:
    """How the decisions are being implemented (secretariat.followups), when that feature is installed."""
    try:
        from secretariat.followups.models import FollowUp
    except ImportError:
        return []
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


# --- search -----------------------------------------------------------------------------------------

PUBLIC_STATE_CHOICES = [(s.value, s.label) for s in CaseState if s in visibility.PUBLIC_CASE_STATES]
HL_START, HL_STOP = "\x02", "\x03"


@dataclass
class SearchHit:
    case: Case
    title: str
    headline: str  # plain text with HL_START/HL_STOP around matches; rendered escaped by the template tag
    exempt_marking: str
    organizations: list


def _uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_cases(*, q: str = "", organization: str = "", year: int | None = None, state: str = "",
                 limit: int = 50) -> list[SearchHit]:
    """The one public search: page and feed use it. Exempt cases match only by public title."""
    q = (q or "").strip()[:200]
    qs = visibility.annotate_has_closed_item(visibility.public_cases(Case.objects.all()))
    if organization:
        qs = qs.filter(Exists(Consultation.objects.filter(case=OuterRef("pk"), organization__slug=organization)))
    if year:
        qs = qs.filter(Q(Exists(AgendaItem.objects.filter(consultation__case=OuterRef("pk"), year=year)))
                       | Q(created_at__year=year))
    if state:
        qs = qs.filter(state=state)
    texts = visibility.public_case_text_expressions()
    qs = qs.annotate(pub_title=texts["title"], pub_summary=texts["summary"], pub_paper=texts["paper"],
                     pub_decisions=texts["decisions"])
    if q and _uses_postgres():
        qs = _postgres_search(qs, q)
    elif q:
        match = Q()
        for word in q.split():
            match &= (Q(pub_title__icontains=word) | Q(arkivsaksnummer__icontains=word) | Q(pub_summary__icontains=word)
                      | Q(pub_paper__icontains=word) | Q(pub_decisions__icontains=word))
        qs = qs.filter(match).order_by("-created_at")
    else:
        qs = qs.order_by("-updated_at")
    qs = qs.prefetch_related(Prefetch("consultations", queryset=Consultation.objects.select_related("organization")))
    hits = []
    for case in qs[:limit]:
        headline = getattr(case, "headline", None)
        if headline is None:
            headline = _mark_plain(case.pub_summary or "", q)
        hits.append(SearchHit(case=case, title=case.pub_title, headline=headline,
                              exempt_marking=case.exempt_marking,
                              organizations=[c.organization for c in case.consultations.all()]))
    return hits


def _postgres_search(qs, q: str):
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
    from django.db.models import F, TextField, Value
    from django.db.models.functions import Concat

    config = getattr(settings, "SAKSGANG_SEARCH_CONFIG", "norwegian")
    vector = (SearchVector("pub_title", weight="A", config=config)
              + SearchVector("arkivsaksnummer", weight="A", config="simple")
              + SearchVector("pub_summary", weight="B", config=config)
              + SearchVector("pub_decisions", weight="B", config=config)
              + SearchVector("pub_paper", weight="C", config=config))
    query = SearchQuery(q, search_type="websearch", config=config)
    # ts_headline over the public text only: the title for an exempt case, the summary and decisions otherwise.
    text = Concat(F("pub_title"), Value(" – "), F("pub_summary"), Value(" "), F("pub_decisions"), Value(" "),
                  F("pub_paper"), output_field=TextField())
    return (
        qs.annotate(search=vector, rank=SearchRank(vector, query))
        .filter(search=query)
        .annotate(headline=SearchHeadline(text, query, config=config, start_sel=HL_START, stop_sel=HL_STOP,
                                          max_words=35, min_words=15, max_fragments=2))
        .order_by("-rank", "-created_at")
    )


def _mark_plain(text: str, q: str) -> str:
    """SQLite fallback: mark the first occurrence of each word, case-insensitively."""
    if not text:
        return ""
    snippet = text[:300]
    for word in sorted(set(q.split()), key=len, reverse=True):
        lower = snippet.lower()
        i = lower.find(word.lower())
        if i >= 0 and HL_START not in snippet[max(0, i - 1):i + len(word) + 1]:
            snippet = snippet[:i] + HL_START + snippet[i:i + len(word)] + HL_STOP + snippet[i + len(word):]
    return snippet


# --- digest and feed ------------------------------------------------------------------------------------


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:] if name else name


def digest_headline(meeting: Meeting) -> str:
    with translation.override(getattr(settings, "LANGUAGE_CODE", "nb")):
        day = formats.date_format(timezone.localtime(meeting.start), "j. F")
    return f"Dette skal {_lower_first(meeting.organization.name)} behandle {day}"


def meeting_digest(meeting: Meeting, *, base_url: str = "") -> dict:
    page = meeting_page(meeting)
    items = [i for i in page["items"]]
    headline = digest_headline(meeting)
    with translation.override(getattr(settings, "LANGUAGE_CODE", "nb")):
        when = formats.date_format(timezone.localtime(meeting.start), "l j. F Y \\k\\l. H:i")
    place = "Fjernmøte" if meeting.is_remote else (meeting.location or "")
    lines = [headline, "", f"{when}{', ' + place if place else ''}.", ""]
    for i in items:
        lines.append(f"{i.label} {i.title}")
        if i.summary:
            lines.append(i.summary)
        elif not i.content_public:
            lines.append(i.closed_marking or i.exempt_marking or visibility.EXEMPT_PLACEHOLDER)
        lines.append("")
    url = f"{base_url}/innsyn/moter/{meeting.pk}/"
    lines.append(f"Les sakspapirene og følg møtet: {url}")
    newsletter = "\n".join(lines).strip() + "\n"
    titles = ", ".join(i.title for i in items[:3])
    more = f" og {len(items) - 3} saker til" if len(items) > 3 else ""
    social = f"{headline}: {titles}{more}. Møtet er åpent for alle. {url}" if items else f"{headline}. {url}"
    return {**page, "headline": headline, "newsletter_text": newsletter, "social_text": social}


@dataclass
class FeedEntry:
    kind: str  # "agenda" or "decision"
    title: str
    description: str
    link: str
    pubdate: dt.datetime
    guid: str


def feed_entries(*, limit: int = 40) -> list[FeedEntry]:
    """New agendas (published meetings) and new decisions, newest first."""
    entries: list[FeedEntry] = []
    meetings = (
        public_meetings().filter(agenda_items__isnull=False).distinct()
        .exclude(state=MeetingState.PLANLAGT).order_by("-notice_sent_at", "-start")[:limit]
    )
    meeting_list = list(meetings)
    items_by_meeting: dict[int, list] = {}
    for item in visibility.published_agenda_items(_items_queryset().filter(meeting__in=meeting_list)).order_by("position"):
        items_by_meeting.setdefault(item.meeting_id, []).append(item)
    for meeting in meeting_list:
        views = [public_item(i, meeting) for i in items_by_meeting.get(meeting.pk, [])]
        desc = "\n".join(f"{v.label} {v.title}" + (f": {v.summary}" if v.summary else "") for v in views)
        state = " (AVLYST)" if meeting.state == MeetingState.AVLYST else ""
        entries.append(FeedEntry(
            kind="agenda", title=f"Saksliste: {digest_headline(meeting)}{state}", description=desc,
            link=f"/innsyn/moter/{meeting.pk}/", pubdate=meeting.notice_sent_at or meeting.created_at,
            guid=f"saksliste-{meeting.uid}",
        ))
    decisions = (
        Decision.objects.filter(agenda_item__isnull=False, consultation__case__state__in=visibility.PUBLIC_CASE_STATES)
        .select_related("agenda_item__meeting__organization", "agenda_item__consultation__case__paper")
        .annotate(case_has_closed_item=Exists(
            AgendaItem.objects.filter(consultation__case=OuterRef("consultation__case"), closed=True)))
        .order_by("-created_at")[:limit]
    )
    for decision in decisions:
        item = decision.agenda_item
        item.case_has_closed_item = decision.case_has_closed_item
        view = public_item(item, item.meeting)
        text = view.decision_text or view.closed_marking or view.exempt_marking or visibility.EXEMPT_PLACEHOLDER
        entries.append(FeedEntry(
            kind="decision", title=f"Vedtak: {view.label} {view.title} ({item.meeting.organization.name})",
            description=text + (f"\n{view.vote}" if view.vote else ""),
            link=f"/innsyn/saker/{view.case_id}/" if view.case_id else f"/innsyn/moter/{item.meeting_id}/#{view.anchor}",
            pubdate=decision.created_at, guid=f"vedtak-{decision.pk}",
        ))
    entries.sort(key=lambda e: e.pubdate, reverse=True)
    return entries[:limit]


# --- slik kan du påvirke ---------------------------------------------------------------------------------


def citizen_proposal_threshold(population: int | None) -> int | None:
    """koml. § 12-1: a proposal must be treated when signed by 2 % of the residents, but 300 is always enough."""
    if not population:
        return None
    percent = getattr(settings, "SAKSGANG_INNBYGGERFORSLAG_PERCENT", 2)
    cap = getattr(settings, "SAKSGANG_INNBYGGERFORSLAG_MAX", 300)
    return min(math.ceil(population * percent / 100), cap)


def members_by_body(day: dt.date | None = None) -> list[dict]:
    """Current regular members per body, grouped by the list they were elected from."""
    day = day or timezone.localdate()
    memberships = (
        Membership.objects.active_on(day).regular()
        .filter(organization__is_active=True)
        .select_related("person__party", "organization", "electoral_list")
        .order_by("organization__sort_order", "organization__name", "electoral_list__name", "role", "person__family_name")
    )
    bodies: dict[int, dict] = {}
    for m in memberships:
        body = bodies.setdefault(m.organization_id, {"organization": m.organization, "groups": {}})
        group_name = m.electoral_list.name if m.electoral_list else "Oppnevnt"
        body["groups"].setdefault(group_name, []).append({
            "name": m.person.name,
            "role": m.get_role_display(),
            "email": visibility.public_person_email(m.person),
        })
    return [{"organization": b["organization"], "groups": sorted(b["groups"].items())} for b in bodies.values()]


def influence_page_data() -> dict:
    from .models import Hearing, InfluencePage

    body = Body.current()
    population = body.population if body else None
    return {
        "page": InfluencePage.current(),
        "body": body,
        "population": population,
        "threshold": citizen_proposal_threshold(population),
        "threshold_cap": getattr(settings, "SAKSGANG_INNBYGGERFORSLAG_MAX", 300),
        "threshold_percent": getattr(settings, "SAKSGANG_INNBYGGERFORSLAG_PERCENT", 2),
        "bodies": members_by_body(),
        "hearings": list(Hearing.objects.open_on().select_related("organization")),
        "next_kommunestyre": _next_kommunestyre(),
    }


def _next_kommunestyre() -> Meeting | None:
    ks = Organization.objects.filter(organization_type="kommunestyre").order_by("pk").first()
    return next_meeting(ks) if ks is not None else None


def public_minutes(meeting: Meeting) -> dict:
    """The approved minutes, public version (secretariat.meetings.selectors.minutes_data when installed)."""
    if not visibility.minutes_are_public(meeting):
        return {}
    try:
        from secretariat.meetings.selectors import minutes_data
    except ImportError:
        minutes_data = None
    if minutes_data is not None:
        return minutes_data(meeting, public=True)
    page = meeting_page(meeting)
    return {"items": [{"id": i.item.pk, "label": i.label, "title": i.title, "closed": i.item.closed,
                       "closed_basis_label": i.item.get_closed_basis_display(), "exempt": bool(i.exempt_marking),
                       "exempt_marking": i.exempt_marking, "summary": i.summary, "decision_text": i.decision_text,
                       "vote_summary": i.vote, "votes": [], "remarks": []} for i in page["items"]]}


def public_attachment_or_none(attachment_id: int):
    from secretariat.cases.models import CaseAttachment

    attachment = CaseAttachment.objects.select_related("case").filter(pk=attachment_id, exempt=False).first()
    if attachment is None:
        return None
    case = public_case_or_none(attachment.case_id)
    if case is None or not visibility.case_content_is_public(case, has_closed_item=case.has_closed_item):
        return None
    return attachment
