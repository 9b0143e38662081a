from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "secretariat.live"
    label = "live"
    verbose_name = "Direkte møte (talerliste og elektronisk avstemning)"

    def ready(self):
        from secretariat.meetings import selectors

        from . import signals
        from .services import speakers_for_minutes

        if not any(extra.load is speakers_for_minutes for extra in selectors.ITEM_EXTRAS):
            selectors.ITEM_EXTRAS.append(selectors.ItemExtra(hidden={"speakers": []}, load=speakers_for_minutes))
        signals.connect()
