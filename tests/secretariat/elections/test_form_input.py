"""Bad input on the election pages (issue 12), as the fagleder through HTTP: a Norwegian message, never a 500,
nothing saved from bad input."""

from django.urls import reverse

from secretariat.elections.models import ElectionProject


def _task(project):
    return project.tasks.order_by("due_on", "pk").first()


def test_completing_a_task_refuses_a_bad_date_and_an_unknown_action(client, fagleder, project_2025):
    task = _task(project_2025)
    client.force_login(fagleder)
    url = reverse("elections:task_action", args=[project_2025.pk, task.pk])
    for body, message in (({"action": "complete", "done_on": "i går"}, "gyldig dato"),
                          ({"action": "complete", "done_on": "0001-01-01"}, "Året 1 er ikke gyldig"),
                          ({"action": "complete", "done_on": "2025-02-30"}, "gyldig dato"),
                          ({"action": "slett"}, "Ukjent handling."), ({}, "Ukjent handling."),
                          ({"action": "complete", "note": "n" * 10_001}, "eller færre tegn")):
        page = client.post(url, body, follow=True).content.decode()
        assert message in page, body
        task.refresh_from_db()
        assert task.done_on is None and task.note == ""
    client.post(url, {"action": "complete", "done_on": "2025-04-02", "note": "Ferdig."})
    task.refresh_from_db()
    assert str(task.done_on) == "2025-04-02" and task.note == "Ferdig."


def test_too_long_evaluation_notes_are_refused_with_the_text_kept(client, fagleder, project_2025):
    client.force_login(fagleder)
    url = reverse("elections:evaluation", args=[project_2025.pk])
    response = client.post(url, {"evaluation_notes": "Start tidligere. " + "e" * 50_000})
    assert response.status_code == 400
    page = response.content.decode()
    assert "50000 eller færre tegn" in page and "Start tidligere. eeee" in page
    assert ElectionProject.objects.get(pk=project_2025.pk).evaluation_notes == ""
    client.post(url, {"evaluation_notes": "Start tidligere."})
    assert ElectionProject.objects.get(pk=project_2025.pk).evaluation_notes == "Start tidligere."


def test_an_election_in_year_1_is_refused(client, fagleder, valgstyret):
    client.force_login(fagleder)
    response = client.post(reverse("elections:create"), {"election_type": "kommunestyrevalg",
                                                         "election_day": "0001-09-08"})
    assert response.status_code == 400
    assert "Året 1 er ikke gyldig" in response.content.decode()
    assert not ElectionProject.objects.exists()
