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
CitedFigure       *cited_figure_object_get_figure (CitedFigureObject *self);
gint64             cited_figure_object_get_id     (CitedFigureObject *self);
/* The normalized value as shown in tables: "190M", "24K", "¥3,999". */
char              *cited_figure_object_dup_formatted_value (CitedFigureObject *self);
/* "2021", "Q2 2021" or "" when the figure has no period. */
char              *cited_figure_object_dup_period (CitedFigureObject *self);
/* "Extracted", "Confirmed", "Edited" or "Rejected", translated. */
const char        *cited_figure_object_get_status_label (CitedFigureObject *self);

/* A translated, capitalized label for a metric key ("sales" -> "Sales"). */
char              *cited_metric_label             (const char *metric);

G_END_DECLS
