from django.contrib import admin

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("pk", "task", "created_at", "attempts", "last_error")
    readonly_fields = ("task", "args", "kwargs", "created_at", "attempts", "last_error")
