"""Writes for the live meeting (issue 16): the speaker list and electronic votes. Every function checks first,
changes things in one transaction with an audit row and a new version of the meeting's live state, and tells the
live pages after commit (secretariat.live.broadcast).

The vote rules themselves are the meeting's (secretariat.meetings.services: who is present and entitled, blank
only in valg and ansettelser, secret only in valg, majority and ties): a closed electronic vote is written by
`vote_record`, exactly as a vote the secretary keys in.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Case, F, Max, Value, When
from django.utils import timezone

from secretariat import access
from secretariat.meetings import selectors as meeting_selectors
from secretariat.meetings import services as meeting_services
from secretariat.meetings.models import AgendaItem, Meeting, MeetingLive, Proposal, VoteChoice, VoteKind
from secretariat.meetings.services.guards import ensure_live as _ensure_live
from secretariat.organizations.models import Membership
from workflows.actions import AuditAction
from workflows.engine import Outcome, audit, run_transition
from workflows.errors import GuardFailed, TransitionForbidden
from workflows.evote import EVOTE_WORKFLOW

from .broadcast import announce_after_commit
from .models import (
    BallotSource,
    ElectronicBallot,
    ElectronicVote,
    EVoteState,
    LiveSettings,
    LiveVersion,
    SecretTally,
    SecretVoter,
    Speech,
    SpeechKind,
    SpeechState,
)

SPEAKING_TIME_MAX = 3600  # an hour: anything longer is a typing error
# In session: the notice is out and the meeting is not yet marked held (the meeting workflow's «live» states that
# are still «before_meeting»). Members ask for the floor and vote only then; once the meeting is held, the speaker
# list and the votes are the record: a vote still open can be closed or cancelled, nothing else changes.
IN_SESSION = meeting_services.LIVE_STATES & meeting_services.BEFORE_MEETING


def ensure_in_session(meeting: Meeting) -> None:
    _ensure_live(meeting)
    if meeting.state not in IN_SESSION:
        raise GuardFailed(f"Møtet har status «{meeting.get_state_display()}». Talerlisten og den elektroniske "
                          "avstemningen er stengt når møtet er gjennomført.", field="meeting")


def bump(meeting: Meeting, announce: str = "") -> int:
    """A new version of the meeting's live state; the live pages are told after commit."""
    version, _ = LiveVersion.objects.select_for_update().get_or_create(meeting=meeting)
    LiveVersion.objects.filter(pk=version.pk).update(version=F("version") + 1)
    version.refresh_from_db()
    announce_after_commit(meeting.pk, version.version, announce)
    return version.version


def current_version(meeting: Meeting) -> int:
    return LiveVersion.objects.filter(meeting=meeting).values_list("version", flat=True).first() or 0


# --- who may take part ---------------------------------------------------------------------------------


def memberships_of_user(user, meeting: Meeting) -> list[Membership]:
    """The user's own memberships of the meeting's body on the meeting day (members and substitutes)."""
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None:
        return []
    return list(meeting_selectors.memberships_for(meeting).filter(person=person))


def present_membership(user, item: AgendaItem, present: list | None = None) -> Membership | None:
    """The user's membership among those present and entitled in `item` (not inhabil, not absent or gone)."""
    mine = {m.pk for m in memberships_of_user(user, item.meeting)}
    present = meeting_selectors.present_for_item(item) if present is None else present
    for attendance in present:
        if attendance.membership_id in mine:
            return attendance.membership
    return None


def _require_present(user, item: AgendaItem, what: str) -> Membership:
    if not memberships_of_user(user, item.meeting):
        raise TransitionForbidden(f"Du er ikke medlem av {item.meeting.organization} og kan ikke {what}.")
    membership = present_membership(user, item)
    if membership is None:
        raise GuardFailed(f"Du er ikke med i behandlingen av {item.label} (inhabil, forfall, gått eller ikke "
                          f"registrert som møtt) og kan ikke {what}.", field="membership")
    return membership


def _membership_present(item: AgendaItem, membership: Membership) -> None:
    if membership.pk not in {a.membership_id for a in meeting_selectors.present_for_item(item)}:
        raise GuardFailed(f"{membership.person} er ikke med i behandlingen av {item.label} (inhabil, forfall, gått "
                          "eller ikke registrert som møtt).", field="membership")


def current_item(meeting: Meeting) -> AgendaItem | None:
    """The item under treatment, read afresh (not from a meeting instance that may hold an older one)."""
    item_id = MeetingLive.objects.filter(meeting=meeting).values_list("current_item_id", flat=True).first()
    if item_id is None:
        return None
    item = AgendaItem.objects.select_related("meeting__organization", "consultation__case").get(pk=item_id)
    item.meeting = meeting
    return item


def _current_item(meeting: Meeting) -> AgendaItem:
    item = current_item(meeting)
    if item is None:
        raise GuardFailed("Ingen sak er under behandling. Møteleder starter behandlingen av en sak først.",
                          field="item")
    return item


def _require_current(item: AgendaItem, what: str, field: str) -> None:
    """The speaker list and the vote of an item are used while the item is under treatment, not after the
    møteleder has moved on (a page left open, or an id typed in)."""
    current = current_item(item.meeting)
    if current is None or current.pk != item.pk:
        raise GuardFailed(f"{what} gjelder {item.label}, som ikke er under behandling nå.", field=field)


def settings_for(meeting: Meeting) -> LiveSettings:
    return (LiveSettings.objects.filter(organization_id=meeting.organization_id).first()
            or LiveSettings(organization_id=meeting.organization_id))


# --- the speaker list (talerliste) ---------------------------------------------------------------------------


def _renumber(item: AgendaItem, ordered: list[Speech]) -> None:
    for n, speech in enumerate(ordered, start=1):
        if speech.position != n:
            speech.position = n
            speech.save(update_fields=["position"])


def _lock_list(item: AgendaItem) -> None:
    """Every change of an item's speaker list takes the item's row first, so two at once (two secretaries, two
    quick clicks) run one after the other instead of locking the list's rows in opposite orders (a deadlock)."""
    AgendaItem.objects.select_for_update().filter(pk=item.pk).first()


def _waiting(item: AgendaItem) -> list[Speech]:
    return list(item.speeches.select_for_update().filter(state=SpeechState.WAITING).order_by("position", "pk"))


def speech_request(*, actor, meeting: Meeting, kind: str, membership: Membership | None = None) -> Speech:
    """A member asks for the floor (innlegg) or a short reply (replikk) in the item under treatment; the
    secretariat may put a member without a device on the list (`membership`)."""
    ensure_in_session(meeting)
    item = _current_item(meeting)
    if kind not in SpeechKind.values:
        raise GuardFailed("Velg innlegg eller replikk.", field="kind")
    if membership is None:
        membership = _require_present(actor, item, "be om ordet")
    else:
        meeting_services.require_fagleder(actor)
        _membership_present(item, membership)
    with transaction.atomic():
        _lock_list(item)
        waiting = _waiting(item)
        if any(s.membership_id == membership.pk and s.kind == kind for s in waiting):
            raise GuardFailed(f"{membership.person} står allerede på talerlisten med {kind} i {item.label}.",
                              field="kind")
        speaking = item.speeches.filter(state=SpeechState.SPEAKING).first()
        if kind == SpeechKind.REPLY and (speaking is None or speaking.kind != SpeechKind.CONTRIBUTION):
            raise GuardFailed("Replikk kan bare bes om til et innlegg, mens noen har ordet.", field="kind")
        speech = Speech.objects.create(agenda_item=item, membership=membership, kind=kind, requested_by=actor,
                                       position=(item.speeches.aggregate(p=Max("position"))["p"] or 0) + 1)
        if kind == SpeechKind.REPLY:
            # Replies come before the next contribution, in the order they were asked for.
            replies = [s for s in waiting if s.kind == SpeechKind.REPLY]
            others = [s for s in waiting if s.kind != SpeechKind.REPLY]
            _renumber(item, [*replies, speech, *others])
        else:
            _renumber(item, [*waiting, speech])
        audit(meeting, actor=actor, action=AuditAction.SPEAKER_REQUESTED,
              action_label=f"{membership.person} ba om ordet ({speech.get_kind_display().lower()}) i {item.label}",
              changes={"sak": item.label, "type": kind, "medlem": membership.person.name})
        bump(meeting)
    return speech


def speech_withdraw(*, actor, speech: Speech) -> Speech:
    """The member takes back their own request; the secretariat may strike any waiting request."""
    meeting = speech.agenda_item.meeting
    own = speech.membership.person.user_id == getattr(actor, "pk", None)
    if not own and not access.is_secretariat(actor):
        raise TransitionForbidden("Du kan bare trekke din egen forespørsel om ordet.")
    ensure_in_session(meeting)
    with transaction.atomic():
        _lock_list(speech.agenda_item)
        speech = Speech.objects.select_for_update().get(pk=speech.pk)
        if speech.state != SpeechState.WAITING:
            raise GuardFailed("Innlegget står ikke lenger i kø.", field="speech")
        speech.state = SpeechState.WITHDRAWN
        speech.save(update_fields=["state"])
        _renumber(speech.agenda_item, _waiting(speech.agenda_item))
        audit(meeting, actor=actor, action=AuditAction.SPEAKER_WITHDRAWN,
              action_label=f"{speech.membership.person} tatt av talerlisten i {speech.agenda_item.label}",
              changes={"sak": speech.agenda_item.label, "medlem": speech.membership.person.name})
        bump(meeting)
    return speech


def _end_current(item: AgendaItem, now) -> Speech | None:
    current = item.speeches.select_for_update().filter(state=SpeechState.SPEAKING).first()
    if current is not None:
        current.state, current.ended_at = SpeechState.DONE, now
        current.save(update_fields=["state", "ended_at"])
    return current


def speech_start(*, actor, speech: Speech, time_limit_seconds: int | None = None) -> Speech:
    """The møteleder gives the floor to a waiting speaker (the one speaking now is done), with an optional
    speaking time; without one, the body's reglement's (a third of it for a replikk)."""
    meeting_services.require_fagleder(actor)
    meeting = speech.agenda_item.meeting
    ensure_in_session(meeting)
    _require_current(speech.agenda_item, "Innlegget", "speech")
    # An inhabil member leaves the room for the item (koml. § 11-10), and one who has left cannot speak: the floor
    # goes only to someone taking part in the item now, whenever they asked for it.
    _membership_present(speech.agenda_item, speech.membership)
    if time_limit_seconds is not None and not 0 < time_limit_seconds <= SPEAKING_TIME_MAX:
        raise GuardFailed(f"Taletiden må være mellom 1 og {SPEAKING_TIME_MAX} sekunder.", field="time_limit")
    if time_limit_seconds is None:
        default = settings_for(meeting).speaking_time_seconds
        if default:
            time_limit_seconds = max(30, default // 3) if speech.kind == SpeechKind.REPLY else default
    with transaction.atomic():
        _lock_list(speech.agenda_item)
        speech = Speech.objects.select_for_update().get(pk=speech.pk)
        if speech.state != SpeechState.WAITING:
            raise GuardFailed("Bare den som står i kø, kan få ordet.", field="speech")
        now = timezone.now()
        _end_current(speech.agenda_item, now)
        speech.state, speech.started_at, speech.time_limit_seconds = SpeechState.SPEAKING, now, time_limit_seconds
        speech.save(update_fields=["state", "started_at", "time_limit_seconds"])
        _renumber(speech.agenda_item, _waiting(speech.agenda_item))
        audit(meeting, actor=actor, action=AuditAction.SPEAKER_STARTED,
              action_label=f"{speech.membership.person} har ordet i {speech.agenda_item.label}",
              changes={"sak": speech.agenda_item.label, "medlem": speech.membership.person.name,
                       "type": speech.kind, "taletid": time_limit_seconds or ""})
        bump(meeting, announce=f"{speech.membership.person} har ordet.")
    return speech


def speech_end(*, actor, meeting: Meeting) -> Speech:
    meeting_services.require_fagleder(actor)
    _ensure_live(meeting)
    item = _current_item(meeting)
    with transaction.atomic():
        _lock_list(item)
        ended = _end_current(item, timezone.now())
        if ended is None:
            raise GuardFailed("Ingen har ordet nå.", field="speech")
        audit(meeting, actor=actor, action=AuditAction.SPEAKER_ENDED,
              action_label=f"{ended.membership.person} er ferdig i {item.label}",
              changes={"sak": item.label, "medlem": ended.membership.person.name})
        bump(meeting)
    return ended


def speech_move(*, actor, speech: Speech, direction: str) -> Speech:
    """The møteleder moves a waiting request one place up or down."""
    meeting_services.require_fagleder(actor)
    meeting = speech.agenda_item.meeting
    ensure_in_session(meeting)
    _require_current(speech.agenda_item, "Innlegget", "speech")
    if direction not in ("opp", "ned"):
        raise GuardFailed("Velg opp eller ned.", field="direction")
    with transaction.atomic():
        _lock_list(speech.agenda_item)
        waiting = _waiting(speech.agenda_item)
        index = next((n for n, s in enumerate(waiting) if s.pk == speech.pk), None)
        if index is None:
            raise GuardFailed("Innlegget står ikke lenger i kø.", field="speech")
        other = index - 1 if direction == "opp" else index + 1
        if not 0 <= other < len(waiting):
            raise GuardFailed("Innlegget står allerede " + ("først." if direction == "opp" else "sist."),
                              field="direction")
        waiting[index], waiting[other] = waiting[other], waiting[index]
        _renumber(speech.agenda_item, waiting)
        audit(meeting, actor=actor, action=AuditAction.SPEAKER_MOVED,
              action_label=f"Talerlisten i {speech.agenda_item.label} er endret",
              changes={"medlem": speech.membership.person.name, "retning": direction})
        bump(meeting)
    return speech


def speakers_of(item: AgendaItem) -> list[str]:
    """Who had the floor in `item`, in order (for the protokoll when the body's reglement asks for it)."""
    names: list[str] = []
    for speech in item.speeches.filter(state__in=[SpeechState.SPEAKING, SpeechState.DONE]).select_related(
            "membership__person").order_by("started_at", "pk"):
        label = f"{speech.membership.person.name} ({meeting_selectors.party_label(speech.membership)})"
        if label not in names:
            names.append(label)
    return names


def speakers_for_minutes(items: list[AgendaItem]) -> dict[int, dict]:
    """The protokoll's «Hadde ordet» for a batch of items (meetings.selectors.ITEM_EXTRAS), for the bodies whose
    reglement asks for it (LiveSettings): two queries however many items."""
    listed = set(LiveSettings.objects.filter(organization_id__in={i.organization_id for i in items},
                                             speakers_in_minutes=True).values_list("organization_id", flat=True))
    wanted = [i.pk for i in items if i.organization_id in listed]
    names: dict[int, list[str]] = {pk: [] for pk in wanted}
    if wanted:
        for speech in Speech.objects.filter(agenda_item_id__in=wanted,
                                            state__in=[SpeechState.SPEAKING, SpeechState.DONE]).select_related(
                "membership__person__party", "membership__electoral_list").order_by("started_at", "pk"):
            label = f"{speech.membership.person.name} ({meeting_selectors.party_label(speech.membership)})"
            if label not in names[speech.agenda_item_id]:
                names[speech.agenda_item_id].append(label)
    return {pk: {"speakers": found} for pk, found in names.items()}


# --- electronic votes ------------------------------------------------------------------------------------------


def evote_open(*, actor, meeting: Meeting, proposal: Proposal, kind: str = VoteKind.CASE,
               secret: bool = False) -> ElectronicVote:
    """The møteleder opens a vote on a proposal in the item under treatment; one vote at a time."""
    meeting_services.require_fagleder(actor)
    ensure_in_session(meeting)
    item = _current_item(meeting)
    if proposal.agenda_item_id != item.pk:
        raise GuardFailed(f"Forslaget hører ikke til saken under behandling ({item.label}).", field="proposal")
    if kind not in VoteKind.values:
        raise GuardFailed("Velg om avstemningen gjelder en sak, et valg eller en ansettelse.", field="kind")
    if secret and not meeting_services.secret_allowed(kind):
        raise GuardFailed("Hemmelig (skriftlig) avstemning kan bare brukes ved valg. Andre avstemninger er åpne.",
                          field="secret")
    if not meeting_selectors.present_for_item(item):
        raise GuardFailed(f"Ingen er registrert som til stede i {item.label}. Registrer oppmøtet først.",
                          field="proposal")
    # koml. § 11-9 første ledd, the meeting's own quorum rule: the body votes only when at least half its members
    # take part in the item. Checked again when the result is written (vote_record); here so that nobody votes in
    # a vote that cannot have a result.
    quorum = meeting_selectors.quorum(meeting, item)
    if not quorum.ok:
        raise GuardFailed(f"Organet er ikke vedtaksført: {quorum.label} (koml. § 11-9). Avstemningen kan ikke "
                          "åpnes.", field="quorum")
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # one open vote per meeting
        already = ElectronicVote.objects.filter(agenda_item__meeting=meeting, state=EVoteState.OPEN).select_related(
            "agenda_item").first()
        if already is not None:
            raise GuardFailed(f"En avstemning er allerede åpen i {already.agenda_item.label}. Avslutt eller avbryt "
                              "den først.", field="proposal")
        evote = ElectronicVote.objects.create(agenda_item=item, proposal=proposal, kind=kind, secret=secret,
                                              opened_by=actor)
        if secret:
            SecretTally.objects.bulk_create([SecretTally(vote=evote, choice=c) for c in VoteChoice.values])
        audit(evote, actor=actor, action=AuditAction.EVOTE_OPENED, to_state=evote.state,
              action_label=f"Avstemning åpnet over forslag {proposal.position} i {item.label}",
              changes={"forslag": proposal.position, "type": evote.get_kind_display(), "hemmelig": secret})
        bump(meeting, announce=f"Avstemningen over forslag {proposal.position} er åpnet.")
    return evote


def evote_cast(*, actor, evote: ElectronicVote, choice: str, membership: Membership | None = None
               ) -> ElectronicVote:
    """One vote: from the member's own device, or by the secretariat for a member without one (`membership`).
    A member votes once; a second cast (a double click, a reconnect) is refused and never counts twice."""
    item = evote.agenda_item
    meeting = item.meeting
    ensure_in_session(meeting)
    source = BallotSource.DEVICE
    if membership is None:
        membership = _require_present(actor, item, "stemme")
    else:
        meeting_services.require_fagleder(actor)
        _membership_present(item, membership)
        source = BallotSource.HAND
    if choice not in VoteChoice.values:
        raise GuardFailed("En stemme må være «for», «mot» eller «blank».", field="choice")
    if evote.state == EVoteState.OPEN:
        _require_current(item, "Avstemningen", "vote")
    if choice == VoteChoice.BLANK and not meeting_services.blank_allowed(evote.kind):
        raise GuardFailed("Blank stemme er bare tillatt ved valg og ansettelser (koml. § 8-1 andre ledd).",
                          field="choice")
    try:
        with transaction.atomic():
            locked = ElectronicVote.objects.select_for_update().get(pk=evote.pk)
            if locked.state != EVoteState.OPEN:
                raise GuardFailed("Avstemningen er avsluttet.", field="vote")
            if locked.secret:
                SecretVoter.objects.create(vote=locked, membership=membership, source=source)
                # Every tally row is written by every cast (adding 0 to the others), so not even the rows' write
                # history (PostgreSQL's xmin, the same as the voter row's) tells which choice this voter made.
                SecretTally.objects.filter(vote=locked).update(
                    count=F("count") + Case(When(choice=choice, then=Value(1)), default=Value(0)))
                changes = {"forslag": locked.proposal.position, "hemmelig": True}  # never the choice
            else:
                ElectronicBallot.objects.create(vote=locked, membership=membership, choice=choice, source=source,
                                                entered_by=actor)
                changes = {"forslag": locked.proposal.position, "medlem": membership.person.name, "stemme": choice}
            changes["kilde"] = BallotSource(source).label
            audit(locked, actor=actor, action=AuditAction.EVOTE_CAST,
                  action_label=f"Stemme avgitt i {item.label} ({membership.person})", changes=changes)
            bump(meeting)
    except IntegrityError:
        raise GuardFailed(f"{membership.person} har allerede stemt i denne avstemningen. Stemmen teller én gang.",
                          field="vote") from None
    return evote


def evote_counts(evote: ElectronicVote, present: list | None = None) -> dict:
    """The running count: votes cast per choice (never per person for a secret ballot), from devices and by hand,
    and how many are entitled to vote now."""
    if evote.secret:
        counts = dict(evote.tallies.values_list("choice", "count"))
        sources = list(evote.secret_voters.values_list("source", flat=True))
    else:
        choices = list(evote.ballots.values_list("choice", "source"))
        counts = {c: sum(1 for choice, _ in choices if choice == c) for c in VoteChoice.values}
        sources = [source for _, source in choices]
    return {"for": counts.get(VoteChoice.FOR, 0), "mot": counts.get(VoteChoice.AGAINST, 0),
            "blank": counts.get(VoteChoice.BLANK, 0), "cast": len(sources),
            "device": sources.count(BallotSource.DEVICE), "hand": sources.count(BallotSource.HAND),
            "entitled": len(meeting_selectors.present_for_item(evote.agenda_item) if present is None else present)}


def has_voted(evote: ElectronicVote, membership: Membership | None) -> bool:
    if membership is None:
        return False
    rows = evote.secret_voters if evote.secret else evote.ballots
    return rows.filter(membership=membership).exists()


def own_choice(evote: ElectronicVote, membership: Membership | None) -> str:
    """What the member voted in an open vote (a secret ballot keeps no such record)."""
    if membership is None or evote.secret:
        return ""
    return evote.ballots.filter(membership=membership).values_list("choice", flat=True).first() or ""


def evote_close(*, actor, evote: ElectronicVote, casting_vote: str = "", lots_winner: str = "") -> ElectronicVote:
    """The møteleder closes the vote (the workflow step «close»); the result is written to the item by the meeting's
    vote service, with all its rules (everyone present and entitled has voted, majority, ties). If a rule fails, the
    vote stays open."""
    meeting_services.require_fagleder(actor)
    with transaction.atomic():
        locked = _locked_open(evote)
        run_transition(locked, "close", actor=actor, casting_vote=casting_vote, lots_winner=lots_winner)
    return locked


def evote_cancel(*, actor, evote: ElectronicVote) -> ElectronicVote:
    """The møteleder stops a vote without a result (the workflow step «cancel», e.g. opened on the wrong proposal);
    nothing is written to the item, and a new vote can be opened."""
    meeting_services.require_fagleder(actor)
    with transaction.atomic():
        locked = _locked_open(evote)
        run_transition(locked, "cancel", actor=actor)
    return locked


def _locked_open(evote: ElectronicVote) -> ElectronicVote:
    """The vote, locked against a concurrent cast, close or cancel; refused in plain words when no longer open."""
    locked = (ElectronicVote.objects.select_for_update(of=("self",))
              .select_related("proposal", "agenda_item__meeting__organization").get(pk=evote.pk))
    if locked.state != EVoteState.OPEN:
        raise GuardFailed("Avstemningen er allerede avsluttet.", field="vote")
    return locked


@EVOTE_WORKFLOW.handler("close")
def _close(evote: ElectronicVote, *, actor, comment: str, casting_vote: str = "", lots_winner: str = "") -> Outcome:
    item = evote.agenda_item
    counts = evote_counts(evote)
    if evote.secret:
        # Who voted (never how) goes with the totals, so the vote service checks that exactly those taking part in
        # the item voted, as it does for an open vote: totals alone could add up with a ballot from someone who
        # has since left and none from someone who is present.
        vote = meeting_services.vote_record(
            actor=actor, item=item, proposal=evote.proposal, secret=True, kind=evote.kind,
            for_count=counts["for"], against_count=counts["mot"], blank_count=counts["blank"],
            voters=list(evote.secret_voters.values_list("membership_id", flat=True)),
            lots_winner=lots_winner or "")
    else:
        ballots = dict(evote.ballots.values_list("membership_id", "choice"))
        if not ballots:
            raise GuardFailed("Ingen har stemt ennå.", field="vote")
        vote = meeting_services.vote_record(actor=actor, item=item, proposal=evote.proposal, ballots=ballots,
                                            kind=evote.kind, casting_vote=casting_vote or "",
                                            lots_winner=lots_winner or "")
    evote.closed_at, evote.result = timezone.now(), vote
    bump(item.meeting, announce=f"Forslag {evote.proposal.position}: {vote.result_label}.")
    return Outcome(result=vote, comment=f"Avstemning avsluttet i {item.label}: {vote.result_label}",
                   changes={"forslag": evote.proposal.position, "resultat": vote.result_label,
                            "fra_enhet": counts["device"], "registrert_av_sekretariatet": counts["hand"]})


@EVOTE_WORKFLOW.handler("cancel")
def _cancel(evote: ElectronicVote, *, actor, comment: str) -> Outcome:
    evote.closed_at = timezone.now()
    bump(evote.agenda_item.meeting, announce="Avstemningen er avbrutt.")
    return Outcome(comment=f"Avstemning avbrutt i {evote.agenda_item.label}",
                   changes={"forslag": evote.proposal.position})


def open_vote(meeting: Meeting) -> ElectronicVote | None:
    return (ElectronicVote.objects.filter(agenda_item__meeting=meeting, state=EVoteState.OPEN)
            .select_related("proposal", "agenda_item").first())
