"""Claims made by the record itself (issue 15: attendance "makes the møtegodtgjøring lines by itself").

When is the attendance the record? When the meeting is marked held (`hold`, gjennomført). The protokoll is approved
weeks later, often at the body's next meeting (koml. § 11-4), while the forskrift's deadline for a claim runs from the
meeting day: the member should see her draft at once. The attendance can still be corrected until the protokoll is
approved (meeting states `live`), so a correction follows into the draft's møtegodtgjøring line while the claim is a
draft; a sent or approved claim is not touched here: `occasion.record_problem` holds it (it cannot be approved nor
paid) until the secretariat sends it back, and then `claim_sync` makes it follow. The same goes for a held meeting
moved to another day or changed in length. After the approval of the protokoll the attendance is locked
(koml. § 11-4), so nothing changes any more; what was paid is corrected by a `Correction` in the next export.

`signals.py` runs `claim_follow_meeting` inside the transaction that holds the meeting or corrects its attendance,
and `claim_follow_session` inside the one that records attendance at training: the drafts and the record are written
together or not at all. `claims_fill_month` (the management command `fill_godtgjoring`) is the safety net
that repeats it for every occasion of a month; everything here is idempotent (one claim per person and occasion: the
model's unique rules).

A draft is made only where the record pays something by itself (a body with a møtegodtgjøring rate; training only
where the forskrift pays a fee for it; never for an ordfører whose fast godtgjøring covers it) and only for a person
who can see it (a user account with the folkevalgt role). Otherwise the member makes the claim herself with one
click, as before. Every write is audited as the system.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q

from secretariat import access
from secretariat.meetings.models import Attendance, Meeting
from secretariat.organizations.models import Person
from secretariat.training.models import TrainingSession
from workflows.actions import AuditAction
from workflows.engine import audit

from .models import Claim, ClaimLine, LineKind
from .occasion import EDITABLE, HELD, Record, record_for, record_of_claim
from .rates import money, month_bounds

NOT_ATTENDED = "ikke lenger registrert som møtt"


def claim_owner(person: Person):
    """The account a draft belongs to: the person's own, if she can log in as a folkevalgt to see and send it."""
    user = person.user
    return user if user is not None and access.is_folkevalgt(user) else None


def claim_follow_meeting(meeting: Meeting, person: Person) -> Claim | None:
    """Make or correct the person's draft for a held meeting from its attendance and the rates."""
    if meeting.state not in HELD:
        return None
    return _follow(person, {"meeting": meeting}, record_for(person, meeting=meeting))


def claim_follow_session(session: TrainingSession, person: Person) -> Claim | None:
    """Make or correct the person's draft for a training session, where the forskrift pays a fee for it."""
    return _follow(person, {"training_session": session}, record_for(person, session=session))


def _follow(person: Person, occasion: dict, record: Record) -> Claim | None:
    with transaction.atomic():
        claim = Claim.objects.select_for_update().filter(person=person, **occasion).first()
        if claim is None:
            return _create(person, occasion, record)
        if claim.state not in EDITABLE:
            return claim  # sent or approved: held against the record (occasion.record_problem) until sent back
        return _apply(claim, record, may_delete=True)


def claim_sync(claim: Claim) -> None:
    """Make a claim follow the record now, whatever its state (a claim sent back: its møtegodtgjøring, day and title
    become what the record says). The claim itself is kept, even with no lines left: the member (or the
    secretariat) discards it."""
    _apply(claim, record_of_claim(claim), may_delete=False)


def _apply(claim: Claim, record: Record, *, may_delete: bool) -> Claim | None:
    line = claim.lines.filter(automatic=True).first()
    if record.fee is None:
        if line is not None:
            _remove_line(claim, line, record)
        if may_delete and not claim.lines.exists() and (line is not None or not record.attended):
            # Nothing the member wrote is lost: the draft had only the record's line. The audit row keeps it.
            why = NOT_ATTENDED if not record.attended else "møtet gir ingen møtegodtgjøring"
            audit(claim, actor=None, action=AuditAction.CLAIM_DELETED, action_label=f"Utkastet er slettet: {why}",
                  changes={"gjelder": claim.title})
            claim.delete()
            return None
        if record.attended:
            _retitle(claim, record, changes={}, label="Kravet fulgte oppmøtet")
        return claim
    amount, description = record.fee
    if line is None:
        _line(claim, amount, description)
        audit(claim, actor=None, action=AuditAction.CLAIM_FOLLOWED_RECORD,
              action_label="Møtegodtgjøring lagt til fra oppmøtet", changes={"beløp": str(money(amount))})
        _retitle(claim, record, changes={}, label="Kravet fulgte oppmøtet")
        return claim
    changes = {}
    if line.amount != money(amount) or line.description != description[:250]:
        changes["beløp"] = {"fra": str(line.amount), "til": str(money(amount))}
        line.rate, line.amount, line.description = amount, money(amount), description[:250]
        line.save(update_fields=["rate", "amount", "description"])
    _retitle(claim, record, changes=changes, label="Møtegodtgjøring rettet etter oppmøtet")
    return claim


def _retitle(claim: Claim, record: Record, *, changes: dict, label: str) -> None:
    """The claim follows its occasion's day and title (a meeting or a course day moved, a substitute's note), and
    the change (with any change of the line in `changes`) is audited as the system."""
    title, day = record.title[:250], record.day
    if claim.title != title or claim.day != day:
        changes["gjelder"] = {"fra": claim.title, "til": title}
        if claim.day != day:
            changes["dato"] = {"fra": f"{claim.day:%d.%m.%Y}", "til": f"{day:%d.%m.%Y}"}
        claim.title, claim.day = title, day
        claim.save(update_fields=["title", "day"])
    if changes:
        audit(claim, actor=None, action=AuditAction.CLAIM_FOLLOWED_RECORD, action_label=label, changes=changes)


def _create(person: Person, occasion: dict, record: Record) -> Claim | None:
    owner = claim_owner(person)
    if record.fee is None or owner is None:
        return None
    amount, description = record.fee
    try:
        with transaction.atomic():
            claim = Claim.objects.create(person=person, owner=owner, day=record.day, title=record.title[:250],
                                         **occasion)
            _line(claim, amount, description)
            audit(claim, actor=None, action=AuditAction.CLAIM_CREATED, action_label="Krav laget fra oppmøtet",
                  changes={"gjelder": claim.title, "møtegodtgjøring": str(money(amount))})
    except IntegrityError:  # the member clicked at the same moment: the unique rule keeps one claim
        return Claim.objects.filter(person=person, **occasion).first()
    return claim


def _line(claim: Claim, amount, description: str) -> ClaimLine:
    return ClaimLine.objects.create(claim=claim, kind=LineKind.MEETING, description=description[:250], quantity=1,
                                    rate=amount, amount=money(amount), automatic=True)


def _remove_line(claim: Claim, line: ClaimLine, record: Record) -> None:
    line.delete()
    if not record.attended:
        why = NOT_ATTENDED
    elif record.mayor_covered:
        why = "ordførerens faste godtgjøring dekker møtegodtgjøringen"
    else:
        why = "forskriften gir ingen sats for dette"
    audit(claim, actor=None, action=AuditAction.CLAIM_FOLLOWED_RECORD, action_label=f"Møtegodtgjøring fjernet: {why}",
          changes={"beløp": str(line.amount)})


def claims_follow_meeting(meeting: Meeting) -> None:
    """Every person who attended a held meeting, and everyone with a claim for it (a correction may have removed
    their attendance)."""
    if meeting.state not in HELD:
        return
    people = set(Attendance.objects.filter(meeting=meeting).values_list("membership__person_id", flat=True))
    people |= set(Claim.objects.filter(meeting=meeting).values_list("person_id", flat=True))
    for person in Person.objects.filter(pk__in=people).select_related("user"):
        claim_follow_meeting(meeting, person)


def claims_follow_session(session: TrainingSession) -> None:
    people = set(session.registrations.filter(attended=True).values_list("person_id", flat=True))
    people |= set(Claim.objects.filter(training_session=session).values_list("person_id", flat=True))
    for person in Person.objects.filter(pk__in=people).select_related("user"):
        claim_follow_session(session, person)


@dataclass(frozen=True)
class FillResult:
    meetings: int
    sessions: int
    created: int


def claims_fill_month(month: dt.date) -> FillResult:
    """The safety net: the record's drafts for every held meeting and every training session of the month."""
    first, last = month_bounds(month)
    before = Claim.objects.count()
    meetings = list(Meeting.objects.filter(state__in=HELD, start__date__gte=first, start__date__lte=last))
    sessions = list(TrainingSession.objects.filter(Q(start__date__gte=first) & Q(start__date__lte=last))
                    .select_related("course"))
    for meeting in meetings:
        claims_follow_meeting(meeting)
    for session in sessions:
        claims_follow_session(session)
    return FillResult(meetings=len(meetings), sessions=len(sessions), created=Claim.objects.count() - before)
