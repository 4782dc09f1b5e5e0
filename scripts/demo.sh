#!/usr/bin/env bash
# The README's demo command: installs what is missing, builds, and runs
# `peixun demo` (a fresh database with the seed class's district, then serve).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/peixun demo --listen "${PEIXUN_LISTEN:-127.0.0.1:8080}" "$@"
