from django.apps import AppConfig


class InnsynConfig(AppConfig):
    name = "secretariat.innsyn"
    label = "innsyn"
    verbose_name = "Innsyn"

    def ready(self):
        from secretariat.common.public_cache import connect

        connect()  # rendered public pages and feeds are invalidated by any write they read
