/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited-extract-en-private.h"

/* ------------------------------------------------------------------ */
/* Sentences                                                           */

static const char * const abbreviations[] = {
  "mr", "mrs", "ms", "dr", "prof", "inc", "ltd", "co", "corp", "st", "jr", "sr", "vs",
  "etc", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
  "oct", "nov", "dec", "gen", "gov", "sen", "rep", "mt", "ft", "approx", "est", "fig",
  "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "rs", "vol", "op", "cf", "al",
  NULL,
};

static gboolean
is_abbreviation (const char *body,
                 guint       start,
                 guint       dot)
{
  guint a = dot;
  char word[8];
  guint len;

  while (a > start && (g_ascii_isalpha (body[a - 1]) || (body[a - 1] == '.' && a - 1 > start &&
                                                        g_ascii_isalpha (body[a - 2]))))
    a--;
  len = dot - a;
  if (len == 0)
    return FALSE;
  /* A single capital: an initial ("J. Smith"). */
  if (len == 1 && g_ascii_isupper (body[a]))
    return TRUE;
  if (len >= sizeof word)
    return FALSE;
  for (guint k = 0; k < len; k++)
    word[k] = g_ascii_tolower (body[a + k]);
  word[len] = '\0';
  for (guint k = 0; abbreviations[k]; k++)
    if (strcmp (word, abbreviations[k]) == 0)
      return TRUE;
  return FALSE;
}

static inline gboolean
is_closer (const char *b,
           guint       p,
           guint       end,
           guint      *len)
{
  guchar c = b[p];

  if (c == '"' || c == '\'' || c == ')' || c == ']')
    {
      *len = 1;
      return TRUE;
    }
  if (c == 0xE2 && p + 2 < end && (guchar) b[p + 1] == 0x80 &&
      ((guchar) b[p + 2] == 0x9D || (guchar) b[p + 2] == 0x99))
    {
      *len = 3;    /* ” ’ */
      return TRUE;
    }
  if (c == 0xE3 && p + 2 < end && (guchar) b[p + 1] == 0x80 &&
      ((guchar) b[p + 2] == 0x8D || (guchar) b[p + 2] == 0x8F || (guchar) b[p + 2] == 0x8B))
    {
      *len = 3;    /* 」 』 》 */
      return TRUE;
    }
  if (c == 0xEF && p + 2 < end && (guchar) b[p + 1] == 0xBC && (guchar) b[p + 2] == 0x89)
    {
      *len = 3;    /* ） */
      return TRUE;
    }
  return FALSE;
}

/* Finds the sentence that starts at or after @pos: [*start, *end) with the
 * spaces around it trimmed. Returns the position to continue from. */
#define MAX_SENTENCE 2000

/* 0: nothing to do; 1: look closer; 2: a digit or money symbol. */
static guint8 split_class[256];

void
init_split_class (void)
{
  for (guint c = 0; c < 256; c++)
    split_class[c] = 0;
  split_class['\n'] = split_class['.'] = split_class['!'] = split_class['?'] = 1;
  split_class[0xC2] = split_class[0xE2] = 1;
  for (guint c = 0xE3; c < 256; c++)
    split_class[c] = 1;
  for (guint c = '0'; c <= '9'; c++)
    split_class[c] = 2;
  split_class['$'] = split_class['%'] = 2;
}

guint
split_sentence (const char *b,
                guint       pos,
                guint       len,
                guint      *start,
                guint      *end,
                gboolean   *has_cjk,
                gboolean   *has_digit)
{
  guint p = pos;
  guint cut = len;
  guint next = len;

  *has_cjk = FALSE;
  *has_digit = FALSE;
  while (p < len && g_ascii_isspace (b[p]))
    p++;
  *start = p;

  while (p < len)
    {
      guint limit = MIN (len, *start + MAX_SENTENCE);
      guchar c;
      guint8 k;

      while (p < limit && split_class[(guchar) b[p]] == 0)
        p++;
      if (p >= limit)
        {
          if (limit == len)
            break;
          /* Text with no sentence end for pages (tables, lists, logs) is
           * cut at a space so that no sentence grows without bound. */
          {
            guint q = p;

            /* Preferably after a comma, so a figure stays whole. */
            while (q < len && q < limit + 512 && b[q] != ',' && b[q] != ';')
              q++;
            if (q < len && q < limit + 512)
              {
                cut = next = q + 1;
                break;
              }
          }
          while (p < len && !g_ascii_isspace (b[p]) &&
                 !(p > limit + 64 && ((guchar) b[p] & 0xC0) != 0x80))
            p++;
          cut = next = p;
          break;
        }
      c = b[p];
      k = split_class[c];
      if (k == 2)
        {
          *has_digit = TRUE;
          p++;
          continue;
        }
      if (c == 0xC2 || c == 0xE2)
        {
          /* £ ¥ (C2 A3, C2 A5), € ₩ ₹ (E2 82 ..) */
          if (p + 1 < len && ((c == 0xC2 && ((guchar) b[p + 1] == 0xA3 || (guchar) b[p + 1] == 0xA5)) ||
                              (c == 0xE2 && (guchar) b[p + 1] == 0x82)))
            *has_digit = TRUE;
          p++;
          continue;
        }

      if (c == '\n')
        {
          guint q = p + 1;
          gboolean blank = FALSE;

          while (q < len && (b[q] == ' ' || b[q] == '\t' || b[q] == '\r' || b[q] == '\n'))
            {
              if (b[q] == '\n')
                blank = TRUE;
              q++;
            }
          /* One line break ends a sentence unless the text goes on in
           * lower case (a wrapped line). */
          if (blank || q >= len || !g_ascii_islower (b[q]))
            {
              cut = p;
              next = q;
              break;
            }
          p = q;
          continue;
        }
      if (c == '!' || c == '?' || c == '.')
        {
          guint q = p + 1;
          guint cl;

          if (c == '.')
            {
              /* Decimals and dotted numbers. */
              if (p > *start && g_ascii_isdigit (b[p - 1]) && q < len && g_ascii_isdigit (b[q]))
                {
                  p++;
                  continue;
                }
            }
          while (q < len && (b[q] == '.' || b[q] == '!' || b[q] == '?'))
            q++;
          while (q < len && is_closer (b, q, len, &cl))
            q += cl;
          if (q >= len)
            {
              cut = q;
              next = q;
              break;
            }
          if (g_ascii_isspace (b[q]))
            {
              guint r = q;

              while (r < len && (b[r] == ' ' || b[r] == '\t'))
                r++;
              if (r < len && (g_ascii_islower (b[r]) || b[r] == ','))
                {
                  p = q;
                  continue;
                }
              if (c == '.' && q == p + 1 && is_abbreviation (b, *start, p) &&
                  !(r < len && b[r] == '\n'))
                {
                  p = q;
                  continue;
                }
              cut = q;
              next = q;
              break;
            }
          /* No space: "overseas.As is known" splits, "example.com" and
           * "U.S." do not. */
          if (g_ascii_isupper (b[q]) && p > *start && g_ascii_islower (b[p - 1]) &&
              (c != '.' || !is_abbreviation (b, *start, p)))
            {
              cut = q;
              next = q;
              break;
            }
          if (q > p + 1 && !g_ascii_isalnum (b[q]))
            {
              cut = q;
              next = q;
              break;
            }
          p = q;
          continue;
        }
      if (c >= 0xE3)
        {
          /* 。！？；… and their closing quotes. */
          if (c == 0xE3 && p + 2 < len && (guchar) b[p + 1] == 0x80 && (guchar) b[p + 2] == 0x82)
            {
              guint q = p + 3, cl;

              while (q < len && is_closer (b, q, len, &cl))
                q += cl;
              cut = next = q;
              *has_cjk = TRUE;
              break;
            }
          if (c == 0xEF && p + 2 < len && (guchar) b[p + 1] == 0xBC &&
              ((guchar) b[p + 2] == 0x81 || (guchar) b[p + 2] == 0x9F || (guchar) b[p + 2] == 0x9B))
            {
              guint q = p + 3, cl;

              while (q < len && ((guchar) b[q] == 0xEF && q + 2 < len && (guchar) b[q + 1] == 0xBC &&
                                 ((guchar) b[q + 2] == 0x81 || (guchar) b[q + 2] == 0x9F)))
                q += 3;
              while (q < len && is_closer (b, q, len, &cl))
                q += cl;
              cut = next = q;
              break;
            }
          if (c <= 0xE9)
            *has_cjk = TRUE;
          else if (c == 0xEF)
            *has_digit = TRUE;
          p += 3;
          continue;
        }
      p++;
    }

  if (p >= len && cut == len)
    next = len;
  while (cut > *start && g_ascii_isspace (b[cut - 1]))
    cut--;
  *end = MIN (cut, len);
  return MAX (next, *start + 1);
}

gboolean
mostly_cjk (const char *b,
            guint       start,
            guint       end)
{
  guint cjk = 0, words = 0;
  gboolean in_word = FALSE;

  for (guint p = start; p < end;)
    {
      guchar c = b[p];

      if (c < 0x80)
        {
          /* Links in Markdown sources are not prose in either language. */
          if ((c == 'h' && p + 4 < end && memcmp (b + p, "http", 4) == 0) ||
              (c == 'w' && p + 4 < end && memcmp (b + p, "www.", 4) == 0))
            {
              while (p < end && !g_ascii_isspace (b[p]) && b[p] != ')' && b[p] != ']' &&
                     (guchar) b[p] < 0x80)
                p++;
              in_word = FALSE;
              continue;
            }
          if (g_ascii_isalpha (c))
            {
              words += in_word ? 0 : 1;
              in_word = TRUE;
            }
          else
            in_word = FALSE;
          p++;
          continue;
        }
      in_word = FALSE;
      if (c >= 0xE3 && c <= 0xE9 && p + 2 < end)
        {
          gunichar u = ((gunichar) (c & 0x0F) << 12) | ((gunichar) (b[p + 1] & 0x3F) << 6) |
                       (gunichar) (b[p + 2] & 0x3F);

          cjk += is_cjk (u) ? 1 : 0;
          p += 3;
          continue;
        }
      p += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    }
  /* A Chinese character carries about what an English word does. */
  return cjk > 0 && cjk >= words;
}
