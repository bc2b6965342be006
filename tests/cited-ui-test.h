/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the UI tests share: a fixture holding a fresh profile's store and
 * window, and running the main loop until what a user would see has
 * happened. */

#include "cited-window.h"

/* The limit only keeps a broken build from hanging CI. */
#define WAIT_SECONDS 60

typedef struct {
  char        *dir;
  CitedStore  *store;
  CitedWindow *window;
  guint        n_ready;
} Fixture;

static inline gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @done says so; FALSE when it never did. The
 * limit only keeps a broken build from hanging CI. */
static inline gboolean
wait_for (gboolean (*done) (gpointer),
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  guint wake = g_timeout_add (20, wake_cb, NULL);
  gboolean ok = TRUE;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          ok = FALSE;
          break;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
  return ok;
}

static inline gboolean
idle_done (gpointer data)
{
  return !g_main_context_pending (NULL);
}

static inline void
drain (void)
{
  wait_for (idle_done, NULL);
}

/* Closes the fixture's window. What the test left pending (a popover
 * closing, a tooltip query) runs first, while the window's surfaces still
 * exist: GTK's tooltip query reads the pointer's surface and would find
 * the destroyed one. */
static inline void
close_window (Fixture *fixture)
{
  drain ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  drain ();
}

static inline void
ready_cb (CitedWindow *window,
          Fixture     *fixture)
{
  fixture->n_ready++;
}
