"""The roles of Saksgang, kept as Django groups so the secretariat assigns them in the admin.

One place answers "does this user have role X"; workflows and views ask it, never the groups directly.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, Group


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

STAFF_ROLES = frozenset({Role.FAGLEDER, Role.SAKSBEHANDLER, Role.KOMMUNEDIREKTOR})


def ensure_role_groups() -> None:
    for role in Role:
        Group.objects.get_or_create(name=role.value)


def user_roles(user) -> frozenset[Role]:
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(Role)
    cached = getattr(user, "_saksgang_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(r for r in Role if r.value in names)
        user._saksgang_roles = cached
    return cached


def has_role(user, *roles: Role) -> bool:
    return bool(user_roles(user) & set(roles))


def is_staff_member(user) -> bool:
    """A member of the administration (not a politician, not the public)."""
    return bool(user_roles(user) & STAFF_ROLES)


def assign_role(user, role: Role) -> None:
    group, _ = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)
    if hasattr(user, "_saksgang_roles"):
        del user._saksgang_roles
