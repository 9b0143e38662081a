"""The public iCalendar feeds under /ical/. Conditional requests answer 304 (ETag / Last-Modified)."""

from __future__ import annotations

import hashlib

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

from secretariat.organizations.models import Organization

from . import ics, selectors
from .personal import personal_items

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _feed_response(request, *, meetings, extra_events=(), name: str, description: str = "", private: bool = False):
    meetings = list(meetings)
    events = [ics.meeting_event(m) for m in meetings] + [ics.event_from_data(e) for e in extra_events]
    body = ics.build_calendar(events, name=name, description=description).to_ical()
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    stamps = [m.updated_at for m in meetings] + [e["last_modified"] for e in extra_events if e.get("last_modified")]
    last_modified = max(stamps) if stamps else None
    last_modified_ts = int(last_modified.timestamp()) if last_modified else None
    # Django's parser ignores a malformed If-None-Match (no match → a normal 200), never an error.
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified_ts)
    response = conditional or HttpResponse(body, content_type=CONTENT_TYPE)
    response["ETag"] = etag
    if last_modified_ts:
        response["Last-Modified"] = http_date(last_modified_ts)
    if private:
        patch_cache_control(response, private=True, max_age=300)
        response["X-Robots-Tag"] = "noindex"
    else:
        patch_cache_control(response, public=True, max_age=300)
    if conditional is None:
        filename = "moter.ics"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def public_feed(request):
    from secretariat.organizations.models import Body

    body = Body.current()
    kommune = body.name if body else "Kommunen"
    return _feed_response(request, meetings=selectors.public_meetings(), name=f"{kommune} – politiske møter",
                          description="Alle møter i folkevalgte organer")


@require_safe
def organization_feed(request, slug: str):
    organization = get_object_or_404(Organization, slug=slug, is_active=True)
    return _feed_response(request, meetings=selectors.organization_meetings(organization),
                          name=f"{organization.name} – møter")


@require_safe
def personal_feed(request, token: str):
    person = selectors.person_for_token(token)
    if person is None:
        raise Http404("Ukjent eller tilbakekalt kalenderlenke.")
    meetings, events = personal_items(person)
    ids = [m.pk for m in meetings]
    meetings = selectors.meetings_for_feed().filter(pk__in=ids)
    return _feed_response(request, meetings=meetings, extra_events=events, name=f"Mine møter – {person.name}",
                          private=True)
