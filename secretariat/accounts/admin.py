"""Users and groups in the admin: only a superuser touches privileges.

A non-superuser with user permissions (the secretariat's own staff) never sees or posts `is_superuser`,
`is_staff`, groups or permissions, never edits a superuser, fagleder or kommunedirektør (changing their
password would be taking over their account), and never opens the groups. Roles are given on the roles page
(/intern/roller/); the model guard (guard.py) refuses and audits whatever gets past this. API tokens, which are
another user's identity, are a superuser's business too.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from .guard import is_acting_superuser
from .services import PROTECTED_ROLES, stored_roles

PRIVILEGE_FIELDS = frozenset({"is_superuser", "is_staff", "groups", "user_permissions"})

User = get_user_model()


def _is_superuser(request) -> bool:
    return is_acting_superuser(request.user)


def _is_protected(user) -> bool:
    return user.is_superuser or bool(stored_roles(user) & PROTECTED_ROLES)


class SaksgangUserAdmin(UserAdmin):
    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if _is_superuser(request):
            return fieldsets
        # The form is built from these fieldsets, so a posted is_superuser/groups is simply not read.
        kept = []
        for name, options in fieldsets:
            fields = tuple(f for f in options.get("fields", ()) if f not in PRIVILEGE_FIELDS)
            if fields:
                kept.append((name, {**options, "fields": fields}))
        return kept

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or _is_superuser(request) or not _is_protected(obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or _is_superuser(request) or not _is_protected(obj)

    def delete_queryset(self, request, queryset):
        if not _is_superuser(request) and any(_is_protected(u) for u in queryset):
            raise PermissionDenied("Bare en superbruker kan slette en superbruker, fagleder eller kommunedirektør.")
        super().delete_queryset(request, queryset)


class SuperuserOnlyMixin:
    """For whatever makes or impersonates privilege: a superuser's business only."""

    def has_module_permission(self, request):
        return _is_superuser(request)

    def has_view_permission(self, request, obj=None):
        return _is_superuser(request)

    def has_add_permission(self, request):
        return _is_superuser(request)

    def has_change_permission(self, request, obj=None):
        return _is_superuser(request)

    def has_delete_permission(self, request, obj=None):
        return _is_superuser(request)


class SuperuserOnlyGroupAdmin(SuperuserOnlyMixin, GroupAdmin):
    """Groups are the roles and carry permissions."""


class SuperuserOnlyTokenAdmin(SuperuserOnlyMixin, TokenAdmin):
    """An API token for another user is that user's identity, a superuser's or a kommunedirektør's included."""


admin.site.unregister(User)
admin.site.register(User, SaksgangUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, SuperuserOnlyGroupAdmin)
admin.site.unregister(TokenProxy)
admin.site.register(TokenProxy, SuperuserOnlyTokenAdmin)
