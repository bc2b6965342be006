/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The entry points the fuzzers (tests/fuzz/fuzz-*.c, built with
 * -Dfuzzing=true) and the crash regressions (test-fuzz-regressions, built
 * always) share: each takes any bytes and must neither crash, nor read or
 * write out of bounds, nor leak.
 *
 *  - import: the first byte picks the file name (and so the extension the
 *    importer's sniffing is helped by); the rest is the file.
 *  - extract: the first byte picks English or Chinese framing, a title and
 *    a publication date; the rest, made valid UTF-8, is the article.
 *  - search: the bytes, made valid UTF-8, are what a user types into the
 *    search box, run against a small store in memory.
 *  - tokenize: the bytes as they are, invalid UTF-8 included, through the
 *    full-text tokenizer (cited-fts.c) as a text to index and as a query;
 *    every token must be UTF-8 and lie in the input.
 */
void cited_fuzz_import  (const guint8 *data,
                         gsize         size);
void cited_fuzz_extract (const guint8 *data,
                         gsize         size);
void cited_fuzz_search  (const guint8 *data,
                         gsize         size);
void cited_fuzz_tokenize (const guint8 *data,
                          gsize         size);

/* Releases what the targets keep between calls (the lexicon, the store). */
void cited_fuzz_cleanup (void);

G_END_DECLS
