"""Celery tasks: documents are generated and converted outside the request, queued after commit."""

from __future__ import annotations

from celery import shared_task
from django.contrib.auth import get_user_model

from secretariat.outbox import enqueue

from . import registry
from .models import GeneratedDocument
from .pdf import ensure_pdf


@shared_task
def generate_document(kind: str, object_id: int, *, public: bool = False, maalform: str | None = None,
                      actor_id: int | None = None, pdf: bool = False) -> int:
    obj = registry.get_object(kind, object_id)
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    doc = registry.generate(kind, obj, actor=actor, public=public, maalform=maalform)
    if pdf:
        ensure_pdf(doc)
    return doc.pk


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def convert_to_pdf(document_id: int) -> int:
    ensure_pdf(GeneratedDocument.objects.get(pk=document_id))
    return document_id


def queue_generation(kind: str, obj, *, public: bool = False, maalform: str | None = None, actor=None,
                     pdf: bool = False) -> None:
    """Queue generation to run after the current transaction commits (immediately outside one)."""
    registry.get_kind(kind)
    maalform = registry.resolve_maalform(maalform)
    actor_id = getattr(actor, "pk", None)
    enqueue(generate_document, kind, obj.pk, public=public, maalform=maalform, actor_id=actor_id, pdf=pdf)
