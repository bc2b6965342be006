/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-store"
#include "config.h"

#if HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

#include "cited-store.h"
#include "cited-store-private.h"

/*
 * Reads in worker threads. A store makes, on its first asynchronous
 * read, a pool of read-only connections to its file, each opened once
 * and kept: with WAL they read while another connection writes, and
 * they share one lexicon, read again only when the brands change. The
 * reads of every store of the process run on a few threads of their own
 * (READ_THREADS), so a store never needs more readers than that.
 */
#define READ_THREADS 3

typedef struct {
  GAsyncQueue  *idle;               /* readers not in use (CitedStore) */
  GMutex        lock;               /* the shared lexicon */
  CitedLexicon *lexicon;
  gint64        lexicon_generation;
} ReaderPool;

typedef struct {
  ReaderPool         *pool;         /* NULL: a store without a file */
  CitedStoreReadFunc  func;
  gpointer            data;
  GDestroyNotify      data_free;
  GDestroyNotify      result_free;
} ReadCall;

static gpointer
reader_pool_new (CitedStore *store)
{
  ReaderPool *pool = g_atomic_rc_box_new0 (ReaderPool);

  pool->idle = g_async_queue_new_full (g_object_unref);
  g_mutex_init (&pool->lock);
  /* The readers start from a copy of the store's lexicon rather than
   * read the brands again (the default lexicon and the database's): the
   * first read of a window (its article list) would wait for that. A
   * change of the brands since makes them read it again. */
  if (cited_store_get_lexicon (store) != NULL)
    {
      pool->lexicon = cited_lexicon_copy (cited_store_get_lexicon (store));
      pool->lexicon_generation = cited_store_get_lexicon_generation (store);
    }
  return pool;
}

static void
reader_pool_clear (gpointer data)
{
  ReaderPool *pool = data;

  g_async_queue_unref (pool->idle);
  g_mutex_clear (&pool->lock);
  g_clear_object (&pool->lexicon);
}

/* The store and the reads under way each hold the pool: the last to let
 * go closes the readers. */
static void
reader_pool_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, reader_pool_clear);
}

static void
read_call_free (ReadCall *call)
{
  if (call->data_free != NULL)
    call->data_free (call->data);
  g_clear_pointer (&call->pool, reader_pool_unref);
  g_free (call);
}

/* Runs @call on @reader; the result, or NULL with @error set. */
static gpointer
run_call (ReadCall      *call,
          CitedStore    *reader,
          GCancellable  *cancellable,
          GError       **error)
{
  gpointer result;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  result = call->func (reader, call->data, cancellable, error);
  /* A statement the cancellation interrupted fails with a database
   * error; the caller is told it was cancelled. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      if (result != NULL && call->result_free != NULL)
        call->result_free (result);
      g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }
  return result;
}

static void
return_result (GTask    *task,
               gpointer  result,
               GError   *error)
{
  ReadCall *call = g_task_get_task_data (task);

  if (result != NULL)
    g_task_return_pointer (task, result, call->result_free);
  else
    g_task_return_error (task, error);
}

/* A read this long has likely made and freed much (a sort's ids, the
 * figures of a large claim): the allocator keeps what was freed in the
 * worker's own arena, where the app's memory would stay at the read's
 * peak, and later reads in other threads would add theirs to it. */
#define LONG_READ_USEC (100 * G_TIME_SPAN_MILLISECOND)

static void
give_back_memory (void)
{
#if HAVE_MALLOC_TRIM
  malloc_trim (0);
#endif
}

static void
read_job (gpointer data,
          gpointer unused)
{
  g_autoptr(GTask) task = data;
  ReadCall *call = g_task_get_task_data (task);
  ReaderPool *pool = call->pool;
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(CitedStore) reader = NULL;
  GError *error = NULL;
  gpointer result = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* At most READ_THREADS reads run at once: a pool has a reader free or
   * may open one more. */
  reader = g_async_queue_try_pop (pool->idle);
  if (reader == NULL)
    reader = cited_store_open_reader (g_task_get_source_object (task), &error);

  if (reader != NULL &&
      cited_store_reader_begin (reader, &pool->lock, &pool->lexicon, &pool->lexicon_generation,
                                cancellable, &error))
    {
      gint64 start = g_get_monotonic_time ();

      result = run_call (call, reader, cancellable, &error);
      cited_store_reader_end (reader);
      if (g_get_monotonic_time () - start >= LONG_READ_USEC)
        give_back_memory ();
    }
  if (reader != NULL)
    g_async_queue_push (pool->idle, g_steal_pointer (&reader));
  return_result (task, result, error);
}

static GThreadPool *
read_threads (void)
{
  static GThreadPool *threads;

  if (g_once_init_enter (&threads))
    {
      GThreadPool *pool = g_thread_pool_new (read_job, NULL, READ_THREADS, FALSE, NULL);

      g_once_init_leave (&threads, pool);
    }
  return threads;
}

static void
start_read (CitedStore          *self,
            gpointer             source_tag,
            CitedStoreReadFunc   func,
            gpointer             data,
            GDestroyNotify       data_free,
            GDestroyNotify       result_free,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ReadCall *call = g_new0 (ReadCall, 1);

  call->func = func;
  call->data = data;
  call->data_free = data_free;
  call->result_free = result_free;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) read_call_free);

  if (!cited_store_has_file (self))
    {
      /* An in-memory database has no other connection to read it: the
       * read runs here, the result still comes from the main loop. */
      GError *error = NULL;
      gpointer result = run_call (call, self, cancellable, &error);

      return_result (task, result, error);
      return;
    }

  call->pool = g_atomic_rc_box_acquire (cited_store_ensure_reader_pool (self, reader_pool_new,
                                                                        reader_pool_unref));
  g_thread_pool_push (read_threads (), g_steal_pointer (&task), NULL);
}

static gpointer
finish_read (CitedStore    *self,
             GAsyncResult  *result,
             gpointer       source_tag,
             GError       **error)
{
  g_return_val_if_fail (CITED_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* cited_store_read_async:
 * Runs @func over one of @self's readers in a worker thread: see
 * cited-store-private.h. */
void
cited_store_read_async (CitedStore          *self,
                        CitedStoreReadFunc   func,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (CITED_IS_STORE (self));
  g_return_if_fail (func != NULL);

  start_read (self, cited_store_read_async, func, data, data_free, result_free,
              cancellable, callback, user_data);
}

void
cited_store_prepare_reads (CitedStore *self)
{
  g_return_if_fail (CITED_IS_STORE (self));

  if (cited_store_has_file (self))
    cited_store_ensure_reader_pool (self, reader_pool_new, reader_pool_unref);
}

/* cited_store_read_finish:
 * What @func returned, or NULL with @error set (G_IO_ERROR_CANCELLED when
 * the read was cancelled). */
gpointer
cited_store_read_finish (CitedStore    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return finish_read (self, result, cited_store_read_async, error);
}

/* ------------------------------------------------------------------ */
/* The store's reads, asynchronous                                     */

static void
free_query (gpointer query)
{
  cited_query_free (query);
}

static gpointer
copy_query (const CitedQuery *query)
{
  return query != NULL ? cited_query_copy (query) : NULL;
}

static gpointer
list_articles_cb (CitedStore *reader, gpointer query, GCancellable *cancellable, GError **error)
{
  return cited_store_list_articles (reader, query, error);
}

/**
 * cited_store_list_articles_async:
 * @self: a store
 * @query: (nullable): filters, sort order, offset and limit
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the articles are read
 * @user_data: data for @callback
 *
 * Lists the articles a query matches, as [method@Cited.Store.list_articles]
 * does, in a worker thread over a read-only connection of the store's
 * own, which reads on while another connection writes.
 */
void
cited_store_list_articles_async (CitedStore          *self,
                                 const CitedQuery    *query,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CITED_IS_STORE (self));

  start_read (self, cited_store_list_articles_async, list_articles_cb, copy_query (query),
              free_query, (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * cited_store_list_articles_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Cited.Store.list_articles_async].
 *
 * Returns: (transfer container) (element-type CitedArticle): the articles
 *   without bodies, or %NULL with @error set (%G_IO_ERROR_CANCELLED when
 *   cancelled)
 */
GPtrArray *
cited_store_list_articles_finish (CitedStore    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_read (self, result, cited_store_list_articles_async, error);
}

static gpointer
list_article_ids_cb (CitedStore *reader, gpointer query, GCancellable *cancellable, GError **error)
{
  return cited_store_list_article_ids (reader, query, error);
}

/**
 * cited_store_list_article_ids_async:
 * @self: a store
 * @query: (nullable): filters, sort order, offset and limit
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the ids are read
 * @user_data: data for @callback
 *
 * Lists the ids of the articles a query matches, in its order, as
 * [method@Cited.Store.list_article_ids] does, in a worker thread.
 */
void
cited_store_list_article_ids_async (CitedStore          *self,
                                    const CitedQuery    *query,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CITED_IS_STORE (self));

  start_read (self, cited_store_list_article_ids_async, list_article_ids_cb, copy_query (query),
              free_query, (GDestroyNotify) g_array_unref, cancellable, callback, user_data);
}

/**
 * cited_store_list_article_ids_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Cited.Store.list_article_ids_async].
 *
 * Returns: (transfer full) (element-type gint64): the article ids, or
 *   %NULL with @error set
 */
GArray *
cited_store_list_article_ids_finish (CitedStore    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_read (self, result, cited_store_list_article_ids_async, error);
}

static gpointer
list_figures_cb (CitedStore *reader, gpointer query, GCancellable *cancellable, GError **error)
{
  return cited_store_list_figures (reader, query, error);
}

/**
 * cited_store_list_figures_async:
 * @self: a store
 * @query: (nullable): filters, sort order, offset and limit
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the figures are read
 * @user_data: data for @callback
 *
 * Lists the figures a query matches, as [method@Cited.Store.list_figures]
 * does, in a worker thread.
 */
void
cited_store_list_figures_async (CitedStore          *self,
                                const CitedQuery    *query,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CITED_IS_STORE (self));

  start_read (self, cited_store_list_figures_async, list_figures_cb, copy_query (query),
              free_query, (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * cited_store_list_figures_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Cited.Store.list_figures_async].
 *
 * Returns: (transfer container) (element-type CitedFigure): the figures,
 *   or %NULL with @error set
 */
GPtrArray *
cited_store_list_figures_finish (CitedStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_read (self, result, cited_store_list_figures_async, error);
}

static gpointer
list_metrics_cb (CitedStore *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  return cited_store_list_metrics (reader, error);
}

/**
 * cited_store_list_metrics_async:
 * @self: a store
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the metrics are read
 * @user_data: data for @callback
 *
 * Lists the metrics of the figures, as [method@Cited.Store.list_metrics]
 * does, in a worker thread.
 */
void
cited_store_list_metrics_async (CitedStore          *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CITED_IS_STORE (self));

  start_read (self, cited_store_list_metrics_async, list_metrics_cb, NULL, NULL,
              (GDestroyNotify) g_strfreev, cancellable, callback, user_data);
}

/**
 * cited_store_list_metrics_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Cited.Store.list_metrics_async]. A store without
 * figures has no metric: an empty list, not %NULL.
 *
 * Returns: (transfer full): the metrics, most figures first, or %NULL
 *   with @error set
 */
GStrv
cited_store_list_metrics_finish (CitedStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_read (self, result, cited_store_list_metrics_async, error);
}

static gpointer
brand_stats_cb (CitedStore *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  return cited_store_brand_stats (reader, GPOINTER_TO_INT (data), error);
}

/**
 * cited_store_brand_stats_async:
 * @self: a store
 * @include_unmentioned: whether brands never mentioned are listed too
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the statistics are read
 * @user_data: data for @callback
 *
 * Reads each brand's statistics, as [method@Cited.Store.brand_stats]
 * does, in a worker thread.
 */
void
cited_store_brand_stats_async (CitedStore          *self,
                               gboolean             include_unmentioned,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (CITED_IS_STORE (self));

  start_read (self, cited_store_brand_stats_async, brand_stats_cb,
              GINT_TO_POINTER (!!include_unmentioned), NULL, (GDestroyNotify) g_ptr_array_unref,
              cancellable, callback, user_data);
}

/**
 * cited_store_brand_stats_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Cited.Store.brand_stats_async].
 *
 * Returns: (transfer container) (element-type CitedBrandStats): the
 *   brands, most mentioned first, or %NULL with @error set
 */
GPtrArray *
cited_store_brand_stats_finish (CitedStore    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_read (self, result, cited_store_brand_stats_async, error);
}

static gpointer
brand_mentions_by_month_cb (CitedStore *reader, gpointer brand, GCancellable *cancellable, GError **error)
{
  return cited_store_brand_mentions_by_month (reader, brand, error);
}

/**
 * cited_store_brand_mentions_by_month_async:
 * @self: a store
 * @brand: a brand's name
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the months are read
 * @user_data: data for @callback
 *
 * Counts a brand's mentions per month, as
 * [method@Cited.Store.brand_mentions_by_month] does, in a worker thread.
 */
void
cited_store_brand_mentions_by_month_async (CitedStore          *self,
                                           const char          *brand,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (CITED_IS_STORE (self));
  g_return_if_fail (brand != NULL);

  start_read (self, cited_store_brand_mentions_by_month_async, brand_mentions_by_month_cb,
              g_strdup (brand), g_free, (GDestroyNotify) g_ptr_array_unref,
              cancellable, callback, user_data);
}

/**
 * cited_store_brand_mentions_by_month_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Cited.Store.brand_mentions_by_month_async].
 *
 * Returns: (transfer container) (element-type CitedCount): one count per
 *   month ("YYYY-MM"), or %NULL with @error set
 */
GPtrArray *
cited_store_brand_mentions_by_month_finish (CitedStore    *self,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  return finish_read (self, result, cited_store_brand_mentions_by_month_async, error);
}
