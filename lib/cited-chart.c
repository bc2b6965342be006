/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-chart"
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "cited-chart.h"
#include "cited-chart-private.h"
#include "cited-claims.h"
#include "cited-store-private.h"
#include "cited-csv.h"
#include "cited-error.h"
#include "cited-extractor.h"
#include "cited-value.h"

/* Limits that keep a chart readable: more brands or groups than this become
 * a note in the subtitle instead of bars too thin to see. */
#define MAX_FIGURE_CATEGORIES 12
#define MAX_FIGURE_SERIES 8
#define MAX_FIGURE_BARS 40
#define MAX_SHARE_BRANDS 8
#define MAX_TREND_BRANDS 4
#define MAX_SOURCE_TITLES 3
#define MAX_TOOLTIP_QUOTES 3
#define QUOTE_CONTEXT_BYTES 100
#define MAX_EXPORT_SIDE 16384
/* 64 megapixels: a 256 MB image, not more. */
#define MAX_EXPORT_PIXELS (64.0 * 1024 * 1024)

G_DEFINE_BOXED_TYPE (CitedChart, cited_chart, cited_chart_ref, cited_chart_unref)
G_DEFINE_BOXED_TYPE (CitedChartBar, cited_chart_bar, cited_chart_bar_copy, cited_chart_bar_free)
G_DEFINE_BOXED_TYPE (CitedChartSeries, cited_chart_series, cited_chart_series_copy, cited_chart_series_free)

/**
 * cited_chart_bar_copy:
 * @self: a bar
 *
 * Returns: (transfer full): a copy of @self with its figure ids and strings
 */
CitedChartBar *
cited_chart_bar_copy (const CitedChartBar *self)
{
  CitedChartBar *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_memdup2 (self, sizeof *self);
  if (self->figure_ids != NULL)
    copy->figure_ids = g_array_copy (self->figure_ids);
  copy->tooltip = g_strdup (self->tooltip);
  copy->color = g_strdup (self->color);
  copy->label = g_strdup (self->label);
  copy->qualifier = g_strdup (self->qualifier);
  return copy;
}

/**
 * cited_chart_bar_free:
 * @self: (transfer full) (nullable): a bar of a chart
 *
 * Frees @self, its labels and the ids of its figures.
 */
void
cited_chart_bar_free (CitedChartBar *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->figure_ids, g_array_unref);
  g_free (self->tooltip);
  g_free (self->color);
  g_free (self->label);
  g_free (self->qualifier);
  g_free (self);
}

static gpointer
chart_bar_copy (gconstpointer bar,
                gpointer      user_data)
{
  return bar != NULL ? cited_chart_bar_copy (bar) : NULL;
}

/**
 * cited_chart_series_copy:
 * @self: a series
 *
 * Returns: (transfer full): a copy of @self with copies of its bars
 */
CitedChartSeries *
cited_chart_series_copy (const CitedChartSeries *self)
{
  CitedChartSeries *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_new0 (CitedChartSeries, 1);
  copy->name = g_strdup (self->name);
  copy->color = g_strdup (self->color);
  if (self->bars != NULL)
    {
      copy->bars = g_ptr_array_copy (self->bars, chart_bar_copy, NULL);
      g_ptr_array_set_free_func (copy->bars, (GDestroyNotify) cited_chart_bar_free);
    }
  return copy;
}

/**
 * cited_chart_series_free:
 * @self: (transfer full) (nullable): a series of a trend chart
 *
 * Frees @self and its bars.
 */
void
cited_chart_series_free (CitedChartSeries *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->color);
  g_clear_pointer (&self->bars, g_ptr_array_unref);
  g_free (self);
}

/**
 * cited_chart_new:
 * @kind: how the chart is drawn
 * @title: (nullable): the chart's title
 *
 * Returns: (transfer full): an empty chart
 */
CitedChart *
cited_chart_new (CitedChartKind  kind,
                 const char     *title)
{
  CitedChart *self = g_new0 (CitedChart, 1);

  self->ref_count = 1;
  self->kind = kind;
  self->title = g_strdup (title);
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_chart_series_free);
  return self;
}

/**
 * cited_chart_ref:
 * Returns: (transfer full): @self, with one more reference
 */
CitedChart *
cited_chart_ref (CitedChart *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

/**
 * cited_chart_unref:
 * Drops a reference; the last one frees the chart and everything in it.
 */
void
cited_chart_unref (CitedChart *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  /* The renderer remembers the fonts of the last render beside the chart
   * (see cited-chart-render.c) so hit testing matches what was drawn. */
  g_dataset_destroy (self);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->source_note);
  g_free (self->unit);
  g_free (self->currency);
  g_ptr_array_unref (self->categories);
  g_ptr_array_unref (self->series);
  g_clear_pointer (&self->figures, g_ptr_array_unref);
  g_free (self);
}

/**
 * cited_chart_add_category:
 * @self: a chart
 * @label: the category's label
 *
 * Appends an x label; every series gets an empty slot for it.
 *
 * Returns: the new category's index
 */
guint
cited_chart_add_category (CitedChart *self,
                          const char *label)
{
  g_return_val_if_fail (self != NULL, 0);

  g_ptr_array_add (self->categories, g_strdup (label ? label : ""));
  for (guint i = 0; i < self->series->len; i++)
    {
      CitedChartSeries *series = g_ptr_array_index (self->series, i);
      g_ptr_array_add (series->bars, NULL);
    }
  return self->categories->len - 1;
}

/**
 * cited_chart_add_series:
 * @color: (nullable): "#RRGGBB", or NULL for the renderer's palette
 * Returns: (transfer none): the new series, empty at every category
 */
CitedChartSeries *
cited_chart_add_series (CitedChart *self,
                        const char *name,
                        const char *color)
{
  CitedChartSeries *series;

  g_return_val_if_fail (self != NULL, NULL);

  series = g_new0 (CitedChartSeries, 1);
  series->name = g_strdup (name ? name : "");
  series->color = g_strdup (color);
  series->bars = g_ptr_array_new_full (self->categories->len, (GDestroyNotify) cited_chart_bar_free);
  g_ptr_array_set_size (series->bars, self->categories->len);
  g_ptr_array_add (self->series, series);
  return series;
}

/**
 * cited_chart_set_value:
 * @self: a chart
 * @series: one of its series
 * @category: a category's index
 * @value: the value
 * @figure_id: a figure behind the value, or 0
 * @tooltip: (nullable): what the bar's tooltip says
 *
 * Sets the value of @series at @category, adds @figure_id (unless 0) to the
 * figures behind it and replaces its tooltip when @tooltip is not NULL.
 *
 * Returns: (transfer none): the bar
 */
CitedChartBar *
cited_chart_set_value (CitedChart       *self,
                       CitedChartSeries *series,
                       guint             category,
                       double            value,
                       gint64            figure_id,
                       const char       *tooltip)
{
  CitedChartBar *bar;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (series != NULL, NULL);
  g_return_val_if_fail (category < self->categories->len, NULL);

  bar = g_ptr_array_index (series->bars, category);
  if (bar == NULL)
    {
      bar = g_new0 (CitedChartBar, 1);
      bar->figure_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      bar->value_max = NAN;
      g_ptr_array_index (series->bars, category) = bar;
    }
  bar->value = value;
  if (figure_id != 0)
    g_array_append_val (bar->figure_ids, figure_id);
  if (tooltip != NULL)
    {
      g_free (bar->tooltip);
      bar->tooltip = g_strdup (tooltip);
    }
  return bar;
}

/* Nice ticks */

static double
nice_number (double x)
{
  double exponent = floor (log10 (x));
  double base = pow (10, exponent);
  double fraction = x / base;

  /* Round up to the next of 1, 2, 5, 10 with a little slack for the
   * floating point noise of the division. */
  if (fraction <= 1.0 + 1e-9)
    return base;
  if (fraction <= 2.0 + 1e-9)
    return 2 * base;
  if (fraction <= 5.0 + 1e-9)
    return 5 * base;
  return 10 * base;
}

/**
 * cited_chart_nice_step:
 * @min: the smallest value to show
 * @max: the largest value to show
 * @max_ticks: at most this many intervals (at least 1)
 * @axis_min: (out) (optional): the axis start, a multiple of the step <= min(0, @min)
 * @axis_max: (out) (optional): the axis end, a multiple of the step >= max(0, @max)
 *
 * Returns: the tick step
 */
double
cited_chart_nice_step (double  min,
                       double  max,
                       guint   max_ticks,
                       double *axis_min,
                       double *axis_max)
{
  double lo = MIN (0, min);
  double hi = MAX (0, max);
  double step;
  double a, b;

  if (!isfinite (lo))
    lo = 0;
  if (!isfinite (hi))
    hi = 0;
  if (max_ticks < 1)
    max_ticks = 1;
  if (hi - lo <= 0)
    hi = lo + 1;

  step = nice_number ((hi - lo) / max_ticks);
  /* Rounding the ends out to the step can need one more interval than
   * asked for; the next nice step then fits. */
  for (;;)
    {
      a = floor (lo / step + 1e-9) * step;
      b = ceil (hi / step - 1e-9) * step;
      if ((b - a) / step <= max_ticks + 1e-9)
        break;
      step = nice_number (step * 1.5);
    }

  if (axis_min)
    *axis_min = a == 0 ? 0 : a;   /* no "-0" */
  if (axis_max)
    *axis_max = b;
  return step;
}

/* Text helpers */

/* Moves @pos back to the start of a UTF-8 character. */
static gsize
utf8_floor (const char *s,
            gsize       pos)
{
  while (pos > 0 && (s[pos] & 0xC0) == 0x80)
    pos--;
  return pos;
}

/* The sentence behind @figure, cut to a window around the figure when it is
 * long (some translated articles run whole paragraphs into one sentence). */
static char *
quote_figure (const CitedFigure *figure)
{
  const char *sentence = figure->sentence;
  gsize len, at, text_len, from, to;
  GString *quote;

  if (sentence == NULL || *sentence == '\0')
    return g_strdup (figure->text ? figure->text : "");

  len = strlen (sentence);
  text_len = figure->text ? strlen (figure->text) : 0;
  if (figure->start >= figure->sentence_start &&
      figure->end <= figure->sentence_end &&
      figure->sentence_end - figure->sentence_start == len)
    {
      at = figure->start - figure->sentence_start;
      text_len = figure->end - figure->start;
    }
  else
    {
      const char *found = figure->text ? strstr (sentence, figure->text) : NULL;
      at = found ? (gsize) (found - sentence) : 0;
    }

  if (len <= 2 * QUOTE_CONTEXT_BYTES + text_len)
    {
      g_autofree char *copy = g_strdup (sentence);
      return g_strdup (g_strstrip (copy));
    }

  from = at > QUOTE_CONTEXT_BYTES ? at - QUOTE_CONTEXT_BYTES : 0;
  to = MIN (len, at + text_len + QUOTE_CONTEXT_BYTES);
  /* Cut at word boundaries where one is near. */
  for (gsize i = from; from > 0 && i < from + 20 && i < at; i++)
    if (sentence[i] == ' ')
      {
        from = i + 1;
        break;
      }
  for (gsize i = to; to < len && i > to - 20 && i > at + text_len; i--)
    if (sentence[i] == ' ')
      {
        to = i;
        break;
      }
  from = utf8_floor (sentence, from);
  to = utf8_floor (sentence, to);

  quote = g_string_new (NULL);
  if (from > 0)
    g_string_append (quote, "…");
  g_string_append_len (quote, sentence + from, to - from);
  if (to < len)
    g_string_append (quote, "…");
  g_strstrip (quote->str);
  return g_string_free (quote, FALSE);
}

/**
 * cited_figure_quote:
 * @figure: a figure
 *
 * Returns: (transfer full): the sentence @figure comes from, cut to a
 *   window around the figure when it is long, as bar tooltips quote it
 */
char *
cited_figure_quote (const CitedFigure *figure)
{
  g_return_val_if_fail (figure != NULL, NULL);
  return quote_figure (figure);
}

/* Figures chart */

typedef struct {
  char *key;                 /* scope \x1f period */
  char *name;                /* legend text */
  int scope_rank;
  char *scope;
  int year;
  int quarter;
  guint n_figures;
  gboolean overall;          /* neither scope nor period */
} SeriesInfo;

static void
series_info_free (gpointer data)
{
  SeriesInfo *info = data;

  g_free (info->key);
  g_free (info->name);
  g_free (info->scope);
  g_free (info);
}

/* One bar of the figures chart: the figures of a brand that cite the same
 * value with the same scope and period. */
typedef struct {
  guint group;               /* index into the drawn groups */
  GPtrArray *figures;        /* CitedFigure */
  double value;
  double value_max;          /* NAN: not a range */
  guint n_sources;           /* the articles citing its claim */
  guint slot;                /* its place among its brand's bars of the group */
  gboolean kept;
} BarInfo;

static void
bar_info_free (gpointer data)
{
  BarInfo *info = data;

  g_ptr_array_unref (info->figures);
  g_free (info);
}

typedef struct {
  char *brand;
  double max;
  GHashTable *groups;        /* series key -> GPtrArray of CitedFigure */
  GPtrArray *bars;           /* BarInfo, in drawing order */
} BrandInfo;

static void
brand_info_free (gpointer data)
{
  BrandInfo *info = data;

  g_free (info->brand);
  g_hash_table_unref (info->groups);
  g_ptr_array_unref (info->bars);
  g_free (info);
}

static int
scope_rank (const char *scope)
{
  if (scope == NULL)
    return 4;
  if (g_str_equal (scope, "global"))
    return 0;
  if (g_str_equal (scope, "overseas"))
    return 1;
  if (g_str_equal (scope, "domestic"))
    return 2;
  return 3;
}

static int
series_info_compare (gconstpointer a,
                     gconstpointer b)
{
  const SeriesInfo *x = *(SeriesInfo * const *) a;
  const SeriesInfo *y = *(SeriesInfo * const *) b;
  int c;

  if (x->scope_rank != y->scope_rank)
    return x->scope_rank - y->scope_rank;
  if ((c = g_strcmp0 (x->scope, y->scope)) != 0)
    return c;
  if (x->year != y->year)
    return x->year - y->year;
  return x->quarter - y->quarter;
}

static int
series_info_compare_count (gconstpointer a,
                           gconstpointer b)
{
  const SeriesInfo *x = *(SeriesInfo * const *) a;
  const SeriesInfo *y = *(SeriesInfo * const *) b;

  if (x->n_figures != y->n_figures)
    return x->n_figures > y->n_figures ? -1 : 1;
  return series_info_compare (a, b);
}

static int
brand_info_compare (gconstpointer a,
                    gconstpointer b)
{
  const BrandInfo *x = *(BrandInfo * const *) a;
  const BrandInfo *y = *(BrandInfo * const *) b;

  if (x->max != y->max)
    return x->max > y->max ? -1 : 1;
  return g_utf8_collate (x->brand, y->brand);
}

/* The upper end of a figure's range, NAN when it is a single value. */
static double
range_max (const CitedFigure *figure)
{
  if (isfinite (figure->value_max) && figure->value_max > figure->value)
    return figure->value_max;
  return NAN;
}

/* "190 million" and "1.9亿" are the same value even when the scaling left
 * a last-digit difference. */
static gboolean
same_value (double a,
            double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return fabs (a - b) <= 1e-9 * MAX (fabs (a), fabs (b));
}

static int
figure_compare_value_desc (gconstpointer a,
                           gconstpointer b)
{
  const CitedFigure *x = *(CitedFigure * const *) a;
  const CitedFigure *y = *(CitedFigure * const *) b;
  double xm = range_max (x), ym = range_max (y);

  if (!same_value (x->value, y->value))
    return x->value > y->value ? -1 : 1;
  if (!same_value (xm, ym))
    {
      if (isnan (xm) || isnan (ym))
        return isnan (xm) ? 1 : -1;
      return xm > ym ? -1 : 1;
    }
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Claims of one group, the largest value first. */
static int
claim_compare_value_desc (gconstpointer a,
                          gconstpointer b)
{
  const CitedClaim *x = *(CitedClaim * const *) a;
  const CitedClaim *y = *(CitedClaim * const *) b;

  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* Which bars a crowded brand keeps: those most often cited, then the
 * largest. */
static int
bar_info_compare_weight (gconstpointer a,
                         gconstpointer b)
{
  const BarInfo *x = *(BarInfo * const *) a;
  const BarInfo *y = *(BarInfo * const *) b;

  if (x->figures->len != y->figures->len)
    return x->figures->len > y->figures->len ? -1 : 1;
  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return 0;
}

/* The most bars each brand may have so that all of them together stay
 * within @limit: every brand gets as many as it has, up to a common
 * ceiling, and at least one. */
static guint
bar_quota (GPtrArray *brand_infos,
           guint      n_brands,
           guint      limit)
{
  guint quota = 1;

  for (;;)
    {
      guint total = 0;
      gboolean more = FALSE;

      for (guint c = 0; c < n_brands; c++)
        {
          BrandInfo *binfo = g_ptr_array_index (brand_infos, c);
          total += MIN (binfo->bars->len, quota + 1);
          more |= binfo->bars->len > quota;
        }
      if (!more || total > limit)
        return quota;
      quota++;
    }
}

/* The text of a bar's first figure as written ("3999 yuan"). */
static const char *
bar_text (const BarInfo *info)
{
  for (guint i = 0; i < info->figures->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (info->figures, i);
      if (figure->text != NULL && *figure->text != '\0')
        return figure->text;
    }
  return NULL;
}

static char *
period_label (int year,
              int quarter)
{
  if (year > 0 && quarter > 0)
    return g_strdup_printf ("Q%d %d", quarter, year);
  if (year > 0)
    return g_strdup_printf ("%d", year);
  if (quarter > 0)
    return g_strdup_printf ("Q%d", quarter);
  return NULL;
}

static char *
unit_key (const CitedFigure *figure)
{
  return g_strdup_printf ("%s\x1f%s",
                          figure->unit ? figure->unit : "",
                          figure->currency ? figure->currency : "");
}

/* The tooltip of one bar: the sentences of its figures, largest first. */
static char *
bar_tooltip (GPtrArray *figures)
{
  GString *tip = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint quoted = 0;

  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (figures, i);
      g_autofree char *quote = NULL;
      const char *key = figure->sentence ? figure->sentence : "";

      if (g_hash_table_contains (seen, key))
        continue;
      if (quoted == MAX_TOOLTIP_QUOTES)
        {
          guint rest = 0;

          /* Figures from sentences already quoted are not "more". */
          for (guint j = i; j < figures->len; j++)
            {
              CitedFigure *other = g_ptr_array_index (figures, j);
              if (!g_hash_table_contains (seen, other->sentence ? other->sentence : ""))
                rest++;
            }
          g_string_append_c (tip, '\n');
          g_string_append_printf (tip,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "and %u more figure",
                                               "and %u more figures", rest),
                                  rest);
          break;
        }
      g_hash_table_add (seen, (gpointer) key);
      quote = quote_figure (figure);
      if (quoted > 0)
        g_string_append (tip, "\n\n");
      g_string_append_printf (tip, "“%s”", quote);
      if (figure->article_title && *figure->article_title)
        g_string_append_printf (tip, "\n— %s", figure->article_title);
      quoted++;
    }
  return g_string_free (tip, FALSE);
}

typedef struct {
  const char *title;
  const char *published;
  guint n_figures;
  guint order;
} SourceArticle;

/* The articles most drawn on first; among equals, the first met. */
static int
source_article_compare (gconstpointer a,
                        gconstpointer b)
{
  const SourceArticle *sa = *(SourceArticle * const *) a;
  const SourceArticle *sb = *(SourceArticle * const *) b;

  if (sa->n_figures != sb->n_figures)
    return sa->n_figures > sb->n_figures ? -1 : 1;
  return sa->order < sb->order ? -1 : sa->order > sb->order;
}

/* "Source: 20 figures from 12 articles in Cited: “A” (2005-02-10), “B”,
 * “C” and 9 more": the articles that give the most figures are named,
 * with their dates, the rest counted. */
static char *
source_note (GPtrArray *figures)
{
  g_autoptr(GHashTable) articles = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autoptr(GPtrArray) named = g_ptr_array_new ();
  GString *note = g_string_new (NULL);
  guint n_articles;
  g_autofree char *figures_text = NULL;

  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (figures, i);
      SourceArticle *article = g_hash_table_lookup (articles, &figure->article_id);

      if (article == NULL)
        {
          article = g_new0 (SourceArticle, 1);
          article->title = figure->article_title;
          article->published = figure->article_published;
          article->order = g_hash_table_size (articles);
          g_hash_table_insert (articles, &figure->article_id, article);
          if (article->title != NULL && *article->title != '\0')
            g_ptr_array_add (named, article);
        }
      article->n_figures++;
    }
  n_articles = g_hash_table_size (articles);
  g_ptr_array_sort (named, source_article_compare);

  figures_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u figure", "%u figures", figures->len),
                                  figures->len);
  /* Translators: "Source: 3 figures from 2 articles in Cited" */
  g_string_append_printf (note,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Source: %s from %u article in Cited",
                                       "Source: %s from %u articles in Cited",
                                       n_articles),
                          figures_text, n_articles);
  for (guint i = 0; i < named->len && i < MAX_SOURCE_TITLES; i++)
    {
      SourceArticle *article = g_ptr_array_index (named, i);

      g_string_append (note, i == 0 ? ": " : ", ");
      g_string_append_printf (note, "“%s”", article->title);
      if (article->published != NULL && *article->published != '\0')
        g_string_append_printf (note, " (%s)", article->published);
    }
  if (named->len > 0 && n_articles > MIN (named->len, MAX_SOURCE_TITLES))
    {
      guint rest = n_articles - MIN (named->len, MAX_SOURCE_TITLES);

      g_string_append (note, " ");
      /* Translators: after the articles a chart's footnote names, "and 9 more" */
      g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", rest),
                              rest);
    }
  return g_string_free (note, FALSE);
}

static char *
unit_phrase (const char *unit,
             const char *currency)
{
  if (currency != NULL && g_strcmp0 (unit, "per share") == 0)
    /* Translators: a chart's subtitle, %s is a currency code: "In USD per share" */
    return g_strdup_printf (_("In %s per share"), currency);
  if (currency != NULL)
    return g_strdup_printf (_("In %s"), currency);
  if (unit != NULL && g_str_equal (unit, "%"))
    return g_strdup (_("In percent"));
  if (unit != NULL)
    return g_strdup_printf (_("In %s"), unit);
  return NULL;
}

/* What a figures chart left out so that its axis holds one kind of
 * figure. */
typedef struct {
  guint ranks;               /* a rank is a place, never a bar's height */
  guint changes;             /* rises and falls on a chart of levels, or levels on a chart of changes */
  guint statuses;            /* forecasts, targets and plans on a chart of results */
  guint spans[CITED_SPAN_POINT + 1]; /* by span, other than the one drawn */
  guint other_measures;      /* changes of another measure than the one drawn */
} LeftOut;

static gboolean
is_rank (const CitedFigure *figure)
{
  return g_strcmp0 (figure->metric, "rank") == 0;
}

/* Keeps the figures of one kind, so that a chart never draws two spans,
 * changes or statuses on one axis: levels (or, on the growth chart,
 * changes in percent of one measure), reported (or query->claim_status);
 * no rank, which is a place and no amount. Counts what it leaves out in
 * @out; sets @measure to the measure of a chart of changes. The span is
 * chosen after the unit, by keep_one_span(). */
static GPtrArray *
figures_of_one_kind (GPtrArray        *all,
                     const CitedQuery *query,
                     LeftOut          *out,
                     const char      **measure)
{
  GPtrArray *drawn = g_ptr_array_new ();
  gboolean changes = g_strcmp0 (query->metric, "growth") == 0;
  CitedClaimStatus status = CITED_CLAIM_REPORTED;
  g_autoptr(GHashTable) measures = g_hash_table_new (g_str_hash, g_str_equal);
  guint best = 0;

  if (query->claim_status != NULL)
    cited_claim_status_from_string (query->claim_status, &status);
  *measure = NULL;
  for (guint i = 0; i < all->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (all, i);

      if (!isfinite (figure->value))
        continue;
      if (is_rank (figure))
        out->ranks++;
      else if (changes ? figure->change != CITED_CHANGE_PERCENT : figure->change != CITED_CHANGE_LEVEL)
        out->changes++;
      else if (figure->claim_status != status)
        out->statuses++;
      else
        g_ptr_array_add (drawn, figure);
    }
  if (!changes)
    return drawn;

  /* Changes of one measure: a share price that fell is no sales drop. */
  for (guint i = 0; i < drawn->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (drawn, i);
      const char *key = figure->measure != NULL ? figure->measure : "";
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (measures, key)) + 1;

      g_hash_table_insert (measures, (gpointer) key, GUINT_TO_POINTER (n));
      if (n > best)
        {
          best = n;
          *measure = figure->measure;
        }
    }
  for (guint i = drawn->len; i-- > 0;)
    {
      CitedFigure *figure = g_ptr_array_index (drawn, i);

      if (g_strcmp0 (figure->measure, *measure) != 0)
        {
          out->other_measures++;
          g_ptr_array_remove_index (drawn, i);
        }
    }
  return drawn;
}

/* Keeps in @figures those of one span: query->span, else the most common
 * (a period's total first among equals); counts the others in @out. */
static void
keep_one_span (GPtrArray        *figures,
               const CitedQuery *query,
               LeftOut          *out)
{
  CitedSpan span = CITED_SPAN_PERIOD;
  guint span_counts[CITED_SPAN_POINT + 1] = { 0 };

  for (guint i = 0; i < figures->len; i++)
    span_counts[CLAMP (((CitedFigure *) g_ptr_array_index (figures, i))->span,
                       CITED_SPAN_PERIOD, CITED_SPAN_POINT)]++;
  if (query->span == NULL || !cited_span_from_string (query->span, &span))
    for (guint k = 0; k <= CITED_SPAN_POINT; k++)
      if (span_counts[k] > span_counts[span])
        span = k;
  for (guint i = figures->len; i-- > 0;)
    {
      CitedFigure *figure = g_ptr_array_index (figures, i);

      if (figure->span != span)
        {
          out->spans[CLAMP (figure->span, CITED_SPAN_PERIOD, CITED_SPAN_POINT)]++;
          g_ptr_array_remove_index (figures, i);
        }
    }
}

/* Says in the subtitle what a chart left out: "3 forecasts, targets or
 * plans not drawn". */
static void
add_left_out_notes (GPtrArray        *notes,
                    const LeftOut    *out,
                    const CitedQuery *query)
{
  gboolean changes = g_strcmp0 (query->metric, "growth") == 0;

  if (out->ranks > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u rank not drawn as a bar",
                                                          "%u ranks not drawn as bars", out->ranks),
                                             out->ranks));
  if (out->changes > 0)
    g_ptr_array_add (notes, g_strdup_printf (changes
                                             ? g_dngettext (GETTEXT_PACKAGE,
                                                            "%u level or absolute change not drawn",
                                                            "%u levels or absolute changes not drawn",
                                                            out->changes)
                                             : g_dngettext (GETTEXT_PACKAGE,
                                                            "%u rise or fall not drawn",
                                                            "%u rises and falls not drawn",
                                                            out->changes),
                                             out->changes));
  if (out->statuses > 0)
    g_ptr_array_add (notes, g_strdup_printf (query->claim_status == NULL ||
                                             g_str_equal (query->claim_status, "reported")
                                             ? g_dngettext (GETTEXT_PACKAGE,
                                                            "%u forecast, target or plan not drawn",
                                                            "%u forecasts, targets or plans not drawn",
                                                            out->statuses)
                                             : g_dngettext (GETTEXT_PACKAGE,
                                                            "%u figure of another status not drawn",
                                                            "%u figures of other statuses not drawn",
                                                            out->statuses),
                                             out->statuses));
  if (out->spans[CITED_SPAN_PERIOD] > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u period total not drawn",
                                                          "%u period totals not drawn",
                                                          out->spans[CITED_SPAN_PERIOD]),
                                             out->spans[CITED_SPAN_PERIOD]));
  if (out->spans[CITED_SPAN_CUMULATIVE] > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u cumulative total not drawn",
                                                          "%u cumulative totals not drawn",
                                                          out->spans[CITED_SPAN_CUMULATIVE]),
                                             out->spans[CITED_SPAN_CUMULATIVE]));
  if (out->spans[CITED_SPAN_RATE] > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u rate not drawn",
                                                          "%u rates not drawn",
                                                          out->spans[CITED_SPAN_RATE]),
                                             out->spans[CITED_SPAN_RATE]));
  if (out->spans[CITED_SPAN_POINT] > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u point-in-time level not drawn",
                                                          "%u point-in-time levels not drawn",
                                                          out->spans[CITED_SPAN_POINT]),
                                             out->spans[CITED_SPAN_POINT]));
  if (out->other_measures > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u change of another measure not drawn",
                                                          "%u changes of other measures not drawn",
                                                          out->other_measures),
                                             out->other_measures));
}

/* The qualifier every figure of a bar gives its value, or NULL: "more
 * than 190 million" in one article and "190 million" in another draw as
 * the exact value, which one source states. */
static const char *
shared_qualifier (GPtrArray *figures)
{
  const char *qualifier = NULL;
  CitedBound bound = CITED_BOUND_EXACT;

  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (figures, i);
      CitedBound b = cited_value_qualifier_bound (figure->qualifier);

      if (b == CITED_BOUND_EXACT || (i > 0 && b != bound))
        return NULL;
      if (i == 0)
        {
          bound = b;
          qualifier = figure->qualifier;
        }
    }
  return qualifier;
}

/* What every figure of a bar left to its article. */
static CitedChartBarFlags
shared_inferences (GPtrArray  *figures,
                   const char *currency)
{
  gboolean currency_inferred = currency != NULL;
  gboolean period_inferred = figures->len > 0;

  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (figures, i);

      currency_inferred &= figure->currency_inferred;
      period_inferred &= figure->period_inferred && figure->year > 0;
    }
  return (currency_inferred ? CITED_CHART_BAR_CURRENCY_INFERRED : 0) |
         (period_inferred ? CITED_CHART_BAR_PERIOD_INFERRED : 0);
}

static const char *status_name (CitedClaimStatus status);

/* Ranks: one row per brand, scope and status, a dot at the best place
 * cited there. A place is no amount, so it is never a bar's height. */
static CitedChart *
rank_chart (GPtrArray        *listed,
            const CitedQuery *query)
{
  g_autoptr(CitedChart) chart = cited_chart_new (CITED_CHART_KIND_RANKS, _("Ranks by brand"));
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) drawn = g_ptr_array_new ();
  CitedChartSeries *series;

  for (guint i = 0; i < listed->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (listed, i);
      g_autofree char *key = NULL;
      GPtrArray *row;

      if (!is_rank (figure) || !isfinite (figure->value) || figure->value < 1 ||
          figure->brand == NULL || *figure->brand == '\0')
        continue;
      key = g_strdup_printf ("%s\x1f%s\x1f%d", figure->brand, figure->scope ? figure->scope : "",
                             figure->claim_status);
      row = g_hash_table_lookup (rows, key);
      if (row == NULL)
        {
          row = g_ptr_array_new ();
          g_hash_table_insert (rows, g_steal_pointer (&key), row);
          g_ptr_array_add (order, row);
        }
      g_ptr_array_add (row, figure);
    }
  /* The best place of each row first, then the order met. */
  for (guint i = 0; i < order->len; i++)
    g_ptr_array_sort (g_ptr_array_index (order, i), figure_compare_value_desc);
  for (guint i = 1; i < order->len; i++)
    for (guint j = i; j > 0; j--)
      {
        GPtrArray *a = g_ptr_array_index (order, j - 1), *b = g_ptr_array_index (order, j);
        double ra = ((CitedFigure *) g_ptr_array_index (a, a->len - 1))->value;
        double rb = ((CitedFigure *) g_ptr_array_index (b, b->len - 1))->value;

        if (rb >= ra)
          break;
        order->pdata[j - 1] = b;
        order->pdata[j] = a;
      }

  series = cited_chart_add_series (chart, _("Place"), NULL);
  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (order, i);
      CitedFigure *best = g_ptr_array_index (row, row->len - 1);
      GString *label = g_string_new (best->brand);
      g_autofree char *tooltip = NULL;
      guint category;

      if (best->scope != NULL)
        g_string_append_printf (label, " · %s", best->scope);
      if (best->claim_status != CITED_CLAIM_REPORTED)
        g_string_append_printf (label, " (%s)", status_name (best->claim_status));
      category = cited_chart_add_category (chart, label->str);
      g_string_free (label, TRUE);
      tooltip = bar_tooltip (row);
      for (guint f = 0; f < row->len; f++)
        {
          CitedFigure *figure = g_ptr_array_index (row, f);

          cited_chart_set_value (chart, series, category, best->value, figure->id,
                                 f == 0 ? tooltip : NULL);
        }
      g_ptr_array_extend (drawn, row, NULL, NULL);
    }
  if (query->brand != NULL)
    {
      g_free (chart->title);
      /* Translators: a chart title, "Xiaomi: ranks" */
      chart->title = g_strdup_printf (_("%s: ranks"), query->brand);
    }
  /* Translators: the subtitle of a chart of ranks */
  chart->subtitle = g_strdup (_("A place, not an amount: 1 is first"));
  if (drawn->len > 0)
    chart->source_note = source_note (drawn);
  chart->figures = g_ptr_array_new_full (drawn->len, (GDestroyNotify) cited_figure_unref);
  for (guint i = 0; i < drawn->len; i++)
    g_ptr_array_add (chart->figures, cited_figure_ref (g_ptr_array_index (drawn, i)));
  return g_steal_pointer (&chart);
}

/* Drops the brands none of whose figures is in one of the groups drawn
 * (@series_infos): each would be a category with no bar, a name over an
 * empty place; their figures count among those not shown. */
static void
drop_brands_outside (GPtrArray *brand_infos,
                     GPtrArray *series_infos)
{
  for (guint c = brand_infos->len; c-- > 0;)
    {
      BrandInfo *binfo = g_ptr_array_index (brand_infos, c);
      gboolean any = FALSE;

      for (guint g = 0; g < series_infos->len && !any; g++)
        any = g_hash_table_contains (binfo->groups, ((SeriesInfo *) g_ptr_array_index (series_infos, g))->key);
      if (!any)
        g_ptr_array_remove_index (brand_infos, c);
    }
}

/* Reads the sentences and articles of the figures of the bars kept (of
 * the first @n_categories brands), which their tooltips quote and the
 * chart keeps: the chart's figures are read without them. */
static gboolean
read_kept_texts (CitedStore  *store,
                 GPtrArray   *brand_infos,
                 guint        n_categories,
                 GError     **error)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint c = 0; c < n_categories; c++)
    {
      BrandInfo *binfo = g_ptr_array_index (brand_infos, c);

      for (guint i = 0; i < binfo->bars->len; i++)
        {
          BarInfo *info = g_ptr_array_index (binfo->bars, i);

          if (info->kept)
            g_ptr_array_extend (kept, info->figures, NULL, NULL);
        }
    }
  return cited_store_fill_figure_texts (store, kept, error);
}

/* Adds to @figures those of @all a chart of bars draws: the companies'
 * (market-wide figures would dwarf their bars, and are charted only when
 * there is nothing else) with a finite value, of the most common unit
 * and currency, which it sets; counts the others in @n_other_units. */
static void
keep_dominant_unit (GPtrArray   *all,
                    GPtrArray   *figures,
                    const char **dominant_unit,
                    const char **dominant_currency,
                    guint       *n_other_units)
{
  g_autoptr(GHashTable) unit_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_branded = 0;
  guint dominant_count = 0;

  *dominant_unit = NULL;
  *dominant_currency = NULL;
  for (guint i = 0; i < all->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (all, i);
      if (figure->brand != NULL && *figure->brand && isfinite (figure->value))
        n_branded++;
    }

  for (guint i = 0; i < all->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (all, i);
      gboolean branded = figure->brand != NULL && *figure->brand;
      guint count;
      char *key;

      if (!isfinite (figure->value) || (n_branded > 0 && !branded))
        continue;
      key = unit_key (figure);
      count = GPOINTER_TO_UINT (g_hash_table_lookup (unit_counts, key)) + 1;
      g_hash_table_replace (unit_counts, key, GUINT_TO_POINTER (count));
      if (count > dominant_count)
        {
          dominant_count = count;
          *dominant_unit = figure->unit;
          *dominant_currency = figure->currency;
        }
    }

  for (guint i = 0; i < all->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (all, i);
      gboolean branded = figure->brand != NULL && *figure->brand;

      if (!isfinite (figure->value) || (n_branded > 0 && !branded))
        continue;
      if (g_strcmp0 (figure->unit, *dominant_unit) != 0 ||
          g_strcmp0 (figure->currency, *dominant_currency) != 0)
        {
          (*n_other_units)++;
          continue;
        }
      g_ptr_array_add (figures, figure);
    }
}

/**
 * cited_chart_new_figures:
 * @store: the store
 * @query: filters; query->metric is required
 *
 * Builds a bar chart of one metric: brands on the x axis, ordered by their
 * largest figure, and within each brand one bar per distinct value, scope
 * and period. Figures citing the same value there (the same number in two
 * articles, "190 million" and "1.9亿") are one bar that keeps all their
 * ids; nothing is hidden behind a larger figure. Series are the scope and
 * period groups. When the figures mix units or currencies, the most common
 * one is charted and the subtitle says how many figures were left out;
 * beyond MAX_FIGURE_BARS bars, brands or groups, the subtitle says how many
 * figures are not shown.
 *
 * The axis holds one kind of figure: reported levels (query->claim_status
 * may ask for forecasts, targets or plans) of one span (the most common,
 * or query->span); the growth chart draws changes in percent of one
 * measure. Ranks are places, never bar heights, and are left out. The
 * subtitle says what was left out ("3 forecasts, targets or plans not
 * drawn").
 *
 * Returns: (transfer full): the chart (without categories when there are no
 *   figures), or NULL with @error set
 */
CitedChart *
cited_chart_new_figures (CitedStore        *store,
                         const CitedQuery  *query,
                         GError           **error)
{
  CitedQuery q;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) all = NULL;
  LeftOut left_out = { 0 };
  const char *measure = NULL;
  g_autoptr(GPtrArray) figures = g_ptr_array_new ();
  g_autoptr(GHashTable) series_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) brands_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) series_infos = g_ptr_array_new_with_free_func (series_info_free);
  g_autoptr(GPtrArray) brand_infos = g_ptr_array_new_with_free_func (brand_info_free);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CitedChart) chart = NULL;
  g_autofree char *metric_title = NULL;
  g_autofree char *title = NULL;
  const char *dominant_unit = NULL;
  const char *dominant_currency = NULL;
  guint n_other_units = 0;
  guint n_groups, n_categories, quota;
  guint n_drawn_groups = 0;
  g_autofree guint *slots = NULL;
  g_autofree guint *first_series = NULL;
  g_autoptr(GPtrArray) drawn = g_ptr_array_new ();
  CitedLexicon *lexicon;

  g_return_val_if_fail (CITED_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (query->metric != NULL, NULL);

  q = *query;
  q.include_rejected = FALSE;
  q.offset = 0;
  q.limit = 0;
  q.span = NULL;
  q.claim_status = NULL;
  /* Every figure of the metric, without the sentences and titles: those
   * of the figures drawn are read once the bars are chosen. */
  listed = cited_store_list_figures_full (store, &q, FALSE, error);
  if (listed == NULL)
    return NULL;
  if (g_str_equal (query->metric, "rank"))
    return cited_store_fill_figure_texts (store, listed, error) ? rank_chart (listed, query) : NULL;
  all = figures_of_one_kind (listed, query, &left_out, &measure);

  metric_title = cited_metric_label (query->metric);
  /* Translators: a chart title, e.g. "Sales by brand" */
  title = g_strdup_printf (_("%s by brand"), metric_title);
  chart = cited_chart_new (CITED_CHART_KIND_BARS, title);
  if (query->claim_status != NULL)
    cited_claim_status_from_string (query->claim_status, &chart->status);

  keep_dominant_unit (all, figures, &dominant_unit, &dominant_currency, &n_other_units);

  keep_one_span (figures, query, &left_out);

  if (figures->len == 0)
    {
      g_autofree char *phrase = NULL;

      /* Translators: the subtitle of an empty chart, %s is a metric */
      phrase = g_strdup_printf (_("No %s figures in the articles"), query->metric);
      g_ptr_array_add (notes, g_steal_pointer (&phrase));
      add_left_out_notes (notes, &left_out, query);
      g_ptr_array_add (notes, NULL);
      chart->subtitle = g_strjoinv (" · ", (char **) notes->pdata);
      return g_steal_pointer (&chart);
    }

  chart->unit = g_strdup (dominant_unit);
  chart->currency = g_strdup (dominant_currency);

  /* Group by brand, then by scope and period. */
  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (figures, i);
      const char *brand = figure->brand && *figure->brand ? figure->brand : _("Market-wide");
      g_autofree char *period = period_label (figure->year, figure->quarter);
      g_autofree char *key = g_strdup_printf ("%s\x1f%d\x1f%d", figure->scope ? figure->scope : "",
                                              figure->year, figure->quarter);
      SeriesInfo *sinfo = g_hash_table_lookup (series_by_key, key);
      BrandInfo *binfo = g_hash_table_lookup (brands_by_name, brand);
      GPtrArray *group;

      if (sinfo == NULL)
        {
          sinfo = g_new0 (SeriesInfo, 1);
          sinfo->key = g_strdup (key);
          sinfo->scope = g_strdup (figure->scope);
          sinfo->scope_rank = scope_rank (figure->scope);
          sinfo->year = figure->year;
          sinfo->quarter = figure->quarter;
          if (figure->scope && period)
            sinfo->name = g_strdup_printf ("%s %s", figure->scope, period);
          else if (figure->scope)
            sinfo->name = g_strdup (figure->scope);
          else if (period)
            sinfo->name = g_strdup (period);
          else
            {
              /* Translators: the legend of figures with no scope or period */
              sinfo->name = g_strdup (_("overall"));
              sinfo->overall = TRUE;
            }
          g_ptr_array_add (series_infos, sinfo);
          g_hash_table_insert (series_by_key, sinfo->key, sinfo);
        }
      sinfo->n_figures++;

      if (binfo == NULL)
        {
          binfo = g_new0 (BrandInfo, 1);
          binfo->brand = g_strdup (brand);
          binfo->max = -INFINITY;
          binfo->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_ptr_array_unref);
          binfo->bars = g_ptr_array_new_with_free_func (bar_info_free);
          g_ptr_array_add (brand_infos, binfo);
          g_hash_table_insert (brands_by_name, binfo->brand, binfo);
        }
      binfo->max = MAX (binfo->max, figure->value);
      group = g_hash_table_lookup (binfo->groups, key);
      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (binfo->groups, g_strdup (key), group);
        }
      g_ptr_array_add (group, figure);
    }

  /* The most common groups, drawn in a reading order: global, overseas,
   * domestic, countries, then by period. More would repeat colours. */
  g_ptr_array_sort (series_infos, series_info_compare_count);
  n_groups = MIN (series_infos->len, MAX_FIGURE_SERIES);
  g_ptr_array_set_size (series_infos, n_groups);
  g_ptr_array_sort (series_infos, series_info_compare);

  drop_brands_outside (brand_infos, series_infos);
  g_ptr_array_sort (brand_infos, brand_info_compare);
  n_categories = MIN (brand_infos->len, MAX_FIGURE_CATEGORIES);

  /* Within a brand and a group, one bar per claim: the same figure cited
   * three times, or as "190 million" and "1.9亿", is one bar holding every
   * figure id, and two different prices are two bars. */
  for (guint c = 0; c < n_categories; c++)
    {
      BrandInfo *binfo = g_ptr_array_index (brand_infos, c);

      for (guint g = 0; g < n_groups; g++)
        {
          SeriesInfo *sinfo = g_ptr_array_index (series_infos, g);
          GPtrArray *group = g_hash_table_lookup (binfo->groups, sinfo->key);
          g_autoptr(GPtrArray) claims = NULL;
          guint slot = 0;

          if (group == NULL)
            continue;
          claims = cited_claims_group (group);
          g_ptr_array_sort (claims, claim_compare_value_desc);
          for (guint i = 0; i < claims->len; i++)
            {
              CitedClaim *claim = g_ptr_array_index (claims, i);
              BarInfo *info = g_new0 (BarInfo, 1);

              info->group = g;
              info->figures = g_ptr_array_new ();
              info->value = claim->value;
              info->value_max = claim->value_max;
              info->n_sources = claim->n_sources;
              info->slot = slot++;
              /* The figures are the group's, which outlive the claims. */
              for (guint f = 0; f < claim->figures->len; f++)
                {
                  CitedFigure *figure = g_ptr_array_index (claim->figures, f);
                  guint index;

                  if (g_ptr_array_find (group, figure, &index))
                    g_ptr_array_add (info->figures, g_ptr_array_index (group, index));
                }
              g_ptr_array_sort (info->figures, figure_compare_value_desc);
              g_ptr_array_add (binfo->bars, info);
            }
        }
    }

  /* Too many bars would be too thin to read: each brand keeps its most
   * cited values up to a share of the limit. */
  quota = bar_quota (brand_infos, n_categories, MAX_FIGURE_BARS);
  slots = g_new0 (guint, MAX (n_groups, 1));
  for (guint c = 0; c < n_categories; c++)
    {
      BrandInfo *binfo = g_ptr_array_index (brand_infos, c);
      g_autoptr(GPtrArray) by_weight = g_ptr_array_new ();
      guint next_slot[MAX_FIGURE_SERIES] = { 0 };

      g_ptr_array_extend (by_weight, binfo->bars, NULL, NULL);
      g_ptr_array_sort (by_weight, bar_info_compare_weight);
      for (guint i = 0; i < by_weight->len && i < quota; i++)
        ((BarInfo *) g_ptr_array_index (by_weight, i))->kept = TRUE;
      for (guint i = 0; i < binfo->bars->len; i++)
        {
          BarInfo *info = g_ptr_array_index (binfo->bars, i);

          if (!info->kept)
            continue;
          info->slot = next_slot[info->group]++;
          slots[info->group] = MAX (slots[info->group], next_slot[info->group]);
        }
    }

  /* One series per group and slot: a brand with two prices fills two
   * series of the same name, which the legend shows once. */
  first_series = g_new0 (guint, MAX (n_groups, 1));
  for (guint g = 0; g < n_groups; g++)
    {
      SeriesInfo *sinfo = g_ptr_array_index (series_infos, g);

      first_series[g] = chart->series->len;
      for (guint k = 0; k < slots[g]; k++)
        cited_chart_add_series (chart, sinfo->name, NULL);
      if (slots[g] > 0)
        n_drawn_groups++;
    }

  if (!read_kept_texts (store, brand_infos, n_categories, error))
    return NULL;

  lexicon = cited_store_get_lexicon (store);
  for (guint c = 0; c < n_categories; c++)
    {
      BrandInfo *binfo = g_ptr_array_index (brand_infos, c);
      guint category = cited_chart_add_category (chart, binfo->brand);

      for (guint i = 0; i < binfo->bars->len; i++)
        {
          BarInfo *info = g_ptr_array_index (binfo->bars, i);
          SeriesInfo *sinfo = g_ptr_array_index (series_infos, info->group);
          CitedChartSeries *series;
          g_autofree char *tooltip = NULL;
          CitedChartBar *bar = NULL;
          guint n_here = 0;

          if (!info->kept)
            continue;
          series = g_ptr_array_index (chart->series, first_series[info->group] + info->slot);
          tooltip = bar_tooltip (info->figures);
          if (info->figures->len > 1)
            {
              g_autofree char *times = NULL;
              g_autofree char *quotes = g_steal_pointer (&tooltip);

              /* Translators: "Cited 3 times in 1 article", the first words of a bar's tooltip */
              times = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Cited %u times in %u article",
                                                    "Cited %u times in %u articles", info->n_sources),
                                       info->figures->len, info->n_sources);
              tooltip = g_strdup_printf ("%s\n\n%s", times, quotes);
            }
          for (guint f = 0; f < info->figures->len; f++)
            {
              CitedFigure *figure = g_ptr_array_index (info->figures, f);
              bar = cited_chart_set_value (chart, series, category, info->value, figure->id,
                                           f == 0 ? tooltip : NULL);
            }
          bar->value_max = info->value_max;
          bar->qualifier = g_strdup (shared_qualifier (info->figures));
          bar->flags = shared_inferences (info->figures, chart->currency);
          bar->n_sources = info->n_sources;
          /* A bar says what sets it apart: its scope and period, or, when
           * the brand has several values there, the figure as written. */
          for (guint j = 0; j < binfo->bars->len; j++)
            {
              BarInfo *other = g_ptr_array_index (binfo->bars, j);
              n_here += other->kept && other->group == info->group;
            }
          if (n_here > 1 && bar_text (info) != NULL)
            bar->label = g_strdup (bar_text (info));
          else if (!sinfo->overall)
            bar->label = g_strdup (sinfo->name);
          /* With one group the bars are the brands': their colours. */
          if (n_drawn_groups == 1 && lexicon != NULL)
            bar->color = g_strdup (cited_lexicon_color_for (lexicon, binfo->brand));
          g_ptr_array_extend (drawn, info->figures, NULL, NULL);
        }
    }

  {
    g_autofree char *phrase = unit_phrase (dominant_unit, dominant_currency);
    if (phrase)
      g_ptr_array_insert (notes, 0, g_steal_pointer (&phrase));
  }
  if (drawn->len < figures->len)
    {
      guint rest = figures->len - drawn->len;
      g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u more figure not shown",
                                                            "%u more figures not shown", rest),
                                               rest));
    }
  if (n_other_units > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u figure in other units left out",
                                                          "%u figures in other units left out",
                                                          n_other_units),
                                             n_other_units));
  add_left_out_notes (notes, &left_out, query);
  if (measure != NULL)
    /* Translators: the subtitle of the growth chart, %s is a measure ("profit") */
    g_ptr_array_insert (notes, 0, g_strdup_printf (_("Change in %s"), measure));
  if (notes->len > 0)
    {
      g_ptr_array_add (notes, NULL);
      chart->subtitle = g_strjoinv (" · ", (char **) notes->pdata);
    }

  /* Only the figures drawn count as the source. */
  chart->source_note = source_note (drawn);
  chart->figures = g_ptr_array_new_full (drawn->len, (GDestroyNotify) cited_figure_unref);
  for (guint i = 0; i < drawn->len; i++)
    g_ptr_array_add (chart->figures, cited_figure_ref (g_ptr_array_index (drawn, i)));

  return g_steal_pointer (&chart);
}

/* Claims over time */

static const char *
status_name (CitedClaimStatus status)
{
  switch (status)
    {
    case CITED_CLAIM_FORECAST:
      return _("forecast");
    case CITED_CLAIM_TARGET:
      return _("target");
    case CITED_CLAIM_PLAN:
      return _("plan");
    case CITED_CLAIM_REPORTED:
    default:
      return _("reported");
    }
}

static int
figure_compare_date (gconstpointer a,
                     gconstpointer b)
{
  const CitedFigure *fa = *(CitedFigure * const *) a;
  const CitedFigure *fb = *(CitedFigure * const *) b;
  int by_date = g_strcmp0 (fa->article_published, fb->article_published);

  if (by_date != 0)
    return by_date;
  return fa->id < fb->id ? -1 : fa->id > fb->id;
}

/* "2021-12-28 · reported: 190M units (2021), “Title”" */
static char *
timeline_tooltip (CitedChart        *chart,
                  const CitedFigure *figure)
{
  g_autofree char *value = cited_value_format_qualified (figure->value, chart->unit, chart->currency,
                                                         figure->qualifier);
  g_autofree char *period = period_label (figure->year, figure->quarter);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s · %s: %s", figure->article_published,
                          status_name (figure->claim_status), value);
  if (period != NULL)
    g_string_append_printf (text, " (%s)", period);
  if (figure->article_title != NULL && *figure->article_title != '\0')
    g_string_append_printf (text, ", “%s”", figure->article_title);
  return g_string_free (text, FALSE);
}

/* Keeps in @figures those of the most common unit and currency whose
 * article has a date; counts the others. */
static void
keep_dated_of_one_unit (GPtrArray   *figures,
                        const char **dominant_unit,
                        const char **dominant_currency,
                        guint       *n_other_units,
                        guint       *n_undated)
{
  g_autoptr(GHashTable) unit_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint dominant_count = 0;

  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (figures, i);
      char *key = unit_key (figure);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (unit_counts, key)) + 1;

      g_hash_table_replace (unit_counts, key, GUINT_TO_POINTER (count));
      if (count > dominant_count)
        {
          dominant_count = count;
          *dominant_unit = figure->unit;
          *dominant_currency = figure->currency;
        }
    }
  for (guint i = figures->len; i-- > 0;)
    {
      CitedFigure *figure = g_ptr_array_index (figures, i);

      if (g_strcmp0 (figure->unit, *dominant_unit) != 0 ||
          g_strcmp0 (figure->currency, *dominant_currency) != 0)
        (*n_other_units)++;
      else if (figure->article_published == NULL || *figure->article_published == '\0')
        (*n_undated)++;
      else
        continue;
      g_ptr_array_remove_index (figures, i);
    }
}

/* The points of a timeline: @figures (sorted by date) at their articles'
 * dates. */
static void
add_timeline_points (CitedChart *chart,
                     GPtrArray  *figures)
{
  g_autoptr(GHashTable) dates = g_hash_table_new (g_str_hash, g_str_equal);

  /* The articles' dates are the categories, in order. */
  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (figures, i);

      if (!g_hash_table_contains (dates, figure->article_published))
        g_hash_table_insert (dates, figure->article_published,
                             GUINT_TO_POINTER (cited_chart_add_category (chart, figure->article_published) + 1));
    }

  /* One line per status and period ("forecast 2021", "reported 2021"): a
   * line joins what was said of one year as it was revised, never a 2021
   * forecast to a 2022 one. Two figures of one line at one date take a
   * second line of the same name (one legend entry, one colour). */
  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (figures, i);
      guint category = GPOINTER_TO_UINT (g_hash_table_lookup (dates, figure->article_published)) - 1;
      g_autofree char *tooltip = timeline_tooltip (chart, figure);
      g_autofree char *period = period_label (figure->year, figure->quarter);
      g_autofree char *name = period != NULL
                              ? g_strdup_printf ("%s %s", status_name (figure->claim_status), period)
                              : g_strdup (status_name (figure->claim_status));
      CitedChartSeries *series = NULL;
      CitedChartBar *bar;

      for (guint k = 0; k < chart->series->len && series == NULL; k++)
        {
          CitedChartSeries *candidate = g_ptr_array_index (chart->series, k);

          if (g_str_equal (candidate->name, name) &&
              (category >= candidate->bars->len || g_ptr_array_index (candidate->bars, category) == NULL))
            series = candidate;
        }
      if (series == NULL)
        series = cited_chart_add_series (chart, name, NULL);
      bar = cited_chart_set_value (chart, series, category, figure->value, figure->id, tooltip);
      bar->qualifier = g_strdup (figure->qualifier);
      bar->label = g_steal_pointer (&period);
    }
}

/**
 * cited_chart_new_claims_over_time:
 * @store: the store
 * @query: filters; query->metric is required
 *
 * A line chart of one metric's figures at their articles' dates, one line
 * per status (reported, forecast, target, plan) and period, so that what
 * was expected of a year and what was reported of it read as a story. The axis holds one unit and
 * currency (the most common), levels (or, for growth, percent changes) of
 * one span; ranks are places and are left out. The subtitle says what was
 * left out, undated articles among them.
 *
 * Returns: (transfer full): the chart (without categories when nothing is
 *   dated), or NULL with @error set
 */
CitedChart *
cited_chart_new_claims_over_time (CitedStore        *store,
                                  const CitedQuery  *query,
                                  GError           **error)
{
  CitedQuery q;
  CitedQuery kinds = { 0 };
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CitedChart) chart = NULL;
  g_autofree char *metric_title = NULL;
  g_autofree char *title = NULL;
  const char *dominant_unit = NULL, *dominant_currency = NULL;
  const char *measure = NULL;
  guint n_undated = 0, n_other_units = 0;
  LeftOut left_out = { 0 };

  g_return_val_if_fail (CITED_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL && query->metric != NULL, NULL);

  q = *query;
  q.include_rejected = FALSE;
  q.offset = 0;
  q.limit = 0;
  q.span = NULL;
  q.claim_status = NULL;
  listed = cited_store_list_figures (store, &q, error);
  if (listed == NULL)
    return NULL;

  /* Every status is part of the story; one kind of figure otherwise. */
  kinds.metric = query->metric;
  for (CitedClaimStatus status = CITED_CLAIM_REPORTED; status <= CITED_CLAIM_PLAN; status++)
    {
      g_autoptr(GPtrArray) some = NULL;
      LeftOut ignored = { 0 };

      kinds.claim_status = cited_claim_status_to_string (status);
      some = figures_of_one_kind (listed, &kinds, status == CITED_CLAIM_REPORTED ? &left_out : &ignored,
                                  &measure);
      if (figures == NULL)
        figures = g_ptr_array_new ();
      g_ptr_array_extend (figures, some, NULL, NULL);
    }
  left_out.statuses = 0;
  keep_one_span (figures, query, &left_out);

  keep_dated_of_one_unit (figures, &dominant_unit, &dominant_currency, &n_other_units, &n_undated);
  g_ptr_array_sort (figures, figure_compare_date);

  metric_title = cited_metric_label (query->metric);
  if (query->brand != NULL)
    /* Translators: a chart title, "Xiaomi: sales over time" */
    title = g_strdup_printf (_("%s: %s over time"), query->brand, metric_title);
  else
    /* Translators: a chart title, "Sales over time" */
    title = g_strdup_printf (_("%s over time"), metric_title);
  chart = cited_chart_new (CITED_CHART_KIND_LINES, title);
  chart->unit = g_strdup (dominant_unit);
  chart->currency = g_strdup (dominant_currency);

  add_timeline_points (chart, figures);

  {
    g_autofree char *phrase = unit_phrase (dominant_unit, dominant_currency);

    if (phrase != NULL)
      g_ptr_array_add (notes, g_steal_pointer (&phrase));
  }
  /* Translators: the subtitle of a chart of figures at their articles' dates */
  g_ptr_array_add (notes, g_strdup (_("Each figure at its article’s date")));
  if (n_undated > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u figure of an undated article left out",
                                                          "%u figures of undated articles left out",
                                                          n_undated),
                                             n_undated));
  if (n_other_units > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u figure in other units left out",
                                                          "%u figures in other units left out",
                                                          n_other_units),
                                             n_other_units));
  add_left_out_notes (notes, &left_out, query);
  g_ptr_array_add (notes, NULL);
  chart->subtitle = g_strjoinv (" · ", (char **) notes->pdata);
  if (figures->len > 0)
    chart->source_note = source_note (figures);
  chart->figures = g_ptr_array_new_full (figures->len, (GDestroyNotify) cited_figure_unref);
  for (guint i = 0; i < figures->len; i++)
    g_ptr_array_add (chart->figures, cited_figure_ref (g_ptr_array_index (figures, i)));
  return g_steal_pointer (&chart);
}

/* Brand charts */

static GPtrArray *
pick_brands (GPtrArray           *stats,
             CitedLexicon        *lexicon,
             const char * const  *brands,
             guint                top,
             GError             **error)
{
  g_autoptr(GPtrArray) picked = g_ptr_array_new ();

  if (brands == NULL)
    {
      for (guint i = 0; i < stats->len && picked->len < top; i++)
        {
          CitedBrandStats *st = g_ptr_array_index (stats, i);
          if (st->mentions > 0)
            g_ptr_array_add (picked, st);
        }
      return g_steal_pointer (&picked);
    }

  for (guint b = 0; brands[b] != NULL; b++)
    {
      const char *name = lexicon ? cited_lexicon_lookup (lexicon, brands[b]) : NULL;
      CitedBrandStats *found = NULL;

      if (name == NULL)
        name = brands[b];
      for (guint i = 0; i < stats->len && found == NULL; i++)
        {
          CitedBrandStats *st = g_ptr_array_index (stats, i);
          g_autofree char *a = g_utf8_casefold (st->name, -1);
          g_autofree char *n = g_utf8_casefold (name, -1);
          if (g_str_equal (a, n))
            found = st;
        }
      if (found == NULL)
        {
          g_set_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND,
                       _("No brand named “%s”"), brands[b]);
          return NULL;
        }
      if (!g_ptr_array_find (picked, found, NULL))
        g_ptr_array_add (picked, found);
    }
  return g_steal_pointer (&picked);
}

/**
 * cited_chart_new_brands:
 * @brands: (nullable) (array zero-terminated=1): canonical names or aliases
 *
 * Share of voice: each brand's part of all brand mentions, as one series of
 * horizontal bars in the brands' colours.
 *
 * Returns: (transfer full): the chart, or NULL with @error set (an unknown
 *   brand is CITED_ERROR_NOT_FOUND)
 */
CitedChart *
cited_chart_new_brands (CitedStore          *store,
                        const char * const  *brands,
                        GError             **error)
{
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GPtrArray) picked = NULL;
  g_autoptr(CitedChart) chart = NULL;
  CitedChartSeries *series;
  guint total = 0;
  guint n_articles;

  g_return_val_if_fail (CITED_IS_STORE (store), NULL);

  stats = cited_store_brand_stats (store, brands != NULL, error);
  if (stats == NULL)
    return NULL;
  picked = pick_brands (stats, cited_store_get_lexicon (store), brands, MAX_SHARE_BRANDS, error);
  if (picked == NULL)
    return NULL;

  chart = cited_chart_new (CITED_CHART_KIND_SHARE, _("Share of voice"));
  chart->unit = g_strdup ("%");
  for (guint i = 0; i < stats->len; i++)
    total += ((CitedBrandStats *) g_ptr_array_index (stats, i))->mentions;
  if (total == 0)
    return g_steal_pointer (&chart);

  chart->subtitle = g_strdup (_("Each brand’s part of all brand mentions"));
  series = cited_chart_add_series (chart, _("Share of voice"), NULL);
  for (guint i = 0; i < picked->len; i++)
    {
      CitedBrandStats *st = g_ptr_array_index (picked, i);
      guint c = cited_chart_add_category (chart, st->name);
      g_autofree char *mentions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mention", "%u mentions", st->mentions),
                                                   st->mentions);
      g_autofree char *tooltip = NULL;
      CitedChartBar *bar;

      /* Translators: "Xiaomi: 42 mentions in 5 articles (35%)" */
      tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s: %s in %u article (%.0f%%)",
                                              "%s: %s in %u articles (%.0f%%)",
                                              st->articles),
                                 st->name, mentions, st->articles, st->share_of_voice * 100);
      bar = cited_chart_set_value (chart, series, c, st->share_of_voice, 0, tooltip);
      bar->color = g_strdup (st->color);
    }

  n_articles = cited_store_count_articles (store, NULL, NULL);
  {
    g_autofree char *mentions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u brand mention", "%u brand mentions", total),
                                                 total);
    /* Translators: "Source: 120 brand mentions in 5 articles in Cited" */
    chart->source_note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "Source: %s in %u article in Cited",
                                                       "Source: %s in %u articles in Cited",
                                                       n_articles),
                                          mentions, n_articles);
  }
  return g_steal_pointer (&chart);
}

static gboolean
parse_month (const char *text,
             int        *year,
             int        *month)
{
  if (text == NULL || sscanf (text, "%4d-%2d", year, month) != 2)
    return FALSE;
  return *month >= 1 && *month <= 12;
}

/**
 * cited_chart_new_trend:
 * @brands: (nullable) (array zero-terminated=1): canonical names or aliases
 *
 * Mentions per month of article date, one line per brand in the brand's
 * colour, every month between the first and the last (months without a
 * mention count 0). Undated articles are left out.
 *
 * Returns: (transfer full): the chart, or NULL with @error set
 */
CitedChart *
cited_chart_new_trend (CitedStore          *store,
                       const char * const  *brands,
                       GError             **error)
{
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GPtrArray) picked = NULL;
  g_autoptr(GPtrArray) all_months = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(CitedChart) chart = NULL;
  int first = G_MAXINT, last = G_MININT;
  guint total = 0;

  g_return_val_if_fail (CITED_IS_STORE (store), NULL);

  stats = cited_store_brand_stats (store, brands != NULL, error);
  if (stats == NULL)
    return NULL;
  picked = pick_brands (stats, cited_store_get_lexicon (store), brands, MAX_TREND_BRANDS, error);
  if (picked == NULL)
    return NULL;

  chart = cited_chart_new (CITED_CHART_KIND_LINES, _("Mentions per month"));
  chart->unit = g_strdup ("mentions");

  for (guint i = 0; i < picked->len; i++)
    {
      CitedBrandStats *st = g_ptr_array_index (picked, i);
      GPtrArray *months = cited_store_brand_mentions_by_month (store, st->name, error);

      if (months == NULL)
        return NULL;
      for (guint m = 0; m < months->len; m++)
        {
          CitedCount *count = g_ptr_array_index (months, m);
          int y, mo;

          if (parse_month (count->name, &y, &mo))
            {
              first = MIN (first, y * 12 + mo - 1);
              last = MAX (last, y * 12 + mo - 1);
              total += count->n;
            }
        }
      g_ptr_array_add (all_months, months);
    }

  if (total == 0)
    return g_steal_pointer (&chart);

  for (int m = first; m <= last; m++)
    {
      g_autofree char *label = g_strdup_printf ("%04d-%02d", m / 12, m % 12 + 1);
      cited_chart_add_category (chart, label);
    }

  for (guint i = 0; i < picked->len; i++)
    {
      CitedBrandStats *st = g_ptr_array_index (picked, i);
      GPtrArray *months = g_ptr_array_index (all_months, i);
      CitedChartSeries *series = cited_chart_add_series (chart, st->name, st->color);

      for (guint c = 0; c < chart->categories->len; c++)
        cited_chart_set_value (chart, series, c, 0, 0, NULL);
      for (guint m = 0; m < months->len; m++)
        {
          int y, mo;
          guint count = ((CitedCount *) g_ptr_array_index (months, m))->n;
          g_autofree char *tooltip = NULL;

          if (!parse_month (((CitedCount *) g_ptr_array_index (months, m))->name, &y, &mo))
            continue;
          /* Translators: "Xiaomi, 2024-01: 3 mentions" */
          tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %04d-%02d: %u mention",
                                                  "%s, %04d-%02d: %u mentions", count),
                                     st->name, y, mo, count);
          cited_chart_set_value (chart, series, (guint) (y * 12 + mo - 1 - first), count, 0, tooltip);
        }
    }

  chart->subtitle = g_strdup (_("Brand mentions by the month of the article’s date"));
  {
    g_autofree char *mentions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mention", "%u mentions", total),
                                                 total);
    /* Translators: "Source: 40 mentions in dated articles in Cited" */
    chart->source_note = g_strdup_printf (_("Source: %s in dated articles in Cited"), mentions);
  }
  return g_steal_pointer (&chart);
}

/* CSV and description */

/* A value in the CSV: no locale, at most 15 significant digits. */
static char *
csv_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

/**
 * cited_chart_to_csv:
 *
 * The plotted data, one row per bar:
 * `category,series,value,unit,currency,figure_ids,value_max,label,qualifier,status,inferred`
 * with RFC 4180 quoting; figure ids are separated by spaces, shares are
 * given in percent, value_max is empty unless the bar is a range, label is
 * what the chart writes under the bar, qualifier what every figure of the
 * bar says of its value ("more than"), status what the bars of a figures
 * chart are ("reported", "forecast", "target", "plan"), inferred what the
 * figures left to their articles ("currency", "period").
 *
 * Returns: (transfer full): the CSV text
 */
char *
cited_chart_to_csv (CitedChart *self)
{
  static const char * const header[] = {
    "category", "series", "value", "unit", "currency", "figure_ids", "value_max", "label",
    "qualifier", "status", "inferred",
  };
  GString *out;
  gboolean share;

  g_return_val_if_fail (self != NULL, NULL);

  share = self->kind == CITED_CHART_KIND_SHARE;
  out = g_string_new (NULL);
  cited_csv_append_row (out, header, G_N_ELEMENTS (header), CITED_CSV_LF);
  for (guint c = 0; c < self->categories->len; c++)
    for (guint s = 0; s < self->series->len; s++)
      {
        CitedChartSeries *series = g_ptr_array_index (self->series, s);
        CitedChartBar *bar = c < series->bars->len ? g_ptr_array_index (series->bars, c) : NULL;
        g_autoptr(GString) ids = NULL;
        g_autofree char *value = NULL;
        g_autofree char *value_max = NULL;
        char inferred[32];

        if (bar == NULL || !isfinite (bar->value))
          continue;
        ids = g_string_new (NULL);
        for (guint i = 0; bar->figure_ids && i < bar->figure_ids->len; i++)
          g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? " " : "",
                                  g_array_index (bar->figure_ids, gint64, i));
        value = csv_number (share ? bar->value * 100 : bar->value);
        if (isfinite (bar->value_max) && bar->value_max > bar->value)
          value_max = csv_number (share ? bar->value_max * 100 : bar->value_max);
        inferred[0] = '\0';
        if (bar->flags & CITED_CHART_BAR_CURRENCY_INFERRED)
          g_strlcat (inferred, "currency", sizeof inferred);
        if (bar->flags & CITED_CHART_BAR_PERIOD_INFERRED)
          g_strlcat (inferred, inferred[0] ? " period" : "period", sizeof inferred);

        {
          const char *fields[] = {
            g_ptr_array_index (self->categories, c), series->name, value, self->unit,
            self->currency, ids->str, value_max, bar->label, bar->qualifier,
            self->kind == CITED_CHART_KIND_BARS ? cited_claim_status_to_string (self->status) : NULL,
            inferred,
          };

          cited_csv_append_row (out, fields, G_N_ELEMENTS (fields), CITED_CSV_LF);
        }
      }
  return g_string_free (out, FALSE);
}

/* Where each figure is drawn: figure id -> BarPlace, for the rows of the
 * sources CSV. */
typedef struct {
  guint category;
  CitedChartSeries *series;
  CitedChartBar *bar;
} BarPlace;

static GHashTable *
bar_places (CitedChart *self)
{
  GHashTable *places = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);

  for (guint s = 0; s < self->series->len; s++)
    {
      CitedChartSeries *series = g_ptr_array_index (self->series, s);

      for (guint c = 0; c < series->bars->len && c < self->categories->len; c++)
        {
          CitedChartBar *bar = g_ptr_array_index (series->bars, c);

          for (guint i = 0; bar != NULL && bar->figure_ids != NULL && i < bar->figure_ids->len; i++)
            {
              BarPlace *place = g_new (BarPlace, 1);

              *place = (BarPlace) { c, series, bar };
              g_hash_table_insert (places, &g_array_index (bar->figure_ids, gint64, i), place);
            }
        }
    }
  return places;
}

/**
 * cited_chart_to_sources_csv:
 *
 * The figures a figures chart draws, one row each, with what they state and
 * where they come from (RFC 4180 quoting): the bar they are part of
 * (category, series, bar_value), the figure (figure_id, company, metric,
 * measure, change, value, value_max, unit, currency, qualifier, scope,
 * period, status, text as written) and its article (title, source, date,
 * location: its URL or file, sentence).
 *
 * Returns: (transfer full) (nullable): the CSV text, or NULL when the chart
 *   holds no figures
 */
char *
cited_chart_to_sources_csv (CitedChart *self)
{
  static const char * const header[] = {
    "category", "series", "bar_value", "figure_id", "company", "metric", "measure", "change",
    "value", "value_max", "unit", "currency", "qualifier", "scope", "period", "status", "text",
    "article", "source", "date", "location", "sentence",
  };
  g_autoptr(GHashTable) places = NULL;
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->figures == NULL)
    return NULL;
  places = bar_places (self);
  out = g_string_new (NULL);
  cited_csv_append_row (out, header, G_N_ELEMENTS (header), CITED_CSV_LF);
  for (guint i = 0; i < self->figures->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (self->figures, i);
      BarPlace *place = g_hash_table_lookup (places, &figure->id);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, figure->id);
      g_autofree char *bar_value = NULL;
      g_autofree char *value = csv_number (figure->value);
      g_autofree char *value_max = NULL;
      g_autofree char *period = period_label (figure->year, figure->quarter);
      const char *change = figure->change == CITED_CHANGE_PERCENT ? "percent"
                           : figure->change == CITED_CHANGE_ABSOLUTE ? "absolute" : "level";

      if (place == NULL)
        continue;
      bar_value = csv_number (place->bar->value);
      if (cited_figure_is_range (figure))
        value_max = csv_number (figure->value_max);
      {
        const char *fields[] = {
          g_ptr_array_index (self->categories, place->category), place->series->name, bar_value, id,
          figure->brand, figure->metric, cited_figure_get_measure (figure), change, value,
          value_max, figure->unit, figure->currency, figure->qualifier, figure->scope, period,
          cited_claim_status_to_string (figure->claim_status), figure->text,
          figure->article_title, figure->article_source, figure->article_published,
          figure->article_path, figure->sentence,
        };

        cited_csv_append_row (out, fields, G_N_ELEMENTS (fields), CITED_CSV_LF);
      }
    }
  return g_string_free (out, FALSE);
}

/* A value as it reads in a sentence: "190M units", "¥3,999", "35%",
 * "40–50 cities" for a range up to @value_max (NAN: none), "more than
 * 190M units" with its @qualifier. */
static char *
describe_value (CitedChart *self,
                double      value,
                double      value_max,
                const char *qualifier)
{
  g_autofree char *number = NULL;
  g_autofree char *with_unit = NULL;

  if (self->kind == CITED_CHART_KIND_SHARE)
    return g_strdup_printf ("%.*f%%", value * 100 < 10 ? 1 : 0, value * 100);
  if (self->kind == CITED_CHART_KIND_RANKS)
    /* Translators: a place in a ranking, "#3" */
    return g_strdup_printf (_("#%.0f"), value);
  number = cited_format_value (value, self->unit, self->currency);
  if (isfinite (value_max) && value_max > value)
    {
      g_autofree char *high = cited_format_value (value_max, self->unit, self->currency);
      g_autofree char *low = g_steal_pointer (&number);
      /* Translators: a range of values, "40–50" */
      number = g_strdup_printf (_("%s–%s"), low, high);
    }
  if (self->currency == NULL && self->unit != NULL && !g_str_equal (self->unit, "%"))
    with_unit = g_strdup_printf ("%s %s", number, self->unit);
  else
    with_unit = g_steal_pointer (&number);
  if (cited_value_qualifier_bound (qualifier) == CITED_BOUND_EXACT)
    return g_steal_pointer (&with_unit);
  /* Translators: a qualified value read aloud, "more than 190M units": the
   * qualifier as the extractor writes it, then the value */
  return g_strdup_printf (C_("described value", "%s %s"), cited_value_qualifier_words (qualifier),
                          with_unit);
}

static gboolean chart_is_empty (CitedChart *self);

/* What a chart of forecasts, targets or plans draws, as a plural noun. */
static const char *
status_plural (CitedClaimStatus status)
{
  switch (status)
    {
    case CITED_CLAIM_FORECAST:
      return _("forecasts");
    case CITED_CLAIM_TARGET:
      return _("targets");
    case CITED_CLAIM_PLAN:
      return _("plans");
    case CITED_CLAIM_REPORTED:
    default:
      return NULL;
    }
}

/**
 * cited_chart_marks_legend:
 *
 * Explains the marks the chart's bars carry, in the order the renderer
 * draws them: "> more than · ≈ about · hatched: forecasts · * currency
 * from the article".
 *
 * Returns: (transfer full) (nullable): the line, or NULL without marks
 */
char *
cited_chart_marks_legend (CitedChart *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) qualifiers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new ();
  CitedChartBarFlags flags = 0;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint s = 0; s < self->series->len; s++)
    {
      CitedChartSeries *series = g_ptr_array_index (self->series, s);

      for (guint c = 0; c < series->bars->len && c < self->categories->len; c++)
        {
          CitedChartBar *bar = g_ptr_array_index (series->bars, c);

          if (bar == NULL || !isfinite (bar->value))
            continue;
          flags |= bar->flags;
          if (cited_value_qualifier_bound (bar->qualifier) != CITED_BOUND_EXACT &&
              g_hash_table_add (qualifiers, bar->qualifier))
            g_ptr_array_add (ordered, bar->qualifier);
        }
    }
  for (guint i = 0; i < ordered->len; i++)
    {
      const char *qualifier = g_ptr_array_index (ordered, i);

      /* Translators: a mark explained under a chart, "> more than" */
      g_ptr_array_add (parts, g_strdup_printf (C_("chart mark", "%s %s"),
                                               cited_value_qualifier_sign (qualifier),
                                               cited_value_qualifier_words (qualifier)));
    }
  if (status_plural (self->status) != NULL && !chart_is_empty (self))
    /* Translators: under a chart whose bars are hatched, %s is "forecasts", "targets" or "plans" */
    g_ptr_array_add (parts, g_strdup_printf (_("hatched: %s"), status_plural (self->status)));
  if (flags & CITED_CHART_BAR_CURRENCY_INFERRED)
    /* Translators: under a chart, a bar marked * names no currency of its own */
    g_ptr_array_add (parts, g_strdup (_("* currency from the article")));
  if (flags & CITED_CHART_BAR_PERIOD_INFERRED)
    /* Translators: under a chart, a bar marked † names no period of its own */
    g_ptr_array_add (parts, g_strdup (_("† period from the article’s date")));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static gboolean
chart_is_empty (CitedChart *self)
{
  for (guint s = 0; s < self->series->len; s++)
    {
      CitedChartSeries *series = g_ptr_array_index (self->series, s);
      for (guint c = 0; c < series->bars->len && c < self->categories->len; c++)
        {
          CitedChartBar *bar = g_ptr_array_index (series->bars, c);
          if (bar != NULL && isfinite (bar->value))
            return FALSE;
        }
    }
  return TRUE;
}

static void
append_sentence_start (GString    *out,
                       const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!g_str_has_suffix (text, ".") && !g_str_has_suffix (text, "?") && !g_str_has_suffix (text, "!"))
    g_string_append_c (out, '.');
}

/* What an empty chart says, drawn and read alike (the same strings are in
 * cited-chart.c and cited-chart-render.c). */
static const char *
empty_message (CitedChart *chart)
{
  /* A chart of figures at their articles' dates (it holds figures). */
  if (chart->kind == CITED_CHART_KIND_LINES && chart->figures != NULL)
    return _("No dated article cites these figures");
  switch (chart->kind)
    {
    case CITED_CHART_KIND_SHARE:
      return _("No brand mentions yet");
    case CITED_CHART_KIND_RANKS:
      return _("No ranks in the articles");
    case CITED_CHART_KIND_LINES:
      return _("No dated articles mention these brands");
    case CITED_CHART_KIND_BARS:
    default:
      return _("No figures for this metric");
    }
}

/* Figures at their articles' dates, read in order, as a story:
 * "2021-03-02: forecast 2021 170M units (2021). 2021-12-28: reported …" */
static void
describe_timeline (CitedChart *self,
                   GString    *out)
{
  for (guint c = 0; c < self->categories->len; c++)
    for (guint s = 0; s < self->series->len; s++)
      {
        CitedChartSeries *series = g_ptr_array_index (self->series, s);
        CitedChartBar *bar = c < series->bars->len ? g_ptr_array_index (series->bars, c) : NULL;
        g_autofree char *value = NULL;

        if (bar == NULL || !isfinite (bar->value))
          continue;
        value = describe_value (self, bar->value, bar->value_max, bar->qualifier);
        g_string_append_printf (out, " %s: %s %s", (const char *) g_ptr_array_index (self->categories, c),
                                series->name, value);
        if (bar->label != NULL && *bar->label != '\0')
          g_string_append_printf (out, " (%s)", bar->label);
        g_string_append_c (out, '.');
      }
}

/**
 * cited_chart_describe:
 *
 * Reads the chart in words for its accessible label: "Sales by brand.
 * Xiaomi: global 2021 190M units, overseas 140M units. Huawei: …". Line
 * charts are read per series: the total, and the busiest category.
 *
 * Returns: (transfer full): the description
 */
char *
cited_chart_describe (CitedChart *self)
{
  GString *out;
  gboolean named = FALSE;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  append_sentence_start (out, self->title);
  if (status_plural (self->status) != NULL && !chart_is_empty (self))
    {
      /* Translators: read after a chart's title, %s is "forecasts", "targets" or "plans" */
      g_autofree char *kind = g_strdup_printf (_("All values are %s"), status_plural (self->status));
      append_sentence_start (out, kind);
    }

  if (chart_is_empty (self))
    {
      append_sentence_start (out, empty_message (self));
      return g_string_free (out, FALSE);
    }

  if (self->kind == CITED_CHART_KIND_LINES && self->figures != NULL)
    {
      describe_timeline (self, out);
      return g_string_free (out, FALSE);
    }

  if (self->kind == CITED_CHART_KIND_LINES)
    {
      for (guint s = 0; s < self->series->len; s++)
        {
          CitedChartSeries *series = g_ptr_array_index (self->series, s);
          double total = 0, best = -INFINITY;
          guint best_c = 0;
          g_autofree char *total_text = NULL;
          g_autofree char *best_text = NULL;

          for (guint c = 0; c < series->bars->len && c < self->categories->len; c++)
            {
              CitedChartBar *bar = g_ptr_array_index (series->bars, c);
              if (bar == NULL || !isfinite (bar->value))
                continue;
              total += bar->value;
              if (bar->value > best)
                {
                  best = bar->value;
                  best_c = c;
                }
            }
          if (!isfinite (best))
            continue;
          total_text = describe_value (self, total, NAN, NULL);
          best_text = describe_value (self, best, NAN, NULL);
          g_string_append_c (out, ' ');
          /* Translators: "Xiaomi: 40 mentions from 2023-01 to 2024-03, most in 2023-05 (7 mentions)." */
          g_string_append_printf (out, _("%s: %s from %s to %s, most in %s (%s)."),
                                  series->name, total_text,
                                  (const char *) g_ptr_array_index (self->categories, 0),
                                  (const char *) g_ptr_array_index (self->categories, self->categories->len - 1),
                                  (const char *) g_ptr_array_index (self->categories, best_c),
                                  best_text);
        }
      return g_string_free (out, FALSE);
    }

  /* Series of one name (a brand's two prices) are one group to the
   * reader: the name is read when there are several groups. */
  for (guint s = 1; s < self->series->len && !named; s++)
    named = g_strcmp0 (((CitedChartSeries *) g_ptr_array_index (self->series, s))->name,
                       ((CitedChartSeries *) g_ptr_array_index (self->series, 0))->name) != 0;

  for (guint c = 0; c < self->categories->len; c++)
    {
      gboolean first = TRUE;

      for (guint s = 0; s < self->series->len; s++)
        {
          CitedChartSeries *series = g_ptr_array_index (self->series, s);
          CitedChartBar *bar = c < series->bars->len ? g_ptr_array_index (series->bars, c) : NULL;
          g_autofree char *value = NULL;

          if (bar == NULL || !isfinite (bar->value))
            continue;
          value = describe_value (self, bar->value, bar->value_max, bar->qualifier);
          if (first)
            g_string_append_printf (out, " %s:", (const char *) g_ptr_array_index (self->categories, c));
          else
            g_string_append_c (out, ',');
          /* One series needs no name: "Xiaomi: 24K patents." */
          if (named)
            g_string_append_printf (out, " %s %s", series->name, value);
          else
            g_string_append_printf (out, " %s", value);
          /* A label that says more than the series name read before it:
           * "¥3,999 (3999 yuan)", "190M units (global 2021)". */
          if (bar->label != NULL && *bar->label != '\0' &&
              (!named || g_strcmp0 (bar->label, series->name) != 0))
            g_string_append_printf (out, " (%s)", bar->label);
          if (bar->flags & CITED_CHART_BAR_CURRENCY_INFERRED)
            /* Translators: read after a value whose currency is its article's */
            g_string_append_printf (out, " %s", _("(currency from the article)"));
          if (bar->flags & CITED_CHART_BAR_PERIOD_INFERRED)
            /* Translators: read after a value whose period is its article's year */
            g_string_append_printf (out, " %s", _("(period from the article’s date)"));
          if (bar->n_sources > 1)
            /* Translators: after a bar's value in a chart's description */
            g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, ", cited by %u article",
                                                      ", cited by %u articles", bar->n_sources),
                                    bar->n_sources);
          first = FALSE;
        }
      if (!first)
        g_string_append_c (out, '.');
    }
  return g_string_free (out, FALSE);
}

/* Export */

static cairo_status_t
write_to_bytes_cb (void                *closure,
                   const unsigned char *data,
                   unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Puts into the SVG cairo wrote (text drawn as glyph outlines left out)
 * the chart's title and description for readers, and its text as <text>
 * elements. */
static gboolean
svg_add_text (CitedChart *self,
              GByteArray *bytes,
              const char *text)
{
  g_autofree char *description = cited_chart_describe (self);
  g_autofree char *title = g_markup_escape_text (self->title ? self->title : "", -1);
  g_autofree char *desc = g_markup_escape_text (description, -1);
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GString) tail = g_string_new (NULL);
  const char *data = (const char *) bytes->data;
  const char *root, *open_end, *close;
  gsize after_open, before_close;

  root = g_strstr_len (data, bytes->len, "<svg");
  if (root == NULL)
    return FALSE;
  open_end = memchr (root, '>', bytes->len - (root - data));
  close = g_strrstr_len (data, bytes->len, "</svg>");
  if (open_end == NULL || close == NULL || close < open_end)
    return FALSE;
  after_open = open_end + 1 - data;
  before_close = close - data;

  g_string_append_printf (head, "\n<title>%s</title>\n<desc>%s</desc>\n", title, desc);
  /* Exports are laid out in CITED_FONT_FAMILY: its Latin font by name,
   * then sans-serif for what it lacks, as every SVG reader knows it. */
  g_string_append_printf (tail, "<g font-family=\"DejaVu Sans, sans-serif\">\n%s</g>\n", text);
  {
    g_autoptr(GByteArray) out = g_byte_array_sized_new (bytes->len + head->len + tail->len);

    g_byte_array_append (out, bytes->data, after_open);
    g_byte_array_append (out, (const guint8 *) head->str, head->len);
    g_byte_array_append (out, bytes->data + after_open, before_close - after_open);
    g_byte_array_append (out, (const guint8 *) tail->str, tail->len);
    g_byte_array_append (out, bytes->data + before_close, bytes->len - before_close);
    g_byte_array_set_size (bytes, 0);
    g_byte_array_append (bytes, out->data, out->len);
  }
  return TRUE;
}

typedef enum { EXPORT_PNG, EXPORT_SVG, EXPORT_PDF } ExportFormat;

/* Renders @self in the print palette into the bytes of a file of
 * @format, or NULL with @error set. */
static GByteArray *
render_to_bytes (CitedChart    *self,
                 ExportFormat   format,
                 int            width,
                 int            height,
                 GError       **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = NULL;
  cairo_t *cr;
  cairo_status_t status;
  CitedChartStyle style;
  g_autoptr(GString) svg_text = NULL;

  switch (format)
    {
    case EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    case EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_bytes_cb, bytes, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_bytes_cb, bytes, width, height);
      if (self->title)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Cited " PACKAGE_VERSION);
      break;
    default:
      g_assert_not_reached ();
    }

  cited_chart_style_print (&style);
  cr = cairo_create (surface);
  if (format == EXPORT_SVG)
    {
      svg_text = g_string_new (NULL);
      cairo_set_user_data (cr, &cited_chart_svg_text_key, svg_text, NULL);
    }
  cited_chart_render (self, cr, width, height, &style);
  status = cairo_status (cr);
  cairo_destroy (cr);
  /* A finished image surface cannot be written, so PNG goes out first; the
   * vector surfaces write their stream when finished. */
  if (status == CAIRO_STATUS_SUCCESS && format == EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_bytes_cb, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_FAILED,
                   _("Could not draw the chart: %s"), cairo_status_to_string (status));
      return NULL;
    }
  if (format == EXPORT_SVG && !svg_add_text (self, bytes, svg_text->str))
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_FAILED,
                           _("Could not draw the chart: the SVG has no root element"));
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

/* The chart as an SVG document (cited_chart_export() writes the same). */
GBytes *
cited_chart_to_svg (CitedChart  *self,
                    int          width,
                    int          height,
                    GError     **error)
{
  GByteArray *bytes;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  bytes = render_to_bytes (self, EXPORT_SVG, width, height, error);
  return bytes != NULL ? g_byte_array_free_to_bytes (bytes) : NULL;
}

/**
 * cited_chart_export:
 * @path: a file name ending in .png, .svg or .pdf
 * @width: pixels (points for PDF)
 * @height: pixels (points for PDF)
 *
 * Renders the chart in the print palette into a file of exactly that size.
 * The file is replaced atomically: a failed export leaves no partial file.
 *
 * Returns: TRUE, or FALSE with @error set (an unknown extension or a bad
 *   size is CITED_ERROR_INVALID)
 */
gboolean
cited_chart_export (CitedChart  *self,
                    const char  *path,
                    int          width,
                    int          height,
                    GError     **error)
{
  g_autofree char *lower = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  ExportFormat format;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    format = EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    format = EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    format = EXPORT_PDF;
  else
    {
      g_autofree char *display = g_filename_display_basename (path);
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("Cannot export “%s”: the file name must end in .png, .svg or .pdf"),
                   display);
      return FALSE;
    }

  if (width < 1 || height < 1 || width > MAX_EXPORT_SIDE || height > MAX_EXPORT_SIDE)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("Cannot export a chart of %d × %d: width and height must be between 1 and %d"),
                   width, height, MAX_EXPORT_SIDE);
      return FALSE;
    }

  if (format == EXPORT_PNG && (double) width * height > MAX_EXPORT_PIXELS)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("Cannot export a PNG of %d × %d: that is more than %.0f megapixels"),
                   width, height, MAX_EXPORT_PIXELS / (1024 * 1024));
      return FALSE;
    }

  bytes = render_to_bytes (self, format, width, height, error);
  if (bytes == NULL)
    return FALSE;

  if (!g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_FAILED, local_error->message);
      return FALSE;
    }
  return TRUE;
}
