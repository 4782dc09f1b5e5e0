#!/usr/bin/env python3
"""Module boundaries (issue 10): names every place that crosses one.

1. An include of another module's internal/ header. The headers directly in
   src/modules/<m>/ are the module's public interface; src/modules/<m>/internal/
   is private to <m>. Only files of <m> itself may include them, and test files
   that tests/CMakeLists.txt grants PEIXUN_MODULE_<M>_INTERNALS by name.
2. SQL against another module's table. A table belongs to the module whose
   <m>_schema.cc creates it; a module's code reads and writes only its own tables
   and asks the owner's public functions for the rest. Both ordinary string
   literals and raw ones (R"sql( … )sql": the migrations) are read, so a migration
   that backfills from another module's tables is named too.
3. A route that does more than translate (issue 14). A module's *_routes.cc
   turns HTTP into service calls and back: it never reaches the store or a
   writer itself (an accessor such as svc.store() or .writer(), a transaction,
   a query, SQL) and never decides access itself (a role comparison,
   RequireRole, CheckClassAccess, CheckUnitInScope, ScopeRoot): the service
   entry point takes the Principal and checks, so every transport gets the
   same answer.

Usage: check_module_boundaries.py [SOURCE_DIR]   (default: the repository root)
       check_module_boundaries.py --self-test     (plants one of each, expects both)
Prints each violation as file:line and exits 1 when there is any.
"""
import pathlib
import re
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
INTERNAL_INCLUDE = re.compile(r'^\s*#\s*include\s+"modules/([a-z_]+)/internal/([^"]+)"')
CREATE_TABLE = re.compile(r"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_]+)", re.I)
STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
# A raw string literal, R"delim( … )delim", which may span lines (migrations).
RAW_STRING = re.compile(r'R"([^()\\\s]{0,16})\((.*?)\)\1"', re.S)
GRANT = re.compile(r"set_source_files_properties\(([^)]*?)PROPERTIES\s+COMPILE_DEFINITIONS\s+"
                   r"PEIXUN_MODULE_([A-Z_]+)_INTERNALS\s*\)", re.S)


def sources(*dirs):
    for d in dirs:
        for path in sorted((ROOT / d).rglob("*")):
            if path.suffix in (".h", ".cc") and path.is_file():
                yield path


def module_of(path):
    rel = path.relative_to(ROOT).parts
    return rel[2] if rel[:2] == ("src", "modules") and len(rel) > 3 else None


def granted_test_files():
    """(relative test file, module) pairs that tests/CMakeLists.txt lets see internals."""
    text = (ROOT / "tests" / "CMakeLists.txt").read_text(encoding="utf-8")
    grants = set()
    for files, module in GRANT.findall(text):
        for f in files.split():
            grants.add(("tests/" + f, module.lower()))
    return grants


def include_violations():
    grants = granted_test_files()
    out = []
    for path in sources("src", "tests", "bench"):
        own = module_of(path)
        rel = str(path.relative_to(ROOT))
        if rel.startswith("tests/boundaries/"):
            continue  # breaks the rule on purpose, to show the compiler refuses it
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = INTERNAL_INCLUDE.match(line)
            if not m or m.group(1) == own or (rel, m.group(1)) in grants:
                continue
            who = f"module {own}" if own else "code outside the modules"
            out.append(f"{rel}:{n}: {who} includes modules/{m.group(1)}/internal/{m.group(2)}, "
                       f"private to the {m.group(1)} module: use its public headers "
                       f"(src/modules/{m.group(1)}/*.h), adding a function there if needed")
    return out


def table_owners():
    owners = {}
    for schema in sorted((ROOT / "src" / "modules").glob("*/*_schema.cc")):
        module = schema.parent.name
        for table in CREATE_TABLE.findall(schema.read_text(encoding="utf-8")):
            # SQLite's rebuilds create "<table>_new" and rename it: same owner.
            owners.setdefault(table.lower().removesuffix("_new"), module)
    return owners


def sql_violations():
    owners = table_owners()
    names = "|".join(sorted(owners, key=len, reverse=True))
    use = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(" + names + r")\b", re.I)
    out = []
    for path in sources("src/modules"):
        own = module_of(path)
        if own is None:
            continue
        text = path.read_text(encoding="utf-8")
        found = []  # (line, table)
        for n, line in enumerate(text.splitlines(), 1):
            if line.lstrip().startswith("//"):
                continue
            # SQL is written as adjacent string literals: join this line's literals.
            literal = " ".join(STRING.findall(line))
            found += [(n, table) for table in use.findall(literal)]
        for raw in RAW_STRING.finditer(text):
            first = text.count("\n", 0, raw.start(2)) + 1
            for i, line in enumerate(raw.group(2).split("\n")):
                sql = line.split("--", 1)[0]  # an SQL comment
                found += [(first + i, table) for table in use.findall(sql)]
        for n, table in sorted(set(found)):
            owner = owners[table.lower()]
            if owner != own:
                out.append(f"{path.relative_to(ROOT)}:{n}: module {own} writes SQL against "
                           f"{table}, a table of the {owner} module: ask {owner}'s public "
                           f"functions instead")
    return out


ROUTE_REACH = [
    (re.compile(r"(?:\.|->)\s*(?:store|writer)\s*\(\s*\)"),
     "reaches the store or a writer through an accessor"),
    (re.compile(r"(?<!request)(?:\.|->)\s*(?:Transact|Read|Query|Exec|ExecScript)\s*\("),
     "runs a transaction or a query itself"),
    (re.compile(r"\bstore::(?:Tx|TransactValue|ReadValue|GroupCommitWriter)\b"),
     "uses the store's transactions or writer itself"),
    (re.compile(r"\b(?:RequireRole|CheckClassAccess\w*|CheckUnitInScope\w*|ScopeRoot|"
                r"SeesAllClasses)\s*\("),
     "decides access itself"),
    (re.compile(r"\brole\s*[=!]=|[=!]=\s*Role::"), "compares roles itself"),
]
SQL_WORDS = re.compile(r"^\s*(?:SELECT|INSERT|UPDATE|DELETE)\b", re.I)


def route_violations():
    out = []
    for path in sources("src/modules"):
        if path.suffix != ".cc" or not path.name.endswith("_routes.cc"):
            continue
        rel = path.relative_to(ROOT)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("//", 1)[0]
            if not code.strip():
                continue
            why = [w for pattern, w in ROUTE_REACH if pattern.search(code)]
            if any(SQL_WORDS.match(lit) for lit in STRING.findall(code)):
                why.append("writes SQL")
            for w in why:
                out.append(f"{rel}:{n}: a route {w}: routes only translate; move it into the "
                           f"service entry point, which takes the Principal and checks")
    return out


def violations():
    return include_violations() + sql_violations() + route_violations()


def self_test():
    """The checks find what they look for: a planted include and a planted query."""
    global ROOT
    with tempfile.TemporaryDirectory() as tmp:
        ROOT = pathlib.Path(tmp)
        files = {
            "src/modules/a/a_schema.cc": 'R"(CREATE TABLE IF NOT EXISTS a_rows (id INTEGER))"',
            "src/modules/a/internal/secret.h": "#pragma once",
            "src/modules/a/a.cc": '#include "modules/a/internal/secret.h"\n'
                                  'auto q = "SELECT id FROM a_rows";',
            "src/modules/b/b.cc": '#include "modules/a/internal/secret.h"\n'
                                  'auto q = "SELECT r.id FROM b_rows b "\n'
                                  '         "JOIN a_rows r ON r.id = b.id";',
            "src/modules/b/b_schema.cc": 'auto m = R"sql(\n'
                                         'CREATE TABLE b_rows (id INTEGER);\n'
                                         'INSERT INTO b_rows SELECT id FROM a_rows;\n'
                                         ')sql";',
            "src/modules/b/b_routes.cc": 'auto s = svc.store();\n'
                                         'if (c.principal->role == Role::kAdmin) {}',
            "tests/CMakeLists.txt": "",
        }
        for name, text in files.items():
            (ROOT / name).parent.mkdir(parents=True, exist_ok=True)
            (ROOT / name).write_text(text + "\n", encoding="utf-8")
        found = violations()
    expected = ["src/modules/b/b.cc:1: module b includes modules/a/internal/secret.h",
                "src/modules/b/b.cc:3: module b writes SQL against a_rows",
                "src/modules/b/b_schema.cc:3: module b writes SQL against a_rows",
                "src/modules/b/b_routes.cc:1: a route reaches the store or a writer",
                "src/modules/b/b_routes.cc:2: a route compares roles itself"]
    missing = [e for e in expected if not any(f.startswith(e) for f in found)]
    if missing or len(found) != len(expected):
        print("self-test failed: expected", expected, "found", found)
        return 1
    print("self-test: every planted violation found, nothing else")
    return 0


def main():
    global ROOT
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) > 1:
        ROOT = pathlib.Path(sys.argv[1]).resolve()
    found = violations()
    for v in found:
        print(v)
    if found:
        print(f"{len(found)} module boundary violation(s)")
        return 1
    print("module boundaries hold: no cross-module internal include, no cross-module SQL, "
          "no route reaching the store or deciding access")
    return 0


if __name__ == "__main__":
    sys.exit(main())
