#!/usr/bin/env bash
# Makes node_modules fit the Node on PATH: installs it from the lock file when it is missing, and rebuilds
# better-sqlite3 when its binary does not load under this Node (built by or for another one).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ ! -f node_modules/.package-lock.json ]; then
  echo "node-modules: installing the dependencies with $(node -v)" >&2
  npm ci --no-audit --no-fund >&2
fi
if ! node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()" >/dev/null 2>&1; then
  echo "node-modules: rebuilding better-sqlite3 for $(node -v)" >&2
  npm rebuild better-sqlite3 >&2
fi
