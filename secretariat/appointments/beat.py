"""The appointment deadline warnings' Celery beat schedule (django-celery-beat), created idempotently by the demo
seed and `ensure_periodic_tasks()`; the secretariat can adjust the time in the admin."""

from __future__ import annotations

import json

TASK = "secretariat.appointments.tasks.send_appointment_deadline_warnings"
NAME = "Oppnevninger: varsel om frister"


def ensure_periodic_tasks():
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    crontab, _ = CrontabSchedule.objects.get_or_create(minute="15", hour="7", day_of_week="*", day_of_month="*",
                                                       month_of_year="*", timezone="Europe/Oslo")
    task, _ = PeriodicTask.objects.get_or_create(
        name=NAME, defaults={"task": TASK, "crontab": crontab, "args": json.dumps([]), "enabled": True})
    return task
