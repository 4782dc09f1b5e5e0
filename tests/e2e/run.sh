#!/usr/bin/env bash
# The browser tests (CTest "e2e"): playwright-core drives Debian's Chromium
# (/usr/bin/chromium, headless) against a real `peixun demo` that each test file
# starts on 127.0.0.1 with its own temporary SQLite database.
#
#   tests/e2e/run.sh PATH/TO/peixun [test files…]
#
# Installs the pinned npm packages when tests/e2e/node_modules is missing or stale,
# builds web/dist when it is missing, then runs the flows one file at a time.
# Screenshots go to $PEIXUN_E2E_OUT (default build/e2e-screenshots).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if [ $# -lt 1 ]; then
  echo "usage: tests/e2e/run.sh PATH/TO/peixun [test files…]" >&2
  exit 2
fi
PEIXUN_BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export PEIXUN_BIN
# Server output of every test file is kept here for tests/tools/check_log_leaks.py.
export PEIXUN_TEST_LOG_DIR=${PEIXUN_TEST_LOG_DIR:-$root/build/test-logs}
shift
files=()
for f in "$@"; do files+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"); done

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "e2e: $tool not found; install Node.js 18+ and npm (apt-get install nodejs npm)" >&2
    exit 1
  fi
done
browser=${PEIXUN_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$browser" ]; then
  echo "e2e: $browser not found; install Debian's chromium package (apt-get install chromium)" >&2
  exit 1
fi

cd "$here"
# npm writes node_modules/.package-lock.json on every install: when it is older
# than the committed lock file, the installed packages may be stale.
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# The web app: built when missing, rebuilt when a source is newer than the build;
# unless PEIXUN_WEB_ROOT names an already built one.
if [ -n "${PEIXUN_WEB_ROOT:-}" ]; then
  [ -f "$PEIXUN_WEB_ROOT/index.html" ] || { echo "e2e: no index.html in PEIXUN_WEB_ROOT=$PEIXUN_WEB_ROOT" >&2; exit 1; }
elif [ ! -f "$root/web/dist/index.html" ] \
   || [ -n "$(find "$root/web/src" "$root/web/index.html" "$root/web/package-lock.json" \
              -newer "$root/web/dist/index.html" -print -quit 2>/dev/null)" ]; then
  "$root/scripts/build-web.sh"
fi
export PEIXUN_WEB_ROOT=${PEIXUN_WEB_ROOT:-$root/web/dist}
export PEIXUN_E2E_OUT=${PEIXUN_E2E_OUT:-$root/build/e2e-screenshots}
mkdir -p "$PEIXUN_E2E_OUT"

if [ ${#files[@]} -eq 0 ]; then files=("$here"/*.test.mjs); fi

# --test-concurrency is Node 20.10+/21+; Node 18 (Debian 12) runs the files one by
# one through a loop instead, so they never share the two cores.
if node --help 2>/dev/null | grep -q -- '--test-concurrency'; then
  exec node --test --test-concurrency=1 "${files[@]}"
fi
status=0
for f in "${files[@]}"; do
  node --test "$f" || status=1
done
exit $status
