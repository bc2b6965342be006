/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>

#include "cited-extractor.h"

G_BEGIN_DECLS

/*
 * The extractor is split by language: cited-extractor.c tokenizes, splits
 * sentences (., !, ?, 。！？；, blank lines), finds brand mentions once for
 * the whole body and handles English sentences; sentences that are mostly
 * CJK go to cited-extractor-zh.c. Both produce figures in the same
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
} CitedExtractContext;

/* Rounds @value to 12 significant digits, so that digits scaled by a
 * binary multiplication ("0.6000000000000001", "4.1499999999999995") print
 * as written: the integer mantissa is divided (or multiplied) by one exact
 * power of ten. */
static inline double
cited_clean_value (double value)
{
  double a = fabs (value);
  int e;

  if (a == 0 || !isfinite (value))
    return value;
  e = (int) floor (log10 (a));
  if (e < 11)
    {
      double p = pow (10, 11 - e);

      if (p > 1e22)
        return value;
      return round (value * p) / p;
    }
  else
    {
      double p = pow (10, e - 11);

      return round (value / p) * p;
    }
}

/* Extracts figures from the mostly-Chinese sentence body[start, end),
 * appending new CitedFigure* to @figures with every field filled as the
 * English path does (offsets into the body, language "zh"). Returns the
 * interned brand the sentence is about, for the next sentence, or NULL. */
const char *cited_extract_zh_sentence (const CitedExtractContext *ctx,
                                       guint                      start,
                                       guint                      end,
                                       GPtrArray                 *figures);

G_END_DECLS
