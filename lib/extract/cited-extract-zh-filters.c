/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include "cited-extract-zh-private.h"

/*
 * Filters: what makes a number no figure, one named predicate each, run in
 * table order by one loop that traces the one that drops ("'2021年' dropped
 * by filter year"). A filter returns TRUE to drop; it may note a period
 * (a year or quarter is a period, not a figure) and set where the scan goes
 * on (fig->resume). To add one: write the predicate with its example, put
 * a row in the table at the stage where what it needs is known.
 */

typedef gboolean (*ZhFigureFilter) (ZhScan *z, ZhFigure *fig);
typedef gboolean (*ZhResolvedFilter) (ZhScan *z, const Cand *c, const char *metric);

typedef struct {
  const char *name;
  ZhFilterStage stage;
  ZhFigureFilter func;
} ZhFilter;

/* ---- ZH_FILTER_NUMBER: the number as written ---- */

/* "数百万", "几十万", "上千": vague amounts; numerals inside words. */
static gboolean
filter_vague (ZhScan   *z,
              ZhFigure *fig)
{
  const Sent *s = &z->s;
  guint i = fig->ni;

  if (fig->prefix_currency != NULL || i == 0 || arabic_digit (s->cp[i]) >= 0)
    return FALSE;
  fig->resume = i + 1;
  return zh_match_any_at (s, i - 1, &z->v->vague_before, NULL) != NULL ||
         zh_small_scale (z->v, s->cp[i - 1]) > 0;
}

/* "5G", "888Plus", "12GB", "3Q20" (a quarter): Latin letters glued on. */
static gboolean
filter_glued_latin (ZhScan   *z,
                    ZhFigure *fig)
{
  const Sent *s = &z->s;
  const Num *num = &fig->num;
  guint i = num->end;

  if (i >= s->n || !is_latin (s->cp[i]))
    return FALSE;
  if ((s->cp[i] == 'Q' || s->cp[i] == 'q') && num->arabic && num->value >= 1 &&
      num->value <= 4 && !num->decimal)
    zh_add_quarter (&z->periods, fig->ni, (int) num->value);
  while (i < s->n && (is_latin (s->cp[i]) || arabic_digit (s->cp[i]) >= 0))
    i++;
  fig->resume = i;
  return TRUE;
}

/* After "2021-": a month ("03") or another year ("2022"), not the top of
 * a range like "2000-3000 元". */
static gboolean
looks_like_date_part (const Sent *s,
                      guint       i)
{
  guint k = i;
  double v = 0;

  while (k < s->n && arabic_digit (s->cp[k]) >= 0)
    v = v * 10 + arabic_digit (s->cp[k++]);
  return k - i <= 2 || (k - i == 4 && is_year_value (v));
}

/* "2021-03-15", "10:30", "1/1.53", "12.5.1", "2021.03": dates, times,
 * fractions, versions (a year among them is a period). */
static gboolean
filter_date_time (ZhScan   *z,
                  ZhFigure *fig)
{
  const Sent *s = &z->s;
  const Num *num = &fig->num;
  guint i = num->end;
  gunichar c;

  if (!num->arabic || i + 1 >= s->n || arabic_digit (s->cp[i + 1]) < 0)
    return FALSE;
  c = s->cp[i];
  if (!(c == '/' || c == ':' || c == 0xFF1A || c == '.' ||
        ((c == '-' || c == 0xFF0D) && num->n_int_digits == 4 && is_year_value (num->value) &&
         looks_like_date_part (s, i + 1))))
    return FALSE;
  if (is_year_value (num->value) && num->n_int_digits == 4 && !num->decimal && c != ':')
    zh_add_year (&z->periods, fig->ni, (int) num->value);
  while (i < s->n && (arabic_digit (s->cp[i]) >= 0 || zh_char_in (s->cp[i], "/:-.：－")))
    i++;
  fig->resume = i;
  return TRUE;
}

/* "1.2.3" after its first decimal: a version. */
static gboolean
filter_version (ZhScan   *z,
                ZhFigure *fig)
{
  const Sent *s = &z->s;
  guint i = fig->num.end;

  fig->resume = i + 1;
  return fig->num.arabic && fig->num.decimal && i + 1 < s->n && s->cp[i] == '.' &&
         arabic_digit (s->cp[i + 1]) >= 0;
}

/* "2021年", "2021 年", "二〇二一年": the figure's period. */
static gboolean
filter_year (ZhScan   *z,
             ZhFigure *fig)
{
  const Sent *s = &z->s;
  const Num *num = &fig->num;
  guint j = fig->j;

  if (!(j < s->n && s->cp[j] == 0x5E74 /* 年 */ && !num->decimal && !num->separators &&
        !num->has_scale && is_year_value (num->value) &&
        (num->n_int_digits == 4 || (num->chinese && num->value >= 1900))))
    return FALSE;
  zh_add_year (&z->periods, fig->ni, (int) num->value);
  fig->resume = j + 1;
  return TRUE;
}

/* "三季度", "3 季度": quarters without 第. */
static gboolean
filter_quarter (ZhScan   *z,
                ZhFigure *fig)
{
  const Num *num = &fig->num;
  guint j = fig->j;

  if (!(j < z->s.n && num->value >= 1 && num->value <= 4 && !num->decimal && !num->has_scale &&
        zh_match_at (&z->s, j, "季度") > 0))
    return FALSE;
  zh_add_quarter (&z->periods, fig->ni, (int) num->value);
  fig->resume = j + 2;
  return TRUE;
}

/* ---- ZH_FILTER_FIGURE: with what follows read ---- */

/* "5000 万像素", "3 年", "10 点", "6.5 英寸": sizes, times, specs. */
static gboolean
filter_spec_unit (ZhScan   *z,
                  ZhFigure *fig)
{
  (void) z;
  fig->resume = fig->j;
  return fig->unit_rejected;
}

/* "64 位", "37 个", "10 次", "5 个月": a measure word counting nothing
 * named. */
static gboolean
filter_measure_word_alone (ZhScan   *z,
                           ZhFigure *fig)
{
  (void) z;
  return fig->noun_rejected;
}

/* "千万不要": 千万 alone is "by all means" as often as ten million;
 * without a digit it needs a unit or a currency ("百万台", "千万元"). */
static gboolean
filter_thousand_alone (ZhScan   *z,
                       ZhFigure *fig)
{
  (void) z;
  return !fig->num.arabic && fig->num.lead == 0 && fig->c.unit == NULL &&
         fig->c.currency == NULL && fig->c.kind != KIND_PERCENT;
}

/* "小米 11", "Redmi Note 12", "骁龙 888": model names, unless a scale,
 * unit or currency follows. */
static gboolean
filter_model_name (ZhScan   *z,
                   ZhFigure *fig)
{
  (void) z;
  return fig->model_context &&
         (!fig->strong ||
          (fig->c.unit == NULL && fig->c.currency == NULL && !fig->num.has_scale));
}

/* "他说 2500": a bare number (no unit, scale, currency or percent) counts
 * only right after a metric word and a verb ("员工人数达到 3000"). */
static gboolean
filter_bare_number (ZhScan   *z,
                    ZhFigure *fig)
{
  const Sent *s = &z->s;
  const Num *num = &fig->num;
  double value = fig->c.value;
  gboolean verb, year4;
  guint b;

  if (fig->strong)
    return FALSE;
  b = skip_spaces_back (s, fig->i0);
  verb = zh_match_any_before (s, b, &z->v->bare_verbs, NULL) != NULL ||
         zh_match_any_before (s, b, &z->v->qualifiers_before, NULL) != NULL;
  if (verb)
    verb = zh_nearest_keyword (s, &z->v->metrics, z->clause_lo, fig->i0,
                               fig->i0, fig->i0, TRUE, FALSE, zh_accept_metric,
                               GINT_TO_POINTER (KIND_COUNT)) != NULL;
  year4 = is_year_value (value) && num->n_int_digits == 4;
  if (verb && value >= 10 && !num->chinese && !year4)
    return FALSE;
  if (year4 && !num->decimal && !num->separators)
    zh_add_year (&z->periods, fig->ni, (int) value);
  return TRUE;
}

/* "一家", "两人", "三个摄像头": small Chinese counts are words, unless they
 * count something that matters ("三家门店") or are ranges ("三到五家"). */
static gboolean
filter_small_chinese_count (ZhScan   *z,
                            ZhFigure *fig)
{
  const Cand *c = &fig->c;

  (void) z;
  return fig->num.chinese && !fig->num.arabic && !fig->num.has_scale &&
         isnan (c->value_max) && c->kind == KIND_COUNT && c->value < 10 &&
         (c->value < 2 || c->unit == NULL || g_str_equal (c->unit, "units") ||
          g_str_equal (c->unit, "pieces") || g_str_equal (c->unit, "people"));
}

/* "3 次", "有 5 个": a small count of nothing named. */
static gboolean
filter_small_unitless (ZhScan   *z,
                       ZhFigure *fig)
{
  (void) z;
  return fig->c.kind == KIND_COUNT && fig->c.unit == NULL && !fig->num.has_scale &&
         fig->c.value < 10;
}

static const ZhFilter filters[] = {
  { "vague",               ZH_FILTER_NUMBER, filter_vague },
  { "glued-latin",         ZH_FILTER_NUMBER, filter_glued_latin },
  { "date-time",           ZH_FILTER_NUMBER, filter_date_time },
  { "version",             ZH_FILTER_NUMBER, filter_version },
  { "year",                ZH_FILTER_NUMBER, filter_year },
  { "quarter",             ZH_FILTER_NUMBER, filter_quarter },
  { "spec-unit",           ZH_FILTER_FIGURE, filter_spec_unit },
  { "measure-word-alone",  ZH_FILTER_FIGURE, filter_measure_word_alone },
  { "thousand-alone",      ZH_FILTER_FIGURE, filter_thousand_alone },
  { "model-name",          ZH_FILTER_FIGURE, filter_model_name },
  { "bare-number",         ZH_FILTER_FIGURE, filter_bare_number },
  { "small-chinese-count", ZH_FILTER_FIGURE, filter_small_chinese_count },
  { "small-unitless",      ZH_FILTER_FIGURE, filter_small_unitless },
};

gboolean
zh_filter_figure (ZhScan        *z,
                  ZhFigure      *fig,
                  ZhFilterStage  stage)
{
  for (guint k = 0; k < G_N_ELEMENTS (filters); k++)
    {
      guint resume = fig->resume;

      if (filters[k].stage != stage)
        continue;
      if (filters[k].func (z, fig))
        {
          if (z->ctx->trace)
            cited_extract_trace (z->ctx, z->s.off[fig->i0], z->s.off[MAX (fig->resume, fig->c.i1)],
                                 "dropped by filter %s", filters[k].name);
          return TRUE;
        }
      fig->resume = resume;
    }
  return FALSE;
}

/* ---- ZH_FILTER_RESOLVED: with the metric ---- */

/* "近一半的人": 一半 is a figure only where a share or change is named. */
static gboolean
filter_needs_metric (ZhScan      *z,
                     const Cand  *c,
                     const char  *metric)
{
  (void) z;
  return c->needs_metric && metric == NULL;
}

/* "电量充至 80%", "DCI-P3 色域 100%": percentages of a battery, a colour
 * gamut or a frame rate are specs, not figures of a market. */
static gboolean
filter_spec_percent (ZhScan     *z,
                     const Cand *c,
                     const char *metric)
{
  return c->kind == KIND_PERCENT && metric == NULL &&
         zh_range_has_any (&z->s, c->lo, c->hi, &z->v->spec_words);
}

static const struct {
  const char *name;
  ZhResolvedFilter func;
} resolved_filters[] = {
  { "needs-metric", filter_needs_metric },
  { "spec-percent", filter_spec_percent },
};

gboolean
zh_filter_resolved (ZhScan     *z,
                    const Cand *c,
                    const char *metric)
{
  for (guint k = 0; k < G_N_ELEMENTS (resolved_filters); k++)
    if (resolved_filters[k].func (z, c, metric))
      {
        if (z->ctx->trace)
          cited_extract_trace (z->ctx, z->s.off[c->i0], z->s.off[c->i1],
                               "dropped by filter %s", resolved_filters[k].name);
        return TRUE;
      }
  return FALSE;
}
