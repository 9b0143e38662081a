from django.contrib import admin

from .models import AgendaItem, Decision, Meeting


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("position", "kind", "number", "year", "title", "closed", "closed_basis")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("organization", "start", "location", "state")
    list_filter = ("organization", "state")
    readonly_fields = ("state", "uid", "sequence")
    inlines = [AgendaItemInline]


admin.site.register(Decision)
