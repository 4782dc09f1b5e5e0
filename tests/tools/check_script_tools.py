#!/usr/bin/env python3
"""Every command a script of the repository calls is installed by scripts/install-deps.sh.

Reads every *.sh under scripts/, bench/, tests/ and .ci/ (and .ci/run), takes the first
word of each simple command (after |, ||, &&, ;, (, $(, `, then/do/else, time, exec,
command, env, sudo-like wrappers), drops shell builtins and keywords, functions and
variables the script defines (or a repository script it sources defines), and paths
inside the repository, and then asks dpkg which
package owns each remaining command. The check fails on a command that is not installed
at all, or whose package is neither in install-deps' APT_PACKAGES nor part of every
Debian system (Essential: yes, or Priority: required). Node.js tools (node, npm, npx)
count as provided: install-deps installs them when missing.

Prints one line per command: the command, its package and why it is provided.
Exit status 1 when any command is not provided.
"""
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

BUILTINS = set("""
. : [ [[ ]] alias bg bind break builtin caller case cd command compgen complete continue
declare dirs disown do done echo elif else enable esac eval exec exit export false fc fg fi
for function getopts hash help history if in jobs kill let local logout mapfile popd printf
pushd pwd read readarray readonly return select set shift shopt source suspend test then
time times trap true type typeset ulimit umask unalias unset until wait while { } ! coproc
""".split())
# Wrappers whose first argument is the real command.
WRAPPERS = {"time", "exec", "command", "env", "nohup", "runuser", "timeout", "nice", "xargs"}
NODE_TOOLS = {"node", "npm", "npx"}


def apt_packages():
    text = open(os.path.join(ROOT, "scripts", "install-deps.sh"), encoding="utf-8").read()
    m = re.search(r"APT_PACKAGES=\((.*?)\)", text, re.S)
    if not m:
        sys.exit("install-deps.sh has no APT_PACKAGES=( … ) list")
    words = []
    for line in m.group(1).splitlines():
        words += line.split("#", 1)[0].split()
    return set(words)


def scripts():
    out = [os.path.join(ROOT, ".ci", "run")] if os.path.exists(os.path.join(ROOT, ".ci", "run")) else []
    for top in ("scripts", "bench", "tests", ".ci"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, top)):
            dirnames[:] = [d for d in dirnames if d != "node_modules"]
            for f in filenames:
                path = os.path.join(dirpath, f)
                if f.endswith(".sh"):
                    out.append(path)
    return sorted(out)


def strip_heredocs(lines):
    out, end = [], None
    for line in lines:
        if end is not None:
            if line.strip() == end:
                end = None
            out.append("")
            continue
        m = re.search(r"<<-?\s*['\"]?(\w+)['\"]?", line)
        if m:
            end = m.group(1)
        out.append(line)
    return out


def scan(text):
    """Blanks comments and quoted text (keeping $( … ) inside double quotes), so that
    only code remains; line breaks stay where they were."""
    out, stack, i, n = [], ["code"], 0, len(text)
    while i < n:
        c, state = text[i], stack[-1]
        if state == "single":
            if c == "'":
                stack.pop()
            out.append("\n" if c == "\n" else " ")
            i += 1
            continue
        if state == "double":
            if c == "\\":
                out.append("  ")
                i += 2
                continue
            if c == '"':
                stack.pop()
                out.append(" ")
                i += 1
                continue
            if text.startswith("$(", i):
                stack.append("paren")
                out.append(" (")
                i += 2
                continue
            out.append("\n" if c == "\n" else " ")
            i += 1
            continue
        # code or inside parentheses
        if c == "#" and (i == 0 or text[i - 1] in " \t\n;(|&"):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
            continue
        if c == "\\":
            out.append("  " if i + 1 < n and text[i + 1] != "\n" else " \n")
            i += 2
            continue
        # A quoted word becomes the placeholder Q: a command named by a variable
        # ("$PEIXUN_BIN" demo …) is then skipped, not read as "demo".
        if c == "'":
            stack.append("single")
            out.append("Q")
        elif c == '"':
            stack.append("double")
            out.append("Q")
        elif c == "(":
            stack.append("paren")
            out.append("(")
        elif c == ")":
            if stack[-1] == "paren":
                stack.pop()
            out.append(")")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def cleaned(text):
    """The script with heredocs, comments, quoted text, arithmetic, arrays, ${…} and case
    labels blanked, keeping line breaks so that line numbers stay true."""
    text = "\n".join(strip_heredocs(text.splitlines()))
    text = scan(text)
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))
    text = re.sub(r"\$?\(\((?:[^()]|\([^()]*\))*\)\)", blank, text)  # (( )) and $(( ))
    text = re.sub(r"\b\w+\+?=\([^)]*\)", blank, text)            # arrays NAME=( … )
    text = re.sub(r"(?m)^\s*[\w|*.\-]+\)", blank, text)            # case labels
    text = re.sub(r"\$\{[^}]*\}", blank, text)                     # ${…} expansions
    return text


def functions_of(text):
    return set(re.findall(r"^\s*(?:function\s+)?([A-Za-z_][\w-]*)\s*\(\)", text, re.M))


def sourced_functions(text):
    """The functions of the repository's scripts that `text` sources
    (`source "$ROOT/bench/lib.sh"` or `. …/scripts/x.sh`)."""
    out = set()
    for rel in re.findall(r"(?m)^\s*(?:source|\.)\s+\S*?((?:bench|scripts|tests)/[\w./-]+\.sh)", text):
        path = os.path.join(ROOT, rel)
        if os.path.exists(path):
            out |= functions_of(open(path, encoding="utf-8").read())
    return out


def commands_of(path):
    text = open(path, encoding="utf-8").read()
    defined = functions_of(text) | sourced_functions(text)
    found = {}
    for lineno, code in enumerate(cleaned(text).split("\n"), 1):
        for segment in re.split(r"\|\||&&|[|;&`]|\$\(|\(|\)|\bthen\b|\bdo\b|\belse\b|\bif\b|\bwhile\b|\buntil\b", code):
            words = segment.split()
            while words and (re.match(r"^[A-Za-z_]\w*\+?=", words[0]) or words[0] in WRAPPERS
                             or words[0].startswith("-") or words[0] == "!"):
                words = words[1:]
            if not words:
                continue
            w = words[0]
            if w in BUILTINS or w in defined or w.startswith("Q"):
                continue
            if not re.match(r"^[A-Za-z][\w.+-]*$", w):
                continue
            found.setdefault(w, f"{os.path.relpath(path, ROOT)}:{lineno}")
    return found


def package_of(dpkg_output):
    """The package named by `dpkg -S` (its "diversion by … from/to" lines skipped)."""
    for line in dpkg_output.splitlines():
        if not line.startswith("diversion by "):
            return line.split(":", 1)[0].split(",")[0].strip()
    return ""


def owner(cmd):
    path = shutil.which(cmd)
    if not path:
        return None, None
    for candidate in (path, os.path.realpath(path)):
        r = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if r.returncode == 0:
            return path, package_of(r.stdout)
        # /bin is a link to /usr/bin on merged-/usr systems: ask for the other spelling.
        alt = candidate.replace("/usr/bin/", "/bin/", 1) if candidate.startswith("/usr/bin/") else candidate.replace("/bin/", "/usr/bin/", 1)
        r = subprocess.run(["dpkg", "-S", alt], capture_output=True, text=True)
        if r.returncode == 0:
            return path, package_of(r.stdout)
    return path, ""


def closure(packages):
    """The installed packages that `packages` depend on, recursively (with themselves)."""
    seen, todo = set(), list(packages)
    while todo:
        pkg = todo.pop()
        if pkg in seen:
            continue
        seen.add(pkg)
        r = subprocess.run(["dpkg-query", "-W", "-f=${Depends}, ${Pre-Depends}", pkg],
                           capture_output=True, text=True)
        if r.returncode != 0:
            continue
        for alt in r.stdout.split(","):
            for dep in alt.split("|"):
                name = dep.strip().split(" ", 1)[0].split(":", 1)[0]
                if name:
                    todo.append(name)
    return seen


def base_package(pkg):
    r = subprocess.run(["dpkg-query", "-W", "-f=${Essential} ${Priority}", pkg],
                       capture_output=True, text=True)
    return r.returncode == 0 and (r.stdout.startswith("yes") or "required" in r.stdout)


def main():
    wanted = closure(apt_packages())
    commands = {}
    for s in scripts():
        for cmd, where in commands_of(s).items():
            commands.setdefault(cmd, where)
    bad = 0
    for cmd in sorted(commands):
        where = commands[cmd]
        if cmd in NODE_TOOLS:
            print(f"ok   {cmd:16} nodejs/npm        installed by install-deps when missing ({where})")
            continue
        path, pkg = owner(cmd)
        if path is None:
            print(f"FAIL {cmd:16} not installed      called at {where}")
            bad += 1
        elif pkg in wanted:
            print(f"ok   {cmd:16} {pkg:17} from APT_PACKAGES")
        elif pkg and base_package(pkg):
            print(f"ok   {cmd:16} {pkg:17} part of every Debian system")
        else:
            print(f"FAIL {cmd:16} {pkg or path:17} not in APT_PACKAGES, called at {where}")
            bad += 1
    print(f"{len(commands) - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
