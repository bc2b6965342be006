/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited-extract-en-private.h"

static void
candidate_clear (Candidate *c)
{
  g_clear_pointer (&c->unit_owned, g_free);
}

/* Whether the number token @i is part of a code rather than a quantity. */
static gboolean
is_code (Sentence *S,
         guint     i)
{
  guint n = S->tokens->len;
  Token *t = TOK (S, i);

  if (t->ndigits >= 9 && !t->sep && !t->decimal)
    return TRUE;
  /* "--333", "333--" */
  if (i >= 2 && t->glued && is_dash (TOK (S, i - 1)) && TOK (S, i - 1)->glued &&
      (is_dash (TOK (S, i - 2)) || (TOK (S, i - 2)->type == T_NUM && TOK (S, i - 2)->decimal)))
    return TRUE;
  if (i + 2 < n && is_dash (TOK (S, i + 1)) && TOK (S, i + 1)->glued &&
      is_dash (TOK (S, i + 2)) && TOK (S, i + 2)->glued)
    return TRUE;
  /* "-b 4096", "--bits 4096": an option of a command. */
  if (i >= 2 && TOK (S, i - 1)->type == T_WORD && TOK (S, i - 1)->glued &&
      is_dash (TOK (S, i - 2)) && !TOK (S, i - 2)->glued && !t->glued)
    return TRUE;
  return FALSE;
}

void
scan_figures (Sentence  *S,
              GPtrArray *figures)
{
  guint n = S->tokens->len;
  gboolean bare_column = FALSE;

  /* A line where most tokens are numbers is a table's column or row. */
  {
    guint n_num = 0, n_other = 0;

    for (guint i = 0; i < n; i++)
      {
        Token *t = TOK (S, i);

        if (t->type == T_NUM && !t->used)
          n_num++;
        else if (t->type == T_WORD || t->type == T_CJK)
          n_other++;
      }
    bare_column = n_num >= 4 && n_num > n_other;
  }

  for (guint i = 0; i < n; i++)
    {
      Token *t = TOK (S, i);
      Candidate c = { 0 };
      Number a;
      guint last;
      const char *unit = NULL;
      char *owned = NULL;
      gboolean duration = FALSE, times = FALSE;
      double factor = 1;
      const char *cur_after = NULL;

      if (t->used)
        continue;

      if (t->type == T_WORD && parse_rank (S, i, &c))
        {
          emit (S, &c, figures);
          for (guint j = c.first; j <= c.last; j++)
            TOK (S, j)->used = 1;
          i = c.last;
          continue;
        }
      if (t->type == T_WORD && tok_has (t, W_TOP) && i + 1 < n && TOK (S, i + 1)->type == T_NUM)
        {
          /* "a top 100 list": no rank and no figure. */
          TOK (S, i + 1)->used = 1;
          i++;
          continue;
        }
      if (t->type == T_WORD && tok_has (t, W_VAGUE))
        {
          /* "hundreds of millions of users": no number to cite. */
          while (i + 1 < n && tok_has (TOK (S, i + 1), W_OF | W_VAGUE | W_SCALE))
            TOK (S, ++i)->used = 1;
          continue;
        }
      if (t->type == T_NUM && i + 1 < n && TOK (S, i + 1)->glued &&
          tok_has (TOK (S, i + 1), W_ORDSUFFIX))
        {
          if (parse_rank (S, i, &c))
            {
              emit (S, &c, figures);
              i = c.last;
            }
          else
            i++;          /* "the 3rd" */
          continue;
        }
      if (t->type != T_NUM && t->type != T_SYM && t->type != T_WORD)
        continue;
      if (!parse_number (S, i, &a))
        continue;

      /* Attribute values in markup ("width = \"303\""), list markers ("100.")
       * and specifications ("5,000 mAh", "48 MP") are no figures. */
      {
        guint q = a.first;

        while (q > 0 && TOK (S, q - 1)->type == T_PUNCT &&
               (TOK (S, q - 1)->cp == '"' || TOK (S, q - 1)->cp == '\''))
          q--;
        if (q > 0 && is_punct (TOK (S, q - 1), '='))
          {
            TOK (S, a.first)->used = 1;
            i = a.last;
            continue;
          }
        if (a.first == 0 && !a.spelled && a.currency == NULL && !a.percent && !a.scaled &&
            (a.last + 1 >= n || (TOK (S, a.last + 1)->type == T_PUNCT &&
                                 (TOK (S, a.last + 1)->cp == '.' || TOK (S, a.last + 1)->cp == ')'))))
          {
            i = a.last;
            continue;
          }
        /* Codes, versions and identifiers: long digit runs
         * ("v0.0.0-20170915032832"), numbers in runs of dashes
         * ("600331--333---600340"), command-line options ("-b 4096"). */
        if (!a.spelled && a.currency == NULL && !a.percent && !a.scaled &&
            TOK (S, a.last)->type == T_NUM && is_code (S, a.last))
          {
            TOK (S, a.last)->used = 1;
            i = a.last;
            continue;
          }
        /* In a column of bare numbers (a table flattened to text), a
         * number with no unit, currency or scale is a cell, not a figure. */
        if (bare_column && !a.spelled && a.currency == NULL && !a.percent && !a.scaled &&
            (a.last + 1 >= n || TOK (S, a.last + 1)->type != T_WORD ||
             (TOK_FIELD (TOK (S, a.last + 1), unit) == NULL &&
              TOK_FIELD (TOK (S, a.last + 1), currency) == NULL)))
          {
            TOK (S, a.last)->used = 1;
            i = a.last;
            continue;
          }
        if (!a.percent && a.currency == NULL && a.last + 1 < n &&
            tok_has (TOK (S, a.last + 1), W_SPEC))
          {
            for (guint r = a.first; r <= a.last + 1; r++)
              TOK (S, r)->used = 1;
            i = a.last + 1;
            continue;
          }
      }

      {
        /* The first number token, for the model-name checks. */
        guint ni = a.first;

        while (ni <= a.last && TOK (S, ni)->type != T_NUM && !a.spelled)
          ni++;
        if (!a.spelled && ni <= a.last)
          {
            Token *nt = TOK (S, ni);
            Token *pv = ni > 0 ? TOK (S, ni - 1) : NULL;
            Token *nx = ni + 1 < n ? TOK (S, ni + 1) : NULL;

            if (nt->used)
              continue;
            /* Glued to letters before: "Mate10", "SU7", "COVID-19". */
            if (pv && nt->glued && (pv->type == T_WORD || pv->type == T_CJK) && a.currency == NULL)
              {
                nt->used = 1;
                continue;
              }
            if (pv && nt->glued && is_dash (pv) && ni >= 2 && pv->glued &&
                TOK (S, ni - 2)->type == T_WORD)
              {
                nt->used = 1;
                continue;
              }
            if (pv && nt->glued && (is_punct (pv, '#') || is_punct (pv, '.') || is_punct (pv, '/')))
              continue;
            /* Glued to letters after that are no scale: "6T", "5G", "4K" TVs. */
            if (nx && nx->glued && nx->type == T_WORD && !(a.scaled && ni + 1 <= a.last) &&
                !(nx->w && nx->w->money_factor > 0 && nx->end - nx->start == 1))
              {
                nt->used = 1;
                nx->used = 1;
                continue;
              }
            if (nx && nx->glued && nx->type == T_WORD && a.scaled && !a.currency &&
                (nx->end - nx->start) == 1 && (S->body[nx->start] == 'K' || S->body[nx->start] == 'k') &&
                nt->num <= 16 && !nt->decimal)
              {
                nt->used = 1;   /* "4K", "8K" screens */
                continue;
              }
            /* Model names: "Xiaomi 8 Pro", "Mi 14", "iPhone 15", "Windows 11". */
            if (!a.scaled && !a.percent && !a.currency && !nt->sep && !nt->decimal &&
                nt->num < 10000 && is_productish (S, ni))
              {
                const char *u = NULL;
                char *o = NULL;
                gboolean dur, tim;

                find_unit (S, a.last, &u, &o, &dur, &tim);
                g_free (o);
                if (u == NULL || strcmp (u, "units") == 0)
                  {
                    nt->used = 1;
                    continue;
                  }
              }
            if (!a.scaled && !a.percent && !a.currency && nx && !nx->glued &&
                nx->type == T_WORD && tok_has (nx, W_PRODSUFFIX) &&
                (nx->cap || g_ascii_strncasecmp (S->body + nx->start, "series", 6) == 0) &&
                nt->num < 1000 && !nt->sep)
              {
                nt->used = 1;
                continue;
              }
          }
        else if (a.spelled)
          {
            /* "one plus" (OnePlus) and "one" inside other brands. */
            if (TOK (S, a.first)->mention >= 0)
              continue;
          }
      }

      last = a.last;
      c.first = a.first;
      c.value = a.value;
      c.value_max = NAN;
      c.currency = a.currency;

      /* Range: "40 to 50", "40-50", "between 3 and 5", "$3-5bn". */
      if (last + 2 < n)
        {
          Token *r = TOK (S, last + 1);
          gboolean between = a.first > 0 && tok_has (TOK (S, a.first - 1), W_BETWEEN);
          gboolean from = a.first > 0 && tok_has (TOK (S, a.first - 1), W_FROM);
          gboolean sep = is_dash (r) || (r->type == T_WORD && tok_has (r, W_TO) && !from) ||
                         (between && r->type == T_WORD && tok_has (r, W_AND));

          if (sep && !from && !a.percent)
            {
              Number b;

              if (parse_number (S, last + 2, &b) && !TOK (S, b.spelled ? b.first : b.last)->used &&
                  a.spelled == b.spelled &&
                  (b.currency == NULL || a.currency == NULL || b.currency == a.currency))
                {
                  double lo = a.value, hi = b.value;

                  /* "3 to 5 million": the scale of the second applies to both. */
                  if (!a.scaled && b.scaled)
                    {
                      for (guint q = b.first; q <= b.last; q++)
                        {
                          Token *s = TOK (S, q);

                          if (s->type == T_WORD && tok_has (s, W_SCALE))
                            lo *= s->w->scale;
                        }
                    }
                  if (hi > lo)
                    {
                      c.value = lo;
                      c.value_max = hi;
                      last = b.last;
                      if (c.currency == NULL)
                        c.currency = b.currency;
                      a.percent = a.percent || b.percent;
                    }
                }
            }
          else if (sep && a.percent && !from)
            {
              /* "5%-7%", "3% to 3.5%" */
              Number b;

              if (parse_number (S, last + 2, &b) && b.percent && b.value > a.value)
                {
                  c.value_max = b.value;
                  last = b.last;
                }
            }
        }

      if (a.percent || (last > a.last && last > 0 && TOK (S, last)->type == T_SYM &&
                        TOK (S, last)->cp == '%'))
        c.unit = "%";
      else
        {
          guint cl = c.currency == NULL ? find_currency_after (S, last, &cur_after, &factor) : last;

          if (cl > last)
            {
              c.currency = cur_after;
              c.value *= factor;
              if (!isnan (c.value_max))
                c.value_max *= factor;
              last = cl;
            }
          else
            {
              guint ul = find_unit (S, last, &unit, &owned, &duration, &times);

              if (duration || times)
                {
                  g_free (owned);
                  for (guint q = a.first; q <= last; q++)
                    TOK (S, q)->used = 1;
                  i = last;
                  continue;
                }
              /* A number before a singular noun names a model: "their 7610
               * phone", "the 737 plane". */
              if (unit != NULL && c.currency == NULL && !a.scaled && !a.spelled &&
                  c.value != 1 && isnan (c.value_max) && strcmp (unit, "people") != 0 &&
                  ul > last && TOK (S, ul)->type == T_WORD &&
                  S->body[TOK (S, ul)->end - 1] != 's' && S->body[TOK (S, ul)->end - 1] != 'S' &&
                  /* but "500 phone shops" counts shops */
                  !(ul + 1 < n && TOK (S, ul + 1)->type == T_WORD &&
                    S->body[TOK (S, ul + 1)->end - 1] == 's'))
                {
                  g_free (owned);
                  for (guint q = a.first; q <= ul; q++)
                    TOK (S, q)->used = 1;
                  i = ul;
                  continue;
                }
              if (c.currency == NULL)
                {
                  c.unit = unit;
                  c.unit_owned = owned;
                  owned = NULL;
                  last = ul;
                }
              g_free (owned);
            }
        }

      /* A measure used as an adjective: "a 5,000-ton destroyer", "a 90-day
       * truce". */
      if (!a.percent && c.currency == NULL && c.unit == NULL && c.unit_owned == NULL &&
          last + 2 < n && is_dash (TOK (S, last + 1)) && TOK (S, last + 1)->glued &&
          TOK (S, last + 2)->glued && TOK (S, last + 2)->type == T_WORD)
        {
          candidate_clear (&c);
          for (guint q = a.first; q <= last; q++)
            TOK (S, q)->used = 1;
          i = last;
          continue;
        }
      /* "800m" and "17.30m" in sport are metres: a one-letter scale with no
       * currency needs a counted noun ("5m people", "24K stores"). */
      if (a.short_suffix && c.currency == NULL && c.unit == NULL && !a.percent)
        {
          candidate_clear (&c);
          for (guint q = a.first; q <= last; q++)
            TOK (S, q)->used = 1;
          i = last;
          continue;
        }
      /* Words alone are too common to be figures: "one of", "two models";
       * and "two towns", "three partners" are talk, not cited figures. */
      if (a.spelled && ((c.unit == NULL && c.currency == NULL) || c.value < 10) && !a.scaled)
        {
          candidate_clear (&c);
          i = a.last;
          continue;
        }
      /* Plain nouns the tables do not know count only in numbers large
       * enough to be cited: "10 million transactions", not "2 goals". */
      if (c.unit_owned != NULL && (a.spelled || (!a.scaled && c.value < 100)))
        {
          candidate_clear (&c);
          i = a.last;
          continue;
        }
      /* "reached 600 of the previous generation", "600 of its": a bare
       * number that is part of something else counts nothing we can use. */
      if (!a.spelled && c.unit == NULL && c.unit_owned == NULL && c.currency == NULL &&
          !a.scaled && last + 2 < n && tok_has (TOK (S, last + 1), W_OF))
        {
          Token *d = TOK (S, last + 2);

          if (is_word (S, d, "its") || is_word (S, d, "their") || is_word (S, d, "his") ||
              is_word (S, d, "her") || is_word (S, d, "our") ||
              (is_word (S, d, "the") && last + 3 < n &&
               (is_word (S, TOK (S, last + 3), "previous") || is_word (S, TOK (S, last + 3), "last") ||
                is_word (S, TOK (S, last + 3), "prior"))))
            {
              candidate_clear (&c);
              i = a.last;
              continue;
            }
        }
      /* A bare "1" or "2" is more often a list or a name than a figure. */
      /* A bare number under 100 is an age, a score, a position or a name
       * more often than a cited figure. */
      if (!a.spelled && c.unit == NULL && c.unit_owned == NULL && c.currency == NULL && !a.scaled &&
          (isnan (c.value_max) ? c.value : c.value_max) < 100)
        {
          i = a.last;
          continue;
        }

      c.last = last;
      c.qualifier = qualifier_before (S, a.first);
      emit (S, &c, figures);
      candidate_clear (&c);
      for (guint q = a.first; q <= last; q++)
        TOK (S, q)->used = 1;
      i = last;
    }
}
