"""Granting and revoking roles: the one way a non-superuser changes anyone's roles.

The fagleder assigns the folkevalgt and saksbehandler roles. Fagleder, kommunedirektør and superuser are given
only by a superuser in the admin: whoever holds them can approve an innstilling (koml. § 13-1) or grant
themselves anything. Each change is audited by the guard (guard.py), with this service's reason.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from secretariat import access

from .guard import is_acting_superuser, privileged_change
from .roles import ROLE_LABELS, Role

# What a fagleder may give and take away on the roles page.
FAGLEDER_ASSIGNABLE_ROLES = (Role.FOLKEVALGT, Role.SAKSBEHANDLER)
# Whoever holds one of these has their roles changed by a superuser only.
PROTECTED_ROLES = frozenset({Role.FAGLEDER, Role.KOMMUNEDIREKTOR})


class RoleChangeRefused(Exception):
    """A role change the actor may not make; the message is for the user, in Norwegian."""


def stored_roles(user) -> frozenset[Role]:
    """The roles a user holds through groups (a superuser's implied roles are not stored ones)."""
    names = set(Group.objects.filter(user=user.pk).values_list("name", flat=True))
    return frozenset(r for r in Role if r.value in names)


def may_manage_roles(actor) -> bool:
    """The politisk sekretariat (the fagleder) gives and takes the roles in FAGLEDER_ASSIGNABLE_ROLES."""
    return access.is_secretariat(actor)


def role_change_refusal(*, actor, user, role: Role) -> str | None:
    """Why `actor` may not change `role` of `user`, or None when they may."""
    return _refusal(actor=actor, actor_is_superuser=is_acting_superuser(actor), user=user, held=stored_roles(user),
                    role=role)


def _refusal(*, actor, actor_is_superuser: bool, user, held: frozenset[Role], role: Role) -> str | None:
    if actor_is_superuser:
        return None
    if not may_manage_roles(actor):
        return "Bare fagleder kan endre roller."
    if role not in FAGLEDER_ASSIGNABLE_ROLES:
        return (f"Rollen «{ROLE_LABELS[role]}» kan bare gis eller fjernes av en superbruker. "
                "Fagleder kan bare gi og fjerne rollene folkevalgt og saksbehandler.")
    if user.pk == actor.pk:
        return "Du kan ikke endre dine egne roller."
    if user.is_superuser:
        return "Rollene til en superbruker kan bare endres av en superbruker."
    protected = held & PROTECTED_ROLES
    if protected:
        names = " og ".join(ROLE_LABELS[r].lower() for r in sorted(protected))
        return f"Brukeren har rollen {names}; rollene til en slik bruker kan bare endres av en superbruker."
    return None


def role_options(actor, users) -> dict[int, list[tuple[str, Role]]]:
    """For the roles page: per user, the ("grant" | "revoke", role) changes `actor` may make.

    `users` should have their groups prefetched; this asks the database once, not per user.
    """
    actor_is_superuser = is_acting_superuser(actor)
    options = {}
    for user in users:
        names = {g.name for g in user.groups.all()}
        held = frozenset(r for r in Role if r.value in names)
        options[user.pk] = [
            ("revoke" if role in held else "grant", role)
            for role in FAGLEDER_ASSIGNABLE_ROLES
            if _refusal(actor=actor, actor_is_superuser=actor_is_superuser, user=user, held=held, role=role) is None
        ]
    return options


def _change(*, actor, user, role: Role, reason: str, grant: bool):
    reason = (reason or "").strip()
    if not reason:
        raise RoleChangeRefused("Skriv en begrunnelse for endringen.")
    with transaction.atomic():
        # Lock the row: two changes of the same user at once are applied one after the other.
        user = get_user_model()._default_manager.select_for_update().get(pk=user.pk)
        refusal = role_change_refusal(actor=actor, user=user, role=role)
        if refusal:
            raise RoleChangeRefused(refusal)
        held = role in stored_roles(user)
        if grant and held:
            raise RoleChangeRefused(f"{user.get_full_name() or user.get_username()} har allerede rollen "
                                    f"{ROLE_LABELS[role].lower()}.")
        if not grant and not held:
            raise RoleChangeRefused(f"{user.get_full_name() or user.get_username()} har ikke rollen "
                                    f"{ROLE_LABELS[role].lower()}.")
        with privileged_change(actor=actor, reason=reason):
            group, _ = Group.objects.get_or_create(name=role.value)
            if grant:
                user.groups.add(group)
            else:
                user.groups.remove(group)
    return user


def role_grant(*, actor, user, role: Role, reason: str):
    """Give `user` the role; audited as role_granted with the reason. Raises RoleChangeRefused."""
    return _change(actor=actor, user=user, role=role, reason=reason, grant=True)


def role_revoke(*, actor, user, role: Role, reason: str):
    """Take the role from `user`; audited as role_revoked with the reason. Raises RoleChangeRefused."""
    return _change(actor=actor, user=user, role=role, reason=reason, grant=False)
