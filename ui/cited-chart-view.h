/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cited.h"

G_BEGIN_DECLS

#define CITED_TYPE_CHART_VIEW (cited_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (CitedChartView, cited_chart_view, CITED, CHART_VIEW, GtkWidget)

/* Draws a CitedChart with the library's renderer in the desktop's light or
 * dark style and accent colour. Hovering a bar shows the sentence behind it;
 * clicking it, or Enter on the bar chosen with the arrow keys, emits
 * "bar-activated" with the ids (GArray of gint64) of the figures behind it.
 * The accessible label reads the chart's values. */
GtkWidget  *cited_chart_view_new             (void);
void        cited_chart_view_set_chart       (CitedChartView  *self,
                                              CitedChart      *chart);
CitedChart *cited_chart_view_get_chart       (CitedChartView  *self);
/* The accessible label currently set (cited_chart_describe()), or "". */
const char *cited_chart_view_get_description (CitedChartView  *self);
/* The style the next frame is drawn with (dark or light, accent). */
void        cited_chart_view_get_style       (CitedChartView  *self,
                                              CitedChartStyle *style);
/* Chooses a bar as if with the keyboard; FALSE when there is none. */
gboolean    cited_chart_view_select_bar      (CitedChartView  *self,
                                              guint            series,
                                              guint            category);
/* Chooses the bar that @figure_id is behind; FALSE (and no bar chosen)
 * when the chart does not plot it. */
gboolean    cited_chart_view_select_figure   (CitedChartView  *self,
                                              gint64           figure_id);
/* Emits "bar-activated" for the chosen bar; FALSE when none is chosen. */
gboolean    cited_chart_view_activate_selected (CitedChartView *self);

G_END_DECLS
