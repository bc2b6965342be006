/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cited.h"

G_BEGIN_DECLS

/* Print, export and copy for every chart in the app. All of it goes
 * through the library's renderer in the light print palette. */

typedef enum {
  CITED_EXPORT_PNG,
  CITED_EXPORT_SVG,
  CITED_EXPORT_PDF,
  CITED_EXPORT_CSV,
} CitedExportFormat;

/* The file extension (without dot) of @format: "png", "svg", "pdf", "csv". */
const char        *cited_export_format_extension    (CitedExportFormat  format);
/* Writes @chart to @path in @format; images at @width x @height pixels
 * (points for PDF). @path gets the format's extension when it lacks one;
 * the written path is returned in @written_path when not NULL. */
gboolean           cited_export_write               (CitedChart        *chart,
                                                     const char        *path,
                                                     CitedExportFormat  format,
                                                     int                width,
                                                     int                height,
                                                     char             **written_path,
                                                     GError           **error);
/* A print operation of one page drawing @chart (title, legend and source
 * footnote included) in the print palette. Run it with PRINT_DIALOG, or with
 * EXPORT and "export-filename" set to write a PDF. */
GtkPrintOperation *cited_export_print_operation_new (CitedChart        *chart);
/* Shows the print dialog for @chart; failures are shown in a dialog. */
void               cited_export_print               (GtkWidget         *parent,
                                                     CitedChart        *chart);
/* Asks for a format, a size and a file, then writes @chart there. The
 * toast overlay that is or contains @parent announces the written file. */
void               cited_export_show_dialog         (GtkWidget         *parent,
                                                     CitedChart        *chart);
/* The toast announcing a written file, with "Open" (its button) and "Show
 * in Folder" (beside its title). */
AdwToast          *cited_export_done_toast_new      (GtkWidget         *parent,
                                                     const char        *path);
/* @chart drawn at @width x @height in the print palette. */
GdkTexture        *cited_export_render_texture      (CitedChart        *chart,
                                                     int                width,
                                                     int                height);
/* Puts @chart as an image on @widget's clipboard. */
void               cited_export_copy_image          (GtkWidget         *widget,
                                                     CitedChart        *chart);
/* Asks for a file (PDF or HTML), then writes a report of @chart there
 * (cited-report.h): the corpus of @store, the chart, the claims behind it
 * with their sentences and sources, contradictions and every figure.
 * @filters says in words what the chart was asked for, or is NULL. */
void               cited_export_report              (GtkWidget         *parent,
                                                     CitedStore        *store,
                                                     CitedChart        *chart,
                                                     const char        *filters);
/* Writes that report to @path (.pdf when it has neither .pdf nor .html) in
 * a worker thread; a toast says it is being written, then offers "Open"
 * and "Show in Folder", in the toast overlay that is or contains @parent. */
void               cited_export_write_report        (GtkWidget         *parent,
                                                     CitedStore        *store,
                                                     CitedChart        *chart,
                                                     const char        *filters,
                                                     const char        *path);
/* A modal dialog saying what failed and what to do about it. */
void               cited_export_show_error          (GtkWidget         *parent,
                                                     const char        *heading,
                                                     const char        *body);

/* Called with the file chosen to write to. */
typedef void (*CitedExportSaveFunc) (GFile    *file,
                                     gpointer  data);

/* Asks, through the desktop's file chooser, for a file to write, named
 * @name at first and shown through @filters (GtkFileFilter, the first the
 * default), and calls @func with it; @data is freed with @destroy after,
 * whether a file was chosen or not. */
void               cited_export_save_file           (GtkWidget           *parent,
                                                     const char          *title,
                                                     const char          *name,
                                                     GListModel          *filters,
                                                     CitedExportSaveFunc  func,
                                                     gpointer             data,
                                                     GDestroyNotify       destroy);

G_END_DECLS
