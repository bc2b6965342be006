/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-chart-view.h"
#include "cited-figures-page.h"

G_BEGIN_DECLS

/* What the UI tests (and the window) reach beyond the public page API. */
CitedChartView *cited_figures_page_get_chart_view   (CitedFiguresPage      *self);
/* The rows as shown: filtered and sorted CitedFigureObjects. */
GListModel     *cited_figures_page_get_rows         (CitedFiguresPage      *self);
/* Chooses a brand in the brand filter (NULL: all brands). */
gboolean        cited_figures_page_set_brand_filter (CitedFiguresPage      *self,
                                                     const char            *brand);
/* Chooses the charted metric; FALSE when no figure has it. */
gboolean        cited_figures_page_set_chart_metric (CitedFiguresPage      *self,
                                                     const char            *metric);
/* Applies a correction as the edit dialog does, with an undo step. */
gboolean        cited_figures_page_apply_edit       (CitedFiguresPage      *self,
                                                     gint64                 figure_id,
                                                     const CitedFigureEdit *edit,
                                                     GError               **error);
/* The id of the selected row's figure, or 0. */
gint64          cited_figures_page_get_selected_id  (CitedFiguresPage      *self);
/* TRUE while the rows are read in the background (the "loading" property). */
gboolean        cited_figures_page_get_loading      (CitedFiguresPage      *self);
/* Takes the last correction back, or puts the last one taken back again;
 * FALSE when there is none. The history outlives the toast. */
gboolean cited_figures_page_undo (CitedFiguresPage *self);
gboolean cited_figures_page_redo (CitedFiguresPage *self);
/* When the step that undo (or redo) would take went on its history
 * (monotonic time), 0 when there is none: the window takes back the
 * latest change of any page. */
gint64   cited_figures_page_get_history_time (CitedFiguresPage *self,
                                              gboolean          redo);
/* Writes the report Export Report would to @path, without the file
 * chooser. */
void            cited_figures_page_write_report     (CitedFiguresPage      *self,
                                                     const char            *path);
/* Number of corrections that "figures.undo" can take back. */
guint           cited_figures_page_get_undo_depth   (CitedFiguresPage      *self);

/* Saved views, as the Views menu and its dialogs change them (with undo
 * steps) and show them. */
gboolean        cited_figures_page_save_view        (CitedFiguresPage      *self,
                                                     const char            *name,
                                                     GError               **error);
gboolean        cited_figures_page_apply_view       (CitedFiguresPage      *self,
                                                     const char            *name,
                                                     GError               **error);
gboolean        cited_figures_page_rename_view      (CitedFiguresPage      *self,
                                                     const char            *name,
                                                     const char            *new_name,
                                                     GError               **error);
gboolean        cited_figures_page_delete_view      (CitedFiguresPage      *self,
                                                     const char            *name,
                                                     GError               **error);
/* The Views menu's list, filled from the store: one row per view, its
 * name in the row's "view-name" data. */
GtkListBox     *cited_figures_page_get_views_list   (CitedFiguresPage      *self);

G_END_DECLS
