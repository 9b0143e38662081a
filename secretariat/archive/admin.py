from django.contrib import admin

from .models import ArchiveMessage


@admin.register(ArchiveMessage)
class ArchiveMessageAdmin(admin.ModelAdmin):
    list_display = ("idempotency_key", "state", "attempts", "journalpost_label", "created_at", "archived_at")
    list_filter = ("state",)
    readonly_fields = [f.name for f in ArchiveMessage._meta.fields]

    def has_add_permission(self, request):
        return False
