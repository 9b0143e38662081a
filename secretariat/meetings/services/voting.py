"""Writes for proposals and votes (koml. § 11-9: simple majority of votes cast; on a tie the chair decides,
in elections lots are drawn)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed

from .. import selectors
from ..models import AgendaItem, Ballot, Proposal, Vote, VoteChoice
from .guards import ensure_live, require_fagleder


def proposal_add(*, actor, item: AgendaItem, by: str, text: str, is_recommendation: bool = False) -> Proposal:
    require_fagleder(actor)
    ensure_live(item.meeting)
    if not (by or "").strip():
        raise GuardFailed("Skriv hvem som fremmer forslaget (parti eller medlem).", field="by")
    if not (text or "").strip():
        raise GuardFailed("Forslagsteksten mangler.", field="text")
    with transaction.atomic():
        # Lock the agenda item so proposals added at the same moment take distinct positions.
        AgendaItem.objects.select_for_update().filter(pk=item.pk).first()
        position = (item.proposals.aggregate(p=Max("position"))["p"] or 0) + 1
        proposal = Proposal.objects.create(agenda_item=item, by=by.strip()[:200], text=text.strip(),
                                           is_recommendation=is_recommendation, position=position)
        audit(item.meeting, actor=actor, action=AuditAction.PROPOSAL, action_label=f"Forslag i {item.label}",
              changes={"fra": proposal.by, "tekst": proposal.text[:200]})
    return proposal


def proposal_recommendation(*, actor, item: AgendaItem) -> Proposal:
    """The innstilling the body votes on, as proposal no. 1 (created once)."""
    existing = item.proposals.filter(is_recommendation=True).first()
    if existing:
        return existing
    consultation = item.consultation
    if consultation is None or not consultation.recommendation.strip():
        raise GuardFailed("Saken har ingen innstilling å stemme over.", field="proposal")
    source = consultation.recommendation_source or "kommunedirektøren"
    return proposal_add(actor=actor, item=item, by=f"Innstilling fra {source}", text=consultation.recommendation,
                        is_recommendation=True)


def vote_record(*, actor, item: AgendaItem, proposal: Proposal, ballots: dict | None = None,
                for_count: int | None = None, against_count: int | None = None, blank_count: int = 0,
                secret: bool = False, is_election: bool = False, unanimous: bool = False,
                casting_vote: str = "", lots_winner: str = "") -> Vote:
    """Record a vote. Open votes name each member's vote (per party, named where a party splits); secret
    ballots store only totals. Simple majority of votes cast; on a tie the chair's vote decides, except in
    elections, where lots are drawn (koml. § 11-9)."""
    require_fagleder(actor)
    meeting = item.meeting
    ensure_live(meeting)
    if proposal.agenda_item_id != item.pk:
        raise GuardFailed("Forslaget hører ikke til denne saken.", field="proposal")
    attendances = selectors.present_for_item(item)
    present = {a.membership_id: a for a in attendances}
    q = selectors.Quorum(present=len(present), seats=meeting.organization.seats)
    if not q.ok:
        raise GuardFailed(f"Organet er ikke vedtaksført: {q.label} (koml. § 11-9).", field="quorum")
    ballots = {int(k): v for k, v in (ballots or {}).items() if v}
    if unanimous and not secret:
        ballots = {mid: VoteChoice.FOR for mid in present}
    if secret:
        ballots = {}
        if for_count is None or against_count is None:
            raise GuardFailed("Oppgi antall stemmer for og mot.", field="for_count")
    elif ballots:
        bad = [str(k) for k in ballots if k not in present]
        if bad:
            raise GuardFailed("Stemmer fra noen som ikke er til stede i saken: registrer oppmøtet først.",
                              field="ballots")
        if any(v not in VoteChoice.values for v in ballots.values()):
            raise GuardFailed("En stemme må være «for», «mot» eller «blank».", field="ballots")
        for_count = sum(1 for v in ballots.values() if v == VoteChoice.FOR)
        against_count = sum(1 for v in ballots.values() if v == VoteChoice.AGAINST)
        blank_count = sum(1 for v in ballots.values() if v == VoteChoice.BLANK)
    elif for_count is None or against_count is None:
        raise GuardFailed("Registrer hvordan hvert medlem stemte, eller oppgi antall stemmer for og mot.",
                          field="ballots")
    for_count, against_count, blank_count = int(for_count), int(against_count), int(blank_count or 0)
    if min(for_count, against_count, blank_count) < 0:
        raise GuardFailed("Antall stemmer kan ikke være negativt.", field="for_count")
    total = for_count + against_count + blank_count
    if total > len(present):
        raise GuardFailed(
            f"Det er avgitt {total} stemmer, men bare {len(present)} medlemmer er til stede i {item.label}.",
            field="for_count",
        )
    decided_by = ""
    if for_count != against_count:
        adopted = for_count > against_count
    elif is_election:
        if lots_winner not in (VoteChoice.FOR, VoteChoice.AGAINST):
            raise GuardFailed("Stemmelikhet ved valg avgjøres ved loddtrekning (koml. § 11-9). Oppgi utfallet av "
                              "loddtrekningen.", field="lots_winner")
        adopted, decided_by = lots_winner == VoteChoice.FOR, "loddtrekning"
    else:
        chair = selectors.chair_of(meeting, item)
        chair_vote = ballots.get(chair.pk) if chair else None
        if chair_vote in (VoteChoice.FOR, VoteChoice.AGAINST):
            adopted = chair_vote == VoteChoice.FOR
        elif casting_vote in (VoteChoice.FOR, VoteChoice.AGAINST):
            adopted = casting_vote == VoteChoice.FOR
        else:
            raise GuardFailed("Stemmelikhet: møteleders stemme avgjør (koml. § 11-9). Oppgi hvordan møteleder "
                              "stemte.", field="casting_vote")
        decided_by = "møteleder"
    with transaction.atomic():
        vote = Vote.objects.create(agenda_item=item, proposal=proposal, for_count=for_count,
                                   against_count=against_count, blank_count=blank_count, secret=secret,
                                   is_election=is_election, adopted=adopted, decided_by=decided_by)
        Ballot.objects.bulk_create([Ballot(vote=vote, membership_id=mid, choice=choice)
                                    for mid, choice in ballots.items()])
        audit(meeting, actor=actor, action=AuditAction.VOTE, action_label=f"Avstemning i {item.label}",
              changes={"forslag": proposal.position, "resultat": vote.result_label})
    return vote


def vote_summary(item: AgendaItem) -> tuple[str, bool]:
    votes = list(item.votes.select_related("proposal"))
    if not votes:
        return "", False
    parts = []
    for vote in votes:
        data = selectors._vote_dict(vote, public=False, hide_details=False)
        text = f"Forslag {vote.proposal.position} ({vote.proposal.by}): {vote.result_label}"
        if data["by_party"] and vote.against_count:
            text += " – " + ", ".join(
                f"{p['party']} {p['for_count']} for/{p['against_count']} mot" for p in data["by_party"])
        parts.append(text)
    unanimous = all(v.against_count == 0 for v in votes)
    return "; ".join(parts)[:500], unanimous
