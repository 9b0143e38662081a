"""Reads for elections: the timeline, the status counts, the valgstyre's meetings."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone

from secretariat.meetings.models import Meeting

from .models import ElectionProject, ElectionTask, TaskStatus


def election_tasks(project: ElectionProject):
    return project.tasks.select_related("responsible").order_by("due_on", "due_time", "pk")


def election_status_counts(project: ElectionProject, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    counts = Counter(t.status(today) for t in project.tasks.all())
    return {status.value: counts.get(status.value, 0) for status in TaskStatus} | {"total": sum(counts.values())}


def election_timeline(project: ElectionProject, today: dt.date | None = None) -> dict:
    """Rows with their position (percent) on a bar from the first task to the last, for a CSS timeline."""
    today = today or timezone.localdate()
    tasks = list(election_tasks(project))
    if not tasks:
        return {"rows": [], "months": [], "today_pct": None}
    first = min(t.starts_on or t.due_on for t in tasks).replace(day=1)
    last = max(t.due_on for t in tasks)
    span = max((last - first).days, 1)

    def pct(day: dt.date) -> float:
        return round(100 * (day - first).days / span, 2)

    rows = []
    for t in tasks:
        start = t.starts_on or t.due_on
        rows.append({"task": t, "status": t.status(today), "status_label": t.status_label(today),
                     "left": pct(start), "width": max(pct(t.due_on) - pct(start), 0.8)})
    months = []
    month = first
    while month <= last:
        months.append({"label": month, "left": pct(month)})
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    today_pct = pct(today) if first <= today <= last else None
    return {"rows": rows, "months": months, "today_pct": today_pct, "first": first, "last": last}


def valgstyre_meetings(project: ElectionProject):
    """The valgstyre's meetings in the election year (and the months after, for the final minutes)."""
    if project.valgstyre_id is None:
        return Meeting.objects.none()
    start = dt.date(project.year - 1, 10, 1)
    end = project.election_day + dt.timedelta(days=120)
    return Meeting.objects.filter(organization_id=project.valgstyre_id, start__date__gte=start,
                                  start__date__lte=end).order_by("start")


def evaluation_rows(project: ElectionProject, today: dt.date | None = None) -> dict[str, list[ElectionTask]]:
    today = today or timezone.localdate()
    groups: dict[str, list[ElectionTask]] = {s.value: [] for s in TaskStatus}
    for t in election_tasks(project):
        groups[t.status(today)].append(t)
    return groups


def valgstyre_cases(project: ElectionProject):
    """Cases treated (or to be treated) by the valgstyre: they run through the normal case and meeting cycle."""
    from secretariat.cases.models import Case

    if project.valgstyre_id is None:
        return Case.objects.none()
    return (Case.objects.filter(consultations__organization_id=project.valgstyre_id).distinct()
            .order_by("-created_at")[:50])
