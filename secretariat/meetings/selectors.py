"""Reads for meetings: who takes part, the live quorum, the substitute order, and the plain data that the
notice (innkalling), the minutes (protokoll) and the public portal are built from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone

from secretariat import access
from secretariat.cases.models import Consultation
from secretariat.organizations.models import Membership, MembershipRole

from .models import (
    Absence,
    AgendaItem,
    Attendance,
    Ballot,
    Decision,
    ItemOutcome,
    Meeting,
    Proposal,
    ProtocolRemark,
    Recusal,
    Vote,
)

# --- people ---------------------------------------------------------------------------------------


def meeting_day(meeting: Meeting) -> dt.date:
    return timezone.localtime(meeting.start).date()


def memberships_for(meeting: Meeting) -> QuerySet[Membership]:
    """Every membership (members and substitutes) of the meeting's body on the meeting day."""
    return (
        Membership.objects.filter(organization_id=meeting.organization_id)
        .active_on(meeting_day(meeting))
        .select_related("person", "person__party", "electoral_list")
    )


def members_of(meeting: Meeting) -> list[Membership]:
    return list(memberships_for(meeting).regular().order_by("electoral_list__name", "person__family_name"))


def party_label(membership: Membership) -> str:
    """The group a member votes with: the party they belong to now, else the list they were elected from."""
    party = membership.person.party or membership.electoral_list
    return party.abbreviation if party else "Uavh."


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
    attendances = _attendances(meeting) if attendances is None else attendances
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
    attendances = _attendances(meeting) if attendances is None else attendances
    acting = _acting_chairs(meeting)
    leader, deputy = leader_and_deputy(meeting)
    recused, absent = _item_exclusions(meeting)
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
    from .models import ChairHow

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


# --- presence and quorum --------------------------------------------------------------------------


def _attendances(meeting: Meeting) -> list[Attendance]:
    return list(
        meeting.attendances.select_related(
            "membership__person__party", "membership__electoral_list", "substitute_for__person",
            "arrived_before", "left_before",
        ).prefetch_related("only_items")
    )


def signer_candidates(meeting: Meeting) -> QuerySet[Membership]:
    """Who may sign the minutes: those who took part in the meeting, members and called-in substitutes alike
    (koml. § 11-4 and the reglement: the protokoll is signed by members who were present)."""
    return (Membership.objects.filter(attendances__meeting=meeting).select_related("person")
            .order_by("person__family_name", "person__given_name").distinct())


def present_for_item(item: AgendaItem, attendances: list[Attendance] | None = None, *,
                     recused: set[int] | None = None, absent: set[int] | None = None) -> list[Attendance]:
    """Who takes part in treating `item`: arrived before it, not left, not recused, not absent for it.
    `recused` and `absent` (membership ids for this item, from `_item_exclusions`) save two queries per item."""
    attendances = _attendances(item.meeting) if attendances is None else attendances
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


def present_at_start(meeting: Meeting, attendances: list[Attendance] | None = None) -> list[Attendance]:
    attendances = _attendances(meeting) if attendances is None else attendances
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
    attendances = _attendances(meeting) if attendances is None else attendances
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
    recused, absent = _item_exclusions(meeting)
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
    live = meeting.live if _has(meeting, "live") else None
    return live.current_item if live and live.current_item_id else None


# --- plain data for documents and the public portal -----------------------------------------------


def _dt(value):
    return timezone.localtime(value) if value else None


def _meeting_dict(meeting: Meeting) -> dict:
    return {
        "id": meeting.pk,
        "organization": meeting.organization.name,
        "organization_slug": meeting.organization.slug,
        "title": meeting.title or f"Møte i {meeting.organization.name}",
        "start": _dt(meeting.start),
        "end": _dt(meeting.end),
        "location": meeting.location,
        "is_remote": meeting.is_remote,
        "remote_link": meeting.remote_link,
        "video_url": meeting.video_url,
        "state": meeting.state,
        "state_label": meeting.get_state_display(),
        "notice_sent_at": _dt(meeting.notice_sent_at),
        "notice_override_reason": meeting.notice_override_reason,
        "cancelled_reason": meeting.cancelled_reason,
    }


def _item_outcome(item: AgendaItem, to: str = "") -> tuple[str, str]:
    outcome = getattr(item, "outcome", None) if _has(item, "outcome") else None
    decision = item.decision if _has(item, "decision") else None
    if decision is not None and not decision.is_final:  # DOMAIN.md § 3: an innstilling is not «Vedtatt»
        return ItemOutcome.DECIDED.value, innstilling_label(to)
    if outcome is not None:
        return outcome.outcome, outcome.get_outcome_display()
    if decision is not None:
        return ItemOutcome.DECIDED.value, ItemOutcome.DECIDED.label
    return "", ""


def lower_first(name: str) -> str:
    return name[:1].lower() + name[1:] if name else name


def recommended_to(decision: Decision) -> str:
    """The body an innstilling goes to: the item's recorded next body, else the case's next consultation."""
    return recommended_to_many([decision]).get(decision.pk, "")


def recommended_to_many(decisions: list[Decision]) -> dict[int, str]:
    """`recommended_to` for many decisions (decision pk → body name), in at most two queries."""
    result, pending = {}, []
    for decision in decisions:
        item = decision.agenda_item
        outcome = getattr(item, "outcome", None) if item is not None and _has(item, "outcome") else None
        if outcome is not None and outcome.forwarded_to_id:
            result[decision.pk] = outcome.forwarded_to.name
        else:
            pending.append(decision)
    if pending:
        prefetch_related_objects(pending, "consultation")
        following: dict[int, list[Consultation]] = {}
        for c in (Consultation.objects.filter(case_id__in={d.consultation.case_id for d in pending})
                  .select_related("organization").order_by("case_id", "sequence")):
            following.setdefault(c.case_id, []).append(c)
        for decision in pending:
            nxt = next((c for c in following.get(decision.consultation.case_id, [])
                        if c.sequence > decision.consultation.sequence), None)
            result[decision.pk] = nxt.organization.name if nxt else ""
    return result


def innstilling_label(to: str) -> str:
    """«Innstilling til kommunestyret» (bokmål; documents use `document_templates.labels`)."""
    return f"Innstilling til {lower_first(to)}" if to else "Innstilling"


def _has(obj, name: str) -> bool:
    try:
        return getattr(obj, name) is not None
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist
        return False


def _vote_dict(vote, *, public: bool, hide_details: bool) -> dict:
    data = {
        "proposal": vote.proposal.position,
        "proposal_by": vote.proposal.by,
        "for_count": vote.for_count,
        "against_count": vote.against_count,
        "blank_count": vote.blank_count,
        "secret": vote.secret,
        "is_election": vote.is_election,
        "kind": vote.kind,
        "kind_label": vote.get_kind_display(),
        "adopted": vote.adopted,
        "decided_by": vote.decided_by,
        "result_label": vote.result_label,
        "result_label_nn": vote.result_text("nn"),
        "by_party": [],
        "named": [],
    }
    if vote.secret or hide_details:
        return data
    parties: dict[str, dict] = {}
    members: dict[str, list] = {}
    for ballot in vote.ballots.all():  # loaded by _load_items
        party = party_label(ballot.membership)
        row = parties.setdefault(party, {"party": party, "for_count": 0, "against_count": 0, "blank_count": 0})
        row[{"for": "for_count", "mot": "against_count", "blank": "blank_count"}[ballot.choice]] += 1
        members.setdefault(party, []).append((ballot.membership.person.name, ballot.get_choice_display()))
    data["by_party"] = sorted(parties.values(), key=lambda r: r["party"])
    for party, votes in sorted(members.items()):
        if len({choice for _, choice in votes}) > 1:  # the party split: name each member (koml. § 11-4)
            data["named"] += [{"name": name, "party": party, "vote": choice} for name, choice in sorted(votes)]
    return data


@dataclass(frozen=True)
class ItemExtra:
    """More about each item from an app built on the meeting (issue 16: who had the floor, when the body's reglement
    asks for it), registered in ITEM_EXTRAS from the app's AppConfig.ready(). `load` reads it for a whole batch of
    items in a fixed number of queries (item pk → data, merged into the item's data); a viewer who may not see an
    item's content gets `hidden` instead."""

    hidden: dict
    load: Callable[[list[AgendaItem]], dict[int, dict]]


ITEM_EXTRAS: list[ItemExtra] = []


@dataclass(frozen=True)
class _ItemFacts:
    """What `_item_dict` reads beyond the items' own relations, found once for a batch of items."""

    recommended_to: dict[int, str]  # innstilling decision pk → the next body
    extras: list[tuple[dict, dict[int, dict]]]  # per ItemExtra: (its hidden data, item pk → data)


def _load_items(items: list[AgendaItem]) -> _ItemFacts:
    """Load everything `_item_dict` reads for `items` in a fixed number of queries, however many items there
    are (relations already loaded, e.g. by select_related, are not read again)."""
    prefetch_related_objects(
        items, "meeting__organization", "consultation__case__paper", "decision", "outcome__forwarded_to",
        Prefetch("proposals", queryset=Proposal.objects.order_by("agenda_item_id", "position")),
        Prefetch("remarks", queryset=ProtocolRemark.objects.order_by("pk")),
        Prefetch("votes", queryset=Vote.objects.select_related("proposal").order_by("agenda_item_id", "pk")
                 .prefetch_related(Prefetch("ballots", queryset=Ballot.objects.select_related(
                     "membership__person__party", "membership__electoral_list")))),
        Prefetch("recusals", queryset=Recusal.objects.select_related(
            "membership__person__party", "membership__electoral_list", "substitute__person"
        ).order_by("agenda_item_id", "pk")),
    )
    # Publicly, a case treated behind closed doors anywhere shows no content (access reads this per item).
    unknown = [i for i in items if i.consultation_id and not hasattr(i, "case_has_closed_item")]
    if unknown:
        known = dict(access.annotate_case_has_closed_item(AgendaItem.objects.filter(pk__in=[i.pk for i in unknown]))
                     .order_by().values_list("pk", "case_has_closed_item"))
        for i in unknown:
            i.case_has_closed_item = known.get(i.pk)
    decisions = [i.decision for i in items if _has(i, "decision") and not i.decision.is_final]
    return _ItemFacts(recommended_to=recommended_to_many(decisions),
                      extras=[(extra.hidden, extra.load(items)) for extra in ITEM_EXTRAS])


def items_data(items: list[AgendaItem], *, public: bool, user=None) -> list[dict]:
    """`_item_dict` for a list of items (a page of the API, a meeting's saksliste): one set of queries for the
    whole list, not one per item."""
    items = list(items)
    facts = _load_items(items)
    return [_item_dict(item, public=public, user=user, facts=facts) for item in items]


def _item_dict(item: AgendaItem, *, public: bool, user=None, facts: _ItemFacts | None = None) -> dict:
    """One item as `access` lets the viewer see it: `public=True` for public surfaces, else `user` (None for
    the complete internal version). `facts` from `_load_items` when building a list (see `items_data`)."""
    from secretariat.followups.legality import legality_review_deadline

    if facts is None:
        facts = _load_items([item])
    viewer = access.audience(public=public, user=user)
    consultation = item.consultation
    case = consultation.case if consultation else None
    exempt_marking = access.exempt_marking_for(item)
    if public:  # the public version (documents, e-mail): what the public sees once it is published
        hide = not access.public_version_shows_item_content(item)
    else:
        hide = not access.can_view_agenda_item_content(viewer, item)
    public = not access.sees_everything(viewer)  # recusal grounds: for the secretariat only
    # koml. § 11-4: remarks and proposals are not public before the minutes are approved.
    draft_hidden = hide or not access.can_view_minutes(viewer, item.meeting)
    paper = getattr(case, "paper", None) if case else None
    title = access.agenda_item_title_for(viewer, item)
    decision = item.decision if _has(item, "decision") else None
    to = facts.recommended_to.get(decision.pk, "") if decision is not None and not decision.is_final else ""
    outcome, outcome_label = _item_outcome(item, to)
    data = {
        "id": item.pk,
        "label": item.label,
        "kind": item.kind,
        "number": item.number,
        "position": item.position,
        "title": title,
        "arkivsaksnummer": case.arkivsaksnummer if case else "",
        "case_id": case.pk if case else None,
        "is_supplementary": item.is_supplementary,
        "closed": item.closed,
        "closed_basis": item.closed_basis,
        "closed_basis_label": item.get_closed_basis_display() if access.is_closed(item) else "",
        # koml. § 11-5 (2): the case's exemption makes closing mandatory (the item cannot be opened).
        "closed_required": bool(case is not None and case.required_closed_basis),
        "exempt": bool(exempt_marking),
        "exempt_marking": exempt_marking,
        "content_shown": not hide,
        "summary": "" if hide or not paper or not access.can_view_section(viewer, case, "summary") else paper.summary,
        "recommendation": "" if hide else access.recommendation_for(viewer, case, consultation),
        "recommendation_source": consultation.recommendation_source if consultation else "",
        "proposals": [],
        "votes": [],
        "decision_text": "",
        "vote_summary": "",
        "unanimous": False,
        "outcome": outcome,
        "outcome_label": outcome_label,
        "recusals": [],
        "remarks": [],
        # koml. § 11-5: no public video moment for a closed item; the secretariat sees what is recorded.
        "video_offset_seconds": access.video_offset_for(viewer, item),
        "decided_at": _dt(decision.decided_at) if decision else None,
        # Issue 13: «vedtak» (final) or «innstilling» to the next body; only a vedtak has the § 27-1 clock.
        "decision_kind": decision.kind if decision else "",
        "recommended_to": to,
        "decision_heading": "" if not decision else "Vedtak" if decision.is_final else innstilling_label(to),
        "outcome_comment": "",
        "legality_review_deadline": legality_review_deadline(decision) if decision else None,
    }
    if not draft_hidden:
        data["proposals"] = [{"position": p.position, "by": p.by, "text": p.text,
                              "is_recommendation": p.is_recommendation} for p in item.proposals.all()]
        data["remarks"] = [{"by": r.by, "text": r.text} for r in item.remarks.all()]
    outcome_row = getattr(item, "outcome", None) if _has(item, "outcome") else None
    if not hide and outcome_row is not None and outcome_row.outcome != ItemOutcome.DECIDED:
        data["outcome_comment"] = outcome_row.comment  # why it was postponed, sent back or withdrawn
    if not hide and decision:
        data["decision_text"] = decision.text
        data["vote_summary"] = decision.vote_summary
        data["unanimous"] = decision.unanimous
    data["votes"] = [_vote_dict(v, public=public, hide_details=hide) for v in item.votes.all()]
    if not hide:
        data["recusals"] = [
            {"name": r.membership.person.name, "party": party_label(r.membership), "decided": r.decided,
             "grounds": "" if public else r.grounds,
             "substitute": r.substitute.person.name if r.substitute else ""}
            for r in item.recusals.all()
        ]
    for hidden_data, loaded in facts.extras:
        data.update(hidden_data if hide else loaded.get(item.pk, hidden_data))
    return data


def agenda_item_data(item: AgendaItem, *, user) -> dict | None:
    """One item as minutes_data gives it to a logged-in `user`, or None when the user may not see it (issue 16: the
    live pages render the item under treatment on every change, without building the whole meeting)."""
    viewer = access.audience(public=False, user=user)
    if viewer is None:
        return None
    items = AgendaItem.objects.filter(pk=item.pk).select_related(
        "consultation__case__paper", "consultation__organization", "meeting")
    found = access.agenda_items_visible_to(viewer, items).first()
    if found is None:
        return None
    found.meeting = item.meeting
    return _item_dict(found, public=False, user=user)


def _items(meeting: Meeting, *, public: bool, user=None) -> list[dict]:
    viewer = access.audience(public=public, user=user)
    items = meeting.agenda_items.select_related("consultation__case__paper", "consultation__organization",
                                                "decision", "outcome__forwarded_to")
    if public:
        items = access.agenda_items_in_public_version(meeting, items)
    else:
        items = access.agenda_items_visible_to(viewer, items)
    items = list(items.order_by("position"))
    for item in items:
        item.meeting = meeting  # the caller's instance: it may carry minutes being approved right now
    return items_data(items, public=public, user=user)


def notice_data(meeting: Meeting, *, public: bool, user=None) -> dict:
    """Plain data (str/int/bool/date/datetime/None/list/dict) for the møteinnkalling with sakskart.

    Keys (stable):
      meeting: {id, organization, organization_slug, title, start, end, location, is_remote, remote_link,
                video_url, state, state_label, notice_sent_at, notice_override_reason, cancelled_reason}
      items: [{id, label ("PS 12/26"), kind, number, position, title (public-safe when public=True),
               arkivsaksnummer, case_id, is_supplementary, closed, closed_basis, closed_basis_label, exempt,
               exempt_marking, summary (kort fortalt; "" for closed/exempt when public), recommendation,
               recommendation_source, proposals, votes, decision_text, vote_summary, unanimous, outcome,
               outcome_label, recusals: [{name, party, decided, grounds, substitute}], remarks: [{by, text}],
               video_offset_seconds (None publicly for a closed item), decided_at, decision_kind ("vedtak" |
               "innstilling" | ""), decision_heading («Vedtak» / «Innstilling til kommunestyret»), recommended_to (the
               next body's name, for an innstilling), outcome_comment (utsatt/sendt tilbake/trukket: the reason; ""
               when the content is hidden), legality_review_deadline (None for an innstilling), closed_required
               (koml. § 11-5 (2): closing is mandatory)}]
      members: [{name, party, role, email ("" when public)}]  – who is called
      substitutes_called: [{name, party, substitute_for, items: [labels]}]
      questions: [{id, kind, kind_label, label ("Interpellasjon 1"), by, title, text, answer, exempt,
                   exempt_marking, content_shown, submitted_at, late_reason}] – see `questions_data`
      chair: name of the møteleder at the start ("" if none); chair_role: "leder" | "nestleder" | "setteleder" | ""
    With public=True, closed items and exempt cases keep only label, public title, closed basis / exemption
    marking and the result; no summary, text, proposals or vote details; items whose own notice has not
    gone out are left out. With public=False and a `user`, `secretariat.access` decides per item for that
    user; with public=False and no user, the data is complete (the internal document).
    """
    expected = expected_participants(meeting)
    chair = chair_for(meeting)
    viewer = access.audience(public=public, user=user)
    internal = access.sees_everything(viewer)
    return {
        "meeting": _meeting_dict(meeting),
        "items": _items(meeting, public=public, user=user),
        "members": [
            {"name": r["membership"].person.name, "party": party_label(r["membership"]),
             "role": r["membership"].get_role_display(), "email": r["membership"].person.email if internal else ""}
            for r in expected if r["substitute_for"] is None
        ],
        "substitutes_called": [
            {"name": r["membership"].person.name, "party": party_label(r["membership"]),
             "substitute_for": r["substitute_for"].person.name, "items": [i.label for i in r["items"]]}
            for r in expected if r["substitute_for"] is not None
        ],
        "questions": questions_data(meeting, public=public, user=user),
        "chair": chair.membership.person.name if chair.membership else "",
        "chair_role": chair.role,
    }


def questions_data(meeting: Meeting, *, public: bool, user=None) -> list[dict]:
    """Spørsmål og interpellasjoner, listed after the saksliste and numbered per kind in the meeting
    («Interpellasjon 1», «Spørsmål 2»), as `secretariat.access` lets the viewer see them: with public=True what
    the public sees (once the notice is out; an exempt one by kind, asker and marking only), else for `user`
    (None: complete)."""
    viewer = access.audience(public=public, user=user)
    rows, numbers = [], {}
    for q in meeting.questions.select_related("asked_by").order_by("kind", "pk"):
        numbers[q.kind] = numbers.get(q.kind, 0) + 1
        if not access.can_view_question(viewer, q, meeting):
            continue
        shown = access.can_view_question_content(viewer, q, meeting)
        rows.append({
            "id": q.pk, "kind": q.kind, "kind_label": q.get_kind_display(),
            "label": f"{q.get_kind_display()} {numbers[q.kind]}", "by": q.asked_by.name,
            "title": q.title if shown else "", "text": q.text if shown else "", "answer": q.answer if shown else "",
            "exempt": access.question_is_exempt(q), "exempt_marking": access.question_exempt_marking(q),
            "content_shown": shown, "submitted_at": _dt(q.created_at),
            "late_reason": q.late_reason if access.sees_everything(viewer) else "",
        })
    return rows


def minutes_data(meeting: Meeting, *, public: bool, user=None) -> dict:
    """Plain data for the protokoll/møtebok (koml. § 11-4): everything in notice_data, plus

      attendance: {present: [{name, party, role, substitute_for, arrived_before, left_before, only_items}],
                   absent: [{name, party, reason ("" when public), items: [labels], substitute (who met for
                             them, from met_for)}],
                   met_for: [{name, party, for, for_id, items: [labels] (empty = the whole meeting)}]  – «Møtte for»,
                            per item, from absences, recusal substitutes and attendances (see `met_for`),
                   met_for_lines: [str]  – the same as protokoll lines, one per substitute}
      quorum: {present, seats, ok}
      items[]: also chair (who led the item: name, "" when the item's content is not shown) and chair_role
      remarks: [{item (label or ""), by, text}]  – protokolltilførsler
      minutes: {approved, approved_at, approved_by_label, signers: [names]}
    Once the minutes are approved, the frozen snapshot taken at approval is returned (never rebuilt): the
    internal one for `user=None` (complete) or a user who sees everything, else the public one.
    """
    viewer = access.audience(public=public, user=user)
    minutes = getattr(meeting, "minutes", None) if _has(meeting, "minutes") else None
    if minutes is not None and minutes.approved and minutes.snapshot:
        snap = minutes.snapshot.get("internal" if access.sees_everything(viewer) else "public")
        if snap and viewer is not None and not access.sees_everything(viewer) and minutes.snapshot.get("internal"):
            return _older_met_for(_frozen_for(meeting, viewer, _revive(snap), _revive(minutes.snapshot["internal"])))
        if snap:
            return _older_met_for(_revive(snap))
    return build_minutes_data(meeting, public=public, user=user)


def _older_met_for(data: dict) -> dict:
    """Minutes frozen before «Møtte for» was recorded per item: the lines are read from what they stored (the
    attendance's «for»), never rebuilt from today's data."""
    att = data.get("attendance")
    if att is not None and "met_for" not in att:
        att["met_for"] = [{"name": p["name"], "party": p["party"], "for": p["substitute_for"], "for_id": None,
                           "items": p.get("only_items", [])} for p in att.get("present", []) if p.get("substitute_for")]
        att["met_for_lines"] = met_for_lines(att["met_for"])
    return data


def _frozen_for(meeting: Meeting, viewer, public: dict, internal: dict) -> dict:
    """Approved minutes for one user: the public copy, with the frozen internal version of each item the user
    may read in full (e.g. a closed item for the members of the body). Recusal grounds stay with the
    secretariat."""
    objects = meeting.agenda_items.select_related("consultation__case", "meeting")
    allowed = {i.pk for i in objects if access.can_view_agenda_item_content(viewer, i)}
    full = {i["id"]: i for i in internal["items"]}
    items = []
    for row in public["items"]:
        if row["id"] in allowed and row["id"] in full:
            row = {**full[row["id"]], "recusals": [{**r, "grounds": ""} for r in full[row["id"]]["recusals"]]}
        items.append(row)
    labels = {i["label"] for i in items if i["id"] in allowed}
    public["items"] = items
    public["remarks"] = [r for r in internal["remarks"] if not r["item"] or r["item"] in labels]
    return public


def build_minutes_data(meeting: Meeting, *, public: bool, user=None) -> dict:
    data = notice_data(meeting, public=public, user=user)
    viewer = access.audience(public=public, user=user)
    public = not access.sees_everything(viewer)  # absence reasons: for the secretariat only
    present = []
    attendances = _attendances(meeting)
    met = met_for(meeting, attendances)
    for a in attendances:
        present.append({
            "name": a.membership.person.name, "party": party_label(a.membership),
            "role": a.membership.get_role_display(),
            "substitute_for": a.substitute_for.person.name if a.substitute_for else "",
            "arrived_before": a.arrived_before.label if a.arrived_before else "",
            "left_before": a.left_before.label if a.left_before else "",
            "only_items": [i.label for i in a.only_items.all()],
        })
    absent = []
    for ab in meeting.absences.select_related("membership__person__party", "membership__electoral_list",
                                              "substitute__person").prefetch_related("items"):
        absent.append({
            "name": ab.membership.person.name, "party": party_label(ab.membership),
            "reason": "" if public else ab.reason, "items": [i.label for i in ab.items.all()],
            # who actually met for this member, from the one record (not whoever was once called)
            "substitute": ", ".join(dict.fromkeys(r["name"] for r in met if r["for_id"] == ab.membership_id)),
        })
    chairs = chairs_for_items(meeting, list(meeting.agenda_items.all()), attendances)
    for row in data["items"]:
        # Who led each item (koml. § 11-2); for an item the viewer may not read in full, nothing (it would tell
        # of a recusal).
        chair = chairs[row["id"]] if row["content_shown"] else Chair(None)
        row["chair"] = chair.membership.person.name if chair.membership else ""
        row["chair_role"] = chair.role
    q = quorum(meeting, attendances=attendances)
    minutes = meeting.minutes if _has(meeting, "minutes") else None
    data["attendance"] = {"present": present, "absent": absent, "met_for": met, "met_for_lines": met_for_lines(met)}
    data["quorum"] = {"present": q.present, "seats": q.seats, "ok": q.ok}
    labels = {i["id"]: i["label"] for i in data["items"]}
    shown = {i["id"] for i in data["items"] if i["content_shown"]}
    draft_ok = access.can_view_minutes(viewer, meeting)
    data["remarks"] = [
        {"item": labels.get(r.agenda_item_id, ""), "by": r.by, "text": r.text}
        for r in meeting.remarks.all() if draft_ok and (r.agenda_item_id is None or r.agenda_item_id in shown)
    ]
    data["minutes"] = {
        "approved": bool(minutes and minutes.approved),
        "approved_at": _dt(minutes.approved_at) if minutes else None,
        "approved_by_label": minutes.approval_label if minutes else "",
        "signers": [p.name for p in minutes.signers.all()] if minutes else [],
    }
    return data


# JSON snapshots: datetimes and dates are stored as tagged strings and revived on read.

def freeze(value):
    if isinstance(value, dt.datetime):
        return {"__dt__": value.isoformat()}
    if isinstance(value, dt.date):
        return {"__d__": value.isoformat()}
    if isinstance(value, dict):
        return {k: freeze(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [freeze(v) for v in value]
    return value


def _revive(value):
    if isinstance(value, dict):
        if set(value) == {"__dt__"}:
            return timezone.localtime(dt.datetime.fromisoformat(value["__dt__"]))
        if set(value) == {"__d__"}:
            return dt.date.fromisoformat(value["__d__"])
        return {k: _revive(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_revive(v) for v in value]
    return value


# --- lists ----------------------------------------------------------------------------------------


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

