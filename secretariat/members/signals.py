"""A meeting planned (or moved) inside an approved permisjon calls in the member's substitute by itself
(koml. § 7-9): the meetings app knows nothing of permisjoner, so the members app listens."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from secretariat.meetings.models import Meeting

WATCHED = {"start", "state", "organization", "organization_id"}


@receiver(post_save, sender=Meeting, dispatch_uid="members-leave-call-in")
def meeting_saved(sender, instance: Meeting, created: bool, update_fields=None, raw: bool = False, **kwargs):
    if raw or (update_fields is not None and not (WATCHED & set(update_fields))):
        return
    from .leave import leave_call_in_for_meeting

    leave_call_in_for_meeting(instance)
