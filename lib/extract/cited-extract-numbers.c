/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited-extract-en-private.h"

/* ------------------------------------------------------------------ */
/* Figures                                                             */

static gboolean
is_ascii_lower_word (Sentence    *S,
                     const Token *t)
{
  for (guint k = t->start; k < t->end; k++)
    if (!g_ascii_islower (S->body[k]) && S->body[k] != '-')
      return FALSE;
  return TRUE;
}

/* Looks for the counted noun after token @i: a known unit within three
 * words (skipping adjectives such as "mobile" or "offline"), else a plain
 * plural noun right after. Sets *duration when the noun is a span of time. */
guint
find_unit (Sentence    *S,
           guint        i,
           const char **unit,
           char       **owned,
           gboolean    *duration,
           gboolean    *times)
{
  guint n = S->tokens->len;
  guint j = i + 1;

  *unit = NULL;
  *owned = NULL;
  *duration = FALSE;
  *times = FALSE;

  for (guint skipped = 0; j < n && skipped < 3; j++, skipped++)
    {
      Token *t = TOK (S, j);
      guint64 f;
      const char *u;

      if (t->type == T_PUNCT && t->cp == '-' && t->glued)
        {
          /* "40-year", "locked-in orders" */
          if (j + 1 < n && TOK (S, j + 1)->glued && TOK (S, j + 1)->type == T_WORD)
            {
              j++;
              continue;
            }
          break;
        }
      if (t->type != T_WORD)
        break;
      if (t->mention >= 0)
        {
          /* A product name in the plural: "2 billion iPhones", "iPads". */
          const CitedMention *m = &S->ctx->mentions[S->m_first + t->mention];

          if (m->end + 1 <= S->end && S->body[m->end] == 's' && m->end + 1 == t->end)
            {
              *unit = g_intern_static_string ("units");
              return j;
            }
          if (m->end < t->end)
            break;
          continue;     /* "10 million Xiaomi phones" */
        }
      f = tok_flags (t);
      if (f & W_TIMEUNIT)
        {
          *duration = skipped == 0 || !(f & W_ORDINAL);
          return i;
        }
      if (f & W_TIMES)
        {
          *times = skipped == 0;
          return i;
        }
      if (j + 1 < n)
        {
          const Word *pw = phrase_find (S, t, TOK (S, j + 1));

          if (pw && pw->unit)
            {
              *unit = pw->unit;
              return j + 1;
            }
        }
      u = TOK_FIELD (t, unit);
      if (u != NULL)
        {
          *unit = u;
          return j;
        }
      /* After a brand, its product words: "10,000 Xiaomi Home stores". */
      if (t->cap && j > i + 1 && TOK (S, j - 1)->mention >= 0 && !(f & (W_STOP | W_MONTH)))
        continue;
      if ((f & (W_STOP | W_OF | W_MONTH | W_SCALE | W_PERCENT)) || t->cap ||
          TOK_FIELD (t, currency) || TOK_FIELD (t, metric) || TOK_FIELD (t, qualifier))
        break;
      if (t->end - t->start < 3 || !is_ascii_lower_word (S, t))
        break;
    }

  /* A plain plural right after the number: "10 million transactions", but
   * not "5 million analysts had expected". */
  j = i + 1;
  if (j < n && !others_expected_at (S, j))
    {
      Token *t = TOK (S, j);
      guint len = t->end - t->start;
      guint64 f = tok_flags (t);

      if (t->type == T_WORD && !t->glued && t->mention < 0 && len >= 4 && len < 32 &&
          is_ascii_lower_word (S, t) && S->body[t->end - 1] == 's' &&
          S->body[t->end - 2] != 's' &&
          !(f & (W_STOP | W_OF | W_MONTH | W_SCALE | W_PERCENT | W_VAGUE | W_TIMES | W_TIMEUNIT |
                 W_PRODSUFFIX | W_LABEL | W_CONJ)) &&
          !TOK_FIELD (t, metric) && !TOK_FIELD (t, currency) && !TOK_FIELD (t, qualifier))
        {
          *owned = g_strndup (S->body + t->start, len);
          return j;
        }
    }
  return i;
}

/* Looks for a currency after token @i ("3999 yuan", "75 pence", "US
 * dollars"). Returns the last token of it, or @i. */
guint
find_currency_after (Sentence    *S,
                     guint        i,
                     const char **currency,
                     double      *factor)
{
  guint n = S->tokens->len;
  guint j = i + 1;

  *factor = 1;
  if (j < n && TOK (S, j)->type == T_WORD)
    {
      Token *t = TOK (S, j);
      const char *c = TOK_FIELD (t, currency);

      /* "Swiss francs", "Hong Kong dollars" */
      if (c == NULL && j + 1 < n)
        {
          const Word *pw = phrase_find (S, t, TOK (S, j + 1));

          if (pw != NULL && pw->currency != NULL)
            {
              *currency = pw->currency;
              return j + 1;
            }
        }
      /* "US dollars" */
      if (c == NULL && j + 1 < n && TOK (S, j + 1)->type == T_WORD &&
          (t->end - t->start == 2) && g_ascii_isupper (S->body[t->start]))
        {
          Token *t2 = TOK (S, j + 1);
          const char *c2 = TOK_FIELD (t2, currency);

          if (c2 != NULL)
            {
              *currency = c2;
              return j + 1;
            }
        }
      /* "50 Cent" is a name, not money. */
      if (c != NULL && t->cap && t->end - t->start == 4 &&
          memcmp (S->body + t->start, "Cent", 4) == 0)
        return i;
      if (c != NULL)
        {
          /* "won" is also a verb ("Halo 2 won three awards"): as money it
           * comes in large amounts. */
          if (strcmp (c, "KRW") == 0 && S->body[t->start] == 'w' &&
              !(TOK (S, i)->type == T_WORD && tok_has (TOK (S, i), W_SCALE)) && TOK (S, i)->num < 1000)
            return i;
          *currency = c;
          if (t->w && t->w->money_factor > 0)
            *factor = t->w->money_factor;
          return j;
        }
      if (t->glued && t->w && t->w->money_factor > 0 && t->end - t->start == 1)
        {
          /* "75p" */
          *currency = g_intern_static_string ("GBP");
          *factor = t->w->money_factor;
          return j;
        }
    }
  return i;
}

/* Reads a number written in words at @i: "two hundred", "a dozen",
 * "half a million", "twenty-five". Returns the number of tokens read. */
static guint
parse_spelled (Sentence *S,
               guint     i,
               double   *value,
               gboolean *has_scale)
{
  guint n = S->tokens->len;
  double total = 0, cur = 0;
  gboolean any = FALSE;
  guint j = i;

  *has_scale = FALSE;
  while (j < n)
    {
      Token *t = TOK (S, j);
      guint64 f = tok_flags (t);

      if (t->type != T_WORD || t->mention >= 0)
        break;
      if ((f & W_ARTICLE) && !any && j + 1 < n &&
          tok_has (TOK (S, j + 1), W_HUNDRED | W_DOZEN | W_SCALE) &&
          !tok_has (TOK (S, j + 1), W_SUFFIX))
        {
          cur = 1;
          j++;
          continue;
        }
      if ((f & W_HALF) && !any && j + 2 < n && tok_has (TOK (S, j + 1), W_ARTICLE) &&
          tok_has (TOK (S, j + 2), W_SCALE) && !tok_has (TOK (S, j + 2), W_SUFFIX))
        {
          total = 0.5 * TOK (S, j + 2)->w->scale;
          any = TRUE;
          *has_scale = TRUE;
          j += 3;
          continue;
        }
      if ((f & W_NUMWORD) && !(f & W_ORDINAL))
        {
          if (any && fmod (cur, 100) != 0 && t->w->num >= 10)
            break;    /* "five ten" */
          cur += t->w->num;
          any = TRUE;
          j++;
          if (j + 1 < n && is_dash (TOK (S, j)) && TOK (S, j)->glued &&
              TOK (S, j + 1)->glued && tok_has (TOK (S, j + 1), W_NUMWORD))
            j++;
          continue;
        }
      if ((f & W_HUNDRED) && (any || cur > 0))
        {
          cur = (cur > 0 ? cur : 1) * 100;
          any = TRUE;
          j++;
          continue;
        }
      if ((f & W_DOZEN) && (any || cur > 0))
        {
          cur = (cur > 0 ? cur : 1) * 12;
          any = TRUE;
          j++;
          continue;
        }
      if ((f & W_SCALE) && !(f & W_SUFFIX) && (any || cur > 0))
        {
          total += (cur > 0 ? cur : 1) * t->w->scale;
          cur = 0;
          any = TRUE;
          *has_scale = TRUE;
          j++;
          continue;
        }
      if ((f & W_AND) && any && j + 1 < n && tok_has (TOK (S, j + 1), W_NUMWORD) &&
          fmod (cur, 100) == 0 && cur > 0)
        {
          j++;
          continue;
        }
      /* "two and a half million" */
      if ((f & W_AND) && any && cur > 0 && j + 3 < n && tok_has (TOK (S, j + 1), W_ARTICLE) &&
          tok_has (TOK (S, j + 2), W_HALF) && tok_has (TOK (S, j + 3), W_SCALE) &&
          !tok_has (TOK (S, j + 3), W_SUFFIX))
        {
          cur += 0.5;
          j += 3;
          continue;
        }
      break;
    }
  if (!any)
    return 0;
  *value = total + cur;
  return j - i;
}

/* Reads a number at @i: currency before, digits or words, scale, percent. */
gboolean
parse_number (Sentence *S,
              guint     i,
              Number   *num)
{
  guint n = S->tokens->len;
  Token *t = TOK (S, i);
  guint j = i;

  memset (num, 0, sizeof *num);
  num->first = i;

  /* Currency before: "$", "US$", "HK$", "RMB", "Rs". */
  if (t->type == T_SYM && t->cp != '%')
    {
      num->currency = currency_for_symbol (t->cp);
      j++;
      if (j < n && TOK (S, j)->type == T_SYM && TOK (S, j)->cp != '%')
        j++;      /* "$$" */
    }
  else if (t->type == T_WORD && i + 1 < n)
    {
      Token *nx = TOK (S, i + 1);
      guint len = t->end - t->start;

      if (nx->type == T_SYM && nx->cp == '$' && nx->glued && len <= 2 && t->cap)
        {
          const char *w = S->body + t->start;

          if (len == 2 && memcmp (w, "US", 2) == 0)
            num->currency = "USD";
          else if (len == 2 && memcmp (w, "HK", 2) == 0)
            num->currency = "HKD";
          else if (len == 2 && memcmp (w, "NT", 2) == 0)
            num->currency = "TWD";
          else if (len == 1 && w[0] == 'R')
            num->currency = "BRL";
          else if (len == 1 && w[0] == 'A')
            num->currency = "AUD";
          else if (len == 1 && w[0] == 'C')
            num->currency = "CAD";
          else if (len == 1 && w[0] == 'S')
            num->currency = "SGD";
          else
            return FALSE;
          j += 2;
        }
      else if (TOK_FIELD (t, currency) && len >= 3 && !TOK_FIELD (t, unit) &&
               (nx->type == T_NUM) && g_ascii_isupper (S->body[t->start + 1]))
        {
          /* "RMB 3999", "CNY100" */
          num->currency = TOK_FIELD (t, currency);
          j++;
        }
      else if (len == 2 && memcmp (S->body + t->start, "Rs", 2) == 0 && nx->type == T_NUM)
        {
          num->currency = "INR";
          j++;
        }
      else if (len == 2 && memcmp (S->body + t->start, "Rs", 2) == 0 && is_punct (nx, '.') &&
               i + 2 < n && TOK (S, i + 2)->type == T_NUM)
        {
          num->currency = "INR";
          j += 2;
        }
      else if (!tok_has (t, W_NUMWORD | W_ARTICLE | W_HALF))
        return FALSE;
    }
  else if (t->type != T_NUM && !(t->type == T_WORD))
    return FALSE;

  if (j >= n)
    return FALSE;
  t = TOK (S, j);
  if (t->type == T_NUM)
    {
      if (t->used)
        return FALSE;
      num->value = t->num;
      num->last = j;
      /* A scale glued ("2.5bn", "24K") or spaced ("190 million"). */
      if (j + 1 < n)
        {
          Token *s = TOK (S, j + 1);

          /* Glued: any suffix ("2.5bn", "24K"); spaced: words and the
           * two-letter forms ("5 mn units"), not a lone "m" or "k". */
          if (s->type == T_WORD && tok_has (s, W_SCALE) &&
              (s->glued ? tok_has (s, W_SUFFIX) : !tok_has (s, W_SUFFIX) || s->end - s->start > 1))
            {
              num->value *= s->w->scale;
              num->scaled = TRUE;
              num->short_suffix = s->glued && s->end - s->start == 1;
              num->last = j + 1;
              /* "1.5 million" then "thousand"? no: "5 hundred thousand" is rare. */
            }
          else if (s->type == T_WORD && tok_has (s, W_HUNDRED) && !s->glued)
            {
              num->value *= 100;
              num->last = j + 1;
              if (j + 2 < n && tok_has (TOK (S, j + 2), W_SCALE) &&
                  !tok_has (TOK (S, j + 2), W_SUFFIX))
                {
                  num->value *= TOK (S, j + 2)->w->scale;
                  num->scaled = TRUE;
                  num->last = j + 2;
                }
            }
        }
    }
  else if (t->type == T_WORD)
    {
      guint count = parse_spelled (S, j, &num->value, &num->scaled);

      if (count == 0)
        return FALSE;
      num->spelled = TRUE;
      num->last = j + count - 1;
    }
  else
    return FALSE;

  /* Percent: "13%", "13 %", "13 percent", "13 per cent". */
  if (num->last + 1 < n)
    {
      Token *p = TOK (S, num->last + 1);

      if (p->type == T_SYM && p->cp == '%')
        {
          num->percent = TRUE;
          num->last++;
        }
      else if (p->type == T_WORD && tok_has (p, W_PERCENT))
        {
          num->percent = TRUE;
          num->last++;
          if (num->last + 1 < n && TOK (S, num->last + 1)->type == T_WORD &&
              g_ascii_strncasecmp (S->body + TOK (S, num->last + 1)->start, "points", 6) == 0)
            num->last++;
        }
      else if (p->type == T_WORD && tok_has (p, W_PER) && num->last + 2 < n &&
               tok_has (TOK (S, num->last + 2), W_CENT))
        {
          num->percent = TRUE;
          num->last += 2;
        }
    }
  return TRUE;
}

gboolean
is_word (Sentence    *S,
         const Token *t,
         const char  *word)
{
  guint len = strlen (word);

  return t->type == T_WORD && t->end - t->start == len &&
         g_ascii_strncasecmp (S->body + t->start, word, len) == 0;
}

gboolean
is_productish (Sentence    *S,
               guint        i)
{
  Token *p;

  if (i == 0)
    return FALSE;
  p = TOK (S, i - 1);
  if (p->type != T_WORD)
    return FALSE;
  if (p->mention >= 0)
    return TRUE;
  if (tok_has (p, W_LABEL))
    return TRUE;
  /* An unknown capitalized word inside the sentence: "Mate 20", "Windows 11";
   * a lone capital anywhere: "S&P 500", "Model S 100", "P 30". */
  if (p->cap && p->w == NULL && p->wx == NULL && i - 1 > 0 && !p->poss)
    return TRUE;
  if (p->cap && p->end - p->start == 1)
    return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* The scan                                                            */

/* Rank at @i: "second largest", "the world's largest maker", "number one",
 * "No. 1", "top three". Returns TRUE and fills @c. */
gboolean
parse_rank (Sentence  *S,
            guint      i,
            Candidate *c)
{
  guint n = S->tokens->len;
  Token *t = TOK (S, i);
  guint64 f = tok_flags (t);
  double rank = 0;
  guint last = i;
  gboolean need_head = FALSE;

  if (t->type == T_WORD && (f & W_ORDINAL))
    {
      guint j = i + 1;

      if (j < n && is_dash (TOK (S, j)))
        j++;
      if (j < n && tok_has (TOK (S, j), W_RANKADJ))
        {
          rank = t->w->num;
          last = j;
        }
    }
  else if (t->type == T_NUM && !t->decimal && t->num >= 1 && t->num <= 100 && i + 1 < n &&
           TOK (S, i + 1)->glued && tok_has (TOK (S, i + 1), W_ORDSUFFIX))
    {
      guint j = i + 2;

      if (j < n && is_dash (TOK (S, j)))
        j++;
      if (j < n && tok_has (TOK (S, j), W_RANKADJ))
        {
          rank = t->num;
          last = j;
        }
    }
  else if (t->type == T_WORD && (f & W_RANKADJ) && i > 0 &&
           (tok_has (TOK (S, i - 1), W_THE) || (TOK (S, i - 1)->poss)))
    {
      rank = 1;
      last = i;
      need_head = !TOK (S, i - 1)->poss;
    }
  else if (t->type == T_WORD && (f & (W_NUMBER | W_NO)) && i + 1 < n)
    {
      guint j = i + 1;
      Token *nx;

      if ((f & W_NO) && j < n && is_punct (TOK (S, j), '.'))
        j++;
      else if (f & W_NO)
        return FALSE;
      if (j >= n)
        return FALSE;
      nx = TOK (S, j);
      if (nx->type == T_NUM && !nx->decimal && nx->num >= 1 && nx->num <= 20)
        rank = nx->num;
      else if (nx->type == T_WORD && tok_has (nx, W_NUMWORD) && nx->w->num >= 1 && nx->w->num <= 20)
        rank = nx->w->num;
      else
        return FALSE;
      if (j + 1 < n && tok_has (TOK (S, j + 1), W_OF))
        return FALSE;
      last = j;
    }
  else if (t->type == T_WORD && (f & W_TOP) && i + 1 < n)
    {
      Token *nx = TOK (S, i + 1);

      if (nx->type == T_NUM && !nx->decimal && nx->num >= 2 && nx->num <= 20)
        rank = nx->num;
      else if (nx->type == T_WORD && tok_has (nx, W_NUMWORD) && nx->w->num >= 2 && nx->w->num <= 20)
        rank = nx->w->num;
      else
        return FALSE;
      if (i + 2 < n && TOK (S, i + 2)->type == T_SYM)
        return FALSE;     /* "top 10%" */
      last = i + 1;
      /* "in the top three in India", "the top three makers"; not "a top 100
       * list" or "the top three as the domestic market". */
      if (i + 2 < n && !(TOK (S, i + 2)->type == T_PUNCT) &&
          !(TOK (S, i + 2)->type == T_WORD && (tok_has (TOK (S, i + 2), W_COMPANY) ||
                                               is_word (S, TOK (S, i + 2), "in"))))
        return FALSE;
    }
  else if (t->type == T_WORD && (f & W_RANKVERB) && i + 1 < n &&
           tok_has (TOK (S, i + 1), W_ORDINAL))
    {
      rank = TOK (S, i + 1)->w->num;
      last = i + 1;
    }

  if (rank <= 0)
    return FALSE;

  /* The head noun decides: a rank among markets or economies is no
   * brand's. */
  {
    gboolean company = FALSE;

    for (guint j = last + 1; j < n && j <= last + 5; j++)
      {
        Token *h = TOK (S, j);

        if (h->type != T_WORD)
          break;
        if (tok_has (h, W_COMPANY))
          {
            company = TRUE;
            break;
          }
        if (tok_has (h, W_MARKET))
          return FALSE;
      }
    if (need_head && !company)
      return FALSE;
  }

  memset (c, 0, sizeof *c);
  c->first = i;
  c->last = last;
  c->value = rank;
  c->value_max = NAN;
  c->rank = TRUE;
  return TRUE;
}

const char *
qualifier_before (Sentence *S,
                  guint     i)
{
  Token *p1, *p2;

  if (i == 0)
    return NULL;
  p1 = TOK (S, i - 1);
  if (p1->type != T_WORD)
    return NULL;
  if (i >= 2)
    {
      const Word *pw;

      p2 = TOK (S, i - 2);
      pw = phrase_find (S, p2, p1);
      if (pw && pw->qualifier)
        {
          /* "no less than" is "at least"; "no more than" is "up to". */
          if (i >= 3 && tok_has (TOK (S, i - 3), W_NO))
            {
              if (strcmp (pw->qualifier, "less than") == 0)
                return "at least";
              if (strcmp (pw->qualifier, "more than") == 0)
                return "up to";
            }
          return pw->qualifier;
        }
      /* "as many as" */
      if (i >= 3 && p1->type == T_WORD && p2->type == T_WORD)
        {
          pw = phrase_find (S, TOK (S, i - 3), p2);
          if (pw && pw->qualifier && tok_has (p1, W_STOP))
            return pw->qualifier;
        }
    }
  return TOK_FIELD (p1, qualifier);
}
