"""Pushing meetings to the kommune's CalDAV server (settings.CALDAV_URL), one calendar per organization.

Idempotent by design: for every meeting we keep what was last written (`MeetingSyncState`: href,
SEQUENCE, content hash, ETag), and write only when the event we would write differs from it or the
server no longer has it. The state is updated only after the server accepted the PUT, so a server
that is down or answers 5xx loses nothing: the next push (a Celery retry) or `sync_caldav` writes it.

Every HTTP request goes through `CountingDAVClient`, so the number of PUTs a run made is known
(`REQUEST_COUNTS`, and the `SyncReport` a run returns).
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from caldav import DAVClient
from caldav.lib import error as caldav_error
from django.conf import settings
from django.utils import timezone

from secretariat.meetings.models import Meeting
from secretariat.organizations.models import Organization

from . import ics
from .models import CalDAVCalendar, MeetingSyncState, SyncErrorKind, SyncStatus

logger = logging.getLogger(__name__)

# Requests per HTTP method since the process started (the benchmark and tests read it).
REQUEST_COUNTS: Counter = Counter()


class CalDAVError(Exception):
    kind = SyncErrorKind.SERVER
    retry = True

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CalDAVNotConfigured(CalDAVError):
    kind = SyncErrorKind.NOT_CONFIGURED
    retry = False


class CalDAVAuthError(CalDAVError):
    kind = SyncErrorKind.AUTH
    retry = False  # a wrong password does not fix itself; report it instead


class CalDAVUnavailable(CalDAVError):
    kind = SyncErrorKind.UNREACHABLE


class CalDAVServerError(CalDAVError):
    kind = SyncErrorKind.SERVER


@dataclass
class SyncReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    requests: Counter = field(default_factory=Counter)

    @property
    def puts(self) -> int:
        return self.requests.get("PUT", 0)

    def __str__(self) -> str:
        return (f"{self.created} nye, {self.updated} endret, {self.unchanged} uendret, {self.deleted} slettet "
                f"({self.puts} PUT)")


class CountingDAVClient(DAVClient):
    def __init__(self, *args, counter: Counter | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.counter = counter if counter is not None else Counter()

    def request(self, url, method="GET", body="", headers=None, rate_limit_time_slept=0):
        method = method.upper()
        self.counter[method] += 1
        REQUEST_COUNTS[method] += 1
        return super().request(url, method, body, headers, rate_limit_time_slept)


def is_configured() -> bool:
    return bool(getattr(settings, "CALDAV_URL", ""))


def server_label() -> str:
    return getattr(settings, "CALDAV_URL", "") or "(ikke satt)"


class Connection:
    """One conversation with the server: translates every failure into a CalDAVError with a clear message."""

    def __init__(self, counter: Counter | None = None):
        url = getattr(settings, "CALDAV_URL", "")
        if not url:
            raise CalDAVNotConfigured("CALDAV_URL er ikke satt, så møtene sendes ikke til en kalenderserver.")
        if urlsplit(url).scheme not in ("http", "https"):
            raise CalDAVNotConfigured(f"CALDAV_URL «{url}» er ikke en http- eller https-adresse.")
        self.url = url if url.endswith("/") else url + "/"
        self.counter = counter if counter is not None else Counter()
        timeout = getattr(settings, "SAKSGANG_CALDAV_TIMEOUT", 15)
        self.client = CountingDAVClient(
            url=self.url, username=getattr(settings, "CALDAV_USERNAME", "") or None,
            password=getattr(settings, "CALDAV_PASSWORD", "") or None, timeout=timeout,
            require_tls=False, enable_rfc6764=False, rate_limit_handle=False, counter=self.counter,
        )

    def request(self, url: str, method: str, body: str | bytes = "", headers: dict | None = None):
        try:
            response = self.client.request(url, method, body, headers or {})
        except caldav_error.AuthorizationError as exc:
            raise CalDAVAuthError(
                f"Kalenderserveren på {server_label()} avviste innloggingen for brukeren "
                f"«{getattr(settings, 'CALDAV_USERNAME', '')}». Sjekk CALDAV_USERNAME og CALDAV_PASSWORD."
            ) from exc
        except caldav_error.RateLimitError as exc:
            raise CalDAVUnavailable(f"Kalenderserveren på {server_label()} er overbelastet; prøver igjen.") from exc
        except caldav_error.DAVError as exc:
            raise CalDAVServerError(f"Kalenderserveren på {server_label()} svarte med en feil: {exc}") from exc
        except Exception as exc:  # niquests connection errors, DNS, timeouts, refused connections
            raise CalDAVUnavailable(
                f"Får ikke kontakt med kalenderserveren på {server_label()} ({type(exc).__name__}). "
                "Sjekk at CALDAV_URL er riktig og at serveren kjører."
            ) from exc
        if response.status in (401, 403):
            raise CalDAVAuthError(f"Kalenderserveren på {server_label()} avviste innloggingen ({response.status}).")
        if response.status >= 500:
            raise CalDAVServerError(
                f"Kalenderserveren på {server_label()} svarte {response.status}; prøver igjen senere."
            )
        return response

    def check(self) -> None:
        """Fail early with a clear message (auth, unreachable) before doing any work."""
        self.request(self.url, "PROPFIND", _PROPFIND_BODY, {"Depth": "0", "Content-Type": "application/xml"})

    def calendar_url(self, organization: Organization) -> str:
        known = CalDAVCalendar.objects.filter(organization=organization).first()
        if known:
            response = self.request(known.url, "PROPFIND", _PROPFIND_BODY,
                                    {"Depth": "0", "Content-Type": "application/xml"})
            if response.status in (200, 207):
                return known.url
            known.delete()  # gone from the server: make it again
        url = self._make_calendar(organization)
        CalDAVCalendar.objects.update_or_create(organization=organization, defaults={"url": url})
        return url

    def _make_calendar(self, organization: Organization) -> str:
        self.check()  # a clear auth/5xx/unreachable error before the library's discovery
        try:
            principal = self.client.principal()
            home = str(principal.calendar_home_set.url)
        except caldav_error.AuthorizationError as exc:
            raise CalDAVAuthError(
                f"Kalenderserveren på {server_label()} avviste innloggingen. Sjekk CALDAV_USERNAME og CALDAV_PASSWORD."
            ) from exc
        except CalDAVError:
            raise
        except caldav_error.DAVError as exc:
            raise CalDAVServerError(
                f"Kalenderserveren på {server_label()} svarte med en feil da kalenderen skulle finnes: {exc}"
            ) from exc
        except Exception as exc:
            raise CalDAVUnavailable(
                f"Får ikke kontakt med kalenderserveren på {server_label()} ({type(exc).__name__})."
            ) from exc
        url = urljoin(home if home.endswith("/") else home + "/", f"saksgang-{organization.slug}/")
        response = self.request(url, "PROPFIND", _PROPFIND_BODY, {"Depth": "0", "Content-Type": "application/xml"})
        if response.status in (200, 207):
            return url
        body = _MKCALENDAR_BODY.format(name=_xml_escape(organization.name))
        response = self.request(url, "MKCALENDAR", body, {"Content-Type": "application/xml"})
        if response.status not in (200, 201):
            raise CalDAVServerError(
                f"Kunne ikke opprette kalenderen for {organization} på {url} (svar {response.status})."
            )
        return url

    def list_etags(self, calendar_url: str) -> dict[str, str]:
        """href path → ETag of every resource in the calendar (one PROPFIND)."""
        response = self.request(calendar_url, "PROPFIND", _PROPFIND_BODY,
                                {"Depth": "1", "Content-Type": "application/xml"})
        if response.status not in (200, 207):
            raise CalDAVServerError(f"Kunne ikke lese kalenderen {calendar_url} (svar {response.status}).")
        result = {}
        base_path = urlsplit(calendar_url).path
        root = ET.fromstring(response.raw.encode() if isinstance(response.raw, str) else response.raw)
        for resp in root.iter("{DAV:}response"):
            href = resp.findtext("{DAV:}href") or ""
            path = urlsplit(href).path
            if path.rstrip("/") == base_path.rstrip("/"):
                continue
            etag = resp.findtext(".//{DAV:}getetag") or ""
            result[path] = etag
        return result

    def put(self, url: str, data: bytes) -> str:
        response = self.request(url, "PUT", data, {"Content-Type": "text/calendar; charset=utf-8"})
        if response.status not in (200, 201, 204):
            raise CalDAVServerError(f"Kalenderserveren godtok ikke møtet ({response.status}): {response.raw[:200]}")
        return response.headers.get("ETag", "") or ""

    def delete(self, url: str) -> None:
        response = self.request(url, "DELETE")
        if response.status not in (200, 204, 404):
            raise CalDAVServerError(f"Kunne ikke slette {url} (svar {response.status}).")


_PROPFIND_BODY = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>'
)
_MKCALENDAR_BODY = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop>'
    "<d:displayname>{name}</d:displayname>"
    "<c:supported-calendar-component-set><c:comp name=\"VEVENT\"/></c:supported-calendar-component-set>"
    "</d:prop></d:set></c:mkcalendar>"
)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def event_href(calendar_url: str, meeting: Meeting) -> str:
    return urljoin(calendar_url, f"{meeting.uid}.ics")


def _push(conn: Connection, calendar_url: str, meeting: Meeting, server_etags: dict[str, str] | None,
          report: SyncReport) -> None:
    data = ics.single_event_calendar(meeting)
    digest = ics.content_hash(data)
    href = event_href(calendar_url, meeting)
    try:
        state = meeting.caldav_state  # select_related by reconcile; one query otherwise
    except MeetingSyncState.DoesNotExist:
        state = None
    if state and state.content_hash == digest and state.href == href:
        if server_etags is None:
            report.unchanged += 1
            return
        on_server = server_etags.get(urlsplit(href).path)
        if on_server is not None and (not state.etag or not on_server or on_server == state.etag):
            report.unchanged += 1
            return
    etag = conn.put(href, data)
    # Only now, after the server accepted it, do we record what it has.
    MeetingSyncState.objects.update_or_create(
        meeting=meeting,
        defaults={"href": href, "sequence": meeting.sequence, "content_hash": digest, "etag": etag,
                  "pushed_at": timezone.now()},
    )
    if state is None:
        report.created += 1
    else:
        report.updated += 1


def _record(error: CalDAVError | None, *, success: bool) -> None:
    status = SyncStatus.current()
    now = timezone.now()
    status.last_attempt_at = now
    if success:
        status.last_success_at = now
        status.error_kind = SyncErrorKind.NONE
        status.message = ""
    elif error is not None:
        status.error_kind = error.kind
        status.message = error.message
    status.pending = pending_count()
    status.save()


def pending_count() -> int:
    """Meetings whose latest SEQUENCE has not reached the server yet."""
    from django.db.models import F, Q

    return (
        Meeting.objects.filter(organization__is_active=True)
        .filter(Q(caldav_state__isnull=True) | Q(caldav_state__sequence__lt=F("sequence")))
        .count()
    )


def push_meeting(meeting_id: int) -> SyncReport:
    """Write one meeting to its organization's calendar if it changed. Raises CalDAVError on failure."""
    report = SyncReport()
    meeting = Meeting.objects.select_related("organization").filter(pk=meeting_id).first()
    if meeting is None:
        return report
    conn = Connection(counter=report.requests)
    try:
        calendar_url = conn.calendar_url(meeting.organization)
        _push(conn, calendar_url, meeting, None, report)
    except CalDAVError as exc:
        _record(exc, success=False)
        raise
    _record(None, success=True)
    return report


def delete_event(href: str) -> None:
    """Remove one event (its meeting was deleted). A 404 counts as done."""
    conn = Connection()
    try:
        conn.delete(href)
    except CalDAVError as exc:
        _record(exc, success=False)
        raise


def reconcile(*, organization: Organization | None = None, stdout=None) -> SyncReport:
    """Full reconcile: every meeting of every (or one) organization, and removal of events whose meeting
    was deleted. Running it twice in a row writes nothing the second time."""
    report = SyncReport()
    organizations = [organization] if organization else list(Organization.objects.filter(is_active=True))
    try:
        conn = Connection(counter=report.requests)
        conn.check()
        for org in organizations:
            meetings = list(Meeting.objects.filter(organization=org).select_related("organization", "caldav_state")
                            .prefetch_related("agenda_items__consultation__case").order_by("start"))
            if not meetings and not CalDAVCalendar.objects.filter(organization=org).exists():
                continue
            calendar_url = conn.calendar_url(org)
            server = conn.list_etags(calendar_url)
            for meeting in meetings:
                _push(conn, calendar_url, meeting, server, report)
            ours = {urlsplit(event_href(calendar_url, m)).path for m in meetings}
            for path in server:
                if path not in ours and path.endswith(".ics"):
                    conn.delete(urljoin(calendar_url, path))
                    report.deleted += 1
            if stdout is not None:
                stdout.write(f"{org}: {len(meetings)} møter")
    except CalDAVError as exc:
        _record(exc, success=False)
        raise
    _record(None, success=True)
    return report
