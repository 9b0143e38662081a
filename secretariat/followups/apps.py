from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "secretariat.followups"
    label = "followups"
    verbose_name = "Vedtaksoppfølging"

    def ready(self):
        from . import services  # noqa: F401  registers the handlers of this app's workflow steps
