from django.contrib import admin

from .models import FollowUp, FollowUpNote, FollowUpReminder, FollowUpReport, LegalityReviewDemand


class NoteInline(admin.TabularInline):
    model = FollowUpNote
    extra = 0
    readonly_fields = ["author", "text", "created_at"]
    can_delete = False


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["description", "responsible_unit", "responsible_person", "deadline", "state"]
    list_filter = ["state", "organization", "responsible_unit"]
    search_fields = ["description", "decision__consultation__case__arkivsaksnummer"]
    # The status moves only through the workflow (audited); the admin shows it.
    readonly_fields = ["state", "decision", "organization", "created_by", "closed_at", "reason"]
    inlines = [NoteInline]


@admin.register(FollowUpReminder)
class FollowUpReminderAdmin(admin.ModelAdmin):
    list_display = ["followup", "kind", "period", "recipient", "sent_at"]
    list_filter = ["kind"]


@admin.register(LegalityReviewDemand)
class LegalityReviewDemandAdmin(admin.ModelAdmin):
    list_display = ["decision", "registered_at", "resolved_at"]
    readonly_fields = ["registered_by"]


@admin.register(FollowUpReport)
class FollowUpReportAdmin(admin.ModelAdmin):
    list_display = ["organization", "period_start", "period_end", "created_at"]
