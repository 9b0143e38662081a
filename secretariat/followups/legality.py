"""Lovlighetskontroll (koml. § 27-1): three or more members of kommunestyret may demand it within 3 weeks of
the decision. The deadline is a setting (check), SAKSGANG_LEGALITY_REVIEW_DAYS, default 21 days."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def legality_review_days() -> int:
    return int(getattr(settings, "SAKSGANG_LEGALITY_REVIEW_DAYS", 21))


def legality_review_deadline(decision) -> dt.date | None:
    """The last day a lovlighetskontroll can be demanded for this decision; None for an innstilling to another
    body: koml. § 27-1 applies to final decisions (vedtak), so only they get the clock (issue 13)."""
    if not decision.is_final:
        return None
    return timezone.localtime(decision.decided_at).date() + dt.timedelta(days=legality_review_days())


def legality_review_open(decision, today: dt.date | None = None) -> bool:
    deadline = legality_review_deadline(decision)
    return deadline is not None and (today or timezone.localdate()) <= deadline
