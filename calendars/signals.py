"""Keeping calendars current when meetings change (the meetings app does not know about calendars).

RFC 5545: a calendar client only replaces its copy of an event when SEQUENCE grows, so every change
a subscriber cares about — time, place, remote link, state (e.g. cancelled), title, the agenda titles —
bumps `Meeting.sequence` through its one owner, `secretariat.common.calendar_sequence.bump_sequence`.
After the transaction commits, the meeting is queued for the CalDAV push.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from secretariat.common.calendar_sequence import bump_sequence, current_sequence
from secretariat.meetings.models import AgendaItem, Meeting

MEETING_FIELDS = ("organization_id", "start", "end", "location", "is_remote", "remote_link", "state", "title",
                  "cancelled_reason")
AGENDA_FIELDS = ("meeting_id", "title", "public_title", "position", "kind", "number", "year", "closed",
                 "consultation_id")


def _changed(instance, fields, update_fields) -> bool:
    if instance.pk is None:
        return True
    if update_fields is not None:
        names = {f.removesuffix("_id") for f in update_fields} | set(update_fields)
        fields = [f for f in fields if f in names or f.removesuffix("_id") in names]
        if not fields:
            return False
    old = type(instance).objects.filter(pk=instance.pk).values(*fields).first()
    if old is None:
        return True
    return any(old[f] != getattr(instance, f) for f in fields)


def _queue(meeting_id: int) -> None:
    from .tasks import queue_push

    transaction.on_commit(lambda: queue_push(meeting_id))


@receiver(pre_save, sender=Meeting, dispatch_uid="calendars_meeting_sequence")
def meeting_check(sender, instance: Meeting, raw=False, update_fields=None, **kwargs):
    instance._calendar_changed = False
    instance._calendar_bump = False
    if raw or instance.pk is None:
        instance._calendar_changed = not raw  # a new event starts at SEQUENCE 0
        return
    # A stale instance (the agenda bumped the row since it was loaded) must never lower SEQUENCE:
    # calendar clients ignore an event whose SEQUENCE went down.
    instance.sequence = current_sequence(instance)
    if _changed(instance, MEETING_FIELDS, update_fields):
        instance._calendar_changed = instance._calendar_bump = True


@receiver(post_save, sender=Meeting, dispatch_uid="calendars_meeting_saved")
def meeting_saved(sender, instance: Meeting, created=False, raw=False, update_fields=None, **kwargs):
    if raw or not getattr(instance, "_calendar_changed", False):
        return
    if getattr(instance, "_calendar_bump", False):
        bump_sequence(instance)
    _queue(instance.pk)


@receiver(pre_delete, sender=Meeting, dispatch_uid="calendars_meeting_deleted")
def meeting_deleted(sender, instance: Meeting, **kwargs):
    # The sync state goes with the meeting (cascade), so take the event's address now.
    from .models import MeetingSyncState
    from .tasks import queue_delete

    href = MeetingSyncState.objects.filter(meeting_id=instance.pk).values_list("href", flat=True).first()
    if href:
        transaction.on_commit(lambda: queue_delete(href))


def _bump(meeting_id: int) -> None:
    bump_sequence(Meeting(pk=meeting_id))
    _queue(meeting_id)


@receiver(pre_save, sender=AgendaItem, dispatch_uid="calendars_agenda_item_changed")
def agenda_item_check(sender, instance: AgendaItem, raw=False, update_fields=None, **kwargs):
    instance._calendar_old_meeting = None
    instance._calendar_changed = False
    if raw:
        return
    if instance.pk is not None:
        instance._calendar_old_meeting = (
            AgendaItem.objects.filter(pk=instance.pk).values_list("meeting_id", flat=True).first()
        )
    instance._calendar_changed = _changed(instance, AGENDA_FIELDS, update_fields)


@receiver(post_save, sender=AgendaItem, dispatch_uid="calendars_agenda_item_saved")
def agenda_item_saved(sender, instance: AgendaItem, raw=False, **kwargs):
    if raw or not getattr(instance, "_calendar_changed", False):
        return
    _bump(instance.meeting_id)
    old = getattr(instance, "_calendar_old_meeting", None)
    if old and old != instance.meeting_id:
        _bump(old)


@receiver(post_delete, sender=AgendaItem, dispatch_uid="calendars_agenda_item_deleted")
def agenda_item_deleted(sender, instance: AgendaItem, **kwargs):
    _bump(instance.meeting_id)
