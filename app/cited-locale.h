/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/*
 * Where the message catalogues are: under the install prefix, or, for a
 * program started from the build tree (tools/run-app, the tests), the ones
 * meson compiled there, which an uninstalled build has no other copy of.
 */
static inline const char *
cited_locale_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL && g_str_has_prefix (exe, BUILD_ROOT "/"))
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}
