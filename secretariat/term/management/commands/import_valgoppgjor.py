"""`manage.py import_valgoppgjor FILE --term NAME`: import the valgoppgjør into kommunestyret, all or nothing."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from secretariat.organizations.models import LegislativeTerm
from secretariat.term.bodies import kommunestyret
from secretariat.term.valgoppgjor import COLUMNS, term_create, valgoppgjor_import


class Command(BaseCommand):
    help = (f"Importer valgoppgjøret (CSV, UTF-8, ; eller ,) for en ny valgperiode. Kolonner: {';'.join(COLUMNS)}. "
            "Er én linje feil, importeres ingenting.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV-filen")
        parser.add_argument("--term", required=True, help="Valgperiodens navn, f.eks. 2027–2031")
        parser.add_argument("--start", help="Første dag i valgperioden (ÅÅÅÅ-MM-DD): oppretter valgperioden (fire år) "
                                            "hvis den ikke finnes")

    def handle(self, *args, file: str, term: str, start: str | None = None, **options):
        found = LegislativeTerm.objects.filter(name=term).first()
        if found is None and start:
            try:
                found = term_create(actor=None, name=term, start_date=dt.date.fromisoformat(start))
            except ValueError:
                raise CommandError(f"--start «{start}» er ikke en dato (ÅÅÅÅ-MM-DD).") from None
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
            self.stdout.write(f"Valgperioden {found} ({found.start_date:%d.%m.%Y}–{found.end_date:%d.%m.%Y}) er "
                              "opprettet.")
        if found is None:
            names = ", ".join(LegislativeTerm.objects.order_by("start_date").values_list("name", flat=True))
            raise CommandError(f"Finner ingen valgperiode «{term}». Valgperiodene er: {names or 'ingen'}.")
        ks = kommunestyret()
        if ks is None:
            raise CommandError("Det finnes ikke noe kommunestyre.")
        try:
            with open(file, encoding="utf-8-sig") as fh:
                content = fh.read()
        except FileNotFoundError:
            raise CommandError(f"Finner ikke filen {file}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file} er ikke lagret som UTF-8.") from None
        except OSError as exc:
            raise CommandError(f"Kan ikke lese {file}: {exc.strerror}.") from None
        result = valgoppgjor_import(actor=None, content=content, term=found, kommunestyret=ks, source=file)
        if result.errors:
            raise CommandError("Ingenting er importert:\n" + "\n".join(result.errors))
        self.stdout.write(f"Valgoppgjøret er importert: {result.members} representanter og {result.substitutes} "
                          f"varamedlemmer i {ks.name} {found}; {result.persons_created} nye personer, "
                          f"{len(result.invited)} invitasjoner sendt.")
        if result.without_email:
            self.stdout.write(f"Uten e-postadresse (ingen konto): {', '.join(result.without_email)}.")
