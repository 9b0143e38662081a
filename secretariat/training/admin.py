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
    list_display = ("session", "person", "attended")
    list_filter = ("attended",)


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ("title", "course", "uploaded_at")
    readonly_fields = ("file", "uploaded_by")

    def has_add_permission(self, request):  # uploads go through the validated staff page
        return False
