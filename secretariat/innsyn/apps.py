from django.apps import AppConfig


class InnsynConfig(AppConfig):
    name = "secretariat.innsyn"
    label = "innsyn"
    verbose_name = "Innsyn"
