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
        {
          Token *prev = i > 0 ? TOK (S, i - 1) : NULL;
          Token *next = i + 1 < n ? TOK (S, i + 1) : NULL;

          /* ISO and slashed dates: 2024-01-31, 31/01/2024, 2024/1/31. */
          if (next && next->glued && (is_punct (next, '-') || is_punct (next, '/') ||
                                      is_punct (next, '.')) &&
              i + 2 < n && TOK (S, i + 2)->type == T_NUM && TOK (S, i + 2)->glued &&
              !t->decimal && !t->sep && t->ndigits <= 4 && TOK (S, i + 2)->ndigits <= 2 &&
              (year_like (t) ||
               (i + 4 < n && TOK (S, i + 3)->glued && TOK (S, i + 3)->type == T_PUNCT &&
                TOK (S, i + 3)->cp == next->cp && TOK (S, i + 4)->type == T_NUM &&
                TOK (S, i + 4)->glued)))
            {
              guint last = i + 2;

              if (i + 4 < n && TOK (S, i + 3)->glued && TOK (S, i + 3)->type == T_PUNCT &&
                  TOK (S, i + 3)->cp == next->cp && TOK (S, i + 4)->type == T_NUM &&
                  TOK (S, i + 4)->glued)
                last = i + 4;
              /* "2018-19" and "2018/2019" are spans of years, not dates. */
              if (last == i + 2 && year_like (t) && is_punct (next, '.'))
                continue;
              for (guint j = i; j <= last; j++)
                TOK (S, j)->used = 1;
              if (last == i + 2 && year_like (t) && !is_punct (next, '/'))
                {
                  /* "2018-19": a fiscal year; keep the first as the period. */
                  Period per = { i, (int) t->num };

                  if (TOK (S, i + 2)->num > 12 || TOK (S, i + 2)->ndigits == 4)
                    g_array_append_val (S->years, per);
                }
              i = last;
              continue;
            }
          /* Q1..Q4 */
          if (prev && t->glued && prev->type == T_WORD && prev->end - prev->start == 1 &&
              (S->body[prev->start] == 'Q' || S->body[prev->start] == 'q') &&
              t->num >= 1 && t->num <= 4 && !t->decimal)
            {
              Period per = { i, (int) t->num };

              t->used = 1;
              g_array_append_val (S->quarters, per);
              continue;
            }
          /* Times: 10:30, 3pm, 3 p.m. */
          if (next && next->glued && (is_punct (next, ':') || is_punct (next, 0xFF1A)) &&
              i + 2 < n && TOK (S, i + 2)->type == T_NUM && TOK (S, i + 2)->glued &&
              TOK (S, i + 2)->ndigits == 2)
            {
              t->used = next->used = TOK (S, i + 2)->used = 1;
              i += 2;
              continue;
            }
          /* "at 1330", "by 0900": a 24-hour clock after a word of time */
          if (prev && t->ndigits == 4 && !t->decimal && !t->sep && t->num <= 2359 && !year_like (t) &&
              fmod (t->num, 100) < 60 && !followed_by_quantity (S, i) &&
              (is_word (S, prev, "at") || is_word (S, prev, "by") || is_word (S, prev, "until") ||
               is_word (S, prev, "before") || is_word (S, prev, "after")) &&
              !(next && next->type == T_WORD && TOK_FIELD (next, unit) != NULL))
            {
              t->used = 1;
              continue;
            }
          /* "3pm", "10 am", "1130 GMT" */
          if (next && next->type == T_WORD && tok_has (next, W_CLOCK) && !t->decimal && !t->sep &&
              (t->num <= 24 || (t->ndigits == 4 && t->num <= 2359 && fmod (t->num, 100) < 60)))
            {
              t->used = 1;
              continue;
            }
          if (next && next->type == T_WORD && t->num <= 12 && !t->decimal &&
              next->end - next->start == 1 &&
              (S->body[next->start] == 'a' || S->body[next->start] == 'p') &&
              i + 2 < n && is_punct (TOK (S, i + 2), '.') && TOK (S, i + 2)->glued)
            {
              t->used = 1;
              continue;
            }
          /* Older years after "in", "since", "by": "in 1789". */
          if (t->ndigits == 4 && !t->sep && !t->decimal && t->num >= 1000 && t->num < 1800 &&
              prev && (is_word (S, prev, "in") || is_word (S, prev, "since") ||
                       is_word (S, prev, "by") || is_word (S, prev, "during")) &&
              !followed_by_quantity (S, i))
            {
              Period per = { i, (int) t->num };

              t->used = 1;
              if (!is_word (S, prev, "since"))
                g_array_append_val (S->years, per);
              continue;
            }
          /* Years, unless a quantity follows ("2000 people") or money
           * comes before ("$2021"). */
          if (year_like (t) && (!followed_by_quantity (S, i) ||
                                (prev && prev->type == T_WORD && t->num >= 1990 && t->num <= 2040 &&
                                 (tok_has (prev, W_YEARDET) || prev->poss ||
                                  (prev->end - prev->start >= 3 &&
                                   memcmp (S->body + prev->end - 3, "end", 3) == 0)))) &&
              !(prev && prev->type == T_SYM && prev->cp != '%') &&
              !(next && next->glued && next->type == T_WORD &&
                !(S->body[next->start] == 's' && next->end - next->start == 1)))
            {
              Period per = { i, (int) t->num };

              t->used = 1;
              if (next && next->glued && next->type == T_WORD)
                next->used = 1;  /* "2020s" */
              else if (!(prev && is_word (S, prev, "since")))
                g_array_append_val (S->years, per);   /* "since 2016" is no period */
              /* "2018-2019", "2018 to 2020": every year is a period. */
              continue;
            }
          /* Days of months: "December 28th", "28 December", "Nov. 2". */
          {
            Token *pw = prev;

            if (pw && is_punct (pw, '.') && i >= 2)
              pw = TOK (S, i - 2);
            if (t->num >= 1 && t->num <= 31 && !t->decimal && !t->sep &&
                ((pw && pw->type == T_WORD && tok_has (pw, W_MONTH) && pw->cap) ||
                 (next && next->type == T_WORD && tok_has (next, W_MONTH) && next->cap) ||
                 (next && next->type == T_WORD && next->glued && tok_has (next, W_ORDSUFFIX) &&
                  i + 2 < n && TOK (S, i + 2)->type == T_WORD && tok_has (TOK (S, i + 2), W_OF) &&
                  i + 3 < n && tok_has (TOK (S, i + 3), W_MONTH))))
              {
                t->used = 1;
                if (next && next->glued && next->type == T_WORD && tok_has (next, W_ORDSUFFIX))
                  next->used = 1;
                continue;
              }
          }
        }
      else if (t->type == T_WORD)
        {
          guint64 f = tok_flags (t);

          if ((f & W_REL) && i + 1 < n && tok_has (TOK (S, i + 1), W_YEAR))
            {
              Period per = { i, (int) t->w->num };

              g_array_append_val (S->rel_years, per);
            }
          else if ((f & W_ORDINAL) && t->w->num <= 4)
            {
              guint j = i + 1;

              if (j < n && is_dash (TOK (S, j)))
                j++;
              if (j < n && tok_has (TOK (S, j), W_QUARTER))
                {
                  Period per = { i, (int) t->w->num };

                  g_array_append_val (S->quarters, per);
                  t->used = 1;
                }
            }
        }
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
      if (d < best_d)
        {
          best_d = d;
          best = (int) k;
        }
    }
  return best;
}
