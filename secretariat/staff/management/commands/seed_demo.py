from django.core.management.base import BaseCommand

from secretariat.demo import seed_all
from secretariat.demo.core import DEMO_PASSWORD, USERS


class Command(BaseCommand):
    help = "Oppretter demokommunen Fjordvik kommune (trygt å kjøre flere ganger)."

    def handle(self, *args, **options):
        ctx = seed_all(self.stdout)
        from secretariat.cases.models import Case

        self.stdout.write(self.style.SUCCESS(
            f"Demokommunen {ctx.body.name} er klar: {Case.objects.count()} saker "
            f"({len(ctx.created_cases)} nye)."
        ))
        self.stdout.write("Innlogging (passord for alle: {}): {}, admin".format(
            DEMO_PASSWORD, ", ".join(u[0] for u in USERS)))
