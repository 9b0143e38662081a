from django.contrib import admin

from .models import ArchiveMessage


@admin.register(ArchiveMessage)
class ArchiveMessageAdmin(admin.ModelAdmin):
    list_display = ("idempotency_key", "kind", "state", "attempts", "journalpost_label", "saksnummer_label",
                    "created_at", "archived_at")
    list_filter = ("state", "kind")
    readonly_fields = [f.name for f in ArchiveMessage._meta.fields]

    def has_add_permission(self, request):
        return False
