/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cited.h"

G_BEGIN_DECLS

#define CITED_TYPE_ARTICLES_PAGE (cited_articles_page_get_type ())
G_DECLARE_FINAL_TYPE (CitedArticlesPage, cited_articles_page, CITED, ARTICLES_PAGE, AdwBin)

/* The Articles page: the article list (lazy over 100,000 rows), search,
 * filters, sort, and the reader with highlighted figures and mentions.
 * Property "store" (CitedStore). Activating a highlighted figure activates
 * "win.show-figure" (parameter "x": figure id). */
void cited_articles_page_reload       (CitedArticlesPage *self);
void cited_articles_page_focus_search (CitedArticlesPage *self);
/* Selects the article and scrolls the reader to the byte offset. */
void cited_articles_page_show_article (CitedArticlesPage *self,
                                       gint64             article_id,
                                       guint              offset);

G_END_DECLS
