from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "secretariat.training"
    label = "training"
    verbose_name = "Folkevalgtopplæring"

    def ready(self):
        from calendars.personal import register_source

        from .calendar import training_invitations

        register_source(training_invitations)
