"""«Ny sak» is offered only to those the form lets in (access.can_create_cases): the kommunedirektør approves the
innstilling and does not open cases, so the dashboard, the case list and an election's page offer her no link
that answers 403 (found in session 21's review of the role rules)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

NEW_CASE = reverse("cases:create")


def _pages(project):
    return [reverse("staff:dashboard"), reverse("cases:list"), reverse("elections:detail", args=[project.pk])]


@pytest.mark.parametrize("who, offered", [("saksbehandler", True), ("fagleder", True), ("kommunedirektor", False)])
def test_new_case_link_only_for_those_the_form_lets_in(client, request, project_2025, who, offered):
    client.force_login(request.getfixturevalue(who))
    for url in _pages(project_2025):
        page = client.get(url)
        assert page.status_code == 200, url
        assert (f'href="{NEW_CASE}"' in page.content.decode()) is offered, url
    assert client.get(NEW_CASE).status_code == (200 if offered else 403)
