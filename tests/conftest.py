import datetime as dt
import os

import pytest
from django.core.cache import cache
from django.utils import timezone

from secretariat import celery_app
from secretariat.accounts.roles import Role
from secretariat.organizations.models import OrganizationType

from .components import REDIS_URL, require_libreoffice, require_redis, require_smtp_server
from .factories import BodyFactory, OrganizationFactory, UserFactory

pytest_plugins = ["tests.browser_support"]


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: runs in a real headless Chromium (Playwright)")
    # PBKDF2 with Django's default iteration count costs ~0.3 s per set_password/login; every user fixture pays it.
    # Under pytest only (each xdist worker runs this too), a fast hasher: measured, the suite runs ~3x faster.
    # Production settings keep the real hashers; no test relies on the hash algorithm.
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# One queue per test process (xdist worker), so parallel runs never take each other's tasks.
celery_app.conf.task_default_queue = f"saksgang-test-{os.getpid()}"


@pytest.fixture(autouse=True)
def _celery_in_process(settings):
    """Tasks run in-process unless a test starts a real worker (see the `celery_worker` fixture)."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the API throttles and the public forms' rate limit count there, and
    one test's calls must not use up the next one's allowance."""
    cache.clear()
    yield


@pytest.fixture
def body(db):
    return BodyFactory()


@pytest.fixture
def kommunestyret(body):
    return OrganizationFactory(body=body, name="Kommunestyret", slug="kommunestyret",
                               organization_type=OrganizationType.KOMMUNESTYRE, seats=27)


@pytest.fixture
def formannskapet(body, kommunestyret):
    return OrganizationFactory(body=body, name="Formannskapet", slug="formannskapet",
                               organization_type=OrganizationType.FORMANNSKAP, seats=7,
                               next_organization=kommunestyret)


@pytest.fixture
def fagleder(db):
    return UserFactory(username="fagleder", first_name="Kari", last_name="Nordvik", role=Role.FAGLEDER)


@pytest.fixture
def saksbehandler(db):
    return UserFactory(username="saksbehandler", first_name="Ola", last_name="Bergstrøm", role=Role.SAKSBEHANDLER)


@pytest.fixture
def other_saksbehandler(db):
    return UserFactory(username="saksbehandler2", role=Role.SAKSBEHANDLER)


@pytest.fixture
def kommunedirektor(db):
    return UserFactory(username="kommunedirektor", first_name="Trine", last_name="Aalvik",
                       role=Role.KOMMUNEDIREKTOR)


@pytest.fixture
def folkevalgt(db):
    return UserFactory(username="folkevalgt", role=Role.FOLKEVALGT)


@pytest.fixture
def future_meeting_start():
    return timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=30), dt.time(18, 0)))


@pytest.fixture
def libreoffice():
    """For tests that convert with LibreOffice (PDF): skipped locally without soffice, a failure in CI."""
    require_libreoffice()


# --- real servers on loopback, shared by every app's tests -------------------------------------------

def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SMTPInbox:
    """A real SMTP server (aiosmtpd) on 127.0.0.1; `messages` holds what it received, parsed."""

    def __init__(self):
        import email

        from aiosmtpd.controller import Controller

        inbox = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
                msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
                # One append of the pair: a reader in the test thread never sees a message without its envelope.
                inbox._received.append((msg, (envelope.mail_from, list(envelope.rcpt_tos))))
                return "250 OK"

        self._received = []
        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    @property
    def messages(self) -> list:
        return [msg for msg, _ in list(self._received)]

    @property
    def envelopes(self) -> list:
        return [envelope for _, envelope in list(self._received)]

    def to(self, address: str) -> list:
        return [msg for msg, (_, rcpts) in list(self._received) if address in rcpts]

    def matching(self, *, subject: str | tuple[str, ...] | None = None, to: str | None = None) -> list:
        """The received messages whose subject starts with `subject` (one of them) and that went to `to`."""
        prefixes = (subject,) if isinstance(subject, str) else subject
        return [msg for msg, (_, rcpts) in list(self._received)
                if (prefixes is None or str(msg["Subject"]).strip().startswith(prefixes))
                and (to is None or to in rcpts)]

    def wait_for(self, count: int, *, subject: str | tuple[str, ...] | None = None, to: str | None = None,
                 timeout: float = 15.0) -> list:
        """Wait until at least `count` matching messages have arrived and return them. FAILS the test when they
        have not arrived within `timeout`: other mail (e.g. the case notifications of the fixtures) arrives at the
        same server, so wait for the messages the test is about (`subject`, `to`), never for a total."""
        import time

        deadline = time.monotonic() + timeout
        while len(found := self.matching(subject=subject, to=to)) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(found) >= count, (
            f"SMTP-serveren fikk {len(found)} av {count} forventede e-poster (emne {subject!r}, til {to!r}) innen "
            f"{timeout} s. Mottatt: {[(str(m['Subject']), e[1]) for m, e in list(self._received)]}")
        return found

    def stop(self):
        self.controller.stop()


@pytest.fixture
def smtp_server(settings):
    require_smtp_server()
    inbox = SMTPInbox()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = inbox.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    inbox.stop()


@pytest.fixture
def celery_worker(settings):
    """A real Celery worker (in a thread) consuming from the local Redis. Use with transactional tests:
    @pytest.mark.django_db(transaction=True), so the worker sees committed rows."""
    from celery.contrib.testing.worker import start_worker

    require_redis()  # skipped locally without Redis, a failure in CI
    broker = REDIS_URL
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = broker
    celery_app.conf.result_backend = None
    _reset_celery_connections()
    with celery_app.connection_for_write() as conn:  # start from an empty queue
        conn.default_channel.queue_purge(celery_app.conf.task_default_queue)
    with start_worker(celery_app, pool="threads", concurrency=2, perform_ping_check=False,
                      shutdown_timeout=10) as worker:
        yield worker
    celery_app.conf.task_always_eager = True
    _reset_celery_connections()


def _reset_celery_connections():
    """Drop pooled broker connections so the next user connects to the broker configured now."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None
    from kombu import pools

    pools.reset()
