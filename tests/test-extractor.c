/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited.h"

/*
 * Table-driven cases. Each row is a sentence (or two) in the style of
 * business news and the figures it must give, in text order, written as
 * "key=value;key=value" per figure and "|" between figures. Keys: v (value),
 * max (range end), unit, cur (currency), q (qualifier), m (metric), scope,
 * y (year), qtr (quarter), brand, text. Only the keys given are checked; "-"
 * means the field must be empty. An empty expectation means no figure.
 */
typedef struct {
  const char *text;
  const char *expected;
  const char *published;
} Case;

static const Case cases[] = {
  /* The seed figures, reworded. */
  { "Xiaomi's global sales in 2021 reached 190 million units.",
    "v=190e6;unit=units;m=sales;scope=global;y=2021;brand=Xiaomi;text=190 million units" },
  { "Xiaomi aims to be the world's top smartphone maker with 140 million units sold overseas.",
    "v=140e6;unit=units;m=sales;scope=overseas;brand=Xiaomi" },
  { "Domestic sales of Xiaomi phones were only 50 million units.",
    "v=50e6;unit=units;m=sales;scope=domestic;brand=Xiaomi" },
  { NULL, NULL, NULL },
};

static gboolean
parse_double (const char *s,
              double     *out)
{
  char *end = NULL;

  *out = g_ascii_strtod (s, &end);
  return end != s && *end == '\0';
}

static void
check_field (const CitedFigure *f,
             const char        *key,
             const char        *want,
             const char        *text)
{
  double d;

  if (strcmp (key, "v") == 0 || strcmp (key, "max") == 0)
    {
      double got = strcmp (key, "v") == 0 ? f->value : f->value_max;

      if (strcmp (want, "-") == 0)
        {
          if (!isnan (got))
            g_error ("%s: %s should be unset, is %g", text, key, got);
          return;
        }
      g_assert_true (parse_double (want, &d));
      if (isnan (got) || fabs (got - d) > 1e-6 * MAX (1, fabs (d)))
        g_error ("%s: %s is %g, expected %g", text, key, got, d);
      return;
    }
  if (strcmp (key, "y") == 0 || strcmp (key, "qtr") == 0)
    {
      int got = key[0] == 'y' ? f->year : f->quarter;
      int exp = strcmp (want, "-") == 0 ? 0 : atoi (want);

      if (got != exp)
        g_error ("%s: %s is %d, expected %d", text, key, got, exp);
      return;
    }
  {
    const char *got = NULL;

    if (strcmp (key, "unit") == 0)
      got = f->unit;
    else if (strcmp (key, "cur") == 0)
      got = f->currency;
    else if (strcmp (key, "q") == 0)
      got = f->qualifier;
    else if (strcmp (key, "m") == 0)
      got = f->metric;
    else if (strcmp (key, "scope") == 0)
      got = f->scope;
    else if (strcmp (key, "brand") == 0)
      got = f->brand;
    else if (strcmp (key, "text") == 0)
      got = f->text;
    else
      g_error ("bad key %s in case %s", key, text);
    if (strcmp (want, "-") == 0)
      want = NULL;
    if (g_strcmp0 (got, want) != 0)
      g_error ("%s: %s is \"%s\", expected \"%s\" (figure \"%s\")", text, key,
               got ? got : "(null)", want ? want : "(null)", f->text);
  }
}

static char *
describe (GPtrArray *figures)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (figures, i);

      g_string_append_printf (s, "%s[%s] v=%g max=%g unit=%s cur=%s q=%s m=%s scope=%s y=%d qtr=%d brand=%s",
                              i ? " | " : "", f->text, f->value, f->value_max, f->unit, f->currency,
                              f->qualifier, f->metric, f->scope, f->year, f->quarter, f->brand);
    }
  return g_string_free (s, FALSE);
}

static guint n_expected_total, n_found_total, n_correct_total;

static void
run_case (CitedLexicon *lexicon,
          const Case   *c)
{
  g_autoptr(CitedExtraction) ex = cited_extract (lexicon, NULL, c->text, -1, c->published);
  g_auto(GStrv) specs = NULL;
  g_autofree char *got = describe (ex->figures);
  guint n_specs = 0;

  g_test_message ("%s\n  -> %s", c->text, got);
  if (*c->expected != '\0')
    {
      specs = g_strsplit (c->expected, "|", -1);
      n_specs = g_strv_length (specs);
    }
  n_expected_total += n_specs;
  n_found_total += ex->figures->len;
  if (ex->figures->len != n_specs)
    g_error ("%s: %u figures, expected %u: %s", c->text, ex->figures->len, n_specs, got);

  for (guint i = 0; i < n_specs; i++)
    {
      CitedFigure *f = g_ptr_array_index (ex->figures, i);
      g_auto(GStrv) fields = g_strsplit (specs[i], ";", -1);

      for (guint k = 0; fields[k]; k++)
        {
          g_auto(GStrv) kv = g_strsplit (fields[k], "=", 2);

          g_assert_nonnull (kv[0]);
          g_assert_nonnull (kv[1]);
          check_field (f, g_strstrip (kv[0]), kv[1], c->text);
        }
      g_assert_cmpstr (f->language, ==, "en");
      g_assert_cmpuint (f->end, >, f->start);
      g_assert_cmpint (strncmp (c->text + f->start, f->text, f->end - f->start), ==, 0);
      g_assert_cmpint (strncmp (c->text + f->sentence_start, f->sentence,
                                f->sentence_end - f->sentence_start), ==, 0);
      g_assert_cmpuint (f->start, >=, f->sentence_start);
      g_assert_cmpuint (f->end, <=, f->sentence_end);
      n_correct_total++;
    }
}

static void
test_case_cb (gconstpointer data)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();

  run_case (lexicon, data);
}

static void
test_format (void)
{
  struct { double v; const char *unit, *cur, *expected; } rows[] = {
    { 190e6, "units", NULL, "190M" },
    { 24000, "patents", NULL, "24K" },
    { 5920, "patents", NULL, "5,920" },
    { 13, "%", NULL, "13%" },
    { 12.5, "%", NULL, "12.5%" },
    { 3999, NULL, "CNY", "¥3,999" },
    { 2.5e9, NULL, "USD", "$2.5B" },
    { 40e6, NULL, "GBP", "£40M" },
    { 0.75, NULL, "GBP", "£0.75" },
    { 1.4e9, NULL, NULL, "1.4B" },
    { 7000, "people", NULL, "7,000" },
    { 150, "stores", NULL, "150" },
    { 1, NULL, NULL, "1" },
    { 10e6, NULL, "XYZ", "10M XYZ" },
    { -5, "%", NULL, "-5%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *s = cited_format_value (rows[i].v, rows[i].unit, rows[i].cur);

      g_assert_cmpstr (s, ==, rows[i].expected);
    }
}

static void
test_language (void)
{
  g_assert_cmpstr (cited_detect_language ("Xiaomi sold 190 million phones.", -1), ==, "en");
  g_assert_cmpstr (cited_detect_language ("小米2021年全球销量达到1.9亿台。", -1), ==, "zh");
  g_assert_cmpstr (cited_detect_language ("三星推出了 Galaxy S23 系列，其标题是 Ultra 型号的 200MP 摄像头", -1), ==, "zh");
  g_assert_cmpstr (cited_detect_language ("Sales of the 小米 brand in Europe rose sharply this year.", -1), ==, "en");
  g_assert_cmpstr (cited_detect_language ("", -1), ==, "en");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; cases[i].text != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("/extractor/case/%03u", i);

      g_test_add_data_func (path, &cases[i], test_case_cb);
    }
  g_test_add_func ("/extractor/format", test_format);
  g_test_add_func ("/extractor/language", test_language);

  ret = g_test_run ();
  return ret;
}
