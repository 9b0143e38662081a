"""render_document KIND ID --out PATH [--public] [--maalform nn] [--pdf] (CONTRACTS.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from document_templates import registry
from secretariat import access


class Command(BaseCommand):
    help = "Lager et .docx-dokument (saksframlegg, innkalling, protokoll, saerutskrift, …) og skriver det til en fil."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="Dokumenttype, f.eks. saksframlegg, innkalling, protokoll, saerutskrift")
        parser.add_argument("id", help="Id-en til saken, møtet eller saken på sakslisten")
        parser.add_argument("--out", required=True, help="Filen som skal skrives")
        parser.add_argument("--public", action="store_true",
                            help="Offentlig versjon (uten unntatt innhold); bare for typene som har en")
        parser.add_argument("--maalform", choices=["nb", "nn"], default=None, help="nb eller nn (standard: kommunens)")
        parser.add_argument("--pdf", action="store_true", help="Skriv PDF (via LibreOffice) i stedet for .docx")
        parser.add_argument("--store", action="store_true",
                            help="Lagre som generert dokument (sjekksum, versjoner); låste protokoller hentes uendret")

    def handle(self, *args, kind, id, out, public, maalform, pdf, store, **options):
        try:
            if public:
                self._require_public_version(registry.get_kind(kind))
            obj = registry.get_object(kind, id)
            if store or pdf or registry.get_kind(kind).is_frozen(obj):
                # Frozen (approved) minutes: always the stored document, never a fresh render.
                doc = registry.generate(kind, obj, public=public, maalform=maalform)
                if pdf:
                    from document_templates.pdf import ensure_pdf

                    content = ensure_pdf(doc)
                else:
                    content = bytes(doc.content)
            else:
                content = registry.render(kind, obj, public=public, maalform=maalform)
        except registry.DocumentError as exc:
            raise CommandError(exc.message) from None
        path = Path(out)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Kunne ikke skrive {path}: {exc}") from None
        self.stdout.write(f"Skrev {path} ({len(content)} byte).")

    @staticmethod
    def _require_public_version(kind) -> None:
        """--public only for a kind that has a public version (`access.has_public_version`, as the downloads ask):
        a vielsesrapport or one person's årsoppgave has only its complete version, and a «public» copy of it would
        be the personal data under another name. The same answer whatever the id."""
        if not access.has_public_version(kind.name):
            with_public = ", ".join(k.name for k in registry.all_kinds() if access.has_public_version(k.name))
            raise CommandError(f"{kind.label} («{kind.name}») har ingen offentlig versjon. Kjør uten --public for "
                               f"den fullstendige versjonen. Typer med offentlig versjon: {with_public}.")
