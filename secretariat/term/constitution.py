"""The konstituerende møte: the new kommunestyret elects formannskapet and the utvalg, then ordfører and
varaordfører.

A body is elected by forholdsvalg on lists (koml. §§ 7-5, 7-6; the arithmetic is in apportionment.py) when a
member asks for it, or by avtalevalg (koml. § 7-7): one agreed list adopted with no vote against it, the common
case. Registering an election computes and stores its result (a draft the fagleder checks); carrying it out
(«gjennomfør») makes the memberships and substitute orders from the term's start. Ordfører and varaordfører are
elected among formannskapet's members (koml. § 6-1) and lead kommunestyret and formannskapet.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
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
from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed

from . import apportionment as ap
from .models import BodyElection, ElectionMethod, ElectionStatus
from .permissions import require_fagleder

ROLE_WORDS = {"medlem": "member", "fast": "member", "vara": "substitute", "varamedlem": "substitute"}


def kommunestyret() -> Organization | None:
    return (Organization.objects.filter(organization_type=OrganizationType.KOMMUNESTYRE, is_active=True)
            .order_by("sort_order", "pk").first())


def formannskapet() -> Organization | None:
    return (Organization.objects.filter(organization_type=OrganizationType.FORMANNSKAP, is_active=True)
            .order_by("sort_order", "pk").first())


def eligible_people(organization: Organization, term: LegislativeTerm) -> dict[str, list[Person]]:
    """Who may be elected, by lower-case full name: the new kommunestyret's people for the term (its members only
    for formannskapet, whose members must sit in kommunestyret, koml. § 5-6)."""
    ks = kommunestyret()
    memberships = Membership.objects.filter(organization=ks, term=term).select_related("person")
    if organization.organization_type == OrganizationType.FORMANNSKAP:
        memberships = memberships.regular()
    found: dict[str, list[Person]] = defaultdict(list)
    for m in memberships:
        if m.person not in found[m.person.name.lower()]:
            found[m.person.name.lower()].append(m.person)
    return found


def _party(value: str, parties: list[Party]) -> Party | None:
    wanted = value.strip().lower()
    return next((p for p in parties if wanted in (p.abbreviation.lower(), p.name.lower())), None)


def _lines(text: str):
    for number, raw in enumerate((text or "").splitlines(), start=1):
        if raw.strip():
            yield number, [c.strip() for c in raw.split(";")]


def _parse_candidates(text: str, *, organization, term, with_role: bool):
    """Lines «liste;navn» (avtalevalg: «liste;navn;medlem|vara»), in list order. Returns {party: [(person, role)]}
    and the line-numbered errors."""
    parties = list(Party.objects.all())
    people = eligible_people(organization, term)
    lists: dict[Party, list[tuple[Person, str]]] = {}
    errors: list[str] = []
    seen: dict[int, int] = {}
    width = 3 if with_role else 2
    for number, cells in _lines(text):
        if len(cells) != width:
            form = "liste;navn;medlem eller vara" if with_role else "liste;navn"
            errors.append(f"Linje {number}: skriv «{form}» (fant {len(cells)} felt).")
            continue
        party = _party(cells[0], parties)
        if party is None:
            errors.append(f"Linje {number}: ukjent liste «{cells[0]}».")
            continue
        matches = people.get(cells[1].lower(), [])
        if not matches:
            where = "medlemmene av kommunestyret" if organization.organization_type == OrganizationType.FORMANNSKAP \
                else "kommunestyrets medlemmer og varamedlemmer"
            errors.append(f"Linje {number}: «{cells[1]}» er ikke blant {where} i valgperioden {term}.")
            continue
        if len(matches) > 1:
            errors.append(f"Linje {number}: flere personer heter «{cells[1]}».")
            continue
        person = matches[0]
        if person.pk in seen:
            errors.append(f"Linje {number}: {person.name} står også på linje {seen[person.pk]}.")
            continue
        seen[person.pk] = number
        role = "member"
        if with_role:
            role = ROLE_WORDS.get(cells[2].lower(), "")
            if not role:
                errors.append(f"Linje {number}: rollen «{cells[2]}» må være «medlem» eller «vara».")
                continue
        lists.setdefault(party, []).append((person, role))
    if not lists and not errors:
        errors.append("Skriv inn listene med kandidater.")
    return lists, errors


def _parse_votes(text: str, lists: dict) -> tuple[dict[Party, int], list[str]]:
    parties = list(Party.objects.all())
    votes: dict[Party, int] = {}
    errors: list[str] = []
    for number, cells in _lines(text):
        if len(cells) != 2:
            errors.append(f"Linje {number}: skriv «liste;antall stemmesedler».")
            continue
        party = _party(cells[0], parties)
        if party is None or party not in lists:
            errors.append(f"Linje {number}: «{cells[0]}» er ikke en av listene i valget.")
            continue
        if not cells[1].isdigit() or int(cells[1]) > 10_000:
            errors.append(f"Linje {number}: antall stemmesedler «{cells[1]}» må være et helt tall fra 0.")
            continue
        if party in votes:
            errors.append(f"Linje {number}: {party.abbreviation} har allerede et stemmetall.")
            continue
        votes[party] = int(cells[1])
    for party in lists:
        if party not in votes and not errors:
            errors.append(f"Mangler antall stemmesedler for {party.abbreviation}.")
    return votes, errors


def _person_data(c: ap.Candidate) -> dict:
    return {"person": c.key, "name": c.name, "gender": c.gender}


def _forholdsvalg_result(lists, votes, seats: int, draw) -> dict:
    entries = [ap.ElectionList(name=p.abbreviation, votes=votes[p],
                               candidates=tuple(ap.Candidate(key=person.pk, name=person.name, gender=person.gender)
                                                for person, _ in people))
               for p, people in lists.items()]
    result = ap.proportional_election(entries, seats, draw=draw)
    party_ids = {p.abbreviation: p.pk for p in lists}
    rows = max((r.seats for r in result.lists), default=0) + 1
    return {
        "steps": [{"number": s.number, "list": s.list_name, "votes": s.votes, "divisor": s.divisor,
                   "quotient": _number(s.quotient), "tie_with": list(s.tie_with), "tie_rule": s.tie_rule}
                  for s in result.steps],
        "quotients": [{"list": name, "votes": v, "values": [_number(q) for q in qs]}
                      for name, v, qs in ap.quotient_table(entries, rows)],
        "lists": [{"list": r.name, "party": party_ids[r.name], "votes": r.votes, "seats": r.seats,
                   "members": [_person_data(c) for c in r.members],
                   "substitutes": [_person_data(c) for c in r.substitutes],
                   "corrections": r.corrections, "warnings": r.warnings} for r in result.lists],
        "warnings": result.warnings,
    }


def _number(q) -> str:
    """A quotient as the paper prints it: 12 or 6,33."""
    return str(q.numerator) if q.denominator == 1 else f"{float(q):.2f}".replace(".", ",")


def _avtalevalg_result(lists, seats: int, organization: Organization) -> tuple[dict, list[str]]:
    errors, warnings = [], []
    members = [(p, person) for p, people in lists.items() for person, role in people if role == "member"]
    if len(members) != seats:
        errors.append(f"Den avtalte lista har {len(members)} medlemmer, men {organization.name} skal ha {seats}.")
    for label, chosen in (("medlemmene", [person for _, person in members]),
                          ("varamedlemmene", [person for people in lists.values() for person, role in people
                                              if role == "substitute"])):
        need = ap.min_per_gender(len(chosen))
        for gender in ap.GENDERS:
            have = sum(person.gender == gender for person in chosen)
            if have < need:
                text = (f"Avtalevalg (koml. § 7-7): minst {need} {ap.GENDER_WORDS[gender]} blant {label}, lista har "
                        f"{have}.")
                if organization.organization_type == OrganizationType.FORMANNSKAP:
                    warnings.append(text + " For formannskapet gjelder kravet så langt det er mulig.")
                else:
                    errors.append(text)
    result = {"steps": [], "quotients": [], "warnings": warnings, "lists": [
        {"list": p.abbreviation, "party": p.pk, "votes": None,
         "seats": sum(role == "member" for _, role in people),
         "members": [{"person": x.pk, "name": x.name, "gender": x.gender} for x, role in people if role == "member"],
         "substitutes": [{"person": x.pk, "name": x.name, "gender": x.gender} for x, role in people
                         if role == "substitute"],
         "corrections": [], "warnings": []} for p, people in lists.items()]}
    return result, errors


def body_election_register(*, actor, organization: Organization, term: LegislativeTerm, method: str,
                           candidates_text: str, votes_text: str = "", unanimous: bool = False,
                           draw: ap.Draw = ap.draw_lots) -> BodyElection:
    """Register the vote and compute its result (nothing is made yet). Raises ValidationError (field → messages)."""
    require_fagleder(actor)
    errors: dict[str, list[str]] = defaultdict(list)
    if organization.organization_type == OrganizationType.KOMMUNESTYRE:
        errors["organization"].append("Kommunestyret velges ved kommunestyrevalget: importer valgoppgjøret.")
    if not organization.seats:
        errors["organization"].append(f"Sett antall medlemmer for {organization.name} først (admin).")
    if method not in ElectionMethod.values:
        errors["method"].append("Velg valgmåte.")
    if BodyElection.objects.filter(organization=organization, term=term, status=ElectionStatus.APPLIED).exists() \
            or Membership.objects.filter(organization=organization, term=term).exists():
        errors["organization"].append(f"{organization.name} har allerede medlemmer i valgperioden {term}.")
    if errors:
        raise ValidationError(dict(errors))
    with_role = method == ElectionMethod.AVTALEVALG
    lists, problems = _parse_candidates(candidates_text, organization=organization, term=term, with_role=with_role)
    if problems:
        raise ValidationError({"candidates_text": problems})
    if method == ElectionMethod.AVTALEVALG:
        if not unanimous:
            raise ValidationError({"unanimous": "Avtalevalg krever at ingen stemte mot lista (koml. § 7-7). Ellers "
                                                "holdes forholdsvalg."})
        result, problems = _avtalevalg_result(lists, organization.seats, organization)
        if problems:
            raise ValidationError({"candidates_text": problems})
    else:
        votes, problems = _parse_votes(votes_text, lists)
        if problems:
            raise ValidationError({"votes_text": problems})
        result = _forholdsvalg_result(lists, votes, organization.seats, draw)
    with transaction.atomic():
        election = BodyElection.objects.create(
            organization=organization, term=term, method=method, seats=organization.seats,
            candidates_text=candidates_text.strip(), votes_text=(votes_text or "").strip(), result=result,
            created_by=actor if getattr(actor, "pk", None) else None)
        lots = [s for s in result["steps"] if s["tie_rule"] == "loddtrekning"]
        audit(election, actor=actor, action=AuditAction.BODY_ELECTION_REGISTERED,
              action_label=f"{election.get_method_display().split(' (')[0]} registrert", to_state=election.status,
              changes={"plasser": {r["list"]: r["seats"] for r in result["lists"]},
                       **({"loddtrekning": [f"plass {s['number']}: {s['list']}" for s in lots]} if lots else {})})
    return election


def body_election_apply(*, actor, election: BodyElection) -> list[Membership]:
    """Carry out the election: the members and numbered substitutes per list, from the term's start."""
    require_fagleder(actor)
    with transaction.atomic():
        election = BodyElection.objects.select_for_update().get(pk=election.pk)
        if election.status != ElectionStatus.DRAFT:
            raise GuardFailed("Valget er allerede gjennomført.")
        org, term = election.organization, election.term
        Organization.objects.select_for_update().get(pk=org.pk)  # two drafts for one body: one at a time
        if Membership.objects.filter(organization=org, term=term).exists():
            raise GuardFailed(f"{org.name} har allerede medlemmer i valgperioden {term}.")
        people = Person.objects.in_bulk([p["person"] for r in election.result["lists"]
                                         for p in r["members"] + r["substitutes"]])
        parties = Party.objects.in_bulk([r["party"] for r in election.result["lists"]])
        made = []
        for r in election.result["lists"]:
            party = parties[r["party"]]
            for p in r["members"]:
                made.append(Membership(person=people[p["person"]], organization=org, term=term,
                                       role=MembershipRole.MEMBER, electoral_list=party, start_date=term.start_date))
            for number, p in enumerate(r["substitutes"], start=1):
                made.append(Membership(person=people[p["person"]], organization=org, term=term,
                                       role=MembershipRole.SUBSTITUTE, substitute_order=number, electoral_list=party,
                                       start_date=term.start_date))
        for m in made:
            m.save()
            audit(m, actor=actor, action=AuditAction.BODY_ELECTION_APPLIED,
                  action_label=f"Valgt ved {election.get_method_display().split(' (')[0].lower()}",
                  changes={"liste": m.electoral_list.abbreviation, "varamedlem nr.": m.substitute_order,
                           "fra": f"{term.start_date:%d.%m.%Y}"})
        election.status, election.applied_at = ElectionStatus.APPLIED, timezone.now()
        election.save(update_fields=["status", "applied_at"])
        audit(election, actor=actor, action=AuditAction.BODY_ELECTION_APPLIED, action_label="Valget gjennomført",
              from_state=ElectionStatus.DRAFT, to_state=ElectionStatus.APPLIED,
              changes={"medlemskap": len(made)})
    return made


def formannskap_members(term: LegislativeTerm) -> list[Person]:
    fsk = formannskapet()
    if fsk is None:
        return []
    return [m.person for m in Membership.objects.regular().filter(organization=fsk, term=term)
            .select_related("person").order_by("person__family_name", "person__given_name")]


def mayor_elect(*, actor, term: LegislativeTerm, mayor: Person, deputy: Person) -> None:
    """Ordfører and varaordfører (koml. § 6-1), elected among formannskapet's members: the ordfører leads
    kommunestyret and formannskapet, the varaordfører is nestleder of both."""
    require_fagleder(actor)
    if mayor.pk == deputy.pk:
        raise ValidationError({"deputy": "Ordfører og varaordfører må være to personer."})
    members = {p.pk for p in formannskap_members(term)}
    for field, person in (("mayor", mayor), ("deputy", deputy)):
        if person.pk not in members:
            raise ValidationError({field: f"{person.name} er ikke medlem av formannskapet i valgperioden {term} "
                                          "(koml. § 6-1)."})
    ks = kommunestyret()
    for field, person in (("mayor", mayor), ("deputy", deputy)):
        if not Membership.objects.regular().filter(organization=ks, term=term, person=person).exists():
            raise ValidationError({field: f"{person.name} er ikke medlem av {ks.name} i valgperioden {term}."})
    with transaction.atomic():
        for org in (ks, formannskapet()):
            regular = Membership.objects.select_for_update(of=("self",)).regular().filter(organization=org, term=term)
            for m in regular:
                role = (MembershipRole.LEADER if m.person_id == mayor.pk else
                        MembershipRole.DEPUTY_LEADER if m.person_id == deputy.pk else MembershipRole.MEMBER)
                if m.role == role:
                    continue
                old, m.role = m.role, role
                m.save(update_fields=["role", "updated_at"])
                audit(m, actor=actor, action=AuditAction.MAYOR_ELECTED,
                      action_label={MembershipRole.LEADER: "Valgt til ordfører",
                                    MembershipRole.DEPUTY_LEADER: "Valgt til varaordfører"}.get(role, "Ny rolle"),
                      changes={"rolle": {"fra": old, "til": role}})
