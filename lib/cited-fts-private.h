/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "cited-macros.h"

G_BEGIN_DECLS

/* The full-text tokenizer of articles_fts, "cited" to FTS5. Words of
 * alphabetic scripts folded for case and diacritics; inside a word, the
 * parts between case changes and between letters and digits ("Xiaomi" and
 * "Cars" in "XiaomiCars") as tokens of their own, with every run of
 * adjacent parts colocated; CJK text (Han, kana, Hangul) as one token per
 * character with the bigram starting there colocated. Queries are
 * tokenized the same way, so that a phrase of bigrams closed by a unigram
 * finds CJK text of any length. */

/* Registers the tokenizer on @db, and cited_body() through which the
 * index reads the bodies it shows (cited-body-private.h); returns an
 * SQLite result code. The store does on every connection it opens;
 * exported for the tests, which open databases of their own. */
CITED_PRIVATE_API
int   cited_fts_register (sqlite3    *db);

/* Called each time the tokenizer reads a column of a document for the
 * index (an insert, a delete, each row of a rebuild), in the connection's
 * thread. */
typedef void (*CitedFtsDocumentFunc) (gpointer user_data);

/* cited_fts_register() with @func told of every document tokenized: how
 * the store reports the progress of rebuilding the index. */
int   cited_fts_register_full (sqlite3              *db,
                               CitedFtsDocumentFunc  func,
                               gpointer              user_data);

/* Whether @c is indexed as CJK text (Han, kana, Hangul). */
gboolean cited_fts_is_cjk (gunichar c);

/* Whether @text (UTF-8, NUL-terminated) has a token: a letter, digit or
 * CJK character. */
CITED_PRIVATE_API
gboolean cited_fts_has_tokens (const char *text);

/* The tokens of @text (@length bytes, any bytes), as the index (or, with
 * @query, a query) sees them: tokens separated by spaces, a colocated
 * token joined to the one before by "|". For the tests. */
CITED_PRIVATE_API
char *cited_fts_describe (const char *text,
                          gsize       length,
                          gboolean    query);

G_END_DECLS
