"""The listeforslag and the innstilling as typed on the page: read line by line and checked against the law
(koml. § 7-3 tredje ledd, § 7-5, § 7-7 andre ledd). Each function returns what it read and Norwegian messages."""

from __future__ import annotations

from secretariat.organizations.models import (
    LegislativeTerm,
    Membership,
    Organization,
    OrganizationType,
    Party,
    Person,
)

from . import apportionment as ap
from .bodies import (
    MAX_BALLOTS,
    as_far_as_possible,
    ballots_bound,
    eligible_people,
    find_person,
    groups_in_kommunestyret,
    incompatible,
    incompatible_basis,
    kommunestyret_people,
    list_of_group,
    not_eligible_why,
)
from .textinput import lines, name_key, whole_number

ROLE_WORDS = {"medlem": "member", "fast": "member", "vara": "substitute", "varamedlem": "substitute"}


def party_named(value: str, parties: list[Party]) -> Party | None:
    wanted = name_key(value)
    return next((p for p in parties if wanted in (name_key(p.abbreviation), name_key(p.name))), None)


def parse_candidates(text: str, *, organization, term, with_role: bool):
    """Lines «liste;navn» (avtalevalg: «liste;navn;medlem|vara»), in list order. Returns {party: [(person, role)]}
    and the line-numbered errors."""
    parties = list(Party.objects.all())
    people = eligible_people(organization, term)
    barred = incompatible(organization, term)
    lists: dict[Party, list[tuple[Person, str]]] = {}
    errors: list[str] = []
    seen: dict[int, int] = {}
    width = 3 if with_role else 2
    for number, cells in lines(text):
        if len(cells) != width:
            form = "liste;navn;medlem eller vara" if with_role else "liste;navn"
            errors.append(f"Linje {number}: skriv «{form}» (fant {len(cells)} felt).")
            continue
        party = party_named(cells[0], parties)
        if party is None:
            errors.append(f"Linje {number}: ukjent liste «{cells[0]}».")
            continue
        person, why = find_person(cells[1], people, barred=barred)
        if person is None:
            errors.append(f"Linje {number}: {why or '«' + cells[1] + '» ' + not_eligible_why(organization, term)}.")
            continue
        if person.pk in seen:
            errors.append(f"Linje {number}: {person.name} står også på linje {seen[person.pk]}.")
            continue
        seen[person.pk] = number
        if person.pk in barred:
            errors.append(f"Linje {number}: {person.name} {barred[person.pk]} og kan ikke velges til "
                          f"{organization.name} ({incompatible_basis(organization)}).")
            continue
        role = "member"
        if with_role:
            role = ROLE_WORDS.get(name_key(cells[2]), "")
            if not role:
                errors.append(f"Linje {number}: rollen «{cells[2]}» må være «medlem» eller «vara».")
                continue
        lists.setdefault(party, []).append((person, role))
    if not lists and not errors:
        errors.append("Skriv inn listene med kandidater.")
    return lists, errors


def control_committee_problems(lists, *, organization: Organization, term: LegislativeTerm,
                               elected: list[Person]) -> tuple[list[str], list[str]]:
    """Kontrollutvalget (koml. § 23-1 andre ledd): «minst ett av medlemmene» elected among kommunestyret's members
    (its members, not its varamedlemmer) — checked on the members the election gives, `elected`. A warning for each
    candidate who is a member or varamedlem of another body in the term that may have avgjørelsesmyndighet (§ 23-1
    tredje ledd bokstav c; kommunestyret's members are excepted): Saksgang does not know a body's delegated power."""
    if organization.organization_type != OrganizationType.KONTROLLUTVALG:
        return [], []
    errors, warnings = [], []
    members = {p.pk for people in kommunestyret_people(term, regular_only=True).values() for p in people}
    if elected and not any(p.pk in members for p in elected):
        errors.append(f"Minst ett av medlemmene i {organization.name} skal velges blant kommunestyrets medlemmer (koml. "
                      f"§ 23-1 andre ledd), men ingen av de valgte medlemmene ({', '.join(p.name for p in elected)}) "
                      f"er medlem av kommunestyret i valgperioden {term}.")
    candidates = {p.pk: p for people in lists.values() for p, _ in people}
    others = (Membership.objects.filter(person_id__in=candidates, term=term)
              .exclude(organization__organization_type__in=[OrganizationType.KOMMUNESTYRE,
                                                            OrganizationType.KONTROLLUTVALG,
                                                            OrganizationType.FORMANNSKAP])
              .select_related("organization").order_by("person_id", "organization__name"))
    for m in others:
        if m.organization.gives_only_innstilling:
            continue
        warnings.append(f"{candidates[m.person_id].name} er {m.get_role_display().lower()} i {m.organization.name}: "
                        f"har {m.organization.name} avgjørelsesmyndighet, kan vedkommende ikke velges til "
                        f"{organization.name} (koml. § 23-1 tredje ledd bokstav c). Kontroller det før valget "
                        "gjennomføres.")
    return errors, warnings


def genders_known(lists) -> list[str]:
    """The gender rules need every candidate's gender: a missing one is an error, not a guess."""
    missing = [person.name for people in lists.values() for person, _ in people if person.gender not in ap.GENDERS]
    if not missing:
        return []
    return [f"Kjønn er ikke registrert for {', '.join(missing)}. Registrer det på personen (admin) først: reglene om "
            "kjønnsbalanse (koml. §§ 7-5 til 7-7) kan ikke kontrolleres uten."]


def check_lists(lists, *, organization: Organization, term: LegislativeTerm) -> tuple[list[str], list[str]]:
    """§ 7-5 on each listeforslag: at most twice as many names as seats (første ledd), gender balance (andre ledd;
    «så langt det er mulig» for formannskapet and arbeidsutvalg), and candidates from a party only on its own list
    or a fellesliste (første ledd, a warning: Saksgang knows a fellesliste only by its name)."""
    errors, warnings = [], []
    seats = organization.seats
    groups = groups_in_kommunestyret(term)
    for party, people in lists.items():
        if len(people) > ap.MAX_NAMES_PER_SEAT * seats:
            errors.append(f"{party.abbreviation}: lista har {len(people)} navn, men kan ha høyst "
                          f"{ap.MAX_NAMES_PER_SEAT * seats} (dobbelt så mange som de {seats} som skal velges, "
                          "koml. § 7-5 første ledd).")
        for gender, have, need in ap.list_gender_shortfalls([p.gender for p, _ in people], seats):
            rule = ("minst 40 prosent av hvert kjønn" if seats >= 4 else "begge kjønn")
            text = (f"{party.abbreviation}: lista har {ap.people_of(have, gender)} av {len(people)} navn; når "
                    f"{seats} skal velges, krever loven {rule} på lista (minst {need}, koml. § 7-5 andre ledd).")
            if as_far_as_possible(organization):
                on_list = {p.pk for p, _ in people}
                available = sorted(p.name for p in Person.objects.filter(pk__in=[
                    pk for pk, g in groups_in_kommunestyret(term, regular_only=True).items()
                    if list_of_group(party, g) and pk not in on_list], gender=gender))
                warnings.append(text + " For " + organization.name + " gjelder kravet så langt det er mulig"
                                + (f"; gruppa har {ap.GENDER_WORDS[gender]} i kommunestyret som ikke står på lista: "
                                   f"{', '.join(available)}." if available else "."))
            else:
                errors.append(text)
        for person, _ in people:
            group = groups.get(person.pk)
            if group is not None and not list_of_group(party, group):
                warnings.append(f"{person.name} er valgt inn i kommunestyret for {group.abbreviation}, men står på "
                                f"lista til {party.abbreviation}: det er lovlig bare om den er en fellesliste med "
                                f"{group.abbreviation} (koml. § 7-5 første ledd).")
    return errors, warnings


def parse_votes(text: str, lists: dict) -> tuple[dict[Party, int], list[str]]:
    parties = list(Party.objects.all())
    bound, bound_words = ballots_bound()
    votes: dict[Party, int] = {}
    errors: list[str] = []
    for number, cells in lines(text):
        if len(cells) != 2:
            errors.append(f"Linje {number}: skriv «liste;antall stemmesedler».")
            continue
        party = party_named(cells[0], parties)
        if party is None or party not in lists:
            errors.append(f"Linje {number}: «{cells[0]}» er ikke en av listene i valget.")
            continue
        count = whole_number(cells[1], maximum=MAX_BALLOTS)
        if count is None:
            errors.append(f"Linje {number}: antall stemmesedler «{cells[1]}» må være et helt tall fra 0 (sifrene "
                          "0–9).")
            continue
        if party in votes:
            errors.append(f"Linje {number}: {party.abbreviation} har allerede et stemmetall.")
            continue
        votes[party] = count
    for party in lists:
        if party not in votes and not errors:
            errors.append(f"Mangler antall stemmesedler for {party.abbreviation}.")
    total = sum(votes.values())
    if not errors and total == 0:
        errors.append("Ingen stemmesedler er talt: ved forholdsvalg fordeles plassene etter stemmesedlene (koml. § 7-6 "
                      "første ledd).")
    if not errors and total > bound:
        errors.append(f"Listene har til sammen {total} stemmesedler, men {bound_words}: hvert medlem har én "
                      "stemmeseddel.")
    return votes, errors


def parse_signatures(text: str, lists: dict, *, term: LegislativeTerm) -> list[str]:
    """§ 7-5 tredje ledd: «Listeforslaget skal være underskrevet av minst ett medlem av det partiet eller den gruppen
    som fremmer forslaget. Den som underskriver forslaget, må være medlem av det velgende organet» (kommunestyret).
    Lines «liste;navn»."""
    parties = list(Party.objects.all())
    members = kommunestyret_people(term, regular_only=True)
    groups = groups_in_kommunestyret(term, regular_only=True)
    errors: list[str] = []
    signed: set[Party] = set()
    for number, cells in lines(text):
        if len(cells) != 2:
            errors.append(f"Underskrifter, linje {number}: skriv «liste;navn på den som underskrev».")
            continue
        party = party_named(cells[0], parties)
        if party is None or party not in lists:
            errors.append(f"Underskrifter, linje {number}: «{cells[0]}» er ikke en av listene i valget.")
            continue
        signer, why = find_person(cells[1], members)
        if signer is None:
            errors.append(f"Underskrifter, linje {number}: " + (why or (
                f"«{cells[1]}» er ikke medlem av kommunestyret (det velgende organet) i valgperioden {term} (koml. "
                "§ 7-5 tredje ledd)")) + ".")
            continue
        if not list_of_group(party, groups.get(signer.pk)):
            errors.append(f"Underskrifter, linje {number}: {signer.name} er ikke medlem av gruppa som fremmer "
                          f"{party.abbreviation}-lista (koml. § 7-5 tredje ledd).")
            continue
        signed.add(party)
    for party in lists:
        if party not in signed and not errors:
            errors.append(f"{party.abbreviation}-lista er ikke underskrevet av et medlem av kommunestyret fra partiet "
                          "eller gruppa (koml. § 7-5 tredje ledd).")
    return errors
