"""Lovlighetskontroll (koml. § 27-1): three or more members of kommunestyret may demand it within 3 weeks of
the decision. The deadline is a setting (check), SAKSGANG_LEGALITY_REVIEW_DAYS, default 21 days. Who may sign:
the regular members of kommunestyret on the day of the demand (`legality_signer_choices`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from secretariat.organizations.models import Membership, OrganizationType


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


def legality_signer_choices(day: dt.date | None = None):
    """The memberships that may sign a demand on `day`: regular members (leder, nestleder, medlem) of kommunestyret
    whose membership is active that day. «Tre eller flere medlemmer av kommunestyret» (koml. § 27-1 (1)): a
    varamedlem is a member only while meeting in a member's place, so substitutes are not offered."""
    day = day or timezone.localdate()
    return (Membership.objects.active_on(day).regular()
            .filter(organization__organization_type=OrganizationType.KOMMUNESTYRE, organization__is_active=True)
            .select_related("person", "electoral_list", "organization")
            .order_by("person__family_name", "person__given_name", "pk"))
