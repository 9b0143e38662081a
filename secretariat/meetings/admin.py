from django import forms
from django.contrib import admin

from workflows.errors import WorkflowError

from . import services
from .models import (
    Absence,
    ActingChair,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Minutes,
    Question,
    Recusal,
    Vote,
)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("position", "kind", "number", "year", "title", "closed", "closed_basis", "video_offset_seconds")
    # Closing (koml. § 11-5) and the video moment go through the services: open the item («Endre») to close it.
    readonly_fields = ("kind", "number", "year", "closed", "closed_basis", "video_offset_seconds")
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("organization", "start", "location", "state")
    list_filter = ("organization", "state")
    readonly_fields = ("state", "uid", "sequence", "notice_sent_at", "notice_override_reason")
    inlines = [AgendaItemInline]


class AgendaItemCloseAdminForm(forms.ModelForm):
    """Closing an item in the admin asks the same service as the staff page and the API (koml. § 11-5)."""

    request = None  # set by AgendaItemAdmin.get_form

    class Meta:
        model = AgendaItem
        fields = ("closed_basis",)
        labels = {"closed_basis": "Lukket møte (koml. § 11-5); tom = åpent"}

    def clean(self):
        cleaned = super().clean()
        if "closed_basis" in self.changed_data:
            basis = cleaned.get("closed_basis") or ""
            try:
                services.require_fagleder(self.request.user)
                services.agenda_item_check_close(item=self.instance, closed=bool(basis), basis=basis)
            except WorkflowError as exc:
                raise forms.ValidationError({"closed_basis": exc.message}) from exc
        return cleaned


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    """One item: only whether it is closed, and on which ground, can change here (through the service, audited)."""

    form = AgendaItemCloseAdminForm
    list_display = ("__str__", "meeting", "closed", "closed_basis")
    list_filter = ("closed", "meeting__organization")
    readonly_fields = ("meeting", "kind", "number", "year", "title", "closed", "video_offset_seconds")
    fields = ("meeting", "kind", "number", "year", "title", "closed", "closed_basis", "video_offset_seconds")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request
        return form

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if "closed_basis" not in form.changed_data:
            return
        item = AgendaItem.objects.select_related("meeting", "consultation__case").get(pk=obj.pk)
        basis = form.cleaned_data.get("closed_basis") or ""
        services.agenda_item_close(actor=request.user, item=item, closed=bool(basis), basis=basis)


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin):
    list_display = ("meeting", "membership", "substitute", "substitute_confirmed_at")
    list_filter = ("meeting__organization",)
    raw_id_fields = ("meeting", "membership", "proposed_substitute", "substitute")


class ReadOnlyAdmin(admin.ModelAdmin):
    """The legal record is written through the services (audited); the admin only shows it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model in (Decision, Attendance, Recusal, Vote, Minutes, Question):
    admin.site.register(model, ReadOnlyAdmin)


@admin.register(ActingChair)
class ActingChairAdmin(ReadOnlyAdmin):
    """Who led the meeting or an item when the leader could not (koml. § 11-2): recorded in møtemodus only."""

    list_display = ("meeting", "agenda_item", "membership", "how", "reason", "created_at")
    list_filter = ("how",)
    list_select_related = ("meeting__organization", "agenda_item", "membership__person")
