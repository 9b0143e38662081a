"""Reads for the public portal, split by seam: meetings, cases, search, feeds and the påvirke page. Every
rule about what may be shown comes from `secretariat.access` (the one place that decides)."""

from .cases import case_page, follow_ups_for, public_attachment_or_none, public_attachments, public_case_or_none
from .feeds import FeedEntry, digest_headline, feed_entries, meeting_digest
from .influence import citizen_proposal_threshold, influence_page_data, members_by_body, next_kommunestyre_meeting
from .meetings import (
    PublicItem,
    agenda_status,
    meeting_calendar,
    meeting_page,
    meeting_years,
    next_meeting,
    public_item,
    public_meetings,
    public_minutes,
    public_organizations,
    vote_label,
    votes_for_items,
)
from .search import HL_START, HL_STOP, PUBLIC_STATE_CHOICES, SearchHit, search_cases

__all__ = [
    "HL_START", "HL_STOP", "PUBLIC_STATE_CHOICES", "FeedEntry", "PublicItem", "SearchHit", "next_kommunestyre_meeting",
    "agenda_status", "case_page", "citizen_proposal_threshold", "digest_headline", "feed_entries",
    "follow_ups_for", "influence_page_data", "meeting_calendar", "meeting_digest", "meeting_page", "meeting_years",
    "members_by_body", "next_meeting", "public_attachment_or_none", "public_attachments", "public_case_or_none",
    "public_item", "public_meetings", "public_minutes", "public_organizations", "search_cases", "vote_label",
    "votes_for_items",
]
