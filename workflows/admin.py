from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail is a legal record: read-only, never edited or deleted."""

    list_display = ("at", "object_repr", "action_label", "from_state", "to_state", "actor_name")
    list_filter = ("content_type", "action")
    search_fields = ("object_repr", "actor_name", "comment")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
