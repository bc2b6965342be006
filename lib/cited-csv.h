/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include <glib.h>

G_BEGIN_DECLS

/* How a record ends: RFC 4180 asks for CRLF; the chart export has always
 * written LF, and files people already keep should not change. */
typedef enum {
  CITED_CSV_CRLF,
  CITED_CSV_LF,
} CitedCsvLineEnd;

/* Appends @field (NULL: empty) to @out as one CSV field, RFC 4180 style:
 * quoted when it holds a comma, a double quote, CR or LF, or starts or ends
 * with white space (which some readers would otherwise trim), with quotes
 * inside doubled. */
CITED_AVAILABLE_IN_ALL
void cited_csv_append_field (GString    *out,
                             const char *field);

/* Appends one record: the @n_fields @fields (NULL: empty) separated by
 * commas and quoted as cited_csv_append_field() does, then the line end. */
CITED_AVAILABLE_IN_ALL
void cited_csv_append_row   (GString            *out,
                             const char * const *fields,
                             guint               n_fields,
                             CitedCsvLineEnd     line_end);

G_END_DECLS
