"""A small formannskap for the politikerportal: Aud (Ap, with a folkevalgt user), Anders (Ap, another folkevalgt
user), Henrik (H); substitutes on the Ap list in order: Arne, Astrid. Kommunestyret decides permisjon and fritak."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from secretariat.accounts.roles import Role
from secretariat.meetings.services import meeting_create
from secretariat.organizations.models import MembershipRole
from tests.factories import MembershipFactory, PartyFactory, PersonFactory, TermFactory, UserFactory


def start_in(days: int, hour: int = 18) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(hour)))


@pytest.fixture
def fsk(formannskapet, kommunestyret, body):
    term = TermFactory(body=body)
    ap, h = PartyFactory(name="Arbeiderpartiet", abbreviation="Ap"), PartyFactory(name="Høyre", abbreviation="H")

    def member(given, lst, user=None, role=MembershipRole.MEMBER, order=None):
        person = PersonFactory(given_name=given, family_name="Portal", email=f"{given.lower()}@folkevalgt.test",
                               party=lst, user=user)
        return MembershipFactory(person=person, organization=formannskapet, term=term, role=role, electoral_list=lst,
                                 substitute_order=order)

    aud_user = UserFactory(username="aud", role=Role.FOLKEVALGT)
    anders_user = UserFactory(username="anders", role=Role.FOLKEVALGT)
    return SimpleNamespace(
        org=formannskapet, ks=kommunestyret, term=term, aud_user=aud_user, anders_user=anders_user,
        aud=member("Aud", ap, aud_user), anders=member("Anders", ap, anders_user),
        henrik=member("Henrik", h, role=MembershipRole.LEADER),
        arne=member("Arne", ap, role=MembershipRole.SUBSTITUTE, order=1),
        astrid=member("Astrid", ap, role=MembershipRole.SUBSTITUTE, order=2),
    )


@pytest.fixture
def meeting_in(fsk, fagleder):
    def make(days: int):
        return meeting_create(actor=fagleder, organization=fsk.org, start=start_in(days), location="Rådhuset")
    return make


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
