/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cited.h"

G_BEGIN_DECLS

#define CITED_TYPE_ARTICLE_ROW (cited_article_row_get_type ())
G_DECLARE_FINAL_TYPE (CitedArticleRow, cited_article_row, CITED, ARTICLE_ROW, GtkWidget)

/* One row of the article list: title, source · date, the brands mentioned
 * (in their lexicon colours), the number of figures and, while searching,
 * the matching snippet with its matches highlighted. */
GtkWidget  *cited_article_row_new          (void);
void        cited_article_row_set_article  (CitedArticleRow *self,
                                            CitedArticle    *article,
                                            CitedLexicon    *lexicon,
                                            const char      *search);
/* The title as shown, without markup (tests, accessibility). */
const char *cited_article_row_get_title    (CitedArticleRow *self);

/* Pango markup for a store snippet: the text escaped, matches between
 * \x02 and \x03 highlighted. */
char       *cited_snippet_to_markup        (const char      *snippet);
/* Pango markup for @text with each word of @search highlighted where it
 * occurs (ASCII case-insensitively; CJK words as written). */
char       *cited_highlight_to_markup      (const char      *text,
                                            const char      *search);
/* "YYYY-MM-DD" in the locale's date format, or NULL. */
char       *cited_format_date              (const char      *published);

G_END_DECLS
