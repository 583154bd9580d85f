#!/usr/bin/env bash
# Runs a command under a supported Node (22 or 24 LTS): the Node on PATH when it is new enough, otherwise
# the npm registry's `node` package, installed once into .tools/nodeNN, first on PATH, with its own headers.
#
#   bash scripts/node-toolchain.sh [--node 22|24] COMMAND [ARGS...]
#
# Without --node, a Node ≥ 22.12 on PATH is used as it is, and an older one is replaced by Node 24.
# With --node, the command runs under that major version (the one on PATH if it is that major).
set -euo pipefail

# Exact versions, like every other dependency; .nvmrc names the major for version managers.
NODE_24=24.21.0
NODE_22=22.23.3

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${PROTOKOLS_TOOLS:-$root/.tools}"

want=""
if [ "${1:-}" = "--node" ]; then
  want="${2:-}"
  shift 2 || true
fi
case "$want" in
  "" | 22 | 24) ;;
  *) echo "node-toolchain: --node takes 22 or 24, not '$want'" >&2; exit 2 ;;
esac
if [ $# -eq 0 ]; then
  echo "usage: bash scripts/node-toolchain.sh [--node 22|24] COMMAND [ARGS...]" >&2
  exit 2
fi

current="$(node -p 'process.versions.node' 2>/dev/null || echo 0.0.0)"
major="${current%%.*}"
minor="${current#*.}"
minor="${minor%%.*}"
supported=false
if [ "$major" -ge 23 ] || { [ "$major" -eq 22 ] && [ "$minor" -ge 12 ]; }; then supported=true; fi

if [ -z "$want" ]; then
  if $supported; then exec "$@"; fi
  want=24
elif [ "$major" = "$want" ] && $supported; then
  exec "$@"
fi

version="NODE_$want"
version="${!version}"
dir="$tools/node$want"
bin="$dir/node_modules/node/bin/node"
if [ "$("$bin" -p 'process.versions.node' 2>/dev/null || true)" != "$version" ]; then
  echo "node-toolchain: Node $current is not supported here; installing Node $version from the npm registry into $dir" >&2
  mkdir -p "$tools"
  staging="$(mktemp -d "$tools/.node$want.XXXXXX")"
  trap 'rm -rf "$staging"' EXIT
  chmod 755 "$staging"
  # A project of its own, whose one allowed install script is the package's preinstall that links the
  # binary for this platform.
  printf '{ "private": true, "dependencies": { "node": "%s" }, "allowScripts": { "node": true } }\n' "$version" \
    >"$staging/package.json"
  (cd "$staging" && npm install --no-package-lock --no-audit --no-fund --loglevel=error >&2)
  # A whole folder moved into place: a concurrent or interrupted install never leaves half a toolchain.
  rm -rf "$dir"
  mv "$staging" "$dir"
  trap - EXIT
fi

# The headers beside the binary, for node-gyp: this machine's npm config may point at another Node's.
nodedir=""
for candidate in "$dir"/node_modules/node/node_modules/node-*/; do
  if [ -d "${candidate}include/node" ]; then nodedir="${candidate%/}"; fi
done
if [ -z "$nodedir" ]; then
  echo "node-toolchain: no include/node beside the Node $version binary in $dir" >&2
  exit 1
fi

export PATH="$(dirname "$bin"):$PATH"
export npm_config_nodedir="$nodedir"
exec "$@"
