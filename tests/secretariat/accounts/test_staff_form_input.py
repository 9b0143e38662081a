"""Bad input on the fagleder's roles and lockout pages (issue 12): a Norwegian message with the typed reason kept,
never a 500, nothing changed."""

import pytest

from tests.factories import UserFactory

from .test_roles_page import URL, roles_of


@pytest.fixture
def ny(db):
    return UserFactory(username="ny", first_name="Nina", last_name="Ny")


@pytest.mark.parametrize("data", [
    {"user": "abc", "choice": "grant:folkevalgt", "reason": "x"},
    {"user": "9" * 40, "choice": "grant:folkevalgt", "reason": "x"},
    {"user": "-1", "choice": "grant:folkevalgt", "reason": "x"},
    {"choice": "grant:folkevalgt", "reason": "x"},
    {"user": "@ny", "choice": "grant:" + "f" * 1000, "reason": "x"},
])
def test_a_wrong_user_or_role_is_the_choose_message(client, fagleder, ny, data):
    client.force_login(fagleder)
    data = {k: (str(ny.pk) if v == "@ny" else v) for k, v in data.items()}
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "Velg en bruker, en rolle" in response.content.decode()
    assert roles_of(ny) == []


def test_a_too_long_reason_is_refused_and_kept_in_its_row(client, fagleder, ny):
    client.force_login(fagleder)
    reason = "Valgt inn. " + "r" * 500
    response = client.post(URL, {"user": ny.pk, "choice": "grant:folkevalgt", "reason": reason})
    assert response.status_code == 400
    page = response.content.decode()
    assert "500 eller færre tegn" in page and f'value="{reason}"' in page
    assert roles_of(ny) == []


@pytest.mark.parametrize("attempt", ["abc", "9" * 40, "0", ""])
def test_unlocking_an_unknown_attempt_is_a_message(client, fagleder, attempt):
    client.force_login(fagleder)
    response = client.post("/intern/roller/laaste/", {"attempt": attempt}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ukjent innlogging." in page or "Velg hvilken innlogging" in page
