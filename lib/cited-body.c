/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-body"
#include "config.h"

#include <zstd.h>

#include "cited-body-private.h"

/*
 * Article bodies compressed one by one with zstd, each a complete frame
 * that records its decompressed size. Whole-store dictionaries would
 * compress more, but would have to be trained on the user's articles,
 * kept and versioned in the database; one frame per body keeps every
 * row readable on its own. Level 3, zstd's default: compressing costs
 * 5-10 % of an import's time (extraction and the full-text index cost far
 * more), and level 9 gains 2 % (English) to 6 % (Chinese) of the bodies'
 * size for several times the time.
 */

#define LEVEL 3

struct _CitedBodyEncoder
{
  ZSTD_CCtx  *cctx;
  GByteArray *buffer;
};

CitedBodyEncoder *
cited_body_encoder_new (void)
{
  CitedBodyEncoder *self = g_new0 (CitedBodyEncoder, 1);

  self->cctx = ZSTD_createCCtx ();
  if (self->cctx == NULL)
    g_error ("Out of memory making a compression context");
  ZSTD_CCtx_setParameter (self->cctx, ZSTD_c_compressionLevel, LEVEL);
  /* Every body is read back whole: a checksum would only repeat what
   * SQLite's page checks already give. */
  ZSTD_CCtx_setParameter (self->cctx, ZSTD_c_checksumFlag, 0);
  ZSTD_CCtx_setParameter (self->cctx, ZSTD_c_contentSizeFlag, 1);
  self->buffer = g_byte_array_new ();
  return self;
}

void
cited_body_encoder_free (CitedBodyEncoder *self)
{
  if (self == NULL)
    return;
  ZSTD_freeCCtx (self->cctx);
  g_byte_array_unref (self->buffer);
  g_free (self);
}

const guint8 *
cited_body_encode (CitedBodyEncoder *self,
                   const char       *text,
                   gsize             length,
                   gsize            *out_length)
{
  gsize bound;
  gsize n;

  /* No frame is shorter than a dozen bytes. */
  if (length < 16)
    return NULL;
  bound = ZSTD_compressBound (length);
  g_byte_array_set_size (self->buffer, (guint) MIN (bound, G_MAXUINT));
  n = ZSTD_compress2 (self->cctx, self->buffer->data, self->buffer->len, text, length);
  if (ZSTD_isError (n))
    {
      /* The context is reset for the next body; this one is kept as text. */
      ZSTD_CCtx_reset (self->cctx, ZSTD_reset_session_only);
      return NULL;
    }
  if (n >= length)
    return NULL;
  *out_length = n;
  return self->buffer->data;
}

/* The connection's state for its functions: SQLite calls them in the
 * connection's thread only, one at a time. */
typedef struct {
  ZSTD_DCtx        *dctx;
  CitedBodyEncoder *encoder;
  CitedBodyRowFunc  func;
  gpointer          user_data;
} Functions;

static void
functions_clear (gpointer data)
{
  Functions *functions = data;

  ZSTD_freeDCtx (functions->dctx);
  cited_body_encoder_free (functions->encoder);
}

static void
functions_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, functions_clear);
}

/* cited_body (body): the text of a body as stored. A BLOB is a frame
 * made by cited_body_encode(); anything else is returned as it is. */
static void
sql_body (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  Functions *functions = sqlite3_user_data (context);
  sqlite3 *db = sqlite3_context_db_handle (context);
  const void *data;
  gsize length;
  unsigned long long size;
  char *text;
  gsize n;

  (void) argc;
  if (sqlite3_value_type (argv[0]) != SQLITE_BLOB)
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }
  data = sqlite3_value_blob (argv[0]);
  length = (gsize) sqlite3_value_bytes (argv[0]);
  size = ZSTD_getFrameContentSize (data, length);
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN)
    {
      sqlite3_result_error (context, "cited_body: not a compressed article body", -1);
      return;
    }
  if (size >= (unsigned long long) sqlite3_limit (db, SQLITE_LIMIT_LENGTH, -1))
    {
      sqlite3_result_error_toobig (context);
      return;
    }
  text = sqlite3_malloc64 (size + 1);
  if (text == NULL)
    {
      sqlite3_result_error_nomem (context);
      return;
    }
  n = ZSTD_decompressDCtx (functions->dctx, text, size + 1, data, length);
  if (ZSTD_isError (n) || n != size)
    {
      sqlite3_free (text);
      sqlite3_result_error (context, "cited_body: a compressed article body is damaged", -1);
      return;
    }
  text[size] = '\0';
  sqlite3_result_text64 (context, text, size, sqlite3_free, SQLITE_UTF8);
}

/* cited_body_compress (text): @text as it is to be stored. A BLOB (a body
 * compressed already) and NULL are returned as they are. */
static void
sql_body_compress (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  Functions *functions = sqlite3_user_data (context);
  const guint8 *frame;
  const char *text;
  gsize length;
  gsize n = 0;

  (void) argc;
  if (functions->func != NULL)
    functions->func (functions->user_data);
  if (sqlite3_value_type (argv[0]) != SQLITE_TEXT)
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }
  if (functions->encoder == NULL)
    functions->encoder = cited_body_encoder_new ();
  text = (const char *) sqlite3_value_text (argv[0]);
  length = (gsize) sqlite3_value_bytes (argv[0]);
  frame = cited_body_encode (functions->encoder, text, length, &n);
  if (frame == NULL)
    sqlite3_result_value (context, argv[0]);
  else
    sqlite3_result_blob64 (context, frame, n, SQLITE_TRANSIENT);
}

int
cited_body_register (sqlite3          *db,
                     CitedBodyRowFunc  func,
                     gpointer          user_data)
{
  Functions *functions = g_atomic_rc_box_new0 (Functions);
  int rc;

  functions->dctx = ZSTD_createDCtx ();
  functions->func = func;
  functions->user_data = user_data;
  if (functions->dctx == NULL)
    {
      functions_unref (functions);
      return SQLITE_NOMEM;
    }

  /* Each function holds a reference, dropped by SQLite when the function
   * is replaced or the connection closed (also when registering fails). */
  g_atomic_rc_box_acquire (functions);
  rc = sqlite3_create_function_v2 (db, "cited_body", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   functions, sql_body, NULL, NULL, functions_unref);
  if (rc == SQLITE_OK)
    {
      g_atomic_rc_box_acquire (functions);
      rc = sqlite3_create_function_v2 (db, "cited_body_compress", 1, SQLITE_UTF8,
                                       functions, sql_body_compress, NULL, NULL, functions_unref);
    }
  functions_unref (functions);
  return rc;
}
