"""The planted world of the access matrix, built once per module (building it takes a few seconds)."""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings

from secretariat import celery_app

from .world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built inside one transaction that is rolled back after the module; each test runs in a savepoint
    inside it (pytest-django's `db`), so what a test's POSTs change never reaches the next test."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
                world = build_world()
            world.sessions = _log_in(world)
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _log_in(world) -> dict:
    """One session per user for the whole module; each test's clients reuse its cookie (a test that logs out
    deletes the session only inside its own savepoint)."""
    sessions = {}
    for key, user in [*world.users.items(), ("superuser", world.superuser)]:
        client = Client()
        client.force_login(user)
        sessions[key] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions
