#!/usr/bin/env bash
# CTest "openapi_web_types": the checked-in web types
# (web/src/api/generated/openapi.ts) are what scripts/gen-web-types.sh makes
# from this build's OpenAPI document. A changed schema without regenerated types
# fails here, with the difference.
#
#   tests/openapi/web_types.sh PATH/TO/peixun
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ $# -eq 1 ] || { echo "usage: tests/openapi/web_types.sh PATH/TO/peixun" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/scripts/gen-web-types.sh" "$1" "$work/openapi.ts"
if ! diff -u "$root/web/src/api/generated/openapi.ts" "$work/openapi.ts"; then
  echo "web/src/api/generated/openapi.ts is stale: run scripts/gen-web-types.sh and commit it" >&2
  exit 1
fi
echo "web types match the OpenAPI document"
