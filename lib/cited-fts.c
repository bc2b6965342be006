/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-fts"
#include "config.h"

#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "cited-body-private.h"
#include "cited-fts-private.h"

/*
 * Cited's FTS5 tokenizer: see cited-fts-private.h for what it emits.
 *
 * Positions. FTS5 highlights (and builds snippets from) the main token of
 * each position and ignores colocated ones, so the main tokens are the
 * small units a user reads: a word's parts and single CJK characters. The
 * bigram starting at a CJK character is colocated with it; a query of n
 * CJK characters is n - 1 bigrams and the last character, one token per
 * position, which matches exactly the n characters and marks them all. A
 * word's parts are main tokens at consecutive positions; the runs of
 * adjacent parts ("xiaomicars", "iphone" in "iPhone15") are colocated
 * with the run's first part, so a query written either way finds it.
 */

/* Longer words are cut into pieces of this many characters. */
#define MAX_WORD 64
/* Runs of parts longer than this are not colocated, except the whole word. */
#define MAX_RUN_PARTS 4

typedef int (*TokenFunc) (void *ctx, int flags, const char *token, int n, int start, int end);

enum {
  KIND_LOWER,
  KIND_UPPER,
  KIND_DIGIT,
  KIND_LETTER,   /* caseless */
};

typedef struct {
  gunichar folded;  /* 0: a mark, left out of tokens */
  guint8   kind;
  int      start;
  int      end;
} WordChar;

typedef struct {
  gboolean  query;
  TokenFunc emit;
  void     *ctx;
  WordChar  word[MAX_WORD];
  guint     n_word;
  /* The CJK run: the character before, and how many so far. */
  WordChar  cjk_prev;
  guint     n_cjk;
  GString  *buf;
} Tokenizer;

gboolean
cited_fts_is_cjk (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) ||   /* CJK Unified Ideographs */
         (c >= 0x3400 && c <= 0x4DBF) ||   /* Extension A */
         (c >= 0x20000 && c <= 0x3134F) || /* Extensions B-G */
         (c >= 0xF900 && c <= 0xFAFF) ||   /* Compatibility Ideographs */
         (c >= 0x3040 && c <= 0x30FF) ||   /* Hiragana, Katakana */
         (c >= 0x31F0 && c <= 0x31FF) ||   /* Katakana Phonetic Extensions */
         (c >= 0xFF66 && c <= 0xFF9D) ||   /* Halfwidth Katakana */
         (c >= 0xAC00 && c <= 0xD7AF) ||   /* Hangul Syllables */
         (c >= 0x1100 && c <= 0x11FF) ||   /* Hangul Jamo */
         (c >= 0x3130 && c <= 0x318F) ||   /* Hangul Compatibility Jamo */
         c == 0x3005 || c == 0x3007;       /* 々 〇 */
}

/* Lower case without diacritics, as unicode61's remove_diacritics. */
static gunichar
fold (gunichar c)
{
  gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  if (c < 0x80)
    return g_ascii_tolower (c);
  if (c >= 0xFF01 && c <= 0xFF5E)   /* full-width ASCII */
    return g_ascii_tolower (c - 0xFEE0);
  c = g_unichar_tolower (c);
  switch (c)
    {
    case 0x00F8: return 'o';   /* ø */
    case 0x0111: return 'd';   /* đ */
    case 0x0127: return 'h';   /* ħ */
    case 0x0142: return 'l';   /* ł */
    default: break;
    }
  if (c < 0xC0 || c > 0x24F)
    {
      /* Beyond Latin: only the common precomposed letters decompose. */
      if (c < 0x1E00 || c > 0x1EFF)
        return c;
    }
  n = g_unichar_fully_decompose (c, FALSE, d, G_N_ELEMENTS (d));
  if (n > 1 && g_unichar_ismark (d[1]))
    return d[0];
  return c;
}

/* Where a word splits into parts before @i. */
static gboolean
part_boundary (const WordChar *w,
               guint           n,
               guint           i)
{
  guint8 a = w[i - 1].kind, b = w[i].kind;

  if ((a == KIND_DIGIT) != (b == KIND_DIGIT))
    return TRUE;
  if (a == KIND_LOWER && b == KIND_UPPER)
    return TRUE;
  /* "BYDAuto": the last capital of a run starts the next part; but the
   * plural of an acronym ("PDFs") is one part. */
  if (a == KIND_UPPER && b == KIND_UPPER && i + 1 < n && w[i + 1].kind == KIND_LOWER)
    return !(i + 2 == n && w[i + 1].folded == 's');
  return FALSE;
}

static void
append_folded (GString        *buf,
               const WordChar *w,
               guint           from,
               guint           to)
{
  for (guint i = from; i < to; i++)
    if (w[i].folded != 0)
      {
        if (w[i].folded < 0x80)
          g_string_append_c (buf, (char) w[i].folded);
        else
          g_string_append_unichar (buf, w[i].folded);
      }
}

static int
emit_buf (Tokenizer *t,
          int        flags,
          int        start,
          int        end)
{
  if (t->buf->len == 0)
    return SQLITE_OK;
  return t->emit (t->ctx, flags, t->buf->str, (int) t->buf->len, start, end);
}

/* Emits the word collected so far: its parts, and in the index the runs
 * of adjacent parts colocated with their first. */
static int
flush_word (Tokenizer *t)
{
  const WordChar *w = t->word;
  guint n = t->n_word;
  guint starts[MAX_WORD + 1];
  guint n_parts = 0;
  int rc = SQLITE_OK;

  t->n_word = 0;
  if (n == 0)
    return SQLITE_OK;

  starts[n_parts++] = 0;
  for (guint i = 1; i < n; i++)
    if (part_boundary (w, n, i))
      starts[n_parts++] = i;
  starts[n_parts] = n;

  for (guint j = 0; j < n_parts && rc == SQLITE_OK; j++)
    {
      g_string_truncate (t->buf, 0);
      append_folded (t->buf, w, starts[j], starts[j + 1]);
      rc = emit_buf (t, 0, w[starts[j]].start, w[starts[j + 1] - 1].end);
      if (t->query)
        continue;
      for (guint m = j + 1; m < n_parts && rc == SQLITE_OK; m++)
        {
          append_folded (t->buf, w, starts[m], starts[m + 1]);
          if (m - j >= MAX_RUN_PARTS && !(j == 0 && m == n_parts - 1))
            continue;
          rc = emit_buf (t, FTS5_TOKEN_COLOCATED, w[starts[j]].start, w[starts[m + 1] - 1].end);
        }
    }
  return rc;
}

static void
append_cjk (GString        *buf,
            const WordChar *c)
{
  g_string_append_unichar (buf, c->folded);
}

/* A CJK character after @t->cjk_prev: the previous character's unigram
 * and the bigram of the two (in a query, only the bigram). */
static int
add_cjk (Tokenizer      *t,
         const WordChar *c)
{
  int rc = SQLITE_OK;

  if (t->n_cjk > 0)
    {
      const WordChar *prev = &t->cjk_prev;

      if (!t->query)
        {
          g_string_truncate (t->buf, 0);
          append_cjk (t->buf, prev);
          rc = emit_buf (t, 0, prev->start, prev->end);
        }
      if (rc == SQLITE_OK)
        {
          g_string_truncate (t->buf, 0);
          append_cjk (t->buf, prev);
          append_cjk (t->buf, c);
          rc = emit_buf (t, t->query ? 0 : FTS5_TOKEN_COLOCATED, prev->start, c->end);
        }
    }
  t->cjk_prev = *c;
  t->n_cjk++;
  return rc;
}

/* The end of a CJK run: its last character. */
static int
flush_cjk (Tokenizer *t)
{
  if (t->n_cjk == 0)
    return SQLITE_OK;
  t->n_cjk = 0;
  g_string_truncate (t->buf, 0);
  append_cjk (t->buf, &t->cjk_prev);
  return emit_buf (t, 0, t->cjk_prev.start, t->cjk_prev.end);
}

static guint8
letter_kind (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isdigit (c) ? KIND_DIGIT : g_ascii_isupper (c) ? KIND_UPPER : KIND_LOWER;
  if (c >= 0xFF10 && c <= 0xFF19)
    return KIND_DIGIT;
  if (g_unichar_isdigit (c))
    return KIND_DIGIT;
  if (g_unichar_isupper (c) || g_unichar_istitle (c))
    return KIND_UPPER;
  if (g_unichar_islower (c))
    return KIND_LOWER;
  return KIND_LETTER;
}

/* Decodes the character at @p (at most @left bytes): its length, or 0 for
 * a byte that starts no valid character. */
static int
decode (const char *p,
        gsize       left,
        gunichar   *c)
{
  guchar b = (guchar) *p;

  if (b < 0x80)
    {
      *c = b;
      return 1;
    }
  *c = g_utf8_get_char_validated (p, (gssize) MIN (left, 4));
  if (*c == (gunichar) -1 || *c == (gunichar) -2)
    return 0;
  return (int) (g_utf8_next_char (p) - p);
}

static int
tokenize (Tokenizer  *t,
          const char *text,
          gsize       length)
{
  gsize p = 0;
  int rc = SQLITE_OK;

  while (p < length && rc == SQLITE_OK)
    {
      WordChar wc;
      gunichar c;
      int n = decode (text + p, length - p, &c);
      gboolean ascii_word = n == 1 && g_ascii_isalnum (c);

      wc.start = (int) p;
      wc.end = (int) p + MAX (n, 1);
      p += MAX (n, 1);

      if (n > 0 && !ascii_word && c >= 0x80 && cited_fts_is_cjk (c))
        {
          rc = flush_word (t);
          wc.folded = c;
          if (rc == SQLITE_OK)
            rc = add_cjk (t, &wc);
          continue;
        }
      if (t->n_cjk > 0)
        rc = flush_cjk (t);
      if (rc != SQLITE_OK)
        break;

      if (ascii_word || (n > 0 && c >= 0x80 && (g_unichar_isalnum (c) ||
                                                (g_unichar_ismark (c) && t->n_word > 0))))
        {
          if (t->n_word == MAX_WORD)
            rc = flush_word (t);
          if (!ascii_word && g_unichar_ismark (c) && t->n_word > 0)
            {
              wc.folded = 0;
              wc.kind = t->word[t->n_word - 1].kind;
            }
          else
            {
              wc.folded = fold (c);
              wc.kind = letter_kind (c);
            }
          t->word[t->n_word++] = wc;
          continue;
        }
      rc = flush_word (t);
    }

  if (rc == SQLITE_OK)
    rc = flush_word (t);
  if (rc == SQLITE_OK)
    rc = flush_cjk (t);
  return rc;
}

static int
run (gboolean    query,
     const char *text,
     gsize       length,
     TokenFunc   emit,
     void       *ctx)
{
  Tokenizer *t = g_new (Tokenizer, 1);
  int rc;

  t->query = query;
  t->emit = emit;
  t->ctx = ctx;
  t->n_word = 0;
  t->n_cjk = 0;
  t->buf = g_string_sized_new (64);
  rc = tokenize (t, text, length);
  g_string_free (t->buf, TRUE);
  g_free (t);
  return rc;
}

/* FTS5 glue. The tokenizer has no options; its only state is the
 * connection's hook, told of every document tokenized for the index. */

typedef struct {
  CitedFtsDocumentFunc func;
  gpointer             user_data;
} Hook;

static Hook no_hook;

static int
fts_create (void             *user_data,
            const char      **argv,
            int               argc,
            Fts5Tokenizer   **tokenizer)
{
  (void) argv;
  if (argc > 0)
    return SQLITE_ERROR;
  *tokenizer = (Fts5Tokenizer *) (user_data != NULL ? user_data : &no_hook);
  return SQLITE_OK;
}

static void
fts_delete (Fts5Tokenizer *tokenizer)
{
  (void) tokenizer;
}

static int
fts_tokenize (Fts5Tokenizer *tokenizer,
              void          *ctx,
              int            flags,
              const char    *text,
              int            length,
              TokenFunc      emit)
{
  Hook *hook = (Hook *) tokenizer;

  if (hook->func != NULL && (flags & FTS5_TOKENIZE_DOCUMENT) != 0)
    hook->func (hook->user_data);
  if (text == NULL || length <= 0)
    return SQLITE_OK;
  return run ((flags & FTS5_TOKENIZE_QUERY) != 0, text, (gsize) length, emit, ctx);
}

int
cited_fts_register (sqlite3 *db)
{
  int rc = cited_fts_register_full (db, NULL, NULL);

  if (rc != SQLITE_OK)
    return rc;
  return cited_body_register (db, NULL, NULL);
}

int
cited_fts_register_full (sqlite3              *db,
                         CitedFtsDocumentFunc  func,
                         gpointer              user_data)
{
  static fts5_tokenizer tokenizer = { fts_create, fts_delete, fts_tokenize };
  Hook *hook = NULL;
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  rc = sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return rc;
  if (api == NULL || api->iVersion < 2)
    return SQLITE_ERROR;
  if (func != NULL)
    {
      hook = g_new0 (Hook, 1);
      hook->func = func;
      hook->user_data = user_data;
    }
  /* SQLite frees the hook with the connection. */
  rc = api->xCreateTokenizer (api, "cited", hook, &tokenizer, g_free);
  return rc;
}

static int
stop_at_token (void       *ctx,
               int         flags,
               const char *token,
               int         n,
               int         start,
               int         end)
{
  (void) flags;
  (void) token;
  (void) n;
  (void) start;
  (void) end;
  *(gboolean *) ctx = TRUE;
  return SQLITE_DONE;
}

gboolean
cited_fts_has_tokens (const char *text)
{
  gboolean found = FALSE;

  run (TRUE, text, strlen (text), stop_at_token, &found);
  return found;
}

typedef struct {
  GString *out;
  gsize    length;
} Description;

static int
describe_token (void       *ctx,
                int         flags,
                const char *token,
                int         n,
                int         start,
                int         end)
{
  Description *d = ctx;

  /* Every token is UTF-8 and lies in the text, whatever the text. */
  g_assert (n > 0 && g_utf8_validate (token, n, NULL));
  g_assert (start >= 0 && start < end && (gsize) end <= d->length);
  if (d->out->len > 0)
    g_string_append_c (d->out, (flags & FTS5_TOKEN_COLOCATED) ? '|' : ' ');
  g_string_append_len (d->out, token, n);
  return SQLITE_OK;
}

char *
cited_fts_describe (const char *text,
                    gsize       length,
                    gboolean    query)
{
  Description d = { g_string_new (NULL), length };

  run (query, text, length, describe_token, &d);
  return g_string_free (d.out, FALSE);
}
