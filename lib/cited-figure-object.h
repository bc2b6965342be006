/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include <gio/gio.h>

#include "cited-types.h"

G_BEGIN_DECLS

#define CITED_TYPE_FIGURE_OBJECT (cited_figure_object_get_type ())
CITED_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CitedFigureObject, cited_figure_object, CITED, FIGURE_OBJECT, GObject)

/* A GObject around one CitedFigure, so list models, sorters and filters can
 * reach its fields as properties: "figure" (boxed), "id", "value", "text",
 * "unit", "metric", "scope", "period", "brand", "article-title", "status". */
CITED_AVAILABLE_IN_ALL
CitedFigureObject *cited_figure_object_new        (CitedFigure       *figure);
/* The claim (cited-claims.h) the figure is part of, and how many articles
 * cite it; 0 for a figure in no claim (rejected, or without a value). */
CITED_AVAILABLE_IN_ALL
void               cited_figure_object_set_claim  (CitedFigureObject *self,
                                                   gint64             claim_id,
                                                   guint              n_sources);
CITED_AVAILABLE_IN_ALL
gint64             cited_figure_object_get_claim_id (CitedFigureObject *self);
/* What the figure states beyond a reported period total, in words: "fall
 * in profit", "cumulative", "forecast"; "" for a reported level. */
CITED_AVAILABLE_IN_ALL
char              *cited_figure_object_dup_states (CitedFigureObject *self);
CITED_AVAILABLE_IN_ALL
guint              cited_figure_object_get_claim_sources (CitedFigureObject *self);
CITED_AVAILABLE_IN_ALL
CitedFigure       *cited_figure_object_get_figure (CitedFigureObject *self);
CITED_AVAILABLE_IN_ALL
gint64             cited_figure_object_get_id     (CitedFigureObject *self);
/* The normalized value as shown in tables: "190M", "24K", "¥3,999". */
CITED_AVAILABLE_IN_ALL
char              *cited_figure_object_dup_formatted_value (CitedFigureObject *self);
/* "2021", "Q2 2021" or "" when the figure has no period. */
CITED_AVAILABLE_IN_ALL
char              *cited_figure_object_dup_period (CitedFigureObject *self);
/* "Extracted", "Confirmed", "Edited" or "Rejected", translated. */
CITED_AVAILABLE_IN_ALL
const char        *cited_figure_object_get_status_label (CitedFigureObject *self);

/* A GListModel of CitedFigureObjects over one array: replacing every row
 * is one swap and one items-changed, which a GListStore of 300,000 rows
 * turns into a long stall of tree inserts and removals. */
#define CITED_TYPE_FIGURE_LIST (cited_figure_list_get_type ())
CITED_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CitedFigureList, cited_figure_list, CITED, FIGURE_LIST, GObject)

CITED_AVAILABLE_IN_ALL
CitedFigureList   *cited_figure_list_new          (void);
/* Shows @objects (CitedFigureObjects, each referenced, or NULL for none)
 * as the rows and returns the rows it replaces, for the caller to free
 * (anywhere: a worker thread may drop them). */
CITED_AVAILABLE_IN_ALL
GPtrArray         *cited_figure_list_replace_all  (CitedFigureList   *self,
                                                   GPtrArray         *objects);
/* Puts @object in row @position. */
CITED_AVAILABLE_IN_ALL
void               cited_figure_list_set          (CitedFigureList   *self,
                                                   guint              position,
                                                   CitedFigureObject *object);
/* The row of the figure @figure_id, or G_MAXUINT (GTK_INVALID_LIST_POSITION). */
CITED_AVAILABLE_IN_ALL
guint              cited_figure_list_find         (CitedFigureList   *self,
                                                   gint64             figure_id);

G_END_DECLS
