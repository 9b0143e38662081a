"""The forskrift's rates, pay codes and payroll numbers are the secretariat's reference data, kept in the admin.
Claims, exports and corrections are read-only here: they change only through the audited pages."""

from django.contrib import admin

from .models import Claim, ClaimLine, Correction, FixedRate, MeetingRate, PayCode, Payee, PayrollExport, RateTable


class FixedRateInline(admin.TabularInline):
    model = FixedRate
    extra = 0


class MeetingRateInline(admin.TabularInline):
    model = MeetingRate
    extra = 0


@admin.register(RateTable)
class RateTableAdmin(admin.ModelAdmin):
    list_display = ("name", "valid_from", "mayor_annual_pay", "mayor_covers_other_roles", "publish_fixed_rates")
    inlines = [FixedRateInline, MeetingRateInline]


@admin.register(PayCode)
class PayCodeAdmin(admin.ModelAdmin):
    list_display = ("kind", "code", "label")


@admin.register(Payee)
class PayeeAdmin(admin.ModelAdmin):
    list_display = ("person", "employee_number")
    search_fields = ("person__given_name", "person__family_name", "employee_number")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ClaimLineInline(admin.TabularInline):
    model = ClaimLine
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "description", "quantity", "rate", "amount", "reason", "attachment", "automatic",
                       "export")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    list_display = ("day", "person", "title", "state", "late")
    list_filter = ("state", "late")
    inlines = [ClaimLineInline]


@admin.register(PayrollExport)
class PayrollExportAdmin(ReadOnlyAdmin):
    list_display = ("month", "created_at", "line_count", "total")


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "person", "kind", "amount", "export")
    list_filter = ("kind",)
