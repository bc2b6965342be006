/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited-extract-en-private.h"

/* ------------------------------------------------------------------ */
/* Discourse: whom the text is about, carried from sentence to sentence */

/* The company the next sentence inherits, from what this sentence showed:
 * its subject when it names one, the company before it when it refers back
 * ("It sold ...", "The carmaker expects ..."), else the first company it
 * mentions, else the company its figures were given. One function for the
 * quick path (sentences without figures) and the full one. */
const char *
discourse_next (const CitedExtractContext *ctx,
                const SentenceTopic       *topic)
{
  if (topic->subject != NULL)
    return topic->subject;
  if (topic->refers_back)
    return ctx->prev_brand;
  if (topic->first_mention != NULL)
    return topic->first_mention;
  if (topic->figures_brand != NULL)
    return topic->figures_brand;
  /* "Xiaomi sold 5 million phones. Analysts were impressed. Its profits
   * rose 5%.": a sentence that names no one leaves the text's company as
   * it was. */
  return ctx->prev_brand;
}

/* The brand the sentence is about, for the next one. */
const char *
sentence_brand (Sentence *S)
{
  SentenceTopic topic = { 0 };

  /* The subject: a name, or a pronoun ("It", "The brand, spun off from
   * Huawei, ...") that keeps the company of the sentence before. */
  for (guint k = 0; k < S->tokens->len && k < 6; k++)
    {
      if (TOK (S, k)->mention >= 0 && !is_modifier_mention (S, k))
        {
          topic.subject = mention_brand (S, TOK (S, k)->mention);
          break;
        }
      if (is_pronoun_at (S, k))
        {
          topic.refers_back = TRUE;
          break;
        }
    }
  if (S->mention_tokens->len > 0)
    topic.first_mention = mention_brand (S, 0);
  /* "the company shipped 11.7 million phones": the brand its figures took. */
  topic.figures_brand = S->clause_brand;
  return discourse_next (S->ctx, &topic);
}

/* The next run of ASCII letters in b[*p, end), or FALSE. */
static inline gboolean
next_word (const char *b,
           guint      *p,
           guint       end,
           guint      *w,
           guint      *len)
{
  while (*p < end && !g_ascii_isalpha (b[*p]))
    (*p)++;
  if (*p >= end)
    return FALSE;
  *w = *p;
  while (*p < end && g_ascii_isalpha (b[*p]))
    (*p)++;
  *len = *p - *w;
  return TRUE;
}

static guint64
word_flags (const Tables *tables,
            const char   *b,
            guint         w,
            guint         len)
{
  const Word *word = word_find_folded (tables, b + w, len);

  return word != NULL ? word->flags : 0;
}

/* Words that can make a figure without a digit (spelled numbers, scales,
 * ranks), from the grammar of the vocabulary: a sentence with neither
 * digits nor these is not tokenized. */
#define TRIGGER_FLAGS (W_NUMWORD | W_HUNDRED | W_SCALE | W_DOZEN | W_HALF | W_RANKADJ | \
                       W_NUMBER | W_TOP | W_RANKVERB)

/* Trigger words by length and first letter, built once from the word
 * table so that most words are passed over after one comparison. */
static GPtrArray *trigger_buckets[16][26];
guint16 trigger_pairs[26][32]; /* bit n: a trigger of length n has this first letter and
                                        * this second ((c - 'a') & 31) */
guint64 trigger_triples[64];   /* bit trigger_triple() of each trigger's first three
                                * bytes and length */

static void
init_triggers (void)
{
  const Tables *tables = get_tables ();

  for (guint i = 0; i < tables->folded.words->len; i++)
    {
      const Word *w = g_ptr_array_index (tables->folded.words, i);
      guint16 *pairs;

      /* Scale suffixes ("m", "bn") count only glued to digits. */
      if ((w->flags & TRIGGER_FLAGS) == 0 || (w->flags & W_SUFFIX) != 0 ||
          w->len < 3 || w->len >= 16 || !g_ascii_islower (w->key[0]))
        continue;
      if (trigger_buckets[w->len][w->key[0] - 'a'] == NULL)
        trigger_buckets[w->len][w->key[0] - 'a'] = g_ptr_array_new ();
      g_ptr_array_add (trigger_buckets[w->len][w->key[0] - 'a'], (gpointer) w);
      pairs = trigger_pairs[w->key[0] - 'a'];
      /* A second byte that is no ASCII letter matches every word. */
      for (guint c = 0; c < 32; c++)
        if (!g_ascii_islower (w->key[1]) || c == (guint) (w->key[1] - 'a'))
          pairs[c] |= 1u << w->len;
      /* The first three bytes as trigger_may() folds them: a key whose
       * second or third byte is no lower-case letter could match words
       * those bytes fold differently in, so it sets every bit. */
      if (g_ascii_islower (w->key[1]) && g_ascii_islower (w->key[2]))
        {
          guint k = trigger_triple (w->key, 0, w->len);

          trigger_triples[k / 64] |= G_GUINT64_CONSTANT (1) << (k % 64);
        }
      else
        memset (trigger_triples, 0xFF, sizeof trigger_triples);
    }
}

static inline gboolean
is_trigger (const char *b,
            guint       w,
            guint       len)
{
  guchar first = lower (b[w]);
  GPtrArray *bucket;
  guint second;

  /* Words are runs of letters, seldom of 16 or more. */
  if (G_UNLIKELY (len >= 16 || first < 'a' || first > 'z'))
    return FALSE;
  /* Length, first and second letter in one look-up, so that the branch is
   * nearly always taken: separate tests of each were each mispredicted
   * for a good share of the words. Lengths under 3 have no bit; a word of
   * one letter has no second. */
  second = (guint) (lower (len > 1 ? b[w + 1] : 'a') - 'a') & 31;
  if (!(trigger_pairs[first - 'a'][second] & (1u << len)))
    return FALSE;
  bucket = trigger_buckets[len][first - 'a'];
  if (bucket == NULL)
    return FALSE;
  for (guint i = 0; i < bucket->len; i++)
    {
      const Word *word = g_ptr_array_index (bucket, i);
      guint k;

      for (k = 1; k < len && lower (b[w + k]) == (guchar) word->key[k]; k++)
        ;
      if (k == len)
        return TRUE;
    }
  return FALSE;
}

/* Bit 7 of each byte of the eight at @s: set for an ASCII letter. */
static inline guint64
letter_bits (const char *s)
{
  guint64 x;

  memcpy (&x, s, sizeof x);
  return letter_bits8 (x);
}

#if defined(__SSE2__)
#include <emmintrin.h>
#define TRIGGER_BLOCKS 1

/* One bit per byte of the 64 at @s, bit k for byte k: set for an ASCII
 * letter. Sixteen bytes compared at once: a byte with bit 5 set, minus
 * 'a', saturated past 25, is 0 for a letter only. */
static inline guint64
letter_mask64 (const char *s)
{
  guint64 mask = 0;

  for (guint k = 0; k < 4; k++)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (s + 16 * k));
      __m128i y = _mm_or_si128 (v, _mm_set1_epi8 (0x20));
      __m128i off = _mm_subs_epu8 (_mm_sub_epi8 (y, _mm_set1_epi8 ('a')), _mm_set1_epi8 (25));

      mask |= (guint64) (guint16) _mm_movemask_epi8 (_mm_cmpeq_epi8 (off, _mm_setzero_si128 ())) << (16 * k);
    }
  return mask;
}
#elif G_BYTE_ORDER == G_LITTLE_ENDIAN && defined(__GNUC__)
#define TRIGGER_BLOCKS 1

/* One bit per byte of the 64 at @s, bit k for byte k: set for an ASCII
 * letter. Each eight bytes' letter bits (bit 7 of each byte) are gathered
 * into one byte by a multiplication that moves bit 7 of byte j to bit
 * 56 + j and lets nothing else reach the top byte. */
static inline guint64
letter_mask64 (const char *s)
{
  guint64 mask = 0;

  for (guint k = 0; k < 8; k++)
    mask |= ((letter_bits (s + 8 * k) * G_GUINT64_CONSTANT (0x0002040810204081)) >> 56) << (8 * k);
  return mask;
}
#endif

void
triggers_init (void)
{
  static gsize init = 0;

  if (g_once_init_enter (&init))
    {
      init_triggers ();
      g_once_init_leave (&init, 1);
    }
}

gboolean
is_trigger_word (const char *b,
                 guint       w,
                 guint       len)
{
  return is_trigger (b, w, len);
}

gboolean
has_trigger_word (const char *b,
                  guint       start,
                  guint       end)
{
  guint p = start;

  triggers_init ();
  gboolean in_word = FALSE;
  guint w = start;

#ifdef TRIGGER_BLOCKS
  /* Sixty-four bytes at a time, a bit each: the bytes where a run of
   * letters starts or ends are those that differ from the byte before.
   * The loop over them ends once per block, not once per eight bytes
   * after a varying number of edges (a branch mispredicted in every
   * other block of eight). */
  while (p + 64 <= end)
    {
      guint64 m = letter_mask64 (b + p);
      guint64 edges = m ^ ((m << 1) | (in_word ? 1 : 0));

      while (edges != 0)
        {
          guint at = p + (guint) __builtin_ctzll (edges);

          edges &= edges - 1;
          if (!in_word)
            w = at;
          else if (is_trigger (b, w, at - w))
            return TRUE;
          in_word = !in_word;
        }
      p += 64;
    }
#endif
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  /* Eight bytes at a time: the bytes where a run of letters starts or
   * ends are those that differ from the byte before, in one mask. */
  while (p + 8 <= end)
    {
      const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
      guint64 m = letter_bits (b + p);
      guint64 edges = (m ^ ((m << 8) | (in_word ? 0x80 : 0))) & high;

      while (edges != 0)
        {
          guint at = p + (guint) (__builtin_ctzll (edges) >> 3);

          edges &= edges - 1;
          if (!in_word)
            w = at;
          else if (is_trigger (b, w, at - w))
            return TRUE;
          in_word = !in_word;
        }
      p += 8;
    }
#endif
  for (; p < end; p++)
    {
      gboolean letter = g_ascii_isalpha (b[p]);

      if (letter == in_word)
        continue;
      if (!in_word)
        w = p;
      else if (is_trigger (b, w, p - w))
        return TRUE;
      in_word = !in_word;
    }
  return in_word && is_trigger (b, w, end - w);
}

/* "It", "Their", "The company", "The Finnish network maker": a sentence
 * that opens by referring back to the company before it. Pronouns and
 * company nouns come from the vocabulary. */
static gboolean
opens_with_reference (const char *b,
                      guint       start,
                      guint       end)
{
  const Tables *tables = get_tables ();
  guint p = start, w, len;
  guint64 flags;

  if (!next_word (b, &p, end, &w, &len) || w != start)
    return FALSE;
  flags = word_flags (tables, b, w, len);
  if (flags & W_PRONOUN)
    return TRUE;
  if (!(flags & W_THE))
    return FALSE;
  for (guint k = 0; k < 3 && p < end && b[p] == ' ' && next_word (b, &p, end, &w, &len); k++)
    {
      flags = word_flags (tables, b, w, len);
      if (flags & W_PUBLIC)
        return FALSE;   /* "The central bank said" */
      if (flags & W_COMPANY)
        return TRUE;
      if (flags & W_STOP)
        return FALSE;
    }
  return FALSE;
}

/* The brand a sentence without figures is about. */
const char *
quick_sentence_brand (const CitedExtractContext *ctx,
                      const char                *b,
                      guint                      start,
                      guint                      end,
                      guint                      m_first,
                      guint                      m_last)
{
  SentenceTopic topic = { 0 };

  topic.refers_back = opens_with_reference (b, start, end);
  if (m_first < m_last)
    topic.first_mention = ctx->mentions[m_first].brand;
  return discourse_next (ctx, &topic);
}

/* The one currency a headline names ("SIEMENS SEES SALES NEAR 52 BILLION
 * MARKS", "Shares hit $40"), or NULL when it names none or several. */
static const char *
headline_currency (const char *title)
{
  const Tables *tables = get_tables ();
  const char *found = NULL;
  guint p = 0, end, w, len;

  if (title == NULL)
    return NULL;
  end = strlen (title);
  guint64 prev_flags = 0;

  while (next_word (title, &p, end, &w, &len))
    {
      const Word *word = word_find_folded (tables, title + w, len);
      const char *cur = word != NULL && word->money_factor == 0 ? word->currency : NULL;
      guint q = w;
      gboolean after_amount;

      /* Only a currency after an amount counts: "52 BILLION MARKS", not
       * "Samsung won the case". */
      while (q > 0 && title[q - 1] == ' ')
        q--;
      after_amount = (q > 0 && g_ascii_isdigit (title[q - 1])) || (prev_flags & W_SCALE) != 0;
      prev_flags = word != NULL ? word->flags : 0;
      if (cur == NULL || !after_amount)
        continue;
      if (found != NULL && strcmp (found, cur) != 0)
        return NULL;
      found = cur;
    }
  for (const char *c = title; *c; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);
      const char *cur = (u == '$' || u >= 0x80) ? cited_value_currency_for_char (u) : NULL;

      if (cur == NULL)
        continue;
      if (found != NULL && strcmp (found, cur) != 0)
        return NULL;
      found = cur;
    }
  return found;
}

/* Whether the figure is written in words as wire copy writes sums: "84
 * mln stg", "1.39 billion", not "$5m", "£50m" or "305". */
static gboolean
sum_in_words (const CitedFigure *f)
{
  gsize len = f->text != NULL ? strlen (f->text) : 0;

  for (gsize i = 0; i < len; i++)
    if (f->text[i] == '$' || (guchar) f->text[i] >= 0x80)
      return FALSE;
  return len > 0 && g_ascii_isalpha (f->text[len - 1]);
}

/* A sum with no currency of its own, of what is always money ("profits
 * rose to 1.39 billion"), takes the article's currency, marked as
 * inferred: the one currency its headline and its figures name, wherever
 * it stands. In an article of several, wire copy names a sum's currency
 * in words and leaves it out once said ("... 84 mln stg ... Extraordinary
 * items amounted to a 11.3 mln debit"): a sum in words takes the one
 * currency of the sums in words before it in its sentence, else that of
 * the last sentence before it that names sums so, when that is the
 * article's own (its headline's, else its first sum's), not an aside's
 * ("Its German unit earned 300 mln marks. Revenue was 12 bln."). */
/* Whether @f is a sum of what is always money with no currency or unit
 * of its own: one the article may lend its currency to. */
static gboolean
wants_currency (const CitedFigure *f,
                GHashTable        *money_only)
{
  return f->currency == NULL && f->unit == NULL && f->metric != NULL &&
         g_hash_table_contains (money_only, f->metric);
}

static void
lend_currency (CitedFigure *f,
               const char  *currency)
{
  f->currency = g_strdup (currency);
  f->currency_inferred = TRUE;
}

void
discourse_article_currency (GPtrArray  *figures,
                            const char *title)
{
  const char *headline = headline_currency (title);
  const char *own = headline;         /* the article's: the headline's, else the first sum's */
  const char *only = headline;        /* the one currency named, if one */
  GHashTable *money_only = get_tables ()->money_only;
  gboolean several = FALSE;
  guint sentence = G_MAXUINT;         /* the last sentence naming a currency */
  const char *sentence_currency = NULL;

  for (guint i = 0; i < figures->len && !several; i++)
    {
      const CitedFigure *f = g_ptr_array_index (figures, i);

      if (f->currency == NULL || f->currency_inferred)
        continue;
      if (own == NULL)
        own = f->currency;
      several = only != NULL && strcmp (only, f->currency) != 0;
      only = f->currency;
    }
  if (only == NULL)
    return;
  if (!several)
    {
      for (guint i = 0; i < figures->len; i++)
        if (wants_currency (g_ptr_array_index (figures, i), money_only))
          lend_currency (g_ptr_array_index (figures, i), only);
      return;
    }

  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (figures, i);

      if (f->currency != NULL && !f->currency_inferred)
        {
          /* the one currency of the sentence's sums, all in words */
          if (f->sentence_start != sentence)
            sentence_currency = sum_in_words (f) ? f->currency : NULL;
          else if (sentence_currency != NULL &&
                   (!sum_in_words (f) || strcmp (sentence_currency, f->currency) != 0))
            sentence_currency = NULL;
          sentence = f->sentence_start;
        }
      else if (sentence_currency != NULL && wants_currency (f, money_only) && sum_in_words (f) &&
               (f->sentence_start == sentence || strcmp (sentence_currency, own) == 0))
        lend_currency (f, sentence_currency);
    }
}
