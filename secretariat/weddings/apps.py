from django.apps import AppConfig


class WeddingsConfig(AppConfig):
    name = "secretariat.weddings"
    label = "weddings"
    verbose_name = "Borgerlige vielser"

    def ready(self):
        from celery.schedules import crontab

        from secretariat.celery import app as celery_app

        from . import services  # noqa: F401  registers the handlers of this app's workflow steps

        # Daily alarm for the notice to Skatteetaten (forskrift 1992-11-20 nr. 854: within 3 days).
        schedule = celery_app.conf.beat_schedule or {}
        schedule.setdefault("weddings-notice-alarms", {
            "task": "secretariat.weddings.tasks.send_notice_alarms",
            "schedule": crontab(hour=7, minute=30),
        })
        # Unconfirmed public bookings whose hold ran out (issue 12); the booking form releases them too.
        schedule.setdefault("weddings-release-expired-holds", {
            "task": "secretariat.weddings.tasks.release_expired_holds",
            "schedule": crontab(minute="*/15"),
        })
        celery_app.conf.beat_schedule = schedule

        from calendars.personal import register_source

        from .calendar import officiant_weddings

        register_source(officiant_weddings)
