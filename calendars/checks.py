"""System checks: a malformed CALDAV_URL is reported at start-up (`manage.py check`), not as a traceback later."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.compatibility)
def caldav_url_check(app_configs=None, **kwargs):
    url = getattr(settings, "CALDAV_URL", "")
    if not url:
        return []
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [Warning(f"CALDAV_URL «{url}» er ikke en http- eller https-adresse; møtene sendes ikke til "
                        "kalenderserveren.", hint="Eksempel: CALDAV_URL=http://caldav:5232/", id="calendars.W001")]
    return []


@register(Tags.compatibility, deploy=True)
def caldav_reachable_check(app_configs=None, **kwargs):
    """With `check --deploy`: try the server once and say clearly if it is unreachable or refuses the login."""
    if not getattr(settings, "CALDAV_URL", ""):
        return []
    from .caldav_sync import CalDAVError, Connection

    try:
        Connection().check()
    except CalDAVError as exc:
        return [Warning(exc.message, id="calendars.W002")]
    return []
