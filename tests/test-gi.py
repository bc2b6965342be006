#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""libcited from Python, through GObject Introspection and the built
Cited-1.typelib: a store is opened, the sample corpus imported, Xiaomi's
figures listed and a chart of them drawn to a PNG; the list models, an
asynchronous read and the store's changed signal. Prints TAP."""

import os
import sys
import tempfile

import gi

gi.require_version("Cited", "1")
from gi.repository import Cited, GLib  # noqa: E402

CORPUS = os.path.join(os.environ["CITED_SOURCE_ROOT"], "data", "corpus")
results = []


def check(ok, what):
    results.append((bool(ok), what))


def check_models(store, figures):
    articles = Cited.ArticleList.new(store)
    query = Cited.Query()
    query.search = "Xiaomi"
    articles.set_query(query)
    n = articles.get_n_items()
    check(n > 0 and articles.get_item_type() == Cited.ArticleItem.__gtype__
          and articles.get_n_loaded() == 0,
          "an article list of a search has rows and reads none before asked (%d)" % n)
    first = articles.get_item(0).get_article()
    check(first is not None and first.title and "\x02Xiaomi\x03" in (first.snippet or ""),
          "a row is read when asked for, the search's word marked in its snippet")
    ranges = Cited.search_match_ranges("XiaomiCars sold phones", "xiaomi phone")
    check(list(ranges) == [0, 6, 16, 21],
          "the search's words are found where the search finds them (%s)" % list(ranges))

    objects = [Cited.FigureObject.new(f) for f in figures]
    rows = Cited.FigureList.new()
    changes = []
    rows.connect("items-changed", lambda model, p, r, a: changes.append((p, r, a)))
    rows.replace_all(objects)
    del objects
    check(rows.get_n_items() == len(figures) and changes == [(0, 0, len(figures))],
          "a figure list takes every row at once, in one change")
    last = rows.get_item(len(figures) - 1)
    check(rows.find(last.get_id()) == len(figures) - 1 and last.props.brand == "Xiaomi"
          and rows.get_item(0).dup_formatted_value() != "",
          "its rows show their figures' fields as properties")


def check_async(store):
    loop = GLib.MainLoop()
    got = {}

    def listed(source, result):
        got["articles"] = source.list_articles_finish(result)
        loop.quit()

    store.list_articles_async(None, None, listed)
    loop.run()
    check(len(got["articles"]) == 5, "the articles are listed in a worker thread")

    def changed(source, changes):
        got["changes"] = changes
        loop.quit()

    store.connect("changed", changed)
    before = store.get_generation(Cited.StoreChange.BRANDS)
    store.set_brand_color("Xiaomi", "#ff6900")
    loop.run()
    check(got["changes"] & Cited.StoreChange.BRANDS
          and store.get_generation(Cited.StoreChange.BRANDS) == before + 1,
          "a brand's new colour is told as a change of the brands")


def main():
    with tempfile.TemporaryDirectory(prefix="cited-test-gi-") as tmp:
        store = Cited.Store.open(os.path.join(tmp, "cited.db"))
        result = Cited.import_paths(store, [CORPUS], True, None, None, None)
        check(result.n_added == 5 and len(result.rejected) == 0,
              "the sample corpus imports: 5 articles, none refused (%d, %d)"
              % (result.n_added, len(result.rejected)))

        query = Cited.Query()
        query.brand = "Xiaomi"
        figures = store.list_figures(query)
        check(len(figures) > 0 and all(f.brand == "Xiaomi" for f in figures),
              "Xiaomi's figures are listed, and only Xiaomi's (%d)" % len(figures))
        overseas = [f for f in figures
                    if f.metric == "sales" and f.scope == "overseas" and f.value == 140e6]
        check(overseas and overseas[0].year == 2021 and overseas[0].unit == "units",
              "140 million units sold overseas in 2021 is among them, with its sentence")
        check(overseas and "140 million" in overseas[0].sentence,
              "the figure keeps the sentence it was found in")

        query.metric = "sales"
        chart = Cited.Chart.new_figures(store, query)
        png = os.path.join(tmp, "xiaomi-sales.png")
        check(chart.export(png, 800, 500), "the chart of Xiaomi's sales exports")
        with open(png, "rb") as f:
            head = f.read(8)
        check(head == b"\x89PNG\r\n\x1a\n" and os.path.getsize(png) > 2000,
              "the file written is a PNG with a chart in it (%d bytes)" % os.path.getsize(png))

        stats = store.brand_stats(None)
        xiaomi = [b for b in stats if b.name == "Xiaomi"]
        check(xiaomi and xiaomi[0].articles == 5,
              "the brands' statistics say Xiaomi is in all 5 articles")

        check_models(store, figures)
        check_async(store)

    print("1..%d" % len(results))
    for n, (ok, what) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", n, what))
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
