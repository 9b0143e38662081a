from django.contrib import admin

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
        # A changed session is a changed calendar event: bump its SEQUENCE (RFC 5545).
        for session in formset.save(commit=False):
            if session.pk:
                session.sequence += 1
            session.save()
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
