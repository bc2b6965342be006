#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Pick the held-out evaluation articles from the shared corpora.

The pick is random with a fixed seed so it can be repeated: given the same
corpora and seed it prints (and with --write copies) the same files. It runs
once, before any extractor change is measured against the set; the list it
made is recorded in docs/evaluation.md and tests/fixtures/heldout/annotations.json.

    tools/pick-heldout.py ../shared/corpora [--seed N] [--write tests/fixtures/heldout]
        [--exclude tests/fixtures/heldout] [--counts bbc/business=8,bbc/tech=4,...]
        [--avoid tests/test-extractor.c ...]

--exclude (repeatable) takes a set's folder or its annotations.json and leaves
out every article that set already holds, compared by source path (for an RSS
item, its feed file and title) and by text (a shared run of words, as for
--avoid), before the draw; --counts changes how many
articles each group gets; --avoid (repeatable) leaves out every article that
shares a run of eight words (twelve characters, eight of them Chinese) with the given files,
the extractor's table tests and notes, whose sentences were read while it was
written. Without them the draw is the first set's.
"""

import argparse
import json
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


def excluded_sets(paths):
    """Source paths and fixture files of the articles of the given sets
    (folders or annotations.json files)."""
    sources, files = set(), []
    for path in paths or []:
        if os.path.isdir(path):
            path = os.path.join(path, "annotations.json")
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        sources.update(a["source"] for a in doc["articles"])
        files += [os.path.join(os.path.dirname(path), a["file"]) for a in doc["articles"]]
    return sources, files


CJK = re.compile(r"[\u4e00-\u9fff]")


def shingles(text):
    """Runs of eight words (letters and digits, case ignored) and of twelve
    characters of which eight are Chinese (not the "原文：<https://..." line
    every XDA post opens with)."""
    out = set()
    text = re.sub(r"(https?://|www\.)\S+", " ", text)  # links are shared by related posts
    words = re.findall(r"[a-z0-9]+", text.lower())
    for i in range(len(words) - 7):
        out.add(" ".join(words[i:i + 8]))
    for line in text.splitlines():
        if CJK.search(line):
            for i in range(len(line) - 11):
                run = line[i:i + 12]
                if len(CJK.findall(run)) >= 8:
                    out.add(run)
    return out


def avoided_runs(paths):
    runs = set()
    for path in paths:
        runs |= shingles(read(path))
    return runs


def quoted(text, avoid):
    return not avoid.isdisjoint(shingles(text))


def parse_counts(text):
    counts = dict(COUNTS)
    for part in text.split(","):
        group, _, n = part.partition("=")
        group = group.strip()
        if group not in counts or not n.strip().isdigit():
            raise SystemExit("--counts: expected GROUP=N for groups %s, got %r"
                             % (", ".join(sorted(COUNTS)), part))
        counts[group] = int(n)
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora")
    ap.add_argument("--seed", type=int, default=20250509)
    ap.add_argument("--write", metavar="DIR")
    ap.add_argument("--exclude", metavar="SET", action="append",
                    help="a set's folder or annotations.json whose articles are not drawn again")
    ap.add_argument("--counts", metavar="GROUP=N,...",
                    help="articles per group, e.g. bbc/business=8,bbc/tech=4")
    ap.add_argument("--avoid", metavar="FILE", action="extend", nargs="+",
                    help="leave out articles that share a sentence with this file (table tests, notes)")
    args = ap.parse_args()
    counts = parse_counts(args.counts) if args.counts else COUNTS
    # A set's articles are left out by source path and by text: some XDA posts
    # are the same article under another name.
    exclude, exclude_files = excluded_sets(args.exclude)
    avoid = avoided_runs((args.avoid or []) + exclude_files)

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
            if group + "/" + n in exclude:
                continue
            if avoid and quoted(text, avoid):
                continue
            eligible.append((n, text))
        for n, text in rng.sample(eligible, counts[group]):
            fixture = group.replace("/", "-") + "-" + n
            if group == "reuters":
                fixture = "reuters-" + n
            picks.append((group, group + "/" + n, fixture, text))

    # RSS items: distinct items with a digit in their text (most have no figure at all).
    items = [i for i in rss_items(os.path.join(args.corpora, "rss_feeds"))
             if re.search(r"[0-9]", i[2] + " " + i[3])
             and "rss_feeds/%s/%s: %s" % (i[0], i[1], i[2]) not in exclude
             and not (avoid and quoted(i[2] + "\n\n" + i[3], avoid))]
    for k, (feed, name, title, desc) in enumerate(rng.sample(items, counts["rss"])):
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
