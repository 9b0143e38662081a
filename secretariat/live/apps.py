from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "secretariat.live"
    label = "live"
    verbose_name = "Direkte møte (talerliste og elektronisk avstemning)"
