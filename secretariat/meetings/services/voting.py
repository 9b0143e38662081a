"""Writes for proposals and votes: the one home of the vote rules (koml. § 8-1: everyone present votes, blank
only in valg and ansettelser; koml. § 11-9: simple majority of votes cast, on a tie the møteleder's vote decides;
koml. § 7-8: in a valg, lots)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed

from .. import selectors
from ..models import AgendaItem, Ballot, Decision, Meeting, Proposal, Vote, VoteChoice, VoteKind
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


def blank_allowed(kind: str) -> bool:
    """Blank votes are allowed only in valg and ansettelser (koml. § 8-1 andre ledd)."""
    return kind in (VoteKind.ELECTION, VoteKind.APPOINTMENT)


def secret_allowed(kind: str) -> bool:
    """Whether a vote of this kind may be held as a written (skriftlig, and so secret) ballot. The one home of the
    rule: the hand-keyed vote (vote_record) and the live electronic vote (live.services.evote_open) both ask it.

    Saksgang's rule: a secret ballot only in a valg; a sak and an ansettelse are voted openly. What the sources say
    (read for issue 22; nothing below is settled by a verbatim current statute text):

    - Kommuneloven 2018 as published in Lovtidend (LTI 2018-06-22-83) has no rule that lets a member demand a
      written ballot. Its only trace of one is § 7-6 første ledd, forholdsvalg: seats go to the lists «etter hvor
      mange stemmesedler hver liste har fått». § 8-1 andre ledd: «Ved valg og vedtak om ansettelse er det adgang
      til å stemme blankt.» The 1992 act's § 35 nr. 5 («Ved valg og ansettelse kan hvert enkelt medlem kreve
      skriftlig avstemning») was not carried over.
    - § 7-5 fjerde ledd (new from 1 July 2023, Prop. 60 L (2022–2023)) concerns forholdsvalg only. KDD,
      tolkningsuttalelse 11 October 2023: «Kommuneloven § 7-5 fjerde ledd sier at ved forholdsvalg avgjør det
      velgende organet om det skal være skriftlig avstemning eller om det foretas ved å vise stemmetegn. Denne
      bestemmelsen er ny fra 1. juli 2023.»
      https://www.regjeringen.no/no/dokumenter/-11-4-krav-til-moteboken-ved-skriftlig-avstemning-i-forholdsvalg/id3026780/
    - KMD, 11 October 2019 (Larvik), quoting its letter of 27 September 2019 to Ulstein: «Det vil fortsatt være
      adgang til skriftlig avstemning der hvor loven åpner for eller forutsetter skriftlighet. Forholdsvalg etter
      § 7-5 og § 7-6 er et eksempel på avstemming som kan gjøres skriftlig.»
      https://www.regjeringen.no/no/dokumenter/-7-nr-5-og-6-sporsmal-om-forholdsvalg---plikt-til-a-ha-skriftlig-avstemning/id2673902/
      In the Ulstein letter the department held that ordfører and varaordfører (flertallsvalg) may not be elected
      by written ballot (reported by Statsforvalteren, «Ordførar og varaordførar kan ikkje veljast ved skriftleg
      avstemming», https://www.fylkesmannen.no/nn/Nyhende/2019/10/ordforar-og-varaordforar-kan-ikkje-veljast-ved-skriftleg-avstemming/);
      KS-advokatene disagreed (https://www.ks.no/ks-advokatene/nyheter/ordforarar-og-varaordforar-kan-veljast-skriftleg/).
    - Innst. 324 L (2022–2023) sums up Prop. 60 L: the department proposed «at loven uttrykkelig slår fast at
      flertallsvalg skal gjennomføres åpent ved å vise stemmetegn» (leder and nestleder, ansettelse of
      kommunedirektør). Whether that was enacted, and the current words of § 7-8, are not verified here.

    So the department reads the law as allowing a written ballot only in a forholdsvalg, which a vote over one
    proposal (this function's votes) is not; Saksgang still lets any valg be secret. That is an open question
    for the secretariat (see the issue 22 report), not something this function decides on its own.
    """
    return kind == VoteKind.ELECTION


def vote_record(*, actor, item: AgendaItem, proposal: Proposal, ballots: dict | None = None,
                for_count: int | None = None, against_count: int | None = None, blank_count: int = 0,
                secret: bool = False, kind: str = VoteKind.CASE, is_election: bool = False, unanimous: bool = False,
                casting_vote: str = "", lots_winner: str = "", voters: list[int] | None = None) -> Vote:
    """Record a vote over `proposal`. An open vote names each member's vote (`ballots`: membership id → for/mot/
    blank; the protokoll shows it per party, named where a party splits); a vote recorded by totals gives the
    counts, and `casting_vote` says how the møteleder voted (needed only on a tie). A secret ballot (valg only)
    stores only totals; when it is known who voted (an electronic secret ballot: `voters`, membership ids, never
    their choices), they are checked like an open vote's ballots. `is_election=True` is the older spelling of
    `kind="valg"`.

    The rules, checked here and nowhere else:
    - everyone present and entitled in the item votes, exactly once (koml. § 8-1 andre ledd): the ballots
      cover exactly those present_for_item gives (inhabile and those who left do not vote), and totals add up
      to their number;
    - blank votes only in valg and ansettelser (koml. § 8-1 andre ledd);
    - simple majority of the votes cast; a tie is decided by the møteleder's own for/mot vote (koml. § 11-9),
      in a valg by lots (koml. § 7-8), which must then be recorded (`lots_winner`).
    """
    require_fagleder(actor)
    meeting = item.meeting
    ensure_live(meeting)
    if proposal.agenda_item_id != item.pk:
        raise GuardFailed("Forslaget hører ikke til denne saken.", field="proposal")
    kind = VoteKind.ELECTION if is_election else (kind or VoteKind.CASE)
    if kind not in VoteKind.values:
        raise GuardFailed("Velg om avstemningen gjelder en sak, et valg eller en ansettelse.", field="kind")
    blank_ok = blank_allowed(kind)
    attendances = selectors.present_for_item(item)
    present = {a.membership_id: a for a in attendances}
    q = selectors.Quorum(present=len(present), seats=meeting.organization.seats)
    if not q.ok:
        raise GuardFailed(f"Organet er ikke vedtaksført: {q.label} (koml. § 11-9).", field="quorum")
    for name, value in (("casting_vote", casting_vote), ("lots_winner", lots_winner)):
        if value not in ("", VoteChoice.FOR, VoteChoice.AGAINST):
            raise GuardFailed("Oppgi «for» eller «mot».", field=name)
    if secret and not secret_allowed(kind):
        # Saksgang allows a written (secret) ballot only in a valg; a sak or an ansettelse is voted openly, so that
        # each member answers for their vote (sources and what is open: secret_allowed).
        raise GuardFailed("Hemmelig (skriftlig) avstemning kan bare brukes ved valg. Andre avstemninger er åpne.",
                          field="secret")
    ballots = {int(k): v for k, v in (ballots or {}).items() if v}
    if unanimous and not secret:
        ballots = {mid: VoteChoice.FOR for mid in present}
    if secret:
        ballots = {}
    if secret and voters is not None:
        _check_voters(item, present, {int(v) for v in voters})
    if ballots:
        for_count, against_count, blank_count = _check_ballots(item, present, ballots, blank_ok)
    elif for_count is None or against_count is None:
        raise GuardFailed("Registrer hvordan hvert medlem stemte, eller oppgi antall stemmer for og mot.",
                          field="ballots")
    else:
        for_count, against_count, blank_count = _check_totals(item, present, int(for_count), int(against_count),
                                                              int(blank_count or 0), blank_ok)
    adopted, decided_by = for_count > against_count, ""
    if for_count == against_count:
        adopted, decided_by = _break_tie(meeting, item, kind, ballots, for_count, blank_count, casting_vote,
                                         lots_winner)
    with transaction.atomic():
        # The meeting is locked and its state read again: minutes approved at the same moment are waited for, and
        # then refuse the vote (koml. § 11-4: the approved record is final). The item is locked so a decision
        # registered at the same moment is waited for (decisions.py locks it the same way before it reads the votes
        # for its summary).
        ensure_live(Meeting.objects.select_for_update().get(pk=meeting.pk))
        AgendaItem.objects.select_for_update().filter(pk=item.pk).first()
        vote = Vote.objects.create(agenda_item=item, proposal=proposal, for_count=for_count,
                                   against_count=against_count, blank_count=blank_count, secret=secret,
                                   kind=kind, adopted=adopted, decided_by=decided_by)
        Ballot.objects.bulk_create([Ballot(vote=vote, membership_id=mid, choice=choice)
                                    for mid, choice in ballots.items()])
        # A vote keyed in after the vedtak (from the secretary's notes, while the minutes are a draft) completes
        # the record: the decision's vote summary is the votes' own, never a stale copy.
        decision = Decision.objects.select_for_update().filter(agenda_item=item).first()
        summary_changes = {}
        if decision is not None:
            summary, unanimous = vote_summary(item)
            if (summary, unanimous) != (decision.vote_summary, decision.unanimous):
                summary_changes = {"vedtakets avstemningsresultat": summary}
                decision.vote_summary, decision.unanimous = summary, unanimous
                decision.save(update_fields=["vote_summary", "unanimous"])
        audit(meeting, actor=actor, action=AuditAction.VOTE, action_label=f"Avstemning i {item.label}",
              changes={"forslag": proposal.position, "type": vote.get_kind_display(),
                       "resultat": vote.result_label, **summary_changes})
    return vote


def _names(present: dict, ids) -> str:
    return ", ".join(sorted(present[i].membership.person.name for i in ids))


def _check_voters(item: AgendaItem, present: dict, voters) -> None:
    """Everyone present and entitled voted, and nobody else (koml. § 8-1 andre ledd)."""
    strangers = [k for k in voters if k not in present]
    if strangers:
        raise GuardFailed(f"Stemmer fra noen som ikke er til stede i {item.label} (inhabile, borte eller ikke "
                          "registrert): registrer oppmøtet først.", field="ballots")
    missing = [k for k in present if k not in voters]
    if missing:
        raise GuardFailed(f"Alle som er til stede i {item.label}, plikter å stemme (koml. § 8-1 andre ledd). "
                          f"Mangler stemme fra: {_names(present, missing)}.", field="ballots")


def _check_ballots(item: AgendaItem, present: dict, ballots: dict, blank_allowed: bool) -> tuple[int, int, int]:
    """An open vote: one ballot for each member present and entitled, none from anybody else (koml. § 8-1)."""
    if any(v not in VoteChoice.values for v in ballots.values()):
        raise GuardFailed("En stemme må være «for», «mot» eller «blank».", field="ballots")
    _check_voters(item, present, ballots)
    blanks = [k for k, v in ballots.items() if v == VoteChoice.BLANK]
    if blanks and not blank_allowed:
        raise GuardFailed("Blank stemme er bare tillatt ved valg og ansettelser (koml. § 8-1 andre ledd). "
                          f"Blank fra: {_names(present, blanks)}.", field="ballots")
    choices = list(ballots.values())
    return choices.count(VoteChoice.FOR), choices.count(VoteChoice.AGAINST), choices.count(VoteChoice.BLANK)


def _check_totals(item: AgendaItem, present: dict, for_count: int, against_count: int, blank_count: int,
                  blank_allowed: bool) -> tuple[int, int, int]:
    """A vote by totals: the counts add up to those present and entitled (koml. § 8-1)."""
    if min(for_count, against_count, blank_count) < 0:
        raise GuardFailed("Antall stemmer kan ikke være negativt.", field="for_count")
    if blank_count and not blank_allowed:
        raise GuardFailed("Blank stemme er bare tillatt ved valg og ansettelser (koml. § 8-1 andre ledd).",
                          field="blank_count")
    total, n = for_count + against_count + blank_count, len(present)
    if total > n:
        raise GuardFailed(f"Det er avgitt {total} stemmer, men bare {n} medlemmer er til stede i {item.label}.",
                          field="for_count")
    if total < n:
        raise GuardFailed(f"Det er avgitt {total} stemmer, men {n} medlemmer er til stede i {item.label}, og alle "
                          "plikter å stemme (koml. § 8-1 andre ledd).", field="for_count")
    return for_count, against_count, blank_count


def _break_tie(meeting, item: AgendaItem, kind: str, ballots: dict, votes_each: int, blank_count: int,
               casting_vote: str, lots_winner: str) -> tuple[bool, str]:
    """(adopted, decided_by) on a tie: lots in a valg (koml. § 7-8), else the møteleder's own vote (koml. § 11-9),
    which counts only when the møteleder voted for or against."""
    if kind == VoteKind.ELECTION:
        if not lots_winner:
            raise GuardFailed("Stemmelikhet ved valg avgjøres ved loddtrekning (koml. § 7-8). Oppgi utfallet av "
                              "loddtrekningen.", field="lots_winner")
        return lots_winner == VoteChoice.FOR, "loddtrekning"
    chair = selectors.chair_of(meeting, item)
    if chair is None:
        raise GuardFailed(f"Stemmelikhet, og ingen leder {item.label}: leder og nestleder er inhabile eller har "
                          "forfall. Registrer setteleder først (koml. § 11-2).", field="casting_vote")
    if ballots:
        chair_vote = ballots.get(chair.pk)  # present: the ballots are complete
        if casting_vote and casting_vote != chair_vote:
            raise GuardFailed(f"Møteleder {chair.person} stemte «{chair_vote}». Ved stemmelikhet avgjør møteleders "
                              "egen stemme (koml. § 11-9).", field="casting_vote")
    else:
        if not casting_vote:
            raise GuardFailed(f"Stemmelikhet: møteleders stemme avgjør (koml. § 11-9). Oppgi hvordan møteleder "
                              f"{chair.person} stemte.", field="casting_vote")
        if votes_each == 0:
            raise GuardFailed(f"Ingen stemte for eller mot, så møteleder {chair.person} kan ikke ha stemt "
                              f"«{casting_vote}».", field="casting_vote")
        chair_vote = casting_vote
    if chair_vote not in (VoteChoice.FOR, VoteChoice.AGAINST):
        raise GuardFailed(f"Stemmelikhet, og møteleder {chair.person} stemte blankt: møteleders stemme kan ikke "
                          "avgjøre (koml. § 11-9). Ta en ny avstemning.", field="casting_vote")
    return chair_vote == VoteChoice.FOR, "møteleder"


def vote_summary(item: AgendaItem) -> tuple[str, bool]:
    votes = list(item.votes.select_related("proposal"))
    if not votes:
        return "", False
    parts = []
    for vote in votes:
        data = selectors.vote_dict(vote, public=False, hide_details=False)
        text = f"Forslag {vote.proposal.position} ({vote.proposal.by}): {vote.result_label}"
        if data["by_party"] and vote.against_count:
            text += " – " + ", ".join(
                f"{p['party']} {p['for_count']} for/{p['against_count']} mot" for p in data["by_party"])
        parts.append(text)
    unanimous = all(v.against_count == 0 for v in votes)
    return "; ".join(parts)[:500], unanimous
