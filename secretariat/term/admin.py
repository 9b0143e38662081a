from django.contrib import admin

from .models import BodyElection, ElectionStatus, GroupChange, GroupSupportRule


@admin.register(GroupSupportRule)
class GroupSupportRuleAdmin(admin.ModelAdmin):
    list_display = ("valid_from", "base_amount", "per_seat_amount", "split", "reglement")


@admin.register(GroupChange)
class GroupChangeAdmin(admin.ModelAdmin):
    list_display = ("person", "new_group", "from_date", "term")
    readonly_fields = ("person", "term", "from_date", "new_group", "note", "created_at")

    # Registered on the page /intern/valgperiode/gruppeskifte/ (audited there).
    def has_add_permission(self, request):
        return False


@admin.register(BodyElection)
class BodyElectionAdmin(admin.ModelAdmin):
    list_display = ("organization", "term", "method", "status", "created_at")
    readonly_fields = [f.name for f in BodyElection._meta.fields]

    def has_add_permission(self, request):
        return False

    # A carried-out election is the record of how the body was elected: it is kept (a draft may go).
    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == ElectionStatus.APPLIED:
            return False
        return super().has_delete_permission(request, obj)
