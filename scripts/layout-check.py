#!/usr/bin/env python3
"""The code-shape rules of docs/development.md, checked: no non-test function in src/ longer
than 80 lines, and no import cycle among the files of the folders that must have none
(credentials/, commands/s3/, http/). Prints what breaks a rule; exits 1 if anything does.

A function is measured from its `fn` line to its closing brace (strings, characters and
comments skipped); `#[cfg(test)]` modules and files named tests.rs or *_tests.rs are left out.
An import is a `super::x`, `self::x` or `crate::<folder>::x` naming a sibling file or folder.
"""
import os
import re
import sys

LIMIT = 80
ACYCLIC = ["credentials", "commands/s3", "http"]
FN = re.compile(r'^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)')


def code_only(line, state):
    """The line without strings, character literals and comments (state carries across lines)."""
    out = []
    i = 0
    while i < len(line):
        c = line[i]
        if state["block"]:
            if line.startswith("*/", i):
                state["block"] = False
                i += 2
            else:
                i += 1
            continue
        if state["str"]:
            if c == "\\":
                i += 2
                continue
            if c == '"':
                state["str"] = False
            i += 1
            continue
        if state["raw"] is not None:
            end = '"' + "#" * state["raw"]
            if line.startswith(end, i):
                i += len(end)
                state["raw"] = None
            else:
                i += 1
            continue
        if line.startswith("//", i):
            break
        if line.startswith("/*", i):
            state["block"] = True
            i += 2
            continue
        m = re.match(r'b?r(#*)"', line[i:])
        if m and (i == 0 or not (line[i - 1].isalnum() or line[i - 1] == "_")):
            state["raw"] = len(m.group(1))
            i += len(m.group(0))
            continue
        if c == '"':
            state["str"] = True
            i += 1
            continue
        m = re.match(r"b?'(\\.|[^\\'])'|b?'\\u\{[0-9a-fA-F]+\}'|b?'\\x[0-9a-fA-F]{2}'", line[i:])
        if m:
            i += len(m.group(0))
            continue
        out.append(c)
        i += 1
    return "".join(out)


def test_lines(lines, clean):
    """Which lines belong to a `#[cfg(test)] mod x { ... }`."""
    skip = [False] * len(lines)
    for k, line in enumerate(lines):
        if not line.strip().startswith("#[cfg(test)]"):
            continue
        j = k + 1
        while j < len(lines) and lines[j].strip().startswith("#["):
            j += 1
        if j < len(lines) and re.match(r"\s*(pub\s+)?mod\s+\w+\s*\{", lines[j]):
            depth, started = 0, False
            for m in range(j, len(lines)):
                depth += clean[m].count("{") - clean[m].count("}")
                started = started or "{" in clean[m]
                skip[m] = True
                if started and depth <= 0:
                    break
    return skip


def long_functions(root):
    found = []
    for folder, _, files in os.walk(root):
        for name in files:
            if not name.endswith(".rs") or name == "tests.rs" or name.endswith("_tests.rs"):
                continue
            path = os.path.join(folder, name)
            if os.sep + "tests" + os.sep in path:
                continue
            lines = open(path, encoding="utf-8").read().split("\n")
            state = {"block": False, "str": False, "raw": None}
            clean = [code_only(line, state) for line in lines]
            skip = test_lines(lines, clean)
            for k in range(len(lines)):
                m = None if skip[k] else FN.match(clean[k])
                if not m:
                    continue
                depth, started = 0, False
                for end in range(k, len(lines)):
                    if not started and ";" in clean[end] and "{" not in clean[end]:
                        break
                    depth += clean[end].count("{") - clean[end].count("}")
                    started = started or "{" in clean[end]
                    if started and depth <= 0:
                        if end - k + 1 > LIMIT:
                            found.append(f"{path}:{k + 1}: fn {m.group(6)} is {end - k + 1} lines (at most {LIMIT})")
                        break
    return found


def cycles(folder):
    """Import cycles among the files and sub-folders of src/<folder>."""
    base = os.path.join("src", folder)
    prefix = "crate::" + folder.replace("/", "::")
    mods = {}
    for name in os.listdir(base):
        path = os.path.join(base, name)
        if name.endswith(".rs") and name != "mod.rs":
            mods[name[:-3]] = path
        elif os.path.isdir(path):
            mods[name] = path
    def text(path):
        if not os.path.isdir(path):
            return [open(path, encoding="utf-8").read()]
        return [open(os.path.join(d, f), encoding="utf-8").read() for d, _, fs in os.walk(path) for f in fs if f.endswith(".rs")]
    edges = {}
    for mod, path in mods.items():
        names = set()
        for t in text(path):
            t = t.split("#[cfg(test)]\nmod tests")[0]
            if not os.path.isdir(path):
                names.update(re.findall(r"\bsuper::(\w+)", t))
                for group in re.findall(r"\bsuper::\{([^}]*)\}", t):
                    names.update(re.findall(r"\b(\w+)", group))
            names.update(re.findall(re.escape(prefix) + r"::(\w+)", t))
            for group in re.findall(re.escape(prefix) + r"::\{([^}]*)\}", t):
                names.update(re.findall(r"(?:^|,)\s*(\w+)", group))
        edges[mod] = {n for n in names if n in mods and n != mod}
    # Tarjan's strongly connected components.
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]
    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(f"src/{folder}: import cycle among {', '.join(sorted(component))}")
    for v in mods:
        if v not in index:
            visit(v)
    return found


def main():
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    problems = long_functions("src")
    for folder in ACYCLIC:
        problems += cycles(folder)
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print(f"layout: no function over {LIMIT} lines, no import cycle in {', '.join(ACYCLIC)}")


main()
