#!/usr/bin/env bash
# CTest "openapi_lint": the OpenAPI document of this build passes @redocly/cli's
# recommended rules with no error (tests/openapi/redocly.yaml).
#
#   tests/openapi/lint.sh PATH/TO/peixun
#
# Installs the pinned npm packages when node_modules is missing or stale.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 1 ] || { echo "usage: tests/openapi/lint.sh PATH/TO/peixun" >&2; exit 2; }
bin=$1
cd "$here"
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" openapi -o "$work/openapi.json"
node_modules/.bin/redocly lint --config "$here/redocly.yaml" --format=stylish "$work/openapi.json"
