/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

/* Search snippets from the store wrap matches in these bytes. */
#define CITED_CLI_MARK_START '\x02'
#define CITED_CLI_MARK_END   '\x03'

typedef enum {
  CITED_CLI_ALIGN_LEFT,
  CITED_CLI_ALIGN_RIGHT,
} CitedCliAlign;

typedef struct _CitedCliTable CitedCliTable;

/* A table of aligned text columns for people to read. Cells are UTF-8; wide
 * (CJK) characters count two columns. */
CitedCliTable *cited_cli_table_new        (guint           n_columns);
void           cited_cli_table_free       (CitedCliTable  *self);
/* @max_width caps the column (0: no cap); the @flexible column is the one
 * narrowed first to fit the terminal. */
void           cited_cli_table_set_column (CitedCliTable  *self,
                                           guint           column,
                                           const char     *header,
                                           CitedCliAlign   align,
                                           guint           max_width,
                                           gboolean        flexible);
/* Appends a row of n_columns cells (NULL is an empty cell). */
void           cited_cli_table_add_row    (CitedCliTable       *self,
                                           const char * const  *cells);
guint          cited_cli_table_get_n_rows (CitedCliTable  *self);
/* Prints headers and rows; @terminal_width 0 means no limit beyond the
 * column caps. With @highlight, snippet marks become bold, else they are
 * dropped. */
void           cited_cli_table_print      (CitedCliTable  *self,
                                           FILE           *stream,
                                           guint           terminal_width,
                                           gboolean        highlight);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedCliTable, cited_cli_table_free)

/* Columns @text takes on a terminal (snippet marks take none). */
guint  cited_cli_display_width (const char *text);
/* The same for the first @length bytes of @text. */
guint  cited_cli_display_width_n (const char *text,
                                  gsize       length);
/* @text cut to at most @width columns, ending in "…" when it was cut.
 * Newlines, tabs and other control characters become spaces. */
char  *cited_cli_truncate      (const char *text,
                                guint       width);
/* A number the way JSON and CSV want it: no locale, no exponent for whole
 * numbers, "" for NAN. */
char  *cited_cli_format_number (double value);
/* @json with every fractional number written in the fewest digits that read
 * back as the same double (JSON-GLib writes 17). */
char  *cited_cli_tidy_json_numbers (const char *json);

/* The columns of the terminal @fd is, or 0 when it is not a terminal. */
guint  cited_cli_terminal_width (int fd);

G_END_DECLS
