from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "secretariat.meetings"
    label = "meetings"
    verbose_name = "Møter"

    def ready(self):
        from . import services  # noqa: F401  registers the handlers of this app's workflow steps
