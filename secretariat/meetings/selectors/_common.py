"""Small helpers shared by the selector modules of this package (the module is the package's own; the names are
public so that no `_private` name crosses a module boundary)."""

from __future__ import annotations

from django.utils import timezone

from ..models import Absence, Attendance, Meeting, Recusal


def attendances_for(meeting: Meeting) -> list[Attendance]:
    """The meeting's attendance rows with everything the quorum, «Møtte for» and the minutes read."""
    return list(
        meeting.attendances.select_related(
            "membership__person__party", "membership__electoral_list", "substitute_for__person",
            "arrived_before", "left_before",
        ).prefetch_related("only_items")
    )

def item_exclusions(meeting: Meeting) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
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

def local_dt(value):
    """A stored (UTC) time in Europe/Oslo, or None."""
    return timezone.localtime(value) if value else None

def has_related(obj, name: str) -> bool:
    """Whether a one-to-one relation (an item's decision or outcome, a meeting's minutes) exists."""
    try:
        return getattr(obj, name) is not None
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist
        return False
