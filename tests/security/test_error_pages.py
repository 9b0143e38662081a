"""Norwegian 403, 404 and 500 pages through HTTP with DEBUG off; JSON under /api/ (issue 12, part 3)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


def test_an_unknown_page_is_the_norwegian_404(client):
    r = client.get("/finnes-ikke/")
    assert r.status_code == 404 and r["Content-Type"].startswith("text/html")
    body = r.content.decode()
    assert "Fant ikke siden" in body and 'lang="nb"' in body
    assert "Not Found" not in body


def test_an_unknown_api_address_is_json_404(client):
    r = client.get("/api/finnes-ikke/")
    assert r.status_code == 404 and r["Content-Type"] == "application/json"
    assert r.json() == {"detail": "Fant ikke det du ba om.", "code": "not_found"}


def test_an_unknown_api_object_is_json_404(client):
    r = client.get("/api/cases/999999999/")
    assert r.status_code == 404 and r["Content-Type"] == "application/json"
    assert r.json()["detail"]


def test_a_page_the_role_may_not_open_is_the_norwegian_403(client, folkevalgt):
    client.force_login(folkevalgt)
    r = client.get("/intern/oppfolging/")
    assert r.status_code == 403 and r["Content-Type"].startswith("text/html")
    body = r.content.decode()
    assert "Du har ikke tilgang til denne siden" in body and "403 Forbidden" not in body


def test_an_api_write_without_permission_is_json_403(client):
    r = client.post("/api/cases/", {}, content_type="application/json")
    assert r.status_code in (401, 403) and r["Content-Type"] == "application/json"
    assert r.json()["detail"]


def test_a_form_without_its_csrf_token_is_the_norwegian_403():
    r = Client(enforce_csrf_checks=True).post("/logg-inn/", {"username": "x", "password": "y"})
    assert r.status_code == 403
    body = r.content.decode()
    assert "Skjemaet var utløpt" in body and "CSRF verification failed" not in body


@pytest.fixture
def boom_urls(settings):
    settings.ROOT_URLCONF = "tests.security.urls_boom"


def test_a_server_error_is_the_norwegian_500_without_the_database(boom_urls, django_assert_num_queries):
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):  # the 500 page must work when the database is what failed
        r = client.get("/boom/")
    assert r.status_code == 500 and r["Content-Type"].startswith("text/html")
    body = r.content.decode()
    assert "Noe gikk galt hos oss" in body and 'lang="nb"' in body
    assert "intern-detalj-7731" not in body and "Server Error" not in body


def test_a_server_error_under_api_is_json_500(boom_urls):
    r = Client(raise_request_exception=False).get("/api/boom/")
    assert r.status_code == 500 and r["Content-Type"] == "application/json"
    assert r.json()["code"] == "server_error" and "intern-detalj-7731" not in r.content.decode()
