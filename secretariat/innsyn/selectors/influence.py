"""«Slik kan du påvirke»: members per body, the citizen proposal threshold, open hearings, the next meeting."""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.utils import timezone

from secretariat import access
from secretariat.meetings.models import Meeting
from secretariat.organizations.models import Body, Membership, Organization

from ..models import Hearing, InfluencePage
from .meetings import next_meeting


def citizen_proposal_threshold(population: int | None) -> int | None:
    """koml. § 12-1: a proposal must be treated when signed by 2 % of the residents, but 300 is always enough."""
    if not population:
        return None
    percent = getattr(settings, "SAKSGANG_INNBYGGERFORSLAG_PERCENT", 2)
    cap = getattr(settings, "SAKSGANG_INNBYGGERFORSLAG_MAX", 300)
    return min(math.ceil(population * percent / 100), cap)


def members_by_body(day: dt.date | None = None) -> list[dict]:
    """Current regular members per body, grouped by the list they were elected from."""
    day = day or timezone.localdate()
    memberships = (
        Membership.objects.active_on(day).regular()
        .filter(organization__is_active=True)
        .select_related("person__party", "organization", "electoral_list")
        .order_by("organization__sort_order", "organization__name", "electoral_list__name", "role", "person__family_name")
    )
    bodies: dict[int, dict] = {}
    for m in memberships:
        body = bodies.setdefault(m.organization_id, {"organization": m.organization, "groups": {}})
        group_name = m.electoral_list.name if m.electoral_list else "Oppnevnt"
        body["groups"].setdefault(group_name, []).append({
            "name": m.person.name,
            "role": m.get_role_display(),
            "email": access.public_person_email(m.person),
        })
    return [{"organization": b["organization"], "groups": sorted(b["groups"].items())} for b in bodies.values()]


def influence_page_data() -> dict:
    body = Body.current()
    population = body.population if body else None
    return {
        "page": InfluencePage.current(),
        "body": body,
        "population": population,
        "threshold": citizen_proposal_threshold(population),
        "threshold_cap": getattr(settings, "SAKSGANG_INNBYGGERFORSLAG_MAX", 300),
        "threshold_percent": getattr(settings, "SAKSGANG_INNBYGGERFORSLAG_PERCENT", 2),
        "bodies": members_by_body(),
        "hearings": list(Hearing.objects.open_on().select_related("organization")),
        "next_kommunestyre": next_kommunestyre_meeting(),
    }


def next_kommunestyre_meeting() -> Meeting | None:
    """The kommunestyre's next meeting (the påvirke page and the portal's front page show it)."""
    ks = Organization.objects.filter(organization_type="kommunestyre").order_by("pk").first()
    return next_meeting(ks) if ks is not None else None
