from django.apps import AppConfig


class OParlConfig(AppConfig):
    name = "secretariat.oparl"
    label = "oparl"
    verbose_name = "OParl (åpne data)"

    def ready(self):
        from . import signals  # noqa: F401 - deleted objects stay as `deleted: true`
