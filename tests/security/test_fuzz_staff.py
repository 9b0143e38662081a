"""Fuzzing every staff POST route (issue 12, part 6): each POST the access matrix lets the fagleder make
(tests/access/matrix.py, outcome POSTED, staff pages and the API alike) is sent a handful of bad bodies, as the
fagleder, against the planted world (tests/access/world.py): nothing, wrong types, NUL bytes, huge values. Every
answer may be a refusal or a success; none may be a server error.

The field names are every name the views read from a form or a JSON body (harvested from the source), and every
field of every Django form of the project (the staff pages read their input only through forms), plus the names a
form builds per object (a pool's `size-<id>`), so a bad value reaches each parser whichever route it is.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from tests.access.conftest import world  # noqa: F401 (the planted world, a module fixture)
from tests.access.matrix import MATRIX, POSTED
from tests.access.world import FAGLEDER

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*ROOT.glob("secretariat/**/*.py"), *ROOT.glob("calendars/**/*.py"), *ROOT.glob("document_templates/**/*.py")]
FIELD_READ = re.compile(r"""(?:POST|data|cleaned_data|GET)(?:\.get|\.getlist)?\(\s*["']([a-z_]+)["']""")


def _form_field_names() -> set[str]:
    """The fields of every form class defined in the project's forms modules."""
    from django import forms

    names = set()
    for path in SOURCES:
        if path.name != "forms.py":
            continue
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, forms.BaseForm)
                    and value.__module__ == module.__name__):
                names.update(value.base_fields)
    return names


def _field_names() -> list[str]:
    names = set()
    for path in SOURCES:
        if "/migrations/" in str(path) or "/tests/" in str(path):
            continue
        names.update(FIELD_READ.findall(path.read_text(encoding="utf-8")))
    names |= {"transition", "expected_state", "comment", "title", "text", "reason"}
    names |= _form_field_names()
    return sorted(names)


def _per_object_fields() -> list[str]:
    """Field names a form builds from the objects on the page (PoolSizesForm: one `size-<pool id>` per pool)."""
    from secretariat.appointments.models import Pool

    return [f"size-{pk}" for pk in Pool.objects.values_list("pk", flat=True)]


FIELDS = _field_names()
assert {"outcome", "attempt", "delete", "done_on", "evaluation_notes", "exempt_basis", "pool"} <= set(FIELDS), FIELDS
HUGE_NUMBER = "9" * 40
HUGE_TEXT = "Å" * 100_000
ODD_VALUES = ["-1", "0", "1.5", "31.02.2026", "true", "2026-13-45", "25:99", "[]"]


def _bodies(fields=FIELDS) -> dict[str, dict]:
    return {
        "missing-fields": {},
        "wrong-types": {name: "ikke-et-tall" for name in fields},
        "negative-and-odd": {name: ODD_VALUES[i % len(ODD_VALUES)] for i, name in enumerate(fields)},
        "huge-numbers": {name: HUGE_NUMBER for name in fields},
        "huge-text": {name: HUGE_TEXT for name in fields},
    }


# The JSON bodies of the API add what a form cannot send: lists, objects, nulls and booleans where a value is
# expected.
def _json_bodies() -> dict[str, dict]:
    return {
        **_bodies(),
        "json-lists": {name: [1, "x"] for name in FIELDS},
        "json-objects": {name: {"a": 1} for name in FIELDS},
        "json-null": {name: None for name in FIELDS},
        "json-bool": {name: True for name in FIELDS},
        "json-huge-int": {name: 10**40 for name in FIELDS},
    }


# NUL bytes: every request's values pass the one control-character rule (secretariat/common/validators.py).
NUL_BODY = {name: "før\x00etter" for name in FIELDS}
# Bodies that are not a JSON object at all, sent as they are (secretariat/api/parsers.py answers 400).
RAW_API_BODIES = {"raw-list": "[1, 2]", "raw-string": '"x"', "raw-null": "null", "raw-deep": "[" * 100_000 + "]" * 100_000}


def _posts():
    for route in MATRIX:
        for variant in route.variants:
            if variant.method == "POST" and variant.access.get(FAGLEDER) == POSTED:
                yield pytest.param(route.name, variant, id=f"{route.name}[{variant.label}]")


UNLIMITED = {"anon": "100000/min", "user": "100000/min"}


@pytest.mark.parametrize(("name", "variant"), list(_posts()))
def test_bad_bodies_never_give_a_server_error(name, variant, world, db):  # noqa: F811 (the imported fixture)
    kwargs = {k: (world.ids[v[1:]] if isinstance(v, str) and v.startswith("@") else v)
              for k, v in variant.kwargs.items()}
    url = reverse(name, kwargs=kwargs or None) + variant.query
    api = url.startswith("/api/")
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[FAGLEDER]
    bodies = _json_bodies() if api else _bodies([*FIELDS, *_per_object_fields()])
    bodies["nul-bytes"] = NUL_BODY
    if api:
        bodies.update(RAW_API_BODIES)
    errors = []
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": UNLIMITED},
                           PUBLIC_FORM_RATE_LIMIT=100000):
        for label, body in bodies.items():
            try:
                # A savepoint per body: a request that breaks the transaction must not fail the next ones.
                with transaction.atomic(), TestCase.captureOnCommitCallbacks(execute=True):
                    if api:
                        raw = body if isinstance(body, str) else json.dumps(body)
                        response = client.post(url, raw, content_type="application/json")
                    else:
                        response = client.post(url, body)
            except Exception as exc:  # the test client re-raises the view's exception: report it with the body
                errors.append(f"{label}: {type(exc).__name__}: {str(exc)[:300]}")
                continue
            if response.status_code >= 500:
                errors.append(f"{label}: {response.status_code}")
    assert not errors, f"POST {url}:\n" + "\n".join(errors)


# --- what the fuzz found -------------------------------------------------------------------------------------


def test_a_huge_pool_size_is_refused_not_a_server_error(world, db):  # noqa: F811
    """Found by the fuzz: a pool size beyond the small-integer column gave a database error (500)."""
    from secretariat.appointments.models import Pool

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[FAGLEDER]
    round_id = world.ids["round_open"]
    response = client.post(reverse("appointments:pool_add", kwargs={"pk": round_id}),
                           {"name": "Stemmestyre Fuzz", "size": HUGE_NUMBER})
    assert response.status_code == 302
    assert not Pool.objects.filter(name="Stemmestyre Fuzz").exists()
    response = client.post(reverse("appointments:pool_add", kwargs={"pk": round_id}),
                           {"name": "Stemmestyre Fuzz", "size": "12"})
    assert Pool.objects.filter(name="Stemmestyre Fuzz", size=12).exists()
    pool = Pool.objects.get(name="Stemmestyre Fuzz")
    response = client.post(f"/api/appointment-rounds/{round_id}/pool-sizes/",
                           {"sizes": {str(pool.pk): 10**6}}, content_type="application/json")
    assert response.status_code == 400, response.content
    assert "sizes" in response.json()["errors"]
    pool.refresh_from_db()
    assert pool.size == 12
