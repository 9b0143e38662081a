from django.apps import AppConfig


class RemunerationConfig(AppConfig):
    name = "secretariat.remuneration"
    label = "remuneration"
    verbose_name = "Godtgjøring"

    def ready(self):
        from . import services, signals  # noqa: F401  the claim workflow's handlers; the record makes the drafts
