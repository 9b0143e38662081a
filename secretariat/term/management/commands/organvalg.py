"""`manage.py organvalg --term NAME --organ SLUG --kandidater FILE [--stemmer FILE --underskrifter FILE
[--loddtrekning LISTE ...] [--systemet-trekker] | --avtalevalg] [--gjennomfor]`: register the konstituerende møte's
election of a body (and carry it out with --gjennomfor). A seat decided by lots (koml. § 7-6 første ledd) takes the
outcome the meeting got from --loddtrekning, once per loddtrekning in seat order (secretariat/term/lots.py)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from secretariat.organizations.models import LegislativeTerm, Organization
from secretariat.term.constitution import body_election_apply, body_election_register
from secretariat.term.lots import LotsQuestion, names_text, system_may_draw
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
            "eller «liste;navn;vara»); heter flere det samme, skriv fødselsdatoen etter navnet: «Ap;Kari Nordmann "
            "(12.03.1980)». Stemmefilen: «liste;antall stemmesedler». Underskriftsfilen: «liste;navn» på "
            "den i kommunestyret som underskrev listeforslaget (koml. § 7-5 tredje ledd).")

    def add_arguments(self, parser):
        parser.add_argument("--term", required=True, help="Valgperiodens navn, f.eks. 2027–2031")
        parser.add_argument("--organ", required=True, help="Organets nettadresse-navn (slug), f.eks. formannskapet")
        parser.add_argument("--kandidater", required=True, help="Fil med lister og kandidater")
        parser.add_argument("--stemmer", help="Fil med stemmesedler per liste (forholdsvalg)")
        parser.add_argument("--underskrifter", help="Fil med hvem som underskrev hvert listeforslag (forholdsvalg)")
        parser.add_argument("--avtalevalg", action="store_true",
                            help="Én avtalt liste vedtatt uten stemmer mot (koml. § 7-7)")
        parser.add_argument("--loddtrekning", action="append", default=[], metavar="LISTE",
                            help="Lista som vant loddtrekningen i møtet om en plass (koml. § 7-6 første ledd); "
                                 "gjentas for hver loddtrekning, i plassenes rekkefølge")
        parser.add_argument("--systemet-trekker", action="store_true", dest="systemet_trekker",
                            help="Systemet trekker lodd der --loddtrekning ikke gir utfallet (bare der kommunen "
                                 "tillater det: SAKSGANG_SYSTEM_MAY_DRAW_LOTS)")
        parser.add_argument("--gjennomfor", action="store_true", help="Opprett medlemskapene med en gang")

    def handle(self, *args, term, organ, kandidater, stemmer, avtalevalg, gjennomfor, underskrifter=None,
               loddtrekning=(), systemet_trekker=False, **options):
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
        if avtalevalg and (loddtrekning or systemet_trekker):
            raise CommandError("Avtalevalg har ingen stemmesedler og ingen loddtrekning: ta bort --loddtrekning og "
                               "--systemet-trekker.")
        if systemet_trekker and not system_may_draw():
            raise CommandError("Kommunen lar ikke systemet trekke lodd (SAKSGANG_SYSTEM_MAY_DRAW_LOTS): oppgi hvem som "
                               "vant loddtrekningen i møtet med --loddtrekning LISTE.")
        method = ElectionMethod.AVTALEVALG if avtalevalg else ElectionMethod.FORHOLDSVALG
        try:
            election = body_election_register(actor=None, organization=organization, term=found_term, method=method,
                                              candidates_text=_read(kandidater),
                                              votes_text=_read(stemmer) if stemmer else "",
                                              signatures_text=_read(underskrifter) if underskrifter else "",
                                              unanimous=avtalevalg, lots=loddtrekning,
                                              system_draws_rest=systemet_trekker)
            for r in election.result["lists"]:
                self.stdout.write(f"{r['list']}: {r['seats']} plass(er): "
                                  f"{', '.join(p['name'] for p in r['members']) or '–'}; vara: "
                                  f"{', '.join(p['name'] for p in r['substitutes']) or '–'}")
                for line in r["corrections"] + r["warnings"]:
                    self.stdout.write(f"  {line}")
            for step in election.result.get("steps", []):
                if step.get("lot"):
                    self.stdout.write(f"Plass {step['number']}: {step['lot']['text']}.")
            if election.result.get("lots_unused"):
                self.stdout.write(f"Merk: --loddtrekning {names_text(election.result['lots_unused'])} ble ikke brukt: "
                                  "ingen (flere) plasser avgjøres ved loddtrekning.")
            for line in election.result.get("warnings", []):
                self.stdout.write(f"Merk: {line}")
            if gjennomfor:
                made = body_election_apply(actor=None, election=election)
                self.stdout.write(f"Gjennomført: {len(made)} medlemskap i {organization.name} fra "
                                  f"{found_term.start_date:%d.%m.%Y}.")
            else:
                self.stdout.write(f"Registrert som utkast (nr. {election.pk}); gjennomfør på "
                                  f"/intern/valgperiode/organvalg/{election.pk}/.")
        except LotsQuestion as exc:
            how = "--loddtrekning LISTE" + (" (eller --systemet-trekker)" if system_may_draw() else "")
            raise CommandError("Ingenting er lagret:\n" + "\n".join(exc.messages) + f"\nOppgi utfallet med {how}, "
                               "én gang for hver loddtrekning i plassenes rekkefølge.") from None
        except ValidationError as exc:
            raise CommandError("Ingenting er lagret:\n" + "\n".join(exc.messages)) from None
        except WorkflowError as exc:
            raise CommandError(exc.message) from None
