"""The repository's stable interfaces (CONTRACTS.md): compose file, health check, settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
# A copy kept in the repository (reference/README.md: source and licence), so a clone anywhere passes.
SCHEMA = ROOT / "reference" / "compose-spec.schema.json"


def test_docker_compose_is_valid_against_the_compose_spec():
    assert SCHEMA.exists(), f"the Compose schema is expected at {SCHEMA}"
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    jsonschema.validate(compose, json.loads(SCHEMA.read_text()))
    assert {"db", "redis", "web", "worker", "beat", "caldav"} <= set(compose["services"])


def test_healthz_answers_ok_when_the_database_answers(client, db):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "CELERY_BROKER_URL",
                                     "SAKSGANG_BASE_URL"])
def test_production_refuses_to_start_without_a_required_setting(missing):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS",
                                                             "CELERY_BROKER_URL", "SAKSGANG_BASE_URL")}
    env.update({"SAKSGANG_ENV": "production", "SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://u@h/d",
                "ALLOWED_HOSTS": "example.no", "CELERY_BROKER_URL": "redis://h:6379/0",
                "SAKSGANG_BASE_URL": "https://example.no"})
    del env[missing]
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                            text=True)
    assert result.returncode != 0
    assert f"Miljøvariabelen {missing} mangler" in result.stderr


def test_readme_shows_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "\n## Run\n" in readme and "\n## Test\n" in readme
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_the_workflow_diagrams_in_the_readme_are_generated_from_the_code(db):
    from workflows.diagram import replace_in

    readme = (ROOT / "README.md").read_text()
    assert replace_in(readme) == readme, "run: python manage.py workflow_diagram --write"
