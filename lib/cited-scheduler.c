/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-scheduler"
#include "config.h"

#include <string.h>

#include "cited-body-private.h"
#include "cited-claims.h"
#include "cited-scheduler-private.h"
#include "cited-store-private.h"

/* The scheduler owns the process's one pool of extraction threads. A job
 * is a batch of articles; each thread of the pool that takes the job
 * claims the next article not claimed yet until none is left, so that the
 * articles of a batch spread over the threads whatever their lengths, and
 * a caller waiting for the results claims articles too instead of
 * sleeping. Results land in the job's slots, in the articles' order. */
struct _CitedScheduler
{
  GObject      parent_instance;

  GThreadPool *pool;
  guint        n_workers;
  guint        batch_size;  /* articles re-extracted per transaction */
};

G_DEFINE_FINAL_TYPE (CitedScheduler, cited_scheduler, G_TYPE_OBJECT)

struct _CitedExtractJob
{
  CitedLexicon     *lexicon;
  GPtrArray        *articles;
  gboolean         *skip;
  CitedExtraction **results;
  gboolean          compress;   /* bodies compressed too, into frames */
  guint8          **frames;     /* a body's zstd frame, NULL to keep the text */
  gsize            *frame_lengths;
  gboolean         *done;
  guint             n;
  int               next;       /* the next article to claim, atomic */
  int               abandoned;  /* atomic: claim nothing more */
  guint             n_tasks;    /* pool threads still inside the job */
  GMutex            mutex;
  GCond             cond;
};

static void
cited_scheduler_finalize (GObject *object)
{
  CitedScheduler *self = (CitedScheduler *) object;

  /* Waits for running jobs: their owners wait for them anyway. */
  g_thread_pool_free (self->pool, FALSE, TRUE);

  G_OBJECT_CLASS (cited_scheduler_parent_class)->finalize (object);
}

static void
cited_scheduler_class_init (CitedSchedulerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cited_scheduler_finalize;
}

static void
cited_scheduler_init (CitedScheduler *self)
{
}

/* Runs the extractor over one article as the store keeps it. */
static CitedExtraction *
extract_article (CitedLexicon       *lexicon,
                 const CitedArticle *article)
{
  CitedExtraction *extraction;

  extraction = cited_extract (lexicon,
                              article->title != NULL ? article->title : "",
                              article->body != NULL ? article->body : "",
                              -1, article->published);
  /* A claim needs a period: a figure that names none but speaks of the
   * present takes its article's year. */
  cited_figures_infer_periods (extraction->figures, article->published);
  return extraction;
}

/* Each thread that compresses bodies keeps its own zstd context. */
static GPrivate body_encoder = G_PRIVATE_INIT ((GDestroyNotify) cited_body_encoder_free);

/* The body of @article as the store keeps it: a copy of its zstd frame,
 * or NULL for the text itself (see cited-body-private.h). */
static guint8 *
compress_body (const CitedArticle *article,
               gsize              *length)
{
  CitedBodyEncoder *encoder = g_private_get (&body_encoder);
  const char *body = article->body != NULL ? article->body : "";
  const guint8 *frame;

  if (encoder == NULL)
    {
      encoder = cited_body_encoder_new ();
      g_private_set (&body_encoder, encoder);
    }
  frame = cited_body_encode (encoder, body, strlen (body), length);
  return frame != NULL ? g_memdup2 (frame, *length) : NULL;
}

/* Claims and extracts one article of @job; FALSE when none is left. */
static gboolean
job_work_one (CitedExtractJob *job)
{
  CitedExtraction *extraction = NULL;
  guint8 *frame = NULL;
  gsize frame_length = 0;
  guint i;

  if (g_atomic_int_get (&job->abandoned))
    return FALSE;
  i = (guint) g_atomic_int_add (&job->next, 1);
  if (i >= job->n)
    return FALSE;
  if (job->skip == NULL || !job->skip[i])
    {
      const CitedArticle *article = g_ptr_array_index (job->articles, i);

      extraction = extract_article (job->lexicon, article);
      if (job->compress)
        frame = compress_body (article, &frame_length);
    }

  g_mutex_lock (&job->mutex);
  job->results[i] = extraction;
  if (job->compress)
    {
      job->frames[i] = frame;
      job->frame_lengths[i] = frame_length;
    }
  job->done[i] = TRUE;
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->mutex);
  return TRUE;
}

static void
job_thread_cb (gpointer data,
               gpointer user_data)
{
  CitedExtractJob *job = data;

  while (job_work_one (job))
    ;
  g_mutex_lock (&job->mutex);
  job->n_tasks--;
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->mutex);
}

/**
 * cited_scheduler_new:
 * @n_workers: threads of the pool, 0 for as many as the default has
 *
 * Returns: (transfer full): a scheduler with its own thread pool
 */
CitedScheduler *
cited_scheduler_new (guint n_workers)
{
  CitedScheduler *self = g_object_new (CITED_TYPE_SCHEDULER, NULL);

  if (n_workers == 0)
    n_workers = CLAMP (g_get_num_processors () - 1, 1, 8);
  self->n_workers = n_workers;
  self->batch_size = CITED_REEXTRACT_BATCH;
  self->pool = g_thread_pool_new (job_thread_cb, NULL, (int) n_workers, FALSE, NULL);
  return self;
}

/**
 * cited_scheduler_get_default:
 *
 * Returns: (transfer none): the process's scheduler
 */
CitedScheduler *
cited_scheduler_get_default (void)
{
  static CitedScheduler *scheduler;

  if (g_once_init_enter (&scheduler))
    g_once_init_leave (&scheduler, cited_scheduler_new (0));
  return scheduler;
}

guint
cited_scheduler_get_n_workers (CitedScheduler *self)
{
  g_return_val_if_fail (CITED_IS_SCHEDULER (self), 0);

  return self->n_workers;
}

void
cited_scheduler_set_batch_size (CitedScheduler *self,
                                guint           batch_size)
{
  g_return_if_fail (CITED_IS_SCHEDULER (self));
  g_return_if_fail (batch_size > 0);

  self->batch_size = batch_size;
}

CitedExtractJob *
cited_scheduler_submit (CitedScheduler *self,
                        CitedLexicon   *lexicon,
                        GPtrArray      *articles,
                        const gboolean *skip)
{
  return cited_scheduler_submit_full (self, lexicon, articles, skip, FALSE);
}

CitedExtractJob *
cited_scheduler_submit_full (CitedScheduler *self,
                             CitedLexicon   *lexicon,
                             GPtrArray      *articles,
                             const gboolean *skip,
                             gboolean        compress_bodies)
{
  CitedExtractJob *job;
  guint n_extract = 0;
  guint n_tasks;

  g_return_val_if_fail (CITED_IS_SCHEDULER (self), NULL);
  g_return_val_if_fail (CITED_IS_LEXICON (lexicon), NULL);
  g_return_val_if_fail (articles != NULL, NULL);

  job = g_new0 (CitedExtractJob, 1);
  job->lexicon = g_object_ref (lexicon);
  job->articles = g_ptr_array_ref (articles);
  job->n = articles->len;
  job->results = g_new0 (CitedExtraction *, job->n);
  job->done = g_new0 (gboolean, job->n);
  job->compress = compress_bodies;
  if (compress_bodies)
    {
      job->frames = g_new0 (guint8 *, job->n);
      job->frame_lengths = g_new0 (gsize, job->n);
    }
  if (skip != NULL)
    job->skip = g_memdup2 (skip, sizeof (gboolean) * job->n);
  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);

  for (guint i = 0; i < job->n; i++)
    if (skip == NULL || !skip[i])
      n_extract++;
  /* A thread per few articles at most: a batch of one is done by the
   * caller alone when it asks for the result. The count is set before the
   * first task is pushed and the loop does not read it again: a task may
   * finish, and count itself out, before the next one is pushed. */
  n_tasks = MIN (self->n_workers, n_extract / 2);
  job->n_tasks = n_tasks;
  for (guint i = 0; i < n_tasks; i++)
    g_thread_pool_push (self->pool, job, NULL);
  return job;
}

CitedExtraction *
cited_extract_job_wait (CitedExtractJob *job,
                        guint            index)
{
  CitedExtraction *extraction;

  g_return_val_if_fail (job != NULL && index < job->n, NULL);

  for (;;)
    {
      gboolean done;

      g_mutex_lock (&job->mutex);
      done = job->done[index];
      g_mutex_unlock (&job->mutex);
      if (done || !job_work_one (job))
        break;
    }

  g_mutex_lock (&job->mutex);
  while (!job->done[index])
    g_cond_wait (&job->cond, &job->mutex);
  extraction = job->results[index];
  g_mutex_unlock (&job->mutex);
  return extraction;
}

CitedExtraction *
cited_extract_job_wait_body (CitedExtractJob  *job,
                             guint             index,
                             const guint8    **frame,
                             gsize            *frame_length)
{
  CitedExtraction *extraction;

  g_return_val_if_fail (job != NULL && job->compress, NULL);

  extraction = cited_extract_job_wait (job, index);
  /* Written before done[index] was set under the mutex, which the wait
   * took after: no lock needed to read it. */
  *frame = job->frames[index];
  *frame_length = job->frame_lengths[index];
  return extraction;
}

void
cited_extract_job_free (CitedExtractJob *job)
{
  if (job == NULL)
    return;

  /* Drop what is still queued and wait for what is running before the
   * slots go away. */
  g_atomic_int_set (&job->abandoned, TRUE);
  g_mutex_lock (&job->mutex);
  while (job->n_tasks > 0)
    g_cond_wait (&job->cond, &job->mutex);
  g_mutex_unlock (&job->mutex);

  for (guint i = 0; i < job->n; i++)
    {
      g_clear_pointer (&job->results[i], cited_extraction_free);
      if (job->frames != NULL)
        g_free (job->frames[i]);
    }
  g_free (job->frames);
  g_free (job->frame_lengths);
  g_free (job->results);
  g_free (job->done);
  g_free (job->skip);
  g_ptr_array_unref (job->articles);
  g_object_unref (job->lexicon);
  g_cond_clear (&job->cond);
  g_mutex_clear (&job->mutex);
  g_free (job);
}

GPtrArray *
cited_extract_job_finish (CitedExtractJob *job)
{
  GPtrArray *extractions;

  g_return_val_if_fail (job != NULL, NULL);

  extractions = g_ptr_array_new_full (job->n, (GDestroyNotify) cited_extraction_free);
  for (guint i = 0; i < job->n; i++)
    {
      cited_extract_job_wait (job, i);
      g_ptr_array_add (extractions, g_steal_pointer (&job->results[i]));
    }
  cited_extract_job_free (job);
  return extractions;
}

GPtrArray *
cited_scheduler_extract (CitedScheduler *self,
                         CitedLexicon   *lexicon,
                         GPtrArray      *articles,
                         const gboolean *skip)
{
  return cited_extract_job_finish (cited_scheduler_submit (self, lexicon, articles, skip));
}

/* ------------------------------------------------------------------ */
/* Extract, then store                                                 */

/* Each driver below reads the lexicon and its generation, extracts outside
 * any transaction and hands the extractions to the store, which writes
 * nothing and sets its "stale" flag when the brands changed since: the
 * batch is then extracted again with the lexicon as it is now. */

/* New articles are written as their extractions come: the pool extracts
 * and compresses the next ones while the store writes the first, so that
 * on two cores the writer rarely waits and the write lock is held for
 * about the time the writing takes, as when everything was extracted
 * first. */
gboolean
cited_scheduler_add_articles (CitedScheduler  *self,
                              CitedStore      *store,
                              GPtrArray       *articles,
                              guint           *n_added,
                              guint           *n_duplicates,
                              GError         **error)
{
  g_autofree gboolean *skip = NULL;
  gboolean stale = TRUE;

  g_return_val_if_fail (CITED_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (CITED_IS_STORE (store), FALSE);
  g_return_val_if_fail (articles != NULL, FALSE);

  skip = g_new0 (gboolean, MAX (articles->len, 1));
  while (stale)
    {
      g_autoptr(CitedLexicon) lexicon = NULL;
      g_autoptr(CitedExtractJob) job = NULL;
      gint64 generation = 0;

      lexicon = cited_store_dup_extraction_lexicon (store, &generation, error);
      if (lexicon == NULL ||
          !cited_store_find_new_articles (store, articles, NULL, skip, error))
        return FALSE;
      job = cited_scheduler_submit_full (self, lexicon, articles, skip, TRUE);
      if (!cited_store_add_extract_job (store, articles, job, generation, &stale,
                                        n_added, n_duplicates, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cited_scheduler_update_feed (CitedScheduler         *self,
                             CitedStore             *store,
                             gint64                  id,
                             const CitedFeedUpdate  *update,
                             guint                  *n_added,
                             GError                **error)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  GPtrArray *articles = update->articles != NULL && update->error == NULL ? update->articles : none;
  g_autofree gboolean *skip = g_new0 (gboolean, MAX (articles->len, 1));
  gboolean stale = TRUE;

  g_return_val_if_fail (CITED_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (CITED_IS_STORE (store), FALSE);

  while (stale)
    {
      g_autoptr(CitedLexicon) lexicon = NULL;
      g_autoptr(GPtrArray) extractions = NULL;
      gint64 generation = 0;

      lexicon = cited_store_dup_extraction_lexicon (store, &generation, error);
      if (lexicon == NULL ||
          !cited_store_find_new_articles (store, articles, update->keys, skip, error))
        return FALSE;
      extractions = cited_scheduler_extract (self, lexicon, articles, skip);
      if (!cited_store_update_feed_extracted (store, id, update, extractions, generation,
                                              &stale, n_added, error))
        return FALSE;
    }
  return TRUE;
}

/* A batch of re-extraction on its way: its articles, read from the store,
 * and their extraction running in the pool with the lexicon of
 * @generation. */
typedef struct {
  GPtrArray       *articles;
  CitedExtractJob *job;
  gint64           generation;
} Batch;

static void
batch_clear (Batch *batch)
{
  g_clear_pointer (&batch->job, cited_extract_job_free);
  g_clear_pointer (&batch->articles, g_ptr_array_unref);
}

/* Reads the marked articles after @after and starts their extraction;
 * @batch->articles is empty when there are none. */
static gboolean
batch_start (CitedScheduler  *self,
             CitedStore      *store,
             gint64           after,
             Batch           *batch,
             GError         **error)
{
  g_autoptr(CitedLexicon) lexicon = cited_store_dup_extraction_lexicon (store, &batch->generation, error);

  if (lexicon == NULL)
    return FALSE;
  batch->articles = cited_store_read_pending (store, after, self->batch_size, error);
  if (batch->articles == NULL)
    return FALSE;
  if (batch->articles->len > 0)
    batch->job = cited_scheduler_submit (self, lexicon, batch->articles, NULL);
  return TRUE;
}

static gint64
batch_last_id (const Batch *batch)
{
  return ((CitedArticle *) g_ptr_array_index (batch->articles, batch->articles->len - 1))->id;
}

/* The batches are pipelined: while one is written, the pool extracts the
 * next. When the brands changed in between, the extractions made with the
 * old ones are dropped and the marked articles read again from the
 * first; articles marked meanwhile behind the current one are found by
 * that same pass from the first, which ends the work only when it finds
 * none. */
gboolean
cited_scheduler_reextract (CitedScheduler  *self,
                           CitedStore      *store,
                           GCancellable    *cancellable,
                           GError         **error)
{
  Batch current = { NULL }, next = { NULL };
  GError *local_error = NULL;
  guint done = 0, total;
  gboolean ok = FALSE;

  g_return_val_if_fail (CITED_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (CITED_IS_STORE (store), FALSE);

  total = cited_store_count_pending_extractions (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (!batch_start (self, store, 0, &current, error))
    goto out;

  while (current.articles->len > 0)
    {
      g_autoptr(GPtrArray) extractions = NULL;
      gboolean stale = FALSE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !batch_start (self, store, batch_last_id (&current), &next, error))
        goto out;
      extractions = cited_extract_job_finish (g_steal_pointer (&current.job));
      if (!cited_store_write_reextracted (store, current.articles, extractions,
                                          current.generation, &stale, error))
        goto out;

      if (!stale)
        {
          /* Another process working on the same articles may have
           * written some of them: they count as done all the same. */
          done += current.articles->len;
          total = MAX (total, done);
          cited_store_report_progress (store, done, total);
        }
      batch_clear (&current);
      current = next;
      next = (Batch) { NULL };
      if (stale || current.articles->len == 0)
        {
          /* From the first again: with the brands as they are now, or for
           * articles marked behind us meanwhile. */
          batch_clear (&current);
          if (!batch_start (self, store, 0, &current, error))
            goto out;
        }
    }
  ok = TRUE;

out:
  batch_clear (&next);
  batch_clear (&current);
  return ok;
}
