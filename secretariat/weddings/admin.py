from django.contrib import admin

from .models import Officiant, Wedding, WeddingAvailability, WeddingPlace, WeddingReport, WeddingSettings


@admin.register(WeddingSettings)
class WeddingSettingsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "slot_minutes", "fee_for_others", "offer_to_others", "min_notice_days")

    def has_add_permission(self, request):  # one row
        return not WeddingSettings.objects.exists() and super().has_add_permission(request)


class AvailabilityInline(admin.TabularInline):
    model = WeddingAvailability
    extra = 1


@admin.register(WeddingPlace)
class WeddingPlaceAdmin(admin.ModelAdmin):
    list_display = ("name", "address", "capacity", "is_active")
    inlines = [AvailabilityInline]


@admin.register(WeddingAvailability)
class WeddingAvailabilityAdmin(admin.ModelAdmin):
    list_display = ("weekday", "start_time", "end_time", "place", "valid_from", "valid_until")
    list_filter = ("place", "weekday")


@admin.register(Officiant)
class OfficiantAdmin(admin.ModelAdmin):
    list_display = ("person", "kind", "decision_reference", "valid_from", "valid_until", "withdrawn_on")
    list_filter = ("kind",)
    autocomplete_fields = ("person",)
    search_fields = ("person__given_name", "person__family_name", "decision_reference")


@admin.register(Wedding)
class WeddingAdmin(admin.ModelAdmin):
    """State changes go through the workflow (staff UI / API), never through the admin."""

    list_display = ("date", "start_time", "partner1_name", "partner2_name", "place", "officiant", "state")
    list_filter = ("state", "place", "officiant")
    search_fields = ("partner1_name", "partner2_name", "email")
    readonly_fields = ("state", "held_on", "notice_sent_at", "uid", "sequence")


admin.site.register(WeddingReport)
