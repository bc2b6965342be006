/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-chart-render"
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "cited-chart.h"
#include "cited-chart-private.h"
#include "cited-types-private.h"
#include "cited-extractor.h"
#include "cited-value.h"

/*
 * One renderer for the screen, the printer and files. Everything that
 * places something on the canvas is computed once by layout_new(), which
 * both cited_chart_render() and cited_chart_hit_test() use, so a click
 * always lands on the bar that was drawn there.
 *
 * Text is measured with a Pango context of our own (96 dpi, no hinted
 * metrics) rather than one derived from the cairo_t, so the geometry does
 * not depend on the surface: a PNG, a PDF and the widget place every bar
 * alike, and hit testing needs no cairo_t at all.
 */

#define FONT_MEMO_KEY "cited-chart-render-font"
#define HIT_CACHE_KEY "cited-chart-hit-layout"

typedef struct {
  double r, g, b, a;
} Rgba;

typedef struct {
  PangoLayout *layout;       /* NULL: not drawn */
  double x, y;               /* top left */
  double w, h;
} Text;

typedef struct {
  Text text;
  double swatch_x, swatch_y, swatch_size;
  guint series;
} LegendItem;

typedef struct {
  CitedChart *chart;
  double width, height;
  double s;                  /* scale of text and strokes */
  double font_size;          /* points */
  char *font_family;
  PangoContext *context;

  gboolean empty;
  gboolean too_small;
  Text title, subtitle, note, message;
  Text marks;                /* the marks the bars carry, explained */
  GArray *legend;            /* LegendItem */
  Text legend_more;          /* "+2 more" when the legend is cut short */

  double px, py, pw, ph;     /* the plot area */
  double axis_min, axis_max, step;
  double factor;             /* value -> axis units: 100 for shares */
  GArray *ticks;             /* Text, one per tick, positioned */
  GArray *tick_values;       /* double */
  GArray *categories;        /* Text per category; layout NULL when skipped */
  gboolean value_labels;
  double value_label_h;
  double bar_w;              /* bar charts: the width of one bar */
  GArray *cat_start;         /* bar charts: double, x of a category's first bar */
  GArray *bar_labels;        /* bar charts: Text per series × category (layout NULL: none) */
  double bar_labels_h;       /* the height of their row under the axis, 0 without */
} Layout;

/* The fonts of recent renders, by size: the widget, the printer and an
 * export draw the same chart at different sizes with different fonts, and
 * a hit test at the widget's size must use the widget's. */
typedef struct {
  double width, height;
  char *family;
  double size;
} FontMemo;

#define MAX_FONT_MEMOS 4

/* Guards the memos and the hit-test cache kept beside charts: a chart may
 * be exported from a worker while the main thread points at it. */
static GMutex memo_lock;

static const char * const palette[] = {
  "#3584E4", "#E66100", "#2EC27E", "#9141AC",
  "#C01C28", "#986A44", "#F5C211", "#5E5C64",
};

/* Styles */

static void
set_rgba (double     *dest,
          double      r,
          double      g,
          double      b,
          double      a)
{
  dest[0] = r;
  dest[1] = g;
  dest[2] = b;
  dest[3] = a;
}

G_DEFINE_BOXED_TYPE (CitedChartStyle, cited_chart_style, cited_chart_style_copy, cited_chart_style_free)

/* The strings of a CitedChartStyle, which a heap style owns. */
static const gsize style_strings[] = { G_STRUCT_OFFSET (CitedChartStyle, font_family) };

/**
 * cited_chart_style_copy:
 * @style: a style
 *
 * Returns: (transfer full): a copy of @style that owns a copy of its font
 *   family; free it with cited_chart_style_free()
 */
CitedChartStyle *
cited_chart_style_copy (const CitedChartStyle *style)
{
  CitedChartStyle *copy;

  g_return_val_if_fail (style != NULL, NULL);
  copy = g_memdup2 (style, sizeof *style);
  cited_struct_dup_strings (copy, style_strings, G_N_ELEMENTS (style_strings));
  return copy;
}

/**
 * cited_chart_style_free:
 * @style: (transfer full) (nullable): a chart style
 *
 * Frees @style.
 */
void
cited_chart_style_free (CitedChartStyle *style)
{
  if (style == NULL)
    return;
  cited_struct_free_strings (style, style_strings, G_N_ELEMENTS (style_strings));
  g_free (style);
}

/**
 * cited_chart_style_print:
 * @style: (out caller-allocates): the style to fill
 *
 * The light palette used for print and export: white background, dark
 * text, the default font.
 */
void
cited_chart_style_print (CitedChartStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  set_rgba (style->background, 1, 1, 1, 1);
  set_rgba (style->foreground, 0.12, 0.12, 0.12, 1);
  set_rgba (style->grid, 0, 0, 0, 0.14);
  set_rgba (style->accent, 0x35 / 255.0, 0x84 / 255.0, 0xE4 / 255.0, 1);
  style->font_family = NULL;
  style->font_size = 0;
  style->highlight_series = -1;
  style->highlight_category = -1;
}

/**
 * cited_chart_style_dark:
 * @style: (out caller-allocates): the style to fill
 *
 * The dark palette for the screen in dark mode.
 */
void
cited_chart_style_dark (CitedChartStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  set_rgba (style->background, 0x1E / 255.0, 0x1E / 255.0, 0x1E / 255.0, 1);
  set_rgba (style->foreground, 0.94, 0.94, 0.94, 1);
  set_rgba (style->grid, 1, 1, 1, 0.16);
  set_rgba (style->accent, 0x78 / 255.0, 0xAE / 255.0, 0xED / 255.0, 1);
  style->font_family = NULL;
  style->font_size = 0;
  style->highlight_series = -1;
  style->highlight_category = -1;
}

static gboolean
parse_color (const char *text,
             Rgba       *rgba)
{
  unsigned int r, g, b;

  if (text == NULL || text[0] != '#' || strlen (text) != 7 ||
      sscanf (text + 1, "%2x%2x%2x", &r, &g, &b) != 3)
    return FALSE;
  rgba->r = r / 255.0;
  rgba->g = g / 255.0;
  rgba->b = b / 255.0;
  rgba->a = 1;
  return TRUE;
}

static double
luminance (const Rgba *c)
{
  return 0.2126 * c->r + 0.7152 * c->g + 0.0722 * c->b;
}

static Rgba
rgba_from (const double *v)
{
  return (Rgba) { v[0], v[1], v[2], v[3] };
}

static Rgba
mix (Rgba   a,
     Rgba   b,
     double t)
{
  return (Rgba) { a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t, a.a };
}

/* Series of the same name and colour are one thing to the reader (a
 * brand's two prices fill two "overall" series): one legend entry, one
 * colour. This is the first series of @series_index's kind. */
static guint
series_first (CitedChart *chart,
              guint       series_index)
{
  CitedChartSeries *series = g_ptr_array_index (chart->series, series_index);

  for (guint i = 0; i < series_index; i++)
    {
      CitedChartSeries *other = g_ptr_array_index (chart->series, i);
      if (g_strcmp0 (other->name, series->name) == 0 && g_strcmp0 (other->color, series->color) == 0)
        return i;
    }
  return series_index;
}

/* Which legend entry @series_index is drawn as, and how many there are. */
static guint
legend_entry (CitedChart *chart,
              guint       series_index,
              guint      *n_entries)
{
  guint entry = 0, count = 0;
  guint first = series_first (chart, series_index);

  for (guint i = 0; i < chart->series->len; i++)
    if (series_first (chart, i) == i)
      {
        if (i < first)
          entry++;
        count++;
      }
  if (n_entries)
    *n_entries = count;
  return entry;
}

/* The colour of a bar or a series: the bar's own (a brand's), the
 * series', the accent for a lone series, else the palette. A colour too
 * close to the background (Apple's grey on a dark one) is moved towards
 * the foreground so it stays visible. */
/**
 * cited_color_readable:
 * @color: "#RRGGBB"
 * @dark_background: whether it is drawn on a dark background
 *
 * A brand's colour as it reads on the background: on a dark one, a colour
 * too dark to see (Apple's grey, Samsung's navy) is lightened toward white
 * as the charts do. Returns a copy of @color otherwise, NULL for NULL.
 */
char *
cited_color_readable (const char *color,
                      gboolean    dark_background)
{
  Rgba c;
  double l;

  if (color == NULL || !parse_color (color, &c))
    return g_strdup (color);
  l = luminance (&c);
  if (!dark_background || l >= 0.45)
    return g_strdup (color);
  c = mix (c, (Rgba) { 1, 1, 1, 1 }, 0.45 + (0.45 - l));
  return g_strdup_printf ("#%02X%02X%02X", (guint) round (CLAMP (c.r, 0, 1) * 255),
                          (guint) round (CLAMP (c.g, 0, 1) * 255), (guint) round (CLAMP (c.b, 0, 1) * 255));
}

static Rgba
series_rgba (CitedChart            *chart,
             const CitedChartStyle *style,
             guint                  series_index,
             const CitedChartBar   *bar)
{
  CitedChartSeries *series = g_ptr_array_index (chart->series, series_index);
  Rgba color;
  Rgba bg = rgba_from (style->background);

  if (!(bar && parse_color (bar->color, &color)) &&
      !parse_color (series->color, &color))
    {
      guint n_entries;
      guint entry = legend_entry (chart, series_index, &n_entries);

      if (n_entries == 1)
        color = rgba_from (style->accent);
      else
        parse_color (palette[entry % G_N_ELEMENTS (palette)], &color);
    }
  if (bg.a > 0 && fabs (luminance (&color) - luminance (&bg)) < 0.18)
    color = mix (color, rgba_from (style->foreground), 0.4);
  return color;
}

static void
set_source (cairo_t    *cr,
            const Rgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

/* Charts of rows, one per category, read along a horizontal axis. */
static gboolean
is_rows (const CitedChart *chart)
{
  return chart->kind == CITED_CHART_KIND_SHARE || chart->kind == CITED_CHART_KIND_RANKS;
}

/* Number formatting */

static gboolean
bar_is_range (const CitedChartBar *bar)
{
  return isfinite (bar->value_max) && bar->value_max > bar->value;
}

/* A bar's value as its label writes it: "190M", "40–50", "> 190M" for
 * "more than", "¥3,999*" when the currency is the article's. */
static char *
format_bar_value (CitedChart          *chart,
                  const CitedChartBar *bar)
{
  g_autofree char *number = NULL;
  const char *sign = cited_value_qualifier_sign (bar->qualifier);
  GString *label;

  if (chart->kind == CITED_CHART_KIND_SHARE)
    {
      double pct = bar->value * 100;
      return g_strdup_printf ("%.*f%%", pct < 10 && pct != 0 ? 1 : 0, pct);
    }
  if (chart->kind == CITED_CHART_KIND_RANKS)
    /* Translators: a place in a ranking, "#3" */
    return g_strdup_printf (_("#%.0f"), bar->value);
  if (bar_is_range (bar))
    {
      g_autofree char *low = cited_format_value (bar->value, chart->unit, chart->currency);
      g_autofree char *high = cited_format_value (bar->value_max, chart->unit, chart->currency);
      /* Translators: a range of values on a bar, "40–50" */
      number = g_strdup_printf (_("%s–%s"), low, high);
    }
  else
    number = cited_format_value (bar->value, chart->unit, chart->currency);
  if (*sign != '\0')
    {
      g_autofree char *plain = g_steal_pointer (&number);
      /* Translators: a qualified value, "> 190M": the sign, then the value */
      number = g_strdup_printf (C_("qualified value", "%s %s"), sign, plain);
    }
  label = g_string_new (number);
  if (bar->flags & CITED_CHART_BAR_CURRENCY_INFERRED)
    g_string_append (label, "*");
  if (bar->flags & CITED_CHART_BAR_PERIOD_INFERRED)
    g_string_append (label, "†");
  if (bar->n_sources > 1)
    {
      g_autofree char *marked = g_string_free (label, FALSE);

      /* Translators: a bar's value and the number of articles citing it, "190M ×3" */
      return g_strdup_printf (_("%s ×%u"), marked, bar->n_sources);
    }
  return g_string_free (label, FALSE);
}

/* Layout */

static void
text_clear (Text *text)
{
  g_clear_object (&text->layout);
}

static void
legend_item_clear (gpointer data)
{
  LegendItem *item = data;
  text_clear (&item->text);
}

static void
text_clear_cb (gpointer data)
{
  text_clear (data);
}

static void
layout_free (Layout *self)
{
  text_clear (&self->title);
  text_clear (&self->subtitle);
  text_clear (&self->note);
  text_clear (&self->marks);
  text_clear (&self->message);
  text_clear (&self->legend_more);
  g_clear_pointer (&self->legend, g_array_unref);
  g_clear_pointer (&self->ticks, g_array_unref);
  g_clear_pointer (&self->tick_values, g_array_unref);
  g_clear_pointer (&self->categories, g_array_unref);
  g_clear_pointer (&self->cat_start, g_array_unref);
  g_clear_pointer (&self->bar_labels, g_array_unref);
  g_clear_object (&self->context);
  g_free (self->font_family);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Layout, layout_free)

/* A laid-out text: @width < 0 means no wrapping; @max_lines 0 means one
 * line, ellipsized. */
static Text
make_text (Layout         *self,
           const char     *text,
           double          scale,
           gboolean        bold,
           double          width,
           int             max_lines,
           PangoAlignment  align)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_new ();
  Text result = { 0 };
  int w, h;

  pango_font_description_set_family (desc, self->font_family);
  pango_font_description_set_size (desc, (int) (self->font_size * self->s * scale * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);

  result.layout = pango_layout_new (self->context);
  pango_layout_set_font_description (result.layout, desc);
  pango_layout_set_text (result.layout, text ? text : "", -1);
  pango_layout_set_alignment (result.layout, align);
  if (width > 0)
    {
      pango_layout_set_width (result.layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (result.layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (result.layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (result.layout, -MAX (1, max_lines));
    }
  pango_layout_get_size (result.layout, &w, &h);
  result.w = (double) w / PANGO_SCALE;
  result.h = (double) h / PANGO_SCALE;
  return result;
}

/* The width of the widest word of @text in @layout's font. */
static double
widest_word (PangoLayout *layout,
             const char  *text)
{
  g_autoptr(PangoLayout) probe = pango_layout_copy (layout);
  g_auto(GStrv) words = g_strsplit_set (text ? text : "", " \n", -1);
  double widest = 0;

  pango_layout_set_width (probe, -1);
  pango_layout_set_height (probe, -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      int w, h;

      pango_layout_set_text (probe, words[i], -1);
      pango_layout_get_size (probe, &w, &h);
      widest = MAX (widest, (double) w / PANGO_SCALE);
    }
  return widest;
}

/* make_text() for a label that may wrap: a word wider than @width is not
 * broken in two ("Russi-a"); the label is set a little smaller so that it
 * fits, down to three quarters of its size (three fifths for a value), and
 * otherwise cut short with an ellipsis on one line. */
static Text
make_label (Layout         *self,
            const char     *text,
            double          scale,
            gboolean        bold,
            double          width,
            int             max_lines,
            PangoAlignment  align)
{
  Text result = make_text (self, text, scale, bold, width, max_lines, align);
  double fit, min_fit;

  if (width <= 0 || max_lines <= 1)
    return result;
  /* a pixel to spare: Pango breaks a word that fits to the rounding */
  fit = (width - 1) / widest_word (result.layout, text);
  if (fit >= 1)
    return result;
  g_object_unref (result.layout);
  /* a value ("$51.2bn") is worth a smaller size than its place; sizes
   * snap to the font's hinting, so a size that should fit may not */
  min_fit = strpbrk (text, "0123456789") != NULL ? 0.6 : 0.75;
  for (double f = fit * 0.97; f >= min_fit; f *= 0.93)
    {
      result = make_text (self, text, scale * f, bold, width, max_lines, align);
      if (widest_word (result.layout, text) <= width - 1)
        return result;
      g_object_unref (result.layout);
    }
  return make_text (self, text, scale, bold, width, 1, align);
}

static double
line_height (Layout *self,
             double  scale)
{
  Text probe = make_text (self, "Ag", scale, FALSE, -1, 1, PANGO_ALIGN_LEFT);
  double h = probe.h;

  text_clear (&probe);
  return h;
}

static gboolean
chart_is_empty (CitedChart *chart)
{
  for (guint s = 0; s < chart->series->len; s++)
    {
      CitedChartSeries *series = g_ptr_array_index (chart->series, s);
      for (guint c = 0; c < series->bars->len && c < chart->categories->len; c++)
        {
          CitedChartBar *bar = g_ptr_array_index (series->bars, c);
          if (bar != NULL && isfinite (bar->value))
            return FALSE;
        }
    }
  return TRUE;
}

static CitedChartBar *
get_bar (CitedChart *chart,
         guint       series,
         guint       category)
{
  CitedChartSeries *s = g_ptr_array_index (chart->series, series);
  CitedChartBar *bar;

  if (category >= s->bars->len || category >= chart->categories->len)
    return NULL;
  bar = g_ptr_array_index (s->bars, category);
  if (bar == NULL || !isfinite (bar->value))
    return NULL;
  return bar;
}

static double
value_y (Layout *self,
         double  value)
{
  double v = CLAMP (value * self->factor, self->axis_min, self->axis_max);
  return self->py + self->ph * (self->axis_max - v) / (self->axis_max - self->axis_min);
}

static double
value_x (Layout *self,
         double  value)
{
  double v = CLAMP (value * self->factor, self->axis_min, self->axis_max);
  return self->px + self->pw * (v - self->axis_min) / (self->axis_max - self->axis_min);
}

/* The rectangle of a bar (BARS and SHARE charts). */
static gboolean
layout_bar_rect (Layout *self,
                 guint   series,
                 guint   category,
                 double *x,
                 double *y,
                 double *w,
                 double *h)
{
  CitedChart *chart = self->chart;
  CitedChartBar *bar = get_bar (chart, series, category);
  guint n = chart->categories->len;

  if (bar == NULL || self->empty || self->too_small)
    return FALSE;

  if (chart->kind == CITED_CHART_KIND_RANKS)
    {
      /* A place is a dot, never a length. */
      double row = self->ph / n;
      double dot = MIN (row * 0.6, 14 * self->s);

      *x = value_x (self, bar->value) - dot / 2;
      *w = dot;
      *y = self->py + row * category + (row - dot) / 2;
      *h = dot;
    }
  else if (chart->kind == CITED_CHART_KIND_SHARE)
    {
      double row = self->ph / n;
      double thick = MIN (row * 0.7, 36 * self->s);
      double x0 = value_x (self, 0), x1 = value_x (self, bar->value);

      *x = MIN (x0, x1);
      *w = fabs (x1 - x0);
      *y = self->py + row * category + (row - thick) / 2;
      *h = thick;
    }
  else
    {
      double bw = self->bar_w;
      double gap = MIN (2 * self->s, bw * 0.12);
      guint rank = 0;
      double y0, y1;

      /* The bars a brand has sit side by side: sparse series leave no
       * holes. */
      for (guint s = 0; s < series; s++)
        if (get_bar (chart, s, category) != NULL)
          rank++;
      y0 = value_y (self, 0);
      y1 = value_y (self, bar->value);
      /* A range reaches up to its upper end. */
      if (bar_is_range (bar) && bar->value >= 0)
        y1 = value_y (self, bar->value_max);

      *x = g_array_index (self->cat_start, double, category) + bw * rank + gap / 2;
      *w = bw - gap;
      *y = MIN (y0, y1);
      *h = fabs (y1 - y0);
    }
  return TRUE;
}

/* The point of a line chart's value. */
static gboolean
layout_point (Layout *self,
              guint   series,
              guint   category,
              double *x,
              double *y)
{
  CitedChartBar *bar = get_bar (self->chart, series, category);
  guint n = self->chart->categories->len;

  if (bar == NULL || self->empty || self->too_small)
    return FALSE;
  *x = self->px + self->pw * (category + 0.5) / n;
  *y = value_y (self, bar->value);
  return TRUE;
}

/* "+3 more" where the legend runs out of room, taking the place of the
 * last items when it does not fit after them. */
static void
layout_legend_more (Layout *self,
                    guint   rest,
                    double  x,
                    double  y,
                    double  right)
{
  for (;;)
    {
      g_autofree char *label = g_strdup_printf (_("+%u more"), rest);
      Text more = make_text (self, label, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT);
      LegendItem *last;

      if (x + more.w <= right || self->legend->len == 0)
        {
          more.x = x;
          more.y = y;
          self->legend_more = more;
          return;
        }
      text_clear (&more);
      last = &g_array_index (self->legend, LegendItem, self->legend->len - 1);
      x = last->swatch_x;
      y = last->text.y;
      g_array_remove_index (self->legend, self->legend->len - 1);
      rest++;
    }
}

static void
layout_legend (Layout *self,
               double  left,
               double  top,
               double  width,
               int     max_rows,
               double *bottom)
{
  CitedChart *chart = self->chart;
  double lh = line_height (self, 0.9);
  double swatch = lh * 0.7;
  double x = left, y = top;
  int row = 1;

  for (guint i = 0; i < chart->series->len; i++)
    {
      CitedChartSeries *series = g_ptr_array_index (chart->series, i);
      LegendItem item = { 0 };
      double item_w;

      if (series_first (chart, i) != i)
        continue;
      item.text = make_text (self, series->name, 0.9, FALSE, width - swatch - 6 * self->s, 1, PANGO_ALIGN_LEFT);
      /* The label's natural width, not the wrapping width. */
      {
        PangoRectangle ink, logical;
        pango_layout_get_pixel_extents (item.text.layout, &ink, &logical);
        item.text.w = logical.width;
      }
      item_w = swatch + 5 * self->s + item.text.w;
      if (x > left && x + item_w > left + width)
        {
          if (row == max_rows)
            {
              text_clear (&item.text);
              guint rest = 0;

              for (guint j = i; j < chart->series->len; j++)
                rest += series_first (chart, j) == j;
              layout_legend_more (self, rest, x, y, left + width);
              break;
            }
          row++;
          x = left;
          y += lh + 2 * self->s;
        }
      item.series = i;
      item.swatch_size = swatch;
      item.swatch_x = x;
      item.swatch_y = y + (lh - swatch) / 2;
      item.text.x = x + swatch + 5 * self->s;
      item.text.y = y;
      g_array_append_val (self->legend, item);
      x += item_w + 14 * self->s;
    }
  *bottom = y + lh;
}

static gboolean
value_range (CitedChart *chart,
             double     *min,
             double     *max)
{
  gboolean any = FALSE;

  *min = 0;
  *max = 0;
  for (guint s = 0; s < chart->series->len; s++)
    for (guint c = 0; c < chart->categories->len; c++)
      {
        CitedChartBar *bar = get_bar (chart, s, c);
        if (bar == NULL)
          continue;
        *min = MIN (*min, bar->value);
        *max = MAX (*max, bar_is_range (bar) ? bar->value_max : bar->value);
        any = TRUE;
      }
  return any;
}

static gboolean
values_are_whole (CitedChart *chart)
{
  for (guint s = 0; s < chart->series->len; s++)
    for (guint c = 0; c < chart->categories->len; c++)
      {
        CitedChartBar *bar = get_bar (chart, s, c);
        if (bar != NULL && bar->value != floor (bar->value))
          return FALSE;
        if (bar != NULL && bar_is_range (bar) && bar->value_max != floor (bar->value_max))
          return FALSE;
      }
  return TRUE;
}

static void
layout_ticks (Layout *self,
              double  span,
              double  label_extent)
{
  CitedChart *chart = self->chart;
  gboolean percent = chart->kind == CITED_CHART_KIND_SHARE;
  double min, max;
  guint max_ticks;

  value_range (chart, &min, &max);
  max_ticks = (guint) CLAMP (span / label_extent, 2, 8);
  self->step = cited_chart_nice_step (min * self->factor, max * self->factor, max_ticks,
                                      &self->axis_min, &self->axis_max);
  /* Counts (mentions, ranks, stores) have no fractions to tick. */
  if (self->step < 1 && !percent && values_are_whole (chart))
    {
      self->step = 1;
      self->axis_min = MIN (0, floor (min));
      self->axis_max = MAX (1, ceil (max));
    }
  g_array_set_size (self->ticks, 0);
  g_array_set_size (self->tick_values, 0);
  for (int i = 0; ; i++)
    {
      double v = self->axis_min + i * self->step;
      g_autofree char *label = NULL;
      Text text;

      if (v > self->axis_max + self->step * 1e-6)
        break;
      /* Ticks count in the same scales as the bar labels: 1.5亿 beside 1.9亿
       * for a Chinese reader, 150M beside 190M for others. */
      label = cited_value_format_tick (v, self->step,
                                       MAX (fabs (self->axis_min), fabs (self->axis_max)),
                                       percent ? "%" : chart->unit, chart->currency,
                                       CITED_VALUE_SCALES_READER);
      text = make_text (self, label, 0.85, FALSE, -1, 1, PANGO_ALIGN_RIGHT);
      g_array_append_val (self->ticks, text);
      g_array_append_val (self->tick_values, v);
    }
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

static Layout *
layout_new (CitedChart *chart,
            double      width,
            double      height,
            const char *font_family,
            double      font_size)
{
  g_autoptr(Layout) self = g_new0 (Layout, 1);
  cairo_font_options_t *options;
  double pad, top, bottom, inner_w, f;
  gboolean small;
  int max_lines;
  guint n, n_entries = 0;

  self->chart = chart;
  self->width = width;
  self->height = height;
  self->font_family = g_strdup (font_family ? font_family : CITED_FONT_FAMILY);
  self->font_size = font_size > 0 ? font_size : 10;
  self->factor = chart->kind == CITED_CHART_KIND_SHARE ? 100 : 1;
  self->legend = g_array_new (FALSE, TRUE, sizeof (LegendItem));
  g_array_set_clear_func (self->legend, legend_item_clear);
  self->ticks = g_array_new (FALSE, TRUE, sizeof (Text));
  g_array_set_clear_func (self->ticks, text_clear_cb);
  self->tick_values = g_array_new (FALSE, TRUE, sizeof (double));
  self->categories = g_array_new (FALSE, TRUE, sizeof (Text));
  g_array_set_clear_func (self->categories, text_clear_cb);
  self->cat_start = g_array_new (FALSE, TRUE, sizeof (double));
  self->bar_labels = g_array_new (FALSE, TRUE, sizeof (Text));
  g_array_set_clear_func (self->bar_labels, text_clear_cb);
  self->empty = chart_is_empty (chart);

  /* Text grows with large exports (a 4000 px PNG reads like an 1200 px one)
   * and shrinks a little on small canvases. */
  f = MIN (width / 1200, height / 900);
  if (f > 1)
    self->s = f;
  else
    self->s = CLAMP (MIN (width / 480, height / 320), 0.8, 1.0);

  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 96);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);

  small = height < 320 || width < 480;
  max_lines = small ? 1 : 2;
  pad = 12 * self->s;
  inner_w = MAX (1, width - 2 * pad);
  top = pad;
  bottom = height - pad;

  if (chart->title && *chart->title)
    {
      self->title = make_text (self, chart->title, 1.35, TRUE, inner_w, max_lines, PANGO_ALIGN_LEFT);
      self->title.x = pad;
      self->title.y = top;
      top += self->title.h + 2 * self->s;
    }
  if (chart->subtitle && *chart->subtitle)
    {
      self->subtitle = make_text (self, chart->subtitle, 0.9, FALSE, inner_w, max_lines, PANGO_ALIGN_LEFT);
      self->subtitle.x = pad;
      self->subtitle.y = top;
      top += self->subtitle.h;
    }
  top += 8 * self->s;

  if (chart->source_note && *chart->source_note)
    {
      self->note = make_text (self, chart->source_note, 0.8, FALSE, inner_w, max_lines, PANGO_ALIGN_LEFT);
      self->note.x = pad;
      self->note.y = bottom - self->note.h;
      bottom = self->note.y - 6 * self->s;
    }

  if (!self->empty)
    {
      g_autofree char *marks = cited_chart_marks_legend (chart);

      if (marks != NULL)
        {
          self->marks = make_text (self, marks, 0.8, FALSE, inner_w, max_lines, PANGO_ALIGN_LEFT);
          self->marks.x = pad;
          self->marks.y = bottom - self->marks.h;
          bottom = self->marks.y - 4 * self->s;
        }
    }

  if (self->empty)
    {
      const char *message = empty_message (chart);
      self->message = make_text (self, message, 1.1, FALSE, inner_w, 2, PANGO_ALIGN_CENTER);
      self->message.x = pad;
      self->message.y = MAX (top, (top + bottom - self->message.h) / 2);
      return g_steal_pointer (&self);
    }

  if (chart->kind == CITED_CHART_KIND_LINES ||
      (chart->series->len > 0 && (legend_entry (chart, 0, &n_entries), n_entries > 1)))
    {
      double legend_bottom;
      layout_legend (self, pad, top, inner_w, max_lines, &legend_bottom);
      top = legend_bottom + 8 * self->s;
    }

  n = chart->categories->len;
  if (is_rows (chart))
    {
      double label_limit = inner_w * 0.35;
      double label_w = 0, tick_h, pct_w;
      Text probe;

      for (guint c = 0; c < n; c++)
        {
          Text text = make_text (self, g_ptr_array_index (chart->categories, c), 0.9, FALSE, -1, 1, PANGO_ALIGN_RIGHT);
          label_w = MAX (label_w, text.w);
          text_clear (&text);
        }
      label_w = MIN (label_w, label_limit);
      for (guint c = 0; c < n; c++)
        {
          Text text = make_text (self, g_ptr_array_index (chart->categories, c), 0.9, FALSE, label_w, 1, PANGO_ALIGN_RIGHT);
          g_array_append_val (self->categories, text);
        }
      probe = make_text (self, "100%", 0.85, FALSE, -1, 1, PANGO_ALIGN_LEFT);
      pct_w = probe.w;
      tick_h = probe.h;
      self->value_label_h = probe.h;
      text_clear (&probe);

      self->px = pad + label_w + 8 * self->s;
      self->pw = width - pad - pct_w - 6 * self->s - self->px;
      self->py = top;
      self->ph = bottom - tick_h - 4 * self->s - top;
      if (self->pw < 20 || self->ph < 20)
        {
          self->too_small = TRUE;
          return g_steal_pointer (&self);
        }
      layout_ticks (self, self->pw, pct_w * 2);
      for (guint i = 0; i < self->ticks->len; i++)
        {
          Text *t = &g_array_index (self->ticks, Text, i);
          double x = value_x (self, g_array_index (self->tick_values, double, i) / self->factor);
          t->x = CLAMP (x - t->w / 2, 0, width - t->w);
          t->y = self->py + self->ph + 4 * self->s;
        }
      for (guint c = 0; c < n; c++)
        {
          Text *t = &g_array_index (self->categories, Text, c);
          double row = self->ph / n;
          /* Right-aligned within its box: the box starts at the pad. */
          t->x = pad;
          t->w = label_w;
          t->y = self->py + row * c + (row - t->h) / 2;
          if (row < t->h * 0.8)
            text_clear (t);
        }
      self->value_labels = TRUE;
      return g_steal_pointer (&self);
    }

  /* Bars and lines: values up the left, categories along the bottom. */
  {
    double lh = line_height (self, 0.9);
    double tick_w = 0, group, cat_h = 0;
    int cat_lines = chart->kind == CITED_CHART_KIND_BARS && !small ? 2 : 1;
    gboolean any_label = FALSE;
    int label_lines = small ? 1 : 2;

    if (chart->kind == CITED_CHART_KIND_BARS)
      for (guint s = 0; s < chart->series->len && !any_label; s++)
        for (guint c = 0; c < n && !any_label; c++)
          {
            CitedChartBar *bar = get_bar (chart, s, c);
            any_label = bar != NULL && bar->label != NULL && *bar->label != '\0';
          }

    self->value_label_h = chart->kind == CITED_CHART_KIND_BARS ? line_height (self, 0.8) : 0;
    self->py = top + self->value_label_h;
    self->ph = bottom - cat_lines * lh - 4 * self->s - self->py;
    if (any_label)
      self->ph -= label_lines * line_height (self, 0.75) + 4 * self->s;
    if (self->ph < 20)
      {
        self->too_small = TRUE;
        return g_steal_pointer (&self);
      }
    layout_ticks (self, self->ph, lh * 2.2);
    for (guint i = 0; i < self->ticks->len; i++)
      tick_w = MAX (tick_w, g_array_index (self->ticks, Text, i).w);
    self->px = pad + tick_w + 6 * self->s;
    self->pw = width - pad - self->px;
    if (self->pw < 20)
      {
        self->too_small = TRUE;
        return g_steal_pointer (&self);
      }
    group = self->pw / n;

    if (chart->kind == CITED_CHART_KIND_BARS)
      {
        /* Brands take room by how many bars they have, with a gap between
         * brands; bars do not grow wider than a comfortable width. */
        guint total = 0;
        double gap, x = self->px;
        g_autofree guint *present = g_new0 (guint, MAX (n, 1));

        for (guint c = 0; c < n; c++)
          {
            for (guint s = 0; s < chart->series->len; s++)
              present[c] += get_bar (chart, s, c) != NULL;
            total += present[c];
          }
        self->bar_w = MIN (self->pw / (MAX (total, 1) + 0.7 * n), 90 * self->s);
        gap = (self->pw - self->bar_w * total) / n;
        for (guint c = 0; c < n; c++)
          {
            double start = x + gap / 2;
            double span = present[c] * self->bar_w + gap;
            Text text = make_label (self, g_ptr_array_index (chart->categories, c), 0.9, FALSE,
                                    MAX (1, span - 4 * self->s), cat_lines, PANGO_ALIGN_CENTER);

            g_array_append_val (self->cat_start, start);
            cat_h = MAX (cat_h, text.h);
            /* x and w hold the label's box: its span. */
            text.x = x + 2 * self->s;
            text.w = MAX (1, span - 4 * self->s);
            g_array_append_val (self->categories, text);
            x += span;
          }

        /* What tells a brand's bars apart, under each of them, when there
         * is room to read it. */
        g_array_set_size (self->bar_labels, chart->series->len * n);
        if (any_label && self->bar_w >= 24 * self->s)
          {
            for (guint s = 0; s < chart->series->len; s++)
              for (guint c = 0; c < n; c++)
                {
                  CitedChartBar *bar = get_bar (chart, s, c);
                  Text *t = &g_array_index (self->bar_labels, Text, s * n + c);
                  double bx, by, bw, bh;

                  if (bar == NULL || bar->label == NULL || *bar->label == '\0')
                    continue;
                  *t = make_label (self, bar->label, 0.75, FALSE, self->bar_w - 2 * self->s,
                                   label_lines, PANGO_ALIGN_CENTER);
                  self->bar_labels_h = MAX (self->bar_labels_h, t->h);
                  /* Its y is set below, once the plot's height is known. */
                  layout_bar_rect (self, s, c, &bx, &by, &bw, &bh);
                  t->x = bx + bw / 2 - (self->bar_w - 2 * self->s) / 2;
                }
          }
      }
    else
      {
        /* Period labels do not wrap; when they do not fit, every k-th is
         * shown. */
        double label_w = 0;
        guint stride;

        for (guint c = 0; c < n; c++)
          {
            Text text = make_text (self, g_ptr_array_index (chart->categories, c), 0.85, FALSE, -1, 1, PANGO_ALIGN_CENTER);
            label_w = MAX (label_w, text.w);
            cat_h = MAX (cat_h, text.h);
            g_array_append_val (self->categories, text);
          }
        stride = (guint) MAX (1, ceil ((label_w + 10 * self->s) / group));
        for (guint c = 0; c < n; c++)
          if (c % stride != 0)
            text_clear (&g_array_index (self->categories, Text, c));
      }

    /* Give back the room a second line of labels did not need. */
    self->ph = bottom - cat_h - 4 * self->s - self->py;
    if (self->bar_labels_h > 0)
      {
        self->ph -= self->bar_labels_h + 4 * self->s;
        /* Too low a plot is worse than bars without their labels. */
        if (self->ph < 40 * self->s)
          {
            self->ph += self->bar_labels_h + 4 * self->s;
            self->bar_labels_h = 0;
            g_array_set_size (self->bar_labels, 0);
          }
      }
    for (guint i = 0; i < self->bar_labels->len; i++)
      {
        Text *t = &g_array_index (self->bar_labels, Text, i);
        t->y = self->py + self->ph + 4 * self->s;
      }
    for (guint c = 0; c < n; c++)
      {
        Text *t = &g_array_index (self->categories, Text, c);
        double cx = self->px + group * (c + 0.5);
        if (chart->kind != CITED_CHART_KIND_BARS)
          t->x = CLAMP (cx - t->w / 2, 0, width - t->w);
        t->y = self->py + self->ph + 4 * self->s;
        if (self->bar_labels_h > 0)
          t->y += self->bar_labels_h + 4 * self->s;
      }
    for (guint i = 0; i < self->ticks->len; i++)
      {
        Text *t = &g_array_index (self->ticks, Text, i);
        double v = g_array_index (self->tick_values, double, i);
        t->x = self->px - 6 * self->s - t->w;
        t->y = value_y (self, v / self->factor) - t->h / 2;
      }

    /* Value labels over the bars when every one of them fits its bar. */
    if (chart->kind == CITED_CHART_KIND_BARS)
      {
        double widest = 0, bw = self->bar_w;

        for (guint s = 0; s < chart->series->len; s++)
          for (guint c = 0; c < n; c++)
            {
              CitedChartBar *bar = get_bar (chart, s, c);
              g_autofree char *label = NULL;
              Text text;

              if (bar == NULL)
                continue;
              label = format_bar_value (chart, bar);
              text = make_text (self, label, 0.8, FALSE, -1, 1, PANGO_ALIGN_CENTER);
              widest = MAX (widest, text.w);
              text_clear (&text);
            }
        self->value_labels = widest <= bw + 2 * self->s;
      }
  }

  return g_steal_pointer (&self);
}

static Layout *
layout_for_style (CitedChart            *chart,
                  double                 width,
                  double                 height,
                  const CitedChartStyle *style)
{
  return layout_new (chart, width, height,
                     style ? style->font_family : NULL,
                     style ? style->font_size : 0);
}

/* Drawing */

/* SVG export keeps text as text: cited_chart_export() hangs a GString on
 * the cairo context under this key, and the renderer writes each line of
 * text there as an SVG <text> element instead of drawing its glyphs. */
const cairo_user_data_key_t cited_chart_svg_text_key;

static void
svg_color (GString    *out,
           const char *attribute,
           const Rgba *color)
{
  g_string_append_printf (out, " %s=\"#%02X%02X%02X\"", attribute,
                          (guint) round (CLAMP (color->r, 0, 1) * 255),
                          (guint) round (CLAMP (color->g, 0, 1) * 255),
                          (guint) round (CLAMP (color->b, 0, 1) * 255));
  if (color->a < 1)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, " %s-opacity=\"%s\"", attribute,
                              g_ascii_formatd (number, sizeof number, "%.3f", CLAMP (color->a, 0, 1)));
    }
}

static void
svg_number (GString    *out,
            const char *attribute,
            double      value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, " %s=\"%s\"", attribute,
                          g_ascii_formatd (number, sizeof number, "%.2f", value));
}

/* One <text> per line of @text, at the line's baseline, in its font. A
 * line Pango cut short with "…" keeps its whole text, clipped to the box
 * the chart gave it, so that a reader and a search find all of it. */
static void
svg_text (GString    *out,
          const Text *text,
          const Rgba *color)
{
  const PangoFontDescription *desc = pango_layout_get_font_description (text->layout);
  const char *all = pango_layout_get_text (text->layout);
  gboolean clip = pango_layout_is_ellipsized (text->layout);
  PangoLayoutIter *iter = pango_layout_get_iter (text->layout);
  /* Sizes are in points at 96 dots an inch. */
  double px = (double) pango_font_description_get_size (desc) / PANGO_SCALE * 96.0 / 72.0;

  if (clip)
    {
      g_string_append (out, "<svg");
      svg_number (out, "x", text->x);
      svg_number (out, "y", text->y);
      svg_number (out, "width", text->w);
      svg_number (out, "height", text->h);
      g_string_append (out, " overflow=\"hidden\">");
    }
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      g_autofree char *escaped = NULL;
      double x, y;
      int length = line->length;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      x = (clip ? 0 : text->x) + (double) logical.x / PANGO_SCALE;
      y = (clip ? 0 : text->y) + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      /* The last line of a cut layout runs to the end of the text. */
      if (clip && pango_layout_iter_at_last_line (iter))
        length = (int) strlen (all) - line->start_index;
      while (length > 0 && (all[line->start_index + length - 1] == '\n' ||
                            all[line->start_index + length - 1] == ' '))
        length--;
      if (length <= 0)
        continue;
      escaped = g_markup_escape_text (all + line->start_index, length);
      g_string_append (out, "<text");
      svg_number (out, "x", x);
      svg_number (out, "y", y);
      svg_number (out, "font-size", px);
      if (pango_font_description_get_weight (desc) >= PANGO_WEIGHT_BOLD)
        g_string_append (out, " font-weight=\"bold\"");
      svg_color (out, "fill", color);
      g_string_append_printf (out, " xml:space=\"preserve\">%s</text>\n", escaped);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  if (clip)
    g_string_append (out, "</svg>\n");
}

static void
draw_text (cairo_t    *cr,
           const Text *text,
           const Rgba *color)
{
  GString *svg;

  if (text->layout == NULL)
    return;
  svg = cairo_get_user_data (cr, &cited_chart_svg_text_key);
  if (svg != NULL)
    {
      svg_text (svg, text, color);
      return;
    }
  cairo_save (cr);
  set_source (cr, color);
  cairo_move_to (cr, text->x, text->y);
  pango_cairo_show_layout (cr, text->layout);
  cairo_restore (cr);
}

static void
draw_value_label (cairo_t    *cr,
                  Layout     *layout,
                  const char *label,
                  double      x,
                  double      y,
                  gboolean    center,
                  const Rgba *color)
{
  Text text = make_text (layout, label, 0.8, FALSE, -1, 1, PANGO_ALIGN_LEFT);

  text.x = center ? x - text.w / 2 : x;
  text.y = y;
  draw_text (cr, &text, color);
  text_clear (&text);
}

/* Diagonal lines over a bar of forecasts, targets or plans: what may be
 * is drawn unlike what was. */
static void
draw_hatching (cairo_t    *cr,
               Layout     *layout,
               const Rgba *background,
               double      x,
               double      y,
               double      w,
               double      h)
{
  double gap = 5 * layout->s;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  set_source (cr, background);
  cairo_set_line_width (cr, 2 * layout->s);
  for (double d = -h; d < w; d += gap)
    {
      cairo_move_to (cr, x + d, y + h);
      cairo_line_to (cr, x + d + h, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The marks of a bar whose figures give no exact value: "more than" opens
 * the bar upwards (it fades out above its top), "up to" and "nearly" fade
 * its top in (the value lies below), "about" breaks its top edge. Bars of
 * forecasts, targets and plans are hatched. */
static void
draw_bar_marks (cairo_t               *cr,
                Layout                *layout,
                const CitedChartStyle *style,
                const CitedChartBar   *bar,
                const Rgba            *color,
                double                 x,
                double                 y,
                double                 w,
                double                 h)
{
  Rgba background = rgba_from (style->background);
  double fade = MIN (14 * layout->s, layout->value_label_h);
  cairo_pattern_t *gradient;

  if (background.a == 0)
    background = (Rgba) { 1, 1, 1, 1 };
  if (layout->chart->status != CITED_CLAIM_REPORTED)
    draw_hatching (cr, layout, &background, x, y, w, MAX (h, 0.5));
  if (bar->value < 0)
    return;
  switch (cited_value_qualifier_bound (bar->qualifier))
    {
    case CITED_BOUND_FLOOR:
      gradient = cairo_pattern_create_linear (0, y, 0, y - fade);
      cairo_pattern_add_color_stop_rgba (gradient, 0, color->r, color->g, color->b, color->a * 0.6);
      cairo_pattern_add_color_stop_rgba (gradient, 1, color->r, color->g, color->b, 0);
      cairo_set_source (cr, gradient);
      cairo_rectangle (cr, x, y - fade, w, fade);
      cairo_fill (cr);
      cairo_pattern_destroy (gradient);
      break;
    case CITED_BOUND_CEILING:
    case CITED_BOUND_JUST_BELOW:
      fade = MIN (fade, h);
      gradient = cairo_pattern_create_linear (0, y, 0, y + fade);
      cairo_pattern_add_color_stop_rgba (gradient, 0, background.r, background.g, background.b, 0.75);
      cairo_pattern_add_color_stop_rgba (gradient, 1, background.r, background.g, background.b, 0);
      cairo_set_source (cr, gradient);
      cairo_rectangle (cr, x, y, w, fade);
      cairo_fill (cr);
      cairo_pattern_destroy (gradient);
      break;
    case CITED_BOUND_ABOUT:
      {
        double dash = 3 * layout->s;

        cairo_save (cr);
        set_source (cr, &background);
        cairo_set_line_width (cr, 2 * layout->s);
        cairo_set_dash (cr, &dash, 1, 0);
        cairo_move_to (cr, x, y + layout->s);
        cairo_line_to (cr, x + w, y + layout->s);
        cairo_stroke (cr);
        cairo_restore (cr);
      }
      break;
    case CITED_BOUND_EXACT:
    default:
      break;
    }
}

static void
draw_bars (cairo_t               *cr,
           Layout                *layout,
           const CitedChartStyle *style,
           const Rgba            *fg)
{
  CitedChart *chart = layout->chart;
  Rgba dim = *fg;

  dim.a *= 0.85;
  for (guint s = 0; s < chart->series->len; s++)
    for (guint c = 0; c < chart->categories->len; c++)
      {
        CitedChartBar *bar = get_bar (chart, s, c);
        double x, y, w, h;
        Rgba color;

        if (!layout_bar_rect (layout, s, c, &x, &y, &w, &h))
          continue;
        color = series_rgba (chart, style, s, bar);
        if (chart->kind == CITED_CHART_KIND_RANKS)
          {
            set_source (cr, &color);
            cairo_arc (cr, x + w / 2, y + h / 2, w / 2, 0, 2 * G_PI);
            cairo_fill (cr);
          }
        else if (chart->kind == CITED_CHART_KIND_BARS && bar_is_range (bar) && bar->value >= 0)
          {
            /* A range: a bar up to its lower end, and a whisker with a cap
             * up to its upper end, as error bars are drawn. */
            double y_low = value_y (layout, bar->value);
            double y_zero = value_y (layout, 0);
            double lw = MAX (2 * layout->s, 1);
            double cap = MAX (w * 0.5, 6 * layout->s);

            set_source (cr, &color);
            cairo_rectangle (cr, x, y_low, w, MAX (y_zero - y_low, 0.5));
            cairo_fill (cr);
            cairo_rectangle (cr, x + (w - lw) / 2, y, lw, MAX (y_low - y, 0));
            cairo_fill (cr);
            cairo_rectangle (cr, x + (w - cap) / 2, y, cap, lw);
            cairo_fill (cr);
          }
        else
          {
            set_source (cr, &color);
            cairo_rectangle (cr, x, y, w, MAX (h, 0.5));
            cairo_fill (cr);
          }
        if (chart->kind == CITED_CHART_KIND_BARS)
          draw_bar_marks (cr, layout, style, bar, &color, x, y, w, h);

        if (style->highlight_series == (int) s && style->highlight_category == (int) c)
          {
            double lw = 2 * layout->s;
            cairo_save (cr);
            set_source (cr, fg);
            cairo_set_line_width (cr, lw);
            cairo_rectangle (cr, x - lw / 2, y - lw / 2, w + lw, MAX (h, 0.5) + lw);
            cairo_stroke (cr);
            cairo_restore (cr);
          }

        if (layout->value_labels)
          {
            g_autofree char *label = format_bar_value (chart, bar);

            if (is_rows (chart))
              draw_value_label (cr, layout, label, x + w + 4 * layout->s,
                                y + h / 2 - layout->value_label_h / 2, FALSE, &dim);
            else if (bar->value >= 0)
              draw_value_label (cr, layout, label, x + w / 2, y - layout->value_label_h, TRUE, &dim);
            else
              draw_value_label (cr, layout, label, x + w / 2, y + h, TRUE, &dim);
          }
      }
}

static void
draw_lines (cairo_t               *cr,
            Layout                *layout,
            const CitedChartStyle *style,
            const Rgba            *fg)
{
  CitedChart *chart = layout->chart;
  Rgba bg = rgba_from (style->background);
  guint n = chart->categories->len;
  /* Dense series read better as lines alone. */
  gboolean points = layout->pw / MAX (n, 1) >= 8 * layout->s;

  if (bg.a == 0)
    bg = (Rgba) { 1, 1, 1, 1 };

  for (guint s = 0; s < chart->series->len; s++)
    {
      Rgba color = series_rgba (chart, style, s, NULL);
      gboolean drawing = FALSE;

      cairo_save (cr);
      set_source (cr, &color);
      cairo_set_line_width (cr, 2 * layout->s);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint c = 0; c < n; c++)
        {
          double x, y;

          /* A series without a value at a category (a claim not made that
           * day) runs on to its next value. */
          if (!layout_point (layout, s, c, &x, &y))
            continue;
          if (drawing)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          drawing = TRUE;
        }
      if (drawing)
        cairo_stroke (cr);

      for (guint c = 0; c < n; c++)
        {
          gboolean highlight = style->highlight_series == (int) s && style->highlight_category == (int) c;
          double x, y, r;

          if ((!points && !highlight) || !layout_point (layout, s, c, &x, &y))
            continue;
          r = (highlight ? 5.5 : 3.5) * layout->s;
          cairo_arc (cr, x, y, r, 0, 2 * G_PI);
          set_source (cr, &color);
          cairo_fill_preserve (cr);
          set_source (cr, highlight ? fg : &bg);
          cairo_set_line_width (cr, 1.5 * layout->s);
          cairo_stroke (cr);
        }
      cairo_restore (cr);
    }
}

static void
font_memo_clear (gpointer data)
{
  FontMemo *memo = data;

  g_free (memo->family);
}

static void
remember_font (CitedChart            *self,
               double                 width,
               double                 height,
               const CitedChartStyle *style)
{
  G_GNUC_UNUSED g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&memo_lock);
  GArray *memos = g_dataset_get_data (self, FONT_MEMO_KEY);
  FontMemo memo = { width, height, NULL, style ? style->font_size : 0 };
  const char *family = style ? style->font_family : NULL;

  if (memos == NULL)
    {
      memos = g_array_new (FALSE, TRUE, sizeof (FontMemo));
      g_array_set_clear_func (memos, font_memo_clear);
      g_dataset_set_data_full (self, FONT_MEMO_KEY, memos, (GDestroyNotify) g_array_unref);
    }
  for (guint i = 0; i < memos->len; i++)
    {
      FontMemo *old = &g_array_index (memos, FontMemo, i);
      if (old->width == width && old->height == height)
        {
          g_array_remove_index (memos, i);
          break;
        }
    }
  if (memos->len == MAX_FONT_MEMOS)
    g_array_remove_index (memos, memos->len - 1);
  memo.family = g_strdup (family);
  g_array_prepend_val (memos, memo);
}

/* The font of the render at this size, else of the latest render. */
static const FontMemo *
recall_font (CitedChart *self,
             double      width,
             double      height)
{
  GArray *memos = g_dataset_get_data (self, FONT_MEMO_KEY);

  if (memos == NULL || memos->len == 0)
    return NULL;
  for (guint i = 0; i < memos->len; i++)
    {
      FontMemo *memo = &g_array_index (memos, FontMemo, i);
      if (memo->width == width && memo->height == height)
        return memo;
    }
  return &g_array_index (memos, FontMemo, 0);
}

/**
 * cited_chart_render:
 * @cr: where to draw
 * @width: the box's width in user units
 * @height: the box's height
 * @style: (nullable): colours and font; NULL is the print style
 *
 * Draws the title, subtitle, legend, axes with nice ticks, the bars, lines
 * or shares with their value labels, and the source note. A chart without
 * values draws a message saying so.
 */
void
cited_chart_render (CitedChart            *self,
                    cairo_t               *cr,
                    double                 width,
                    double                 height,
                    const CitedChartStyle *style)
{
  g_autoptr(Layout) layout = NULL;
  CitedChartStyle print;
  Rgba fg, dim, grid, bg;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (style == NULL)
    {
      cited_chart_style_print (&print);
      style = &print;
    }
  fg = rgba_from (style->foreground);
  grid = rgba_from (style->grid);
  bg = rgba_from (style->background);
  dim = fg;
  dim.a *= 0.7;

  cairo_save (cr);
  if (bg.a > 0)
    {
      set_source (cr, &bg);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
    }
  if (width < 40 || height < 40)
    {
      cairo_restore (cr);
      return;
    }

  remember_font (self, width, height, style);
  layout = layout_for_style (self, width, height, style);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  draw_text (cr, &layout->title, &fg);
  draw_text (cr, &layout->subtitle, &dim);
  draw_text (cr, &layout->note, &dim);
  draw_text (cr, &layout->marks, &dim);

  if (layout->empty)
    {
      draw_text (cr, &layout->message, &dim);
      cairo_restore (cr);
      return;
    }

  for (guint i = 0; i < layout->legend->len; i++)
    {
      LegendItem *item = &g_array_index (layout->legend, LegendItem, i);
      Rgba color = series_rgba (self, style, item->series, NULL);

      set_source (cr, &color);
      cairo_rectangle (cr, item->swatch_x, item->swatch_y, item->swatch_size, item->swatch_size);
      cairo_fill (cr);
      draw_text (cr, &item->text, &fg);
    }
  draw_text (cr, &layout->legend_more, &dim);

  if (layout->too_small)
    {
      cairo_restore (cr);
      return;
    }

  /* Grid and axis labels. */
  cairo_set_line_width (cr, MAX (1, layout->s));
  for (guint i = 0; i < layout->ticks->len; i++)
    {
      double v = g_array_index (layout->tick_values, double, i) / layout->factor;
      gboolean zero = fabs (v) < layout->step * 1e-6 / layout->factor;

      set_source (cr, zero ? &dim : &grid);
      if (is_rows (self))
        {
          double x = round (value_x (layout, v)) + 0.5;
          cairo_move_to (cr, x, layout->py);
          cairo_line_to (cr, x, layout->py + layout->ph);
        }
      else
        {
          double y = round (value_y (layout, v)) + 0.5;
          cairo_move_to (cr, layout->px, y);
          cairo_line_to (cr, layout->px + layout->pw, y);
        }
      cairo_stroke (cr);
      draw_text (cr, &g_array_index (layout->ticks, Text, i), &dim);
    }
  for (guint c = 0; c < layout->categories->len; c++)
    draw_text (cr, &g_array_index (layout->categories, Text, c), &fg);
  if (layout->bar_labels_h > 0)
    {
      guint n = self->categories->len;

      for (guint i = 0; i < layout->bar_labels->len; i++)
        draw_text (cr, &g_array_index (layout->bar_labels, Text, i), &dim);
      /* A brand's bars are bracketed together above the brand's name. */
      set_source (cr, &dim);
      cairo_set_line_width (cr, MAX (1, layout->s));
      for (guint c = 0; c < n; c++)
        {
          double left = G_MAXDOUBLE, right = -G_MAXDOUBLE;
          guint count = 0;
          double y = round (layout->py + layout->ph + 6 * layout->s + layout->bar_labels_h) + 0.5;

          for (guint s = 0; s < self->series->len; s++)
            {
              double bx, by, bw, bh;
              if (!layout_bar_rect (layout, s, c, &bx, &by, &bw, &bh))
                continue;
              left = MIN (left, bx);
              right = MAX (right, bx + bw);
              count++;
            }
          if (count < 2)
            continue;
          cairo_move_to (cr, left, y);
          cairo_line_to (cr, right, y);
          cairo_stroke (cr);
        }
    }

  if (self->kind == CITED_CHART_KIND_LINES)
    draw_lines (cr, layout, style, &fg);
  else
    draw_bars (cr, layout, style, &fg);

  cairo_restore (cr);
}

/* Pointer motion asks for hit tests far more often than the chart changes,
 * so the last layout is kept beside the chart, keyed by the size, the fonts
 * and a digest of everything the layout depends on. */
typedef struct {
  guint64 signature;
  Layout *layout;
} HitCache;

static void
hit_cache_free (gpointer data)
{
  HitCache *cache = data;

  layout_free (cache->layout);
  g_free (cache);
}

static guint64
digest_bytes (guint64     hash,
              const void *data,
              gsize       length)
{
  const guint8 *p = data;

  /* FNV-1a */
  for (gsize i = 0; i < length; i++)
    {
      hash ^= p[i];
      hash *= G_GUINT64_CONSTANT (1099511628211);
    }
  return hash;
}

static guint64
digest_string (guint64     hash,
               const char *text)
{
  return digest_bytes (hash, text ? text : "\x01", text ? strlen (text) + 1 : 1);
}

static guint64
chart_signature (CitedChart *chart,
                 double      width,
                 double      height,
                 const char *family,
                 double      size)
{
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);

  hash = digest_bytes (hash, &width, sizeof width);
  hash = digest_bytes (hash, &height, sizeof height);
  hash = digest_string (hash, family);
  hash = digest_bytes (hash, &size, sizeof size);
  hash = digest_bytes (hash, &chart->kind, sizeof chart->kind);
  hash = digest_string (hash, chart->title);
  hash = digest_string (hash, chart->subtitle);
  hash = digest_string (hash, chart->source_note);
  hash = digest_string (hash, chart->unit);
  hash = digest_string (hash, chart->currency);
  hash = digest_bytes (hash, &chart->status, sizeof chart->status);
  for (guint c = 0; c < chart->categories->len; c++)
    hash = digest_string (hash, g_ptr_array_index (chart->categories, c));
  for (guint s = 0; s < chart->series->len; s++)
    {
      CitedChartSeries *series = g_ptr_array_index (chart->series, s);

      hash = digest_string (hash, series->name);
      for (guint c = 0; c < series->bars->len; c++)
        {
          CitedChartBar *bar = g_ptr_array_index (series->bars, c);
          double value = bar ? bar->value : NAN;
          guint8 present = bar != NULL;

          double value_max = bar ? bar->value_max : NAN;

          hash = digest_bytes (hash, &present, 1);
          hash = digest_bytes (hash, &value, sizeof value);
          hash = digest_bytes (hash, &value_max, sizeof value_max);
          hash = digest_string (hash, bar ? bar->label : NULL);
          hash = digest_string (hash, bar ? bar->qualifier : NULL);
          hash = digest_bytes (hash, bar ? (const void *) &bar->flags : (const void *) &present,
                               bar ? sizeof bar->flags : 1);
        }
    }
  return hash;
}

static Layout *
hit_layout (CitedChart *self,
            double      width,
            double      height)
{
  const FontMemo *memo = recall_font (self, width, height);
  const char *family = memo ? memo->family : NULL;
  double size = memo ? memo->size : 0;
  guint64 signature = chart_signature (self, width, height, family, size);
  HitCache *cache = g_dataset_get_data (self, HIT_CACHE_KEY);

  if (cache != NULL && cache->signature == signature)
    return cache->layout;

  cache = g_new0 (HitCache, 1);
  cache->signature = signature;
  cache->layout = layout_new (self, width, height, family, size);
  g_dataset_set_data_full (self, HIT_CACHE_KEY, cache, hit_cache_free);
  return cache->layout;
}

/**
 * cited_chart_hit_test:
 * @width: the size the chart was rendered at
 * @height:
 * @x: a point in the same coordinates
 * @y:
 * @series: (out) (optional): the series index of the bar there
 * @category: (out) (optional): its category index
 *
 * Finds the bar (or, in a line chart, the point) under (@x, @y), using the
 * same layout and the fonts of the chart's last render. Short bars answer
 * a few pixels above their top so they stay easy to point at.
 *
 * Returns: TRUE when there is one
 */
gboolean
cited_chart_hit_test (CitedChart *self,
                      double      width,
                      double      height,
                      double      x,
                      double      y,
                      guint      *series,
                      guint      *category)
{
  g_autoptr(GMutexLocker) locker = NULL;
  Layout *layout;
  double best = G_MAXDOUBLE;
  gboolean found = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (width < 40 || height < 40)
    return FALSE;
  locker = g_mutex_locker_new (&memo_lock);
  layout = hit_layout (self, width, height);
  if (layout->empty || layout->too_small)
    return FALSE;

  for (guint s = 0; s < self->series->len; s++)
    for (guint c = 0; c < self->categories->len; c++)
      {
        double bx, by, bw, bh;

        if (self->kind == CITED_CHART_KIND_LINES)
          {
            double d;

            if (!layout_point (layout, s, c, &bx, &by))
              continue;
            d = hypot (x - bx, y - by);
            if (d <= MAX (8 * layout->s, 6) && d < best)
              {
                best = d;
                found = TRUE;
                if (series)
                  *series = s;
                if (category)
                  *category = c;
              }
            continue;
          }

        if (!layout_bar_rect (layout, s, c, &bx, &by, &bw, &bh))
          continue;
        if (is_rows (self))
          {
            double min_w = 6 * layout->s;
            if (bw < min_w)
              bw = min_w;
          }
        else
          {
            double min_h = 6 * layout->s;
            CitedChartBar *bar = get_bar (self, s, c);
            if (bh < min_h)
              {
                if (bar->value >= 0)
                  by -= min_h - bh;
                bh = min_h;
              }
          }
        if (x >= bx && x < bx + bw && y >= by && y < by + bh)
          {
            if (series)
              *series = s;
            if (category)
              *category = c;
            return TRUE;
          }
      }
  return found;
}
