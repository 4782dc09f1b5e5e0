#!/usr/bin/env bash
# Fuzzes the parsers of outside input (fuzz/, issue 14) with libFuzzer under
# AddressSanitizer + UndefinedBehaviorSanitizer. Offline: not part of the test command.
#
#   scripts/fuzz.sh [--no-build] [SECONDS_PER_TARGET] [TARGET ...]   (60 s, every target)
#
# Builds build-fuzz/ with clang (-DPEIXUN_FUZZ=ON: only the parser libraries), then
# runs each target in one process (one core: the machine is shared) for the given time,
# starting from fuzz/corpus/<target>/ and adding what it finds to
# build-fuzz/corpus/<target>/ (the repository's corpus stays as reviewed). A crash is
# written to build-fuzz/artifacts/<target>/crash-*: copy it into fuzz/corpus/<target>/
# with the fix, so fuzz_replay_<target> (CTest) keeps it fixed. Prints, per target,
# the executions and the crashes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=1
if [[ ${1:-} == --no-build ]]; then
  build=0
  shift
fi
seconds=${1:-60}
shift || true
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root}
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}

if ((build)); then
  cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DPEIXUN_FUZZ=ON >/dev/null
  cmake --build build-fuzz -j2 --target peixun_fuzzers
fi

targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in fuzz/fuzz_*.cc; do
    name=${f#fuzz/fuzz_}
    targets+=("${name%.cc}")
  done
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
declare -A DICT_OF=([gb18030]=csv [zip]=xlsx [docx]=xlsx)
summary=()
status=0
for t in "${targets[@]}"; do
  work="build-fuzz/corpus/$t"
  artifacts="build-fuzz/artifacts/$t"
  mkdir -p "$work" "$artifacts"
  # The dictionary of a target: fuzz/dict/<target>.dict, or the one of its format.
  dict=()
  for d in "$t" "${DICT_OF[$t]:-}"; do
    if [[ -n $d && -f fuzz/dict/$d.dict ]]; then
      dict=(-dict="fuzz/dict/$d.dict")
      break
    fi
  done
  log="build-fuzz/$t.log"
  echo "==> $t: ${seconds}s"
  set +e
  "build-fuzz/fuzz/${t}_fuzzer" "$work" "fuzz/corpus/$t" "${dict[@]}" \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=262144 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  crashes=$(find "$artifacts" -type f | wc -l)
  ((rc == 0)) || status=1
  summary+=("$t execs=${execs:-?} exit=$rc artifacts=$crashes log=$log")
done
echo "==> summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
exit $status
