#!/usr/bin/env bash
# `npm start`: runs the compiled server (dist/server/main.js), building it first when dist/ is missing
# or older than its sources (scripts/build-state.js), so a fresh clone needs only `npm install`; when the
# build is current nothing is written, so it runs from a folder its user cannot write. On a
# Node older than 22 it runs under the project's own Node 24 (scripts/node-toolchain.sh), with
# node_modules made to fit it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/under-toolchain.sh scripts/start.sh "$@"
bash scripts/node-modules.sh
# A current build is only read: the server may run as a user that cannot write this folder.
if ! node scripts/build-state.js; then
  if [ ! -w . ]; then
    echo "start: dist/ is missing or older than the sources, and $(pwd) is not writable here: run npm run build as its owner" >&2
    exit 1
  fi
  node_modules/.bin/tsx scripts/build.ts
fi
# exec: a signal sent to `npm start` reaches the server, which then stops gracefully.
exec node dist/server/main.js "$@"
