from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "secretariat.appointments"
    label = "appointments"
    verbose_name = "Oppnevninger"

    def ready(self):
        from . import signals

        signals.connect()
