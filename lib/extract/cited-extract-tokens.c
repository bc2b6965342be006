/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-extractor"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited-extract-en-private.h"

/* The entry of text[0, len) whose key hashes to @h, or NULL. Every caller
 * hashes the text as the key it would match is hashed (the folded text
 * for the folded table), so an entry of another hash or length is never
 * the one, and its word is not read. */
static const Word *
table_find (const Table *t,
            guint32      h,
            const char  *text,
            guint        len,
            gboolean     fold)
{
  for (guint i = h & t->mask;; i = (i + 1) & t->mask)
    {
      const TableSlot *slot = &t->slots[i];
      const Word *w = slot->word;

      if (w == NULL)
        return NULL;
      if (slot->hash == h && slot->len == len)
        {
          guint k;

          /* a loop, not memcmp(): words are short, and the call cost more
           * than the comparison */
          if (!fold)
            for (k = 0; k < len && w->key[k] == text[k]; k++)
              ;
          else
            for (k = 0; k < len && (guchar) w->key[k] == lower ((guchar) text[k]); k++)
              ;
          if (k == len)
            return w;
        }
    }
}

/* The case-folded entry of the word text[0, len), or NULL: for stages that
 * look at a word or two without tokenizing the sentence. */
const Word *
word_find_folded (const Tables *tables,
                  const char   *text,
                  guint         len)
{
  return table_find (&tables->folded, hash_folded (text, len, text + len), text, len, TRUE);
}

/* The entry of the two-word phrase a b, or NULL. */
const Word *
phrase_find (const Sentence *S,
             const Token    *a,
             const Token    *b)
{
  const Table *tables[2] = { &S->tables->folded, &S->tables->exact };

  if (a->type != T_WORD || b->type != T_WORD || !tok_has (a, W_PHRASE))
    return NULL;
  for (guint n = 0; n < 2; n++)
    {
      const Table *t = tables[n];
      gboolean fold = n == 0;
      guint alen = a->end - a->start;
      guint blen = b->end - b->start;
      char buf[64];

      if (alen + blen + 1 >= sizeof buf)
        return NULL;
      for (guint k = 0; k < alen; k++)
        buf[k] = fold ? lower (S->body[a->start + k]) : S->body[a->start + k];
      buf[alen] = ' ';
      for (guint k = 0; k < blen; k++)
        buf[alen + 1 + k] = fold ? lower (S->body[b->start + k]) : S->body[b->start + k];
      {
        guint n = alen + blen + 1;
        const Word *w = table_find (t, hash_text (buf, n, buf + n, FALSE), buf, n, FALSE);

        if (w != NULL)
          return w;
      }
    }
  return NULL;
}

gboolean
is_cjk (gunichar c)
{
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0x20000 && c <= 0x2FA1F);
}

static inline int
digit_at (const char *s,
          guint       i,
          guint       end,
          guint      *len)
{
  guchar c = s[i];

  if (c >= '0' && c <= '9')
    {
      *len = 1;
      return c - '0';
    }
  /* Full-width digits U+FF10..U+FF19: EF BC 90..99. */
  if (c == 0xEF && i + 2 < end && (guchar) s[i + 1] == 0xBC &&
      (guchar) s[i + 2] >= 0x90 && (guchar) s[i + 2] <= 0x99)
    {
      *len = 3;
      return (guchar) s[i + 2] - 0x90;
    }
  return -1;
}

/* The TF_ bits of @w's values; 0 without an entry. */
static guint8
word_fields (const Word *w)
{
  return w != NULL ? w->fields : 0;
}

static void
push_word (Sentence *S,
           Token    *t,
           guint32   h,
           guint32   hx,
           gboolean  any_upper)
{
  guint len = t->end - t->start;

  t->type = T_WORD;
  /* A word with no capital is its own folded form: compared as it is. */
  t->w = table_find (&S->tables->folded, h, S->body + t->start, len, any_upper);
  t->wx = any_upper ? table_find (&S->tables->exact, hx, S->body + t->start, len, FALSE) : NULL;
  t->flags = (t->w ? t->w->flags : 0) | (t->wx ? t->wx->flags : 0);
  t->phrase_fields = (t->w ? t->w->phrase_fields : 0) | (t->wx ? t->wx->phrase_fields : 0);
  t->fields = word_fields (t->w) | word_fields (t->wx);
}

/* The bytes of white space at @p: ASCII space, no-break space (C2 A0) or
 * ideographic space (E3 80 80); 0 when none. */
G_ALWAYS_INLINE static inline guint
space_at (const char *b,
          guint       p,
          guint       end)
{
  guchar c = b[p];

  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
    return 1;
  if (c == 0xC2 && p + 1 < end && (guchar) b[p + 1] == 0xA0)
    return 2;
  if (c == 0xE3 && p + 2 < end && (guchar) b[p + 1] == 0x80 && (guchar) b[p + 2] == 0x80)
    return 3;
  return 0;
}

/* Links hold numbers that are no figures: "https://x.com/2024/5" is skipped
 * whole. Returns the position after the link, or @p when none starts. */
G_ALWAYS_INLINE static inline guint
skip_link (const char *b,
           guint       p,
           guint       end)
{
  guchar c = b[p];

  if ((c == 'h' && p + 8 < end && (memcmp (b + p, "http://", 7) == 0 ||
                                   memcmp (b + p, "https://", 8) == 0)) ||
      (c == 'w' && p + 4 < end && memcmp (b + p, "www.", 4) == 0))
    {
      while (p < end && !g_ascii_isspace (b[p]) && b[p] != ')' && b[p] != ']' &&
             b[p] != '>' && b[p] != '"' && (guchar) b[p] < 0x80)
        p++;
    }
  return p;
}

/* A number token from @p: digits (ASCII or full-width), thousands
 * separators ("1,299"), one decimal point ("1.9", "１．９"). Returns the
 * position after it. */
G_ALWAYS_INLINE static inline guint
tokenize_number (const char *b,
                 guint       p,
                 guint       end,
                 Token      *t)
{
  double v = 0, scale = 0.1;
  gboolean dec = FALSE;

  t->type = T_NUM;
  while (p < end)
    {
      guint l2;
      int d2 = digit_at (b, p, end, &l2);

      if (d2 >= 0)
        {
          if (dec)
            {
              v += d2 * scale;
              scale /= 10;
            }
          else
            {
              v = v * 10 + d2;
              if (t->ndigits < 255)
                t->ndigits++;
            }
          p += l2;
          continue;
        }
      if (b[p] == ',' && !dec && p + 3 < end &&
          g_ascii_isdigit (b[p + 1]) && g_ascii_isdigit (b[p + 2]) &&
          g_ascii_isdigit (b[p + 3]) &&
          (p + 4 >= end || !g_ascii_isdigit (b[p + 4])))
        {
          t->sep = 1;
          p++;
          continue;
        }
      if ((b[p] == '.' && !dec && p + 1 < end && g_ascii_isdigit (b[p + 1])) ||
          (!dec && (guchar) b[p] == 0xEF && p + 3 < end && (guchar) b[p + 1] == 0xBC &&
           (guchar) b[p + 2] == 0x8E && digit_at (b, p + 3, end, &l2) >= 0))
        {
          dec = TRUE;
          t->decimal = 1;
          p += b[p] == '.' ? 1 : 3;
          continue;
        }
      break;
    }
  t->num = v;
  t->end = p;
  return p;
}

/* The letters of a word from @p; *any_upper says whether one is an ASCII
 * capital (only then is the word looked up as written). Non-ASCII letters
 * ("é") belong to the word, CJK and symbols do not; a case change starts a
 * new word ("XiaomiCars"), but not after one letter ("mAh", "iPhone",
 * "eBay"). Returns the position after the letters.
 *
 * ASCII letters eight at a time: the word ends at the first byte that is
 * no letter or that is a capital after a small letter, both found in one
 * mask, so that the loop ends once a word, not after a varying number of
 * tests a byte. */
G_ALWAYS_INLINE static inline guint
scan_letters (const char *b,
              guint       p,
              guint       end,
              gboolean   *any_upper)
{
  guint start = p;
  guint64 uppers = 0;
  guchar prev = 0;
  gboolean upper;

  while (p + 8 <= end)
    {
      guint64 x = load8 (b + p);
      guint64 letters = letter_bits8 (x);
      guint64 caps = upper_bits8 (x);
      guint64 small = letters & ~caps;
      /* a capital whose byte before is a small letter, not the word's
       * second byte */
      guint64 change = caps & ((small << 8) | (p > start && g_ascii_islower (b[p - 1]) ? 0x80 : 0));
      guint64 stop;

      if (p == start)
        change &= ~G_GUINT64_CONSTANT (0xFFFF);
      stop = (~letters & HIGH8) | change;
      if (stop != 0)
        {
          guint k = (guint) __builtin_ctzll (stop) >> 3;

          uppers |= caps & ((G_GUINT64_CONSTANT (1) << (8 * k)) - 1);
          p += k;
          break;
        }
      uppers |= caps;
      p += 8;
    }
  upper = uppers != 0;
  if (p > start)
    prev = b[p - 1];

  while (p < end)
    {
      guchar ch = b[p];

      if (g_ascii_isalpha (ch))
        {
          if (g_ascii_isupper (ch))
            {
              if (g_ascii_islower (prev) && p - start > 1)
                break;
              upper = TRUE;
            }
          prev = ch;
          p++;
          continue;
        }
      if (ch >= 0xC3 && ch < 0xE0)
        {
          gunichar uc = g_utf8_get_char (b + p);
          guint l = g_utf8_skip[ch];

          if (p + l <= end && g_unichar_isalpha (uc))
            {
              prev = 'a';
              p += l;
              continue;
            }
        }
      break;
    }
  *any_upper = upper;
  return p;
}

/* Possessive "'s" / "’s" and "s'" belong to the word before: "Xiaomi's",
 * "makers'". Sets t->poss and returns the position after it. */
static inline guint
scan_possessive (const char *b,
                 guint       p,
                 guint       end,
                 Token      *t)
{
  guint al = 0;
  guint q;

  if (p >= end)
    return p;
  if (b[p] == '\'')
    al = 1;
  else if ((guchar) b[p] == 0xE2 && p + 2 < end && (guchar) b[p + 1] == 0x80 &&
           (guchar) b[p + 2] == 0x99)
    al = 3;
  if (al == 0)
    return p;
  q = p + al;
  if (q < end && (b[q] == 's' || b[q] == 'S') &&
      (q + 1 >= end || !g_ascii_isalpha (b[q + 1])))
    {
      t->poss = 1;
      return q + 1;
    }
  if ((b[p - 1] == 's') && (q >= end || !g_ascii_isalpha (b[q])))
    {
      t->poss = 1;
      return q;
    }
  return p;
}

/* A word token from @p, looked up in the word tables: "sales", "U.S.",
 * "Xiaomi's". Returns @p when no letter starts there. */
G_ALWAYS_INLINE static inline guint
tokenize_word (Sentence *S,
               guint     p,
               Token    *t)
{
  const char *b = S->body;
  const char *limit = S->body + S->ctx->length;
  guint end = S->end;
  guint32 h, hx = 0;
  gboolean any_upper = FALSE;
  guint start = p;

  p = scan_letters (b, p, end, &any_upper);
  if (p == start)
    return start;
  /* Dotted abbreviations are one word: "U.S.", "U.K.". */
  if (p - t->start == 1 && g_ascii_isupper (b[t->start]))
    while (p + 2 < end && b[p] == '.' && g_ascii_isupper (b[p + 1]) && b[p + 2] == '.')
      p += 3;
  /* Looked up folded, and as written when it has a capital. */
  h = hash_folded (b + start, p - start, limit);
  if (any_upper)
    hx = hash_text (b + start, p - start, limit, FALSE);
  t->end = p;
  t->cap = g_ascii_isupper (b[t->start]);
  push_word (S, t, h, hx, any_upper);
  return scan_possessive (b, p, end, t);
}

/* A token for the non-ASCII character at @p that starts no word: a CJK
 * run ("小米"), a currency symbol ("€"), "％", or punctuation (curly quotes
 * become '). Returns the position after it. */
static guint
tokenize_unicode (const char *b,
                  guint       p,
                  guint       end,
                  Token      *t)
{
  gunichar uc = g_utf8_get_char_validated (b + p, end - p);
  guint l = g_utf8_skip[(guchar) b[p]];

  if (uc == (gunichar) -1 || uc == (gunichar) -2 || p + l > end)
    {
      /* Invalid UTF-8 (the importer should have caught it): one byte of
       * punctuation. */
      t->type = T_PUNCT;
      t->cp = 0xFFFD;
      t->end = ++p;
      return p;
    }
  if (is_cjk (uc))
    {
      t->type = T_CJK;
      p += l;
      while (p < end && (guchar) b[p] >= 0xE3)
        {
          gunichar u2 = g_utf8_get_char_validated (b + p, end - p);

          if (u2 == (gunichar) -1 || u2 == (gunichar) -2 || !is_cjk (u2))
            break;
          p += g_utf8_skip[(guchar) b[p]];
        }
      t->end = p;
      return p;
    }
  t->cp = uc;
  if (uc == 0xFF05)
    t->cp = '%';
  t->type = (t->cp == '%' || ((uc == '$' || uc >= 0x80) && cited_value_currency_for_char (uc) != NULL)) ? T_SYM : T_PUNCT;
  if (uc == 0x2019 || uc == 0x2018)
    t->cp = '\'';
  t->end = p + l;
  return p + l;
}

/* Cuts body[S->start, S->end) into S->tokens in one pass: numbers, words,
 * CJK runs, symbols and punctuation, each with its offsets and whether a
 * space came before; links are skipped. */
void
tokenize (Sentence *S)
{
  const char *b = S->body;
  guint p = S->start;
  guint end = S->end;
  gboolean space = TRUE;
  Token *tokens;
  guint n = 0;

  /* A token takes at least a byte: size the array once for the sentence
   * (its storage is kept from sentence to sentence) and fill it in place. */
  g_array_set_size (S->tokens, end - p);
  tokens = (Token *) (gpointer) S->tokens->data;
  while (p < end)
    {
      guchar c = b[p];
      Token *t;
      guint dlen, q;

      if ((q = space_at (b, p, end)) > 0 || (q = skip_link (b, p, end) - p) > 0)
        {
          space = TRUE;
          p += q;
          continue;
        }

      t = &tokens[n];
      memset (t, 0, sizeof *t);
      t->start = p;
      t->glued = !space && n > 0;
      t->mention = -1;
      space = FALSE;

      if (digit_at (b, p, end, &dlen) >= 0)
        p = tokenize_number (b, p, end, t);
      else if ((g_ascii_isalpha (c) || c >= 0xC3) && (q = tokenize_word (S, p, t)) > p)
        p = q;
      else if (c < 0x80)
        {
          /* ASCII punctuation; "$" and "%" are symbols. */
          t->cp = c;
          t->type = (c == '$' || c == '%') ? T_SYM : T_PUNCT;
          t->end = ++p;
        }
      else
        p = tokenize_unicode (b, p, end, t);
      n++;
    }
  g_array_set_size (S->tokens, n);
}

/* Clauses break at ; : ( ) dashes and conjunctions; segments also at
 * commas. */
void
mark_clauses (Sentence *S)
{
  guint16 clause = 0, segment = 0;

  for (guint i = 0; i < S->tokens->len; i++)
    {
      Token *t = TOK (S, i);

      if (t->type == T_PUNCT &&
          (t->cp == ';' || t->cp == ':' || t->cp == 0x2014 || t->cp == 0xFF1B || t->cp == 0xFF1A))
        {
          clause++;
          segment++;
        }
      /* Brackets hold asides and conversions ("2.8 trillion won ($2.1bn)"),
       * which share their clause. */
      else if (t->type == T_PUNCT && (t->cp == ',' || t->cp == 0xFF0C || t->cp == 0x3001 ||
                                      t->cp == '(' || t->cp == ')'))
        segment++;
      else if (t->type == T_WORD && tok_has (t, W_CONJ))
        {
          clause++;
          segment++;
        }
      t->clause = clause;
      t->segment = segment;
    }
}

void
mark_mentions (Sentence *S)
{
  const CitedExtractContext *ctx = S->ctx;
  guint k = S->m_first;
  guint i = 0;

  g_array_set_size (S->mention_tokens, 0);
  for (; k < S->m_last; k++)
    {
      const CitedMention *m = &ctx->mentions[k];
      guint tok;

      while (i < S->tokens->len && TOK (S, i)->end <= m->start)
        i++;
      tok = MIN (i, S->tokens->len ? S->tokens->len - 1 : 0);
      g_array_append_val (S->mention_tokens, tok);
      for (guint j = i; j < S->tokens->len && TOK (S, j)->start < m->end; j++)
        TOK (S, j)->mention = (gint16) (k - S->m_first);
    }
}
