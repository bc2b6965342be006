/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cited.h"
#include "cited-article-view.h"

G_BEGIN_DECLS

#define CITED_TYPE_ARTICLES_PAGE (cited_articles_page_get_type ())
G_DECLARE_FINAL_TYPE (CitedArticlesPage, cited_articles_page, CITED, ARTICLES_PAGE, AdwBin)

/* The Articles page: the article list (lazy over 100,000 rows), search,
 * filters, sort, and the reader with highlighted figures and mentions.
 * Property "store" (CitedStore). Activating a highlighted figure activates
 * "win.show-figure" (parameter "x": figure id). */
void cited_articles_page_reload       (CitedArticlesPage *self);
/* The first filling, in the background; signal "loaded" when done. */
void cited_articles_page_load         (CitedArticlesPage *self);
void cited_articles_page_focus_search (CitedArticlesPage *self);
/* Selects the article and scrolls the reader to the byte offset. */
void cited_articles_page_show_article (CitedArticlesPage *self,
                                       gint64             article_id,
                                       guint              offset);

/* While an import runs, an empty store shows progress, not "No Articles". */
void cited_articles_page_set_loading  (CitedArticlesPage *self,
                                       gboolean           loading);

/* For tests: the article list (a GListModel of CitedArticleItem), its
 * selection, the reader, and typing into the search entry (the search
 * runs after the entry's short typing delay, as when a person types). */
GListModel         *cited_articles_page_get_model        (CitedArticlesPage *self);
GtkSingleSelection *cited_articles_page_get_selection    (CitedArticlesPage *self);
CitedArticleView   *cited_articles_page_get_article_view (CitedArticlesPage *self);
void                cited_articles_page_set_search_text  (CitedArticlesPage *self,
                                                          const char        *text);
/* What the list area shows: "list", "empty", "no-results" or "loading". */
const char         *cited_articles_page_get_state        (CitedArticlesPage *self);

G_END_DECLS
