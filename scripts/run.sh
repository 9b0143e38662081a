#!/usr/bin/env bash
# The demo: SQLite, tasks in-process, the seeded Fjordvik kommune on http://127.0.0.1:8000/
# One process serves the pages and the live meeting's websockets (uvicorn, ASGI; the in-memory channel layer).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
unset DATABASE_URL CELERY_BROKER_URL
.venv/bin/python manage.py migrate --noinput
# The kommune's archive (issue 14): the folder exchange; `manage.py archive_simulator --dir var/arkiv` answers.
# SAKSGANG_ARCHIVE_EXCHANGE_DIR= (empty) runs the demo without an archive (arkivsaksnummer typed by hand).
export SAKSGANG_ARCHIVE_EXCHANGE_DIR="${SAKSGANG_ARCHIVE_EXCHANGE_DIR-var/arkiv}"
.venv/bin/python manage.py seed_demo
exec .venv/bin/python -m uvicorn secretariat.asgi:application --host 127.0.0.1 --port 8000 --ws websockets-sansio
