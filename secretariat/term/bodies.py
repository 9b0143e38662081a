"""Who sits where in a term, as the konstituering needs it: kommunestyret and formannskapet, who may be elected
(koml. § 5-6, § 7-2), who may not (§ 7-3 tredje ledd, § 23-1 tredje ledd), each member's group, and the term still
open.

Who may be elected to which body (kommuneloven 22. juni 2018 nr. 83):
- formannskapet: «av og blant medlemmene av kommunestyret» (§ 5-6 andre ledd): kommunestyret's members only, not its
  varamedlemmer.
- an utvalg (§ 5-7 andre ledd: «Kommunestyret og fylkestinget velger selv en leder, en nestleder og øvrige medlemmer
  og varamedlemmer til utvalget») and the other bodies kommunestyret elects: the law does not limit them to
  kommunestyret; anyone valgbar by § 7-2 (stemmerett ved kommunestyrevalget, registered as resident in the kommune,
  and for these bodies skriftlig samtykke) may be elected. Saksgang cannot see the folkeregister: a person registered
  in Saksgang (admin) is taken as valgbar; registering them is the secretariat's check.
- kontrollutvalget (§ 23-1 andre ledd): «minst fem medlemmer», and «minst ett av medlemmene» elected among
  kommunestyret's members (CONTROL_MIN_SEATS, constitution.py checks the elected members); § 23-1 tredje ledd bars
  ordfører and varaordfører (a) and the members and varamedlemmer of formannskapet (b) — `incompatible` — and the
  members and varamedlemmer of other bodies with avgjørelsesmyndighet (c; kommunestyret's excepted), which Saksgang
  cannot tell from the register: a warning (`control_committee_warnings` in lists.py). Employees of the kommune (f)
  and the company and samarbeid roles (g, h) are not registered.
- arbeidsutvalg: left on kommunestyret's members and varamedlemmer (Saksgang does not know which body an
  arbeidsutvalg serves, and its members come from that body).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Collection

from django.utils import timezone

from secretariat.organizations.models import (
    LegislativeTerm,
    Membership,
    MembershipRole,
    Organization,
    OrganizationType,
    Party,
    Person,
)

from .textinput import name_key

# The bodies that by law consist only of members of kommunestyret (formannskapet, § 5-6) and arbeidsutvalg: the
# gender rules of § 7-5 andre ledd, § 7-6 tredje ledd and § 7-7 tredje ledd apply «så langt det er mulig».
AS_FAR_AS_POSSIBLE = (OrganizationType.FORMANNSKAP, OrganizationType.ARBEIDSUTVALG)
# koml. § 23-1 andre ledd: «Kontrollutvalget skal ha minst fem medlemmer.»
CONTROL_MIN_SEATS = 5
# Bodies whose members come from kommunestyret as Saksgang knows it (see the module docstring).
FROM_KOMMUNESTYRET = (OrganizationType.FORMANNSKAP, OrganizationType.ARBEIDSUTVALG)
# One ballot per member of kommunestyret; a bound for a typed number when the body's size is not registered.
MAX_BALLOTS = 10_000


def kommunestyret() -> Organization | None:
    return (Organization.objects.filter(organization_type=OrganizationType.KOMMUNESTYRE, is_active=True)
            .order_by("sort_order", "pk").first())


def formannskapet() -> Organization | None:
    return (Organization.objects.filter(organization_type=OrganizationType.FORMANNSKAP, is_active=True)
            .order_by("sort_order", "pk").first())


def as_far_as_possible(organization: Organization) -> bool:
    return organization.organization_type in AS_FAR_AS_POSSIBLE


def ended_term_problem(term: LegislativeTerm) -> str:
    """The konstituering of a term that has ended is history: it is not registered or changed any more."""
    if term.end_date < timezone.localdate():
        return (f"Valgperioden {term} sluttet {term.end_date:%d.%m.%Y}. Valg og konstituering registreres bare for "
                "en valgperiode som ikke er over.")
    return ""


def ballots_bound() -> tuple[int, str]:
    """How many ballots kommunestyret can cast (its seats), and the words for the message."""
    ks = kommunestyret()
    if ks is not None and ks.seats:
        return ks.seats, f"{ks.name} har {ks.seats} medlemmer"
    return MAX_BALLOTS, f"høyst {MAX_BALLOTS}"


def eligible_people(organization: Organization, term: LegislativeTerm) -> dict[str, list[Person]]:
    """Who may be elected, by name (textinput.name_key): kommunestyret's members for formannskapet (koml. § 5-6
    andre ledd), kommunestyret's members and varamedlemmer for an arbeidsutvalg, every registered person for the
    other bodies (§ 5-7, § 7-2; see the module docstring)."""
    if organization.organization_type in FROM_KOMMUNESTYRET:
        return kommunestyret_people(term, regular_only=organization.organization_type == OrganizationType.FORMANNSKAP)
    found: dict[str, list[Person]] = defaultdict(list)
    for person in Person.objects.all():
        found[name_key(person.name)].append(person)
    return found


def not_eligible_why(organization: Organization, term: LegislativeTerm) -> str:
    """Who the pool of `eligible_people` is, for the message when a name is not in it."""
    if organization.organization_type == OrganizationType.FORMANNSKAP:
        return (f"er ikke blant medlemmene av kommunestyret i valgperioden {term}: formannskapets medlemmer velges "
                "«av og blant medlemmene av kommunestyret» (koml. § 5-6 andre ledd)")
    if organization.organization_type in FROM_KOMMUNESTYRET:
        return f"er ikke blant kommunestyrets medlemmer og varamedlemmer i valgperioden {term}"
    return ("er ikke registrert som person i Saksgang. Registrer personen (admin) først: medlemmene kan velges blant "
            "alle som er valgbare til kommunestyret (koml. § 7-2), ikke bare kommunestyrets medlemmer")


def kommunestyret_people(term: LegislativeTerm, *, regular_only: bool) -> dict[str, list[Person]]:
    ks = kommunestyret()
    # Who sits in kommunestyret now (or from the term's start): not one who has left it, e.g. by fritak (§ 7-9).
    memberships = (Membership.objects.filter(organization=ks, term=term).not_ended_on(timezone.localdate())
                   .select_related("person"))
    if regular_only:
        memberships = memberships.regular()
    found: dict[str, list[Person]] = defaultdict(list)
    for m in memberships:
        if m.person not in found[name_key(m.person.name)]:
            found[name_key(m.person.name)].append(m.person)
    return found


# «Kari Nordmann (12.03.1980)» or «Kari Nordmann (#123)»: which of the people with the name is meant.
WHICH_ONE = re.compile(r"^(?P<name>.*?)\s*\(\s*(?:#\s*(?P<pk>[0-9]+)|(?P<date>[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}))\s*\)$")
NO_BIRTH_DATE = ("#nummeret er personens nummer i Saksgang, brukt der fødselsdatoen ikke skiller dem (ikke "
                 "registrert eller lik)")


def person_label(person: Person, namesakes: Collection[Person]) -> str:
    """The person as the fagleder writes them when others have the same name: with the birth date, or with the
    person's number in Saksgang where the birth date is not registered or does not tell them apart."""
    if person.birth_date and sum(p.birth_date == person.birth_date for p in namesakes) == 1:
        return f"{person.name} ({person.birth_date:%d.%m.%Y})"
    return f"{person.name} (#{person.pk})"


def _labels(people: list[Person]) -> tuple[str, str]:
    """The people's labels as a list for a message, and the advice on how to write one of them."""
    people = sorted(people, key=lambda p: (p.birth_date is None, p.birth_date or dt.date.min, p.pk))
    labels = [person_label(p, people) for p in people]
    example = next((label for label in labels if "#" not in label), labels[0])
    advice = f"Skriv hvem du mener, f.eks. «{example}»"
    if any("#" in label for label in labels):
        advice += f" ({NO_BIRTH_DATE})"
    return ", ".join(labels), advice


def find_person(typed: str, people: dict[str, list[Person]], *,
                barred: Collection[int] = ()) -> tuple[Person | None, str]:
    """The person a typed name means among `people` (by textinput.name_key): «Navn», «Navn (dd.mm.åååå)» (the birth
    date) or «Navn (#nummer)». Returns (person, "") or (None, why) — why is "" when nobody by the name is among
    `people` (the caller says who may be elected). Several with the name and no date: the one not `barred` if only
    one is not, else the message lists them with their birth dates."""
    which = WHICH_ONE.match(typed.strip())
    name = which["name"] if which else typed
    matches = people.get(name_key(name), [])
    if not matches:
        return None, ""
    if which is None:
        allowed = [p for p in matches if p.pk not in barred]
        if len(matches) == 1 or len(allowed) == 1:
            return (matches[0] if len(matches) == 1 else allowed[0]), ""
        labels, advice = _labels(matches)
        return None, f"flere personer heter «{typed.strip()}»: {labels}. {advice}"
    if which["pk"]:
        chosen = [p for p in matches if str(p.pk) == which["pk"]]
        given = f"har nummer #{which['pk']}"
    else:
        try:
            day = dt.datetime.strptime(which["date"], "%d.%m.%Y").date()
        except ValueError:
            return None, (f"«{which['date']}» i «{typed.strip()}» er ikke en dato: skriv fødselsdatoen som "
                          f"dd.mm.åååå, f.eks. «{name.strip()} (12.03.1980)»")
        chosen = [p for p in matches if p.birth_date == day]
        given = f"er født {day:%d.%m.%Y}"
    if len(chosen) == 1:
        return chosen[0], ""
    labels, advice = _labels(matches)
    if not chosen:
        return None, (f"ingen som heter «{name.strip()}» og kan velges her, {given}; de som heter det: {labels}. "
                      f"{advice}")
    return None, f"flere som heter «{name.strip()}», {given}: {labels}. {advice}"


def groups_in_kommunestyret(term: LegislativeTerm, *, regular_only: bool = False) -> dict[int, Party]:
    """Each person's group in kommunestyret for the term: the list they were elected (or are substitute) on."""
    memberships = Membership.objects.filter(organization=kommunestyret(), term=term, electoral_list__isnull=False)
    if regular_only:
        memberships = memberships.regular()
    return {m.person_id: m.electoral_list for m in memberships.select_related("electoral_list")}


def incompatible_basis(organization: Organization) -> str:
    """The section that bars the people `incompatible` names from this body."""
    if organization.organization_type == OrganizationType.KONTROLLUTVALG:
        return "koml. § 23-1 tredje ledd"
    return "koml. § 7-3 tredje ledd"


def incompatible(organization: Organization, term: LegislativeTerm) -> dict[int, str]:
    """§ 7-3 tredje ledd: «Medlemmer og varamedlemmer av kontrollutvalget kan ikke velges som a) ordfører eller
    varaordfører b) medlem eller varamedlem av formannskap [...]», and for kontrollutvalget itself § 23-1 tredje ledd
    bokstav a and b (ordfører and varaordfører; members and varamedlemmer of formannskapet): person pk → why, for
    this body in this term. The law bars one who IS such a member: a membership that has ended before the election
    day (today; e.g. by fritak) does not count (MembershipQuerySet.not_ended_on)."""
    def holders(types, roles=None):
        # «Den som er [...]»: one who holds the office on the election day, not one whose membership has ended
        # (e.g. by fritak, § 7-9); one elected from the term's start is counted before it.
        qs = (Membership.objects.filter(organization__organization_type__in=types, term=term)
              .not_ended_on(timezone.localdate()))
        if roles is not None:
            qs = qs.filter(role__in=roles)
        return qs.values_list("person_id", flat=True)

    if organization.organization_type == OrganizationType.KONTROLLUTVALG:
        why = {pk: "er medlem eller varamedlem av formannskapet" for pk in holders([OrganizationType.FORMANNSKAP])}
        why.update({pk: "er ordfører eller varaordfører" for pk in holders(
            [OrganizationType.KOMMUNESTYRE], [MembershipRole.LEADER, MembershipRole.DEPUTY_LEADER])})
        return why
    if organization.organization_type in (OrganizationType.FORMANNSKAP, OrganizationType.KOMMUNESTYRE):
        return {pk: "er medlem eller varamedlem av kontrollutvalget"
                for pk in holders([OrganizationType.KONTROLLUTVALG])}
    return {}


def party_tokens(party: Party) -> set[str]:
    return {t for t in re.split(r"\W+", f"{party.abbreviation} {party.name}".casefold()) if t}


def list_of_group(list_party: Party, group: Party | None) -> bool:
    """Is `list_party` the group's own list, or a fellesliste that names the group (e.g. «Ap/SV» for Ap)?"""
    return group is not None and (group == list_party or group.abbreviation.casefold() in party_tokens(list_party))
