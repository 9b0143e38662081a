from django.core.management.base import BaseCommand

from secretariat.followups.beat import ensure_periodic_tasks


class Command(BaseCommand):
    help = "Oppretter (eller retter) Celery beat-jobbene for påminnelser om vedtaksoppfølging. Trygt å kjøre flere ganger."

    def handle(self, *args, **options):
        for task in ensure_periodic_tasks():
            self.stdout.write(f"{task.name}: {task.task} ({task.crontab})")
        self.stdout.write(self.style.SUCCESS("Påminnelsene er satt opp."))
