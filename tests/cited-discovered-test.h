/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Articles stored with extractions written by hand, naming companies the
 * lexicon does not know as the extractor marks them when it discovers
 * them: the store, the CLI and the Brands page can then be tested on
 * discovered companies apart from what the extractor finds. */

#include <string.h>

#include "cited.h"
#include "cited-store-private.h"

typedef struct {
  const char *text;          /* the figure as written (its first occurrence) */
  double      value;
  const char *metric;
  const char *brand;         /* as the extractor attributes it, or NULL */
} TestFigure;

/* The sentence around byte @at of @body: from after the previous ". " to
 * the next ". " (inclusive of the full stop). */
static inline char *
test_sentence_at (const char *body,
                  gsize       at,
                  guint      *sentence_start,
                  guint      *sentence_end)
{
  gsize from = at;
  gsize to = at;
  gsize length = strlen (body);

  while (from > 1 && !(body[from - 1] == ' ' && body[from - 2] == '.'))
    from--;
  if (from == 1)
    from = 0;
  while (to < length && !(body[to] == '.' && (body[to + 1] == ' ' || body[to + 1] == '\0')))
    to++;
  if (to < length)
    to++;
  *sentence_start = from;
  *sentence_end = to;
  return g_strndup (body + from, to - from);
}

static inline void
test_add_mentions (GArray             *mentions,
                   const char         *body,
                   const char * const *names,
                   gboolean            discovered)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    for (const char *p = strstr (body, names[i]); p != NULL; p = strstr (p + 1, names[i]))
      {
        CitedMention mention = {
          .brand = g_intern_string (names[i]),
          .start = p - body,
          .end = p - body + strlen (names[i]),
          .discovered = discovered,
        };
        g_array_append_val (mentions, mention);
      }
}

static inline int
test_compare_mentions (gconstpointer a,
                       gconstpointer b)
{
  const CitedMention *ma = a;
  const CitedMention *mb = b;

  return (ma->start > mb->start) - (ma->start < mb->start);
}

/* Stores an article titled @title with @body whose extraction mentions
 * each of @discovered (as discovered companies) and @known (as lexicon
 * brands) wherever the name occurs, with @figures. Returns the article's
 * id. */
static inline gint64
test_add_discovered_article (CitedStore         *store,
                             const char         *title,
                             const char         *body,
                             const char * const *discovered,
                             const char * const *known,
                             const TestFigure   *figures,
                             guint               n_figures)
{
  g_autoptr(CitedArticle) article = cited_article_new ();
  g_autoptr(CitedExtraction) extraction = g_new0 (CitedExtraction, 1);
  g_autoptr(GError) error = NULL;

  article->title = g_strdup (title);
  article->body = g_strdup (body);
  article->published = g_strdup ("2005-02-01");
  article->path = g_strdup_printf ("/tmp/%s.txt", title);
  article->source = g_strdup ("Test Wire");

  extraction->language = g_strdup ("en");
  extraction->mentions = g_array_new (FALSE, TRUE, sizeof (CitedMention));
  extraction->figures = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_figure_unref);
  test_add_mentions (extraction->mentions, body, discovered, TRUE);
  test_add_mentions (extraction->mentions, body, known, FALSE);
  g_array_sort (extraction->mentions, test_compare_mentions);

  for (guint i = 0; i < n_figures; i++)
    {
      CitedFigure *figure = cited_figure_new ();
      const char *at = strstr (body, figures[i].text);

      g_assert_nonnull (at);
      figure->value = figures[i].value;
      figure->metric = g_strdup (figures[i].metric);
      figure->brand = g_strdup (figures[i].brand);
      figure->text = g_strdup (figures[i].text);
      figure->language = g_strdup ("en");
      figure->start = at - body;
      figure->end = figure->start + strlen (figures[i].text);
      figure->sentence = test_sentence_at (body, figure->start,
                                           &figure->sentence_start, &figure->sentence_end);
      g_ptr_array_add (extraction->figures, figure);
    }

  g_assert_true (cited_store_add_extracted (store, article, extraction, &error));
  g_assert_no_error (error);
  g_assert_cmpint (article->id, >, 0);
  return article->id;
}
