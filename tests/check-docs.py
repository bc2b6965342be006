#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks libcited's generated API reference (gi-docgen) as a reader finds
it: the index leads to the "Using libcited" page, to CitedStore, to
cited_extract and to CitedFigure; those pages describe what they document;
and no link inside the reference leads nowhere.

Usage: check-docs.py DOCDIR

Output is TAP."""
import html
import os
import re
import sys

docdir = sys.argv[1]
results = []


def report(ok, name, detail=""):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} {name}")
    for line in str(detail).rstrip().splitlines():
        print(f"# {line}")


def page(name):
    path = os.path.join(docdir, name)
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as f:
        return f.read()


def text(page_html):
    """The words a reader sees, without markup and scripts."""
    t = re.sub(r"<(script|style)\b.*?</\1>", " ", page_html or "", flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", t)))


def links(page_html):
    return set(re.findall(r'href="([^"#:]+\.html)(?:#[^"]*)?"', page_html or ""))


print("TAP version 13")

index = page("index.html")
wanted = ["libcited.html", "class.Store.html", "func.extract.html", "struct.Figure.html"]
report(index is not None and all(w in links(index) for w in wanted),
       "the index links the Using libcited page, CitedStore, cited_extract and CitedFigure",
       "missing: " + ", ".join(w for w in wanted if w not in links(index)))

store = text(page("class.Store.html"))
report("cited_store_open" in store and "cited_store_list_figures" in store
       and "SQLite" in store.split("Ancestors")[0],
       "CitedStore's page says what a store is and documents cited_store_open and list_figures",
       store[:600])

extract = text(page("func.extract.html"))
description = extract.split("Description", 1)[-1].split("Parameters", 1)[0]
report("cited_extract (" in extract and "No description available" not in description
       and "figures" in description,
       "cited_extract's page has its declaration and a description", description[:400])

figure = text(page("struct.Figure.html"))
members = figure.split("Structure members", 1)[-1]
report("CitedFigure" in figure and "190000000" in members
       and "No description available" not in members.split("Constructors")[0],
       "CitedFigure's page describes each of its fields (value: 190 million is 190000000)",
       members[:600])

# What the examples of the Using libcited page call, each documented.
example_pages = ["type_func.Store.open.html", "func.import_paths.html", "ctor.Query.new.html",
                 "method.Store.list_figures.html", "method.Store.list_articles.html",
                 "method.Store.get_article.html", "method.Store.get_figure.html",
                 "ctor.Chart.new_figures.html", "method.Chart.export.html",
                 "method.Figure.ref.html", "method.Figure.unref.html", "method.Query.free.html"]
undescribed = [p for p in example_pages
               if page(p) is None or "No description available" in text(page(p))]
report(not undescribed,
       "every function the examples call has a description and documented arguments",
       "undescribed: " + ", ".join(undescribed))

guide = text(page("libcited.html"))
report("pkg-config --cflags --libs cited-1" in guide and "190 million units" in guide
       and "gi.require_version" in guide,
       "the Using libcited page shows how to build against cited-1 and both examples",
       guide[:400])

broken = []
for name in sorted(os.listdir(docdir)) if os.path.isdir(docdir) else []:
    if name.endswith(".html"):
        for target in links(page(name)):
            if not os.path.isfile(os.path.join(docdir, target)):
                broken.append(f"{name} -> {target}")
report(index is not None and not broken, "no link inside the reference leads nowhere",
       "\n".join(broken[:20]))

print(f"1..{len(results)}")
sys.exit(0 if all(results) else 1)
