"""Reads for the calendars: which meetings go into which feed, tokens, plans."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from secretariat.appointments import services as appointments
from secretariat.appointments.models import AppointmentRound, RoundKind
from secretariat.meetings.models import AgendaItem, Meeting
from secretariat.organizations.models import Organization, OrganizationType, Person
from workflows.appointment import ROUND_WORKFLOW
from workflows.meeting import MEETING_WORKFLOW

from . import planner
from .models import CalendarToken, MeetingPlan


def meetings_for_feed(queryset: QuerySet | None = None, *, since=None) -> QuerySet:
    """The meetings of a feed, soonest first. Their agenda lines are read by `with_feed_agenda` when the feed is
    built (not here: the version key of a feed aggregates this queryset without reading any item)."""
    qs = queryset if queryset is not None else Meeting.objects.all()
    if since is not None:
        qs = qs.filter(start__gte=since)
    return qs.filter(organization__is_active=True).select_related("organization").order_by("start", "pk")


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


class FeedItem:
    """One agenda item as a feed line needs it: the columns of its label and of the public title that
    `secretariat.access` chooses (`agenda_item_public_title`, `agenda_item_is_published`), read as plain values. Ten
    years of one body are some 11,000 items; model instances for them, their consultations and cases cost more
    than a second, and the feed needs none of their other columns."""

    __slots__ = ("pk", "kind", "number", "year", "position", "title", "public_title", "exempt_basis",
                 "notice_sent_at", "consultation")
    label = AgendaItem.label  # «PS 12/26»: the model's own property

    def __init__(self, pk, kind, number, year, position, title, public_title, exempt_basis, notice_sent_at,
                 consultation):
        self.pk, self.kind, self.number, self.year, self.position = pk, kind, number, year, position
        self.title, self.public_title, self.exempt_basis = title, public_title, exempt_basis
        self.notice_sent_at, self.consultation = notice_sent_at, consultation


class _FeedCase:
    """The two columns of an item's case a feed line reads (exemption and public title), as `consultation.case`."""

    __slots__ = ("exempt", "public_title", "case")

    def __init__(self, exempt, public_title):
        self.exempt, self.public_title = exempt, public_title
        self.case = self  # item.consultation.case: the consultation itself carries nothing a feed reads


def with_feed_agenda(meetings) -> list[Meeting]:
    """The meetings as a list, each with `feed_agenda` (its items as `FeedItem`s, by position): one query for
    every item of every meeting, however many years the feed covers."""
    meetings = list(meetings)
    by_meeting: dict[int, list[FeedItem]] = {m.pk: [] for m in meetings}
    rows = (AgendaItem.objects.filter(meeting_id__in=list(by_meeting)).order_by("meeting_id", "position", "pk")
            .values_list("meeting_id", "pk", "kind", "number", "year", "position", "title", "public_title",
                         "exempt_basis", "notice_sent_at", "consultation_id", "consultation__case__exempt",
                         "consultation__case__public_title"))
    for (meeting_id, pk, kind, number, year, position, title, public_title, exempt_basis, notice_sent_at,
         consultation_id, case_exempt, case_public_title) in rows:
        by_meeting[meeting_id].append(FeedItem(
            pk, kind, number, year, position, title, public_title, exempt_basis, notice_sent_at,
            None if consultation_id is None else _FeedCase(case_exempt, case_public_title)))
    for m in meetings:
        m.feed_agenda = by_meeting[m.pk]
    return meetings


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


def plan_meeting_dates(plan: MeetingPlan) -> list[dt.date]:
    """The days the organization meets in the plan's year: the plan's dates (not skipped) and its meetings that are
    not cancelled (a published plan's meetings may since have been moved)."""
    days = {d.date for d in plan.dates.all() if not d.skipped_reason}
    meetings = (Meeting.objects.filter(organization_id=plan.organization_id, start__year=plan.year)
                .exclude(state__in=MEETING_WORKFLOW.states_with("cancelled")).values_list("start", flat=True))
    days |= {timezone.localtime(start).date() for start in meetings}
    return sorted(days)


def plan_warnings(plan: MeetingPlan) -> list[str]:
    """What the fagleder should look at in a meeting plan (warnings, never refusals): kommunestyret's budget meeting
    before the year ends (koml. §§ 14-3, 14-4), and the statutory deadlines of the appointment rounds it elects in
    that year (dl. §§ 57, 66), including an election dated outside its window."""
    if plan.organization.organization_type != OrganizationType.KOMMUNESTYRE:
        return []
    days = plan_meeting_dates(plan)
    latest = tuple(getattr(settings, "SAKSGANG_BUDGET_MEETING_LATEST", (12, 20)))
    warnings = [planner.budget_meeting_warning(days, plan.year, latest)]
    elected = ROUND_WORKFLOW.states_with("elected")
    rounds = (AppointmentRound.objects.filter(kind__in=[RoundKind.MEDDOMMERE, RoundKind.FORLIKSRAD])
              .filter(Q(electing_organization=plan.organization) | Q(electing_organization__isnull=True))
              .order_by("period_start", "pk"))
    for round_ in rounds:
        if appointments.election_year(round_) == plan.year and round_.state not in elected and round_.election_deadline:
            law = "dl. § 57" if round_.kind == RoundKind.FORLIKSRAD else "dl. § 66"
            warnings.append(planner.election_meeting_warning(days, title=round_.title, year=plan.year,
                                                             deadline=round_.election_deadline, law=law))
        warnings += [f"{round_.title}: {row['message']}" for row in appointments.round_deadline_warnings(round=round_)
                     if row["level"] == "wrong" and row["date"].year == plan.year]
    return [w for w in warnings if w]
