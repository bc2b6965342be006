/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include <glib-object.h>

#include "cited-store.h"
#include "cited-types.h"

G_BEGIN_DECLS

/**
 * CitedClaim:
 *
 * What several figures state together: the same company, measure, change,
 * span, status, scope and period, with values equal within rounding ("140
 * million", "140m" and "1.4亿"; "190 million" and "188 million", since
 * "190 million" is written to two significant digits). Plain,
 * reference-counted data built by cited_claims_group().
 */
typedef struct {
  /*< private >*/
  gint ref_count;
  /*< public >*/
  gint64 id;                 /* the smallest id of its figures: names the claim in the CLI */
  char *brand;               /* NULL: market-wide */
  char *metric;              /* the metric of its first figure ("sales", "growth") */
  char *measure;             /* cited_figure_get_measure() of its figures, or NULL */
  CitedChange change;
  CitedDirection direction;
  CitedSpan span;
  CitedClaimStatus claim_status;
  char *scope;
  int year;                  /* 0 when none */
  int quarter;
  gboolean period_inferred;  /* every figure's period was its article's year */
  char *unit;
  char *currency;
  double value;              /* the most precise figure's value */
  double value_max;          /* NAN unless the claim is a range */
  char *qualifier;           /* the qualifier most of its figures carry, or NULL */
  double low;                /* what all its figures allow, after rounding and */
  double high;               /* qualifiers: -INFINITY / INFINITY when open */
  GPtrArray *figures;        /* CitedFigure, earliest article first */
  guint n_sources;           /* distinct articles citing it */
  char *first_date;          /* "YYYY-MM-DD" of the earliest dated article, or NULL */
  char *last_date;           /* of the latest, or NULL */
} CitedClaim;

#define CITED_TYPE_CLAIM (cited_claim_get_type ())
CITED_AVAILABLE_IN_ALL
GType       cited_claim_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedClaim *cited_claim_ref      (CitedClaim *self);
CITED_AVAILABLE_IN_ALL
void        cited_claim_unref    (CitedClaim *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedClaim, cited_claim_unref)

/**
 * CitedContradiction:
 *
 * Two claims about the same company, measure, change, span, status, scope
 * and a known period whose values cannot both be true: they differ beyond
 * rounding and beyond their qualifiers. No article cites both sides.
 */
typedef struct {
  CitedClaim *a;             /* the claim with more sources (then the earlier) */
  CitedClaim *b;
} CitedContradiction;

#define CITED_TYPE_CONTRADICTION (cited_contradiction_get_type ())
CITED_AVAILABLE_IN_ALL
GType               cited_contradiction_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedContradiction *cited_contradiction_copy     (const CitedContradiction *self);
CITED_AVAILABLE_IN_ALL
void cited_contradiction_free (CitedContradiction *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedContradiction, cited_contradiction_free)

/* How precisely a figure is written: its significant digits, never fewer
 * than two (a writer rounding 1.4 billion writes 1.4, and "200 million"
 * may well be 2.0). Trailing zeros of a whole number count only when it is
 * written in full below 10,000 ("1100 yuan"), not in "140 million" or
 * "24,000". */
CITED_AVAILABLE_IN_ALL
guint       cited_figure_significant_digits (const CitedFigure *figure);
/* Half a unit of the figure's last significant digit: how far the true
 * value may lie from what is written (0 for a rank). */
CITED_AVAILABLE_IN_ALL
double      cited_figure_rounding           (const CitedFigure *figure);
/* TRUE when @a and @b state the same value (and range) within the rounding
 * of the less precise of the two. */
CITED_AVAILABLE_IN_ALL
gboolean    cited_figures_same_value        (const CitedFigure *a,
                                             const CitedFigure *b);
/* The values a figure allows, given its rounding and its qualifier ("more
 * than" opens the top, "up to" and "less than" the bottom, "about" and
 * "nearly" widen it). */
CITED_AVAILABLE_IN_ALL
void        cited_figure_bounds             (const CitedFigure *figure,
                                             double            *low,
                                             double            *high);

/* TRUE when @sentence speaks of the present: a present or perfect verb
 * ("is", "has sold", "aims", "目前", "已") or "this year", and no past
 * marker ("was", "last year", "去年"). */
CITED_AVAILABLE_IN_ALL
gboolean    cited_sentence_speaks_of_present (const char *sentence);
/* Gives each reported figure that names no period and whose sentence
 * speaks of the present its article's year, and sets period_inferred. The article's year
 * is that of @published; for an undated article, the one year its other
 * figures name (none when they name several). */
CITED_AVAILABLE_IN_ALL
void        cited_figures_infer_periods     (GPtrArray  *figures,
                                             const char *published);

/* Groups @figures (CitedFigure; rejected ones and those without a value are
 * skipped) into claims, ordered by brand, measure, span, period, scope and
 * value (largest first). Returns a GPtrArray of CitedClaim. */
CITED_AVAILABLE_IN_ALL
GPtrArray  *cited_claims_group              (GPtrArray  *figures);
/* The pairs of @claims that contradict each other (CitedContradiction),
 * those about one thing together, in the order of the claims. */
CITED_AVAILABLE_IN_ALL
GPtrArray  *cited_claims_find_contradictions (GPtrArray *claims);

/* The claims (contradictions) of the store's figures matching @query
 * (brand, metric, search, dates). */
CITED_AVAILABLE_IN_ALL
GPtrArray  *cited_store_list_claims         (CitedStore       *store,
                                             const CitedQuery *query,
                                             GError          **error);
CITED_AVAILABLE_IN_ALL
GPtrArray  *cited_store_list_contradictions (CitedStore       *store,
                                             const CitedQuery *query,
                                             GError          **error);

/* Marks @right, one side of @contradiction, right: its figures are
 * confirmed and the other side's rejected, an edit that survives
 * re-import. The contradiction is gone from the listings after. */
CITED_AVAILABLE_IN_ALL
gboolean    cited_store_mark_claim_right    (CitedStore               *store,
                                             const CitedContradiction *contradiction,
                                             const CitedClaim         *right,
                                             GError                  **error);

G_END_DECLS
