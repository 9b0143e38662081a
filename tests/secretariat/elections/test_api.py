import pytest

pytestmark = pytest.mark.django_db


def test_staff_creates_a_project_and_completes_a_task_over_the_api(client, fagleder, valgstyret):
    client.force_login(fagleder)
    response = client.post("/api/election-projects/", {"election_type": "stortingsvalg", "election_day": "2029-09-10"},
                           content_type="application/json")
    assert response.status_code == 201
    project = response.json()
    advance = next(t for t in project["tasks"] if t["key"] == "forhandsstemmer")
    assert (advance["starts_on"], advance["due_on"]) == ("2029-08-10", "2029-09-07")
    first = project["tasks"][0]
    response = client.post(f"/api/election-projects/{project['id']}/complete-task/",
                           {"task": first["id"], "done_on": "2026-01-05"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "done"


def test_bad_input_is_json_4xx_and_politicians_are_refused(client, fagleder, folkevalgt):
    client.force_login(fagleder)
    response = client.post("/api/election-projects/", {"election_type": "x", "election_day": "nei"},
                           content_type="application/json")
    assert response.status_code == 400
    assert {"election_type", "election_day"} <= set(response.json()["errors"])
    client.force_login(folkevalgt)
    assert client.get("/api/election-projects/").status_code == 403
