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

    def get_readonly_fields(self, request, obj=None):
        from secretariat.archive.services import case_number_is_archives

        # Issue 14: the archive gives the arkivsaksnummer of a case with (or awaiting) a saksmappe there.
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "arkivsaksnummer") if case_number_is_archives(obj) else fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "arkivsaksnummer" in form.base_fields:  # typed by hand: then it is required (no archive connection)
            form.base_fields["arkivsaksnummer"].required = True
        return form

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            from secretariat.archive.services import archive_case_created

            archive_case_created(case=obj, actor=request.user)  # nothing without an archive connection
        if change and {"exempt", "exempt_basis"} & set(form.changed_data):
            from secretariat.meetings.services import agenda_items_close_for_exemption

            # koml. § 11-5 (2): an exemption that requires a closed meeting closes the case's coming items.
            agenda_items_close_for_exemption(actor=request.user, case=obj)


admin.site.register(CasePaper)
admin.site.register(CaseAttachment)
