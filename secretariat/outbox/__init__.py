"""The transactional outbox for Celery tasks (issue 17, part 6: Redis down, nothing lost).

`enqueue(task, *args, **kwargs)` replaces `transaction.on_commit(lambda: task.delay(...))`. With a broker, the task
is written to the `OutboxMessage` table in the caller's transaction (so it exists exactly when the change does),
published right after the commit, and deleted once the broker has it. When the broker is down the request is still
served: the row stays, and `relay()` publishes it when the broker is back — every minute from beat, when a worker
starts, and from `manage.py relay_outbox`. A task may so reach the worker twice (published, then the process died
before the row was deleted); tasks are written to be idempotent, and the message carries the row's id as task id.

Without a broker (the demo, tasks in-process) the task runs after the commit, as before.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


def _eager() -> bool:
    from secretariat.celery import app

    return bool(app.conf.task_always_eager or getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False))


def enqueue(task, *args, **kwargs) -> None:
    if _eager():
        transaction.on_commit(lambda: task.apply_async(args=args, kwargs=kwargs))
        return
    from .models import OutboxMessage

    message = OutboxMessage.objects.create(task=task.name, args=list(args), kwargs=kwargs)
    transaction.on_commit(lambda: publish(message.pk))


def publish(pk: int) -> bool:
    """Hand one waiting task to the broker; never raises (the caller's request must not fail)."""
    from .models import OutboxMessage

    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
        if message is None:  # already sent by a relay, or locked by one right now
            return True
        return _send(message)


def _send(message) -> bool:
    from secretariat.celery import app

    try:
        app.tasks[message.task].apply_async(args=message.args, kwargs=message.kwargs, retry=False,
                                            task_id=f"outbox-{message.pk}")
    except Exception as exc:  # noqa: BLE001 - a broker problem of any kind: keep the row, try again later
        message.attempts += 1
        message.last_error = f"{type(exc).__name__}: {exc}"[:500]
        message.save(update_fields=["attempts", "last_error"])
        logger.warning("Køen svarer ikke; %s venter i utboksen (%s)", message, message.last_error)
        return False
    message.delete()
    return True


def relay(limit: int = 500) -> int:
    """Publish what waits, oldest first; stops at the first broker failure. Returns how many went."""
    from .models import OutboxMessage

    sent = 0
    with transaction.atomic():
        for message in OutboxMessage.objects.select_for_update(skip_locked=True).order_by("pk")[:limit]:
            if not _send(message):
                break
            sent += 1
    return sent


def pending() -> int:
    from .models import OutboxMessage

    return OutboxMessage.objects.count()
