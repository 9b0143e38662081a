"""Changes made in møtemodus by the meeting's own services (the item under treatment, proposals, a hand-keyed vote,
attendance, recusals, an outcome) reach the live pages too: after commit, the meeting's group is told to render
again. No database write here: the pages get the state as it is, with the version they already have."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from secretariat.meetings.models import AgendaItemOutcome, Attendance, MeetingLive, Proposal, Recusal, Vote

from .broadcast import announce_after_commit

WATCHED = {
    MeetingLive: lambda o: o.meeting_id,
    Attendance: lambda o: o.meeting_id,
    Proposal: lambda o: o.agenda_item.meeting_id,
    Recusal: lambda o: o.agenda_item.meeting_id,
    Vote: lambda o: o.agenda_item.meeting_id,
    AgendaItemOutcome: lambda o: o.agenda_item.meeting_id,
}


def _changed(sender, instance, **kwargs):
    meeting_id = WATCHED[sender](instance)
    if meeting_id:
        announce_after_commit(meeting_id, None)


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"live-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"live-{model.__name__}-delete")
