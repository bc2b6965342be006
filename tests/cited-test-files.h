/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Files the tests and benchmarks make and clear away. */

#include <glib.h>
#include <glib/gstdio.h>

/* Removes @path and, for a folder, everything in it (made writable
 * first: a test may have taken a file's permissions away). */
static inline void
cited_test_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          g_chmod (child, 0700);
          cited_test_remove_tree (child);
        }
      g_dir_close (dir);
    }
  g_remove (path);
}
