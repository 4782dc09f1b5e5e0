#!/usr/bin/env bash
# Installs everything peixun needs to build, test and run on Debian 12, as root.
# Safe to run again: apt skips what is present, npm ci only when the lock changed.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ccache pkg-config git bzip2 clang-format
  clang libclang-rt-14-dev
  libboost-dev libboost-system-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  libsqlite3-dev sqlite3 libpq-dev libsodium-dev libicu-dev unicode-data rime-data-stroke
  libqrencode-dev libxlsxwriter-dev libzip-dev libexpat1-dev
  libcairo2-dev libpango1.0-dev libharfbuzz-dev libfontconfig-dev fonts-noto-cjk qpdf libqpdf-dev poppler-utils zbar-tools
  python3-icalendar
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-client-15 nginx-light wrk time procps bc curl python3 python3-openpyxl
  linux-perf valgrind
  chromium fonts-noto-cjk
)

updated=0
need=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if ((${#need[@]})); then
  echo "==> apt-get install ${need[*]}"
  apt-get update -qq
  updated=1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# Node.js for the web app and the browser tests. Machines that already carry a
# newer Node.js conflict with Debian's npm package: install it only when missing.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "==> apt-get install nodejs npm"
  ((updated)) || apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
fi
