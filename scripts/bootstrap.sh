#!/usr/bin/env bash
# Installs what Saksgang needs into .venv (idempotent; fast when nothing changed).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.saksgang-installed
want=$(cat pyproject.toml scripts/bootstrap.sh | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  # caldav pulls in niquests -> urllib3-future, which by default replaces the urllib3 package directory.
  # URLLIB3_NO_OVERRIDE=1 with a source build keeps urllib3 intact so requests and caldav both work.
  URLLIB3_NO_OVERRIDE=1 .venv/bin/python -m pip install --quiet --no-binary urllib3-future -e ".[dev]"
  echo "$want" > "$stamp"
fi
