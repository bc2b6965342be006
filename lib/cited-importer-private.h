/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-importer.h"

G_BEGIN_DECLS

/* Articles an import writes in one transaction, at most (and at most
 * CITED_IMPORT_BATCH_BYTES of their text). Each commit rewrites the pages
 * of the indexes it touched; at 1,000,000 articles, batches of 10,000
 * instead of 1,000 bring an import from 2.35 to 1.66 times a bare
 * full-text insert of the same texts. A batch holds the write lock for
 * about two seconds at that size. CITED_IMPORT_BATCH sets another count,
 * for tests. */
#define CITED_IMPORT_BATCH_SIZE 10000
#define CITED_IMPORT_BATCH_BYTES ((gsize) 32 * 1024 * 1024)

/* What a fetched feed's items say besides their articles. */
typedef struct {
  GHashTable *guids;         /* CitedArticle -> its item's guid or Atom id */
  GHashTable *summary_only;  /* CitedArticle: its item had a summary and no content */
} CitedFeedItemInfo;

void       cited_feed_item_info_clear (CitedFeedItemInfo  *info);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CitedFeedItemInfo, cited_feed_item_info_clear)

GPtrArray *cited_parse_feed           (const char         *url,
                                       const char         *data,
                                       gsize               length,
                                       GPtrArray          *rejected,
                                       CitedFeedItemInfo  *info,
                                       GError            **error);

G_END_DECLS
