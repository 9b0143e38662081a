"""Deterministic Norwegian titles and paper text for the generated scale kommune (seed_scale).

Words vary enough that a search has real work: common words («skole», «reguleringsplan») hit thousands of
cases, a rare word (RARE_WORD) a handful. Exempt text and closed-item text carry their own marker words
(EXEMPT_MARKER, CLOSED_MARKER, SECTION_MARKER) that must never be found by a public search.
"""

from __future__ import annotations

import random

# Markers planted only in text the public may never see (tests search for them).
EXEMPT_MARKER = "Fortrolighetsmerke"
CLOSED_MARKER = "Lukketmøtemerke"
SECTION_MARKER = "Avsnittsmerke"
# A word in about one case in 3,000 (search benchmark: «rare»).
RARE_WORD = "Myrsnipeveien"
COMMON_WORD = "skole"

PLACES = [
    "Storvik sentrum", "Nordbygda", "Solbakken", "Storelva", "Haugen", "Vestre Lia", "Kvernhusmyra", "Lundeby",
    "Sjøgata", "Brattåsen", "Elvebakken", "Furulund", "Granheim", "Holmen", "Kirkebakken", "Lillestrand",
    "Nedre Tveit", "Øvre Dal", "Rossnes", "Sandvika", "Skogheim", "Steinsvik", "Tangen", "Ulvøya", "Vågen",
    "Åsheim", "Bjørkely", "Fagerli", "Hestnes", "Løvåsen", "Moldestad", "Nesbakken", "Rognes", "Sætre",
]
SCHOOLS = ["Storvik skole", "Nordbygda skole", "Solbakken ungdomsskole", "Elvebakken barneskole",
           "Furulund oppvekstsenter", "Haugen skole", "Lundeby skole", "Vågen skole"]
FIRMS = ["Kaffebrenneriet Storvik AS", "Fjordkroa", "Bryggerestauranten", "Hotell Storvik", "Pub Ankeret",
         "Sjøbua Mat og Vinhus", "Café Elvebakken", "Kulturhuset Storvik KF"]
BUILDINGS = ["idrettshall", "sykehjemsfløy", "barnehage", "brannstasjon", "svømmehall", "kulturskole", "helsehus"]
SUBJECTS = [
    "skolestruktur", "kommunale avgifter", "vintervedlikehold av kommunale veger", "bredbånd i distriktene",
    "sykehjemsplasser", "kollektivtilbud", "friluftsområder", "eiendomsskatt", "næringsutvikling",
    "rus og psykisk helse", "boligsosial handlingsplan", "klimatilpasning og overvann", "digitalisering",
    "tidlig innsats i barnehagen", "folkehelse", "beredskap og kriseledelse", "kulturminner", "turistveg",
]
RULES = ["delegeringsreglementet", "godtgjøringsreglementet", "reglement for folkevalgte organer",
         "finansreglementet", "økonomireglementet", "politiske møter og saksbehandling"]

TITLE_TEMPLATES = [
    "Reguleringsplan for {place}",
    "Detaljregulering av {place} – andre gangs behandling",
    "Budsjett {year} og økonomiplan {year}–{year3}",
    "Søknad om skjenkebevilling – {firm}",
    "Tilstandsvurdering av {school}",
    "Ny {building} i {place}",
    "Utbedring av kommunal veg ved {place}",
    "Høring: {subject}",
    "Interpellasjon om {subject}",
    "Hovedplan for vann og avløp – {place}",
    "Tertialrapport {tertial}. tertial {year}",
    "Årsmelding og årsregnskap {year}",
    "Kjøp av eiendom gnr. {gnr} bnr. {bnr} i {place}",
    "Klage på vedtak om {subject}",
    "Tilskudd til lag og foreninger {year}",
    "Trafikksikkerhetsplan {year}–{year3}",
    "Revisjon av {rule}",
    "Temaplan for {subject}",
    "Skolebruksplan: framtidig drift av {school}",
    "Oppfølging av forvaltningsrevisjon om {subject}",
    "Kommunedelplan for {subject} {year}–{year3}",
    "Salg av kommunal tomt på {place}",
]
EXEMPT_TITLES = ["Personalsak", "Klage på vedtak om tildeling av tjenester", "Erstatningskrav mot kommunen",
                 "Søknad om startlån – enkeltsak", "Barnevernssak – klage", "Forhandlinger om kjøp av eiendom"]

BACKGROUND = [
    "Kommunestyret vedtok i {year0} å starte arbeidet med {subject}.",
    "Saken gjelder {place}, der innbyggerne lenge har etterlyst bedre løsninger.",
    "Administrasjonen har hatt møter med velforeningen og næringslivet.",
    "Forslaget har vært på høring, og det kom inn {n} uttalelser.",
    "Statsforvalteren har gitt innspill om jordvern og strandsone.",
    "Tilstandsrapporten viser behov for vedlikehold av tak, ventilasjon og uteområder.",
    "Elevtallet ved {school} har gått ned de siste årene.",
    "Vegen ved {place} er smal, og det mangler fortau på strekningen.",
    "Tiltaket er omtalt i økonomiplanen og i kommuneplanens samfunnsdel.",
    "Søkeren har levert politiattest og dokumentasjon på kunnskapsprøven.",
    "Det ble holdt folkemøte på {place} med godt oppmøte.",
    "Eldrerådet og ungdomsrådet har uttalt seg i saken.",
]
ASSESSMENT = [
    "Kommunedirektøren vurderer at forslaget gir en bedre og tryggere løsning.",
    "Tiltaket vil styrke tjenestetilbudet og gi lavere driftskostnader over tid.",
    "Alternativene er vurdert opp mot hverandre, og det anbefales alternativ {alt}.",
    "Konsekvensene for natur og friluftsliv er små.",
    "Barns beste er vurdert, og forslaget gir bedre lekeareal i nærmiljøet.",
    "Det er usikkerhet knyttet til kostnadene, og det anbefales en ny vurdering etter anbudsrunden.",
    "Forslaget er i tråd med kommuneplanens arealdel.",
    "Administrasjonen mener at {subject} bør prioriteres i neste økonomiplanperiode.",
    "Klagen inneholder ingen nye opplysninger som endrer vurderingen.",
    "Tiltaket bidrar til kommunens klimamål og til bedre folkehelse.",
]
ECONOMY = [
    "Tiltaket er beregnet til {amount} millioner kroner og finansieres med lån.",
    "Saken har ingen økonomiske konsekvenser utover det som ligger i budsjettet.",
    "Driftskostnadene øker med om lag {amount} hundre tusen kroner per år.",
    "Tilskuddet dekkes av rammen til kultur og idrett.",
]
RECOMMENDATION = [
    "Kommunestyret vedtar {title_lower} slik det går fram av saksframlegget.",
    "Formannskapet slutter seg til forslaget og ber kommunedirektøren følge opp saken.",
    "Klagen tas ikke til følge. Saken sendes Statsforvalteren for endelig avgjørelse.",
    "Søknaden innvilges for perioden fram til {year3}.",
    "Planen vedtas med de endringene som er beskrevet i vurderingen.",
]
SUMMARY = [
    "Saken handler om {topic}.",
    "Kommunedirektøren foreslår at kommunen {verb}.",
    "Dette berører innbyggerne på {place}.",
    "Vedtaket får betydning for {subject}.",
]
VERBS = ["bygger nytt og sier nei til rehabilitering", "bruker mer penger på vedlikehold",
         "samarbeider med nabokommunene", "starter arbeidet i år", "venter med tiltaket til neste år",
         "gir tillatelse på vilkår"]
DECISIONS = [
    "Innstillingen ble vedtatt.",
    "Innstillingen ble vedtatt med endringer fra arbeidsutvalget.",
    "Saken ble vedtatt i tråd med kommunedirektørens innstilling, med tillegg om rapportering til formannskapet.",
    "Forslaget fra {party} ble vedtatt.",
    "Kommunestyret vedtok planen med de endringene som framgår av protokollen.",
]
PARTIES_TEXT = ["Arbeiderpartiet", "Høyre", "Senterpartiet", "Fremskrittspartiet", "SV", "KrF", "Venstre", "MDG"]
FOLLOWUP = [
    "Sende melding om vedtaket til søkeren og berørte parter.",
    "Lyse ut anbudskonkurranse og rapportere til formannskapet.",
    "Innarbeide tiltaket i budsjettet for neste år.",
    "Gjennomføre tiltaket og rapportere i tertialrapporten.",
    "Informere innbyggerne på kommunens nettsider.",
]


class TextMaker:
    """Fills the templates from one seeded random generator: the same seed gives the same kommune."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def _fill(self, template: str, year: int, **extra) -> str:
        r = self.rng
        values = {
            "place": r.choice(PLACES), "school": r.choice(SCHOOLS), "firm": r.choice(FIRMS),
            "building": r.choice(BUILDINGS), "subject": r.choice(SUBJECTS), "rule": r.choice(RULES),
            "year": year, "year0": year - r.randint(1, 4), "year3": year + 3, "tertial": r.randint(1, 2),
            "gnr": r.randint(1, 120), "bnr": r.randint(1, 400), "n": r.randint(3, 40), "alt": r.choice("ABC"),
            "amount": r.randint(2, 90), "party": r.choice(PARTIES_TEXT), "verb": r.choice(VERBS),
            "topic": r.choice(SUBJECTS),
        }
        values.update(extra)
        return template.format(**values)

    def title(self, year: int) -> str:
        return self._fill(self.rng.choice(TITLE_TEMPLATES), year)

    def exempt_public_title(self) -> str:
        return self.rng.choice(EXEMPT_TITLES)

    def _paragraph(self, pool: list[str], n: int, year: int, **extra) -> str:
        return " ".join(self._fill(self.rng.choice(pool), year, **extra) for _ in range(n))

    def paper(self, title: str, year: int) -> dict[str, str]:
        return {
            "summary": self._paragraph(SUMMARY, 3, year),
            "background": self._paragraph(BACKGROUND, 5, year),
            "assessment": self._paragraph(ASSESSMENT, 5, year),
            "economic_consequences": self._paragraph(ECONOMY, 2, year),
            "recommendation": self._fill(self.rng.choice(RECOMMENDATION), year,
                                         title_lower=title[:1].lower() + title[1:]),
        }

    def decision(self, year: int) -> str:
        return self._fill(self.rng.choice(DECISIONS), year)

    def followup(self, year: int) -> str:
        return self._fill(self.rng.choice(FOLLOWUP), year)
