/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <stdarg.h>

#include "cited-extract-private.h"

gboolean
cited_extract_tracing (void)
{
  return !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN);
}

void
cited_extract_trace (const CitedExtractContext *ctx,
                     guint                      start,
                     guint                      end,
                     const char                *format,
                     ...)
{
  g_autofree char *what = NULL;
  va_list args;
  int len;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  len = end > start && end <= ctx->length ? (int) (end - start) : 0;
  g_debug ("'%.*s' %s", len, ctx->body + start, what);
}
