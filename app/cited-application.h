/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CITED_TYPE_APPLICATION (cited_application_get_type ())
G_DECLARE_FINAL_TYPE (CitedApplication, cited_application, CITED, APPLICATION, AdwApplication)

/* The application: app id APP_ID (".Devel" in the development profile),
 * actions app.quit and app.about, accelerators for every window action.
 * Activating it opens the store (cited_store_open (NULL): $CITED_DB is
 * respected) and presents a CitedWindow over it, or a window explaining why
 * the store could not be opened. */
CitedApplication *cited_application_new (void);

/* Makes the application open the store as soon as it starts up as the
 * primary instance (not as GNOME Shell's search service), in a thread
 * while GTK opens the display, rather than when first activated. For
 * main(): a test registering the application does not want the store of
 * its environment opened. */
void              cited_application_open_store_early (CitedApplication *self);

/* For main(), before any thread: two allocator arenas, not one per thread. */
void              cited_application_limit_arenas    (void);

/* The directory of the bundled sample corpus: the installed one when it
 * exists, otherwise the source tree's (running from the build tree), or
 * NULL when neither exists. */
const char       *cited_application_get_sample_corpus_dir (void);

G_END_DECLS
