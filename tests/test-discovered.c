/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-discovered"
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cited.h"
#include "cited-discovered-test.h"

/* Companies the extractor discovered, as the store keeps them: listed with
 * their evidence, accepted, merged into a brand or hidden, with figures
 * following at once and user edits surviving. The extractions are written
 * by hand so that these tests hold whatever the extractor discovers. */

typedef struct {
  char       *dir;
  char       *path;
  CitedStore *store;
} Fixture;

static const char rowntree_body[] =
  "Rowntree said sales rose to 30 million bars last year. "
  "Shares in Rowntree rose after the news.";
static const char yukos_body[] =
  "Yukos said it would appeal. Rowntree was not involved. "
  "Yukos pumped 1.7 million barrels a day.";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char * const rowntree[] = { "Rowntree", NULL };
  static const char * const both[] = { "Yukos", "Rowntree", NULL };
  static const TestFigure rowntree_figures[] = {
    { "30 million", 30e6, "sales", "Rowntree" },
  };
  static const TestFigure yukos_figures[] = {
    { "1.7 million", 1.7e6, "production", "Yukos" },
  };

  fixture->dir = g_dir_make_tmp ("cited-discovered-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "cited.db", NULL);
  fixture->store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);

  test_add_discovered_article (fixture->store, "Rowntree results", rowntree_body,
                               rowntree, NULL, rowntree_figures, 1);
  test_add_discovered_article (fixture->store, "Yukos appeal", yukos_body,
                               both, NULL, yukos_figures, 1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static const CitedDiscovered *
find_discovered (GPtrArray  *list,
                 const char *name)
{
  for (guint i = 0; i < list->len; i++)
    {
      const CitedDiscovered *d = g_ptr_array_index (list, i);

      if (g_strcmp0 (d->name, name) == 0)
        return d;
    }
  return NULL;
}

static GPtrArray *
list_discovered (CitedStore *store,
                 gboolean    include_decided)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = cited_store_list_discovered (store, include_decided, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static GPtrArray *
figures_of (CitedStore *store,
            const char *brand)
{
  g_autoptr(GError) error = NULL;
  CitedQuery query = { .brand = brand, .include_rejected = TRUE };
  GPtrArray *figures = cited_store_list_figures (store, &query, &error);

  g_assert_no_error (error);
  return figures;
}

static CitedFigure *
figure_with_text (CitedStore *store,
                  const char *text)
{
  g_autoptr(GPtrArray) figures = figures_of (store, NULL);

  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (figures, i);

      if (g_strcmp0 (figure->text, text) == 0)
        return cited_figure_ref (figure);
    }
  g_assert_not_reached ();
}

static guint
articles_of (CitedStore *store,
             const char *brand)
{
  CitedQuery query = { .brand = brand };

  return cited_store_count_articles (store, &query, NULL);
}

static const CitedBrandStats *
find_stats (GPtrArray  *stats,
            const char *name)
{
  for (guint i = 0; i < stats->len; i++)
    {
      const CitedBrandStats *s = g_ptr_array_index (stats, i);

      if (g_ascii_strcasecmp (s->name, name) == 0)
        return s;
    }
  return NULL;
}

static void
test_record_and_list (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) list = list_discovered (fixture->store, FALSE);
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GArray) mentions = NULL;
  const CitedDiscovered *rowntree;
  const CitedDiscovered *yukos;

  /* Both companies, the one in more articles first. */
  g_assert_cmpuint (list->len, ==, 2);
  rowntree = g_ptr_array_index (list, 0);
  yukos = g_ptr_array_index (list, 1);
  g_assert_cmpstr (rowntree->name, ==, "Rowntree");
  g_assert_cmpint (rowntree->status, ==, CITED_DISCOVERED_NEW);
  g_assert_cmpuint (rowntree->articles, ==, 2);
  g_assert_cmpuint (rowntree->mentions, ==, 3);
  g_assert_cmpuint (rowntree->n_figures, ==, 1);
  g_assert_nonnull (rowntree->first_seen);
  /* The evidence: the sentence of its figure. */
  g_assert_cmpstr (rowntree->example, ==, "Rowntree said sales rose to 30 million bars last year.");

  g_assert_cmpstr (yukos->name, ==, "Yukos");
  g_assert_cmpuint (yukos->articles, ==, 1);
  g_assert_cmpuint (yukos->mentions, ==, 2);
  g_assert_cmpuint (yukos->n_figures, ==, 1);
  g_assert_cmpstr (yukos->example, ==, "Yukos pumped 1.7 million barrels a day.");

  /* Figures are attributed at once: filters, statistics and the
   * article's brands see the company. */
  figures = figures_of (fixture->store, "Rowntree");
  g_assert_cmpuint (figures->len, ==, 1);
  g_assert_cmpfloat (((CitedFigure *) g_ptr_array_index (figures, 0))->value, ==, 30e6);
  g_assert_cmpuint (articles_of (fixture->store, "Rowntree"), ==, 2);
  stats = cited_store_brand_stats (fixture->store, FALSE, NULL);
  g_assert_nonnull (find_stats (stats, "Yukos"));
  g_assert_cmpuint (find_stats (stats, "Yukos")->n_figures, ==, 1);

  /* A mention says it was discovered. */
  mentions = cited_store_list_mentions (fixture->store, 1, NULL);
  g_assert_cmpuint (mentions->len, ==, 2);
  g_assert_true (g_array_index (mentions, CitedMention, 0).discovered);

  /* A company seen only in passing is shown by the sentence naming it. */
  {
    static const char * const hoover[] = { "Hoover", NULL };

    test_add_discovered_article (fixture->store, "Hoover",
                                 "Markets were calm. A spokesman for Hoover declined to comment. "
                                 "Trading ends at five.",
                                 hoover, NULL, NULL, 0);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = list_discovered (fixture->store, FALSE);
    g_assert_cmpstr (find_discovered (list, "Hoover")->example, ==,
                     "A spokesman for Hoover declined to comment.");
  }
}

static void
test_hide (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CitedFigure) figure = NULL;
  static const char * const yukos[] = { "Yukos", NULL };
  static const TestFigure later_figures[] = {
    { "20 billion", 20e9, "revenue", "Yukos" },
  };
  gint64 later;

  g_assert_true (cited_store_hide_discovered (fixture->store, "yukos", &error));
  g_assert_no_error (error);

  /* Gone from the companies to decide on; listed as hidden with nothing
   * attributed when asked. */
  list = list_discovered (fixture->store, FALSE);
  g_assert_null (find_discovered (list, "Yukos"));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = list_discovered (fixture->store, TRUE);
  g_assert_cmpint (find_discovered (list, "Yukos")->status, ==, CITED_DISCOVERED_HIDDEN);
  g_assert_cmpuint (find_discovered (list, "Yukos")->mentions, ==, 0);

  /* Its figure has no company now; its article no longer names it. */
  figure = figure_with_text (fixture->store, "1.7 million");
  g_assert_null (figure->brand);
  g_assert_cmpuint (articles_of (fixture->store, "Yukos"), ==, 0);
  /* The other company of that article keeps its mention. */
  g_assert_cmpuint (articles_of (fixture->store, "Rowntree"), ==, 2);

  /* An article stored later (here after a restart) obeys the decision. */
  g_clear_object (&fixture->store);
  fixture->store = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  later = test_add_discovered_article (fixture->store, "Yukos again",
                                       "Yukos had 20 billion in revenue.",
                                       yukos, NULL, later_figures, 1);
  g_clear_pointer (&figure, cited_figure_unref);
  figure = figure_with_text (fixture->store, "20 billion");
  g_assert_null (figure->brand);
  g_assert_cmpuint (articles_of (fixture->store, "Yukos"), ==, 0);
  {
    g_autoptr(GArray) mentions = cited_store_list_mentions (fixture->store, later, NULL);
    g_assert_cmpuint (mentions->len, ==, 0);
  }
  g_clear_pointer (&list, g_ptr_array_unref);
  list = list_discovered (fixture->store, TRUE);
  g_assert_cmpint (find_discovered (list, "Yukos")->status, ==, CITED_DISCOVERED_HIDDEN);

  /* Undo: the company and its figures are back. */
  g_assert_true (cited_store_restore_discovered (fixture->store, "Yukos", &error));
  g_assert_no_error (error);
  g_clear_pointer (&figure, cited_figure_unref);
  figure = figure_with_text (fixture->store, "20 billion");
  g_assert_cmpstr (figure->brand, ==, "Yukos");
  g_assert_cmpuint (articles_of (fixture->store, "Yukos"), ==, 2);
  {
    g_autoptr(GArray) mentions = cited_store_list_mentions (fixture->store, later, NULL);
    g_assert_cmpuint (mentions->len, ==, 1);
    g_assert_true (g_array_index (mentions, CitedMention, 0).discovered);
  }
  g_clear_pointer (&list, g_ptr_array_unref);
  list = list_discovered (fixture->store, FALSE);
  g_assert_cmpint (find_discovered (list, "Yukos")->status, ==, CITED_DISCOVERED_NEW);
  g_assert_cmpuint (find_discovered (list, "Yukos")->n_figures, ==, 2);

  /* Names never found are an error a person can read. */
  g_assert_false (cited_store_hide_discovered (fixture->store, "Enron", &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Enron"));
}

static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(CitedFigure) figure = NULL;
  static const char * const yukos[] = { "Yukos", NULL };
  static const TestFigure later_figures[] = {
    { "20 billion", 20e9, "revenue", "Yukos" },
  };

  g_assert_false (cited_store_merge_discovered (fixture->store, "Yukos", "No Such Brand", &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cited_store_merge_discovered (fixture->store, "Nobody", "Samsung", &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Any name of the brand will do; the brand's own name is kept. */
  g_assert_true (cited_store_merge_discovered (fixture->store, "Yukos", "samsung", &error));
  g_assert_no_error (error);

  list = list_discovered (fixture->store, TRUE);
  g_assert_cmpint (find_discovered (list, "Yukos")->status, ==, CITED_DISCOVERED_MERGED);
  g_assert_cmpstr (find_discovered (list, "Yukos")->merged_into, ==, "Samsung");
  g_assert_cmpuint (find_discovered (list, "Yukos")->mentions, ==, 2);
  g_assert_cmpuint (find_discovered (list, "Yukos")->n_figures, ==, 1);

  figure = figure_with_text (fixture->store, "1.7 million");
  g_assert_cmpstr (figure->brand, ==, "Samsung");
  g_assert_cmpuint (articles_of (fixture->store, "Samsung"), ==, 1);
  g_assert_cmpuint (articles_of (fixture->store, "Yukos"), ==, 0);
  stats = cited_store_brand_stats (fixture->store, FALSE, NULL);
  g_assert_null (find_stats (stats, "Yukos"));
  g_assert_cmpuint (find_stats (stats, "Samsung")->mentions, ==, 2);
  g_assert_cmpuint (find_stats (stats, "Samsung")->n_figures, ==, 1);

  /* Later articles follow the merge. */
  test_add_discovered_article (fixture->store, "Yukos again", "Yukos had 20 billion in revenue.",
                               yukos, NULL, later_figures, 1);
  g_clear_pointer (&figure, cited_figure_unref);
  figure = figure_with_text (fixture->store, "20 billion");
  g_assert_cmpstr (figure->brand, ==, "Samsung");
  g_assert_cmpuint (articles_of (fixture->store, "Samsung"), ==, 2);

  /* Undo gives the name back what was found under it. */
  g_assert_true (cited_store_restore_discovered (fixture->store, "Yukos", &error));
  g_assert_no_error (error);
  g_clear_pointer (&figure, cited_figure_unref);
  figure = figure_with_text (fixture->store, "1.7 million");
  g_assert_cmpstr (figure->brand, ==, "Yukos");
  g_assert_cmpuint (articles_of (fixture->store, "Samsung"), ==, 0);
  g_assert_cmpuint (articles_of (fixture->store, "Yukos"), ==, 2);
}

static void
test_accept (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(CitedStore) reopened = NULL;

  g_assert_true (cited_store_accept_discovered (fixture->store, "rowntree", &error));
  g_assert_no_error (error);

  /* A brand of the user's lexicon now, out of the companies to decide on. */
  g_assert_cmpstr (cited_lexicon_lookup (cited_store_get_lexicon (fixture->store), "ROWNTREE"),
                   ==, "Rowntree");
  list = list_discovered (fixture->store, FALSE);
  g_assert_null (find_discovered (list, "Rowntree"));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = list_discovered (fixture->store, TRUE);
  g_assert_cmpint (find_discovered (list, "Rowntree")->status, ==, CITED_DISCOVERED_ACCEPTED);

  /* The articles that name it were scanned again with it in the lexicon:
   * every mention is found, as a brand's. */
  stats = cited_store_brand_stats (fixture->store, FALSE, NULL);
  g_assert_nonnull (find_stats (stats, "Rowntree"));
  g_assert_cmpuint (find_stats (stats, "Rowntree")->mentions, ==, 3);
  g_assert_cmpuint (find_stats (stats, "Rowntree")->articles, ==, 2);
  figures = figures_of (fixture->store, "Rowntree");
  g_assert_cmpuint (figures->len, >=, 1);
  {
    g_autoptr(GArray) mentions = cited_store_list_mentions (fixture->store, 1, NULL);
    g_assert_cmpuint (mentions->len, ==, 2);
    g_assert_false (g_array_index (mentions, CitedMention, 0).discovered);
  }

  /* Accepting twice changes nothing; hiding a brand is refused. */
  g_assert_true (cited_store_accept_discovered (fixture->store, "Rowntree", &error));
  g_assert_no_error (error);
  g_assert_false (cited_store_hide_discovered (fixture->store, "Rowntree", &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);
  g_clear_error (&error);

  /* Kept in the database. */
  reopened = cited_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cited_lexicon_lookup (cited_store_get_lexicon (reopened), "rowntree"), ==, "Rowntree");
}

static void
test_edits_survive (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedFigure) figure = NULL;
  static const char * const yukos[] = { "Yukos", NULL };
  static const TestFigure figures[] = {
    { "5 billion", 5e9, "revenue", "Yukos" },
    { "7 billion", 7e9, "revenue", "Yukos" },
  };
  CitedFigureEdit to_apple = { .value = NAN, .brand = "Apple", .status = CITED_FIGURE_CONFIRMED };
  CitedFigureEdit confirm = { .value = 6e9, .status = CITED_FIGURE_CONFIRMED };
  gint64 moved_id, confirmed_id;

  test_add_discovered_article (fixture->store, "Yukos revenue",
                               "Yukos made 5 billion. Yukos expects 7 billion.",
                               yukos, NULL, figures, 2);

  /* One figure the user gave to another company, one the user corrected. */
  figure = figure_with_text (fixture->store, "5 billion");
  moved_id = figure->id;
  g_clear_pointer (&figure, cited_figure_unref);
  g_assert_true (cited_store_set_figure_edit (fixture->store, moved_id, &to_apple, &error));
  figure = figure_with_text (fixture->store, "7 billion");
  confirmed_id = figure->id;
  g_clear_pointer (&figure, cited_figure_unref);
  g_assert_true (cited_store_set_figure_edit (fixture->store, confirmed_id, &confirm, &error));
  g_assert_no_error (error);

  g_assert_true (cited_store_merge_discovered (fixture->store, "Yukos", "Huawei", &error));
  g_assert_no_error (error);
  figure = cited_store_get_figure (fixture->store, moved_id, &error);
  g_assert_cmpstr (figure->brand, ==, "Apple");
  g_assert_true (figure->edited);
  g_clear_pointer (&figure, cited_figure_unref);
  figure = cited_store_get_figure (fixture->store, confirmed_id, &error);
  g_assert_cmpstr (figure->brand, ==, "Huawei");
  g_assert_cmpfloat (figure->value, ==, 6e9);
  g_assert_cmpint (figure->status, ==, CITED_FIGURE_CONFIRMED);
  g_clear_pointer (&figure, cited_figure_unref);

  g_assert_true (cited_store_restore_discovered (fixture->store, "Yukos", &error));
  g_assert_true (cited_store_hide_discovered (fixture->store, "Yukos", &error));
  g_assert_no_error (error);
  figure = cited_store_get_figure (fixture->store, moved_id, &error);
  g_assert_cmpstr (figure->brand, ==, "Apple");
  g_clear_pointer (&figure, cited_figure_unref);
  figure = cited_store_get_figure (fixture->store, confirmed_id, &error);
  g_assert_null (figure->brand);
  g_assert_cmpfloat (figure->value, ==, 6e9);
  g_assert_true (figure->edited);
}

static void
test_reextract_keeps_decisions (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_assert_true (cited_store_hide_discovered (fixture->store, "Yukos", &error));
  g_assert_true (cited_store_merge_discovered (fixture->store, "Rowntree", "Apple", &error));
  g_assert_no_error (error);

  /* Re-extraction (after an extractor or lexicon change) stores what the
   * extractor finds now; the decisions stay. */
  g_assert_true (cited_store_reextract (fixture->store, NULL, &error));
  g_assert_no_error (error);
  list = list_discovered (fixture->store, TRUE);
  g_assert_cmpint (find_discovered (list, "Yukos")->status, ==, CITED_DISCOVERED_HIDDEN);
  g_assert_cmpint (find_discovered (list, "Rowntree")->status, ==, CITED_DISCOVERED_MERGED);
  g_assert_cmpstr (find_discovered (list, "Rowntree")->merged_into, ==, "Apple");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/discovered/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("record-and-list", test_record_and_list);
  ADD ("hide", test_hide);
  ADD ("merge", test_merge);
  ADD ("accept", test_accept);
  ADD ("edits-survive", test_edits_survive);
  ADD ("reextract-keeps-decisions", test_reextract_keeps_decisions);

#undef ADD

  return g_test_run ();
}
