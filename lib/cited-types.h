/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CitedFigureStatus:
 * @CITED_FIGURE_EXTRACTED: as the extractor produced it
 * @CITED_FIGURE_CONFIRMED: a user confirmed it (possibly after editing)
 * @CITED_FIGURE_REJECTED: a user rejected it; hidden from charts
 */
typedef enum {
  CITED_FIGURE_EXTRACTED = 0,
  CITED_FIGURE_CONFIRMED = 1,
  CITED_FIGURE_REJECTED = 2,
} CitedFigureStatus;

/**
 * CitedChange:
 * @CITED_CHANGE_LEVEL: a level: "sales of 190 million", "a 13% share"
 * @CITED_CHANGE_PERCENT: a change in percent: "profits fell 5%", "up 5%";
 *   the value is signed (-5 for "fell 5%")
 * @CITED_CHANGE_ABSOLUTE: a change in the figure's own unit or currency:
 *   "fell 75 pence", "added 2 million users"; the value is the amount as
 *   written, and @direction says which way it went
 *
 * Whether a figure states a level or a change, and of what kind. A chart
 * never draws two kinds on one axis.
 */
typedef enum {
  CITED_CHANGE_LEVEL = 0,
  CITED_CHANGE_PERCENT = 1,
  CITED_CHANGE_ABSOLUTE = 2,
} CitedChange;

/**
 * CitedDirection:
 * @CITED_DIRECTION_NONE: a level, or a change whose way the text does not say
 * @CITED_DIRECTION_RISE: "rose", "up", "gained", "增长"
 * @CITED_DIRECTION_FALL: "fell", "down", "lost", "下降"
 *
 * The way a change went.
 */
typedef enum {
  CITED_DIRECTION_NONE = 0,
  CITED_DIRECTION_RISE = 1,
  CITED_DIRECTION_FALL = 2,
} CitedDirection;

/**
 * CitedSpan:
 * @CITED_SPAN_PERIOD: a period's total: "sold 190 million phones in 2021"
 * @CITED_SPAN_CUMULATIVE: a running total: "800 million since 2011", "to
 *   date", "has sold a billion iPhones", "累计"
 * @CITED_SPAN_RATE: an amount per unit of time: "35,000 phones an hour",
 *   "每小时"
 * @CITED_SPAN_POINT: a level at a point in time: "has 5,000 stores",
 *   "employs 13,000 people", a price, a share of a market, a rank
 *
 * What stretch of time a figure covers. A chart never draws two spans on
 * one axis.
 */
typedef enum {
  CITED_SPAN_PERIOD = 0,
  CITED_SPAN_CUMULATIVE = 1,
  CITED_SPAN_RATE = 2,
  CITED_SPAN_POINT = 3,
} CitedSpan;

/**
 * CitedClaimStatus:
 * @CITED_CLAIM_REPORTED: a result or a fact: "sold 190 million"
 * @CITED_CLAIM_FORECAST: a forecast or estimate: "expects revenue of $5bn",
 *   "analysts estimate", "预计"
 * @CITED_CLAIM_TARGET: a target or goal: "aims to become the world's number
 *   one", "目标"
 * @CITED_CLAIM_PLAN: a plan or intention: "plans to open 1,000 stores",
 *   "will invest", "计划"
 *
 * Whether a figure reports what was, or says what may, should or is meant
 * to be. Not the user's review (#CitedFigureStatus).
 */
typedef enum {
  CITED_CLAIM_REPORTED = 0,
  CITED_CLAIM_FORECAST = 1,
  CITED_CLAIM_TARGET = 2,
  CITED_CLAIM_PLAN = 3,
} CitedClaimStatus;

/* The names of these values in the CLI, JSON, CSV and the store's
 * filters ("level", "percent", "absolute"; "rise", "fall" or NULL for
 * none; "period", "cumulative", "rate", "point"; "reported", "forecast",
 * "target", "plan"), and back: FALSE for a name that is none of them. */
CITED_AVAILABLE_IN_ALL
const char *cited_change_to_string       (CitedChange      change);
CITED_AVAILABLE_IN_ALL
const char *cited_direction_to_string    (CitedDirection   direction);
CITED_AVAILABLE_IN_ALL
const char *cited_span_to_string         (CitedSpan        span);
CITED_AVAILABLE_IN_ALL
const char *cited_claim_status_to_string (CitedClaimStatus status);
CITED_AVAILABLE_IN_ALL
gboolean    cited_change_from_string       (const char       *name,
                                            CitedChange      *change);
CITED_AVAILABLE_IN_ALL
gboolean    cited_span_from_string         (const char       *name,
                                            CitedSpan        *span);
CITED_AVAILABLE_IN_ALL
gboolean    cited_claim_status_from_string (const char       *name,
                                            CitedClaimStatus *status);

/**
 * CitedFigureEditFields:
 * @CITED_EDIT_UNIT: the unit
 * @CITED_EDIT_CURRENCY: the currency
 * @CITED_EDIT_QUALIFIER: the qualifier ("more than", …)
 * @CITED_EDIT_SCOPE: the scope
 * @CITED_EDIT_PERIOD: the year and quarter
 * @CITED_EDIT_MEASURE: what changed, for a change
 * @CITED_EDIT_CHANGE: level, percent or absolute change
 * @CITED_EDIT_SPAN: period total, cumulative, rate or point in time
 * @CITED_EDIT_CLAIM_STATUS: reported, forecast, target or plan
 *
 * Which fields of a figure a user corrected, beyond its value, brand and
 * metric.
 */
typedef enum {
  CITED_EDIT_UNIT = 1 << 0,
  CITED_EDIT_CURRENCY = 1 << 1,
  CITED_EDIT_QUALIFIER = 1 << 2,
  CITED_EDIT_SCOPE = 1 << 3,
  CITED_EDIT_PERIOD = 1 << 4,
  CITED_EDIT_MEASURE = 1 << 5,
  CITED_EDIT_CHANGE = 1 << 6,
  CITED_EDIT_SPAN = 1 << 7,
  CITED_EDIT_CLAIM_STATUS = 1 << 8,
} CitedFigureEditFields;

/**
 * CitedFigure:
 * @id: the figure's id in the store, 0 until stored
 * @article_id: the id of the article that cites it, 0 until stored
 * @value: the value, normalized: "190 million" is 190000000, "13%" is 13
 * @value_max: the upper end of a range, %NAN when the figure is no range
 * @unit: counted noun, canonical plural ("units", "people", "patents",
 *   "stores", "cities", "users", "%"), or %NULL
 * @currency: ISO 4217 code ("CNY", "USD", "EUR", "GBP", "KRW", "JPY", "INR")
 *   or %NULL
 * @qualifier: canonical: "more than", "over", "up to", "about", "nearly", "at
 *   least", "less than", ... or %NULL
 * @metric: "sales", "shipments", "revenue", "profit", "price", "users",
 *   "employees", "stores", "patents", "market share", "rank", "capital",
 *   "cities", ... or %NULL
 * @scope: "global", "overseas", "domestic", or a country ("China", "India",
 *   "United States", "Europe"), or %NULL
 * @year: period year, 0 when none
 * @quarter: 1-4, 0 when none
 * @brand: canonical brand name or %NULL (market-wide)
 * @text: the figure as written in the article
 * @sentence: the whole sentence it came from
 * @language: "en" or "zh"
 * @start: byte offset of text in the article body
 * @end: byte offset just past text
 * @sentence_start: byte offset of the sentence in the body
 * @sentence_end: byte offset just past the sentence
 * @currency_inferred: the currency is the article's: the figure names none
 * @period_inferred: @year is the article's: the figure names no period and
 *   its sentence speaks of the present (see cited_figures_infer_periods())
 * @measure: for a change, what changed ("profit", "sales", "share price");
 *   %NULL when the text does not say ("grew 5%") and for a level, whose
 *   measure is @metric: see cited_figure_get_measure()
 * @change: level, percent change or absolute change
 * @direction: rise or fall of a change; none for a level
 * @span: period total, cumulative, rate or point in time
 * @claim_status: reported, forecast, target or plan
 * @article_title: the article's title
 * @article_path: the file or address the article was imported from
 * @article_published: the article's date, "YYYY-MM-DD", or %NULL
 * @status: the user's judgement of the figure
 * @edited: whether a user corrected the figure
 * @orig_value: the value the extractor found, before a user's correction
 * @orig_brand: the brand the extractor found
 * @orig_metric: the metric the extractor found
 * @article_source: the article's publisher or feed, or %NULL
 * @edited_fields: the fields a user corrected beyond value, brand and metric
 *
 * One cited figure. Plain, reference-counted data: the extractor fills the
 * first block; the store fills ids, the article fields and the user's edit
 * state. Strings are owned by the figure (g_free on finalize).
 *
 * When a user edited a figure, the store returns the edited value, brand and
 * metric in @value/@brand/@metric and sets @edited; the extractor's originals
 * are kept in the store and returned in the orig_ fields.
 */
typedef struct {
  /*< private >*/
  gint ref_count;
  /*< public >*/
  gint64 id;
  gint64 article_id;
  double value;
  double value_max;
  char *unit;
  char *currency;
  char *qualifier;
  char *metric;
  char *scope;
  int year;
  int quarter;
  char *brand;
  char *text;
  char *sentence;
  char *language;
  guint start;
  guint end;
  guint sentence_start;
  guint sentence_end;
  gboolean currency_inferred;
  gboolean period_inferred;

  /* What the figure states. "profits fell 5%" is a percent change of
   * profit (@metric "growth" as before, @measure "profit", value -5); "a
   * loss of £12m" a level of profit, -12e6. */
  char *measure;
  CitedChange change;
  CitedDirection direction;
  CitedSpan span;
  CitedClaimStatus claim_status;

  /* Filled by the store only. */
  char *article_title;
  char *article_path;
  char *article_published;
  CitedFigureStatus status;
  gboolean edited;
  double orig_value;
  char *orig_brand;
  char *orig_metric;
  char *article_source;
  CitedFigureEditFields edited_fields;

  /*< private >*/
  /* When not NULL, a set of strings shared by the figures of one read of
   * many: every string above but @sentence, @article_title and
   * @article_path is the set's, not the figure's. Such a figure's strings
   * are never replaced. */
  GHashTable *shared_strings;
} CitedFigure;

#define CITED_TYPE_FIGURE (cited_figure_get_type ())
CITED_AVAILABLE_IN_ALL
GType        cited_figure_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedFigure *cited_figure_new      (void);
CITED_AVAILABLE_IN_ALL
CitedFigure *cited_figure_ref      (CitedFigure *self);
CITED_AVAILABLE_IN_ALL
void         cited_figure_unref    (CitedFigure *self);
CITED_AVAILABLE_IN_ALL
gboolean     cited_figure_is_range (const CitedFigure *self);
CITED_AVAILABLE_IN_ALL
const char  *cited_figure_get_measure (const CitedFigure *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedFigure, cited_figure_unref)

/**
 * CitedMention:
 * A brand mention: the canonical brand name (interned, never freed) and the
 * byte offsets of the alias as it appears in the text. @discovered is TRUE
 * for a company the lexicon does not know, found in the text itself
 * ("shares in Rowntree", "Yukos said"); such a name is no brand until the
 * user accepts it.
 */
typedef struct {
  const char *brand;
  guint start;
  guint end;
  gboolean discovered;
} CitedMention;

#define CITED_TYPE_MENTION (cited_mention_get_type ())
CITED_AVAILABLE_IN_ALL
GType         cited_mention_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedMention *cited_mention_copy     (const CitedMention *self);
CITED_AVAILABLE_IN_ALL
void          cited_mention_free     (CitedMention       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedMention, cited_mention_free)

/**
 * CitedArticle:
 * An article, parsed (by the importer) or stored (id > 0).
 */
typedef struct {
  /*< private >*/
  gint ref_count;
  /*< public >*/
  gint64 id;
  char *title;
  char *source;              /* publisher or feed name, or NULL */
  char *published;           /* "YYYY-MM-DD" or NULL */
  char *path;                /* path or URL it was imported from */
  char *language;            /* "en" / "zh" */
  char *body;                /* UTF-8 text */
  char *hash;                /* hex SHA-256 of title + body, filled by the store if NULL */
  /* Filled by store listing queries only. */
  guint n_figures;
  char **brands;             /* NULL-terminated canonical names, most mentioned first */
  char *snippet;             /* search snippet with matches wrapped in \x02 ... \x03, or NULL */
  /* Set by the store when it added the article with only the first
   * CITED_EXTRACT_MAX_FIGURES of its figures. */
  gboolean figures_capped;
} CitedArticle;

#define CITED_TYPE_ARTICLE (cited_article_get_type ())
CITED_AVAILABLE_IN_ALL
GType         cited_article_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedArticle *cited_article_new      (void);
CITED_AVAILABLE_IN_ALL
CitedArticle *cited_article_ref      (CitedArticle *self);
CITED_AVAILABLE_IN_ALL
void          cited_article_unref    (CitedArticle *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedArticle, cited_article_unref)

/**
 * CitedBrandStats:
 * Per-brand figures for the Brands page and `cited-cli brands`.
 */
typedef struct {
  char *name;
  char *color;               /* "#RRGGBB" */
  char **aliases;            /* NULL-terminated */
  guint mentions;
  guint articles;
  double share_of_voice;     /* 0..1, mentions / all brand mentions */
  guint n_figures;
} CitedBrandStats;

#define CITED_TYPE_BRAND_STATS (cited_brand_stats_get_type ())
CITED_AVAILABLE_IN_ALL
GType            cited_brand_stats_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedBrandStats *cited_brand_stats_copy     (const CitedBrandStats *self);
CITED_AVAILABLE_IN_ALL
void cited_brand_stats_free (CitedBrandStats *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedBrandStats, cited_brand_stats_free)

/**
 * CitedDiscoveredStatus:
 * @CITED_DISCOVERED_NEW: found in the articles, not yet decided on
 * @CITED_DISCOVERED_ACCEPTED: the user made it a brand
 * @CITED_DISCOVERED_HIDDEN: the user said it is no company to follow
 * @CITED_DISCOVERED_MERGED: the user said it is another name of a brand
 */
typedef enum {
  CITED_DISCOVERED_NEW,
  CITED_DISCOVERED_ACCEPTED,
  CITED_DISCOVERED_HIDDEN,
  CITED_DISCOVERED_MERGED,
} CitedDiscoveredStatus;

/* "new", "accepted", "hidden", "merged": the names the CLI and the
 * database use. */
CITED_AVAILABLE_IN_ALL
const char *cited_discovered_status_to_string (CitedDiscoveredStatus status);

/**
 * CitedDiscovered:
 * A company the extractor found in the articles that the lexicon does not
 * know, for the Brands page and `cited-cli brands --discovered`. Counts are
 * of what is attributed to the name now: a merged name's mentions and
 * figures are those it gave its brand, a hidden one's are none.
 */
typedef struct {
  char *name;
  CitedDiscoveredStatus status;
  char *merged_into;         /* the brand, when merged; else NULL */
  char *example;             /* a sentence naming it (with a figure when one was) or NULL */
  char *first_seen;          /* "YYYY-MM-DDTHH:MM:SSZ", when it was first stored */
  guint mentions;
  guint articles;
  guint n_figures;
} CitedDiscovered;

#define CITED_TYPE_DISCOVERED (cited_discovered_get_type ())
CITED_AVAILABLE_IN_ALL
GType            cited_discovered_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedDiscovered *cited_discovered_copy     (const CitedDiscovered *self);
CITED_AVAILABLE_IN_ALL
void cited_discovered_free (CitedDiscovered *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedDiscovered, cited_discovered_free)

/**
 * CitedCount:
 * A value of a filter (a brand, a source) and how many articles have it.
 */
typedef struct {
  char *name;
  guint n;
} CitedCount;

#define CITED_TYPE_COUNT (cited_count_get_type ())
CITED_AVAILABLE_IN_ALL
GType       cited_count_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedCount *cited_count_copy     (const CitedCount *self);
CITED_AVAILABLE_IN_ALL
void cited_count_free (CitedCount *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedCount, cited_count_free)

/**
 * CitedSort:
 */
typedef enum {
  CITED_SORT_DATE_DESC,
  CITED_SORT_DATE_ASC,
  CITED_SORT_TITLE,
  CITED_SORT_RELEVANCE,
} CitedSort;

/**
 * CitedQuery:
 * Filters shared by article and figure listings. Zero-initialize and set
 * what you need; NULL/0 means "no filter".
 */
typedef struct {
  const char *search;        /* full-text query (user text; the store escapes it) */
  const char *brand;         /* canonical brand name (case-insensitive) */
  const char *source;        /* the article's source or feed, as stored */
  const char *metric;        /* figure metric */
  const char *date_from;     /* "YYYY-MM-DD" inclusive */
  const char *date_to;       /* "YYYY-MM-DD" inclusive */
  gint64 article_id;         /* figures of one article */
  gboolean include_rejected; /* figures: also list rejected ones */
  const char *span;          /* figures: "period", "cumulative", "rate" or "point" */
  const char *claim_status;  /* figures: "reported", "forecast", "target" or "plan" */
  CitedSort sort;
  guint offset;
  guint limit;               /* 0 = no limit */
} CitedQuery;

/* A query on the heap, for bindings and for keeping one: its strings are
 * then its own. cited_query_new() gives one with no filter;
 * cited_query_copy() copies any query, strings included;
 * cited_query_free() frees such a query with its strings, and
 * cited_query_clear() frees the strings of one whose strings are its own
 * (set with g_strdup()) and sets them to NULL. A query on the stack that
 * points at strings it does not own needs none of these. */
#define CITED_TYPE_QUERY (cited_query_get_type ())
CITED_AVAILABLE_IN_ALL
GType       cited_query_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedQuery *cited_query_new      (void);
CITED_AVAILABLE_IN_ALL
CitedQuery *cited_query_copy     (const CitedQuery *self);
CITED_AVAILABLE_IN_ALL
void        cited_query_clear    (CitedQuery       *self);
CITED_AVAILABLE_IN_ALL
void        cited_query_free     (CitedQuery       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedQuery, cited_query_free)

G_END_DECLS
