"""Building iCalendar (RFC 5545) data: one place for the feeds and the CalDAV sync.

Every event is built from public information only: the agenda titles come from
`secretariat.access` (the published items, by `agenda_item_public_title`), so an exempt case shows its public title and
nothing of its content, in a feed as on the portal.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from secretariat import access

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
PRODID = "-//Saksgang//Politisk sekretariat//NO"
DEFAULT_DURATION = dt.timedelta(hours=3)


# The EU rule (since 1996) written as RRULEs, the form calendar clients (Thunderbird, Outlook, Google)
# emit and every parser understands; icalendar's generated VTIMEZONE lists each transition as an
# RDATE up to 2038, which some parsers (e.g. vobject) do not apply.
OSLO_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Oslo
X-LIC-LOCATION:Europe/Oslo
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""


@functools.cache
def _oslo_vtimezone_ical() -> bytes:
    return Timezone.from_ical(OSLO_VTIMEZONE.replace("\n", "\r\n")).to_ical()


def oslo_vtimezone() -> Timezone:
    return Timezone.from_ical(_oslo_vtimezone_ical())


def base_url() -> str:
    return settings.SAKSGANG_BASE_URL.rstrip("/")


def meeting_public_url(meeting) -> str:
    # The public meeting page with its papers (the portal builds it at /innsyn/moter/<id>/).
    return f"{base_url()}/innsyn/moter/{meeting.pk}/"


def meeting_summary(meeting) -> str:
    title = meeting.title or f"{meeting.organization.name} – møte"
    if meeting.is_cancelled:
        return f"AVLYST: {title}"
    return title


def meeting_description(meeting) -> str:
    lines = []
    if meeting.is_cancelled:
        lines.append("Møtet er avlyst.")
        if meeting.cancelled_reason:
            lines.append(meeting.cancelled_reason)
        lines.append("")
    if not access.agenda_is_public(meeting):  # the agenda is published with the notice (koml. § 11-3)
        items = []
    elif hasattr(meeting, "feed_agenda"):  # read for a whole feed by selectors.with_feed_agenda, by position
        items = meeting.feed_agenda
    elif "agenda_items" in getattr(meeting, "_prefetched_objects_cache", {}):
        items = sorted(meeting.agenda_items.all(), key=lambda i: (i.position, i.pk))
    else:
        items = list(meeting.agenda_items.select_related("consultation__case").order_by("position", "pk"))
    items = [i for i in items if access.agenda_item_is_published(i, meeting)]  # a tilleggssak waits for its own notice
    if items:
        lines.append("Saksliste:")
        for item in items:
            lines.append(f"{item.label} {access.agenda_item_public_title(item)}")
        lines.append("")
    if meeting.is_remote and meeting.remote_link:
        lines.append(f"Fjernmøte: {meeting.remote_link}")
    lines.append(f"Sakspapirer: {meeting_public_url(meeting)}")
    return "\n".join(lines).strip()


def meeting_location(meeting) -> str:
    if meeting.location and meeting.is_remote and meeting.remote_link:
        return f"{meeting.location} / {meeting.remote_link}"
    if meeting.location:
        return meeting.location
    if meeting.is_remote and meeting.remote_link:
        return meeting.remote_link
    return ""


def meeting_event_data(meeting) -> dict:
    """The event as a plain dict (the shape personal-feed sources may also return)."""
    start = timezone.localtime(meeting.start, OSLO)
    end = timezone.localtime(meeting.end, OSLO) if meeting.end else start + DEFAULT_DURATION
    return {
        "uid": f"{meeting.uid}@saksgang",
        "summary": meeting_summary(meeting),
        "start": start,
        "end": end,
        "location": meeting_location(meeting),
        "description": meeting_description(meeting),
        "url": meeting_public_url(meeting),
        "sequence": meeting.sequence,
        "status": "CANCELLED" if meeting.is_cancelled else "CONFIRMED",
        "last_modified": meeting.updated_at,
        "categories": [meeting.organization.short_name or meeting.organization.name],
    }


def event_from_data(data: dict) -> Event:
    event = Event()
    event.add("uid", data["uid"])
    event.add("summary", data["summary"])
    start = data["start"]
    if isinstance(start, dt.datetime):
        start = timezone.localtime(start, OSLO) if timezone.is_aware(start) else start.replace(tzinfo=OSLO)
    event.add("dtstart", start)
    end = data.get("end")
    if end is not None:
        if isinstance(end, dt.datetime):
            end = timezone.localtime(end, OSLO) if timezone.is_aware(end) else end.replace(tzinfo=OSLO)
        event.add("dtend", end)
    # DTSTAMP in a feed without METHOD is when the information was last revised (RFC 5545 3.8.7.2);
    # using that time keeps the feed byte-stable between requests, so ETags work.
    stamp = data.get("last_modified") or timezone.now()
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    if data.get("last_modified"):
        event.add("last-modified", data["last_modified"].astimezone(dt.UTC))
    event.add("sequence", int(data.get("sequence") or 0))
    event.add("status", data.get("status") or "CONFIRMED")
    if data.get("location"):
        event.add("location", data["location"])
    if data.get("description"):
        event.add("description", data["description"])
    if data.get("url"):
        event.add("url", data["url"])
    if data.get("categories"):
        event.add("categories", data["categories"])
    return event


def meeting_event(meeting) -> Event:
    return event_from_data(meeting_event_data(meeting))


def build_calendar(events: Iterable[Event], *, name: str, description: str = "") -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Oslo")
    if description:
        cal.add("x-wr-caldesc", description)
    # RFC 7986 / common practice: ask clients to refresh hourly.
    cal.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    cal.add_component(oslo_vtimezone())
    for event in events:
        cal.add_component(event)
    return cal


EVENT_CACHE_SECONDS = 7 * 24 * 3600
_END = b"END:VCALENDAR\r\n"


def calendar_bytes(events_data: list[dict], *, name: str, description: str = "", cached: bool = False) -> bytes:
    """`build_calendar(...).to_ical()` for event dicts (the same bytes). With `cached`, each event's bytes are kept
    in the cache under a hash of its data and of the icalendar version, so an event is serialised again only when
    something in it changed: the key is the content, never stale. (icalendar takes most of a ten-year feed's
    build time; an event without `last_modified` gets DTSTAMP now and is not cached.)"""
    import icalendar
    from django.core.cache import cache

    head = build_calendar([], name=name, description=description).to_ical()
    keys = [f"saksgang:ics-event:{hashlib.sha256(repr((icalendar.__version__, sorted(d.items()))).encode()).hexdigest()}"
            if cached and d.get("last_modified") else None for d in events_data]
    found = cache.get_many([k for k in keys if k]) if cached else {}
    parts, new = [], {}
    for key, data in zip(keys, events_data, strict=True):
        part = found.get(key) if key else None
        if part is None:
            part = event_from_data(data).to_ical()
            if key:
                new[key] = part
        parts.append(part)
    if new:
        cache.set_many(new, EVENT_CACHE_SECONDS)
    return head[:-len(_END)] + b"".join(parts) + _END


def single_event_calendar(meeting) -> bytes:
    """One meeting as a CalDAV resource (a VCALENDAR with exactly one VEVENT)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add_component(oslo_vtimezone())
    cal.add_component(meeting_event(meeting))
    return cal.to_ical()


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
