#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Pick the held-out evaluation articles from the shared corpora.

The pick is random with a fixed seed so it can be repeated: given the same
corpora and seed it prints (and with --write copies) the same files. It runs
once, before any extractor change is measured against the set; the list it
made is recorded in docs/evaluation.md and tests/fixtures/heldout/annotations.json.

    tools/pick-heldout.py ../shared/corpora [--seed N] [--write tests/fixtures/heldout]
"""

import argparse
import os
import random
import re
import sys
import html
import xml.etree.ElementTree as ET

COUNTS = {"bbc/business": 12, "bbc/tech": 6, "reuters": 8, "rss": 6, "xda_zh": 8}

# Short enough to annotate by hand with care.
MAX_CHARS = {"bbc/business": 4000, "bbc/tech": 4000, "reuters": 4000, "xda_zh": 3500}

# A Chinese article is eligible when it cites at least one market figure
# (an amount of money, units sold, users, a share); most XDA posts are ROM
# notes or spec sheets with none ("1600万像素" is a spec, not a figure).
ZH_FIGURE = re.compile(r"[0-9][0-9.,]*\s*(万台|万部|万用户|万名|万人|亿|%|％|美元|人民币|元|欧元|英镑|卢比)")


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def rss_items(root):
    """Distinct items (by guid, else title) of every feed, in a stable order."""
    items = {}
    for feed in sorted(os.listdir(root)):
        folder = os.path.join(root, feed)
        for name in sorted(os.listdir(folder)):
            tree = ET.parse(os.path.join(folder, name))
            for item in tree.iter("item"):
                title = (item.findtext("title") or "").strip()
                desc = item.findtext("description") or ""
                # The description is HTML (an image, a section link): keep its text.
                desc = html.unescape(re.sub(r"<[^>]*>", " ", desc))
                desc = re.sub(r"\s+", " ", desc).strip()
                guid = (item.findtext("guid") or title).strip()
                if guid not in items:
                    items[guid] = (feed, name, title, desc)
    return [items[k] for k in sorted(items)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora")
    ap.add_argument("--seed", type=int, default=20250509)
    ap.add_argument("--write", metavar="DIR")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    picks = []  # (group, source, fixture name, text)

    for group in ("bbc/business", "bbc/tech", "reuters", "xda_zh"):
        folder = os.path.join(args.corpora, group)
        names = sorted(n for n in os.listdir(folder)
                       if n.endswith((".txt", ".md")) and n.upper() != "README.MD")
        eligible = []
        for n in names:
            text = read(os.path.join(folder, n))
            if len(text) > MAX_CHARS[group]:
                continue
            if group == "xda_zh" and not ZH_FIGURE.search(text):
                continue
            eligible.append((n, text))
        for n, text in rng.sample(eligible, COUNTS[group]):
            fixture = group.replace("/", "-") + "-" + n
            if group == "reuters":
                fixture = "reuters-" + n
            picks.append((group, group + "/" + n, fixture, text))

    # RSS items: distinct items with a digit in their text (most have no figure at all).
    items = [i for i in rss_items(os.path.join(args.corpora, "rss_feeds"))
             if re.search(r"[0-9]", i[2] + " " + i[3])]
    for k, (feed, name, title, desc) in enumerate(rng.sample(items, COUNTS["rss"])):
        fixture = "rss-%s-%d.txt" % (feed, k + 1)
        picks.append(("rss", "rss_feeds/%s/%s: %s" % (feed, name, title), fixture,
                      title + "\n\n" + desc + "\n"))

    for group, source, fixture, text in picks:
        print("%s\t%s\t%s" % (group, fixture, source))
        if args.write:
            with open(os.path.join(args.write, fixture), "w", encoding="utf-8") as f:
                f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
