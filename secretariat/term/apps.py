from django.apps import AppConfig


class TermConfig(AppConfig):
    name = "secretariat.term"
    label = "term"
    verbose_name = "Valgperiode: mottak, konstituering og gruppestøtte"
