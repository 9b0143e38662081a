"""The follow-up reminders' Celery beat schedule (django-celery-beat), created idempotently.

Kept in the database so the secretariat can see and adjust the times in the admin. Called from the data
migration (with historical models), from `manage.py setup_reminders` and from the demo seed.
"""

from __future__ import annotations

import json

REMINDER_TASK = "secretariat.followups.tasks.send_followup_reminders"
SUMMARY_TASK = "secretariat.followups.tasks.send_weekly_summary"

# name, task, crontab (minute, hour, day_of_week)
SCHEDULE = [
    ("Vedtaksoppfølging: påminnelser om frister", REMINDER_TASK, ("0", "7", "*")),
    ("Vedtaksoppfølging: ukesoversikt til kommunedirektøren", SUMMARY_TASK, ("0", "7", "1")),
]


def ensure_periodic_tasks(crontab_model=None, task_model=None) -> list:
    if crontab_model is None or task_model is None:
        from django_celery_beat.models import CrontabSchedule, PeriodicTask

        crontab_model, task_model = CrontabSchedule, PeriodicTask
    tasks = []
    for name, task, (minute, hour, day_of_week) in SCHEDULE:
        crontab, _ = crontab_model.objects.get_or_create(
            minute=minute, hour=hour, day_of_week=day_of_week, day_of_month="*", month_of_year="*",
            timezone="Europe/Oslo",
        )
        periodic, created = task_model.objects.get_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "args": json.dumps([]), "enabled": True},
        )
        if not created and (periodic.task != task or periodic.crontab_id is None):
            periodic.task = task
            periodic.crontab = crontab
            periodic.save()
        tasks.append(periodic)
    return tasks
