/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-zh-corpus"
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cited.h"
#include "cited-test-files.h"

/*
 * Real Chinese corpora end to end: XDA news in Chinese (a sample of 200
 * Markdown files), THUCNews (one article per line) and the Sogou <doc>
 * sample with full-width digits, imported into a temporary store, then
 * figures and full-text search checked as a user would see them.
 */

#define N_XDA 200

static char *tmp_dir;
static CitedStore *store;
static CitedImportResult *result;
static char *corpora;

static gboolean
need_store (void)
{
  if (store == NULL)
    {
      g_test_skip ("the shared corpora (../shared/corpora beside the source tree) are absent");
      return FALSE;
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
import_corpora (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xda = g_build_filename (corpora, "xda_zh", NULL);
  g_autoptr(GDir) dir = g_dir_open (xda, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *db = NULL;
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".md"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len && i < N_XDA; i++)
    g_ptr_array_add (paths, g_build_filename (xda, names->pdata[i], NULL));
  g_ptr_array_add (paths, g_build_filename (corpora, "thucnews_cnews", NULL));
  g_ptr_array_add (paths, g_build_filename (corpora, "sogou_cs_sample", NULL));
  g_ptr_array_add (paths, NULL);

  tmp_dir = g_dir_make_tmp ("cited-zh-corpus-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (tmp_dir, "cited.db", NULL);
  store = cited_store_open (db, &error);
  g_assert_no_error (error);

  result = cited_import_paths (store, (const char * const *) paths->pdata, TRUE, NULL,
                               NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
}

static void
test_import (void)
{
  guint n;
  CitedQuery query = { 0 };
  g_autoptr(GError) error = NULL;

  if (!need_store ())
    return;

  /* 200 XDA files, 1,000 THUCNews lines and ~200 Sogou items; some Sogou
   * items have no content and some THUCNews lines repeat. */
  g_assert_cmpuint (result->n_files, ==, N_XDA + 2);
  g_assert_cmpuint (result->n_added, >=, 1100);
  g_assert_cmpuint (result->n_added, <=, N_XDA + 1000 + 200);
  n = cited_store_count_articles (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, result->n_added);

  /* Whatever was rejected says why. */
  for (guint i = 0; i < result->rejected->len; i++)
    {
      CitedRejection *r = result->rejected->pdata[i];
      g_assert_true (strstr (r->path, "sogou_cs_sample") != NULL);
      g_assert_true (r->reason != NULL && r->reason[0] != '\0');
    }
  g_assert_cmpuint (result->rejected->len, <, 50);
}

static void
test_chinese_articles (void)
{
  CitedQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(CitedArticle) article = NULL;
  gint64 id = 0;

  if (!need_store ())
    return;

  /* Titles and language come through for Sogou's full-width text too. */
  query.search = "２０１２";
  query.limit = 5;
  articles = cited_store_list_articles (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, >, 0);
  id = ((CitedArticle *) articles->pdata[0])->id;
  article = cited_store_get_article (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->language, ==, "zh");
  g_assert_true (article->title != NULL && article->title[0] != '\0');
  g_assert_true (g_utf8_validate (article->body, -1, NULL));
}

static void
check_scaled (const CitedFigure *f)
{
  g_assert_cmpstr (f->language, ==, "zh");
  g_assert_true (g_utf8_validate (f->text, -1, NULL));
  /* 亿 is 1e8 and 万 1e4: a figure written with them is never small. */
  if (strstr (f->text, "亿") != NULL)
    g_assert_cmpfloat (fabs (f->value), >=, 1e6);
  else if (strstr (f->text, "万") != NULL)
    g_assert_cmpfloat (fabs (f->value), >=, 1000);
}

static void
test_figures (void)
{
  const char *brands[] = { "Xiaomi", "Huawei" };

  if (!need_store ())
    return;

  for (guint b = 0; b < G_N_ELEMENTS (brands); b++)
    {
      CitedQuery query = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) figures = NULL;
      guint scaled = 0, money = 0, zh = 0;

      query.brand = brands[b];
      figures = cited_store_list_figures (store, &query, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (figures->len, >=, 3);

      for (guint i = 0; i < figures->len; i++)
        {
          const CitedFigure *f = figures->pdata[i];

          g_assert_cmpstr (f->brand, ==, brands[b]);
          if (g_strcmp0 (f->language, "zh") != 0)
            continue;
          zh++;
          check_scaled (f);
          if (strstr (f->text, "万") != NULL || strstr (f->text, "亿") != NULL)
            scaled++;
          if (f->currency != NULL)
            money++;
          /* The figure is in its sentence, and the sentence in the article. */
          g_assert_true (strstr (f->sentence, f->text) != NULL);
        }
      g_test_message ("%s: %u figures, %u in Chinese, %u in 万/亿, %u money", brands[b],
                      figures->len, zh, scaled, money);
      g_assert_cmpuint (zh, >=, 3);
      g_assert_cmpuint (scaled, >, 0);
      g_assert_cmpuint (money, >, 0);
    }
}

static void
test_market_figures (void)
{
  CitedQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  guint yi = 0, units = 0, shares = 0, cny = 0;

  if (!need_store ())
    return;

  figures = cited_store_list_figures (store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < figures->len; i++)
    {
      const CitedFigure *f = figures->pdata[i];

      if (g_strcmp0 (f->language, "zh") != 0)
        continue;
      check_scaled (f);
      /* No year, date or model number becomes a figure. */
      g_assert_false (g_str_has_suffix (f->text, "年"));
      g_assert_false (g_str_has_suffix (f->text, "日"));
      if (strstr (f->text, "亿") != NULL)
        yi++;
      if (g_strcmp0 (f->unit, "units") == 0 && f->value >= 1e6)
        units++;
      if (g_strcmp0 (f->metric, "market share") == 0)
        {
          g_assert_cmpstr (f->unit, ==, "%");
          g_assert_cmpfloat (f->value, <=, 100);
          shares++;
        }
      if (g_strcmp0 (f->currency, "CNY") == 0)
        cny++;
    }
  g_test_message ("%u figures; %u in 亿, %u millions of units, %u shares, %u in CNY",
                  figures->len, yi, units, shares, cny);
  g_assert_cmpuint (yi, >, 20);
  g_assert_cmpuint (units, >, 10);
  g_assert_cmpuint (shares, >, 10);
  g_assert_cmpuint (cny, >, 50); /* THUCNews has house prices and finance in 元 */
}

static void
search_finds (const char *text,
              guint       at_least)
{
  CitedQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  guint n;
  guint marked = 0;

  query.search = text;
  n = cited_store_count_articles (store, &query, &error);
  g_assert_no_error (error);
  g_test_message ("«%s»: %u articles", text, n);
  g_assert_cmpuint (n, >=, at_least);

  query.limit = 20;
  articles = cited_store_list_articles (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, >, 0);
  for (guint i = 0; i < articles->len; i++)
    {
      const CitedArticle *a = articles->pdata[i];
      g_autofree char *marked_text = g_strdup_printf ("\x02%s\x03", text);

      g_assert_nonnull (a->snippet);
      g_assert_true (g_utf8_validate (a->snippet, -1, NULL));
      if (strstr (a->snippet, marked_text) != NULL)
        marked++;
    }
  /* The snippet shows the match highlighted. */
  g_assert_cmpuint (marked, >=, articles->len / 2 + 1);
}

static void
test_search_short (void)
{
  if (!need_store ())
    return;
  /* Two-character words: a bigram and the last character in the index. */
  search_finds ("小米", 50);
  search_finds ("华为", 20);
  search_finds ("房价", 5);
}

static void
test_search_phrase (void)
{
  CitedQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  guint n_long, n_short;

  if (!need_store ())
    return;
  search_finds ("智能手机", 50);
  search_finds ("新浪体育", 20);
  search_finds ("市场份额", 3);

  /* A longer phrase narrows the search, it does not widen it. */
  query.search = "智能手机市场";
  n_long = cited_store_count_articles (store, &query, &error);
  g_assert_no_error (error);
  query.search = "智能手机";
  n_short = cited_store_count_articles (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_long, >, 0);
  g_assert_cmpuint (n_long, <, n_short);

  /* Nothing is found for words that are not there. */
  query.search = "龘靐齉";
  g_assert_cmpuint (cited_store_count_articles (store, &query, &error), ==, 0);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  const char *root;
  int ret;

  g_test_init (&argc, &argv, NULL);

  root = g_getenv ("CITED_SOURCE_ROOT");
  if (root != NULL)
    {
      corpora = g_build_filename (root, "..", "shared", "corpora", NULL);
      if (g_file_test (corpora, G_FILE_TEST_IS_DIR))
        import_corpora ();
    }

  g_test_add_func ("/zh-corpus/import", test_import);
  g_test_add_func ("/zh-corpus/articles", test_chinese_articles);
  g_test_add_func ("/zh-corpus/figures", test_figures);
  g_test_add_func ("/zh-corpus/market-figures", test_market_figures);
  g_test_add_func ("/zh-corpus/search-short", test_search_short);
  g_test_add_func ("/zh-corpus/search-phrase", test_search_phrase);

  ret = g_test_run ();

  g_clear_pointer (&result, cited_import_result_free);
  g_clear_object (&store);
  if (tmp_dir != NULL)
    cited_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (corpora);
  return ret;
}
