"""Weddings over the API: slots and booking public, JSON 4xx with field names, the rest for staff only."""

import pytest

from secretariat.weddings.models import Wedding

pytestmark = pytest.mark.django_db


def test_anyone_lists_free_slots_and_books_one(client, fridays):
    slots = client.get("/api/wedding-slots/").json()
    assert slots and {"key", "date", "start_time", "place"} <= set(slots[0])
    response = client.post("/api/weddings/", {
        "slot": slots[0]["key"], "partner1_name": "Kari", "partner2_name": "Ola", "email": "par@example.no",
        "residence": "bosatt"}, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["state"] == "forespurt"
    assert "email" not in response.json()  # the receipt carries no personal data


def test_bad_booking_gives_json_errors_by_field_and_saves_nothing(client, fridays):
    response = client.post("/api/weddings/", {"slot": "2020-01-01|12:00|1", "partner1_name": "", "email": "x",
                                              "residence": "mars"}, content_type="application/json")
    assert response.status_code == 400
    assert {"partner1_name", "email", "residence"} <= set(response.json()["errors"])
    response = client.post("/api/weddings/", {"slot": "2020-01-01|12:00|1", "partner1_name": "A", "partner2_name": "B",
                                              "email": "a@example.no", "residence": "bosatt"},
                           content_type="application/json")
    assert response.status_code == 400
    assert "slot" in response.json()["errors"]
    assert Wedding.objects.count() == 0


def test_the_list_is_for_staff_and_a_confirmation_with_an_expired_officiant_is_refused(
        client, fridays, fagleder, expired_officiant, folkevalgt):
    from .helpers import make_wedding

    wedding = make_wedding(fridays.place)
    assert client.get("/api/weddings/").status_code in (401, 403)
    client.force_login(folkevalgt)
    assert client.get("/api/weddings/").status_code == 403
    client.force_login(fagleder)
    assert client.get("/api/weddings/").json()["count"] == 1
    response = client.post(f"/api/weddings/{wedding.pk}/transitions/",
                           {"transition": "confirm", "officiant": expired_officiant.pk}, content_type="application/json")
    assert response.status_code == 400
    assert "gikk ut" in response.json()["detail"]
