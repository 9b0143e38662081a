"""Fuzzing the API from its own OpenAPI schema (issue 12, part 6): schemathesis generates requests for every
operation of /api/schema/ and sends them to the Django app through WSGI, once as anonymous and once as the fagleder
(token), against the planted world of the access matrix (tests/access/world.py, on top of the demo kommune), so
detail routes hit real objects. No answer may be a server error, and every answer must conform to the schema
(documented status code, content type and body).

Bounded and deterministic: a few examples per operation (hypothesis `derandomize`, no example database), so the
whole run takes well under a minute and fails the same way every time.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client, override_settings
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.access.conftest import world  # noqa: F401 (the planted world, a module fixture)
from tests.access.matrix import MATRIX
from tests.access.world import FAGLEDER

CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance)
MAX_EXAMPLES = 2
UNLIMITED = {"anon": "100000/min", "user": "100000/min"}

# The URL keyword arguments of the access matrix name the schema's path parameters differently.
PARAMETER_NAMES = {"pk": "id"}


def _real_path_values(planted) -> dict[str, dict]:
    """For each schema path template with parameters, values that reach a planted object: taken from the first
    matrix variant whose kwargs, filled into the template, resolve to the matrix entry's own route."""
    found: dict[str, dict] = {}
    for route in MATRIX:
        for variant in route.variants:
            if not variant.kwargs:
                continue
            values = {PARAMETER_NAMES.get(k, k): (planted.ids[v[1:]] if str(v).startswith("@") else v)
                      for k, v in variant.kwargs.items() if k != "fmt"}
            found.setdefault(route.name, values)
    return found


def _with_real_objects(raw: dict, planted) -> dict:
    """The schema with each path parameter that can reach a planted object widened to also offer that object's
    value (explicitly, as the parameter's example, and among the generated values), so most generated requests
    hit a real object instead of a 404."""
    by_route = _real_path_values(planted)
    for path, operations in raw["paths"].items():
        params = [p for op in operations.values() if isinstance(op, dict) for p in op.get("parameters", [])
                  if p.get("in") == "path"]
        if not params:
            continue
        for values in by_route.values():
            url = path
            for name, value in values.items():
                url = url.replace(f"{{{name}}}", str(value))
            if "{" in url:
                continue
            try:
                match = resolve(url)
            except Resolver404:
                continue
            if match.url_name and any(r.name == match.url_name and by_route.get(r.name) is values for r in MATRIX):
                for param in params:
                    value = values[param["name"]]
                    param["example"] = value
                    param["schema"] = {"anyOf": [{"enum": [value]}, param["schema"]]}
                break
    return raw


@pytest.fixture
def api_schema(world, db):  # noqa: F811 (the imported fixture)
    raw = Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    return schemathesis.from_dict(_with_real_objects(raw, world), app=get_wsgi_application(),
                                  base_url="http://testserver")


@pytest.fixture
def fuzzing(world):  # noqa: F811
    """Throttles off (300 anonymous calls a minute would end the run), and the database connection kept open
    across requests: the WSGI handler closes it at the end of each request, which would end the world's
    transaction (Django's test client disconnects the same signal)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": UNLIMITED},
                               PUBLIC_FORM_RATE_LIMIT=100000):
            yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


schema = schemathesis.from_pytest_fixture("api_schema")

FUZZ_SETTINGS = hypothesis_settings(
    max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
    phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
)


def _call(case, headers=None):
    case.call_and_validate(headers={"Host": "testserver", **(headers or {})}, checks=CHECKS)


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_as_anonymous(case, fuzzing):
    _call(case)


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_as_fagleder(case, fuzzing, world):  # noqa: F811
    token, _ = Token.objects.get_or_create(user=world.users[FAGLEDER])
    _call(case, {"Authorization": f"Token {token.key}"})


def test_the_schema_offers_planted_objects(api_schema, world):  # noqa: F811
    """The fuzz reaches real objects: the detail routes' path parameters offer the planted ids."""
    raw = api_schema.raw_schema
    param = next(p for p in raw["paths"]["/api/cases/{id}/"]["get"]["parameters"] if p["name"] == "id")
    assert param["example"] in world.ids.values(), json.dumps(param)
