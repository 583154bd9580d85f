#!/usr/bin/env bash
# `npm start`: runs the compiled server (dist/server/main.js), building it first when dist/ is missing
# or older than its sources (scripts/build-state.js), so a fresh clone needs only `npm install`. On a
# Node older than 22 it runs under the project's own Node 24 (scripts/node-toolchain.sh), with
# node_modules made to fit it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/under-toolchain.sh scripts/start.sh "$@"
bash scripts/node-modules.sh
node scripts/build-state.js || node_modules/.bin/tsx scripts/build.ts
# exec: a signal sent to `npm start` reaches the server, which then stops gracefully.
exec node dist/server/main.js "$@"
