from celery import shared_task

# Backoff between tries: 30 s, 1 min, 2 min … capped at an hour; after the last try the message stays in the
# table and beat's `archive_deliver_pending` picks it up again (nothing is dropped).
MAX_RETRIES = 8


def backoff(retries: int) -> int:
    return min(30 * 2 ** retries, 3600)


@shared_task(bind=True, name="secretariat.archive.deliver", max_retries=MAX_RETRIES, ignore_result=True)
def deliver_archive_message(self, pk: int) -> str:
    from .delivery import RETRY, archive_message_deliver

    result = archive_message_deliver(pk=pk)
    if result == RETRY and not self.request.is_eager:
        raise self.retry(countdown=backoff(self.request.retries))
    return result


@shared_task(name="secretariat.archive.deliver_pending", ignore_result=True)
def deliver_pending() -> None:
    from .delivery import deliver_pending_ids

    for pk in deliver_pending_ids():
        deliver_archive_message.delay(pk)
