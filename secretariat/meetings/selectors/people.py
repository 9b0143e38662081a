"""Who sits in the meeting's body on the meeting day, the group each votes with, and who may sign the minutes."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from secretariat.organizations.models import Membership

from ..models import Meeting


def meeting_day(meeting: Meeting) -> dt.date:
    return timezone.localtime(meeting.start).date()


def memberships_for(meeting: Meeting) -> QuerySet[Membership]:
    """Every membership (members and substitutes) of the meeting's body on the meeting day."""
    return (
        Membership.objects.filter(organization_id=meeting.organization_id)
        .active_on(meeting_day(meeting))
        .select_related("person", "person__party", "electoral_list")
    )


def members_of(meeting: Meeting) -> list[Membership]:
    return list(memberships_for(meeting).regular().order_by("electoral_list__name", "person__family_name"))


def party_label(membership: Membership) -> str:
    """The group a member votes with: the party they belong to now, else the list they were elected from."""
    party = membership.person.party or membership.electoral_list
    return party.abbreviation if party else "Uavh."

def signer_candidates(meeting: Meeting) -> QuerySet[Membership]:
    """Who may sign the minutes: those who took part in the meeting, members and called-in substitutes alike
    (koml. § 11-4 and the reglement: the protokoll is signed by members who were present)."""
    return (Membership.objects.filter(attendances__meeting=meeting).select_related("person")
            .order_by("person__family_name", "person__given_name").distinct())
