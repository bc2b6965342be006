/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include <cairo.h>
#include <glib-object.h>

#include "cited-store.h"

G_BEGIN_DECLS

/**
 * CITED_FONT_FAMILY:
 *
 * The fonts charts, printed pages and reports are drawn in, as a Pango
 * family list: a Latin font first, then the desktop's "Sans" for what it
 * lacks (Chinese). "Sans" alone follows the locale: under a Chinese one
 * fontconfig gives a CJK font, whose Latin letters and full-width
 * apostrophes ("world’ s") an export made there would keep.
 */
#define CITED_FONT_FAMILY "DejaVu Sans,Sans"

typedef enum {
  CITED_CHART_KIND_BARS,     /* categories on the x axis, one bar per series */
  CITED_CHART_KIND_LINES,    /* categories are periods; one line per series */
  CITED_CHART_KIND_SHARE,    /* one series of shares (0..1) shown as horizontal bars with % */
  CITED_CHART_KIND_RANKS,    /* places (1 first): one row per category, a dot at its place */
} CitedChartKind;

/**
 * CitedChartBarFlags:
 * @CITED_CHART_BAR_CURRENCY_INFERRED: the figures name no currency; it is
 *   their articles'
 * @CITED_CHART_BAR_PERIOD_INFERRED: the figures name no period; it is
 *   their articles' year
 *
 * What a bar's figures did not state themselves, flagged on the chart.
 */
typedef enum {
  CITED_CHART_BAR_CURRENCY_INFERRED = 1 << 0,
  CITED_CHART_BAR_PERIOD_INFERRED = 1 << 1,
} CitedChartBarFlags;

/**
 * CitedChartBar:
 * One plotted value and the figures behind it.
 */
typedef struct {
  double value;
  GArray *figure_ids;        /* gint64; may be empty (mention counts) */
  char *tooltip;             /* e.g. the source sentence; may be NULL */
  char *color;               /* "#RRGGBB" overriding the series colour (a brand's bar), or NULL */
  /* Added after the first release of the model: */
  char *label;               /* what tells the bar from its neighbours in its category
                              * ("overseas", "3999 yuan"), drawn under it; or NULL */
  double value_max;          /* upper end of a range ("40–50"), NAN when not a range */
  char *qualifier;           /* what every figure of the bar says of its value
                              * ("more than", "about", "up to"), or NULL */
  CitedChartBarFlags flags;
  guint n_sources;           /* figures charts: the articles citing the bar's claim, else 0 */
} CitedChartBar;

#define CITED_TYPE_CHART_BAR (cited_chart_bar_get_type ())
CITED_AVAILABLE_IN_ALL
GType          cited_chart_bar_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedChartBar *cited_chart_bar_copy     (const CitedChartBar *self);
CITED_AVAILABLE_IN_ALL
void           cited_chart_bar_free     (CitedChartBar       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedChartBar, cited_chart_bar_free)

/**
 * CitedChartSeries:
 */
typedef struct {
  char *name;                /* legend text, e.g. a brand or a scope */
  char *color;               /* "#RRGGBB" */
  GPtrArray *bars;           /* CitedChartBar, one per category (NULL entry: no value) */
} CitedChartSeries;

#define CITED_TYPE_CHART_SERIES (cited_chart_series_get_type ())
CITED_AVAILABLE_IN_ALL
GType             cited_chart_series_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedChartSeries *cited_chart_series_copy     (const CitedChartSeries *self);
CITED_AVAILABLE_IN_ALL
void              cited_chart_series_free     (CitedChartSeries       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedChartSeries, cited_chart_series_free)

/**
 * CitedChart:
 * The chart model: plain data, built from the store, drawn by
 * cited_chart_render() on screen, on paper and into files.
 */
typedef struct {
  /*< private >*/
  gint ref_count;
  /*< public >*/
  CitedChartKind kind;
  char *title;
  char *subtitle;
  char *source_note;         /* footnote: where the figures come from */
  char *unit;                /* axis unit: "units", "%", ... or NULL */
  char *currency;            /* ISO code when the values are money, or NULL */
  GPtrArray *categories;     /* char*: x labels (brands, periods, ...) */
  GPtrArray *series;         /* CitedChartSeries */
  CitedClaimStatus status;   /* what the bars are: results, or forecasts,
                              * targets or plans, drawn hatched */
  GPtrArray *figures;        /* CitedFigure: a figures chart's drawn figures,
                              * with their articles, for exports; else NULL */
} CitedChart;

#define CITED_TYPE_CHART (cited_chart_get_type ())
CITED_AVAILABLE_IN_ALL
GType       cited_chart_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedChart *cited_chart_new      (CitedChartKind kind,
                                  const char    *title);
CITED_AVAILABLE_IN_ALL
CitedChart *cited_chart_ref      (CitedChart    *self);
CITED_AVAILABLE_IN_ALL
void        cited_chart_unref    (CitedChart    *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedChart, cited_chart_unref)

/* Model building helpers. */
CITED_AVAILABLE_IN_ALL
guint       cited_chart_add_category (CitedChart *self, const char *label);
CITED_AVAILABLE_IN_ALL
CitedChartSeries *cited_chart_add_series (CitedChart *self, const char *name, const char *color);
/* Sets the value of @series at @category; @figure_id 0 adds no figure. */
CITED_AVAILABLE_IN_ALL
CitedChartBar *cited_chart_set_value (CitedChart *self, CitedChartSeries *series,
                                      guint category, double value,
                                      gint64 figure_id, const char *tooltip);

/* Figures of one metric (query->metric, required) grouped by brand on the
 * x axis: one bar per claim (cited-claims.h: the same value within
 * rounding, with its scope and period) in a brand, holding every figure id
 * that cites it. Series are the scope/period
 * groups; a group with several values in one brand has several series of
 * the same name (one legend entry, one colour). */
CITED_AVAILABLE_IN_ALL
CitedChart *cited_chart_new_figures  (CitedStore       *store,
                                      const CitedQuery *query,
                                      GError          **error);
/* The sentence of @figure, cut around the figure when it is long ("…sold
 * 140 million units overseas…"), as bar tooltips quote it. */
CITED_AVAILABLE_IN_ALL
char       *cited_figure_quote       (const CitedFigure *figure);

/* Brand comparison: share of voice of @brands (NULL: the most mentioned, up
 * to 8). */
CITED_AVAILABLE_IN_ALL
CitedChart *cited_chart_new_brands   (CitedStore         *store,
                                      const char * const *brands,
                                      GError            **error);
/* The story of one metric's figures (query->metric required; query->brand
 * for one company): each figure at its article's date, one line per
 * status, so that "a forecast of 170 million in March" and "a reported 190
 * million in December" read in order. Figures of undated articles are left
 * out, and the subtitle says how many. */
CITED_AVAILABLE_IN_ALL
CitedChart *cited_chart_new_claims_over_time (CitedStore       *store,
                                              const CitedQuery *query,
                                              GError          **error);
/* Mentions over time by article month for @brands (NULL: top 4). */
CITED_AVAILABLE_IN_ALL
CitedChart *cited_chart_new_trend    (CitedStore         *store,
                                      const char * const *brands,
                                      GError            **error);

/**
 * CitedChartStyle:
 * Colours and font for one rendering. cited_chart_style_print() is the
 * light palette used for print and export whatever the desktop theme.
 */
typedef struct {
  double background[4];      /* RGBA 0..1; alpha 0 draws no background */
  double foreground[4];
  double grid[4];
  double accent[4];          /* single-series bars and highlights */
  const char *font_family;   /* NULL: CITED_FONT_FAMILY */
  double font_size;          /* points at 96 dpi; 0: 10 */
  int highlight_series;      /* -1: none */
  int highlight_category;    /* -1: none */
} CitedChartStyle;

/* A style on the heap (for bindings) owns its font family. */
#define CITED_TYPE_CHART_STYLE (cited_chart_style_get_type ())
CITED_AVAILABLE_IN_ALL
GType            cited_chart_style_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedChartStyle *cited_chart_style_copy     (const CitedChartStyle *style);
CITED_AVAILABLE_IN_ALL
void             cited_chart_style_free     (CitedChartStyle       *style);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedChartStyle, cited_chart_style_free)

CITED_AVAILABLE_IN_ALL
void        cited_chart_style_print  (CitedChartStyle *style);
/* A brand colour ("#RRGGBB") lightened when it would not read on a dark
 * background; a copy otherwise. */
CITED_AVAILABLE_IN_ALL
char       *cited_color_readable     (const char      *color,
                                      gboolean         dark_background);
CITED_AVAILABLE_IN_ALL
void        cited_chart_style_dark   (CitedChartStyle *style);

/* Draws @self into @cr in a @width x @height box at the origin. */
CITED_AVAILABLE_IN_ALL
void        cited_chart_render       (CitedChart            *self,
                                      cairo_t               *cr,
                                      double                 width,
                                      double                 height,
                                      const CitedChartStyle *style);
/* Which bar lies under (@x, @y) in a render of that size: TRUE and the
 * series/category indexes, or FALSE. */
CITED_AVAILABLE_IN_ALL
gboolean    cited_chart_hit_test     (CitedChart *self,
                                      double      width,
                                      double      height,
                                      double      x,
                                      double      y,
                                      guint      *series,
                                      guint      *category);
/* Writes PNG, SVG or PDF (chosen by @path's extension) at that size in the
 * print palette. */
CITED_AVAILABLE_IN_ALL
gboolean    cited_chart_export       (CitedChart  *self,
                                      const char  *path,
                                      int          width,
                                      int          height,
                                      GError     **error);
/* The plotted data as CSV, one row per bar:
 * category,series,value,unit,currency,figure_ids,value_max,label,
 * qualifier,status,inferred. */
CITED_AVAILABLE_IN_ALL
char       *cited_chart_to_csv       (CitedChart  *self);
/* The figures behind a figures chart as CSV, one row per figure with where
 * it comes from: category,series,bar_value,figure_id,company,metric,
 * measure,change,value,value_max,unit,currency,qualifier,scope,period,
 * status,text,article,source,date,location,sentence. NULL for a chart that
 * holds no figures (brand mentions). */
CITED_AVAILABLE_IN_ALL
char       *cited_chart_to_sources_csv (CitedChart *self);
/* The marks the chart's bars carry, explained in one line for under the
 * chart ("> more than · ≈ about · hatched: forecasts · * currency from the
 * article"), or NULL when there are none. */
CITED_AVAILABLE_IN_ALL
char       *cited_chart_marks_legend (CitedChart  *self);
/* A sentence that reads the chart's values, for its accessible label. */
CITED_AVAILABLE_IN_ALL
char       *cited_chart_describe     (CitedChart  *self);

/* Axis ticks: the step, 1, 2 or 5 times a power of ten, that divides the
 * range [@min, @max] (0 always included) into at most @max_ticks intervals;
 * the axis ends, multiples of the step enclosing the range, are returned in
 * @axis_min and @axis_max. */
CITED_AVAILABLE_IN_ALL
double      cited_chart_nice_step    (double       min,
                                      double       max,
                                      guint        max_ticks,
                                      double      *axis_min,
                                      double      *axis_max);

G_END_DECLS
