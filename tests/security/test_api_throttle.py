"""API throttles (issue 12): anonymous and logged-in API use is limited per client / user, with a Norwegian
JSON message; the rates are settings."""

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from secretariat.accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _rates(anon, user):
    from django.conf import settings

    return {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user}}


def test_default_rates_are_sane():
    from django.conf import settings

    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] == {"anon": "300/min", "user": "1200/min"}


def test_anonymous_calls_beyond_the_rate_get_429_in_norwegian():
    with override_settings(REST_FRAMEWORK=_rates("5/min", "1000/min")):
        api = APIClient()
        codes = [api.get("/api/meetings/").status_code for _ in range(5)]
        assert codes == [200] * 5
        response = api.get("/api/meetings/")
        assert response.status_code == 429
        body = response.json()
        assert body["code"] == "throttled"
        assert body["detail"].startswith("For mange forespørsler fra deg på kort tid. Prøv igjen om")
        assert int(response["Retry-After"]) > 0
        # Another client is not affected.
        assert APIClient(REMOTE_ADDR="10.1.2.3").get("/api/meetings/").status_code == 200


def test_logged_in_calls_are_throttled_per_user():
    with override_settings(REST_FRAMEWORK=_rates("1000/min", "3/min")):
        one, other = APIClient(), APIClient()
        one.force_authenticate(UserFactory(username="sb1", role=Role.SAKSBEHANDLER))
        other.force_authenticate(UserFactory(username="sb2", role=Role.SAKSBEHANDLER))
        assert [one.get("/api/cases/").status_code for _ in range(3)] == [200] * 3
        assert one.get("/api/cases/").status_code == 429
        assert other.get("/api/cases/").status_code == 200
