"""Reads for weddings: the list with its alarms, the officiants who may marry on a day, the report."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Q
from django.utils import timezone

from workflows.wedding import WeddingState

from .models import Officiant, Wedding, WeddingReport

ACTIVE_STATES = (WeddingState.FORESPURT, WeddingState.BEKREFTET, WeddingState.KLAR, WeddingState.GJENNOMFORT)


def weddings_list(*, state: str = "", officiant: str = "", period_start: dt.date | None = None,
                  period_end: dt.date | None = None):
    qs = Wedding.objects.requests().select_related("place", "officiant__person").order_by("date", "start_time")
    if state:
        qs = qs.filter(state=state)
    if officiant:
        qs = qs.filter(officiant_id=officiant)
    if period_start:
        qs = qs.filter(date__gte=period_start)
    if period_end:
        qs = qs.filter(date__lte=period_end)
    return qs


def weddings_awaiting_notice(today: dt.date | None = None) -> list[Wedding]:
    """Held weddings whose notice to Skatteetaten is not registered as sent (the alarm on the list)."""
    return list(Wedding.objects.filter(state=WeddingState.GJENNOMFORT).select_related("officiant__person", "place"))


def officiants_authorised_on(day: dt.date):
    return (Officiant.objects.select_related("person")
            .filter(valid_from__lte=day)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
            .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day)))


def report_weddings(report: WeddingReport):
    """The weddings of a report: held (or reported) ones in the period, for one officiant or all."""
    qs = Wedding.objects.filter(date__gte=report.period_start, date__lte=report.period_end,
                                state__in=[WeddingState.GJENNOMFORT, WeddingState.MELDT])
    if report.officiant_id:
        qs = qs.filter(officiant_id=report.officiant_id)
    return qs.select_related("place", "officiant__person").order_by("date", "start_time")


def report_data(report: WeddingReport, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    weddings = list(report_weddings(report))
    planned = Wedding.objects.filter(date__gte=report.period_start, date__lte=report.period_end,
                                     state__in=[WeddingState.BEKREFTET, WeddingState.KLAR])
    cancelled = Wedding.objects.filter(date__gte=report.period_start, date__lte=report.period_end,
                                       state=WeddingState.AVLYST)
    if report.officiant_id:
        planned = planned.filter(officiant_id=report.officiant_id)
        cancelled = cancelled.filter(officiant_id=report.officiant_id)
    by_officiant = Counter(w.officiant.person.name if w.officiant else "(ingen)" for w in weddings)
    by_place = Counter(w.place.name for w in weddings)
    by_month = Counter(f"{w.date:%Y-%m}" for w in weddings)
    late = [w for w in weddings if w.state == WeddingState.MELDT and w.notice_sent_at
            and timezone.localdate(w.notice_sent_at) > w.notice_deadline]
    awaiting = [w for w in weddings if w.state == WeddingState.GJENNOMFORT]
    return {
        "weddings": weddings,
        "count": len(weddings),
        "reported": sum(1 for w in weddings if w.state == WeddingState.MELDT),
        "awaiting_notice": len(awaiting),
        "overdue_notice": sum(1 for w in awaiting if w.notice_overdue(today)),
        "reported_late": len(late),
        "planned": planned.count(),
        "cancelled": cancelled.count(),
        "by_officiant": sorted(by_officiant.items()),
        "by_place": sorted(by_place.items()),
        "by_month": sorted(by_month.items()),
    }
