"""A worker that starts (e.g. after the broker came back and the worker restarted) relays what waited."""

import logging

from celery.signals import worker_ready

logger = logging.getLogger(__name__)


@worker_ready.connect
def relay_on_start(**kwargs):
    from . import relay

    try:
        sent = relay()
    except Exception:  # noqa: BLE001 - the database may not answer yet; beat tries again within a minute
        logger.exception("Utboksen kunne ikke sendes ved oppstart")
        return
    if sent:
        logger.warning("Sendte %s ventende jobber fra utboksen", sent)
