#!/usr/bin/env python3
"""No raw ID number or phone number in any log line (PIPL, issue 14).

Loads the demo into a scratch database, exports its roster with clear ID numbers,
and greps every file under LOG_DIR (the server logs the test suites keep there:
tests/e2e/run.sh, the integration tests' `peixun serve` runs and the HTTP tests,
when PEIXUN_TEST_LOG_DIR points at it) for each of the demo's ID numbers and
phone numbers. Exit 1 naming each file and number found; 0 otherwise (also when
no log was kept, which it says).

    tests/tools/check_log_leaks.py build/peixun build/test-logs
"""
import csv
import pathlib
import subprocess
import sys
import tempfile


def demo_numbers(peixun: str) -> tuple[set[str], set[str]]:
    with tempfile.TemporaryDirectory(prefix="peixun-leaks-") as tmp:
        db = f"sqlite:{tmp}/demo.db"
        key = f"{tmp}/demo.key"
        subprocess.run([peixun, "demo", "--db", db, "--key-file", key, "--no-serve"],
                       check=True, stdout=subprocess.DEVNULL)
        out = f"{tmp}/people.csv"
        subprocess.run([peixun, "export", "people", "--db", db, "--key-file", key, "--format",
                        "csv", "--out", out], check=True, stdout=subprocess.DEVNULL)
        with open(out, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
    header = rows[0]
    id_col = next(i for i, h in enumerate(header) if "身份证" in h)
    phone_col = next(i for i, h in enumerate(header) if "手机" in h or "电话" in h)
    ids = {r[id_col].strip() for r in rows[1:] if len(r) > id_col and len(r[id_col].strip()) == 18}
    phones = {r[phone_col].strip() for r in rows[1:]
              if len(r) > phone_col and len(r[phone_col].strip()) == 11}
    return ids, phones


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    peixun, log_dir = sys.argv[1], pathlib.Path(sys.argv[2])
    ids, phones = demo_numbers(peixun)
    if not ids or not phones:
        print(f"check_log_leaks: the demo gave {len(ids)} ID numbers and {len(phones)} phones",
              file=sys.stderr)
        return 1
    files = [p for p in log_dir.rglob("*") if p.is_file()] if log_dir.is_dir() else []
    leaks = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for number in ids | phones:
            if number in text:
                kind = "ID number" if number in ids else "phone"
                leaks.append(f"{path}: {kind} {number[:3]}…{number[-2:]}")
    print(f"check_log_leaks: {len(files)} log files, {len(ids)} ID numbers and {len(phones)} "
          f"phone numbers of the demo, {len(leaks)} found")
    for leak in leaks:
        print("  " + leak)
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(main())
