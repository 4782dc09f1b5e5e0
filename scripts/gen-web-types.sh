#!/usr/bin/env bash
# Writes the web app's API types (web/src/api/generated/openapi.ts, checked in)
# from the OpenAPI document of a build, with openapi-typescript (web/package.json
# pins it). Run it after changing a route's schema, and commit the result; the
# CTest "openapi_web_types" (tests/openapi/web_types.sh) fails while they differ.
#
#   scripts/gen-web-types.sh [PATH/TO/peixun [OUT.ts]]
#
# Installs the locked npm packages of web/ when node_modules is missing or stale.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/peixun}
out=${2:-$root/web/src/api/generated/openapi.ts}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
case $out in /*) ;; *) out=$PWD/$out ;; esac

cd "$root/web"
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" openapi -o "$work/openapi.json"
node_modules/.bin/openapi-typescript "$work/openapi.json" -o "$work/openapi.ts" >/dev/null
mkdir -p "$(dirname "$out")"
mv "$work/openapi.ts" "$out"
