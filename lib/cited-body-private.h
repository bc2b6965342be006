/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "cited-macros.h"

G_BEGIN_DECLS

/* Article bodies as the store keeps them (article_bodies.body, since
 * schema step 15): a zstd frame, as a BLOB, when that is smaller than the
 * text; the text itself, as TEXT, otherwise (empty and very short bodies).
 * Readers never see the difference: they read cited_body (body), an SQL
 * function that gives the text back byte for byte whichever way it was
 * kept. */

typedef struct _CitedBodyEncoder CitedBodyEncoder;

CitedBodyEncoder *cited_body_encoder_new  (void);
void              cited_body_encoder_free (CitedBodyEncoder *self);

/* @text (@length bytes, any bytes) compressed, or NULL when compressing
 * does not make it smaller and it is to be kept as text. The result
 * belongs to @self and is valid until its next call. */
const guint8     *cited_body_encode       (CitedBodyEncoder *self,
                                           const char       *text,
                                           gsize             length,
                                           gsize            *out_length);

/* Called each time cited_body_compress() compressed a row, in the
 * connection's thread. */
typedef void (*CitedBodyRowFunc) (gpointer user_data);

/* Registers the SQL functions cited_body (body), the text of a body as
 * stored, and cited_body_compress (text), a body as it is to be stored
 * (what the migration to step 15 writes), on @db; @func, if not NULL, is
 * told of each row cited_body_compress() reads. Returns an SQLite result
 * code. cited_fts_register() registers them too, since the full-text
 * index reads its content through cited_body(). */
int               cited_body_register     (sqlite3          *db,
                                           CitedBodyRowFunc  func,
                                           gpointer          user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedBodyEncoder, cited_body_encoder_free)

G_END_DECLS
