"""Reads about users and their roles."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from workflows.models import AuditEntry

from .guard import PrivilegeAction


def users_for_roles_page(q: str = "") -> QuerySet:
    """Active users by name, with their groups, optionally filtered by name, username or e-mail."""
    users = get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name", "username")
    if q:
        users = users.filter(Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q)
                             | Q(email__icontains=q))
    return users.prefetch_related("groups")


def role_changes_recent(limit: int = 20) -> QuerySet:
    """The latest role grants and revocations, newest first, whoever made them."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(get_user_model()),
        action__in=[PrivilegeAction.ROLE_GRANTED, PrivilegeAction.ROLE_REVOKED],
    ).order_by("-at", "-pk")[:limit]
