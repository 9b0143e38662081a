"""Links straight to the moment an agenda item was debated in the meeting's stream or recording."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Hosts that take the start time as a query parameter (`?t=<seconds>`); others get the W3C media
# fragment `#t=<seconds>`, which HTML5 players and most streaming services understand.
QUERY_PARAM_HOSTS = ("youtube.com", "youtu.be", "twitch.tv")


def video_link(url: str, offset_seconds: int | None) -> str:
    if not url:
        return ""
    if offset_seconds is None:
        return url
    seconds = max(0, int(offset_seconds))
    parts = urlsplit(url)
    host = parts.hostname or ""
    if any(host == h or host.endswith("." + h) for h in QUERY_PARAM_HOSTS):
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "t"]
        query.append(("t", str(seconds)))
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))
    if host == "vimeo.com" or host.endswith(".vimeo.com"):
        return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, f"t={seconds}s"))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, f"t={seconds}"))


def offset_label(offset_seconds: int | None) -> str:
    """'1:02:05' or '12:05' — the time into the video, as people read it."""
    if offset_seconds is None:
        return ""
    h, rest = divmod(int(offset_seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
