/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include <gio/gio.h>

#include "cited-figure-object.h"
#include "cited-store.h"

G_BEGIN_DECLS

/**
 * CitedFigureSort:
 * @CITED_FIGURE_SORT_NONE: the store's order: newest articles first, each
 *   article's figures in the order of its text
 * @CITED_FIGURE_SORT_TEXT: the figure as written, ignoring ASCII case
 * @CITED_FIGURE_SORT_VALUE: the value, as the user corrected it
 * @CITED_FIGURE_SORT_UNIT: the currency, or the unit when it has none
 * @CITED_FIGURE_SORT_METRIC: the metric (its key, "sales", not its label)
 * @CITED_FIGURE_SORT_SCOPE: the scope
 * @CITED_FIGURE_SORT_PERIOD: the year, then the quarter
 * @CITED_FIGURE_SORT_BRAND: the brand, market-wide figures first
 * @CITED_FIGURE_SORT_ARTICLE: the article's title, ignoring ASCII case
 * @CITED_FIGURE_SORT_STATUS: confirmed, edited, extracted, then rejected
 * @CITED_FIGURE_SORT_STATES: what the figure states: its claim status,
 *   then its span, then its kind of change
 *
 * The column a [class@Cited.FigureModel] is sorted by. Figures whose keys
 * are equal keep the order of their ids (reversed in a descending sort);
 * a missing key sorts before every other.
 */
typedef enum {
  CITED_FIGURE_SORT_NONE,
  CITED_FIGURE_SORT_TEXT,
  CITED_FIGURE_SORT_VALUE,
  CITED_FIGURE_SORT_UNIT,
  CITED_FIGURE_SORT_METRIC,
  CITED_FIGURE_SORT_SCOPE,
  CITED_FIGURE_SORT_PERIOD,
  CITED_FIGURE_SORT_BRAND,
  CITED_FIGURE_SORT_ARTICLE,
  CITED_FIGURE_SORT_STATUS,
  CITED_FIGURE_SORT_STATES,
} CitedFigureSort;

#define CITED_TYPE_FIGURE_MODEL (cited_figure_model_get_type ())
CITED_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CitedFigureModel, cited_figure_model, CITED, FIGURE_MODEL, GObject)

/* A GListModel of CitedFigureObject over a query of the store's figures:
 * it counts the matching figures with SQL and reads the rows a view asks
 * for in pages, keeping only the pages used last. Filtering and sorting
 * are SQL; the model follows the store's changes of figures and
 * articles. */
CITED_AVAILABLE_IN_ALL
CitedFigureModel *cited_figure_model_new          (CitedStore        *store);
/* Reads another store (or none: no rows). */
CITED_AVAILABLE_IN_ALL
void              cited_figure_model_set_store    (CitedFigureModel  *self,
                                                   CitedStore        *store);
/* Whether the model counts again by itself when the store changes (the
 * default); a view that reloads it at times of its own choosing turns
 * that off. */
CITED_AVAILABLE_IN_ALL
void              cited_figure_model_set_follow_store (CitedFigureModel *self,
                                                       gboolean          follow);
/* Counts every figure of the store, rejected ones too, whatever the
 * filters: the "of 40" of "3 of 40 figures". */
CITED_AVAILABLE_IN_ALL
guint             cited_figure_model_count_all    (CitedFigureModel  *self,
                                                   GError           **error);
/* The claims (CitedClaim, cited-claims.h) the rows' figures are part of:
 * each row read from now on, and each one read already, knows its claim
 * (cited_figure_object_get_claim_id()). NULL forgets them. */
CITED_AVAILABLE_IN_ALL
void              cited_figure_model_set_claims   (CitedFigureModel  *self,
                                                   GPtrArray         *claims);
/* The filters (brand, source, metric, dates, span, claim status, article,
 * rejected figures; its sort, offset and limit are not used) and a text
 * that the figure, its sentence or its article's title must hold (case
 * ignored, g_utf8_casefold(); NULL or "": any). Counts again; FALSE with @error when the
 * query is invalid (a malformed date), leaving the model empty. */
CITED_AVAILABLE_IN_ALL
gboolean          cited_figure_model_set_filter   (CitedFigureModel  *self,
                                                   const CitedQuery  *query,
                                                   const char        *contains,
                                                   GError           **error);
CITED_AVAILABLE_IN_ALL
void              cited_figure_model_set_sort     (CitedFigureModel  *self,
                                                   CitedFigureSort    sort,
                                                   gboolean           descending);
CITED_AVAILABLE_IN_ALL
CitedFigureSort   cited_figure_model_get_sort     (CitedFigureModel  *self,
                                                   gboolean          *descending);
/* Counts again and drops the rows read so far. */
CITED_AVAILABLE_IN_ALL
gboolean          cited_figure_model_reload       (CitedFigureModel  *self,
                                                   GError           **error);
/* The row of the figure @figure_id, or G_MAXUINT when the filters hide it. */
CITED_AVAILABLE_IN_ALL
guint             cited_figure_model_find         (CitedFigureModel  *self,
                                                   gint64             figure_id);
/* The same, looked for in a worker thread when not among the rows read. */
CITED_AVAILABLE_IN_ALL
void              cited_figure_model_find_async   (CitedFigureModel    *self,
                                                   gint64               figure_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
CITED_AVAILABLE_IN_ALL
guint             cited_figure_model_find_finish  (CitedFigureModel    *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Reads the figure @figure_id again, and, when its row was read, shows it
 * as it is now (a correction) with one items-changed of that row. */
CITED_AVAILABLE_IN_ALL
void              cited_figure_model_update_figure (CitedFigureModel *self,
                                                    gint64            figure_id);
/* Groups the store's figures into claims in a worker thread, a few at a
 * time, and tells each row its claim (as set_claims() does) in _finish();
 * a cancelled load changes nothing. */
CITED_AVAILABLE_IN_ALL
void              cited_figure_model_load_claims_async  (CitedFigureModel    *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
CITED_AVAILABLE_IN_ALL
gboolean          cited_figure_model_load_claims_finish (CitedFigureModel    *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
/* Reads the pages SQL cannot read at once (sorted by a column, filtered
 * by text…) in a worker thread, placeholder rows (id 0) standing in until
 * they are read; n-pending counts the pages being read. */
CITED_AVAILABLE_IN_ALL
void              cited_figure_model_set_read_async (CitedFigureModel *self,
                                                     gboolean          read_async);
CITED_AVAILABLE_IN_ALL
guint             cited_figure_model_get_n_pending  (CitedFigureModel *self);
/* Finds, in a worker thread, the claims of the rows read, from the
 * figures that share their claim keys, instead of grouping every figure
 * of the store. */
CITED_AVAILABLE_IN_ALL
void              cited_figure_model_set_claims_of_rows (CitedFigureModel *self,
                                                         gboolean          claims_of_rows);
/* How many rows the model holds read (it stays bounded). */
CITED_AVAILABLE_IN_ALL
guint             cited_figure_model_get_n_loaded (CitedFigureModel  *self);

G_END_DECLS
