"""Headers and production settings (issue 12, part 3): CSP everywhere, HSTS and the HTTPS redirect behind the proxy,
a clean `check --deploy`, no weak SECRET_KEY, a /healthz that tells nothing, API docs behind log-in by a setting."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE_DIRS = [ROOT / "secretariat", ROOT / "calendars", ROOT / "document_templates"]


def production_env(**overrides) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "SAKSGANG_API_DOCS"))}
    env.update({
        "SAKSGANG_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres",
        "ALLOWED_HOSTS": "saksgang.example.no",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "SAKSGANG_BASE_URL": "https://saksgang.example.no",
        "DEBUG": "0",
    })
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' Playwright fixture, never in production
    env.update(overrides)
    return env


def run_in_production(code: str, **env) -> subprocess.CompletedProcess:
    setup = "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'secretariat.settings'); django.setup()\n"
    return subprocess.run([sys.executable, "-c", setup + code], cwd=ROOT, env=production_env(**env),
                          capture_output=True, text=True, timeout=120)


# --- production mode, in a process of its own -------------------------------------------------------------------

def test_check_deploy_is_clean_in_production_mode():
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                            env=production_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("key", ["short", "x" * 60, "dev-only-not-secret-saksgang", "django-insecure-" + "k" * 50,
                                 "ab" * 30])
def test_production_refuses_a_weak_secret_key_with_one_clear_message(key):
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=production_env(SECRET_KEY=key),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "SECRET_KEY er for svak for produksjon" in result.stderr
    assert result.stderr.count("SECRET_KEY er for svak") == 1


REQUEST = """
import json
from django.test import Client
c = Client(SERVER_NAME="saksgang.example.no")
out = {}
r = c.get("/healthz", HTTP_X_FORWARDED_PROTO="https", secure=False)
out["https"] = {"status": r.status_code, "headers": dict(r.headers), "body": r.content.decode()}
r = c.get("/innsyn/")
out["http"] = {"status": r.status_code, "location": r.headers.get("Location", "")}
r = c.get("/healthz")
out["http_healthz"] = {"status": r.status_code}
print("RESULT" + json.dumps(out))
"""


def _result(proc) -> dict:
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT")), None)
    assert line, proc.stdout + proc.stderr
    return json.loads(line[len("RESULT"):])


def test_https_through_the_proxy_gets_csp_hsts_and_the_other_headers():
    out = _result(run_in_production(REQUEST))
    https = out["https"]
    assert https["status"] == 200, https
    headers = {k.lower(): v for k, v in https["headers"].items()}
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["x-content-type-options"] == "nosniff"
    assert "camera=()" in headers["permissions-policy"] and "geolocation=()" in headers["permissions-policy"]
    assert headers["x-frame-options"] == "DENY"


def test_plain_http_is_sent_to_https_except_the_health_check():
    out = _result(run_in_production(REQUEST))
    assert out["http"]["status"] == 301 and out["http"]["location"] == "https://saksgang.example.no/innsyn/"
    assert out["http_healthz"]["status"] == 200  # the container's health check speaks HTTP on the inside


def test_production_cookies_are_secure():
    out = run_in_production("from django.conf import settings as s; print('RESULT' + __import__('json').dumps("
                            "[s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
                            "s.SECURE_PROXY_SSL_HEADER]))")
    assert _result(out) == [True, True, True, ["HTTP_X_FORWARDED_PROTO", "https"]]


def test_healthz_tells_nothing_when_the_database_is_down():
    out = _result(run_in_production(REQUEST, DATABASE_URL="postgres://geheim-bruker@127.0.0.1:1/hemmelig_db"))
    https = out["https"]
    assert https["status"] == 503
    assert json.loads(https["body"]) == {"status": "error"}
    for leak in ("127.0.0.1", ":1", "geheim", "hemmelig", "postgres", "connection"):
        assert leak not in https["body"]


# --- in the test process ----------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_healthz_says_ok_and_nothing_else(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


@pytest.mark.django_db
def test_every_page_carries_the_csp_without_inline_allowances(client):
    r = client.get("/innsyn/")
    assert r.status_code == 200
    csp = r["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert r["Permissions-Policy"] and r["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.django_db
def test_the_api_docs_are_open_by_default(client):
    assert client.get("/api/schema/").status_code == 200
    r = client.get("/api/schema/swagger/")
    assert r.status_code == 200
    # Swagger UI's own inline init script and style carry the nonce of the header; its CDN is allowed on this page.
    nonce = re.search(r"'nonce-([^']+)'", r["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">' in r.content.decode() and f'<style nonce="{nonce}">' in r.content.decode()
    assert "https://cdn.jsdelivr.net" in r["Content-Security-Policy"]
    assert "cdn.jsdelivr.net" not in client.get("/innsyn/")["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_api_docs_can_be_put_behind_log_in(client, settings, saksbehandler):
    settings.SAKSGANG_API_DOCS_PUBLIC = False
    for path in ("/api/schema/", "/api/schema/swagger/"):
        assert client.get(path).status_code in (401, 403), path
    client.force_login(saksbehandler)
    for path in ("/api/schema/", "/api/schema/swagger/"):
        assert client.get(path).status_code == 200, path


# --- the templates themselves -----------------------------------------------------------------------------------

INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I),
     "inline <script> without src or nonce"),
    (re.compile(r"<style(?![^>]*\bnonce=)[^>]*>", re.I), "inline <style> without nonce"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "on…= event handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_no_template_has_inline_script_or_style():
    found = []
    for base in TEMPLATE_DIRS:
        for template in base.rglob("templates/**/*.html"):
            text = template.read_text(encoding="utf-8")
            for pattern, what in INLINE:
                for m in pattern.finditer(text):
                    line = text.count("\n", 0, m.start()) + 1
                    found.append(f"{template.relative_to(ROOT)}:{line}: {what}")
    assert not found, "The CSP blocks these; move them to a static file:\n" + "\n".join(found)
