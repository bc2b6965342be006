/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-figure-model"
#include "config.h"

#include <math.h>
#include <string.h>

#include <cited.h>

#include "cited-test-files.h"

/*
 * CitedFigureModel, the paged list of figures the Figures page shows: its
 * rows are those of the whole list read at once (cited_store_list_figures),
 * filtered as the page filtered them in memory and sorted as its columns
 * sort, whichever page of rows they are on; a correction shows in its row,
 * and the model tells its views when the store changes.
 *
 * The store holds the sample corpus, a few hundred generated articles (so
 * that the list runs to many pages) and, when it is there beside the
 * source tree, the BBC corpus.
 */

static char *tmpdir;
static CitedStore *store;
static gboolean have_bbc;

static const char * const brands[] = { "Xiaomi", "Apple", "Samsung", "Huawei", "OnePlus" };
static const char * const sources[] = { "Reuters", "BBC News", "The Verge" };

/* Adds @n generated articles, from the @first-th; returns the last one's id. */
static gint64
add_generated_articles (guint first,
                        guint n)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  g_autoptr(GError) error = NULL;
  guint added = 0;

  for (guint i = first; i < first + n; i++)
    {
      CitedArticle *a = cited_article_new ();
      const char *brand = brands[i % G_N_ELEMENTS (brands)];

      a->title = g_strdup_printf ("%s results, report %u", brand, i);
      a->source = g_strdup (sources[i % G_N_ELEMENTS (sources)]);
      a->published = g_strdup_printf ("20%02u-%02u-%02u", 10 + i % 12, 1 + i % 12, 1 + i % 28);
      a->path = g_strdup_printf ("generated/%u.txt", i);
      a->language = g_strdup ("en");
      a->body = g_strdup_printf ("%s sold %u million smartphones in %u. "
                                 "The company had %u stores in India. "
                                 "Its revenue was $%u.%u billion in the second quarter of %u. "
                                 "%s shipped %u,000 tablets overseas.",
                                 brand, 10 + i % 97, 2010 + i % 12,
                                 100 + i * 7 % 500,
                                 1 + i % 40, i % 10, 2011 + i % 11,
                                 brands[(i + 2) % G_N_ELEMENTS (brands)], 5 + i % 300);
      g_ptr_array_add (articles, a);
    }
  g_assert_true (cited_store_add_articles (store, articles, &added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, n);
  return ((CitedArticle *) g_ptr_array_index (articles, n - 1))->id;
}

static void
import_dir (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedImportResult) result = NULL;
  const char *paths[2] = { dir, NULL };

  result = cited_import_paths (store, paths, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, >, 0);
}

/* The whole list, as the page read it before: every figure, rejected
 * ones too, in the store's order. */
static GPtrArray *
all_figures (void)
{
  g_autoptr(GError) error = NULL;
  CitedQuery query = { 0 };
  GPtrArray *figures;

  query.include_rejected = TRUE;
  figures = cited_store_list_figures (store, &query, &error);
  g_assert_no_error (error);
  return figures;
}

static GArray *
model_ids (CitedFigureModel *model)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CitedFigureObject) object = g_list_model_get_item (G_LIST_MODEL (model), i);
      gint64 id;

      g_assert_nonnull (object);
      id = cited_figure_object_get_id (object);
      g_array_append_val (ids, id);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
  return ids;
}

static void
assert_same_rows (CitedFigureModel *model,
                  GPtrArray        *expected,
                  const char       *what)
{
  g_autoptr(GArray) ids = model_ids (model);

  if (ids->len != expected->len)
    g_error ("%s: %u rows, expected %u", what, ids->len, expected->len);
  for (guint i = 0; i < ids->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (expected, i);

      if (g_array_index (ids, gint64, i) != f->id)
        g_error ("%s: row %u is figure %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                 what, i, g_array_index (ids, gint64, i), f->id);
    }
}

/* Paging */

static void
test_paging (void)
{
  g_autoptr(CitedFigureModel) model = cited_figure_model_new (store);
  g_autoptr(GPtrArray) figures = all_figures ();
  g_autoptr(CitedFigureObject) last = NULL;
  guint n;

  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, figures->len);
  /* Enough rows for many pages of 200. */
  g_assert_cmpuint (n, >, 2000);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == CITED_TYPE_FIGURE_OBJECT);

  /* Counting reads no row; the last row reads one page. */
  g_assert_cmpuint (cited_figure_model_get_n_loaded (model), ==, 0);
  last = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
  g_assert_cmpint (cited_figure_object_get_id (last), ==, ((CitedFigure *) g_ptr_array_index (figures, n - 1))->id);
  g_assert_cmpuint (cited_figure_model_get_n_loaded (model), <=, 200);

  /* Every row, in the order of the whole list, while the model keeps only
   * a few pages of them. */
  assert_same_rows (model, figures, "store order");
  g_assert_cmpuint (cited_figure_model_get_n_loaded (model), >, 0);
  g_assert_cmpuint (cited_figure_model_get_n_loaded (model), <=, 8 * 200);
  g_assert_cmpuint (cited_figure_model_get_n_loaded (model), <, n);

  /* Found where they are, read or not. */
  for (guint i = 0; i < n; i += n / 7)
    {
      CitedFigure *f = g_ptr_array_index (figures, i);

      g_assert_cmpuint (cited_figure_model_find (model, f->id), ==, i);
    }
  g_assert_cmpuint (cited_figure_model_find (model, G_MAXINT64), ==, G_MAXUINT);
}

/* Sorting: the order the page's column sorters mean, over the whole list */

static int
nocase_cmp (const char *a,
            const char *b)
{
  /* SQLite's NOCASE: ASCII letters folded, every other byte as it is;
   * a missing value first. */
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  for (;; a++, b++)
    {
      guchar ca = g_ascii_tolower ((guchar) *a);
      guchar cb = g_ascii_tolower ((guchar) *b);

      if (ca != cb || ca == '\0')
        return (ca > cb) - (ca < cb);
    }
}

static int
status_rank (const CitedFigure *f)
{
  if (f->status == CITED_FIGURE_REJECTED)
    return 3;
  if (f->edited)
    return 1;
  return f->status == CITED_FIGURE_CONFIRMED ? 0 : 2;
}

static int
compare_key (const CitedFigure *a,
             const CitedFigure *b,
             CitedFigureSort    sort)
{
  switch (sort)
    {
    case CITED_FIGURE_SORT_TEXT:
      return nocase_cmp (a->text, b->text);
    case CITED_FIGURE_SORT_VALUE:
      if (isnan (a->value) || isnan (b->value))
        return !isnan (a->value) - !isnan (b->value);
      return (a->value > b->value) - (a->value < b->value);
    case CITED_FIGURE_SORT_UNIT:
      return nocase_cmp (a->currency != NULL ? a->currency : a->unit,
                         b->currency != NULL ? b->currency : b->unit);
    case CITED_FIGURE_SORT_METRIC:
      return nocase_cmp (a->metric, b->metric);
    case CITED_FIGURE_SORT_SCOPE:
      return nocase_cmp (a->scope, b->scope);
    case CITED_FIGURE_SORT_PERIOD:
      {
        int ka = a->year * 10 + a->quarter, kb = b->year * 10 + b->quarter;

        return (ka > kb) - (ka < kb);
      }
    case CITED_FIGURE_SORT_BRAND:
      return nocase_cmp (a->brand, b->brand);
    case CITED_FIGURE_SORT_ARTICLE:
      return nocase_cmp (a->article_title, b->article_title);
    case CITED_FIGURE_SORT_STATUS:
      return status_rank (a) - status_rank (b);
    case CITED_FIGURE_SORT_STATES:
      {
        int ka = a->claim_status * 100 + a->span * 10 + a->change;
        int kb = b->claim_status * 100 + b->span * 10 + b->change;

        return (ka > kb) - (ka < kb);
      }
    case CITED_FIGURE_SORT_NONE:
    default:
      g_assert_not_reached ();
    }
}

typedef struct {
  CitedFigureSort sort;
  gboolean descending;
} SortSpec;

static int
compare_figures (gconstpointer pa,
                 gconstpointer pb,
                 gpointer      user_data)
{
  const SortSpec *spec = user_data;
  const CitedFigure *a = *(CitedFigure * const *) pa;
  const CitedFigure *b = *(CitedFigure * const *) pb;
  int c = compare_key (a, b, spec->sort);

  if (c == 0)
    c = (a->id > b->id) - (a->id < b->id);
  return spec->descending ? -c : c;
}

static gint64
figure_with (GPtrArray  *figures,
             const char *brand,
             guint       skip)
{
  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (figures, i);

      /* Only figures as the extractor left them. */
      if (f->edited || f->status != CITED_FIGURE_EXTRACTED)
        continue;
      if (g_strcmp0 (f->brand, brand) == 0 && skip-- == 0)
        return f->id;
    }
  g_assert_not_reached ();
}

/* Corrections, confirmations and rejections the sorts and filters must
 * see: a value, a brand, a scope, a period and a unit corrected. */
static void
make_corrections (void)
{
  g_autoptr(GPtrArray) figures = all_figures ();
  g_autoptr(GArray) confirm = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) reject = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  CitedFigureEdit edit = { 0 };
  gint64 id;

  id = figure_with (figures, "Xiaomi", 0);
  g_array_append_val (confirm, id);
  id = figure_with (figures, "Apple", 0);
  g_array_append_val (reject, id);
  g_assert_true (cited_store_judge_figures (store, confirm, reject, &error));
  g_assert_no_error (error);

  edit.value = 1e15;
  edit.brand = "Samsung";
  edit.status = CITED_FIGURE_CONFIRMED;
  g_assert_true (cited_store_set_figure_edit (store, figure_with (figures, "Huawei", 1), &edit, &error));
  g_assert_no_error (error);

  memset (&edit, 0, sizeof edit);
  edit.value = NAN;
  edit.fields = CITED_EDIT_SCOPE | CITED_EDIT_PERIOD | CITED_EDIT_CURRENCY | CITED_EDIT_SPAN;
  edit.scope = "Antarctica";
  edit.year = 1999;
  edit.quarter = 3;
  edit.currency = "AAA";
  edit.span = CITED_SPAN_CUMULATIVE;
  g_assert_true (cited_store_set_figure_edit (store, figure_with (figures, "OnePlus", 2), &edit, &error));
  g_assert_no_error (error);
}

static void
test_sort (void)
{
  g_autoptr(CitedFigureModel) model = cited_figure_model_new (store);
  g_autoptr(GPtrArray) figures = all_figures ();
  gboolean descending = TRUE;

  for (CitedFigureSort sort = CITED_FIGURE_SORT_TEXT; sort <= CITED_FIGURE_SORT_STATES; sort++)
    for (int d = 0; d < 2; d++)
      {
        SortSpec spec = { sort, d == 1 };
        g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
        g_autofree char *what = g_strdup_printf ("sort %d%s", sort, d ? " descending" : "");

        g_ptr_array_extend (sorted, figures, NULL, NULL);
        g_ptr_array_sort_with_data (sorted, compare_figures, &spec);
        cited_figure_model_set_sort (model, sort, spec.descending);
        g_assert_cmpint (cited_figure_model_get_sort (model, &descending), ==, sort);
        g_assert_cmpint (descending, ==, spec.descending);
        assert_same_rows (model, sorted, what);
      }

  /* Back to the store's order. */
  cited_figure_model_set_sort (model, CITED_FIGURE_SORT_NONE, TRUE);
  g_assert_cmpint (cited_figure_model_get_sort (model, &descending), ==, CITED_FIGURE_SORT_NONE);
  g_assert_false (descending);
  assert_same_rows (model, figures, "store order again");
}

/* Filtering: what the page's filters let through in memory */

typedef struct {
  const char *brand;
  const char *source;
  const char *metric;
  const char *text;           /* casefolded */
  const char *date_from;
  const char *date_to;
} Filter;

static gboolean
holds (const char *haystack,
       const char *folded)
{
  g_autofree char *h = haystack != NULL ? g_utf8_casefold (haystack, -1) : NULL;

  return h != NULL && strstr (h, folded) != NULL;
}

/* The Figures page's filter as it ran over every row in memory. */
static gboolean
passes (const CitedFigure *f,
        const Filter      *filter)
{
  if (filter->brand != NULL && g_strcmp0 (f->brand, filter->brand) != 0)
    return FALSE;
  if (filter->metric != NULL && g_strcmp0 (f->metric, filter->metric) != 0)
    return FALSE;
  if (filter->source != NULL && g_strcmp0 (f->article_source, filter->source) != 0)
    return FALSE;
  if (filter->text != NULL &&
      !holds (f->text, filter->text) && !holds (f->sentence, filter->text) &&
      !holds (f->article_title, filter->text))
    return FALSE;
  if (filter->date_from != NULL &&
      (f->article_published == NULL || strcmp (f->article_published, filter->date_from) < 0))
    return FALSE;
  if (filter->date_to != NULL &&
      (f->article_published == NULL || strncmp (f->article_published, filter->date_to, 10) > 0))
    return FALSE;
  return TRUE;
}

static void
check_filter (CitedFigureModel *model,
              GPtrArray        *figures,
              const Filter     *filter,
              gboolean          expect_rows)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  CitedQuery query = { 0 };

  for (guint i = 0; i < figures->len; i++)
    if (passes (g_ptr_array_index (figures, i), filter))
      g_ptr_array_add (expected, g_ptr_array_index (figures, i));

  query.include_rejected = TRUE;
  query.brand = filter->brand;
  query.source = filter->source;
  query.metric = filter->metric;
  query.date_from = filter->date_from;
  query.date_to = filter->date_to;
  g_assert_true (cited_figure_model_set_filter (model, &query, filter->text, &error));
  g_assert_no_error (error);

  what = g_strdup_printf ("brand %s, source %s, metric %s, text %s, dates %s to %s",
                          filter->brand, filter->source, filter->metric, filter->text,
                          filter->date_from, filter->date_to);
  if (expect_rows && expected->len == 0)
    g_error ("%s: the test expects rows", what);
  assert_same_rows (model, expected, what);
}

static void
test_filter (void)
{
  g_autoptr(CitedFigureModel) model = cited_figure_model_new (store);
  g_autoptr(GPtrArray) figures = all_figures ();
  g_autoptr(GError) error = NULL;
  const Filter filters[] = {
    { .brand = "Xiaomi" },
    { .brand = "Samsung" },
    { .brand = "Huawei", .metric = "sales" },
    { .source = "Reuters" },
    { .source = "Reuters", .brand = "Apple" },
    { .metric = "stores" },
    { .metric = "revenue", .text = "billion" },
    { .text = "india" },
    { .text = "results, report 1" },
    { .text = "tablets", .brand = "OnePlus", .source = "The Verge" },
    { .date_from = "2015-01-01", .date_to = "2016-06-30" },
    { .date_from = "2019-03-01", .metric = "sales" },
  };
  const Filter bbc_filters[] = {
    { .source = "BBC News" },
    { .text = "blair" },
    { .text = "economy", .metric = "revenue" },
    { .brand = "Microsoft" },
    { .text = "£" },
    { .text = "%" },
  };
  const Filter empty = { .brand = "Xiaomi", .text = "no such text anywhere" };
  CitedQuery bad = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    check_filter (model, figures, &filters[i], TRUE);
  for (guint i = 0; have_bbc && i < G_N_ELEMENTS (bbc_filters); i++)
    check_filter (model, figures, &bbc_filters[i], TRUE);
  check_filter (model, figures, &empty, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* Filtered and sorted at once. */
  {
    CitedQuery query = { 0 };
    Filter filter = { .brand = "Apple" };
    SortSpec spec = { CITED_FIGURE_SORT_VALUE, TRUE };
    g_autoptr(GPtrArray) expected = g_ptr_array_new ();

    for (guint i = 0; i < figures->len; i++)
      if (passes (g_ptr_array_index (figures, i), &filter))
        g_ptr_array_add (expected, g_ptr_array_index (figures, i));
    g_ptr_array_sort_with_data (expected, compare_figures, &spec);
    query.include_rejected = TRUE;
    query.brand = "Apple";
    g_assert_true (cited_figure_model_set_filter (model, &query, NULL, &error));
    cited_figure_model_set_sort (model, CITED_FIGURE_SORT_VALUE, TRUE);
    assert_same_rows (model, expected, "Apple by value, largest first");
  }

  /* Without rejected figures: the one rejected is gone. */
  g_assert_true (cited_figure_model_set_filter (model, NULL, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, figures->len - 1);

  /* A malformed date is an error and empties the list. */
  bad.date_from = "yesterday";
  g_assert_false (cited_figure_model_set_filter (model, &bad, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}

/* Corrections and changes of the store */

typedef struct {
  guint n_signals;
  guint position, removed, added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n_signals++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

/* The store tells its changes from the main loop, once per write. */
static void
dispatch_changes (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static CitedFigureObject *
row_of (CitedFigureModel *model,
        gint64            id)
{
  guint position = cited_figure_model_find (model, id);

  g_assert_cmpuint (position, !=, G_MAXUINT);
  return g_list_model_get_item (G_LIST_MODEL (model), position);
}

static void
test_edit (void)
{
  g_autoptr(CitedFigureModel) model = cited_figure_model_new (store);
  g_autoptr(GPtrArray) figures = all_figures ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) confirm = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CitedFigureObject) before = NULL;
  g_autoptr(CitedFigureObject) after = NULL;
  g_autoptr(CitedFigureObject) confirmed = NULL;
  CitedFigureEdit edit = { 0 };
  Changes changes = { 0 };
  gint64 id = figure_with (figures, "Samsung", 3);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  before = row_of (model, id);
  g_assert_cmpstr (cited_figure_object_get_status_label (before), ==, "Extracted");

  edit.value = 4321;
  edit.brand = "Huawei";
  g_assert_true (cited_store_set_figure_edit (store, id, &edit, &error));
  g_assert_no_error (error);
  /* Nothing changes before the store tells it. */
  g_assert_cmpuint (changes.n_signals, ==, 0);
  dispatch_changes ();

  /* The store's change reached the views. */
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.removed, ==, n);
  g_assert_cmpuint (changes.added, ==, n);

  after = row_of (model, id);
  g_assert_cmpfloat (cited_figure_object_get_figure (after)->value, ==, 4321);
  g_assert_cmpstr (cited_figure_object_get_figure (after)->brand, ==, "Huawei");
  g_assert_cmpstr (cited_figure_object_get_status_label (after), ==, "Edited");

  /* A confirmation, shown in the row it is in. */
  id = figure_with (figures, "OnePlus", 5);
  g_array_append_val (confirm, id);
  g_assert_true (cited_store_judge_figures (store, confirm, NULL, &error));
  dispatch_changes ();
  confirmed = row_of (model, id);
  g_assert_cmpstr (cited_figure_object_get_status_label (confirmed), ==, "Confirmed");

  /* The row of a figure read again, without counting again. */
  {
    g_autoptr(CitedFigureObject) row = NULL;
    guint position = cited_figure_model_find (model, id);

    changes.n_signals = 0;
    cited_figure_model_update_figure (model, id);
    g_assert_cmpuint (changes.n_signals, ==, 1);
    g_assert_cmpuint (changes.position, ==, position);
    g_assert_cmpuint (changes.removed, ==, 1);
    g_assert_cmpuint (changes.added, ==, 1);
    row = g_list_model_get_item (G_LIST_MODEL (model), position);
    g_assert_cmpint (cited_figure_object_get_id (row), ==, id);
  }

  /* Filtered to a brand, the figure given another brand leaves. */
  {
    CitedQuery query = { .brand = "Samsung", .include_rejected = TRUE };

    g_assert_true (cited_figure_model_set_filter (model, &query, NULL, &error));
    g_assert_cmpuint (cited_figure_model_find (model, figure_with (figures, "Samsung", 3)), ==, G_MAXUINT);
  }
}

static void
test_store_changes (void)
{
  g_autoptr(CitedFigureModel) model = cited_figure_model_new (store);
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  guint n_now;
  gint64 article;

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  article = add_generated_articles (1000, 1);
  dispatch_changes ();
  /* The article added brings its figures. */
  n_now = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (changes.n_signals, >=, 1);
  g_assert_cmpuint (n_now, >, n);
  g_assert_cmpuint (changes.added, ==, n_now);

  /* Removing it takes its figures away. */
  {
    changes.n_signals = 0;
    g_assert_true (cited_store_remove_article (store, article, &error));
    g_assert_no_error (error);
    dispatch_changes ();
    g_assert_cmpuint (changes.n_signals, >=, 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  }
}

/* A view that reloads the model itself: the store's changes wait for it. */
static void
test_follow_store (void)
{
  g_autoptr(CitedFigureModel) model = cited_figure_model_new (store);
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  gint64 article;

  g_assert_cmpuint (cited_figure_model_count_all (model, &error), ==, n);
  g_assert_no_error (error);
  cited_figure_model_set_follow_store (model, FALSE);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  article = add_generated_articles (2000, 1);
  dispatch_changes ();
  g_assert_cmpuint (changes.n_signals, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  /* Counting every figure needs no reload. */
  g_assert_cmpuint (cited_figure_model_count_all (model, NULL), >, n);

  g_assert_true (cited_figure_model_reload (model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, n);

  /* Filtered to one brand, "every figure" still counts them all. */
  {
    CitedQuery query = { .brand = "Apple", .include_rejected = TRUE };

    g_assert_true (cited_figure_model_set_filter (model, &query, NULL, &error));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), <,
                      cited_figure_model_count_all (model, NULL));
  }

  g_assert_true (cited_store_remove_article (store, article, &error));
  dispatch_changes ();

  /* Without a store, no rows. */
  cited_figure_model_set_store (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));
  g_assert_cmpuint (cited_figure_model_count_all (model, NULL), ==, 0);
  cited_figure_model_set_store (model, store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
}

/* Rows know the claims their figures are part of, read before or after
 * the claims were given. */
static void
test_claims (void)
{
  g_autoptr(CitedFigureModel) model = cited_figure_model_new (store);
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedFigureObject) early = NULL;
  CitedClaim *shared = NULL;
  Changes changes = { 0 };
  guint n_checked = 0;

  claims = cited_store_list_claims (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < claims->len && shared == NULL; i++)
    if (((CitedClaim *) g_ptr_array_index (claims, i))->figures->len > 1)
      shared = g_ptr_array_index (claims, i);
  g_assert_nonnull (shared);

  /* Read before the claims come: none yet, then its claim in place. */
  early = row_of (model, ((CitedFigure *) g_ptr_array_index (shared->figures, 0))->id);
  g_assert_cmpint (cited_figure_object_get_claim_id (early), ==, 0);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  cited_figure_model_set_claims (model, claims);
  g_assert_cmpuint (changes.n_signals, >, 0);
  g_assert_cmpint (cited_figure_object_get_claim_id (early), ==, shared->id);

  /* Every figure of a claim, wherever its row is. */
  for (guint i = 0; i < claims->len; i += 1 + claims->len / 50)
    {
      CitedClaim *claim = g_ptr_array_index (claims, i);

      for (guint k = 0; k < claim->figures->len; k++)
        {
          g_autoptr(CitedFigureObject) row = row_of (model, ((CitedFigure *) g_ptr_array_index (claim->figures, k))->id);

          g_assert_cmpint (cited_figure_object_get_claim_id (row), ==, claim->id);
          g_assert_cmpuint (cited_figure_object_get_claim_sources (row), ==, claim->n_sources);
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >, 50);

  /* A rejected figure is in no claim. */
  {
    CitedQuery query = { .include_rejected = TRUE };
    gboolean seen_rejected = FALSE;
    guint n = 0;

    g_assert_true (cited_figure_model_set_filter (model, &query, NULL, &error));
    cited_figure_model_set_sort (model, CITED_FIGURE_SORT_STATUS, TRUE);
    n = g_list_model_get_n_items (G_LIST_MODEL (model));
    for (guint i = 0; i < MIN (n, 5); i++)
      {
        g_autoptr(CitedFigureObject) row = g_list_model_get_item (G_LIST_MODEL (model), i);

        if (cited_figure_object_get_figure (row)->status == CITED_FIGURE_REJECTED)
          {
            g_assert_cmpint (cited_figure_object_get_claim_id (row), ==, 0);
            seen_rejected = TRUE;
          }
      }
    g_assert_true (seen_rejected);
  }

  /* Forgotten: rows read again know none. */
  cited_figure_model_set_claims (model, NULL);
  {
    g_autoptr(CitedFigureObject) again = row_of (model, cited_figure_object_get_id (early));

    g_assert_cmpint (cited_figure_object_get_claim_id (again), ==, 0);
  }
}

static void
claims_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (cited_figure_model_load_claims_finish (CITED_FIGURE_MODEL (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* Every claim of the store (cited_store_list_claims()), and in @claim_of
 * each figure's id mapped to its claim. */
static GPtrArray *
claims_by_figure (GHashTable *claim_of)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *claims = cited_store_list_claims (store, NULL, &error);

  g_assert_no_error (error);
  for (guint c = 0; c < claims->len; c++)
    {
      CitedClaim *claim = g_ptr_array_index (claims, c);

      for (guint k = 0; k < claim->figures->len; k++)
        g_hash_table_insert (claim_of, &((CitedFigure *) g_ptr_array_index (claim->figures, k))->id, claim);
    }
  return claims;
}

/* Asserts that @row shows @claim (NULL: none) and its sources; TRUE when
 * it is in one. */
static gboolean
row_has_its_claim (CitedFigureObject *row,
                   const CitedClaim  *claim)
{
  if (claim == NULL)
    {
      g_assert_cmpint (cited_figure_object_get_claim_id (row), ==, 0);
      return FALSE;
    }
  if (cited_figure_object_get_claim_id (row) != claim->id)
    g_error ("figure %" G_GINT64_FORMAT " is in claim %" G_GINT64_FORMAT ", the model says %" G_GINT64_FORMAT,
             cited_figure_object_get_id (row), claim->id, cited_figure_object_get_claim_id (row));
  g_assert_cmpuint (cited_figure_object_get_claim_sources (row), ==, claim->n_sources);
  return TRUE;
}

/* The claims grouped a run of figures at a time in a worker are those of
 * cited_store_list_claims(), for every row. */
static void
test_load_claims (void)
{
  g_autoptr(CitedFigureModel) model = cited_figure_model_new (store);
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GHashTable) claim_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean done = FALSE;
  guint n, n_in_claims = 0;

  claims = claims_by_figure (claim_of);

  cited_figure_model_load_claims_async (model, NULL, claims_loaded_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CitedFigureObject) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      gint64 id = cited_figure_object_get_id (row);
      CitedClaim *claim = g_hash_table_lookup (claim_of, &id);

      n_in_claims += row_has_its_claim (row, claim) ? 1 : 0;
    }
  g_assert_cmpuint (n_in_claims, >, n / 2);
}

/* Reading in a worker */

static gboolean
pending (CitedFigureModel *model)
{
  return cited_figure_model_get_n_pending (model) > 0;
}

/* Iterates the main loop until the model reads nothing in a worker. */
static void
wait_read (CitedFigureModel *model)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (pending (model) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (pending (model));
}

/* Row @i as it is once read: a placeholder (id 0) is waited for. */
static CitedFigureObject *
read_row (CitedFigureModel *model,
          guint             i)
{
  CitedFigureObject *object = g_list_model_get_item (G_LIST_MODEL (model), i);

  while (object != NULL && cited_figure_object_get_id (object) == 0)
    {
      g_object_unref (object);
      wait_read (model);
      object = g_list_model_get_item (G_LIST_MODEL (model), i);
    }
  return object;
}

static void
assert_same_rows_read (CitedFigureModel *model,
                       GPtrArray        *expected,
                       const char       *what)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  if (n != expected->len)
    g_error ("%s: %u rows, expected %u", what, n, expected->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CitedFigureObject) object = read_row (model, i);
      CitedFigure *f = g_ptr_array_index (expected, i);

      if (cited_figure_object_get_id (object) != f->id)
        g_error ("%s: row %u is figure %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                 what, i, cited_figure_object_get_id (object), f->id);
    }
}

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  guint *position = user_data;
  g_autoptr(GError) error = NULL;

  *position = cited_figure_model_find_finish (CITED_FIGURE_MODEL (source), result, &error);
  g_assert_no_error (error);
}

/* Sorted pages, and pages far down, are read in a worker: placeholders
 * first, then, told by items-changed, the rows in the same order as read
 * at once; the rows of the store's order near the top are read at once. */
static void
test_read_async (void)
{
  g_autoptr(CitedFigureModel) model = cited_figure_model_new (store);
  g_autoptr(GPtrArray) figures = all_figures ();
  g_autoptr(GError) error = NULL;
  const SortSpec sorts[] = {
    { CITED_FIGURE_SORT_VALUE, FALSE },
    { CITED_FIGURE_SORT_TEXT, TRUE },
    { CITED_FIGURE_SORT_BRAND, FALSE },
    { CITED_FIGURE_SORT_STATES, TRUE },
  };

  cited_figure_model_set_read_async (model, TRUE);
  {
    g_autoptr(CitedFigureObject) first = g_list_model_get_item (G_LIST_MODEL (model), 0);

    g_assert_cmpint (cited_figure_object_get_id (first), ==, ((CitedFigure *) figures->pdata[0])->id);
    g_assert_false (pending (model));
  }
  /* Far down the store's order: OFFSET reads every row before. */
  if (figures->len > 2500)
    {
      g_autoptr(CitedFigureObject) deep = g_list_model_get_item (G_LIST_MODEL (model), 2400);

      g_assert_cmpint (cited_figure_object_get_id (deep), ==, 0);
      g_assert_true (pending (model));
      g_clear_object (&deep);
      deep = read_row (model, 2400);
      g_assert_cmpint (cited_figure_object_get_id (deep), ==, ((CitedFigure *) figures->pdata[2400])->id);
    }

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    {
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
      g_autofree char *what = g_strdup_printf ("sort %d%s, read in a worker", sorts[s].sort,
                                               sorts[s].descending ? " descending" : "");
      g_autoptr(CitedFigureObject) placeholder = NULL;
      Changes changes = { 0 };
      gulong handler;

      g_ptr_array_extend (sorted, figures, NULL, NULL);
      g_ptr_array_sort_with_data (sorted, compare_figures, (gpointer) &sorts[s]);
      cited_figure_model_set_sort (model, sorts[s].sort, sorts[s].descending);

      /* A placeholder, then the row in place: one items-changed of the
       * page's rows, as many as before. */
      placeholder = g_list_model_get_item (G_LIST_MODEL (model), 0);
      g_assert_cmpint (cited_figure_object_get_id (placeholder), ==, 0);
      g_assert_true (pending (model));
      handler = g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
      wait_read (model);
      g_signal_handler_disconnect (model, handler);
      g_assert_cmpuint (changes.n_signals, ==, 1);
      g_assert_cmpuint (changes.position, ==, 0);
      g_assert_cmpuint (changes.removed, ==, MIN (200, figures->len));
      g_assert_cmpuint (changes.added, ==, changes.removed);

      assert_same_rows_read (model, sorted, what);
      g_assert_cmpuint (cited_figure_model_get_n_loaded (model), <=, 8 * 200);
    }

  /* The row of a figure not read, found in a worker; sorted again
   * meanwhile, the answer is dropped. */
  {
    CitedFigure *last = g_ptr_array_index (figures, figures->len - 1);
    SortSpec spec = { CITED_FIGURE_SORT_VALUE, TRUE };
    g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
    guint position = G_MAXUINT - 1;
    guint expected = G_MAXUINT;

    g_ptr_array_extend (sorted, figures, NULL, NULL);
    g_ptr_array_sort_with_data (sorted, compare_figures, &spec);
    for (guint i = 0; i < sorted->len; i++)
      if (((CitedFigure *) sorted->pdata[i])->id == last->id)
        expected = i;
    cited_figure_model_set_sort (model, CITED_FIGURE_SORT_VALUE, TRUE);
    cited_figure_model_find_async (model, last->id, NULL, found_cb, &position);
    while (position == G_MAXUINT - 1)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (position, ==, expected);

    /* A page far down: read by id, from the ids of every row read once
     * in a worker; the row of a figure is then found among them. */
    if (sorted->len > 1000)
      {
        g_autoptr(CitedFigureObject) deep = read_row (model, 1000);

        g_assert_cmpint (cited_figure_object_get_id (deep), ==, ((CitedFigure *) sorted->pdata[1000])->id);
        position = G_MAXUINT - 1;
        cited_figure_model_find_async (model, last->id, NULL, found_cb, &position);
        while (position == G_MAXUINT - 1)
          g_main_context_iteration (NULL, TRUE);
        g_assert_cmpuint (position, ==, expected);
        g_assert_cmpuint (cited_figure_model_find (model, last->id), ==, expected);
      }

    position = G_MAXUINT - 1;
    cited_figure_model_find_async (model, last->id, NULL, found_cb, &position);
    cited_figure_model_set_sort (model, CITED_FIGURE_SORT_TEXT, FALSE);
    while (position == G_MAXUINT - 1)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (position, ==, G_MAXUINT);
  }

  /* Filtered by text: read in a worker too, the same rows. */
  {
    Filter filter = { .text = "billion" };
    CitedQuery query = { .include_rejected = TRUE };
    g_autoptr(GPtrArray) expected = g_ptr_array_new ();

    for (guint i = 0; i < figures->len; i++)
      if (passes (g_ptr_array_index (figures, i), &filter))
        g_ptr_array_add (expected, g_ptr_array_index (figures, i));
    cited_figure_model_set_sort (model, CITED_FIGURE_SORT_NONE, FALSE);
    g_assert_true (cited_figure_model_set_filter (model, &query, "billion", &error));
    g_assert_no_error (error);
    assert_same_rows_read (model, expected, "text billion, read in a worker");
  }
  wait_read (model);
}

/* The claims of the rows read, found from the figures that share their
 * claim keys, are those of cited_store_list_claims(): the same claim id
 * and count of sources for every row, edited figures among them. */
static void
test_claims_of_rows (void)
{
  g_autoptr(CitedFigureModel) model = cited_figure_model_new (store);
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GHashTable) claim_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  Changes changes = { 0 };
  gulong handler;
  guint n, n_in_claims = 0;

  claims = claims_by_figure (claim_of);

  cited_figure_model_set_claims_of_rows (model, TRUE);
  /* The first page read: its claims come in a worker, in place. */
  {
    g_autoptr(CitedFigureObject) first = g_list_model_get_item (G_LIST_MODEL (model), 0);

    g_assert_cmpint (cited_figure_object_get_claim_id (first), ==, 0);
    g_assert_true (pending (model));
    handler = g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
    wait_read (model);
    g_signal_handler_disconnect (model, handler);
    g_assert_cmpuint (changes.n_signals, >, 0);
    g_assert_cmpint (cited_figure_object_get_claim_id (first), !=, 0);
  }

  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CitedFigureObject) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      gint64 id = cited_figure_object_get_id (row);
      CitedClaim *claim = g_hash_table_lookup (claim_of, &id);

      if (pending (model))
        {
          /* Rows read before their claims are in: read again. */
          g_clear_object (&row);
          wait_read (model);
          row = g_list_model_get_item (G_LIST_MODEL (model), i);
        }
      n_in_claims += row_has_its_claim (row, claim) ? 1 : 0;
    }
  g_assert_cmpuint (n_in_claims, >, n / 2);
}

/* The text filter folds case beyond ASCII, as the page's filter did in
 * memory: "société" finds "SOCIÉTÉ" and "ÉCONOMIE" "économie". */
static void
test_filter_unicode (void)
{
  g_autoptr(CitedFigureModel) model = cited_figure_model_new (store);
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  g_autoptr(GError) error = NULL;
  CitedArticle *a = cited_article_new ();
  const char * const terms[] = { "société", "SOCIÉTÉ", "Économie", "ÉCONOMIE GRÉCQUE" };
  guint added = 0;

  a->title = g_strdup ("SOCIÉTÉ GÉNÉRALE: l'économie grécque");
  a->source = g_strdup ("Le Monde");
  a->published = g_strdup ("2021-05-04");
  a->path = g_strdup ("generated/unicode.txt");
  a->language = g_strdup ("en");
  a->body = g_strdup ("Société Générale sold 12 million cards in 2020.");
  g_ptr_array_add (articles, a);
  g_assert_true (cited_store_add_articles (store, articles, &added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      g_autoptr(GPtrArray) figures = all_figures ();
      g_autofree char *folded = g_utf8_casefold (terms[i], -1);
      Filter filter = { .text = folded };
      CitedQuery query = { .include_rejected = TRUE };
      g_autoptr(GPtrArray) expected = g_ptr_array_new ();

      for (guint k = 0; k < figures->len; k++)
        if (passes (g_ptr_array_index (figures, k), &filter))
          g_ptr_array_add (expected, g_ptr_array_index (figures, k));
      g_assert_cmpuint (expected->len, >, 0);
      g_assert_true (cited_figure_model_set_filter (model, &query, terms[i], &error));
      g_assert_no_error (error);
      assert_same_rows (model, expected, terms[i]);
    }

  g_assert_true (cited_store_remove_article (store, a->id, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *corpus = NULL;
  g_autofree char *bbc = NULL;
  const char *root = g_getenv ("CITED_SOURCE_ROOT");
  int status;

  g_test_init (&argc, &argv, NULL);

  if (root == NULL)
    {
      g_test_message ("CITED_SOURCE_ROOT is not set; run this test with meson test");
      return 77;
    }

  tmpdir = g_dir_make_tmp ("test-figure-model-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (tmpdir, "cited.db", NULL);
  store = cited_store_open (db, &error);
  g_assert_no_error (error);

  corpus = g_build_filename (root, "data", "corpus", NULL);
  import_dir (corpus);
  bbc = g_build_filename (root, "..", "shared", "corpora", "bbc", NULL);
  have_bbc = g_file_test (bbc, G_FILE_TEST_IS_DIR);
  if (have_bbc)
    import_dir (bbc);
  else
    g_test_message ("The BBC corpus (../shared/corpora/bbc beside the source tree) is missing: "
                    "the generated articles stand in");
  add_generated_articles (0, 600);
  make_corrections ();

  g_test_add_func ("/figure-model/paging", test_paging);
  g_test_add_func ("/figure-model/sort", test_sort);
  g_test_add_func ("/figure-model/filter", test_filter);
  g_test_add_func ("/figure-model/edit", test_edit);
  g_test_add_func ("/figure-model/store-changes", test_store_changes);
  g_test_add_func ("/figure-model/follow-store", test_follow_store);
  g_test_add_func ("/figure-model/claims", test_claims);
  g_test_add_func ("/figure-model/load-claims", test_load_claims);
  g_test_add_func ("/figure-model/read-async", test_read_async);
  g_test_add_func ("/figure-model/claims-of-rows", test_claims_of_rows);
  g_test_add_func ("/figure-model/filter-unicode", test_filter_unicode);

  status = g_test_run ();

  g_clear_object (&store);
  cited_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
