/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>

#include "cited-extractor.h"
#include "cited-value.h"

G_BEGIN_DECLS

/*
 * The extractor is split by language: cited-extract.c tokenizes, splits
 * sentences (., !, ?, 。！？；, blank lines), finds brand mentions once for
 * the whole body and handles English sentences; sentences that are mostly
 * CJK go to cited-extract-zh.c. Both produce figures in the same
 * vocabulary so that "190 million units" and "1.9亿台" compare equal:
 *
 *   unit:     "units" (phones, smartphones, handsets, devices, 台, 部),
 *             "people" (people, employees, staff, workers, 人, 名),
 *             "patents", "stores", "cities", "users", "pieces" (件),
 *             "companies" (家), "countries", "cars", "%" (percent)
 *   metric:   "sales", "shipments", "revenue", "profit", "price", "users",
 *             "employees", "stores", "patents", "market share", "rank",
 *             "capital", "cities", "investment", "growth" (negative for a
 *             fall), "stake"
 *   scope:    "global", "overseas", "domestic", or a place in English
 *             ("China", "India", "United States", "Europe", ...)
 *   currency: ISO 4217 ("CNY", "USD", "EUR", "GBP", "KRW", "JPY", "INR")
 *   qualifier (canonical English): "more than", "over", "up to", "about",
 *             "nearly", "at least", "less than", "exceeded", "almost"
 */

typedef struct {
  CitedLexicon       *lexicon;
  const char         *body;
  gsize               length;
  const CitedMention *mentions;     /* every brand mention in body, in order */
  guint               n_mentions;
  const char         *prev_brand;   /* the brand the previous sentence was about, or NULL */
  int                 default_year; /* from the published date, 0 when unknown */
  gboolean            trace;        /* G_MESSAGES_DEBUG names cited-extractor */
  const guint64      *trigger_bits; /* from discovery's pass over the words, or NULL:
                                     * bit p set where a word that may make a figure
                                     * without a digit starts (has_trigger_word()) */
  const guint64      *odd_bits;     /* with trigger_bits: bit p set in each word that
                                     * is no plain run of ASCII letters and digits */
} CitedExtractContext;

/* What a named rule says about a figure: this brand, no brand at all, or
 * nothing (the next rule in the table decides). */
typedef enum {
  CITED_RULE_PASS,
  CITED_RULE_BRAND,
  CITED_RULE_NO_BRAND,
} CitedRuleVerdict;

/* TRUE when G_MESSAGES_DEBUG asks for the "cited-extractor" domain; read
 * once per article into CitedExtractContext.trace so that tracing costs one
 * test of a boolean when it is off. */
gboolean cited_extract_tracing (void);

/* Says which stage or rule decided what about the text body[start, end):
 * "'5%' -> Xiaomi by clause-subject", "'2021' dropped by filter year". Call
 * it only when ctx->trace is set. */
void     cited_extract_trace   (const CitedExtractContext *ctx,
                                guint                      start,
                                guint                      end,
                                const char                *format,
                                ...) G_GNUC_PRINTF (4, 5);

/* Whether a level of @metric holds at a point in time (stores, staff, a
 * price, a rank): data/metrics.json "point_metrics", for both languages. */
gboolean cited_extract_is_point_metric (const char *metric);

/* Gives @figure (whose start and end are set) the text of its sentence
 * body[start, end) and the sentence's offsets: the whole sentence, or a
 * window of a few hundred bytes around the figure when the sentence is
 * longer (cited-extract.c). */
void cited_extract_set_sentence (CitedFigure *figure,
                                 const char  *body,
                                 guint        start,
                                 guint        end);

/* The extractor's name for cited_value_clean(). */
#define cited_clean_value cited_value_clean

/* Extracts figures from the mostly-Chinese sentence body[start, end),
 * appending new CitedFigure* to @figures with every field filled as the
 * English path does (offsets into the body, language "zh"). Returns the
 * interned brand the sentence is about, for the next sentence, or NULL. */
const char *cited_extract_zh_sentence (const CitedExtractContext *ctx,
                                       guint                      start,
                                       guint                      end,
                                       GPtrArray                 *figures);

/* Arrays a thread keeps from one article to the next (cited-extract.c):
 * made and grown again for every article, they cost a tenth of the time
 * of a short one. scratch_array_take() hands the thread's array, empty
 * (or a new one), and takes it from the thread while in use;
 * scratch_array_give() gives it back when @keep, else frees it. */
typedef enum {
  SCRATCH_TOKENS,
  SCRATCH_YEARS,
  SCRATCH_QUARTERS,
  SCRATCH_REL_YEARS,
  SCRATCH_MENTION_TOKENS,
  SCRATCH_CANDIDATES,
  SCRATCH_PERSONS,
  N_SCRATCH_ARRAYS
} ScratchArray;

G_GNUC_INTERNAL GArray *
scratch_array_take (ScratchArray which,
                    guint        element_size,
                    guint        reserve);
G_GNUC_INTERNAL void
scratch_array_give (ScratchArray which,
                    GArray      *array,
                    gboolean     keep);

/* Finds the companies of ctx->body that the lexicon does not know
 * (cited-extract-discover.c): every occurrence of each as a CitedMention
 * with discovered set, sorted by start, overlapping none of ctx->mentions.
 * @headline is set to the discovered company the title is about, or NULL. */
G_GNUC_INTERNAL GArray *
discover_companies (const CitedExtractContext *ctx,
                    const char                *title,
                    const char               **headline,
                    const guint64            **trigger_bits,
                    const guint64            **odd_bits);

/* Whether text[0, len) is a word that is never part of a name ("The",
 * "Despite"), and with @generic also one that names nothing alone
 * ("Total", "Gross"): a capital at a sentence's start that is no name. */
G_GNUC_INTERNAL gboolean
discover_is_common_word (const char *text,
                         guint       len,
                         gboolean    generic);

/* The words that may make a figure without a digit (cited-extract-
 * discourse.c): trigger_pairs[first letter][second letter & 31] has bit n
 * when such a word of n letters starts so; is_trigger_word() says whether
 * the word is one. triggers_init() must have run. */
G_GNUC_INTERNAL extern guint16 trigger_pairs[26][32];
G_GNUC_INTERNAL extern guint64 trigger_triples[64];
G_GNUC_INTERNAL void
triggers_init (void);
G_GNUC_INTERNAL gboolean
is_trigger_word (const char *b,
                 guint       w,
                 guint       len);

/* A bit of 4,096 for the first three bytes of b[w, w + len) (len >= 3),
 * folded to lower case as ASCII letters are, and the length. */
static inline guint
trigger_triple (const char *b,
                guint       w,
                guint       len)
{
  guint32 x = ((guint32) ((guchar) b[w] | 0x20) << 24) | ((guint32) ((guchar) b[w + 1] | 0x20) << 16) |
              ((guint32) ((guchar) b[w + 2] | 0x20) << 8) | len;

  return (x * 0x9E3779B1u) >> 20;
}

/* Whether the ASCII letters b[w, w + len) pass the first tests of
 * is_trigger_word(): nearly every word fails them. */
static inline gboolean
trigger_may (const char *b,
             guint       w,
             guint       len)
{
  guint first = ((guchar) b[w] | 0x20) - 'a';
  guint k;

  if (len < 3 || len >= 16 || first >= 26 ||
      !((trigger_pairs[first][(((guchar) b[w + 1] | 0x20) - 'a') & 31] >> len) & 1))
    return FALSE;
  k = trigger_triple (b, w, len);
  return (trigger_triples[k / 64] >> (k % 64)) & 1;
}

G_END_DECLS
