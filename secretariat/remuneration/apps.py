from django.apps import AppConfig


class RemunerationConfig(AppConfig):
    name = "secretariat.remuneration"
    label = "remuneration"
    verbose_name = "Godtgjøring"

    def ready(self):
        from . import services  # noqa: F401  registers the handlers of the claim workflow's steps
