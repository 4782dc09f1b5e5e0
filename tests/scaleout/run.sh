#!/usr/bin/env bash
# CTest's short scale-out check (issue 15): bench/scaleout/run.sh in ci mode. Two
# `peixun serve` on a throwaway PostgreSQL cluster of its own, nginx in front, 50
# retrying kiosk clients through nginx for 6 s, twice: without a kill, then with the
# first instance killed with kill -9 after 3 s. Passes when every check-in a client
# started is recorded exactly once (after its retries), the live feed open on the
# other instance got one event per recorded row (after the kill too: none missed,
# none twice) and the database's count, and a session made on one instance works (and ends) on the
# other. No timing is asserted. About 45 s.
#
#   tests/scaleout/run.sh PEIXUN_BIN SETUP_BIN CLIENT_BIN
#
# Ports: nginx 18389-18390, instances 18391-18392, PostgreSQL 55496 (apart from the
# test command's 55432 and bench/scaleout's defaults, so they can run side by side).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export PEIXUN_BIN="${1:?usage: $0 PEIXUN_BIN SETUP_BIN CLIENT_BIN}"
export SETUP_BIN="${2:?usage: $0 PEIXUN_BIN SETUP_BIN CLIENT_BIN}"
export CLIENT_BIN="${3:?usage: $0 PEIXUN_BIN SETUP_BIN CLIENT_BIN}"
export SCALEOUT_MODE=ci
export NGINX_PORT="${SCALEOUT_NGINX_PORT:-18390}"
export BASE_PORT="${SCALEOUT_BASE_PORT:-18390}"
export PG_PORT="${SCALEOUT_PG_PORT:-55496}"
exec "$ROOT/bench/scaleout/run.sh"
