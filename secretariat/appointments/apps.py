from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "secretariat.appointments"
    label = "appointments"
    verbose_name = "Oppnevninger"

    def ready(self):
        from . import (
            services,  # noqa: F401  registers the handlers of this app's workflow steps (services.handlers)
            signals,
        )

        signals.connect()
