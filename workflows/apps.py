from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    name = "workflows"
    label = "workflows"
    verbose_name = "Arbeidsflyt og revisjonsspor"

    def ready(self):
        from . import checks  # noqa: F401  the start-up check that every step that needs a handler has one
