from celery import shared_task
from django.conf import settings

# Backoff between tries: 30 s, 1 min, 2 min … capped at an hour (settings below); after the last try the message
# stays in the table and beat's `deliver_pending` queues it again (nothing is dropped).
MAX_RETRIES = 8


def backoff(retries: int) -> float:
    base = getattr(settings, "SAKSGANG_ARCHIVE_RETRY_BASE_SECONDS", 30)
    return min(base * 2 ** retries, getattr(settings, "SAKSGANG_ARCHIVE_RETRY_MAX_SECONDS", 3600))


@shared_task(bind=True, name="secretariat.archive.deliver", max_retries=MAX_RETRIES, ignore_result=True)
def deliver_archive_message(self, pk: int) -> str:
    from .delivery import DONE, RETRY, archive_message_deliver, waiting_on

    result = archive_message_deliver(pk=pk)
    if result == RETRY and not self.request.is_eager:
        raise self.retry(countdown=backoff(self.request.retries))
    if result == DONE:  # what waited for this mappe goes now, not at its next backoff or beat's round
        for waiting in waiting_on(pk):
            deliver_archive_message.delay(waiting)
    return result


@shared_task(name="secretariat.archive.deliver_pending", ignore_result=True)
def deliver_pending() -> None:
    from .delivery import deliver_pending_ids

    for pk in deliver_pending_ids():
        deliver_archive_message.delay(pk)
