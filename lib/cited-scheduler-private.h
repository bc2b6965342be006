/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cited-macros.h"

#include "cited-extractor.h"
#include "cited-store.h"

G_BEGIN_DECLS

/* Not installed and not part of the API.
 *
 * The extraction scheduler: the one place where libcited runs the
 * extractor over articles on their way into the store. The flow is one
 * way: the importer (or a feed refresh, or a re-extraction) hands parsed
 * articles to the scheduler, whose thread pool runs cited_extract() with
 * the store's lexicon outside any transaction; the finished extractions
 * then go to the store, which only stores them, each batch in one short
 * write transaction. When the user's brands changed in between (another
 * connection wrote them), the store writes nothing and says so, and the
 * batch is extracted again with the brands as they are now. */

/* The version of the extractor's output. Raise it when cited_extract()
 * finds other figures or mentions in text it has seen: opening a store
 * whose articles were extracted by an older version marks them all for
 * re-extraction, which then runs in short batches (schema step 13). */
#define CITED_EXTRACTOR_VERSION 2   /* 2: short forms of lexicon names, conversions, damages,
                                      * share sales, news agencies (2026-12-04) */

/* Articles re-extracted per write transaction: short enough that another
 * connection waits a few milliseconds for the write lock at most. */
#define CITED_REEXTRACT_BATCH 64

#define CITED_TYPE_SCHEDULER (cited_scheduler_get_type ())
CITED_PRIVATE_API
G_DECLARE_FINAL_TYPE (CitedScheduler, cited_scheduler, CITED, SCHEDULER, GObject)

/* The process's scheduler: one thread pool of (processors - 1) workers, at
 * least one and at most eight, shared by every store and import. */
CITED_PRIVATE_API
CitedScheduler  *cited_scheduler_get_default     (void);
/* A scheduler of its own with @n_workers threads (0: as the default). */
CITED_PRIVATE_API
CitedScheduler  *cited_scheduler_new             (guint           n_workers);
CITED_PRIVATE_API
guint            cited_scheduler_get_n_workers   (CitedScheduler *self);

/* Articles re-extracted per transaction, CITED_REEXTRACT_BATCH unless
 * set: the tests take a few articles through several batches. */
CITED_PRIVATE_API
void             cited_scheduler_set_batch_size  (CitedScheduler *self,
                                                  guint           batch_size);

/* Extractions of a batch in progress, started by cited_scheduler_submit(). */
typedef struct _CitedExtractJob CitedExtractJob;

/* Starts extracting @articles (CitedArticle) with @lexicon in the pool and
 * returns at once; an article whose @skip entry is TRUE (when @skip is not
 * NULL) is not extracted. The job holds references to @articles and
 * @lexicon: neither may change until the job is finished or freed. */
CITED_PRIVATE_API
CitedExtractJob *cited_scheduler_submit          (CitedScheduler *self,
                                                  CitedLexicon   *lexicon,
                                                  GPtrArray      *articles,
                                                  const gboolean *skip);
/* Waits for article @index's extraction, in the calling thread, and
 * returns it (transfer none; NULL for a skipped article). Results can be
 * taken in order while later articles are still being extracted. */
/* As cited_scheduler_submit(), and with @compress_bodies each article's
 * body is compressed as the store keeps it (cited-body-private.h) by the
 * thread that extracts it. */
CITED_PRIVATE_API
CitedExtractJob *cited_scheduler_submit_full     (CitedScheduler *self,
                                                  CitedLexicon   *lexicon,
                                                  GPtrArray      *articles,
                                                  const gboolean *skip,
                                                  gboolean        compress_bodies);
CITED_PRIVATE_API
CitedExtraction *cited_extract_job_wait          (CitedExtractJob *job,
                                                  guint            index);
/* cited_extract_job_wait() of a job that compresses bodies, with the
 * body's frame (NULL when it is to be kept as text), owned by @job. */
CitedExtraction *cited_extract_job_wait_body     (CitedExtractJob  *job,
                                                  guint             index,
                                                  const guint8    **frame,
                                                  gsize            *frame_length);
/* Waits for every extraction, extracting in the calling thread as well,
 * frees the job and returns the extractions in the order of the articles
 * (NULL for skipped ones; the array frees them). */
CITED_PRIVATE_API
GPtrArray       *cited_extract_job_finish        (CitedExtractJob *job);
/* Drops what is still queued, waits for what is running and frees @job. */
CITED_PRIVATE_API
void             cited_extract_job_free          (CitedExtractJob *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedExtractJob, cited_extract_job_free)

/* cited_scheduler_submit() and cited_extract_job_finish() at once. */
CITED_PRIVATE_API
GPtrArray       *cited_scheduler_extract         (CitedScheduler *self,
                                                  CitedLexicon   *lexicon,
                                                  GPtrArray      *articles,
                                                  const gboolean *skip);

/* Extracts the articles of @articles not stored yet and stores them, in
 * one write transaction (what cited_store_add_articles() does). */
CITED_PRIVATE_API
gboolean         cited_scheduler_add_articles    (CitedScheduler  *self,
                                                  CitedStore      *store,
                                                  GPtrArray       *articles,
                                                  guint           *n_added,
                                                  guint           *n_duplicates,
                                                  GError         **error);
/* Extracts the new articles of a feed's refresh and records it (what
 * cited_store_update_feed() does). */
gboolean         cited_scheduler_update_feed     (CitedScheduler         *self,
                                                  CitedStore             *store,
                                                  gint64                  id,
                                                  const CitedFeedUpdate  *update,
                                                  guint                  *n_added,
                                                  GError                **error);
/* Re-extracts the articles the store has marked for it (after a change of
 * the brands, cited_store_reextract() or a new extractor) in batches of
 * the batch size, each extracted outside any transaction and
 * written in its own short one, reporting progress through the store's
 * progress function. Stops between batches when @cancellable is
 * cancelled; what is left stays marked and is done by the next call, in
 * this process or another. */
CITED_PRIVATE_API
gboolean         cited_scheduler_reextract       (CitedScheduler  *self,
                                                  CitedStore      *store,
                                                  GCancellable    *cancellable,
                                                  GError         **error);

G_END_DECLS
