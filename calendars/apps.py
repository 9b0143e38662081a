from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "calendars"
    label = "calendars"
    verbose_name = "Kalendere"

    def ready(self):
        from . import personal, signals  # noqa: F401  (connect the receivers, register the feed sources)
