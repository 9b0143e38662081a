"""What a locked-out log-in gets, and the fagleder's view and release of lockouts (issue 12)."""

from __future__ import annotations

import datetime as dt

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from workflows.actions import AuditAction
from workflows.engine import audit

LOCKED_MESSAGE = ("For mange mislykkede innlogginger. Innloggingen er sperret i {minutes} minutter. "
                  "Prøv igjen senere, eller be fagleder om å låse opp brukeren.")
LOCKED_CODE = "innlogging_sperret"


def cooloff() -> dt.timedelta:
    return get_cool_off() or dt.timedelta(0)


def locked_message() -> str:
    return LOCKED_MESSAGE.format(minutes=max(1, round(cooloff().total_seconds() / 60)))


def lockout_response(request, original_response=None, credentials=None):
    """axes' AXES_LOCKOUT_CALLABLE: JSON on the API (status 429, as the throttles), else the lockout page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": locked_message(), "code": LOCKED_CODE}, status=429)
    return render(request, "registration/locked_out.html", {"message": locked_message()}, status=429)


def locked_attempts():
    """The user name + address pairs locked out now (failures at the limit within the cool-off)."""
    since = timezone.now() - cooloff()
    return (AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
                                         attempt_time__gte=since)
            .order_by("-attempt_time"))


def unlock(*, actor, attempt_id: int) -> str | None:
    """Lift one lockout (all failures of that user name from that address); audited. Returns the user name, or
    None when there was no such lockout (already lifted or expired)."""
    with transaction.atomic():
        attempt = AccessAttempt.objects.select_for_update().filter(pk=attempt_id).first()
        if attempt is None:
            return None
        username = attempt.username or ""
        user = get_user_model().objects.filter(username=username).first() if username else None
        # Audited on the user when the name is one; a guessed name has only the attempt row to point at.
        audit(user or attempt, actor=actor, action=AuditAction.LOGIN_UNLOCKED, action_label="Innlogging låst opp",
              changes={"brukernavn": username, "adresse": attempt.ip_address or "",
                       "mislykkede forsøk": attempt.failures_since_start})
        AccessAttempt.objects.filter(username=attempt.username, ip_address=attempt.ip_address).delete()
    return username
