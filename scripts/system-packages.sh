#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing: LibreOffice and poppler for the
# LibreOffice test, Chromium for the browser tests. Does nothing when all three are there.
set -euo pipefail

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v "${CHROMIUM_PATH:-chromium}" >/dev/null 2>&1 || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-packages: the tests need Debian's ${need[*]}; install them as root (apt-get install ${need[*]})" >&2
  exit 1
fi
echo "system-packages: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
