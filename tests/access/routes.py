"""Every URL pattern Django resolves, and the check that each one is declared in the access matrix."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase

from django.urls import URLPattern, URLResolver, get_resolver

GLOB_CHARS = "*?["


@dataclass(frozen=True)
class RoutePattern:
    name: str | None  # the name reverse() knows, with its namespaces ("cases:detail", "case-detail")
    path: str  # the pattern as written, prefixes included
    kwargs: tuple  # names of the URL's keyword arguments
    view: str  # module.function of the view, for messages

    @property
    def format_suffix(self) -> bool:
        """A DRF format-suffix variant (`.json`) of a router or api-root route."""
        return "format" in self.kwargs

    @property
    def id(self) -> str:
        base = self.name or f"<unnamed> {self.path}"
        return f"{base}[.format]" if self.format_suffix else base


def _pattern_kwargs(pattern) -> tuple:
    regex = pattern.pattern.regex
    return tuple(regex.groupindex)


def walk(patterns, prefix: str = "", namespace: str | None = None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if (namespace and p.name) else p.name
            callback = p.callback
            view = f"{getattr(callback, '__module__', '?')}.{getattr(callback, '__qualname__', '?')}"
            cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
            if cls is not None:
                view = f"{cls.__module__}.{cls.__qualname__}"
            yield RoutePattern(name=name, path=prefix + str(p.pattern), kwargs=_pattern_kwargs(p), view=view)


def all_routes() -> list[RoutePattern]:
    """Every URL pattern of the project: includes walked, DRF router routes (with their format-suffix
    variants and nested @action routes) and the admin."""
    return list(walk(get_resolver().url_patterns))


def is_glob(name: str) -> bool:
    return any(ch in name for ch in GLOB_CHARS)


def entry_for(route: RoutePattern, matrix):
    """The matrix entry declaring this route: by exact URL name first, else by a glob entry."""
    key = route.name or route.path
    for entry in matrix:
        if not is_glob(entry.name) and entry.name == key:
            return entry
    for entry in matrix:
        if is_glob(entry.name) and fnmatchcase(key, entry.name):
            return entry
    return None


def undeclared(routes, matrix) -> list[str]:
    """One message per route that no matrix entry declares."""
    messages = []
    for route in routes:
        if entry_for(route, matrix) is None:
            how = (f"Route({route.name!r}, V(...))" if route.name
                   else "a name= for the path() and then Route(<that name>, V(...))")
            messages.append(
                f"Route /{route.path} (name {route.name!r}, view {route.view}) is not in the access matrix. "
                f"Declare it in tests/access/matrix.py: add {how} with the expected access of each of the "
                "seven roles and the planted object that fills its URL kwargs (see the module docstring)."
            )
    return messages


def stale(routes, matrix) -> list[str]:
    """Matrix entries that no route has any more (a renamed or removed URL)."""
    keys = [r.name or r.path for r in routes]
    messages = []
    for entry in matrix:
        if is_glob(entry.name):
            hit = any(fnmatchcase(k, entry.name) for k in keys)
        else:
            hit = entry.name in keys
        if not hit:
            messages.append(f"Matrix entry {entry.name!r} matches no URL pattern; remove or rename it.")
    return messages


def first_alternative(route: RoutePattern, kwarg: str) -> str | None:
    """For an admin regex such as (?P<app_label>auth|cases): the first literal alternative."""
    match = re.search(rf"\(\?P<{kwarg}>([A-Za-z0-9_|]+)\)", route.path)
    return match.group(1).split("|")[0] if match else None
