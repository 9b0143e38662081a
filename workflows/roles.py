"""The roles of Saksgang, kept as Django groups so the secretariat assigns them in the admin.

One place answers "does this user have role X"; workflows and views ask it, never the groups directly.
This module is part of the workflow floor: it depends only on django.contrib.auth, so `workflows/` can
name who may take a step without importing an app (`secretariat.accounts.roles` re-exports it).
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser


class Role(StrEnum):
    FAGLEDER = "fagleder"  # fagleder politisk sekretariat: runs everything
    SAKSBEHANDLER = "saksbehandler"  # drafts and submits own cases
    KOMMUNEDIREKTOR = "kommunedirektor"  # kommunedirektør or delegate: approves innstilling (koml. § 13-1)
    FOLKEVALGT = "folkevalgt"  # elected member: reads papers, reports absence


ROLE_LABELS: dict[Role, str] = {
    Role.FAGLEDER: "Fagleder politisk sekretariat",
    Role.SAKSBEHANDLER: "Saksbehandler",
    Role.KOMMUNEDIREKTOR: "Kommunedirektør (eller delegert)",
    Role.FOLKEVALGT: "Folkevalgt",
}


def user_roles(user) -> frozenset[Role]:
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(Role)
    cached = getattr(user, "_saksgang_roles", None)
    if cached is None:
        # .all(): a list of users fetched with prefetch_related("groups") is asked without a query per user.
        names = {group.name for group in user.groups.all()}
        cached = frozenset(r for r in Role if r.value in names)
        user._saksgang_roles = cached
    return cached


def has_role(user, *roles: Role) -> bool:
    return bool(user_roles(user) & set(roles))
