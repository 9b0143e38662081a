#!/usr/bin/env bash
# The demo: SQLite, tasks in-process, the seeded Fjordvik kommune on http://127.0.0.1:8000/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
unset DATABASE_URL CELERY_BROKER_URL
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py seed_demo
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
