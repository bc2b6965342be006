/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include <glib-object.h>

#include "cited-chart.h"
#include "cited-store.h"

G_BEGIN_DECLS

/**
 * CitedChartSource:
 * @CITED_CHART_SOURCE_FIGURES: one metric's claims by brand
 *   (cited_chart_new_figures())
 * @CITED_CHART_SOURCE_CLAIMS: one metric's figures at their articles'
 *   dates (cited_chart_new_claims_over_time())
 * @CITED_CHART_SOURCE_BRANDS: share of voice (cited_chart_new_brands())
 * @CITED_CHART_SOURCE_TREND: mentions by month (cited_chart_new_trend())
 *
 * What a chart draws: which of the chart builders makes it.
 */
typedef enum {
  CITED_CHART_SOURCE_FIGURES,
  CITED_CHART_SOURCE_CLAIMS,
  CITED_CHART_SOURCE_BRANDS,
  CITED_CHART_SOURCE_TREND,
} CitedChartSource;

/* "figures", "claims", "brands", "trend": the cited-cli chart options. */
CITED_AVAILABLE_IN_ALL
const char *cited_chart_source_to_string   (CitedChartSource  source);
CITED_AVAILABLE_IN_ALL
gboolean    cited_chart_source_from_string (const char       *name,
                                            CitedChartSource *source);

/**
 * CitedChartSettings:
 * @name: the saved view's name, or %NULL for settings not saved
 * @source: what the chart draws
 * @brands: the brands charted (one at most for figures and claims), or
 *   %NULL to let Cited choose
 * @query: the figures' filters (metric, search, claim_status, span,
 *   date_from, date_to), the same filters listings take; its brand stays
 *   %NULL (@brands holds it). Its strings are owned by the settings: set
 *   them with the setters.
 * @created: when the view was first saved (Unix time), 0 when unsaved
 * @updated: when it was last saved
 *
 * Everything that decides a chart, so that it can be saved by name as a
 * view, listed, and drawn again by the app or cited-cli.
 */
struct _CitedChartSettings {
  /*< private >*/
  gint ref_count;
  /*< public >*/
  char *name;
  CitedChartSource source;
  GStrv brands;
  CitedQuery query;
  gint64 created;
  gint64 updated;
};

#define CITED_TYPE_CHART_SETTINGS (cited_chart_settings_get_type ())
CITED_AVAILABLE_IN_ALL
GType               cited_chart_settings_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedChartSettings *cited_chart_settings_new      (CitedChartSource          source);
CITED_AVAILABLE_IN_ALL
CitedChartSettings *cited_chart_settings_copy     (const CitedChartSettings *self);
CITED_AVAILABLE_IN_ALL
CitedChartSettings *cited_chart_settings_ref      (CitedChartSettings       *self);
CITED_AVAILABLE_IN_ALL
void                cited_chart_settings_unref    (CitedChartSettings       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedChartSettings, cited_chart_settings_unref)

CITED_AVAILABLE_IN_ALL
void cited_chart_settings_set_name         (CitedChartSettings *self,
                                            const char         *name);
/* NULL or an empty array: Cited chooses the brands. */
CITED_AVAILABLE_IN_ALL
void cited_chart_settings_set_brands       (CitedChartSettings *self,
                                            const char * const *brands);
/* The first brand, or NULL. */
CITED_AVAILABLE_IN_ALL
const char *cited_chart_settings_get_brand (const CitedChartSettings *self);
CITED_AVAILABLE_IN_ALL
void cited_chart_settings_set_metric       (CitedChartSettings *self,
                                            const char         *metric);
/* An empty search is none. */
CITED_AVAILABLE_IN_ALL
void cited_chart_settings_set_search       (CitedChartSettings *self,
                                            const char         *search);
CITED_AVAILABLE_IN_ALL
void cited_chart_settings_set_claim_status (CitedChartSettings *self,
                                            const char         *claim_status);
CITED_AVAILABLE_IN_ALL
void cited_chart_settings_set_span         (CitedChartSettings *self,
                                            const char         *span);
/* "YYYY-MM-DD" inclusive, either NULL for an open end. */
CITED_AVAILABLE_IN_ALL
void cited_chart_settings_set_dates        (CitedChartSettings *self,
                                            const char         *date_from,
                                            const char         *date_to);

/* TRUE when both draw the same chart (names and times aside). */
CITED_AVAILABLE_IN_ALL
gboolean cited_chart_settings_equal        (const CitedChartSettings *a,
                                            const CitedChartSettings *b);

/* Whether the settings make a chart: a metric for figures and claims, one
 * brand at most there, figure filters only there, no status over time,
 * known spans and statuses. Fails with CITED_ERROR_INVALID. */
CITED_AVAILABLE_IN_ALL
gboolean cited_chart_settings_check        (const CitedChartSettings *self,
                                            GError                  **error);

/* The settings (not the name or times) as a JSON object, as the store
 * keeps them and cited-cli prints them. */
CITED_AVAILABLE_IN_ALL
char    *cited_chart_settings_to_json      (const CitedChartSettings *self);
/* Reads what cited_chart_settings_to_json() wrote; unknown members are
 * ignored, so that views saved by a newer Cited still open. Fails with
 * CITED_ERROR_PARSE. */
CITED_AVAILABLE_IN_ALL
CitedChartSettings *cited_chart_settings_new_from_json (const char  *json,
                                                        GError     **error);

/* The chart the settings describe, from @store. */
CITED_AVAILABLE_IN_ALL
CitedChart *cited_chart_settings_build     (const CitedChartSettings *self,
                                            CitedStore               *store,
                                            GError                  **error);

G_END_DECLS
