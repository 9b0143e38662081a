"""Who leads the meeting or an item (møteleder, koml. § 11-2): leder, nestleder or the setteleder the body elected."""

from __future__ import annotations

from dataclasses import dataclass

from secretariat.organizations.models import Membership, MembershipRole

from ..models import AgendaItem, Attendance, Meeting
from ._common import attendances_for, item_exclusions
from .absences import expected_participants
from .people import memberships_for
from .presence import present_for_item


@dataclass(frozen=True)
class Chair:
    """Who leads the meeting or one item (koml. § 11-2), and in which capacity: «leder», «nestleder» or
    «setteleder» (elected by the body); membership None and role "" when nobody can lead yet."""

    membership: Membership | None
    role: str = ""

    @property
    def label(self) -> str:
        return CHAIR_ROLE_LABELS.get(self.role, "")


CHAIR_ROLE_LABELS = {"leder": "leder", "nestleder": "nestleder (lederen er inhabil eller har forfall)",
                     "setteleder": "setteleder valgt av organet (leder og nestleder er inhabile eller har forfall)"}


def leader_and_deputy(meeting: Meeting) -> tuple[Membership | None, Membership | None]:
    """The body's leader and nestleder on the meeting day."""
    roles = {}
    for m in memberships_for(meeting).filter(role__in=[MembershipRole.LEADER, MembershipRole.DEPUTY_LEADER]):
        roles.setdefault(m.role, m)
    return roles.get(MembershipRole.LEADER), roles.get(MembershipRole.DEPUTY_LEADER)


def able_to_lead(meeting: Meeting, item: AgendaItem | None = None,
                 attendances: list[Attendance] | None = None) -> set[int]:
    """Memberships who take part in `item` (not inhabil, not absent or left), or, for the meeting, who are there
    from the start (before attendance is registered: who is called without forfall for the whole meeting)."""
    if item is not None:
        return {a.membership_id for a in present_for_item(item, attendances)}
    attendances = attendances_for(meeting) if attendances is None else attendances
    if attendances:
        return {a.membership_id for a in attendances if not a.only_items.all() and a.arrived_before_id is None}
    return {row["membership"].pk for row in expected_participants(meeting) if not row["items"]}


def chair_for(meeting: Meeting, item: AgendaItem | None = None,
              attendances: list[Attendance] | None = None) -> Chair:
    """Møteleder (koml. § 11-2): the leader; when the leader is inhabil in the item or absent, the nestleder; when
    both are, the setteleder the body elected (ActingChair, for the item or for the whole meeting). A chair
    recorded for the item comes first; nobody who is inhabil, absent or gone is ever returned."""
    acting = _acting_chairs(meeting)
    return _choose_chair(item, able_to_lead(meeting, item, attendances), acting, *leader_and_deputy(meeting))


def chairs_for_items(meeting: Meeting, items: list[AgendaItem], attendances: list[Attendance] | None = None
                     ) -> dict[int, Chair]:
    """`chair_for` for every item in `items` (item pk → Chair), with a fixed number of queries however many items
    the meeting has (the protokoll asks for each item)."""
    attendances = attendances_for(meeting) if attendances is None else attendances
    acting = _acting_chairs(meeting)
    leader, deputy = leader_and_deputy(meeting)
    recused, absent = item_exclusions(meeting)
    return {
        item.pk: _choose_chair(item, {a.membership_id for a in present_for_item(
            item, attendances, recused=recused.get(item.pk, set()), absent=absent.get(item.pk, set()))},
            acting, leader, deputy)
        for item in items
    }


def _acting_chairs(meeting: Meeting) -> dict:
    return {a.agenda_item_id: a for a in meeting.acting_chairs.select_related("membership__person")}


def _choose_chair(item: AgendaItem | None, available: set[int], acting: dict, leader: Membership | None,
                  deputy: Membership | None) -> Chair:
    from ..models import ChairHow

    role_of = {ChairHow.DEPUTY: "nestleder", ChairHow.ELECTED: "setteleder"}
    if item is not None and item.pk in acting and acting[item.pk].membership_id in available:
        return Chair(acting[item.pk].membership, role_of[acting[item.pk].how])
    if leader is not None and leader.pk in available:
        return Chair(leader, "leder")
    if deputy is not None and deputy.pk in available:
        return Chair(deputy, "nestleder")
    whole = acting.get(None)
    if whole is not None and whole.membership_id in available:
        return Chair(whole.membership, role_of[whole.how])
    return Chair(None)


def chair_of(meeting: Meeting, item: AgendaItem | None = None) -> Membership | None:
    """The møteleder of the meeting or of `item` (see chair_for); None when a setteleder must be elected."""
    return chair_for(meeting, item).membership
