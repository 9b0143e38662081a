"""The cache of rendered public pages and feeds, and the one version key that invalidates it.

Every cached public response (innsyn pages, RSS/Atom, iCal bodies) is stored under the *public version*: a
counter bumped on every save or delete of a model the public surfaces read (cases, papers, meetings, agenda
items, decisions, the audit row every write leaves …). A change — a notice sent, an exemption set, a closed
item — therefore makes the next request render afresh; nothing cached before it can be served again.

The bump happens at once *and* again after the transaction commits: a request that read the old rows while
the change was still uncommitted may have cached them under the first new version, and the second bump
orphans that entry.

The counter lives in the Django cache, so several processes must share one (Redis via CACHE_URL in
production). Without a shared cache in production the page cache is off (SAKSGANG_PUBLIC_CACHE_SECONDS=0).
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "saksgang:public-version"

# Writes that never change what the public sees (and happen on public GETs or log-ins).
_IGNORED = {"sessions.session", "document_templates.generateddocument", "axes.accessattempt", "axes.accesslog",
            "axes.accessfailurelog", "authtoken.token", "admin.logentry", "contenttypes.contenttype"}


def enabled() -> bool:
    return cache_seconds() > 0


def cache_seconds() -> int:
    return int(getattr(settings, "SAKSGANG_PUBLIC_CACHE_SECONDS", 0) or 0)


def public_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh start value, never one an old entry could still be stored under.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY) or 0
    return version


def bump_public_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no counter yet (or evicted): start afresh
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def key(*parts) -> str:
    """A cache key under the current public version (hashed: paths and query strings may be long or odd)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()
    return f"saksgang:public:{public_version()}:{digest}"


def written() -> None:
    """A write the public surfaces read: bump now and again after the commit (see the module's docstring). Saves and
    deletes call it through the signals below; a queryset `update()` that changes what the public sees calls it
    itself (`common.calendar_sequence.bump_sequence`)."""
    bump_public_version()
    transaction.on_commit(bump_public_version)


def _on_write(sender, **kwargs) -> None:
    if kwargs.get("raw") or sender._meta.label_lower in _IGNORED:
        return
    written()


def connect() -> None:
    post_save.connect(_on_write, dispatch_uid="public-cache-save")
    post_delete.connect(_on_write, dispatch_uid="public-cache-delete")
