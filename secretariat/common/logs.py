"""Structured logs with a request id (issue 17, production shape).

Every request gets an id: the proxy's ``X-Request-ID`` when it is a sane token (Caddy sets one), else a new
one. The id is returned in the ``X-Request-ID`` response header, put on every log record written while the
request runs (``RequestIdFilter``), and one access line per request is logged to ``saksgang.request``. With
``LOG_FORMAT=json`` (the default in production) each record is one JSON object per line, which any log
collector reads without a parser of its own.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import time
import uuid

from django.utils.functional import LazyObject, empty

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("saksgang_request_id", default="")
_SANE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
access_log = logging.getLogger("saksgang.request")

# Attributes every LogRecord has; anything else on a record came from `extra=` and is logged as a field.
_STANDARD = set(vars(logging.LogRecord("x", 0, "x", 0, "x", None, None))) | {"message", "asctime", "request_id"}


def current_request_id() -> str:
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id, extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or _request_id.get(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                data[key] = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


def _known_user_id(request) -> int | None:
    """The user's id for the access log when the request has already found out who it is. Asking the lazy user here
    would load the session and the user (two queries) for a request that never needed them, such as a calendar
    client's 304 with a browser's session cookie."""
    user = getattr(request, "user", None)
    if isinstance(user, LazyObject) and user._wrapped is empty:
        return None
    return getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None


class RequestIdMiddleware:
    """First in the chain: sets the id for everything after it and logs the request when the response leaves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SANE.match(incoming) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        request.request_id = request_id
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            access_log.info(
                "%s %s %s", request.method, request.path, response.status_code,
                extra={"request_id": request_id, "method": request.method, "path": request.path,
                       "status": response.status_code,
                       "duration_ms": round((time.monotonic() - started) * 1000, 1),
                       "user_id": _known_user_id(request)},
            )
            return response
        finally:
            _request_id.reset(token)
