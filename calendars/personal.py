"""What goes into a person's personal feed: a small registry other apps add sources to.

A *source* is a function `func(person) -> iterable` whose items are either `Meeting` instances or
event dicts with the keys of `calendars.ics.meeting_event_data`:

    {"uid": "wedding-17@saksgang",        # stable, globally unique
     "summary": "Vielse: A og B",
     "start": aware datetime, "end": aware datetime or None,
     "location": "...", "description": "...", "url": "https://...",
     "sequence": 0,                        # bump it when the event changes
     "status": "CONFIRMED" | "CANCELLED",  # keep cancelled events in the feed
     "last_modified": aware datetime}

Register it once, e.g. in your app's `AppConfig.ready()` or at the bottom of a module imported then:

    from calendars.personal import register_source

    def officiant_weddings(person):
        return [wedding_event_data(w) for w in Wedding.objects.filter(officiant__person=person)]

    register_source(officiant_weddings)

Only public information belongs in an event (ask `secretariat.access`). Built in here: the
meetings of the bodies the person sits in (active regular memberships on the meeting day) and,
the meetings the person is called to as
a substitute.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.db.models import Q

from secretariat.meetings.models import Absence, Meeting
from secretariat.organizations.models import Membership, Person

logger = logging.getLogger(__name__)

Source = Callable[[Person], Iterable]
_sources: list[Source] = []


def register_source(func: Source) -> Source:
    """Add a personal-feed source (idempotent; usable as a decorator)."""
    if func not in _sources:
        _sources.append(func)
    return func


def registered_sources() -> list[Source]:
    return list(_sources)


def meetings_of_bodies(person: Person):
    """Meetings of the bodies where the person is a regular member on the meeting day."""
    condition = Q(pk__in=[])
    for membership in Membership.objects.regular().filter(person=person):
        part = Q(organization_id=membership.organization_id, start__date__gte=membership.start_date)
        if membership.end_date:
            part &= Q(start__date__lte=membership.end_date)
        condition |= part
    # Complete, not a window (issue 17): a member's own history is bounded by their terms, and the feed is cached
    # under a version key that changes with every write it reads (calendars/views.py).
    return Meeting.objects.filter(condition)


def substitute_call_ins(person: Person):
    """Meetings the person is called to as a substitute (varamedlem) for an absent member (forfall)."""
    ids = Absence.objects.filter(substitute__person=person).values_list("meeting_id", flat=True)
    return Meeting.objects.filter(pk__in=list(ids))


register_source(meetings_of_bodies)
register_source(substitute_call_ins)


def personal_items(person: Person) -> tuple[list[Meeting], list[dict]]:
    """Every meeting and event for the person's feed, each once (a source failing is logged, not fatal)."""
    meetings: dict[int, Meeting] = {}
    events: dict[str, dict] = {}
    for source in registered_sources():
        try:
            items = list(source(person))
        except Exception:  # one broken source must not take the whole feed down
            logger.exception("Kalenderkilde %s feilet for person %s", getattr(source, "__name__", source), person.pk)
            continue
        for item in items:
            if isinstance(item, Meeting):
                meetings[item.pk] = item
            elif isinstance(item, dict) and item.get("uid"):
                events[item["uid"]] = item
    return sorted(meetings.values(), key=lambda m: m.start), list(events.values())
