#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks what libcited exports against what its headers declare, as a
program built on the library sees it:

- every function the installed headers declare carries
  CITED_AVAILABLE_IN_ALL and is exported from libcited.so;
- libcited.so exports nothing else but the CITED_PRIVATE_API functions of
  the private (not installed) headers, which Cited's own tests use;
- no installed header includes a private one, and <cited.h> includes every
  installed header.

Usage: check-symbols.py LIBCITED.so PRIVATE_HEADERS... -- INSTALLED_HEADERS...

Output is TAP."""
import os
import re
import subprocess
import sys

args = sys.argv[1:]
library = args.pop(0)
split = args.index("--")
private_headers, installed_headers = args[:split], args[split + 1:]

results = []


def report(ok, name, detail=""):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} {name}")
    for line in str(detail).rstrip().splitlines():
        print(f"# {line}")


def declarations(path):
    """(name, macro) of every function declared at the top level of @path,
    macro being the export macro before it or None."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r"^\s*#[^\n]*(\\\n[^\n]*)*", " ", text, flags=re.M)
    text = re.sub(r"\bG_DEFINE_\w+\s*\([^)]*\)", ";", text)
    found = []
    for m in re.finditer(r"(CITED_AVAILABLE_IN_ALL|CITED_PRIVATE_API)?\s*"
                         r"G_DECLARE_\w+\s*\(\s*\w+\s*,\s*(\w+)[^)]*\)", text):
        found.append((m.group(2) + "_get_type", m.group(1)))
    text = re.sub(r"\bG_DECLARE_\w+\s*\([^)]*\)", ";", text)
    depth = 0
    statement = ""
    for ch in text:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                statement = ""
            continue
        if depth:
            continue
        if ch != ";":
            statement += ch
            continue
        s = " ".join(statement.split())
        statement = ""
        if s.startswith(("typedef", "static", "struct", "enum", "G_")):
            s = re.sub(r"^(G_BEGIN_DECLS|G_END_DECLS) ?", "", s)
            if s.startswith(("typedef", "static", "struct", "enum", "G_")):
                continue
        m = re.search(r"(\w+) ?\(", s)
        if m:
            macro = re.match(r"(CITED_AVAILABLE_IN_ALL|CITED_PRIVATE_API)\b", s)
            found.append((m.group(1), macro.group(1) if macro else None))
    return found


nm = subprocess.run(["nm", "-D", "--defined-only", library],
                    capture_output=True, text=True, check=True)
exported = {line.split()[-1] for line in nm.stdout.splitlines()
            if line.split() and line.split()[-2] in "TDBR"}

public = {}
for header in installed_headers:
    for name, macro in declarations(header):
        public[name] = (os.path.basename(header), macro)
private = {name for header in private_headers
           for name, macro in declarations(header)
           if macro == "CITED_PRIVATE_API"}

unmarked = sorted(f"{name} ({h})" for name, (h, macro) in public.items()
                  if macro != "CITED_AVAILABLE_IN_ALL")
report(not unmarked and len(public) > 100,
       f"the {len(public)} functions of the installed headers are marked "
       "CITED_AVAILABLE_IN_ALL", "\n".join(unmarked))

missing = sorted(name for name in public if name not in exported)
report(not missing, "libcited.so exports every public function",
       "\n".join(missing))

extra = sorted(exported - set(public) - private)
report(not extra, f"libcited.so exports nothing else ({len(exported)} "
       f"symbols, {len(exported & private)} of them private API)",
       "\n".join(extra))

names = {os.path.basename(h) for h in installed_headers}
leaks = []
umbrella = None
for header in installed_headers:
    with open(header, encoding="utf-8") as f:
        included = re.findall(r'^#include ["<]([^">]+)[">]', f.read(), re.M)
    leaks += [f"{os.path.basename(header)} includes {i}" for i in included
              if i.endswith("-private.h") or i == "config.h"]
    if os.path.basename(header) == "cited.h":
        umbrella = set(included)
report(not leaks, "installed headers include no private header",
       "\n".join(leaks))
unlisted = sorted(names - {"cited.h"} - (umbrella or set()))
report(umbrella is not None and not unlisted,
       "<cited.h> includes every installed header", "\n".join(unlisted))

print(f"1..{len(results)}")
sys.exit(0 if all(results) else 1)
