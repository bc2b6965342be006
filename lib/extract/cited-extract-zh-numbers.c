/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <string.h>

#include "cited-extract-zh-private.h"

/*
 * Numbers: Arabic digits (ASCII or full-width, "," or "，" thousands
 * separators, "." or "．" decimals), Chinese numerals (一二三…十百千), or
 * a mix, scaled by 万 (1e4) and 亿 (1e8): "3580 万", "1.9亿", "一千多万",
 * "3万4000", "两三万" (a range). And the quick path: whether a sentence
 * can hold a figure at all, read without decoding it.
 */

/* Arabic digits at @i: "2,300", "2，300", "１．５", "13.1". */
static guint
parse_arabic (const Sent *s,
              guint       i,
              Num        *num)
{
  double v = 0;
  double scale = 0.1;
  gboolean frac = FALSE;

  while (i < s->n)
    {
      gunichar c = s->cp[i];
      int d = arabic_digit (c);

      if (d >= 0)
        {
          if (frac)
            {
              v += d * scale;
              scale /= 10;
            }
          else
            {
              v = v * 10 + d;
              num->n_int_digits++;
            }
          i++;
          continue;
        }

      /* A separator needs exactly three digits after it: "2，300" but not
       * the clause comma in "出货 300，500 万台 …". */
      if ((c == ',' || c == 0xFF0C) && !frac && num->n_int_digits > 0 &&
          num->n_int_digits <= 3 + 4 * (guint) num->separators && i + 3 < s->n &&
          arabic_digit (s->cp[i + 1]) >= 0 && arabic_digit (s->cp[i + 2]) >= 0 &&
          arabic_digit (s->cp[i + 3]) >= 0 &&
          (i + 4 >= s->n || arabic_digit (s->cp[i + 4]) < 0 ||
           s->cp[i + 4] == ',' || s->cp[i + 4] == 0xFF0C))
        {
          num->separators = TRUE;
          i++;
          continue;
        }

      if ((c == '.' || c == 0xFF0E) && !frac && i + 1 < s->n &&
          arabic_digit (s->cp[i + 1]) >= 0)
        {
          frac = TRUE;
          num->decimal = TRUE;
          i++;
          continue;
        }
      break;
    }

  num->value = v;
  return i;
}

/* The state of one number being read. */
typedef struct {
  const ZhVocab *v;
  double yi, wan, section, cur;
  gboolean have_cur;
  gboolean last_cn_digit;
  gboolean positional;
  gboolean any;
  guint start;
} NumRead;

enum { STEP_NONE, STEP_TAKEN, STEP_STOP };

static inline gboolean
is_big_scale (gunichar c)
{
  return c == CH_WAN || c == CH_YI;
}

/* Arabic digits, first or right after a scale ("3万4000"). */
static int
step_arabic (const Sent *s,
             guint      *ip,
             Num        *num,
             NumRead    *r)
{
  guint i = *ip, j;
  Num a = { 0 };

  if (i != r->start && !is_big_scale (s->cp[i - 1]))
    return STEP_STOP;
  if (i == r->start)
    num->arabic = TRUE;
  i = parse_arabic (s, i, &a);
  if (num->n_int_digits == 0)
    {
      num->n_int_digits = a.n_int_digits;
      num->decimal = a.decimal;
      num->separators = a.separators;
      num->lead = a.value;
    }
  r->cur = a.value;
  r->have_cur = TRUE;
  r->any = TRUE;
  /* "3580 万": a space may sit between digits and their scale. */
  j = skip_spaces (s, i);
  if (j > i && j + 1 < s->n && (s->cp[j] == 0x591A || s->cp[j] == 0x4F59) &&
      is_big_scale (s->cp[j + 1]))
    i = j; /* "10 余万" */
  else if (j > i && j < s->n &&
           (is_big_scale (s->cp[j]) ||
            (zh_small_scale (r->v, s->cp[j]) > 0 && j + 1 < s->n && is_big_scale (s->cp[j + 1]))))
    i = j;
  *ip = i;
  return STEP_TAKEN;
}

/* A numeral after another: positional in years and with a zero
 * ("二〇二一年", "一〇五"); "两三", "三四" say "two or three", a range;
 * "一一" (one by one) is no number. */
static int
step_second_digit (guint   *ip,
                   int      d,
                   Num     *num,
                   NumRead *r)
{
  if (r->positional)
    {
      r->cur = r->cur * 10 + d;
      return STEP_NONE;
    }
  if (d == (int) r->cur + 1 || (r->cur == 1 && d == 2))
    {
      num->approx_ratio = (double) d / r->cur;
      (*ip)++;
      r->last_cn_digit = FALSE;
      return STEP_TAKEN;
    }
  return STEP_STOP;
}

/* Chinese numerals, and their decimals ("一点九亿"). */
static int
step_cn_digit (const Sent *s,
               guint      *ip,
               int         d,
               Num        *num,
               NumRead    *r)
{
  guint i = *ip;

  if (r->have_cur && !r->last_cn_digit)
    return STEP_STOP; /* "3五": not one number */
  if (r->last_cn_digit)
    {
      int step = step_second_digit (ip, d, num, r);
      if (step != STEP_NONE)
        return step;
    }
  else
    {
      guint e = i;
      while (e < s->n && zh_cn_digit (r->v, s->cp[e]) >= 0)
        e++;
      r->positional = (e - i == 4 && e < s->n && s->cp[e] == 0x5E74 /* 年 */);
      for (guint q = i; q < e && !r->positional; q++)
        r->positional = zh_cn_digit (r->v, s->cp[q]) == 0 && e - i > 1 && q > i;
      r->cur = d;
    }
  if (num->lead == 0)
    num->lead = d;
  r->have_cur = TRUE;
  r->last_cn_digit = TRUE;
  num->chinese = TRUE;
  r->any = TRUE;
  i++;
  if (i + 1 < s->n && s->cp[i] == 0x70B9 /* 点 */ && zh_cn_digit (r->v, s->cp[i + 1]) >= 0)
    {
      double scale = 0.1;
      i++;
      while (i < s->n && (d = zh_cn_digit (r->v, s->cp[i])) >= 0)
        {
          r->cur += d * scale;
          scale /= 10;
          i++;
        }
      num->decimal = TRUE;
      r->last_cn_digit = FALSE;
    }
  *ip = i;
  return STEP_TAKEN;
}

/* 十, 百, 千. 百分之/百分点 are not hundreds; 千瓦, 千米 … stop at the
 * unit check later. A small unit needs something to multiply or to be
 * followed by more numerals ("十三", "百万"). */
static int
step_small_scale (const Sent *s,
                  guint      *ip,
                  double      u,
                  Num        *num,
                  NumRead    *r)
{
  guint i = *ip;
  gunichar c = s->cp[i];

  if (c == 0x767E && i + 1 < s->n && s->cp[i + 1] == 0x5206 /* 分 */)
    return STEP_STOP;
  if (!r->have_cur && r->section == 0 && !r->any &&
      !(i + 1 < s->n && (zh_cn_digit (r->v, s->cp[i + 1]) >= 0 || is_big_scale (s->cp[i + 1]) ||
                         c == 0x5341 /* 十 */)))
    return STEP_STOP;
  r->section += (r->have_cur ? r->cur : 1) * u;
  r->cur = 0;
  r->have_cur = FALSE;
  r->last_cn_digit = FALSE;
  num->chinese = TRUE;
  if (num->arabic)
    num->has_scale = TRUE;
  r->any = TRUE;
  *ip = i + 1;
  return STEP_TAKEN;
}

/* 万 and 亿. */
static int
step_big_scale (gunichar  c,
                guint    *ip,
                Num      *num,
                NumRead  *r)
{
  if (c == CH_WAN)
    {
      if (r->wan != 0)
        return STEP_STOP;
      r->wan = (r->section + r->cur) * 1e4;
    }
  else
    {
      r->yi = (r->yi + r->wan + r->section + r->cur) * 1e8;
      r->wan = 0;
    }
  r->section = 0;
  r->cur = 0;
  r->have_cur = FALSE;
  r->last_cn_digit = FALSE;
  num->has_scale = TRUE;
  (*ip)++;
  return STEP_TAKEN;
}

/* One step of the number at *@ip. */
static int
number_step (const Sent *s,
             guint      *ip,
             Num        *num,
             NumRead    *r)
{
  gunichar c = s->cp[*ip];
  int d;
  double u;

  if (arabic_digit (c) >= 0 && !r->have_cur && !r->last_cn_digit)
    return step_arabic (s, ip, num, r);
  d = zh_cn_digit (r->v, c);
  if (d >= 0)
    return step_cn_digit (s, ip, d, num, r);
  u = zh_small_scale (r->v, c);
  if (u > 0)
    return step_small_scale (s, ip, u, num, r);
  if (is_big_scale (c) && r->any)
    return step_big_scale (c, ip, num, r);
  /* "一千多万", "1000 多万", "50 多亿": 多/余 between a number and a
   * larger unit. */
  if ((c == 0x591A /* 多 */ || c == 0x4F59 /* 余 */) && r->any && *ip + 1 < s->n &&
      (is_big_scale (s->cp[*ip + 1]) || zh_small_scale (r->v, s->cp[*ip + 1]) > 0))
    {
      num->more = TRUE;
      r->last_cn_digit = FALSE;
      (*ip)++;
      return STEP_TAKEN;
    }
  return STEP_STOP;
}

/* A number at @i (Arabic, Chinese or mixed, with 万/亿). Returns FALSE when
 * there is no number there. */
gboolean
zh_parse_number (const Sent *s,
                 guint       i,
                 Num        *num)
{
  NumRead r = { 0 };

  memset (num, 0, sizeof *num);
  r.v = s->v;
  r.start = i;
  while (i < s->n && number_step (s, &i, num, &r) == STEP_TAKEN)
    ;
  if (!r.any)
    return FALSE;

  num->value = r.yi + r.wan + r.section + r.cur;
  if (num->has_scale && fabs (num->value - nearbyint (num->value)) < 1e-6 * fmax (1, num->value))
    num->value = nearbyint (num->value);
  num->end = i;
  return TRUE;
}

/* One three-byte character at @b, decoded. */
static inline gunichar
decode3 (const char *b)
{
  return ((gunichar) ((guchar) b[0] & 0x0F) << 12) | ((gunichar) ((guchar) b[1] & 0x3F) << 6) |
         ((guchar) b[2] & 0x3F);
}

/* Whether the ideograph @c after a numeral worth @prev_digit makes a
 * figure: "一个", "一家": one of something is no figure; "一万", "一成",
 * "一半" are. */
static inline gboolean
follows_numeral (const ZhVocab *v,
                 int            prev_digit,
                 gunichar       c)
{
  if (!zh_has_bit (v->follow_bits, c))
    return FALSE;
  return prev_digit != 1 || zh_cn_digit (v, c) >= 0 || zh_small_scale (v, c) > 0 ||
         c == CH_WAN || c == CH_YI || zh_has_bit (v->one_bits, c) ||
         zh_has_bit (v->money_bits, c);
}

/* Whether the sentence can hold a figure at all: a digit, an opener that
 * is one (第, 最, 百), a Chinese numeral followed by something that makes
 * it one ("三万", "五家", "两成"; not "一个", "一些"), "前三". Reads the
 * bytes once, decoding only three-byte characters. */
gboolean
zh_worth_scanning (const char *b,
                   guint       start,
                   guint       end)
{
  const ZhVocab *v = zh_vocab ();
  int prev_digit = -1;   /* value of the Chinese numeral just before, or -1 */
  gboolean prev_qian = FALSE;

  for (guint p = start; p < end;)
    {
      guchar c0 = (guchar) b[p];
      gunichar c;
      int d;

      if (c0 < 0x80 || (c0 & 0xF0) != 0xE0 || p + 2 >= end)
        {
          if (c0 >= '0' && c0 <= '9')
            return TRUE;
          prev_digit = -1;
          prev_qian = FALSE;
          p += c0 < 0x80 ? 1 : c0 >= 0xF0 ? 4 : c0 >= 0xE0 ? 3 : c0 >= 0xC0 ? 2 : 1;
          continue;
        }
      c = decode3 (b + p);
      p += 3;

      if ((c >= 0xFF10 && c <= 0xFF19) || zh_has_bit (v->quick_bits, c))
        return TRUE;
      if (prev_digit >= 0 && follows_numeral (v, prev_digit, c))
        return TRUE;
      d = zh_cn_digit (v, c);
      /* "前三", "前十大": top three, top ten. */
      if (prev_qian && (d >= 0 || c == 0x5341 /* 十 */))
        return TRUE;
      prev_qian = c == 0x524D; /* 前 */
      if (d < 0 && (zh_small_scale (v, c) > 0 || c == CH_WAN))
        d = 10;
      prev_digit = d;
    }
  return FALSE;
}
