from django.contrib import admin

from .models import Hearing, InfluencePage


@admin.register(InfluencePage)
class InfluencePageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "updated_at", "updated_by"]
    readonly_fields = ["updated_at", "updated_by"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Hearing)
class HearingAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "opens", "deadline", "published"]
    list_filter = ["published", "organization"]
    search_fields = ["title", "summary"]
