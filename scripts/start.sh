#!/usr/bin/env bash
# `npm start`: builds the front end and starts the server. On a Node older than 22 it runs under the
# project's own Node 24 (scripts/node-toolchain.sh), with node_modules made to fit it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/under-toolchain.sh scripts/start.sh "$@"
bash scripts/node-modules.sh
node_modules/.bin/tsx scripts/build-web.ts
# exec: a signal sent to `npm start` reaches the server, which then stops gracefully.
exec node --import tsx server/main.ts "$@"
