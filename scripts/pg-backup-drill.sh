#!/usr/bin/env bash
# The PostgreSQL backup and restore drill (docs/backups.md): a database with the
# demo in it is dumped with pg_dump -Fc, restored with pg_restore into a new
# database, and the copy is compared with the original: the same rows in every
# table, and its audit chain verifies (peixun audit verify, with the key file).
#
#   scripts/pg-backup-drill.sh PEIXUN_BINARY [ADMIN_URL]
#
# ADMIN_URL defaults to $PEIXUN_TEST_PG_URL (scripts/pg-test-cluster.sh prints one,
# e.g. postgresql://postgres@127.0.0.1:55432/postgres). The two databases it makes
# are dropped at the end. Exit status 0 when the copy matches.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
peixun=${1:?usage: $0 PEIXUN_BINARY [ADMIN_URL]}
admin_url=${2:-${PEIXUN_TEST_PG_URL:-}}
[[ -n $admin_url ]] || { echo "pg-backup-drill: no ADMIN_URL and no PEIXUN_TEST_PG_URL" >&2; exit 2; }

base=${admin_url%/*}
suffix="$$_$(date +%s)"
src_db="peixun_drill_src_$suffix"
dst_db="peixun_drill_dst_$suffix"
work=$(mktemp -d)
cleanup() {
  for d in "$src_db" "$dst_db"; do
    "$PG_BIN/psql" -q -d "$admin_url" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

"$PG_BIN/psql" -q -v ON_ERROR_STOP=1 -d "$admin_url" -c "CREATE DATABASE $src_db" >/dev/null
"$PG_BIN/psql" -q -v ON_ERROR_STOP=1 -d "$admin_url" -c "CREATE DATABASE $dst_db" >/dev/null
export PEIXUN_KEY_FILE="$work/peixun.key"

echo "pg-backup-drill: demo into $src_db"
"$peixun" demo --db "$base/$src_db" --no-serve >"$work/demo.log" 2>&1 ||
  { cat "$work/demo.log" >&2; exit 1; }

echo "pg-backup-drill: pg_dump -Fc, pg_restore into $dst_db"
"$PG_BIN/pg_dump" -Fc --no-owner -d "$base/$src_db" -f "$work/peixun.dump"
"$PG_BIN/pg_restore" --no-owner --exit-on-error -d "$base/$dst_db" "$work/peixun.dump"

# Row counts of every table of the public schema, one "table rows" line each.
counts() {
  local url=$1 t
  for t in $("$PG_BIN/psql" -At -d "$url" -c \
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"); do
    printf '%s %s\n' "$t" "$("$PG_BIN/psql" -At -d "$url" -c "SELECT count(*) FROM \"$t\"")"
  done
}
counts "$base/$src_db" >"$work/src.counts"
counts "$base/$dst_db" >"$work/dst.counts"
tables=$(wc -l <"$work/src.counts")
people=$(awk '$1 == "people" {print $2}' "$work/src.counts")
audit=$(awk '$1 == "audit_log" {print $2}' "$work/src.counts")
if ((tables < 30)) || [[ -z $people || $people == 0 || -z $audit || $audit == 0 ]]; then
  echo "pg-backup-drill: the source looks empty ($tables tables, $people people, $audit audit entries)" >&2
  exit 1
fi
if ! diff -u "$work/src.counts" "$work/dst.counts"; then
  echo "pg-backup-drill: FAILED: the restored copy's row counts differ" >&2
  exit 1
fi
echo "pg-backup-drill: $tables tables, same rows ($people people, $audit audit entries)"

"$peixun" audit verify --db "$base/$dst_db" >"$work/verify.log" 2>&1 ||
  { cat "$work/verify.log" >&2; echo "pg-backup-drill: FAILED: audit chain" >&2; exit 1; }
head -1 "$work/verify.log"
echo "pg-backup-drill: ok"
