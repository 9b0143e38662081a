from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "secretariat.archive"
    verbose_name = "Arkiv (Noark 5-uttrekk)"
