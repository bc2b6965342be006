/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited-extract-zh-private.h"

/*
 * Resolvers: the metric and the scope of a figure from keyword windows
 * (data/metrics-zh.json "metrics" and "scopes"), nearest first: "N%的市场
 * 份额" binds tightest, then the figure's clause, then the sentence. And
 * the sign of a change ("同比下降 42.4%" is -42.4).
 */

/* The value of the keyword nearest to the char range [a, b) within
 * [lo, hi): before it (nearest end) or, when @after, after it. Words with
 * an empty value block the span they cover. @accept filters values. */
const char *
zh_nearest_keyword (const Sent       *s,
                    const ZhKeywords *kws,
                    guint             lo,
                    guint             hi,
                    guint             a,
                    guint             b,
                    gboolean          before,
                    gboolean          after,
                    gboolean        (*accept) (const char *value, gpointer data),
                    gpointer          data)
{
  const char *best_before = NULL;
  const char *best_after = NULL;
  guint i = lo;

  while (i < hi)
    {
      gboolean matched = FALSE;
      guint base;
      gunichar c = s->cp[i];

      if (i >= a && i < b)
        {
          i = b;
          continue;
        }
      /* One bit rules out chars that start no keyword. */
      if (!zh_first_may (&kws->first, c) || (c < 0x80 && !is_latin (c)))
        {
          i++;
          continue;
        }

      base = s->off[i];
      for (guint k = 0; k < kws->n; k++)
        {
          const Keyword *kw = &kws->kw[k];
          guint m;

          if (kw->first != c || base + kw->len > s->off[hi] ||
              memcmp (s->body + base, kw->word, kw->len) != 0)
            continue;
          m = zh_match_at (s, i, kw->word);
          if (m == 0)
            continue;
          if (kw->value[0] != '\0' && (accept == NULL || accept (kw->value, data)))
            {
              if (i + m <= a)
                best_before = kw->value;
              else if (i >= b && best_after == NULL)
                best_after = kw->value;
            }
          i += m;
          matched = TRUE;
          break;
        }
      if (!matched)
        i++;
      if (best_after != NULL)
        break;
    }

  if (before && best_before != NULL)
    return best_before;
  if (after)
    return best_after;
  return NULL;
}

gboolean
zh_accept_metric (const char *value,
                  gpointer    data)
{
  Kind kind = GPOINTER_TO_INT (data);
  gboolean share_or_growth = g_str_equal (value, "market share") || g_str_equal (value, "growth");
  gboolean money = g_str_equal (value, "revenue") || g_str_equal (value, "profit") ||
                   g_str_equal (value, "price") || g_str_equal (value, "capital") ||
                   g_str_equal (value, "investment");

  switch (kind)
    {
    case KIND_PERCENT:
      return share_or_growth;
    case KIND_MONEY:
      return money || g_str_equal (value, "sales") || g_str_equal (value, "shipments");
    case KIND_COUNT:
      return !share_or_growth && !money;
    case KIND_RANK:
    default:
      return FALSE;
    }
}

/* The metric word nearest the figure: "N%的市场份额" binds tightest, then
 * the clause, then the sentence where the unit leaves the metric open
 * ("三到五家工厂" are no sales). */
static const char *
metric_from_keywords (ZhScan     *z,
                      const Cand *c,
                      const char **how)
{
  const Sent *s = &z->s;
  gpointer kind = GINT_TO_POINTER (c->kind);
  guint a = skip_spaces (s, c->i1);
  const char *metric = NULL;

  *how = "of-phrase";
  if (a < c->hi && s->cp[a] == 0x7684 /* 的 */)
    metric = zh_nearest_keyword (s, &z->v->metrics, a + 1, MIN (c->hi, a + 8),
                                 a, a + 1, FALSE, TRUE, zh_accept_metric, kind);
  if (metric != NULL)
    return metric;
  *how = "clause";
  metric = zh_nearest_keyword (s, &z->v->metrics, c->lo, c->hi, c->i0, c->i1,
                               TRUE, TRUE, zh_accept_metric, kind);
  if (metric != NULL)
    return metric;
  *how = "sentence";
  if (!(c->kind == KIND_COUNT && c->counted && c->unit == NULL) &&
      (c->kind != KIND_COUNT || c->unit == NULL || g_str_equal (c->unit, "units") ||
       g_str_equal (c->unit, "people")))
    metric = zh_nearest_keyword (s, &z->v->metrics, 0, s->n, c->i0, c->i1,
                                 TRUE, TRUE, zh_accept_metric, kind);
  return metric;
}

static gboolean
str_in (const char         *s,
        const char * const *list)
{
  for (guint k = 0; s != NULL && list[k] != NULL; k++)
    if (g_str_equal (s, list[k]))
      return TRUE;
  return FALSE;
}

/* What the unit says about the metric: 件 of patents are patents, people
 * counted are employees only where staff are named ("1.2 万名工程师"),
 * phones counted are no staff ("该团队 3万4000部手机"), countries are
 * markets. */
static const char *
metric_from_unit (ZhScan     *z,
                  Cand       *c,
                  const char *metric)
{
  static const char * const counted_metrics[] = { "patents", "stores", "users", "cities", NULL };
  static const char * const not_units[] = { "employees", "users", "stores", "patents", "cities", NULL };

  if (c->kind == KIND_PERCENT && g_strcmp0 (metric, "market share") == 0 &&
      (c->value > 100 || (!isnan (c->value_max) && c->value_max > 100)))
    metric = "growth"; /* no share is over 100% */
  if (c->kind == KIND_MONEY && (g_strcmp0 (metric, "sales") == 0 || g_strcmp0 (metric, "shipments") == 0))
    metric = "revenue"; /* "销售 150 亿美元" */
  if (c->kind != KIND_COUNT)
    return metric;
  if (str_in (c->unit, counted_metrics))
    metric = c->unit;
  else if (g_strcmp0 (c->unit, "people") == 0)
    {
      if (zh_range_has_any (&z->s, c->i0, c->i1, &z->v->staff_words))
        metric = "employees";
      else if (g_strcmp0 (metric, "employees") != 0)
        metric = NULL;
    }
  if (g_strcmp0 (c->unit, "units") == 0 && str_in (metric, not_units))
    metric = NULL;
  if (g_strcmp0 (c->unit, "countries") == 0)
    metric = "markets";
  else if (g_strcmp0 (c->unit, "companies") == 0)
    metric = NULL;
  if (c->unit == NULL && !c->counted && metric != NULL)
    {
      if (str_in (metric, (const char * const[]) { "patents", "stores", "users", NULL }) ||
          (c->bare && g_str_equal (metric, "cities")))
        c->unit = metric;
      else if (g_str_equal (metric, "employees"))
        c->unit = "people";
    }
  return metric;
}

/* The figure's metric, or NULL; "" when a rate of something else is named
 * before a percentage ("录取率 6.9%"). May fill the unit from the metric
 * ("专利 300" counts patents). */
const char *
zh_resolve_metric (ZhScan *z,
                   Cand   *c)
{
  const char *metric = c->metric;
  const char *how = "form";

  if (c->kind == KIND_PERCENT && zh_range_has_any (&z->s, c->lo, c->i0, &z->v->other_rates))
    {
      metric = "";
      how = "other-rate";
    }
  if (metric == NULL && c->kind != KIND_RANK)
    {
      metric = metric_from_keywords (z, c, &how);
      metric = metric_from_unit (z, c, metric);
    }
  if (z->ctx->trace)
    cited_extract_trace (z->ctx, z->s.off[c->i0], z->s.off[c->i1], "metric %s by %s",
                         metric != NULL && *metric != '\0' ? metric : "(none)", how);
  return metric;
}

const char *
zh_resolve_scope (ZhScan     *z,
                  const Cand *c)
{
  const Sent *s = &z->s;
  const char *scope = c->scope;
  const char *how = "form";

  if (scope == NULL)
    {
      how = "clause";
      scope = zh_nearest_keyword (s, &z->v->scopes, c->lo, c->hi, c->i0, c->i1,
                                  TRUE, TRUE, NULL, NULL);
    }
  if (scope == NULL)
    {
      how = "sentence";
      scope = zh_nearest_keyword (s, &z->v->scopes, 0, s->n, c->i0, c->i1,
                                  TRUE, TRUE, NULL, NULL);
    }
  if (z->ctx->trace && scope != NULL)
    cited_extract_trace (z->ctx, s->off[c->i0], s->off[c->i1], "scope %s by %s", scope, how);
  return scope;
}

/* The nearest word of change before @i in [lo, i), within a few
 * characters: TRUE when it says down ("同比下降 42.4%", "下滑 5%"), FALSE
 * when up or when none; "下降至 5%" is a level, not a change. */
gboolean
zh_is_decline_before (const ZhScan *z,
                      guint         lo,
                      guint         i)
{
  const Sent *s = &z->s;
  guint b = skip_spaces_back (s, i);
  guint floor = b > lo + 8 ? b - 8 : lo;

  if (b > lo && (s->cp[b - 1] == 0x81F3 /* 至 */ || s->cp[b - 1] == 0x5230 /* 到 */))
    return FALSE;
  for (guint e = b; e > floor; e--)
    for (guint k = 0; k < z->v->changes.n; k++)
      {
        const ZhWord *w = &z->v->changes.w[k];

        if (s->off[e] >= s->off[lo] + w->len &&
            memcmp (s->body + s->off[e] - w->len, w->word, w->len) == 0)
          return g_str_equal (w->value, "down");
      }
  return FALSE;
}

/* Any metric word but a word of change: what a change is of. */
static gboolean
accept_measure (const char *value,
                gpointer    data)
{
  return !g_str_equal (value, "growth") && !g_str_equal (value, "market share");
}

/* The row of @words nearest before char @i in [lo, i), or NULL. */
static const ZhWord *
nearest_word_before (const Sent    *s,
                     const ZhWords *words,
                     guint          lo,
                     guint          i)
{
  for (guint j = i; j-- > lo;)
    {
      guint n;
      const ZhWord *w = zh_match_any_at (s, j, words, &n);

      if (w != NULL && j + n <= i)
        return w;
    }
  return NULL;
}

void
zh_resolve_states (ZhScan     *z,
                   const Cand *c,
                   CitedFigure *f)
{
  const Sent *s = &z->s;
  const ZhWord *w;
  const char *change_rule = "level", *span_rule = "period", *status_rule = "reported";
  guint b = skip_spaces_back (s, c->i0);

  /* "同比下降 5%" is a change of what the clause names ("净利润"); "下降至
   * 5%" a level. */
  if (c->kind == KIND_PERCENT && g_strcmp0 (f->metric, "growth") == 0 &&
      !(b > c->lo && (s->cp[b - 1] == 0x81F3 /* 至 */ || s->cp[b - 1] == 0x5230 /* 到 */)))
    {
      f->change = CITED_CHANGE_PERCENT;
      f->direction = f->value < 0 ? CITED_DIRECTION_FALL :
                     f->value > 0 ? CITED_DIRECTION_RISE : CITED_DIRECTION_NONE;
      f->measure = g_strdup (zh_nearest_keyword (s, &z->v->metrics, c->lo, c->hi, c->i0, c->i1,
                                                 TRUE, TRUE, accept_measure, NULL));
      change_rule = "percent-change";
    }
  /* "亏损 12 亿元": money lost is a negative profit. */
  else if (c->kind == KIND_MONEY && f->value > 0 &&
           nearest_word_before (s, &z->v->loss_words, c->lo, c->i0) != NULL)
    {
      double low = isnan (f->value_max) ? NAN : -f->value_max;

      g_free (f->metric);
      f->metric = g_strdup ("profit");
      if (isnan (low))
        f->value = -f->value;
      else
        {
          f->value_max = -f->value;
          f->value = low;
        }
      change_rule = "loss";
    }

  /* "每小时 3.5 万台", "累计销量 8 亿台", "自 2011 年以来" in the clause. */
  for (guint j = c->lo; j < c->hi; j++)
    {
      guint n;

      if (j >= c->i0 && j < c->i1)
        continue;
      if ((w = zh_match_any_at (s, j, &z->v->span_words, &n)) != NULL)
        {
          cited_span_from_string (w->value, &f->span);
          span_rule = w->word;
          break;
        }
    }
  if (f->span == CITED_SPAN_PERIOD && f->change == CITED_CHANGE_LEVEL &&
      (c->kind == KIND_RANK || cited_extract_is_point_metric (f->metric)))
    {
      f->span = CITED_SPAN_POINT;
      span_rule = "point-metric";
    }

  /* "预计", "目标", "计划" before the figure in its clause. */
  if ((w = nearest_word_before (s, &z->v->status_words, c->lo, c->i0)) != NULL)
    {
      cited_claim_status_from_string (w->value, &f->claim_status);
      status_rule = w->word;
    }

  if (z->ctx->trace)
    cited_extract_trace (z->ctx, s->off[c->i0], s->off[c->i1],
                         "states %s%s%s by %s, span %s by %s, status %s by %s",
                         cited_change_to_string (f->change),
                         f->measure != NULL ? " of " : "", f->measure != NULL ? f->measure : "",
                         change_rule, cited_span_to_string (f->span), span_rule,
                         cited_claim_status_to_string (f->claim_status), status_rule);
}
