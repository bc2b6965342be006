/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/*
 * Where the message catalogues (and the app's icon) are: under the install
 * prefix, or, for a program started from the build tree (tools/run-app, the
 * tests), the ones meson compiled there or the sources hold, which an
 * uninstalled build has no other copy of.
 */
static inline gboolean
cited_running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL && g_str_has_prefix (exe, BUILD_ROOT "/");
}

static inline const char *
cited_locale_dir (void)
{
  return cited_running_from_build_tree () ? BUILD_LOCALEDIR : LOCALEDIR;
}
