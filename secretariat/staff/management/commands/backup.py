from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from secretariat.staff.backup import BackupError, backup


class Command(BaseCommand):
    help = "Tar sikkerhetskopi: databasen (pg_dump) og mediefilene, med en manifest med sjekksummer."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Ny (eller tom) mappe for sikkerhetskopien.")

    def handle(self, *args, out, **options):
        try:
            manifest = backup(Path(out))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(
            f"Sikkerhetskopi skrevet til {out}: {rows} rader, {len(manifest['media'])} mediefiler, "
            f"{len(manifest['documents'])} dokumenter."))
