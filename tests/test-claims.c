/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-claims"
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cited.h"

/* Claims and contradictions: which figures state the same thing, which
 * disagree, and which periods are taken from the article. */

/* A figure as the store would give it. @text is the figure as written. */
typedef struct {
  const char *brand;
  const char *metric;
  const char *scope;
  int year;
  double value;
  const char *text;
  const char *qualifier;
  const char *unit;
  CitedClaimStatus status;
  CitedSpan span;
  double value_max;          /* 0: not a range */
} Fig;

static CitedFigure *
make_figure (const Fig *fig,
             gint64     id)
{
  CitedFigure *f = cited_figure_new ();

  f->id = id;
  f->article_id = id;
  f->brand = g_strdup (fig->brand);
  f->metric = g_strdup (fig->metric != NULL ? fig->metric : "sales");
  f->scope = g_strdup (fig->scope);
  f->year = fig->year;
  f->value = fig->value;
  f->text = g_strdup (fig->text);
  f->sentence = g_strdup (fig->text);
  f->qualifier = g_strdup (fig->qualifier);
  /* "-": the figure names no unit. */
  f->unit = g_strcmp0 (fig->unit, "-") == 0 ? NULL : g_strdup (fig->unit != NULL ? fig->unit : "units");
  if (fig->value_max > 0)
    f->value_max = fig->value_max;
  f->claim_status = fig->status;
  f->span = fig->span;
  f->article_published = g_strdup_printf ("2022-%02d-01", (int) (id % 12) + 1);
  return f;
}

static GPtrArray *
make_figures (const Fig *figs,
              guint      n)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_figure_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (out, make_figure (&figs[i], i + 1));
  return out;
}

/* Significant digits and rounding of figures as written. */
static void
test_precision (void)
{
  static const struct {
    const char *text;
    double value;
    guint digits;
    double rounding;
  } cases[] = {
    { "140 million units", 140e6, 2, 5e6 },
    { "140m", 140e6, 2, 5e6 },
    { "1.4亿台", 1.4e8, 2, 5e6 },
    { "1.9亿", 1.9e8, 2, 5e6 },
    { "188 million", 188e6, 3, 0.5e6 },
    { "12.3 mln", 12.3e6, 3, 0.05e6 },
    { "1.90 billion", 1.9e9, 3, 5e6 },
    { "24,000 pieces", 24000, 2, 500 },
    { "3,999 yuan", 3999, 4, 0.5 },
    { "1100 yuan", 1100, 4, 0.5 },      /* a price to the yuan */
    { "5%", 5, 2, 0.05 },               /* never fewer than two */
    { "a billion iPhones", 1e9, 2, 50e6 },
    { "一亿四千万", 1.4e8, 2, 5e6 },
    { "２０２１年销量１．９亿台", 1.9e8, 2, 5e6 }, /* the first number is the year's: 4 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CitedFigure) f = cited_figure_new ();

      f->text = g_strdup (cases[i].text);
      f->value = cases[i].value;
      f->metric = g_strdup ("sales");
      if (i == G_N_ELEMENTS (cases) - 1)
        {
          /* The first number of a text is the one read: a year in front
           * makes the figure look precise, which only ever keeps figures
           * apart, never joins them. */
          g_assert_cmpuint (cited_figure_significant_digits (f), ==, 4);
          continue;
        }
      g_test_message ("%s", cases[i].text);
      g_assert_cmpuint (cited_figure_significant_digits (f), ==, cases[i].digits);
      g_assert_cmpfloat_with_epsilon (cited_figure_rounding (f), cases[i].rounding,
                                      cases[i].rounding * 1e-9);
    }

  /* A rank is a place: no rounding. */
  {
    g_autoptr(CitedFigure) rank = cited_figure_new ();

    rank->text = g_strdup ("number one");
    rank->value = 1;
    rank->metric = g_strdup ("rank");
    g_assert_cmpfloat (cited_figure_rounding (rank), ==, 0);
  }

  /* A value a user typed is as precise as it is typed. */
  {
    g_autoptr(CitedFigure) edited = cited_figure_new ();

    edited->text = g_strdup ("190 million");
    edited->value = 187.5e6;
    edited->orig_value = 190e6;
    edited->edited = TRUE;
    g_assert_cmpuint (cited_figure_significant_digits (edited), ==, 4);
  }
}

/* Pairs of figures: the same value within rounding or not. */
static void
test_same_value (void)
{
  static const struct {
    const char *a_text;
    double a;
    const char *b_text;
    double b;
    gboolean same;
  } cases[] = {
    { "190 million", 190e6, "1.9亿", 1.9e8, TRUE },
    { "140 million", 140e6, "140m", 140e6, TRUE },
    { "140 million", 140e6, "1.4亿", 1.4e8, TRUE },
    /* "190 million" is written to two digits: 185 to 195 million. */
    { "190 million", 190e6, "188 million", 188e6, TRUE },
    { "1.9亿", 1.9e8, "188 million", 188e6, TRUE },
    { "190 million", 190e6, "184 million", 184e6, FALSE },
    { "188 million", 188e6, "189 million", 189e6, FALSE },
    { "190 million", 190e6, "170 million", 170e6, FALSE },
    { "3,999 yuan", 3999, "4,000 yuan", 4000, FALSE },  /* prices to the yuan */
    { "3999 yuan", 3999, "4999 yuan", 4999, FALSE },
    { "1100 yuan", 1100, "1120 yuan", 1120, FALSE },
    { "24,000", 24000, "24,400", 24400, TRUE },
    { "24,000", 24000, "25,000", 25000, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fig fa = { "Xiaomi", "sales", NULL, 2021, cases[i].a, cases[i].a_text, NULL, NULL, 0, 0 };
      Fig fb = { "Xiaomi", "sales", NULL, 2021, cases[i].b, cases[i].b_text, NULL, NULL, 0, 0 };
      g_autoptr(CitedFigure) a = make_figure (&fa, 1);
      g_autoptr(CitedFigure) b = make_figure (&fb, 2);

      g_test_message ("%s vs %s", cases[i].a_text, cases[i].b_text);
      g_assert_cmpint (cited_figures_same_value (a, b), ==, cases[i].same);
      g_assert_cmpint (cited_figures_same_value (b, a), ==, cases[i].same);
    }
}

/* Sentences that speak of the present, and those that do not. */
static void
test_present (void)
{
  static const struct {
    const char *sentence;
    gboolean present;
  } cases[] = {
    { "Xiaomi has sold 50 million phones overseas.", TRUE },
    { "Xiaomi is the third largest maker with 140 million units.", TRUE },
    { "Xiaomi aims to be the top maker with 140 million units sold overseas.", TRUE },
    { "So far this year Apple shipped 50 million iPhones.", TRUE },
    { "The company now employs 13,000 people.", TRUE },
    { "Xiaomi sold 50 million phones overseas.", FALSE },
    { "Xiaomi sold 50 million phones last year.", FALSE },
    { "Two years ago Huawei had 5,000 stores.", FALSE },
    { "The group was worth $5bn.", FALSE },
    { "Xiaomi's 140 million units", FALSE },   /* a possessive is no verb */
    { "小米目前海外销量为5000万台。", TRUE },
    { "小米今年已售出5000万台。", TRUE },
    { "小米去年海外销量为5000万台。", FALSE },
    { "小米曾经售出5000万台。", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].sentence != NULL ? cases[i].sentence : "(null)");
      g_assert_cmpint (cited_sentence_speaks_of_present (cases[i].sentence), ==, cases[i].present);
    }
}

/* The article's year goes to reported figures without a period whose
 * sentence speaks of the present; an undated article lends the one year
 * its figures name, or none when they name two. */
static void
test_infer_periods (void)
{
  static const struct {
    const char *published;
    int years[3];             /* of three figures: 0 none */
    const char *sentences[3];
    CitedClaimStatus status[3];
    int expect[3];
    gboolean inferred[3];
  } cases[] = {
    { "2022-03-01", { 0, 0, 2020 },
      { "Xiaomi has sold 50 million phones.", "Xiaomi sold 30 million phones.",
        "In 2020 Xiaomi sold 20 million phones." },
      { 0, 0, 0 }, { 2022, 0, 2020 }, { TRUE, FALSE, FALSE } },
    /* A forecast speaks of a time to come. */
    { "2022-03-01", { 0, 0, 0 },
      { "Xiaomi expects to sell 200 million phones.", "小米目前海外销量为5000万台。",
        "Xiaomi is the leader with 40 million." },
      { CITED_CLAIM_FORECAST, 0, 0 }, { 0, 2022, 2022 }, { FALSE, TRUE, TRUE } },
    /* Undated: the one year the article's figures name. */
    { NULL, { 0, 2021, 2021 },
      { "Xiaomi aims to be top with 140 million units sold overseas.",
        "Sales in 2021 were 190 million.", "Domestic sales in 2021 were 50 million." },
      { 0, 0, 0 }, { 2021, 2021, 2021 }, { TRUE, FALSE, FALSE } },
    /* Undated, two years named: no year to lend. */
    { NULL, { 0, 2020, 2021 },
      { "Xiaomi has 140 million users.", "In 2020 it sold 10.", "In 2021 it sold 12." },
      { 0, 0, 0 }, { 0, 2020, 2021 }, { FALSE, FALSE, FALSE } },
    /* Undated and no year at all. */
    { NULL, { 0, 0, 0 },
      { "Xiaomi has 140 million users.", "It has 10 stores.", "It has 12 cities." },
      { 0, 0, 0 }, { 0, 0, 0 }, { FALSE, FALSE, FALSE } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_figure_unref);

      for (guint i = 0; i < 3; i++)
        {
          CitedFigure *f = cited_figure_new ();

          f->value = 1;
          f->year = cases[c].years[i];
          f->sentence = g_strdup (cases[c].sentences[i]);
          f->claim_status = cases[c].status[i];
          g_ptr_array_add (figures, f);
        }
      cited_figures_infer_periods (figures, cases[c].published);
      for (guint i = 0; i < 3; i++)
        {
          CitedFigure *f = g_ptr_array_index (figures, i);

          g_test_message ("case %u figure %u: %s", c, i, f->sentence);
          g_assert_cmpint (f->year, ==, cases[c].expect[i]);
          g_assert_cmpint (f->period_inferred, ==, cases[c].inferred[i]);
        }
    }
}

/* Sets of figures and the claims they make. */
static void
test_grouping (void)
{
  static const struct {
    const char *name;
    Fig figs[4];
    guint n_figs;
    guint n_claims;
    double first_value;      /* of the first claim */
    const char *first_qualifier;
    guint first_figures;
  } cases[] = {
    { "the same figure in three languages and spellings",
      { { "Xiaomi", "sales", "overseas", 2021, 140e6, "140 million units", NULL, NULL, 0, 0 },
        { "Xiaomi", "sales", "overseas", 2021, 140e6, "140m", NULL, NULL, 0, 0 },
        { "Xiaomi", "sales", "overseas", 2021, 1.4e8, "1.4亿台", NULL, NULL, 0, 0 } },
      3, 1, 140e6, NULL, 3 },
    { "a qualifier does not part figures; the plain statement is kept",
      { { "Xiaomi", "sales", "overseas", 2021, 140e6, "140 million units", NULL, NULL, 0, 0 },
        { "Xiaomi", "sales", "overseas", 2021, 140e6, "more than 140 million units", "more than", NULL, 0, 0 },
        { "Xiaomi", "sales", "overseas", 2021, 140e6, "140 million", NULL, NULL, 0, 0 } },
      3, 1, 140e6, NULL, 3 },
    { "the most common qualifier wins",
      { { "Xiaomi", "sales", NULL, 2021, 190e6, "about 190 million", "about", NULL, 0, 0 },
        { "Xiaomi", "sales", NULL, 2021, 190e6, "about 190 million", "about", NULL, 0, 0 },
        { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, 0, 0 } },
      3, 1, 190e6, "about", 3 },
    { "rounding: 1.9亿, 190 million and 188 million are one claim, at its most precise",
      { { "Xiaomi", "sales", "global", 2021, 1.9e8, "1.9亿", NULL, NULL, 0, 0 },
        { "Xiaomi", "sales", "global", 2021, 190e6, "190 million", NULL, NULL, 0, 0 },
        { "Xiaomi", "sales", "global", 2021, 188e6, "188 million", NULL, NULL, 0, 0 } },
      3, 1, 188e6, NULL, 3 },
    { "beyond rounding: two claims",
      { { "Xiaomi", "sales", "global", 2021, 190e6, "190 million", NULL, NULL, 0, 0 },
        { "Xiaomi", "sales", "global", 2021, 170e6, "170 million", NULL, NULL, 0, 0 } },
      2, 2, 190e6, NULL, 1 },
    { "different periods",
      { { "Xiaomi", "sales", "global", 2021, 190e6, "190 million", NULL, NULL, 0, 0 },
        { "Xiaomi", "sales", "global", 2020, 190e6, "190 million", NULL, NULL, 0, 0 } },
      2, 2, 190e6, NULL, 1 },
    { "different scopes",
      { { "Xiaomi", "sales", "overseas", 2021, 140e6, "140 million", NULL, NULL, 0, 0 },
        { "Xiaomi", "sales", "domestic", 2021, 140e6, "140 million", NULL, NULL, 0, 0 } },
      2, 2, 140e6, NULL, 1 },
    { "no scope is the company's whole business",
      { { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, 0, 0 },
        { "Xiaomi", "sales", "global", 2021, 1.9e8, "1.9亿", NULL, NULL, 0, 0 } },
      2, 1, 190e6, NULL, 2 },
    { "different companies",
      { { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, 0, 0 },
        { "Huawei", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, 0, 0 } },
      2, 2, 190e6, NULL, 1 },
    { "a forecast is not a result",
      { { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, 0, 0 },
        { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, CITED_CLAIM_FORECAST, 0 } },
      2, 2, 190e6, NULL, 1 },
    { "a running total is not a year's",
      { { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, 0, 0 },
        { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, 0, CITED_SPAN_CUMULATIVE } },
      2, 2, 190e6, NULL, 1 },
    { "a figure with no unit counts the units of one with",
      { { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, "-", 0, 0 },
        { "Xiaomi", "sales", NULL, 2021, 1.9e8, "1.9亿台", NULL, "units", 0, 0 } },
      2, 1, 190e6, NULL, 2 },
    { "different units",
      { { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, "units", 0, 0 },
        { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, "people", 0, 0 } },
      2, 2, 190e6, NULL, 1 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) figures = make_figures (cases[c].figs, cases[c].n_figs);
      g_autoptr(GPtrArray) claims = NULL;
      CitedClaim *first;

      g_test_message ("%s", cases[c].name);
      claims = cited_claims_group (figures);
      g_assert_cmpuint (claims->len, ==, cases[c].n_claims);
      first = g_ptr_array_index (claims, 0);
      g_assert_cmpfloat (first->value, ==, cases[c].first_value);
      g_assert_cmpstr (first->qualifier, ==, cases[c].first_qualifier);
      g_assert_cmpuint (first->figures->len, ==, cases[c].first_figures);
    }
}

/* A claim knows its sources and dates, and rejected figures are none. */
/* "5%" here and "5%" there, of nothing the extractor could name, are not
 * one claim with two sources; of growth they are. */
static void
test_nothing_measured (void)
{
  static const Fig figs[] = {
    { NULL, "growth", NULL, 0, 5, "5%", NULL, "%", 0, 0 },
    { NULL, "growth", NULL, 0, 5, "5%", NULL, "%", 0, 0 },
  };
  g_autoptr(GPtrArray) figures = make_figures (figs, G_N_ELEMENTS (figs));
  g_autoptr(GPtrArray) claims = cited_claims_group (figures);
  g_autoptr(GPtrArray) none = NULL;

  g_assert_cmpuint (claims->len, ==, 1);
  g_assert_cmpuint (((CitedClaim *) g_ptr_array_index (claims, 0))->n_sources, ==, 2);

  for (guint i = 0; i < figures->len; i++)
    g_clear_pointer (&((CitedFigure *) g_ptr_array_index (figures, i))->metric, g_free);
  none = cited_claims_group (figures);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_claim_sources (void)
{
  static const Fig figs[] = {
    { "Xiaomi", "sales", "overseas", 2021, 140e6, "140 million", NULL, NULL, 0, 0 },
    { "Xiaomi", "sales", "overseas", 2021, 140e6, "140m", NULL, NULL, 0, 0 },
    { "Xiaomi", "sales", "overseas", 2021, 1.4e8, "1.4亿台", NULL, NULL, 0, 0 },
    { "Xiaomi", "sales", "overseas", 2021, 140e6, "140 million", NULL, NULL, 0, 0 },
  };
  g_autoptr(GPtrArray) figures = make_figures (figs, G_N_ELEMENTS (figs));
  g_autoptr(GPtrArray) claims = NULL;
  CitedClaim *claim;

  /* Figures 1 and 2 in one article, 3 in another; 4 was rejected. */
  ((CitedFigure *) g_ptr_array_index (figures, 1))->article_id = 1;
  g_free (((CitedFigure *) g_ptr_array_index (figures, 1))->article_published);
  ((CitedFigure *) g_ptr_array_index (figures, 1))->article_published = g_strdup ("2022-03-01");
  g_free (((CitedFigure *) g_ptr_array_index (figures, 2))->article_published);
  ((CitedFigure *) g_ptr_array_index (figures, 2))->article_published = NULL;
  ((CitedFigure *) g_ptr_array_index (figures, 3))->status = CITED_FIGURE_REJECTED;

  claims = cited_claims_group (figures);
  g_assert_cmpuint (claims->len, ==, 1);
  claim = g_ptr_array_index (claims, 0);
  g_assert_cmpuint (claim->figures->len, ==, 3);
  g_assert_cmpuint (claim->n_sources, ==, 2);
  g_assert_cmpint (claim->id, ==, 1);
  g_assert_cmpstr (claim->first_date, ==, "2022-02-01");
  g_assert_cmpstr (claim->last_date, ==, "2022-03-01");
  g_assert_cmpstr (claim->unit, ==, "units");
  g_assert_false (claim->period_inferred);
  /* Earliest article first, the undated one last. */
  g_assert_null (((CitedFigure *) g_ptr_array_index (claim->figures, 2))->article_published);
}

/* Pairs of figures that contradict each other, or do not. */
static void
test_contradictions (void)
{
  static const struct {
    const char *name;
    Fig a, b;
    gboolean contradicts;
  } cases[] = {
    { "190 million against 170 million",
      { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, 0, 0 },
      { "Xiaomi", "sales", NULL, 2021, 170e6, "170 million", NULL, NULL, 0, 0 }, TRUE },
    { "1.9亿 against 170 million",
      { "Xiaomi", "sales", "global", 2021, 1.9e8, "1.9亿台", NULL, NULL, 0, 0 },
      { "Xiaomi", "sales", "global", 2021, 170e6, "170 million", NULL, NULL, 0, 0 }, TRUE },
    { "1.9亿 and 188 million agree within rounding",
      { "Xiaomi", "sales", "global", 2021, 1.9e8, "1.9亿台", NULL, NULL, 0, 0 },
      { "Xiaomi", "sales", "global", 2021, 188e6, "188 million", NULL, NULL, 0, 0 }, FALSE },
    { "188 million against 180 million",
      { "Xiaomi", "sales", "global", 2021, 188e6, "188 million", NULL, NULL, 0, 0 },
      { "Xiaomi", "sales", "global", 2021, 180e6, "180 million", NULL, NULL, 0, 0 }, TRUE },
    { "about 190 million and 185 million",
      { "Xiaomi", "sales", NULL, 2021, 190e6, "about 190 million", "about", NULL, 0, 0 },
      { "Xiaomi", "sales", NULL, 2021, 183e6, "183 million", NULL, NULL, 0, 0 }, FALSE },
    { "about 170 million against 190 million",
      { "Xiaomi", "sales", NULL, 2021, 170e6, "about 170 million", "about", NULL, 0, 0 },
      { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, 0, 0 }, TRUE },
    { "more than 150 million and 190 million",
      { "Xiaomi", "sales", NULL, 2021, 150e6, "more than 150 million", "more than", NULL, 0, 0 },
      { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, 0, 0 }, FALSE },
    { "more than 200 million against 180 million",
      { "Xiaomi", "sales", NULL, 2021, 200e6, "more than 200 million", "more than", NULL, 0, 0 },
      { "Xiaomi", "sales", NULL, 2021, 180e6, "180 million", NULL, NULL, 0, 0 }, TRUE },
    { "more than 200 million and 195 million touch at the rounding",
      { "Xiaomi", "sales", NULL, 2021, 200e6, "more than 200 million", "more than", NULL, 0, 0 },
      { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, 0, 0 }, FALSE },
    { "up to 200 million and 190 million",
      { "Xiaomi", "sales", NULL, 2021, 200e6, "up to 200 million", "up to", NULL, 0, 0 },
      { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, 0, 0 }, FALSE },
    { "nearly 190 million and 175 million",
      { "Xiaomi", "sales", NULL, 2021, 190e6, "nearly 190 million", "nearly", NULL, 0, 0 },
      { "Xiaomi", "sales", NULL, 2021, 175e6, "175 million", NULL, NULL, 0, 0 }, FALSE },
    { "nearly 190 million against 210 million",
      { "Xiaomi", "sales", NULL, 2021, 190e6, "nearly 190 million", "nearly", NULL, 0, 0 },
      { "Xiaomi", "sales", NULL, 2021, 210e6, "210 million", NULL, NULL, 0, 0 }, TRUE },
    { "超过1.5亿 and 1.9亿",
      { "Xiaomi", "sales", NULL, 2021, 1.5e8, "超过1.5亿台", "more than", NULL, 0, 0 },
      { "Xiaomi", "sales", NULL, 2021, 1.9e8, "1.9亿台", NULL, NULL, 0, 0 }, FALSE },
    { "a range holds the value",
      { "Xiaomi", "stores", NULL, 2021, 40, "40 to 50", NULL, "stores", 0, 0, 50 },
      { "Xiaomi", "stores", NULL, 2021, 45, "45", NULL, "stores", 0, 0 }, FALSE },
    { "a value beyond a range",
      { "Xiaomi", "stores", NULL, 2021, 40, "40 to 50", NULL, "stores", 0, 0, 50 },
      { "Xiaomi", "stores", NULL, 2021, 60, "60", NULL, "stores", 0, 0 }, TRUE },
    { "different periods",
      { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, 0, 0 },
      { "Xiaomi", "sales", NULL, 2020, 146e6, "146 million", NULL, NULL, 0, 0 }, FALSE },
    { "different scopes",
      { "Xiaomi", "sales", "global", 2021, 190e6, "190 million", NULL, NULL, 0, 0 },
      { "Xiaomi", "sales", "overseas", 2021, 140e6, "140 million", NULL, NULL, 0, 0 }, FALSE },
    { "no period: nothing to hold them to",
      { "Xiaomi", "sales", NULL, 0, 190e6, "190 million", NULL, NULL, 0, 0 },
      { "Xiaomi", "sales", NULL, 0, 140e6, "140 million", NULL, NULL, 0, 0 }, FALSE },
    { "a forecast against a result",
      { "Xiaomi", "sales", NULL, 2021, 170e6, "170 million", NULL, NULL, CITED_CLAIM_FORECAST, 0 },
      { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, 0, 0 }, FALSE },
    { "market-wide figures have no company to hold to",
      { NULL, "sales", NULL, 2021, 1.3e9, "1.3 billion", NULL, NULL, 0, 0 },
      { NULL, "sales", NULL, 2021, 1.4e9, "1.4 billion", NULL, NULL, 0, 0 }, FALSE },
    { "prices are a product's, not a company's",
      { "Google", "price", NULL, 2022, 29.99, "29.99 dollars", NULL, "-", 0, 0 },
      { "Google", "price", NULL, 2022, 99, "99 dollars", NULL, "-", 0, 0 }, FALSE },
    { "ranks are left out",
      { "Xiaomi", "rank", "global", 2021, 2, "second", NULL, NULL, 0, 0 },
      { "Xiaomi", "rank", "global", 2021, 3, "third", NULL, NULL, 0, 0 }, FALSE },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      Fig pair[2] = { cases[c].a, cases[c].b };
      g_autoptr(GPtrArray) figures = make_figures (pair, 2);
      g_autoptr(GPtrArray) claims = cited_claims_group (figures);
      g_autoptr(GPtrArray) found = cited_claims_find_contradictions (claims);

      g_test_message ("%s", cases[c].name);
      g_assert_cmpuint (found->len, ==, cases[c].contradicts ? 1 : 0);
      if (found->len > 0)
        {
          CitedContradiction *x = g_ptr_array_index (found, 0);

          g_assert_true (x->a != x->b);
          g_assert_false (cited_figures_same_value (g_ptr_array_index (x->a->figures, 0),
                                                    g_ptr_array_index (x->b->figures, 0)));
        }
    }

  /* A claim holds its figures to what all of them allow: "up to 190
   * million" beside "190 million" still contradicts "about 150 million". */
  {
    static const Fig figs[] = {
      { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, 0, 0 },
      { "Xiaomi", "sales", "global", 2021, 190e6, "up to 190 million", "up to", NULL, 0, 0 },
      { "Xiaomi", "sales", NULL, 2021, 150e6, "about 150 million", "about", NULL, 0, 0 },
    };
    g_autoptr(GPtrArray) figures = make_figures (figs, G_N_ELEMENTS (figs));
    g_autoptr(GPtrArray) claims = cited_claims_group (figures);
    g_autoptr(GPtrArray) found = cited_claims_find_contradictions (claims);

    g_assert_cmpuint (claims->len, ==, 2);
    g_assert_cmpuint (found->len, ==, 1);
  }

  /* One article giving two values compares them ("from 62% to 68%"): no
   * contradiction, even when another article cites one of them too; a
   * percentage is never held against a count. */
  {
    static const Fig figs[] = {
      { "Ambev", "market share", "Brazil", 2004, 62, "62%", NULL, "%", 0, 0 },
      { "Ambev", "market share", "Brazil", 2004, 68, "68%", NULL, "%", 0, 0 },
      { "Ambev", "market share", "Brazil", 2004, 62, "62%", NULL, "%", 0, 0 },
      { "BT Group", "users", NULL, 2025, 27e6, "27 million", NULL, "-", 0, 0 },
      { "BT Group", "users", NULL, 2025, 50, "50%", NULL, "%", 0, 0 },
    };
    g_autoptr(GPtrArray) figures = make_figures (figs, G_N_ELEMENTS (figs));
    g_autoptr(GPtrArray) claims = NULL;
    g_autoptr(GPtrArray) found = NULL;

    ((CitedFigure *) g_ptr_array_index (figures, 1))->article_id = 1;
    claims = cited_claims_group (figures);
    found = cited_claims_find_contradictions (claims);
    g_assert_cmpuint (claims->len, ==, 4);
    g_assert_cmpuint (found->len, ==, 0);
  }

  /* A claim cited by more articles is the first side. */
  {
    static const Fig figs[] = {
      { "Xiaomi", "sales", NULL, 2021, 170e6, "170 million", NULL, NULL, 0, 0 },
      { "Xiaomi", "sales", NULL, 2021, 190e6, "190 million", NULL, NULL, 0, 0 },
      { "Xiaomi", "sales", NULL, 2021, 1.9e8, "1.9亿", NULL, NULL, 0, 0 },
    };
    g_autoptr(GPtrArray) figures = make_figures (figs, G_N_ELEMENTS (figs));
    g_autoptr(GPtrArray) claims = cited_claims_group (figures);
    g_autoptr(GPtrArray) found = cited_claims_find_contradictions (claims);
    CitedContradiction *x;

    g_assert_cmpuint (found->len, ==, 1);
    x = g_ptr_array_index (found, 0);
    g_assert_cmpfloat (x->a->value, ==, 190e6);
    g_assert_cmpuint (x->a->n_sources, ==, 2);
    g_assert_cmpfloat (x->b->value, ==, 170e6);
  }
}

/* The sample corpus: Xiaomi's 140 million overseas, cited three times in
 * one article (twice without a year, in the present), is one claim. */
static void
test_sample_corpus (void)
{
  const char *root = g_getenv ("CITED_SOURCE_ROOT");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *corpus = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GPtrArray) contradictions = NULL;
  CitedQuery query = { 0 };
  const char *paths[2] = { NULL, NULL };
  guint n_overseas = 0;

  if (root == NULL)
    {
      g_test_skip ("CITED_SOURCE_ROOT is not set; run this test with meson test");
      return;
    }
  corpus = g_build_filename (root, "data", "corpus", NULL);
  dir = g_dir_make_tmp ("test-claims-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "cited.db", NULL);
  store = cited_store_open (db, &error);
  g_assert_no_error (error);
  paths[0] = corpus;
  result = cited_import_paths (store, paths, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, ==, 5);

  query.brand = "Xiaomi";
  query.metric = "sales";
  claims = cited_store_list_claims (store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < claims->len; i++)
    {
      CitedClaim *claim = g_ptr_array_index (claims, i);

      if (claim->value != 140e6)
        continue;
      n_overseas++;
      g_assert_cmpstr (claim->scope, ==, "overseas");
      g_assert_cmpint (claim->year, ==, 2021);
      g_assert_cmpuint (claim->figures->len, ==, 3);
      g_assert_cmpuint (claim->n_sources, ==, 1);
      /* Each side of a contradiction quotes its figures; the seed runs a
       * paragraph into one sentence, cut around the figure. */
      for (guint f = 0; f < claim->figures->len; f++)
        {
          g_autofree char *quote = cited_figure_quote (g_ptr_array_index (claim->figures, f));

          g_assert_nonnull (strstr (quote, "140 million"));
          g_assert_cmpuint (strlen (quote), <, 300);
        }
      /* One of the three says "in 2021": the claim's period is no guess. */
      g_assert_false (claim->period_inferred);
      g_assert_null (claim->qualifier);
    }
  g_assert_cmpuint (n_overseas, ==, 1);
  /* 190 million global, 140 million overseas, 50 million domestic. */
  g_assert_cmpuint (claims->len, ==, 3);

  /* They are of different scopes: nothing contradicts. */
  contradictions = cited_store_list_contradictions (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contradictions->len, ==, 0);

  g_clear_object (&store);
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_remove (path);
      }
  }
  g_rmdir (dir);
}

/* Periods inferred on import are stored, read back, and grouped on. */
static void
test_store_inferred (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GPtrArray) contradictions = NULL;
  CitedArticle *article;
  guint n_inferred = 0;

  dir = g_dir_make_tmp ("test-claims-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "cited.db", NULL);
  store = cited_store_open (db, &error);
  g_assert_no_error (error);

  article = cited_article_new ();
  article->title = g_strdup ("Xiaomi now");
  article->published = g_strdup ("2022-04-01");
  article->body = g_strdup ("Xiaomi has sold 50 million phones overseas so far. "
                            "Xiaomi sold 30 million phones in India.");
  g_ptr_array_add (articles, article);
  article = cited_article_new ();
  article->title = g_strdup ("小米");
  article->published = g_strdup ("2022-05-01");
  article->body = g_strdup ("小米目前海外销量为5000万台。");
  g_ptr_array_add (articles, article);
  article = cited_article_new ();
  article->title = g_strdup ("Xiaomi overseas");
  article->published = g_strdup ("2022-06-01");
  article->body = g_strdup ("Xiaomi sold 35 million phones overseas in 2022.");
  g_ptr_array_add (articles, article);
  g_assert_true (cited_store_add_articles (store, articles, NULL, NULL, &error));
  g_assert_no_error (error);

  figures = cited_store_list_figures (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (figures, i);

      g_test_message ("%s: %d %d", f->text, f->year, f->period_inferred);
      if (f->period_inferred)
        {
          g_assert_cmpint (f->year, ==, 2022);
          n_inferred++;
        }
      if (f->value == 30e6)
        {
          /* "sold", no present: no year. */
          g_assert_cmpint (f->year, ==, 0);
          g_assert_false (f->period_inferred);
        }
    }
  g_assert_cmpuint (n_inferred, ==, 2);

  claims = cited_store_list_claims (store, NULL, &error);
  g_assert_no_error (error);
  contradictions = cited_claims_find_contradictions (claims);
  /* "has sold … so far" is a running total, not held against a year's
   * sales; "目前海外销量为5000万台", its year inferred, is, and 35 million
   * overseas in 2022 contradicts it. */
  g_assert_cmpuint (contradictions->len, ==, 1);
  {
    CitedContradiction *x = g_ptr_array_index (contradictions, 0);

    g_assert_cmpint (x->a->span, ==, x->b->span);
    g_assert_cmpint (x->a->year, ==, 2022);
    g_assert_cmpstr (x->a->scope, ==, "overseas");
    g_assert_true (x->a->value == 35e6 || x->b->value == 35e6);
    g_assert_true (x->a->value == 50e6 || x->b->value == 50e6);
  }

  g_clear_object (&store);
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_remove (path);
      }
  }
  g_rmdir (dir);
}

/* Marking one side of a contradiction right is an edit: it outlives
 * deleting and importing the article again. */
static void
test_mark_right (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) reimported = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  CitedQuery query = { 0 };
  CitedContradiction *x;
  CitedArticle *article;
  gint64 wrong_article;
  guint n_rejected = 0;

  dir = g_dir_make_tmp ("test-claims-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "cited.db", NULL);
  store = cited_store_open (db, &error);
  g_assert_no_error (error);

  article = cited_article_new ();
  article->title = g_strdup ("Right");
  article->published = g_strdup ("2022-01-10");
  article->body = g_strdup ("Xiaomi sold 190 million phones in 2021.");
  g_ptr_array_add (articles, article);
  article = cited_article_new ();
  article->title = g_strdup ("Wrong");
  article->published = g_strdup ("2022-02-10");
  article->body = g_strdup ("Xiaomi sold 150 million phones in 2021.");
  g_ptr_array_add (articles, article);
  g_assert_true (cited_store_add_articles (store, articles, NULL, NULL, &error));
  g_assert_no_error (error);
  wrong_article = article->id;

  found = cited_store_list_contradictions (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  x = g_ptr_array_index (found, 0);
  g_assert_true (cited_store_mark_claim_right (store, x, x->a->value == 190e6 ? x->a : x->b, &error));
  g_assert_no_error (error);

  after = cited_store_list_contradictions (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 0);

  /* Delete the wrong article and import it again: still rejected. */
  g_assert_true (cited_store_remove_article (store, wrong_article, &error));
  g_assert_no_error (error);
  article = cited_article_new ();
  article->title = g_strdup ("Wrong");
  article->published = g_strdup ("2022-02-10");
  article->body = g_strdup ("Xiaomi sold 150 million phones in 2021.");
  g_ptr_array_add (again, article);
  g_assert_true (cited_store_add_articles (store, again, NULL, NULL, &error));
  g_assert_no_error (error);

  reimported = cited_store_list_contradictions (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reimported->len, ==, 0);
  query.include_rejected = TRUE;
  figures = cited_store_list_figures (store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (figures, i);

      if (f->status == CITED_FIGURE_REJECTED)
        {
          g_assert_cmpfloat (f->value, ==, 150e6);
          n_rejected++;
        }
      else
        g_assert_cmpint (f->status, ==, CITED_FIGURE_CONFIRMED);
    }
  g_assert_cmpuint (n_rejected, ==, 1);

  g_clear_object (&store);
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_remove (path);
      }
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/claims/precision", test_precision);
  g_test_add_func ("/claims/same-value", test_same_value);
  g_test_add_func ("/claims/present", test_present);
  g_test_add_func ("/claims/infer-periods", test_infer_periods);
  g_test_add_func ("/claims/grouping", test_grouping);
  g_test_add_func ("/claims/sources", test_claim_sources);
  g_test_add_func ("/claims/nothing-measured", test_nothing_measured);
  g_test_add_func ("/claims/contradictions", test_contradictions);
  g_test_add_func ("/claims/sample-corpus", test_sample_corpus);
  g_test_add_func ("/claims/store-inferred", test_store_inferred);
  g_test_add_func ("/claims/mark-right", test_mark_right);

  return g_test_run ();
}
