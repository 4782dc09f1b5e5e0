#!/usr/bin/env bash
# The end of a 2,000-trainee class, in process (not in CI): the completion decision
# and the batch issue of the certificates (issue 13 asks < 1 s and 2,000 in under a
# minute), then the merged PDF and the zip of 序号_姓名.pdf, checked here:
#   - the merged PDF has one page per certificate and pdftotext finds 䶮 and
#     买买提·艾力 in it;
#   - the zip holds one PDF per certificate, and pdftotext finds each of those two
#     names in its own PDF (001_… and 002_… or wherever their 序号 put them).
#
#   bench/certificates/run.sh [N]      N trainees, default 2000
#
# Builds nothing: needs build/peixun and build/bench/peixun_certificates_bench
# (cmake --build build --target peixun peixun_certificates_bench). Environment:
#   DATABASES    "sqlite" (default), "postgres" or "sqlite postgres"
#   PG_URL       a server to make a throwaway database on
#                (default postgresql://postgres@127.0.0.1:55432/postgres,
#                 the shared test cluster of scripts/pg-test-cluster.sh)
#   KEEP_WORKDIR 1: keep the database, the PDFs and the zip
#   PEIXUN_BENCH_SKIP_CERTIFICATES 1: the completion decision only
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-2000}
bin=${PEIXUN_BIN:-build/peixun}
bench=${BENCH_BIN:-build/bench/peixun_certificates_bench}
pg_url=${PG_URL:-postgresql://postgres@127.0.0.1:55432/postgres}
work=$(mktemp -d /tmp/peixun-bench-certs.XXXXXX)
dbname="certbench_$$"
cleanup() {
  if [ "${KEEP_WORKDIR:-0}" != 1 ]; then rm -rf "$work"; fi
  if [[ " ${DATABASES:-sqlite} " == *" postgres "* ]]; then
    psql -X -q "$pg_url" -c "DROP DATABASE IF EXISTS $dbname" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

check() {  # dir: the merged PDF and the zip of one run
  local dir=$1 pages
  pages=$(pdfinfo "$dir/merged.pdf" | awk '/^Pages:/ { print $2 }')
  pdftotext "$dir/merged.pdf" "$dir/merged.txt"
  for name in 䶮 买买提·艾力; do
    grep -q "$name" "$dir/merged.txt" || { echo "FAIL: $name not in the merged PDF"; exit 1; }
  done
  mkdir -p "$dir/zip"
  (cd "$dir/zip" && /usr/bin/python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall()' \
    ../certificates.zip)
  local files
  files=$(find "$dir/zip" -name '*.pdf' | wc -l)
  [ "$files" = "$pages" ] || { echo "FAIL: $files PDFs in the zip, $pages pages merged"; exit 1; }
  for name in 䶮 买买提·艾力; do
    local f
    f=$(find "$dir/zip" -name "*_$name.pdf" | head -1)
    [ -n "$f" ] || { echo "FAIL: no *_$name.pdf in the zip"; exit 1; }
    # Read whole first: grep -q stopping early would fail pdftotext (pipefail).
    local text
    text=$(pdftotext "$f" -)
    [[ "$text" == *"$name"* ]] || { echo "FAIL: $name not in $(basename "$f")"; exit 1; }
  done
  echo "checked: merged PDF $pages pages, zip $files PDFs, 䶮 and 买买提·艾力 read back by pdftotext"
}

for database in ${DATABASES:-sqlite}; do
  echo "== $database, $n trainees"
  mkdir -p "$work/$database"
  if [ "$database" = sqlite ]; then
    url="sqlite:$work/$database/bench.db"
  else
    psql -X -q "$pg_url" -c "DROP DATABASE IF EXISTS $dbname" -c "CREATE DATABASE $dbname"
    url="${pg_url%/*}/$dbname"
  fi
  "$bin" init --db "$url" --key-file "$work/$database/bench.key" >/dev/null
  PEIXUN_KEY_FILE="$work/$database/bench.key" stdbuf -oL "$bench" "$url" "$n" "$work/$database"
  if [ "${PEIXUN_BENCH_SKIP_CERTIFICATES:-0}" != 1 ]; then check "$work/$database"; fi
done
