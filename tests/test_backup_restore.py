"""The backup drill (issue 17, part 5), on the real PostgreSQL with the real pg_dump/pg_restore: seed the demo
kommune, back it up, restore into a new, empty database, compare the counts and the document checksums, and log in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.helpers import admin_dsn, database_url

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _manage(db_url: str, media: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": db_url, "MEDIA_ROOT": str(media), "SAKSGANG_ENV": "development"}
    env.pop("CELERY_BROKER_URL", None)
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=300)
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.fixture
def databases_for_drill():
    if connection.vendor != "postgresql":
        pytest.fail("The backup drill runs on PostgreSQL (DATABASE_URL); scripts/test.sh always sets it.")
    template = connection.settings_dict["NAME"]  # the migrated, empty test database of this worker
    suffix = uuid.uuid4().hex[:8]
    source, target = f"saksgang_drill_src_{suffix}", f"saksgang_drill_dst_{suffix}"
    connection.close()
    migrate = False
    with psycopg.connect(admin_dsn(), autocommit=True) as admin:
        try:
            admin.execute(f'CREATE DATABASE "{source}" TEMPLATE "{template}"')
        except psycopg.errors.ObjectInUse:  # another thread of this test process still holds a connection to it
            admin.execute(f'CREATE DATABASE "{source}"')
            migrate = True
        admin.execute(f'CREATE DATABASE "{target}"')
    if migrate:
        _manage(database_url(source), Path("/nonexistent-media"), "migrate", "--noinput")
    try:
        yield database_url(source), database_url(target)
    finally:
        with psycopg.connect(admin_dsn(), autocommit=True) as admin:
            for name in (source, target):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_restore_drill(databases_for_drill, tmp_path):
    source, target = databases_for_drill
    media = tmp_path / "media"
    (media / "vedlegg" / "2026").mkdir(parents=True)
    (media / "vedlegg" / "2026" / "notat.txt").write_text("Et vedlegg som må komme tilbake.\n")
    _manage(source, media, "seed_demo")
    # A generated document stored in the database: its checksum must survive.
    _manage(source, media, "shell", "-c",
            "from document_templates import registry; "
            "from secretariat.meetings.models import Meeting; "
            "registry.generate('innkalling', Meeting.objects.order_by('pk').first(), public=True)")
    out = tmp_path / "backup"
    _manage(source, media, "backup", "--out", str(out))
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["cases.Case"] > 0 and manifest["counts"]["meetings.Meeting"] > 0
    assert manifest["documents"], "the drill needs at least one stored document"
    assert manifest["media"] == {"vedlegg/2026/notat.txt": manifest["media"]["vedlegg/2026/notat.txt"]}

    # A second backup into the same folder is refused: nothing is overwritten.
    again = _manage(source, media, "backup", "--out", str(out), check=False)
    assert again.returncode != 0 and "er ikke tom" in again.stderr

    restored_media = tmp_path / "restored-media"
    result = _manage(target, restored_media, "restore", str(out))
    assert "stemmer med manifesten" in result.stdout
    assert (restored_media / "vedlegg" / "2026" / "notat.txt").read_text() == "Et vedlegg som må komme tilbake.\n"

    # Compare counts and document checksums independently of the command's own check.
    script = ("import json; from secretariat.staff.backup import row_counts, document_checksums; "
              "print(json.dumps({'counts': row_counts(), 'documents': document_checksums()}))")
    after = json.loads(_manage(target, restored_media, "shell", "-c", script).stdout.strip().splitlines()[-1])
    assert after["counts"] == manifest["counts"]
    assert after["documents"] == manifest["documents"]

    # The restored service works: the fagleder logs in and opens her dashboard.
    login = ("from django.test import Client; c = Client(); "
             "assert c.login(username='fagleder', password='saksgang-demo'); "
             "r = c.get('/intern/'); print(r.status_code)")
    assert _manage(target, restored_media, "shell", "-c", login).stdout.strip().endswith("200")

    # Restoring over a database that is no longer empty is refused, and nothing changes.
    refused = _manage(target, restored_media, "restore", str(out), check=False)
    assert refused.returncode != 0 and "Databasen er ikke tom" in refused.stderr


def test_restore_refuses_a_damaged_backup(databases_for_drill, tmp_path):
    source, target = databases_for_drill
    media = tmp_path / "media"
    media.mkdir()
    out = tmp_path / "backup"
    _manage(source, media, "backup", "--out", str(out))
    with (out / "database.dump").open("ab") as fh:
        fh.write(b"tampered")
    result = _manage(target, tmp_path / "m2", "restore", str(out), check=False)
    assert result.returncode != 0 and "sjekksummen stemmer ikke" in result.stderr
    # The target was not touched: still empty.
    with psycopg.connect(target.replace("postgres://", "postgresql://")) as conn:
        tables = conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").fetchone()
    assert tables[0] == 0
