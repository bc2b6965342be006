/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cited-application.h"
#include "cited-locale.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CitedApplication) app = NULL;

  cited_application_limit_arenas ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, cited_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cited_application_new ();
  cited_application_open_store_early (app);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
