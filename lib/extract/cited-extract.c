/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <string.h>

#include <stdio.h>

#include "cited-extract-en-private.h"

/* ------------------------------------------------------------------ */
/* Public API                                                          */

static int
year_of (const char *published)
{
  int y = 0;

  if (published == NULL)
    return 0;
  for (int k = 0; k < 4; k++)
    {
      if (!g_ascii_isdigit (published[k]))
        return 0;
      y = y * 10 + (published[k] - '0');
    }
  return (y >= 1900 && y <= 2200) ? y : 0;
}

/* A figure carries its sentence as the evidence a person reads. Text
 * without sentence ends (lists, tables, "$1 $1 $1 …") is cut into
 * "sentences" of up to 2,000 bytes with hundreds of figures each; stored
 * whole with every figure, a small file would fill a disk. A longer
 * sentence is cut to a window around the figure, at spaces where it has
 * them and never inside a character. */
#define FIGURE_SENTENCE_MAX 1000
#define FIGURE_CONTEXT 400
/* How far a window's edge may move to reach a space. */
#define FIGURE_CONTEXT_SLACK 64

void
cited_extract_set_sentence (CitedFigure *figure,
                            const char  *body,
                            guint        start,
                            guint        end)
{
  guint from = start;
  guint to = end;

  if (end - start > FIGURE_SENTENCE_MAX)
    {
      if (figure->start > start + FIGURE_CONTEXT)
        {
          guint q;

          from = figure->start - FIGURE_CONTEXT;
          for (q = from; q < from + FIGURE_CONTEXT_SLACK && !g_ascii_isspace (body[q]); q++)
            ;
          if (q < from + FIGURE_CONTEXT_SLACK)
            from = q;
          while (from < figure->start && (g_ascii_isspace (body[from]) ||
                                          ((guchar) body[from] & 0xC0) == 0x80))
            from++;
        }
      if (figure->end + FIGURE_CONTEXT < end)
        {
          guint q;

          to = figure->end + FIGURE_CONTEXT;
          for (q = to; q > to - FIGURE_CONTEXT_SLACK && !g_ascii_isspace (body[q]); q--)
            ;
          if (q > to - FIGURE_CONTEXT_SLACK)
            to = q;
          while (to > figure->end && ((guchar) body[to] & 0xC0) == 0x80)
            to--;
          while (to > figure->end && g_ascii_isspace (body[to - 1]))
            to--;
        }
    }

  figure->sentence_start = from;
  figure->sentence_end = to;
  figure->sentence = g_strndup (body + from, to - from);
}

/* Merges the discovered mentions @found (sorted, overlapping none of the
 * lexicon's) into the result's, keeping start order. */
static void
merge_mentions (CitedExtraction *result,
                GArray          *found)
{
  GArray *lex = result->mentions;
  GArray *all = g_array_sized_new (FALSE, FALSE, sizeof (CitedMention), lex->len + found->len);
  guint i = 0, j = 0;

  while (i < lex->len || j < found->len)
    {
      if (j >= found->len ||
          (i < lex->len && g_array_index (lex, CitedMention, i).start <=
                           g_array_index (found, CitedMention, j).start))
        g_array_append_val (all, g_array_index (lex, CitedMention, i++));
      else
        g_array_append_val (all, g_array_index (found, CitedMention, j++));
    }
  g_array_unref (lex);
  result->mentions = all;
}

/* Sets up @ctx for @body: the companies it names, from the lexicon and
 * discovered in the text, the published year, and the company its
 * headline is about, which the first sentences inherit. */
static void
find_companies (CitedExtractContext *ctx,
                CitedExtraction     *result,
                CitedLexicon        *lexicon,
                const char          *title,
                const char          *body,
                guint                len,
                const char          *published)
{
  const char *headline = NULL;
  g_autoptr(GArray) found = NULL;

  result->mentions = cited_lexicon_find (lexicon, body, len);

  ctx->lexicon = lexicon;
  ctx->body = body;
  ctx->length = len;
  ctx->mentions = (const CitedMention *) (gpointer) result->mentions->data;
  ctx->n_mentions = result->mentions->len;
  ctx->default_year = year_of (published);
  ctx->trace = cited_extract_tracing ();
  if (title != NULL)
    {
      g_autoptr(GArray) tm = cited_lexicon_find (lexicon, title, strlen (title));

      if (tm->len > 0)
        ctx->prev_brand = g_array_index (tm, CitedMention, 0).brand;
    }

  /* Companies the lexicon does not know join its mentions before the
   * sentences are read, so that the brand rules attribute figures to
   * them as to any other. */
  if (!cited_lexicon_get_discover (lexicon))
    return;
  found = discover_companies (ctx, title, &headline, &ctx->trigger_bits, &ctx->odd_bits);
  if (found->len > 0)
    {
      merge_mentions (result, found);
      ctx->mentions = (const CitedMention *) (gpointer) result->mentions->data;
      ctx->n_mentions = result->mentions->len;
    }
  if (ctx->prev_brand == NULL)
    ctx->prev_brand = headline;
}

/* Whether a bit of @bits in [a, b) is set. */
static gboolean
bits_any (const guint64 *bits,
          guint          a,
          guint          b)
{
  for (guint k = a / 64; a < b; k++, a = k * 64)
    {
      guint64 word = bits[k] >> (a % 64);

      if (b - a < 64 - a % 64)
        word &= (G_GUINT64_CONSTANT (1) << (b - a)) - 1;
      if (word != 0)
        return TRUE;
    }
  return FALSE;
}

/* has_trigger_word() for the sentence [s, e), from the words discovery
 * read when it has (ctx->trigger_bits): the same answer without reading
 * the sentence again, unless a word crosses its ends or is no plain run
 * of letters ("U.S", "O'Leary", "Société"), where the letters are read. */
static gboolean
sentence_has_trigger (const CitedExtractContext *ctx,
                      guint                      s,
                      guint                      e)
{
  const char *b = ctx->body;

  if (ctx->trigger_bits == NULL ||
      (s > 0 && g_ascii_isalpha (b[s - 1]) && g_ascii_isalpha (b[s])) ||
      (e < ctx->length && g_ascii_isalpha (b[e - 1]) && g_ascii_isalpha (b[e])) ||
      bits_any (ctx->odd_bits, s, e))
    return has_trigger_word (b, s, e);
  return bits_any (ctx->trigger_bits, s, e);
}

static void
scratch_arrays_free (gpointer data)
{
  GArray **arrays = data;

  for (guint k = 0; k < N_SCRATCH_ARRAYS; k++)
    g_clear_pointer (&arrays[k], g_array_unref);
  g_free (arrays);
}

static GPrivate scratch_arrays_key = G_PRIVATE_INIT (scratch_arrays_free);

static GArray **
scratch_arrays (void)
{
  GArray **arrays = g_private_get (&scratch_arrays_key);

  if (arrays == NULL)
    {
      arrays = g_new0 (GArray *, N_SCRATCH_ARRAYS);
      g_private_set (&scratch_arrays_key, arrays);
    }
  return arrays;
}

GArray *
scratch_array_take (ScratchArray which,
                    guint        element_size,
                    guint        reserve)
{
  GArray *array = g_steal_pointer (&scratch_arrays ()[which]);

  if (array == NULL)
    return g_array_sized_new (FALSE, FALSE, element_size, reserve);
  g_array_set_size (array, 0);
  return array;
}

void
scratch_array_give (ScratchArray which,
                    GArray      *array,
                    gboolean     keep)
{
  GArray **slot = &scratch_arrays ()[which];

  if (keep && *slot == NULL)
    *slot = array;
  else
    g_array_unref (array);
}

/* A sentence's arrays are kept when the article's longest sentence was at
 * most this long (the token array has a slot a byte). */
#define SENTENCE_ARRAYS_KEEP 8192

/**
 * cited_extract:
 * @lexicon: the brands to look for
 * @title: (nullable): the article's title
 * @body: the article's text, UTF-8
 * @length: length of @body in bytes, or -1
 * @published: (nullable): the article's date, "YYYY-MM-DD"
 *
 * Finds the figures an article cites ("190 million units", "¥3,999",
 * "13%") and the brands it mentions, and ties each figure to a brand, a
 * metric, a scope, a period and the sentence it came from. A pure function:
 * nothing is stored.
 *
 * @title helps attribution only; its figures are not extracted. @published
 * gives the period of relative years ("this year", "last year"). At most
 * %CITED_EXTRACT_MAX_FIGURES figures are kept. Thread-safe: the lexicon is
 * only read.
 *
 * Returns: (transfer full): the figures and brand mentions of @body.
 */
CitedExtraction *
cited_extract (CitedLexicon *lexicon,
               const char   *title,
               const char   *body,
               gssize        length,
               const char   *published)
{
  CitedExtraction *result = g_new0 (CitedExtraction, 1);
  CitedExtractContext ctx = { 0 };
  Sentence S = { 0 };
  guint len;
  guint pos = 0;
  guint m_index = 0;
  guint longest = 0;
  gboolean any_cjk = FALSE, keep;

  result->figures = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_figure_unref);
  if (body == NULL || length == 0 || !CITED_IS_LEXICON (lexicon))
    {
      /* A missing lexicon is a programming error, reported; the result
       * stays safe to use either way. */
      g_warn_if_fail (CITED_IS_LEXICON (lexicon));
      result->mentions = g_array_new (FALSE, FALSE, sizeof (CitedMention));
      result->language = g_strdup ("en");
      return result;
    }
  len = length < 0 ? strlen (body) : (guint) length;
  find_companies (&ctx, result, lexicon, title, body, len, published);

  S.tables = get_tables ();
  S.ctx = &ctx;
  S.body = body;
  S.tokens = scratch_array_take (SCRATCH_TOKENS, sizeof (Token), 256);
  S.years = scratch_array_take (SCRATCH_YEARS, sizeof (Period), 0);
  S.quarters = scratch_array_take (SCRATCH_QUARTERS, sizeof (Period), 0);
  S.rel_years = scratch_array_take (SCRATCH_REL_YEARS, sizeof (Period), 0);
  S.mention_tokens = scratch_array_take (SCRATCH_MENTION_TOKENS, sizeof (guint), 0);

  while (pos < len)
    {
      guint s, e;
      gboolean has_cjk, has_digit;
      const char *about;

      /* Past the cap, the rest of the text gives no more figures. */
      if (result->figures->len > CITED_EXTRACT_MAX_FIGURES)
        break;

      pos = split_sentence (body, pos, len, &s, &e, &has_cjk, &has_digit);
      if (e <= s)
        continue;
      any_cjk |= has_cjk;

      while (m_index < ctx.n_mentions && ctx.mentions[m_index].start < s)
        m_index++;
      S.m_first = m_index;
      S.m_last = m_index;
      while (S.m_last < ctx.n_mentions && ctx.mentions[S.m_last].end <= e)
        S.m_last++;

      if (has_cjk && mostly_cjk (body, s, e))
        {
          about = cited_extract_zh_sentence (&ctx, s, e, result->figures);
          ctx.prev_brand = about;
          S.prev_figure = NULL;
          continue;
        }

      if (!has_digit && !sentence_has_trigger (&ctx, s, e))
        {
          ctx.prev_brand = quick_sentence_brand (&ctx, body, s, e, S.m_first, S.m_last);
          S.prev_figure = NULL;
          continue;
        }

      S.start = s;
      S.end = e;
      longest = MAX (longest, e - s);
      S.clause_brand = NULL;
      S.last_figure = NULL;
      S.n_figures = 0;
      S.respectively_at = 0;
      tokenize (&S);
      mark_clauses (&S);
      mark_mentions (&S);
      mark_periods (&S);
      {
        guint before = result->figures->len;

        scan_figures (&S, result->figures);
        /* The sentence's first figure is most often its main one. */
        S.prev_figure = result->figures->len > before ?
          g_ptr_array_index (result->figures, before) : NULL;
      }
      ctx.prev_brand = sentence_brand (&S);
    }

  if (result->figures->len > CITED_EXTRACT_MAX_FIGURES)
    {
      g_ptr_array_set_size (result->figures, CITED_EXTRACT_MAX_FIGURES);
      result->figures_capped = TRUE;
    }

  discourse_article_currency (result->figures, title);

  /* Only text with CJK in it needs counting. */
  result->language = g_strdup (any_cjk ? cited_detect_language (body, len) : "en");

  keep = longest <= SENTENCE_ARRAYS_KEEP;
  scratch_array_give (SCRATCH_TOKENS, S.tokens, keep);
  scratch_array_give (SCRATCH_YEARS, S.years, keep);
  scratch_array_give (SCRATCH_QUARTERS, S.quarters, keep);
  scratch_array_give (SCRATCH_REL_YEARS, S.rel_years, keep);
  scratch_array_give (SCRATCH_MENTION_TOKENS, S.mention_tokens, keep);
  return result;
}

G_DEFINE_BOXED_TYPE (CitedExtraction, cited_extraction, cited_extraction_copy, cited_extraction_free)

/**
 * cited_extraction_copy:
 * @self: an extraction
 *
 * Returns: (transfer full): a copy of @self sharing its figures (they are
 *   reference-counted)
 */
CitedExtraction *
cited_extraction_copy (const CitedExtraction *self)
{
  CitedExtraction *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_memdup2 (self, sizeof *self);
  if (self->figures != NULL)
    {
      copy->figures = g_ptr_array_copy (self->figures, (GCopyFunc) (void (*) (void)) cited_figure_ref, NULL);
      g_ptr_array_set_free_func (copy->figures, (GDestroyNotify) cited_figure_unref);
    }
  if (self->mentions != NULL)
    copy->mentions = g_array_copy (self->mentions);
  copy->language = g_strdup (self->language);
  return copy;
}

/**
 * cited_extraction_free:
 * @self: (transfer full) (nullable): an extraction
 *
 * Frees @self, its mentions and its references to its figures.
 */
void
cited_extraction_free (CitedExtraction *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->figures, g_ptr_array_unref);
  g_clear_pointer (&self->mentions, g_array_unref);
  g_free (self->language);
  g_free (self);
}

/**
 * cited_detect_language:
 * Returns: "zh" when most of @text is Chinese, else "en".
 */
const char *
cited_detect_language (const char *text,
                       gssize      length)
{
  guint len;

  if (text == NULL)
    return "en";
  len = length < 0 ? strlen (text) : (guint) length;
  return mostly_cjk (text, 0, len) ? "zh" : "en";
}
