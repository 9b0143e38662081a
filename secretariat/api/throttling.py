"""The API throttles (settings.REST_FRAMEWORK DEFAULT_THROTTLE_CLASSES/RATES): DRF's anonymous and per-user
throttles, reading the rate at each request so a changed setting (an environment, a test) takes effect; DRF's own
classes keep the rates they saw at import."""

from __future__ import annotations

from django.conf import settings
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, BaseThrottle, UserRateThrottle

from secretariat.common import ratelimit


class _SaksgangRate:
    """The rate read per request, and the client as every other limit knows it (ratelimit.client_ip, the one
    reading of PROXY_COUNT and X-Forwarded-For) instead of DRF's own NUM_PROXIES reading."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return ratelimit.client_ip(request)


class AnonThrottle(_SaksgangRate, AnonRateThrottle):
    pass


class UserThrottle(_SaksgangRate, UserRateThrottle):
    pass


class PublicFormThrottle(BaseThrottle):
    """An anonymous write that stands for a public form (the wedding booking over the API): the same limit per
    client as the form itself (settings.PUBLIC_FORM_RATE_LIMIT per PUBLIC_FORM_RATE_WINDOW_SECONDS)."""

    def allow_request(self, request, view):
        scope = f"api:{getattr(view, 'basename', '') or type(view).__name__}"
        return ratelimit.hit(scope, ratelimit.client_ip(request), limit=settings.PUBLIC_FORM_RATE_LIMIT,
                             window=settings.PUBLIC_FORM_RATE_WINDOW_SECONDS)

    def wait(self):
        return settings.PUBLIC_FORM_RATE_WINDOW_SECONDS
