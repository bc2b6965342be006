/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited-extract-en-private.h"

/* The brand the sentence is about, for the next one. */
const char *
sentence_brand (Sentence *S)
{
  /* The subject: a name, or a pronoun ("It", "The brand, spun off from
   * Huawei, ...") that keeps the company of the sentence before. */
  for (guint k = 0; k < S->tokens->len && k < 6; k++)
    {
      if (TOK (S, k)->mention >= 0 && !is_modifier_mention (S, k))
        return mention_brand (S, TOK (S, k)->mention);
      if (is_pronoun_at (S, k))
        return S->ctx->prev_brand;
    }
  if (S->mention_tokens->len > 0)
    return mention_brand (S, 0);
  /* "the company shipped 11.7 million phones": the brand its figures took. */
  return S->clause_brand;
}

/* Words that can make a figure without a digit: spelled numbers and
 * ranks. A sentence with neither digits nor these is not tokenized. */
static const char * const trigger_words[] = {
  "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
  "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
  "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion",
  "dozen", "half", "largest", "biggest", "number", "top", "ranked", "ranks", NULL,
};

gboolean
has_trigger_word (const char *b,
                  guint       start,
                  guint       end)
{
  /* Candidates by length and first letter, at most four each. */
  static guint8 slots[16][26][4];
  static gsize init = 0;
  guint p = start;

  if (g_once_init_enter (&init))
    {
      for (guint i = 0; trigger_words[i]; i++)
        {
          guint len = strlen (trigger_words[i]);
          guint8 *slot = slots[len][trigger_words[i][0] - 'a'];
          guint k = 0;

          while (slot[k] != 0)
            k++;
          g_assert (k < 3);
          slot[k] = i + 1;
        }
      g_once_init_leave (&init, 1);
    }

  while (p < end)
    {
      guint w;
      guint len;
      guchar first;

      if (!g_ascii_isalpha (b[p]))
        {
          p++;
          continue;
        }
      w = p;
      while (p < end && g_ascii_isalpha (b[p]))
        p++;
      len = p - w;
      first = lower (b[w]);
      if (len >= 16)
        continue;
      for (const guint8 *slot = slots[len][first - 'a']; *slot != 0; slot++)
        {
          const char *word = trigger_words[*slot - 1];
          guint k;

          for (k = 1; k < len && lower (b[w + k]) == (guchar) word[k]; k++)
            ;
          if (k == len)
            return TRUE;
        }
    }
  return FALSE;
}

/* The brand a sentence without figures is about: its first mention, or the
 * previous sentence's when it opens with a pronoun ("It sold ...", "The
 * company said ..."). */
const char *
quick_sentence_brand (const CitedExtractContext *ctx,
                      const char                *b,
                      guint                      start,
                      guint                      end,
                      guint                      m_first,
                      guint                      m_last)
{
  static const char * const openers[] = {
    "it", "its", "they", "their", "he", "she", "his", "her", "the company", "the firm",
    "the group", "the brand", NULL,
  };

  for (guint i = 0; openers[i]; i++)
    {
      guint len = strlen (openers[i]);

      if (start + len < end && g_ascii_strncasecmp (b + start, openers[i], len) == 0 &&
          !g_ascii_isalpha (b[start + len]))
        return ctx->prev_brand;
    }
  if (m_first < m_last)
    return ctx->mentions[m_first].brand;
  return NULL;
}
