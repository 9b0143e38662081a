"""`manage.py organvalg --term NAME --organ SLUG --kandidater FILE [--stemmer FILE --underskrifter FILE | --avtalevalg]
[--gjennomfor]`: register the konstituerende møte's election of a body (and carry it out with --gjennomfor)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from secretariat.organizations.models import LegislativeTerm, Organization
from secretariat.term.constitution import body_election_apply, body_election_register
from secretariat.term.models import ElectionMethod
from workflows.errors import WorkflowError


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            return fh.read()
    except FileNotFoundError:
        raise CommandError(f"Finner ikke filen {path}.") from None
    except (UnicodeDecodeError, OSError):
        raise CommandError(f"Kan ikke lese {path} som UTF-8.") from None


class Command(BaseCommand):
    help = ("Valg av formannskap eller utvalg på det konstituerende møtet: forholdsvalg (--stemmer) eller avtalevalg "
            "(--avtalevalg). Kandidatfilen har én linje per kandidat: «liste;navn» (avtalevalg: «liste;navn;medlem» "
            "eller «liste;navn;vara»). Stemmefilen: «liste;antall stemmesedler». Underskriftsfilen: «liste;navn» på "
            "den i kommunestyret som underskrev listeforslaget (koml. § 7-5 tredje ledd).")

    def add_arguments(self, parser):
        parser.add_argument("--term", required=True, help="Valgperiodens navn, f.eks. 2027–2031")
        parser.add_argument("--organ", required=True, help="Organets nettadresse-navn (slug), f.eks. formannskapet")
        parser.add_argument("--kandidater", required=True, help="Fil med lister og kandidater")
        parser.add_argument("--stemmer", help="Fil med stemmesedler per liste (forholdsvalg)")
        parser.add_argument("--underskrifter", help="Fil med hvem som underskrev hvert listeforslag (forholdsvalg)")
        parser.add_argument("--avtalevalg", action="store_true",
                            help="Én avtalt liste vedtatt uten stemmer mot (koml. § 7-7)")
        parser.add_argument("--gjennomfor", action="store_true", help="Opprett medlemskapene med en gang")

    def handle(self, *args, term, organ, kandidater, stemmer, avtalevalg, gjennomfor, underskrifter=None, **options):
        found_term = LegislativeTerm.objects.filter(name=term).first()
        if found_term is None:
            raise CommandError(f"Finner ingen valgperiode «{term}».")
        organization = Organization.objects.filter(slug=organ).first()
        if organization is None:
            raise CommandError(f"Finner ikke organet «{organ}».")
        if bool(stemmer) == bool(avtalevalg):
            raise CommandError("Oppgi enten --stemmer (forholdsvalg) eller --avtalevalg.")
        if stemmer and not underskrifter:
            raise CommandError("Forholdsvalg: oppgi --underskrifter, hvem som underskrev listeforslagene (koml. § 7-5 "
                               "tredje ledd).")
        method = ElectionMethod.AVTALEVALG if avtalevalg else ElectionMethod.FORHOLDSVALG
        try:
            election = body_election_register(actor=None, organization=organization, term=found_term, method=method,
                                              candidates_text=_read(kandidater),
                                              votes_text=_read(stemmer) if stemmer else "",
                                              signatures_text=_read(underskrifter) if underskrifter else "",
                                              unanimous=avtalevalg)
            for r in election.result["lists"]:
                self.stdout.write(f"{r['list']}: {r['seats']} plass(er): "
                                  f"{', '.join(p['name'] for p in r['members']) or '–'}; vara: "
                                  f"{', '.join(p['name'] for p in r['substitutes']) or '–'}")
                for line in r["corrections"] + r["warnings"]:
                    self.stdout.write(f"  {line}")
            for line in election.result.get("warnings", []):
                self.stdout.write(f"Merk: {line}")
            if gjennomfor:
                made = body_election_apply(actor=None, election=election)
                self.stdout.write(f"Gjennomført: {len(made)} medlemskap i {organization.name} fra "
                                  f"{found_term.start_date:%d.%m.%Y}.")
            else:
                self.stdout.write(f"Registrert som utkast (nr. {election.pk}); gjennomfør på "
                                  f"/intern/valgperiode/organvalg/{election.pk}/.")
        except ValidationError as exc:
            raise CommandError("Ingenting er lagret:\n" + "\n".join(exc.messages)) from None
        except WorkflowError as exc:
            raise CommandError(exc.message) from None
