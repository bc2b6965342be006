/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-extract-private.h"

G_BEGIN_DECLS

/*
 * Types shared by the Chinese stages (see README-zh.md for the order):
 *
 *   cited-extract-zh-vocab.c    ZhVocab from data/metrics-zh.json, once
 *   cited-extract-zh-text.c     Sent (the decoded sentence), word matching
 *   cited-extract-zh-numbers.c  Num: numerals, scales, the quick path
 *   cited-extract-zh-forms.c    ranks, 一半, 百分之, currency signs: Cand
 *   cited-extract-zh-figure.c   a Num with what follows it: Cand
 *   cited-extract-zh-filters.c  named reject predicates, one runner
 *   cited-extract-zh-periods.c  years and quarters (Mark)
 *   cited-extract-zh-resolve.c  metric, scope, sign
 *   cited-extract-zh-brand.c    named brand rules, one runner
 *   cited-extract-zh.c          the sentence driver and emission
 */

#define ZH_STACK_CHARS 512
#define ZH_MAX_MARKS 32
#define ZH_MAX_CANDS 64

#define CH_WAN 0x4E07 /* 万 */
#define CH_YI  0x4EBF /* 亿 */

#define ZH_CJK_BITS ((0x9FFF - 0x4E00 + 1) / 8 + 1)

typedef enum {
  KIND_COUNT,
  KIND_MONEY,
  KIND_PERCENT,
  KIND_RANK,
} Kind;

/* ---- vocabulary (data/metrics-zh.json) ---- */

/* A metric or scope keyword: "出货量" -> "shipments". */
typedef struct {
  const char *word;   /* interned */
  guint       len;    /* bytes */
  gunichar    first;  /* first code point */
  const char *value;  /* interned; "" blocks the word */
} Keyword;

/* Bits of the first code points of a list's words, set by zh_first_add()
 * and read by zh_first_may(): most chars fail on one bit. */
#define ZH_FIRST_WORDS 16

typedef struct {
  guint64 bits[ZH_FIRST_WORDS];
} ZhFirst;

static inline guint
zh_first_bit (gunichar c)
{
  return (c * 0x9E3779B1u) >> 22;   /* 10 bits: ZH_FIRST_WORDS words of 64 */
}

static inline void
zh_first_add (ZhFirst *f,
              gunichar c)
{
  f->bits[zh_first_bit (c) / 64] |= G_GUINT64_CONSTANT (1) << (zh_first_bit (c) % 64);
}

static inline gboolean
zh_first_may (const ZhFirst *f,
              gunichar       c)
{
  return (f->bits[zh_first_bit (c) / 64] >> (zh_first_bit (c) % 64)) & 1;
}

/* Keywords longest first, with the bits of their first code points. */
typedef struct {
  Keyword *kw;
  guint    n;
  ZhFirst  first;
} ZhKeywords;

/* One row of a word list: the word and what it maps to. Every string is
 * interned; fields a list does not use are NULL, 0 or FALSE. */
typedef struct {
  const char *word;
  guint       len;        /* bytes */
  gunichar    first;      /* first code point: most words fail on it */
  const char *value;      /* qualifier, currency, unit, scope, change … */
  double      number;     /* numeral value, scale, year delta */
  Kind        kind;       /* units: KIND_MONEY when value is a currency */
  const char *not_before; /* units: chars that make it another word */
  gboolean    flag;       /* units: needs_noun; subject_pronouns: not_subject;
                           * openers: quick (a reason to scan on its own) */
  gboolean    noun_decides; /* units: the noun after it names the unit (家门店) */
} ZhWord;

typedef struct {
  ZhWord *w;
  guint   n;
  ZhFirst first;       /* the bits of every word's first code point */
} ZhWords;

typedef struct {
  ZhKeywords metrics;
  ZhKeywords scopes;

  ZhWords numerals, small_scales, openers, numeral_followers, one_followers;
  ZhWords units, measure_nouns, rejects_after;
  ZhWords qualifiers_before, qualifiers_after, qualifiers_before_verb;
  ZhWords currency_prefixes, currency_codes_after, relative_years, places;
  ZhWords changes, bare_verbs, tenths_not_before, patent_words, store_words;
  ZhWords staff_words, other_rates, spec_words, goal_words;
  ZhWords rank_before, rank_words, top_before, ordinal_nouns, part_words, maker_words;
  ZhWords pronouns, subject_pronouns, market_words, beat_verbs, component_words;
  ZhWords respectively, vague_before, round_qualifiers;
  ZhWords status_words, span_words, loss_words;

  /* Derived once from the lists above, one bit per ideograph. */
  guint8 digit_bits[ZH_CJK_BITS];   /* numerals */
  gint8  digit_value[0x9FFF - 0x4E00 + 1];
  gunichar zero_outside;            /* 〇, the numeral outside the block */
  guint8 starter_bits[ZH_CJK_BITS]; /* ideographs the scan acts on */
  guint8 follow_bits[ZH_CJK_BITS];  /* what makes a numeral a figure */
  guint8 money_bits[ZH_CJK_BITS];   /* first chars of currency words */
  guint8 one_bits[ZH_CJK_BITS];     /* "一成", "一半": 一 as a figure */
  guint8 scale_bits[ZH_CJK_BITS];   /* 十, 百, 千 */
  guint8 quick_bits[ZH_CJK_BITS];   /* openers that are a reason to scan */
} ZhVocab;

/* The Chinese vocabulary, loaded on first use (thread-safe). */
const ZhVocab *zh_vocab (void);

static inline gboolean
zh_has_bit (const guint8 *bits,
            gunichar      c)
{
  return c >= 0x4E00 && c <= 0x9FFF && ((bits[(c - 0x4E00) >> 3] >> ((c - 0x4E00) & 7)) & 1);
}

/* ---- characters ---- */

static inline gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0;
}

static inline int
arabic_digit (gunichar c)
{
  if (c >= '0' && c <= '9')
    return (int) (c - '0');
  if (c >= 0xFF10 && c <= 0xFF19)
    return (int) (c - 0xFF10);
  return -1;
}

/* The value of a Chinese numeral (一 … 九, 零, 〇, 两), or -1: one bit
 * test rules out most characters. */
static inline int
zh_cn_digit (const ZhVocab *v,
             gunichar       c)
{
  if (zh_has_bit (v->digit_bits, c))
    return v->digit_value[c - 0x4E00];
  return c == v->zero_outside && c != 0 ? 0 : -1;
}

/* 十, 百, 千 as multipliers; 0 for anything else. */
static inline double
zh_small_scale (const ZhVocab *v,
                gunichar       c)
{
  if (!zh_has_bit (v->scale_bits, c))
    return 0;
  for (guint k = 0; k < v->small_scales.n; k++)
    if (v->small_scales.w[k].first == c)
      return v->small_scales.w[k].number;
  return 0;
}

static inline gboolean
is_latin (gunichar c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}

static inline gboolean
is_clause_sep (gunichar c)
{
  return c == 0xFF0C /* ， */ || c == 0x3001 /* 、 */ || c == 0xFF1B /* ； */ ||
         c == ',' || c == ';' || c == 0xFF1A /* ： */;
}

/* Separators between clauses that a list ("小米、OPPO 和 vivo") does not
 * cross. */
static inline gboolean
is_big_sep (gunichar c)
{
  return c == 0xFF0C /* ， */ || c == 0xFF1B /* ； */ || c == ',' || c == ';' || c == 0xFF1A /* ： */;
}

static inline gboolean
is_cjk (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

static inline gboolean
is_year_value (double v)
{
  return v >= 1900 && v <= 2100 && v == floor (v);
}

/* ---- the sentence (cited-extract-zh-text.c) ---- */

typedef struct {
  const ZhVocab *v;
  const char *body;
  const gunichar *cp;
  const guint *off;   /* off[i]: byte offset of cp[i] in body; off[n]: end */
  guint n;
} Sent;

guint          zh_match_at          (const Sent *s, guint i, const char *word);
const ZhWord  *zh_match_words_at    (const Sent *s, guint i, const ZhWords *words, guint *n_chars);
guint          zh_match_before      (const Sent *s, guint i, const char *word);
const ZhWord  *zh_match_any_before  (const Sent *s, guint i, const ZhWords *words, guint *n_chars);
gboolean       zh_range_has_any     (const Sent *s, guint lo, guint hi, const ZhWords *words);
gboolean       zh_char_in           (gunichar c, const char *list);
guint          zh_clause_start      (const Sent *s, guint i);
guint          zh_clause_end        (const Sent *s, guint i);

/* The first row of @words at char @i, or NULL; the match length in chars
 * goes to @n_chars. One bit test rules out most chars. */
static inline const ZhWord *
zh_match_any_at (const Sent    *s,
                 guint          i,
                 const ZhWords *words,
                 guint         *n_chars)
{
  if (i >= s->n || !zh_first_may (&words->first, s->cp[i]))
    return NULL;
  return zh_match_words_at (s, i, words, n_chars);
}

static inline guint
skip_spaces (const Sent *s,
             guint       i)
{
  while (i < s->n && is_space (s->cp[i]))
    i++;
  return i;
}

static inline guint
skip_spaces_back (const Sent *s,
                  guint       i)
{
  while (i > 0 && is_space (s->cp[i - 1]))
    i--;
  return i;
}

/* ---- numbers (cited-extract-zh-numbers.c) ---- */

typedef struct {
  guint end;            /* char just past the number */
  double value;
  gboolean has_scale;   /* 万/亿 (or 十/百/千 after Arabic digits) */
  gboolean arabic;      /* starts with Arabic digits */
  gboolean chinese;     /* has Chinese numerals */
  gboolean decimal;
  gboolean separators;
  gboolean more;        /* 多/余 inside ("一千多万") */
  guint n_int_digits;   /* Arabic integer digits (years are 4) */
  double lead;          /* the first group as written: 2000 in "2000 万" */
  double approx_ratio;  /* "两三万": 3/2, the top of the range over the value */
} Num;

gboolean zh_parse_number   (const Sent *s, guint i, Num *num);
guint    zh_match_reject   (const Sent *s, guint i);
const ZhWord *zh_match_unit (const Sent *s, guint i, guint *m);
gboolean zh_worth_scanning (const char *body, guint start, guint end);

/* ---- periods (cited-extract-zh-periods.c) ---- */

typedef struct {
  guint idx;
  int value;
} Mark;

typedef struct {
  Mark years[ZH_MAX_MARKS];
  guint n_years;
  Mark quarters[ZH_MAX_MARKS];
  guint n_quarters;
} ZhPeriods;

void zh_add_year          (ZhPeriods *p, guint idx, int year);
void zh_add_quarter       (ZhPeriods *p, guint idx, int quarter);
void zh_drop_since_years  (ZhPeriods *p, const Sent *s);
int  zh_nearest_year      (const ZhPeriods *p, const Sent *s, guint lo, guint hi, guint i0);
int  zh_nearest_quarter   (const ZhPeriods *p, guint i0);

/* ---- candidates ---- */

typedef struct {
  guint i0, i1;              /* text is chars [i0, i1) */
  double value;
  double value_max;
  const char *unit;
  const char *currency;
  const char *qualifier;
  const char *metric;        /* forced by the form (rank, growth) or NULL */
  const char *scope;         /* forced by the form ("全球最大") or NULL */
  Kind kind;
  gboolean bare;             /* no unit, scale, currency or percent */
  gboolean counted;          /* a measure word said something is counted (个, 次) */
  gboolean needs_metric;     /* a figure only with a metric ("一半" of what?) */
  const char *brand;
  guint lo, hi;              /* the clause: chars [lo, hi) */
} Cand;

/* The scan of one sentence: what the stages share. */
typedef struct {
  const CitedExtractContext *ctx;
  const ZhVocab *v;
  Sent s;
  guint start, end;          /* the sentence in the body, bytes */
  guint m_first, m_end;      /* its brand mentions in ctx->mentions */
  guint mi;                  /* the next mention the scan may meet */
  guint clause_lo;           /* char where the current clause starts */
  ZhPeriods periods;
  Cand cands[ZH_MAX_CANDS];
  guint n_cands;
} ZhScan;

Cand *zh_new_cand (ZhScan *z, guint i0, guint i1, double value, Kind kind);

/* A number at its place: what the figure reader knows before and after
 * reading what follows the digits. */
typedef struct {
  Num num;
  guint i0;                  /* text start: a currency sign included */
  guint ni;                  /* where the digits start */
  const char *prefix_currency;
  gboolean model_context;    /* right after a Latin word or a brand */
  guint j;                   /* first char after the number and spaces */
  guint resume;              /* where the scan goes on when dropped */
  gboolean strong;           /* scale, unit, currency or percent */
  gboolean settled;          /* percent or tenths: no figure filter applies */
  gboolean unit_rejected;    /* a size, time or spec word follows */
  gboolean noun_rejected;    /* a measure word with no noun counted */
  Cand c;
} ZhFigure;

/* Special forms read at their opener: 第N, 前N, 最大, 一半, 百分之.
 * Returns TRUE when it handled char @i (and moved @i on). */
gboolean zh_read_form   (ZhScan *z, guint *i);
/* A number at @fig->ni: reads what follows, runs the filters, and adds
 * the candidate. Returns the char to go on from. */
guint    zh_read_figure (ZhScan *z, ZhFigure *fig);
/* A number the scan found at @i: model context, reading, where to go on. */
guint    zh_scan_number (ZhScan *z, guint i, ZhFigure *fig);

/* ---- filters (cited-extract-zh-filters.c) ---- */

typedef enum {
  ZH_FILTER_NUMBER,   /* the number as written, before what follows is read */
  ZH_FILTER_FIGURE,   /* with its unit, currency and range read */
  ZH_FILTER_RESOLVED, /* with its metric */
} ZhFilterStage;

/* Runs the filters of @stage in order; TRUE when one drops the figure
 * (and traces which). The NUMBER and FIGURE filters may note a period and
 * set fig->resume. */
gboolean zh_filter_figure   (ZhScan *z, ZhFigure *fig, ZhFilterStage stage);
gboolean zh_filter_resolved (ZhScan *z, const Cand *c, const char *metric);

/* ---- resolvers (cited-extract-zh-resolve.c) ---- */

const char *zh_nearest_keyword (const Sent *s, const ZhKeywords *kws,
                                guint lo, guint hi, guint a, guint b,
                                gboolean before, gboolean after,
                                gboolean (*accept) (const char *value, gpointer data),
                                gpointer data);
gboolean    zh_accept_metric   (const char *value, gpointer data);
const char *zh_resolve_metric  (ZhScan *z, Cand *c);
const char *zh_resolve_scope   (ZhScan *z, const Cand *c);
gboolean    zh_is_decline_before (const ZhScan *z, guint lo, guint i);
/* What the figure states: its change and measure, a loss as negative
 * profit, its span and its status (预计, 目标, 计划, 累计, 每小时). */
void        zh_resolve_states  (ZhScan *z, const Cand *c, CitedFigure *f);

/* ---- brands (cited-extract-zh-brand.c) ---- */

guint       zh_first_mention_from (const CitedExtractContext *ctx, guint pos);
const char *zh_resolve_brand      (ZhScan *z, guint k, const char *metric);

G_END_DECLS
