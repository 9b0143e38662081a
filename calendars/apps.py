from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "calendars"
    label = "calendars"
    verbose_name = "Kalendere"

    def ready(self):
        from . import checks, personal, signals  # noqa: F401  (receivers, feed sources, system checks)
