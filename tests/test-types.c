/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-types"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited.h"

/* What a program in another language sees of libcited through GObject:
 * every public struct is a boxed type whose copy owns its data, every
 * enum a GEnum or GFlags type with the names the CLI uses as nicks. */

/* Every public struct has a boxed GType, registered under its C name. */
static void
test_boxed_registered (void)
{
  struct {
    GType type;
    const char *name;
  } types[] = {
    { CITED_TYPE_FIGURE, "CitedFigure" },
    { CITED_TYPE_ARTICLE, "CitedArticle" },
    { CITED_TYPE_MENTION, "CitedMention" },
    { CITED_TYPE_BRAND_STATS, "CitedBrandStats" },
    { CITED_TYPE_DISCOVERED, "CitedDiscovered" },
    { CITED_TYPE_COUNT, "CitedCount" },
    { CITED_TYPE_QUERY, "CitedQuery" },
    { CITED_TYPE_FIGURE_EDIT, "CitedFigureEdit" },
    { CITED_TYPE_CORPUS_SUMMARY, "CitedCorpusSummary" },
    { CITED_TYPE_EXTRACTION, "CitedExtraction" },
    { CITED_TYPE_REJECTION, "CitedRejection" },
    { CITED_TYPE_IMPORT_RESULT, "CitedImportResult" },
    { CITED_TYPE_CLAIM, "CitedClaim" },
    { CITED_TYPE_CONTRADICTION, "CitedContradiction" },
    { CITED_TYPE_CHART, "CitedChart" },
    { CITED_TYPE_CHART_BAR, "CitedChartBar" },
    { CITED_TYPE_CHART_SERIES, "CitedChartSeries" },
    { CITED_TYPE_CHART_SETTINGS, "CitedChartSettings" },
    { CITED_TYPE_REPORT, "CitedReport" },
    { CITED_TYPE_CHART_STYLE, "CitedChartStyle" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_assert_true (G_TYPE_IS_BOXED (types[i].type));
      g_assert_cmpstr (g_type_name (types[i].type), ==, types[i].name);
    }
}

/* A query copied through GObject owns its strings: the caller's buffers
 * can go, the copy still filters the same. */
static void
test_boxed_query (void)
{
  char search[] = "smartphone";
  char metric[] = "sales";
  CitedQuery query = { .search = search, .metric = metric, .limit = 5,
                       .sort = CITED_SORT_TITLE };
  g_autoptr(CitedQuery) copy = g_boxed_copy (CITED_TYPE_QUERY, &query);
  g_autoptr(CitedQuery) empty = cited_query_new ();

  memset (search, 'x', sizeof search - 1);
  metric[0] = '\0';
  g_assert_cmpstr (copy->search, ==, "smartphone");
  g_assert_cmpstr (copy->metric, ==, "sales");
  g_assert_null (copy->brand);
  g_assert_cmpuint (copy->limit, ==, 5);
  g_assert_cmpint (copy->sort, ==, CITED_SORT_TITLE);

  g_assert_null (empty->search);
  g_assert_cmpuint (empty->limit, ==, 0);
  cited_query_clear (copy);
  g_assert_null (copy->search);
  g_assert_null (copy->metric);
}

static void
test_boxed_figure_edit (void)
{
  char brand[] = "Xiaomi";
  CitedFigureEdit edit = { .value = 190e6, .brand = brand,
                           .fields = CITED_EDIT_UNIT, .unit = "units" };
  g_autoptr(CitedFigureEdit) copy = g_boxed_copy (CITED_TYPE_FIGURE_EDIT, &edit);
  g_autoptr(CitedFigureEdit) none = cited_figure_edit_new ();

  brand[0] = '\0';
  g_assert_cmpfloat (copy->value, ==, 190e6);
  g_assert_cmpstr (copy->brand, ==, "Xiaomi");
  g_assert_cmpstr (copy->unit, ==, "units");
  g_assert_true (copy->fields == CITED_EDIT_UNIT);
  g_assert_true (isnan (none->value));
  g_assert_null (none->brand);
  g_assert_true (none->fields == 0);
}

/* An extraction copied keeps its figures and mentions when the original
 * is freed. */
static void
test_boxed_extraction (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  CitedExtraction *extraction = cited_extract (lexicon, NULL,
                                               "Xiaomi sold 190 million smartphones in 2021.",
                                               -1, "2022-01-10");
  g_autoptr(CitedExtraction) copy = g_boxed_copy (CITED_TYPE_EXTRACTION, extraction);
  CitedFigure *figure;
  CitedMention *mention;

  g_assert_cmpuint (extraction->figures->len, >=, 1);
  cited_extraction_free (extraction);

  g_assert_cmpuint (copy->figures->len, >=, 1);
  figure = g_ptr_array_index (copy->figures, 0);
  g_assert_cmpfloat (figure->value, ==, 190e6);
  g_assert_cmpstr (figure->brand, ==, "Xiaomi");
  g_assert_cmpuint (copy->mentions->len, >=, 1);
  mention = cited_mention_copy (&g_array_index (copy->mentions, CitedMention, 0));
  g_assert_cmpstr (mention->brand, ==, "Xiaomi");
  g_assert_cmpuint (mention->start, ==, 0);
  g_assert_cmpuint (mention->end, ==, strlen ("Xiaomi"));
  cited_mention_free (mention);
  g_assert_cmpstr (copy->language, ==, "en");
}

static void
test_boxed_import_result (void)
{
  CitedImportResult result = { .n_files = 3, .n_added = 2 };
  CitedRejection rejection = { .path = (char *) "notes.bin", .reason = (char *) "binary data" };
  g_autoptr(CitedImportResult) copy = NULL;
  CitedRejection *rejected;

  result.rejected = g_ptr_array_new ();
  g_ptr_array_add (result.rejected, &rejection);
  copy = g_boxed_copy (CITED_TYPE_IMPORT_RESULT, &result);
  g_ptr_array_unref (result.rejected);

  g_assert_cmpuint (copy->n_files, ==, 3);
  g_assert_cmpuint (copy->n_added, ==, 2);
  g_assert_cmpuint (copy->rejected->len, ==, 1);
  rejected = g_ptr_array_index (copy->rejected, 0);
  g_assert_true (rejected != &rejection);
  g_assert_cmpstr (rejected->path, ==, "notes.bin");
  g_assert_cmpstr (rejected->reason, ==, "binary data");
}

/* A chart's series copied with its bars: empty categories stay empty. */
static void
test_boxed_chart_series (void)
{
  g_autoptr(CitedChart) chart = cited_chart_new (CITED_CHART_KIND_BARS, "Sales");
  CitedChartSeries *series;
  g_autoptr(CitedChartSeries) copy = NULL;
  CitedChartBar *bar;

  cited_chart_add_category (chart, "Xiaomi");
  cited_chart_add_category (chart, "Apple");
  series = cited_chart_add_series (chart, "2021", "#ff6900");
  cited_chart_set_value (chart, series, 0, 190e6, 42, "sold 190 million");
  copy = g_boxed_copy (CITED_TYPE_CHART_SERIES, series);
  g_clear_pointer (&chart, cited_chart_unref);

  g_assert_cmpstr (copy->name, ==, "2021");
  g_assert_cmpstr (copy->color, ==, "#ff6900");
  g_assert_cmpuint (copy->bars->len, ==, 2);
  g_assert_null (g_ptr_array_index (copy->bars, 1));
  bar = g_ptr_array_index (copy->bars, 0);
  g_assert_cmpfloat (bar->value, ==, 190e6);
  g_assert_cmpstr (bar->tooltip, ==, "sold 190 million");
  g_assert_cmpuint (bar->figure_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (bar->figure_ids, gint64, 0), ==, 42);
}

static void
test_boxed_counts (void)
{
  const char *aliases[] = { "Mi", "小米", NULL };
  CitedBrandStats stats = { .name = (char *) "Xiaomi", .color = (char *) "#ff6900",
                            .aliases = (char **) aliases, .mentions = 7 };
  CitedCount count = { .name = (char *) "2024-01", .n = 3 };
  CitedCorpusSummary summary = { .n_articles = 2, .first_date = (char *) "2021-03-01" };
  g_autoptr(CitedBrandStats) stats_copy = g_boxed_copy (CITED_TYPE_BRAND_STATS, &stats);
  g_autoptr(CitedCount) count_copy = g_boxed_copy (CITED_TYPE_COUNT, &count);
  CitedCorpusSummary *summary_copy = g_boxed_copy (CITED_TYPE_CORPUS_SUMMARY, &summary);

  g_assert_cmpstr (stats_copy->name, ==, "Xiaomi");
  g_assert_true (stats_copy->aliases != (char **) aliases);
  g_assert_cmpstrv (stats_copy->aliases, aliases);
  g_assert_cmpuint (stats_copy->mentions, ==, 7);
  g_assert_cmpstr (count_copy->name, ==, "2024-01");
  g_assert_cmpuint (count_copy->n, ==, 3);
  g_assert_cmpuint (summary_copy->n_articles, ==, 2);
  g_assert_cmpstr (summary_copy->first_date, ==, "2021-03-01");
  g_assert_null (summary_copy->last_date);
  g_boxed_free (CITED_TYPE_CORPUS_SUMMARY, summary_copy);
}

/* A style kept on the heap keeps its font family. */
static void
test_boxed_chart_style (void)
{
  char family[] = "Cantarell";
  CitedChartStyle style;
  g_autoptr(CitedChartStyle) copy = NULL;

  cited_chart_style_print (&style);
  style.font_family = family;
  copy = g_boxed_copy (CITED_TYPE_CHART_STYLE, &style);
  family[0] = '\0';
  g_assert_cmpstr (copy->font_family, ==, "Cantarell");
  g_assert_cmpfloat (copy->background[0], ==, 1);
  g_assert_cmpint (copy->highlight_series, ==, -1);
}

/* Every public enum is a GEnum, every set of bits a GFlags, with the
 * names the CLI and the files use as nicks where there are such names. */
static void
test_enums (void)
{
  GType enums[] = {
    CITED_TYPE_ERROR, CITED_TYPE_FIGURE_STATUS, CITED_TYPE_CHANGE,
    CITED_TYPE_DIRECTION, CITED_TYPE_SPAN, CITED_TYPE_CLAIM_STATUS,
    CITED_TYPE_DISCOVERED_STATUS, CITED_TYPE_SORT, CITED_TYPE_VALUE_SCALES,
    CITED_TYPE_BOUND, CITED_TYPE_CSV_LINE_END, CITED_TYPE_ALIAS_KIND,
    CITED_TYPE_CHART_KIND, CITED_TYPE_CHART_SOURCE,
  };
  g_autoptr(GEnumClass) span = NULL;
  g_autoptr(GEnumClass) source = NULL;
  g_autoptr(GFlagsClass) fields = NULL;
  GFlagsValue *value;

  for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
    g_assert_true (G_TYPE_IS_ENUM (enums[i]));
  g_assert_true (G_TYPE_IS_FLAGS (CITED_TYPE_FIGURE_EDIT_FIELDS));
  g_assert_true (G_TYPE_IS_FLAGS (CITED_TYPE_CHART_BAR_FLAGS));

  span = g_type_class_ref (CITED_TYPE_SPAN);
  for (int s = CITED_SPAN_PERIOD; s <= CITED_SPAN_POINT; s++)
    g_assert_cmpstr (g_enum_get_value (span, s)->value_nick, ==,
                     cited_span_to_string ((CitedSpan) s));
  source = g_type_class_ref (CITED_TYPE_CHART_SOURCE);
  g_assert_cmpint (g_enum_get_value_by_nick (source, "trend")->value, ==,
                   CITED_CHART_SOURCE_TREND);

  fields = g_type_class_ref (CITED_TYPE_FIGURE_EDIT_FIELDS);
  g_assert_cmpuint (fields->n_values, ==, 9);
  value = g_flags_get_value_by_nick (fields, "claim-status");
  g_assert_nonnull (value);
  g_assert_cmpuint (value->value, ==, CITED_EDIT_CLAIM_STATUS);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/types/boxed/registered", test_boxed_registered);
  g_test_add_func ("/types/boxed/query", test_boxed_query);
  g_test_add_func ("/types/boxed/figure-edit", test_boxed_figure_edit);
  g_test_add_func ("/types/boxed/extraction", test_boxed_extraction);
  g_test_add_func ("/types/boxed/import-result", test_boxed_import_result);
  g_test_add_func ("/types/boxed/chart-series", test_boxed_chart_series);
  g_test_add_func ("/types/boxed/counts", test_boxed_counts);
  g_test_add_func ("/types/boxed/chart-style", test_boxed_chart_style);
  g_test_add_func ("/types/enums", test_enums);

  return g_test_run ();
}
