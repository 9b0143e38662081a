from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile

from document_templates.attachments import image_upload_errors

from .models import AdministrativeUnit, Body, LegislativeTerm, Membership, Organization, Party, Person


class BodyForm(forms.ModelForm):
    """The admin's form for the kommune (the admin supplies model and fields)."""

    def clean_logo(self):
        # The logo sits in the header of every generated document: a PNG or JPEG whose content is one, never SVG.
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile) and (errors := image_upload_errors(logo)):
            raise forms.ValidationError(errors["file"])
        return logo


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    form = BodyForm
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
