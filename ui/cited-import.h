/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cited.h"

G_BEGIN_DECLS

/* Receives the chosen paths (NULL-terminated), or NULL when the user
 * cancelled. The array is freed after the call. */
typedef void (*CitedImportChosenFunc) (GStrv    paths,
                                       gpointer user_data);

/* Asks for files (several at once) or, with @folders, a folder to import,
 * through the desktop's file chooser (a portal in the Flatpak). */
void       cited_import_choose              (GtkWindow              *parent,
                                             gboolean                folders,
                                             CitedImportChosenFunc   callback,
                                             gpointer                user_data);

/* The same for files of another kind, under the chooser's @title. */
void       cited_import_choose_files        (GtkWindow              *parent,
                                             const char             *title,
                                             CitedImportChosenFunc   callback,
                                             gpointer                user_data);

/* The toast text for a finished import: "Imported 5 articles", with
 * duplicates, rejections and cancellation mentioned. */
char      *cited_import_describe_result     (const CitedImportResult *result);

/* A dialog listing every rejected file with its reason. */
GtkWidget *cited_import_summary_dialog_new  (GtkWindow               *parent,
                                             const CitedImportResult *result);

G_END_DECLS
