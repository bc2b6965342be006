#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""libcited from Python (PyGObject and Cited-1.typelib):

    python3 xiaomi-sales.py CORPUS_FOLDER OUTPUT.png

Imports the articles of CORPUS_FOLDER into a store in a temporary folder,
prints Xiaomi's sales figures with their scope and period, and draws them
as a chart. Exits with 1 when it finds none."""

import os
import sys
import tempfile

import gi

gi.require_version("Cited", "1")
from gi.repository import Cited  # noqa: E402


def main(corpus, output):
    with tempfile.TemporaryDirectory(prefix="xiaomi-sales-") as tmp:
        store = Cited.Store.open(os.path.join(tmp, "cited.db"))
        result = Cited.import_paths(store, [corpus], True, None, None, None)
        print(f"{result.n_added} articles imported")

        query = Cited.Query()
        query.brand, query.metric = "Xiaomi", "sales"
        figures = store.list_figures(query)
        for figure in figures:
            print(f"{figure.text}\t{figure.scope or ''}\t{figure.year}")

        Cited.Chart.new_figures(store, query).export(output, 1200, 800)
        print(output)
        return 0 if figures else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(f"Usage: {sys.argv[0]} CORPUS_FOLDER OUTPUT.png")
    sys.exit(main(sys.argv[1], sys.argv[2]))
