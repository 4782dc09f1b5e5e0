#!/usr/bin/env python3
"""Every audit action code the server writes has a zh-CN and an en label (issue 11 #6).

Finds the codes in the C++ sources: the action argument of each audit::AuditEntry{...}
and audit::RecordIn(...), resolved when it is not a literal: a constant
(kHiddenDuplicateAction[] = "..."), a local assigned literals (action = "leave.cancel"),
or a parameter of the enclosing function, followed to that function's call sites
(DecideIn(..., "enrollment.approve", ...)). Then checks that each code has a label in
web/src/i18n/audit-labels.zh-CN.ts and audit-labels.en.ts, and that the labels name no
code the server does not write.

Usage: check_audit_labels.py [SOURCE_ROOT]   (prints the codes with --list)
Exit status 1 when a code has no label (or a label no code), naming them.
"""
import re
import sys
from pathlib import Path

CODE = re.compile(r'"([a-z_]+(?:\.[a-z_]+)+)"')
IDENT = re.compile(r'^(?:std::move\()?\s*([A-Za-z_]\w*)\s*\)?$')
FUNC_DEF = re.compile(r'^[A-Za-z][^\n;]*?\b(\w+)\(([^)]*)\)[^;{]*\{', re.M)


def balanced(s, start, open_c, close_c):
    """The text between s[start-1] (== open_c) and its matching close_c."""
    depth, i = 1, start
    while i < len(s) and depth:
        c = s[i]
        if c == '"':  # skip string literals
            i += 1
            while i < len(s) and s[i] != '"':
                i += 2 if s[i] == '\\' else 1
        elif c == open_c:
            depth += 1
        elif c == close_c:
            depth -= 1
        i += 1
    return s[start:i - 1]


def split_args(body):
    args, depth, cur, i = [], 0, '', 0
    while i < len(body):
        c = body[i]
        if c == '"':
            j = i + 1
            while j < len(body) and body[j] != '"':
                j += 2 if body[j] == '\\' else 1
            cur += body[i:j + 1]
            i = j + 1
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
        if c == ',' and depth == 0:
            args.append(cur.strip())
            cur = ''
        else:
            cur += c
        i += 1
    if cur.strip():
        args.append(cur.strip())
    return args


def enclosing_function(s, pos):
    """(name, parameter names) of the column-0 function definition around pos."""
    best = None
    for m in FUNC_DEF.finditer(s, 0, pos):
        best = m
    if not best:
        return None, []
    params = [re.findall(r'(\w+)\s*(?:=[^,]*)?$', p.strip()) for p in best.group(2).split(',')]
    return best.group(1), [p[0] if p else '' for p in params]


def resolve(s, expr, pos, depth=0):
    """The code literals an action expression at `pos` of source `s` may hold."""
    found = set(CODE.findall(expr))
    if found or depth > 4:
        return found
    m = IDENT.match(expr.strip())
    if not m:
        return found
    name = m.group(1)
    assign = re.compile(r'\b' + name + r'\s*(?:\[\])?\s*=\s*([^;]*);')
    for a in assign.finditer(s):
        found |= set(CODE.findall(a.group(1)))
    if not found and name.startswith('k'):  # a constant of a header
        for h in HEADERS:
            for a in assign.finditer(h):
                found |= set(CODE.findall(a.group(1)))
    func, params = enclosing_function(s, pos)
    if func and name in params:
        index = params.index(name)
        # Callers in the same file, and in the files beside it (a module's member
        # function is often called from another of its files).
        for text in [s] + [t for t in SIBLINGS.get(id(s), []) if t is not s]:
            for call in re.finditer(r'\b' + func + r'\(', text):
                args = split_args(balanced(text, call.end(), '(', ')'))
                if len(args) > index and not re.search(r'\bconst\b|&', args[index]):
                    found |= resolve(text, args[index], call.start(), depth + 1)
    return found


HEADERS = []
SIBLINGS = {}  # id(source text) -> the texts of the .cc files in its folder


def server_codes(root):
    HEADERS.extend(h.read_text(encoding='utf-8') for h in sorted((root / 'src').rglob('*.h')))
    codes = {}
    texts = {f: f.read_text(encoding='utf-8') for f in sorted((root / 'src').rglob('*.cc'))}
    by_folder = {}
    for f, t in texts.items():
        by_folder.setdefault(f.parent, []).append(t)
    for f, t in texts.items():
        SIBLINGS[id(t)] = by_folder[f.parent]
    for f in sorted(texts):
        if 'modules/audit/' in f.as_posix():
            continue
        s = texts[f]
        sites = [(m.end(), '{', '}', 0) for m in re.finditer(r'AuditEntry\{', s)]
        sites += [(m.end(), '(', ')', 2) for m in re.finditer(r'audit::RecordIn\(', s)]
        for start, o, c, index in sites:
            args = split_args(balanced(s, start, o, c))
            if len(args) <= index:
                continue
            got = resolve(s, args[index], start)
            if not got:
                print(f'{f}: cannot resolve the audit action {args[index]!r}', file=sys.stderr)
                codes.setdefault('?unresolved', []).append(str(f))
            for code in got:
                codes.setdefault(code, []).append(str(f.relative_to(root)))
    return codes


def label_keys(path):
    text = path.read_text(encoding='utf-8')
    body = text[text.index('actions'):]
    body = balanced(body, body.index('{') + 1, '{', '}')
    return set(re.findall(r"'([a-z_]+(?:\.[a-z_]+)+)'\s*:", body))


def main(argv):
    root = Path(argv[1] if len(argv) > 1 and not argv[1].startswith('-') else
                Path(__file__).resolve().parents[2])
    codes = server_codes(root)
    if '--list' in argv:
        print('\n'.join(sorted(codes)))
        return 0
    failed = '?unresolved' in codes
    codes.pop('?unresolved', None)
    if len(codes) < 50:
        print(f'only {len(codes)} audit codes found: the scan is broken')
        return 1
    for lang in ('zh-CN', 'en'):
        keys = label_keys(root / 'web/src/i18n' / f'audit-labels.{lang}.ts')
        for code in sorted(set(codes) - keys):
            print(f'audit action {code} ({codes[code][0]}) has no {lang} label')
            failed = True
        for code in sorted(keys - set(codes)):
            print(f'audit-labels.{lang}.ts labels {code}, which the server never writes')
            failed = True
    if not failed:
        print(f'{len(codes)} audit action codes, each with a zh-CN and an en label')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
