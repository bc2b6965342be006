/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <string.h>

#include "cited-extract-zh-private.h"

/*
 * Word matching over the decoded sentence: byte comparisons against the
 * body at a char's offset, so that nothing is allocated or re-encoded.
 */

/* Chars in @word if the body at char @i starts with it, else 0. Compares
 * byte by byte: most calls fail within the first character. */
guint
zh_match_at (const Sent *s,
             guint       i,
             const char *word)
{
  const char *b, *lim;
  guint chars = 0;

  if (i >= s->n)
    return 0;
  b = s->body + s->off[i];
  lim = s->body + s->off[s->n];
  for (const char *w = word; *w != '\0'; w++, b++)
    {
      if (b >= lim || *b != *w)
        return 0;
      chars += ((guchar) *w & 0xC0) != 0x80;
    }
  return chars;
}

/* zh_match_any_at() past its bit test. */
const ZhWord *
zh_match_words_at (const Sent    *s,
                 guint          i,
                 const ZhWords *words,
                 guint         *n_chars)
{
  gunichar c;

  if (i >= s->n)
    return NULL;
  c = s->cp[i];
  for (guint k = 0; k < words->n; k++)
    {
      guint m;

      if (words->w[k].first != c)
        continue;
      m = zh_match_at (s, i, words->w[k].word);
      if (m > 0)
        {
          if (n_chars != NULL)
            *n_chars = m;
          return &words->w[k];
        }
    }
  return NULL;
}

/* Chars in @word if the text just before char @i ends with it, else 0. */
guint
zh_match_before (const Sent *s,
                 guint       i,
                 const char *word)
{
  gsize len = strlen (word);
  guint j;

  if (i == 0 || s->off[i] < s->off[0] + len ||
      memcmp (s->body + s->off[i] - len, word, len) != 0)
    return 0;
  for (j = i; j > 0 && s->off[j] > s->off[i] - len; j--)
    ;
  return s->off[j] == s->off[i] - len ? i - j : 0;
}

const ZhWord *
zh_match_any_before (const Sent    *s,
                     guint          i,
                     const ZhWords *words,
                     guint         *n_chars)
{
  for (guint k = 0; k < words->n; k++)
    {
      const ZhWord *w = &words->w[k];
      guint m;

      /* One byte compare first: the word's last byte against the text's. */
      if (i == 0 || s->off[i] < s->off[0] + w->len ||
          s->body[s->off[i] - 1] != w->word[w->len - 1])
        continue;
      m = zh_match_before (s, i, w->word);
      if (m > 0)
        {
          if (n_chars != NULL)
            *n_chars = m;
          return w;
        }
    }
  return NULL;
}

gboolean
zh_range_has_any (const Sent    *s,
                  guint          lo,
                  guint          hi,
                  const ZhWords *words)
{
  for (guint i = lo; i < hi; i++)
    {
      guint m = 0;

      if (zh_match_any_at (s, i, words, &m) != NULL && i + m <= hi)
        return TRUE;
    }
  return FALSE;
}

/* Whether @c is one of the chars of the UTF-8 string @list. */
gboolean
zh_char_in (gunichar    c,
            const char *list)
{
  if (list == NULL)
    return FALSE;
  for (const char *p = list; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == c)
      return TRUE;
  return FALSE;
}

/* The first char of the clause holding char @i. */
guint
zh_clause_start (const Sent *s,
                 guint       i)
{
  while (i > 0 && !is_clause_sep (s->cp[i - 1]))
    i--;
  return i;
}

/* The separator (or the end) closing the clause holding char @i. */
guint
zh_clause_end (const Sent *s,
               guint       i)
{
  while (i < s->n && !is_clause_sep (s->cp[i]))
    i++;
  return i;
}
