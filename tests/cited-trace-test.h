/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <glib.h>

/*
 * The extractor's trace (G_MESSAGES_DEBUG=cited-extractor), captured for
 * tests that check which rule decided: call cited_trace_test_init() before
 * g_test_init(); every traced line of the last cited_trace_test_clear() on
 * is in cited_trace_lines.
 */
static GPtrArray *cited_trace_lines;

static GLogWriterOutput
cited_trace_capture_cb (GLogLevelFlags   level,
                        const GLogField *fields,
                        gsize            n_fields,
                        gpointer         user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (strcmp (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (strcmp (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }
  if ((level & G_LOG_LEVEL_DEBUG) && g_strcmp0 (domain, "cited-extractor") == 0 && message)
    {
      g_ptr_array_add (cited_trace_lines, g_strdup (message));
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* Tracing is on for the whole run (it is read once per article), and its
 * lines are captured rather than printed. */
static inline void
cited_trace_test_init (void)
{
  g_setenv ("G_MESSAGES_DEBUG", "cited-extractor", TRUE);
  cited_trace_lines = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (cited_trace_capture_cb, NULL, NULL);
}

static inline void
cited_trace_test_clear (void)
{
  g_ptr_array_set_size (cited_trace_lines, 0);
}

/* Whether a traced line contains @text. */
static inline gboolean
cited_trace_test_has (const char *text)
{
  for (guint i = 0; i < cited_trace_lines->len; i++)
    if (strstr (g_ptr_array_index (cited_trace_lines, i), text) != NULL)
      return TRUE;
  return FALSE;
}
