from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "secretariat.followups"
    label = "followups"
    verbose_name = "Vedtaksoppfølging"
