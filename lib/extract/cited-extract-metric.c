/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited-extract-en-private.h"

/* ------------------------------------------------------------------ */
/* Context: metric, scope, brand                                       */

gboolean
is_company_metric (const char *metric)
{
  return metric != NULL && strcmp (metric, "population") != 0 && strcmp (metric, "growth") != 0;
}

static gboolean
sentence_has_metric (Sentence   *S,
                     const char *metric)
{
  for (guint k = 0; k < S->tokens->len; k++)
    {
      const char *m = TOK_FIELD (TOK (S, k), metric);

      if (m != NULL && strcmp (m, metric) == 0)
        return TRUE;
    }
  return FALSE;
}

/* What the metric rules know about a candidate; the keyword window
 * (best, pct_growth, best_from_sales) is read once, by the first rule that
 * needs it. */
typedef struct {
  Sentence *S;
  const Candidate *c;
  gboolean from_unit;
  guint16 clause;
  gboolean percent;          /* the unit is "%" */
  gboolean scanned;
  const char *best;          /* the nearest metric word of the clause */
  gboolean best_from_sales;  /* best is "revenue" read from a sales word */
  guint best_at;             /* the token of best */
  gboolean pct_growth;       /* a percentage in a clause with a word of change */
  const char *metric;        /* the rule's answer; NULL for none */
} MetricQuery;

static gboolean
is_share_metric (const char *m)
{
  return strcmp (m, "market share") == 0 || strcmp (m, "margin") == 0;
}

/* The metric word at token @k, a two-word phrase first ("net profit"), or
 * NULL; names are no keywords ("Mr Jobs", "Steve Jobs"). */
G_ALWAYS_INLINE static inline const char *
metric_word_at_n (Sentence *S,
                  guint     k,
                  guint    *n_words)
{
  Token *t = TOK (S, k);

  *n_words = 1;

  /* Most words name no metric, alone or as a phrase. */
  if (!(t->fields & TF_METRIC) && !(t->phrase_fields & P_METRIC))
    return NULL;
  if (TOK_FIELD (t, metric) == NULL &&
      !(k + 1 < S->tokens->len && (tok_phrase_fields (t) & P_METRIC)))
    return NULL;
  if (t->cap && k > 0 && TOK (S, k - 1)->type == T_WORD && TOK (S, k - 1)->cap &&
      TOK (S, k - 1)->mention < 0)
    return NULL;
  if (k + 1 < S->tokens->len && (tok_phrase_fields (t) & P_METRIC))
    {
      const Word *pw = phrase_find (S, t, TOK (S, k + 1));

      if (pw && pw->metric)
        {
          *n_words = 2;
          return pw->metric;
        }
    }
  return TOK_FIELD (t, metric);
}

G_ALWAYS_INLINE static inline const char *
metric_word_at (Sentence *S,
                guint     k)
{
  guint n_words;

  return metric_word_at_n (S, k, &n_words);
}

/* Reads the keyword window: the metric words of the candidate's clause,
 * the nearest winning (words after the figure count a little less than
 * words before). A percentage takes a share at once, notes a change;
 * money maps through money_metrics ("sales" of money is "revenue", "users"
 * of money nothing). */
static void
metric_scan (MetricQuery *q)
{
  Sentence *S = q->S;
  const Candidate *c = q->c;
  guint best_d = G_MAXUINT;

  q->scanned = TRUE;
  for (guint k = 0; k < S->tokens->len; k++)
    {
      Token *t = TOK (S, k);
      const char *m;
      gboolean mapped = FALSE;
      guint d, n_words, at = k;

      if (!(t->fields & TF_METRIC) && !(t->phrase_fields & P_METRIC))
        continue;
      if (t->clause != q->clause || t->type != T_WORD)
        continue;
      if ((m = metric_word_at_n (S, k, &n_words)) == NULL)
        continue;
      /* "net income of $2bn": the phrase, not its last word ("income",
       * revenue), as close as that word; the word is not read again. */
      if (n_words == 2)
        {
          k++;
          if (k < c->first)
            at = k;
        }
      if (strcmp (m, "growth") == 0 && !q->percent && c->currency == NULL)
        continue;
      /* "33 francs per share", "1.12 dlrs a share": a unit, no share of
       * anything */
      if (is_share_metric (m) && k > 0 &&
          (is_word (S, TOK (S, k - 1), "per") ||
           (is_word (S, TOK (S, k - 1), "a") && k > 1 &&
            (TOK (S, k - 2)->type == T_NUM || TOK_FIELD (TOK (S, k - 2), currency) != NULL))))
        continue;
      if (q->percent && is_share_metric (m))
        {
          q->best = m;
          q->best_from_sales = FALSE;
          q->best_at = at;
          return;
        }
      if (q->percent && strcmp (m, "growth") == 0)
        {
          q->pct_growth = TRUE;
          continue;
        }
      if (is_share_metric (m) && !q->percent)
        continue;
      if (c->currency != NULL)
        {
          const char *mm = g_hash_table_lookup (S->tables->money_metrics, m);

          if (mm != NULL)
            {
              if (*mm == '\0')
                continue;
              mapped = strcmp (m, "sales") == 0;
              m = mm;
            }
        }
      d = at < c->first ? c->first - at : (at > c->last ? at - c->last : 0);
      if (at > c->last)
        d += 1;
      if (d < best_d)
        {
          best_d = d;
          q->best = m;
          q->best_from_sales = mapped;
          q->best_at = at;
        }
    }
}

/* rank: "second largest" is a rank. */
static gboolean
metric_rank (MetricQuery *q)
{
  q->metric = "rank";
  return q->c->rank;
}

/* change-verb: a percentage right after a verb of change is the change
 * ("shipments jumped 37%", "up 5%", "fell by 2%"); after "to" it is a
 * level ("market share rose to 13%"). */
static gboolean
metric_change_verb (MetricQuery *q)
{
  Sentence *S = q->S;
  Token *p;
  const char *pm;

  if (!q->percent || q->c->first == 0)
    return FALSE;
  p = TOK (S, q->c->first - 1);
  if (tok_has (p, W_BY) && q->c->first > 1)
    p = TOK (S, q->c->first - 2);
  pm = TOK_FIELD (p, metric);
  q->metric = "growth";
  return (pm != NULL && strcmp (pm, "growth") == 0) || tok_has (p, W_UPDOWN);
}

/* unit-metric: the counted noun names the metric ("3,000 stores",
 * "patents"); people are staff only where the sentence speaks of staff
 * ("the R&D team has 3000 people"), not when they download or queue. */
static gboolean
metric_unit (MetricQuery *q)
{
  const Candidate *c = q->c;
  const char *um;

  if (c->unit == NULL || c->currency != NULL || !q->from_unit)
    return FALSE;
  um = g_hash_table_lookup (q->S->tables->unit_metrics, c->unit);
  if (um != NULL && strcmp (um, "employees") == 0 && strcmp (c->unit, "people") == 0 &&
      !sentence_has_metric (q->S, "employees"))
    return FALSE;
  q->metric = um;
  return um != NULL && *um != '\0';
}

/* sold-for-price: "sold for £339" is a price, "sales of $2bn" revenue. */
static gboolean
metric_sold_for (MetricQuery *q)
{
  if (!q->scanned)
    metric_scan (q);
  q->metric = "price";
  return q->best != NULL && q->c->currency != NULL && strcmp (q->best, "revenue") == 0 &&
         q->best_from_sales && q->c->value < 1e4;
}

/* share-word: "a 13% market share", "margins of 20%". */
static gboolean
metric_share_word (MetricQuery *q)
{
  q->metric = q->best;
  return q->best != NULL && is_share_metric (q->best);
}

/* pct-change: a percentage in a clause with a word of change: "sales rose
 * 5% on the year" is growth. */
static gboolean
metric_pct_change (MetricQuery *q)
{
  q->metric = "growth";
  return q->pct_growth;
}

/* The money noun (Word.money_noun) right after the amount: "a $125m fine",
 * "$13m in criminal penalties", "a $27.5bn (£14.5bn) back tax bill". */
static const char *
money_noun_after (Sentence        *S,
                  const Candidate *c,
                  guint16          clause)
{
  guint n = S->tokens->len, k = c->last + 1;
  guint adjectives = 0;

  /* the same sum in another currency, in brackets */
  if (k < n && is_punct (TOK (S, k), '('))
    while (k < n && !is_punct (TOK (S, k), ')'))
      k++;
  if (k < n && is_punct (TOK (S, k), ')'))
    k++;
  if (k < n && tok_has (TOK (S, k), W_IN))
    k++;
  /* "a $27bn bill for back taxes", "claims for damages" */
  if (k + 1 < n && (is_word (S, TOK (S, k), "bill") || is_word (S, TOK (S, k), "bills") ||
                    is_word (S, TOK (S, k), "claim") || is_word (S, TOK (S, k), "claims") ||
                    is_word (S, TOK (S, k), "demand")) &&
      (is_word (S, TOK (S, k + 1), "for") || is_word (S, TOK (S, k + 1), "in") ||
       is_word (S, TOK (S, k + 1), "of")))
    k += 2;
  for (; k < n && TOK (S, k)->clause == clause && TOK (S, k)->type == T_WORD; k++)
    {
      const char *noun = TOK_FIELD (TOK (S, k), money_noun);

      if (noun != NULL && !(TOK (S, k)->glued && is_dash (TOK (S, k - 1))))
        return noun;
      if (++adjectives > 1)
        break;
    }
  return NULL;
}

/* The money noun right before the amount and a word that ties them: "a
 * fine of about £22,000", "penalties totalling nearly $2bn", "a bid of
 * $5bn", "the deal, worth $5bn"; or a few words before it: "fined CBS
 * $550,000", "the maximum fine stands at $32,500". */
static const char *
money_noun_before (Sentence        *S,
                   const Candidate *c,
                   guint16          clause)
{
  guint k = c->first, reach = 3;

  /* "about", "nearly", "between" */
  while (k > 0 && TOK (S, k - 1)->clause == clause && TOK (S, k - 1)->type == T_WORD &&
         (TOK_FIELD (TOK (S, k - 1), qualifier) != NULL || tok_has (TOK (S, k - 1), W_BETWEEN)))
    k--;
  /* with a word that ties them, the noun stands right before it */
  if (k > 0 && (tok_has (TOK (S, k - 1), W_OF) || is_word (S, TOK (S, k - 1), "worth")))
    {
      k--;
      reach = 1;
    }
  /* "tax claims against Yukos totalling over $27bn": what totals them may
   * stand a few words before */
  else if (k > 0 && (is_word (S, TOK (S, k - 1), "totalling") || is_word (S, TOK (S, k - 1), "totaling")))
    {
      k--;
      reach = 5;
    }
  for (guint j = k; j-- > 0 && j + reach >= k;)
    {
      Token *t = TOK (S, j);

      if (t->clause != clause || t->type != T_WORD)
        break;
      /* "pre-tax profit": part of another word */
      if (TOK_FIELD (t, money_noun) != NULL && !(t->glued && j > 0 && is_dash (TOK (S, j - 1))))
        return TOK_FIELD (t, money_noun);
    }
  return NULL;
}

/* money-noun: money a noun beside it names: a fine ("a $125m fine",
 * "fined 11m euros"), a deal ("a $5bn takeover", "a bid of 300p"), a tax
 * ("a $27bn tax bill"), whatever the clause says of earnings or sales. A
 * deal is a sum of at least 100,000: "an offer of $99" is a price. */
static gboolean
metric_money_noun (MetricQuery *q)
{
  const char *noun;

  if (q->c->currency == NULL)
    return FALSE;
  noun = money_noun_after (q->S, q->c, q->clause);
  if (noun == NULL)
    noun = money_noun_before (q->S, q->c, q->clause);
  if (noun == NULL || (strcmp (noun, "deal") == 0 && q->c->value < 1e5))
    return FALSE;
  q->metric = noun;
  return TRUE;
}

/* sold-for-deal: "Yugansk was sold for $9.3bn", "it sold the unit to
 * Rosneft for $2bn", "agreed to buy Guidant for $25.4bn": at least a
 * million paid for a company or a part of one is a deal; "sold 5 million
 * phones for $2bn", with a number between, is what the phones brought. */
static gboolean
metric_sold_for_deal (MetricQuery *q)
{
  static const char * const verbs[] = { "sold", "sell", "sells", "selling", "bought", "buy", "buys",
                                        "buying", "acquired", "acquire", "acquires", "purchased" };
  Sentence *S = q->S;
  guint k = q->c->first;

  if (q->c->currency == NULL || q->c->value < 1e6)
    return FALSE;
  /* "for less than $10bn", "for up to $5bn" */
  while (k > 0 && q->c->first - k < 3 && TOK (S, k - 1)->type == T_WORD &&
         (TOK_FIELD (TOK (S, k - 1), qualifier) != NULL || is_word (S, TOK (S, k - 1), "than") ||
          is_word (S, TOK (S, k - 1), "less") || is_word (S, TOK (S, k - 1), "more") ||
          is_word (S, TOK (S, k - 1), "up") || is_word (S, TOK (S, k - 1), "to")))
    k--;
  if (k == 0 || !is_word (S, TOK (S, k - 1), "for"))
    return FALSE;
  for (guint j = k - 1; j-- > 0 && j + 8 >= k;)
    {
      Token *t = TOK (S, j);

      if (t->clause != q->clause || t->type == T_NUM)
        return FALSE;
      for (guint v = 0; t->type == T_WORD && v < G_N_ELEMENTS (verbs); v++)
        if (is_word (S, t, verbs[v]))
          {
            q->metric = "deal";
            return TRUE;
          }
    }
  return FALSE;
}

/* share-sale: "it sold 20% of its equity or 17.2 million shares to raise
 * $443m", "sell a 25% stake for about $50m": a company selling its shares
 * raises capital (a percentage is a stake); no sales. */
static gboolean
metric_share_sale (MetricQuery *q)
{
  static const char * const sell[] = { "sold", "sell", "sells", "selling" };
  static const char * const shares[] = { "shares", "share", "stake", "equity", "stock", "stocks" };
  Sentence *S = q->S;
  gboolean selling = FALSE, of_shares = FALSE;

  if (!q->scanned)
    metric_scan (q);
  if (q->best == NULL || !(strcmp (q->best, "sales") == 0 || q->best_from_sales))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sell) && !selling; i++)
    selling = is_word (S, TOK (S, q->best_at), sell[i]);
  for (guint k = q->best_at + 1; selling && !of_shares && k < S->tokens->len && k <= q->best_at + 8 &&
                                 TOK (S, k)->clause == q->clause; k++)
    for (guint i = 0; i < G_N_ELEMENTS (shares) && !of_shares; i++)
      of_shares = is_word (S, TOK (S, k), shares[i]);
  if (!of_shares)
    return FALSE;
  q->metric = q->percent ? "stake" : q->c->currency != NULL ? "capital" : NULL;
  return TRUE;
}

/* keyword: the nearest metric word of the clause: "revenue of $2bn". */
static gboolean
metric_keyword (MetricQuery *q)
{
  q->metric = q->best;
  return q->best != NULL;
}

/* comparison: "a pretax profit of 84 mln stg, compared with 79.3 mln stg
 * the year before", "sales of $5bn against $4.2bn": a figure right after
 * "compared with", "compared to", "against" or "versus", with no metric
 * word of its own, is the same measure as the sentence's figure before
 * it, when it is counted in the same currency and unit. */
static gboolean
metric_comparison (MetricQuery *q)
{
  Sentence *S = q->S;
  const CitedFigure *before = S->last_figure;
  guint k = q->c->first;

  if (before == NULL || before->metric == NULL || k == 0 ||
      g_strcmp0 (before->currency, q->c->currency) != 0 ||
      (g_strcmp0 (before->unit, q->c->unit) != 0 &&
       !(before->unit != NULL && strcmp (before->unit, "per share") == 0 && q->c->unit == NULL)))
    return FALSE;
  if (!is_word (S, TOK (S, k - 1), "against") && !is_word (S, TOK (S, k - 1), "versus") &&
      !((is_word (S, TOK (S, k - 1), "with") || is_word (S, TOK (S, k - 1), "to")) && k >= 2 &&
        is_word (S, TOK (S, k - 2), "compared")))
    return FALSE;
  q->metric = before->metric;
  return TRUE;
}

/* not-price: "£600 and his passport stolen", "fined £500": money, no
 * price. */
static gboolean
metric_not_price (MetricQuery *q)
{
  Sentence *S = q->S;

  if (q->c->currency == NULL || q->c->value >= 1e5)
    return FALSE;
  q->metric = NULL;
  for (guint k = 0; k < S->tokens->len; k++)
    if (TOK (S, k)->clause == q->clause && tok_has (TOK (S, k), W_NOPRICE))
      return TRUE;
  return FALSE;
}

/* money-price: a small sum of money with no other word is a price: "it
 * costs $999", "£49.99". */
static gboolean
metric_money_price (MetricQuery *q)
{
  q->metric = "price";
  return q->c->currency != NULL && q->c->value < 1e5;
}

/* The metric rules, in order: the first that holds decides. */
static const struct {
  const char *name;
  gboolean (*rule) (MetricQuery *q);
} metric_rules[] = {
  { "rank", metric_rank },
  { "change-verb", metric_change_verb },
  { "unit-metric", metric_unit },
  { "sold-for-price", metric_sold_for },
  { "share-word", metric_share_word },
  { "pct-change", metric_pct_change },
  { "money-noun", metric_money_noun },
  { "sold-for-deal", metric_sold_for_deal },
  { "share-sale", metric_share_sale },
  { "keyword", metric_keyword },
  { "comparison", metric_comparison },
  { "not-price", metric_not_price },
  { "money-price", metric_money_price },
};

/* The metric of candidate @c ("sales", "market share", "price" ...), or
 * NULL; @from_unit lets the counted noun decide. */
const char *
metric_for (Sentence        *S,
            const Candidate *c,
            gboolean         from_unit)
{
  MetricQuery q = {
    .S = S,
    .c = c,
    .from_unit = from_unit,
    .clause = TOK (S, c->first)->clause,
    .percent = g_strcmp0 (c->unit, "%") == 0,
  };

  for (guint r = 0; r < G_N_ELEMENTS (metric_rules); r++)
    if (metric_rules[r].rule (&q))
      {
        if (S->ctx->trace)
          cited_extract_trace (S->ctx, TOK (S, c->first)->start, TOK (S, c->last)->end,
                               "metric %s by rule %s", q.metric ? q.metric : "none",
                               metric_rules[r].name);
        return q.metric;
      }
  return NULL;
}

const char *
scope_for (Sentence        *S,
           const Candidate *c)
{
  guint n = S->tokens->len;
  guint16 clause = TOK (S, c->first)->clause;
  guint16 segment = TOK (S, c->first)->segment;
  const char *best = NULL;
  guint best_d = G_MAXUINT;

  for (guint k = 0; k < n; k++)
    {
      Token *t = TOK (S, k);
      const char *s = NULL;
      guint d;

      guint at = k;

      /* Most words name no place, alone or as a phrase. */
      if (!(t->fields & TF_SCOPE) && !(t->phrase_fields & P_SCOPE))
        continue;
      /* "France Telecom's profits", "Air China", "British Airways": a
       * place in a company's name is not where the figure was made. */
      if (t->clause != clause || t->type != T_WORD || t->mention >= 0)
        continue;
      if (TOK_FIELD (t, scope) == NULL && !(k + 1 < n && (tok_phrase_fields (t) & P_SCOPE)))
        continue;
      if (k + 1 < n && (tok_phrase_fields (t) & P_SCOPE))
        {
          const Word *pw = phrase_find (S, t, TOK (S, k + 1));

          /* "Latin America" is not "America". */
          if (pw && pw->scope)
            {
              s = pw->scope;
              k++;
            }
        }
      if (s == NULL)
        s = TOK_FIELD (t, scope);
      if (s == NULL)
        continue;
      /* Places after the figure count in its own comma segment only: "145.6
       * million units, and 10,000 stores in mainland China". */
      if (at > c->last && t->segment != segment)
        continue;
      /* "The Korean firm", "a Chinese brand": where a company is from, not
       * where the figure was made. */
      if ((at + 1 < n && tok_has (TOK (S, at + 1), W_COMPANY)) ||
          (at + 2 < n && TOK (S, at + 1)->type == T_WORD && tok_has (TOK (S, at + 2), W_COMPANY)))
        continue;
      /* "the world's", "in the world", not "the technology world". */
      if (t->end - t->start == 5 && g_ascii_strncasecmp (S->body + t->start, "world", 5) == 0 &&
          !t->poss && !(at > 0 && tok_has (TOK (S, at - 1), W_THE)))
        continue;
      d = at < c->first ? c->first - at : (at > c->last ? at - c->last : 0);
      if (t->segment != segment)
        d += 8;
      if (d < best_d)
        {
          best_d = d;
          best = s;
        }
    }
  return best;
}

/* What a change is of: the nearest metric word of the clause other than a
 * word of change ("profits fell 5%" is of profit, "shipped 94.9 million
 * phones, up 30.8%" of shipments), or a word that names what moved where
 * no metric does ("shares rose 4%" is of the share price); NULL when the
 * clause names nothing ("grew 5%"). */
const char *
measure_for (Sentence        *S,
             const Candidate *c)
{
  guint16 clause = TOK (S, c->first)->clause;
  const char *best = NULL;
  guint best_d = G_MAXUINT;

  for (guint k = 0; k < S->tokens->len; k++)
    {
      Token *t = TOK (S, k);
      const char *m = NULL;
      guint d;

      /* A measure, a metric, or a phrase that may hold one */
      if (!(t->fields & (TF_MEASURE | TF_METRIC)) && !(t->phrase_fields & (P_MEASURE | P_METRIC)))
        continue;
      if (t->clause != clause || t->type != T_WORD || (k >= c->first && k <= c->last))
        continue;
      if (k + 1 < S->tokens->len && (tok_phrase_fields (t) & P_MEASURE))
        {
          const Word *pw = phrase_find (S, t, TOK (S, k + 1));

          if (pw && pw->measure)
            m = pw->measure;
        }
      if (m == NULL)
        m = TOK_FIELD (t, measure);
      if (m == NULL)
        m = metric_word_at (S, k);
      if (m == NULL || strcmp (m, "growth") == 0)
        continue;
      d = k < c->first ? c->first - k : k - c->last + 1;
      if (d < best_d)
        {
          best_d = d;
          best = m;
        }
    }
  return best;
}
