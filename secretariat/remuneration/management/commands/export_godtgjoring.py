"""manage.py export_godtgjoring --month YYYY-MM --out FILE.csv: approved godtgjøring lines and the month's fast
godtgjøring for payroll (CONTRACTS.md). The month is locked afterwards; corrections go in the next period."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from secretariat.remuneration.forms import parse_month
from secretariat.remuneration.services import payroll_export
from workflows.errors import WorkflowError


class Command(BaseCommand):
    help = "Eksporter godkjent godtgjøring for en måned til lønn (CSV), og lås perioden."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="Måneden, ÅÅÅÅ-MM")
        parser.add_argument("--out", required=True, help="CSV-filen som skal skrives")

    def handle(self, *args, month: str, out: str, **options):
        first = parse_month(month)
        if first is None:
            raise CommandError(f"Ugyldig måned «{month}»: skriv ÅÅÅÅ-MM, f.eks. 2026-11.")
        target = Path(out)
        if not target.parent.exists():
            raise CommandError(f"Mappen {target.parent} finnes ikke.")
        try:
            export = payroll_export(actor=None, month=first)
        except WorkflowError as exc:
            raise CommandError(exc.message) from None
        target.write_text(export.content, encoding="utf-8")
        self.stdout.write(f"Skrev {export.line_count} linjer (sum {export.total} kr) for {export.label} til {target}. "
                          "Perioden er låst.")
