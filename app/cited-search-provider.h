/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cited.h"

G_BEGIN_DECLS

/* GNOME Shell's search provider (org.gnome.Shell.SearchProvider2) for the
 * application: articles whose title or text match the terms and figures
 * whose text, brand or metric contain every term. Result ids are
 * "article:ID" and "figure:ID". Activating one presents the window on that
 * article or figure; LaunchSearch puts the terms into the Articles page's
 * search.
 *
 * Exports the interface at @object_path on @connection; returns the
 * registration id for g_dbus_connection_unregister_object(), 0 on error. */
guint      cited_search_provider_export (GApplication    *application,
                                         GDBusConnection *connection,
                                         const char      *object_path,
                                         GError         **error);

/* The result ids for @terms in @store, articles first (at most
 * CITED_SEARCH_PROVIDER_MAX of each). */
#define CITED_SEARCH_PROVIDER_MAX 5
GStrv      cited_search_provider_search (CitedStore          *store,
                                         const char * const  *terms,
                                         GError             **error);

G_END_DECLS
