#!/usr/bin/env bash
# `npm test`: the whole suite, or the files given. On a Node older than 22 it re-runs itself under the
# project's own Node 24 (scripts/node-toolchain.sh). It first installs what the tests need and is missing:
# Debian's Chromium, LibreOffice, poppler and PostgreSQL, and node_modules built for the Node that runs them.
# On Node 24 the suite runs on SQLite and, at the same time, every test that reaches the database through
# the app (test/api, test/db, test/plans, the browser tests and the process tests that take TEST_DB) once
# more on PostgreSQL (TEST_DB=postgres, a throwaway cluster); on Node 22 on SQLite only. TEST_DB=sqlite
# or TEST_DB=postgres runs the one engine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/under-toolchain.sh scripts/test.sh "$@"
bash scripts/system-packages.sh
bash scripts/node-modules.sh

if [ -n "${TEST_DB:-}" ]; then exec node_modules/.bin/vitest run "$@"; fi
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 24 ]; then
  echo "test: Node $(node -v): SQLite only (the PostgreSQL run is on Node 24)"
  TEST_DB=sqlite exec node_modules/.bin/vitest run "$@"
fi
if ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
  echo "test: NOTICE: no /usr/lib/postgresql/*/bin/postgres: the PostgreSQL run is skipped (apt-get install postgresql)"
  TEST_DB=sqlite exec node_modules/.bin/vitest run "$@"
fi

# The files given, or the layers that touch the database.
pg_files=("$@")
[ $# -eq 0 ] && pg_files=(test/api test/db test/plans test/e2e test/process/postgres-)
pg_log="$(mktemp)"
trap 'rm -f "$pg_log"' EXIT
TEST_DB=postgres node_modules/.bin/vitest run "${pg_files[@]}" >"$pg_log" 2>&1 &
pg_pid=$!
sqlite_rc=0
echo "== SQLite"
TEST_DB=sqlite node_modules/.bin/vitest run "$@" || sqlite_rc=$?
pg_rc=0
wait "$pg_pid" || pg_rc=$?
echo "== PostgreSQL (TEST_DB=postgres ${pg_files[*]})"
cat "$pg_log"
echo "test: SQLite exit code $sqlite_rc, PostgreSQL exit code $pg_rc"
[ "$sqlite_rc" -eq 0 ] && [ "$pg_rc" -eq 0 ]
