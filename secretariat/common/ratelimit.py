"""Limits for anonymous forms (issue 12): N posts per client address per window, and a honeypot field.

The counters live in the Django cache (shared by all workers when CACHE_URL points at Redis). The client is the
address the last trusted proxy saw (settings.PROXY_COUNT), the same rule as DRF's throttles and axes' lockout.
"""

from __future__ import annotations

import functools
import time

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

HONEYPOT_FIELD = "nettsted"  # "website": a field bots fill and people never see


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or behind PROXY_COUNT proxies the address they put in X-Forwarded-For."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = getattr(settings, "PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if not proxies or not forwarded:
        return remote
    addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
    return addresses[-min(proxies, len(addresses))] if addresses else remote


def hit(scope: str, ident: str, *, limit: int, window: int) -> bool:
    """Count one use of `scope` by `ident` in the current window; False once the limit is passed."""
    bucket = int(time.time() // window)
    key = f"ratelimit:{scope}:{ident}:{bucket}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count <= limit


def rate_limited(scope: str):
    """Refuse (429, a Norwegian page) a client's POSTs to this view beyond settings.PUBLIC_FORM_RATE_LIMIT per
    settings.PUBLIC_FORM_RATE_WINDOW_SECONDS. GETs are not counted."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                window = settings.PUBLIC_FORM_RATE_WINDOW_SECONDS
                if not hit(scope, client_ip(request), limit=settings.PUBLIC_FORM_RATE_LIMIT, window=window):
                    response = render(request, "common/for_mange.html", {"minutes": max(1, window // 60)},
                                      status=429)
                    response["Retry-After"] = str(window)
                    return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class HoneypotField(forms.CharField):
    """A field people leave empty: hidden from view and from screen readers, skipped by the tab key."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Nettsted (la stå tomt)")
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "tabindex": "-1", "class": "honeypot"})


def honeypot_filled(form) -> bool:
    """True when a bot filled the honeypot: the caller answers as if all went well and saves nothing."""
    return bool((form.data.get(HONEYPOT_FIELD) or "").strip())
