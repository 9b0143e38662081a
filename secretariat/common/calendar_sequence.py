"""The one owner of the calendar SEQUENCE (RFC 5545 § 3.8.7.4) of meetings and weddings.

A calendar client only replaces its copy of an event when SEQUENCE grows, so every change a subscriber
cares about bumps it — through `bump_sequence`, whichever path made the change (a service, a workflow step,
a signal for a plain `save()`). It bumps in the database (F() + 1), so two changes at once both count and a
stale instance can never lower it.
"""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from secretariat.common import public_cache


def bump_sequence(obj) -> int:
    """Raise `obj`'s calendar SEQUENCE by one in the database and on the instance; returns the new value."""
    model = type(obj)
    values = {"sequence": F("sequence") + 1}
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        values["updated_at"] = timezone.now()
    model.objects.filter(pk=obj.pk).update(**values)
    # An update() sends no post_save: the public version moves here, so that a feed answered from the version
    # alone (calendars.views, a 304) cannot outlive a change of SEQUENCE.
    public_cache.written()
    obj.sequence = model.objects.filter(pk=obj.pk).values_list("sequence", flat=True).first() or 0
    return obj.sequence


def current_sequence(obj) -> int:
    """The stored SEQUENCE: a save of a stale instance must never write a lower one."""
    if obj.pk is None:
        return obj.sequence or 0
    stored = type(obj).objects.filter(pk=obj.pk).values_list("sequence", flat=True).first() or 0
    return max(stored, obj.sequence or 0)
