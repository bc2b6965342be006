/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <string.h>

#include "cited-extract-zh-private.h"

/*
 * Figures in Chinese sentences: the driver. README-zh.md walks through the
 * stages; in short, for one sentence:
 *
 *   1. trim it; the quick path (zh_worth_scanning) drops sentences that
 *      cannot hold a figure without decoding them;
 *   2. decode it once into code points with their byte offsets (Sent);
 *   3. scan: skip brand mentions, read the forms (cited-extract-zh-forms.c)
 *      and numbers; each number goes through the figure reader and the
 *      filters (cited-extract-zh-figure.c, -filters.c); years and quarters
 *      become period marks (cited-extract-zh-periods.c);
 *   4. for each candidate: metric, then the resolved filters, scope and
 *      brand (cited-extract-zh-resolve.c, -brand.c), then the sign, the
 *      period and a CitedFigure.
 *
 * Choices worth knowing:
 * - "前三" (top three) is value 3, metric "rank", qualifier "top";
 *   "第二大", "排名第三" are ranks 2 and 3; "全球最大" is rank 1, scope global.
 * - A change described as a fall is negative ("同比下降 42.4%" is -42.4,
 *   metric "growth"), as is a number written with a minus sign; "下降至 5%"
 *   is a level and stays positive.
 * - Money counted in sales or shipments ("销售 150 亿美元") is revenue.
 * - A bare number with no unit, scale, currency or percent is a figure only
 *   right after a metric word and a verb ("员工人数达到 3000"); numbers after
 *   Latin words or brand names ("小米 11", "骁龙 888", "Redmi Note 12")
 *   are model names unless a unit or scale follows.
 * - Small counts in Chinese numerals with no scale ("三个摄像头", "一家",
 *   "两人") are not figures unless they are ranges ("三到五家") or count
 *   stores, patents or companies.
 * - "两成" is 20% and "一半" 50% (the latter only where a share or change is
 *   named); "两三万" is the range 20,000-30,000.
 */

/* Trims ASCII and ideographic spaces so offsets point at text. */
static void
trim (const CitedExtractContext *ctx,
      guint                     *start,
      guint                     *end)
{
  while (*start < *end)
    {
      gunichar c = g_utf8_get_char_validated (ctx->body + *start, *end - *start);
      if (c == (gunichar) -1 || c == (gunichar) -2 || !is_space (c))
        break;
      *start = g_utf8_next_char (ctx->body + *start) - ctx->body;
    }
  while (*end > *start)
    {
      const char *prev = g_utf8_find_prev_char (ctx->body + *start, ctx->body + *end);
      gunichar c;

      if (prev == NULL)
        break;
      c = g_utf8_get_char_validated (prev, ctx->body + *end - prev);
      if (c == (gunichar) -1 || c == (gunichar) -2 || !is_space (c))
        break;
      *end = prev - ctx->body;
    }
}

/* Decodes body[start, end) into @cp with the byte offset of each char in
 * @off (off[n] is @end); returns n. ASCII and well-formed three-byte CJK
 * are nearly all of it; a bad byte becomes U+FFFD. */
static guint
decode (const char *body,
        guint       start,
        guint       end,
        gunichar   *cp,
        guint      *off)
{
  const char *p = body + start;
  guint n = 0;

  while (p < body + end)
    {
      guchar b0 = (guchar) *p;
      gunichar c;

      off[n] = p - body;
      if (b0 < 0x80)
        {
          cp[n++] = b0;
          p++;
          continue;
        }
      if ((b0 & 0xF0) == 0xE0 && p + 2 < body + end &&
          ((guchar) p[1] & 0xC0) == 0x80 && ((guchar) p[2] & 0xC0) == 0x80)
        {
          c = ((b0 & 0x0F) << 12) | (((guchar) p[1] & 0x3F) << 6) | ((guchar) p[2] & 0x3F);
          if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF))
            {
              cp[n++] = c;
              p += 3;
              continue;
            }
        }
      c = g_utf8_get_char_validated (p, body + end - p);
      cp[n++] = c == (gunichar) -1 || c == (gunichar) -2 ? 0xFFFD : c;
      p = c == (gunichar) -1 || c == (gunichar) -2 ? p + 1 : g_utf8_next_char (p);
    }
  off[n] = end;
  return n;
}

/* A number found at scan position @i (its digits at fig->ni): notes
 * whether it reads as a model name, reads it, and says where the scan goes
 * on. */
guint
zh_scan_number (ZhScan   *z,
                guint     i,
                ZhFigure *fig)
{
  const Sent *s = &z->s;
  guint ni = fig->ni;
  guint b = skip_spaces_back (s, ni);
  guint next;

  fig->i0 = fig->prefix_currency != NULL ? i : ni;
  /* A number right after a Latin word or a brand name is a model. */
  fig->model_context = (b > 0 && b < ni && (is_latin (s->cp[b - 1]) || arabic_digit (s->cp[b - 1]) >= 0)) ||
                       (b > 0 && b == ni && is_latin (s->cp[b - 1]));
  for (guint k = z->m_first; k < z->m_end && fig->prefix_currency == NULL && !fig->model_context; k++)
    if (z->ctx->mentions[k].end == s->off[b])
      fig->model_context = TRUE;

  next = zh_read_figure (z, fig);
  if (next <= ni)
    next = fig->num.end > ni ? fig->num.end : ni + 1;
  return next;
}

/* Pass 1: numbers, periods and ranks, in order. */
static void
scan (ZhScan *z)
{
  const Sent *s = &z->s;
  const CitedExtractContext *ctx = z->ctx;
  ZhFigure fig;

  for (guint i = 0; i < s->n;)
    {
      gunichar c = s->cp[i];

      /* Most ideographs start nothing: skip them before any other test. */
      if (c >= 0x4E00 && c <= 0x9FFF && !zh_has_bit (z->v->starter_bits, c))
        {
          i++;
          continue;
        }
      if (is_clause_sep (c))
        {
          z->clause_lo = ++i;
          continue;
        }
      /* Skip brand mentions ("三星", "一加" hold numerals). */
      while (z->mi < z->m_end && ctx->mentions[z->mi].end <= s->off[i])
        z->mi++;
      if (z->mi < z->m_end && ctx->mentions[z->mi].start <= s->off[i])
        {
          while (i < s->n && s->off[i] < ctx->mentions[z->mi].end)
            i++;
          continue;
        }
      /* Of ASCII, only Latin letters and "$" open a form. */
      if ((c >= 0x80 || is_latin (c) || c == '$') && zh_read_form (z, &i))
        continue;
      if ((arabic_digit (c) < 0 && zh_cn_digit (z->v, c) < 0 && zh_small_scale (z->v, c) == 0) ||
          !zh_parse_number (s, i, &fig.num))
        {
          i++;
          continue;
        }
      fig.ni = i;
      fig.prefix_currency = NULL;
      i = zh_scan_number (z, i, &fig);
    }
}

/* "增长率分别为-1.41%": a minus sign written before the number. */
static gboolean
minus_before (const Sent *s,
              const Cand *c)
{
  gunichar m;

  if (c->i0 == 0 || c->kind == KIND_RANK)
    return FALSE;
  m = s->cp[c->i0 - 1];
  return (m == '-' || m == 0x2212 || m == 0xFF0D) &&
         (c->i0 < 2 || !(is_latin (s->cp[c->i0 - 2]) || arabic_digit (s->cp[c->i0 - 2]) >= 0));
}

/* The value and its sign: a minus sign written before the number keeps
 * its sign; a change described as a fall is negative ("同比下降 42.4%" is
 * -42.4; "fell 10% to 15%" is -15..-10). Returns the text's start. */
static guint
emit_value (ZhScan      *z,
            const Cand  *c,
            const char  *metric,
            CitedFigure *f)
{
  const Sent *s = &z->s;

  f->value = cited_clean_value (c->value);
  f->value_max = cited_clean_value (c->value_max);
  if (minus_before (s, c))
    {
      f->value = -f->value;
      return s->off[c->i0 - 1];
    }
  if (g_strcmp0 (metric, "growth") == 0 && f->value > 0 && zh_is_decline_before (z, c->lo, c->i0))
    {
      f->value = -f->value;
      if (!isnan (f->value_max))
        {
          double low = -f->value_max;

          f->value_max = f->value;
          f->value = low;
        }
    }
  return s->off[c->i0];
}

static void
emit (ZhScan      *z,
      const Cand  *c,
      const char  *metric,
      const char  *scope,
      GPtrArray   *figures)
{
  const Sent *s = &z->s;
  CitedFigure *f;
  guint fs, fe;

  /* A number read whole but beyond any real figure is no figure; its
   * digits are not read again in part. */
  if (!cited_value_in_bounds (c->value) ||
      (!isnan (c->value_max) && !cited_value_in_bounds (c->value_max)))
    return;
  f = cited_figure_new ();
  fs = emit_value (z, c, metric, f);
  fe = s->off[c->i1];

  f->unit = g_strdup (c->unit);
  f->currency = g_strdup (c->currency);
  f->qualifier = g_strdup (c->qualifier);
  f->metric = metric != NULL && *metric != '\0' ? g_strdup (metric) : NULL;
  f->scope = g_strdup (scope);
  f->year = zh_nearest_year (&z->periods, s, c->lo, c->hi, c->i0);
  f->quarter = zh_nearest_quarter (&z->periods, c->i0);
  f->brand = g_strdup (c->brand);
  f->text = g_strndup (z->ctx->body + fs, fe - fs);
  f->language = g_strdup ("zh");
  f->start = fs;
  f->end = fe;
  cited_extract_set_sentence (f, z->ctx->body, z->start, z->end);
  zh_resolve_states (z, c, f);
  /* "销量1.9亿台，同比增长31%": a change of the figure before it. */
  if (f->change == CITED_CHANGE_PERCENT && f->measure == NULL && figures->len > 0)
    {
      const CitedFigure *last = g_ptr_array_index (figures, figures->len - 1);

      if (last->start >= z->start && last->change == CITED_CHANGE_LEVEL &&
          last->metric != NULL && !g_str_equal (last->metric, "growth") &&
          !g_str_equal (last->metric, "rank"))
        f->measure = g_strdup (last->metric);
    }
  g_ptr_array_add (figures, f);
}

/* Pass 2: the metric, scope, brand and period of each candidate. */
static void
resolve_and_emit (ZhScan    *z,
                  GPtrArray *figures)
{
  for (guint k = 0; k < z->n_cands; k++)
    {
      Cand *c = &z->cands[k];
      const char *metric, *scope;

      c->lo = zh_clause_start (&z->s, c->i0);
      c->hi = zh_clause_end (&z->s, c->i1);
      metric = zh_resolve_metric (z, c);
      if (zh_filter_resolved (z, c, metric))
        continue;
      scope = zh_resolve_scope (z, c);
      c->brand = zh_resolve_brand (z, k, metric);
      emit (z, c, metric, scope, figures);
    }
}

const char *
cited_extract_zh_sentence (const CitedExtractContext *ctx,
                           guint                      start,
                           guint                      end,
                           GPtrArray                 *figures)
{
  ZhScan zs;
  ZhScan *z = &zs;
  gunichar cp_stack[ZH_STACK_CHARS];
  guint off_stack[ZH_STACK_CHARS + 1];
  g_autofree gunichar *cp_heap = NULL;
  g_autofree guint *off_heap = NULL;
  const char *sentence_brand;
  guint m_first;

  g_return_val_if_fail (ctx != NULL && ctx->body != NULL, NULL);

  end = MIN (end, ctx->length);
  trim (ctx, &start, &end);
  if (start >= end)
    return ctx->prev_brand;
  m_first = zh_first_mention_from (ctx, start);
  sentence_brand = m_first < ctx->n_mentions && ctx->mentions[m_first].start < end ?
                   ctx->mentions[m_first].brand : ctx->prev_brand;
  /* Most sentences hold no figure: find that out without decoding them. */
  if (!zh_worth_scanning (ctx->body, start, end))
    return sentence_brand;

  if (end - start > ZH_STACK_CHARS)
    {
      /* At most one char per byte. */
      cp_heap = g_new (gunichar, end - start);
      off_heap = g_new (guint, end - start + 1);
    }
  z->ctx = ctx;
  z->v = zh_vocab ();
  z->s.v = z->v;
  z->s.body = ctx->body;
  z->s.cp = cp_heap != NULL ? cp_heap : cp_stack;
  z->s.off = off_heap != NULL ? off_heap : off_stack;
  z->s.n = decode (ctx->body, start, end, cp_heap != NULL ? cp_heap : cp_stack,
                   off_heap != NULL ? off_heap : off_stack);
  z->start = start;
  z->end = end;
  z->m_first = z->mi = m_first;
  z->m_end = zh_first_mention_from (ctx, end);
  z->clause_lo = 0;
  z->periods.n_years = z->periods.n_quarters = 0;
  z->n_cands = 0;

  scan (z);
  zh_drop_since_years (&z->periods, &z->s);
  if (z->n_cands > 0)
    resolve_and_emit (z, figures);
  return sentence_brand;
}
