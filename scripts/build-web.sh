#!/usr/bin/env bash
# Builds the web app (web/) into web/dist/. Installs the locked npm packages
# first when web/node_modules is missing or older than web/package-lock.json.
# Needs Node.js 18 or newer with npm (Debian 12's nodejs + npm packages do).
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v npm >/dev/null 2>&1; then
  echo "build-web: npm not found; install Node.js 18+ and npm (apt-get install nodejs npm)" >&2
  exit 1
fi

# npm writes node_modules/.package-lock.json on every install: when it is older
# than the committed lock file, the installed packages may be stale.
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

npm run build
