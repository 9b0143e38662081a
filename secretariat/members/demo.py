"""Demo data for the politikerportal: the demo user `folkevalgt` has a private note and a highlight on one paper of
formannskapet's, and one pending application for permisjon. Idempotent."""

from __future__ import annotations

import datetime as dt

from secretariat import access
from secretariat.cases.models import Case

from . import selectors
from .leave import leave_apply
from .models import LeaveApplication, LeaveKind, PaperNote
from .services import note_add


def seed(ctx) -> None:
    user = ctx.users.get("folkevalgt")
    person = getattr(user, "person", None) if user else None
    if person is None:
        return
    _seed_notes(user, person)
    _seed_leave(ctx, user, person)


def _seed_notes(user, person) -> None:
    if PaperNote.objects.filter(user=user).exists():
        return
    meetings, _past, _more = selectors.meetings_split(person, limit=50)
    for meeting in meetings:
        for item in meeting.agenda_items.exclude(consultation=None).select_related("consultation__case"):
            case = item.consultation.case
            if not access.can_view_case(user, case):
                continue
            sections = access.visible_paper_sections(user, case)
            summary = next((text for key, _label, text in sections if key == "summary"), "")
            if not summary:
                continue
            quote = summary.split(".")[0].strip()
            note_add(actor=user, case=case, section="summary", quote=quote,
                     text="Spør kommunedirektøren om kostnadene før møtet.")
            note_add(actor=user, case=case, text="Sjekk hva partigruppa mener på gruppemøtet.")
            return
    case = Case.objects.filter(pk__in=[c.pk for c in Case.objects.all()[:50] if access.can_view_case(user, c)]).first()
    if case is not None:
        note_add(actor=user, case=case, text="Les saken før gruppemøtet.")


def _seed_leave(ctx, user, person) -> None:
    if LeaveApplication.objects.filter(person=person).exists():
        return
    start = ctx.today + dt.timedelta(days=60)
    end = min(start + dt.timedelta(days=90), ctx.term.end_date)
    if end < start:
        return
    leave_apply(actor=user, person=person, kind=LeaveKind.PERMISJON, start_date=start, end_date=end,
                ground="Foreldrepermisjon etter fødsel.")
