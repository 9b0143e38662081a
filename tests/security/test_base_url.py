"""Issue 13: e-mail and .ics links pointed at 127.0.0.1, because SAKSGANG_BASE_URL was undocumented and not
required in production. Production now refuses to start without a usable public address (the links themselves:
tests/secretariat/meetings/test_base_url_links.py)."""

import subprocess
import sys

import pytest

from .test_headers_and_production import ROOT, production_env, run_in_production

BASE = "https://politikk.fjordvik.no"


def _check(**env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=production_env(**env),
                          capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_the_base_url():
    env = production_env()
    del env["SAKSGANG_BASE_URL"]
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0
    assert "Miljøvariabelen SAKSGANG_BASE_URL mangler" in result.stderr
    assert result.stderr.count("SAKSGANG_BASE_URL mangler") == 1


@pytest.mark.parametrize("url, why", [
    ("http://127.0.0.1:8000", "peker på denne maskinen"),
    ("https://localhost", "peker på denne maskinen"),
    ("politikk.fjordvik.no", "http:// eller https://"),
    ("ftp://politikk.fjordvik.no", "http:// eller https://"),
])
def test_production_refuses_a_base_url_nobody_else_can_open(url, why):
    result = _check(SAKSGANG_BASE_URL=url)
    assert result.returncode != 0
    assert f"SAKSGANG_BASE_URL «{url}» kan ikke brukes" in result.stderr and why in result.stderr


def test_production_takes_a_public_base_url():
    out = run_in_production("from django.conf import settings; print('RESULT', settings.SAKSGANG_BASE_URL)",
                            SAKSGANG_BASE_URL=BASE + "/")
    assert out.returncode == 0, out.stderr
    assert f"RESULT {BASE}\n" in out.stdout


def test_the_docker_compose_file_requires_it():
    import yaml

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    for name in ("web", "worker", "beat"):
        value = str(compose["services"][name]["environment"]["SAKSGANG_BASE_URL"])
        assert ":?" in value, f"{name}: SAKSGANG_BASE_URL must be required (${{…:?message}}), not defaulted"
