#!/usr/bin/env bash
# System packages and browser tooling the tests need, installed by the project itself (a fresh machine
# has none of them). Each step is skipped when already present.
#  - LibreOffice (headless writer): .docx -> PDF for publishing, and an independent .docx reader in tests
#  - Chromium + chromedriver: the accessibility tests (Playwright drives Debian's Chromium)
#  - axe-core from npm: the WCAG 2.1 A/AA rules run inside the page
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui fonts-dejavu-core)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "Mangler systempakker: ${need_apt[*]} (installer dem med apt-get som root)" >&2
    exit 1
  fi
fi

if [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm install --no-audit --no-fund --silent >/dev/null
fi
