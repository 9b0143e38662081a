"""manage.py export_godtgjoring --month YYYY-MM --out FILE.csv: approved godtgjøring lines and the month's fast
godtgjøring for payroll (CONTRACTS.md). The month is locked afterwards; corrections go in the next period.

The export and the file succeed together or not at all: the file is written inside the export's transaction (to a
temporary file beside it, renamed into place), so a file that cannot be written leaves the month unexported and
unlocked, and a refused export leaves no file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from secretariat.remuneration.forms import parse_month
from secretariat.remuneration.rates import kroner
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
        try:
            folder = target.parent.is_dir()
        except OSError:
            folder = False
        if not folder:
            raise CommandError(f"Mappen {target.parent} finnes ikke.")
        try:
            with transaction.atomic():
                export = payroll_export(actor=None, month=first)
                _write(target, export.content)  # a failure here undoes the export: nothing is locked
        except WorkflowError as exc:
            raise CommandError(exc.message) from None
        except IsADirectoryError:
            raise CommandError(f"{target} er en mappe. Oppgi navnet på CSV-filen, f.eks. {target / 'lonn.csv'}. "
                               "Perioden er ikke eksportert og ikke låst.") from None
        except OSError as exc:
            raise CommandError(f"Kunne ikke skrive {target} ({exc.strerror or exc}). Perioden er ikke eksportert og "
                               "ikke låst.") from None
        self.stdout.write(f"Skrev {export.line_count} linjer (sum {kroner(export.total)} kr) for {export.label} til "
                          f"{target}. Perioden er låst.")


def _write(target: Path, content: str) -> None:
    """The whole file or none: a temporary file in the same folder, renamed over the target."""
    fd, temporary = tempfile.mkstemp(prefix=".godtgjoring-", suffix=".csv", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file (mkstemp makes it private)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
