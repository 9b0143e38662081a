"""Permission callables for django-fsm transitions, built from roles (secretariat.accounts.roles)."""

from __future__ import annotations

from secretariat.accounts.roles import Role, has_role


def roles(*allowed: Role):
    def check(instance, user) -> bool:
        return has_role(user, *allowed)

    check.roles = tuple(r.value for r in allowed)
    return check


def owner_or_roles(owner_attr: str, owner_role: Role, *allowed: Role):
    """The owner (e.g. the case's saksbehandler) with `owner_role`, or anyone with one of `allowed`."""

    def check(instance, user) -> bool:
        if has_role(user, *allowed):
            return True
        return (
            has_role(user, owner_role)
            and getattr(instance, f"{owner_attr}_id", None) is not None
            and getattr(instance, f"{owner_attr}_id") == getattr(user, "pk", None)
        )

    check.roles = (owner_role.value, *(r.value for r in allowed))
    return check
