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

/* What a unit rule says about the word at q->j after a number. */
typedef enum {
  UNIT_PASS,                 /* the next rule decides */
  UNIT_SKIP,                 /* an adjective or a name: look at the next word */
  UNIT_STOP,                 /* no known unit after the number */
  UNIT_FOUND,                /* q->unit (or a duration, "times") ends at q->found */
} UnitVerdict;

typedef struct {
  Sentence *S;
  guint i;                   /* the last token of the number */
  guint j;                   /* the word looked at */
  guint skipped;             /* words skipped so far */
  const Token *t;
  guint64 f;                 /* tok_flags (t) */
  const char *unit;
  gboolean duration;
  gboolean times;
  guint found;
} UnitQuery;

/* unit-hyphen: "40-year", "locked-in orders": a glued hyphen joins the
 * next word; any other dash ends the search. */
static UnitVerdict
unit_hyphen (UnitQuery *q)
{
  Sentence *S = q->S;

  if (!(q->t->type == T_PUNCT && q->t->cp == '-' && q->t->glued))
    return UNIT_PASS;
  if (q->j + 1 < S->tokens->len && TOK (S, q->j + 1)->glued && TOK (S, q->j + 1)->type == T_WORD)
    {
      q->j++;
      return UNIT_SKIP;
    }
  return UNIT_STOP;
}

/* not-a-word: punctuation, numbers and CJK end the search. */
static UnitVerdict
unit_not_word (UnitQuery *q)
{
  return q->t->type != T_WORD ? UNIT_STOP : UNIT_PASS;
}

/* brand-plural: a product name in the plural counts units ("2 billion
 * iPhones"); a brand before the noun is skipped ("10 million Xiaomi
 * phones"). */
static UnitVerdict
unit_brand (UnitQuery *q)
{
  Sentence *S = q->S;
  const CitedMention *m;

  if (q->t->mention < 0)
    return UNIT_PASS;
  m = &S->ctx->mentions[S->m_first + q->t->mention];
  if (m->end + 1 <= S->end && S->body[m->end] == 's' && m->end + 1 == q->t->end)
    {
      q->unit = g_intern_static_string ("units");
      q->found = q->j;
      return UNIT_FOUND;
    }
  return m->end < q->t->end ? UNIT_STOP : UNIT_SKIP;
}

/* time-unit: "10 years", "the first month": a span of time, no unit;
 * "5 times", "3-fold": a multiple. */
static UnitVerdict
unit_time (UnitQuery *q)
{
  if (q->f & W_TIMEUNIT)
    q->duration = q->skipped == 0 || !(q->f & W_ORDINAL);
  else if (q->f & W_TIMES)
    q->times = q->skipped == 0;
  else
    return UNIT_PASS;
  q->found = q->i;
  return UNIT_FOUND;
}

/* unit-word: a word or two-word phrase of the "units" table: "phones",
 * "sales volume". */
static UnitVerdict
unit_word (UnitQuery *q)
{
  Sentence *S = q->S;

  if (q->j + 1 < S->tokens->len)
    {
      const Word *pw = phrase_find (S, q->t, TOK (S, q->j + 1));

      if (pw && pw->unit)
        {
          q->unit = pw->unit;
          q->found = q->j + 1;
          return UNIT_FOUND;
        }
    }
  q->unit = TOK_FIELD (q->t, unit);
  if (q->unit == NULL)
    return UNIT_PASS;
  q->found = q->j;
  return UNIT_FOUND;
}

/* brand-product: after a brand, its product words: "10,000 Xiaomi Home
 * stores". */
static UnitVerdict
unit_brand_product (UnitQuery *q)
{
  if (q->t->cap && q->j > q->i + 1 && TOK (q->S, q->j - 1)->mention >= 0 &&
      !(q->f & (W_STOP | W_MONTH)))
    return UNIT_SKIP;
  return UNIT_PASS;
}

/* not-a-noun: stop words, months, scales, names and the words of other
 * tables end the search ("5 million of", "3 May"), so do short or mixed
 * words; what is left is an adjective to skip ("mobile", "offline"). */
static UnitVerdict
unit_not_noun (UnitQuery *q)
{
  const Token *t = q->t;

  if ((q->f & (W_STOP | W_OF | W_MONTH | W_SCALE | W_PERCENT)) || t->cap ||
      TOK_FIELD (t, currency) || TOK_FIELD (t, metric) || TOK_FIELD (t, qualifier))
    return UNIT_STOP;
  if (t->end - t->start < 3 || !is_ascii_lower_word (q->S, t))
    return UNIT_STOP;
  return UNIT_SKIP;
}

/* The rules for each of the three words after a number, in order. */
static const struct {
  const char *name;
  UnitVerdict (*rule) (UnitQuery *q);
} unit_rules[] = {
  { "unit-hyphen", unit_hyphen },
  { "not-a-word", unit_not_word },
  { "brand-plural", unit_brand },
  { "time-unit", unit_time },
  { "unit-word", unit_word },
  { "brand-product", unit_brand_product },
  { "not-a-noun", unit_not_noun },
};

/* plain-plural: a plain plural right after the number: "10 million
 * transactions", but not "5 million analysts had expected". Returns the
 * noun, owned, or NULL. */
static char *
plain_plural (Sentence *S,
              guint     i)
{
  guint j = i + 1;
  Token *t;
  guint len;
  guint64 f;

  if (j >= S->tokens->len || others_expected_at (S, j))
    return NULL;
  t = TOK (S, j);
  len = t->end - t->start;
  f = tok_flags (t);
  if (t->type == T_WORD && !t->glued && t->mention < 0 && len >= 4 && len < 32 &&
      is_ascii_lower_word (S, t) && S->body[t->end - 1] == 's' &&
      S->body[t->end - 2] != 's' &&
      !(f & (W_STOP | W_OF | W_MONTH | W_SCALE | W_PERCENT | W_VAGUE | W_TIMES | W_TIMEUNIT |
             W_PRODSUFFIX | W_LABEL | W_CONJ)) &&
      !TOK_FIELD (t, metric) && !TOK_FIELD (t, currency) && !TOK_FIELD (t, qualifier))
    return g_strndup (S->body + t->start, len);
  return NULL;
}

/* Looks for the counted noun after token @i: a known unit within three
 * words (skipping adjectives such as "mobile" or "offline"), else a plain
 * plural noun right after. Sets *duration when the noun is a span of time,
 * *times for "5 times". Returns the last token of the unit, or @i. */
guint
find_unit (Sentence    *S,
           guint        i,
           const char **unit,
           char       **owned,
           gboolean    *duration,
           gboolean    *times)
{
  guint n = S->tokens->len;
  UnitQuery q = { .S = S, .i = i, .j = i + 1 };
  gboolean stop = FALSE;

  *owned = NULL;
  for (; q.j < n && q.skipped < 3 && !stop; q.j++, q.skipped++)
    {
      q.t = TOK (S, q.j);
      q.f = tok_flags (q.t);
      for (guint r = 0; r < G_N_ELEMENTS (unit_rules); r++)
        {
          UnitVerdict v = unit_rules[r].rule (&q);

          if (v == UNIT_PASS)
            continue;
          if (v == UNIT_FOUND)
            {
              if (S->ctx->trace)
                cited_extract_trace (S->ctx, TOK (S, i)->start, TOK (S, MAX (q.found, q.j))->end,
                                     "unit %s by rule %s",
                                     q.unit ? q.unit : q.duration ? "(duration)" : q.times ? "(times)" : "none",
                                     unit_rules[r].name);
              *unit = q.unit;
              *duration = q.duration;
              *times = q.times;
              return q.found;
            }
          stop = v == UNIT_STOP;
          break;
        }
    }
  *unit = NULL;
  *duration = FALSE;
  *times = FALSE;
  *owned = plain_plural (S, i);
  if (*owned != NULL)
    {
      if (S->ctx->trace)
        cited_extract_trace (S->ctx, TOK (S, i)->start, TOK (S, i + 1)->end,
                             "unit %s by rule plain-plural", *owned);
      return i + 1;
    }
  return i;
}

/* "a 14-inch 1080p screen", "streams 720p video": the number at @i is a
 * video resolution before a "p", not pence: one of the usual line counts,
 * with a word of screens or video near it. */
gboolean
is_video_resolution (Sentence *S,
                     guint     i)
{
  static const double lines[] = { 240, 360, 480, 540, 576, 720, 900, 1080, 1440, 2160, 4320 };
  static const char * const words[] = {
    "screen", "screens", "display", "displays", "video", "videos", "resolution", "hd",
    "stream", "streams", "streaming", "panel", "camera", "recording", "monitor", "monitors",
    "tv", "television", "footage", "playback", "record", "records", "fps", "inch",
  };
  gboolean usual = FALSE;
  guint n = S->tokens->len;

  for (guint k = 0; k < G_N_ELEMENTS (lines) && !usual; k++)
    usual = TOK (S, i)->num == lines[k];
  if (!usual)
    return FALSE;
  for (guint k = i >= 4 ? i - 4 : 0; k < n && k <= i + 5; k++)
    for (guint w = 0; TOK (S, k)->type == T_WORD && w < G_N_ELEMENTS (words); w++)
      if (is_word (S, TOK (S, k), words[w]))
        return TRUE;
  return FALSE;
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
      if (t->glued && t->w && t->w->money_factor > 0 && t->end - t->start == 1 &&
          !is_video_resolution (S, i))
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
      /* "three million", and in wire copy "three mln" (not "two m") */
      if ((f & W_SCALE) && (!(f & W_SUFFIX) || (!t->glued && t->end - t->start > 2)) &&
          (any || cur > 0))
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

/* Dollars by the letters glued before "$": "US$5", "HK$10", "R$3". */
static const struct {
  const char *prefix;
  const char *currency;
} dollar_prefixes[] = {
  { "US", "USD" }, { "HK", "HKD" }, { "NT", "TWD" }, { "R", "BRL" },
  { "A", "AUD" }, { "C", "CAD" }, { "S", "SGD" },
};

/* The currency written before a number at @i: a symbol ("$", "€", "$$"),
 * letters and "$" ("US$", "HK$"), a code ("RMB 3999", "CNY100"), "Rs" or
 * "Rs.". Sets num->currency and *j to the token after it; a word that may
 * start a spelled number ("two", "a", "half") leaves *j at @i. Returns
 * FALSE when no number can start at @i. */
static gboolean
read_currency_before (Sentence *S,
                      guint     i,
                      Number   *num,
                      guint    *j)
{
  guint n = S->tokens->len;
  Token *t = TOK (S, i);
  Token *nx;
  guint len;

  if (t->type == T_SYM && t->cp != '%')
    {
      num->currency = cited_value_currency_for_char (t->cp);
      (*j)++;
      if (*j < n && TOK (S, *j)->type == T_SYM && TOK (S, *j)->cp != '%')
        (*j)++;      /* "$$" */
      return TRUE;
    }
  if (t->type == T_NUM)
    return TRUE;
  if (t->type != T_WORD)
    return FALSE;
  if (i + 1 >= n)
    return TRUE;
  nx = TOK (S, i + 1);
  len = t->end - t->start;
  if (nx->type == T_SYM && nx->cp == '$' && nx->glued && len <= 2 && t->cap)
    {
      for (guint k = 0; k < G_N_ELEMENTS (dollar_prefixes); k++)
        if (strlen (dollar_prefixes[k].prefix) == len &&
            memcmp (S->body + t->start, dollar_prefixes[k].prefix, len) == 0)
          {
            num->currency = dollar_prefixes[k].currency;
            *j += 2;
            return TRUE;
          }
      return FALSE;
    }
  if ((t->fields & (TF_CURRENCY | TF_UNIT)) == TF_CURRENCY && len >= 3 &&
      (nx->type == T_NUM) && g_ascii_isupper (S->body[t->start + 1]))
    {
      num->currency = TOK_FIELD (t, currency);
      (*j)++;
      return TRUE;
    }
  if (len == 2 && memcmp (S->body + t->start, "Rs", 2) == 0 && nx->type == T_NUM)
    {
      num->currency = "INR";
      (*j)++;
      return TRUE;
    }
  if (len == 2 && memcmp (S->body + t->start, "Rs", 2) == 0 && is_punct (nx, '.') &&
      i + 2 < n && TOK (S, i + 2)->type == T_NUM)
    {
      num->currency = "INR";
      *j += 2;
      return TRUE;
    }
  return tok_has (t, W_NUMWORD | W_ARTICLE | W_HALF);
}

/* The scale after the digits at @j: glued, any suffix ("2.5bn", "24K");
 * spaced, words and the two-letter forms ("190 million", "5 mn units"),
 * not a lone "m" or "k"; "5 hundred", "2 hundred million". */
static void
read_scale (Sentence *S,
            guint     j,
            Number   *num)
{
  guint n = S->tokens->len;
  Token *s;

  if (j + 1 >= n)
    return;
  s = TOK (S, j + 1);
  if (s->type == T_WORD && tok_has (s, W_SCALE) &&
      (s->glued ? tok_has (s, W_SUFFIX) : !tok_has (s, W_SUFFIX) || s->end - s->start > 1))
    {
      num->value *= s->w->scale;
      num->scaled = TRUE;
      num->short_suffix = s->glued && s->end - s->start == 1;
      num->last = j + 1;
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

/* Percent after the number: "13%", "13 %", "13 percent", "5 percentage
 * points", "13 per cent". */
static void
read_percent (Sentence *S,
              Number   *num)
{
  guint n = S->tokens->len;
  Token *p;

  if (num->last + 1 >= n)
    return;
  p = TOK (S, num->last + 1);
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

/* The denominator @i of a price fraction, or 0: wire copy quotes prices
 * in halves to sixty-fourths. */
static guint
fraction_den (Sentence *S,
              guint     i)
{
  Token *d;

  if (i >= S->tokens->len)
    return 0;
  d = TOK (S, i);
  if (d->type != T_NUM || !d->glued || d->decimal || d->sep)
    return 0;
  switch ((guint) d->num)
    {
    case 2: case 4: case 8: case 16: case 32: case 64:
      return (guint) d->num;
    default:
      return 0;
    }
}

/* "15-7/8" (15.875) and "5/8": prices written with fractions. */
static void
read_fraction (Sentence *S,
               guint     j,
               Number   *num)
{
  guint n = S->tokens->len, den;
  Token *t = TOK (S, j);

  if (t->decimal || t->sep)
    return;
  /* whole-num/den */
  if (j + 4 < n && is_dash (TOK (S, j + 1)) && TOK (S, j + 1)->glued &&
      TOK (S, j + 2)->type == T_NUM && TOK (S, j + 2)->glued &&
      is_punct (TOK (S, j + 3), '/') && TOK (S, j + 3)->glued &&
      (den = fraction_den (S, j + 4)) != 0 && TOK (S, j + 2)->num < den)
    {
      num->value = t->num + TOK (S, j + 2)->num / den;
      num->last = j + 4;
      num->fraction = TRUE;
      return;
    }
  /* num/den */
  if (j + 2 < n && is_punct (TOK (S, j + 1), '/') && TOK (S, j + 1)->glued &&
      (den = fraction_den (S, j + 2)) != 0 && t->num < den && t->num > 0)
    {
      num->value = t->num / den;
      num->last = j + 2;
      num->fraction = TRUE;
    }
}

/* Reads a number at @i: currency before, digits or words, scale, percent:
 * "$2.5bn", "190 million", "two hundred", "13 per cent". */
gboolean
parse_number (Sentence *S,
              guint     i,
              Number   *num)
{
  guint n = S->tokens->len;
  guint j = i;
  Token *t;

  memset (num, 0, sizeof *num);
  num->first = i;

  if (!read_currency_before (S, i, num, &j) || j >= n)
    return FALSE;
  t = TOK (S, j);
  if (t->type == T_NUM)
    {
      if (t->used)
        return FALSE;
      num->value = t->num;
      num->last = j;
      read_fraction (S, j, num);
      read_scale (S, num->last, num);
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
  read_percent (S, num);
  return TRUE;
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

/* What a rank rule read at q->i: whether the rule applies to the token at
 * all (the first that does decides), the rank (0: none) and its last
 * token. */
typedef struct {
  Sentence *S;
  guint i;
  const Token *t;
  guint64 f;                 /* tok_flags (t) */
  double rank;
  guint last;
  gboolean need_head;        /* a company noun must follow ("the largest maker") */
} RankQuery;

/* A dash may join the rank and its adjective: "second-largest". Returns
 * the index of the adjective, or 0. */
static guint
rank_adjective_at (Sentence *S,
                   guint     j)
{
  guint n = S->tokens->len;

  if (j < n && is_dash (TOK (S, j)))
    j++;
  return j < n && tok_has (TOK (S, j), W_RANKADJ) ? j : 0;
}

/* ordinal-largest: "second largest", "third-biggest". */
static gboolean
rank_ordinal (RankQuery *q)
{
  guint j;

  if (!(q->t->type == T_WORD && (q->f & W_ORDINAL)))
    return FALSE;
  if ((j = rank_adjective_at (q->S, q->i + 1)) > 0)
    {
      q->rank = q->t->w->num;
      q->last = j;
    }
  return TRUE;
}

/* numbered-largest: "2nd largest", "3rd-biggest". */
static gboolean
rank_numbered (RankQuery *q)
{
  Sentence *S = q->S;
  const Token *t = q->t;
  guint j;

  if (!(t->type == T_NUM && !t->decimal && t->num >= 1 && t->num <= 100 && q->i + 1 < S->tokens->len &&
        TOK (S, q->i + 1)->glued && tok_has (TOK (S, q->i + 1), W_ORDSUFFIX)))
    return FALSE;
  if ((j = rank_adjective_at (S, q->i + 2)) > 0)
    {
      q->rank = t->num;
      q->last = j;
    }
  return TRUE;
}

/* the-largest: "the largest maker" (a company noun must follow), "the
 * world's largest". */
static gboolean
rank_the_largest (RankQuery *q)
{
  Sentence *S = q->S;

  if (!(q->t->type == T_WORD && (q->f & W_RANKADJ) && q->i > 0 &&
        (tok_has (TOK (S, q->i - 1), W_THE) || (TOK (S, q->i - 1)->poss))))
    return FALSE;
  q->rank = 1;
  q->last = q->i;
  q->need_head = !TOK (S, q->i - 1)->poss;
  return TRUE;
}

/* A rank written after "number" or "top": 1..20 in digits or words, at
 * least @min. Returns 0 when none. */
static double
rank_value (const Token *nx,
            double       min)
{
  if (nx->type == T_NUM && !nx->decimal && nx->num >= min && nx->num <= 20)
    return nx->num;
  if (nx->type == T_WORD && tok_has (nx, W_NUMWORD) && nx->w->num >= min && nx->w->num <= 20)
    return nx->w->num;
  return 0;
}

/* number-one: "number one", "No. 1"; not "number one of". */
static gboolean
rank_number (RankQuery *q)
{
  Sentence *S = q->S;
  guint n = S->tokens->len;
  guint j = q->i + 1;

  if (!(q->t->type == T_WORD && (q->f & (W_NUMBER | W_NO)) && q->i + 1 < n))
    return FALSE;
  if ((q->f & W_NO) && j < n && is_punct (TOK (S, j), '.'))
    j++;
  else if (q->f & W_NO)
    return TRUE;
  if (j >= n)
    return TRUE;
  q->rank = rank_value (TOK (S, j), 1);
  if (q->rank == 0)
    return TRUE;
  if (j + 1 < n && tok_has (TOK (S, j + 1), W_OF))
    q->rank = 0;
  q->last = j;
  return TRUE;
}

/* top-three: "in the top three in India", "the top three makers"; not
 * "top 10%", "a top 100 list" or "the top three as the domestic market". */
static gboolean
rank_top (RankQuery *q)
{
  Sentence *S = q->S;
  guint n = S->tokens->len;
  guint i = q->i;
  Token *after;

  if (!(q->t->type == T_WORD && (q->f & W_TOP) && i + 1 < n))
    return FALSE;
  q->rank = rank_value (TOK (S, i + 1), 2);
  if (q->rank == 0)
    return TRUE;
  q->last = i + 1;
  if (i + 2 >= n)
    return TRUE;
  after = TOK (S, i + 2);
  if (after->type == T_SYM ||
      !(after->type == T_PUNCT ||
        (after->type == T_WORD && tok_has (after, W_COMPANY | W_IN))))
    q->rank = 0;
  return TRUE;
}

/* ranked-second: "ranked second", "ranks third". */
static gboolean
rank_verb (RankQuery *q)
{
  Sentence *S = q->S;

  if (!(q->t->type == T_WORD && (q->f & W_RANKVERB) && q->i + 1 < S->tokens->len &&
        tok_has (TOK (S, q->i + 1), W_ORDINAL)))
    return FALSE;
  q->rank = TOK (S, q->i + 1)->w->num;
  q->last = q->i + 1;
  return TRUE;
}

/* The rank rules, in order: the first that applies to the token decides. */
static const struct {
  const char *name;
  gboolean (*rule) (RankQuery *q);
} rank_rules[] = {
  { "ordinal-largest", rank_ordinal },
  { "numbered-largest", rank_numbered },
  { "the-largest", rank_the_largest },
  { "number-one", rank_number },
  { "top-three", rank_top },
  { "ranked-second", rank_verb },
};

/* The head noun decides: a rank among markets or economies is no brand's
 * ("the third largest market"); "the largest" needs a company noun. */
static gboolean
rank_head_ok (Sentence *S,
              guint     last,
              gboolean  need_head)
{
  guint n = S->tokens->len;

  for (guint j = last + 1; j < n && j <= last + 5; j++)
    {
      Token *h = TOK (S, j);

      if (h->type != T_WORD)
        break;
      if (tok_has (h, W_COMPANY))
        return TRUE;
      if (tok_has (h, W_MARKET))
        return FALSE;
    }
  return !need_head;
}

/* Rank at @i: "second largest", "the world's largest maker", "number one",
 * "No. 1", "top three". Returns TRUE and fills @c. */
gboolean
parse_rank (Sentence  *S,
            guint      i,
            Candidate *c)
{
  RankQuery q = { .S = S, .i = i, .t = TOK (S, i), .last = i };
  guint r;

  q.f = tok_flags (q.t);
  /* Only numbers and a few words start a rank: most tokens stop here. */
  if (q.t->type != T_NUM &&
      !(q.f & (W_ORDINAL | W_RANKADJ | W_NUMBER | W_NO | W_TOP | W_RANKVERB)))
    return FALSE;
  for (r = 0; r < G_N_ELEMENTS (rank_rules); r++)
    if (rank_rules[r].rule (&q))
      break;
  if (q.rank <= 0 || !rank_head_ok (S, q.last, q.need_head))
    return FALSE;
  if (S->ctx->trace)
    cited_extract_trace (S->ctx, q.t->start, TOK (S, q.last)->end, "rank %g by rule %s",
                         q.rank, rank_rules[r].name);

  memset (c, 0, sizeof *c);
  c->first = i;
  c->last = q.last;
  c->value = q.rank;
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
