#!/usr/bin/env bash
# The test suites under AddressSanitizer + UndefinedBehaviorSanitizer (issue 14), in
# their own build directory build-asan/ (-DPEIXUN_SANITIZE=ON, g++; any finding aborts
# the test that hit it):
#
#   scripts/sanitize.sh --ci     the parser libraries (core, io, crypto, api), the unit
#                                tests that need no module (CTest unit_core: 36 of 42
#                                files) and a replay of every fuzz corpus (fuzz/corpus/*,
#                                CTest fuzz_replay_*): a quick check after touching a
#                                parser.
#   scripts/sanitize.sh --full   the whole suite: every unit test, the corpora, the
#                                integration tests on SQLite (each `peixun serve` they
#                                start is the sanitizer build too) and the HTTP tests.
#                                scripts/test.sh runs this: it builds (--build-only, at
#                                nice 19) while the ordinary suites run, then runs the
#                                suites (--run-only) after them.
#   --build-only / --run-only    after the mode: only build, or only run what is built.
#
# Extra arguments go to ctest (e.g. -R fuzz_replay_xlsx).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=--ci
if [[ ${1:-} == --ci || ${1:-} == --full ]]; then
  mode=$1
  shift
fi
step=all
if [[ ${1:-} == --build-only || ${1:-} == --run-only ]]; then
  step=$1
  shift
fi
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(pwd)}
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
jobs=$(nproc 2>/dev/null || echo 2)

# -O1 -g1: the usual sanitizer trade-off (fast enough to run, quick to compile, stack
# traces with lines).
cmake -S . -B build-asan -DPEIXUN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" >/dev/null

replays=()
for f in fuzz/fuzz_*.cc; do
  name=${f#fuzz/fuzz_}
  replays+=("peixun_fuzz_replay_${name%.cc}")
done
targets=(peixun_unit_tests_core "${replays[@]}")
tests='^(unit_core|fuzz_replay_.*)$'
if [[ $mode == --full ]]; then
  targets=(peixun peixun_unit_tests "${replays[@]}" peixun_integration_tests peixun_http_tests)
  tests='^(unit|fuzz_replay_.*|integration_sqlite|http)$'
fi
if [[ $step != --run-only ]]; then
  echo "==> sanitizer build ($mode): ${targets[*]}"
  cmake --build build-asan -j"$jobs" --target "${targets[@]}"
  echo "==> sanitizer build took $SECONDS s"
fi
[[ $step == --build-only ]] && exit 0

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(pwd)/tests/sanitizers/lsan.supp}
export PEIXUN_TEST_DB=sqlite
echo "==> sanitizer run ($mode)"
started=$SECONDS
ctest --test-dir build-asan --output-on-failure -j"$jobs" -R "$tests" "$@"
echo "==> sanitizer run took $((SECONDS - started)) s"
