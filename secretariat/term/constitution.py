"""The konstituerende møte: the new kommunestyret elects formannskapet and the utvalg (koml. § 7-1 tredje ledd).

A body is elected by forholdsvalg on lists when at least one member asks for it, else by avtalevalg (koml. § 7-4
første ledd): forholdsvalg on «lister med forslag til kandidater» (§ 7-5; the arithmetic of § 7-6 is in
apportionment.py), avtalevalg on an innstilling adopted unanimously (§ 7-7). Registering an election checks the
lists against the law, computes and stores the result (a draft the fagleder checks); carrying it out («gjennomfør»)
makes the memberships and numbered substitutes from the term's start. Ordfører, varaordfører and the leaders of the
bodies are elected by flertallsvalg (§ 7-4 andre ledd, § 7-8): leaders.py.

Who may be elected (§ 7-2, § 7-3; bodies.py says it body by body): formannskapet only among kommunestyret's members
(§ 5-6 andre ledd: «av og blant medlemmene av kommunestyret»); an utvalg (§ 5-7) and the other bodies among all who
are valgbare, which Saksgang takes to be the people registered in it. § 7-3 tredje ledd and § 23-1 tredje ledd are
checked where the register can tell: a member or substitute of kontrollutvalget cannot be ordfører, varaordfører or a
member or substitute of formannskapet, nor the other way round. Kontrollutvalget has at least five members, at least
one of them a member of kommunestyret (§ 23-1 andre ledd), checked on the members the election gives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from secretariat.common.validators import CONTROL_CHARACTER_MESSAGE, has_control_characters
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
from . import lots as meeting_lots
from .bodies import CONTROL_MIN_SEATS, as_far_as_possible, ended_term_problem, kommunestyret_people
from .lists import (
    check_lists,
    control_committee_problems,
    genders_known,
    parse_candidates,
    parse_signatures,
    parse_votes,
)
from .models import BodyElection, ElectionMethod, ElectionStatus
from .permissions import require_fagleder

# A draft registered before the outcomes of lots were given as input: it was asked for none.
NO_LOTS_ASKED = {"outcomes": [], "system_for_rest": False}


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
                   "quotient": _number(s.quotient), "tie_with": list(s.tie_with), "tie_rule": s.tie_rule,
                   "lot": meeting_lots.result_data(s.lot) if s.lot else None}
                  for s in result.steps],
        "quotients": [{"list": name, "votes": v, "values": [_number(q) for q in qs]}
                      for name, v, qs in ap.quotient_table(entries, rows)],
        "lists": [{"list": r.name, "party": party_ids[r.name], "votes": r.votes, "seats": r.seats,
                   "members": [_person_data(c) for c in r.members],
                   "substitutes": [_person_data(c) for c in r.substitutes],
                   "corrections": r.corrections, "warnings": r.warnings} for r in result.lists],
        "warnings": result.warnings,
    }


def _lot(data: dict) -> ap.Lot:
    return ap.Lot(between=tuple(data["between"]), winner=data["winner"], drawn_by=data["drawn_by"])


def _number(q) -> str:
    """A quotient as the paper prints it: 12 or 6,33."""
    return str(q.numerator) if q.denominator == 1 else f"{float(q):.2f}".replace(".", ",")


def _avtalevalg_result(lists, organization: Organization, term: LegislativeTerm) -> tuple[dict, list[str]]:
    """§ 7-7 andre ledd: «like mange navn som det skal velges medlemmer», each member's party or group named, and
    per party or group «inntil to flere» substitutes than its members. Tredje og fjerde ledd: the gender rule for
    the body as a whole, members and substitutes each («så langt det er mulig» for formannskapet and
    arbeidsutvalg)."""
    errors, warnings = [], []
    seats = organization.seats
    members = [person for people in lists.values() for person, role in people if role == "member"]
    substitutes = [person for people in lists.values() for person, role in people if role == "substitute"]
    if len(members) != seats:
        errors.append(f"Innstillingen har {len(members)} medlemmer, men {organization.name} skal ha {seats} (koml. "
                      "§ 7-7 andre ledd).")
    for party, people in lists.items():
        own = sum(role == "member" for _, role in people)
        subs = sum(role == "substitute" for _, role in people)
        if subs > own + ap.EXTRA_SUBSTITUTES:
            errors.append(f"{party.abbreviation} har {subs} varamedlemmer og {own} medlem{'mer' if own != 1 else ''}: "
                          f"høyst {own + ap.EXTRA_SUBSTITUTES} varamedlemmer (inntil to flere enn de faste "
                          "medlemmene fra partiet eller gruppen, koml. § 7-7 andre ledd).")
        elif subs and not own:
            warnings.append(f"{party.abbreviation} har varamedlemmer, men ingen medlemmer: varamedlemmer kalles inn fra "
                            "gruppa der det er forfall (koml. § 7-10 første ledd).")
    pool = kommunestyret_people(term, regular_only=True) if as_far_as_possible(organization) else {}
    pool_people = [p for people in pool.values() for p in people]
    for label, chosen in (("medlemmene", members), ("varamedlemmene", substitutes)):
        need = ap.min_per_gender(len(chosen))
        for gender in ap.GENDERS:
            have = sum(person.gender == gender for person in chosen)
            if have >= need:
                continue
            text = (f"Avtalevalg: minst {ap.people_of(need, gender)} blant {label} i {organization.name}, "
                    f"innstillingen har {have} (koml. § 7-7 {'tredje' if label == 'medlemmene' else 'fjerde'} ledd).")
            if as_far_as_possible(organization):
                taken = {p.pk for p in members + substitutes}
                available = sorted(p.name for p in pool_people if p.gender == gender and p.pk not in taken)
                warnings.append(f"{text} For {organization.name} gjelder kravet så langt det er mulig"
                                + (f"; av kommunestyrets medlemmer er disse {ap.GENDER_WORDS[gender]} ikke med: "
                                   f"{', '.join(available)}." if available else "."))
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
                           candidates_text: str, votes_text: str = "", signatures_text: str = "",
                           unanimous: bool = False, lots: Sequence[str] = (), system_draws_rest: bool = False,
                           draw: ap.Draw = ap.draw_lots) -> BodyElection:
    """Register the vote and compute its result (nothing is made yet). Raises ValidationError (field → messages).
    A seat that only lots can decide (§ 7-6 første ledd) takes its outcome from `lots`, one per such tie in seat
    order: who won the loddtrekning in the meeting, or lots.SYSTEM_CHOICE (`system_draws_rest`: for every tie not
    answered) where the kommune lets the system draw with `draw`; a tie without one is lots.LotsQuestion.
    The same input (with the same outcomes) registered again while its draft is open returns that draft: a double
    submit neither makes a second draft nor draws the lots again."""
    require_fagleder(actor)
    errors: dict[str, list[str]] = defaultdict(list)
    if organization.organization_type == OrganizationType.KOMMUNESTYRE:
        errors["organization"].append("Kommunestyret velges ved kommunestyrevalget: importer valgoppgjøret.")
    if not organization.seats:
        errors["organization"].append(f"Sett antall medlemmer for {organization.name} først (admin).")
    elif organization.organization_type == OrganizationType.KONTROLLUTVALG and organization.seats < CONTROL_MIN_SEATS:
        errors["organization"].append(f"{organization.name} er registrert med {organization.seats} medlemmer, men "
                                      f"kontrollutvalget skal ha minst {CONTROL_MIN_SEATS} (koml. § 23-1 andre ledd). "
                                      "Rett antall medlemmer (admin) først.")
    if method not in ElectionMethod.values:
        errors["method"].append("Velg valgmåte.")
    if ended_term_problem(term):
        errors["term"].append(ended_term_problem(term))
    for field, text in (("candidates_text", candidates_text), ("votes_text", votes_text),
                        ("signatures_text", signatures_text)):
        if has_control_characters(text or ""):  # the command reads files: the page's form rule is not in front
            errors[field].append(CONTROL_CHARACTER_MESSAGE)
    if BodyElection.objects.filter(organization=organization, term=term, status=ElectionStatus.APPLIED).exists() \
            or Membership.objects.filter(organization=organization, term=term).exists():
        errors["organization"].append(f"{organization.name} har allerede medlemmer i valgperioden {term}.")
    if errors:
        raise ValidationError(dict(errors))
    candidates_text, votes_text = candidates_text.strip(), (votes_text or "").strip()
    signatures_text = (signatures_text or "").strip()
    if method == ElectionMethod.AVTALEVALG:
        votes_text = signatures_text = ""  # an innstilling has no ballots and no listeforslag to sign
    lots_asked = {"outcomes": meeting_lots.clean_outcomes(lots) if method == ElectionMethod.FORHOLDSVALG else [],
                  "system_for_rest": system_draws_rest and method == ElectionMethod.FORHOLDSVALG}
    same = next((e for e in BodyElection.objects.filter(
        organization=organization, term=term, method=method, status=ElectionStatus.DRAFT,
        candidates_text=candidates_text, votes_text=votes_text, signatures_text=signatures_text)
        if e.result.get("lots_asked", NO_LOTS_ASKED) == lots_asked), None)
    if same is not None:
        return same
    with_role = method == ElectionMethod.AVTALEVALG
    lists, problems = parse_candidates(candidates_text, organization=organization, term=term, with_role=with_role)
    problems = problems or genders_known(lists)
    if problems:
        raise ValidationError({"candidates_text": problems})
    if method == ElectionMethod.AVTALEVALG:
        if not unanimous:
            raise ValidationError({"unanimous": "Avtalevalg krever at kommunestyret vedtar innstillingen enstemmig "
                                                "(koml. § 7-7 første og andre ledd). Ellers holdes forholdsvalg."})
        result, problems = _avtalevalg_result(lists, organization, term)
        if problems:
            raise ValidationError({"candidates_text": problems})
    else:
        problems, list_warnings = check_lists(lists, organization=organization, term=term)
        if problems:
            raise ValidationError({"candidates_text": problems})
        problems = parse_signatures(signatures_text, lists, term=term)
        if problems:
            raise ValidationError({"signatures_text": problems})
        votes, problems = parse_votes(votes_text, lists)
        if problems:
            raise ValidationError({"votes_text": problems})
        drawn = meeting_lots.MeetingLots(lots, system_draws_rest=system_draws_rest, draw=draw)
        try:
            result = _forholdsvalg_result(lists, votes, organization.seats, drawn)
        except ap.LotsUndecided as exc:
            raise meeting_lots.LotsQuestion(exc, field="lots_winner", answered=drawn.answered()) from None
        result["warnings"] = list_warnings + result["warnings"]
        result["lots_asked"] = lots_asked
        result["lots_unused"] = [o for o in drawn.unused() if o != meeting_lots.SYSTEM_CHOICE]
    people = {person.pk: person for entries in lists.values() for person, _ in entries}
    elected = [people[p["person"]] for r in result["lists"] for p in r["members"]]
    problems, control_warnings = control_committee_problems(lists, organization=organization, term=term,
                                                            elected=elected)
    if problems:
        raise ValidationError({"candidates_text": problems})
    result["warnings"] = result["warnings"] + control_warnings
    with transaction.atomic():
        election = BodyElection.objects.create(
            organization=organization, term=term, method=method, seats=organization.seats,
            candidates_text=candidates_text, votes_text=votes_text, signatures_text=signatures_text, result=result,
            created_by=actor if getattr(actor, "pk", None) else None)
        drawn_lots = [meeting_lots.audit_data(_lot(s["lot"]), seat=s["number"]) for s in result["steps"]
                      if s.get("lot")]
        audit(election, actor=actor, action=AuditAction.BODY_ELECTION_REGISTERED,
              action_label=f"{election.get_method_display().split(' (')[0]} registrert", to_state=election.status,
              changes={"plasser": {r["list"]: r["seats"] for r in result["lists"]},
                       **({"loddtrekning": drawn_lots} if drawn_lots else {})})
    return election


def body_election_apply(*, actor, election: BodyElection) -> list[Membership]:
    """Carry out the election: the members and numbered substitutes per list, from the term's start. All or
    nothing: a guard that fails leaves no membership behind."""
    require_fagleder(actor)
    with transaction.atomic():
        election = BodyElection.objects.select_for_update().get(pk=election.pk)
        if election.status != ElectionStatus.DRAFT:
            raise GuardFailed("Valget er allerede gjennomført.")
        org, term = election.organization, election.term
        if ended_term_problem(term):
            raise GuardFailed(ended_term_problem(term))
        Organization.objects.select_for_update().get(pk=org.pk)  # two drafts for one body: one at a time
        if Membership.objects.filter(organization=org, term=term).exists():
            raise GuardFailed(f"{org.name} har allerede medlemmer i valgperioden {term}.")
        lists = election.result.get("lists") or []
        if not any(r["members"] for r in lists):
            raise GuardFailed("Valget har ingen valgte medlemmer. Registrer valget på nytt med listene.")
        people = Person.objects.in_bulk([p["person"] for r in lists for p in r["members"] + r["substitutes"]])
        parties = Party.objects.in_bulk([r["party"] for r in lists])
        if len(parties) != len({r["party"] for r in lists}) or any(
                p["person"] not in people for r in lists for p in r["members"] + r["substitutes"]):
            raise GuardFailed("En liste eller en person i valget finnes ikke lenger. Registrer valget på nytt.")
        made = []
        for r in lists:
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
