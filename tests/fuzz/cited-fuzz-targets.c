/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-fuzz"
#include "config.h"

#include <string.h>

#include "cited-extractor.h"
#include "cited-fts-private.h"
#include "cited-fuzz-targets.h"
#include "cited-importer.h"
#include "cited-lexicon.h"
#include "cited-store.h"

/* Inputs longer than this are cut: the importer refuses files over its own
 * limit anyway, and the fuzzers look for bugs, not for slowness. */
#define FUZZ_MAX_INPUT (1024 * 1024)

static CitedLexicon *lexicon;
static CitedStore *store;

static CitedLexicon *
get_lexicon (void)
{
  if (lexicon == NULL)
    lexicon = cited_lexicon_new_default ();
  return lexicon;
}

/* The bytes as a valid, NUL-terminated UTF-8 string, as every caller of
 * the extractor and the store hands it over. */
static char *
valid_text (const guint8 *data,
            gsize         size)
{
  g_autofree char *copy = g_strndup ((const char *) data, MIN (size, FUZZ_MAX_INPUT));

  return g_utf8_make_valid (copy, -1);
}

void
cited_fuzz_import (const guint8 *data,
                   gsize         size)
{
  static const char * const names[] = {
    "fuzz.txt", "fuzz.md", "fuzz.html", "fuzz.xml", "fuzz.rss", "fuzz.atom",
    "fuzz.json", "fuzz.jsonl", "fuzz.dat", "fuzz.tsv", "fuzz",
  };
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  if (size == 0)
    return;
  name = names[data[0] % G_N_ELEMENTS (names)];
  articles = cited_parse_data (name, (const char *) data + 1, MIN (size - 1, FUZZ_MAX_INPUT), &error);
  if (articles == NULL)
    {
      g_assert (error != NULL);
      return;
    }
  g_assert (error == NULL);
  for (guint i = 0; i < articles->len; i++)
    {
      CitedArticle *article = g_ptr_array_index (articles, i);

      /* What the store relies on. */
      g_assert (article->body != NULL);
      g_assert (g_utf8_validate (article->body, -1, NULL));
      g_assert (article->title == NULL || g_utf8_validate (article->title, -1, NULL));
    }
}

void
cited_fuzz_extract (const guint8 *data,
                    gsize         size)
{
  g_autoptr(CitedExtraction) extraction = NULL;
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  const char *title = NULL;
  const char *published = NULL;
  guint8 mode;
  gsize length;

  if (size == 0)
    return;
  mode = data[0];
  text = valid_text (data + 1, size - 1);

  /* Bit 0: a Chinese sentence before the text, so that the Chinese stages
   * see its start; bit 1: a title; bit 2: a publication date. */
  body = (mode & 1) ? g_strconcat ("小米2023年销量1.9亿台，同比增长5%。", text, NULL)
                    : g_strdup (text);
  if (mode & 2)
    title = (mode & 1) ? "小米手机销量" : "Xiaomi sales rise";
  if (mode & 4)
    published = "2024-05-01";

  length = strlen (body);
  extraction = cited_extract (get_lexicon (), title, body, -1, published);
  g_assert (extraction->figures->len <= CITED_EXTRACT_MAX_FIGURES);
  for (guint i = 0; i < extraction->figures->len; i++)
    {
      const CitedFigure *f = g_ptr_array_index (extraction->figures, i);

      /* Every offset lies in the text, and the figure in its sentence. */
      g_assert (f->start <= f->end && f->end <= length);
      g_assert (f->sentence_start <= f->start && f->end <= f->sentence_end);
      g_assert (f->sentence_end <= length);
      g_assert (f->sentence != NULL && strlen (f->sentence) == f->sentence_end - f->sentence_start);
      g_assert (g_utf8_validate (f->sentence, -1, NULL));
      g_assert (f->text != NULL && g_utf8_validate (f->text, -1, NULL));
    }
  for (guint i = 0; i < extraction->mentions->len; i++)
    {
      const CitedMention *m = &g_array_index (extraction->mentions, CitedMention, i);

      g_assert (m->start < m->end && m->end <= length);
      g_assert (m->brand != NULL);
    }
}

static CitedStore *
get_store (void)
{
  static const char * const texts[][2] = {
    { "Xiaomi sales", "Xiaomi sold 190 million phones in 2021, up 31% on a year earlier. "
                      "XiaomiCars delivered 10,000 cars. \"Quoted phrase\" and O'Brien's shop." },
    { "小米手机销量", "小米2023年全球销量1.9亿台，同比增长5%。华为海外收入增长。" },
    { "Apple and Samsung", "Apple and Samsung sold 50 and 40 million respectively. "
                           "The firm's profits fell 5% to $1.2bn." },
  };
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;

  if (store != NULL)
    return store;

  store = cited_store_open (":memory:", &error);
  g_assert_no_error (error);
  articles = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      CitedArticle *article = cited_article_new ();

      article->title = g_strdup (texts[i][0]);
      article->body = g_strdup (texts[i][1]);
      article->published = g_strdup ("2024-01-01");
      g_ptr_array_add (articles, article);
    }
  cited_store_add_articles (store, articles, NULL, NULL, &error);
  g_assert_no_error (error);
  return store;
}

void
cited_fuzz_search (const guint8 *data,
                   gsize         size)
{
  g_autofree char *search = valid_text (data, size);
  CitedQuery query = { 0 };
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  query.search = search;
  /* The store may refuse a query (too complex for SQLite): with an error,
   * never a crash or a wrong count. */
  n = cited_store_count_articles (get_store (), &query, &error);
  g_clear_error (&error);
  articles = cited_store_list_articles (get_store (), &query, &error);
  g_clear_error (&error);
  if (articles != NULL)
    {
      g_assert (articles->len <= 3);
      for (guint i = 0; i < articles->len; i++)
        {
          const CitedArticle *article = g_ptr_array_index (articles, i);

          g_assert (article->snippet == NULL || g_utf8_validate (article->snippet, -1, NULL));
        }
    }
  g_assert (n <= 3);
  figures = cited_store_list_figures (get_store (), &query, &error);
  g_clear_error (&error);
}

void
cited_fuzz_tokenize (const guint8 *data,
                     gsize         size)
{
  /* An allocation of exactly @size bytes, so that reading past the input
   * is caught even when libFuzzer's buffer has room after it. */
  char *text = g_memdup2 (data, size);

  /* cited_fts_describe() asserts that each token is UTF-8 and lies in the
   * text. */
  g_free (cited_fts_describe (text, size, FALSE));
  g_free (cited_fts_describe (text, size, TRUE));
  g_free (text);
}

void
cited_fuzz_cleanup (void)
{
  g_clear_object (&store);
  g_clear_object (&lexicon);
}
