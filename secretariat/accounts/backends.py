"""The log-in lockout check (django-axes), first in AUTHENTICATION_BACKENDS.

Every log-in a person can make (/logg-inn/, the admin's log-in, /api/token/) calls authenticate() with the
request, so axes counts the failures per user name and client address and refuses a locked-out pair. A call
without a request (a management command, Django's test client `login()`) has no client to count, so this backend
leaves it to the ModelBackend instead of failing as axes' own backend would.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
