from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "secretariat.accounts"
    label = "accounts"
    verbose_name = "Brukere og roller"

    def ready(self):
        from . import guard

        guard.connect()
