from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "secretariat.cases"
    label = "cases"
    verbose_name = "Saker"

    def ready(self):
        from workflows.engine import transitioned

        from . import services  # noqa: F401  registers the handlers of this app's workflow steps
        from .models import Case
        from .tasks import on_case_transition

        transitioned.connect(on_case_transition, sender=Case, dispatch_uid="cases.notify")

        from .signals import connect as connect_search_vector

        connect_search_vector()
