"""Faults with real components (issue 17, part 6).

- Redis down: a private redis-server (not the machine's shared one) is stopped under the service; requests are still
  served, the task waits in the outbox, and it is delivered (a real worker, real SMTP) when Redis is back.
- PostgreSQL restarted: the machine's PostgreSQL is shared and cannot be restarted here, so a restart is reproduced
  as its clients see it: every server connection of the service is terminated (pg_terminate_backend), repeatedly,
  while a real gunicorn serves concurrent requests. Errors are clean, and the service recovers by itself.
- A worker process killed mid-task: the task goes back to the queue and runs again, once more, idempotently.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from secretariat.celery import app as celery_app
from secretariat.outbox.models import OutboxMessage

from .conftest import _reset_celery_connections, free_port
from .helpers import admin_dsn, database_url, new_case

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


class PrivateRedis:
    def __init__(self):
        self.binary = shutil.which("redis-server")
        assert self.binary, "redis-server (Debian's redis package) runs beside the tests"
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen([self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                         "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                import redis

                redis.Redis.from_url(self.url).ping()
                return
            except Exception:  # noqa: BLE001
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def private_broker(settings):
    redis = PrivateRedis()
    redis.start()
    celery_app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.broker_url = redis.url
    celery_app.conf.result_backend = None
    celery_app.conf.broker_connection_retry = False
    celery_app.conf.broker_connection_max_retries = 0
    _reset_celery_connections()
    try:
        yield redis
    finally:
        redis.stop()
        celery_app.conf.task_always_eager = True
        _reset_celery_connections()


def test_redis_down_requests_are_served_and_the_task_is_delivered_when_it_returns(
        private_broker, smtp_server, client, formannskapet, saksbehandler, kommunedirektor, tmp_path):
    case = new_case(organization=formannskapet, officer=saksbehandler, title="Ny brannstasjon")
    private_broker.stop()  # Redis goes down

    client.force_login(saksbehandler)
    started = time.monotonic()
    response = client.post(f"/api/cases/{case.pk}/transitions/", {"transition": "submit", "comment": "Klar."},
                           content_type="application/json")
    assert response.status_code == 200, response.content
    assert time.monotonic() - started < 10, "the request must not hang on the broker"
    case.refresh_from_db()
    assert case.state != "utredning"  # the step itself is saved
    waiting = list(OutboxMessage.objects.all())
    assert [m.task for m in waiting] == ["secretariat.cases.tasks.notify_case_step"]
    assert waiting[0].attempts == 1 and waiting[0].last_error
    assert client.get("/innsyn/").status_code == 200  # the public portal is served meanwhile

    private_broker.start()  # Redis is back (empty: it kept nothing)
    # A real worker process starts: it relays what waited (signals.relay_on_start; beat does it every minute too),
    # takes the task from Redis and sends the e-mail over SMTP.
    env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": private_broker.url,
           "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}"}
    worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "secretariat", "worker", "--pool", "solo",
                               "--without-mingle", "--without-gossip", "--loglevel", "WARNING"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=(tmp_path / "worker.log").open("wb"))
    try:
        smtp_server.wait_for(1, to=kommunedirektor.email, timeout=60)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    [message] = smtp_server.to(kommunedirektor.email)
    assert "Ny brannstasjon" in message.get_content()
    assert OutboxMessage.objects.count() == 0


def test_the_relay_command_sends_what_waited(private_broker, formannskapet, saksbehandler):
    from secretariat.cases.services import case_transition

    case = new_case(organization=formannskapet, officer=saksbehandler)
    private_broker.stop()
    case_transition(case=case, name="submit", actor=saksbehandler, comment="Klar.")
    assert OutboxMessage.objects.count() == 1
    out = subprocess.run([sys.executable, "manage.py", "relay_outbox"], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": private_broker.url})
    assert "Sendt 0 jobber; 1 venter fortsatt." in out.stdout, out.stderr[-2000:]
    private_broker.start()
    out = subprocess.run([sys.executable, "manage.py", "relay_outbox"], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": private_broker.url})
    assert "Sendt 1 jobber; 0 venter fortsatt." in out.stdout, out.stderr[-2000:]
    import redis

    assert redis.Redis.from_url(private_broker.url).llen("celery") == 1  # on the queue for a worker


# --- PostgreSQL connections dropped under load ------------------------------------------------------------


def test_postgres_connections_dropped_under_load_give_clean_errors_then_recovery(db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.fail("runs on PostgreSQL (scripts/test.sh sets DATABASE_URL)")
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    assert gunicorn, "gunicorn is a dependency (pyproject.toml)"
    port = free_port()
    name = connection.settings_dict["NAME"]
    app_name = f"saksgang-fault-{port}"
    env = {**os.environ, "DATABASE_URL": database_url() + f"?application_name={app_name}", "CONN_MAX_AGE": "60",
           "DEBUG": "0"}
    env.pop("CELERY_BROKER_URL", None)
    server = subprocess.Popen([gunicorn, "secretariat.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers",
                               "2", "--threads", "2", "--timeout", "30"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=(tmp_path / "gunicorn.log").open("wb"))
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/healthz"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url, timeout=5)
                break
            except OSError:  # not listening yet / still booting
                time.sleep(0.1)
        results: list[tuple[int, bytes]] = []
        stop = threading.Event()

        def load(path):
            while not stop.is_set():
                try:
                    with urllib.request.urlopen(base + path, timeout=30) as r:
                        results.append((path, r.status, r.read()))
                except urllib.error.HTTPError as e:
                    results.append((path, e.code, e.read()))

        threads = [threading.Thread(target=load, args=(path,)) for path in ("/healthz", "/innsyn/") * 2]
        for t in threads:
            t.start()
        admin = psycopg.connect(admin_dsn(), autocommit=True)
        killed = 0
        for _ in range(5):  # "restart" five times under load
            time.sleep(0.3)
            killed += admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                    "WHERE datname = %s AND application_name = %s", (name, app_name)).fetchone()[0]
        deadline = time.monotonic() + 30
        while len(results) < 20 and time.monotonic() < deadline:  # a loaded machine serves slowly
            time.sleep(0.2)
        stop.set()
        for t in threads:
            t.join(timeout=20)
        admin.close()
        assert killed >= 1, "the service held persistent connections to drop"
        assert len(results) >= 20
        for path, status, body in results:
            if path == "/healthz":
                assert status in (200, 503), status
                assert b'"status"' in body and b"Traceback" not in body
            else:  # a page whose connection died mid-request gets the Norwegian error page, nothing internal
                assert status in (200, 500), status
                if status == 500:
                    assert b"Noe gikk galt" in body or b"feil" in body
                    assert b"Traceback" not in body and b"psycopg" not in body
        # Recovery without restarting the web: the next requests all answer 200.
        after = [urllib.request.urlopen(base + path, timeout=30).status for path in ("/healthz", "/innsyn/") * 5]
        assert after == [200] * 10
        assert server.poll() is None, "gunicorn is still the same process"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)


# --- a worker process killed mid-task --------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def test_a_worker_process_killed_mid_task_runs_the_task_again_idempotently(private_broker, libreoffice, formannskapet,
                                                                          saksbehandler, tmp_path):
    """A PDF conversion (LibreOffice, seconds long) is killed with SIGKILL in the middle; acks_late and
    reject_on_worker_lost put it back on the queue, a new pool process converts it, and running it once more changes
    nothing."""
    from document_templates import registry
    from document_templates.models import GeneratedDocument
    from document_templates.tasks import convert_to_pdf

    case = new_case(organization=formannskapet, officer=saksbehandler, title="Ny brannstasjon")
    doc = registry.generate("saksframlegg", case)
    assert not doc.pdf
    log = tmp_path / "worker.log"
    env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": private_broker.url}
    worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "secretariat", "worker", "--pool", "prefork",
                               "--concurrency", "1", "--without-mingle", "--without-gossip", "--loglevel", "INFO",
                               "-Q", celery_app.conf.task_default_queue],  # this test process's queue (conftest)
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"))
    try:
        convert_to_pdf.apply_async(args=[doc.pk], retry=False)
        # Wait until the pool process is converting (LibreOffice runs as its child), then kill the pool process.
        victim = None
        deadline = time.monotonic() + 90
        while victim is None and time.monotonic() < deadline:
            for child in _children(worker.pid):
                if _children(child):
                    victim = child
                    break
            time.sleep(0.05)
        assert victim, log.read_text(errors="replace")[-3000:]
        grandchildren = _children(victim)
        os.kill(victim, signal.SIGKILL)
        for pid in grandchildren:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            doc.refresh_from_db()
            if doc.pdf:
                break
            time.sleep(0.2)
        assert doc.pdf, "the task ran again after its process was killed"
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    text = log.read_text(errors="replace")
    assert "SIGKILL" in text or "WorkerLostError" in text, text[-3000:]
    assert bytes(doc.pdf).startswith(b"%PDF")
    first = (doc.pdf_checksum, doc.pdf_created_at)
    # Idempotent: the same task once more (e.g. a duplicate delivery) leaves the stored PDF as it is.
    convert_to_pdf.apply(args=[doc.pk])
    doc = GeneratedDocument.objects.get(pk=doc.pk)
    assert (doc.pdf_checksum, doc.pdf_created_at) == first
