"""Celery tasks: push a meeting to the CalDAV server after it is created, changed or cancelled."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from secretariat.outbox import enqueue

from . import caldav_sync

logger = logging.getLogger(__name__)


def retry_delay(retries: int) -> int:
    """Exponential backoff: base, 2×base, 4×base … capped (seconds)."""
    base = getattr(settings, "SAKSGANG_CALDAV_RETRY_BASE_SECONDS", 30)
    cap = getattr(settings, "SAKSGANG_CALDAV_RETRY_MAX_SECONDS", 3600)
    return int(min(cap, base * (2 ** retries)))


@shared_task(bind=True, max_retries=12, acks_late=True, name="calendars.push_meeting")
def push_meeting(self, meeting_id: int) -> str:
    try:
        report = caldav_sync.push_meeting(meeting_id)
    except caldav_sync.CalDAVError as exc:
        if not exc.retry:
            logger.error("CalDAV: %s", exc.message)
            return f"feil: {exc.message}"
        if self.request.is_eager or self.request.called_directly:
            # In-process (demo, no broker): nothing to wait on; the state is untouched, so the next
            # push or `sync_caldav` writes it.
            logger.warning("CalDAV: %s (sendes ved neste synkronisering)", exc.message)
            return f"venter: {exc.message}"
        raise self.retry(exc=exc, countdown=retry_delay(self.request.retries)) from exc
    return str(report)


@shared_task(bind=True, max_retries=12, acks_late=True, name="calendars.delete_event")
def delete_event(self, href: str) -> str:
    try:
        caldav_sync.delete_event(href)
    except caldav_sync.CalDAVError as exc:
        if not exc.retry or self.request.is_eager or self.request.called_directly:
            logger.warning("CalDAV: %s (fjernes ved neste synkronisering)", exc.message)
            return f"venter: {exc.message}"
        raise self.retry(exc=exc, countdown=retry_delay(self.request.retries)) from exc
    return "slettet"


def queue_delete(href: str) -> None:
    if not caldav_sync.is_configured():
        return
    try:
        enqueue(delete_event, href)
    except Exception:
        logger.exception("Kunne ikke legge sletting av %s i køen", href)


@shared_task(name="calendars.reconcile")
def reconcile() -> str:
    """Hourly safety net (Celery beat): whatever a push could not deliver, even after its retries, goes now."""
    if not caldav_sync.is_configured():
        return "CALDAV_URL er ikke satt"
    try:
        return str(caldav_sync.reconcile())
    except caldav_sync.CalDAVError as exc:
        logger.warning("CalDAV: %s", exc.message)
        return f"feil: {exc.message}"


def queue_push(meeting_id: int) -> None:
    """Queue a push (called from transaction.on_commit). Never lets a broker problem break the caller."""
    if not caldav_sync.is_configured():
        return
    try:
        enqueue(push_meeting, meeting_id)
    except Exception:
        logger.exception("Kunne ikke legge CalDAV-oppdatering for møte %s i køen", meeting_id)
