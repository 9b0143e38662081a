"""Menus offer only what the role may open (issue 12): follow every link in the page header as each role."""

import re

import pytest

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav aria-label="Hovedmeny">(.*?)</nav>', re.S)
HREF = re.compile(r'href="([^"]+)"')


def _menu_links(client) -> list[str]:
    page = client.get("/intern/", follow=True)
    assert page.status_code == 200
    nav = NAV.search(page.content.decode())
    assert nav, "the staff page has a main menu"
    return [href for href in HREF.findall(nav.group(1)) if href.startswith("/")]


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("rot", "rot@example.no", "passord-123")


@pytest.fixture
def folkevalgt_on_body(folkevalgt, kommunestyret):
    from tests.factories import MembershipFactory, PersonFactory

    MembershipFactory(person=PersonFactory(user=folkevalgt), organization=kommunestyret)
    return folkevalgt


@pytest.mark.parametrize("who", ["folkevalgt", "folkevalgt_on_body", "saksbehandler", "fagleder", "kommunedirektor",
                                 "superuser"])
def test_every_menu_link_opens_for_the_role_that_sees_it(client, request, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    links = _menu_links(client)
    assert "/innsyn/" in links
    refused = {}
    for href in links:
        status = client.get(href).status_code
        if status in (401, 403, 404) or status >= 500:
            refused[href] = status
    assert not refused, f"{who} is offered menu links that answer an error: {refused}"


def test_folkevalgt_is_not_offered_the_staff_pages(client, folkevalgt):
    client.force_login(folkevalgt)
    links = _menu_links(client)
    for staff_only in ("/intern/oppfolging/", "/intern/dokumenter/", "/intern/roller/", "/admin/"):
        assert not any(href.startswith(staff_only) for href in links), staff_only


def test_the_fagleder_is_offered_the_roles_page_and_a_saksbehandler_is_not(client, fagleder, saksbehandler):
    client.force_login(fagleder)
    assert "/intern/roller/" in _menu_links(client)
    client.force_login(saksbehandler)
    assert "/intern/roller/" not in _menu_links(client)


@pytest.mark.parametrize("who", ["folkevalgt", "folkevalgt_on_body", "saksbehandler", "fagleder", "kommunedirektor",
                                 "superuser"])
def test_every_start_page_the_menu_leaves_out_refuses_the_role(client, request, who):
    """The other half of «the menu asks the page's rule» (session 22): an entry left out of a role's menu is a page
    that refuses the role, not one it may use but is not told about."""
    from django.urls import NoReverseMatch, reverse

    from secretariat.common.context_processors import STAFF_NAV

    client.force_login(request.getfixturevalue(who))
    links = set(_menu_links(client))
    hidden_but_open = {}
    for label, name, _who in STAFF_NAV:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        if url in links:
            continue
        status = client.get(url).status_code
        if status not in (401, 403, 404):
            hidden_but_open[label] = (url, status)
    assert not hidden_but_open, f"{who} is not offered pages that open for them: {hidden_but_open}"
