/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-bare-window"

#include "config.h"

#include <adwaita.h>

/*
 * The floor of bench-startup: a bare libadwaita window, an
 * AdwApplicationWindow with a header bar and nothing else, the size of
 * Cited's window, made the way Cited makes its own (an AdwApplication
 * registered on the session bus, the window presented from ::activate).
 * It writes the monotonic clock to stderr in the form of Cited's startup
 * trace, for the launcher that started it, at the stages the two share:
 * the display open (after GtkApplication's startup), the window made,
 * realized, and its first painted frame.
 */

static gint64 created;

static void
trace (const char *stage)
{
  gint64 now = g_get_monotonic_time ();

  g_printerr ("startup: %s %.1f ms (monotonic %" G_GINT64_FORMAT ")\n",
              stage, (now - created) / 1000.0, now);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  trace ("first frame");
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);
}

static void
realize_cb (GtkWidget *window,
            gpointer   user_data)
{
  trace ("window realized");
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

static void
startup_cb (GApplication *app,
            gpointer      user_data)
{
  trace ("started (display open)");
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Bare");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  trace ("window created");
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  created = g_get_monotonic_time ();
  app = adw_application_new ("io.github.cited.BenchBareWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect_after (app, "startup", G_CALLBACK (startup_cb), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
