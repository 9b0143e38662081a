"""Who takes part in each item, who met for whom («Møtte for», koml. § 11-4), the quorum (koml. § 11-9) and the item
under treatment."""

from __future__ import annotations

from dataclasses import dataclass

from secretariat.organizations.models import MembershipRole

from ..models import Absence, AgendaItem, Attendance, Meeting, Recusal
from ._common import attendances_for, has_related, item_exclusions
from .people import party_label


def present_for_item(item: AgendaItem, attendances: list[Attendance] | None = None, *,
                     recused: set[int] | None = None, absent: set[int] | None = None) -> list[Attendance]:
    """Who takes part in treating `item`: arrived before it, not left, not recused, not absent for it.
    `recused` and `absent` (membership ids for this item, from `item_exclusions`) save two queries per item."""
    attendances = attendances_for(item.meeting) if attendances is None else attendances
    if recused is None:
        recused = set(item.recusals.filter(decided=True).values_list("membership_id", flat=True))
    if absent is None:
        absent = set(
            Absence.objects.filter(meeting_id=item.meeting_id, items=item).values_list("membership_id", flat=True))
    present = []
    for a in attendances:
        only = list(a.only_items.all())
        if only and item not in only:
            continue
        if a.arrived_before and a.arrived_before.position > item.position:
            continue
        if a.left_before and a.left_before.position <= item.position:
            continue
        if a.membership_id in recused or a.membership_id in absent:
            continue
        present.append(a)
    return present

def present_at_start(meeting: Meeting, attendances: list[Attendance] | None = None) -> list[Attendance]:
    attendances = attendances_for(meeting) if attendances is None else attendances
    return [a for a in attendances if not a.only_items.all() and a.arrived_before is None]


def met_for(meeting: Meeting, attendances: list[Attendance] | None = None) -> list[dict]:
    """Who met for whom, per item: the one record the protokoll's «Møtte for» lines come from (koml. § 11-4).

    Derived from the attendances (who actually took part in each item), and for each item in which a substitute
    took part, whom she met for there: the member declared inhabil in that item with her as substitute
    (koml. § 11-10), else the member whose absence covering that item she was called in for (koml. § 7-10),
    else the member the attendance was registered for. One row per substitute and member:
    [{name, party, for, for_id (membership id), items: [labels]}] – `items` empty when she met for that member
    in every item.
    """
    attendances = attendances_for(meeting) if attendances is None else attendances
    subs = [a for a in attendances if a.substitute_for_id or a.membership.role == MembershipRole.SUBSTITUTE]
    if not subs:
        return []
    items = list(meeting.agenda_items.order_by("position"))
    recused_for = {}
    for r in Recusal.objects.filter(agenda_item__meeting=meeting, decided=True, substitute__isnull=False
                                    ).select_related("membership__person"):
        recused_for[(r.agenda_item_id, r.substitute_id)] = r.membership
    calls = []
    for ab in meeting.absences.filter(substitute__isnull=False, substitute_confirmed_at__isnull=False
                                      ).select_related("membership__person").prefetch_related("items"):
        calls.append((ab.substitute_id, {i.pk for i in ab.items.all()}, ab.membership))
    recused, absent = item_exclusions(meeting)
    present = {item.pk: {a.pk for a in present_for_item(item, attendances, recused=recused.get(item.pk, set()),
                                                         absent=absent.get(item.pk, set()))} for item in items}
    rows = []
    for a in subs:
        groups: dict[int, dict] = {}
        for item in items:
            if a.pk not in present[item.pk]:
                continue
            member = recused_for.get((item.pk, a.membership_id))
            if member is None:
                member = next((m for sub_id, covered, m in calls
                               if sub_id == a.membership_id and (not covered or item.pk in covered)), None)
            member = member or a.substitute_for
            if member is None:
                continue
            groups.setdefault(member.pk, {"member": member, "items": []})["items"].append(item.label)
        whole = len(groups) == 1 and items and len(next(iter(groups.values()))["items"]) == len(items)
        if not items and a.substitute_for is not None:  # a meeting without items: she met for the whole of it
            groups = {a.substitute_for_id: {"member": a.substitute_for, "items": []}}
        for group in groups.values():
            rows.append({"name": a.membership.person.name, "party": party_label(a.membership),
                         "for": group["member"].person.name, "for_id": group["member"].pk,
                         "items": [] if whole else group["items"]})
    return rows


def met_for_lines(rows: list[dict]) -> list[str]:
    """«Randi Olsen (Sp) møtte for Tor Grøtte i PS 8/26 og for Hilde Svendsen i PS 10/26»: one line per
    substitute, from `met_for` rows (the wording is the same in bokmål and nynorsk)."""
    lines: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        part = f"for {row['for']}" + (f" i {', '.join(row['items'])}" if row["items"] else "")
        lines.setdefault((row["name"], row["party"]), []).append(part)
    return [f"{name} ({party}) møtte " + " og ".join(parts) for (name, party), parts in lines.items()]


@dataclass(frozen=True)
class Quorum:
    present: int
    seats: int

    @property
    def required(self) -> int:
        return (self.seats + 1) // 2

    @property
    def ok(self) -> bool:
        # koml. § 11-9: at least half the members present.
        return self.seats > 0 and self.present * 2 >= self.seats

    @property
    def label(self) -> str:
        state = "vedtaksført" if self.ok else "IKKE vedtaksført"
        return f"{self.present} av {self.seats} til stede – {state} (minst {self.required} må være til stede)"


def quorum(meeting: Meeting, item: AgendaItem | None = None, attendances: list[Attendance] | None = None) -> Quorum:
    present = present_for_item(item, attendances) if item is not None else present_at_start(meeting, attendances)
    return Quorum(present=len(present), seats=meeting.organization.seats)


def quorums_at_start(meetings: list[Meeting]) -> dict[int, Quorum]:
    """`quorum(meeting)` for many meetings (meeting pk → Quorum) in one query: who is there from the start
    (arrived before no item, not registered for some items only), against the body's seats."""
    from django.db.models import Count

    present = dict(
        Attendance.objects.filter(meeting__in=[m.pk for m in meetings], arrived_before__isnull=True,
                                  only_items__isnull=True)
        .order_by().values("meeting_id").annotate(n=Count("pk", distinct=True)).values_list("meeting_id", "n"))
    return {m.pk: Quorum(present=present.get(m.pk, 0), seats=m.organization.seats) for m in meetings}


def current_item(meeting: Meeting) -> AgendaItem | None:
    live = meeting.live if has_related(meeting, "live") else None
    return live.current_item if live and live.current_item_id else None
