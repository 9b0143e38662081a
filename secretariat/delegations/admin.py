from django.contrib import admin

from .models import DelegatedDecision


@admin.register(DelegatedDecision)
class DelegatedDecisionAdmin(admin.ModelAdmin):
    list_display = ("decided_on", "title", "decided_by", "report_to", "exempt", "reported_at")
    list_filter = ("report_to", "exempt")
    search_fields = ("title", "arkivsaksnummer")
    readonly_fields = ("agenda_item", "reported_at", "registered_by")
