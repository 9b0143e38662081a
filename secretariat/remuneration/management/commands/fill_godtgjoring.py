"""manage.py fill_godtgjoring --month YYYY-MM: the safety net for the drafts the record makes by itself (record.py):
every held meeting and training session of the month gets its attendees' drafts and corrected lines. Idempotent."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from secretariat.remuneration.forms import parse_month
from secretariat.remuneration.record import claims_fill_month


class Command(BaseCommand):
    help = "Lag manglende utkast til krav om møtegodtgjøring fra oppmøtet i en måned (kan kjøres flere ganger)."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="Måneden, ÅÅÅÅ-MM")

    def handle(self, *args, month: str, **options):
        first = parse_month(month)
        if first is None:
            raise CommandError(f"Ugyldig måned «{month}»: skriv ÅÅÅÅ-MM, f.eks. 2026-11.")
        result = claims_fill_month(first)
        self.stdout.write(f"{first:%Y-%m}: gikk gjennom {result.meetings} møter og {result.sessions} kursdager; "
                          f"{result.created} nye utkast.")
