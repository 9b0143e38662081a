"""seed_scale's bulk-insert helpers: historical timestamps and COPY."""

from __future__ import annotations

import contextlib

from django.utils import timezone

from .config import BATCH


@contextlib.contextmanager
def historical_timestamps(*models):
    """bulk_create would stamp auto_now(_add) fields with today; ten years of history needs their own times."""
    saved = []
    for model in models:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False

                def pre_save(instance, add, f=f):
                    # A time the seed did not give (e.g. a later `updated_at`) follows the row's creation time.
                    value = getattr(instance, f.attname)
                    if value is None:
                        value = getattr(instance, "created_at", None) or timezone.now()
                        setattr(instance, f.attname, value)
                    return value

                f.pre_save = pre_save
    try:
        yield
    finally:
        for f, now, now_add in saved:
            f.auto_now, f.auto_now_add = now, now_add
            del f.pre_save  # back to the class's method


def bulk_insert(model, objs) -> None:
    """Insert rows nobody needs the primary keys of: COPY on PostgreSQL (the audit trail and the document rows
    are the two largest tables), bulk_create elsewhere."""
    from django.db import connection

    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, batch_size=BATCH)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields])
