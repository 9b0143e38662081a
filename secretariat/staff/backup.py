"""Backup and restore (issue 17, part 5): a consistent database dump plus the media files, with a manifest.

A backup directory holds
  database.dump     pg_dump's custom format (PostgreSQL; one transaction snapshot, so consistent), or
  database.sqlite3  a copy made with SQLite's online backup API (the demo);
  media.tar.gz      every file under MEDIA_ROOT (attachments, logos);
  manifest.json     what was written, with SHA-256 checksums, the migration state and row counts.

`restore` checks every checksum before it touches anything, and refuses a database that already holds
Saksgang tables unless told to replace it (`--force`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


class BackupError(Exception):
    """A clear, Norwegian reason the backup or restore stopped."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _db() -> dict:
    return settings.DATABASES["default"]


def _is_postgres() -> bool:
    return _db()["ENGINE"] == "django.db.backends.postgresql"


def _pg_env() -> dict:
    db = _db()
    env = {**os.environ, "PGDATABASE": db["NAME"], "PGUSER": db.get("USER") or "", "PGHOST": db.get("HOST") or "",
           "PGPORT": str(db.get("PORT") or "")}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return {k: v for k, v in env.items() if v != ""}


def _run(args: list[str], env: dict) -> None:
    if shutil.which(args[0]) is None:
        raise BackupError(f"Fant ikke programmet {args[0]} (PostgreSQL-klienten). Installer postgresql-client.")
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{args[0]} feilet: {result.stderr.strip()[:2000]}")


def row_counts() -> dict[str, int]:
    """Rows per Saksgang model (and the user table): what the restore is compared with."""
    counts = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        label = model._meta.label
        if label.split(".")[0] in {"admin", "sessions", "contenttypes"}:
            continue
        counts[label] = model._default_manager.count()
    return counts


def document_checksums() -> dict[str, str]:
    """Generated documents and templates are stored in the database; their checksums prove they came back."""
    from document_templates.models import DocumentTemplate, GeneratedDocument

    out = {f"generert/{pk}": checksum for pk, checksum in GeneratedDocument.objects.values_list("pk", "checksum")}
    out |= {f"mal/{pk}": checksum for pk, checksum in DocumentTemplate.objects.values_list("pk", "checksum")}
    return out


def _migration_state() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, MAX(name) FROM django_migrations GROUP BY app ORDER BY app")
        return dict(cursor.fetchall())


def backup(out: Path) -> dict:
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise BackupError(f"{out} finnes og er ikke tom. Velg en ny mappe for hver sikkerhetskopi.")
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {}
    if _is_postgres():
        dump = out / "database.dump"
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump)], _pg_env())
    else:
        dump = out / "database.sqlite3"
        source = sqlite3.connect(_db()["NAME"])
        target = sqlite3.connect(dump)
        with target:
            source.backup(target)
        source.close()
        target.close()
    files[dump.name] = sha256(dump)
    media_root = Path(settings.MEDIA_ROOT)
    media = out / "media.tar.gz"
    media_files = {}
    with tarfile.open(media, "w:gz") as tar:
        if media_root.exists():
            for path in sorted(p for p in media_root.rglob("*") if p.is_file()):
                rel = path.relative_to(media_root).as_posix()
                media_files[rel] = sha256(path)
                tar.add(path, arcname=rel)
    files[media.name] = sha256(media)
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "engine": "postgresql" if _is_postgres() else "sqlite",
        "files": files,
        "media": media_files,
        "migrations": _migration_state(),
        "counts": row_counts(),
        "documents": document_checksums(),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True))
    return manifest


def read_manifest(source: Path) -> dict:
    path = Path(source) / MANIFEST
    if not path.exists():
        raise BackupError(f"{source} har ingen {MANIFEST}: det er ikke en sikkerhetskopi fra Saksgang.")
    try:
        manifest = json.loads(path.read_text())
    except ValueError as exc:
        raise BackupError(f"{MANIFEST} kan ikke leses: {exc}") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Ukjent format {manifest.get('format')!r} i {MANIFEST}.")
    for name, checksum in manifest["files"].items():
        file = Path(source) / name
        if not file.exists():
            raise BackupError(f"{name} mangler i sikkerhetskopien.")
        if sha256(file) != checksum:
            raise BackupError(f"{name} er endret eller skadet (sjekksummen stemmer ikke). Gjenoppretter ikke.")
    return manifest


def database_is_empty() -> bool:
    return "django_migrations" not in connection.introspection.table_names()


def restore(source: Path, *, force: bool = False) -> dict:
    source = Path(source)
    manifest = read_manifest(source)
    engine = "postgresql" if _is_postgres() else "sqlite"
    if manifest["engine"] != engine:
        raise BackupError(f"Sikkerhetskopien er fra {manifest['engine']}, men databasen er {engine}.")
    if not database_is_empty() and not force:
        raise BackupError("Databasen er ikke tom. Gjenopprett til en ny, tom database, eller bruk --force for å "
                          "erstatte alt innholdet.")
    connection.close()
    if engine == "postgresql":
        args = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                "--dbname", _db()["NAME"]]
        if force:
            args[1:1] = ["--clean", "--if-exists"]
        _run([*args, str(source / "database.dump")], _pg_env())
    else:
        shutil.copyfile(source / "database.sqlite3", _db()["NAME"])
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / "media.tar.gz", "r:gz") as tar:
        tar.extractall(media_root, filter="data")  # "data": no absolute paths, no "..", no links out of the folder
    problems = []
    for rel, checksum in manifest["media"].items():
        path = media_root / rel
        if not path.exists() or sha256(path) != checksum:
            problems.append(rel)
    counts = row_counts()
    for label, count in manifest["counts"].items():
        if counts.get(label) != count:
            problems.append(f"{label}: {counts.get(label)} rader, ventet {count}")
    if document_checksums() != manifest["documents"]:
        problems.append("sjekksummene til dokumentene stemmer ikke")
    if problems:
        raise BackupError("Gjenopprettingen stemmer ikke med sikkerhetskopien: " + "; ".join(problems[:20]))
    return manifest
