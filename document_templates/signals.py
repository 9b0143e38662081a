"""Side effects of other lifecycles on documents.

When a body approves its minutes (koml. § 11-4) the protokoll is generated once, in the kommune's
målform, internal and public; from then on generate() returns those stored documents and never
renders them again (the minutes are frozen). When the notice is sent and a real Celery worker runs,
the public notice with sakskart is made ready for publishing, PDF included.
"""

from django.dispatch import receiver

from workflows.engine import transitioned
from workflows.meeting import MeetingState


def _worker_running() -> bool:
    """PDF conversion takes seconds: do it ahead only when tasks go to a worker, not in-process."""
    from secretariat.celery import app

    return not app.conf.task_always_eager


@receiver(transitioned)
def generate_meeting_documents(sender, instance, to_state, actor=None, **kwargs):
    if sender._meta.label != "meetings.Meeting":
        return
    from .tasks import queue_generation

    if to_state == MeetingState.PROTOKOLL_GODKJENT:
        for public in (False, True):
            queue_generation("protokoll", instance, public=public, actor=actor, pdf=public and _worker_running())
    elif to_state == MeetingState.INNKALT and _worker_running():
        queue_generation("innkalling", instance, public=True, actor=actor, pdf=True)
