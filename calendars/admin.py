from django.contrib import admin

from .models import (
    CalDAVCalendar,
    CalendarToken,
    MeetingPlan,
    MeetingSyncState,
    PlannedMeeting,
    PlanRule,
    SchoolHoliday,
    SyncStatus,
)


@admin.register(SchoolHoliday)
class SchoolHolidayAdmin(admin.ModelAdmin):
    list_display = ("name", "start_date", "end_date", "body")
    list_filter = ("body",)


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ("person", "created_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("person__given_name", "person__family_name")
    readonly_fields = ("token", "created_at", "created_by")


class PlannedMeetingInline(admin.TabularInline):
    model = PlannedMeeting
    extra = 0
    readonly_fields = ("meeting",)


@admin.register(MeetingPlan)
class MeetingPlanAdmin(admin.ModelAdmin):
    list_display = ("organization", "year", "state", "published_at")
    list_filter = ("state", "organization")
    readonly_fields = ("state", "published_at", "published_by", "created_by")
    inlines = [PlannedMeetingInline]


@admin.register(PlanRule)
class PlanRuleAdmin(admin.ModelAdmin):
    list_display = ("organization", "weekday", "interval_weeks", "start_time", "first_date", "last_date")


@admin.register(CalDAVCalendar)
class CalDAVCalendarAdmin(admin.ModelAdmin):
    list_display = ("organization", "url", "created_at")


@admin.register(MeetingSyncState)
class MeetingSyncStateAdmin(admin.ModelAdmin):
    list_display = ("meeting", "sequence", "etag", "pushed_at")
    readonly_fields = ("meeting", "href", "sequence", "content_hash", "etag", "pushed_at")


@admin.register(SyncStatus)
class SyncStatusAdmin(admin.ModelAdmin):
    list_display = ("key", "error_kind", "last_attempt_at", "last_success_at", "pending")
