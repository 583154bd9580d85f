#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing: LibreOffice and poppler for the
# LibreOffice test, Chromium for the browser tests, nginx, openssl and systemd-analyze for the checks of
# the deployment kit in deploy/, PostgreSQL for the suite's second run (TEST_DB=postgres; its service is not
# started: the tests run a throwaway cluster of their own). Does nothing when all are there.
set -euo pipefail

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v "${CHROMIUM_PATH:-chromium}" >/dev/null 2>&1 || need+=(chromium)
# /usr/sbin is not on every user's PATH.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-packages: the tests need Debian's ${need[*]}; install them as root (apt-get install ${need[*]})" >&2
  exit 1
fi
echo "system-packages: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# The tests only check nginx's configuration: a package's service is not started while installing.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  trap 'rm -f "$policy"' EXIT
fi
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
