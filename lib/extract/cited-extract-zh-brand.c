/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include "cited-extract-zh-private.h"

/*
 * Brand attribution: an ordered table of named rules. Each looks at the
 * figure and its sentence and says "this brand" (CITED_RULE_BRAND), "no
 * brand" (CITED_RULE_NO_BRAND) or nothing (CITED_RULE_PASS: the next rule
 * decides). One loop runs them and traces the one that decided ("'5%' ->
 * Xiaomi by clause-before"). To add a pattern: write a rule with its example
 * sentence and put it in the table where it must win over the rules after.
 */

/* What the rules look at, gathered once per figure. */
typedef struct {
  ZhScan *z;
  guint k;                   /* the candidate's index */
  const Cand *c;
  guint fs, fe;              /* the figure, bytes */
  guint clause_s, clause_e;  /* its clause, bytes */
  gboolean market_share;     /* a share is always somebody's */
  gboolean any_owner;        /* some mention is no component */
  const CitedMention *before_clause, *after_clause, *nearest;
  const char *via;           /* what a rule went through, for the trace */
} ZhBrandQuery;

typedef CitedRuleVerdict (*ZhBrandRule) (ZhBrandQuery *q, const char **brand);

/* Index of the first mention that starts at or after @pos. */
guint
zh_first_mention_from (const CitedExtractContext *ctx,
                       guint                      pos)
{
  guint lo = 0, hi = ctx->n_mentions;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (ctx->mentions[mid].start < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* A brand named as a part of something else: "联发科芯片", "骁龙 888 处理器". */
static gboolean
is_component (const ZhScan       *z,
              const CitedMention *m)
{
  const Sent *s = &z->s;
  guint lo = 0, hi = s->n, i;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (s->off[mid] < m->end)
        lo = mid + 1;
      else
        hi = mid;
    }
  i = skip_spaces (s, lo);
  /* Skip a model number: "骁龙 888 处理器". */
  while (i < s->n && (arabic_digit (s->cp[i]) >= 0 || is_latin (s->cp[i])))
    i++;
  i = skip_spaces (s, i);
  return zh_match_any_at (s, i, &z->v->component_words, NULL) != NULL;
}

/* Market words in [lo, hi), except where they are part of a share
 * ("全球市场份额" is a company's share of the global market). */
static gboolean
market_wide (const ZhScan *z,
             guint         lo,
             guint         hi)
{
  const Sent *s = &z->s;

  for (guint i = lo; i < hi; i++)
    {
      guint m = 0;
      if (zh_match_any_at (s, i, &z->v->market_words, &m) != NULL && i + m <= hi &&
          !zh_match_at (s, i + m, "份额") && !zh_match_at (s, i + m, "占有率"))
        return TRUE;
    }
  return FALSE;
}

static gboolean
about_the_market (const ZhBrandQuery *q,
                  guint               lo,
                  guint               hi)
{
  return !q->market_share && market_wide (q->z, lo, hi) &&
         !zh_range_has_any (&q->z->s, lo, hi, &q->z->v->pronouns);
}

/* The clause's brands (nearest before the figure, first after it) and
 * the sentence's nearest; chip and system brands inside a phone's
 * description ("采用联发科芯片组的智能手机") own nothing there, when
 * another brand does. */
static void
gather (ZhBrandQuery *q)
{
  const ZhScan *z = q->z;
  const CitedMention *mentions = z->ctx->mentions;
  guint best_dist = G_MAXUINT;

  for (guint m = z->m_first; m < z->m_end && !q->any_owner; m++)
    q->any_owner = !is_component (z, &mentions[m]);
  for (guint m = z->m_first; m < z->m_end; m++)
    {
      const CitedMention *mm = &mentions[m];
      guint dist;

      if (q->any_owner && is_component (z, mm))
        continue;
      if (mm->start >= q->clause_s && mm->end <= q->fs)
        q->before_clause = mm;
      else if (mm->start >= q->fe && mm->end <= q->clause_e && q->after_clause == NULL)
        q->after_clause = mm;
      dist = mm->end <= q->fs ? q->fs - mm->end : (mm->start >= q->fe ? mm->start - q->fe : 0);
      if (dist < best_dist)
        {
          best_dist = dist;
          q->nearest = mm;
        }
    }
}

/* The owner of a figure whose brand is @chosen: "联发科击败高通，成为全球
 * 最大的芯片组供应商": the subject before a verb of beating or following
 * owns the figure, not the brand beaten. With no brand before it the
 * subject is a pronoun ("该公司超过三星": the previous sentence's brand) or
 * no brand at all ("中国代工厂商超过三星"). */
static CitedRuleVerdict
owner_past_beaten (ZhBrandQuery       *q,
                   const CitedMention *chosen,
                   guint               floor_s,
                   const char        **brand)
{
  const ZhScan *z = q->z;
  const Sent *s = &z->s;

  while (chosen != NULL && chosen->end <= q->fs)
    {
      const CitedMention *prev = NULL;
      guint mb = 0;

      while (mb < s->n && s->off[mb] < chosen->start)
        mb++;
      if (zh_match_any_before (s, skip_spaces_back (s, mb), &z->v->beat_verbs, NULL) == NULL)
        break;
      q->via = " past a verb of beating";
      for (const CitedMention *p = chosen - 1; p >= z->ctx->mentions + z->m_first; p--)
        if (p->start >= floor_s && p->brand != chosen->brand && !(q->any_owner && is_component (z, p)))
          {
            prev = p;
            break;
          }
      if (prev == NULL)
        {
          *brand = zh_range_has_any (s, 0, q->c->i0, &z->v->pronouns) ? z->ctx->prev_brand : NULL;
          return *brand != NULL ? CITED_RULE_BRAND : CITED_RULE_NO_BRAND;
        }
      chosen = prev;
    }
  *brand = chosen->brand;
  return CITED_RULE_BRAND;
}

/* "小米和 OPPO 分别以 11.2%和 8.8%的份额", "小米、OPPO 和 vivo 的出货量
 * 分别为 4000 万台、3000 万台和 2900 万台": the i-th figure of a kind after
 * 分别 goes to the i-th brand before it; one brand before 分别 owns every
 * figure after it ("骁龙 888 分别比骁龙 865 和骁龙 855 高出 30% 和 90%").
 * Lists run across "、", so the span ends only at "，", "；" or "：". */
static CitedRuleVerdict
rule_respectively (ZhBrandQuery *q,
                   const char  **brand)
{
  const ZhScan *z = q->z;
  const Sent *s = &z->s;
  const CitedMention *list[8];
  guint big_lo = q->c->i0, pb = G_MAXUINT, n_list = 0, ordinal = 0;

  while (big_lo > 0 && !is_big_sep (s->cp[big_lo - 1]))
    big_lo--;
  for (guint i = big_lo; i + 1 < q->c->i0; i++)
    if (zh_match_any_at (s, i, &z->v->respectively, NULL) != NULL)
      pb = i;
  if (pb == G_MAXUINT)
    return CITED_RULE_PASS;
  for (guint m = z->m_first; m < z->m_end; m++)
    {
      const CitedMention *mm = &z->ctx->mentions[m];

      if (mm->start < s->off[big_lo] || mm->end > s->off[pb] || (q->any_owner && is_component (z, mm)))
        continue;
      if (n_list < G_N_ELEMENTS (list) && (n_list == 0 || list[n_list - 1]->brand != mm->brand))
        list[n_list++] = mm;
    }
  for (guint k = 0; k < q->k; k++)
    if (z->cands[k].kind == q->c->kind && z->cands[k].i0 > pb && z->cands[k].i0 >= big_lo)
      ordinal++;
  if (!(n_list == 1 || (n_list > 1 && ordinal < n_list)))
    return CITED_RULE_PASS;
  return owner_past_beaten (q, list[n_list == 1 ? 0 : ordinal], q->clause_s, brand);
}

/* "小米第三季度出货量为 3580 万台": the clause's brand before the figure. */
static CitedRuleVerdict
rule_clause_before (ZhBrandQuery *q,
                    const char  **brand)
{
  if (q->before_clause == NULL)
    return CITED_RULE_PASS;
  return owner_past_beaten (q, q->before_clause, q->clause_s, brand);
}

/* "出货量排名第一的是小米": the clause's brand after the figure. */
static CitedRuleVerdict
rule_clause_after (ZhBrandQuery *q,
                   const char  **brand)
{
  if (q->after_clause == NULL)
    return CITED_RULE_PASS;
  return owner_past_beaten (q, q->after_clause, q->clause_s, brand);
}

/* "华为发布了新机。该公司营收增长 5%，超过苹果。": a clause that opens with
 * a pronoun (该公司, 其, 它) in a sentence naming no brand before the figure
 * is about the brand of the sentences before, not about one named after. */
static CitedRuleVerdict
rule_pronoun_subject (ZhBrandQuery *q,
                      const char  **brand)
{
  const ZhScan *z = q->z;
  const ZhWord *w = zh_match_any_at (&z->s, skip_spaces (&z->s, q->c->lo), &z->v->subject_pronouns, NULL);

  if (w == NULL || w->flag || z->ctx->prev_brand == NULL)
    return CITED_RULE_PASS;
  for (guint m = z->m_first; m < z->m_end; m++)
    if (z->ctx->mentions[m].end <= q->fs)
      return CITED_RULE_PASS;
  *brand = z->ctx->prev_brand;
  return CITED_RULE_BRAND;
}

/* "小米表示，全球智能手机出货量下降 5%": a clause about the market, in a
 * sentence that names a brand elsewhere. */
static CitedRuleVerdict
rule_market_wide_clause (ZhBrandQuery *q,
                         const char  **brand)
{
  (void) brand;
  if (q->nearest != NULL && about_the_market (q, q->c->lo, q->c->hi))
    return CITED_RULE_NO_BRAND;
  return CITED_RULE_PASS;
}

/* "小米发布新机，售价 1999 元": the sentence's brand nearest the figure. */
static CitedRuleVerdict
rule_nearest (ZhBrandQuery *q,
              const char  **brand)
{
  if (q->nearest == NULL)
    return CITED_RULE_PASS;
  return owner_past_beaten (q, q->nearest, q->z->s.off[0], brand);
}

/* "全球智能手机出货量为 3 亿台": a sentence about the market, naming no
 * brand. */
static CitedRuleVerdict
rule_market_wide_sentence (ZhBrandQuery *q,
                           const char  **brand)
{
  (void) brand;
  return about_the_market (q, 0, q->z->s.n) ? CITED_RULE_NO_BRAND : CITED_RULE_PASS;
}

/* "小米发布了新机。该公司出货量为 2000 万台。": the brand the sentences
 * before were about. */
static CitedRuleVerdict
rule_previous_sentence (ZhBrandQuery *q,
                        const char  **brand)
{
  *brand = q->z->ctx->prev_brand;
  return *brand != NULL ? CITED_RULE_BRAND : CITED_RULE_NO_BRAND;
}

static const struct {
  const char *name;
  ZhBrandRule func;
} rules[] = {
  { "respectively",         rule_respectively },
  { "clause-before",        rule_clause_before },
  { "clause-after",         rule_clause_after },
  { "pronoun-subject",      rule_pronoun_subject },
  { "market-wide-clause",   rule_market_wide_clause },
  { "nearest",              rule_nearest },
  { "market-wide-sentence", rule_market_wide_sentence },
  { "previous-sentence",    rule_previous_sentence },
};

/* The brand of candidate @k (with its @metric), or NULL. */
const char *
zh_resolve_brand (ZhScan     *z,
                  guint       k,
                  const char *metric)
{
  const Cand *c = &z->cands[k];
  ZhBrandQuery q = { 0 };

  q.z = z;
  q.k = k;
  q.c = c;
  q.fs = z->s.off[c->i0];
  q.fe = z->s.off[c->i1];
  q.clause_s = z->s.off[c->lo];
  q.clause_e = z->s.off[c->hi];
  q.market_share = g_strcmp0 (metric, "market share") == 0;
  q.via = "";
  gather (&q);

  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      const char *brand = NULL;
      CitedRuleVerdict verdict = rules[r].func (&q, &brand);

      if (verdict == CITED_RULE_PASS)
        continue;
      if (z->ctx->trace)
        cited_extract_trace (z->ctx, q.fs, q.fe, "-> %s by %s%s",
                             verdict == CITED_RULE_BRAND ? brand : "no brand", rules[r].name, q.via);
      return verdict == CITED_RULE_BRAND ? brand : NULL;
    }
  return NULL;
}
