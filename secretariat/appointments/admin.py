from django.contrib import admin

from .models import AppointmentRound, Candidate, MembershipChange, Pool


class PoolInline(admin.TabularInline):
    model = Pool
    extra = 0


@admin.register(AppointmentRound)
class AppointmentRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "state", "period_start", "period_end", "election_deadline"]
    list_filter = ["kind", "state"]
    readonly_fields = ["state", "case", "display_start", "display_end", "reported_at"]
    inlines = [PoolInline]


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["name", "round", "gender", "birth_date", "eligible", "pool", "elected", "source"]
    list_filter = ["round", "eligible", "source", "elected"]
    search_fields = ["given_name", "family_name"]
    readonly_fields = ["eligible", "eligibility", "checked_at", "elected"]


@admin.register(MembershipChange)
class MembershipChangeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "status", "effective_date"]
    list_filter = ["kind", "status"]
    readonly_fields = ["case", "status", "effective_date", "decided_by", "decided_at"]
