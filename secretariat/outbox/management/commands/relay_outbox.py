from django.core.management.base import BaseCommand

from secretariat.outbox import pending, relay


class Command(BaseCommand):
    help = "Sender jobber som venter i utboksen til køen (Redis), f.eks. etter et brudd."

    def handle(self, *args, **options):
        sent = relay()
        self.stdout.write(f"Sendt {sent} jobber; {pending()} venter fortsatt.")
