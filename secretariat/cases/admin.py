from django.contrib import admin

from .models import Case, CaseAttachment, CasePaper, Consultation


class ConsultationInline(admin.TabularInline):
    model = Consultation
    extra = 0
    readonly_fields = ("recommendation_approved_by", "recommendation_approved_at")


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """State changes go through the workflow (staff UI / API), never through the admin."""

    list_display = ("arkivsaksnummer", "title", "state", "exempt", "case_officer")
    list_filter = ("state", "exempt")
    search_fields = ("arkivsaksnummer", "title", "public_title")
    readonly_fields = ("state",)
    inlines = [ConsultationInline]


admin.site.register(CasePaper)
admin.site.register(CaseAttachment)
