"""Log-in lockout (issue 12): after too many wrong passwords from one client, the right one is refused with a
Norwegian message until the lockout ends or a fagleder lifts it; on /logg-inn/, the admin and /api/token/."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from secretariat.accounts.roles import Role
from tests.factories import UserFactory
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "passord-123"  # tests/factories.py


@pytest.fixture
def victim(db):
    return UserFactory(username="ola", role=Role.SAKSBEHANDLER, is_staff=True)


def _login(client, path, username, password):
    return client.post(path, {"username": username, "password": password})


def test_after_20_wrong_passwords_the_right_one_is_refused_until_the_lockout_ends(victim):
    client = Client()
    for _ in range(20):
        response = _login(client, "/logg-inn/", "ola", "feil-passord")
        assert response.status_code in (200, 429)
    response = _login(client, "/logg-inn/", "ola", PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert "For mange mislykkede innlogginger" in html and "30 minutter" in html
    assert "_auth_user_id" not in client.session
    # The lockout ends after the cool-off (30 minutes by default): then the right password works again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=31))
    response = _login(client, "/logg-inn/", "ola", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(victim.pk)


def test_a_few_typing_errors_do_not_lock_and_the_right_password_forgets_them(victim):
    client = Client()
    for _ in range(9):
        assert _login(client, "/logg-inn/", "ola", "feil").status_code == 200
    assert _login(client, "/logg-inn/", "ola", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()


def test_the_lockout_is_per_user_and_client(victim):
    UserFactory(username="kari", role=Role.SAKSBEHANDLER)
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(10):
        _login(attacker, "/logg-inn/", "ola", "feil")
    assert _login(attacker, "/logg-inn/", "ola", PASSWORD).status_code == 429
    # Ola at his own desk is not locked out by someone guessing elsewhere, and the attacker's address can still
    # log in as somebody else whose password it knows.
    assert _login(Client(REMOTE_ADDR="10.0.0.5"), "/logg-inn/", "ola", PASSWORD).status_code == 302
    assert _login(attacker, "/logg-inn/", "kari", PASSWORD).status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(victim):
    client = Client()
    for n in range(10):
        client.post("/logg-inn/", {"username": "ola", "password": "feil"}, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    response = client.post("/logg-inn/", {"username": "ola", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert response.status_code == 429


def test_the_admin_log_in_locks_out_too(victim):
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    client = Client()
    for _ in range(10):
        assert _login(client, "/admin/login/", "admin", "feil").status_code in (200, 429)
    response = _login(client, "/admin/login/", "admin", PASSWORD)
    assert response.status_code == 429
    assert "For mange mislykkede innlogginger" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_api_token_endpoint_locks_out_with_a_norwegian_json_message(victim):
    api = APIClient()
    ok = api.post("/api/token/", {"username": "ola", "password": PASSWORD}, format="json")
    assert ok.status_code == 200 and ok.json()["token"]
    wrong = api.post("/api/token/", {"username": "ola", "password": "feil"}, format="json")
    assert wrong.status_code == 400
    assert wrong.json()["detail"] == "Brukernavn eller passord er feil."
    for _ in range(24):
        api.post("/api/token/", {"username": "ola", "password": "feil"}, format="json")
    refused = api.post("/api/token/", {"username": "ola", "password": PASSWORD}, format="json")
    assert refused.status_code == 429
    body = refused.json()
    assert body["code"] == "innlogging_sperret"
    assert body["detail"].startswith("For mange mislykkede innlogginger.")
    assert "token" not in body


def test_the_api_token_endpoint_refuses_bad_bodies_with_400(victim):
    api = APIClient()
    assert api.post("/api/token/", ["ola"], format="json").status_code == 400
    response = api.post("/api/token/", {"username": "ola"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["password"] == ["Fyll ut passordet."]


def test_the_fagleder_sees_and_lifts_a_lockout_and_it_is_audited(victim, fagleder):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(10):
        _login(attacker, "/logg-inn/", "ola", "feil")
    staff = Client()
    staff.force_login(fagleder)
    page = staff.get("/intern/roller/laaste/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "ola" in html and "203.0.113.9" in html and "Lås opp" in html
    assert "/intern/roller/laaste/" in staff.get("/intern/roller/").content.decode()  # linked from the roles page
    attempt = AccessAttempt.objects.get(username="ola")
    response = staff.post("/intern/roller/laaste/", {"attempt": attempt.pk}, follow=True)
    assert "Innloggingen for «ola» er låst opp." in response.content.decode()
    assert not AccessAttempt.objects.exists()
    entry = AuditEntry.for_object(victim).get(action="innlogging_laast_opp")
    assert entry.actor == fagleder and entry.changes["adresse"] == "203.0.113.9"
    assert _login(attacker, "/logg-inn/", "ola", PASSWORD).status_code == 302
    # A second press (the lockout is gone already) is not an error.
    again = staff.post("/intern/roller/laaste/", {"attempt": attempt.pk}, follow=True)
    assert again.status_code == 200 and "allerede opphevet" in again.content.decode()


def test_only_the_fagleder_may_unlock(victim, saksbehandler):
    attacker = Client()
    for _ in range(10):
        _login(attacker, "/logg-inn/", "ola", "feil")
    client = Client()
    client.force_login(saksbehandler)
    assert client.get("/intern/roller/laaste/").status_code == 403
    assert client.post("/intern/roller/laaste/", {"attempt": AccessAttempt.objects.get().pk}).status_code == 403
    assert AccessAttempt.objects.exists()


def test_the_admin_shows_the_lockouts_to_a_superuser(victim):
    for _ in range(10):
        _login(Client(), "/logg-inn/", "ola", "feil")
    admin = Client()
    admin.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    response = admin.get("/admin/axes/accessattempt/")
    assert response.status_code == 200
    assert "ola" in response.content.decode()


def test_the_test_clients_log_in_is_not_counted(victim):
    client = Client()
    assert client.login(username="ola", password=PASSWORD)
    assert not client.login(username="ola", password="feil")
    assert not AccessAttempt.objects.exists()
