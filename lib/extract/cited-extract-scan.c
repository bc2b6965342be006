/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited-extract-en-private.h"

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

/* ------------------------------------------------------------------ */
/* The scan: readers, then named filters, then emission                */

/* One reading in progress: the number read at token @i and the candidate
 * built from it. A filter that drops the reading may mark tokens used and
 * sets @next, the token the scan goes on after (it stays at @i when the
 * tokens after it may still start a figure). */
typedef struct {
  Sentence  *S;
  GPtrArray *figures;
  guint      n;            /* tokens in the sentence */
  gboolean   bare_column;  /* most tokens are numbers: a table row */
  guint      i;
  guint      next;
  Number     a;
  guint      ni;           /* first number token of @a, > a.last when spelled */
  Candidate  c;
  guint      last;         /* last token of the candidate so far */
  gboolean   unit_read;    /* the unit was looked up (no currency after) */
  const char *unit;
  char      *owned;
  gboolean   duration;
  gboolean   times;
  guint      ul;           /* last token of the unit */
} Scan;

typedef gboolean (*ScanRule) (Scan *sc);

typedef struct {
  const char *name;
  ScanRule    rule;
} ScanRuleRow;

static void
mark_used (Scan  *sc,
           guint  from,
           guint  to)
{
  for (guint q = from; q <= to; q++)
    TOK (sc->S, q)->used = 1;
}

/* Runs @rows in order; the first that fires decides. Returns its row. */
static const ScanRuleRow *
run_rules (Scan              *sc,
           const ScanRuleRow *rows,
           guint              n_rows,
           const char        *what)
{
  for (guint r = 0; r < n_rows; r++)
    if (rows[r].rule (sc))
      {
        if (sc->S->ctx->trace)
          {
            Token *first = TOK (sc->S, sc->i);
            guint end = MAX (sc->next, MAX (sc->last, sc->i));

            cited_extract_trace (sc->S->ctx, first->start, TOK (sc->S, MIN (end, sc->n - 1))->end,
                                 "%s %s", what, rows[r].name);
          }
        return &rows[r];
      }
  return NULL;
}

static gboolean
plain (const Number *a)
{
  return !a->spelled && a->currency == NULL && !a->percent && !a->scaled && !a->fraction;
}

/* ---- Readers: words that start a rank or end a scan on their own ---- */

/* "the world's largest", "ranked third", "No. 2": a rank, emitted. */
static gboolean
read_rank_word (Scan *sc)
{
  Token *t = TOK (sc->S, sc->i);

  if (t->type != T_WORD || !parse_rank (sc->S, sc->i, &sc->c))
    return FALSE;
  emit (sc->S, &sc->c, sc->figures);
  mark_used (sc, sc->c.first, sc->c.last);
  sc->next = sc->c.last;
  return TRUE;
}

/* "a top 100 list": no rank and no figure. */
static gboolean
read_top_list (Scan *sc)
{
  Token *t = TOK (sc->S, sc->i);

  if (t->type != T_WORD || !tok_has (t, W_TOP) || sc->i + 1 >= sc->n ||
      TOK (sc->S, sc->i + 1)->type != T_NUM)
    return FALSE;
  TOK (sc->S, sc->i + 1)->used = 1;
  sc->next = sc->i + 1;
  return TRUE;
}

/* "hundreds of millions of users": no number to cite. */
static gboolean
read_vague_amount (Scan *sc)
{
  Token *t = TOK (sc->S, sc->i);

  if (t->type != T_WORD || !tok_has (t, W_VAGUE))
    return FALSE;
  sc->next = sc->i;
  while (sc->next + 1 < sc->n && tok_has (TOK (sc->S, sc->next + 1), W_OF | W_VAGUE | W_SCALE))
    TOK (sc->S, ++sc->next)->used = 1;
  return TRUE;
}

/* "ranked 3rd" is a rank; "the 3rd" is nothing. */
static gboolean
read_ordinal (Scan *sc)
{
  Token *t = TOK (sc->S, sc->i);

  if (t->type != T_NUM || sc->i + 1 >= sc->n || !TOK (sc->S, sc->i + 1)->glued ||
      !tok_has (TOK (sc->S, sc->i + 1), W_ORDSUFFIX))
    return FALSE;
  if (parse_rank (sc->S, sc->i, &sc->c))
    {
      emit (sc->S, &sc->c, sc->figures);
      sc->next = sc->c.last;
    }
  else
    sc->next = sc->i + 1;
  return TRUE;
}

/* Whether any reader can start at @t: most words start none, and the
 * scan passes them over without trying each. */
static gboolean
may_be_read (Scan  *sc,
             Token *t)
{
  if (t->type == T_WORD)
    return (tok_flags (t) & (W_ORDINAL | W_RANKADJ | W_NUMBER | W_NO | W_TOP | W_RANKVERB |
                             W_VAGUE)) != 0;
  return t->type == T_NUM && sc->i + 1 < sc->n && TOK (sc->S, sc->i + 1)->glued;
}

static const ScanRuleRow readers[] = {
  { "rank-word", read_rank_word },
  { "top-list", read_top_list },
  { "vague-amount", read_vague_amount },
  { "ordinal", read_ordinal },
};

/* ---- Filters on the number as read ---------------------------------- */

/* width = "303": an attribute value in markup. */
static gboolean
filter_markup_attribute (Scan *sc)
{
  guint q = sc->a.first;

  while (q > 0 && TOK (sc->S, q - 1)->type == T_PUNCT &&
         (TOK (sc->S, q - 1)->cp == '"' || TOK (sc->S, q - 1)->cp == '\''))
    q--;
  if (q == 0 || !is_punct (TOK (sc->S, q - 1), '='))
    return FALSE;
  TOK (sc->S, sc->a.first)->used = 1;
  sc->next = sc->a.last;
  return TRUE;
}

/* "100." or "3)" at the start of a line: a list marker. */
static gboolean
filter_list_marker (Scan *sc)
{
  const Number *a = &sc->a;
  Token *after = a->last + 1 < sc->n ? TOK (sc->S, a->last + 1) : NULL;

  if (a->first != 0 || !plain (a) ||
      (after != NULL && !(after->type == T_PUNCT && (after->cp == '.' || after->cp == ')'))))
    return FALSE;
  sc->next = a->last;
  return TRUE;
}

/* "v0.0.0-20170915032832", "600331--333---600340", "-b 4096": codes,
 * versions, identifiers and command-line options. */
static gboolean
filter_code (Scan *sc)
{
  if (!plain (&sc->a) || TOK (sc->S, sc->a.last)->type != T_NUM || !is_code (sc->S, sc->a.last))
    return FALSE;
  TOK (sc->S, sc->a.last)->used = 1;
  sc->next = sc->a.last;
  return TRUE;
}

/* "1,204 1,180 1,002 998": in a table flattened to text, a number with no
 * unit, currency or scale is a cell, not a figure. */
static gboolean
filter_table_cell (Scan *sc)
{
  const Number *a = &sc->a;
  Token *after = a->last + 1 < sc->n ? TOK (sc->S, a->last + 1) : NULL;

  if (!sc->bare_column || !plain (a))
    return FALSE;
  if (after != NULL && after->type == T_WORD &&
      (TOK_FIELD (after, unit) != NULL || TOK_FIELD (after, currency) != NULL))
    return FALSE;
  TOK (sc->S, a->last)->used = 1;
  sc->next = a->last;
  return TRUE;
}

/* "5,000 mAh", "48 MP": specifications. */
static gboolean
filter_specification (Scan *sc)
{
  const Number *a = &sc->a;

  if (a->percent || a->currency != NULL || a->last + 1 >= sc->n ||
      !tok_has (TOK (sc->S, a->last + 1), W_SPEC))
    return FALSE;
  mark_used (sc, a->first, a->last + 1);
  sc->next = a->last + 1;
  return TRUE;
}

/* The model-name filters look at the first number token of a number
 * written in digits. */
static Token *
digits_token (Scan *sc)
{
  return !sc->a.spelled && sc->ni <= sc->a.last ? TOK (sc->S, sc->ni) : NULL;
}

static Token *
before_digits (Scan *sc)
{
  return sc->ni > 0 ? TOK (sc->S, sc->ni - 1) : NULL;
}

static Token *
after_digits (Scan *sc)
{
  return sc->ni + 1 < sc->n ? TOK (sc->S, sc->ni + 1) : NULL;
}

/* Digits already read as part of a date or another figure. */
static gboolean
filter_number_used (Scan *sc)
{
  Token *nt = digits_token (sc);

  return nt != NULL && nt->used;
}

/* "Mate10", "SU7": digits glued to letters before. */
static gboolean
filter_glued_after_letters (Scan *sc)
{
  Token *nt = digits_token (sc), *pv = before_digits (sc);

  if (nt == NULL || pv == NULL || !nt->glued || sc->a.currency != NULL ||
      (pv->type != T_WORD && pv->type != T_CJK))
    return FALSE;
  nt->used = 1;
  return TRUE;
}

/* "COVID-19", "Wi-Fi-6": digits glued by a dash to a word. */
static gboolean
filter_dashed_name (Scan *sc)
{
  Token *nt = digits_token (sc), *pv = before_digits (sc);

  if (nt == NULL || pv == NULL || !nt->glued || !is_dash (pv) || sc->ni < 2 || !pv->glued ||
      TOK (sc->S, sc->ni - 2)->type != T_WORD)
    return FALSE;
  nt->used = 1;
  return TRUE;
}

/* "#3", ".5", "1/2": digits glued to a sign that makes them no amount. */
static gboolean
filter_glued_sign (Scan *sc)
{
  Token *nt = digits_token (sc), *pv = before_digits (sc);

  return nt != NULL && pv != NULL && nt->glued &&
         (is_punct (pv, '#') || is_punct (pv, '.') || is_punct (pv, '/'));
}

/* "6T", "5G", "4K" TVs: letters glued after that are no scale. */
static gboolean
filter_glued_letters (Scan *sc)
{
  Token *nt = digits_token (sc), *nx = after_digits (sc);

  if (nt == NULL || nx == NULL || !nx->glued || nx->type != T_WORD ||
      (sc->a.scaled && sc->ni + 1 <= sc->a.last) ||
      (nx->w && nx->w->money_factor > 0 && nx->end - nx->start == 1))
    return FALSE;
  nt->used = 1;
  nx->used = 1;
  return TRUE;
}

/* "4K", "8K" screens, read as a scale. */
static gboolean
filter_screen_resolution (Scan *sc)
{
  Token *nt = digits_token (sc), *nx = after_digits (sc);

  if (nt == NULL || nx == NULL || !nx->glued || nx->type != T_WORD || !sc->a.scaled ||
      sc->a.currency != NULL || nx->end - nx->start != 1 ||
      (sc->S->body[nx->start] != 'K' && sc->S->body[nx->start] != 'k') ||
      nt->num > 16 || nt->decimal)
    return FALSE;
  nt->used = 1;
  return TRUE;
}

/* "Xiaomi 8 Pro", "Mi 14", "iPhone 15", "Windows 11": model names, unless
 * a counted noun other than units follows. */
static gboolean
filter_model_name (Scan *sc)
{
  Token *nt = digits_token (sc);
  const char *u = NULL;
  char *o = NULL;
  gboolean dur, tim;

  if (nt == NULL || sc->a.scaled || sc->a.percent || sc->a.currency != NULL || nt->sep ||
      nt->decimal || nt->num >= 10000 || !is_productish (sc->S, sc->ni))
    return FALSE;
  find_unit (sc->S, sc->a.last, &u, &o, &dur, &tim);
  g_free (o);
  if (u != NULL && strcmp (u, "units") != 0)
    return FALSE;
  nt->used = 1;
  return TRUE;
}

/* "the 14 Pro", "its 7 series": a number before a product suffix. */
static gboolean
filter_product_suffix (Scan *sc)
{
  Token *nt = digits_token (sc), *nx = after_digits (sc);

  if (nt == NULL || nx == NULL || sc->a.scaled || sc->a.percent || sc->a.currency != NULL ||
      nx->glued || nx->type != T_WORD || !tok_has (nx, W_PRODSUFFIX) ||
      !(nx->cap || g_ascii_strncasecmp (sc->S->body + nx->start, "series", 6) == 0) ||
      nt->num >= 1000 || nt->sep)
    return FALSE;
  nt->used = 1;
  return TRUE;
}

/* "one plus" (OnePlus): a spelled number inside a brand name. */
static gboolean
filter_spelled_in_brand (Scan *sc)
{
  return sc->a.spelled && TOK (sc->S, sc->a.first)->mention >= 0;
}

static const ScanRuleRow number_filters[] = {
  { "markup-attribute", filter_markup_attribute },
  { "list-marker", filter_list_marker },
  { "code", filter_code },
  { "table-cell", filter_table_cell },
  { "specification", filter_specification },
  { "number-used", filter_number_used },
  { "glued-after-letters", filter_glued_after_letters },
  { "dashed-name", filter_dashed_name },
  { "glued-sign", filter_glued_sign },
  { "glued-letters", filter_glued_letters },
  { "screen-resolution", filter_screen_resolution },
  { "model-name", filter_model_name },
  { "product-suffix", filter_product_suffix },
  { "spelled-in-brand", filter_spelled_in_brand },
};

/* ---- The candidate: range, then currency or unit -------------------- */

/* "3 to 5 million": the scale of the second applies to the first. */
static double
scaled_like (Sentence     *S,
             double        lo,
             const Number *a,
             const Number *b)
{
  if (a->scaled || !b->scaled)
    return lo;
  for (guint q = b->first; q <= b->last; q++)
    {
      Token *s = TOK (S, q);

      if (s->type == T_WORD && tok_has (s, W_SCALE))
        lo *= s->w->scale;
    }
  return lo;
}

/* "40 to 50", "40-50", "between 3 and 5", "$3-5bn", "5%-7%". */
static void
read_range (Scan *sc)
{
  Sentence *S = sc->S;
  Number *a = &sc->a;
  Token *r;
  gboolean between, from, sep;
  Number b;

  if (sc->last + 2 >= sc->n)
    return;
  r = TOK (S, sc->last + 1);
  between = a->first > 0 && tok_has (TOK (S, a->first - 1), W_BETWEEN);
  from = a->first > 0 && tok_has (TOK (S, a->first - 1), W_FROM);
  sep = is_dash (r) || (r->type == T_WORD && tok_has (r, W_TO) && !from) ||
        (between && r->type == T_WORD && tok_has (r, W_AND));
  if (!sep || from || !parse_number (S, sc->last + 2, &b))
    return;
  /* "rose 1-3/8 to 32-1/4", "fell $2.86 to $41.32": a change, then the
   * level it reached. */
  if (a->first > 0 && tok_has (TOK (S, a->first - 1), W_CHANGE) && r->type == T_WORD &&
      tok_has (r, W_TO))
    return;

  if (a->percent)
    {
      if (b.percent && b.value > a->value)
        {
          sc->c.value_max = b.value;
          sc->last = b.last;
        }
      return;
    }
  if (!TOK (S, b.spelled ? b.first : b.last)->used && a->spelled == b.spelled &&
      (b.currency == NULL || a->currency == NULL || b.currency == a->currency))
    {
      double lo = scaled_like (S, a->value, a, &b);

      if (b.value > lo)
        {
          sc->c.value = lo;
          sc->c.value_max = b.value;
          sc->last = b.last;
          if (sc->c.currency == NULL)
            sc->c.currency = b.currency;
          a->percent = a->percent || b.percent;
        }
    }
}

/* The percent sign, a currency after the number ("5 million yuan",
 * "20 pence"), or the unit counted ("phones", "people"). */
static void
read_unit (Scan *sc)
{
  Candidate *c = &sc->c;
  const char *cur_after = NULL;
  double factor = 1;
  guint cl;

  if (sc->a.percent || (sc->last > sc->a.last && sc->last > 0 &&
                        TOK (sc->S, sc->last)->type == T_SYM && TOK (sc->S, sc->last)->cp == '%'))
    {
      c->unit = "%";
      return;
    }
  cl = c->currency == NULL ? find_currency_after (sc->S, sc->last, &cur_after, &factor) : sc->last;
  if (cl > sc->last)
    {
      c->currency = cur_after;
      c->value *= factor;
      if (!isnan (c->value_max))
        c->value_max *= factor;
      sc->last = cl;
      return;
    }
  sc->unit_read = TRUE;
  sc->ul = find_unit (sc->S, sc->last, &sc->unit, &sc->owned, &sc->duration, &sc->times);
}

/* "three years", "five times": durations and multiples are no figures. */
static gboolean
filter_duration (Scan *sc)
{
  if (!sc->unit_read || (!sc->duration && !sc->times))
    return FALSE;
  mark_used (sc, sc->a.first, sc->last);
  sc->next = sc->last;
  return TRUE;
}

/* Whether the unit's word (ending at token @ul) is a plural: it ends in
 * "s", or its unit's words are plurals without one ("people", "staff";
 * "kroner", money in a currency the word leaves open). */
static gboolean
unit_is_plural (Scan  *sc,
                guint  ul)
{
  static const char * const plural_units[] = { "people", "kroner" };
  const Token *t = TOK (sc->S, ul);
  guchar last = sc->S->body[t->end - 1];

  if (last == 's' || last == 'S')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (plural_units); i++)
    if (strcmp (sc->unit, plural_units[i]) == 0)
      return TRUE;
  return FALSE;
}

/* "their 7610 phone", "the 737 plane": a number before a singular noun
 * names a model; but "500 phone shops" counts shops. */
static gboolean
filter_model_before_noun (Scan *sc)
{
  Sentence *S = sc->S;
  guint ul = sc->ul;

  if (!sc->unit_read || sc->unit == NULL || sc->c.currency != NULL || sc->a.scaled ||
      sc->a.spelled || sc->c.value == 1 || !isnan (sc->c.value_max) ||
      ul <= sc->last || TOK (S, ul)->type != T_WORD || unit_is_plural (sc, ul))
    return FALSE;
  if (ul + 1 < sc->n && TOK (S, ul + 1)->type == T_WORD && S->body[TOK (S, ul + 1)->end - 1] == 's')
    return FALSE;
  mark_used (sc, sc->a.first, ul);
  sc->next = ul;
  return TRUE;
}

static const ScanRuleRow unit_filters[] = {
  { "duration", filter_duration },
  { "model-before-noun", filter_model_before_noun },
};

static void
take_unit (Scan *sc)
{
  if (sc->unit_read && sc->c.currency == NULL)
    {
      sc->c.unit = sc->unit;
      sc->c.unit_owned = g_steal_pointer (&sc->owned);
      sc->last = sc->ul;
    }
  g_clear_pointer (&sc->owned, g_free);
}

/* ---- Filters on the candidate --------------------------------------- */

static gboolean
no_unit (const Scan *sc)
{
  return sc->c.currency == NULL && sc->c.unit == NULL && sc->c.unit_owned == NULL;
}

/* "a 5,000-ton destroyer", "a 90-day truce": a measure as an adjective. */
static gboolean
filter_adjective_measure (Scan *sc)
{
  if (sc->a.percent || !no_unit (sc) || sc->last + 2 >= sc->n ||
      !is_dash (TOK (sc->S, sc->last + 1)) || !TOK (sc->S, sc->last + 1)->glued ||
      !TOK (sc->S, sc->last + 2)->glued || TOK (sc->S, sc->last + 2)->type != T_WORD)
    return FALSE;
  mark_used (sc, sc->a.first, sc->last);
  sc->next = sc->last;
  return TRUE;
}

/* "a 14-inch 1080p screen": a video resolution, no price in pence nor a
 * figure. */
static gboolean
filter_resolution (Scan *sc)
{
  Sentence *S = sc->S;
  guint k = sc->a.last + 1;

  if (sc->a.percent || sc->a.spelled || k >= sc->n || !TOK (S, k)->glued ||
      TOK (S, k)->type != T_WORD || TOK (S, k)->end - TOK (S, k)->start != 1 ||
      (S->body[TOK (S, k)->start] != 'p' && S->body[TOK (S, k)->start] != 'P') ||
      !is_video_resolution (S, sc->a.last))
    return FALSE;
  mark_used (sc, sc->a.first, k);
  sc->next = k;
  return TRUE;
}

/* "800m" and "17.30m" in sport are metres: a one-letter scale with no
 * currency needs a counted noun ("5m people", "24K stores"). */
static gboolean
filter_metres (Scan *sc)
{
  if (!sc->a.short_suffix || sc->c.currency != NULL || sc->c.unit != NULL || sc->a.percent)
    return FALSE;
  mark_used (sc, sc->a.first, sc->last);
  sc->next = sc->last;
  return TRUE;
}

/* "one of", "two models", "three partners": words alone are talk, not
 * cited figures. */
static gboolean
filter_spelled_small (Scan *sc)
{
  /* but "six pct" and "two pence" are cited figures */
  gboolean money_or_share = sc->c.currency != NULL || g_strcmp0 (sc->c.unit, "%") == 0;

  if (!sc->a.spelled || sc->a.scaled || money_or_share ||
      !(sc->c.unit == NULL || sc->c.value < 10))
    return FALSE;
  sc->next = sc->a.last;
  return TRUE;
}

/* "2 goals": plain nouns the tables do not know count only in numbers large
 * enough to be cited ("10 million transactions"). */
static gboolean
filter_rare_noun_small (Scan *sc)
{
  if (sc->c.unit_owned == NULL || !(sc->a.spelled || (!sc->a.scaled && sc->c.value < 100)))
    return FALSE;
  sc->next = sc->a.last;
  return TRUE;
}

/* "reached 600 of the previous generation", "600 of its": a bare number
 * that is part of something else. */
static gboolean
filter_part_of (Scan *sc)
{
  Sentence *S = sc->S;
  guint last = sc->last;
  Token *d;

  if (sc->a.spelled || !no_unit (sc) || sc->a.scaled || last + 2 >= sc->n ||
      !tok_has (TOK (S, last + 1), W_OF))
    return FALSE;
  d = TOK (S, last + 2);
  if (!(is_word (S, d, "its") || is_word (S, d, "their") || is_word (S, d, "his") ||
        is_word (S, d, "her") || is_word (S, d, "our") ||
        (is_word (S, d, "the") && last + 3 < sc->n &&
         (is_word (S, TOK (S, last + 3), "previous") || is_word (S, TOK (S, last + 3), "last") ||
          is_word (S, TOK (S, last + 3), "prior")))))
    return FALSE;
  sc->next = sc->a.last;
  return TRUE;
}

/* "aged 34", "scored 2": a bare number under 100 is an age, a score, a
 * position or a name more often than a cited figure. */
static gboolean
filter_bare_small (Scan *sc)
{
  if (sc->a.spelled || !no_unit (sc) || sc->a.scaled || sc->a.fraction ||
      (isnan (sc->c.value_max) ? sc->c.value : sc->c.value_max) >= 100)
    return FALSE;
  sc->next = sc->a.last;
  return TRUE;
}

static const ScanRuleRow candidate_filters[] = {
  { "resolution", filter_resolution },
  { "adjective-measure", filter_adjective_measure },
  { "metres", filter_metres },
  { "spelled-small", filter_spelled_small },
  { "rare-noun-small", filter_rare_noun_small },
  { "part-of", filter_part_of },
  { "bare-small", filter_bare_small },
};

/* ---- The loop ------------------------------------------------------- */

/* A line where most tokens are numbers is a table's column or row. */
static gboolean
is_bare_column (Sentence *S)
{
  guint n_num = 0, n_other = 0;

  for (guint i = 0; i < S->tokens->len; i++)
    {
      Token *t = TOK (S, i);

      if (t->type == T_NUM && !t->used)
        n_num++;
      else if (t->type == T_WORD || t->type == T_CJK)
        n_other++;
    }
  return n_num >= 4 && n_num > n_other;
}

/* Reads one figure starting at token sc->i, or drops it by a named rule;
 * leaves in sc->next the token the scan goes on after. */
static void
scan_at (Scan *sc)
{
  Token *t = TOK (sc->S, sc->i);

  sc->next = sc->i;
  sc->last = sc->i;
  if (may_be_read (sc, t) && run_rules (sc, readers, G_N_ELEMENTS (readers), "read by"))
    return;
  if (t->type != T_NUM && t->type != T_SYM && t->type != T_WORD)
    return;
  if (!parse_number (sc->S, sc->i, &sc->a))
    return;
  sc->last = sc->a.last;
  sc->ni = sc->a.first;
  while (sc->ni <= sc->a.last && TOK (sc->S, sc->ni)->type != T_NUM && !sc->a.spelled)
    sc->ni++;
  if (run_rules (sc, number_filters, G_N_ELEMENTS (number_filters), "dropped by filter"))
    return;

  sc->c.first = sc->a.first;
  sc->c.value = sc->a.value;
  sc->c.value_max = NAN;
  sc->c.currency = sc->a.currency;
  read_range (sc);
  read_unit (sc);
  if (run_rules (sc, unit_filters, G_N_ELEMENTS (unit_filters), "dropped by filter"))
    return;
  take_unit (sc);
  if (run_rules (sc, candidate_filters, G_N_ELEMENTS (candidate_filters), "dropped by filter"))
    return;

  sc->c.last = sc->last;
  sc->c.qualifier = qualifier_before (sc->S, sc->a.first);
  emit (sc->S, &sc->c, sc->figures);
  mark_used (sc, sc->a.first, sc->last);
  sc->next = sc->last;
}

void
scan_figures (Sentence  *S,
              GPtrArray *figures)
{
  Scan sc = { .S = S, .figures = figures, .n = S->tokens->len };

  sc.bare_column = is_bare_column (S);
  for (sc.i = 0; sc.i < sc.n; sc.i = sc.next + 1)
    {
      guint8 type = TOK (S, sc.i)->type;

      /* Only words, numbers and symbols start a figure. */
      if (TOK (S, sc.i)->used || type == T_PUNCT || type == T_CJK)
        {
          sc.next = sc.i;
          continue;
        }
      scan_at (&sc);
      g_clear_pointer (&sc.c.unit_owned, g_free);
      g_clear_pointer (&sc.owned, g_free);
      sc.c = (Candidate) { 0 };
      sc.unit_read = FALSE;
      sc.unit = NULL;
    }
}
