"""The hold a public booking has on its slot (issue 12): it lasts settings.WEDDING_HOLD_MINUTES unless the couple
confirms the booking with the signed link we e-mail them; an expired hold is released (deleted).

The token names the wedding by its calendar UID and is signed with SECRET_KEY; it is valid as long as the hold.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from workflows.wedding import WeddingState

from .models import Wedding

SALT = "saksgang.weddings.booking-confirm"


def hold_period() -> dt.timedelta:
    return dt.timedelta(minutes=settings.WEDDING_HOLD_MINUTES)


def make_token(wedding) -> str:
    return signing.dumps(str(wedding.uid), salt=SALT, compress=True)


def read_token(token: str) -> str | None:
    """The wedding UID in a token that is genuine and not older than the hold, else None."""
    try:
        return signing.loads(token, salt=SALT, max_age=hold_period())
    except signing.BadSignature:  # includes SignatureExpired
        return None


def confirm_url(wedding) -> str:
    return settings.SAKSGANG_BASE_URL.rstrip("/") + reverse("weddings:book_confirm", args=[make_token(wedding)])


def release_expired_holds(now=None) -> int:
    """Delete public bookings that were not confirmed from the e-mail in time: their slot is free again. They never
    became requests (nothing audited, nobody told), so nothing of them is kept."""
    now = now or timezone.now()
    deleted, _ = Wedding.objects.filter(state=WeddingState.FORESPURT, email_confirmed_at__isnull=True,
                                        hold_expires_at__lte=now).delete()
    return deleted
