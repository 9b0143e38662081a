from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "secretariat.outbox"
    verbose_name = "Utboks for bakgrunnsjobber"

    def ready(self):
        from . import signals  # noqa: F401 - the worker relays what waited when it starts
