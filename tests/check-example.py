#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs one of the "Using libcited" examples (docs/examples/xiaomi-sales.*)
on the sample corpus and checks what it prints and the chart it writes.
check-install.py uses the same checks for the C example it builds against
the installed cited-1.pc.

Usage: check-example.py CORPUS COMMAND [ARG...]
(the command is given CORPUS and the PNG to write)

Output is TAP."""
import os
import subprocess
import sys
import tempfile


def example_checks(proc, png):
    """(ok, name, detail) for a finished run of an example."""
    out = proc.stdout
    lines = out.splitlines()
    figures = [line.split("\t") for line in lines if line.count("\t") == 3]
    with_png = os.path.isfile(png)
    head = open(png, "rb").read(8) if with_png else b""
    return [
        (proc.returncode == 0 and "Imported 5 articles" in lines,
         "the example imports the 5 articles of the sample corpus", out + proc.stderr),
        (["2021", "global", "sales", "190 million units"] in figures
         and ["2021", "domestic", "sales", "50 million units"] in figures,
         "it lists Xiaomi's 190 million units sold in 2021 (50 million at home)", out),
        (head == b"\x89PNG\r\n\x1a\n" and os.path.getsize(png) > 2000
         and f"Wrote {png}" in lines,
         "it writes a PNG chart of Xiaomi's sales", out),
    ]


def main():
    corpus, command = sys.argv[1], sys.argv[2:]
    print("TAP version 13")
    with tempfile.TemporaryDirectory(prefix="cited-example-") as tmp:
        png = os.path.join(tmp, "xiaomi-sales.png")
        proc = subprocess.run(command + [corpus, png], capture_output=True,
                              text=True, timeout=120)
        checks = example_checks(proc, png)
    for n, (ok, name, detail) in enumerate(checks, 1):
        print(f"{'ok' if ok else 'not ok'} {n} {name}")
        if not ok:
            for line in detail.rstrip().splitlines():
                print(f"# {line}")
    print(f"1..{len(checks)}")
    return 0 if all(ok for ok, _, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
