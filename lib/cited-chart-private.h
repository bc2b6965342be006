/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

G_BEGIN_DECLS

/* With a GString set under this key on a cairo context (cairo_set_user_data),
 * cited_chart_render() writes the chart's text into it as SVG <text>
 * elements, one per line, instead of drawing glyphs. */
extern const cairo_user_data_key_t cited_chart_svg_text_key;

G_END_DECLS
