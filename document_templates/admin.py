from django.contrib import admin

from .models import DocumentTemplate, GeneratedDocument, JargonTerm


@admin.register(JargonTerm)
class JargonTermAdmin(admin.ModelAdmin):
    list_display = ["phrase", "suggestion", "is_active"]
    list_editable = ["suggestion", "is_active"]
    search_fields = ["phrase", "suggestion"]


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    list_display = ["kind", "maalform", "version", "filename", "is_active", "uploaded_at", "uploaded_by"]
    list_filter = ["kind", "maalform", "is_active"]
    exclude = ["content"]
    readonly_fields = ["kind", "maalform", "version", "filename", "checksum", "size", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request):  # uploads go through the validated staff page
        return False


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(admin.ModelAdmin):
    list_display = ["filename", "kind", "object_id", "public", "maalform", "template_version", "frozen", "created_at"]
    list_filter = ["kind", "public", "maalform", "frozen"]
    exclude = ["content", "pdf"]
    readonly_fields = [f.name for f in GeneratedDocument._meta.fields if f.name not in ("content", "pdf")]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
