"""export_noark5 --organization SLUG --from DATE --to DATE --out DIR (CONTRACTS.md)."""

from django.core.management.base import BaseCommand, CommandError

from secretariat.archive.noark5 import ExportError, export_noark5


class Command(BaseCommand):
    help = ("Lager et Noark 5-uttrekk av ett organs møter i en periode: arkivstruktur.xml (gyldig mot "
            "arkivstruktur.xsd) og dokumentfilene, med skjerming der innholdet er unntatt eller lukket.")

    def add_arguments(self, parser):
        parser.add_argument("--organization", required=True, help="Organets nettadresse-navn, f.eks. kommunestyret")
        parser.add_argument("--from", dest="start", required=True, help="Første møtedag, ÅÅÅÅ-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="Siste møtedag, ÅÅÅÅ-MM-DD")
        parser.add_argument("--out", required=True, help="Ny eller tom mappe uttrekket skrives til")

    def handle(self, *args, organization, start, end, out, **options):
        try:
            extract = export_noark5(organization_slug=organization, start=start, end=end, out=out)
        except ExportError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"Skrev {out}/arkivstruktur.xml: {extract.meetings} møter, "
                          f"{extract.registrations} møteregistreringer, {len(extract.files)} filer.")
