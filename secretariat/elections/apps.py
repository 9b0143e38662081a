from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "secretariat.elections"
    label = "elections"
    verbose_name = "Valg"
