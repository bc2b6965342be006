/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"
#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cited.h"
#include "cited-article-list-private.h"
#include "cited-discovered-test.h"
#include "cited-fts-private.h"
#include "cited-scheduler-private.h"
#include "cited-test-files.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cited-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "nested", "folder", "cited.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  cited_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static CitedArticle *
make_article (const char *title,
              const char *published,
              const char *body)
{
  CitedArticle *article = cited_article_new ();

  article->title = g_strdup (title);
  article->published = g_strdup (published);
  article->body = g_strdup (body);
  article->path = g_strdup_printf ("/tmp/%s.txt", title);
  article->source = g_strdup ("Test Wire");
  return article;
}

/* Adds one article, taking ownership of it. */
static void
add_one (CitedStore   *store,
         CitedArticle *article)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  g_autoptr(GError) error = NULL;
  guint added = 0;

  g_ptr_array_add (batch, article);
  g_assert_true (cited_store_add_articles (store, batch, &added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
}

static int
sqlite_int (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (cited_fts_register (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
sqlite_exec (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (cited_fts_register (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Takes a store back from schema step 19 (article_total) to 18. */
#define UNDO_STEP_19 "DROP TABLE article_total;"

/* Takes a store back from schema step 18 (the claim keys' index) to 17. */
#define UNDO_STEP_18 "DROP INDEX figures_claim;"

/* Takes a store back from schema step 17 (brand_pairs) to 16. */
#define UNDO_STEP_17 "DROP TABLE brand_pairs;"

/* Step 16 only sets the full-text index's 'hashsize', which it sets
 * again when it runs: nothing to take back. */
#define UNDO_STEP_16 ""

/* The SQL that takes a store at step 15 back to step 14: bodies as text,
 * read by the view as they are. */
#define UNDO_STEP_15 \
  " UPDATE article_bodies SET body = cited_body (body);" \
  " DROP VIEW article_text;" \
  " CREATE VIEW article_text AS" \
  "  SELECT a.id AS id, a.title AS title, b.body AS body" \
  "  FROM articles a JOIN article_bodies b ON b.id = a.id;"

static gboolean
strv_contains_ci (char       **strv,
                  const char  *s)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (g_ascii_strcasecmp (strv[i], s) == 0)
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* The brand and metric totals (schema step 14) and the article total
 * (step 19) against a full recount */

/* The rows of @sql over @db, a line each, columns between bars. */
static char *
sql_rows (sqlite3    *db,
          const char *sql)
{
  GString *rows = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (rows, "%s%s", i > 0 ? "|" : "", text != NULL ? text : "(null)");
        }
      g_string_append_c (rows, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return g_string_free (rows, FALSE);
}

/* The queries brand statistics, the metrics list and the brand filter's
 * counts ran before the totals, over every mention and figure, with the
 * user's edits folded in. */
#define RECOUNT_EFFECTIVE_BRAND "(CASE WHEN e.brand IS NULL THEN f.brand ELSE nullif (e.brand, '') END)"
#define RECOUNT_EFFECTIVE_METRIC "(CASE WHEN e.metric IS NULL THEN f.metric ELSE nullif (e.metric, '') END)"
#define RECOUNT_EDITED_FROM \
  "FROM figure_edits e CROSS JOIN articles a ON a.hash = e.article_hash" \
  " CROSS JOIN figures f ON f.article_id = a.id AND f.start = e.start AND f.text = e.text"
#define RECOUNT_MENTIONS "SELECT brand, sum (n), count (*) FROM article_brands GROUP BY brand"
#define RECOUNT_FIGURES \
  "SELECT b, sum (n) FROM (" \
  "  SELECT brand AS b, count (*) AS n FROM figures WHERE brand IS NOT NULL GROUP BY brand" \
  "  UNION ALL SELECT f.brand, -1 " RECOUNT_EDITED_FROM " WHERE f.brand IS NOT NULL" \
  "  UNION ALL SELECT " RECOUNT_EFFECTIVE_BRAND ", 1 " RECOUNT_EDITED_FROM \
  "   WHERE e.status <> 2 AND " RECOUNT_EFFECTIVE_BRAND " IS NOT NULL" \
  ") GROUP BY b COLLATE NOCASE HAVING sum (n) > 0"
#define RECOUNT_METRICS \
  "SELECT m FROM (SELECT m, sum (n) AS total FROM (" \
  "  SELECT metric AS m, count (*) AS n FROM figures WHERE metric IS NOT NULL GROUP BY metric COLLATE NOCASE" \
  "  UNION ALL SELECT f.metric, -1 " RECOUNT_EDITED_FROM " WHERE f.metric IS NOT NULL" \
  "  UNION ALL SELECT " RECOUNT_EFFECTIVE_METRIC ", 1 " RECOUNT_EDITED_FROM \
  "   WHERE e.status <> 2 AND " RECOUNT_EFFECTIVE_METRIC " IS NOT NULL" \
  ") GROUP BY m COLLATE NOCASE HAVING total > 0 ORDER BY total DESC, m)"
#define RECOUNT_DISCOVERED \
  "SELECT name, m, a, f FROM (" \
  " SELECT d.name, d.status," \
  "  CASE d.status" \
  "   WHEN 'merged' THEN (SELECT count (*) FROM mentions WHERE discovered_as = d.name)" \
  "   WHEN 'hidden' THEN 0" \
  "   ELSE coalesce ((SELECT sum (n) FROM article_brands WHERE brand = d.name), 0)" \
  "  END AS m," \
  "  CASE d.status" \
  "   WHEN 'merged' THEN (SELECT count (DISTINCT article_id) FROM mentions WHERE discovered_as = d.name)" \
  "   WHEN 'hidden' THEN 0" \
  "   ELSE (SELECT count (*) FROM article_brands WHERE brand = d.name)" \
  "  END AS a," \
  "  CASE d.status" \
  "   WHEN 'merged' THEN (SELECT count (*) FROM figures WHERE discovered_as = d.name)" \
  "   WHEN 'hidden' THEN 0" \
  "   ELSE (SELECT count (*) FROM figures WHERE brand = d.name)" \
  "  END AS f" \
  " FROM discovered d)" \
  " ORDER BY status <> 'new', a DESC, m DESC, f DESC, name COLLATE NOCASE"
#define RECOUNT_BRAND_ARTICLES \
  "SELECT brand, count (*) AS n FROM article_brands GROUP BY brand ORDER BY n DESC, brand COLLATE NOCASE"

typedef struct {
  guint mentions, articles, figures;
} Recount;

static int
cmp_lines (gconstpointer a,
           gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Lines "name|mentions|articles|figures", sorted. */
static char *
join_sorted (GPtrArray *lines)
{
  GString *joined = g_string_new (NULL);

  g_ptr_array_sort (lines, cmp_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (joined, "%s\n", (const char *) g_ptr_array_index (lines, i));
  return g_string_free (joined, FALSE);
}

/* The tables themselves: every spelling with its exact counts, none
 * negative, none missing. */
static void
assert_tables_recounted (sqlite3 *db)
{
  g_autofree char *kept = NULL, *recount = NULL;
  g_autofree char *kept_metrics = NULL, *recount_metrics = NULL;
  g_autofree char *kept_pairs = NULL, *recount_pairs = NULL;
  g_autofree char *kept_articles = NULL, *recount_articles = NULL;

  kept_articles = sql_rows (db, "SELECT articles FROM article_total");
  recount_articles = sql_rows (db, "SELECT count (*) FROM articles");
  g_assert_cmpstr (kept_articles, ==, recount_articles);
  kept = sql_rows (db, "SELECT brand, mentions, articles, figures FROM brand_totals"
                       " WHERE mentions <> 0 OR articles <> 0 OR figures <> 0 ORDER BY brand");
  recount = sql_rows (db, "SELECT b, sum (m), sum (a), sum (f) FROM ("
                          "  SELECT brand AS b, n AS m, 1 AS a, 0 AS f FROM article_brands"
                          "  UNION ALL SELECT brand, 0, 0, 1 FROM figures WHERE brand IS NOT NULL"
                          ") GROUP BY b COLLATE BINARY ORDER BY b COLLATE BINARY");
  g_assert_cmpstr (kept, ==, recount);
  kept_metrics = sql_rows (db, "SELECT metric, figures FROM metric_totals WHERE figures <> 0 ORDER BY metric");
  recount_metrics = sql_rows (db, "SELECT metric, count (*) FROM figures WHERE metric IS NOT NULL"
                                  " GROUP BY metric COLLATE BINARY ORDER BY metric COLLATE BINARY");
  g_assert_cmpstr (kept_metrics, ==, recount_metrics);
  kept_pairs = sql_rows (db, "SELECT lower (brand), lower (other), articles FROM brand_pairs"
                             " WHERE articles <> 0 ORDER BY 1, 2");
  recount_pairs = sql_rows (db, "SELECT lower (t.brand), lower (o.brand), count (*)"
                                " FROM article_brands t JOIN article_brands o"
                                "  ON o.article_id = t.article_id AND o.brand <> t.brand"
                                " GROUP BY t.brand, o.brand ORDER BY 1, 2");
  g_assert_cmpstr (kept_pairs, ==, recount_pairs);
}

/* Brand statistics equal the queries they replaced; returns them. */
static GPtrArray *
assert_brand_stats_recounted (sqlite3    *db,
                              CitedStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) api_lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) old_lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) old = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *api_joined = NULL, *old_joined = NULL;
  GPtrArray *stats;
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, RECOUNT_MENTIONS, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Recount *r = g_new0 (Recount, 1);

      r->mentions = sqlite3_column_int (stmt, 1);
      r->articles = sqlite3_column_int (stmt, 2);
      g_hash_table_insert (old, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), r);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, RECOUNT_FIGURES, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      Recount *r = g_hash_table_lookup (old, name);

      if (r == NULL)
        {
          r = g_new0 (Recount, 1);
          g_hash_table_insert (old, g_strdup (name), r);
        }
      r->figures = sqlite3_column_int (stmt, 1);
    }
  sqlite3_finalize (stmt);
  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Recount *r = value;

      g_ptr_array_add (old_lines, g_strdup_printf ("%s|%u|%u|%u", (const char *) key,
                                                   r->mentions, r->articles, r->figures));
    }

  stats = cited_store_brand_stats (store, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stats->len; i++)
    {
      CitedBrandStats *st = g_ptr_array_index (stats, i);

      g_ptr_array_add (api_lines, g_strdup_printf ("%s|%u|%u|%u", st->name,
                                                   st->mentions, st->articles, st->n_figures));
    }
  api_joined = join_sorted (api_lines);
  old_joined = join_sorted (old_lines);
  g_assert_cmpstr (api_joined, ==, old_joined);
  return stats;
}

/* The metrics, the brand filter's counts and the companies found in the
 * text (decided or not) equal the queries they replaced. */
static void
assert_lists_recounted (sqlite3    *db,
                        CitedStore *store)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) metrics = NULL;
  g_autoptr(GPtrArray) brand_articles = NULL;
  g_autoptr(GPtrArray) discovered = NULL;
  g_autoptr(GString) api_counts = g_string_new (NULL);
  g_autoptr(GString) api_discovered = g_string_new (NULL);
  g_autofree char *api_metrics = NULL, *old_metrics = NULL;
  g_autofree char *old_counts = NULL, *old_discovered = NULL;

  metrics = cited_store_list_metrics (store, &error);
  g_assert_no_error (error);
  api_metrics = g_strjoinv ("\n", metrics);
  old_metrics = sql_rows (db, RECOUNT_METRICS);
  if (metrics[0] != NULL)
    {
      g_autofree char *with_end = g_strconcat (api_metrics, "\n", NULL);

      g_assert_cmpstr (with_end, ==, old_metrics);
    }
  else
    g_assert_cmpstr (old_metrics, ==, "");

  brand_articles = cited_store_count_brand_articles (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < brand_articles->len; i++)
    {
      CitedCount *count = g_ptr_array_index (brand_articles, i);

      g_string_append_printf (api_counts, "%s|%u\n", count->name, count->n);
    }
  old_counts = sql_rows (db, RECOUNT_BRAND_ARTICLES);
  g_assert_cmpstr (api_counts->str, ==, old_counts);

  discovered = cited_store_list_discovered (store, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < discovered->len; i++)
    {
      CitedDiscovered *d = g_ptr_array_index (discovered, i);

      g_string_append_printf (api_discovered, "%s|%u|%u|%u\n", d->name, d->mentions, d->articles,
                              d->n_figures);
    }
  old_discovered = sql_rows (db, RECOUNT_DISCOVERED);
  g_assert_cmpstr (api_discovered->str, ==, old_discovered);
}

/* Each brand's card: the brands mentioned with it, as the self-join of
 * article_brands that brand_pairs replaced counts them. */
static void
assert_comentions_recounted (sqlite3    *db,
                             CitedStore *store,
                             GPtrArray  *stats)
{
  sqlite3_stmt *join = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT o.brand, count (*),"
                                       "  (SELECT count (*) FROM article_brands WHERE brand = ?1)"
                                       " FROM article_brands t JOIN article_brands o"
                                       "  ON o.article_id = t.article_id AND o.brand <> t.brand"
                                       " WHERE t.brand = ?1"
                                       " GROUP BY o.brand ORDER BY count (*) DESC, o.brand",
                                       -1, &join, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < stats->len; i++)
    {
      const char *name = ((CitedBrandStats *) g_ptr_array_index (stats, i))->name;
      const char *canonical = cited_lexicon_lookup (cited_store_get_lexicon (store), name);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) with = cited_store_brand_comentions (store, name, &error);
      g_autoptr(GString) api_with = g_string_new (NULL);
      g_autoptr(GString) old_with = g_string_new (NULL);

      g_assert_no_error (error);
      for (guint j = 0; j < with->len; j++)
        {
          CitedBrandStats *other = g_ptr_array_index (with, j);
          g_autofree char *lower = g_utf8_strdown (other->name, -1);

          /* Spellings of one brand in another case are one brand. */
          g_string_append_printf (api_with, "%s|%u|%.6f\n", lower, other->mentions,
                                  other->share_of_voice);
        }
      sqlite3_reset (join);
      sqlite3_bind_text (join, 1, canonical != NULL ? canonical : name, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (join) == SQLITE_ROW)
        {
          const char *other = (const char *) sqlite3_column_text (join, 0);
          guint n = sqlite3_column_int (join, 1);
          guint all = sqlite3_column_int (join, 2);
          g_autofree char *lower = g_utf8_strdown (other, -1);

          g_string_append_printf (old_with, "%s|%u|%.6f\n", lower, n, all > 0 ? (double) n / all : 0.0);
        }
      g_assert_cmpstr (api_with->str, ==, old_with->str);
    }
  sqlite3_finalize (join);
}

/* The totals @store keeps equal a recount of every mention and figure,
 * spelling for spelling; brand statistics, the metrics, the brand
 * filter's counts and the cards' brands mentioned with each, read from
 * them, equal what the queries they replaced give. Returns the number of
 * brands with statistics. */
static guint
assert_totals_recounted (CitedStore *store)
{
  g_autoptr(GPtrArray) stats = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (cited_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (cited_fts_register (db), ==, SQLITE_OK);
  assert_tables_recounted (db);
  /* The list's total, with no filter, is the total kept. */
  {
    g_autofree char *listed = g_strdup_printf ("%u\n", cited_store_count_articles (store, NULL, NULL));
    g_autofree char *counted = sql_rows (db, "SELECT count (*) FROM articles");

    g_assert_cmpstr (listed, ==, counted);
  }
  stats = assert_brand_stats_recounted (db, store);
  assert_lists_recounted (db, store);
  assert_comentions_recounted (db, store, stats);
  sqlite3_close (db);
  return stats->len;
}

/* The stats of @brand (any case), or NULL. */
static CitedBrandStats *
find_stats (GPtrArray  *stats,
            const char *brand)
{
  for (guint i = 0; i < stats->len; i++)
    if (g_ascii_strcasecmp (((CitedBrandStats *) g_ptr_array_index (stats, i))->name, brand) == 0)
      return g_ptr_array_index (stats, i);
  return NULL;
}

static guint
brand_figures (CitedStore *store,
               const char *brand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stats = cited_store_brand_stats (store, FALSE, &error);
  CitedBrandStats *st;

  g_assert_no_error (error);
  st = find_stats (stats, brand);
  return st != NULL ? st->n_figures : 0;
}

static guint
brand_mentions (CitedStore *store,
                const char *brand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stats = cited_store_brand_stats (store, FALSE, &error);
  CitedBrandStats *st;

  g_assert_no_error (error);
  st = find_stats (stats, brand);
  return st != NULL ? st->mentions : 0;
}

/* The first figure of @brand as the Figures page lists it. */
static CitedFigure *
first_figure_of (CitedStore *store,
                 const char *brand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  CitedQuery query = { .brand = brand };

  figures = cited_store_list_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->len, >, 0);
  return cited_figure_ref (g_ptr_array_index (figures, 0));
}

static CitedStore *open_sample_store (const char *path);

/* Every write that changes mentions or figures' brands keeps the totals
 * equal to a recount: imports, deletions, figure edits, brand edits (which
 * re-extract), and decisions about discovered companies. */
static void
test_brand_totals (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autofree char *saved = NULL;
  static const char * const rowntree[] = { "Rowntree", NULL };
  static const char * const both[] = { "Yukos", "Rowntree", NULL };
  static const TestFigure rowntree_figures[] = {
    { "30 million", 30e6, "sales", "Rowntree" },
  };
  static const TestFigure yukos_figures[] = {
    { "1.7 million", 1.7e6, "production", "Yukos" },
  };
  guint apple_figures, samsung_figures, n;

  /* Imports. */
  store = open_sample_store (fixture->path);
  g_assert_cmpuint (assert_totals_recounted (store), >=, 5);
  g_assert_cmpuint (brand_mentions (store, "Xiaomi"), >, 0);
  add_one (store, make_article ("Phones", "2021-03-01",
                                "Apple sold 10 million phones in 2020. Samsung sold 20 million phones. "
                                "Apple also sold 5 million watches."));
  add_one (store, make_article ("More phones", "2021-04-01",
                                "Samsung shipped 30 million phones in the quarter."));
  assert_totals_recounted (store);
  apple_figures = brand_figures (store, "Apple");
  samsung_figures = brand_figures (store, "Samsung");
  g_assert_cmpuint (apple_figures, >, 0);
  g_assert_cmpuint (samsung_figures, >, 0);

  /* A deletion takes the article's mentions and figures out. */
  {
    CitedQuery query = { .search = "watches" };

    articles = cited_store_list_articles (store, &query, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (articles->len, ==, 1);
    g_assert_true (cited_store_remove_article (store, ((CitedArticle *) g_ptr_array_index (articles, 0))->id,
                                               &error));
    g_assert_no_error (error);
    g_assert_cmpuint (brand_figures (store, "Apple"), <, apple_figures);
    assert_totals_recounted (store);
  }

  /* Figure edits: a brand moved, a brand taken away, a figure rejected,
   * one confirmed, one edit cleared. */
  {
    g_autoptr(CitedFigure) samsung = first_figure_of (store, "Samsung");
    g_autoptr(CitedFigure) xiaomi = first_figure_of (store, "Xiaomi");
    g_autoptr(CitedFigure) huawei = first_figure_of (store, "Huawei");
    g_autoptr(GArray) confirm = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GArray) reject = g_array_new (FALSE, FALSE, sizeof (gint64));
    CitedFigureEdit to_apple = { .value = NAN, .brand = "Apple" };
    CitedFigureEdit no_brand = { .value = NAN, .brand = "" };
    guint xiaomi_figures = brand_figures (store, "Xiaomi");
    guint huawei_figures = brand_figures (store, "Huawei");

    samsung_figures = brand_figures (store, "Samsung");
    apple_figures = brand_figures (store, "Apple");
    g_assert_true (cited_store_set_figure_edit (store, samsung->id, &to_apple, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (brand_figures (store, "Samsung"), ==, samsung_figures - 1);
    g_assert_cmpuint (brand_figures (store, "Apple"), ==, apple_figures + 1);
    assert_totals_recounted (store);

    g_assert_true (cited_store_set_figure_edit (store, xiaomi->id, &no_brand, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (brand_figures (store, "Xiaomi"), ==, xiaomi_figures - 1);
    assert_totals_recounted (store);

    g_array_append_val (reject, huawei->id);
    g_array_append_val (confirm, samsung->id);
    g_assert_true (cited_store_judge_figures (store, confirm, reject, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (brand_figures (store, "Huawei"), ==, huawei_figures - 1);
    assert_totals_recounted (store);

    g_assert_true (cited_store_clear_figure_edit (store, samsung->id, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (brand_figures (store, "Samsung"), ==, samsung_figures);
    assert_totals_recounted (store);
  }

  /* Brand edits re-extract the articles: a new brand, a rename (also one
   * in case only), a merge, a removal, and all of it undone. */
  saved = cited_store_save_brands (store, &error);
  g_assert_no_error (error);
  {
    const char * const aliases[] = { "watches", NULL };

    g_assert_true (cited_store_add_brand (store, "Phones Inc", (const char **) aliases, NULL, &error));
    g_assert_no_error (error);
    assert_totals_recounted (store);
  }
  n = brand_mentions (store, "Xiaomi");
  g_assert_true (cited_store_rename_brand (store, "Xiaomi", "Xiaomi Corp", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (brand_mentions (store, "Xiaomi"), ==, 0);
  g_assert_cmpuint (brand_mentions (store, "Xiaomi Corp"), ==, n);
  assert_totals_recounted (store);
  {
    g_autoptr(GPtrArray) stats = NULL;

    g_assert_true (cited_store_rename_brand (store, "Samsung", "SAMSUNG", &error));
    g_assert_no_error (error);
    stats = cited_store_brand_stats (store, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (find_stats (stats, "samsung")->name, ==, "SAMSUNG");
    assert_totals_recounted (store);
  }
  n = brand_mentions (store, "Huawei") + brand_mentions (store, "Apple");
  g_assert_true (cited_store_merge_brand (store, "Huawei", "Apple", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (brand_mentions (store, "Huawei"), ==, 0);
  g_assert_cmpuint (brand_mentions (store, "Apple"), ==, n);
  assert_totals_recounted (store);
  g_assert_true (cited_store_remove_brand (store, "Apple", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (brand_mentions (store, "Apple"), ==, 0);
  assert_totals_recounted (store);
  g_assert_true (cited_store_restore_brands (store, saved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (brand_mentions (store, "Apple"), >, 0);
  g_assert_cmpuint (brand_mentions (store, "Xiaomi Corp"), ==, 0);
  assert_totals_recounted (store);

  /* A re-extraction of everything gives the same totals. */
  g_assert_true (cited_store_reextract (store, NULL, &error));
  g_assert_no_error (error);
  assert_totals_recounted (store);

  /* Companies found in the text: accepted, merged, hidden, given back. */
  test_add_discovered_article (store, "Rowntree results",
                               "Rowntree said sales rose to 30 million bars last year. "
                               "Shares in Rowntree rose after the news.",
                               rowntree, NULL, rowntree_figures, 1);
  test_add_discovered_article (store, "Yukos appeal",
                               "Yukos said it would appeal. Rowntree was not involved. "
                               "Yukos pumped 1.7 million barrels a day.",
                               both, NULL, yukos_figures, 1);
  assert_totals_recounted (store);
  g_assert_cmpuint (brand_mentions (store, "Yukos"), ==, 2);
  n = brand_mentions (store, "Samsung");
  g_assert_true (cited_store_merge_discovered (store, "Yukos", "Samsung", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (brand_mentions (store, "Yukos"), ==, 0);
  g_assert_cmpuint (brand_mentions (store, "Samsung"), ==, n + 2);
  assert_totals_recounted (store);
  g_assert_true (cited_store_restore_discovered (store, "Yukos", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (brand_mentions (store, "Yukos"), ==, 2);
  assert_totals_recounted (store);
  g_assert_true (cited_store_hide_discovered (store, "Yukos", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (brand_mentions (store, "Yukos"), ==, 0);
  g_assert_cmpuint (brand_figures (store, "Yukos"), ==, 0);
  assert_totals_recounted (store);
  g_assert_true (cited_store_restore_discovered (store, "Yukos", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (brand_figures (store, "Yukos"), ==, 1);
  assert_totals_recounted (store);
  g_assert_true (cited_store_accept_discovered (store, "Rowntree", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (brand_mentions (store, "Rowntree"), ==, 3);
  assert_totals_recounted (store);

  /* Every article deleted: nothing is left counted. */
  g_clear_pointer (&articles, g_ptr_array_unref);
  articles = cited_store_list_articles (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < articles->len; i++)
    {
      g_assert_true (cited_store_remove_article (store, ((CitedArticle *) g_ptr_array_index (articles, i))->id,
                                                 &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (assert_totals_recounted (store), ==, 0);
}

/* The ids a search lists, newest first, as cited_store_list_article_ids()
 * gives them, joined with ",". */
static char *
listed_ids (CitedStore *store,
            const char *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  CitedQuery query = { .search = search, .sort = CITED_SORT_DATE_DESC };

  ids = cited_store_list_article_ids (store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The same search listed with its rows (another query, sorted by SQL),
 * checked against the store's count. */
static char *
listed_rows (CitedStore *store,
             const char *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  CitedQuery query = { .search = search, .sort = CITED_SORT_DATE_DESC };
  guint count;

  articles = cited_store_list_articles (store, &query, &error);
  g_assert_no_error (error);
  count = cited_store_count_articles (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, count);
  for (guint i = 0; i < articles->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            ((CitedArticle *) g_ptr_array_index (articles, i))->id);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_search_lists (CitedStore *store,
                     const char *search,
                     guint       expected)
{
  g_autofree char *ids = listed_ids (store, search);
  g_autofree char *rows = listed_rows (store, search);
  g_auto(GStrv) split = g_strsplit (ids, ",", -1);

  g_assert_cmpstr (ids, ==, rows);
  g_assert_cmpuint (*ids != '\0' ? g_strv_length (split) : 0, ==, expected);
}

/* A search lists every match newest first, as many as the store counts,
 * whatever was written since the last search, by this store or another. */
static void
test_search_lists_counted (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = cited_store_open (fixture->path, &error);
  g_autoptr(CitedStore) other = NULL;
  g_autoptr(GArray) all = NULL;
  CitedQuery everything = { .sort = CITED_SORT_DATE_DESC };
  g_autofree char *first = NULL;

  g_assert_no_error (error);
  /* Dates out of insertion order, two on one day, one with none. */
  add_one (store, make_article ("Grain harvest", "2021-05-01", "The grain harvest rose by 5 million tonnes."));
  add_one (store, make_article ("Grain prices", "2019-01-10", "Grain prices fell in the winter."));
  add_one (store, make_article ("Steel output", "2021-05-01", "Steel output rose; grain was not traded."));
  add_one (store, make_article ("Undated grain note", NULL, "A grain note with no date."));
  add_one (store, make_article ("Fishing", "2023-02-02", "Fishing fleets stayed home."));
  assert_search_lists (store, "grain", 4);
  assert_search_lists (store, "fishing", 1);
  assert_search_lists (store, "grain rose", 2);
  assert_search_lists (store, "nothing-like-this", 0);
  assert_search_lists (store, "", 5);

  /* Every article, newest first, the undated one last. */
  all = cited_store_list_article_ids (store, &everything, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 5);
  first = listed_ids (store, "fishing");
  g_assert_cmpint (g_array_index (all, gint64, 0), ==, g_ascii_strtoll (first, NULL, 10));

  /* Written by this store: an article added, one removed. */
  add_one (store, make_article ("Grain exports", "2024-03-03", "Grain exports doubled."));
  assert_search_lists (store, "grain", 5);
  {
    g_autofree char *ids = listed_ids (store, "grain");

    g_assert_true (cited_store_remove_article (store, g_ascii_strtoll (ids, NULL, 10), &error));
    g_assert_no_error (error);
  }
  assert_search_lists (store, "grain", 4);

  /* Written by another store on the same file. */
  other = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  add_one (other, make_article ("Grain futures", "2020-07-07", "Grain futures slipped."));
  add_one (other, make_article ("Grain stocks", "2025-01-01", "Grain stocks rose."));
  assert_search_lists (store, "grain", 6);
  assert_search_lists (store, "", 7);
}

/* ------------------------------------------------------------------ */

static void
test_open_create (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedStore) again = NULL;
  int version;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (cited_store_get_path (store), ==, fixture->path);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));

  /* The default lexicon is there from the start. */
  g_assert_cmpstr (cited_lexicon_lookup (cited_store_get_lexicon (store), "millet"), ==, "Xiaomi");
  g_assert_cmpuint (cited_store_count_articles (store, NULL, &error), ==, 0);
  g_assert_no_error (error);

  g_clear_object (&store);

  version = sqlite_int (fixture->path, "PRAGMA user_version");
  g_assert_cmpint (version, >=, 1);
  g_assert_cmpint (sqlite_int (fixture->path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==, 1);

  /* Reopening migrates nothing and keeps the version. */
  again = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_clear_object (&again);
  g_assert_cmpint (sqlite_int (fixture->path, "PRAGMA user_version"), ==, version);
}

static void
test_default_path (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("CITED_DB"));
  g_autofree char *from_env = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *expected = NULL;

  g_setenv ("CITED_DB", "/some/where/else.db", TRUE);
  from_env = cited_store_default_path ();
  g_assert_cmpstr (from_env, ==, "/some/where/else.db");

  g_unsetenv ("CITED_DB");
  fallback = cited_store_default_path ();
  expected = g_build_filename (g_get_user_data_dir (), "cited", "cited.db", NULL);
  g_assert_cmpstr (fallback, ==, expected);

  if (saved != NULL)
    g_setenv ("CITED_DB", saved, TRUE);
}

static void
test_migration_from_empty_file (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);

  /* An empty file is a valid, empty SQLite database at version 0. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  add_one (store, make_article ("Migrated", NULL, "Huawei makes phones."));
  g_assert_cmpuint (cited_store_count_articles (store, NULL, NULL), ==, 1);
}

static void
record_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  guint *progress = user_data;

  g_assert_cmpuint (done, <=, total);
  progress[0] = done;
  progress[1] = total;
}

static void
test_migration_step (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  guint progress[2] = { G_MAXUINT, 0 };
  int latest;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  add_one (store, make_article ("Kept", "2020-01-01", "Apple sold 10 million phones."));
  g_clear_object (&store);
  latest = sqlite_int (fixture->path, "PRAGMA user_version");
  g_assert_cmpint (latest, >=, 2);

  /* Take the database back to version 1: the steps after it run again on
   * open, and the data written at version 1 is still there. */
  sqlite_exec (fixture->path,
               UNDO_STEP_19 UNDO_STEP_18 UNDO_STEP_17 UNDO_STEP_16 UNDO_STEP_15
               " DROP TABLE brand_totals; DROP TABLE metric_totals;"
               " DROP TABLE articles_fts;"
               " CREATE VIRTUAL TABLE articles_fts USING fts5 ("
               "  title, body, content = 'article_text', content_rowid = 'id',"
               "  tokenize = 'trigram case_sensitive 0');"
               " INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');"
               " DROP INDEX articles_published_nulls_last;"
               " ALTER TABLE figures DROP COLUMN currency_inferred;"
               " DROP INDEX mentions_discovered; DROP INDEX figures_discovered;"
               " ALTER TABLE mentions DROP COLUMN discovered_as;"
               " ALTER TABLE figures DROP COLUMN discovered_as;"
               " DROP TABLE discovered; DROP TABLE hidden_mentions;"
               " ALTER TABLE figures DROP COLUMN measure;"
               " ALTER TABLE figures DROP COLUMN change_kind;"
               " ALTER TABLE figures DROP COLUMN direction;"
               " ALTER TABLE figures DROP COLUMN span;"
               " ALTER TABLE figures DROP COLUMN claim_status;"
               " ALTER TABLE figures DROP COLUMN period_inferred;"
               " ALTER TABLE figure_edits DROP COLUMN fields;"
               " ALTER TABLE figure_edits DROP COLUMN unit;"
               " ALTER TABLE figure_edits DROP COLUMN currency;"
               " ALTER TABLE figure_edits DROP COLUMN qualifier;"
               " ALTER TABLE figure_edits DROP COLUMN scope;"
               " ALTER TABLE figure_edits DROP COLUMN year;"
               " ALTER TABLE figure_edits DROP COLUMN quarter;"
               " ALTER TABLE figure_edits DROP COLUMN measure;"
               " ALTER TABLE figure_edits DROP COLUMN change_kind;"
               " ALTER TABLE figure_edits DROP COLUMN span;"
               " ALTER TABLE figure_edits DROP COLUMN claim_status;"
               " DROP TABLE lexicon_generation;"
               " DROP TRIGGER brands_inserted; DROP TRIGGER brands_updated;"
               " DROP TRIGGER brands_deleted; DROP TRIGGER brand_aliases_inserted;"
               " DROP TRIGGER brand_aliases_updated; DROP TRIGGER brand_aliases_deleted;"
               " DROP TABLE brand_exclusions;"
               " ALTER TABLE brands DROP COLUMN replaces; ALTER TABLE brands DROP COLUMN removed;"
               " ALTER TABLE brand_aliases DROP COLUMN kind; ALTER TABLE brand_aliases DROP COLUMN enabled;"
               " DROP TABLE views;"
               " DROP TABLE feeds; DROP TABLE feed_items;"
               " DROP TABLE pending_extractions; DROP TABLE extractor_version;"
               " PRAGMA user_version = 1");
  /* Step 12 rebuilds the index: its progress is told, in articles. */
  store = cited_store_open_full (fixture->path, record_progress, progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress[1], ==, 1);
  g_assert_cmpuint (progress[0], ==, 1);
  g_assert_cmpint (sqlite_int (fixture->path, "PRAGMA user_version"), ==, latest);
  g_assert_cmpint (sqlite_int (fixture->path,
                               "SELECT count (*) FROM sqlite_schema"
                               " WHERE name = 'articles_published_nulls_last'"), ==, 1);
  g_assert_cmpint (sqlite_int (fixture->path,
                               "SELECT count (*) FROM sqlite_schema WHERE name = 'brand_exclusions'"), ==, 1);
  g_assert_cmpuint (cited_store_count_articles (store, NULL, NULL), ==, 1);
  g_assert_cmpint (sqlite_int (fixture->path,
                               "SELECT count (*) FROM sqlite_schema WHERE name = 'views'"), ==, 1);
  g_assert_cmpint (sqlite_int (fixture->path,
                               "SELECT count (*) FROM sqlite_schema"
                               " WHERE name IN ('feeds', 'feed_items')"), ==, 2);
  /* Step 13: the articles count as extracted by the extractor of that
   * step, 1; this one is newer, so the article waits for re-extraction. */
  g_assert_cmpint (sqlite_int (fixture->path, "SELECT n FROM extractor_version"), ==, CITED_EXTRACTOR_VERSION);
  g_assert_cmpuint (cited_store_count_pending_extractions (store, &error), ==, CITED_EXTRACTOR_VERSION > 1 ? 1 : 0);
  g_assert_no_error (error);
  /* Step 14: the brand and metric totals are counted from the articles
   * already stored, and kept from then on. */
  g_assert_cmpint (sqlite_int (fixture->path, "SELECT count (*) FROM brand_totals WHERE articles > 0"), ==, 1);
  g_assert_cmpint (sqlite_int (fixture->path, "SELECT count (*) FROM metric_totals WHERE figures > 0"), ==, 1);
  g_assert_cmpuint (assert_totals_recounted (store), ==, 1);
  /* The full-text index was built again with Cited's tokenizer, from the
   * articles already stored: a word, a short number and a run-together
   * word's part are found. */
  g_assert_cmpint (sqlite_int (fixture->path,
                               "SELECT count (*) FROM sqlite_schema WHERE name = 'articles_fts'"
                               " AND sql LIKE '%tokenize = ''cited''%'"), ==, 1);
  {
    static const char * const terms[] = { "apple", "10", "PHONES" };

    for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
      {
        CitedQuery query = { .search = terms[i] };

        g_assert_cmpuint (cited_store_count_articles (store, &query, NULL), ==, 1);
      }
  }
  /* The totals are kept by the next write. */
  add_one (store, make_article ("Added", "2020-02-01", "Apple sold 20 million phones."));
  g_assert_cmpuint (assert_totals_recounted (store), ==, 1);
  g_assert_cmpint (sqlite_int (fixture->path, "SELECT articles FROM brand_totals WHERE brand = 'Apple'"), ==, 2);
}

/* Schema step 17 counts the brands mentioned together in the articles
 * already stored, as the cards read them. */
static void
test_migration_brand_pairs (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = cited_store_open (fixture->path, &error);
  g_autoptr(GPtrArray) with = NULL;

  g_assert_no_error (error);
  add_one (store, make_article ("Phones", "2021-03-01",
                                "Apple sold 10 million phones. Samsung sold 20 million phones."));
  add_one (store, make_article ("Watches", "2021-04-01", "Apple and Huawei sold watches."));
  add_one (store, make_article ("Tablets", "2021-05-01", "Samsung and Apple sold tablets."));
  g_clear_object (&store);
  sqlite_exec (fixture->path, UNDO_STEP_19 UNDO_STEP_18 UNDO_STEP_17 " PRAGMA user_version = 16");

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite_int (fixture->path, "PRAGMA user_version"), >=, 17);
  g_assert_cmpuint (assert_totals_recounted (store), ==, 3);
  with = cited_store_brand_comentions (store, "apple", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (with->len, ==, 2);
  g_assert_cmpstr (((CitedBrandStats *) g_ptr_array_index (with, 0))->name, ==, "Samsung");
  g_assert_cmpuint (((CitedBrandStats *) g_ptr_array_index (with, 0))->mentions, ==, 2);
  g_assert_cmpstr (((CitedBrandStats *) g_ptr_array_index (with, 1))->name, ==, "Huawei");
  g_assert_cmpuint (((CitedBrandStats *) g_ptr_array_index (with, 1))->mentions, ==, 1);
}

/* What a figure states is stored and read back, and filters by span and
 * claim status. */
static void
test_figure_states (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) forecasts = NULL;
  g_autoptr(GPtrArray) cumulative = NULL;
  CitedQuery query = { 0 };
  gboolean seen_fall = FALSE, seen_loss = FALSE;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  add_one (store, make_article ("States", "2024-02-01",
                                "Samsung's profits fell 5% in 2023. Sony lost 12.5 billion yen. "
                                "Xiaomi expects revenue of $5bn. Since 2011 Xiaomi has sold "
                                "800 million phones."));
  all = cited_store_list_figures (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  for (guint i = 0; i < all->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (all, i);

      if (f->change == CITED_CHANGE_PERCENT)
        {
          g_assert_cmpfloat (f->value, ==, -5);
          g_assert_cmpstr (f->measure, ==, "profit");
          g_assert_cmpint (f->direction, ==, CITED_DIRECTION_FALL);
          g_assert_cmpstr (cited_figure_get_measure (f), ==, "profit");
          seen_fall = TRUE;
        }
      else if (g_strcmp0 (f->currency, "JPY") == 0)
        {
          g_assert_cmpfloat (f->value, ==, -12.5e9);
          g_assert_cmpstr (cited_figure_get_measure (f), ==, "profit");
          g_assert_cmpint (f->change, ==, CITED_CHANGE_LEVEL);
          seen_loss = TRUE;
        }
    }
  g_assert_true (seen_fall && seen_loss);

  query.claim_status = "forecast";
  forecasts = cited_store_list_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (forecasts->len, ==, 1);
  g_assert_cmpfloat (((CitedFigure *) g_ptr_array_index (forecasts, 0))->value, ==, 5e9);
  g_assert_cmpint (((CitedFigure *) g_ptr_array_index (forecasts, 0))->claim_status, ==,
                   CITED_CLAIM_FORECAST);

  query.claim_status = NULL;
  query.span = "cumulative";
  cumulative = cited_store_list_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cumulative->len, ==, 1);
  g_assert_cmpfloat (((CitedFigure *) g_ptr_array_index (cumulative, 0))->value, ==, 800e6);
  g_assert_cmpint (((CitedFigure *) g_ptr_array_index (cumulative, 0))->span, ==,
                   CITED_SPAN_CUMULATIVE);
}

static void
test_too_new (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  sqlite_exec (fixture->path, "PRAGMA user_version = 999");

  store = cited_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, CITED_ERROR, CITED_ERROR_DATABASE_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "999"));
  g_assert_nonnull (strstr (error->message, fixture->path));

  /* The database is left as it was. */
  g_assert_cmpint (sqlite_int (fixture->path, "PRAGMA user_version"), ==, 999);
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *junk = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  junk = g_strnfill (8192, 'x');
  g_assert_true (g_file_set_contents (fixture->path, junk, -1, NULL));

  store = cited_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, CITED_ERROR, CITED_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "not a Cited database"));
}

static void
test_foreign_database (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  sqlite_exec (fixture->path, "PRAGMA application_id = 42; CREATE TABLE notes (x)");

  store = cited_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, CITED_ERROR, CITED_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, fixture->path));
}

/* Another program's SQLite file without an application id: one table of
 * notes, once with a user_version far beyond Cited's. Opening it is refused
 * as not Cited's (never "written by a newer version of Cited") and it is
 * left byte for byte as it was: no tables added, no id, no WAL. */
static void
test_foreign_database_unchanged (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  const char * const setups[] = {
    "CREATE TABLE notes (x); INSERT INTO notes VALUES ('hello')",
    "CREATE TABLE notes (x); PRAGMA user_version = 9999",
  };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (setups); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CitedStore) store = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
      gsize before_len = 0, after_len = 0;

      g_unlink (fixture->path);
      sqlite_exec (fixture->path, setups[i]);
      g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));

      store = cited_store_open (fixture->path, &error);
      g_assert_null (store);
      g_assert_error (error, CITED_ERROR, CITED_ERROR_DATABASE);
      g_assert_nonnull (strstr (error->message, "not a Cited database"));
      g_assert_nonnull (strstr (error->message, fixture->path));
      g_assert_null (strstr (error->message, "newer version"));

      g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
      g_assert_cmpmem (before, before_len, after, after_len);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_cmpint (sqlite_int (fixture->path, "PRAGMA application_id"), ==, 0);
      g_assert_cmpint (sqlite_int (fixture->path, "SELECT count (*) FROM sqlite_schema"), ==, 1);
    }
}

/* A Cited database that lost its application id (rebuilt from an SQL
 * dump) is still recognised by its tables, and gets the id back. */
static void
test_cited_database_without_id (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  add_one (store, make_article ("Kept", "2020-01-01", "Apple sold 10 million phones."));
  g_clear_object (&store);
  g_assert_cmpint (sqlite_int (fixture->path, "PRAGMA application_id"), !=, 0);

  sqlite_exec (fixture->path, "PRAGMA application_id = 0");
  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpuint (cited_store_count_articles (store, NULL, NULL), ==, 1);
  g_clear_object (&store);
  g_assert_cmpint (sqlite_int (fixture->path, "PRAGMA application_id"), !=, 0);
}

typedef struct {
  const char *path;
  GPtrArray  *batch;
  guint       added;
  guint       duplicates;
  gboolean    ok;
} ImportRun;

static gpointer
import_same_thread (gpointer data)
{
  ImportRun *run = data;
  g_autoptr(CitedStore) store = cited_store_open (run->path, NULL);

  run->ok = store != NULL &&
            cited_store_add_articles (store, run->batch, &run->added, &run->duplicates, NULL);
  return NULL;
}

/* The same files imported twice at once (the app and cited-cli, say):
 * each article is stored once, the copy the other one stored first is
 * counted as a duplicate, and neither import fails. */
static void
test_add_same_at_once (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ImportRun runs[2] = { { 0 } };
  GThread *threads[2];
  guint n = 300;

  /* Created first, so that the two do not both make the schema. */
  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);

  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      runs[r].path = fixture->path;
      runs[r].batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *title = g_strdup_printf ("Report %u", i);
          g_autofree char *body = g_strdup_printf ("Xiaomi sold %u million phones in 2021.", i + 1);

          g_ptr_array_add (runs[r].batch, make_article (title, "2022-03-01", body));
        }
    }
  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    threads[r] = g_thread_new ("import", import_same_thread, &runs[r]);
  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    g_thread_join (threads[r]);

  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      g_assert_true (runs[r].ok);
      g_assert_cmpuint (runs[r].added + runs[r].duplicates, ==, n);
    }
  g_assert_cmpuint (runs[0].added + runs[1].added, ==, n);
  g_assert_cmpuint (cited_store_count_articles (store, NULL, NULL), ==, n);
  for (guint i = 0; i < n; i++)
    {
      CitedArticle *mine = g_ptr_array_index (runs[0].batch, i);
      CitedArticle *theirs = g_ptr_array_index (runs[1].batch, i);
      g_autoptr(CitedArticle) stored = cited_store_get_article (store, MAX (mine->id, theirs->id),
                                                                &error);

      /* Stored by one of the two, with its text and its figure. */
      g_assert_no_error (error);
      g_assert_true ((mine->id > 0) != (theirs->id > 0));
      g_assert_cmpstr (stored->body, ==, mine->body);
    }
  g_assert_cmpint (sqlite_int (fixture->path, "SELECT count (*) FROM figures"), ==, n);

  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    g_ptr_array_unref (runs[r].batch);
}

static void
test_add_and_duplicates (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  g_autoptr(CitedArticle) stored = NULL;
  CitedArticle *first;
  guint added = 99, duplicates = 99;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);

  first = make_article ("Xiaomi results", "2022-03-01",
                        "Xiaomi sold 190 million phones in 2021. Huawei holds 24,000 patents.");
  g_ptr_array_add (batch, first);
  g_ptr_array_add (batch, make_article ("Apple", "2022-04-01", "Apple sold phones."));
  /* The same content twice in one batch is one article. */
  g_ptr_array_add (batch, make_article ("Apple", "2022-04-01", "Apple sold phones."));

  g_assert_true (cited_store_add_articles (store, batch, &added, &duplicates, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);
  g_assert_cmpuint (duplicates, ==, 1);
  g_assert_cmpint (first->id, >, 0);
  g_assert_nonnull (first->hash);
  g_assert_cmpuint (strlen (first->hash), ==, 64);

  g_ptr_array_add (again, make_article ("Xiaomi results", "2022-03-01",
                                        "Xiaomi sold 190 million phones in 2021. Huawei holds 24,000 patents."));
  g_assert_true (cited_store_add_articles (store, again, &added, &duplicates, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (duplicates, ==, 1);
  g_assert_cmpuint (cited_store_count_articles (store, NULL, NULL), ==, 2);

  stored = cited_store_get_article (store, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->title, ==, "Xiaomi results");
  g_assert_cmpstr (stored->body, ==, first->body);
  g_assert_cmpstr (stored->source, ==, "Test Wire");
  g_assert_cmpstr (stored->published, ==, "2022-03-01");
  g_assert_cmpstr (stored->path, ==, "/tmp/Xiaomi results.txt");
  g_assert_cmpstr (stored->language, ==, "en");
  g_assert_cmpstr (stored->hash, ==, first->hash);
  g_assert_true (strv_contains_ci (stored->brands, "Xiaomi"));
  g_assert_true (strv_contains_ci (stored->brands, "Huawei"));
  g_assert_cmpuint (stored->n_figures, >=, 2);

  g_assert_null (cited_store_get_article (store, 12345, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Text that is not valid UTF-8 is stored repaired, never as is. */
  {
    CitedArticle *broken = make_article ("Broken \xff title", NULL, "Samsung \xfe\xff sold phones.");
    g_autoptr(CitedArticle) back = NULL;

    add_one (store, cited_article_ref (broken));
    back = cited_store_get_article (store, broken->id, &error);
    g_assert_no_error (error);
    g_assert_true (g_utf8_validate (back->title, -1, NULL));
    g_assert_true (g_utf8_validate (back->body, -1, NULL));
    g_assert_nonnull (strstr (back->body, "Samsung"));
    g_assert_true (strv_contains_ci (back->brands, "Samsung"));
    cited_article_unref (broken);
  }
}

/* Each article of @batch has its own one figure, ids in batch order. */
static void
check_batch_figures (CitedStore *store,
                     GPtrArray  *batch)
{
  for (guint i = 0; i < batch->len; i++)
    {
      CitedArticle *article = g_ptr_array_index (batch, i);
      CitedQuery query = { .article_id = article->id };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) figures = cited_store_list_figures (store, &query, &error);
      g_autofree char *number = g_strdup_printf ("%u million", 10 + i);
      CitedFigure *figure;

      if (i > 0)
        g_assert_cmpint (article->id, >, ((CitedArticle *) g_ptr_array_index (batch, i - 1))->id);
      g_assert_no_error (error);
      g_assert_cmpuint (figures->len, ==, 1);
      figure = g_ptr_array_index (figures, 0);
      g_assert_true (g_str_has_prefix (figure->text, number));
      g_assert_cmpfloat (figure->value, ==, (10 + i) * 1e6);
      g_assert_cmpstr (figure->article_title, ==, article->title);
    }
}

static void
test_batch_order (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  guint added = 0;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);

  /* Big enough a batch for extraction to run beside the writes: every
   * article still gets its own figures, in the batch's order. */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("Report %u", i);
      g_autofree char *body = g_strdup_printf ("Samsung shipped %u million phones in 2023.", 10 + i);

      g_ptr_array_add (batch, make_article (title, NULL, body));
    }
  g_assert_true (cited_store_add_articles (store, batch, &added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 40);
  check_batch_figures (store, batch);

  /* Re-extracting everything, also in parallel, changes nothing. */
  g_assert_true (cited_store_reextract (store, NULL, &error));
  g_assert_no_error (error);
  check_batch_figures (store, batch);
}

static void
test_batch_rollback (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  CitedArticle *good;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* A trigger makes the second insert of the batch fail. */
  sqlite_exec (fixture->path,
               "CREATE TRIGGER boom BEFORE INSERT ON articles WHEN NEW.title = 'boom'"
               " BEGIN SELECT RAISE (ABORT, 'boom'); END");
  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);

  good = make_article ("good", NULL, "Samsung shipped 70 million phones.");
  g_ptr_array_add (batch, good);
  g_ptr_array_add (batch, make_article ("boom", NULL, "Apple shipped 50 million phones."));

  g_assert_false (cited_store_add_articles (store, batch, NULL, NULL, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_DATABASE);
  g_assert_cmpint (good->id, ==, 0);

  /* Nothing half-written: no article, no figure, no mention. */
  g_assert_cmpuint (cited_store_count_articles (store, NULL, NULL), ==, 0);
  g_clear_object (&store);
  g_assert_cmpint (sqlite_int (fixture->path, "SELECT count (*) FROM figures"), ==, 0);
  g_assert_cmpint (sqlite_int (fixture->path, "SELECT count (*) FROM mentions"), ==, 0);
  g_assert_cmpint (sqlite_int (fixture->path, "SELECT count (*) FROM article_bodies"), ==, 0);
}

static CitedStore *
open_search_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  CitedStore *store = cited_store_open (fixture->path, &error);

  g_assert_no_error (error);
  g_ptr_array_add (batch, make_article ("Xiaomi Cars team", "2024-01-31",
                                        "XiaomiCars has an R&D team of 3000 people. "
                                        "Sales reached 190 million units worldwide."));
  g_ptr_array_add (batch, make_article ("Apple in India", "2023-06-15",
                                        "Apple opened two stores in India. "
                                        "The iPhone sold well; 5G phones are popular. "
                                        "Revenue there reached $2.5bn."));
  g_ptr_array_add (batch, make_article ("小米汽车研发团队", "2024-02-10",
                                        "小米汽车的研发团队有3000人，华为汽车的团队有7000人。"));
  g_ptr_array_add (batch, make_article ("三星出货量", "2023-01-05",
                                        "三星去年全球出货量超过2.6亿台，排名第一。"));
  g_assert_true (cited_store_add_articles (store, batch, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static GPtrArray *
search (CitedStore *store,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  CitedQuery query = { .search = text, .sort = CITED_SORT_RELEVANCE };
  GPtrArray *found = cited_store_list_articles (store, &query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  /* Counting agrees with listing. */
  g_assert_cmpuint (cited_store_count_articles (store, &query, NULL), ==, found->len);
  return found;
}

/* ------------------------------------------------------------------ */
/* Compressed bodies (schema step 15)                                  */

/* Bodies of every kind a store keeps: long English and Chinese text, an
 * empty and a very short one, a large one, one that is not valid UTF-8
 * (stored repaired) and one with a term the index leaves out ("%"). */
static GPtrArray *
body_articles (void)
{
  GPtrArray *batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  g_autoptr(GString) english = g_string_new (NULL);
  g_autoptr(GString) chinese = g_string_new (NULL);
  g_autoptr(GString) large = g_string_new (NULL);

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (english, "Paragraph %u: Samsung shipped %u million phones in %u, "
                            "while Apple opened %u stores and its revenue rose.\n\n",
                            i, 10 + i, 2000 + i, i * 3);
  for (guint i = 0; i < 60; i++)
    g_string_append_printf (chinese, "小米汽车的研发团队有%u人，华为去年全球出货量超过%u亿台。", 3000 + i, 2 + i);
  /* Two megabytes that compress, with a word of their own at the end. */
  for (guint i = 0; large->len < 2 * 1024 * 1024; i++)
    g_string_append_printf (large, "Line %u of a long filing by Sony, %x. ", i, g_str_hash (&i));
  g_string_append (large, "Zanzibarian.");

  g_ptr_array_add (batch, make_article ("English", "2021-01-01", english->str));
  g_ptr_array_add (batch, make_article ("中文", "2021-01-02", chinese->str));
  g_ptr_array_add (batch, make_article ("Empty", "2021-01-03", ""));
  g_ptr_array_add (batch, make_article ("Short", "2021-01-04", "Hi."));
  g_ptr_array_add (batch, make_article ("Large", "2021-01-05", large->str));
  g_ptr_array_add (batch, make_article ("Broken", "2021-01-06",
                                        "Nokia \xfe\xff sold phones. Nokia sold phones again, "
                                        "and again Nokia sold phones, \xe9t\xe9 after \xe9t\xe9."));
  g_ptr_array_add (batch, make_article ("Percent", "2021-01-07",
                                        "Prices rose 7% this year, and rose again next year."));
  return batch;
}

/* The stored form of article @id's body: "text" or "blob". */
static char *
stored_type (const char *path,
             gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT typeof (body) FROM article_bodies WHERE id = %"
                                          G_GINT64_FORMAT, id);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *type = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return type;
}

/* What searches for the bodies' words find, as titles and snippets: the
 * index, the snippets read through the bodies, and the terms matched by
 * reading the bodies ("%"). */
static char *
describe_searches (CitedStore *store)
{
  static const char * const terms[] = {
    "Samsung", "研发团队", "华", "Zanzibarian", "Nokia", "rose %", "Hi", "phones",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      g_autoptr(GPtrArray) found = search (store, terms[i]);

      g_string_append_printf (out, "%s:", terms[i]);
      for (guint k = 0; k < found->len; k++)
        {
          CitedArticle *article = g_ptr_array_index (found, k);

          g_string_append_printf (out, " [%s] %s", article->title,
                                  article->snippet != NULL ? article->snippet : "");
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Every body reads back as stored, byte for byte (the invalid one as
 * repaired, as always); long ones are kept compressed. */
static void
check_bodies (Fixture   *fixture,
              CitedStore *store,
              GPtrArray  *batch)
{
  for (guint i = 0; i < batch->len; i++)
    {
      CitedArticle *article = g_ptr_array_index (batch, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(CitedArticle) back = cited_store_get_article (store, article->id, &error);
      g_autofree char *expected = g_utf8_make_valid (article->body, -1);
      g_autofree char *type = stored_type (fixture->path, article->id);

      g_assert_no_error (error);
      g_assert_cmpstr (back->body, ==, expected);
      if (strlen (expected) > 100)
        g_assert_cmpstr (type, ==, "blob");
      else
        g_assert_cmpstr (type, ==, "text");
    }
}

static void
test_bodies_compressed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) batch = body_articles ();
  g_autofree char *found = NULL;
  guint64 text_bytes = 0;
  int stored_bytes;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (cited_store_add_articles (store, batch, NULL, NULL, &error));
  g_assert_no_error (error);
  check_bodies (fixture, store, batch);

  /* The bodies take less than half their text. */
  for (guint i = 0; i < batch->len; i++)
    text_bytes += strlen (((CitedArticle *) g_ptr_array_index (batch, i))->body);
  stored_bytes = sqlite_int (fixture->path, "SELECT sum (length (CAST (body AS BLOB))) FROM article_bodies");
  g_assert_cmpint (stored_bytes, >, 0);
  g_assert_cmpuint ((guint64) stored_bytes, <, text_bytes / 2);

  /* Searches find each body's words and mark them in snippets read from
   * the compressed bodies. */
  found = describe_searches (store);
  g_assert_nonnull (strstr (found, "Samsung: [English] "));
  g_assert_nonnull (strstr (found, "\x02Samsung\x03"));
  g_assert_nonnull (strstr (found, "研发团队: [中文] "));
  g_assert_nonnull (strstr (found, "\x02研发团队\x03"));
  g_assert_nonnull (strstr (found, "Zanzibarian: [Large] "));
  g_assert_nonnull (strstr (found, "Nokia: [Broken] "));
  g_assert_nonnull (strstr (found, "rose %: [Percent] "));
  g_assert_nonnull (strstr (found, "Hi: [Short] "));

  /* Deleting an article takes its words out of the index: the index reads
   * the deleted text back through the compressed body. */
  g_assert_true (cited_store_remove_article (store, ((CitedArticle *) g_ptr_array_index (batch, 0))->id,
                                             &error));
  g_assert_no_error (error);
  g_clear_pointer (&found, g_free);
  found = describe_searches (store);
  g_assert_null (strstr (found, "[English]"));
  g_assert_nonnull (strstr (found, "研发团队: [中文] "));
  /* The index agrees with the text it was made from. */
  sqlite_exec (fixture->path, "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)");
}

#define MIGRATE_ENV "CITED_TEST_STORE_MIGRATE_KILLED"

static void
kill_when_all_compressed (guint    done,
                          guint    total,
                          gpointer user_data)
{
  if (total > 0 && done == total)
    raise (SIGKILL);
}

/* The child of test_migration_compresses_bodies: opens the store at
 * @path, which upgrades it, and is killed by SIGKILL when every body is
 * compressed, before the upgrade commits. */
static int
run_migrate_killed (const char *path)
{
  g_autoptr(CitedStore) store = cited_store_open_full (path, kill_when_all_compressed, NULL, NULL);

  return store == NULL ? 2 : 1;
}

/* A store of step 14 is upgraded: its bodies compressed, read back the
 * same, and found by the same searches; an upgrade killed half-way
 * leaves the store as it was. */
static void
test_migration_compresses_bodies (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) batch = body_articles ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *self_exe = NULL;
  g_auto(GStrv) envp = NULL;
  const char *argv[2] = { NULL, NULL };
  guint progress[2] = { G_MAXUINT, 0 };
  GStatBuf st;
  goffset size_at_14;
  GPid pid;
  int status;
  int latest;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (cited_store_add_articles (store, batch, NULL, NULL, &error));
  g_assert_no_error (error);
  before = describe_searches (store);
  g_clear_object (&store);
  latest = sqlite_int (fixture->path, "PRAGMA user_version");
  g_assert_cmpint (latest, >=, 15);

  sqlite_exec (fixture->path, UNDO_STEP_19 UNDO_STEP_18 UNDO_STEP_17 UNDO_STEP_16 UNDO_STEP_15 " PRAGMA user_version = 14");
  g_assert_cmpint (sqlite_int (fixture->path,
                               "SELECT count (*) FROM article_bodies WHERE typeof (body) <> 'text'"), ==, 0);

  /* The upgrade is killed when it has compressed the last body, before it
   * commits: nothing of it is kept. */
  self_exe = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  argv[0] = self_exe;
  envp = g_environ_setenv (g_get_environ (), MIGRATE_ENV, fixture->path, TRUE);
  g_assert_true (g_spawn_async (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_assert_cmpint (sqlite_int (fixture->path, "PRAGMA user_version"), ==, 14);
  g_assert_cmpint (sqlite_int (fixture->path,
                               "SELECT count (*) FROM article_bodies WHERE typeof (body) <> 'text'"), ==, 0);
  g_assert_cmpint (sqlite_int (fixture->path, "SELECT count (*) FROM article_bodies"), ==, batch->len);
  g_assert_cmpint (sqlite_int (fixture->path,
                               "SELECT count (*) FROM sqlite_schema WHERE name = 'article_text'"
                               " AND sql NOT LIKE '%cited_body%'"), ==, 1);
  g_assert_cmpint (sqlite_int (fixture->path, "SELECT quick_check = 'ok' FROM pragma_quick_check"), ==, 1);

  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  size_at_14 = st.st_size;

  /* Compressing the bodies tells its progress, in articles. */
  store = cited_store_open_full (fixture->path, record_progress, progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress[1], ==, batch->len);
  g_assert_cmpuint (progress[0], ==, batch->len);
  g_assert_cmpint (sqlite_int (fixture->path, "PRAGMA user_version"), ==, latest);
  check_bodies (fixture, store, batch);
  after = describe_searches (store);
  g_assert_cmpstr (after, ==, before);
  /* The index agrees with the text it was made from. */
  sqlite_exec (fixture->path, "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)");

  /* A small store's file is smaller for it. */
  g_clear_object (&store);
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, size_at_14 * 3 / 4);
}

/* A word repeated thousands of times finds what the word finds, and its
 * snippet marks it; thousands of distinct one-letter words are not an
 * SQLite error ("Expression tree is too large"): terms are deduplicated
 * and the first 32 distinct ones count. */
static void
test_search_many_terms (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CitedStore) store = open_search_store (fixture);
  g_autoptr(GString) repeated = g_string_new (NULL);
  g_autoptr(GString) letters = g_string_new (NULL);
  g_autoptr(GString) hanzi = g_string_new (NULL);
  g_autoptr(GPtrArray) found = NULL;
  CitedArticle *article;

  for (guint i = 0; i < 3000; i++)
    g_string_append (repeated, i % 2 ? "million " : "MILLION ");
  found = search (store, repeated->str);
  g_assert_cmpuint (found->len, ==, 1);
  article = g_ptr_array_index (found, 0);
  g_assert_cmpstr (article->title, ==, "Xiaomi Cars team");
  g_assert_nonnull (strstr (article->snippet, "\x02million\x03"));
  g_clear_pointer (&found, g_ptr_array_unref);

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (letters, "%c ", 'a' + i % 26);
  found = search (store, letters->str);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Distinct one-character words past the cap: the first ones decide. */
  g_string_append (hanzi, "小 米 ");
  for (gunichar c = 0x4E00; c < 0x4E00 + 5000; c++)
    {
      g_string_append_unichar (hanzi, c);
      g_string_append_c (hanzi, ' ');
    }
  found = search (store, hanzi->str);
  g_assert_cmpuint (found->len, <=, 1);
}

static void
test_search_english (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CitedStore) store = open_search_store (fixture);
  g_autoptr(GPtrArray) found = NULL;
  CitedArticle *article;
  static const char * const hostile[] = {
    "AND", "OR NOT", "\"", "\"unclosed phrase", "(million", "mill*", "NEAR(a b)",
    "title:apple", "-apple", "^apple", "a\"b", "''", "%", "_", "\\", "“curly”", "   ",
  };

  found = search (store, "million");
  g_assert_cmpuint (found->len, ==, 1);
  article = g_ptr_array_index (found, 0);
  g_assert_cmpstr (article->title, ==, "Xiaomi Cars team");
  g_assert_nonnull (article->snippet);
  g_assert_nonnull (strstr (article->snippet, "\x02million\x03"));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Case-insensitive, and inside run-together words: each part, the
   * whole written either way. The snippet marks what was found. */
  found = search (store, "CARS");
  g_assert_cmpuint (found->len, ==, 1);
  article = g_ptr_array_index (found, 0);
  g_assert_nonnull (strstr (article->snippet, "Xiaomi\x02" "Cars\x03 has"));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (store, "Xiaomi");
  g_assert_cmpuint (found->len, ==, 1);
  article = g_ptr_array_index (found, 0);
  g_assert_nonnull (strstr (article->snippet, "\x02Xiaomi\x03" "Cars has"));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (store, "XiaomiCars");
  g_assert_cmpuint (found->len, ==, 1);
  article = g_ptr_array_index (found, 0);
  g_assert_nonnull (strstr (article->snippet, "\x02XiaomiCars\x03 has"));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (store, "xiaomicars");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (store, "iphone");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  /* A word of three letters or more also finds the words it begins. */
  found = search (store, "phone");
  g_assert_cmpuint (found->len, ==, 1);
  article = g_ptr_array_index (found, 0);
  g_assert_cmpstr (article->title, ==, "Apple in India");
  g_assert_nonnull (strstr (article->snippet, "5G \x02phones\x03 are"));
  g_clear_pointer (&found, g_ptr_array_unref);
  /* Words, not any letters in a row. */
  found = search (store, "aomi");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Terms are all required; a quoted phrase is matched as written. */
  found = search (store, "apple india");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (store, "\"two stores\"");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (store, "\"stores two\"");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (store, "apple million");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A two-character term. */
  found = search (store, "5G");
  g_assert_cmpuint (found->len, ==, 1);
  article = g_ptr_array_index (found, 0);
  g_assert_cmpstr (article->title, ==, "Apple in India");
  g_assert_nonnull (strstr (article->snippet, "\x02" "5G\x03"));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A short Latin term is a word, not any two letters in a row: "on" is
   * in "million" and "phones" but no article says "on". */
  found = search (store, "on");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (store, "an");
  g_assert_cmpuint (found->len, ==, 1);
  article = g_ptr_array_index (found, 0);
  g_assert_nonnull (strstr (article->snippet, "has \x02" "an\x03 R&D"));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A digit does not glue a short word: "bn" is found in "$2.5bn". */
  found = search (store, "bn");
  g_assert_cmpuint (found->len, ==, 1);
  article = g_ptr_array_index (found, 0);
  g_assert_cmpstr (article->title, ==, "Apple in India");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Whatever the user types, no FTS5 syntax error reaches them. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      CitedQuery query = { .search = hostile[i] };
      g_autoptr(GPtrArray) list = cited_store_list_articles (store, &query, &error);
      g_autoptr(GArray) ids = cited_store_list_article_ids (store, &query, &error);

      g_assert_no_error (error);
      g_assert_nonnull (list);
      g_assert_nonnull (ids);
      g_assert_cmpuint (list->len, ==, ids->len);
    }

  /* "%" and "_" are literal characters, not LIKE wildcards. */
  found = search (store, "%");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
}

/* A brand added later is found again in the stored articles wherever the
 * brand matcher finds it, which the full-text index must not miss: a
 * product's plural, a name run together with the word before it or
 * followed by a digit, a Chinese name inside a sentence. */
static void
test_brand_added_finds_words (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = cited_store_open (fixture->path, &error);
  static const char * const aliases[] = { "iWidget", "艾克米", NULL };
  static const char * const bodies[] = {
    "Sales of iWidgets doubled to 5,000 units.",
    "Readers of buyAcme made 3,000 orders.",
    "Acme7 shipped 4,000 units.",
    "艾克米的销量达到3000台。",
    "Pacmen sold 2,000 units.",
  };
  CitedQuery query = { .brand = "Acme" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *title = g_strdup_printf ("Article %u", i);

      add_one (store, make_article (title, "2024-05-01", bodies[i]));
    }
  g_assert_true (cited_store_add_brand (store, "Acme", aliases, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cited_store_count_articles (store, &query, NULL), ==, 4);
}

static void
test_search_chinese (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CitedStore) store = open_search_store (fixture);
  g_autoptr(GPtrArray) found = NULL;
  CitedArticle *article;

  /* Four characters: three bigrams and the last character. */
  found = search (store, "研发团队");
  g_assert_cmpuint (found->len, ==, 1);
  article = g_ptr_array_index (found, 0);
  g_assert_cmpstr (article->title, ==, "小米汽车研发团队");
  g_assert_nonnull (strstr (article->snippet, "\x02研发团队\x03"));
  g_assert_cmpstr (article->language, ==, "zh");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Two characters: a bigram and the last character. */
  found = search (store, "华为");
  g_assert_cmpuint (found->len, ==, 1);
  article = g_ptr_array_index (found, 0);
  g_assert_cmpstr (article->title, ==, "小米汽车研发团队");
  g_assert_nonnull (article->snippet);
  g_assert_nonnull (strstr (article->snippet, "\x02华为\x03"));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* One character: its unigram in the index. */
  found = search (store, "亿");
  g_assert_cmpuint (found->len, ==, 1);
  article = g_ptr_array_index (found, 0);
  g_assert_cmpstr (article->title, ==, "三星出货量");
  g_assert_nonnull (strstr (article->snippet, "2.6\x02亿\x03台"));
  g_clear_pointer (&found, g_ptr_array_unref);
  g_assert_cmpint (sqlite_int (fixture->path,
                               "SELECT count (*) FROM articles_fts WHERE articles_fts MATCH '亿'"), ==, 1);
  /* Characters in a row, not each of them anywhere. */
  found = search (store, "汽米");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Short and long terms together: the short one narrows the long one. */
  found = search (store, "出货量 三星");
  g_assert_cmpuint (found->len, ==, 1);
  article = g_ptr_array_index (found, 0);
  g_assert_nonnull (strstr (article->snippet, "\x02出货量\x03"));
  g_assert_nonnull (strstr (article->snippet, "\x02三星\x03"));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (store, "出货量 华为");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Titles are searched too; a full-width space separates terms. */
  found = search (store, "小米　团队");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
}

static void
test_filters_and_sort (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CitedStore) store = open_search_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GArray) ids = NULL;
  CitedQuery query = { 0 };

  /* Newest first by default. */
  list = cited_store_list_articles (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpstr (((CitedArticle *) g_ptr_array_index (list, 0))->published, ==, "2024-02-10");
  g_assert_cmpstr (((CitedArticle *) g_ptr_array_index (list, 3))->published, ==, "2023-01-05");
  /* Listing leaves bodies out. */
  g_assert_null (((CitedArticle *) g_ptr_array_index (list, 0))->body);
  g_assert_null (((CitedArticle *) g_ptr_array_index (list, 0))->snippet);
  g_clear_pointer (&list, g_ptr_array_unref);

  query.sort = CITED_SORT_DATE_ASC;
  list = cited_store_list_articles (store, &query, &error);
  ids = cited_store_list_article_ids (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((CitedArticle *) g_ptr_array_index (list, 0))->published, ==, "2023-01-05");
  g_assert_cmpuint (ids->len, ==, list->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, ((CitedArticle *) g_ptr_array_index (list, i))->id);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_clear_pointer (&ids, g_array_unref);

  query.sort = CITED_SORT_TITLE;
  list = cited_store_list_articles (store, &query, &error);
  g_assert_cmpstr (((CitedArticle *) g_ptr_array_index (list, 0))->title, ==, "Apple in India");
  g_assert_cmpstr (((CitedArticle *) g_ptr_array_index (list, 1))->title, ==, "Xiaomi Cars team");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Pages. */
  query.offset = 1;
  query.limit = 2;
  list = cited_store_list_articles (store, &query, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((CitedArticle *) g_ptr_array_index (list, 0))->title, ==, "Xiaomi Cars team");
  g_clear_pointer (&list, g_ptr_array_unref);
  query.offset = 0;
  query.limit = 0;

  /* Dates: inclusive, and a year or month covers all of it. */
  query.date_from = "2023-06-15";
  query.date_to = "2024-01-31";
  g_assert_cmpuint (cited_store_count_articles (store, &query, &error), ==, 2);
  query.date_from = "2024";
  query.date_to = "2024";
  g_assert_cmpuint (cited_store_count_articles (store, &query, &error), ==, 2);
  query.date_from = NULL;
  query.date_to = "2023-06";
  g_assert_cmpuint (cited_store_count_articles (store, &query, &error), ==, 2);
  g_assert_no_error (error);
  query.date_to = "June";
  g_assert_cmpuint (cited_store_count_articles (store, &query, &error), ==, 0);
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);
  g_clear_error (&error);
  query.date_to = NULL;

  /* Brands, by name, alias or any case. */
  query.brand = "xiaomi";
  list = cited_store_list_articles (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    g_assert_true (strv_contains_ci (((CitedArticle *) g_ptr_array_index (list, i))->brands, "Xiaomi"));
  g_clear_pointer (&list, g_ptr_array_unref);
  query.brand = "小米";
  g_assert_cmpuint (cited_store_count_articles (store, &query, &error), ==, 2);
  query.brand = "Samsung";
  query.search = "出货量";
  g_assert_cmpuint (cited_store_count_articles (store, &query, &error), ==, 1);
  query.brand = "Apple";
  g_assert_cmpuint (cited_store_count_articles (store, &query, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_brand_stats (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) co = NULL;
  g_autoptr(GPtrArray) months = NULL;
  CitedBrandStats *top;
  double share = 0;
  guint total = 0;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_ptr_array_add (batch, make_article ("a", "2024-01-10", "Huawei and Huawei and Huawei. Apple too."));
  g_ptr_array_add (batch, make_article ("b", "2024-03-02", "Huawei beat Samsung."));
  g_ptr_array_add (batch, make_article ("c", NULL, "Samsung alone."));
  g_assert_true (cited_store_add_articles (store, batch, NULL, NULL, &error));
  g_assert_no_error (error);

  stats = cited_store_brand_stats (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->len, ==, 3);
  top = g_ptr_array_index (stats, 0);
  g_assert_cmpstr (top->name, ==, "Huawei");
  g_assert_cmpuint (top->mentions, ==, 4);
  g_assert_cmpuint (top->articles, ==, 2);
  g_assert_cmpfloat_with_epsilon (top->share_of_voice, 4.0 / 7.0, 1e-9);
  g_assert_nonnull (top->color);
  g_assert_cmpuint (strlen (top->color), ==, 7);
  g_assert_true (strv_contains_ci (top->aliases, "华为"));
  for (guint i = 0; i < stats->len; i++)
    {
      CitedBrandStats *s = g_ptr_array_index (stats, i);
      share += s->share_of_voice;
      total += s->mentions;
    }
  g_assert_cmpfloat_with_epsilon (share, 1.0, 1e-9);
  g_assert_cmpuint (total, ==, 7);

  all = cited_store_brand_stats (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >, stats->len);
  g_assert_cmpuint (((CitedBrandStats *) g_ptr_array_index (all, stats->len))->mentions, ==, 0);

  co = cited_store_brand_comentions (store, "huawei", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (co->len, ==, 2);
  for (guint i = 0; i < co->len; i++)
    {
      CitedBrandStats *s = g_ptr_array_index (co, i);
      g_assert_true (g_str_equal (s->name, "Apple") || g_str_equal (s->name, "Samsung"));
      g_assert_cmpuint (s->mentions, ==, 1);
    }

  /* Months without mentions are counted as zero; undated articles left out. */
  months = cited_store_brand_mentions_by_month (store, "Huawei", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 3);
  g_assert_cmpstr (((CitedCount *) g_ptr_array_index (months, 0))->name, ==, "2024-01");
  g_assert_cmpstr (((CitedCount *) g_ptr_array_index (months, 1))->name, ==, "2024-02");
  g_assert_cmpstr (((CitedCount *) g_ptr_array_index (months, 2))->name, ==, "2024-03");
  g_assert_cmpuint (((CitedCount *) g_ptr_array_index (months, 0))->n, ==, 3);
  g_assert_cmpuint (((CitedCount *) g_ptr_array_index (months, 1))->n, ==, 0);
  g_assert_cmpuint (((CitedCount *) g_ptr_array_index (months, 2))->n, ==, 1);
  g_clear_pointer (&months, g_ptr_array_unref);

  months = cited_store_brand_mentions_by_month (store, "Samsung", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 1);
}

static CitedFigure *
find_figure (GPtrArray  *figures,
             const char *text)
{
  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (figures, i);

      if (strstr (figure->text, text) != NULL)
        return figure;
    }
  return NULL;
}

static const char edit_body[] =
  "Xiaomi sold 190 million phones in 2021. Huawei holds 24,000 patents.";

/* Every field of a figure can be corrected, the correction is what every
 * listing and filter sees, and it survives re-extraction and re-import. */
static void
test_edit_every_field (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(CitedFigure) figure = NULL;
  CitedArticle *article = make_article ("Edits", "2022-03-01", edit_body);
  CitedQuery query = { 0 };
  CitedFigureEdit edit = {
    .value = NAN,
    .status = CITED_FIGURE_EXTRACTED,
    .fields = CITED_EDIT_UNIT | CITED_EDIT_CURRENCY | CITED_EDIT_QUALIFIER | CITED_EDIT_SCOPE |
              CITED_EDIT_PERIOD | CITED_EDIT_MEASURE | CITED_EDIT_CHANGE | CITED_EDIT_SPAN |
              CITED_EDIT_CLAIM_STATUS,
    .unit = "phones",
    .currency = NULL,
    .qualifier = "more than",
    .scope = "overseas",
    .year = 2022,
    .quarter = 3,
    .measure = "sales",
    .change = CITED_CHANGE_LEVEL,
    .span = CITED_SPAN_CUMULATIVE,
    .claim_status = CITED_CLAIM_FORECAST,
  };
  CitedFigureEdit bad = { .value = NAN, .fields = CITED_EDIT_CURRENCY, .currency = "dollars" };
  gint64 id;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  add_one (store, cited_article_ref (article));
  g_clear_pointer (&article, cited_article_unref);
  figures = cited_store_list_figures (store, &query, &error);
  g_assert_no_error (error);
  id = find_figure (figures, "190")->id;
  g_clear_pointer (&figures, g_ptr_array_unref);

  g_assert_true (cited_store_set_figure_edit (store, id, &edit, &error));
  g_assert_no_error (error);
  figure = cited_store_get_figure (store, id, &error);
  g_assert_no_error (error);
  g_assert_true (figure->edited);
  g_assert_cmpint (figure->edited_fields, ==, edit.fields);
  g_assert_cmpfloat (figure->value, ==, 190e6);
  g_assert_cmpstr (figure->unit, ==, "phones");
  g_assert_cmpstr (figure->qualifier, ==, "more than");
  g_assert_cmpstr (figure->scope, ==, "overseas");
  g_assert_cmpint (figure->year, ==, 2022);
  g_assert_cmpint (figure->quarter, ==, 3);
  g_assert_cmpint (figure->span, ==, CITED_SPAN_CUMULATIVE);
  g_assert_cmpint (figure->claim_status, ==, CITED_CLAIM_FORECAST);
  g_clear_pointer (&figure, cited_figure_unref);

  /* Filters follow the correction: a forecast of a cumulative total now. */
  query.claim_status = "reported";
  figures = cited_store_list_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_null (find_figure (figures, "190"));
  g_clear_pointer (&figures, g_ptr_array_unref);
  query.claim_status = "forecast";
  query.span = "cumulative";
  figures = cited_store_list_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_figure (figures, "190"));
  g_clear_pointer (&figures, g_ptr_array_unref);

  /* Re-extraction keeps the correction. */
  g_assert_true (cited_store_reextract (store, NULL, &error));
  g_assert_no_error (error);
  query.claim_status = NULL;
  query.span = NULL;
  figures = cited_store_list_figures (store, &query, &error);
  g_assert_no_error (error);
  figure = cited_figure_ref (find_figure (figures, "190"));
  g_assert_cmpstr (figure->scope, ==, "overseas");
  g_assert_cmpint (figure->claim_status, ==, CITED_CLAIM_FORECAST);
  g_assert_cmpint (figure->year, ==, 2022);

  /* A currency must be a code; nothing is written. */
  g_assert_false (cited_store_set_figure_edit (store, figure->id, &bad, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);
}

static void
test_figures_and_edits (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(CitedFigure) figure = NULL;
  g_auto(GStrv) metrics = NULL;
  CitedArticle *article = make_article ("Edits", "2022-03-01", edit_body);
  gint64 article_id;
  gint64 sales_id;
  CitedQuery query = { 0 };
  CitedFigureEdit edit = { .value = NAN, .status = CITED_FIGURE_CONFIRMED };

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  add_one (store, cited_article_ref (article));
  article_id = article->id;
  g_clear_pointer (&article, cited_article_unref);

  figures = cited_store_list_figures (store, &query, &error);
  g_assert_no_error (error);
  figure = cited_figure_ref (find_figure (figures, "190"));
  g_assert_cmpfloat (figure->value, ==, 190e6);
  g_assert_cmpstr (figure->brand, ==, "Xiaomi");
  g_assert_cmpint (figure->article_id, ==, article_id);
  g_assert_cmpstr (figure->article_title, ==, "Edits");
  g_assert_cmpstr (figure->article_path, ==, "/tmp/Edits.txt");
  g_assert_cmpstr (figure->article_published, ==, "2022-03-01");
  g_assert_nonnull (strstr (figure->sentence, "190 million"));
  g_assert_true (strncmp (edit_body + figure->start, figure->text, figure->end - figure->start) == 0);
  g_assert_false (figure->edited);
  g_assert_cmpint (figure->status, ==, CITED_FIGURE_EXTRACTED);
  sales_id = figure->id;
  g_clear_pointer (&figures, g_ptr_array_unref);
  g_clear_pointer (&figure, cited_figure_unref);

  /* Filters: brand (any case), metric, article. */
  query.brand = "huawei";
  figures = cited_store_list_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->len, ==, 1);
  g_assert_nonnull (find_figure (figures, "24,000"));
  g_clear_pointer (&figures, g_ptr_array_unref);
  query.brand = NULL;
  query.metric = "patents";
  figures = cited_store_list_figures (store, &query, &error);
  g_assert_cmpuint (figures->len, ==, 1);
  g_clear_pointer (&figures, g_ptr_array_unref);
  query.metric = NULL;
  query.article_id = article_id + 1;
  figures = cited_store_list_figures (store, &query, &error);
  g_assert_cmpuint (figures->len, ==, 0);
  g_clear_pointer (&figures, g_ptr_array_unref);
  query.article_id = 0;

  metrics = cited_store_list_metrics (store, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) metrics, "patents"));

  /* A correction: value and brand change, the originals are kept. */
  edit.value = 180e6;
  edit.brand = "huawei";
  g_assert_true (cited_store_set_figure_edit (store, sales_id, &edit, &error));
  g_assert_no_error (error);
  figure = cited_store_get_figure (store, sales_id, &error);
  g_assert_no_error (error);
  g_assert_true (figure->edited);
  g_assert_cmpfloat (figure->value, ==, 180e6);
  g_assert_cmpstr (figure->brand, ==, "Huawei");
  g_assert_cmpfloat (figure->orig_value, ==, 190e6);
  g_assert_cmpstr (figure->orig_brand, ==, "Xiaomi");
  g_assert_cmpint (figure->status, ==, CITED_FIGURE_CONFIRMED);
  g_clear_pointer (&figure, cited_figure_unref);

  /* Brand filters and statistics follow the edit. */
  query.brand = "Huawei";
  figures = cited_store_list_figures (store, &query, &error);
  g_assert_cmpuint (figures->len, ==, 2);
  g_clear_pointer (&figures, g_ptr_array_unref);
  query.brand = NULL;

  /* "" means no brand. */
  edit.brand = "";
  g_assert_true (cited_store_set_figure_edit (store, sales_id, &edit, &error));
  figure = cited_store_get_figure (store, sales_id, &error);
  g_assert_null (figure->brand);
  g_clear_pointer (&figure, cited_figure_unref);

  /* Rejected figures disappear unless asked for. */
  edit.status = CITED_FIGURE_REJECTED;
  g_assert_true (cited_store_set_figure_edit (store, sales_id, &edit, &error));
  figures = cited_store_list_figures (store, &query, &error);
  g_assert_null (find_figure (figures, "190"));
  g_clear_pointer (&figures, g_ptr_array_unref);
  query.include_rejected = TRUE;
  figures = cited_store_list_figures (store, &query, &error);
  g_assert_nonnull (find_figure (figures, "190"));
  g_assert_cmpint (find_figure (figures, "190")->status, ==, CITED_FIGURE_REJECTED);
  g_clear_pointer (&figures, g_ptr_array_unref);
  query.include_rejected = FALSE;

  /* Re-extraction keeps the edit. */
  g_assert_true (cited_store_reextract (store, NULL, &error));
  g_assert_no_error (error);
  query.include_rejected = TRUE;
  figures = cited_store_list_figures (store, &query, &error);
  figure = cited_figure_ref (find_figure (figures, "190"));
  g_assert_cmpint (figure->status, ==, CITED_FIGURE_REJECTED);
  g_assert_cmpfloat (figure->value, ==, 180e6);
  sales_id = figure->id;
  g_clear_pointer (&figure, cited_figure_unref);
  g_clear_pointer (&figures, g_ptr_array_unref);

  /* Deleting the article and importing the same text again keeps it too. */
  g_assert_true (cited_store_remove_article (store, article_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cited_store_count_articles (store, NULL, NULL), ==, 0);
  g_assert_null (cited_store_get_figure (store, sales_id, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    CitedQuery found = { .search = "million" };
    g_assert_cmpuint (cited_store_count_articles (store, &found, NULL), ==, 0);
  }

  add_one (store, make_article ("Edits", "2022-03-01", edit_body));
  figures = cited_store_list_figures (store, &query, &error);
  figure = cited_figure_ref (find_figure (figures, "190"));
  g_assert_cmpint (figure->status, ==, CITED_FIGURE_REJECTED);
  g_assert_cmpfloat (figure->value, ==, 180e6);
  g_assert_true (figure->edited);
  g_clear_pointer (&figures, g_ptr_array_unref);

  /* Clearing returns to the extractor's figure. */
  g_assert_true (cited_store_clear_figure_edit (store, figure->id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&figure, cited_figure_unref);
  query.include_rejected = FALSE;
  figures = cited_store_list_figures (store, &query, &error);
  figure = cited_figure_ref (find_figure (figures, "190"));
  g_assert_false (figure->edited);
  g_assert_cmpfloat (figure->value, ==, 190e6);
  g_assert_cmpstr (figure->brand, ==, "Xiaomi");
  g_assert_cmpint (figure->status, ==, CITED_FIGURE_EXTRACTED);
  g_clear_pointer (&figures, g_ptr_array_unref);

  /* Figures that do not exist, statuses that do not exist. */
  g_assert_false (cited_store_set_figure_edit (store, 987654, &edit, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cited_store_clear_figure_edit (store, 987654, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND);
  g_clear_error (&error);
  edit.status = 7;
  g_assert_false (cited_store_set_figure_edit (store, figure->id, &edit, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);
}

static void
test_add_brand (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedStore) reopened = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GArray) mentions = NULL;
  g_autoptr(CitedArticle) stored = NULL;
  CitedArticle *article = make_article ("Fairphone", "2024-05-01",
                                        "Fairphone sold 120,000 phones in 2023.");
  static const char * const aliases[] = { "Fair Phone", "公平手机", "FP", NULL };
  CitedQuery query = { .brand = "Fairphone" };
  gint64 id;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  add_one (store, cited_article_ref (article));
  id = article->id;
  g_clear_pointer (&article, cited_article_unref);

  /* A short alias, and an article with no name of the brand at all. */
  add_one (store, make_article ("Short alias", "2024-05-02", "FP sold 8,000 phones."));
  add_one (store, make_article ("Unrelated", "2024-05-03", "Samsung sold 9,000 phones."));
  g_assert_cmpuint (cited_store_count_articles (store, &query, NULL), ==, 0);

  g_assert_false (cited_store_add_brand (store, "  ", NULL, NULL, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cited_store_add_brand (store, "Fairphone", aliases, "green", &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (cited_store_add_brand (store, "Fairphone", aliases, "#2E7D32", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cited_lexicon_lookup (cited_store_get_lexicon (store), "公平手机"), ==, "Fairphone");

  /* The stored articles were re-scanned: mention, brand and figure. */
  g_assert_cmpuint (cited_store_count_articles (store, &query, NULL), ==, 2);
  query.brand = "Samsung";
  g_assert_cmpuint (cited_store_count_articles (store, &query, NULL), ==, 1);
  query.brand = "Fairphone";
  query.search = "Fairphone";
  mentions = cited_store_list_mentions (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mentions->len, ==, 1);
  g_assert_cmpstr (g_array_index (mentions, CitedMention, 0).brand, ==, "Fairphone");
  g_assert_cmpuint (g_array_index (mentions, CitedMention, 0).start, ==, 0);
  g_assert_cmpuint (g_array_index (mentions, CitedMention, 0).end, ==, strlen ("Fairphone"));
  stored = cited_store_get_article (store, id, &error);
  g_assert_true (strv_contains_ci (stored->brands, "Fairphone"));
  figures = cited_store_list_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->len, ==, 1);
  g_assert_cmpfloat (((CitedFigure *) g_ptr_array_index (figures, 0))->value, ==, 120000);

  stats = cited_store_brand_stats (store, FALSE, &error);
  g_assert_cmpuint (stats->len, ==, 2);
  g_assert_cmpstr (((CitedBrandStats *) g_ptr_array_index (stats, 0))->name, ==, "Fairphone");
  g_assert_cmpstr (((CitedBrandStats *) g_ptr_array_index (stats, 0))->color, ==, "#2E7D32");
  g_assert_cmpuint (((CitedBrandStats *) g_ptr_array_index (stats, 0))->mentions, ==, 2);
  g_assert_cmpuint (((CitedBrandStats *) g_ptr_array_index (stats, 0))->n_figures, ==, 2);

  /* The brand is kept in the database. */
  g_clear_object (&store);
  reopened = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cited_lexicon_lookup (cited_store_get_lexicon (reopened), "fair phone"), ==, "Fairphone");
  g_assert_cmpstr (cited_lexicon_lookup (cited_store_get_lexicon (reopened), "xiaomi"), ==, "Xiaomi");
}

/* Mentions of @brand in the brand statistics, 0 when it has none. */
static guint
mentions_of (CitedStore *store,
             const char *brand,
             guint      *n_figures)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stats = cited_store_brand_stats (store, FALSE, &error);

  g_assert_no_error (error);
  if (n_figures != NULL)
    *n_figures = 0;
  for (guint i = 0; i < stats->len; i++)
    {
      CitedBrandStats *s = g_ptr_array_index (stats, i);

      if (g_strcmp0 (s->name, brand) == 0)
        {
          if (n_figures != NULL)
            *n_figures = s->n_figures;
          return s->mentions;
        }
    }
  return 0;
}

static void
count_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  guint *last = user_data;

  g_assert_cmpuint (done, <=, total);
  *last = done;
}

/* Android is listed under Google but counts only when the user turns it
 * on; turned off again, mentions and figures are re-attributed, and the
 * choice is kept in the database. */
static void
test_alias_switch (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedStore) reopened = NULL;
  guint figures = 0, progress = 0;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  add_one (store, make_article ("Android", "2024-01-02", "Android shipments rose 12% in 2023."));
  add_one (store, make_article ("安卓", "2024-01-03", "安卓手机出货量增长 8%。"));
  add_one (store, make_article ("Pixel", "2024-01-04", "Google sold 10 million Pixel phones in 2023."));
  g_assert_cmpuint (mentions_of (store, "Google", &figures), ==, 2);
  g_assert_cmpuint (figures, ==, 1);

  cited_store_set_progress_func (store, count_progress, &progress);
  g_assert_true (cited_store_set_alias (store, "Google", "Android", CITED_ALIAS_PRODUCT, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress, ==, 1);
  g_assert_cmpuint (mentions_of (store, "Google", &figures), ==, 3);
  g_assert_cmpuint (figures, ==, 2);
  g_assert_cmpstr (cited_lexicon_lookup (cited_store_get_lexicon (store), "android"), ==, "Google");

  g_assert_true (cited_store_set_alias (store, "Google", "Android", CITED_ALIAS_PRODUCT, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mentions_of (store, "Google", &figures), ==, 2);
  g_assert_cmpuint (figures, ==, 1);

  /* "Pixel is not Google" as an exclusion, kept across opening again. */
  g_assert_true (cited_store_exclude (store, "Google", "Pixel", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mentions_of (store, "Google", NULL), ==, 1);
  g_assert_false (cited_store_set_alias (store, "Google", "Google", CITED_ALIAS_NAME, FALSE, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cited_store_exclude (store, "Nobody", "Pixel", &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&store);

  reopened = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_null (cited_lexicon_lookup (cited_store_get_lexicon (reopened), "Pixel"));
  g_assert_null (cited_lexicon_lookup (cited_store_get_lexicon (reopened), "Android"));
  g_assert_cmpuint (mentions_of (reopened, "Google", NULL), ==, 1);
}

/* Rename, colour, merge and remove, each re-attributing mentions, figures
 * and the user's corrections; restoring what was saved undoes them. */
static void
test_edit_brands (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autofree char *saved = NULL;
  CitedLexicon *lexicon;
  CitedFigureEdit edit = { .value = NAN, .brand = "Huawei", .status = CITED_FIGURE_CONFIRMED };
  guint n = 0;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  lexicon = cited_store_get_lexicon (store);
  add_one (store, make_article ("One", "2024-02-01", "Huawei sold 30 million phones in 2023."));
  add_one (store, make_article ("Two", "2024-02-02", "Honor sold 50 million phones in 2023. Samsung did too."));
  figures = cited_store_list_figures (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->len, ==, 2);
  /* The user gives Honor's figure to Huawei. */
  for (guint i = 0; i < figures->len; i++)
    if (((CitedFigure *) g_ptr_array_index (figures, i))->value == 50e6)
      g_assert_true (cited_store_set_figure_edit (store, ((CitedFigure *) g_ptr_array_index (figures, i))->id,
                                                  &edit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mentions_of (store, "Huawei", &n), ==, 1);
  g_assert_cmpuint (n, ==, 2);
  saved = cited_store_save_brands (store, &error);
  g_assert_no_error (error);

  g_assert_true (cited_store_rename_brand (store, "Huawei", "Huawei Technologies", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mentions_of (store, "Huawei", NULL), ==, 0);
  g_assert_cmpuint (mentions_of (store, "Huawei Technologies", &n), ==, 1);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (cited_lexicon_lookup (lexicon, "华为"), ==, "Huawei Technologies");
  g_assert_false (cited_store_rename_brand (store, "Huawei Technologies", "honor", &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (cited_store_set_brand_color (store, "Huawei Technologies", "#123abc", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cited_lexicon_color_for (lexicon, "Huawei Technologies"), ==, "#123ABC");

  g_assert_true (cited_store_merge_brand (store, "Honor", "Huawei Technologies", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mentions_of (store, "Honor", NULL), ==, 0);
  g_assert_cmpuint (mentions_of (store, "Huawei Technologies", &n), ==, 2);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (cited_lexicon_lookup (lexicon, "荣耀"), ==, "Huawei Technologies");

  g_assert_true (cited_store_remove_brand (store, "Samsung", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mentions_of (store, "Samsung", NULL), ==, 0);
  g_assert_null (cited_lexicon_lookup (lexicon, "Galaxy"));

  /* Undo: the brands as saved, their mentions and figures back. */
  g_assert_true (cited_store_restore_brands (store, saved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mentions_of (store, "Samsung", NULL), ==, 1);
  g_assert_cmpuint (mentions_of (store, "Honor", NULL), ==, 1);
  g_assert_cmpuint (mentions_of (store, "Huawei", &n), ==, 1);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (mentions_of (store, "Huawei Technologies", &n), ==, 0);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (cited_lexicon_lookup (lexicon, "Galaxy"), ==, "Samsung");
}

/* A company the user types into a correction becomes a brand of the
 * lexicon, listed with the others. */
static void
test_edit_names_company (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  CitedFigureEdit edit = { .value = NAN, .brand = "Fairphone", .status = CITED_FIGURE_CONFIRMED };

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  add_one (store, make_article ("Fair", "2024-03-01", "The Dutch maker sold 120,000 phones in 2023. Fairphone grew."));
  figures = cited_store_list_figures (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->len, ==, 1);
  g_assert_null (cited_lexicon_lookup (cited_store_get_lexicon (store), "Fairphone"));
  g_assert_true (cited_store_set_figure_edit (store, ((CitedFigure *) g_ptr_array_index (figures, 0))->id,
                                              &edit, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cited_lexicon_lookup (cited_store_get_lexicon (store), "fairphone"), ==, "Fairphone");
  g_assert_cmpuint (mentions_of (store, "Fairphone", NULL), ==, 1);
}

static int
cmp_strings (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The sample corpus (data/corpus) as the importer parses it, in the
 * order of its files. */
static GPtrArray *
sample_articles (void)
{
  g_autofree char *dir_path = g_build_filename (g_getenv ("CITED_SOURCE_ROOT"), "data", "corpus", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *articles = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (names, (GCompareFunc) cmp_strings);
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) parsed = cited_parse_file (g_ptr_array_index (names, i), &error);

      g_assert_no_error (error);
      for (guint j = 0; j < parsed->len; j++)
        g_ptr_array_add (articles, cited_article_ref (g_ptr_array_index (parsed, j)));
    }
  g_assert_cmpuint (articles->len, >=, 5);
  return articles;
}

static CitedStore *
open_sample_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = sample_articles ();
  CitedStore *store = cited_store_open (path, &error);
  guint added = 0;

  g_assert_no_error (error);
  g_assert_true (cited_store_add_articles (store, articles, &added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, articles->len);
  return store;
}

/* Every figure as the Figures page shows it (with the user's edits), one
 * line each, sorted. */
static char *
figures_signature (CitedStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) figures = cited_store_list_figures (store, NULL, &error);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *signature = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (figures, i);

      g_ptr_array_add (lines, g_strdup_printf ("%s|%u|%s|%g|%s|%s|%d|%d|%d", f->article_title, f->start,
                                               f->text, f->value, f->brand ? f->brand : "",
                                               f->metric ? f->metric : "", f->year, f->status, f->edited));
    }
  g_ptr_array_sort (lines, (GCompareFunc) cmp_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (signature, "%s\n", (char *) g_ptr_array_index (lines, i));
  return g_string_free (signature, FALSE);
}

/* The extraction scheduler's threads give what cited_extract() gives, in
 * the articles' order, and leave out the articles it is told to skip. */
static void
test_scheduler_same_figures (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) articles = sample_articles ();
  g_autoptr(CitedScheduler) scheduler = cited_scheduler_new (3);
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(GPtrArray) extractions = NULL;
  g_autofree gboolean *skip = g_new0 (gboolean, articles->len);
  guint n_figures = 0;

  skip[1] = TRUE;
  extractions = cited_scheduler_extract (scheduler, lexicon, articles, skip);
  g_assert_cmpuint (extractions->len, ==, articles->len);
  for (guint i = 0; i < articles->len; i++)
    {
      CitedArticle *article = g_ptr_array_index (articles, i);
      CitedExtraction *got = g_ptr_array_index (extractions, i);
      g_autoptr(CitedExtraction) expected = NULL;

      if (skip[i])
        {
          g_assert_null (got);
          continue;
        }
      expected = cited_extract (lexicon, article->title ? article->title : "",
                                article->body ? article->body : "", -1, article->published);
      cited_figures_infer_periods (expected->figures, article->published);
      g_assert_nonnull (got);
      g_assert_cmpuint (got->figures->len, ==, expected->figures->len);
      g_assert_cmpuint (got->mentions->len, ==, expected->mentions->len);
      for (guint j = 0; j < got->figures->len; j++)
        {
          CitedFigure *a = g_ptr_array_index (got->figures, j);
          CitedFigure *b = g_ptr_array_index (expected->figures, j);

          g_assert_cmpuint (a->start, ==, b->start);
          g_assert_cmpstr (a->text, ==, b->text);
          g_assert_true (a->value == b->value || (isnan (a->value) && isnan (b->value)));
          g_assert_cmpstr (a->brand, ==, b->brand);
          g_assert_cmpstr (a->metric, ==, b->metric);
          g_assert_cmpint (a->year, ==, b->year);
          g_assert_cmpint (a->period_inferred, ==, b->period_inferred);
        }
      n_figures += got->figures->len;
    }
  g_assert_cmpuint (n_figures, >, 10);

  /* Results taken out of order, while later ones are being extracted. */
  {
    CitedExtractJob *job = cited_scheduler_submit (scheduler, lexicon, articles, NULL);
    CitedExtraction *last = cited_extract_job_wait (job, articles->len - 1);
    CitedExtraction *first = cited_extract_job_wait (job, 0);

    g_assert_cmpuint (last->figures->len, ==,
                      ((CitedExtraction *) g_ptr_array_index (extractions, articles->len - 1))->figures->len);
    g_assert_cmpuint (first->figures->len, ==,
                      ((CitedExtraction *) g_ptr_array_index (extractions, 0))->figures->len);
    cited_extract_job_free (job);
  }
}

/* Many small jobs in a row, each waited for and freed at once: a job's
 * tasks may finish before the next is handed to the pool, and its owner
 * must not wait for tasks that were never handed out (that hung once). */
static void
test_scheduler_small_jobs (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CitedScheduler) scheduler = cited_scheduler_new (3);
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *title = g_strdup_printf ("small %u", i);

      g_ptr_array_add (articles, make_article (title, NULL, "Xiaomi sold 5 million phones."));
    }
  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(GPtrArray) extractions = cited_scheduler_extract (scheduler, lexicon, articles, NULL);

      g_assert_cmpuint (extractions->len, ==, articles->len);
      g_assert_cmpuint (((CitedExtraction *) g_ptr_array_index (extractions, 5))->figures->len, ==, 1);
    }
}

/* What a user curated: the first figure with a brand corrected to 42 and
 * confirmed, the last one rejected. */
static void
curate (CitedStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) figures = cited_store_list_figures (store, NULL, &error);
  CitedFigureEdit corrected = { .value = 42, .status = CITED_FIGURE_CONFIRMED };
  CitedFigureEdit rejected = { .value = NAN, .status = CITED_FIGURE_REJECTED };
  CitedFigure *first = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < figures->len && first == NULL; i++)
    if (((CitedFigure *) g_ptr_array_index (figures, i))->brand != NULL)
      first = g_ptr_array_index (figures, i);
  g_assert_nonnull (first);
  g_assert_true (cited_store_set_figure_edit (store, first->id, &corrected, &error));
  g_assert_no_error (error);
  g_assert_true (cited_store_set_figure_edit (store,
                                              ((CitedFigure *) g_ptr_array_index (figures, figures->len - 1))->id,
                                              &rejected, &error));
  g_assert_no_error (error);
}

#define REEXTRACT_ENV "CITED_TEST_STORE_REEXTRACT"

static void
kill_after_first_batch (guint    done,
                        guint    total,
                        gpointer user_data)
{
  if (done < total)
    raise (SIGKILL);
}

/* The child of test_reextract_killed: renames Xiaomi, re-extracting two
 * articles per batch, and is killed by SIGKILL after the first batch. */
static int
run_reextract_killed (const char *path)
{
  g_autoptr(CitedStore) store = cited_store_open (path, NULL);

  if (store == NULL)
    return 2;
  cited_scheduler_set_batch_size (cited_scheduler_get_default (), 2);
  cited_store_set_progress_func (store, kill_after_first_batch, NULL);
  if (!cited_store_rename_brand (store, "Xiaomi", "Xiaomi Corp", NULL))
    return 3;
  return 1;
}

/* A re-extraction killed after its first batch is finished by the next
 * process that asks, with the figures (and the user's corrections) of an
 * uninterrupted one. */
static void
test_reextract_killed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reference_path = g_build_filename (fixture->dir, "reference.db", NULL);
  g_autofree char *reference = NULL;
  g_autofree char *killed = NULL;
  g_autofree char *resumed = NULL;
  g_autofree char *self_exe = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_auto(GStrv) envp = NULL;
  const char *argv[2] = { NULL, NULL };
  GPid pid;
  int status;
  guint pending;

  store = open_sample_store (reference_path);
  curate (store);
  g_assert_true (cited_store_rename_brand (store, "Xiaomi", "Xiaomi Corp", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cited_store_count_pending_extractions (store, NULL), ==, 0);
  reference = figures_signature (store);
  g_assert_nonnull (strstr (reference, "|Xiaomi Corp|"));
  g_assert_nonnull (strstr (reference, "|42|"));
  g_clear_object (&store);

  store = open_sample_store (fixture->path);
  curate (store);
  g_clear_object (&store);

  self_exe = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  argv[0] = self_exe;
  envp = g_environ_setenv (g_get_environ (), REEXTRACT_ENV, fixture->path, TRUE);
  g_assert_true (g_spawn_async (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  /* Half done: the rename is kept, some articles are re-extracted. */
  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  pending = cited_store_count_pending_extractions (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending, >, 0);
  killed = figures_signature (store);
  g_assert_cmpstr (killed, !=, reference);
  /* Brand totals count the re-extracted articles under the new name and
   * the others under the old one. */
  assert_totals_recounted (store);
  g_assert_cmpuint (brand_mentions (store, "Xiaomi"), >, 0);
  g_assert_cmpuint (brand_mentions (store, "Xiaomi Corp"), >, 0);
  g_assert_nonnull (strstr (killed, "|Xiaomi Corp|"));
  g_assert_nonnull (strstr (killed, "|Xiaomi|"));

  g_assert_true (cited_store_reextract_pending (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cited_store_count_pending_extractions (store, NULL), ==, 0);
  resumed = figures_signature (store);
  g_assert_cmpstr (resumed, ==, reference);
  assert_totals_recounted (store);
  g_assert_cmpuint (brand_mentions (store, "Xiaomi"), ==, 0);
}

typedef struct {
  const char *path;
  char       *title;   /* of the article whose figure was corrected */
  guint       start;
  guint       n_calls;
  gboolean    written;
} BetweenBatches;

/* Between two batches of a re-extraction, another connection corrects a
 * figure of an article the re-extraction has not reached yet. */
static void
write_between_batches (guint    done,
                       guint    total,
                       gpointer user_data)
{
  BetweenBatches *between = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) other = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  CitedFigureEdit edit = { .value = 7, .status = CITED_FIGURE_CONFIRMED };
  CitedFigure *last = NULL;

  if (between->n_calls++ > 0)
    return;
  g_assert_cmpuint (done, <, total);
  other = cited_store_open (between->path, &error);
  g_assert_no_error (error);
  figures = cited_store_list_figures (other, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (figures, i);

      if (last == NULL || f->article_id > last->article_id)
        last = f;
    }
  g_assert_nonnull (last);
  between->written = cited_store_set_figure_edit (other, last->id, &edit, &error);
  g_assert_no_error (error);
  between->title = g_strdup (last->article_title);
  between->start = last->start;
}

/* A re-extraction holds the write lock a batch at a time: another
 * connection writes in between, and what it wrote survives the batches
 * after it. */
static void
test_reextract_writes_between (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = open_sample_store (fixture->path);
  g_autoptr(GPtrArray) figures = NULL;
  BetweenBatches between = { fixture->path };
  gboolean found = FALSE;

  cited_scheduler_set_batch_size (cited_scheduler_get_default (), 2);
  cited_store_set_progress_func (store, write_between_batches, &between);
  g_assert_true (cited_store_reextract (store, NULL, &error));
  g_assert_no_error (error);
  cited_scheduler_set_batch_size (cited_scheduler_get_default (), CITED_REEXTRACT_BATCH);
  g_assert_true (between.written);
  g_assert_cmpuint (between.n_calls, >=, 3);
  g_assert_cmpuint (cited_store_count_pending_extractions (store, NULL), ==, 0);

  figures = cited_store_list_figures (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (figures, i);

      if (g_strcmp0 (f->article_title, between.title) == 0 && f->start == between.start)
        {
          g_assert_cmpfloat (f->value, ==, 7);
          g_assert_true (f->edited);
          g_assert_cmpint (f->status, ==, CITED_FIGURE_CONFIRMED);
          found = TRUE;
        }
    }
  g_assert_true (found);
  g_free (between.title);
}

/* A store whose articles an older extractor read has them all marked for
 * re-extraction when it is opened. */
static void
test_extractor_version (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = open_sample_store (fixture->path);
  g_autofree char *before = figures_signature (store);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) articles = sample_articles ();

  g_clear_object (&store);
  sqlite_exec (fixture->path, "UPDATE extractor_version SET n = 0; DELETE FROM figures");
  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cited_store_count_pending_extractions (store, NULL), ==, articles->len);
  g_assert_true (cited_store_reextract_pending (store, NULL, &error));
  g_assert_no_error (error);
  after = figures_signature (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sqlite_int (fixture->path, "SELECT n FROM extractor_version"), ==, CITED_EXTRACTOR_VERSION);
}

static void
test_reextract_cancelled (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = open_search_store (fixture);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  before = cited_store_list_figures (store, NULL, &error);
  g_cancellable_cancel (cancellable);
  g_assert_false (cited_store_reextract (store, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Nothing was lost on the way. */
  after = cited_store_list_figures (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
}

typedef struct {
  const char *path;
  guint       first;
  guint       count;          /* articles, one commit each */
} WriterData;

static gpointer
writer_thread (gpointer user_data)
{
  WriterData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = cited_store_open (data->path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < data->count; i++)
    {
      g_autofree char *title = g_strdup_printf ("thread %u", data->first + i);
      add_one (store, make_article (title, NULL, "Samsung shipped 3 million phones."));
    }
  return NULL;
}

static void
test_two_connections (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) main_store = NULL;
  g_autoptr(CitedStore) other = NULL;
  WriterData a = { fixture->path, 0, 20 };
  WriterData b = { fixture->path, 100, 20 };
  GThread *ta, *tb;

  main_store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  other = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);

  add_one (other, make_article ("from the other", NULL, "Apple sold phones."));
  g_assert_cmpuint (cited_store_count_articles (main_store, NULL, NULL), ==, 1);

  /* Two worker threads, each with its own connection, write at once while
   * this thread reads. */
  ta = g_thread_new ("writer-a", writer_thread, &a);
  tb = g_thread_new ("writer-b", writer_thread, &b);
  for (guint i = 0; i < 20; i++)
    {
      cited_store_count_articles (main_store, NULL, &error);
      g_assert_no_error (error);
    }
  g_thread_join (ta);
  g_thread_join (tb);

  g_assert_cmpuint (cited_store_count_articles (main_store, NULL, NULL), ==, 41);
}

/* ------------------------------------------------------------------ */
/* What changed                                                        */

typedef struct {
  guint            n_emissions;
  CitedStoreChange changes;
  GThread         *thread;
} ChangedRecord;

static void
changed_cb (CitedStore       *store,
            CitedStoreChange  changes,
            ChangedRecord    *record)
{
  record->n_emissions++;
  record->changes |= changes;
  record->thread = g_thread_self ();
}

/* Runs what the main context has pending (the emissions), then returns
 * what was told since the last call. */
static CitedStoreChange
take_changes (ChangedRecord *record)
{
  CitedStoreChange changes;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  changes = record->changes;
  record->changes = 0;
  return changes;
}

static void
test_changed (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(CitedChartSettings) settings = cited_chart_settings_new (CITED_CHART_SOURCE_FIGURES);
  g_autoptr(CitedFigureEdit) edit = cited_figure_edit_new ();
  ChangedRecord record = { 0 };
  guint64 articles_before, views_before;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), &record);
  articles_before = cited_store_get_generation (store, CITED_STORE_CHANGE_ARTICLES);
  views_before = cited_store_get_generation (store, CITED_STORE_CHANGE_VIEWS);

  /* An import: articles, their figures and mentions, nothing else. The
   * generation moves at once, the signal comes from the main loop, once. */
  add_one (store, make_article ("Xiaomi", "2024-01-31", "Xiaomi sold 190 million phones in 2021."));
  g_assert_cmpuint (cited_store_get_generation (store, CITED_STORE_CHANGE_ARTICLES), >, articles_before);
  g_assert_cmpuint (record.n_emissions, ==, 0);
  g_assert_cmpuint (take_changes (&record), ==,
                    CITED_STORE_CHANGE_ARTICLES | CITED_STORE_CHANGE_FIGURES | CITED_STORE_CHANGE_MENTIONS);
  g_assert_cmpuint (record.n_emissions, ==, 1);
  g_assert_cmpuint (cited_store_get_generation (store, CITED_STORE_CHANGE_VIEWS), ==, views_before);

  /* A correction: the figures. */
  figures = cited_store_list_figures (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->len, >, 0);
  edit->value = 200e6;
  g_assert_true (cited_store_set_figure_edit (store, ((CitedFigure *) figures->pdata[0])->id, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (take_changes (&record), ==, CITED_STORE_CHANGE_FIGURES);

  /* A brand edit: the brands (a colour moves no mention). */
  g_assert_true (cited_store_set_brand_color (store, "Xiaomi", "#ff6900", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (take_changes (&record) & ~CITED_STORE_CHANGE_MENTIONS, ==, CITED_STORE_CHANGE_BRANDS);

  /* A saved view: the views alone. */
  cited_chart_settings_set_metric (settings, "sales");
  g_assert_true (cited_store_save_view (store, "Sales", settings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (take_changes (&record), ==, CITED_STORE_CHANGE_VIEWS);
  g_assert_cmpuint (cited_store_get_generation (store, CITED_STORE_CHANGE_VIEWS), ==, views_before + 1);
  g_assert_cmpuint (record.n_emissions, ==, 4);
}

static void
test_changed_not_on_rollback (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  ChangedRecord record = { 0 };
  guint64 before;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  sqlite_exec (fixture->path,
               "CREATE TRIGGER boom BEFORE INSERT ON articles WHEN NEW.title = 'boom'"
               " BEGIN SELECT RAISE (ABORT, 'boom'); END");
  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), &record);
  before = cited_store_get_generation (store, CITED_STORE_CHANGE_ALL);

  /* The first article is written, the second fails: all is rolled back. */
  g_ptr_array_add (batch, make_article ("good", NULL, "Samsung shipped 70 million phones."));
  g_ptr_array_add (batch, make_article ("boom", NULL, "Apple shipped 50 million phones."));
  g_assert_false (cited_store_add_articles (store, batch, NULL, NULL, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_DATABASE);
  g_clear_error (&error);

  /* A view that cannot be saved. */
  g_assert_false (cited_store_rename_view (store, "none", "other", &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (take_changes (&record), ==, 0);
  g_assert_cmpuint (record.n_emissions, ==, 0);
  g_assert_cmpuint (cited_store_get_generation (store, CITED_STORE_CHANGE_ALL), ==, before);

  /* Reading is no change either. */
  g_assert_cmpuint (cited_store_count_articles (store, NULL, NULL), ==, 0);
  g_assert_cmpuint (take_changes (&record), ==, 0);
}

static gpointer
import_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = cited_store_open (data, &error);

  g_assert_no_error (error);
  add_one (store, make_article ("Huawei", NULL, "Huawei shipped 30 million phones."));
  return NULL;
}

/* A worker thread's store on the same file writes; the store of the
 * main thread tells it, in the main thread. Another program's write is
 * told when the store checks. */
static void
test_changed_elsewhere (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  ChangedRecord record = { 0 };
  guint64 before;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), &record);

  g_thread_join (g_thread_new ("import", import_thread, fixture->path));
  g_assert_cmpuint (take_changes (&record) & CITED_STORE_CHANGE_ARTICLES, ==, CITED_STORE_CHANGE_ARTICLES);
  g_assert_true (record.thread == g_thread_self ());
  /* The worker's commit was this process's: no other program's. */
  g_assert_false (cited_store_check_changes (store));

  /* Another program: a connection of its own, unknown to the store. */
  before = cited_store_get_generation (store, CITED_STORE_CHANGE_VIEWS);
  g_assert_false (cited_store_check_changes (store));
  sqlite_exec (fixture->path, "INSERT INTO views (name, settings, created, updated) VALUES ('Outside', '{}', 0, 0)");
  g_assert_cmpuint (take_changes (&record), ==, 0);
  g_assert_true (cited_store_check_changes (store));
  g_assert_cmpuint (take_changes (&record), ==, CITED_STORE_CHANGE_ALL);
  g_assert_cmpuint (cited_store_get_generation (store, CITED_STORE_CHANGE_VIEWS), ==, before + 1);
  g_assert_false (cited_store_check_changes (store));
}

#define VISIBLE_COMMITS 200

/* A window that sees the generation move reads the store at once: what
 * it reads must hold the change. (The commit was once told before it was
 * done, and a page that reloaded in between kept the old rows for good.) */
static void
test_changed_visible (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = cited_store_open (fixture->path, &error);
  CitedQuery all = { 0 };
  WriterData writer = { fixture->path, 0, VISIBLE_COMMITS };
  GThread *thread;
  guint64 first, last, now;
  guint base, seen = 0;

  g_assert_no_error (error);
  add_one (store, make_article ("First", NULL, "Apple sold 4 million phones."));
  base = cited_store_count_articles (store, &all, &error);
  g_assert_no_error (error);
  first = last = cited_store_get_generation (store, CITED_STORE_CHANGE_ARTICLES);

  thread = g_thread_new ("writer", writer_thread, &writer);
  while (last - first < VISIBLE_COMMITS)
    {
      guint count;

      now = cited_store_get_generation (store, CITED_STORE_CHANGE_ARTICLES);
      if (now == last)
        {
          g_thread_yield ();
          continue;
        }
      last = now;
      count = cited_store_count_articles (store, &all, &error);
      g_assert_no_error (error);
      /* One commit with articles in it per article. */
      g_assert_cmpuint (count - base, >=, last - first);
      seen++;
    }
  g_thread_join (thread);
  g_assert_cmpuint (last - first, ==, VISIBLE_COMMITS);
  g_assert_cmpuint (seen, >, 0);
  g_assert_cmpuint (cited_store_count_articles (store, &all, NULL), ==, base + VISIBLE_COMMITS);
}

/* Two in-memory databases are two databases, whatever their name. */
static void
test_changed_in_memory (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) one = cited_store_open (":memory:", &error);
  g_autoptr(CitedStore) other = NULL;
  ChangedRecord record = { 0 };

  g_assert_no_error (error);
  other = cited_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_signal_connect (one, "changed", G_CALLBACK (changed_cb), &record);

  add_one (other, make_article ("Elsewhere", NULL, "Apple sold 5 million phones."));
  g_assert_cmpuint (take_changes (&record), ==, 0);
  g_assert_cmpuint (cited_store_get_generation (one, CITED_STORE_CHANGE_ALL), ==, 0);

  add_one (one, make_article ("Here", NULL, "Apple sold 6 million phones."));
  g_assert_cmpuint (take_changes (&record) & CITED_STORE_CHANGE_ARTICLES, ==, CITED_STORE_CHANGE_ARTICLES);
}

/* ------------------------------------------------------------------ */
/* Reading in worker threads                                           */

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* The result of the asynchronous call just made with got_result_cb and
 * @slot, once the main loop brought it. */
static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
assert_same_articles (GPtrArray *a,
                      GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      CitedArticle *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->snippet, ==, y->snippet);
      g_assert_cmpuint (x->n_figures, ==, y->n_figures);
    }
}

static void
test_async_reads (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = open_search_store (fixture);
  CitedQuery searching = { .search = "team" };
  CitedQuery of_brand = { .brand = "Xiaomi" };
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL, r6 = NULL;
  g_autoptr(GPtrArray) articles = NULL, async_articles = NULL;
  g_autoptr(GArray) ids = NULL, async_ids = NULL;
  g_autoptr(GPtrArray) figures = NULL, async_figures = NULL;
  g_auto(GStrv) metrics = NULL, async_metrics = NULL;
  g_autoptr(GPtrArray) stats = NULL, async_stats = NULL;
  g_autoptr(GPtrArray) months = NULL, async_months = NULL;

  /* Filters go with the call: a search and a brand. */
  cited_store_list_articles_async (store, &searching, NULL, got_result_cb, &r1);
  cited_store_list_article_ids_async (store, &searching, NULL, got_result_cb, &r2);
  cited_store_list_figures_async (store, &of_brand, NULL, got_result_cb, &r3);
  cited_store_list_metrics_async (store, NULL, got_result_cb, &r4);
  cited_store_brand_stats_async (store, FALSE, NULL, got_result_cb, &r5);
  cited_store_brand_mentions_by_month_async (store, "Xiaomi", NULL, got_result_cb, &r6);

  async_articles = cited_store_list_articles_finish (store, wait_result (&r1), &error);
  g_assert_no_error (error);
  articles = cited_store_list_articles (store, &searching, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, 1);
  g_assert_nonnull (((CitedArticle *) articles->pdata[0])->snippet);
  assert_same_articles (articles, async_articles);

  async_ids = cited_store_list_article_ids_finish (store, wait_result (&r2), &error);
  g_assert_no_error (error);
  ids = cited_store_list_article_ids (store, &searching, &error);
  g_assert_cmpuint (ids->len, ==, async_ids->len);
  g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), async_ids->data, async_ids->len * sizeof (gint64));

  async_figures = cited_store_list_figures_finish (store, wait_result (&r3), &error);
  g_assert_no_error (error);
  figures = cited_store_list_figures (store, &of_brand, &error);
  g_assert_cmpuint (figures->len, >, 0);
  g_assert_cmpuint (figures->len, ==, async_figures->len);
  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *x = figures->pdata[i], *y = async_figures->pdata[i];

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpfloat (x->value, ==, y->value);
      g_assert_cmpstr (x->brand, ==, "Xiaomi");
      g_assert_cmpstr (y->brand, ==, "Xiaomi");
    }

  async_metrics = cited_store_list_metrics_finish (store, wait_result (&r4), &error);
  g_assert_no_error (error);
  metrics = cited_store_list_metrics (store, NULL);
  g_assert_cmpstrv (metrics, async_metrics);

  async_stats = cited_store_brand_stats_finish (store, wait_result (&r5), &error);
  g_assert_no_error (error);
  stats = cited_store_brand_stats (store, FALSE, NULL);
  g_assert_cmpuint (stats->len, >, 1);
  g_assert_cmpuint (stats->len, ==, async_stats->len);
  for (guint i = 0; i < stats->len; i++)
    {
      CitedBrandStats *x = stats->pdata[i], *y = async_stats->pdata[i];

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->color, ==, y->color);
      g_assert_cmpuint (x->mentions, ==, y->mentions);
    }

  async_months = cited_store_brand_mentions_by_month_finish (store, wait_result (&r6), &error);
  g_assert_no_error (error);
  months = cited_store_brand_mentions_by_month (store, "Xiaomi", NULL);
  g_assert_cmpuint (months->len, >, 0);
  g_assert_cmpuint (months->len, ==, async_months->len);
  for (guint i = 0; i < months->len; i++)
    {
      g_assert_cmpstr (((CitedCount *) months->pdata[i])->name, ==, ((CitedCount *) async_months->pdata[i])->name);
      g_assert_cmpuint (((CitedCount *) months->pdata[i])->n, ==, ((CitedCount *) async_months->pdata[i])->n);
    }
}

/* An in-memory store has no file for readers to open: it reads in the
 * caller's thread, and answers from the main loop all the same. */
static void
test_async_in_memory (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = cited_store_open (":memory:", &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) articles = NULL;

  g_assert_no_error (error);
  add_one (store, make_article ("In memory", NULL, "Apple sold 5 million phones."));
  cited_store_list_articles_async (store, NULL, NULL, got_result_cb, &result);
  g_assert_null (result);
  articles = cited_store_list_articles_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, 1);
  g_assert_cmpstr (((CitedArticle *) articles->pdata[0])->title, ==, "In memory");
}

/* The readers' brands follow the store's. */
static void
test_async_brands_follow (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = open_search_store (fixture);
  g_autoptr(GAsyncResult) before = NULL, after = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  gboolean found = FALSE;

  cited_store_brand_stats_async (store, TRUE, NULL, got_result_cb, &before);
  stats = cited_store_brand_stats_finish (store, wait_result (&before), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stats->len; i++)
    g_assert_cmpstr (((CitedBrandStats *) stats->pdata[i])->name, !=, "Zorblax");
  g_clear_pointer (&stats, g_ptr_array_unref);

  g_assert_true (cited_store_add_brand (store, "Zorblax", NULL, "#123456", &error));
  g_assert_no_error (error);
  cited_store_brand_stats_async (store, TRUE, NULL, got_result_cb, &after);
  stats = cited_store_brand_stats_finish (store, wait_result (&after), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stats->len; i++)
    if (g_strcmp0 (((CitedBrandStats *) stats->pdata[i])->name, "Zorblax") == 0)
      {
        g_assert_cmpstr (((CitedBrandStats *) stats->pdata[i])->color, ==, "#123456");
        found = TRUE;
      }
  g_assert_true (found);
}

static void
test_async_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = open_search_store (fixture);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_auto(GStrv) metrics = NULL;

  /* Cancelled before it starts, and just after. */
  g_cancellable_cancel (cancellable);
  cited_store_list_articles_async (store, NULL, cancellable, got_result_cb, &r1);
  articles = cited_store_list_articles_finish (store, wait_result (&r1), &error);
  g_assert_null (articles);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_cancellable_reset (cancellable);
  cited_store_brand_stats_async (store, TRUE, cancellable, got_result_cb, &r2);
  g_cancellable_cancel (cancellable);
  stats = cited_store_brand_stats_finish (store, wait_result (&r2), &error);
  g_assert_null (stats);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The readers go on reading for the next call. */
  cited_store_list_metrics_async (store, NULL, got_result_cb, &r3);
  metrics = cited_store_list_metrics_finish (store, wait_result (&r3), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (metrics), >, 0);
  {
    g_auto(GStrv) sync = cited_store_list_metrics (store, NULL);

    g_assert_cmpstrv (metrics, sync);
  }
}

/* A write transaction stays open on another connection (the importer's,
 * say): reads go on and see what was committed before it. */
static void
test_async_read_while_writing (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = open_search_store (fixture);
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  sqlite3 *writer = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &writer), ==, SQLITE_OK);
  g_assert_cmpint (cited_fts_register (writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE; DELETE FROM figures;"
                                         " UPDATE articles SET title = 'changed';", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  cited_store_list_articles_async (store, NULL, NULL, got_result_cb, &r1);
  cited_store_list_figures_async (store, NULL, NULL, got_result_cb, &r2);
  articles = cited_store_list_articles_finish (store, wait_result (&r1), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, 4);
  for (guint i = 0; i < articles->len; i++)
    g_assert_cmpstr (((CitedArticle *) articles->pdata[i])->title, !=, "changed");
  figures = cited_store_list_figures_finish (store, wait_result (&r2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->len, >, 0);

  g_assert_cmpint (sqlite3_exec (writer, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (writer);
}

#define WRITER_ENV "CITED_TEST_STORE_WRITER"
#define WRITER_BATCH 25

/* The writer process of the kill test: it writes batches until killed,
 * saying "x" on stdout after the third commit. It runs as a fresh process
 * (this program started again), never a fork of the test with its threads. */
static int
run_writer (const char *path)
{
  g_autoptr(CitedStore) store = cited_store_open (path, NULL);
  pid_t parent = getppid ();

  if (store == NULL)
    return 2;

  /* Bounded, and gone with its parent, so a failed test leaves nothing
   * running. */
  for (guint n = 0; n < 4000 && getppid () == parent; n++)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);

      for (guint i = 0; i < WRITER_BATCH; i++)
        {
          g_autofree char *title = g_strdup_printf ("batch %u article %u", n, i);
          g_ptr_array_add (batch, make_article (title, "2024-01-01",
                                                "Xiaomi sold 190 million phones in 2021, "
                                                "Huawei 7,000 people."));
        }
      if (!cited_store_add_articles (store, batch, NULL, NULL, NULL))
        return 3;
      if (n == 2 && (write (STDOUT_FILENO, "x", 1) != 1))
        return 4;
    }
  return 1;
}

static void
test_kill_safety (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *self_exe = NULL;
  g_auto(GStrv) envp = NULL;
  const char *argv[2] = { NULL, NULL };
  GPid pid;
  int out_fd = -1;
  char byte;
  int status;
  guint count;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  self_exe = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  argv[0] = self_exe;
  envp = g_environ_setenv (g_get_environ (), WRITER_ENV, fixture->path, TRUE);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, envp,
                                           G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);

  /* Wait for three commits, let it get into another batch, then kill it
   * wherever it is. */
  g_assert_cmpint (read (out_fd, &byte, 1), ==, 1);
  g_usleep (30 * 1000);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  close (out_fd);
  g_spawn_close_pid (pid);

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  count = cited_store_count_articles (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count, >=, 3 * WRITER_BATCH);
  /* Whole batches only. */
  g_assert_cmpuint (count % WRITER_BATCH, ==, 0);
  {
    CitedQuery query = { .search = "million", .limit = 5 };
    list = cited_store_list_articles (store, &query, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 5);
  }
  g_clear_object (&store);
  g_assert_cmpint (sqlite_int (fixture->path,
                               "SELECT count (*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"),
                   ==, 0);
  g_assert_cmpint (sqlite_int (fixture->path, "SELECT count (*) FROM articles a"
                                              " WHERE NOT EXISTS (SELECT 1 FROM article_bodies b WHERE b.id = a.id)"),
                   ==, 0);
  /* The brand totals hold the whole batches and nothing of the one that
   * was cut. */
  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assert_totals_recounted (store), ==, 2);
  g_assert_cmpuint (brand_mentions (store, "Xiaomi"), ==, count);
}

/* Issue 5: the real Chinese corpus, one- and two-character words included. */
static void
test_chinese_corpus (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *root = g_getenv ("CITED_SOURCE_ROOT");
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  g_autoptr(GPtrArray) found = NULL;
  const char *name;
  guint added = 0;
  guint with_xiaomi = 0;
  CitedQuery query = { 0 };

  if (root == NULL)
    {
      g_test_skip ("CITED_SOURCE_ROOT is not set");
      return;
    }
  dir_path = g_build_filename (root, "..", "shared", "corpora", "xda_zh", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  if (dir == NULL)
    {
      g_test_skip ("the xda_zh corpus is not beside the source tree");
      return;
    }

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;
      CitedArticle *article;
      char *newline;

      if (!g_str_has_suffix (name, ".md") || !g_file_get_contents (path, &contents, NULL, NULL))
        continue;
      if (!g_utf8_validate (contents, -1, NULL))
        continue;
      newline = strchr (contents, '\n');
      if (newline == NULL)
        continue;
      *newline = '\0';
      article = make_article (g_str_has_prefix (contents, "# ") ? contents + 2 : contents,
                              NULL, newline + 1);
      if (strstr (article->body, "小米") != NULL || strstr (article->title, "小米") != NULL)
        with_xiaomi++;
      g_ptr_array_add (batch, article);
    }
  g_assert_cmpuint (batch->len, >, 1000);

  g_assert_true (cited_store_add_articles (store, batch, &added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, >, 1000);

  /* Every article the text says mentions 小米 is found, no more. */
  query.search = "小米";
  g_assert_cmpuint (cited_store_count_articles (store, &query, &error), ==, with_xiaomi);
  g_assert_no_error (error);

  query.search = "华为 出货量";
  query.limit = 10;
  found = cited_store_list_articles (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >, 0);
  for (guint i = 0; i < found->len; i++)
    {
      CitedArticle *article = g_ptr_array_index (found, i);
      g_assert_nonnull (article->snippet);
      g_assert_nonnull (strchr (article->snippet, '\x02'));
    }

  /* Brand filters over Chinese names find the same articles as the text. */
  query.search = NULL;
  query.limit = 0;
  query.brand = "华为";
  g_assert_cmpuint (cited_store_count_articles (store, &query, &error), >, 100);
}

static CitedArticle *
sourced_article (const char *title,
                 const char *published,
                 const char *source,
                 const char *body)
{
  CitedArticle *article = make_article (title, published, body);

  g_free (article->source);
  article->source = g_strdup (source);
  return article;
}

static void
assert_count (GPtrArray  *counts,
              guint       index,
              const char *name,
              guint       n)
{
  CitedCount *count = g_ptr_array_index (counts, index);

  g_assert_cmpstr (count->name, ==, name);
  g_assert_cmpuint (count->n, ==, n);
}

/* What the filters offer: brands and sources with their articles, most
 * first and then by name whatever the case, and the years of the dated
 * articles; a source filters articles. */
static void
test_filter_counts (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = cited_store_open (fixture->path, &error);
  g_autoptr(GPtrArray) brands = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GArray) years = NULL;
  CitedQuery query = { .source = "beta wire" };

  g_assert_no_error (error);
  add_one (store, sourced_article ("One", "2021-03-02", "Beta Wire", "Samsung and Apple sold phones."));
  add_one (store, sourced_article ("Two", "2023-11-30", "alpha news", "Apple sold phones."));
  add_one (store, sourced_article ("Three", NULL, "Beta Wire", "Xiaomi sold phones."));
  add_one (store, sourced_article ("Four", "2021-12-31", "", "Nothing here."));

  brands = cited_store_count_brand_articles (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (brands->len, ==, 3);
  assert_count (brands, 0, "Apple", 2);
  assert_count (brands, 1, "Samsung", 1);
  assert_count (brands, 2, "Xiaomi", 1);

  sources = cited_store_count_source_articles (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 2);
  assert_count (sources, 0, "Beta Wire", 2);
  assert_count (sources, 1, "alpha news", 1);

  years = cited_store_list_years (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (years->len, ==, 2);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2023);
  g_assert_cmpint (g_array_index (years, int, 1), ==, 2021);

  /* Sources match as stored. */
  g_assert_cmpuint (cited_store_count_articles (store, &query, &error), ==, 0);
  query.source = "Beta Wire";
  g_assert_cmpuint (cited_store_count_articles (store, &query, &error), ==, 2);
  g_assert_no_error (error);
}

/* The settings a view keeps, written and read back through the store: the
 * view draws the same chart as the settings it was saved from. */
static void
test_views (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedChartSettings) settings = cited_chart_settings_new (CITED_CHART_SOURCE_FIGURES);
  g_autoptr(CitedChartSettings) read = NULL;
  g_autoptr(CitedChartSettings) trend = cited_chart_settings_new (CITED_CHART_SOURCE_TREND);
  g_autoptr(CitedChartSettings) bad = cited_chart_settings_new (CITED_CHART_SOURCE_CLAIMS);
  g_autoptr(CitedChart) before = NULL;
  g_autoptr(CitedChart) after = NULL;
  g_autoptr(GPtrArray) views = NULL;
  g_autofree char *csv_before = NULL;
  g_autofree char *csv_after = NULL;
  const char * const brands[] = { "Apple", NULL };
  gint64 created;

  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  add_one (store, make_article ("Phones", "2024-03-01",
                                "Apple sold 10 million phones in 2023. Samsung sold 12 million phones in 2023. "
                                "Xiaomi sold 8 million phones in 2023."));

  views = cited_store_list_views (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (views->len, ==, 0);
  g_clear_pointer (&views, g_ptr_array_unref);

  cited_chart_settings_set_metric (settings, "sales");
  cited_chart_settings_set_span (settings, "period");
  g_assert_true (cited_store_save_view (store, "Phone sales", settings, &error));
  g_assert_no_error (error);

  /* Names are found whatever their case and keep the case they were
   * given. */
  read = cited_store_get_view (store, "PHONE SALES", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->name, ==, "Phone sales");
  g_assert_true (cited_chart_settings_equal (read, settings));
  g_assert_cmpint (read->created, >, 0);
  created = read->created;

  before = cited_chart_settings_build (settings, store, &error);
  g_assert_no_error (error);
  after = cited_chart_settings_build (read, store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->categories->len, ==, 3);
  g_assert_cmpstr (after->title, ==, before->title);
  csv_before = cited_chart_to_csv (before);
  csv_after = cited_chart_to_csv (after);
  g_assert_cmpstr (csv_after, ==, csv_before);
  g_clear_pointer (&read, cited_chart_settings_unref);

  /* Saving under the same name replaces the view and keeps its birth. */
  cited_chart_settings_set_brands (settings, brands);
  cited_chart_settings_set_claim_status (settings, "reported");
  cited_chart_settings_set_search (settings, "phones");
  cited_chart_settings_set_dates (settings, "2024-01-01", "2024-12-31");
  g_assert_true (cited_store_save_view (store, "phone SALES", settings, &error));
  g_assert_true (cited_store_save_view (store, "Trend", trend, &error));
  g_assert_no_error (error);
  views = cited_store_list_views (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (views->len, ==, 2);
  read = cited_chart_settings_ref (g_ptr_array_index (views, 0));
  g_assert_cmpstr (read->name, ==, "phone SALES");
  g_assert_cmpint (read->created, ==, created);
  g_assert_true (cited_chart_settings_equal (read, settings));
  g_assert_cmpstr (cited_chart_settings_get_brand (read), ==, "Apple");
  g_assert_cmpstr (read->query.date_to, ==, "2024-12-31");
  g_assert_cmpstr (((CitedChartSettings *) g_ptr_array_index (views, 1))->name, ==, "Trend");
  g_assert_cmpint (((CitedChartSettings *) g_ptr_array_index (views, 1))->source, ==,
                   CITED_CHART_SOURCE_TREND);
  g_clear_pointer (&views, g_ptr_array_unref);

  /* Rename: onto another view's name is refused, a change of case is
   * not. */
  g_assert_false (cited_store_rename_view (store, "Phone Sales", "TREND", &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cited_store_rename_view (store, "Nothing", "Else", &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (cited_store_rename_view (store, "phone sales", "Apple in 2024", &error));
  g_assert_no_error (error);
  g_assert_true (cited_store_rename_view (store, "trend", "TREND", &error));
  g_assert_no_error (error);
  g_clear_pointer (&read, cited_chart_settings_unref);
  read = cited_store_get_view (store, "apple in 2024", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->name, ==, "Apple in 2024");
  g_assert_true (cited_chart_settings_equal (read, settings));

  /* Names need text; settings must make a chart. */
  g_assert_false (cited_store_save_view (store, "  ", settings, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cited_store_save_view (store, "Two\nlines", settings, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cited_store_save_view (store, "No metric", bad, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);
  g_clear_error (&error);

  /* Deleted, a view is gone; saved back with its times, it is as it
   * was. */
  g_assert_true (cited_store_delete_view (store, "APPLE IN 2024", &error));
  g_assert_no_error (error);
  g_assert_null (cited_store_get_view (store, "Apple in 2024", &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cited_store_delete_view (store, "Apple in 2024", &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (cited_store_save_view (store, read->name, read, &error));
  g_clear_object (&store);

  /* Views live in the database, not in the connection. */
  store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  views = cited_store_list_views (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (views->len, ==, 2);
  g_assert_cmpint (((CitedChartSettings *) g_ptr_array_index (views, 0))->created, ==, created);
}

/* The JSON the store keeps reads back to the same settings, and a member
 * this Cited does not know is passed over. */
static void
test_view_settings_json (void)
{
  g_autoptr(CitedChartSettings) settings = cited_chart_settings_new (CITED_CHART_SOURCE_BRANDS);
  g_autoptr(CitedChartSettings) read = NULL;
  g_autoptr(CitedChartSettings) newer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const char * const brands[] = { "Apple", "华为", NULL };

  cited_chart_settings_set_brands (settings, brands);
  json = cited_chart_settings_to_json (settings);
  read = cited_chart_settings_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_true (cited_chart_settings_equal (read, settings));
  g_assert_cmpstr (read->brands[1], ==, "华为");

  newer = cited_chart_settings_new_from_json ("{\"kind\":\"claims\",\"metric\":\"sales\",\"colour\":\"red\"}",
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (newer->source, ==, CITED_CHART_SOURCE_CLAIMS);
  g_assert_cmpstr (newer->query.metric, ==, "sales");
  g_assert_false (cited_chart_settings_equal (newer, settings));

  g_assert_null (cited_chart_settings_new_from_json ("{\"kind\":\"pie\"}", &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_PARSE);
}

/* A list without a search is shown from its count and its first pages'
 * ids; the others are read after. Whether a row past those pages is asked
 * for before they come or after, it is the article the full list has
 * there, and an article added in between is listed once they come. */

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cited_article_list_set_query_finish (CITED_ARTICLE_LIST (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* A list of @query's rows, read as a window reads it, holding the rest of
 * its ids when @held (cited_article_list_hold_rest()). */
static CitedArticleList *
list_of (CitedStore       *store,
         const CitedQuery *query,
         gboolean          held)
{
  CitedArticleList *list = cited_article_list_new (store);
  gboolean done = FALSE;

  cited_article_list_hold_rest (list, held);
  cited_article_list_set_query_async (list, query, NULL, list_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return list;
}

/* Every article, newest first. */
static CitedArticleList *
list_shown (CitedStore *store)
{
  CitedQuery query = { .sort = CITED_SORT_DATE_DESC };

  return list_of (store, &query, FALSE);
}

static gint64
row_id (CitedArticleList *list,
        guint             position)
{
  g_autoptr(CitedArticleItem) item = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (item);
  g_assert_nonnull (cited_article_item_get_article (item));
  return cited_article_item_get_id (item);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* Ids past 32 bits, which the lists keep in 32 where they fit: the
 * article with such an id is listed first (the newest), found, and read. */
static void
test_article_list_large_ids (Fixture       *fixture,
                             gconstpointer  data)
{
  const gint64 large = G_GINT64_CONSTANT (8589934592);   /* 2^33 */
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedArticleList) list = NULL;
  g_autoptr(GArray) ids = NULL;
  CitedQuery query = { .sort = CITED_SORT_DATE_DESC };

  {
    g_autoptr(CitedStore) store = cited_store_open (fixture->path, &error);

    g_assert_no_error (error);
    add_one (store, make_article ("Older report", "2020-01-01", "Apple sold 5 phones."));
    add_one (store, make_article ("Old report", "2021-01-01", "Apple sold 6 phones."));
    add_one (store, make_article ("Newest report", "2022-01-01", "Apple sold 7 phones."));
  }
  sqlite_exec (fixture->path,
               "UPDATE figures SET article_id = 8589934592"
               "  WHERE article_id = (SELECT id FROM articles WHERE title = 'Newest report');"
               "UPDATE article_brands SET article_id = 8589934592"
               "  WHERE article_id = (SELECT id FROM articles WHERE title = 'Newest report');"
               "UPDATE article_bodies SET id = 8589934592"
               "  WHERE id = (SELECT id FROM articles WHERE title = 'Newest report');"
               "UPDATE articles SET id = 8589934592 WHERE title = 'Newest report';");

  {
    g_autoptr(CitedStore) store = cited_store_open (fixture->path, &error);

    g_assert_no_error (error);
    ids = cited_store_list_article_ids (store, &query, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 3);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, large);

    list = list_shown (store);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
    g_assert_cmpint (row_id (list, 0), ==, large);
    g_assert_cmpint (row_id (list, 2), ==, g_array_index (ids, gint64, 2));
    g_assert_cmpuint (cited_article_list_find (list, large), ==, 0);
    g_assert_cmpuint (cited_article_list_find (list, g_array_index (ids, gint64, 1)), ==, 1);
    /* Read again whole, as after an import: the same rows. */
    g_assert_true (cited_article_list_reload (list, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
    g_assert_cmpint (row_id (list, 0), ==, large);
    g_assert_cmpuint (cited_article_list_find (list, large), ==, 0);
    g_clear_object (&list);
  }
}

/* @n articles, "Report 0" to "Report n-1", on dates from 2010 to 2021,
 * each saying "Apple sold … phones"; the ids of all in date order. */
static GArray *
add_reports (CitedStore *store,
             guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  CitedQuery query = { .sort = CITED_SORT_DATE_DESC };
  GArray *ids;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Report %u", i);
      g_autofree char *date = g_strdup_printf ("20%02u-%02u-%02u", 10 + i % 12, 1 + i % 12, 1 + i % 28);
      g_autofree char *body = g_strdup_printf ("Apple sold %u phones. Report %u.", i + 1, i);

      g_ptr_array_add (batch, make_article (title, date, body));
    }
  g_assert_true (cited_store_add_articles (store, batch, NULL, NULL, &error));
  g_assert_no_error (error);
  ids = cited_store_list_article_ids (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n);
  return ids;
}

static void
test_article_list_head_first (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = cited_store_open (fixture->path, &error);
  g_autoptr(CitedArticleList) early = NULL;
  g_autoptr(CitedArticleList) late = NULL;
  g_autoptr(CitedArticleList) changed = NULL;
  g_autoptr(GArray) ids = NULL;
  guint n_changes = 0;
  const guint n = 700;

  g_assert_no_error (error);
  ids = add_reports (store, n);

  /* Rows past the first pages asked for at once, and an article found. */
  early = list_shown (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (early)), ==, n);
  g_assert_cmpint (row_id (early, 0), ==, g_array_index (ids, gint64, 0));
  g_assert_cmpint (row_id (early, n - 1), ==, g_array_index (ids, gint64, n - 1));
  g_assert_cmpint (row_id (early, 500), ==, g_array_index (ids, gint64, 500));
  g_assert_cmpuint (cited_article_list_find (early, g_array_index (ids, gint64, 650)), ==, 650);

  /* … and after the rest came in the background: the same rows, with no
   * change to the list. */
  late = list_shown (store);
  g_signal_connect (late, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);
  {
    gboolean waited = FALSE;
    guint timeout = g_timeout_add_once (1000, set_flag_cb, &waited);

    while (!waited)
      g_main_context_iteration (NULL, TRUE);
    (void) timeout;
  }
  g_assert_cmpuint (n_changes, ==, 0);
  for (guint i = 0; i < n; i += 37)
    g_assert_cmpint (row_id (late, i), ==, g_array_index (ids, gint64, i));
  g_assert_cmpuint (cited_article_list_find (late, g_array_index (ids, gint64, n - 1)), ==, n - 1);

  /* An article added between the first pages and the rest is listed,
   * first (the newest). */
  changed = list_shown (store);
  add_one (store, make_article ("Newest report", "2030-01-01", "Apple sold 5 phones."));
  n_changes = 0;
  g_signal_connect (changed, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);
  while (n_changes == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changed)), ==, n + 1);
  {
    g_autoptr(CitedArticleItem) first = g_list_model_get_item (G_LIST_MODEL (changed), 0);

    g_assert_cmpstr (cited_article_item_get_article (first)->title, ==, "Newest report");
  }
}

/* The first page's rows come read with the ids, from the worker: the
 * frame showing them reads nothing on the main thread. A search's come
 * with their snippets. */
static void
test_article_list_first_page (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = cited_store_open (fixture->path, &error);
  g_autoptr(CitedArticleList) shown = NULL;
  g_autoptr(CitedArticleList) found = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(CitedArticleItem) item = NULL;
  CitedQuery search = { .sort = CITED_SORT_DATE_DESC, .search = "phones" };
  CitedArticle *article;
  const guint n = 700;

  g_assert_no_error (error);
  ids = add_reports (store, n);

  shown = list_shown (store);
  g_assert_cmpuint (cited_article_list_get_n_loaded (shown), ==, 64);

  found = list_of (store, &search, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, n);
  g_assert_cmpuint (cited_article_list_get_n_loaded (found), ==, 64);
  item = g_list_model_get_item (G_LIST_MODEL (found), 0);
  article = cited_article_item_get_article (item);
  g_assert_nonnull (strstr (article->snippet, "\x02phones\x03"));
  g_assert_null (article->body);
}

/* Held (as the window holds its list until the first rows are drawn), a
 * list leaves the rest of its ids until released: an article added
 * meanwhile is listed once it is, not before. */
static void
test_article_list_held (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = cited_store_open (fixture->path, &error);
  g_autoptr(CitedArticleList) held = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(CitedArticleItem) first = NULL;
  CitedQuery query = { .sort = CITED_SORT_DATE_DESC };
  gboolean waited = FALSE;
  guint n_changes = 0;
  gint64 newest;
  const guint n = 700;

  g_assert_no_error (error);
  ids = add_reports (store, n);

  held = list_of (store, &query, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (held)), ==, n);
  newest = row_id (held, 0);
  add_one (store, make_article ("Newer still", "2031-01-01", "Apple sold 4 phones."));
  g_signal_connect (held, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);
  g_timeout_add_once (1000, set_flag_cb, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_changes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (held)), ==, n);

  cited_article_list_hold_rest (held, FALSE);
  while (n_changes == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (held)), ==, n + 1);
  g_assert_cmpint (row_id (held, 0), !=, newest);
  first = g_list_model_get_item (G_LIST_MODEL (held), 0);
  g_assert_cmpstr (cited_article_item_get_article (first)->title, ==, "Newer still");
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv (WRITER_ENV) != NULL)
    return run_writer (g_getenv (WRITER_ENV));
  if (g_getenv (REEXTRACT_ENV) != NULL)
    return run_reextract_killed (g_getenv (REEXTRACT_ENV));
  if (g_getenv (MIGRATE_ENV) != NULL)
    return run_migrate_killed (g_getenv (MIGRATE_ENV));

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/store/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("open-create", test_open_create);
  ADD ("article-list-head-first", test_article_list_head_first);
  ADD ("article-list-first-page", test_article_list_first_page);
  ADD ("article-list-held", test_article_list_held);
  ADD ("article-list-large-ids", test_article_list_large_ids);
  g_test_add_func ("/store/default-path", test_default_path);
  ADD ("migration-from-empty-file", test_migration_from_empty_file);
  ADD ("migration-step", test_migration_step);
  ADD ("bodies-compressed", test_bodies_compressed);
  ADD ("migration-compresses-bodies", test_migration_compresses_bodies);
  ADD ("figure-states", test_figure_states);
  ADD ("filter-counts", test_filter_counts);
  ADD ("too-new", test_too_new);
  ADD ("not-a-database", test_not_a_database);
  ADD ("foreign-database", test_foreign_database);
  ADD ("foreign-database-unchanged", test_foreign_database_unchanged);
  ADD ("cited-database-without-id", test_cited_database_without_id);
  ADD ("add-and-duplicates", test_add_and_duplicates);
  ADD ("add-same-at-once", test_add_same_at_once);
  ADD ("batch-order", test_batch_order);
  ADD ("batch-rollback", test_batch_rollback);
  ADD ("search-english", test_search_english);
  ADD ("search-many-terms", test_search_many_terms);
  ADD ("search-lists-counted", test_search_lists_counted);
  ADD ("migration-brand-pairs", test_migration_brand_pairs);
  ADD ("search-chinese", test_search_chinese);
  ADD ("brand-added-finds-words", test_brand_added_finds_words);
  ADD ("filters-and-sort", test_filters_and_sort);
  ADD ("brand-stats", test_brand_stats);
  ADD ("brand-totals", test_brand_totals);
  ADD ("figures-and-edits", test_figures_and_edits);
  ADD ("edit-every-field", test_edit_every_field);
  ADD ("add-brand", test_add_brand);
  ADD ("alias-switch", test_alias_switch);
  ADD ("edit-brands", test_edit_brands);
  ADD ("edit-names-company", test_edit_names_company);
  ADD ("reextract-cancelled", test_reextract_cancelled);
  ADD ("scheduler-same-figures", test_scheduler_same_figures);
  ADD ("scheduler-small-jobs", test_scheduler_small_jobs);
  ADD ("reextract-killed-resumes", test_reextract_killed);
  ADD ("reextract-writes-between-batches", test_reextract_writes_between);
  ADD ("extractor-version", test_extractor_version);
  ADD ("two-connections", test_two_connections);
  ADD ("kill-safety", test_kill_safety);
  ADD ("chinese-corpus", test_chinese_corpus);
  ADD ("views", test_views);
  ADD ("changed", test_changed);
  ADD ("changed-not-on-rollback", test_changed_not_on_rollback);
  ADD ("changed-elsewhere", test_changed_elsewhere);
  ADD ("changed-in-memory", test_changed_in_memory);
  ADD ("changed-visible", test_changed_visible);
  ADD ("async-reads", test_async_reads);
  ADD ("async-in-memory", test_async_in_memory);
  ADD ("async-brands-follow", test_async_brands_follow);
  ADD ("async-cancelled", test_async_cancelled);
  ADD ("async-read-while-writing", test_async_read_while_writing);
  g_test_add_func ("/store/view-settings-json", test_view_settings_json);

#undef ADD

  return g_test_run ();
}
