from django.apps import AppConfig


class WeddingsConfig(AppConfig):
    name = "secretariat.weddings"
    label = "weddings"
    verbose_name = "Borgerlige vielser"
