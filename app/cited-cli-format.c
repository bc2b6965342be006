/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-cli"
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cited-cli-format.h"

#define COLUMN_GAP 2
#define MIN_FLEXIBLE_WIDTH 12

typedef struct {
  char *header;
  CitedCliAlign align;
  guint max_width;
  gboolean flexible;
} Column;

struct _CitedCliTable {
  guint n_columns;
  Column *columns;
  GPtrArray *rows;           /* char** of n_columns sanitized cells */
};

static inline gboolean
is_mark (gunichar c)
{
  return c == CITED_CLI_MARK_START || c == CITED_CLI_MARK_END;
}

static guint
char_width (gunichar c)
{
  if (is_mark (c) || g_unichar_iszerowidth (c))
    return 0;
  if (g_unichar_iswide (c))
    return 2;
  return 1;
}

/* Valid UTF-8 on one line: controls (other than snippet marks) become
 * spaces so that a cell never breaks the table. */
static char *
sanitize (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_mark (c) && (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
                           c == 0x2028 || c == 0x2029))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

guint
cited_cli_display_width (const char *text)
{
  return text != NULL ? cited_cli_display_width_n (text, strlen (text)) : 0;
}

guint
cited_cli_display_width_n (const char *text,
                           gsize       length)
{
  const char *end = text + length;
  guint width = 0;

  for (const char *p = text; p < end && *p; p = g_utf8_next_char (p))
    width += char_width (g_utf8_get_char (p));
  return width;
}

static char *
truncate_sanitized (const char *text,
                    guint       width)
{
  GString *out;
  guint used = 0;
  gboolean open_mark = FALSE;

  if (cited_cli_display_width (text) <= width)
    return g_strdup (text);

  out = g_string_new (NULL);
  if (width == 0)
    return g_string_free (out, FALSE);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint w = char_width (c);

      /* Keep one column for the ellipsis. */
      if (used + w > width - 1)
        break;
      if (c == CITED_CLI_MARK_START)
        open_mark = TRUE;
      else if (c == CITED_CLI_MARK_END)
        open_mark = FALSE;
      g_string_append_unichar (out, c);
      used += w;
    }
  if (open_mark)
    g_string_append_c (out, CITED_CLI_MARK_END);
  g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

char *
cited_cli_truncate (const char *text,
                    guint       width)
{
  g_autofree char *clean = sanitize (text);

  return truncate_sanitized (clean, width);
}

CitedCliTable *
cited_cli_table_new (guint n_columns)
{
  CitedCliTable *self = g_new0 (CitedCliTable, 1);

  self->n_columns = n_columns;
  self->columns = g_new0 (Column, n_columns);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return self;
}

void
cited_cli_table_free (CitedCliTable *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_columns; i++)
    g_free (self->columns[i].header);
  g_free (self->columns);
  g_ptr_array_unref (self->rows);
  g_free (self);
}

void
cited_cli_table_set_column (CitedCliTable *self,
                            guint          column,
                            const char    *header,
                            CitedCliAlign  align,
                            guint          max_width,
                            gboolean       flexible)
{
  Column *col;

  g_return_if_fail (column < self->n_columns);

  col = &self->columns[column];
  g_free (col->header);
  col->header = sanitize (header);
  col->align = align;
  col->max_width = max_width;
  col->flexible = flexible;
}

void
cited_cli_table_add_row (CitedCliTable      *self,
                         const char * const *cells)
{
  char **row = g_new0 (char *, self->n_columns + 1);

  for (guint i = 0; i < self->n_columns; i++)
    row[i] = sanitize (cells[i]);
  g_ptr_array_add (self->rows, row);
}

guint
cited_cli_table_get_n_rows (CitedCliTable *self)
{
  return self->rows->len;
}

static void
print_cell (FILE          *stream,
            const char    *cell,
            guint          width,
            CitedCliAlign  align,
            gboolean       last,
            gboolean       highlight)
{
  g_autofree char *text = truncate_sanitized (cell, width);
  guint used = cited_cli_display_width (text);
  guint pad = width > used ? width - used : 0;

  if (align == CITED_CLI_ALIGN_RIGHT)
    for (guint i = 0; i < pad; i++)
      fputc (' ', stream);

  for (const char *p = text; *p; p++)
    {
      if (*p == CITED_CLI_MARK_START)
        {
          if (highlight)
            fputs ("\033[1m", stream);
        }
      else if (*p == CITED_CLI_MARK_END)
        {
          if (highlight)
            fputs ("\033[0m", stream);
        }
      else
        fputc (*p, stream);
    }

  if (align == CITED_CLI_ALIGN_LEFT && !last)
    for (guint i = 0; i < pad; i++)
      fputc (' ', stream);
}

void
cited_cli_table_print (CitedCliTable *self,
                       FILE          *stream,
                       guint          terminal_width,
                       gboolean       highlight)
{
  g_autofree guint *widths = g_new0 (guint, self->n_columns);
  guint total = 0;

  for (guint c = 0; c < self->n_columns; c++)
    {
      Column *col = &self->columns[c];

      widths[c] = cited_cli_display_width (col->header);
      for (guint r = 0; r < self->rows->len; r++)
        {
          char **row = g_ptr_array_index (self->rows, r);

          widths[c] = MAX (widths[c], cited_cli_display_width (row[c]));
        }
      if (col->max_width > 0)
        widths[c] = MIN (widths[c], MAX (col->max_width, cited_cli_display_width (col->header)));
      total += widths[c] + (c > 0 ? COLUMN_GAP : 0);
    }

  /* Narrow the flexible columns so that a row fits on one terminal line;
   * when even that is not enough, let the terminal wrap. */
  if (terminal_width > 0 && total > terminal_width)
    {
      for (guint c = 0; c < self->n_columns && total > terminal_width; c++)
        {
          guint min_width;
          guint cut;

          if (!self->columns[c].flexible)
            continue;
          min_width = MAX (MIN_FLEXIBLE_WIDTH, cited_cli_display_width (self->columns[c].header));
          if (widths[c] <= min_width)
            continue;
          cut = MIN (widths[c] - min_width, total - terminal_width);
          widths[c] -= cut;
          total -= cut;
        }
    }

  for (guint r = 0; r <= self->rows->len; r++)
    {
      for (guint c = 0; c < self->n_columns; c++)
        {
          const char *cell;

          if (r == 0)
            cell = self->columns[c].header;
          else
            cell = ((char **) g_ptr_array_index (self->rows, r - 1))[c];

          if (c > 0)
            fputs ("  ", stream);
          print_cell (stream, cell, widths[c], self->columns[c].align,
                      c + 1 == self->n_columns, highlight);
        }
      fputc ('\n', stream);
    }
}

static const char *shortest_number (char *buf, gsize size, double value);

char *
cited_cli_format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("");
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
  return g_strdup (shortest_number (buf, sizeof buf, value));
}

/* The shortest of %.15g, %.16g and %.17g that reads back as the same
 * double: "0.6", not "0.59999999999999998". */
static const char *
shortest_number (char   *buf,
                 gsize   size,
                 double  value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, size, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return buf;
}

char *
cited_cli_tidy_json_numbers (const char *json)
{
  GString *out = g_string_sized_new (strlen (json));
  gboolean in_string = FALSE;
  const char *p = json;

  while (*p != '\0')
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            {
              g_string_append_len (out, p, 2);
              p += 2;
              continue;
            }
          if (*p == '"')
            in_string = FALSE;
          g_string_append_c (out, *p++);
          continue;
        }
      if (*p == '"')
        {
          in_string = TRUE;
          g_string_append_c (out, *p++);
          continue;
        }
      if (*p == '-' || g_ascii_isdigit (*p))
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          const char *start = p;
          char *end = NULL;
          double value = g_ascii_strtod (start, &end);
          gboolean fraction = FALSE;

          for (const char *q = start; q < end; q++)
            if (*q == '.' || *q == 'e' || *q == 'E')
              fraction = TRUE;
          if (end == start)
            {
              g_string_append_c (out, *p++);
              continue;
            }
          if (fraction && isfinite (value))
            g_string_append (out, shortest_number (buf, sizeof buf, value));
          else
            g_string_append_len (out, start, end - start);
          p = end;
          continue;
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

guint
cited_cli_terminal_width (int fd)
{
  struct winsize ws;

  if (!isatty (fd))
    return 0;
  if (ioctl (fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  return 80;
}
