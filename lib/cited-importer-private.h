/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-importer.h"

G_BEGIN_DECLS

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
