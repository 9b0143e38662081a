from django.apps import AppConfig


class DocumentTemplatesConfig(AppConfig):
    name = "document_templates"
    label = "document_templates"
    verbose_name = "Dokumentmaler"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Our own kinds first (document_templates/documents.py), then every app's documents.py.
        autodiscover_modules("documents")
        from . import signals  # noqa: F401
