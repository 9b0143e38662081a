"""Small factories a reader can hold in their head (factory_boy)."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from secretariat.accounts.roles import assign_role
from secretariat.organizations.models import (
    Body,
    LegislativeTerm,
    Membership,
    MembershipRole,
    Organization,
    OrganizationType,
    Party,
    Person,
)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ("kommunenummer",)

    name = "Testvik kommune"
    kommunenummer = "4698"
    maalform = "nb"
    population = 5000


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    body = factory.SubFactory(BodyFactory)
    name = factory.Sequence(lambda n: f"Utval {n}")
    slug = factory.Sequence(lambda n: f"utval-{n}")
    organization_type = OrganizationType.UTVALG
    seats = 7


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegislativeTerm
        django_get_or_create = ("name",)

    body = factory.SubFactory(BodyFactory)
    name = "2023–2027"
    start_date = dt.date(2023, 10, 1)
    end_date = dt.date(2027, 9, 30)


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party
        django_get_or_create = ("abbreviation",)

    name = factory.Sequence(lambda n: f"Parti {n}")
    abbreviation = factory.Sequence(lambda n: f"P{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Fornavn{n}")
    family_name = "Testesen"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    term = factory.SubFactory(TermFactory)
    role = MembershipRole.MEMBER
    start_date = dt.date(2023, 10, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.no")
    password = factory.PostGenerationMethodCall("set_password", "passord-123")

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        obj.save()
        if extracted:
            assign_role(obj, extracted)


def aware(day: dt.date, hour: int = 18) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
