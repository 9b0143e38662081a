"""Side effects of other lifecycles on documents.

When a body approves its minutes (koml. § 11-4) the protokoll is generated once, in the kommune's
målform, internal and public; from then on generate() returns those stored documents and never
renders them again (the minutes are frozen).
"""

from django.dispatch import receiver

from workflows.engine import transitioned
from workflows.meeting import MeetingState


@receiver(transitioned)
def generate_minutes_on_approval(sender, instance, to_state, actor=None, **kwargs):
    if sender.__name__ != "Meeting" or sender._meta.app_label != "meetings":
        return
    if to_state != MeetingState.PROTOKOLL_GODKJENT:
        return
    from .tasks import queue_generation

    for public in (False, True):
        queue_generation("protokoll", instance, public=public, actor=actor)
