"""Who sits where in a term, as the konstituering needs it: kommunestyret and formannskapet, who may be elected
(koml. § 5-6, § 7-2), who may not (§ 7-3 tredje ledd), each member's group, and the term still open."""

from __future__ import annotations

import re
from collections import defaultdict

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
    """Who may be elected, by name (textinput.name_key): the new kommunestyret's people for the term (its members
    only for formannskapet, whose members must sit in kommunestyret, koml. § 5-6)."""
    return kommunestyret_people(term, regular_only=organization.organization_type == OrganizationType.FORMANNSKAP)


def kommunestyret_people(term: LegislativeTerm, *, regular_only: bool) -> dict[str, list[Person]]:
    ks = kommunestyret()
    memberships = Membership.objects.filter(organization=ks, term=term).select_related("person")
    if regular_only:
        memberships = memberships.regular()
    found: dict[str, list[Person]] = defaultdict(list)
    for m in memberships:
        if m.person not in found[name_key(m.person.name)]:
            found[name_key(m.person.name)].append(m.person)
    return found


def groups_in_kommunestyret(term: LegislativeTerm, *, regular_only: bool = False) -> dict[int, Party]:
    """Each person's group in kommunestyret for the term: the list they were elected (or are substitute) on."""
    memberships = Membership.objects.filter(organization=kommunestyret(), term=term, electoral_list__isnull=False)
    if regular_only:
        memberships = memberships.regular()
    return {m.person_id: m.electoral_list for m in memberships.select_related("electoral_list")}


def incompatible(organization: Organization, term: LegislativeTerm) -> dict[int, str]:
    """§ 7-3 tredje ledd: «Medlemmer og varamedlemmer av kontrollutvalget kan ikke velges som a) ordfører eller
    varaordfører b) medlem eller varamedlem av formannskap [...]»: person pk → why, for this body in this term."""
    def holders(types, roles=None):
        qs = Membership.objects.filter(organization__organization_type__in=types, term=term)
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
