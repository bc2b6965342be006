/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The app's settings (schema io.github.cited.Cited), or NULL when the
 * schema is not installed: running from a build tree without it must not
 * abort, the app then simply does not remember its state. */
GSettings *cited_settings_new (void);

G_END_DECLS
