"""`access.users_who(rule)`: the recipient lists ask a role rule per user (superusers have every role), in two
queries however many users there are (their groups prefetched), never a group by name (session 22)."""

import pytest

from secretariat import access
from secretariat.accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_asks_the_rule_per_user_so_a_superuser_is_included(django_assert_max_num_queries):
    faglederne = [UserFactory(username=f"fagleder{i}", role=Role.FAGLEDER) for i in range(25)]
    UserFactory(username="saksbehandler", role=Role.SAKSBEHANDLER)
    superuser = UserFactory(username="rot", is_superuser=True)
    UserFactory(username="gammel-rot", is_superuser=True, is_active=False)
    UserFactory(username="uten-epost", email="", role=Role.FAGLEDER)
    with django_assert_max_num_queries(2):
        told = access.users_who(access.is_secretariat)
    assert told == [*faglederne, superuser]
    assert access.emails_of_users_who(access.reports_on_implementation) == ["rot@example.no"]
