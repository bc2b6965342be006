/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <string.h>

#include "cited-extract-zh-private.h"

/*
 * A number and what follows it: a range ("5000 万至 6000 万"), a percent,
 * tenths ("三成"), a unit or measure word ("台", "家门店"), a currency
 * ("亿元", "RMB") and qualifiers before or after ("超过", "左右"). The
 * decisions that drop a number are the filters (cited-extract-zh-filters.c):
 * this file only reads, and notes what it read in the ZhFigure.
 */

Cand *
zh_new_cand (ZhScan *z,
             guint   i0,
             guint   i1,
             double  value,
             Kind    kind)
{
  Cand *r;

  if (z->n_cands >= ZH_MAX_CANDS)
    return NULL;
  r = &z->cands[z->n_cands++];
  memset (r, 0, sizeof *r);
  r->i0 = i0;
  r->i1 = i1;
  r->value = value;
  r->value_max = NAN;
  r->kind = kind;
  return r;
}

static gboolean
is_range_sep (gunichar c,
              gboolean arabic)
{
  return c == 0x81F3 /* 至 */ || c == 0x5230 /* 到 */ || c == '~' || c == 0xFF5E ||
         c == 0x2014 || c == 0x2013 || c == 0x301C || c == 0xFF0D || (c == '-' && arabic);
}

static gboolean
is_currency_sign (gunichar c)
{
  return c == 0xFFE5 || c == 0xA5 || c == '$' || c == 0x20AC || c == 0xA3 || c == 0x20B9;
}

/* Ranges: "5000 万至 6000 万", "40-50", "三到五", "1500 到 2000 万". */
static void
read_range (ZhScan   *z,
            ZhFigure *fig)
{
  const Sent *s = &z->s;
  const Num *num = &fig->num;
  guint k = fig->j;
  Num second;
  double lo, hi;

  if (k >= s->n || !is_range_sep (s->cp[k], num->arabic))
    return;
  /* "从 X 到 Y" is a change, not a range. */
  if (zh_match_before (s, skip_spaces_back (s, fig->i0), "从") > 0)
    return;
  k = skip_spaces (s, k + 1);
  /* "₹10,000-₹15,000": the currency sign may come again. */
  if (fig->prefix_currency != NULL && k + 1 < s->n && is_currency_sign (s->cp[k]) &&
      arabic_digit (s->cp[k + 1]) >= 0)
    k++;
  if (k >= s->n || !(arabic_digit (s->cp[k]) >= 0 || zh_cn_digit (z->v, s->cp[k]) >= 0 ||
                     zh_small_scale (z->v, s->cp[k]) > 0) ||
      !zh_parse_number (s, k, &second) || second.arabic != num->arabic ||
      (second.n_int_digits == 4 && is_year_value (second.value) && !second.has_scale &&
       num->n_int_digits == 4))
    return;

  lo = fig->c.value;
  hi = second.value;
  /* "1500 到 2000 万": the scale of the second applies to both. */
  if (second.has_scale && !num->has_scale && second.lead > 0)
    {
      double f = pow (10, nearbyint (log10 (second.value / second.lead)));

      if (lo * f <= hi)
        lo *= f;
    }
  if (hi > lo)
    {
      fig->c.value_max = hi;
      fig->c.value = lo;
      fig->c.i1 = second.end;
      if (second.has_scale)
        fig->strong = TRUE;
      fig->j = skip_spaces (s, second.end);
    }
}

/* Percent: "13%", "20%-22%", "20% 至 22%". */
static gboolean
read_percent (ZhScan   *z,
              ZhFigure *fig)
{
  const Sent *s = &z->s;
  Cand *c = &fig->c;
  guint j = fig->j, k;
  Num second;

  if (j >= s->n || (s->cp[j] != '%' && s->cp[j] != 0xFF05))
    return FALSE;
  k = skip_spaces (s, j + 1);
  c->kind = KIND_PERCENT;
  c->unit = "%";
  c->i1 = j + 1;
  fig->strong = TRUE;
  fig->settled = TRUE;
  if (isnan (c->value_max) && k < s->n && (s->cp[k] == '-' || is_range_sep (s->cp[k], TRUE)) &&
      s->cp[k] != 0x301C)
    {
      k = skip_spaces (s, k + 1);
      if (k < s->n && arabic_digit (s->cp[k]) >= 0 && zh_parse_number (s, k, &second) &&
          second.end < s->n && (s->cp[second.end] == '%' || s->cp[second.end] == 0xFF05) &&
          second.value > c->value)
        {
          c->value_max = second.value;
          c->i1 = second.end + 1;
        }
    }
  return TRUE;
}

/* Tenths: "三成" is 30%, "超过七成" more than 70% ("成为", "成本" are
 * other words). */
static gboolean
read_tenths (ZhScan   *z,
             ZhFigure *fig)
{
  const Sent *s = &z->s;
  Cand *c = &fig->c;
  guint j = fig->j;

  if (!(j == c->i1 && j < s->n && s->cp[j] == 0x6210 /* 成 */ && !fig->num.has_scale &&
        !fig->num.decimal && c->value >= 1 && c->value <= 10 && isnan (c->value_max) &&
        zh_match_any_at (s, j + 1, &z->v->tenths_not_before, NULL) == NULL))
    return FALSE;
  c->kind = KIND_PERCENT;
  c->unit = "%";
  c->value *= 10;
  c->i1 = j + 1;
  fig->strong = TRUE;
  fig->settled = TRUE;
  return TRUE;
}

/* Money words after the number: "亿元", "美元", "元人民币", "万元/平方米". */
static void
read_money_word (ZhScan       *z,
                 ZhFigure     *fig,
                 const ZhWord *uw)
{
  const Sent *s = &z->s;
  Cand *c = &fig->c;
  guint i = c->i1;

  c->kind = KIND_MONEY;
  c->currency = uw->value;
  /* "646 亿元人民币": one currency said twice. */
  if (g_str_equal (uw->word, "元"))
    i += zh_match_at (s, i, "人民币");
  /* "5.95万元/平方米", "2.6万元每平米": a price per something. */
  if (i < s->n && (s->cp[i] == '/' || s->cp[i] == 0x6BCF /* 每 */ || s->cp[i] == 0xFF0F))
    c->metric = "price";
  c->i1 = i;
}

/* 件 of patents, 家 of stores, judged by the clause. */
static const char *
unit_from_clause (ZhScan       *z,
                  const ZhWord *uw,
                  const char   *unit,
                  guint         i)
{
  const Sent *s = &z->s;

  if (g_str_equal (uw->word, "件") && g_strcmp0 (unit, "pieces") == 0 &&
      zh_range_has_any (s, z->clause_lo, zh_clause_end (s, i), &z->v->patent_words))
    return "patents";
  if (g_str_equal (uw->word, "家") && g_strcmp0 (unit, "companies") == 0 &&
      zh_range_has_any (s, z->clause_lo, zh_clause_end (s, i), &z->v->store_words))
    return "stores";
  return unit;
}

/* A measure word and the noun after it: "台", "家门店", "个国家", "个百分点". */
static void
read_measure_word (ZhScan       *z,
                   ZhFigure     *fig,
                   const ZhWord *uw)
{
  const Sent *s = &z->s;
  Cand *c = &fig->c;
  guint i = c->i1, nm = 0;
  const char *unit = uw->value;
  const ZhWord *noun = zh_match_any_at (s, i, &z->v->measure_nouns, &nm);

  /* The noun after a measure word names the unit: 个国家, 家门店. */
  if (noun != NULL && noun->value != NULL &&
      (unit == NULL || g_str_equal (noun->word, "百分点") || uw->noun_decides))
    {
      unit = noun->value;
      i += nm;
    }
  c->i1 = i;
  /* "5 个月", "64 位", "37 个": counted what? Only millions say enough
   * on their own ("1000 万次"). The filter measure-word-alone drops it. */
  if ((zh_match_reject (s, i) > 0 && (unit == NULL || g_str_equal (uw->word, "个"))) ||
      (uw->flag && unit == NULL && !fig->num.has_scale))
    {
      fig->noun_rejected = TRUE;
      return;
    }
  c->counted = TRUE;
  if (g_strcmp0 (unit, "%") == 0)
    {
      c->kind = KIND_PERCENT;
      c->unit = "%";
      c->metric = "growth";
      fig->settled = TRUE;
      return;
    }
  c->unit = unit_from_clause (z, uw, unit, i);
}

/* Chars of a size, time or spec word at @i ("像素", "年", "GB"), or 0. A
 * Latin spec unit must end there: "5 GB" but not "5 Galaxy". */
guint
zh_match_reject (const Sent *s,
                 guint       i)
{
  guint m = 0;

  if (zh_match_any_at (s, i, &s->v->rejects_after, &m) == NULL)
    return 0;
  if (is_latin (s->cp[i]) && i + m < s->n && is_latin (s->cp[i + m]))
    return 0;
  return m;
}

/* A unit word at @i, or NULL; its length in chars goes to @m. */
const ZhWord *
zh_match_unit (const Sent *s,
               guint       i,
               guint      *m)
{
  const ZhWords *units = &s->v->units;

  if (i >= s->n || !zh_first_may (&units->first, s->cp[i]))
    return NULL;
  for (guint k = 0; k < units->n; k++)
    {
      const ZhWord *uw = &units->w[k];

      if (uw->first != s->cp[i] || (*m = zh_match_at (s, i, uw->word)) == 0)
        continue;
      if (i + *m < s->n && zh_char_in (s->cp[i + *m], uw->not_before))
        continue;
      return uw;
    }
  return NULL;
}

/* Latin currency codes after the number: "3999 RMB". */
static void
read_currency_code (ZhScan   *z,
                    ZhFigure *fig)
{
  const Sent *s = &z->s;
  guint j = fig->j, cm = 0;
  const ZhWord *code;

  if (j >= s->n || fig->prefix_currency != NULL)
    return;
  code = zh_match_any_at (s, j, &z->v->currency_codes_after, &cm);
  if (code != NULL && (j + cm >= s->n || !is_latin (s->cp[j + cm])))
    {
      fig->c.kind = KIND_MONEY;
      fig->c.currency = code->value;
      fig->c.i1 = j + cm;
      fig->strong = TRUE;
    }
}

/* What follows the digits: a percent, tenths, a unit, a currency. */
static void
read_unit (ZhScan   *z,
           ZhFigure *fig)
{
  const Sent *s = &z->s;
  const ZhWord *uw;
  guint m = 0;

  /* Trailing 多/余 before a unit: "300 多家", "100 余人". */
  if (fig->j + 1 < s->n && (s->cp[fig->j] == 0x591A || s->cp[fig->j] == 0x4F59) &&
      (zh_match_unit (s, fig->j + 1, &m) != NULL || s->cp[fig->j + 1] == '%'))
    {
      fig->c.qualifier = "more than";
      fig->j++;
    }
  if (read_percent (z, fig) || read_tenths (z, fig))
    return;

  uw = zh_match_unit (s, fig->j, &m);
  if (uw == NULL)
    {
      fig->unit_rejected = zh_match_reject (s, fig->j) > 0;
      if (!fig->unit_rejected)
        read_currency_code (z, fig);
      return;
    }
  fig->c.i1 = fig->j + m;
  fig->strong = TRUE;
  if (uw->kind == KIND_MONEY)
    read_money_word (z, fig, uw);
  else
    read_measure_word (z, fig, uw);
}

/* "至少售出了 300 万部": the qualifier sits before the verb. */
static const char *
qualifier_before_verb (ZhScan *z,
                       guint   b)
{
  const Sent *s = &z->s;

  if (b <= 1 || s->cp[b - 1] != 0x4E86 /* 了 */)
    return NULL;
  for (guint v = b - 1; v + 4 > b && v > 0; v--)
    {
      const ZhWord *w = zh_match_any_before (s, v, &z->v->qualifiers_before_verb, NULL);

      if (w != NULL)
        return w->value;
      if (!is_cjk (s->cp[v - 1]))
        break;
    }
  return NULL;
}

/* Qualifiers after ("左右", "以上") or before ("超过", "约") the figure. */
static void
read_qualifiers (ZhScan   *z,
                 ZhFigure *fig)
{
  const Sent *s = &z->s;
  Cand *c = &fig->c;
  const ZhWord *q = zh_match_any_at (s, skip_spaces (s, c->i1), &z->v->qualifiers_after, NULL);
  guint b;

  if (q != NULL && c->qualifier == NULL)
    c->qualifier = q->value;
  if (c->qualifier != NULL)
    return;
  b = skip_spaces_back (s, fig->i0);
  q = zh_match_any_before (s, b, &z->v->qualifiers_before, NULL);
  if (q == NULL)
    c->qualifier = qualifier_before_verb (z, b);
  /* "最近" is recently, not nearly. */
  if (q != NULL && !(g_str_equal (q->word, "近") && b >= 2 &&
                     zh_char_in (s->cp[b - 2], "最附新")))
    c->qualifier = q->value;
}

/* The candidate as the number alone says it. */
static void
init_figure (ZhScan   *z,
             ZhFigure *fig)
{
  Cand *c = &fig->c;
  const Num *num = &fig->num;

  memset (c, 0, sizeof *c);
  c->i0 = fig->i0;
  c->i1 = num->end;
  c->value = num->value;
  c->value_max = NAN;
  c->kind = KIND_COUNT;
  c->currency = fig->prefix_currency;
  fig->strong = fig->prefix_currency != NULL;
  fig->settled = fig->unit_rejected = fig->noun_rejected = FALSE;
  if (fig->prefix_currency != NULL)
    c->kind = KIND_MONEY;
  if (num->more)
    c->qualifier = "more than";
  if (num->approx_ratio > 1)
    c->value_max = nearbyint (c->value * num->approx_ratio);
  fig->j = skip_spaces (&z->s, num->end);
  fig->resume = num->end;
}

guint
zh_read_figure (ZhScan   *z,
                ZhFigure *fig)
{
  Cand *c;

  init_figure (z, fig);
  if (zh_filter_figure (z, fig, ZH_FILTER_NUMBER))
    return fig->resume;

  read_range (z, fig);
  if (fig->num.has_scale)
    fig->strong = TRUE;
  read_unit (z, fig);
  fig->resume = fig->c.i1;
  if (!fig->settled && zh_filter_figure (z, fig, ZH_FILTER_FIGURE))
    return fig->resume;
  if (!fig->strong)
    fig->c.bare = TRUE;

  read_qualifiers (z, fig);
  c = zh_new_cand (z, fig->i0, fig->c.i1, fig->c.value, fig->c.kind);
  if (c != NULL)
    *c = fig->c;
  return fig->c.i1;
}
