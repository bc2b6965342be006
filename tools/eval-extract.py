#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Score cited-cli's figure extraction against the hand-annotated held-out set.

    tools/eval-extract.py [CITED_CLI] [HELDOUT_DIR] [--json] [--details]

CITED_CLI defaults to _build/app/cited-cli and HELDOUT_DIR to
tests/fixtures/heldout, both relative to the source tree this script is in.
The articles are imported into a fresh temporary database, so neither the
user's database nor their brand lexicon takes part. Standard library only.

An annotated figure is found when an extracted figure of the same article has
the same value (0.5% relative tolerance, sign ignored; money in its base unit).
When several extracted figures qualify, the one whose text matches the
annotation's surface text wins, then the earliest. Each extracted figure
answers for at most one annotated figure.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

GROUPS = ("bbc", "reuters", "rss", "xda_zh")
TOLERANCE = 0.005


def group_of(filename):
    for g in ("xda_zh", "reuters", "rss", "bbc"):
        if filename.startswith(g):
            return g
    return "other"


def norm_name(name):
    """A company name compared loosely: case, spaces, punctuation and a
    trailing corporate suffix do not count."""
    s = name.casefold().replace("’", "'")
    s = re.sub(r"[\s.,'&()-]+", " ", s).strip()
    s = re.sub(r"\s+(inc|corp|corporation|co|plc|ltd|ag|sa|nv|group|holdings)$", "", s)
    return s.replace(" ", "")


def acceptable_names(company, aliases):
    names = company if isinstance(company, list) else [company]
    out = set()
    for n in names:
        out.add(norm_name(n))
        for a in aliases.get(n, []):
            out.add(norm_name(a))
    return out


def value_matches(annotated, extracted):
    if extracted is None:
        return False
    a, e = abs(annotated), abs(extracted)
    if a == 0:
        return e == 0
    return abs(a - e) <= TOLERANCE * a


def text_score(ann, fig):
    """How well an extracted figure agrees with the annotation's surface text
    and its place (an annotation in the title is not in a body sentence)."""
    a = ann["text"].casefold().replace(" ", "")
    t = (fig.get("text") or "").casefold().replace(" ", "")
    score = 0
    if t and a == t:
        score = 2
    elif t and (a in t or t in a):
        score = 1
    if ann["text"] in (fig.get("sentence") or ""):
        score += 1
    return score


def run_cli(cli, db, *args):
    env = dict(os.environ)
    env.pop("CITED_DB", None)
    env["GSETTINGS_BACKEND"] = "memory"
    return subprocess.run([cli, "--db", db] + list(args), env=env, check=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True).stdout


def extract(cli, heldout, files):
    with tempfile.TemporaryDirectory(prefix="cited-eval-") as tmp:
        os.environ["XDG_DATA_HOME"] = os.path.join(tmp, "data")
        os.environ["XDG_CONFIG_HOME"] = os.path.join(tmp, "config")
        db = os.path.join(tmp, "eval.db")
        run_cli(cli, db, "import", *[os.path.join(heldout, f) for f in files])
        figures = json.loads(run_cli(cli, db, "figures", "--format", "json"))
    by_file = {}
    for fig in figures:
        by_file.setdefault(os.path.basename(fig.get("article_path") or ""), []).append(fig)
    for figs in by_file.values():
        figs.sort(key=lambda f: f["id"])
    return by_file


def match_article(annotated, extracted):
    """Pairs annotation index -> extracted figure, one to one: the pairs whose
    text agrees best go first, body annotations before title ones, then in
    reading order."""
    candidates = []
    for i, ann in enumerate(annotated):
        for j, fig in enumerate(extracted):
            if value_matches(ann["value"], fig.get("value")):
                candidates.append((-text_score(ann, fig), bool(ann.get("in_title")), i, j))
    candidates.sort()
    used, pairs = set(), {}
    for _, _, i, j in candidates:
        if i in pairs or j in used:
            continue
        pairs[i] = extracted[j]
        used.add(j)
    return pairs, used


class Tally:
    KEYS = ("annotated", "found", "extracted", "extracted_matched",
            "with_company", "company_right", "found_with_company",
            "market_found", "market_right", "money", "currency_right", "money_found")

    def __init__(self):
        for k in self.KEYS:
            setattr(self, k, 0)

    def add(self, other):
        for k in self.KEYS:
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @staticmethod
    def ratio(n, d):
        return None if d == 0 else n / d

    def summary(self):
        r = self.ratio
        return {
            "annotated": self.annotated,
            "extracted": self.extracted,
            "figures_found": r(self.found, self.annotated),
            "precision": r(self.extracted_matched, self.extracted),
            "company_right": r(self.company_right, self.with_company),
            "company_right_among_found": r(self.company_right, self.found_with_company),
            "market_wide_right": r(self.market_right, self.market_found),
            "currency_right": r(self.currency_right, self.money),
            "currency_right_among_found": r(self.currency_right, self.money_found),
            "counts": {k: getattr(self, k) for k in self.KEYS},
        }


def evaluate(doc, by_file):
    aliases = doc.get("aliases", {})
    tallies = {g: Tally() for g in GROUPS}
    details = []
    for art in doc["articles"]:
        t = tallies.setdefault(group_of(art["file"]), Tally())
        anns = art["figures"]
        figs = by_file.get(art["file"], [])
        pairs, used = match_article(anns, figs)
        t.annotated += len(anns)
        t.extracted += len(figs)
        t.extracted_matched += len(used)
        t.found += len(pairs)
        notes = []
        for i, ann in enumerate(anns):
            fig = pairs.get(i)
            if fig is None:
                notes.append(("missed", ann["text"], ann["value"], None))
            if ann.get("company"):
                t.with_company += 1
                if fig is not None:
                    t.found_with_company += 1
                    ok = fig.get("brand") and norm_name(fig["brand"]) in acceptable_names(ann["company"], aliases)
                    if ok:
                        t.company_right += 1
                    else:
                        notes.append(("company", ann["text"], ann["company"], fig.get("brand")))
            elif fig is not None:
                t.market_found += 1
                if not fig.get("brand"):
                    t.market_right += 1
                else:
                    notes.append(("company", ann["text"], None, fig.get("brand")))
            if ann.get("currency"):
                t.money += 1
                if fig is not None:
                    t.money_found += 1
                    if (fig.get("currency") or "") == ann["currency"]:
                        t.currency_right += 1
                    else:
                        notes.append(("currency", ann["text"], ann["currency"], fig.get("currency")))
        for j, fig in enumerate(figs):
            if j not in used:
                notes.append(("extra", fig.get("text"), fig.get("value"), fig.get("brand")))
        details.append({"file": art["file"], "notes": notes})
    total = Tally()
    for g in tallies.values():
        total.add(g)
    return tallies, total, details


def pct(x):
    return "   -" if x is None else "%3.0f%%" % (100 * x)


def print_table(tallies, total):
    cols = ("figures", "found", "precision", "co.right", "co.|found", "no-co ok", "cur.right", "cur.|found")
    print("%-8s %8s %6s %9s %8s %9s %8s %9s %10s" % (("group",) + cols))
    rows = [(g, tallies[g]) for g in tallies] + [("all", total)]
    for name, t in rows:
        s = t.summary()
        print("%-8s %8d %6s %9s %8s %9s %8s %9s %10s" % (
            name, s["annotated"], pct(s["figures_found"]), pct(s["precision"]),
            pct(s["company_right"]), pct(s["company_right_among_found"]),
            pct(s["market_wide_right"]), pct(s["currency_right"]),
            pct(s["currency_right_among_found"])))
    c = total.summary()["counts"]
    print("\nfound %d of %d annotated figures; %d of %d extracted figures are annotated ones;"
          % (c["found"], c["annotated"], c["extracted_matched"], c["extracted"]))
    print("company right %d of %d (%d found); market-wide left without company %d of %d found;"
          % (c["company_right"], c["with_company"], c["found_with_company"], c["market_right"], c["market_found"]))
    print("currency right %d of %d money figures (%d found)."
          % (c["currency_right"], c["money"], c["money_found"]))


def print_details(details):
    labels = {"missed": "missed  ", "company": "company ", "currency": "currency", "extra": "extra   "}
    for d in details:
        if not d["notes"]:
            continue
        print("\n== %s" % d["file"])
        for kind, text, want, got in d["notes"]:
            if kind == "missed":
                print("  %s %-24s value %g" % (labels[kind], text, want))
            elif kind == "extra":
                print("  %s %-24s value %s brand %s" % (labels[kind], text, want, got))
            else:
                print("  %s %-24s want %s got %s" % (labels[kind], text, want, got))


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cli", nargs="?", default=os.path.join(root, "_build", "app", "cited-cli"))
    ap.add_argument("heldout", nargs="?", default=os.path.join(root, "tests", "fixtures", "heldout"))
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--details", action="store_true", help="list misses, wrong companies and currencies, and extra figures per article")
    args = ap.parse_args()

    with open(os.path.join(args.heldout, "annotations.json"), encoding="utf-8") as f:
        doc = json.load(f)
    files = [a["file"] for a in doc["articles"]]
    by_file = extract(os.path.abspath(args.cli), args.heldout, files)
    tallies, total, details = evaluate(doc, by_file)

    if args.json:
        out = {"groups": {g: t.summary() for g, t in tallies.items()}, "all": total.summary()}
        if args.details:
            out["details"] = details
        json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
        print()
        return 0
    print_table(tallies, total)
    if args.details:
        print_details(details)
    return 0


if __name__ == "__main__":
    sys.exit(main())
