"""sync_caldav [--organization SLUG]: full reconcile of the meetings with the CalDAV server (CONTRACTS.md)."""

from django.core.management.base import BaseCommand, CommandError

from calendars import caldav_sync
from secretariat.organizations.models import Organization


class Command(BaseCommand):
    help = "Sender møtene til kalenderserveren (CALDAV_URL). Trygt å kjøre flere ganger: bare endrede møter skrives."

    def add_arguments(self, parser):
        parser.add_argument("--organization", metavar="SLUG", help="Bare dette organet (f.eks. kommunestyret).")

    def handle(self, *args, organization=None, verbosity=1, **options):
        org = None
        if organization:
            org = Organization.objects.filter(slug=organization).first()
            if org is None:
                known = ", ".join(Organization.objects.values_list("slug", flat=True)) or "ingen"
                raise CommandError(f"Ukjent organ «{organization}». Kjente organer: {known}.")
        try:
            report = caldav_sync.reconcile(organization=org, stdout=self.stdout if verbosity > 1 else None)
        except caldav_sync.CalDAVError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(self.style.SUCCESS(f"Kalenderserveren er oppdatert: {report}."))
