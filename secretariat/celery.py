"""The Celery app. Without CELERY_BROKER_URL tasks run in-process (the demo and `## Run`)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secretariat.settings")

app = Celery("saksgang")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
