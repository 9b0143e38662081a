"""Forfall and substitutes: who has reported absence, the substitute order (koml. § 7-10), who is called to the
meeting and the notice's recipients."""

from __future__ import annotations

from secretariat.organizations.models import Membership

from ..models import Absence, AgendaItem, Meeting
from .people import members_of, memberships_for


def absence_for(meeting: Meeting, membership: Membership) -> Absence | None:
    return meeting.absences.filter(membership=membership).first()


def _covers(absence: Absence, item: AgendaItem | None) -> bool:
    items = list(absence.items.all())
    return not items or (item is not None and item in items)


def substitute_candidates(meeting: Meeting, membership: Membership, items: list[AgendaItem] | None = None,
                          for_absence: Absence | None = None) -> list[Membership]:
    """The substitutes who may replace `membership`, in the numbered order of the member's electoral list
    (koml. § 7-10): the list the member was elected from decides, not the party they belong to now. Skips
    substitutes who have reported absence, who are called in or proposed for another absence, or who already
    attend."""
    subs = (
        memberships_for(meeting).substitutes()
        .filter(electoral_list_id=membership.electoral_list_id)
        .order_by("substitute_order", "pk")
    )
    regular_people = {m.person_id for m in memberships_for(meeting).regular()}
    absent = {a.membership_id: a for a in meeting.absences.prefetch_related("items")}
    others = meeting.absences.exclude(pk=getattr(for_absence, "pk", None))
    called = set(others.exclude(substitute=None).values_list("substitute_id", flat=True))
    called |= set(others.filter(substitute=None).exclude(proposed_substitute=None)
                  .values_list("proposed_substitute_id", flat=True))
    attending = set(meeting.attendances.values_list("membership_id", flat=True))
    result = []
    for sub in subs:
        if sub.person_id in regular_people or sub.pk in called or sub.pk in attending:
            continue
        if sub.pk in absent:
            continue
        result.append(sub)
    return result


def next_substitute(meeting: Meeting, membership: Membership, items: list[AgendaItem] | None = None
                    ) -> Membership | None:
    candidates = substitute_candidates(meeting, membership, items)
    return candidates[0] if candidates else None


def absent_for_whole_meeting(meeting: Meeting) -> set[int]:
    """Membership ids of everyone (members and substitutes) who has reported absence for the whole meeting."""
    return set(meeting.absences.filter(items__isnull=True).values_list("membership_id", flat=True))


def expected_participants(meeting: Meeting) -> list[dict]:
    """Who is called to the meeting: members without absence for the whole meeting, and called-in substitutes
    who have not reported absence for the whole meeting themselves (koml. § 7-10)."""
    absences = {a.membership_id: a for a in meeting.absences.prefetch_related("items").select_related(
        "membership__person", "substitute__person", "substitute__electoral_list", "substitute__person__party")}
    whole = {pk for pk, a in absences.items() if not a.items.all()}
    rows = []
    for m in members_of(meeting):
        if m.pk in whole:
            continue
        rows.append({"membership": m, "substitute_for": None, "items": []})
    for absence in absences.values():
        if absence.substitute_id and absence.substitute_confirmed_at and absence.substitute_id not in whole:
            rows.append({"membership": absence.substitute, "substitute_for": absence.membership,
                         "items": list(absence.items.all())})
    return rows


def notice_recipients(meeting: Meeting) -> list[dict]:
    """E-mail addresses of the members and the called-in substitutes (koml. § 11-3)."""
    seen, out = set(), []
    for row in expected_participants(meeting):
        person = row["membership"].person
        if person.email and person.email not in seen:
            seen.add(person.email)
            out.append({"person": person, "email": person.email, "substitute_for": row["substitute_for"]})
    return out
