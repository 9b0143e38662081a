"""A small formannskap a reader can hold in their head.

Seven seats: Ap 3 (Anna leads), H 2 (Henrik, Hanne — Hanne has since left Høyre for Sp), Sp 2.
Substitutes in list order: Ap: Arne, Astrid, Are; H: Hilde, Harald; Sp: Siri.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from secretariat.meetings.services import meeting_create
from secretariat.organizations.models import MembershipRole
from tests.factories import MembershipFactory, PartyFactory, PersonFactory, TermFactory, UserFactory, aware
from tests.helpers import case_in_state


@pytest.fixture
def parties(db):
    return SimpleNamespace(
        ap=PartyFactory(name="Arbeiderpartiet", abbreviation="Ap"),
        h=PartyFactory(name="Høyre", abbreviation="H"),
        sp=PartyFactory(name="Senterpartiet", abbreviation="Sp"),
    )


@pytest.fixture
def fsk(formannskapet, parties, body):
    """Formannskapet with its members (m.<name>) and substitutes (s.<name>)."""
    term = TermFactory(body=body)
    m, s = {}, {}

    def member(key, given, lst, role=MembershipRole.MEMBER, party=None):
        person = PersonFactory(given_name=given, family_name="Fsk", email=f"{key}@folkevalgt.test",
                               party=party or lst)
        m[key] = MembershipFactory(person=person, organization=formannskapet, term=term, role=role,
                                   electoral_list=lst)

    def sub(key, given, lst, order):
        person = PersonFactory(given_name=given, family_name="Vara", email=f"{key}@folkevalgt.test", party=lst)
        s[key] = MembershipFactory(person=person, organization=formannskapet, term=term,
                                   role=MembershipRole.SUBSTITUTE, electoral_list=lst, substitute_order=order)

    member("anna", "Anna", parties.ap, MembershipRole.LEADER)
    member("anders", "Anders", parties.ap)
    member("aud", "Aud", parties.ap)
    member("henrik", "Henrik", parties.h, MembershipRole.DEPUTY_LEADER)
    member("hanne", "Hanne", parties.h, party=parties.sp)  # left Høyre; elected from the Høyre list
    member("sigrid", "Sigrid", parties.sp)
    member("svein", "Svein", parties.sp)
    sub("arne", "Arne", parties.ap, 1)
    sub("astrid", "Astrid", parties.ap, 2)
    sub("are", "Are", parties.ap, 3)
    sub("hilde", "Hilde", parties.h, 1)
    sub("harald", "Harald", parties.h, 2)
    sub("siri", "Siri", parties.sp, 1)
    return SimpleNamespace(org=formannskapet, term=term, m=SimpleNamespace(**m), s=SimpleNamespace(**s))


@pytest.fixture
def meeting(fsk, fagleder):
    start = aware(timezone.localdate() + dt.timedelta(days=20))
    return meeting_create(actor=fagleder, organization=fsk.org, start=start, end=start + dt.timedelta(hours=3),
                          location="Formannskapssalen")


@pytest.fixture
def klar_case(fsk, fagleder, saksbehandler, kommunedirektor):
    def make(**overrides):
        return case_in_state("klar", organization=fsk.org, officer=saksbehandler, fagleder=fagleder,
                             kommunedirektor=kommunedirektor, **overrides)
    return make


@pytest.fixture
def member_user(fsk):
    """A folkevalgt user linked to Aud's Person."""
    from secretariat.accounts.roles import Role

    user = UserFactory(username="aud", role=Role.FOLKEVALGT)
    person = fsk.m.aud.person
    person.user = user
    person.save()
    return user


@pytest.fixture
def api(fagleder):
    """The REST API as the fagleder."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(fagleder)
    return client


@pytest.fixture
def fetch(client, django_capture_on_commit_callbacks):
    """GET a document as a browser does: 202 while generation is queued after commit, then the file."""

    def get(url: str) -> bytes:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(url)
        if response.status_code == 202:
            response = client.get(url + ("&" if "?" in url else "?") + "venter=1")
        assert response.status_code == 200, response.status_code
        return b"".join(response.streaming_content) if response.streaming else response.content

    return get
