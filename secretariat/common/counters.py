"""Numbers that must never be given twice under concurrency (agenda numbers, template versions): one locked
counter row per series, read and raised inside the caller's transaction."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max, Model, QuerySet


def next_in_series(counter_model: type[Model], field: str, *, series: dict, taken: QuerySet, taken_field: str) -> int:
    """Raise the `field` of the counter row for `series` (created if missing) and return it. Call inside the
    transaction that saves the numbered row: the counter stays locked until it commits, so a concurrent caller waits
    and takes the number after. `taken` are the rows already numbered in the series (by `taken_field`): numbers
    given before the counter existed are never given again."""
    with transaction.atomic():
        # Create the row if it is missing; a concurrent creator waits on the unique index instead of failing.
        counter_model.objects.bulk_create([counter_model(**series)], ignore_conflicts=True)
        counter = counter_model.objects.select_for_update().get(**series)
        highest = taken.aggregate(n=Max(taken_field))["n"] or 0
        setattr(counter, field, max(getattr(counter, field), highest) + 1)
        counter.save(update_fields=[field])
        return getattr(counter, field)
