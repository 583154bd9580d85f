#!/usr/bin/env bash
# `npm test`: the whole suite, or the files given. On a Node older than 22 it re-runs itself under the
# project's own Node 24 (scripts/node-toolchain.sh). It first installs what the tests need and is missing:
# Debian's Chromium, LibreOffice and poppler, and node_modules built for the Node that runs them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/under-toolchain.sh scripts/test.sh "$@"
bash scripts/system-packages.sh
bash scripts/node-modules.sh
exec node_modules/.bin/vitest run "$@"
