"""The election pages: create a project over HTTP, see its tasks and timeline, complete a task."""

import datetime as dt

import pytest
from django.utils import timezone

from secretariat.elections.models import ElectionProject
from secretariat.meetings.services import meeting_create

pytestmark = pytest.mark.django_db


def test_staff_creates_a_project_from_the_type_and_election_day(client, fagleder, valgstyret):
    client.force_login(fagleder)
    response = client.post("/intern/valg/nytt/", {"election_type": "kommunestyrevalg", "election_day": "2027-09-13",
                                                   "responsible": fagleder.pk})
    project = ElectionProject.objects.get()
    assert response.status_code == 302
    assert project.valgstyre == valgstyret
    assert project.tasks.filter(responsible=fagleder).count() == project.tasks.count() > 10
    page = client.get(response["Location"]).content.decode()
    assert "Frist for listeforslag" in page and "31.3.2027 kl. 12:00" in page
    assert "10.8.2027–10.9.2027" in page  # advance voting until the Friday before Monday 13 September 2027


def test_a_bad_project_form_is_refused_in_norwegian(client, fagleder):
    client.force_login(fagleder)
    response = client.post("/intern/valg/nytt/", {"election_type": "", "election_day": "ikke en dato"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Velg valgtype." in html and "Skriv en gyldig dato." in html
    assert not ElectionProject.objects.exists()


def test_timeline_shows_every_task_with_its_status(client, fagleder, project_2025):
    client.force_login(fagleder)
    html = client.get(f"/intern/valg/{project_2025.pk}/tidslinje/").content.decode()
    assert html.count('class="gantt-bar') == project_2025.tasks.count()
    assert "Forhåndsstemmegivning" in html
    assert "status-overdue" in html  # 2025 tasks not marked done are late now


def test_completing_a_task_from_the_page(client, fagleder, project_2025):
    client.force_login(fagleder)
    task = project_2025.tasks.get(key="manntall")
    client.post(f"/intern/valg/{project_2025.pk}/oppgaver/{task.pk}/handling/",
                {"action": "complete", "done_on": "2025-06-30"})
    task.refresh_from_db()
    assert task.done_on == dt.date(2025, 6, 30)
    assert task.status() == "done"


def test_the_valgstyres_meetings_are_shown_on_the_project(client, fagleder, project_2025, valgstyret):
    start = timezone.make_aware(dt.datetime(2025, 5, 12, 18))
    meeting_create(actor=fagleder, organization=valgstyret, start=start, location="Rådhuset")
    client.force_login(fagleder)
    html = client.get(f"/intern/valg/{project_2025.pk}/").content.decode()
    assert "Valgstyret 12.05.2025" in html


def test_politicians_do_not_see_the_election_pages(client, folkevalgt, project_2025):
    client.force_login(folkevalgt)
    assert client.get("/intern/valg/").status_code == 403


def test_the_valgstyres_cases_are_listed_on_the_project(client, fagleder, saksbehandler, project_2025, valgstyret):
    from tests.helpers import new_case

    new_case(organization=valgstyret, officer=saksbehandler, title="Godkjenning av listeforslag 2025")
    client.force_login(fagleder)
    html = client.get(f"/intern/valg/{project_2025.pk}/").content.decode()
    assert "Godkjenning av listeforslag 2025" in html


def test_the_secretariat_adjusts_a_date_and_adds_its_own_task(client, fagleder, project_2025):
    from workflows.models import AuditEntry

    client.force_login(fagleder)
    task = project_2025.tasks.get(key="endelig_opptelling")
    response = client.post(f"/intern/valg/{project_2025.pk}/oppgaver/{task.pk}/", {
        "title": task.title, "due_on": "2025-09-11", "responsible_role": "Valgstyret"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.due_on == dt.date(2025, 9, 11)
    response = client.post(f"/intern/valg/{project_2025.pk}/oppgaver/ny/", {
        "title": "Bestille stemmesedler", "starts_on": "2025-05-10", "due_on": "2025-05-01"})
    assert response.status_code == 400
    assert "Starten kan ikke være etter fristen." in response.content.decode()
    client.post(f"/intern/valg/{project_2025.pk}/oppgaver/ny/", {"title": "Bestille stemmesedler", "due_on": "2025-05-01"})
    assert project_2025.tasks.filter(title="Bestille stemmesedler", key="").exists()
    actions = set(AuditEntry.for_object(project_2025).values_list("action", flat=True))
    assert {"oppgave_endret", "oppgave_lagt_til"} <= actions
