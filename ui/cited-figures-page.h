/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cited.h"

G_BEGIN_DECLS

#define CITED_TYPE_FIGURES_PAGE (cited_figures_page_get_type ())
G_DECLARE_FINAL_TYPE (CitedFiguresPage, cited_figures_page, CITED, FIGURES_PAGE, AdwBin)

/* The Figures page: a sortable table of every figure with filters, a chart
 * of the selected metric, and the user's corrections (edit, confirm, reject,
 * undo). Property "store" (CitedStore). Bars and rows open articles through
 * the "win.show-article" action (parameter "(xu)": article id, byte offset
 * of the sentence). */
void cited_figures_page_reload      (CitedFiguresPage *self);
/* Selects the figure in the table (and its metric in the chart). */
void cited_figures_page_show_figure (CitedFiguresPage *self,
                                     gint64            figure_id);
void cited_figures_page_print       (CitedFiguresPage *self);
void cited_figures_page_export      (CitedFiguresPage *self);
void cited_figures_page_copy_image  (CitedFiguresPage *self);
/* Asks for a file, then writes a report of the chart shown (PDF or HTML):
 * its corpus, the chart, the claims behind it, contradictions, every
 * figure. */
void cited_figures_page_export_report (CitedFiguresPage *self);

G_END_DECLS
