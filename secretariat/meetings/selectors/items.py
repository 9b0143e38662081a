"""Plain data for agenda items (the sakskart and protokoll rows, the API, the live pages): the batch loader
`items_data` with its extension point `ItemExtra`/`ITEM_EXTRAS`, votes, outcomes and where an innstilling goes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects

from secretariat import access
from secretariat.cases.models import Consultation

from ..models import AgendaItem, Ballot, Decision, ItemOutcome, Proposal, ProtocolRemark, Recusal, Vote
from ._common import has_related, local_dt
from .people import party_label


def _item_outcome(item: AgendaItem, to: str = "") -> tuple[str, str]:
    outcome = getattr(item, "outcome", None) if has_related(item, "outcome") else None
    decision = item.decision if has_related(item, "decision") else None
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
        outcome = getattr(item, "outcome", None) if item is not None and has_related(item, "outcome") else None
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

def vote_dict(vote, *, public: bool, hide_details: bool) -> dict:
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
    """What `item_dict` reads beyond the items' own relations, found once for a batch of items."""

    recommended_to: dict[int, str]  # innstilling decision pk → the next body
    extras: list[tuple[dict, dict[int, dict]]]  # per ItemExtra: (its hidden data, item pk → data)


def _load_items(items: list[AgendaItem]) -> _ItemFacts:
    """Load everything `item_dict` reads for `items` in a fixed number of queries, however many items there
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
    decisions = [i.decision for i in items if has_related(i, "decision") and not i.decision.is_final]
    return _ItemFacts(recommended_to=recommended_to_many(decisions),
                      extras=[(extra.hidden, extra.load(items)) for extra in ITEM_EXTRAS])


def items_data(items: list[AgendaItem], *, public: bool, user=None) -> list[dict]:
    """`item_dict` for a list of items (a page of the API, a meeting's saksliste): one set of queries for the
    whole list, not one per item."""
    items = list(items)
    facts = _load_items(items)
    return [item_dict(item, public=public, user=user, facts=facts) for item in items]


def item_dict(item: AgendaItem, *, public: bool, user=None, facts: _ItemFacts | None = None) -> dict:
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
    decision = item.decision if has_related(item, "decision") else None
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
        "decided_at": local_dt(decision.decided_at) if decision else None,
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
    outcome_row = getattr(item, "outcome", None) if has_related(item, "outcome") else None
    if not hide and outcome_row is not None and outcome_row.outcome != ItemOutcome.DECIDED:
        data["outcome_comment"] = outcome_row.comment  # why it was postponed, sent back or withdrawn
    if not hide and decision:
        data["decision_text"] = decision.text
        data["vote_summary"] = decision.vote_summary
        data["unanimous"] = decision.unanimous
    data["votes"] = [vote_dict(v, public=public, hide_details=hide) for v in item.votes.all()]
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
    return item_dict(found, public=False, user=user)
