"""The record makes the claims (record.py): the meetings and training apps know nothing of godtgjøring, so this app
listens, inside the transaction that changes the record (a meeting marked held or moved, an attendance registered
or corrected, attendance taken at training, a course day moved)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from secretariat.meetings.models import Attendance, Meeting
from secretariat.organizations.models import Person
from secretariat.training.models import TrainingSession
from secretariat.training.signals import attendance_recorded

from .occasion import HELD
from .record import claim_follow_meeting, claims_follow_meeting, claims_follow_session

# What a claim's line is made of: the meeting's state (held), its body and its length (the short-meeting rate).
WATCHED = {"state", "start", "end", "organization", "organization_id"}


@receiver(post_save, sender=Meeting, dispatch_uid="remuneration-meeting-saved")
def meeting_saved(sender, instance: Meeting, created: bool, update_fields=None, raw: bool = False, **kwargs):
    if raw or created or instance.state not in HELD:
        return
    if update_fields is not None and not (WATCHED & set(update_fields)):
        return
    claims_follow_meeting(instance)


@receiver(post_save, sender=Attendance, dispatch_uid="remuneration-attendance-saved")
def attendance_saved(sender, instance: Attendance, raw: bool = False, **kwargs):
    if not raw:
        _follow(instance)


@receiver(post_delete, sender=Attendance, dispatch_uid="remuneration-attendance-deleted")
def attendance_deleted(sender, instance: Attendance, **kwargs):
    _follow(instance)


def _follow(attendance: Attendance) -> None:
    meeting = Meeting.objects.filter(pk=attendance.meeting_id, state__in=HELD).select_related("organization").first()
    if meeting is None:  # not held yet: the draft is made when it is (meeting_saved)
        return
    person = Person.objects.filter(memberships__pk=attendance.membership_id).select_related("user").first()
    if person is not None:
        claim_follow_meeting(meeting, person)


@receiver(attendance_recorded, dispatch_uid="remuneration-training-attendance")
def training_attendance_recorded(sender, session, **kwargs):
    claims_follow_session(session)


@receiver(post_save, sender=TrainingSession, dispatch_uid="remuneration-training-session-saved")
def training_session_saved(sender, instance: TrainingSession, created: bool, raw: bool = False, **kwargs):
    """A course day moved (in the admin): the drafts for it follow its date."""
    if not (raw or created):
        claims_follow_session(instance)
