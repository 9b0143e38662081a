"""Lists of meetings: by body and time, and the upcoming meetings of one person."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from ..models import Absence, Meeting


def meetings_list(*, organization: str = "", when: str = "") -> QuerySet[Meeting]:
    qs = Meeting.objects.select_related("organization")
    if organization:
        qs = qs.filter(organization__slug=organization)
    now = timezone.now()
    if when == "kommende":
        qs = qs.filter(start__gte=now - dt.timedelta(hours=12))
    elif when == "tidligere":
        qs = qs.filter(start__lt=now).order_by("-start")
    return qs


def meetings_upcoming_for_person(person) -> QuerySet[Meeting]:
    """Meetings of the bodies where the person is a member, plus those they are called to as substitute."""
    org_ids = person.memberships.regular().values_list("organization_id", flat=True)
    called = Absence.objects.filter(substitute__person=person).values_list("meeting_id", flat=True)
    from django.db.models import Q

    return Meeting.objects.filter(Q(organization_id__in=org_ids) | Q(pk__in=called),
                                  start__gte=timezone.now()).distinct().order_by("start")
