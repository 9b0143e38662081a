from django.contrib import admin

from .models import AdministrativeUnit, Body, LegislativeTerm, Membership, Organization, Party, Person


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("name", "kommunenummer", "maalform", "population")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "organization_type", "seats", "effective_notice_days", "is_active")
    list_filter = ("organization_type", "is_active")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)

    @admin.display(description="innkallingsfrist (dager)")
    def effective_notice_days(self, obj):
        return obj.effective_notice_days


@admin.register(LegislativeTerm)
class LegislativeTermAdmin(admin.ModelAdmin):
    list_display = ("name", "start_date", "end_date")


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ("name", "abbreviation")
    search_fields = ("name", "abbreviation")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("organization",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "party", "email", "user")
    search_fields = ("given_name", "family_name", "email")
    list_filter = ("party",)
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("person", "organization", "role", "electoral_list", "substitute_order", "start_date", "end_date")
    list_filter = ("organization", "role", "electoral_list", "term")
    search_fields = ("person__given_name", "person__family_name")
    autocomplete_fields = ("person", "organization")


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name")
    search_fields = ("name",)
