#!/usr/bin/env python3
"""Every source file with translatable strings is listed in po/POTFILES.in,
and every listed file exists."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
listed = set()
for line in (root / "po" / "POTFILES.in").read_text(encoding="utf-8").splitlines():
    line = line.strip()
    if line and not line.startswith("#"):
        listed.add(line)

marks = re.compile(r'(\b_\(\s*"|\bN_\(\s*"|\bC_\(\s*"|\bg_dngettext\s*\(|\bngettext\s*\(|translatable="yes")')
found = set()
for sub in ("lib", "app", "ui", "data"):
    for path in (root / sub).rglob("*"):
        if path.suffix not in (".c", ".ui", ".in", ".xml") or not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        if rel.endswith(".gresource.xml") or rel.startswith("data/corpus"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if marks.search(text) or rel.endswith((".desktop.in.in", ".metainfo.xml.in.in", ".gschema.xml")):
            found.add(rel)

failures = []
for rel in sorted(found - listed):
    failures.append(f"{rel}: has translatable strings but is not in po/POTFILES.in")
for rel in sorted(listed):
    if not (root / rel).exists():
        failures.append(f"{rel}: listed in po/POTFILES.in but does not exist")
for f in failures:
    print(f)
print(f"{len(found)} translatable files, {len(listed)} listed")
sys.exit(1 if failures else 0)
