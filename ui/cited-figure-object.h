/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cited.h"

G_BEGIN_DECLS

#define CITED_TYPE_FIGURE_OBJECT (cited_figure_object_get_type ())
G_DECLARE_FINAL_TYPE (CitedFigureObject, cited_figure_object, CITED, FIGURE_OBJECT, GObject)

/* A GObject around one CitedFigure, so list models, sorters and filters can
 * reach its fields as properties: "figure" (boxed), "id", "value", "text",
 * "unit", "metric", "scope", "period", "brand", "article-title", "status". */
CitedFigureObject *cited_figure_object_new        (CitedFigure       *figure);
/* The claim (cited-claims.h) the figure is part of, and how many articles
 * cite it; 0 for a figure in no claim (rejected, or without a value). */
void               cited_figure_object_set_claim  (CitedFigureObject *self,
                                                   gint64             claim_id,
                                                   guint              n_sources);
gint64             cited_figure_object_get_claim_id (CitedFigureObject *self);
/* What the figure states beyond a reported period total, in words: "fall
 * in profit", "cumulative", "forecast"; "" for a reported level. */
char              *cited_figure_object_dup_states (CitedFigureObject *self);
guint              cited_figure_object_get_claim_sources (CitedFigureObject *self);
CitedFigure       *cited_figure_object_get_figure (CitedFigureObject *self);
gint64             cited_figure_object_get_id     (CitedFigureObject *self);
/* The normalized value as shown in tables: "190M", "24K", "¥3,999". */
char              *cited_figure_object_dup_formatted_value (CitedFigureObject *self);
/* "2021", "Q2 2021" or "" when the figure has no period. */
char              *cited_figure_object_dup_period (CitedFigureObject *self);
/* "Extracted", "Confirmed", "Edited" or "Rejected", translated. */
const char        *cited_figure_object_get_status_label (CitedFigureObject *self);

/* A GListModel of CitedFigureObjects over one array: replacing every row
 * is one swap and one items-changed, which a GListStore of 300,000 rows
 * turns into a long stall of tree inserts and removals. */
#define CITED_TYPE_FIGURE_LIST (cited_figure_list_get_type ())
G_DECLARE_FINAL_TYPE (CitedFigureList, cited_figure_list, CITED, FIGURE_LIST, GObject)

CitedFigureList   *cited_figure_list_new          (void);
/* Takes @objects (CitedFigureObjects, or NULL for none) as the rows and
 * returns the rows it replaces, for the caller to free (anywhere: a worker
 * thread may drop them). */
GPtrArray         *cited_figure_list_replace_all  (CitedFigureList   *self,
                                                   GPtrArray         *objects);
/* Puts @object in row @position. */
void               cited_figure_list_set          (CitedFigureList   *self,
                                                   guint              position,
                                                   CitedFigureObject *object);
/* The row of the figure @figure_id, or GTK_INVALID_LIST_POSITION. */
guint              cited_figure_list_find         (CitedFigureList   *self,
                                                   gint64             figure_id);

/* A translated, capitalized label for a metric key ("sales" -> "Sales"). */

G_END_DECLS
