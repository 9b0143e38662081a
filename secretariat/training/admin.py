from django.contrib import admin

from secretariat.common.calendar_sequence import bump_sequence

from .models import Course, Material, Registration, TrainingSession


class SessionInline(admin.TabularInline):
    model = TrainingSession
    extra = 0
    fields = ("start", "end", "location")


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "term", "audience", "organization")
    list_filter = ("term", "audience")
    inlines = [SessionInline]

    def save_formset(self, request, form, formset, change):
        # A changed session is a changed calendar event: its SEQUENCE grows (RFC 5545), through the one owner.
        for session in formset.save(commit=False):
            changed = session.pk is not None
            session.save()
            if changed:
                bump_sequence(session)
        for obj in formset.deleted_objects:
            obj.delete()


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-only: registration is the member's own step, attendance the secretariat's on the course page. Both are
    audited there, and attendance makes the godtgjøring drafts (tapt arbeidsinntekt is claimed from it); a tick
    changed here would do neither."""

    list_display = ("session", "person", "attended")
    list_filter = ("attended",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ("title", "course", "uploaded_at")
    readonly_fields = ("file", "uploaded_by")

    def has_add_permission(self, request):  # uploads go through the validated staff page
        return False
