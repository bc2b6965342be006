/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include "cited-lexicon.h"
#include "cited-types.h"

G_BEGIN_DECLS

/**
 * CitedExtraction:
 * @figures: (element-type CitedFigure): figures in text order
 * @mentions: (element-type CitedMention): brand mentions in text order
 * @language: "en" or "zh", the article's main language
 * @figures_capped: the text held more than %CITED_EXTRACT_MAX_FIGURES
 *   figures; @figures are the first of them
 */
typedef struct {
  GPtrArray *figures;
  GArray    *mentions;
  char      *language;
  gboolean   figures_capped;
} CitedExtraction;

/* The most figures one article gives. Real articles cite tens; text made
 * of numbers alone ("$1 $1 $1 …") would otherwise give one per few bytes. */
#define CITED_EXTRACT_MAX_FIGURES 2000

/* A pure function from an article's text to its figures and brand mentions
 * (documented in extract/cited-extract.c). */
CITED_AVAILABLE_IN_ALL
CitedExtraction *cited_extract          (CitedLexicon *lexicon,
                                         const char   *title,
                                         const char   *body,
                                         gssize        length,
                                         const char   *published);
#define CITED_TYPE_EXTRACTION (cited_extraction_get_type ())
CITED_AVAILABLE_IN_ALL
GType            cited_extraction_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedExtraction *cited_extraction_copy  (const CitedExtraction *self);
CITED_AVAILABLE_IN_ALL
void             cited_extraction_free  (CitedExtraction *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedExtraction, cited_extraction_free)

/* "en" or "zh": which language most of @text is in. */
CITED_AVAILABLE_IN_ALL
const char      *cited_detect_language  (const char *text,
                                         gssize      length);

/* Formats a value the way axes and tables show it: "190M", "24K", "5,920",
 * "13%", "¥3,999" (currency and unit given as stored). Returns a new string. */
CITED_AVAILABLE_IN_ALL
char            *cited_format_value     (double      value,
                                         const char *unit,
                                         const char *currency);
/* "2021", "2021 Q2", "2021 (inferred)"; NULL when there is no period. */
CITED_AVAILABLE_IN_ALL
char            *cited_format_period    (int         year,
                                         int         quarter,
                                         gboolean    inferred);

G_END_DECLS
