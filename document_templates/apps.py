from django.apps import AppConfig


class DocumentTemplatesConfig(AppConfig):
    name = "document_templates"
    label = "document_templates"
    verbose_name = "Dokumentmaler"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Every app's documents.py registers its kinds (the case paper in cases, the meeting documents in meetings, …).
        autodiscover_modules("documents")
        from . import signals  # noqa: F401
