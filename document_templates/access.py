"""Who may download which version of a document: `secretariat.access` decides; this module only adapts it to the
download views (internal when allowed, else the public version when one may exist yet)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

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


class NoPublicVersion(Http404):
    """A public version was asked for, of a kind that has none (a 404; the API shows the message)."""


def may_offer_public(user, kind, obj) -> bool:
    """Whether a page offers this person the public version: the kind has one at all (a vielsesrapport or an
    årsoppgave never does), and this person may have it now."""
    return access.has_public_version(kind.name) and may_get_public(user, kind, obj)


def version_to_serve(user, kind, obj, *, want_public: bool) -> bool:
    """The version a download serves: True for the public one, False for the complete one. Raises
    PermissionDenied (403) when this person may have neither, NoPublicVersion (404) for a public version of a kind
    that has none (the same answer for every object of the kind: it tells nothing about the object). The page
    views and the API both ask here."""
    if not may_download(user, kind.name, obj):
        raise PermissionDenied("Du har ikke tilgang til dette dokumentet.")
    if want_public and not access.has_public_version(kind.name):
        raise NoPublicVersion(f"{kind.label} har ingen offentlig versjon.")
    public = want_public or not may_see_internal(user, kind.name, obj)
    if public and not access.has_public_version(kind.name):
        raise PermissionDenied("Du har ikke tilgang til dette dokumentet.")
    if public and not may_get_public(user, kind, obj):
        raise PermissionDenied("Dokumentet er ikke offentlig ennå.")
    return public
