"""Leder and nestleder of a body by flertallsvalg (koml. § 7-4 andre ledd: «Leder og nestleder for folkevalgte
organer skal velges ved flertallsvalg»), counted by § 7-8 (apportionment.majority_election).

Kommunestyret's and formannskapet's leaders are the ordfører and the varaordfører: «Kommunestyret [...] velger selv
ordfører og varaordfører blant formannskapets [...] medlemmer» (§ 6-2 første ledd); the ordfører «er møteleder i
kommunestyret og formannskapet» (§ 6-1 første ledd), so one election gives the role in both. An utvalg's leader is
one of its members (§ 5-7 andre ledd). «Den som skal velges, må før valget ha samtykket til å stille til valg»
(§ 6-2 andre ledd; § 7-2 tredje ledd bokstav c for the other bodies: «skriftlig samtykket»). A member or substitute
of kontrollutvalget cannot be ordfører or varaordfører (§ 7-3 tredje ledd bokstav a).

Blank votes (§ 8-1 andre ledd: «Ved valg [...] er det adgang til å stemme blankt») are recorded, and not counted
among «de avgitte stemmene» when the majority is found (check: the statute does not say; this is how the secretariat
reads it).

A tie in the new vote is decided by the lots the møteleder draws in the meeting: the fagleder gives who won
(lots.py; the system draws only where the kommune lets it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from secretariat.organizations.models import (
    LegislativeTerm,
    Membership,
    MembershipRole,
    Organization,
    OrganizationType,
    Person,
)
from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed

from . import apportionment as ap
from . import lots as meeting_lots
from .bodies import (
    MAX_BALLOTS,
    ballots_bound,
    ended_term_problem,
    find_person,
    formannskapet,
    incompatible,
    kommunestyret,
    person_label,
)
from .permissions import require_fagleder
from .textinput import lines, name_key, whole_number

MAYOR_BODIES = (OrganizationType.KOMMUNESTYRE, OrganizationType.FORMANNSKAP)


class Office(models.TextChoices):
    LEADER = MembershipRole.LEADER.value, "Leder (ordfører for kommunestyret og formannskapet)"
    DEPUTY = MembershipRole.DEPUTY_LEADER.value, "Nestleder (varaordfører for kommunestyret og formannskapet)"


@dataclass
class LeaderElection:
    person: Person
    title: str  # «ordfører», «nestleder i Hovedutvalg for oppvekst»
    result: ap.MajorityResult
    first: dict[str, int]
    new_vote: dict[str, int] | None
    blank: int


def is_mayor_election(organization: Organization) -> bool:
    return organization.organization_type in MAYOR_BODIES


def title(organization: Organization, office: str) -> str:
    if is_mayor_election(organization):
        return "ordfører" if office == Office.LEADER else "varaordfører"
    return f"{'leder' if office == Office.LEADER else 'nestleder'} i {organization.name}"


def _bodies(organization: Organization) -> list[Organization]:
    """The bodies whose membership gets the role: kommunestyret and formannskapet together for the ordfører."""
    if is_mayor_election(organization):
        return [b for b in (kommunestyret(), formannskapet()) if b is not None]
    return [organization]


def _candidates(organization: Organization, term: LegislativeTerm) -> dict[str, list[Person]]:
    among = formannskapet() if is_mayor_election(organization) else organization
    found: dict[str, list[Person]] = {}
    # Who sits in the body now (or from the term's start): not one who has left it, e.g. by fritak (koml. § 7-9).
    sitting = Membership.objects.regular().filter(organization=among, term=term).not_ended_on(timezone.localdate())
    for m in sitting.select_related("person"):
        people = found.setdefault(name_key(m.person.name), [])
        if m.person not in people:
            people.append(m.person)
    return found


def _label(person: Person, candidates: dict[str, list[Person]]) -> str:
    """The candidate's name, with the birth date when another candidate has the same name."""
    namesakes = candidates.get(name_key(person.name), [])
    return person_label(person, namesakes) if len(namesakes) > 1 else person.name


def _parse_vote(text: str, candidates: dict[str, list[Person]], *, among: str
                ) -> tuple[dict[int, int], dict[int, Person], list[str]]:
    """Lines «navn;stemmer». Returns votes by person pk, the persons, and the errors."""
    votes: dict[int, int] = {}
    people: dict[int, Person] = {}
    errors: list[str] = []
    for number, cells in lines(text):
        if len(cells) != 2:
            errors.append(f"Linje {number}: skriv «navn;antall stemmer».")
            continue
        person, why = find_person(cells[0], candidates)
        if person is None:
            errors.append(f"Linje {number}: {why or '«' + cells[0] + '» er ikke blant ' + among}.")
            continue
        count = whole_number(cells[1], maximum=MAX_BALLOTS)
        if count is None:
            errors.append(f"Linje {number}: antall stemmer «{cells[1]}» må være et helt tall fra 0 (sifrene 0–9).")
            continue
        if person.pk in votes:
            errors.append(f"Linje {number}: {person.name} har allerede et stemmetall.")
            continue
        votes[person.pk], people[person.pk] = count, person
    if not votes and not errors:
        errors.append("Skriv inn kandidatene og stemmene deres.")
    if not errors and not sum(votes.values()):
        errors.append("Ingen stemmer er avgitt for noen kandidat.")
    return votes, people, errors


def leader_elect(*, actor, term: LegislativeTerm, organization: Organization, office: str, first_vote: str,
                 new_vote: str = "", blank: int = 0, consented: bool = False, lots: Sequence[str] = (),
                 draw: ap.Draw = ap.draw_lots) -> LeaderElection:
    """Count the flertallsvalg and give the elected the role in the body (both bodies for the ordfører). Raises
    ValidationError (field → messages) for the input, GuardFailed for the state; nothing is saved then. A tie in
    the new vote needs `lots`: who won the loddtrekning in the meeting (or lots.SYSTEM_CHOICE, where the kommune
    lets the system draw with `draw`); without it, lots.LotsQuestion asks for it."""
    require_fagleder(actor)
    if office not in Office.values:
        raise ValidationError({"office": "Velg leder eller nestleder."})
    what = title(organization, office)
    if blank < 0:
        raise ValidationError({"blank": "Antall blanke stemmer kan ikke være negativt."})
    if ended_term_problem(term):
        raise ValidationError({"term": ended_term_problem(term)})
    if not consented:
        raise ValidationError({"consented": "Den som velges, må ha samtykket til å stille til valg før valget (koml. "
                                            "§ 6-2 andre ledd og § 7-2 tredje ledd bokstav c)."})
    candidates = _candidates(organization, term)
    among = (f"formannskapets medlemmer i valgperioden {term} (koml. § 6-2 første ledd)"
             if is_mayor_election(organization) else f"medlemmene av {organization.name} i valgperioden {term}")
    if not candidates:
        raise ValidationError({"first_vote": f"Ingen er registrert blant {among}: gjennomfør valget av medlemmer "
                                             "først."})
    first, people, errors = _parse_vote(first_vote, candidates, among=among)
    if errors:
        raise ValidationError({"first_vote": errors})
    bound, bound_words = ballots_bound()
    if sum(first.values()) + blank > bound:
        raise ValidationError({"first_vote": f"{sum(first.values()) + blank} stemmer (blanke medregnet), men "
                                             f"{bound_words}: hvert medlem har én stemme."})
    second: dict[int, int] | None = None
    if new_vote.strip():
        second, more, errors = _parse_vote(new_vote, candidates, among=among)
        if errors:
            raise ValidationError({"new_vote": errors})
        if sum(second.values()) > bound:
            raise ValidationError({"new_vote": f"{sum(second.values())} stemmer, men {bound_words}."})
        people.update(more)
    # The count is by name; candidates with the same name are told apart by birth date (bodies.person_label).
    label = {pk: _label(person, candidates) for pk, person in people.items()}
    named = {text: pk for pk, text in label.items()}
    drawn = meeting_lots.MeetingLots(lots, draw=draw)
    try:
        result = ap.majority_election({label[pk]: v for pk, v in first.items()},
                                      None if second is None else {label[pk]: v for pk, v in second.items()},
                                      draw=drawn)
    except ap.LotsUndecided as exc:
        raise meeting_lots.LotsQuestion(exc, field="lots_winner", answered=drawn.answered()) from None
    if result.lot is not None and drawn.unused():
        # One loddtrekning, more than one outcome: none of them is taken over the others.
        raise meeting_lots.LotsQuestion(
            ap.LotsUndecided(result.lot.between, reason="one_only", given="\n".join(drawn.outcomes)),
            field="lots_winner", answered=[])
    if result.needs_new_vote:
        raise ValidationError({"new_vote": f"Ingen fikk mer enn halvparten av de {result.cast} avgitte stemmene "
                                           "(koml. § 7-8): hold en ny avstemning og skriv inn resultatet av den."})
    if result.decided_in == 1 and second is not None:
        raise ValidationError({"new_vote": "Noen fikk mer enn halvparten ved første avstemning: da holdes ingen ny "
                                           "avstemning (koml. § 7-8). Fjern den nye avstemningen."})
    election = LeaderElection(person=people[named[result.elected]], title=what, result=result,
                              first={label[pk]: v for pk, v in first.items()},
                              new_vote=None if second is None else {label[pk]: v for pk, v in second.items()},
                              blank=blank)
    _record(actor=actor, term=term, organization=organization, office=office, election=election)
    return election


def _record(*, actor, term: LegislativeTerm, organization: Organization, office: str,
            election: LeaderElection) -> None:
    """The role in the body (both bodies for the ordfører), audited with the count. One office holder a term:
    a second election for the same office is refused (a new one after an uttreden is another matter, § 6-2
    fjerde ledd, § 7-10 femte ledd)."""
    person, what = election.person, election.title
    other = MembershipRole.DEPUTY_LEADER if office == Office.LEADER else MembershipRole.LEADER
    barred = incompatible(kommunestyret(), term) if is_mayor_election(organization) else {}
    if person.pk in barred:
        raise GuardFailed(f"{person.name} {barred[person.pk]} og kan ikke velges til {what} (koml. § 7-3 tredje ledd "
                          "bokstav a).", field="first_vote")
    bodies = _bodies(organization)
    with transaction.atomic():
        regular = list(Membership.objects.select_for_update(of=("self",)).regular()
                       .filter(organization__in=bodies, term=term).select_related("person", "organization"))
        holder = next((m for m in regular if m.role == office), None)
        if holder is not None:
            raise GuardFailed(f"{holder.person.name} er allerede valgt til {what} i valgperioden {term}.",
                              field="office")
        mine = [m for m in regular if m.person_id == person.pk]
        if any(m.role == other for m in mine):
            raise GuardFailed(f"{person.name} er allerede valgt til {title(organization, other)}: én person kan ikke "
                              "ha begge vervene.", field="first_vote")
        missing = [b.name for b in bodies if not any(m.organization_id == b.pk for m in mine)]
        if missing:
            raise GuardFailed(f"{person.name} er ikke medlem av {', '.join(missing)} i valgperioden {term}.",
                              field="first_vote")
        result = election.result
        changes = {"stemmer": election.first, "blanke": election.blank,
                   **({"ny avstemning": election.new_vote} if election.new_vote is not None else {}),
                   **({"loddtrekning": meeting_lots.audit_data(result.lot)} if result.lot else {}),
                   "valgt": f"{person.name}, {result.votes} av {result.cast} stemmer ved "
                            f"{'første' if result.decided_in == 1 else 'ny'} avstemning"}
        action = AuditAction.MAYOR_ELECTED if is_mayor_election(organization) else AuditAction.LEADER_ELECTED
        for m in mine:
            old, m.role = m.role, office
            m.save(update_fields=["role", "updated_at"])
            audit(m, actor=actor, action=action, action_label=f"Valgt til {what}",
                  changes={"rolle": {"fra": old, "til": office}, **changes})
