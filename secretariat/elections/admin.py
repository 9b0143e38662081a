from django.contrib import admin

from .models import ElectionProject, ElectionTask


class ElectionTaskInline(admin.TabularInline):
    model = ElectionTask
    extra = 0
    fields = ("title", "starts_on", "due_on", "due_time", "responsible", "responsible_role", "done_on", "milestone")


@admin.register(ElectionProject)
class ElectionProjectAdmin(admin.ModelAdmin):
    list_display = ("name", "election_type", "election_day", "valgstyre")
    list_filter = ("election_type",)
    inlines = [ElectionTaskInline]
