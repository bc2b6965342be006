/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include <math.h>

#include <glib.h>

G_BEGIN_DECLS

/* How large numbers are written: in thousands, millions, billions ("190M",
 * "24K"), or in 万 and 亿 as Chinese readers count ("1.9亿", "2.4万"). */
typedef enum {
  CITED_VALUE_SCALES_READER,  /* whichever the reader's language uses */
  CITED_VALUE_SCALES_LATIN,   /* K, M, B, T */
  CITED_VALUE_SCALES_CJK,     /* 万, 亿, 万亿 */
} CitedValueScales;

/**
 * cited_value_clean:
 * @value: a value computed from digits as written
 *
 * Rounds @value to 12 significant digits, so that digits scaled by a
 * binary multiplication ("0.6000000000000001", "4.1499999999999995") print
 * as written: the integer mantissa is divided (or multiplied) by one exact
 * power of ten. Inline because the extractor calls it for every figure.
 *
 * Returns: the cleaned value; 0, NAN and infinities unchanged
 */
static inline double
cited_value_clean (double value)
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

/* The largest magnitude a figure may have: a quintillion. No count or
 * amount in the news comes near it in any currency; readings beyond it
 * ("999…9 million" of 400 digits, "1e92") are typos or hostile text. */
#define CITED_VALUE_MAX 1e18

/**
 * cited_value_in_bounds:
 * @value: a value read from text
 *
 * Returns: whether @value is finite and at most CITED_VALUE_MAX in
 *   magnitude; NAN and infinities are not
 */
static inline gboolean
cited_value_in_bounds (double value)
{
  return isfinite (value) && fabs (value) <= CITED_VALUE_MAX;
}

/* The scales @scales stands for: CITED_VALUE_SCALES_READER resolves to CJK
 * when the first of the user's languages (as gettext picks them) is Chinese. */
CITED_AVAILABLE_IN_ALL
CitedValueScales cited_value_resolve_scales (CitedValueScales scales);

/* The symbol Cited writes before an amount in the ISO 4217 currency @code:
 * "¥" for CNY and JPY, "$" for USD, "HK$", "₹", "kr " (with its space).
 * NULL when Cited knows none; such amounts are written "5,000 XYZ". */
CITED_AVAILABLE_IN_ALL
const char      *cited_value_currency_symbol  (const char *code);

/* The ISO 4217 code the single character @c stands for as a currency sign
 * in news text: '$' and '＄' USD, '¥' and '￥' CNY, '€' EUR, '£' and '￡'
 * GBP, '₩' KRW, '₹' INR; NULL when @c is no currency sign. */
CITED_AVAILABLE_IN_ALL
const char      *cited_value_currency_for_char (gunichar c);

/* Reads the currency written at the start of @text (at most @length bytes,
 * -1: up to the NUL): a symbol ("HK$", "US$", "¥", "€"), an ISO code
 * ("USD", "RMB"), or a Chinese name ("美元", "元"); the longest that
 * matches. Returns the ISO code and sets @consumed to the bytes read, or
 * NULL (and 0). Which characters may follow is for the caller to judge. */
CITED_AVAILABLE_IN_ALL
const char      *cited_value_read_currency    (const char *text,
                                               gssize      length,
                                               gsize      *consumed);

/* Formats a value the way tables and bar labels show it: "190M", "24K",
 * "5,920", "13%", "¥3,999", "-$1.2B", "4,000 XYZ"; with CJK scales "1.9亿",
 * "2.4万", "5,000万". NAN is "–". */
CITED_AVAILABLE_IN_ALL
char            *cited_value_format           (double            value,
                                               const char       *unit,
                                               const char       *currency,
                                               CitedValueScales  scales);

/* Formats an axis tick: every tick of one axis uses one scale, the one
 * @extent (the largest absolute value on the axis) reaches, and as many
 * decimals as @step needs so neighbouring ticks never read alike: "50M",
 * "¥4K", "25%", "1.5亿", "5,000万". Zero is "0"; negatives start with "−". */
CITED_AVAILABLE_IN_ALL
char            *cited_value_format_tick      (double            value,
                                               double            step,
                                               double            extent,
                                               const char       *unit,
                                               const char       *currency,
                                               CitedValueScales  scales);

/**
 * cited_value_parse:
 * @text: what a user typed
 * @value: (out): the value
 * @unit: (out) (optional) (nullable): "%" when the text ends in a percent
 *   sign, else NULL
 * @currency: (out) (optional) (nullable): the ISO code of the currency the
 *   text names, else NULL
 *
 * Reads a value as people write it, in either language: "190000000",
 * "190,000,000", "190M", "1.9B", "24K", "1.2 billion", "1.9亿", "3,580万",
 * "¥3,999", "US$1.5M", "3999元", "5%", "-2.5", "1e6", full-width digits. Commas
 * must group thousands ("1,5" is refused rather than read as 15). Values
 * beyond CITED_VALUE_MAX in magnitude are refused.
 * Everything cited_value_format() writes reads back.
 *
 * Returns: whether @text is one value; @value is untouched when not
 */
CITED_AVAILABLE_IN_ALL
gboolean         cited_value_parse            (const char  *text,
                                               double      *value,
                                               const char **unit,
                                               const char **currency);

/**
 * CitedBound:
 * @CITED_BOUND_EXACT: the value as stated, or no qualifier
 * @CITED_BOUND_ABOUT: "about", "around": an approximation
 * @CITED_BOUND_FLOOR: "more than", "at least", "over": the true value is higher
 * @CITED_BOUND_CEILING: "up to", "less than": the true value is lower, by
 *   any amount
 * @CITED_BOUND_JUST_BELOW: "nearly", "almost": the true value is a little
 *   lower
 *
 * What a figure's qualifier says of the true value beside the number.
 */
typedef enum {
  CITED_BOUND_EXACT,
  CITED_BOUND_ABOUT,
  CITED_BOUND_FLOOR,
  CITED_BOUND_CEILING,
  CITED_BOUND_JUST_BELOW,
} CitedBound;

/* The bound a canonical qualifier ("more than", "about", "up to", as the
 * extractor writes them) sets; CITED_BOUND_EXACT for NULL and for words
 * that bound nothing ("top"). */
CITED_AVAILABLE_IN_ALL
CitedBound       cited_value_qualifier_bound  (const char *qualifier);

/* The sign a chart, a table or a card writes before a qualified value:
 * ">" more than, "≥" at least, "<" less than or nearly, "≤" up to, "≈"
 * about; "" for an exact value. */
CITED_AVAILABLE_IN_ALL
const char      *cited_value_qualifier_sign   (const char *qualifier);

/* The qualifier in the reader's language ("more than", "超过"); other
 * words as they are, NULL for NULL. */
CITED_AVAILABLE_IN_ALL
const char      *cited_value_qualifier_words  (const char *qualifier);

/* cited_value_format() in the reader's scales with the qualifier's sign
 * before it: "> 190M", "≈ ¥3,999", "190M". */
CITED_AVAILABLE_IN_ALL
char            *cited_value_format_qualified (double      value,
                                               const char *unit,
                                               const char *currency,
                                               const char *qualifier);

/* The name people read for the metric key @metric ("sales" -> "Sales",
 * "销量" in Chinese); an unknown key capitalized; "No metric" for NULL. */
CITED_AVAILABLE_IN_ALL
char            *cited_metric_label           (const char *metric);

G_END_DECLS
