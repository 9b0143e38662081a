"""Who may download which version of a document: `secretariat.access` decides; this module only adapts it to the
download views (internal when allowed, else the public version when one may exist yet)."""

from __future__ import annotations

from secretariat import access


def may_see_internal(user, kind: str, obj) -> bool:
    return access.can_view_document(user, kind, obj, public=False)


def may_download(user, kind: str, obj) -> bool:
    """Anyone logged in who works with Saksgang may at least ask (the version is decided below)."""
    return bool(getattr(user, "is_authenticated", False)) and access.is_staff_or_folkevalgt(user)


def may_get_public(user, kind, obj) -> bool:
    """The public version before publication (a draft case paper, a notice not yet sent) is for staff only."""
    return access.can_view_document(user, kind.name, obj, public=True) and (
        access.is_staff(user) or kind.public_allowed(obj))
