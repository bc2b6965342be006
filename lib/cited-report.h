/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include <gio/gio.h>

#include "cited-chart.h"
#include "cited-store.h"

G_BEGIN_DECLS

/**
 * CitedReport:
 *
 * A report to hand on: a title page with the corpus the charts come from
 * (articles, sources, dates) and the filters used, the charts, the claims
 * behind each chart with their sentences and sources, the contradictions
 * among those claims, and an appendix table of every figure. Written as a
 * paginated PDF or as one self-contained HTML file with the charts as
 * inline SVG. Plain data: build it on any thread, write it on any thread.
 */
typedef struct _CitedReport CitedReport;

/* A report on @store's corpus (read once, here). @filters says in words
 * which figures the charts were asked for ("Metric: sales · Brand:
 * Xiaomi"), or is NULL. */
CITED_AVAILABLE_IN_ALL
CitedReport *cited_report_new       (CitedStore  *store,
                                     const char  *filters,
                                     GError     **error);
/* Reference-counted: plain data, but shared with bindings. */
#define CITED_TYPE_REPORT (cited_report_get_type ())
CITED_AVAILABLE_IN_ALL
GType        cited_report_get_type  (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedReport *cited_report_ref       (CitedReport *self);
CITED_AVAILABLE_IN_ALL
void         cited_report_unref     (CitedReport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedReport, cited_report_unref)

/* The title on the first page (default: the chart's title when there is
 * one chart, else "Cited Report"). */
CITED_AVAILABLE_IN_ALL
void         cited_report_set_title (CitedReport *self,
                                     const char  *title);
/* Adds @chart, with the claims and contradictions of the figures it draws. */
CITED_AVAILABLE_IN_ALL
void         cited_report_add_chart (CitedReport *self,
                                     CitedChart  *chart);
/* The report as one HTML document: inline SVG charts, print styles, no
 * reference to any other file. */
CITED_AVAILABLE_IN_ALL
char        *cited_report_to_html   (CitedReport *self,
                                     GError     **error);
/* Writes the report as PDF (A4) or HTML, chosen by @path's extension
 * (.pdf, .html or .htm; else CITED_ERROR_INVALID). The file is replaced
 * atomically. */
CITED_AVAILABLE_IN_ALL
gboolean     cited_report_write     (CitedReport *self,
                                     const char  *path,
                                     GError     **error);

G_END_DECLS
