from django.contrib import admin

from .models import LiveSettings


@admin.register(LiveSettings)
class LiveSettingsAdmin(admin.ModelAdmin):
    """Per body: whether the protokoll lists who had the floor, and a default speaking time (the reglement)."""

    list_display = ["organization", "speakers_in_minutes", "speaking_time_seconds"]
    list_editable = ["speakers_in_minutes", "speaking_time_seconds"]
