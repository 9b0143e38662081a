"""Who uses the godtgjøring pages is one rule, `access.can_use_remuneration` (a folkevalgt for their own claims, the
politisk sekretariat for the check and the payroll export), asked by the staff menu and by the pages alike.

Before session 22 the menu and the views each wrote «folkevalgt or secretariat» by hand; they agreed, but nothing
held them together. Through HTTP, for every role: the menu offers «Godtgjøring» exactly to those the page lets in,
and the other staff are refused the page and a claim.
"""

import re

import pytest
from django.urls import reverse

from secretariat.remuneration.models import Claim

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav aria-label="Hovedmeny">(.*?)</nav>', re.S)
INDEX = reverse("remuneration:index")


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("rot", "rot@example.no", "passord-123")


def _offered(client) -> bool:
    page = client.get(reverse("staff:dashboard"), follow=True).content.decode()
    nav = NAV.search(page)
    assert nav, "the page has a main menu"
    return f'href="{INDEX}"' in nav.group(1)


@pytest.mark.parametrize("who, uses", [("folkevalgt", True), ("fagleder", True), ("superuser", True),
                                       ("saksbehandler", False), ("kommunedirektor", False)])
def test_the_menu_offers_the_page_exactly_to_those_it_lets_in(client, request, who, uses):
    client.force_login(request.getfixturevalue(who))
    assert _offered(client) is uses
    assert client.get(INDEX).status_code == (200 if uses else 403)


@pytest.mark.parametrize("who", ["saksbehandler", "kommunedirektor"])
def test_other_staff_are_refused_the_page_and_a_claim(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(INDEX).status_code == 403
    assert client.post(reverse("remuneration:claim_create"), {"meeting": "1"}).status_code == 403
    assert not Claim.objects.exists()


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(INDEX)
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]
