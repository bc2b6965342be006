/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited.h"

/*
 * The bundled corpus through the importer's parser and the extractor, as
 * a user who imports it sees it: the figures the articles cite, and no
 * year, date or model number taken for a figure.
 */

static CitedExtraction *
extract_seed (CitedLexicon  *lexicon,
              const char    *prefix,
              CitedArticle **article_out)
{
  const char *root = g_getenv ("CITED_SOURCE_ROOT");
  g_autofree char *dir = g_build_filename (root ? root : ".", "data", "corpus", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GPtrArray) articles = NULL;
      g_autoptr(GError) error = NULL;
      CitedArticle *article;
      CitedExtraction *ex;

      if (!g_str_has_prefix (name, prefix))
        continue;
      path = g_build_filename (dir, name, NULL);
      articles = cited_parse_file (path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (articles->len, ==, 1);
      article = g_ptr_array_index (articles, 0);
      ex = cited_extract (lexicon, article->title, article->body, -1, article->published);
      for (guint i = 0; i < ex->figures->len; i++)
        {
          CitedFigure *f = g_ptr_array_index (ex->figures, i);

          g_test_message ("%s: [%s] v=%g max=%g unit=%s cur=%s q=%s m=%s scope=%s y=%d q=%d brand=%s",
                          prefix, f->text, f->value, f->value_max, f->unit, f->currency, f->qualifier,
                          f->metric, f->scope, f->year, f->quarter, f->brand);
          g_assert_cmpint (strncmp (article->body + f->start, f->text, f->end - f->start), ==, 0);
        }
      if (article_out)
        *article_out = cited_article_ref (article);
      return ex;
    }
  g_error ("seed %s not found in %s", prefix, dir);
  return NULL;
}

/* The figure with this value (and unit or currency when given). */
static CitedFigure *
find_figure (CitedExtraction *ex,
             double           value,
             const char      *unit,
             const char      *scope)
{
  for (guint i = 0; i < ex->figures->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (ex->figures, i);

      if (fabs (f->value - value) < 1e-6 * value &&
          (unit == NULL || g_strcmp0 (f->unit, unit) == 0) &&
          (scope == NULL || g_strcmp0 (f->scope, scope) == 0))
        return f;
    }
  return NULL;
}

static CitedFigure *
find_money (CitedExtraction *ex,
            double           value,
            const char      *currency)
{
  for (guint i = 0; i < ex->figures->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (ex->figures, i);

      if (fabs (f->value - value) < 1e-6 * value && g_strcmp0 (f->currency, currency) == 0)
        return f;
    }
  return NULL;
}

static guint
count_figures (CitedExtraction *ex,
               double           value)
{
  guint n = 0;

  for (guint i = 0; i < ex->figures->len; i++)
    if (((CitedFigure *) g_ptr_array_index (ex->figures, i))->value == value)
      n++;
  return n;
}

/* No figure is a year, a day of a month or a model number. */
static void
assert_no_false_figures (CitedExtraction *ex)
{
  for (guint i = 0; i < ex->figures->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (ex->figures, i);

      if (f->unit == NULL && f->currency == NULL && g_strcmp0 (f->metric, "rank") != 0)
        {
          g_assert_false (f->value >= 1900 && f->value <= 2100 && f->value == floor (f->value));
          g_assert_false (f->value < 100 && f->value == floor (f->value) && isnan (f->value_max));
        }
      g_assert_null (strstr (f->text, "Mate"));
      g_assert_null (strstr (f->text, "SU7"));
      g_assert_null (strstr (f->text, "6T"));
    }
}

static void
test_seed_000 (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedExtraction) ex = extract_seed (lexicon, "000", NULL);

  assert_no_false_figures (ex);
  /* "Xiaomi 8 Pro", "one plus 6T", "Mate10", "Xiaomi MIX in 2016". */
  g_assert_cmpuint (count_figures (ex, 8), ==, 0);
  g_assert_cmpuint (count_figures (ex, 6), ==, 0);
  g_assert_cmpuint (count_figures (ex, 10), ==, 0);
  g_assert_cmpuint (count_figures (ex, 2016), ==, 0);
}

static void
test_seed_001 (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedExtraction) ex = extract_seed (lexicon, "001", NULL);
  CitedFigure *f;

  assert_no_false_figures (ex);

  f = find_figure (ex, 190e6, "units", "global");
  g_assert_nonnull (f);
  g_assert_cmpstr (f->brand, ==, "Xiaomi");
  g_assert_cmpstr (f->metric, ==, "sales");
  g_assert_cmpint (f->year, ==, 2021);
  g_assert_cmpstr (f->qualifier, ==, "up to");

  f = find_figure (ex, 140e6, "units", "overseas");
  g_assert_nonnull (f);
  g_assert_cmpstr (f->brand, ==, "Xiaomi");
  g_assert_cmpstr (f->metric, ==, "sales");

  f = find_figure (ex, 50e6, "units", "domestic");
  g_assert_nonnull (f);
  g_assert_cmpstr (f->brand, ==, "Xiaomi");
  g_assert_cmpstr (f->metric, ==, "sales");

  /* China's population is no brand's figure. */
  f = find_figure (ex, 1.4e9, NULL, NULL);
  g_assert_nonnull (f);
  g_assert_null (f->brand);
  g_assert_cmpstr (f->qualifier, ==, "more than");

  /* Huawei's HarmonyOS users. */
  f = find_figure (ex, 200e6, NULL, NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->brand, ==, "Huawei");
  g_assert_cmpstr (f->metric, ==, "users");
}

static void
test_seed_002 (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedExtraction) ex = extract_seed (lexicon, "002", NULL);
  CitedFigure *f;

  assert_no_false_figures (ex);

  f = find_figure (ex, 24000, "pieces", NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->brand, ==, "Xiaomi");
  g_assert_cmpstr (f->metric, ==, "patents");
  g_assert_cmpstr (f->qualifier, ==, "more than");
  g_assert_cmpstr (f->text, ==, "24,000 pieces");

  f = find_figure (ex, 5920, "pieces", NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->brand, ==, "Xiaomi");
  g_assert_cmpstr (f->metric, ==, "patents");

  f = find_figure (ex, 150, "stores", NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->brand, ==, "Xiaomi");
  g_assert_cmpstr (f->metric, ==, "stores");
  g_assert_cmpstr (f->qualifier, ==, "over");

  f = find_figure (ex, 40, "cities", NULL);
  g_assert_nonnull (f);
  g_assert_cmpfloat (f->value_max, ==, 50);
  g_assert_true (cited_figure_is_range (f));
  g_assert_cmpstr (f->brand, ==, "Xiaomi");
  g_assert_cmpstr (f->metric, ==, "cities");

  /* "To open to 1000." goes on from the stores before it. */
  f = find_figure (ex, 1000, "stores", NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->brand, ==, "Xiaomi");

  /* "10 quarters" is a span of time; 2018 and 2019 are years. */
  g_assert_cmpuint (count_figures (ex, 10), ==, 0);
  g_assert_cmpuint (count_figures (ex, 2018), ==, 0);
  g_assert_cmpuint (count_figures (ex, 2019), ==, 0);
}

static void
test_seed_003 (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedExtraction) ex = extract_seed (lexicon, "003", NULL);
  CitedFigure *f;

  assert_no_false_figures (ex);

  f = find_figure (ex, 3000, "people", NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->brand, ==, "Xiaomi");
  g_assert_cmpstr (f->metric, ==, "employees");

  f = find_figure (ex, 7000, "people", NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->brand, ==, "Huawei");
  g_assert_cmpstr (f->metric, ==, "employees");
  g_assert_cmpstr (f->text, ==, "7,000 people");

  /* "December 28th", "2024-01-31", "SU7", "Two years ago". */
  g_assert_cmpuint (count_figures (ex, 28), ==, 0);
  g_assert_cmpuint (count_figures (ex, 7), ==, 0);
  g_assert_cmpuint (count_figures (ex, 2), ==, 0);
  g_assert_cmpuint (count_figures (ex, 2024), ==, 0);
  g_assert_cmpuint (ex->figures->len, ==, 2);
}

static void
test_seed_004 (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedArticle) article = NULL;
  g_autoptr(CitedExtraction) ex = extract_seed (lexicon, "004", &article);
  CitedFigure *f;

  assert_no_false_figures (ex);

  f = find_money (ex, 3999, "CNY");
  g_assert_nonnull (f);
  g_assert_cmpstr (f->currency, ==, "CNY");
  g_assert_cmpstr (f->metric, ==, "price");
  g_assert_cmpstr (f->text, ==, "3999 yuan");

  f = find_money (ex, 4999, "CNY");
  g_assert_nonnull (f);
  g_assert_cmpstr (f->currency, ==, "CNY");
  g_assert_cmpstr (f->metric, ==, "price");

  f = find_money (ex, 10e6, "CNY");
  g_assert_nonnull (f);
  g_assert_cmpstr (f->currency, ==, "CNY");
  g_assert_cmpstr (f->metric, ==, "capital");
  g_assert_cmpstr (f->brand, ==, "Xiaomi");
  g_assert_cmpstr (f->qualifier, ==, "up to");

  /* The yeast study is no brand's. */
  f = find_figure (ex, 82, "%", NULL);
  g_assert_nonnull (f);
  g_assert_null (f->brand);

  /* "Mi 14", "Xiaomi 14", "iPhone 15 Pro", "Xiaomi 13 series",
   * "October 26th", "November 2", "since 2012". */
  g_assert_cmpuint (count_figures (ex, 14), ==, 0);
  g_assert_cmpuint (count_figures (ex, 15), ==, 0);
  g_assert_cmpuint (count_figures (ex, 13), ==, 0);
  g_assert_cmpuint (count_figures (ex, 26), ==, 0);
  g_assert_cmpuint (count_figures (ex, 2012), ==, 0);
}

/* Every figure's offsets point at its text, in every seed. */
static void
test_offsets (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  const char *prefixes[] = { "000", "001", "002", "003", "004" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autoptr(CitedArticle) article = NULL;
      g_autoptr(CitedExtraction) ex = extract_seed (lexicon, prefixes[i], &article);

      g_assert_cmpstr (ex->language, ==, "en");
      g_assert_cmpuint (ex->mentions->len, >, 0);
      for (guint k = 0; k < ex->figures->len; k++)
        {
          CitedFigure *f = g_ptr_array_index (ex->figures, k);

          g_assert_cmpuint (f->sentence_start, <=, f->start);
          g_assert_cmpuint (f->end, <=, f->sentence_end);
          g_assert_cmpint (strncmp (article->body + f->sentence_start, f->sentence,
                                    f->sentence_end - f->sentence_start), ==, 0);
        }
    }
}

/* Every figure a careful reader finds in the seeds, with the brand it is
 * about (NULL: market-wide) and its metric. Precision and recall of the
 * extractor against it are printed and held above a floor. */
typedef struct {
  const char *seed;
  double value;
  const char *brand;
  const char *metric;
} Truth;

static const Truth truth[] = {
  { "000", 2, "Huawei", "rank" },
  { "000", 1, "Huawei", "rank" },          /* "become the world's largest" */
  { "000", 3, "T-Mobile", "rank" },
  { "001", 140e6, "Xiaomi", "sales" },     /* "with 140 million units sold overseas" */
  { "001", 1.4e9, NULL, "population" },
  { "001", 200e6, "Huawei", "users" },
  { "001", 140e6, "Xiaomi", "sales" },     /* "overseas sales of 140 million units" */
  { "001", 190e6, "Xiaomi", "sales" },
  { "001", 50e6, "Xiaomi", "sales" },
  { "001", 140e6, "Xiaomi", "sales" },     /* "reached more than 140 million units" */
  { "001", 1, "Xiaomi", "rank" },          /* "the number one in the world" */
  { "002", 1, "Xiaomi", "rank" },          /* "the world's largest IoT platform" */
  { "002", 24000, "Xiaomi", "patents" },
  { "002", 5920, "Xiaomi", "patents" },
  { "002", 150, "Xiaomi", "stores" },
  { "002", 40, "Xiaomi", "cities" },
  { "002", 1000, "Xiaomi", "stores" },     /* "To open to 1000." */
  { "003", 3000, "Xiaomi", "employees" },
  { "003", 7000, "Huawei", "employees" },
  { "004", 3999, "Xiaomi", "price" },
  { "004", 4999, "Xiaomi", "price" },
  { "004", 82, NULL, NULL },
  { "004", 10e6, NULL, NULL },             /* transactions */
  { "004", 10e6, "Xiaomi", "capital" },
};

static void
test_precision_recall (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  const char *prefixes[] = { "000", "001", "002", "003", "004" };
  guint n_found = 0, n_correct = 0, n_values = 0;
  double precision, recall, value_recall;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autoptr(CitedExtraction) ex = extract_seed (lexicon, prefixes[i], NULL);
      g_autofree gboolean *used = g_new0 (gboolean, ex->figures->len);

      n_found += ex->figures->len;
      for (guint t = 0; t < G_N_ELEMENTS (truth); t++)
        {
          gboolean value_seen = FALSE;

          if (strcmp (truth[t].seed, prefixes[i]) != 0)
            continue;
          for (guint k = 0; k < ex->figures->len; k++)
            {
              CitedFigure *f = g_ptr_array_index (ex->figures, k);

              if (used[k] || fabs (f->value - truth[t].value) > 1e-6 * truth[t].value)
                continue;
              value_seen = TRUE;
              if (g_strcmp0 (f->brand, truth[t].brand) == 0 &&
                  (truth[t].metric == NULL || g_strcmp0 (f->metric, truth[t].metric) == 0))
                {
                  used[k] = TRUE;
                  n_correct++;
                  break;
                }
            }
          if (value_seen)
            n_values++;
          else
            g_test_message ("missed: %s %g %s", truth[t].seed, truth[t].value, truth[t].brand);
        }
    }

  precision = (double) n_correct / MAX (1, n_found);
  recall = (double) n_correct / G_N_ELEMENTS (truth);
  value_recall = (double) n_values / G_N_ELEMENTS (truth);
  g_test_message ("seeds: %u annotated figures, %u extracted, %u right with brand and metric: "
                  "precision %.2f, recall %.2f (values alone: recall %.2f)",
                  (guint) G_N_ELEMENTS (truth), n_found, n_correct, precision, recall, value_recall);
  g_assert_cmpfloat (precision, >=, 0.9);
  g_assert_cmpfloat (recall, >=, 0.9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/seeds/000-us-market", test_seed_000);
  g_test_add_func ("/seeds/001-overseas-sales", test_seed_001);
  g_test_add_func ("/seeds/002-patents-stores", test_seed_002);
  g_test_add_func ("/seeds/003-rd-teams", test_seed_003);
  g_test_add_func ("/seeds/004-prices", test_seed_004);
  g_test_add_func ("/seeds/offsets", test_offsets);
  g_test_add_func ("/seeds/precision-recall", test_precision_recall);

  return g_test_run ();
}
