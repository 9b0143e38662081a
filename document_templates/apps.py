from django.apps import AppConfig


class DocumentTemplatesConfig(AppConfig):
    name = "document_templates"
    label = "document_templates"
    verbose_name = "Dokumentmaler"
