/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-csv"

#include "config.h"

#include <string.h>

#include "cited-csv.h"

static gboolean
needs_quotes (const char *field,
              gsize       length)
{
  if (length == 0)
    return FALSE;
  return strpbrk (field, ",\"\r\n") != NULL ||
         g_ascii_isspace (field[0]) || g_ascii_isspace (field[length - 1]);
}

/**
 * cited_csv_append_field:
 * @out: the CSV text so far
 * @field: (nullable): the field, %NULL for an empty one
 */
void
cited_csv_append_field (GString    *out,
                        const char *field)
{
  gsize length;

  g_return_if_fail (out != NULL);

  if (field == NULL)
    return;
  length = strlen (field);
  if (!needs_quotes (field, length))
    {
      g_string_append_len (out, field, length);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * cited_csv_append_row:
 * @out: the CSV text so far
 * @fields: (array length=n_fields) (element-type utf8) (nullable): the record's fields, %NULL ones empty
 * @n_fields: how many fields
 * @line_end: how the record ends
 */
void
cited_csv_append_row (GString            *out,
                      const char * const *fields,
                      guint               n_fields,
                      CitedCsvLineEnd     line_end)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      cited_csv_append_field (out, fields[i]);
    }
  g_string_append (out, line_end == CITED_CSV_LF ? "\n" : "\r\n");
}
