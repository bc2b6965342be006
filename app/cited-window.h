/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cited.h"
#include "cited-application.h"
#include "cited-articles-page.h"
#include "cited-brands-page.h"
#include "cited-contradictions-dialog.h"
#include "cited-feeds-dialog.h"
#include "cited-figures-page.h"

G_BEGIN_DECLS

#define CITED_TYPE_WINDOW (cited_window_get_type ())
G_DECLARE_FINAL_TYPE (CitedWindow, cited_window, CITED, WINDOW, AdwApplicationWindow)

/* A window over @store. When @store holds no articles the bundled sample
 * corpus is imported in the background: "loading" is TRUE while any import
 * runs and the "ready" signal is emitted each time the window has finished
 * importing and reloaded its pages (also once, from an idle, when there was
 * nothing to import). @store may be NULL: then call
 * cited_window_show_store_error() to explain why.
 *
 * The pages are named "articles", "figures" and "brands". */
CitedWindow       *cited_window_new                 (CitedApplication *application,
                                                     CitedStore       *store);
CitedStore        *cited_window_get_store           (CitedWindow      *self);
CitedArticlesPage *cited_window_get_articles_page   (CitedWindow      *self);
CitedFiguresPage  *cited_window_get_figures_page    (CitedWindow      *self);
CitedBrandsPage   *cited_window_get_brands_page     (CitedWindow      *self);

/* Property "loading": an import is running. */
gboolean           cited_window_get_loading         (CitedWindow      *self);

/* Property "visible-page": "articles", "figures" or "brands". */
const char        *cited_window_get_visible_page    (CitedWindow      *self);
void               cited_window_set_visible_page    (CitedWindow      *self,
                                                     const char       *name);

/* Imports files and folders (recursively) with progress, Cancel, a summary
 * of rejected files and a toast; then reloads every page. */
void               cited_window_import_paths        (CitedWindow        *self,
                                                     const char * const *paths);
/* Cancels a running import (the Cancel button). */
void               cited_window_cancel_import       (CitedWindow      *self);

/* Replaces the pages with a status page explaining a store error. */
void               cited_window_show_store_error    (CitedWindow      *self,
                                                     const GError     *error);

/* Opens the dialog of contradicting claims (win.contradictions). */
CitedContradictionsDialog *cited_window_show_contradictions (CitedWindow *self);

/* Shows a toast (errors, undo notices from the pages). */
void               cited_window_add_toast           (CitedWindow      *self,
                                                     AdwToast         *toast);

/* Opens the article with the most figures in the reader (screenshots). */
void               cited_window_select_example_article (CitedWindow   *self);

/* Renders the window as it is on screen into a PNG file. */
gboolean           cited_window_save_screenshot     (CitedWindow      *self,
                                                     const char       *path,
                                                     GError          **error);

/* Feeds: refresh every subscription in the background; the Feeds dialog. */
void               cited_window_refresh_feeds       (CitedWindow      *self);
CitedFeedsDialog  *cited_window_show_feeds          (CitedWindow      *self);

G_END_DECLS
