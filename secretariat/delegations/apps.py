from django.apps import AppConfig


class DelegationsConfig(AppConfig):
    name = "secretariat.delegations"
    label = "delegations"
    verbose_name = "Delegerte vedtak"
