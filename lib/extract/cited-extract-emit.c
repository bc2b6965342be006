/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited-extract-en-private.h"

/* Whether the figure's clause states a goal before it: "aims to",
 * "a target of", "plans to become". */
static gboolean
is_goal (Sentence        *S,
         const Candidate *c)
{
  guint16 clause = TOK (S, c->first)->clause;

  for (guint k = c->first; k-- > 0;)
    {
      Token *t = TOK (S, k);

      if (t->clause != clause)
        break;
      if (t->type == T_WORD && tok_has (t, W_GOAL))
        return TRUE;
    }
  return FALSE;
}

/* A minus sign written before a number ("-1.41%", "−1.41%"), not a dash
 * of a range or a code ("40-50", "S-21"). */
static gboolean
has_minus_sign (Sentence        *S,
                const Candidate *c)
{
  Token *t = TOK (S, c->first);
  Token *d;

  if (c->first == 0 || t->type != T_NUM || !t->glued || c->rank)
    return FALSE;
  d = TOK (S, c->first - 1);
  if (!((d->type == T_PUNCT || d->type == T_SYM) && (d->cp == '-' || d->cp == 0x2212)))
    return FALSE;
  if (c->first >= 2 && d->glued &&
      (TOK (S, c->first - 2)->type != T_PUNCT || is_dash (TOK (S, c->first - 2)) ||
       is_punct (TOK (S, c->first - 2), '.')))
    return FALSE;
  /* "-333---600340" is a code. */
  if (c->last + 1 < S->tokens->len && is_dash (TOK (S, c->last + 1)) && TOK (S, c->last + 1)->glued)
    return FALSE;
  return TRUE;
}

/* A change is negative when the verb or noun of change says so: "falls
 * 1.8%", "down 3%", "dropped by 5%", "a 2% decline"; "fell to 5%" is a level,
 * and a minus sign already written stays as it is. */
static gboolean
is_decline (Sentence        *S,
            const Candidate *c)
{
  guint16 clause = TOK (S, c->first)->clause;
  guint lo = c->first > 6 ? c->first - 6 : 0;

  for (guint k = c->first; k-- > lo;)
    {
      Token *t = TOK (S, k);
      const char *m;

      if (t->clause != clause || t->type == T_NUM || t->type == T_SYM)
        break;
      if (t->type != T_WORD)
        continue;
      /* "down from 17%": where the change started, a level. */
      if (tok_has (t, W_TO | W_FROM))
        return FALSE;
      if (tok_has (t, W_DECLINE))
        return TRUE;
      m = TOK_FIELD (t, metric);
      if (m != NULL && strcmp (m, "growth") == 0)
        return FALSE;
      if (is_word (S, t, "up"))
        return FALSE;
    }
  if (c->last + 1 < S->tokens->len)
    {
      Token *t = TOK (S, c->last + 1);

      if (t->type == T_WORD && t->clause == clause && tok_has (t, W_DECLINE))
        return TRUE;
    }
  return FALSE;
}

/* A unit that counts things ("units", "stores"): not "%", nor "per
 * share", which is money, and not carried to a bare number after it. */
static gboolean
is_count_unit (const char *unit)
{
  return unit != NULL && strcmp (unit, "%") != 0 && strcmp (unit, "per share") != 0;
}

/* What a bare figure takes from the figure before it. */
static void
carry_from_before (Sentence        *S,
                   const Candidate *c,
                   CitedFigure     *f)
{
  /* "Shr 67 cts vs 23 cts", "Revs 236.1 mln vs 256.2 mln": the figure
   * after "vs" is the same measure a period before. */
  if (c->first > 0 && S->last_figure != NULL && S->last_figure->metric != NULL &&
      (is_word (S, TOK (S, c->first - 1), "vs") || is_word (S, TOK (S, c->first - 1), "versus")))
    {
      g_free (f->metric);
      f->metric = g_strdup (S->last_figure->metric);
    }
  /* A bare count goes on from the count before it in the sentence:
   * "Samsung led with 7.9 million phones, followed by Xiaomi with 7.6
   * million"; a count of the same thing keeps its metric from the sentence
   * before: "Apple shipped 234.6 million iPhones. Xiaomi came third with
   * 145.9 million units." */
  if (f->unit == NULL && f->currency == NULL && !c->rank && S->last_figure != NULL &&
      is_count_unit (S->last_figure->unit))
    {
      f->unit = g_strdup (S->last_figure->unit);
      if (f->metric == NULL)
        f->metric = g_strdup (S->last_figure->metric);
    }
  if (f->metric == NULL && is_count_unit (f->unit) &&
      S->prev_figure != NULL && g_strcmp0 (S->prev_figure->unit, f->unit) == 0)
    f->metric = g_strdup (S->prev_figure->metric);

  /* A bare number in a short sentence goes on from the figure before it:
   * "... over 150 stores, covering 40 to 50 cities. To open to 1000." */
  if (f->unit == NULL && f->currency == NULL && !c->rank && S->tokens->len <= 8 &&
      S->prev_figure != NULL && is_count_unit (S->prev_figure->unit))
    {
      const CitedFigure *p = S->prev_figure;

      f->unit = g_strdup (p->unit);
      if (f->metric == NULL)
        f->metric = g_strdup (p->metric);
      if (f->brand == NULL)
        f->brand = g_strdup (p->brand);
    }
}

/* The figure's year and quarter: its own segment's for a goal, else the
 * nearest in its clause, then in the sentence, then "last year" from the
 * published date. */
static void
resolve_period (Sentence        *S,
                const Candidate *c,
                CitedFigure     *f)
{
  int k;

  k = nearest_period (S, S->years, c->first, TRUE);
  if (is_goal (S, c))
    {
      /* A goal keeps only a year of its own comma segment: "sold 190
       * million in 2021, and it aims to sell 300 million" has no period
       * for the 300 million. */
      if (k >= 0 && TOK (S, g_array_index (S->years, Period, k).token)->segment !=
                    TOK (S, c->first)->segment)
        k = -1;
    }
  else if (k < 0)
    k = nearest_period (S, S->years, c->first, FALSE);
  if (k >= 0)
    f->year = g_array_index (S->years, Period, k).year;
  else if (S->ctx->default_year > 0 &&
           (k = nearest_period (S, S->rel_years, c->first, FALSE)) >= 0)
    f->year = S->ctx->default_year + g_array_index (S->rel_years, Period, k).year;
  k = nearest_period (S, S->quarters, c->first, FALSE);
  if (k >= 0)
    f->quarter = g_array_index (S->quarters, Period, k).year;
}

/* ------------------------------------------------------------------ */
/* What the figure states: change, span, status                        */

/* The flags of token @k, with those of the two-word phrase it starts;
 * exact for the bits of @want (the phrase is looked up only when one that
 * @k may start holds such a bit). */
G_ALWAYS_INLINE static inline guint64
flags_at (Sentence *S,
          guint     k,
          guint64   want)
{
  Token *t = TOK (S, k);
  guint64 f = tok_flags (t);

  if (k + 1 < S->tokens->len && (f & W_PHRASE) && (tok_phrase_flags (t) & want))
    {
      const Word *pw = phrase_find (S, t, TOK (S, k + 1));

      if (pw != NULL)
        f |= pw->flags;
    }
  return f;
}

/* The word right before the figure, past "by": "fell by 2%", "rose 1-3/8". */
static Token *
word_before (Sentence        *S,
             const Candidate *c)
{
  Token *p;
  guint k;

  if (c->first == 0)
    return NULL;
  k = c->first - 1;
  /* "up nearly $3bn", "rose by about 5%": past a qualifier or two */
  while (k > 0 && k + 3 > c->first && TOK (S, k)->type == T_WORD &&
         TOK_FIELD (TOK (S, k), qualifier) != NULL)
    k--;
  p = TOK (S, k);
  if (tok_has (p, W_BY) && k > 0)
    p = TOK (S, k - 1);
  return p->type == T_WORD && p->clause == TOK (S, c->first)->clause ? p : NULL;
}

/* Whether the clause names what moved as a share price: "Shares in the
 * retailer lost 75 pence" is a change, no loss. */
static gboolean
clause_has_measure_word (Sentence        *S,
                         const Candidate *c)
{
  guint16 clause = TOK (S, c->first)->clause;

  for (guint k = 0; k < S->tokens->len; k++)
    {
      Token *t = TOK (S, k);

      if (t->clause == clause && t->type == T_WORD &&
          TOK_FIELD (t, measure) != NULL)
        return TRUE;
      if (t->clause == clause && k + 1 < S->tokens->len && (tok_phrase_fields (t) & P_MEASURE))
        {
          const Word *pw = phrase_find (S, t, TOK (S, k + 1));

          if (pw != NULL && pw->measure != NULL)
            return TRUE;
        }
    }
  return FALSE;
}

/* Whether the word before token @k is one of those who lose money that
 * is not a company's: "shareholders lost $180bn in WorldCom's collapse". */
static gboolean
losers_before (Sentence *S,
               guint     k)
{
  static const char * const losers[] = {
    "shareholders", "investors", "stockholders", "bondholders", "savers", "depositors",
    "pensioners", "policyholders", "customers", "consumers", "taxpayers", "households",
  };

  if (k == 0 || TOK (S, k - 1)->type != T_WORD)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (losers); i++)
    if (is_word (S, TOK (S, k - 1), losers[i]))
      return TRUE;
  return FALSE;
}

/* loss: "a loss of £12m", "lost 12.5 billion yen", "a £3m loss": money
 * lost is a negative profit, a level. A verb needs a sum a company loses
 * (from 100,000), not "lost £600 in a scam", nor what its shareholders
 * or customers lost. */
static gboolean
is_loss (Sentence        *S,
         const Candidate *c)
{
  guint16 clause = TOK (S, c->first)->clause;
  guint lo = c->first > 4 ? c->first - 4 : 0;

  if (c->currency == NULL || c->rank || g_strcmp0 (c->unit, "%") == 0 || c->value <= 0)
    return FALSE;
  for (guint k = c->first; k-- > lo;)
    {
      Token *t = TOK (S, k);

      if (t->clause != clause || t->type == T_NUM || t->type == T_SYM)
        break;
      if (t->type != T_WORD)
        continue;
      if (tok_has (t, W_TO) && k + 1 < c->first)
        continue;
      if ((flags_at (S, k, W_LOSS) & W_LOSS) || (k > 0 && (flags_at (S, k - 1, W_LOSS) & W_LOSS) &&
                                          TOK (S, k - 1)->clause == clause))
        {
          gboolean verb = tok_has (t, W_CHANGE | W_DECLINE);
          guint at = (flags_at (S, k, W_LOSS) & W_LOSS) ? k : k - 1;

          if (tok_has (TOK (S, at), W_CHANGE | W_DECLINE) && losers_before (S, at))
            return FALSE;
          return (!verb || c->value >= 1e5) && !clause_has_measure_word (S, c);
        }
    }
  if (c->last + 1 < S->tokens->len && TOK (S, c->last + 1)->clause == clause &&
      (flags_at (S, c->last + 1, W_LOSS) & W_LOSS) && !tok_has (TOK (S, c->last + 1), W_CHANGE))
    return !clause_has_measure_word (S, c);
  return FALSE;
}

static void
negate (CitedFigure *f)
{
  double low = isnan (f->value_max) ? NAN : -f->value_max;

  if (isnan (low))
    f->value = -f->value;
  else
    {
      /* A range keeps its low end first. */
      f->value_max = -f->value;
      f->value = low;
    }
}

/* Whether a word with @flag stands before the figure in its clause. */
static gboolean
clause_has_before (Sentence        *S,
                   const Candidate *c,
                   guint64          flag)
{
  guint16 clause = TOK (S, c->first)->clause;

  for (guint k = c->first; k-- > 0;)
    {
      Token *t = TOK (S, k);

      if (t->clause != clause)
        break;
      if (tok_has (t, flag))
        return TRUE;
    }
  return FALSE;
}

/* per-share: "earnings of 1.12 dlrs a share", "a dividend of 30 cts per
 * share", "earnings per share would be lower, at $4.0-$5.0", "Shr 43 cts
 * vs 38 cts": an amount for each share, never a company's total; its unit
 * says so, so that charts do not draw it among totals. "Per share" before
 * the amount counts from a few words back, with no number between. */
static gboolean
is_per_share (Sentence        *S,
              const Candidate *c)
{
  guint n = S->tokens->len, k = c->last + 1;
  guint16 clause = TOK (S, c->first)->clause;

  if (k + 1 < n && TOK (S, k)->clause == clause &&
      (tok_has (TOK (S, k), W_PER) || is_word (S, TOK (S, k), "a")) &&
      is_word (S, TOK (S, k + 1), "share"))
    return TRUE;
  if (c->first > 0 && is_word (S, TOK (S, c->first - 1), "vs") && S->last_figure != NULL &&
      g_strcmp0 (S->last_figure->unit, "per share") == 0)
    return TRUE;
  for (guint j = c->first; j-- > 0 && j + 8 >= c->first;)
    {
      Token *t = TOK (S, j);

      if (t->clause != clause || t->type == T_NUM)
        break;
      if (is_word (S, t, "shr") ||
          (is_word (S, t, "share") && j > 0 && tok_has (TOK (S, j - 1), W_PER)))
        return TRUE;
      /* "6.78 dlrs per share on revenues of 3.6 billion dlrs" */
      if (TOK_FIELD (t, metric) != NULL)
        break;
    }
  return FALSE;
}

/* The change: a percentage of change ("profits fell 5%") measures what
 * its clause names; "up 5% to 190 million" is a change, then a level; an
 * amount right after a verb of change is an absolute change ("fell 75
 * pence to 310p"); money lost is a negative profit. Returns the rule. */
static const char *
state_change (Sentence        *S,
              const Candidate *c,
              CitedFigure     *f)
{
  Token *p = word_before (S, c);

  if (c->rank)
    return "rank";
  if (is_loss (S, c))
    {
      g_free (f->metric);
      f->metric = g_strdup ("profit");
      negate (f);
      return "loss";
    }
  if (g_strcmp0 (f->unit, "%") == 0 && g_strcmp0 (f->metric, "growth") == 0)
    {
      /* "rose to 13%", "down from 17%": where the change went or began. */
      if (p != NULL && p == TOK (S, c->first - 1) && tok_has (p, W_TO | W_FROM))
        return "level-to";
      f->change = CITED_CHANGE_PERCENT;
      f->direction = f->value < 0 ? CITED_DIRECTION_FALL :
                     f->value > 0 ? CITED_DIRECTION_RISE : CITED_DIRECTION_NONE;
      f->measure = g_strdup (measure_for (S, c));
      /* "sold 190 million phones, up 5%": of the figure before it. */
      if (f->measure == NULL && S->last_figure != NULL &&
          S->last_figure->change == CITED_CHANGE_LEVEL &&
          is_company_metric (S->last_figure->metric))
        f->measure = g_strdup (S->last_figure->metric);
      return "percent-change";
    }
  if (f->currency != NULL && (g_strcmp0 (f->metric, "profit") == 0 || g_strcmp0 (f->metric, "revenue") == 0) &&
      clause_has_before (S, c, W_RESTATE))
    {
      /* restatement: "restated its earnings by $4.4bn", "could restate $9bn
       * in earnings": a correction of the books, not what was earned. */
      f->change = CITED_CHANGE_ABSOLUTE;
      f->direction = CITED_DIRECTION_NONE;
      f->measure = g_strdup (f->metric);
      return "restatement";
    }
  /* "a $697m improvement", "an $8bn rise": the amount a change came to */
  if (g_strcmp0 (f->unit, "%") != 0 && c->first > 0 && c->last + 1 < S->tokens->len &&
      (is_word (S, TOK (S, c->first - 1), "a") || is_word (S, TOK (S, c->first - 1), "an")))
    {
      static const char * const rises[] = { "improvement", "increase", "rise", "gain", "jump", "boost" };
      static const char * const falls[] = { "decline", "drop", "fall", "reduction", "cut", "deterioration" };
      Token *n = TOK (S, c->last + 1);

      for (guint i = 0; i < G_N_ELEMENTS (rises) + G_N_ELEMENTS (falls); i++)
        if (is_word (S, n, i < G_N_ELEMENTS (rises) ? rises[i] : falls[i - G_N_ELEMENTS (rises)]))
          {
            const char *m = measure_for (S, c);

            f->change = CITED_CHANGE_ABSOLUTE;
            f->direction = i < G_N_ELEMENTS (rises) ? CITED_DIRECTION_RISE : CITED_DIRECTION_FALL;
            f->measure = g_strdup (m != NULL ? m : f->metric);
            return "absolute-change-noun";
          }
    }
  if (g_strcmp0 (f->unit, "%") != 0 && p != NULL && tok_has (p, W_CHANGE | W_UPDOWN))
    {
      const char *m = measure_for (S, c);

      f->change = CITED_CHANGE_ABSOLUTE;
      f->direction = tok_has (p, W_DECLINE) ? CITED_DIRECTION_FALL : CITED_DIRECTION_RISE;
      f->measure = g_strdup (m != NULL ? m : f->metric);
      return "absolute-change";
    }
  return "level";
}

/* Whether a word of time after the figure makes it a rate: "35,000 phones
 * an hour", "per day", "every week", "daily"; not "a year earlier". */
static gboolean
is_rate_after (Sentence        *S,
               const Candidate *c)
{
  guint n = S->tokens->len, k = c->last + 1;
  Token *t, *u;

  if (k >= n || TOK (S, k)->type != T_WORD)
    return FALSE;
  t = TOK (S, k);
  if (flags_at (S, k, W_RATE) & W_RATE)
    return TRUE;
  if (!tok_has (t, W_ARTICLE | W_PER | W_EACH) || k + 1 >= n)
    return FALSE;
  u = TOK (S, k + 1);
  if (!tok_has (u, W_TIMEUNIT) || S->body[u->end - 1] == 's' || S->body[u->end - 1] == 'S')
    return FALSE;
  return !(k + 2 < n && tok_has (TOK (S, k + 2), W_AGO));
}

/* "daily sales of 35,000", "hourly output of": a rate named before. */
static gboolean
is_rate_before (Sentence        *S,
                const Candidate *c)
{
  guint lo = c->first > 3 ? c->first - 3 : 0;

  for (guint k = c->first; k-- > lo;)
    {
      Token *t = TOK (S, k);

      if (t->type != T_WORD || t->clause != TOK (S, c->first)->clause)
        break;
      if (tok_has (t, W_RATE))
        return TRUE;
    }
  return FALSE;
}

/* A past participle of selling or shipping after "has": "has sold",
 * "have shipped", "had delivered". */
static gboolean
has_done (Sentence *S,
          guint     k)
{
  Token *t = TOK (S, k);
  const char *m = TOK_FIELD (t, metric);
  guint len = t->end - t->start;

  if (m == NULL || !(strcmp (m, "sales") == 0 || strcmp (m, "shipments") == 0))
    return FALSE;
  return is_word (S, t, "sold") ||
         (len > 2 && g_ascii_strncasecmp (S->body + t->end - 2, "ed", 2) == 0);
}

/* multi-year: an amount "over the past 50 years", "over the next three
 * years", "over eight years" is a total of those years, not a year's; "in
 * three years" (by then), "for 17 years", "two years ago" and a year's
 * figure are not. */
static gboolean
over_years (Sentence        *S,
            const Candidate *c)
{
  guint16 clause = TOK (S, c->first)->clause;

  for (guint k = 2; k < S->tokens->len; k++)
    {
      Token *t = TOK (S, k), *n = TOK (S, k - 1);
      guint o = k - 2;
      double years;

      if (t->clause != clause || (k - 1 >= c->first && k - 1 <= c->last) || !is_word (S, t, "years"))
        continue;
      if (n->type == T_NUM)
        years = n->num;
      else if (n->type == T_WORD && tok_has (n, W_NUMWORD) && n->w != NULL)
        years = n->w->num;
      else
        continue;
      /* "over the past", "over the next", "over the last" */
      if (o >= 2 && tok_has (TOK (S, o - 1), W_THE) &&
          (is_word (S, TOK (S, o), "past") || is_word (S, TOK (S, o), "next") ||
           tok_has (TOK (S, o), W_REL)))
        o -= 2;
      if (years >= 2 && is_word (S, TOK (S, o), "over") &&
          !(k + 1 < S->tokens->len && tok_has (TOK (S, k + 1), W_AGO)))
        return TRUE;
    }
  return FALSE;
}

/* Whether the figure's clause makes it a running total: "since 2011", "to
 * date", "so far", "accumulated", "in total" with no period, "has sold a
 * billion", "over the past four years". */
static const char *
cumulative_rule (Sentence        *S,
                 const Candidate *c,
                 const CitedFigure *f)
{
  guint16 clause = TOK (S, c->first)->clause;
  gboolean no_period = f->year == 0 && f->quarter == 0;

  if (!c->rank && no_period && f->change == CITED_CHANGE_LEVEL && g_strcmp0 (f->unit, "%") != 0 &&
      (f->metric == NULL || !g_hash_table_contains (S->tables->point_metrics, f->metric)) &&
      over_years (S, c))
    return "multi-year";

  for (guint k = 0; k < S->tokens->len; k++)
    {
      Token *t = TOK (S, k);
      guint64 fl;

      /* flags_at() answers from the word's flags and its phrase's */
      if (!(tok_flags (t) & (W_CUMUL | W_SINCE | W_TOTAL | W_HAVE | W_PHRASE)))
        continue;
      if (t->clause != clause || t->type != T_WORD || (k >= c->first && k <= c->last))
        continue;
      fl = flags_at (S, k, W_CUMUL | W_SINCE | W_TOTAL | W_HAVE);
      if (fl & (W_CUMUL | W_SINCE))
        return "since";
      if ((fl & W_TOTAL) && no_period)
        return "in-total";
      if ((fl & W_HAVE) && no_period && k < c->first)
        {
          guint j = k + 1;

          /* "has now sold", "have already shipped" */
          if (j + 1 < c->first && TOK (S, j)->type == T_WORD && TOK_FIELD (TOK (S, j), metric) == NULL)
            j++;
          if (j < c->first && has_done (S, j))
            return "has-sold";
        }
    }
  return NULL;
}

static const char *
state_span (Sentence        *S,
            const Candidate *c,
            CitedFigure     *f)
{
  const char *rule;

  if (is_rate_after (S, c) || is_rate_before (S, c))
    {
      f->span = CITED_SPAN_RATE;
      return "rate";
    }
  if ((rule = cumulative_rule (S, c, f)) != NULL)
    {
      f->span = CITED_SPAN_CUMULATIVE;
      return rule;
    }
  if (f->change == CITED_CHANGE_LEVEL &&
      (c->rank || (f->metric != NULL &&
                   g_hash_table_contains (S->tables->point_metrics, f->metric))))
    {
      f->span = CITED_SPAN_POINT;
      return "point-metric";
    }
  return "period";
}

/* Reported, or forecast ("expects revenue of $5bn", "the 5 million
 * analysts had expected"), plan ("plans to open", "will invest") or target
 * ("aims to become"): the nearest such word before the figure in its
 * comma segment and not before a "with", or a forecast word right after
 * it. */
static const char *
state_status (Sentence        *S,
              const Candidate *c,
              CitedFigure     *f)
{
  guint16 clause = TOK (S, c->first)->clause;
  guint n = S->tokens->len;

  /* The word of status stands in the figure's comma segment. */
  for (guint k = c->first; k-- > 0;)
    {
      Token *t = TOK (S, k);
      guint64 fl;

      /* "target the world's first, overseas sales of 140 million": the
       * aim is the rank, not the sales. */
      if (t->clause != clause || t->segment != TOK (S, c->first)->segment)
        break;
      if (t->type != T_WORD)
        continue;
      /* "aims to be the top maker with 140 million units sold overseas":
       * what it has now, not its aim. */
      if (is_word (S, t, "with"))
        break;
      fl = flags_at (S, k, W_FORECAST | W_PLAN | W_GOAL);
      if (fl & W_FORECAST)
        {
          f->claim_status = CITED_CLAIM_FORECAST;
          return "forecast-word";
        }
      if (fl & W_PLAN)
        {
          f->claim_status = CITED_CLAIM_PLAN;
          return "plan-word";
        }
      if (fl & W_GOAL)
        {
          f->claim_status = CITED_CLAIM_TARGET;
          return "goal-word";
        }
    }
  for (guint k = c->last + 1; k < n && k <= c->last + 3; k++)
    {
      Token *t = TOK (S, k);

      if (t->segment != TOK (S, c->last)->segment || is_word (S, t, "than"))
        break;
      if (t->type == T_WORD && tok_has (t, W_FORECAST))
        {
          f->claim_status = CITED_CLAIM_FORECAST;
          return "forecast-after";
        }
    }
  return "reported";
}

/* Fills what the figure states: its change, span and status. */
static void
state_figure (Sentence        *S,
              const Candidate *c,
              CitedFigure     *f)
{
  const char *change_rule = state_change (S, c, f);
  const char *span_rule = state_span (S, c, f);
  const char *status_rule = state_status (S, c, f);

  if (S->ctx->trace)
    cited_extract_trace (S->ctx, TOK (S, c->first)->start, TOK (S, c->last)->end,
                         "states %s%s%s%s%s by %s, span %s by %s, status %s by %s",
                         cited_change_to_string (f->change),
                         f->direction != CITED_DIRECTION_NONE ? " " : "",
                         f->direction != CITED_DIRECTION_NONE ? cited_direction_to_string (f->direction) : "",
                         f->measure != NULL ? " of " : "", f->measure != NULL ? f->measure : "",
                         change_rule, cited_span_to_string (f->span), span_rule,
                         cited_claim_status_to_string (f->claim_status), status_rule);
}

/* conversion: "£5.7bn ($10.7bn; 8.2bn euros)", "400m euros ($527m;
 * £275m)": a sum in brackets right after another, or after a semicolon
 * right after one in them, is the same sum in another currency. Returns
 * the figure it converts, or NULL. */
static const CitedFigure *
converted_figure (Sentence        *S,
                  const Candidate *c)
{
  const CitedFigure *before = S->last_figure;
  guint k = c->first;

  if (before == NULL || before->currency == NULL || c->currency == NULL || k < 2 ||
      !(is_punct (TOK (S, k - 1), '(') || is_punct (TOK (S, k - 1), ';')) ||
      TOK (S, k - 2)->end != before->end)
    return NULL;
  if (is_punct (TOK (S, k - 1), ';'))
    {
      /* the figure before is itself in brackets */
      guint j = k - 2;

      while (j > 0 && TOK (S, j)->start >= before->start)
        j--;
      if (!is_punct (TOK (S, j), '(') && !is_punct (TOK (S, j), ';'))
        return NULL;
    }
  return before;
}

void
emit (Sentence  *S,
      Candidate *c,
      GPtrArray *figures)
{
  const CitedFigure *same = converted_figure (S, c);
  const char *metric = same != NULL ? same->metric : metric_for (S, c, TRUE);
  const char *brand = same != NULL ? S->last_brand : brand_for (S, c, metric);
  CitedFigure *f;
  guint sign_start = G_MAXUINT;

  if (same != NULL && S->ctx->trace)
    cited_extract_trace (S->ctx, TOK (S, c->first)->start, TOK (S, c->last)->end,
                         "brand %s and metric %s of the sum before by rule conversion",
                         brand != NULL ? brand : "none", metric != NULL ? metric : "none");

  /* A number read whole but beyond any real figure is no figure; its
   * digits are not read again in part. */
  if (!cited_value_in_bounds (c->value) ||
      (!isnan (c->value_max) && !cited_value_in_bounds (c->value_max)))
    return;

  /* A company's people are its staff; people at large are not. */
  if (brand == NULL && g_strcmp0 (c->unit, "people") == 0 && g_strcmp0 (metric, "employees") == 0)
    metric = metric_for (S, c, FALSE);

  /* A rank means something only about a company. */
  if (c->rank && brand == NULL)
    return;
  if (brand != NULL)
    {
      S->clause_brand = brand;
      S->clause_brand_clause = TOK (S, c->first)->clause;
    }

  f = cited_figure_new ();
  f->value = cited_clean_value (c->value);
  f->value_max = cited_clean_value (c->value_max);
  f->unit = c->unit_owned ? g_strdup (c->unit_owned) : g_strdup (c->unit);
  f->currency = g_strdup (c->currency);
  if (f->currency != NULL && f->unit == NULL && is_per_share (S, c))
    {
      f->unit = g_strdup ("per share");
      if (S->ctx->trace)
        cited_extract_trace (S->ctx, TOK (S, c->first)->start, TOK (S, c->last)->end,
                             "unit per share by rule per-share");
    }
  f->qualifier = g_strdup (c->qualifier);
  f->metric = g_strdup (metric);
  f->scope = g_strdup (scope_for (S, c));
  f->brand = g_strdup (brand);
  f->language = g_strdup ("en");

  if (has_minus_sign (S, c))
    {
      f->value = -f->value;
      sign_start = TOK (S, c->first - 1)->start;
    }
  else if (g_strcmp0 (metric, "growth") == 0 && f->value > 0 && is_decline (S, c))
    {
      f->value = -f->value;
      if (!isnan (f->value_max))
        {
          /* The range keeps its low end first: "fell 10% to 15%" is -15..-10. */
          double low = -f->value_max;

          f->value_max = f->value;
          f->value = low;
        }
    }

  carry_from_before (S, c, f);
  resolve_period (S, c, f);
  state_figure (S, c, f);

  f->start = sign_start != G_MAXUINT ? sign_start : TOK (S, c->first)->start;
  f->end = TOK (S, c->last)->end;
  f->text = g_strndup (S->body + f->start, f->end - f->start);
  cited_extract_set_sentence (f, S->body, S->start, S->end);
  g_ptr_array_add (figures, f);
  S->last_figure = f;
  S->last_brand = brand;
  if (S->n_figures++ == 0)
    S->first_figure_token = c->first;
}
