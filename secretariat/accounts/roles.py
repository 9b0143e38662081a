"""The roles of Saksgang, kept as Django groups so the secretariat assigns them in the admin.

One place answers "does this user have role X"; workflows and views ask it, never the groups directly.
"""

from __future__ import annotations

from django.contrib.auth.models import Group

# The roles themselves live on the workflow floor, so `workflows/` can use them without importing an app.
from workflows.roles import ROLE_LABELS, Role, has_role, user_roles  # noqa: F401

STAFF_ROLES = frozenset({Role.FAGLEDER, Role.SAKSBEHANDLER, Role.KOMMUNEDIREKTOR})


def ensure_role_groups() -> None:
    for role in Role:
        Group.objects.get_or_create(name=role.value)


def is_staff_member(user) -> bool:
    """A member of the administration (not a politician, not the public)."""
    return bool(user_roles(user) & STAFF_ROLES)


def assign_role(user, role: Role) -> None:
    group, _ = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)
    if hasattr(user, "_saksgang_roles"):
        del user._saksgang_roles
