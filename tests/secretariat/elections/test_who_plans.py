"""The election pages ask the services' rule, `access.can_plan_elections` (found in session 22's review).

The services refused the kommunedirektør every change, but every page was open to all staff: she was offered
«Nytt valgprosjekt», «Ny oppgave», «Endre», «Utført» and the evaluation form, and each ended in a refusal after
she had filled it in. Now she reads the plan (list, tasks, timeline, evaluation and its report) with no button or
link to a change, and the pages that only change a plan answer her 403 before reading the input; the API too.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse

from secretariat.elections.models import ElectionProject
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"#?]+)')
FORM = re.compile(r"<form\b[^>]*>", re.S)


def _reading_pages(project) -> list[str]:
    return [reverse("elections:list"), reverse("elections:detail", args=[project.pk]),
            reverse("elections:timeline", args=[project.pk]), reverse("elections:evaluation", args=[project.pk])]


def _change_pages(project, task) -> list[str]:
    return [reverse("elections:create"), reverse("elections:task_add", args=[project.pk]),
            reverse("elections:task_edit", args=[project.pk, task.pk])]


def _state(project) -> tuple:
    project.refresh_from_db()
    return (ElectionProject.objects.count(), project.tasks.count(), project.evaluation_notes,
            sorted(project.tasks.values_list("pk", "title", "due_on", "done_on")),
            AuditEntry.for_object(project).count())


@pytest.fixture
def task(project_2025):
    return project_2025.tasks.get(key="manntall")


def test_the_kommunedirektor_reads_the_plan_and_is_offered_no_change(client, kommunedirektor, project_2025, task):
    project_2025.evaluation_notes = "Bestill stemmesedler tidligere."
    project_2025.save(update_fields=["evaluation_notes"])
    client.force_login(kommunedirektor)
    changes = {reverse("elections:create"), reverse("elections:task_add", args=[project_2025.pk])}
    for url in _reading_pages(project_2025):
        page = client.get(url)
        assert page.status_code == 200, url
        html = page.content.decode()
        main = html.split("<main", 1)[-1].split("</main>", 1)[0]
        assert not FORM.findall(main), f"{url} offers her a form"
        links = set(HREF.findall(html))
        assert not links & changes, url
        assert not any("/oppgaver/" in link for link in links), f"{url} links to a task's form"
        # Every election page she is offered opens for her.
        for link in links:
            if link.startswith("/intern/valg/"):
                assert client.get(link).status_code == 200, f"{url} -> {link}"
    evaluation = client.get(reverse("elections:evaluation", args=[project_2025.pk])).content.decode()
    assert "Bestill stemmesedler tidligere." in evaluation  # the notes, read-only
    assert client.get(reverse("elections:evaluation_docx", args=[project_2025.pk])).status_code == 200


def test_the_pages_that_change_a_plan_refuse_the_kommunedirektor_and_change_nothing(client, kommunedirektor,
                                                                                   project_2025, task):
    before = _state(project_2025)
    client.force_login(kommunedirektor)
    for url in _change_pages(project_2025, task):
        assert client.get(url).status_code == 403, url
    posts = {
        reverse("elections:create"): {"election_type": "kommunestyrevalg", "election_day": "2027-09-13"},
        reverse("elections:task_add", args=[project_2025.pk]): {"title": "Bestille stemmesedler",
                                                                 "due_on": "2025-05-01"},
        reverse("elections:task_edit", args=[project_2025.pk, task.pk]): {"title": "Nytt navn", "due_on": "2025-05-02"},
        reverse("elections:task_action", args=[project_2025.pk, task.pk]): {"action": "complete",
                                                                             "done_on": "2025-06-30"},
        reverse("elections:evaluation", args=[project_2025.pk]): {"evaluation_notes": "Hennes notat."},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url
    assert _state(project_2025) == before


def test_the_api_refuses_her_changes_before_reading_them_and_lets_her_read(client, kommunedirektor, project_2025,
                                                                           task):
    before = _state(project_2025)
    client.force_login(kommunedirektor)
    assert client.get(reverse("election-project-detail", args=[project_2025.pk])).status_code == 200
    created = client.post(reverse("election-project-list"), {"election_type": "kommunestyrevalg",
                                                             "election_day": "2027-09-13"},
                          content_type="application/json")
    assert created.status_code == 403
    assert "Bare politisk sekretariat og saksbehandlerne" in created.json()["detail"]
    # Refused before the body is read: an empty body is 403 too, not a validation error.
    assert client.post(reverse("election-project-complete-task", args=[project_2025.pk]), {},
                       content_type="application/json").status_code == 403
    assert client.post(reverse("election-project-complete-task", args=[project_2025.pk]), {"task": task.pk},
                       content_type="application/json").status_code == 403
    assert _state(project_2025) == before


@pytest.mark.parametrize("who", ["saksbehandler", "fagleder"])
def test_the_planners_are_offered_the_changes_and_may_make_them(client, request, who, project_2025, task):
    client.force_login(request.getfixturevalue(who))
    detail = client.get(reverse("elections:detail", args=[project_2025.pk])).content.decode()
    assert reverse("elections:task_action", args=[project_2025.pk, task.pk]) in detail
    assert reverse("elections:task_edit", args=[project_2025.pk, task.pk]) in detail
    assert reverse("elections:task_add", args=[project_2025.pk]) in detail
    assert reverse("elections:create") in client.get(reverse("elections:list")).content.decode()
    assert 'name="evaluation_notes"' in client.get(reverse("elections:evaluation", args=[project_2025.pk])).content.decode()
    for url in _change_pages(project_2025, task):
        assert client.get(url).status_code == 200, url
    client.post(reverse("elections:task_action", args=[project_2025.pk, task.pk]),
                {"action": "complete", "done_on": "2025-06-30"})
    task.refresh_from_db()
    assert task.done_on == dt.date(2025, 6, 30)


def test_a_folkevalgt_gets_none_of_the_election_pages(client, folkevalgt, project_2025, task):
    client.force_login(folkevalgt)
    for url in [*_reading_pages(project_2025), *_change_pages(project_2025, task)]:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("elections:task_action", args=[project_2025.pk, task.pk]),
                       {"action": "complete"}).status_code == 403
