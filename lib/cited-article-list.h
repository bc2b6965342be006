/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include <gio/gio.h>

#include "cited-store.h"

G_BEGIN_DECLS

#define CITED_TYPE_ARTICLE_ITEM (cited_article_item_get_type ())
CITED_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CitedArticleItem, cited_article_item, CITED, ARTICLE_ITEM, GObject)

/* One row of a CitedArticleList: the article id and, once its page was
 * loaded, the listed article (no body). */
CITED_AVAILABLE_IN_ALL
gint64        cited_article_item_get_id      (CitedArticleItem *self);
CITED_AVAILABLE_IN_ALL
CitedArticle *cited_article_item_get_article (CitedArticleItem *self);

#define CITED_TYPE_ARTICLE_LIST (cited_article_list_get_type ())
CITED_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CitedArticleList, cited_article_list, CITED, ARTICLE_LIST, GObject)

/* A GListModel of CitedArticleItem over cited_store_list_article_ids(): the
 * ids of every matching article are read at once (cheap even for 100,000
 * rows) and the rows themselves are loaded in pages of 64, only when a view
 * asks for them. */
CITED_AVAILABLE_IN_ALL
CitedArticleList *cited_article_list_new        (CitedStore       *store);
/* Replaces the query (strings are copied) and reloads. */
CITED_AVAILABLE_IN_ALL
gboolean          cited_article_list_set_query  (CitedArticleList *self,
                                                 const CitedQuery *query,
                                                 GError          **error);
/* The same, with the ids read in a worker thread over the store's
 * readers, so that a slow search never blocks the window. The list changes
 * when the search finishes, in _finish(); a cancelled search changes
 * nothing. */
CITED_AVAILABLE_IN_ALL
void              cited_article_list_set_query_async  (CitedArticleList    *self,
                                                       const CitedQuery    *query,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
CITED_AVAILABLE_IN_ALL
gboolean          cited_article_list_set_query_finish (CitedArticleList    *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* Reads the ids again (after an import) and drops the loaded rows. */
CITED_AVAILABLE_IN_ALL
gboolean          cited_article_list_reload     (CitedArticleList *self,
                                                 GError          **error);
/* Position of @article_id in the list, or G_MAXUINT. */
CITED_AVAILABLE_IN_ALL
guint             cited_article_list_find       (CitedArticleList *self,
                                                 gint64            article_id);
/* How many rows have been loaded (tests: the list stays lazy). */
CITED_AVAILABLE_IN_ALL
guint             cited_article_list_get_n_loaded (CitedArticleList *self);
/* The search text of the current query, or NULL. */
CITED_AVAILABLE_IN_ALL
const char       *cited_article_list_get_search (CitedArticleList *self);

G_END_DECLS
