"""Cache rendered public pages and feeds for anonymous readers, under the public version (common.public_cache)."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse

from secretariat.common import public_cache


def cached_public_page(view):
    """Serve an anonymous GET from the cache when the public content has not changed since it was rendered.

    Only a plain 200 without messages is stored (a page that warned about a bad filter is rendered each time);
    logged-in readers always get a fresh page (their menu and rights differ)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        user = getattr(request, "user", None)
        if (request.method not in ("GET", "HEAD") or not public_cache.enabled()
                or (user is not None and user.is_authenticated)):
            return view(request, *args, **kwargs)
        key = public_cache.key("page", request.get_full_path())
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Saksgang-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        has_messages = len(messages.get_messages(request)) > 0  # shown on this page, or queued for the next
        if (response.status_code == 200 and not response.streaming and not has_messages
                and not response.has_header("Set-Cookie") and not response.cookies):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, (response.content, response["Content-Type"]), public_cache.cache_seconds())
        return response

    return wrapper
