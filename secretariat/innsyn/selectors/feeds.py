"""The meeting digest (newsletter and social text) and the RSS feed of new agendas and decisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import formats, timezone, translation

from secretariat import access
from secretariat.meetings.models import Decision, Meeting
from workflows.meeting import MeetingState

from .meetings import meeting_page, portal_items_queryset, public_item, public_meetings


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
            lines.append(i.closed_marking or i.exempt_marking or access.EXEMPT_PLACEHOLDER)
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
    kind: str  # "agenda", "decision" (a final vedtak) or "innstilling" (a body's view to the next body)
    title: str
    description: str
    link: str
    pubdate: dt.datetime
    guid: str


def feed_entries(*, limit: int = 40) -> list[FeedEntry]:
    """New agendas (published meetings) and new decisions, newest first."""
    entries: list[FeedEntry] = []
    meetings = (
        access.meetings_with_public_agenda(public_meetings()).order_by("-notice_sent_at", "-start")[:limit]
    )
    meeting_list = list(meetings)
    items_by_meeting: dict[int, list] = {}
    published = access.published_agenda_items(portal_items_queryset().filter(meeting__in=meeting_list))
    for item in published.order_by("position"):
        items_by_meeting.setdefault(item.meeting_id, []).append(item)
    for meeting in meeting_list:
        views = [public_item(i, meeting) for i in items_by_meeting.get(meeting.pk, [])]
        desc = "\n".join(f"{v.label} {v.title}" + (f": {v.summary}" if v.summary else "") for v in views)
        state = " (AVLYST)" if meeting.state == MeetingState.AVLYST else ""
        entries.append(FeedEntry(
            kind="agenda", title=f"Saksliste: {digest_headline(meeting)}{state}", description=desc,
            link=f"/innsyn/moter/{meeting.pk}/", pubdate=access.agenda_published_at(meeting),
            guid=f"saksliste-{meeting.uid}",
        ))
    decisions = (
        access.annotate_case_has_closed_item(
            access.decisions_of_public_cases(Decision.objects.filter(agenda_item__isnull=False))
            .select_related("agenda_item__meeting__organization", "agenda_item__consultation__case__paper",
                            "agenda_item__outcome__forwarded_to"))
        .order_by("-decided_at", "-pk")[:limit]  # the decision_decided_idx index: the newest N without a full sort
    )
    for decision in decisions:
        item = decision.agenda_item
        item.case_has_closed_item = decision.case_has_closed_item
        view = public_item(item, item.meeting)
        text = view.decision_text or view.closed_marking or view.exempt_marking or access.EXEMPT_PLACEHOLDER
        entries.append(FeedEntry(
            kind="decision" if view.is_final else "innstilling",
            title=f"{view.decision_heading}: {view.label} {view.title} ({item.meeting.organization.name})",
            description=text + (f"\n{view.vote}" if view.vote else ""),
            link=f"/innsyn/saker/{view.case_id}/" if view.case_id else f"/innsyn/moter/{item.meeting_id}/#{view.anchor}",
            pubdate=decision.created_at, guid=f"vedtak-{decision.pk}",
        ))
    entries.sort(key=lambda e: e.pubdate, reverse=True)
    return entries[:limit]
