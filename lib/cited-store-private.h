/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include "cited-extractor.h"
#include "cited-store.h"

G_BEGIN_DECLS

/* Not installed and not part of the API: what the tests (the
 * CITED_PRIVATE_API functions) and the importer (the rest, not exported)
 * need of the store beyond cited-store.h. */

/* Stores @article with @extraction as if the extractor had produced it, in
 * one transaction: what the store does with an extraction (discovered
 * companies, the user's decisions about them) can then be tested apart
 * from what the extractor finds. Fails with CITED_ERROR_INVALID when the
 * same text is stored already. */
CITED_PRIVATE_API
gboolean cited_store_add_extracted (CitedStore             *self,
                                    CitedArticle           *article,
                                    const CitedExtraction  *extraction,
                                    GError                **error);

/* Lowers the longest title or body the store accepts (SQLite's length
 * limit, a gigabyte, by default), so that tests can reach the limit with
 * small articles. cited_store_add_articles() refuses a batch holding a
 * longer article with CITED_ERROR_TOO_LARGE and writes nothing. */
CITED_PRIVATE_API
void     cited_store_set_max_text  (CitedStore             *self,
                                    gsize                   max_text);

/* Moves what the write-ahead log holds into the database and cuts the log
 * back to nothing, waiting a moment at most for readers: after an import,
 * so that a large one leaves no log as large as its changes behind. */
void     cited_store_checkpoint    (CitedStore             *self);

/* Whether a search term's last word also finds the words it begins
 * ("phone" finds "phones", "profit" "profitable"): terms of three letters
 * or digits or more that end in a letter of an alphabetic script. The
 * search and the app's highlighting of search words agree on it. */
CITED_PRIVATE_API
gboolean cited_search_term_is_prefix (const char *term);

G_END_DECLS
