"""Reads of the politikerportal: a member's meetings, bodies, papers with their own notes, declarations and
applications. What a member may see of a meeting or a paper is the access policy's call (secretariat.access)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from calendars.personal import meetings_of_bodies, substitute_call_ins
from calendars.selectors import active_token
from secretariat import access
from secretariat.cases.models import Case
from secretariat.meetings import selectors as meeting_selectors
from secretariat.meetings.models import Meeting
from secretariat.organizations.models import Membership, Person
from workflows.leave import LeaveState

from .models import LeaveApplication, LeaveKind, PaperNote, RecusalDeclaration


def meetings_for(person: Person) -> QuerySet[Meeting]:
    """Every meeting of the bodies the person sits on (on the meeting day) and those they are called to as a
    substitute: the same sources as their personal calendar."""
    ids = Q(pk__in=meetings_of_bodies(person).values("pk")) | Q(pk__in=substitute_call_ins(person).values("pk"))
    return Meeting.objects.filter(ids).select_related("organization")


def meetings_split(person: Person, *, limit: int = 10) -> tuple[list[Meeting], list[Meeting], int]:
    """The next `limit` meetings, the last `limit` ones, and how many more are coming (the calendar has them all)."""
    since = timezone.now() - dt.timedelta(hours=12)
    qs = meetings_for(person)
    coming = qs.filter(start__gte=since).order_by("start")
    return list(coming[:limit]), list(qs.filter(start__lt=since).order_by("-start")[:limit]), \
        max(0, coming.count() - limit)


def memberships_now(person: Person) -> list[Membership]:
    today = timezone.localdate()
    return list(Membership.objects.filter(person=person).active_on(today).select_related("organization", "term")
                .order_by("organization__sort_order", "organization__name"))


def may_open_meeting(person: Person, meeting: Meeting) -> bool:
    """A member or substitute of the body on the meeting day, or someone called in to it."""
    return (meeting_selectors.memberships_for(meeting).filter(person=person).exists()
            or meeting.absences.filter(substitute__person=person).exists())


def my_membership(person: Person, meeting: Meeting) -> Membership | None:
    return meeting_selectors.memberships_for(meeting).filter(person=person).order_by("role").first()


def calendar_url(person: Person) -> str:
    """The personal iCalendar feed (secret token URL) if one has been made; "" otherwise."""
    from django.urls import reverse

    token = active_token(person)
    return reverse("calendars:personal", args=[token.token]) if token else ""


@dataclass(frozen=True)
class OwnNote:
    """A note as its owner is shown it. The highlighted passage only while she may still read the section it was
    copied from (the access policy decides: she may have left the body, lost the folkevalgt role, or the section
    may have been exempted since); `quote_withheld` says a passage was highlighted there. Her own text is hers."""

    pk: int
    case: Case
    section: str
    quote: str
    quote_withheld: bool
    text: str
    updated_at: dt.datetime

    @property
    def case_id(self) -> int:
        return self.case.pk


def _as_shown_to_owner(user, notes) -> list[OwnNote]:
    readable: dict[tuple[int, str], bool] = {}
    shown = []
    for note in notes:
        may_read = True
        if note.quote:
            key = (note.case_id, note.section)
            if key not in readable:
                readable[key] = access.can_view_paper_section(user, note.case, note.section)
            may_read = readable[key]
        shown.append(OwnNote(pk=note.pk, case=note.case, section=note.section, quote=note.quote if may_read else "",
                             quote_withheld=bool(note.quote) and not may_read, text=note.text,
                             updated_at=note.updated_at))
    return shown


def notes_for(user, case) -> list[OwnNote]:
    """Only ever the user's own notes: there is no read of another user's note anywhere."""
    notes = PaperNote.objects.filter(user=user, case=case).order_by("created_at", "pk")
    for note in notes:
        note.case = case
    return _as_shown_to_owner(user, notes)


def notes_of(user) -> list[OwnNote]:
    """All the user's own notes, newest first, as `OwnNote`s (never the model: a quote is shown only if allowed)."""
    return _as_shown_to_owner(user, PaperNote.objects.filter(user=user).select_related("case", "case__paper")
                              .order_by("-updated_at", "-pk"))


def note_count(user) -> int:
    return PaperNote.objects.filter(user=user).count()


def highlighted(text: str, quotes: list[str]) -> SafeString:
    """The section's text, escaped, with the user's highlighted passages in <mark>. The passages are found in the
    text itself, not in its escaped form: a short one («27», «amp», «mark») must not match inside an entity the
    escaping wrote (&#x27;, &amp;) or inside a <mark> tag an earlier passage got. A longer passage wins where two
    overlap."""
    spans: list[tuple[int, int]] = []
    for quote in sorted({q for q in quotes if q}, key=len, reverse=True):
        start = text.find(quote)
        while start != -1:
            end = start + len(quote)
            if not any(start < taken_end and taken_start < end for taken_start, taken_end in spans):
                spans.append((start, end))
            start = text.find(quote, end)
    out, done = [], 0
    for start, end in sorted(spans):
        out += [escape(text[done:start]), f"<mark class=\"highlight\">{escape(text[start:end])}</mark>"]
        done = end
    out.append(escape(text[done:]))
    return mark_safe("".join(out))  # noqa: S308 (built from escaped text only)


def paper_for(user, case) -> dict:
    """The paper as this member may read it, with their highlights in the sections."""
    notes = notes_for(user, case)
    sections = []
    for key, label, text in access.visible_paper_sections(user, case):
        quotes = [n.quote for n in notes if n.section == key]
        sections.append({"key": key, "label": label, "html": highlighted(text, quotes)})
    return {"title": access.case_title_for(user, case), "sections": sections, "notes": notes,
            "content": access.can_view_case_content(user, case),
            "withheld": "" if access.can_view_case_content(user, case) else
            access.case_content_withheld_marking(case)}


def declarations_for(meeting: Meeting) -> list[RecusalDeclaration]:
    return list(RecusalDeclaration.objects.filter(agenda_item__meeting=meeting)
                .select_related("agenda_item", "membership__person").order_by("agenda_item__position", "pk"))


def my_declarations(person: Person, meeting: Meeting) -> list[RecusalDeclaration]:
    return [d for d in declarations_for(meeting) if d.membership.person_id == person.pk]


def leave_applications_of(person: Person) -> QuerySet[LeaveApplication]:
    return LeaveApplication.objects.filter(person=person).select_related("term", "case", "membership__organization")


def leave_applications() -> QuerySet[LeaveApplication]:
    return LeaveApplication.objects.select_related("person", "term", "case", "membership__organization")


def permisjon_periods(start: dt.date, last: dt.date) -> dict[int, list[tuple[dt.date, dt.date]]]:
    """Approved permisjoner (koml. § 7-9) running some day in [start, last], per person: (first day, last day). A
    fritak is not here: it ends the membership itself."""
    periods: dict[int, list[tuple[dt.date, dt.date]]] = {}
    for person_id, first, end in (LeaveApplication.objects
                                  .filter(state=LeaveState.INNVILGET, kind=LeaveKind.PERMISJON, start_date__lte=last,
                                          end_date__gte=start)
                                  .order_by("start_date").values_list("person_id", "start_date", "end_date")):
        periods.setdefault(person_id, []).append((first, end))
    return periods
