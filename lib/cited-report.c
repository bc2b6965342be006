/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-report"
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "cited-chart-private.h"
#include "cited-claims.h"
#include "cited-error.h"
#include "cited-extractor.h"
#include "cited-report.h"
#include "cited-value.h"

/* A report is first laid out as a list of blocks, plain text each; the PDF
 * and the HTML writers then draw the same blocks, so that both say the
 * same. */

typedef enum {
  BLOCK_SECTION,             /* a new page: @id, heading @text (NULL on the title page) */
  BLOCK_TITLE,
  BLOCK_HEADING,             /* a chart's claims, a contradiction */
  BLOCK_SUBHEADING,          /* a claim */
  BLOCK_TEXT,
  BLOCK_NOTE,                /* a line of lesser weight under a title or a chart */
  BLOCK_QUOTE,               /* a figure's sentence */
  BLOCK_SOURCE,              /* where the quote above comes from */
  BLOCK_CHART,
  BLOCK_FACTS,               /* @rows of label, value */
  BLOCK_TABLE,               /* @rows, the first the header */
} BlockKind;

typedef struct {
  BlockKind kind;
  const char *id;            /* static */
  char *text;
  CitedChart *chart;
  GPtrArray *rows;           /* GStrv */
} Block;

G_DEFINE_BOXED_TYPE (CitedReport, cited_report, cited_report_ref, cited_report_unref)

struct _CitedReport {
  gint ref_count;
  char *title;
  char *filters;
  CitedCorpusSummary summary;
  GDateTime *created;
  GPtrArray *charts;         /* CitedChart */
  GPtrArray *claims;         /* per chart: GPtrArray of CitedClaim */
};

/* The logical size charts are drawn at before they are scaled to the page
 * or the browser window: large enough for the renderer's 10 pt labels to
 * come out at a reading size. */
#define CHART_WIDTH 900
#define CHART_HEIGHT 560
/* On an A4 page, the same labels at 8 points or so. */
#define PDF_CHART_WIDTH 640
#define PDF_CHART_HEIGHT 420

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_clear_pointer (&block->chart, cited_chart_unref);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

static Block *
add_block (GPtrArray  *blocks,
           BlockKind   kind,
           const char *text)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->text = g_strdup (text);
  g_ptr_array_add (blocks, block);
  return block;
}

static void
add_section (GPtrArray  *blocks,
             const char *id,
             const char *heading)
{
  add_block (blocks, BLOCK_SECTION, heading)->id = id;
}

static Block *
add_rows_block (GPtrArray *blocks,
                BlockKind  kind)
{
  Block *block = add_block (blocks, kind, NULL);

  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return block;
}

static void
add_row (Block      *block,
         const char *first,
         ...) G_GNUC_NULL_TERMINATED;

static void
add_row (Block      *block,
         const char *first,
         ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    g_strv_builder_add (builder, cell);
  va_end (args);
  g_ptr_array_add (block->rows, g_strv_builder_end (builder));
}

/* The report */

/**
 * cited_report_new:
 *
 * Returns: (transfer full): a report without charts, or NULL with @error
 *   set when the store cannot be read
 */
CitedReport *
cited_report_new (CitedStore  *store,
                  const char  *filters,
                  GError     **error)
{
  g_autoptr(CitedReport) self = NULL;

  g_return_val_if_fail (CITED_IS_STORE (store), NULL);

  self = g_new0 (CitedReport, 1);
  self->ref_count = 1;
  self->filters = g_strdup (filters != NULL && *filters != '\0' ? filters : NULL);
  self->created = g_date_time_new_now_local ();
  self->charts = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_chart_unref);
  self->claims = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  if (!cited_store_summarize (store, &self->summary, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * cited_report_ref:
 * @self: a report
 *
 * Returns: (transfer full): @self
 */
CitedReport *
cited_report_ref (CitedReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

/**
 * cited_report_unref:
 * @self: (transfer full): a report
 *
 * Drops a reference to @self, freeing it with the last.
 */
void
cited_report_unref (CitedReport *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_free (self->title);
  g_free (self->filters);
  cited_corpus_summary_clear (&self->summary);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->charts, g_ptr_array_unref);
  g_clear_pointer (&self->claims, g_ptr_array_unref);
  g_free (self);
}

/**
 * cited_report_set_title:
 * @self: a report
 * @title: (nullable): the title, %NULL for the default
 */
void
cited_report_set_title (CitedReport *self,
                        const char  *title)
{
  g_return_if_fail (self != NULL);

  g_free (self->title);
  self->title = g_strdup (title != NULL && *title != '\0' ? title : NULL);
}

/**
 * cited_report_add_chart:
 * @self: a report
 * @chart: a chart; the report keeps a reference
 */
void
cited_report_add_chart (CitedReport *self,
                        CitedChart  *chart)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (chart != NULL);

  g_ptr_array_add (self->charts, cited_chart_ref (chart));
  /* A chart of brand mentions has no figures and so no claims. */
  if (chart->figures != NULL)
    g_ptr_array_add (self->claims, cited_claims_group (chart->figures));
  else
    g_ptr_array_add (self->claims, g_ptr_array_new_with_free_func ((GDestroyNotify) cited_claim_unref));
}

static const char *
report_title (CitedReport *self)
{
  if (self->title != NULL)
    return self->title;
  /* A report of one chart is about that chart. */
  if (self->charts->len == 1)
    {
      CitedChart *chart = g_ptr_array_index (self->charts, 0);

      if (chart->title != NULL && *chart->title != '\0')
        return chart->title;
    }
  return _("Cited Report");
}

/* Text of figures and claims */

/* "more than 140M units", "40–50 cities", "#1" */
static char *
value_text (double      value,
            double      value_max,
            const char *unit,
            const char *currency,
            const char *qualifier,
            const char *metric)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *number = cited_format_value (value, unit, currency);

  if (qualifier != NULL)
    g_string_append_printf (out, "%s ", cited_value_qualifier_words (qualifier));
  /* A rank reads as a place, not an amount. */
  if (g_strcmp0 (metric, "rank") == 0 && unit == NULL && currency == NULL)
    g_string_append_c (out, '#');
  g_string_append (out, number);
  if (isfinite (value_max))
    {
      g_autofree char *max = cited_format_value (value_max, unit, currency);

      g_string_append_printf (out, "–%s", max);
    }
  if (unit != NULL && currency == NULL && !g_str_equal (unit, "%") &&
      !g_str_has_suffix (out->str, unit))
    g_string_append_printf (out, " %s", unit);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
figure_value_text (const CitedFigure *figure)
{
  return value_text (figure->value, cited_figure_is_range (figure) ? figure->value_max : NAN,
                     figure->unit, figure->currency, figure->qualifier, figure->metric);
}

/* "Xiaomi · Sales · forecast · global · 2021": what a claim is about. */
static char *
claim_subject (const CitedClaim *claim)
{
  g_autoptr(GString) out = g_string_new (claim->brand != NULL ? claim->brand : _("Market"));
  g_autofree char *metric = cited_metric_label (claim->measure != NULL ? claim->measure
                                                                       : claim->metric);
  g_autofree char *period = cited_format_period (claim->year, claim->quarter, claim->period_inferred);

  g_string_append_printf (out, " · %s", metric);
  if (claim->change != CITED_CHANGE_LEVEL)
    g_string_append_printf (out, " · %s", claim->change == CITED_CHANGE_PERCENT
                                          ? _("change in percent") : _("change"));
  if (claim->span == CITED_SPAN_CUMULATIVE || claim->span == CITED_SPAN_RATE)
    g_string_append_printf (out, " · %s", cited_span_to_string (claim->span));
  if (claim->claim_status != CITED_CLAIM_REPORTED)
    g_string_append_printf (out, " · %s", cited_claim_status_to_string (claim->claim_status));
  if (claim->scope != NULL)
    g_string_append_printf (out, " · %s", claim->scope);
  if (period != NULL)
    g_string_append_printf (out, " · %s", period);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "190M units, cited by 2 articles (2022-01-10 – 2022-03-01)" */
static char *
claim_value_line (const CitedClaim *claim)
{
  g_autoptr(GString) out = NULL;
  g_autofree char *value = value_text (claim->value, claim->value_max, claim->unit,
                                       claim->currency, claim->qualifier, claim->metric);

  out = g_string_new (value);
  g_string_append (out, ", ");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "cited by %u article",
                                            "cited by %u articles", claim->n_sources),
                          claim->n_sources);
  if (claim->first_date != NULL && g_strcmp0 (claim->first_date, claim->last_date) != 0)
    g_string_append_printf (out, " (%s – %s)", claim->first_date, claim->last_date);
  else if (claim->first_date != NULL)
    g_string_append_printf (out, " (%s)", claim->first_date);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "“Title”, Outlet, 2022-01-10, path or address" */
static char *
figure_source_text (const CitedFigure *figure)
{
  GString *where = g_string_new (NULL);

  if (figure->article_title != NULL && *figure->article_title != '\0')
    g_string_append_printf (where, "“%s”", figure->article_title);
  if (figure->article_source != NULL && *figure->article_source != '\0')
    g_string_append_printf (where, "%s%s", where->len ? ", " : "", figure->article_source);
  if (figure->article_published != NULL && *figure->article_published != '\0')
    g_string_append_printf (where, "%s%s", where->len ? ", " : "", figure->article_published);
  if (figure->article_path != NULL && *figure->article_path != '\0')
    g_string_append_printf (where, "%s%s", where->len ? ", " : "", figure->article_path);
  return g_string_free (where, FALSE);
}

static void
add_claim_figures (GPtrArray        *blocks,
                   const CitedClaim *claim)
{
  for (guint i = 0; i < claim->figures->len; i++)
    {
      const CitedFigure *figure = g_ptr_array_index (claim->figures, i);
      g_autofree char *sentence = g_strdup (figure->sentence != NULL ? figure->sentence : "");
      g_autofree char *quote = g_strdup_printf ("“%s”", g_strstrip (sentence));
      g_autofree char *source = figure_source_text (figure);

      add_block (blocks, BLOCK_QUOTE, quote);
      add_block (blocks, BLOCK_SOURCE, source);
    }
}

/* Sections */

/* Every figure the charts draw, each once, in the order of the charts. */
static GPtrArray *
report_figures (CitedReport *self,
                guint       *n_articles)
{
  GPtrArray *figures = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) articles = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint c = 0; c < self->charts->len; c++)
    {
      CitedChart *chart = g_ptr_array_index (self->charts, c);

      for (guint i = 0; chart->figures != NULL && i < chart->figures->len; i++)
        {
          CitedFigure *figure = g_ptr_array_index (chart->figures, i);

          if (!g_hash_table_add (seen, &figure->id))
            continue;
          g_hash_table_add (articles, &figure->article_id);
          g_ptr_array_add (figures, figure);
        }
    }
  *n_articles = g_hash_table_size (articles);
  return figures;
}

static char *
dates_text (const CitedCorpusSummary *summary)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (summary->first_date == NULL)
    return g_strdup (_("No article is dated"));
  if (g_strcmp0 (summary->first_date, summary->last_date) == 0)
    g_string_append (out, summary->first_date);
  else
    g_string_append_printf (out, "%s – %s", summary->first_date, summary->last_date);
  if (summary->n_undated > 0)
    {
      g_string_append (out, " (");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u undated", "%u undated",
                                                summary->n_undated),
                              summary->n_undated);
      g_string_append_c (out, ')');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_title_page (CitedReport *self,
                GPtrArray   *blocks)
{
  const CitedCorpusSummary *summary = &self->summary;
  g_autoptr(GPtrArray) figures = NULL;
  g_autofree char *articles = g_strdup_printf ("%u", summary->n_articles);
  g_autofree char *sources = g_strdup_printf ("%u", summary->n_sources);
  g_autofree char *dates = dates_text (summary);
  g_autofree char *charts = g_strdup_printf ("%u", self->charts->len);
  g_autofree char *drawn = NULL;
  g_autofree char *cited = NULL;
  g_autofree char *created = g_date_time_format (self->created, "%Y-%m-%d %H:%M");
  g_autofree char *made = NULL;
  guint n_articles = 0;
  Block *facts;

  figures = report_figures (self, &n_articles);
  drawn = g_strdup_printf ("%u", figures->len);
  cited = g_strdup_printf ("%u", n_articles);
  /* Translators: under a report's title; %s is a date and time */
  made = g_strdup_printf (_("Made with Cited on %s"), created);

  add_section (blocks, "title", NULL);
  add_block (blocks, BLOCK_TITLE, report_title (self));
  add_block (blocks, BLOCK_NOTE, made);
  facts = add_rows_block (blocks, BLOCK_FACTS);
  /* Translators: the corpus a report comes from, on its title page */
  add_row (facts, _("Articles"), articles, NULL);
  add_row (facts, _("Sources"), sources, NULL);
  add_row (facts, _("Dates"), dates, NULL);
  if (self->filters != NULL)
    add_row (facts, _("Filters"), self->filters, NULL);
  add_row (facts, _("Charts"), charts, NULL);
  add_row (facts, _("Figures drawn"), drawn, NULL);
  add_row (facts, _("Articles cited"), cited, NULL);
}

static void
add_charts (CitedReport *self,
            GPtrArray   *blocks)
{
  add_section (blocks, "charts", _("Charts"));
  for (guint c = 0; c < self->charts->len; c++)
    {
      CitedChart *chart = g_ptr_array_index (self->charts, c);
      g_autofree char *description = cited_chart_describe (chart);

      /* The chart explains its marks under itself; the description reads
       * its values in words. */
      add_block (blocks, BLOCK_CHART, NULL)->chart = cited_chart_ref (chart);
      add_block (blocks, BLOCK_NOTE, description);
    }
}

static void
add_claims (CitedReport *self,
            GPtrArray   *blocks)
{
  add_section (blocks, "claims", _("Claims behind the charts"));
  for (guint c = 0; c < self->charts->len; c++)
    {
      CitedChart *chart = g_ptr_array_index (self->charts, c);
      GPtrArray *claims = g_ptr_array_index (self->claims, c);

      add_block (blocks, BLOCK_HEADING, chart->title);
      if (claims->len == 0)
        add_block (blocks, BLOCK_TEXT, chart->figures == NULL
                                       ? _("This chart counts brand mentions; no figures stand behind it.")
                                       : _("No figures stand behind this chart."));
      for (guint i = 0; i < claims->len; i++)
        {
          const CitedClaim *claim = g_ptr_array_index (claims, i);
          g_autofree char *subject = claim_subject (claim);
          g_autofree char *value = claim_value_line (claim);
          g_autofree char *heading = g_strdup_printf ("%s: %s", subject, value);

          add_block (blocks, BLOCK_SUBHEADING, heading);
          add_claim_figures (blocks, claim);
        }
    }
}

static void
add_contradiction_side (GPtrArray        *blocks,
                        const CitedClaim *claim)
{
  g_autofree char *value = claim_value_line (claim);

  add_block (blocks, BLOCK_SUBHEADING, value);
  add_claim_figures (blocks, claim);
}

static void
add_contradictions (CitedReport *self,
                    GPtrArray   *blocks)
{
  guint n = 0;

  add_section (blocks, "contradictions", _("Contradictions"));
  for (guint c = 0; c < self->claims->len; c++)
    {
      g_autoptr(GPtrArray) found = cited_claims_find_contradictions (g_ptr_array_index (self->claims, c));

      for (guint i = 0; i < found->len; i++, n++)
        {
          const CitedContradiction *contradiction = g_ptr_array_index (found, i);
          g_autofree char *subject = claim_subject (contradiction->a);

          add_block (blocks, BLOCK_HEADING, subject);
          add_contradiction_side (blocks, contradiction->a);
          /* Translators: between the two sides of a contradiction */
          add_block (blocks, BLOCK_TEXT, _("contradicts"));
          add_contradiction_side (blocks, contradiction->b);
        }
    }
  if (n == 0)
    add_block (blocks, BLOCK_TEXT, _("None of the claims behind these charts contradict each other."));
}

static void
add_appendix (CitedReport *self,
              GPtrArray   *blocks)
{
  g_autoptr(GPtrArray) figures = NULL;
  guint n_articles;
  Block *table;

  add_section (blocks, "appendix", _("Appendix: every figure drawn"));
  figures = report_figures (self, &n_articles);
  if (figures->len == 0)
    {
      add_block (blocks, BLOCK_TEXT, _("These charts count brand mentions; they draw no figures."));
      return;
    }
  table = add_rows_block (blocks, BLOCK_TABLE);
  add_row (table, _("ID"), _("Company"), _("Metric"), _("Value"), _("Scope"), _("Period"),
           _("Article"), _("Source"), _("Date"), NULL);
  for (guint i = 0; i < figures->len; i++)
    {
      const CitedFigure *f = g_ptr_array_index (figures, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->id);
      g_autofree char *metric = cited_metric_label (cited_figure_get_measure (f));
      g_autofree char *value = figure_value_text (f);
      g_autofree char *period = cited_format_period (f->year, f->quarter, f->period_inferred);

      add_row (table, id, f->brand ? f->brand : "", metric, value, f->scope ? f->scope : "",
               period ? period : "", f->article_title ? f->article_title : "",
               f->article_source ? f->article_source : "",
               f->article_published ? f->article_published : "", NULL);
    }
}

static GPtrArray *
report_blocks (CitedReport *self)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func (block_free);

  add_title_page (self, blocks);
  add_charts (self, blocks);
  add_claims (self, blocks);
  add_contradictions (self, blocks);
  add_appendix (self, blocks);
  return blocks;
}

/* HTML */

static const char html_style[] =
  "body { font-family: sans-serif; color: #1e1e1e; background: #fff; line-height: 1.45;\n"
  "       max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }\n"
  "h1 { font-size: 2rem; margin: 3rem 0 .5rem; }\n"
  "h2 { font-size: 1.5rem; border-bottom: 2px solid #1e1e1e; padding-bottom: .2rem; }\n"
  "h3 { font-size: 1.15rem; margin-top: 1.8rem; }\n"
  "h4 { font-size: 1rem; margin: 1.2rem 0 .3rem; }\n"
  ".note { color: #555; font-size: .9rem; }\n"
  "blockquote { font-style: italic; margin: .3rem 0 0 1rem; }\n"
  ".source { color: #555; font-size: .85rem; margin: .1rem 0 .6rem 1rem; }\n"
  "figure { margin: 1rem 0; }\n"
  "figure svg { display: block; width: 100%; height: auto; }\n"
  "table { border-collapse: collapse; width: 100%; font-size: .85rem; }\n"
  "th, td { text-align: left; vertical-align: top; padding: .25rem .5rem;\n"
  "         border-bottom: 1px solid #ccc; }\n"
  "th { border-bottom: 2px solid #1e1e1e; }\n"
  "table:not(.facts) td:first-child, table:not(.facts) td:last-child { white-space: nowrap; }\n"
  "table.facts { width: auto; font-size: 1rem; }\n"
  "table.facts th { border-bottom: 1px solid #ccc; padding-right: 2rem; }\n"
  "@page { size: A4; margin: 18mm; }\n"
  "@media print {\n"
  "  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }\n"
  "  section + section { break-before: page; }\n"
  "  h2, h3, h4 { break-after: avoid; }\n"
  "  figure, tr, blockquote, .source { break-inside: avoid; }\n"
  "  thead { display: table-header-group; }\n"
  "}\n";

/* Cairo names the clip paths, gradients and patterns of every SVG it
 * writes alike ("clip1", "linear0"): inline in one document, the second
 * chart would paint with the first one's. Each chart's names get their
 * own prefix. */
static char *
svg_inline (CitedChart  *chart,
            guint        index,
            GError     **error)
{
  g_autoptr(GBytes) bytes = cited_chart_to_svg (chart, CHART_WIDTH, CHART_HEIGHT, error);
  g_autoptr(GString) svg = NULL;
  g_autofree char *prefix = NULL;
  const char *data, *root;
  gsize size;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  root = g_strstr_len (data, size, "<svg");
  if (root == NULL)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_FAILED,
                           _("Could not draw the chart: the SVG has no root element"));
      return NULL;
    }
  svg = g_string_new_len (root, size - (root - data));
  prefix = g_strdup_printf ("chart%u-", index + 1);
  {
    g_autofree char *id = g_strconcat ("id=\"", prefix, NULL);
    g_autofree char *url = g_strconcat ("url(#", prefix, NULL);
    g_autofree char *href = g_strconcat ("href=\"#", prefix, NULL);

    g_string_replace (svg, "id=\"", id, 0);
    g_string_replace (svg, "url(#", url, 0);
    g_string_replace (svg, "href=\"#", href, 0);
  }
  /* The chart says what it shows to screen readers by its <title>. */
  g_string_replace (svg, "<svg ", "<svg role=\"img\" ", 1);
  return g_string_free (g_steal_pointer (&svg), FALSE);
}

static void
html_element (GString    *out,
              const char *tag,
              const char *class,
              const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  if (class != NULL)
    g_string_append_printf (out, "<%s class=\"%s\">%s</%s>\n", tag, class, escaped, tag);
  else
    g_string_append_printf (out, "<%s>%s</%s>\n", tag, escaped, tag);
}

static void
html_table (GString     *out,
            const Block *block)
{
  gboolean facts = block->kind == BLOCK_FACTS;

  g_string_append (out, facts ? "<table class=\"facts\">\n" : "<table>\n");
  for (guint r = 0; r < block->rows->len; r++)
    {
      const char * const *row = g_ptr_array_index (block->rows, r);
      gboolean header = !facts && r == 0;

      if (header)
        g_string_append (out, "<thead>");
      else if (!facts && r == 1)
        g_string_append (out, "<tbody>\n");
      g_string_append (out, "<tr>");
      for (guint i = 0; row[i] != NULL; i++)
        {
          g_autofree char *cell = g_markup_escape_text (row[i], -1);
          const char *tag = header || (facts && i == 0) ? "th" : "td";

          g_string_append_printf (out, "<%s>%s</%s>", tag, cell, tag);
        }
      g_string_append (out, header ? "</tr></thead>\n" : "</tr>\n");
    }
  if (!facts && block->rows->len > 1)
    g_string_append (out, "</tbody>\n");
  g_string_append (out, "</table>\n");
}

static gboolean
html_block (GString      *out,
            const Block  *block,
            guint        *n_charts,
            gboolean     *in_section,
            GError      **error)
{
  switch (block->kind)
    {
    case BLOCK_SECTION:
      if (*in_section)
        g_string_append (out, "</section>\n");
      g_string_append_printf (out, "<section id=\"%s\">\n", block->id);
      *in_section = TRUE;
      if (block->text != NULL)
        html_element (out, "h2", NULL, block->text);
      break;
    case BLOCK_TITLE:
      html_element (out, "h1", NULL, block->text);
      break;
    case BLOCK_HEADING:
      html_element (out, "h3", NULL, block->text);
      break;
    case BLOCK_SUBHEADING:
      html_element (out, "h4", NULL, block->text);
      break;
    case BLOCK_TEXT:
      html_element (out, "p", NULL, block->text);
      break;
    case BLOCK_NOTE:
      html_element (out, "p", "note", block->text);
      break;
    case BLOCK_QUOTE:
      html_element (out, "blockquote", NULL, block->text);
      break;
    case BLOCK_SOURCE:
      html_element (out, "p", "source", block->text);
      break;
    case BLOCK_CHART:
      {
        g_autofree char *svg = svg_inline (block->chart, (*n_charts)++, error);

        if (svg == NULL)
          return FALSE;
        g_string_append_printf (out, "<figure>\n%s</figure>\n", svg);
      }
      break;
    case BLOCK_FACTS:
    case BLOCK_TABLE:
      html_table (out, block);
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/**
 * cited_report_to_html:
 *
 * Returns: (transfer full): the HTML document, or NULL with @error set when
 *   a chart could not be drawn
 */
char *
cited_report_to_html (CitedReport  *self,
                      GError      **error)
{
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GString) out = g_string_new ("<!DOCTYPE html>\n");
  g_autofree char *title = NULL;
  const char * const *languages = g_get_language_names ();
  g_autofree char *lang = NULL;
  gboolean in_section = FALSE;
  guint n_charts = 0;

  g_return_val_if_fail (self != NULL, NULL);

  /* The document's language is the one its headings are written in. */
  lang = g_strdup (languages[0] != NULL && !g_str_equal (languages[0], "C") &&
                   !g_str_equal (languages[0], "POSIX") ? languages[0] : "en");
  g_strdelimit (lang, "_", '-');
  if (strchr (lang, '.') != NULL)
    *strchr (lang, '.') = '\0';
  if (strchr (lang, '@') != NULL)
    *strchr (lang, '@') = '\0';
  for (char *p = lang; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      *p = '-';
  title = g_markup_escape_text (report_title (self), -1);
  g_string_append_printf (out, "<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<meta name=\"generator\" content=\"Cited %s\">\n"
                          "<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n",
                          lang, PACKAGE_VERSION, title, html_style);

  blocks = report_blocks (self);
  for (guint i = 0; i < blocks->len; i++)
    if (!html_block (out, g_ptr_array_index (blocks, i), &n_charts, &in_section, error))
      return NULL;
  if (in_section)
    g_string_append (out, "</section>\n");
  g_string_append (out, "</body>\n</html>\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* PDF */

/* A4 in points, and its margins. */
#define PAGE_WIDTH 595.276
#define PAGE_HEIGHT 841.89
#define MARGIN 56.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
#define BOTTOM (PAGE_HEIGHT - MARGIN)
#define QUOTE_INDENT 14.0
#define CELL_PAD 3.0

typedef struct {
  cairo_t *cr;
  const char *title;
  double y;
  guint page;
} Pdf;

static PangoLayout *
pdf_layout (Pdf        *pdf,
            const char *font,
            double      width,
            const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  /* Fonts in points on a page measured in points. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static void
pdf_grey (Pdf *pdf)
{
  cairo_set_source_rgb (pdf->cr, 0.33, 0.33, 0.33);
}

static void
pdf_ink (Pdf *pdf)
{
  cairo_set_source_rgb (pdf->cr, 0.12, 0.12, 0.12);
}

/* Ends the page with its footer (the report's title and the page number)
 * and starts the next. */
static void
pdf_new_page (Pdf *pdf)
{
  g_autofree char *footer = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  int width;

  /* Translators: the footer of a report's pages: its title, the page number */
  footer = g_strdup_printf (_("%s · page %u"), pdf->title, pdf->page);
  layout = pdf_layout (pdf, CITED_FONT_FAMILY " 8", CONTENT_WIDTH, footer);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  pango_layout_get_pixel_size (layout, &width, NULL);
  pdf_grey (pdf);
  cairo_move_to (pdf->cr, MARGIN + (CONTENT_WIDTH - width) / 2, PAGE_HEIGHT - MARGIN / 2 - 8);
  pango_cairo_show_layout (pdf->cr, layout);
  cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = MARGIN;
}

/* Draws @text line by line from the current height, a line that does not
 * fit going on the next page. @keep is room to leave for what follows (a
 * heading's first lines): without it the text starts a new page. */
static void
pdf_text (Pdf        *pdf,
          const char *font,
          double      indent,
          double      space_before,
          double      keep,
          const char *text)
{
  g_autoptr(PangoLayout) layout = pdf_layout (pdf, font, CONTENT_WIDTH - indent, text);
  PangoLayoutIter *iter;
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  if (pdf->y > MARGIN)
    pdf->y += space_before;
  if (pdf->y > MARGIN && pdf->y + MIN (height, BOTTOM - MARGIN) + keep > BOTTOM)
    pdf_new_page (pdf);

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      int baseline = pango_layout_iter_get_baseline (iter);

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      if (pdf->y + (double) logical.height / PANGO_SCALE > BOTTOM)
        pdf_new_page (pdf);
      cairo_move_to (pdf->cr, MARGIN + indent + (double) logical.x / PANGO_SCALE,
                     pdf->y + (double) (baseline - logical.y) / PANGO_SCALE);
      pango_cairo_show_layout_line (pdf->cr, pango_layout_iter_get_line_readonly (iter));
      pdf->y += (double) logical.height / PANGO_SCALE;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

#define NOTE_FONT CITED_FONT_FAMILY " 9"
#define NOTE_SPACE 4

/* The height @text takes as a note (BLOCK_NOTE) with the space above it. */
static double
pdf_note_height (Pdf        *pdf,
                 const char *text)
{
  g_autoptr(PangoLayout) layout = pdf_layout (pdf, NOTE_FONT, CONTENT_WIDTH, text);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height + NOTE_SPACE;
}

/* Draws @chart, on a new page unless it fits with @keep below it (the
 * description that goes with it). */
static void
pdf_chart (Pdf        *pdf,
           CitedChart *chart,
           double      keep)
{
  double scale = CONTENT_WIDTH / PDF_CHART_WIDTH;
  double height = PDF_CHART_HEIGHT * scale;
  CitedChartStyle style;

  if (pdf->y > MARGIN)
    pdf->y += 12;
  if (pdf->y + height + keep > BOTTOM)
    pdf_new_page (pdf);
  cited_chart_style_print (&style);
  cairo_save (pdf->cr);
  cairo_translate (pdf->cr, MARGIN, pdf->y);
  cairo_scale (pdf->cr, scale, scale);
  cited_chart_render (chart, pdf->cr, PDF_CHART_WIDTH, PDF_CHART_HEIGHT, &style);
  cairo_restore (pdf->cr);
  pdf->y += height + 6;
}

/* How a table is drawn: its column widths, its fonts, its header. */
typedef struct {
  double widths[9];
  const char *font;
  const char *bold_font;
  gboolean bold_first;       /* the first column holds labels */
  const char * const *header;
} TableStyle;

/* The cells of one row of a table, each wrapped in its column; the row is
 * as high as its highest cell. */
static GPtrArray *
pdf_row_layouts (Pdf                *pdf,
                 const char * const *row,
                 const TableStyle   *style,
                 gboolean            bold,
                 double             *row_height)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_object_unref);

  *row_height = 0;
  for (guint i = 0; row[i] != NULL; i++)
    {
      const char *font = bold || (style->bold_first && i == 0) ? style->bold_font : style->font;
      PangoLayout *layout = pdf_layout (pdf, font, style->widths[i] - 2 * CELL_PAD, row[i]);
      int height;

      pango_layout_get_pixel_size (layout, NULL, &height);
      *row_height = MAX (*row_height, height + 2 * CELL_PAD);
      g_ptr_array_add (cells, layout);
    }
  return cells;
}

static void
pdf_row (Pdf                *pdf,
         const char * const *row,
         const TableStyle   *style,
         gboolean            is_header)
{
  g_autoptr(GPtrArray) cells = NULL;
  double row_height, x = MARGIN;

  cells = pdf_row_layouts (pdf, row, style, is_header, &row_height);
  /* A row that does not fit goes on the next page, under the header
   * again. */
  if (pdf->y + row_height > BOTTOM && pdf->y > MARGIN)
    {
      pdf_new_page (pdf);
      if (!is_header && style->header != NULL)
        pdf_row (pdf, style->header, style, TRUE);
    }
  pdf_ink (pdf);
  for (guint i = 0; i < cells->len; i++)
    {
      cairo_move_to (pdf->cr, x + CELL_PAD, pdf->y + CELL_PAD);
      pango_cairo_show_layout (pdf->cr, g_ptr_array_index (cells, i));
      x += style->widths[i];
    }
  pdf->y += row_height;
  cairo_set_source_rgba (pdf->cr, 0, 0, 0, is_header ? 0.8 : 0.2);
  cairo_set_line_width (pdf->cr, is_header ? 1 : 0.5);
  cairo_move_to (pdf->cr, MARGIN, pdf->y);
  cairo_line_to (pdf->cr, MARGIN + CONTENT_WIDTH, pdf->y);
  cairo_stroke (pdf->cr);
}

static void
pdf_table (Pdf         *pdf,
           const Block *block)
{
  /* The appendix's columns: figure, company, metric, value, scope, period,
   * article, source, date; the title page's facts: label, value. */
  static const double table_weights[] = { 0.6, 1.3, 1.1, 1.5, 1.0, 0.8, 2.4, 1.3, 1.5 };
  static const double facts_weights[] = { 1, 3 };
  gboolean facts = block->kind == BLOCK_FACTS;
  const double *weights = facts ? facts_weights : table_weights;
  guint n = facts ? G_N_ELEMENTS (facts_weights) : G_N_ELEMENTS (table_weights);
  TableStyle style = { { 0 } };
  double sum = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (table_weights) == G_N_ELEMENTS (style.widths));
  g_return_if_fail (g_strv_length (g_ptr_array_index (block->rows, 0)) == n);
  for (guint i = 0; i < n; i++)
    sum += weights[i];
  for (guint i = 0; i < n; i++)
    style.widths[i] = CONTENT_WIDTH * weights[i] / sum;
  style.font = facts ? CITED_FONT_FAMILY " 11" : CITED_FONT_FAMILY " 7.5";
  style.bold_font = facts ? CITED_FONT_FAMILY " Bold 11" : CITED_FONT_FAMILY " Bold 7.5";
  style.bold_first = facts;
  style.header = facts ? NULL : g_ptr_array_index (block->rows, 0);

  pdf->y += 10;
  for (guint r = 0; r < block->rows->len; r++)
    pdf_row (pdf, g_ptr_array_index (block->rows, r), &style, !facts && r == 0);
}

/* Draws @block; @next is the block after it, or NULL. */
static void
pdf_block (Pdf         *pdf,
           const Block *block,
           const Block *next)
{
  switch (block->kind)
    {
    case BLOCK_SECTION:
      if (pdf->y > MARGIN || pdf->page > 1)
        pdf_new_page (pdf);
      if (block->text != NULL)
        {
          pdf_ink (pdf);
          pdf_text (pdf, CITED_FONT_FAMILY " Bold 17", 0, 0, 0, block->text);
          pdf->y += 6;
        }
      break;
    case BLOCK_TITLE:
      /* The title stands a third of the way down its page. */
      pdf->y = PAGE_HEIGHT / 4;
      pdf_ink (pdf);
      pdf_text (pdf, CITED_FONT_FAMILY " Bold 24", 0, 0, 0, block->text);
      break;
    case BLOCK_HEADING:
      pdf_ink (pdf);
      pdf_text (pdf, CITED_FONT_FAMILY " Bold 13", 0, 16, 60, block->text);
      break;
    case BLOCK_SUBHEADING:
      pdf_ink (pdf);
      pdf_text (pdf, CITED_FONT_FAMILY " Bold 10", 0, 10, 40, block->text);
      break;
    case BLOCK_TEXT:
      pdf_ink (pdf);
      /* "contradicts" stays with the side after it. */
      pdf_text (pdf, CITED_FONT_FAMILY " 10", 0, 6, 30, block->text);
      break;
    case BLOCK_NOTE:
      pdf_grey (pdf);
      pdf_text (pdf, NOTE_FONT, 0, NOTE_SPACE, 0, block->text);
      break;
    case BLOCK_QUOTE:
      pdf_ink (pdf);
      /* A quote keeps its source line with it. */
      pdf_text (pdf, CITED_FONT_FAMILY " Italic 9.5", QUOTE_INDENT, 4, 12, block->text);
      break;
    case BLOCK_SOURCE:
      pdf_grey (pdf);
      pdf_text (pdf, CITED_FONT_FAMILY " 8.5", QUOTE_INDENT, 1, 0, block->text);
      break;
    case BLOCK_CHART:
      /* A chart's description in words stays on its page. */
      pdf_chart (pdf, block->chart,
                 next != NULL && next->kind == BLOCK_NOTE ? pdf_note_height (pdf, next->text) : 0);
      break;
    case BLOCK_FACTS:
    case BLOCK_TABLE:
      pdf_table (pdf, block);
      break;
    default:
      g_assert_not_reached ();
    }
}

static cairo_status_t
write_to_bytes_cb (void                *closure,
                   const unsigned char *data,
                   unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
report_to_pdf (CitedReport  *self,
               GError      **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GPtrArray) blocks = report_blocks (self);
  cairo_surface_t *surface;
  cairo_status_t status;
  Pdf pdf = { 0 };

  surface = cairo_pdf_surface_create_for_stream (write_to_bytes_cb, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report_title (self));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Cited " PACKAGE_VERSION);
  pdf.cr = cairo_create (surface);
  pdf.title = report_title (self);
  pdf.page = 1;
  pdf.y = MARGIN;
  for (guint i = 0; i < blocks->len; i++)
    pdf_block (&pdf, g_ptr_array_index (blocks, i),
               i + 1 < blocks->len ? g_ptr_array_index (blocks, i + 1) : NULL);
  pdf_new_page (&pdf);
  status = cairo_status (pdf.cr);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_FAILED,
                   _("Could not draw the report: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * cited_report_write:
 * @path: a file name ending in .pdf, .html or .htm
 *
 * Returns: TRUE, or FALSE with @error set
 */
gboolean
cited_report_write (CitedReport  *self,
                    const char   *path,
                    GError      **error)
{
  g_autofree char *lower = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".pdf"))
    bytes = report_to_pdf (self, error);
  else if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
    {
      char *html = cited_report_to_html (self, error);

      if (html != NULL)
        bytes = g_bytes_new_take (html, strlen (html));
    }
  else
    {
      g_autofree char *display = g_filename_display_basename (path);

      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("Cannot write the report “%s”: the file name must end in .pdf or .html"),
                   display);
      return FALSE;
    }
  if (bytes == NULL)
    return FALSE;
  return g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}
