"""What the record says about one person at one occasion (a held meeting or a training session): whether she is
recorded present, the occasion's day, the claim's title, and the møtegodtgjøring the forskrift pays by itself.

One place answers it. The drafts follow it (record.py); a claim that was sent or approved is held against it
(`record_problem`): sending, approving and the payroll export refuse a claim the record no longer supports, and
sending the claim back makes it follow the record again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from secretariat.meetings.models import Attendance, Meeting
from secretariat.organizations.models import Person
from secretariat.training import selectors as training
from secretariat.training.models import TrainingSession
from workflows.claim import CLAIM_WORKFLOW
from workflows.meeting import MEETING_WORKFLOW

from .models import Claim
from .rates import kroner, mayor_pay_covers_fees, meeting_day, meeting_fee, money, rates_on, training_fee

HELD = MEETING_WORKFLOW.states_with("held")
EDITABLE = CLAIM_WORKFLOW.states_with("editable")


def attendance_of(person: Person, meeting: Meeting) -> Attendance | None:
    """The person's attendance (as member or as called-in substitute) at the meeting."""
    return Attendance.objects.filter(meeting=meeting, membership__person=person).select_related(
        "substitute_for__person").first()


def meeting_claim_title(meeting: Meeting, attendance: Attendance) -> str:
    title = f"{meeting.organization} {meeting_day(meeting):%d.%m.%Y}"
    if attendance.substitute_for_id:
        title += f" (vara for {attendance.substitute_for.person.name})"
    return title


def session_claim_title(session: TrainingSession) -> str:
    return f"Opplæring: {session.course.title} {session.day:%d.%m.%Y}"


def automatic_fee(table, *, person_id: int, meeting=None, session=None) -> tuple[Decimal, str] | None:
    """What the record pays by itself for one occasion: the meeting's møtegodtgjøring, or the training's where the
    forskrift pays one; nothing for an ordfører whose fast godtgjøring covers it (the one computation both the
    member's click and the record's own drafts use)."""
    if table is None:
        return None
    day = meeting_day(meeting) if meeting is not None else session.day
    if mayor_pay_covers_fees(table, person_id, day):
        return None
    return meeting_fee(table, meeting) if meeting is not None else training_fee(table, session)


@dataclass(frozen=True)
class Record:
    attended: bool
    day: dt.date
    title: str  # "" for a meeting the person is not recorded at
    fee: tuple[Decimal, str] | None
    mayor_covered: bool = False  # no fee because the ordfører's pay covers it


def record_for(person: Person, *, meeting: Meeting | None = None, session: TrainingSession | None = None) -> Record:
    if meeting is not None:
        attendance = attendance_of(person, meeting)
        day = meeting_day(meeting)
        title = meeting_claim_title(meeting, attendance) if attendance is not None else ""
    else:
        attendance = training.has_attended(person, session) or None
        day = session.day
        title = session_claim_title(session)
    table = rates_on(day)
    attended = attendance is not None
    covered = bool(attended and table is not None and mayor_pay_covers_fees(table, person.pk, day))
    fee = (automatic_fee(table, person_id=person.pk, meeting=meeting, session=session)
           if attended and not covered else None)
    return Record(attended=attended, day=day, title=title, fee=fee, mayor_covered=covered)


def record_of_claim(claim: Claim) -> Record:
    return record_for(claim.person, meeting=claim.meeting, session=claim.training_session)


def record_problem(claim: Claim, record: Record | None = None, *, short: bool = False) -> str:
    """Why the claim no longer matches the record ("" when it does): the person is no longer recorded present, the
    meeting or course day has moved, or the møtegodtgjøring the record pays has changed (the meeting's length or
    body, the rates, the ordfører's rule). A draft follows the record by itself; a claim sent or approved is held
    here until it is sent back (and then follows). `short`: the few words a list of claims shows."""
    record = record or record_of_claim(claim)
    if not record.attended:
        if short:
            return "ikke lenger registrert som møtt"
        occasion = "møtt i " + claim.title if claim.meeting_id else "møtt på opplæringen " + claim.title
        return (f"{claim.person} er ikke lenger registrert som {occasion}: oppmøtet er rettet"
                + (" i protokollen." if claim.meeting_id else "."))
    if record.day != claim.day:
        what = "møtet" if claim.meeting_id else "kursdagen"
        if short:
            return f"{what} er flyttet til {record.day:%d.%m.%Y}"
        return (f"{what.capitalize()} er flyttet fra {claim.day:%d.%m.%Y} til {record.day:%d.%m.%Y} etter at kravet "
                "ble sendt.")
    line = claim.lines.filter(automatic=True).first()
    if line is not None:
        now = money(record.fee[0]) if record.fee is not None else None
        if now != line.amount:
            if record.mayor_covered:
                why = "ordførerens faste godtgjøring dekker møtegodtgjøringen etter forskriften"
            elif now is None:
                why = "forskriften gir ikke lenger møtegodtgjøring for dette"
            else:
                why = f"møtegodtgjøringen etter møtets lengde og forskriften er nå {kroner(now)} kr"
            if short:
                return why
            return f"{why[0].upper()}{why[1:]}, men kravet har {kroner(line.amount)} kr i møtegodtgjøring."
    return ""
