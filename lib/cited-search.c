/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-search"
#include "config.h"

#include <string.h>

#include "cited-search.h"
#include "cited-store-private.h"

static gboolean
is_ascii (const char *s)
{
  for (; *s != '\0'; s++)
    if ((guchar) *s >= 0x80)
      return FALSE;
  return TRUE;
}

/* Whether text[start, end) is a word of its own for the highlighter: not
 * "of" inside "off" or "profit". A word may still be joined to the next by
 * a change of case ("Xiaomi" in "XiaomiCars", as search finds it) and take
 * a plural ("phone" in "phones"); a @prefix word begins any word, as it
 * does in a search ("profit" in "profitable"). */
static gboolean
word_at (const char *text,
         gsize       length,
         gsize       start,
         gsize       end,
         gboolean    prefix)
{
  if (start > 0 && g_ascii_isalnum (text[start - 1]) &&
      !(g_ascii_islower (text[start - 1]) && g_ascii_isupper (text[start])))
    return FALSE;
  if (prefix || end >= length || !g_ascii_isalnum (text[end]) || g_ascii_isupper (text[end]) ||
      (g_ascii_isdigit (text[end]) && !g_ascii_isdigit (text[end - 1])))
    return TRUE;
  if (text[end] == 's' && (end + 1 >= length || !g_ascii_isalnum (text[end + 1])))
    return TRUE;
  return text[end] == 'e' && end + 1 < length && text[end + 1] == 's' &&
         (end + 2 >= length || !g_ascii_isalnum (text[end + 2]));
}

/**
 * cited_search_match_ranges:
 * @text: (nullable): the text to look in
 * @search: (nullable): what the user searched for, as given to
 *   [struct@Cited.Query]'s search
 *
 * Where a search's words are in a text, as the search finds them: ASCII
 * words without regard to case, at the start of a word (joined to the
 * next by a change of case, "Xiaomi" in "XiaomiCars", or taking a plural;
 * a word the search takes as a prefix begins any word, "profit" in
 * "profitable"), CJK words as written. FTS5's operators (AND, OR, NOT,
 * NEAR) and quotes are not words. What the app highlights in the text of
 * a search's articles.
 *
 * Returns: (transfer full) (element-type guint): byte ranges of @text as a
 *   flat array of start, end pairs in text order, merged where they touch;
 *   empty when nothing matches.
 */
GArray *
cited_search_match_ranges (const char *text,
                           const char *search)
{
  g_auto(GStrv) words = NULL;
  g_autofree guint8 *mask = NULL;
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  gsize length;
  gsize i;

  if (text == NULL || search == NULL || *search == '\0')
    return ranges;

  length = strlen (text);
  mask = g_new0 (guint8, length + 1);
  words = g_strsplit_set (search, " \t\n\"*()", -1);

  for (guint w = 0; words[w] != NULL; w++)
    {
      const char *word = words[w];
      gsize word_len = strlen (word);
      gboolean ascii = is_ascii (word);
      gboolean prefix = cited_search_term_is_prefix (word);

      if (word_len == 0 || g_str_equal (word, "AND") || g_str_equal (word, "OR") ||
          g_str_equal (word, "NOT") || g_str_equal (word, "NEAR"))
        continue;

      for (gsize pos = 0; pos + word_len <= length; pos++)
        {
          gboolean hit = ascii ? g_ascii_strncasecmp (text + pos, word, word_len) == 0
                               : memcmp (text + pos, word, word_len) == 0;

          if (hit && (!ascii || word_at (text, length, pos, pos + word_len, prefix)))
            memset (mask + pos, 1, word_len);
        }
    }

  i = 0;
  while (i < length)
    {
      gsize j = i;

      while (j < length && mask[j] == mask[i])
        j++;
      if (mask[i])
        {
          guint range[2] = { i, j };

          g_array_append_vals (ranges, range, 2);
        }
      i = j;
    }

  return ranges;
}
