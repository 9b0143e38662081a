from celery import shared_task


@shared_task(name="secretariat.outbox.relay", ignore_result=True)
def relay_outbox() -> int:
    """Every minute (beat): whatever waited for the broker goes now."""
    from . import relay

    return relay()
