/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited-extract-en-private.h"

/* ------------------------------------------------------------------ */
/* Sentences                                                           */

/* Each abbreviation padded with zeros to 8 bytes, so that a word is
 * compared in one 8-byte memcmp() (inlined as a single load and compare)
 * instead of a strcmp() call per entry: the check runs at every dot that
 * a space follows. */
static const char abbreviations[][8] = {
  "mr", "mrs", "ms", "dr", "prof", "inc", "ltd", "co", "corp", "st", "jr", "sr", "vs",
  "etc", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
  "oct", "nov", "dec", "gen", "gov", "sen", "rep", "mt", "ft", "approx", "est", "fig",
  "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "rs", "vol", "op", "cf", "al",
};

/* Bit n of abbreviation_lengths[c - 'a']: an abbreviation of n bytes
 * starts with the letter c. Most words before a dot ("said.", "year.")
 * are passed over after this one look-up instead of fifty comparisons.
 * Set by init_split_class(). */
static guint8 abbreviation_lengths[26];

static gboolean
is_abbreviation (const char *body,
                 guint       start,
                 guint       dot)
{
  guint a = dot;
  char word[8] = { 0 };
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
    word[k] = lower (body[a + k]);
  if (word[0] >= 'a' && word[0] <= 'z' && !(abbreviation_lengths[word[0] - 'a'] & (1u << len)))
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (abbreviations); k++)
    if (memcmp (word, abbreviations[k], sizeof word) == 0)
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

  for (guint k = 0; k < G_N_ELEMENTS (abbreviations); k++)
    {
      const char *abbr = abbreviations[k];

      g_assert (abbr[0] >= 'a' && abbr[0] <= 'z' && strlen (abbr) < sizeof abbreviations[0]);
      abbreviation_lengths[abbr[0] - 'a'] |= 1u << strlen (abbr);
    }
}

#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined(__GNUC__)
#define SPLIT_EIGHT_BYTES 1

/* Bit 7 of each of the eight bytes at @s: set where split_class may be
 * other than 0, a superset the table then sorts out: bytes from 0x80 up,
 * '\n', and '!' to '?' (digits, '$', '%', '.', and commas and quotes too).
 * The sums stay within their byte, so the eight are tested at once. */
static inline guint64
split_candidates (const char *s)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 high = ones * 0x80;
  guint64 x, low7, punct, newline;

  memcpy (&x, s, sizeof x);
  low7 = x & ~high;
  punct = (low7 + ones * (0x80 - '!')) & ~(low7 + ones * (0x80 - '?' - 1));
  /* bit 7 set where the low seven bits are '\n' exactly */
  newline = ~((low7 ^ (ones * '\n')) + ~high);
  return (punct | newline | x) & high;
}
#endif

#if defined(__SSE2__)
#include <emmintrin.h>

/* Bit k set when byte k of the sixteen at @s has a split_class other than
 * 0, exactly: '\n', '.', '!', '?', '$', '%', digits, 0xC2, and bytes from
 * 0xE2 up. */
static inline guint
split_mask16 (const char *s)
{
  __m128i v = _mm_loadu_si128 ((const __m128i *) (gconstpointer) s);
  __m128i digit = _mm_cmpeq_epi8 (_mm_subs_epu8 (_mm_sub_epi8 (v, _mm_set1_epi8 ('0')), _mm_set1_epi8 (9)),
                                  _mm_setzero_si128 ());
  /* from 0xE2 up: the byte is its maximum with 0xE2 */
  __m128i high = _mm_cmpeq_epi8 (_mm_max_epu8 (v, _mm_set1_epi8 ((char) 0xE2)), v);
  __m128i any = _mm_or_si128 (digit, high);

  any = _mm_or_si128 (any, _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('\n')));
  any = _mm_or_si128 (any, _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('.')));
  any = _mm_or_si128 (any, _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('!')));
  any = _mm_or_si128 (any, _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('?')));
  any = _mm_or_si128 (any, _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('$')));
  any = _mm_or_si128 (any, _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('%')));
  any = _mm_or_si128 (any, _mm_cmpeq_epi8 (v, _mm_set1_epi8 ((char) 0xC2)));
  return (guint) _mm_movemask_epi8 (any);
}
#endif

/* The first byte from @p before @limit whose split_class is not 0, or
 * @limit. Letters and spaces, most of a text, are passed sixteen or eight
 * at a time where the platform allows, not a byte and a branch each. */
static inline guint
skip_plain (const char *b,
            guint       p,
            guint       limit)
{
#if defined(__SSE2__)
  while (p + 16 <= limit)
    {
      guint m = split_mask16 (b + p);

      if (m != 0)
        return p + (guint) __builtin_ctz (m);
      p += 16;
    }
#endif
#ifdef SPLIT_EIGHT_BYTES
  while (p + 8 <= limit)
    {
      guint64 m = split_candidates (b + p);

      if (m == 0)
        {
          p += 8;
          continue;
        }
      p += (guint) (__builtin_ctzll (m) >> 3);
      if (split_class[(guchar) b[p]] != 0)
        return p;
      p++;
    }
#endif
  while (p < limit && split_class[(guchar) b[p]] == 0)
    p++;
  return p;
}

/* Where split_sentence () stands: the text, the sentence start, the
 * position read so far and, once found, where the sentence ends (cut) and
 * where the next one starts (next). */
typedef struct {
  const char *b;
  guint len;
  guint start;
  guint p;
  guint cut;
  guint next;
  gboolean has_cjk;
  gboolean has_digit;
} Split;

/* Ends the sentence before @cut; the next one starts at @next. */
static inline gboolean
split_at (Split *sp,
          guint  cut,
          guint  next)
{
  sp->cut = cut;
  sp->next = next;
  return TRUE;
}

/* Text with no sentence end for MAX_SENTENCE bytes (tables, lists, logs)
 * is cut at a space so that no sentence grows without bound; preferably
 * after a comma or semicolon within 512 bytes, so a figure stays whole. */
static void
split_long_run (Split *sp,
                guint  limit)
{
  const char *b = sp->b;
  guint len = sp->len;
  guint p = sp->p;
  guint q = p;

  while (q < len && q < limit + 512 && b[q] != ',' && b[q] != ';')
    q++;
  if (q < len && q < limit + 512)
    {
      split_at (sp, q + 1, q + 1);
      return;
    }
  while (p < len && !g_ascii_isspace (b[p]) &&
         !(p > limit + 64 && ((guchar) b[p] & 0xC0) != 0x80))
    p++;
  sp->p = p;
  split_at (sp, p, p);
}

/* A line break at sp->p ends the sentence, unless the text goes on in lower
 * case (a wrapped line); a blank line always does. */
static inline gboolean
split_line_break (Split *sp)
{
  const char *b = sp->b;
  guint len = sp->len;
  guint q = sp->p + 1;
  gboolean blank = FALSE;

  while (q < len && (b[q] == ' ' || b[q] == '\t' || b[q] == '\r' || b[q] == '\n'))
    {
      if (b[q] == '\n')
        blank = TRUE;
      q++;
    }
  if (blank || q >= len || !g_ascii_islower (b[q]))
    return split_at (sp, sp->p, q);
  sp->p = q;
  return FALSE;
}

/* ".", "!" or "?" at sp->p, with any closing quotes after it, ends the
 * sentence unless it is a decimal ("1.9"), the text goes on in lower case,
 * or it closes an abbreviation ("Mr. Lei", "U.S. sales"). Without a space,
 * "overseas.As is known" splits, "example.com" does not. */
static inline gboolean
split_latin_end (Split *sp,
                 guchar c)
{
  const char *b = sp->b;
  guint len = sp->len;
  guint p = sp->p;
  guint q = p + 1;
  guint cl;

  if (c == '.' && p > sp->start && g_ascii_isdigit (b[p - 1]) && q < len && g_ascii_isdigit (b[q]))
    {
      sp->p = p + 1;
      return FALSE;
    }
  while (q < len && (b[q] == '.' || b[q] == '!' || b[q] == '?'))
    q++;
  while (q < len && is_closer (b, q, len, &cl))
    q += cl;
  if (q >= len)
    return split_at (sp, q, q);
  if (g_ascii_isspace (b[q]))
    {
      guint r = q;

      while (r < len && (b[r] == ' ' || b[r] == '\t'))
        r++;
      if ((r < len && (g_ascii_islower (b[r]) || b[r] == ',')) ||
          (c == '.' && q == p + 1 && is_abbreviation (b, sp->start, p) &&
           !(r < len && b[r] == '\n')))
        {
          sp->p = q;
          return FALSE;
        }
      return split_at (sp, q, q);
    }
  if (g_ascii_isupper (b[q]) && p > sp->start && g_ascii_islower (b[p - 1]) &&
      (c != '.' || !is_abbreviation (b, sp->start, p)))
    return split_at (sp, q, q);
  if (q > p + 1 && !g_ascii_isalnum (b[q]))
    return split_at (sp, q, q);
  sp->p = q;
  return FALSE;
}

/* A lead byte from E3 up at sp->p: "。" ends the sentence (and marks it
 * CJK), so do "！", "？" and "；" with their closing quotes; other CJK
 * characters mark the sentence, full-width forms (EF ..) may be digits. */
static inline gboolean
split_cjk_end (Split *sp,
               guchar c)
{
  const char *b = sp->b;
  guint len = sp->len;
  guint p = sp->p;
  guint q = p + 3, cl;

  if (c == 0xE3 && p + 2 < len && (guchar) b[p + 1] == 0x80 && (guchar) b[p + 2] == 0x82)
    {
      while (q < len && is_closer (b, q, len, &cl))
        q += cl;
      sp->has_cjk = TRUE;
      return split_at (sp, q, q);
    }
  if (c == 0xEF && p + 2 < len && (guchar) b[p + 1] == 0xBC &&
      ((guchar) b[p + 2] == 0x81 || (guchar) b[p + 2] == 0x9F || (guchar) b[p + 2] == 0x9B))
    {
      while (q < len && ((guchar) b[q] == 0xEF && q + 2 < len && (guchar) b[q + 1] == 0xBC &&
                         ((guchar) b[q + 2] == 0x81 || (guchar) b[q + 2] == 0x9F)))
        q += 3;
      while (q < len && is_closer (b, q, len, &cl))
        q += cl;
      return split_at (sp, q, q);
    }
  if (c <= 0xE9)
    sp->has_cjk = TRUE;
  else if (c == 0xEF)
    sp->has_digit = TRUE;
  sp->p = p + 3;
  return FALSE;
}

/* Finds the sentence that starts at or after @pos: [*start, *end) with the
 * spaces around it trimmed, and whether it holds CJK characters or digits
 * (money symbols count as digits). Returns the position to continue from.
 * The loop skips uninteresting bytes through split_class and hands each
 * possible end to one of the steps above. */
guint
split_sentence (const char *b,
                guint       pos,
                guint       len,
                guint      *start,
                guint      *end,
                gboolean   *has_cjk,
                gboolean   *has_digit)
{
  Split sp = { b, len, 0, pos, len, len, FALSE, FALSE };

  while (sp.p < len && g_ascii_isspace (b[sp.p]))
    sp.p++;
  sp.start = sp.p;

  while (sp.p < len)
    {
      guint limit = MIN (len, sp.start + MAX_SENTENCE);
      guchar c;

      sp.p = skip_plain (b, sp.p, limit);
      if (sp.p >= limit)
        {
          if (limit < len)
            split_long_run (&sp, limit);
          break;
        }
      c = b[sp.p];
      /* A run of Chinese characters (U+4000 to U+9FFF) ends no sentence:
       * passed over in a loop of its own, as split_cjk_end() would. */
      if (c >= 0xE4 && c <= 0xE9)
        {
          sp.has_cjk = TRUE;
          do
            sp.p += 3;
          while (sp.p < limit && (guchar) b[sp.p] >= 0xE4 && (guchar) b[sp.p] <= 0xE9);
          continue;
        }
      if (split_class[c] == 2)
        {
          sp.has_digit = TRUE;
          sp.p++;
          continue;
        }
      if (c == 0xC2 || c == 0xE2)
        {
          /* £ ¥ (C2 A3, C2 A5), € ₩ ₹ (E2 82 ..) */
          if (sp.p + 1 < len && ((c == 0xC2 && ((guchar) b[sp.p + 1] == 0xA3 ||
                                                (guchar) b[sp.p + 1] == 0xA5)) ||
                                 (c == 0xE2 && (guchar) b[sp.p + 1] == 0x82)))
            sp.has_digit = TRUE;
          sp.p++;
          continue;
        }
      if (c == '\n')
        {
          if (split_line_break (&sp))
            break;
          continue;
        }
      if (c == '!' || c == '?' || c == '.')
        {
          if (split_latin_end (&sp, c))
            break;
          continue;
        }
      if (c >= 0xE3)
        {
          if (split_cjk_end (&sp, c))
            break;
          continue;
        }
      sp.p++;
    }

  if (sp.p >= len && sp.cut == len)
    sp.next = len;
  while (sp.cut > sp.start && g_ascii_isspace (b[sp.cut - 1]))
    sp.cut--;
  *start = sp.start;
  *end = MIN (sp.cut, len);
  *has_cjk = sp.has_cjk;
  *has_digit = sp.has_digit;
  return MAX (sp.next, sp.start + 1);
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
      /* E4 to E9 lead U+4000 to U+9FFF, all CJK: no need to decode */
      if (c >= 0xE4 && c <= 0xE9 && p + 2 < end)
        {
          do
            {
              cjk++;
              p += 3;
            }
          while (p + 2 < end && (guchar) b[p] >= 0xE4 && (guchar) b[p] <= 0xE9);
          continue;
        }
      if (c == 0xE3 && p + 2 < end)
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
