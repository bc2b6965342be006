/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include <gio/gio.h>

#include "cited-store.h"
#include "cited-types.h"

G_BEGIN_DECLS

/**
 * CitedRejection:
 * A file (or feed item) the importer could not take, with a reason a person
 * can act on ("not valid UTF-8, UTF-16 or GB18030 text", "empty file", ...).
 */
typedef struct {
  char *path;
  char *reason;
} CitedRejection;

#define CITED_TYPE_REJECTION (cited_rejection_get_type ())
CITED_AVAILABLE_IN_ALL
GType           cited_rejection_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedRejection *cited_rejection_copy     (const CitedRejection *self);
CITED_AVAILABLE_IN_ALL
void cited_rejection_free (CitedRejection *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedRejection, cited_rejection_free)

/**
 * CitedImportResult:
 * @n_files: files looked at
 * @n_added: articles added
 * @n_duplicates: articles already in the store
 * @rejected: (element-type CitedRejection): the files refused, with why
 * @cancelled: stopped by the cancellable; what was committed stays
 * @n_skipped: files in folders skipped as not articles
 *
 * What an import did.
 */
typedef struct {
  guint n_files;             /* files looked at */
  guint n_added;             /* articles added */
  guint n_duplicates;        /* articles already in the store */
  GPtrArray *rejected;       /* CitedRejection */
  gboolean cancelled;        /* stopped by the cancellable; what was committed stays */
  guint n_skipped;           /* files in folders skipped as not articles (README, LICENSE, COPYING) */
} CitedImportResult;

#define CITED_TYPE_IMPORT_RESULT (cited_import_result_get_type ())
CITED_AVAILABLE_IN_ALL
GType              cited_import_result_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedImportResult *cited_import_result_copy     (const CitedImportResult *self);
CITED_AVAILABLE_IN_ALL
void cited_import_result_free (CitedImportResult *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedImportResult, cited_import_result_free)

/* Progress: @done of @total files (total is 0 while the folder walk is
 * still counting). Called on the thread that started the import (the main
 * context of the caller for the async variant). */
typedef void (*CitedImportProgress) (guint        done,
                                     guint        total,
                                     const char  *current_path,
                                     gpointer     user_data);

/* Turns UTF-8, UTF-8/16 with BOM or GB18030 bytes into UTF-8 text (BOM
 * removed, CRLF kept). Fails with CITED_ERROR_ENCODING / _BINARY / _EMPTY. */
CITED_AVAILABLE_IN_ALL
char      *cited_decode_text        (const char  *data,
                                     gsize        length,
                                     GError     **error);

/* Parses one file's bytes into articles (no store involved). The format is
 * sniffed from the content, helped by @name's extension: plain text,
 * Markdown, HTML, RSS 2.0, Atom, JSON Lines, and the loose <doc> XML of the
 * Sogou corpus. Every article gets @name as its path (feed items: their link
 * when they have one). */
CITED_AVAILABLE_IN_ALL
GPtrArray *cited_parse_data         (const char  *name,
                                     const char  *data,
                                     gsize        length,
                                     GError     **error);
CITED_AVAILABLE_IN_ALL
GPtrArray *cited_parse_file         (const char  *path,
                                     GError     **error);

/* Imports files and folders (@recursive: folders are walked to any depth;
 * otherwise only their direct files) into @store, in batches of one
 * transaction each. Rejected files land in the result, the rest goes on.
 * Returns NULL only when the store itself failed. */
CITED_AVAILABLE_IN_ALL
CitedImportResult *cited_import_paths (CitedStore          *store,
                                       const char * const  *paths,
                                       gboolean             recursive,
                                       GCancellable        *cancellable,
                                       CitedImportProgress  progress,
                                       gpointer             user_data,
                                       GError             **error);

/* The same in a worker thread with its own database connection. Progress
 * is delivered on the caller's main context. */
CITED_AVAILABLE_IN_ALL
void               cited_import_paths_async  (CitedStore          *store,
                                              const char * const  *paths,
                                              gboolean             recursive,
                                              GCancellable        *cancellable,
                                              CitedImportProgress  progress,
                                              gpointer             progress_data,
                                              GDestroyNotify       progress_notify,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
CITED_AVAILABLE_IN_ALL
CitedImportResult *cited_import_paths_finish (CitedStore          *store,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
