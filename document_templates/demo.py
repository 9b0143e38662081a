"""Demo: a few of the secretariat's own klarspråk words, and pre-generated documents (idempotent)."""

from __future__ import annotations

import logging

from .models import JargonTerm

log = logging.getLogger(__name__)

EXTRA_JARGON = [
    ("tjenesteyting", "tjenester"),
    ("saksbehandlingstid", "hvor lang tid det tar"),
    ("kapasitetsøkning", "flere plasser"),
]


def seed(ctx) -> None:
    for phrase, suggestion in EXTRA_JARGON:
        JargonTerm.objects.get_or_create(phrase=phrase, defaults={"suggestion": suggestion})
    from django.db import transaction

    from . import registry

    maalform = ctx.body.maalform
    # The minutes of held meetings whose minutes are approved: stored once and frozen from then on.
    for meeting in list(ctx.meetings.get("past", {}).values())[:2]:
        for kind in ("protokoll", "innkalling"):
            try:
                if kind == "protokoll" and not registry.get_kind(kind).is_frozen(meeting):
                    continue
                with transaction.atomic():  # a savepoint: seed_demo runs in one transaction
                    registry.generate(kind, meeting, maalform=maalform)
            except Exception as exc:  # noqa: BLE001 - the demo must start even if one document cannot be made
                log.warning("Demo: kunne ikke lage %s for %s: %s", kind, meeting, exc)
