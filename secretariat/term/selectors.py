"""Reads for the term pages."""

from __future__ import annotations

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import QuerySet

from secretariat.organizations.models import LegislativeTerm, Membership, MembershipRole, Person

from .bodies import formannskapet, kommunestyret
from .models import BodyElection, GroupSupportRule


def newest_term() -> LegislativeTerm | None:
    return LegislativeTerm.objects.order_by("-start_date").first()


def current_or_newest_term() -> LegislativeTerm | None:
    return LegislativeTerm.current() or newest_term()


def kommunestyret_people(term: LegislativeTerm | None) -> QuerySet:
    if term is None:
        return Person.objects.none()
    ids = (Membership.objects.regular().filter(organization=kommunestyret(), term=term)
           .values_list("person_id", flat=True))
    return Person.objects.filter(pk__in=list(ids))


def term_summary(term: LegislativeTerm) -> dict:
    ks, fsk = kommunestyret(), formannskapet()
    ks_memberships = Membership.objects.filter(organization=ks, term=term)
    leaders = {m.role: m.person for m in Membership.objects.filter(
        organization=ks, term=term, role__in=[MembershipRole.LEADER, MembershipRole.DEPUTY_LEADER])
        .select_related("person")}
    waiting = (ks_memberships.filter(person__user__isnull=False, person__user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
               .values("person").distinct().count())
    return {"term": term, "members": ks_memberships.regular().count(), "waiting": waiting,
            "substitutes": ks_memberships.substitutes().count(),
            "formannskap": Membership.objects.regular().filter(organization=fsk, term=term).count() if fsk else 0,
            "mayor": leaders.get(MembershipRole.LEADER), "deputy": leaders.get(MembershipRole.DEPUTY_LEADER)}


def overview() -> dict:
    terms = list(LegislativeTerm.objects.order_by("-start_date")[:3])
    return {"terms": [term_summary(t) for t in terms],
            "elections": BodyElection.objects.select_related("organization", "term")[:50],
            "rules": GroupSupportRule.objects.all()[:10]}
