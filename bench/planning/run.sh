#!/usr/bin/env bash
# Planning benchmark: grouping, lodging and timetable conflicts at the scale of a large
# training base (bench/planning/planning_bench.cc). Builds only its own target in
# build/ (or $PEIXUN_BUILD_DIR) and prints each figure in ms, best of five.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${PEIXUN_BUILD_DIR:-build}
log=$(mktemp /tmp/peixun-bench-planning.XXXXXX)
trap 'rm -f "$log"' EXIT
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" >"$log" 2>&1 || { cat "$log"; exit 1; }
fi
cmake --build "$build" --target peixun_planning_bench -j"$(nproc)" >"$log" 2>&1 ||
  { cat "$log"; exit 1; }
"$build/bench/peixun_planning_bench"
