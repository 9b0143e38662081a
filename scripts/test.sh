#!/usr/bin/env bash
# The whole suite against PostgreSQL (and the local Redis for task tests). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/test-deps.sh
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/saksgang_test}
export SAKSGANG_TEST_REDIS_URL=${SAKSGANG_TEST_REDIS_URL:-redis://127.0.0.1:6379/15}
unset CELERY_BROKER_URL
# test-deps.sh has just installed LibreOffice, Chromium and axe-core: a test that needs a missing component fails
# here instead of skipping (tests/components.py). CI=true does the same.
export SAKSGANG_REQUIRE_COMPONENTS=${SAKSGANG_REQUIRE_COMPONENTS:-1}
.venv/bin/python scripts/ensure_database.py
.venv/bin/ruff check .
# The import contracts in pyproject.toml ([tool.importlinter]): workflows/ imports no app.
.venv/bin/lint-imports
# Both cores: pytest-xdist gives each worker its own test database and Celery queue.
.venv/bin/python -m pytest -n "${SAKSGANG_TEST_WORKERS:-2}" "$@"
