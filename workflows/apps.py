from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    name = "workflows"
    label = "workflows"
    verbose_name = "Arbeidsflyt og revisjonsspor"
