"""Anonymous API lists from the public cache (issue 17): the same bytes DRF renders, stored under the public
version (secretariat/common/public_cache.py), which every write the lists read bumps.

Only for a GET by someone the API does not know (no session, no token: what they get is the public list, the same
for all of them), rendered as JSON, answered 200. Authentication and throttling run before the cache is asked, as
for every request; a logged-in caller or a token always gets a freshly built list (what they see differs).
"""

from __future__ import annotations

import functools

from django.core.cache import cache
from django.http import HttpResponse
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from secretariat.common import public_cache


def public_list_cache(method):
    """Decorate a viewset's `list`."""

    @functools.wraps(method)
    def wrapper(self, request, *args, **kwargs):
        user = getattr(request, "user", None)
        renderer = getattr(request, "accepted_renderer", None)
        if (request.method != "GET" or not public_cache.enabled() or (user is not None and user.is_authenticated)
                or type(renderer) is not JSONRenderer):
            return method(self, request, *args, **kwargs)
        key = public_cache.key("api", request.get_full_path(), request.accepted_media_type)
        content = cache.get(key)
        if content is not None:
            response = HttpResponse(content, content_type=renderer.media_type)
            response["X-Saksgang-Cache"] = "hit"
            return response
        response = method(self, request, *args, **kwargs)
        if isinstance(response, Response) and response.status_code == 200 and not response.exception:
            content = renderer.render(response.data, request.accepted_media_type,
                                      {**self.get_renderer_context(), "response": response})
            cache.set(key, content, public_cache.cache_seconds())
        return response

    return wrapper
