from django.contrib import admin

from .models import Absence, AgendaItem, Attendance, Decision, Meeting, Minutes, Question, Recusal, Vote


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("position", "kind", "number", "year", "title", "closed", "closed_basis", "video_offset_seconds")
    readonly_fields = ("kind", "number", "year")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("organization", "start", "location", "state")
    list_filter = ("organization", "state")
    readonly_fields = ("state", "uid", "sequence", "notice_sent_at", "notice_override_reason")
    inlines = [AgendaItemInline]


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin):
    list_display = ("meeting", "membership", "substitute", "substitute_confirmed_at")
    list_filter = ("meeting__organization",)
    raw_id_fields = ("meeting", "membership", "proposed_substitute", "substitute")


class ReadOnlyAdmin(admin.ModelAdmin):
    """The legal record is written through the services (audited); the admin only shows it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model in (Decision, Attendance, Recusal, Vote, Minutes, Question):
    admin.site.register(model, ReadOnlyAdmin)
