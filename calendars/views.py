"""The public iCalendar feeds under /ical/. Conditional requests answer 304 (ETag / Last-Modified)."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

from secretariat.common import public_cache
from secretariat.organizations.models import Organization

from . import ics, selectors
from .personal import personal_items

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _validators_key(scope: str) -> str:
    """Where a public feed's last ETag and Last-Modified are kept: under the public version (every write the feeds
    read moves it, `common.public_cache`) and the day (the public feed's window moves with it)."""
    return public_cache.key("ical-validators", scope, timezone.localdate())


def _not_modified(request, validators_key: str):
    """A 304 from the cache alone, before any query: the ETag this feed had under the current public version. Asked
    for the public and the per-body feeds, which need neither a session nor the database to answer it."""
    if not ("If-None-Match" in request.headers or "If-Modified-Since" in request.headers):
        return None
    known = cache.get(validators_key)
    if known is None:
        return None
    etag, last_modified_ts = known
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified_ts)
    if conditional is None or conditional.status_code != 304:
        return None
    return _finish(conditional, etag, last_modified_ts, private=False, full=False)


def _feed_response(request, *, meetings, extra_events=(), name: str, description: str = "", private: bool = False,
                   scope: str = "", validators_key: str | None = None):
    """The feed, or 304. With the public cache on (a shared cache), the ETag is a cheap version key — the public
    version (bumped on every write the feeds read), the feed's scope and an aggregate of its meetings (count,
    newest change, highest SEQUENCE) — checked against If-None-Match *before* anything is built; the body is
    then cached under that key, and the ETag under `validators_key` for `_not_modified`. Without it, the ETag is
    the hash of the built body."""
    version = None
    if public_cache.enabled():
        stats = meetings.aggregate(n=Count("pk"), changed=Max("updated_at"), seq=Max("sequence"), ids=Sum("pk"))
        stamps = [stats["changed"]] + [e.get("last_modified") for e in extra_events]
        stamps = [s for s in stamps if s is not None]
        last_modified = max(stamps) if stamps else None
        extra = hashlib.sha256(repr(sorted((e.get("uid"), e.get("sequence"), str(e.get("last_modified")))
                                           for e in extra_events)).encode()).hexdigest()
        version = public_cache.key("ical", scope, timezone.localdate(), stats["n"], stats["changed"], stats["seq"],
                                   stats["ids"], extra)
        etag = quote_etag(hashlib.sha256(version.encode()).hexdigest()[:32])
        last_modified_ts = int(last_modified.timestamp()) if last_modified else None
        if validators_key is not None:
            cache.set(validators_key, (etag, last_modified_ts), public_cache.cache_seconds())
        conditional = get_conditional_response(request, etag=etag, last_modified=last_modified_ts)
        if conditional is not None:
            return _finish(conditional, etag, last_modified_ts, private=private, full=False)
        body = cache.get(version)
        if body is None:
            body = _build_body(meetings, extra_events, name=name, description=description)
            cache.set(version, body, public_cache.cache_seconds())
        return _finish(HttpResponse(body, content_type=CONTENT_TYPE), etag, last_modified_ts, private=private)
    meetings = list(meetings)
    body = _build_body(meetings, extra_events, name=name, description=description)
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    stamps = [m.updated_at for m in meetings] + [e["last_modified"] for e in extra_events if e.get("last_modified")]
    last_modified = max(stamps) if stamps else None
    last_modified_ts = int(last_modified.timestamp()) if last_modified else None
    # Django's parser ignores a malformed If-None-Match (no match → a normal 200), never an error.
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified_ts)
    return _finish(conditional or HttpResponse(body, content_type=CONTENT_TYPE), etag, last_modified_ts,
                   private=private, full=conditional is None)


def _build_body(meetings, extra_events, *, name: str, description: str) -> bytes:
    events = [ics.meeting_event_data(m) for m in selectors.with_feed_agenda(meetings)] + list(extra_events)
    return ics.calendar_bytes(events, name=name, description=description, cached=public_cache.enabled())


def _finish(response, etag, last_modified_ts, *, private: bool, full: bool = True):
    response["ETag"] = etag
    if last_modified_ts:
        response["Last-Modified"] = http_date(last_modified_ts)
    if private:
        patch_cache_control(response, private=True, max_age=300)
        response["X-Robots-Tag"] = "noindex"
    else:
        patch_cache_control(response, public=True, max_age=300)
    if full:
        response["Content-Disposition"] = 'inline; filename="moter.ics"'
    return response


# The public and per-body feeds read no session and no user: a calendar client's 304 is answered from the cache
# (`_not_modified`) before the body, the organization or the version aggregate is looked up.

@require_safe
def public_feed(request):
    from secretariat.organizations.models import Body

    validators_key = _validators_key("public") if public_cache.enabled() else None
    if validators_key is not None and (response := _not_modified(request, validators_key)) is not None:
        return response
    body = Body.current()
    kommune = body.name if body else "Kommunen"
    return _feed_response(request, meetings=selectors.public_meetings(), name=f"{kommune} – politiske møter",
                          description="Alle møter i folkevalgte organer", scope="public",
                          validators_key=validators_key)


@require_safe
def organization_feed(request, slug: str):
    # Keyed by the slug from the URL: an organization renamed, moved or made inactive is a write, so under the new
    # public version nothing is known and the lookup below runs (and answers 404 for an inactive one).
    validators_key = _validators_key(f"org-slug-{slug}") if public_cache.enabled() else None
    if validators_key is not None and (response := _not_modified(request, validators_key)) is not None:
        return response
    organization = get_object_or_404(Organization, slug=slug, is_active=True)
    return _feed_response(request, meetings=selectors.organization_meetings(organization),
                          name=f"{organization.name} – møter", scope=f"org-{organization.pk}",
                          validators_key=validators_key)


@require_safe
def personal_feed(request, token: str):
    person = selectors.person_for_token(token)
    if person is None:
        raise Http404("Ukjent eller tilbakekalt kalenderlenke.")
    meetings, events = personal_items(person)
    ids = [m.pk for m in meetings]
    meetings = selectors.meetings_for_feed().filter(pk__in=ids)
    return _feed_response(request, meetings=meetings, extra_events=events, name=f"Mine møter – {person.name}",
                          private=True, scope=f"person-{person.pk}")
