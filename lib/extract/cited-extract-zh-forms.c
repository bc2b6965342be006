/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <string.h>

#include "cited-extract-zh-private.h"

/*
 * Forms the scan reads at their first char, in table order: URLs and Latin
 * words (skipped whole), relative years, ranks (第三, 前五, 全球最大),
 * 一半, 百分之十三, currency signs and round amounts after a qualifier
 * (近千家). A form either handles the char (moving the scan on, perhaps
 * adding a candidate), hands a number to the figure reader, or passes.
 */

typedef enum {
  FORM_PASS,    /* not this form: the next one decides */
  FORM_DONE,    /* handled; the scan goes on at *i */
  FORM_NUMBER,  /* a number for the figure reader, in the ZhFigure */
} ZhFormResult;

typedef ZhFormResult (*ZhForm) (ZhScan *z, guint *i, ZhFigure *fig);

/* "https://…", "www.…": their digits are no figures. */
static ZhFormResult
form_url (ZhScan   *z,
          guint    *ip,
          ZhFigure *fig)
{
  const Sent *s = &z->s;
  guint i = *ip;
  gunichar c = s->cp[i];

  (void) fig;
  if (!((c == 'h' && (zh_match_at (s, i, "http://") || zh_match_at (s, i, "https://"))) ||
        (c == 'w' && zh_match_at (s, i, "www."))))
    return FORM_PASS;
  while (i < s->n && !is_space (s->cp[i]) && s->cp[i] != ')' && s->cp[i] != ']' &&
         s->cp[i] != '>' && s->cp[i] != '"' && s->cp[i] < 0x2E80)
    i++;
  *ip = i;
  return FORM_DONE;
}

/* Latin words carry model numbers and versions ("Note 12"): skipped whole.
 * "Q3" is a quarter; "US$", "RMB 3999", "Rs 500" a currency before a
 * number. */
static ZhFormResult
form_latin (ZhScan   *z,
            guint    *ip,
            ZhFigure *fig)
{
  const Sent *s = &z->s;
  const gunichar *cp = s->cp;
  guint i = *ip, n = s->n, m = 0;
  gunichar c = cp[i];

  if (!is_latin (c))
    return FORM_PASS;
  if ((c == 'Q' || c == 'q') && i + 1 < n && cp[i + 1] >= '1' && cp[i + 1] <= '4' &&
      (i == 0 || !is_latin (cp[i - 1])) &&
      (i + 2 >= n || (!is_latin (cp[i + 2]) && arabic_digit (cp[i + 2]) < 0)))
    {
      zh_add_quarter (&z->periods, i, (int) (cp[i + 1] - '0'));
      *ip = i + 2;
      return FORM_DONE;
    }
  if (c == 'U' || c == 'R')
    {
      const ZhWord *pre = zh_match_any_at (s, i, &z->v->currency_prefixes, &m);
      guint ds = skip_spaces (s, i + (pre != NULL ? m : 0));

      if (pre != NULL && ds < n && arabic_digit (cp[ds]) >= 0 &&
          zh_parse_number (s, ds, &fig->num))
        {
          fig->prefix_currency = pre->value;
          fig->ni = ds;
          return FORM_NUMBER;
        }
    }
  while (i < n && (is_latin (cp[i]) || arabic_digit (cp[i]) >= 0 || cp[i] == '-' || cp[i] == '_'))
    i++;
  *ip = i;
  return FORM_DONE;
}

/* "今年", "去年", "明年": years relative to the published date. */
static ZhFormResult
form_relative_year (ZhScan   *z,
                    guint    *ip,
                    ZhFigure *fig)
{
  const Sent *s = &z->s;
  guint i = *ip, m = 0;
  const ZhWord *rel;

  (void) fig;
  if (z->ctx->default_year <= 0)
    return FORM_PASS;
  rel = zh_match_any_at (s, i, &z->v->relative_years, &m);
  /* "前年" but not "前两年". */
  if (rel == NULL || (rel->number == -2 && i + 2 < s->n && zh_cn_digit (z->v, s->cp[i + 2]) >= 0))
    return FORM_PASS;
  zh_add_year (&z->periods, i, z->ctx->default_year + (int) rel->number);
  *ip = i + m;
  return FORM_DONE;
}

/* "全球最大", "中国最大": rank 1 in that place. */
static ZhFormResult
form_biggest (ZhScan   *z,
              guint    *ip,
              ZhFigure *fig)
{
  const Sent *s = &z->s;
  guint i = *ip, m = 0;
  const ZhWord *place;

  (void) fig;
  if (s->cp[i] != 0x6700 /* 最 */ || zh_match_at (s, i, "最大") == 0)
    return FORM_PASS;
  place = zh_match_any_before (s, i, &z->v->places, &m);
  if (place != NULL)
    {
      Cand *r = zh_new_cand (z, i - m, i + 2, 1, KIND_RANK);

      if (r != NULL)
        {
          r->metric = "rank";
          r->scope = place->value;
        }
    }
  *ip = i + 2;
  return FORM_DONE;
}

/* "前三", "前十大", "跻身前五": the top N. */
static ZhFormResult
form_top (ZhScan   *z,
          guint    *ip,
          ZhFigure *fig)
{
  const Sent *s = &z->s;
  const gunichar *cp = s->cp;
  guint i = *ip, n = s->n, k, t1;
  Num *num = &fig->num;
  gboolean top = FALSE;

  if (!(cp[i] == 0x524D /* 前 */ && i + 1 < n &&
        (zh_cn_digit (z->v, cp[i + 1]) >= 0 || arabic_digit (cp[i + 1]) >= 0 || cp[i + 1] == 0x5341) &&
        zh_parse_number (s, i + 1, num) && !num->has_scale && num->value >= 2 &&
        num->value <= 100 && num->value == floor (num->value)))
    return FORM_PASS;
  t1 = k = num->end;
  if (k < n && (cp[k] == 0x540D /* 名 */ || cp[k] == 0x5927 /* 大 */ || cp[k] == 0x5F3A /* 强 */ ||
                cp[k] == 0x4F4D /* 位 */))
    {
      top = TRUE;
      t1 = k + 1;
    }
  else if (zh_match_any_before (s, skip_spaces_back (s, i), &z->v->top_before, NULL) != NULL ||
           k >= n || is_clause_sep (cp[k]) || cp[k] == 0x3002 || cp[k] == 0x7684 /* 的 */)
    top = TRUE;
  if (top)
    {
      Cand *r = zh_new_cand (z, i, t1, num->value, KIND_RANK);

      if (r != NULL)
        {
          r->metric = "rank";
          r->qualifier = "top";
          *ip = t1;
          return FORM_DONE;
        }
    }
  else if (z->ctx->trace)
    cited_extract_trace (z->ctx, s->off[i], s->off[MIN (k + 1, n)], "no figure: not a top N (form top)");
  *ip = k;
  return FORM_DONE;
}

/* The qualifier just before char @i ("近一半", "超过百分之十"), or NULL. */
static const char *
qualifier_before (ZhScan *z,
                  guint   i)
{
  const ZhWord *q = zh_match_any_before (&z->s, skip_spaces_back (&z->s, i),
                                         &z->v->qualifiers_before, NULL);

  return q != NULL ? q->value : NULL;
}

/* "一半" is 50%: "近一半的市场份额" (a figure only with a metric). */
static ZhFormResult
form_half (ZhScan   *z,
           guint    *ip,
           ZhFigure *fig)
{
  const Sent *s = &z->s;
  guint i = *ip;
  Cand *r;

  (void) fig;
  if (s->cp[i] != 0x4E00 /* 一 */ || zh_match_at (s, i, "一半") == 0 ||
      (r = zh_new_cand (z, i, i + 2, 50, KIND_PERCENT)) == NULL)
    return FORM_PASS;
  r->unit = "%";
  r->needs_metric = TRUE;
  r->qualifier = qualifier_before (z, i);
  if (r->qualifier == NULL && zh_match_at (s, i + 2, "以上") > 0)
    r->qualifier = "more than";
  *ip = i + 2;
  return FORM_DONE;
}

/* "百分之十三": 13%. */
static ZhFormResult
form_percent_words (ZhScan   *z,
                    guint    *ip,
                    ZhFigure *fig)
{
  const Sent *s = &z->s;
  guint i = *ip;
  Num *num = &fig->num;
  Cand *r;

  if (s->cp[i] != 0x767E /* 百 */ || zh_match_at (s, i, "百分之") == 0 || i + 3 >= s->n ||
      !zh_parse_number (s, i + 3, num))
    return FORM_PASS;
  r = zh_new_cand (z, i, num->end, num->value, KIND_PERCENT);
  if (r != NULL)
    {
      r->unit = "%";
      r->qualifier = qualifier_before (z, i);
    }
  *ip = num->end;
  return FORM_DONE;
}

/* "￥3999", "$500", "人民币 1000 元": a currency before the number. */
static ZhFormResult
form_currency_sign (ZhScan   *z,
                    guint    *ip,
                    ZhFigure *fig)
{
  const Sent *s = &z->s;
  guint i = *ip, m = 0, ds;
  const ZhWord *pre = zh_match_any_at (s, i, &z->v->currency_prefixes, &m);

  /* Latin prefixes ("US$", "RMB") were read with their word. */
  if (pre == NULL)
    return FORM_PASS;
  ds = skip_spaces (s, i + m);
  if (ds < s->n &&
      (arabic_digit (s->cp[ds]) >= 0 || zh_cn_digit (z->v, s->cp[ds]) >= 0) &&
      zh_parse_number (s, ds, &fig->num))
    {
      fig->prefix_currency = pre->value;
      fig->ni = ds;
      return FORM_NUMBER;
    }
  *ip = i + 1;
  return FORM_DONE;
}

/* "近千家门店", "逾万名员工": a round thousand or ten thousand after a
 * qualifier, with the measure word right after it. */
static ZhFormResult
form_round_amount (ZhScan   *z,
                   guint    *ip,
                   ZhFigure *fig)
{
  const Sent *s = &z->s;
  guint i = *ip, m = 0;
  gunichar c = s->cp[i];
  Num *num = &fig->num;

  if (!((c == 0x5343 || c == 0x767E || c == CH_WAN) && i > 0 && i + 1 < s->n &&
        zh_match_any_at (s, i - 1, &z->v->round_qualifiers, NULL) != NULL &&
        zh_match_unit (s, i + 1, &m) != NULL))
    return FORM_PASS;
  memset (num, 0, sizeof *num);
  num->value = c == CH_WAN ? 1e4 : zh_small_scale (z->v, c);
  num->chinese = TRUE;
  num->lead = 1;
  num->has_scale = c == CH_WAN;
  num->end = i + 1;
  fig->ni = i;
  return FORM_NUMBER;
}

/* Whether 第N at @i, its digits ending at @kend and its next char at @k,
 * is a rank ("排名第三", "第二大厂商", "位列第一。"), not an ordinal
 * ("第一次", "第二天", "第三代", "第一位中国学生"). @t1 gets the rank's end. */
static gboolean
ordinal_is_rank (ZhScan       *z,
                 guint         i,
                 guint         k,
                 const ZhWord *rank_word,
                 guint        *t1)
{
  const Sent *s = &z->s;
  const gunichar *cp = s->cp;
  guint n = s->n, m = 0;
  gboolean rank = FALSE;

  if (k < n && (cp[k] == 0x5927 /* 大 */ || cp[k] == 0x540D /* 名 */ || cp[k] == 0x4F4D /* 位 */))
    {
      rank = !(cp[k] == 0x4F4D && k + 1 < n && cp[k + 1] == 0x6570); /* 位数 */
      /* "第一位中国学生", "第三名选手": an ordinal before a noun, unless a
       * rank word says otherwise ("排名第三位"). */
      if (cp[k] != 0x5927 && k + 1 < n && is_cjk (cp[k + 1]) && cp[k + 1] != 0x7684 /* 的 */ &&
          rank_word == NULL)
        rank = FALSE;
      *t1 = k + 1;
    }
  else if (zh_match_reject (s, k) > 0 || zh_match_unit (s, k, &m) != NULL ||
           zh_match_any_at (s, k, &z->v->ordinal_nouns, NULL) != NULL)
    rank = FALSE; /* 第一次, 第二天, 第三代, 第一家, 第1章 */
  else if (rank_word != NULL)
    rank = TRUE;
  else if ((k >= n || is_clause_sep (cp[k]) || cp[k] == 0x3002 || cp[k] == 0x7684 /* 的 */ ||
            cp[k] == 0xFF01 || cp[k] == 0xFF1F || zh_match_at (s, k, "品牌") ||
            zh_match_at (s, k, "供应商") || zh_match_at (s, k, "厂商")) && i > z->clause_lo)
    rank = TRUE;
  /* "排名第三和第四" are ranks, "第三和第四张照片" are not. */
  if (rank && k < n && cp[k] == 0x548C /* 和 */)
    rank = FALSE;
  if (!rank && (k >= n || cp[k] == 0x548C || cp[k] == 0x3002 || is_clause_sep (cp[k])) &&
      zh_range_has_any (s, z->clause_lo, i, &z->v->rank_words))
    rank = TRUE;
  return rank;
}

/* "业界第二大图像传感器" ranks a part, not a company. */
static gboolean
ranks_a_part (ZhScan *z,
              guint   t1)
{
  const Sent *s = &z->s;
  guint e = t1;

  if (t1 >= s->n || s->cp[t1 - 1] != 0x5927 /* 大 */)
    return FALSE;
  while (e < s->n && e < t1 + 10 && !is_clause_sep (s->cp[e]) && s->cp[e] != 0x3002 &&
         s->cp[e] != 0x7684 /* 的 */)
    e++;
  return zh_range_has_any (s, t1, e, &z->v->part_words) &&
         !zh_range_has_any (s, t1, e, &z->v->maker_words);
}

static gboolean
opens_ordinal (ZhScan *z,
               guint   i)
{
  const Sent *s = &z->s;
  const gunichar *cp = s->cp;
  guint d;

  if (cp[i] != 0x7B2C /* 第 */ || i + 1 >= s->n)
    return FALSE;
  if (zh_cn_digit (z->v, cp[i + 1]) >= 0 || arabic_digit (cp[i + 1]) >= 0 || cp[i + 1] == 0x5341)
    return TRUE;
  /* "第 3", spaced as machine translation writes it. */
  d = skip_spaces (s, i + 1);
  return is_space (cp[i + 1]) && d < s->n && arabic_digit (cp[d]) >= 0;
}

/* 第N: quarters ("第三季度"), ranks ("排名第三", "第二大"), or ordinals
 * that are no figures ("第一次"). */
static ZhFormResult
form_ordinal (ZhScan   *z,
              guint    *ip,
              ZhFigure *fig)
{
  const Sent *s = &z->s;
  guint i = *ip, k, kend, rb = 0, t1;
  Num *num = &fig->num;
  const ZhWord *rank_word;
  Cand *r;

  if (!opens_ordinal (z, i))
    return FORM_PASS;
  if (!zh_parse_number (s, skip_spaces (s, i + 1), num) || num->has_scale)
    {
      *ip = i + 1;
      return FORM_DONE;
    }
  kend = k = num->end;
  if (is_space (s->cp[i + 1]))
    k = skip_spaces (s, k);
  if (num->value >= 1 && num->value <= 4 && (zh_match_at (s, k, "季度") || zh_match_at (s, k, "季")))
    {
      zh_add_quarter (&z->periods, i, (int) num->value);
      *ip = k + (zh_match_at (s, k, "季度") ? 2 : 1);
      return FORM_DONE;
    }
  rank_word = zh_match_any_before (s, skip_spaces_back (s, i), &z->v->rank_before, &rb);
  t1 = kend;
  *ip = k;
  if (!ordinal_is_rank (z, i, k, rank_word, &t1) || ranks_a_part (z, t1))
    {
      if (z->ctx->trace)
        cited_extract_trace (z->ctx, s->off[i], s->off[MIN (k + 1, s->n)],
                             "no figure: an ordinal, not a rank (form ordinal)");
      return FORM_DONE;
    }
  if (!(num->value >= 1 && num->value <= 1000 && num->value == floor (num->value)))
    return FORM_DONE;
  /* "排名第三": the rank word is part of the text. */
  r = zh_new_cand (z, rank_word != NULL && rank_word - z->v->rank_before.w < 2 ?
                        skip_spaces_back (s, i) - rb : i,
                   t1, num->value, KIND_RANK);
  if (r != NULL)
    {
      r->metric = "rank";
      *ip = t1;
    }
  return FORM_DONE;
}

static const struct {
  const char *name;
  ZhForm func;
} forms[] = {
  { "url",            form_url },
  { "latin",          form_latin },
  { "relative-year",  form_relative_year },
  { "biggest",        form_biggest },
  { "ordinal",        form_ordinal },
  { "top",            form_top },
  { "half",           form_half },
  { "percent-words",  form_percent_words },
  { "currency-sign",  form_currency_sign },
  { "round-amount",   form_round_amount },
};

/* Runs the forms at char *@i. Returns TRUE when one handled it; a number
 * it found goes through the figure reader here. */
gboolean
zh_read_form (ZhScan *z,
              guint  *i)
{
  ZhFigure fig;

  for (guint k = 0; k < G_N_ELEMENTS (forms); k++)
    {
      ZhFormResult r;

      fig.prefix_currency = NULL;
      r = forms[k].func (z, i, &fig);
      if (r == FORM_PASS)
        continue;
      if (r == FORM_NUMBER)
        *i = zh_scan_number (z, *i, &fig);
      return TRUE;
    }
  return FALSE;
}
