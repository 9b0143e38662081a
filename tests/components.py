"""Real components the tests need (LibreOffice, Chromium, Radicale, an SMTP server, Redis for a Celery worker).

Locally a missing component skips the tests that need it, with the reason. In CI (CI=true, or
SAKSGANG_REQUIRE_COMPONENTS=1, which scripts/test.sh sets) it FAILS them: a suite that is green because its
LibreOffice or Chromium tests quietly skipped has not tested anything. Every component check goes through
`require_component`; tests never call pytest.skip/skipif/importorskip for a component themselves.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("SAKSGANG_CHROMIUM", "/usr/bin/chromium")
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
REDIS_URL = os.environ.get("SAKSGANG_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def components_required() -> bool:
    """True in CI: a missing component is a failure, not a skip."""
    ci = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
    return ci or os.environ.get("SAKSGANG_REQUIRE_COMPONENTS", "").strip() == "1"


def require_component(name: str, available: bool, why: str) -> None:
    """Skip the calling test when `name` is missing locally; fail it in CI. `why` says how to get it."""
    if available:
        return
    message = f"{name} mangler: {why}"
    if components_required():
        pytest.fail(f"{message} (CI / SAKSGANG_REQUIRE_COMPONENTS=1: en manglende komponent er en feil, ikke en skip)",
                    pytrace=False)
    pytest.skip(message)


def has_module(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


# --- one check per component, so every test asks the same question -------------------------------------

def require_libreoffice() -> None:
    from document_templates.pdf import soffice_path  # the same lookup the converter uses (SAKSGANG_SOFFICE or PATH)

    require_component("LibreOffice", soffice_path() is not None,
                      "soffice er ikke på PATH (scripts/test-deps.sh installerer libreoffice-writer-nogui)")


def require_chromium() -> None:
    require_component("Playwright", has_module("playwright"), "installer dev-avhengighetene (pip install -e .[dev])")
    require_component("Chromium", shutil.which(CHROMIUM) is not None or os.path.exists(CHROMIUM),
                      f"{CHROMIUM} finnes ikke (scripts/test-deps.sh installerer chromium, eller sett SAKSGANG_CHROMIUM)")


def require_axe() -> None:
    require_component("axe-core", AXE_JS.exists(), f"{AXE_JS} finnes ikke (scripts/test-deps.sh kjører npm install)")


def require_radicale() -> None:
    require_component("Radicale", has_module("radicale"), "installer dev-avhengighetene (pip install -e .[dev])")


def require_smtp_server() -> None:
    require_component("aiosmtpd", has_module("aiosmtpd"), "installer dev-avhengighetene (pip install -e .[dev])")


def redis_reachable(url: str = REDIS_URL) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping())
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError):  # exactly "Redis is missing"
        return False


def require_redis() -> None:
    require_component("Redis", redis_reachable(), f"ingen Redis på {REDIS_URL} (sett SAKSGANG_TEST_REDIS_URL)")
