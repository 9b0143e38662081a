"""seed_scale: the kommune, its terms, parties, units, bodies, people, memberships and users."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from secretariat.accounts.roles import Role, ensure_role_groups
from secretariat.organizations.models import (
    AdministrativeUnit,
    Body,
    LegislativeTerm,
    Membership,
    MembershipRole,
    Organization,
    OrganizationType,
    Party,
    Person,
)

from ..core import DEMO_PASSWORD
from ..people import name_at
from .config import BATCH, EXTRA_BODIES, ORGANIZATIONS, PARTIES, TERMS, UNITS


class BodiesMixin:
    # --- reference data ---------------------------------------------------------------------------------------

    def _reference_data(self) -> None:
        ensure_role_groups()
        self.body = Body.objects.create(name="Storvik kommune", kommunenummer="4698", maalform="nb",
                                        population=38200, website="https://www.storvik.kommune.no",
                                        email="postmottak@storvik.kommune.no", address="Rådhusgata 1, 5999 Storvik")
        self.terms = [LegislativeTerm.objects.create(body=self.body, name=n, start_date=s, end_date=e)
                      for n, s, e in TERMS]
        self.parties = []
        for name, abbr, colour, _weight in PARTIES:
            party, _ = Party.objects.get_or_create(abbreviation=abbr, defaults={"name": name, "color": colour})
            self.parties.append(party)
        self.units = [AdministrativeUnit.objects.get_or_create(name=u)[0] for u in UNITS]
        specs = list(ORGANIZATIONS)
        for n, name in enumerate(EXTRA_BODIES):
            specs.append((f"utvalg-{n + 1:02d}", name, OrganizationType.UTVALG, 7, 4, None))
        specs = specs[:self.size.organizations]
        self.organizations = []
        self.weights = []
        for order, (slug, name, otype, seats, per_year, _next) in enumerate(specs):
            self.organizations.append(Organization(body=self.body, name=name, slug=slug, organization_type=otype,
                                                   seats=seats, sort_order=order * 10,
                                                   short_name="".join(w[0] for w in name.split()[:3]).upper()))
            self.weights.append(per_year)
        Organization.objects.bulk_create(self.organizations)
        by_slug = {o.slug: o for o in self.organizations}
        for org, spec in zip(self.organizations, specs, strict=False):
            if spec[5] and spec[5] in by_slug:
                org.next_organization = by_slug[spec[5]]
        Organization.objects.bulk_update(self.organizations, ["next_organization"])
        self.ks = by_slug["kommunestyret"]
        self._people()
        self._users()

    def _people(self) -> None:
        persons = []
        party_weights = [p[3] for p in PARTIES]
        for i in range(self.size.persons):
            given, family, gender = name_at(i)
            party = self.rng.choices(self.parties, weights=party_weights)[0]
            persons.append(Person(given_name=given, family_name=f"{family}" if i < 96 else f"{family}-{i // 96}",
                                  gender=gender, party=party, birth_date=dt.date(1950 + i % 50, 1 + i % 12, 1 + i % 28),
                                  email=f"person{i}@folkevalgt.storvik.no"))
        Person.objects.bulk_create(persons, batch_size=BATCH)
        self.persons = persons
        memberships = []
        self.ks_members: dict[int, list[Membership]] = {}  # term index -> kommunestyret's members
        for t, term in enumerate(self.terms):
            pool = persons[:]
            self.rng.shuffle(pool)
            cursor = 0
            for org in self.organizations:
                for n in range(org.seats + max(3, org.seats // 3)):
                    person = pool[cursor % len(pool)]
                    cursor += 1
                    substitute = n >= org.seats
                    m = Membership(person=person, organization=org, term=term, start_date=term.start_date,
                                   end_date=term.end_date, electoral_list=person.party,
                                   role=(MembershipRole.SUBSTITUTE if substitute else
                                         MembershipRole.LEADER if n == 0 else MembershipRole.MEMBER),
                                   substitute_order=(n - org.seats + 1) if substitute else None)
                    memberships.append(m)
                    if org is self.ks and not substitute:
                        self.ks_members.setdefault(t, []).append(m)
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        self.counts["persons"] = len(persons)
        self.counts["memberships"] = len(memberships)

    def _users(self) -> None:
        from django.contrib.auth.models import Group

        User = get_user_model()
        password = make_password(DEMO_PASSWORD)
        specs = [("scale-fagleder", "Kari", "Storli", Role.FAGLEDER), ("scale-kd", "Trine", "Vassbotn",
                                                                        Role.KOMMUNEDIREKTOR)]
        for n in range(max(4, self.size.cases // 750)):
            given, family, _ = name_at(1000 + n)
            specs.append((f"scale-sb{n + 1:02d}", given, family, Role.SAKSBEHANDLER))
        users = [User(username=u, first_name=g, last_name=f, email=f"{u}@storvik.kommune.no", password=password)
                 for u, g, f, _r in specs]
        User.objects.bulk_create(users)
        groups = {g.name: g for g in Group.objects.all()}
        Through = User.groups.through
        Through.objects.bulk_create([Through(user_id=u.pk, group_id=groups[r.value].pk)
                                     for u, (_u, _g, _f, r) in zip(users, specs, strict=False)])
        self.fagleder, self.kd = users[0], users[1]
        self.officers = users[2:]
