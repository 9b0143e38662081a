"""Helpers shared by the meetings API's viewsets: look up a member or an agenda item of the meeting from an id in
the input (a 400 with a Norwegian message when it is not one of the meeting's)."""

from __future__ import annotations

from rest_framework import serializers

from secretariat.common.parsing import int_or
from secretariat.organizations.models import Membership

from ..models import AgendaItem, Meeting


def membership_from_input(meeting: Meeting, value, field: str, required: bool = True) -> Membership | None:
    """A membership of the meeting's body by id, or a 400 on `field`."""
    if value in (None, ""):
        if required:
            raise serializers.ValidationError({field: ["Oppgi et medlemskap (id)."]})
        return None
    membership = Membership.objects.filter(pk=int_or(value), organization=meeting.organization).first()
    if membership is None:
        raise serializers.ValidationError({field: ["Ukjent medlem av organet."]})
    return membership


def agenda_item_from_input(meeting: Meeting, value, field: str = "item") -> AgendaItem | None:
    """An agenda item of this meeting by id (None when not given), or a 400 on `field`."""
    if value in (None, ""):
        return None
    item = meeting.agenda_items.filter(pk=int_or(value)).first()
    if item is None:
        raise serializers.ValidationError({field: ["Ukjent sak på sakslisten."]})
    return item
