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
      S->last_figure->unit != NULL && strcmp (S->last_figure->unit, "%") != 0)
    {
      f->unit = g_strdup (S->last_figure->unit);
      if (f->metric == NULL)
        f->metric = g_strdup (S->last_figure->metric);
    }
  if (f->metric == NULL && f->unit != NULL && strcmp (f->unit, "%") != 0 &&
      S->prev_figure != NULL && g_strcmp0 (S->prev_figure->unit, f->unit) == 0)
    f->metric = g_strdup (S->prev_figure->metric);

  /* A bare number in a short sentence goes on from the figure before it:
   * "... over 150 stores, covering 40 to 50 cities. To open to 1000." */
  if (f->unit == NULL && f->currency == NULL && !c->rank && S->tokens->len <= 8 &&
      S->prev_figure != NULL && S->prev_figure->unit != NULL &&
      strcmp (S->prev_figure->unit, "%") != 0)
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

void
emit (Sentence  *S,
      Candidate *c,
      GPtrArray *figures)
{
  const char *metric = metric_for (S, c, TRUE);
  const char *brand = brand_for (S, c, metric);
  CitedFigure *f;
  guint sign_start = G_MAXUINT;

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

  f->start = sign_start != G_MAXUINT ? sign_start : TOK (S, c->first)->start;
  f->end = TOK (S, c->last)->end;
  f->text = g_strndup (S->body + f->start, f->end - f->start);
  f->sentence_start = S->start;
  f->sentence_end = S->end;
  f->sentence = g_strndup (S->body + S->start, S->end - S->start);
  g_ptr_array_add (figures, f);
  S->last_figure = f;
  if (S->n_figures++ == 0)
    S->first_figure_token = c->first;
}
