from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "secretariat.appointments"
    label = "appointments"
    verbose_name = "Oppnevninger"
