from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "secretariat.staff"
    label = "staff"
    verbose_name = "Internt"
