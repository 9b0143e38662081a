"""The calendars' API: plans from rules (bad rules as JSON 400), publish, personal feed links."""

import pytest

from calendars.models import CalendarToken
from secretariat.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_a_plan_is_drafted_and_published_over_the_api(client, fagleder, formannskapet):
    client.force_login(fagleder)
    response = client.post("/api/meeting-plans/", {"organization": "formannskapet", "year": 2027, "weekday": 0,
                                                   "interval_weeks": 1, "start_time": "18:00"},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    plan = response.json()
    assert any("Grunnlovsdag" in d["skipped_reason"] for d in plan["dates"])
    response = client.post(f"/api/meeting-plans/{plan['id']}/publish/")
    assert response.status_code == 200
    assert response.json()["state"] == "publisert"
    assert Meeting.objects.filter(organization=formannskapet).count() == sum(
        1 for d in plan["dates"] if not d["skipped_reason"])


def test_a_bad_rule_is_a_json_400_naming_the_field(client, fagleder, formannskapet):
    client.force_login(fagleder)
    response = client.post("/api/meeting-plans/", {"organization": "formannskapet", "year": 2027, "weekday": 0,
                                                   "interval_weeks": 0, "start_time": "18:00",
                                                   "first_date": "2027-05-01", "last_date": "2027-04-01"},
                           content_type="application/json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "interval_weeks" in errors and "last_date" in errors


def test_a_politician_gets_and_rotates_their_own_feed_link(client, member, folkevalgt):
    client.force_login(folkevalgt)
    first = client.get(f"/api/calendars/personal-feed/{member.pk}/").json()
    assert first["webcal"].startswith("webcal://")
    rotated = client.post(f"/api/calendars/personal-feed/{member.pk}/")
    assert rotated.status_code == 201
    assert rotated.json()["https"] != first["https"]
    assert CalendarToken.objects.active().filter(person=member).count() == 1


def test_a_saksbehandler_cannot_rotate_someone_elses_link(client, member, saksbehandler):
    client.force_login(saksbehandler)
    assert client.post(f"/api/calendars/personal-feed/{member.pk}/").status_code == 403
