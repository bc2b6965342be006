/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "cited-extract-private.h"

G_BEGIN_DECLS

/* The English stages share these types: the word table built from
 * data/metrics.json and the grammar, the tokens of one sentence, and the
 * candidates read from them. See README.md in this folder. */

/* ------------------------------------------------------------------ */
/* The word table                                                      */

enum {
  W_NUMWORD    = 1ull << 0,   /* one .. ninety (num) */
  W_HUNDRED    = 1ull << 1,
  W_SCALE      = 1ull << 2,   /* thousand, million, bn ... (scale) */
  W_SUFFIX     = 1ull << 3,   /* may be glued to digits: k, m, bn */
  W_DOZEN      = 1ull << 4,
  W_HALF       = 1ull << 5,
  W_ARTICLE    = 1ull << 6,   /* a, an */
  W_VAGUE      = 1ull << 7,   /* hundreds, millions, dozens */
  W_ORDINAL    = 1ull << 8,   /* first .. tenth (num) */
  W_RANKADJ    = 1ull << 9,   /* largest, biggest */
  W_TOP        = 1ull << 10,
  W_NUMBER     = 1ull << 11,  /* number, no */
  W_MONTH      = 1ull << 12,
  W_TIMEUNIT   = 1ull << 13,
  W_PRODSUFFIX = 1ull << 14,  /* Pro, Max, Ultra, series */
  W_LABEL      = 1ull << 15,  /* page, version, model ... */
  W_CONJ       = 1ull << 16,  /* however, while, but ... */
  W_PRONOUN    = 1ull << 17,
  W_MARKET     = 1ull << 18,
  W_COMPANY    = 1ull << 19,
  W_TO         = 1ull << 20,
  W_AND        = 1ull << 21,
  W_BETWEEN    = 1ull << 22,
  W_FROM       = 1ull << 23,
  W_REL        = 1ull << 24,  /* this / last / next (num: year offset) */
  W_YEAR       = 1ull << 25,
  W_QUARTER    = 1ull << 26,
  W_PERCENT    = 1ull << 27,  /* percent, pct */
  W_STOP       = 1ull << 28,
  W_PHRASE     = 1ull << 29,  /* starts a two-word phrase of the tables */
  W_TIMES      = 1ull << 30,  /* times, fold */
  W_CLOCK      = 1ull << 31,  /* am, pm, gmt */
  W_APPOS      = 1ull << 32,  /* the, a, which, who: an apposition starts */
  W_PER        = 1ull << 33,
  W_CENT       = 1ull << 34,
  W_ORDSUFFIX  = 1ull << 35,  /* st, nd, rd, th */
  W_RANKVERB   = 1ull << 36,  /* ranked, ranks */
  W_OF         = 1ull << 37,
  W_NO         = 1ull << 38,
  W_THE        = 1ull << 40,
  W_SPEC       = 1ull << 41,  /* mAh, GB, MP: specifications, not figures */
  W_YEARDET    = 1ull << 42,  /* the, best, latest: "the 2022 phones" */
  W_DECLINE    = 1ull << 43,  /* fell, dropped, down: a change below zero */
  W_NOPRICE    = 1ull << 44,  /* stolen, fined: money that is no price */
  W_GOAL       = 1ull << 45,  /* aims, target, goal: a figure not yet reached */
  W_CLOCKPREP  = 1ull << 46,  /* at, by, until: "at 1330" is a time */
  W_YEARPREP   = 1ull << 47,  /* in, since, by, during: "in 1789" is a year */
  W_SINCE      = 1ull << 48,  /* since: "since 2016" is no period */
  W_BY         = 1ull << 49,  /* by: "fell by 2%" */
  W_UPDOWN     = 1ull << 50,  /* up, down: "up 5%" is a change */
  W_IN         = 1ull << 51,  /* in: "the top three in India" */
  W_CHANGE     = 1ull << 52,  /* rose, fell, gained: "rose 1-3/8 to 32-1/4" is a change, then a level */
  W_TOTAL      = 1ull << 39,  /* in total, altogether: a running total when no period is named */
  W_FORECAST   = 1ull << 53,  /* expects, forecast, estimated: a figure not yet known */
  W_PLAN       = 1ull << 54,  /* plans, will, intends: a figure meant to be */
  W_CUMUL      = 1ull << 55,  /* to date, so far, ever: a running total */
  W_RATE       = 1ull << 56,  /* daily, hourly: an amount per unit of time */
  W_EACH       = 1ull << 57,  /* each, every: "35,000 phones every hour" */
  W_HAVE       = 1ull << 58,  /* has, have: "has sold a billion iPhones" */
  W_LOSS       = 1ull << 59,  /* a loss, lost: money lost is negative profit */
  W_AGO        = 1ull << 60,  /* ago, earlier, later: "a year earlier" is no rate */
  W_PUBLIC     = 1ull << 61,  /* central, federal: "the central bank" is no company */
  W_RESTATE    = 1ull << 62,  /* restated: "restated earnings by $5bn" is a correction */
};

/* Keys shorter than this are kept in their word's first cache line. */
#define WORD_KEY_INLINE 16

typedef struct {
  /* read for every word a sentence's tokens look up, together: */
  char *key;                 /* lower case unless exact; keybuf when short */
  guint len;
  guint fields;              /* TF_METRIC ... of the values below: set once the
                              * tables are read (word_fields()) */
  guint64 flags;
  guint64 phrase_flags;      /* a W_PHRASE word: the flags of the phrases it starts */
  guint phrase_fields;       /* and which values they hold: P_METRIC ... */
  char keybuf[WORD_KEY_INLINE];
  /* read when a rule asks: */
  double num;                /* spelled number, ordinal, month, year offset */
  double scale;              /* scale word: 1e3, 1e6 ... */
  double money_factor;       /* pence, cents: 0.01 */
  const char *unit;          /* interned canonical values */
  const char *metric;
  const char *scope;
  const char *qualifier;
  const char *currency;
  const char *measure;       /* what a change is of, where no metric word says:
                              * "shares" -> "share price" */
  const char *money_noun;    /* what money right beside it is: "fine" -> "fines",
                              * "takeover" -> "deal", "tax" -> "taxes" */
} Word;

/* The values a two-word phrase may hold, in Word.phrase_fields: callers
 * look a phrase up only when one it could find holds what they ask. */
enum {
  P_METRIC  = 1u << 0,
  P_SCOPE   = 1u << 1,
  P_MEASURE = 1u << 2,
};

/* The values a word token's entries hold, in Token.fields: the loops over
 * a sentence's tokens pass over most words on one test of these, nearly
 * always the same way, before the tests of clause and type and of each
 * entry, whose outcomes vary from word to word. */
enum {
  TF_METRIC   = 1u << 0,
  TF_SCOPE    = 1u << 1,
  TF_MEASURE  = 1u << 2,
  TF_UNIT     = 1u << 3,
  TF_CURRENCY = 1u << 4,
  TF_MONEY    = 1u << 5,    /* money_noun */
};

/* A slot of a word table: the key's hash and length beside the entry, so
 * that a probe reads the entry only when both match (most words of a text
 * are in no table, and a probe that misses then reads the slot only). */
typedef struct {
  guint32 hash;              /* of the key, as hash_key() in vocab.c */
  guint32 len;
  const Word *word;          /* NULL: empty */
} TableSlot;

typedef struct {
  GPtrArray *words;          /* Word* */
  TableSlot *slots;
  guint mask;
} Table;

typedef struct {
  Table folded;              /* matched whatever the case */
  Table exact;               /* written with capitals: matched as written */
  GHashTable *unit_metrics;  /* unit -> metric (interned) */
  GHashTable *money_metrics; /* metric -> metric or "" (interned) */
  GHashTable *point_metrics; /* metrics whose levels hold at a point in time (string set) */
  GHashTable *money_only;    /* metrics that are always money: an article's currency lends to them */
} Tables;

/* The seed of hash_text(). */
#define FNV_INIT 2166136261u

static inline guchar
lower (guchar c)
{
  return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* Words are hashed and compared eight bytes at a time: a loop over each
 * byte ends at a place that varies with the word's length, a branch
 * mispredicted about once per word looked up. */

/* The eight bytes at @s, the first in the lowest byte whatever the
 * platform's byte order. */
static inline guint64
load8 (const char *s)
{
  guint64 x;

  memcpy (&x, s, sizeof x);
  return GUINT64_FROM_LE (x);
}

/* The @n bytes (1 to 8) at @s as load8() reads them, the bytes after them
 * 0. Reads the eight bytes at once where the text (up to @limit) holds
 * them. */
static inline guint64
chunk_at (const char *s,
          guint       n,
          const char *limit)
{
  guint64 x = 0;

  if (limit - s >= 8)
    return load8 (s) & (G_MAXUINT64 >> (64 - 8 * n));
  for (guint k = n; k > 0; k--)
    x = (x << 8) | (guchar) s[k - 1];
  return x;
}

#define ONES8 G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGH8 G_GUINT64_CONSTANT (0x8080808080808080)

/* Bit 7 of each byte of @x that is an ASCII capital: a byte's low seven
 * bits plus a bias carry into bit 7 exactly when the byte is at least the
 * range's first value, and never into the next byte. */
static inline guint64
upper_bits8 (guint64 x)
{
  guint64 low7 = x & ~HIGH8;

  return (low7 + ONES8 * (0x80 - 'A')) & ~(low7 + ONES8 * (0x80 - 'Z' - 1)) & ~x & HIGH8;
}

/* Bit 7 of each byte of @x that is an ASCII letter: a letter is a byte
 * whose value with bit 5 set lies in 'a'..'z'. */
static inline guint64
letter_bits8 (guint64 x)
{
  guint64 y = x | (ONES8 * 0x20);
  guint64 low7 = y & ~HIGH8;

  return (low7 + ONES8 * (0x80 - 'a')) & ~(low7 + ONES8 * (0x80 - 'z' - 1)) & ~y & HIGH8;
}

/* lower () on each of eight bytes: a capital gets bit 5. */
static inline guint64
fold8 (guint64 x)
{
  return x | (upper_bits8 (x) >> 2);
}

#define HASH_MUL G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)

/* The hash of s[0, len), folded to lower case when @fold, any bytes up to
 * @limit readable: the one hash of the word tables and of discovery. */
static inline guint32
hash_text (const char *s,
           guint       len,
           const char *limit,
           gboolean    fold)
{
  guint64 h = FNV_INIT ^ len;

  for (; len > 8; s += 8, len -= 8)
    {
      guint64 x = load8 (s);

      h = (h ^ (fold ? fold8 (x) : x)) * HASH_MUL;
      h ^= h >> 29;
    }
  if (len > 0)
    {
      guint64 x = chunk_at (s, len, limit);

      h = (h ^ (fold ? fold8 (x) : x)) * HASH_MUL;
    }
  return (guint32) (h ^ (h >> 32));
}

static inline guint32
hash_folded (const char *s,
             guint       len,
             const char *limit)
{
  return hash_text (s, len, limit, TRUE);
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

typedef enum {
  T_WORD,
  T_NUM,
  T_SYM,                     /* currency symbols and % */
  T_PUNCT,
  T_CJK,
} TokenType;

typedef struct {
  guint start;
  guint end;
  guint8 type;
  guint8 glued;              /* no space before */
  guint8 cap;                /* word starts with a capital */
  guint8 poss;               /* word followed by 's or s' */
  guint8 ndigits;
  guint8 sep;                /* number had thousands separators */
  guint8 decimal;
  guint8 used;               /* consumed: part of a date, a year, a figure ... */
  guint8 fields;             /* TF_*: the values a word's entries hold */
  guint8 phrase_fields;      /* P_*: those of the phrases it may start */
  guint16 clause;
  guint16 segment;
  gint16 mention;            /* index in the sentence's mentions, or -1 */
  gunichar cp;               /* symbols and punctuation */
  double num;
  const Word *w;             /* folded entry */
  const Word *wx;            /* exact-case entry */
  guint64 flags;             /* a word's flags from both entries, 0 for other
                              * tokens: tok_flags() is asked for every token
                              * by most rules, and whether a word has an
                              * entry is a branch no predictor guesses */
} Token;

typedef struct {
  guint token;               /* token index */
  int year;                  /* the year; the quarter in the quarters list; the
                              * offset from the published year in rel_years */
  guint base;                /* a year's: the number it is the base of a comparison
                              * for ("down from $3.8bn in 2003"), else G_MAXUINT */
} Period;

typedef struct {
  guint start;               /* byte offsets of the figure text */
  guint end;
  guint first;               /* token range [first, last] */
  guint last;
  double value;
  double value_max;
  const char *unit;          /* interned or owned below */
  char *unit_owned;
  const char *currency;
  const char *qualifier;
  gboolean rank;
} Candidate;

typedef struct {
  const Tables *tables;
  const CitedExtractContext *ctx;
  const char *body;
  guint start;
  guint end;
  GArray *tokens;            /* Token, reused */
  GArray *years;             /* Period */
  GArray *quarters;          /* Period */
  GArray *rel_years;         /* Period */
  guint m_first;             /* mentions of this sentence: [m_first, m_last) */
  guint m_last;
  GArray *mention_tokens;    /* guint: token of each sentence mention */
  const CitedFigure *prev_figure; /* the first figure of the sentence before, or NULL */
  const char *clause_brand;  /* the brand of the last figure in this sentence */
  const CitedFigure *last_figure; /* the last figure of this sentence so far */
  const char *last_brand;    /* its brand as the rules gave it (the lexicon's own string) */
  guint16 clause_brand_clause;
  guint n_figures;           /* figures emitted in this sentence so far */
  guint first_figure_token;  /* the first token of its first figure */
  guint respectively_at;     /* 1 + token of "respectively", G_MAXUINT for none, 0 not looked */
} Sentence;

/* A number as read, before its unit, range and filters. */
typedef struct {
  guint first;               /* first token (currency symbol or number) */
  guint last;                /* last token of the number with its scale */
  double value;
  const char *currency;
  gboolean scaled;
  gboolean short_suffix;     /* a one-letter scale glued on: "40m", "24K" */
  gboolean percent;
  gboolean spelled;
  gboolean fraction;         /* a price in fractions: "15-7/8" */
} Number;

#define TOK(S, i) (&g_array_index ((S)->tokens, Token, (i)))

static inline guint64
tok_flags (const Token *t)
{
  return t->flags;
}

static inline gboolean
tok_has (const Token *t,
         guint64      flag)
{
  return (tok_flags (t) & flag) != 0;
}

/* What the phrases that @t may start hold: their flags, their values. */
static inline guint64
tok_phrase_flags (const Token *t)
{
  guint64 f = 0;

  if (t->type != T_WORD)
    return 0;
  if (t->w)
    f |= t->w->phrase_flags;
  if (t->wx)
    f |= t->wx->phrase_flags;
  return f;
}

static inline guint
tok_phrase_fields (const Token *t)
{
  return t->phrase_fields;
}

#define TOK_FIELD(t, field) \
  ((t)->type != T_WORD ? NULL : ((t)->wx && (t)->wx->field) ? (t)->wx->field : (t)->w ? (t)->w->field : NULL)

static inline gboolean
is_punct (const Token *t,
          gunichar     c)
{
  return t->type == T_PUNCT && t->cp == c;
}

static inline gboolean
is_dash (const Token *t)
{
  return t->type == T_PUNCT && (t->cp == '-' || t->cp == 0x2013 || t->cp == 0x2014);
}


/* Whether @t is @word, whatever its case; inlined so that the length of a
 * literal word is known at compile time. */
static inline gboolean
is_word (Sentence    *S,
         const Token *t,
         const char  *word)
{
  guint len = strlen (word);

  return t->type == T_WORD && t->end - t->start == len &&
         g_ascii_strncasecmp (S->body + t->start, word, len) == 0;
}

/* The stages, file by file; internal to the library. */

/* cited-extract-vocab.c */
G_GNUC_INTERNAL const Tables *
get_tables (void);

/* cited-extract-tokens.c */
G_GNUC_INTERNAL const Word *
word_find_folded (const Tables *tables,
                  const char   *text,
                  guint         len);
G_GNUC_INTERNAL const Word *
phrase_find (const Sentence *S,
             const Token    *a,
             const Token    *b);
G_GNUC_INTERNAL gboolean
is_cjk (gunichar c);
G_GNUC_INTERNAL void
tokenize (Sentence *S);
G_GNUC_INTERNAL void
mark_clauses (Sentence *S);
G_GNUC_INTERNAL void
mark_mentions (Sentence *S);

/* cited-extract-periods.c */
G_GNUC_INTERNAL void
mark_periods (Sentence *S);
G_GNUC_INTERNAL int
nearest_period (Sentence *S,
                GArray   *periods,
                guint     token,
                gboolean  same_clause);

/* cited-extract-numbers.c */
G_GNUC_INTERNAL guint
find_unit (Sentence    *S,
           guint        i,
           const char **unit,
           char       **owned,
           gboolean    *duration,
           gboolean    *times);
G_GNUC_INTERNAL
gboolean
is_video_resolution (Sentence *S,
                     guint     i);
G_GNUC_INTERNAL
guint
find_currency_after (Sentence    *S,
                     guint        i,
                     const char **currency,
                     double      *factor);
G_GNUC_INTERNAL gboolean
parse_number (Sentence *S,
              guint     i,
              Number   *num);
G_GNUC_INTERNAL gboolean
is_productish (Sentence    *S,
               guint        i);
G_GNUC_INTERNAL gboolean
parse_rank (Sentence  *S,
            guint      i,
            Candidate *c);
G_GNUC_INTERNAL const char *
qualifier_before (Sentence *S,
                  guint     i);

/* cited-extract-scan.c */
G_GNUC_INTERNAL void
scan_figures (Sentence  *S,
              GPtrArray *figures);

/* cited-extract-metric.c */
G_GNUC_INTERNAL gboolean
is_company_metric (const char *metric);
G_GNUC_INTERNAL const char *
metric_for (Sentence        *S,
            const Candidate *c,
            gboolean         from_unit);
G_GNUC_INTERNAL const char *
scope_for (Sentence        *S,
           const Candidate *c);
G_GNUC_INTERNAL const char *
measure_for (Sentence        *S,
             const Candidate *c);

/* cited-extract-brand.c */
G_GNUC_INTERNAL const char *
mention_brand (Sentence *S,
               guint     k);
G_GNUC_INTERNAL gboolean
is_modifier_mention (Sentence *S,
                     guint     k);
G_GNUC_INTERNAL gboolean
others_expected_at (Sentence *S,
                    guint     k);
G_GNUC_INTERNAL gboolean
is_pronoun_at (Sentence *S,
               guint     k);
G_GNUC_INTERNAL const char *
brand_for (Sentence        *S,
           const Candidate *c,
           const char      *metric);

/* cited-extract-emit.c */
G_GNUC_INTERNAL void
emit (Sentence  *S,
      Candidate *c,
      GPtrArray *figures);

/* cited-extract-discourse.c */
typedef struct {
  const char *subject;       /* the company named as the sentence's subject */
  gboolean    refers_back;   /* opens with a pronoun or "the company" */
  const char *first_mention; /* the first company the sentence names */
  const char *figures_brand; /* the company its figures were given */
} SentenceTopic;

G_GNUC_INTERNAL const char *
discourse_next (const CitedExtractContext *ctx,
                const SentenceTopic       *topic);
G_GNUC_INTERNAL void
discourse_article_currency (GPtrArray  *figures,
                            const char *title);
G_GNUC_INTERNAL const char *
sentence_brand (Sentence *S);
G_GNUC_INTERNAL gboolean
has_trigger_word (const char *b,
                  guint       start,
                  guint       end);
G_GNUC_INTERNAL const char *
quick_sentence_brand (const CitedExtractContext *ctx,
                      const char                *b,
                      guint                      start,
                      guint                      end,
                      guint                      m_first,
                      guint                      m_last);

/* cited-extract-split.c */
G_GNUC_INTERNAL void
init_split_class (void);
G_GNUC_INTERNAL guint
split_sentence (const char *b,
                guint       pos,
                guint       len,
                guint      *start,
                guint      *end,
                gboolean   *has_cjk,
                gboolean   *has_digit);
G_GNUC_INTERNAL gboolean
mostly_cjk (const char *b,
            guint       start,
            guint       end);

G_END_DECLS
