"""Reads for the calendars: which meetings go into which feed, tokens, plans."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Q, QuerySet

from secretariat.meetings.models import Meeting
from secretariat.organizations.models import Organization, Person

from .models import CalendarToken, MeetingPlan


def meetings_for_feed(queryset: QuerySet | None = None, *, since=None) -> QuerySet:
    qs = queryset if queryset is not None else Meeting.objects.all()
    if since is not None:
        qs = qs.filter(start__gte=since)
    return (
        qs.filter(organization__is_active=True)
        .select_related("organization")
        .prefetch_related("agenda_items__consultation__case")
        .order_by("start", "pk")
    )


def public_meetings() -> QuerySet:
    # Meetings are open (koml. § 11-2); every meeting is in the public feed, cancelled ones too. The feed of all
    # bodies keeps a bounded window (SAKSGANG_ICAL_PUBLIC_PAST_DAYS, 12 months back) so it does not grow with
    # the years; one body's feed and the personal feeds stay complete (and are answered from a version key).
    return meetings_for_feed(since=public_window_start())


def public_window_start():
    from django.conf import settings
    from django.utils import timezone

    days = getattr(settings, "SAKSGANG_ICAL_PUBLIC_PAST_DAYS", 365)
    today = timezone.localdate()
    return timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days), dt.time()))


def organization_meetings(organization: Organization) -> QuerySet:
    return meetings_for_feed(Meeting.objects.filter(organization=organization))


def person_for_token(token: str) -> Person | None:
    found = CalendarToken.objects.active().select_related("person").filter(token=token).first()
    return found.person if found else None


def active_token(person: Person) -> CalendarToken | None:
    return CalendarToken.objects.active().filter(person=person).order_by("-created_at").first()


def last_modified(meetings) -> object | None:
    if isinstance(meetings, QuerySet):
        return meetings.aggregate(m=Max("updated_at"))["m"]
    stamps = [m.updated_at for m in meetings]
    return max(stamps) if stamps else None


def plans_overview() -> QuerySet:
    return (MeetingPlan.objects.select_related("organization")
            .annotate(meeting_count=Count("dates", filter=Q(dates__skipped_reason="")))
            .order_by("-year", "organization__sort_order"))
