#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Using libcited from Python through GObject Introspection: opens a store in
a temporary folder, imports a corpus of articles, lists the figures cited for
Xiaomi and draws a chart of Xiaomi's sales to a PNG.

Run: python3 xiaomi-sales.py CORPUS-FOLDER CHART.png"""

import os
import sys
import tempfile

import gi

gi.require_version("Cited", "1")
from gi.repository import Cited  # noqa: E402


def describe(figure):
    # Values are normalized: "190 million units" is stored as 190000000.
    if figure.value >= 1e6:
        value = "%g million" % (figure.value / 1e6)
    else:
        value = "%g" % figure.value
    return "%d\t%s\t%s\t%s %s" % (figure.year, figure.scope or "-",
                                  figure.metric or "-", value, figure.unit or "")


def main(corpus, png):
    with tempfile.TemporaryDirectory(prefix="xiaomi-sales-") as tmp:
        store = Cited.Store.open(os.path.join(tmp, "cited.db"))
        result = Cited.import_paths(store, [corpus], True, None, None, None)
        print("Imported %d articles" % result.n_added)

        query = Cited.Query()
        query.brand = "Xiaomi"
        for figure in store.list_figures(query):
            print(describe(figure))

        query.metric = "sales"
        chart = Cited.Chart.new_figures(store, query)
        chart.export(png, 800, 500)
        print("Wrote %s" % png)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("Usage: xiaomi-sales.py CORPUS-FOLDER CHART.png")
    main(sys.argv[1], sys.argv[2])
