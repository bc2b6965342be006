/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cited.h"

G_BEGIN_DECLS

#define CITED_TYPE_ARTICLE_VIEW (cited_article_view_get_type ())
G_DECLARE_FINAL_TYPE (CitedArticleView, cited_article_view, CITED, ARTICLE_VIEW, GtkWidget)

/* The reader: an article's title, source, date and body, with its figures
 * (tag "figure"; "figure-confirmed", "figure-rejected"), brand mentions
 * (tag "brand") and search matches (tag "search") highlighted. Hovering a
 * figure shows what was extracted; clicking it or pressing Enter on it
 * activates "win.show-figure". Property "store"; signal "back" from the
 * back button shown (property "show-back") when the list and the reader
 * are folded. */
GtkWidget     *cited_article_view_new              (void);
void           cited_article_view_set_store        (CitedArticleView *self,
                                                    CitedStore       *store);
/* Shows article @article_id (0: the empty state), places the cursor at the
 * body's byte @offset and scrolls there; @search words are highlighted. */
gboolean       cited_article_view_show_article     (CitedArticleView *self,
                                                    gint64            article_id,
                                                    guint             offset,
                                                    const char       *search,
                                                    GError          **error);
gint64         cited_article_view_get_article_id   (CitedArticleView *self);
void           cited_article_view_set_show_back    (CitedArticleView *self,
                                                    gboolean          show_back);

/* For tests and accessibility: the buffer, how many separate ranges carry
 * the tag @tag_name, and the figure at a buffer character offset. */
GtkTextBuffer *cited_article_view_get_buffer       (CitedArticleView *self);
guint          cited_article_view_count_tagged     (CitedArticleView *self,
                                                    const char       *tag_name);
CitedFigure   *cited_article_view_get_figure_at    (CitedArticleView *self,
                                                    int               char_offset);
/* The tooltip markup shown for @figure. */
char          *cited_article_view_describe_figure  (CitedFigure      *figure);

GtkLinkButton    *cited_article_view_get_original_link (CitedArticleView *self);

G_END_DECLS
