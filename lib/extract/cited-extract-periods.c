/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited-extract-en-private.h"

/* ------------------------------------------------------------------ */
/* Periods: years, dates, quarters                                      */


static gboolean
year_like (const Token *t)
{
  return t->type == T_NUM && t->ndigits == 4 && !t->sep && !t->decimal &&
         t->num >= 1800 && t->num <= 2100;
}

static gboolean
followed_by_quantity (Sentence *S,
                      guint     i)
{
  Token *n;

  if (i + 1 >= S->tokens->len)
    return FALSE;
  n = TOK (S, i + 1);
  if (n->type == T_SYM && n->cp == '%')
    return TRUE;
  if (n->type != T_WORD)
    return FALSE;
  if (TOK_FIELD (n, unit) || TOK_FIELD (n, currency) ||
      tok_has (n, W_SCALE | W_PERCENT))
    return TRUE;
  return FALSE;
}

/* Appends the period @value (a year, a quarter, a year offset) of token
 * @token to @periods. */
static inline void
add_period (GArray *periods,
            guint   token,
            double  value)
{
  Period per = { token, (int) value, G_MAXUINT };

  g_array_append_val (periods, per);
}

/* The tokens after a number that make it a date: "-01-31", "/1/31": the
 * index of the last one, or 0 when @i starts no date. */
static guint
date_end (Sentence *S,
          guint     i)
{
  guint n = S->tokens->len;
  Token *t = TOK (S, i);
  Token *next = i + 1 < n ? TOK (S, i + 1) : NULL;
  gboolean three;

  if (!(next && next->glued && (is_punct (next, '-') || is_punct (next, '/') ||
                                is_punct (next, '.')) &&
        i + 2 < n && TOK (S, i + 2)->type == T_NUM && TOK (S, i + 2)->glued &&
        !t->decimal && !t->sep && t->ndigits <= 4 && TOK (S, i + 2)->ndigits <= 2))
    return 0;
  three = i + 4 < n && TOK (S, i + 3)->glued && TOK (S, i + 3)->type == T_PUNCT &&
          TOK (S, i + 3)->cp == next->cp && TOK (S, i + 4)->type == T_NUM &&
          TOK (S, i + 4)->glued;
  if (three)
    return i + 4;
  return year_like (t) ? i + 2 : 0;
}

/* Rule date: ISO and slashed dates, "2024-01-31", "31/01/2024",
 * "2024/1/31", are used up; "2018-19" is a fiscal year whose first year is
 * the period; "2018.19" is left alone. */
static gboolean
mark_date (Sentence *S,
           guint    *i)
{
  Token *t = TOK (S, *i);
  Token *next;
  guint last = date_end (S, *i);

  if (last == 0)
    return FALSE;
  next = TOK (S, *i + 1);
  /* "2018-19" and "2018/2019" are spans of years, not dates. */
  if (last == *i + 2 && year_like (t) && is_punct (next, '.'))
    return TRUE;
  for (guint j = *i; j <= last; j++)
    TOK (S, j)->used = 1;
  if (last == *i + 2 && year_like (t) && !is_punct (next, '/'))
    {
      /* "2018-19": a fiscal year; keep the first as the period. */
      Period per = { *i, (int) t->num, G_MAXUINT };

      if (TOK (S, *i + 2)->num > 12 || TOK (S, *i + 2)->ndigits == 4)
        g_array_append_val (S->years, per);
    }
  *i = last;
  return TRUE;
}

/* Rule quarter: "Q1" .. "Q4". */
static gboolean
mark_quarter (Sentence *S,
              guint    *i)
{
  Token *t = TOK (S, *i);
  Token *prev = *i > 0 ? TOK (S, *i - 1) : NULL;

  if (!(prev && t->glued && prev->type == T_WORD && prev->end - prev->start == 1 &&
        (S->body[prev->start] == 'Q' || S->body[prev->start] == 'q') &&
        t->num >= 1 && t->num <= 4 && !t->decimal))
    return FALSE;
  t->used = 1;
  add_period (S->quarters, *i, t->num);
  return TRUE;
}

/* Rule time: "10:30", "at 1330", "by 0900" (a 24-hour clock after a word of
 * time), "3pm", "10 am", "1130 GMT", "3 p.m." are used up. */
static gboolean
mark_time (Sentence *S,
           guint    *i)
{
  guint n = S->tokens->len;
  Token *t = TOK (S, *i);
  Token *prev = *i > 0 ? TOK (S, *i - 1) : NULL;
  Token *next = *i + 1 < n ? TOK (S, *i + 1) : NULL;

  if (next && next->glued && (is_punct (next, ':') || is_punct (next, 0xFF1A)) &&
      *i + 2 < n && TOK (S, *i + 2)->type == T_NUM && TOK (S, *i + 2)->glued &&
      TOK (S, *i + 2)->ndigits == 2)
    {
      t->used = next->used = TOK (S, *i + 2)->used = 1;
      *i += 2;
      return TRUE;
    }
  if (prev && t->ndigits == 4 && !t->decimal && !t->sep && t->num <= 2359 && !year_like (t) &&
      fmod (t->num, 100) < 60 && !followed_by_quantity (S, *i) && tok_has (prev, W_CLOCKPREP) &&
      !(next && next->type == T_WORD && TOK_FIELD (next, unit) != NULL))
    {
      t->used = 1;
      return TRUE;
    }
  if (next && next->type == T_WORD && tok_has (next, W_CLOCK) && !t->decimal && !t->sep &&
      (t->num <= 24 || (t->ndigits == 4 && t->num <= 2359 && fmod (t->num, 100) < 60)))
    {
      t->used = 1;
      return TRUE;
    }
  if (next && next->type == T_WORD && t->num <= 12 && !t->decimal &&
      next->end - next->start == 1 &&
      (S->body[next->start] == 'a' || S->body[next->start] == 'p') &&
      *i + 2 < n && is_punct (TOK (S, *i + 2), '.') && TOK (S, *i + 2)->glued)
    {
      t->used = 1;
      return TRUE;
    }
  return FALSE;
}

/* Rule old-year: years before 1800 after "in", "since", "by", "during":
 * "in 1789" is a period, "since 1789" only used up. */
static gboolean
mark_old_year (Sentence *S,
               guint    *i)
{
  Token *t = TOK (S, *i);
  Token *prev = *i > 0 ? TOK (S, *i - 1) : NULL;

  if (!(t->ndigits == 4 && !t->sep && !t->decimal && t->num >= 1000 && t->num < 1800 &&
        prev && tok_has (prev, W_YEARPREP) && !followed_by_quantity (S, *i)))
    return FALSE;
  t->used = 1;
  if (!tok_has (prev, W_SINCE))
    add_period (S->years, *i, t->num);
  return TRUE;
}

/* Rule year: "in 2021", "the 2022 phones", "2020s", unless a quantity
 * follows ("2000 people", but "Xiaomi's 2021 sales" is a year) or money
 * comes before ("$2021"). "since 2016" is used up but no period. */
static gboolean
mark_year (Sentence *S,
           guint    *i)
{
  guint n = S->tokens->len;
  Token *t = TOK (S, *i);
  Token *prev = *i > 0 ? TOK (S, *i - 1) : NULL;
  Token *next = *i + 1 < n ? TOK (S, *i + 1) : NULL;

  if (!(year_like (t) && (!followed_by_quantity (S, *i) ||
                          (prev && prev->type == T_WORD && t->num >= 1990 && t->num <= 2040 &&
                           (tok_has (prev, W_YEARDET) || prev->poss ||
                            (prev->end - prev->start >= 3 &&
                             memcmp (S->body + prev->end - 3, "end", 3) == 0)))) &&
        !(prev && prev->type == T_SYM && prev->cp != '%') &&
        !(next && next->glued && next->type == T_WORD &&
          !(S->body[next->start] == 's' && next->end - next->start == 1))))
    return FALSE;
  t->used = 1;
  if (next && next->glued && next->type == T_WORD)
    next->used = 1;  /* "2020s" */
  else if (!(prev && tok_has (prev, W_SINCE)))
    add_period (S->years, *i, t->num);
  /* "2018-2019", "2018 to 2020": every year is a period. */
  return TRUE;
}

/* Rule day: days of months are used up: "December 28th", "28 December",
 * "Nov. 2", "the 3rd of May". */
static gboolean
mark_day (Sentence *S,
          guint    *i)
{
  guint n = S->tokens->len;
  Token *t = TOK (S, *i);
  Token *pw = *i > 0 ? TOK (S, *i - 1) : NULL;
  Token *next = *i + 1 < n ? TOK (S, *i + 1) : NULL;

  if (pw && is_punct (pw, '.') && *i >= 2)
    pw = TOK (S, *i - 2);
  if (!(t->num >= 1 && t->num <= 31 && !t->decimal && !t->sep &&
        ((pw && pw->type == T_WORD && tok_has (pw, W_MONTH) && pw->cap) ||
         (next && next->type == T_WORD && tok_has (next, W_MONTH) && next->cap) ||
         (next && next->type == T_WORD && next->glued && tok_has (next, W_ORDSUFFIX) &&
          *i + 2 < n && TOK (S, *i + 2)->type == T_WORD && tok_has (TOK (S, *i + 2), W_OF) &&
          *i + 3 < n && tok_has (TOK (S, *i + 3), W_MONTH)))))
    return FALSE;
  t->used = 1;
  if (next && next->glued && next->type == T_WORD && tok_has (next, W_ORDSUFFIX))
    next->used = 1;
  return TRUE;
}

/* Rule relative-year and ordinal-quarter on words: "last year" (offset -1
 * from the published year), "the third quarter", "first-quarter". */
static void
mark_period_words (Sentence *S,
                   guint     i)
{
  guint n = S->tokens->len;
  Token *t = TOK (S, i);
  guint64 f = tok_flags (t);

  if ((f & W_REL) && i + 1 < n && tok_has (TOK (S, i + 1), W_YEAR))
    {
      Period per = { i, (int) t->w->num, G_MAXUINT };

      g_array_append_val (S->rel_years, per);
    }
  else if ((f & W_ORDINAL) && t->w->num <= 4)
    {
      guint j = i + 1;

      if (j < n && is_dash (TOK (S, j)))
        j++;
      if (j < n && tok_has (TOK (S, j), W_QUARTER))
        {
          Period per = { i, (int) t->w->num, G_MAXUINT };

          g_array_append_val (S->quarters, per);
          t->used = 1;
        }
    }
}

/* The rules for a number, in order: the first that matches decides and
 * may use up the tokens after it (moving *i to the last). */
static const struct {
  const char *name;
  gboolean (*mark) (Sentence *S, guint *i);
} number_period_rules[] = {
  { "date", mark_date },
  { "quarter", mark_quarter },
  { "time", mark_time },
  { "old-year", mark_old_year },
  { "year", mark_year },
  { "day", mark_day },
};

/* Runs the rules on the number at *i; traces the one that decides. */
static void
mark_number_period (Sentence *S,
                    guint    *i)
{
  guint first = *i;

  for (guint r = 0; r < G_N_ELEMENTS (number_period_rules); r++)
    if (number_period_rules[r].mark (S, i))
      {
        if (S->ctx->trace)
          cited_extract_trace (S->ctx, TOK (S, first)->start, TOK (S, *i)->end,
                               "period or time by rule %s", number_period_rules[r].name);
        return;
      }
}

/* "down from $3.8bn in 2003", "compared with 5% in 2003", "up $3bn from
 * 2003": the number token a year at @p is the base of a comparison for,
 * or G_MAXUINT. */
static guint
comparison_base (Sentence *S,
                 guint     p)
{
  /* "up nearly $3bn from 2003", "up 27% from its 2003 performance" */
  if (p >= 3 && !is_word (S, TOK (S, p - 1), "from") &&
      (is_word (S, TOK (S, p - 1), "its") || is_word (S, TOK (S, p - 1), "their") ||
       is_word (S, TOK (S, p - 1), "the")) && is_word (S, TOK (S, p - 2), "from"))
    p--;
  if (p >= 2 && is_word (S, TOK (S, p - 1), "from"))
    {
      for (guint k = p - 1; k-- > 0 && k + 4 >= p;)
        if (TOK (S, k)->type == T_NUM)
          return k;
      return G_MAXUINT;
    }
  if (p < 3 || !is_word (S, TOK (S, p - 1), "in"))
    return G_MAXUINT;
  for (guint k = p - 1; k-- > 0 && k + 6 >= p;)
    if (TOK (S, k)->type == T_NUM)
      {
        /* the number's words before it: "from", "with", "against", "than" */
        for (guint j = k; j-- > 0 && j + 3 >= k;)
          if (is_word (S, TOK (S, j), "from") || is_word (S, TOK (S, j), "with") ||
              is_word (S, TOK (S, j), "against") ||
              /* not "more than", a qualifier */
              (is_word (S, TOK (S, j), "than") && !(j > 0 && (is_word (S, TOK (S, j - 1), "more") ||
                                                                is_word (S, TOK (S, j - 1), "less") ||
                                                                is_word (S, TOK (S, j - 1), "fewer")))))
            return k;
        return G_MAXUINT;
      }
  return G_MAXUINT;
}

/* Finds the years, quarters and relative years of the sentence
 * (S->years, S->quarters, S->rel_years) and marks the numbers that are
 * dates, times or years as used, so that they are no figures. */
void
mark_periods (Sentence *S)
{
  guint n = S->tokens->len;

  g_array_set_size (S->years, 0);
  g_array_set_size (S->quarters, 0);
  g_array_set_size (S->rel_years, 0);

  for (guint i = 0; i < n; i++)
    {
      Token *t = TOK (S, i);

      if (t->type == T_NUM && !t->used)
        mark_number_period (S, &i);
      else if (t->type == T_WORD)
        mark_period_words (S, i);
    }
  for (guint k = 0; k < S->years->len; k++)
    {
      Period *p = &g_array_index (S->years, Period, k);

      p->base = comparison_base (S, p->token);
    }
}

int
nearest_period (Sentence *S,
                GArray   *periods,
                guint     token,
                gboolean  same_clause)
{
  int best = -1;
  guint best_d = G_MAXUINT;
  guint16 clause = TOK (S, token)->clause;

  for (guint k = 0; k < periods->len; k++)
    {
      const Period *p = &g_array_index (periods, Period, k);
      guint d = p->token > token ? p->token - token : token - p->token;

      if (same_clause && TOK (S, p->token)->clause != clause)
        continue;
      /* the year of a comparison's base is that number's, not a figure's
       * of another clause ("..., down from $3.8bn in 2003, while revenue
       * rose to $193bn") */
      if (p->base != G_MAXUINT && (token + 1 < p->base || token > p->base) &&
          TOK (S, token)->clause != TOK (S, p->token)->clause)
        continue;
      if (d < best_d)
        {
          best_d = d;
          best = (int) k;
        }
    }
  return best;
}
