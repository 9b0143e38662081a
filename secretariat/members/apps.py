from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "secretariat.members"
    label = "members"
    verbose_name = "Politikerportal"

    def ready(self):
        from . import services, signals  # noqa: F401  the leave workflow's handlers; call-ins for new meetings
