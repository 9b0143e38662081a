from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "secretariat.organizations"
    label = "organizations"
    verbose_name = "Organer og folkevalgte"
