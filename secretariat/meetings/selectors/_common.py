"""Small helpers shared by the selector modules of this package (private to the meetings app)."""

from __future__ import annotations

from django.utils import timezone

from ..models import Absence, Attendance, Meeting, Recusal


def _attendances(meeting: Meeting) -> list[Attendance]:
    return list(
        meeting.attendances.select_related(
            "membership__person__party", "membership__electoral_list", "substitute_for__person",
            "arrived_before", "left_before",
        ).prefetch_related("only_items")
    )

def _item_exclusions(meeting: Meeting) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """For every item of the meeting, who is out of it: (decided recusals, absences for the item), each
    item pk → membership ids. Two queries for the whole meeting."""
    recused: dict[int, set[int]] = {}
    for item_id, membership_id in Recusal.objects.filter(agenda_item__meeting=meeting, decided=True).values_list(
            "agenda_item_id", "membership_id"):
        recused.setdefault(item_id, set()).add(membership_id)
    absent: dict[int, set[int]] = {}
    for item_id, membership_id in Absence.items.through.objects.filter(absence__meeting=meeting).values_list(
            "agendaitem_id", "absence__membership_id"):
        absent.setdefault(item_id, set()).add(membership_id)
    return recused, absent

def _dt(value):
    return timezone.localtime(value) if value else None

def _has(obj, name: str) -> bool:
    try:
        return getattr(obj, name) is not None
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist
        return False
