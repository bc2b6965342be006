/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "cited-chart.h"

G_BEGIN_DECLS

/* With a GString set under this key on a cairo context (cairo_set_user_data),
 * cited_chart_render() writes the chart's text into it as SVG <text>
 * elements, one per line, instead of drawing glyphs. */
extern const cairo_user_data_key_t cited_chart_svg_text_key;

/* The chart in the print palette as an SVG document of @width x @height
 * pixels, text kept as text: what cited_chart_export() writes to a .svg. */
GBytes *cited_chart_to_svg (CitedChart  *self,
                            int          width,
                            int          height,
                            GError     **error);

G_END_DECLS
