"""The production shape (issue 17, part 4): compose, image, proxy, logs and error reports.

Docker is not available on these machines, so the compose file is checked as data (and against the Compose
schema in tests/test_project.py), while the parts that can run here run for real: Radicale with the deployed
configuration answering the compose health check, the JSON logs with their request id, and the Sentry client
posting an event to a local HTTP receiver (the real Sentry service cannot run here).
"""

from __future__ import annotations

import gzip
import http.server
import json
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
RAW_COMPOSE = (ROOT / "docker-compose.yml").read_text()


def test_every_long_running_service_has_a_health_check():
    missing = [name for name, svc in SERVICES.items() if name != "migrate" and "healthcheck" not in svc]
    assert missing == []
    assert "inspect ping" in " ".join(SERVICES["worker"]["healthcheck"]["test"])
    assert "PROPFIND" in " ".join(SERVICES["caldav"]["healthcheck"]["test"])


def test_web_worker_and_beat_wait_for_the_one_off_migration():
    assert SERVICES["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert SERVICES["migrate"]["restart"] == "no"
    for name in ("web", "worker", "beat"):
        assert SERVICES[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert "migrate" not in " ".join(SERVICES[name]["command"])


def test_no_default_secrets_and_required_settings_fail_with_a_message():
    for secret in ("SECRET_KEY", "POSTGRES_PASSWORD", "CALDAV_PASSWORD", "EMAIL_URL", "SAKSGANG_DOMAIN"):
        assert re.search(r"\$\{" + secret + r":-", RAW_COMPOSE) is None, f"{secret} has a default value"
        assert re.search(r"\$\{" + secret + r":\?Sett " + secret, RAW_COMPOSE), f"{secret} is not required"
    env = SERVICES["web"]["environment"]
    assert env["SAKSGANG_BASE_URL"].startswith("https://${SAKSGANG_DOMAIN")


def test_only_the_tls_proxy_is_published_and_radicale_stays_inside():
    published = {name for name, svc in SERVICES.items() if svc.get("ports")}
    assert published == {"proxy"}
    assert SERVICES["proxy"]["image"].startswith("caddy:")
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert "reverse_proxy web:8000" in caddyfile and "X-Request-ID" in caddyfile


def test_the_image_runs_as_an_unprivileged_user_with_pinned_dependencies():
    dockerfile = (ROOT / "Dockerfile").read_text()
    users = re.findall(r"^USER\s+(\S+)", dockerfile, flags=re.M)
    assert users and users[-1] not in ("root", "0")
    # gunicorn comes from pyproject.toml, not an unpinned `pip install gunicorn`.
    assert not re.search(r"pip install[^\n]*\bgunicorn\b", dockerfile)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert any(re.match(r"gunicorn>=[\d.]+,<\d+", dep) for dep in project["dependencies"])
    assert project["requires-python"] == ">=3.11"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_radicale_with_the_deployed_config_answers_the_compose_health_check(tmp_path):
    """The caldav service's own start command and health check, run against a real Radicale."""
    radicale = shutil.which("radicale", path=str(Path(sys.executable).parent))
    assert radicale, "radicale is a dev dependency (pyproject.toml)"
    port = _free_port()
    config = (ROOT / "deploy" / "radicale" / "config").read_text()
    config = config.replace("0.0.0.0:5232", f"127.0.0.1:{port}").replace("/data/", f"{tmp_path}/")
    (tmp_path / "config").write_text(config)
    env = {**os.environ, "CALDAV_USERNAME": "saksgang", "CALDAV_PASSWORD": "hemmelig-passord"}
    start = SERVICES["caldav"]["command"][2].replace("$$", "$").replace("/data/", f"{tmp_path}/")
    start = start.replace("exec radicale --config /config/config", "true")
    subprocess.run(["sh", "-c", start], env=env, check=True)
    server = subprocess.Popen([radicale, "--config", str(tmp_path / "config")], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        check = SERVICES["caldav"]["healthcheck"]["test"][1].replace("python3", sys.executable, 1)
        check = check.replace("127.0.0.1:5232", f"127.0.0.1:{port}")
        for _ in range(50):
            ok = subprocess.run(["sh", "-c", check], env=env, capture_output=True)
            if ok.returncode == 0:
                break
            time.sleep(0.1)
        assert ok.returncode == 0, ok.stderr.decode()[-500:]
        wrong = subprocess.run(["sh", "-c", check], env={**env, "CALDAV_PASSWORD": "feil"}, capture_output=True)
        assert wrong.returncode != 0  # the check is a real, authenticated request
    finally:
        server.terminate()
        server.wait(timeout=10)


# --- logs with a request id ---------------------------------------------------------------------------------


def test_each_response_carries_a_request_id_and_a_sane_incoming_one_is_kept(client, db):
    first = client.get("/healthz")
    assert re.fullmatch(r"[0-9a-f]{32}", first["X-Request-ID"])
    assert client.get("/healthz")["X-Request-ID"] != first["X-Request-ID"]
    assert client.get("/healthz", HTTP_X_REQUEST_ID="caddy-abc-123")["X-Request-ID"] == "caddy-abc-123"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="<script>\nx")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", forged)


def test_json_log_lines_carry_the_request_id(client, db, caplog):
    from secretariat.common.logs import JsonFormatter, RequestIdFilter

    with caplog.at_level(logging.INFO, logger="saksgang.request"):
        response = client.get("/innsyn/", HTTP_X_REQUEST_ID="req-42")
    records = [r for r in caplog.records if r.name == "saksgang.request"]
    assert records, "one access line per request"
    record = records[-1]
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "req-42" and line["status"] == response.status_code == 200
    assert line["path"] == "/innsyn/" and line["method"] == "GET" and line["level"] == "INFO"
    assert isinstance(line["duration_ms"], float)


def test_the_access_line_names_the_user_a_page_asked_for_and_loads_no_one_else(client, django_user_model,
                                                                               caplog):
    user = django_user_model.objects.create_user("logget")
    client.force_login(user)
    with caplog.at_level(logging.INFO, logger="saksgang.request"):
        client.get("/intern/")  # a staff page asks who the reader is
        client.get("/healthz")  # nothing asks: the log must not load the session and the user for it
    staff_line, health_line = [r for r in caplog.records if r.name == "saksgang.request"][-2:]
    assert staff_line.user_id == user.pk
    assert health_line.user_id is None


def test_production_logs_are_json_by_default():
    env = {**os.environ, "SAKSGANG_ENV": "production", "SECRET_KEY": "k" * 30 + "abcdefghijklmnopqrstu",
           "DATABASE_URL": "postgres://u@h/d", "ALLOWED_HOSTS": "example.no", "CELERY_BROKER_URL": "redis://h:6379/0",
           "SAKSGANG_BASE_URL": "https://example.no"}
    code = ("from django.conf import settings; import django; django.setup(); "
            "print(settings.LOG_FORMAT, settings.LOGGING['handlers']['console']['formatter'])")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE":
                                                                          "secretariat.settings"},
                            capture_output=True, text=True)
    assert result.stdout.split() == ["json", "json"], result.stderr[-2000:]


# --- optional error reports ---------------------------------------------------------------------------------


class _Receiver(http.server.BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).received.append((self.path, body))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def test_sentry_reports_an_error_without_personal_data_when_a_dsn_is_set():
    """A local HTTP receiver stands in for Sentry (the service cannot run here); the real sentry-sdk posts to it."""
    _Receiver.received = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        dsn = f"http://publickey@127.0.0.1:{server.server_address[1]}/7"
        code = ("import django; django.setup(); import sentry_sdk; "
                "sentry_sdk.capture_exception(RuntimeError('prøvefeil')); sentry_sdk.flush(5)")
        env = {**os.environ, "SENTRY_DSN": dsn, "DJANGO_SETTINGS_MODULE": "secretariat.settings"}
        result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == 0, result.stderr[-2000:]
    finally:
        server.shutdown()
    assert _Receiver.received, "the event reached the receiver"
    path, body = _Receiver.received[0]
    assert path == "/api/7/envelope/"
    if body[:2] == b"\x1f\x8b":  # the SDK compresses envelopes
        body = gzip.decompress(body)
    text = body.decode("utf-8", "replace")
    assert "prøvefeil" in text or "pr\\u00f8vefeil" in text
    assert '"send_default_pii":true' not in text.replace(" ", "")
