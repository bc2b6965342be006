/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-reextract"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cited-importer.h"
#include "cited-store.h"
#include "cited-test-files.h"

/*
 * The re-extraction benchmark: the BBC corpus imported into a fresh store,
 * then re-extracted whole (cited_store_reextract(), what a new extractor
 * or a change of brands does), alone and while another connection, in a thread,
 * writes one short transaction after another, as the app or cited-cli
 * would meanwhile. The longest time that writer waited for the write lock
 * is the longest the re-extraction held it. Prints the times; asserts
 * nothing about time. Only public API, so that the same file measures an
 * older build too.
 *
 *   CITED_BENCH_CORPUS  the folder to import (default: the shared BBC corpus
 *                       beside the source tree)
 *   CITED_BENCH_RUNS    re-extractions measured (default 3)
 */

typedef struct {
  const char *path;
  gint        stop;        /* atomic */
  gint        n_writes;    /* atomic */
  gint64      longest;     /* µs */
  gint64      total;       /* µs */
} Writer;

/* Retries at once (after 100 µs), so that a wait ends when the lock is
 * free rather than at SQLite's next back-off step. */
static int
busy_cb (void *data,
         int   n)
{
  g_usleep (100);
  return 1;
}

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (writer->path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    g_error ("Could not open %s: %s", writer->path, sqlite3_errmsg (db));
  sqlite3_busy_handler (db, busy_cb, NULL);
  while (!g_atomic_int_get (&writer->stop))
    {
      gint64 start = g_get_monotonic_time ();
      gint64 waited;

      /* A write that changes nothing the re-extraction reads. */
      if (sqlite3_exec (db, "BEGIN IMMEDIATE; UPDATE lexicon_generation SET n = n; COMMIT",
                        NULL, NULL, NULL) != SQLITE_OK)
        g_error ("The writer failed: %s", sqlite3_errmsg (db));
      waited = g_get_monotonic_time () - start;
      writer->longest = MAX (writer->longest, waited);
      writer->total += waited;
      g_atomic_int_inc (&writer->n_writes);
      /* Leave the lock to the re-extraction between two writes. */
      g_usleep (2000);
    }
  sqlite3_close (db);
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedImportResult) result = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *corpus = NULL;
  const char *runs_env = g_getenv ("CITED_BENCH_RUNS");
  guint runs = runs_env != NULL ? (guint) MAX (1, atoi (runs_env)) : 3;

  if (g_getenv ("CITED_BENCH_CORPUS") != NULL)
    corpus = g_strdup (g_getenv ("CITED_BENCH_CORPUS"));
  else if (g_getenv ("CITED_SOURCE_ROOT") != NULL)
    corpus = g_build_filename (g_getenv ("CITED_SOURCE_ROOT"), "..", "shared", "corpora", "bbc", NULL);
  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      /* 77: skipped, as meson counts it; not a pass. */
      fprintf (stderr, "No corpus: set CITED_BENCH_CORPUS or CITED_SOURCE_ROOT\n");
      return 77;
    }

  dir = g_dir_make_tmp ("cited-bench-reextract-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "cited.db", NULL);
  store = cited_store_open (path, &error);
  g_assert_no_error (error);
  {
    const char *paths[] = { corpus, NULL };

    result = cited_import_paths (store, paths, TRUE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  printf ("Re-extraction benchmark: %u articles from %s\n", result->n_added, corpus);
  printf ("run  alone     with the writer  writes meanwhile  writer's longest wait  mean wait\n");

  for (guint run = 0; run < runs; run++)
    {
      Writer writer = { path };
      GThread *thread;
      gint64 start, elapsed, alone;

      start = g_get_monotonic_time ();
      if (!cited_store_reextract (store, NULL, &error))
        g_error ("Re-extraction failed: %s", error->message);
      alone = g_get_monotonic_time () - start;

      thread = g_thread_new ("writer", writer_thread, &writer);
      /* Let the writer start before the re-extraction does. */
      while (g_atomic_int_get (&writer.n_writes) == 0)
        g_usleep (1000);
      start = g_get_monotonic_time ();
      if (!cited_store_reextract (store, NULL, &error))
        g_error ("Re-extraction failed: %s", error->message);
      elapsed = g_get_monotonic_time () - start;
      g_atomic_int_set (&writer.stop, TRUE);
      g_thread_join (thread);

      printf ("%3u  %6.2f s  %13.2f s  %16d  %18.1f ms  %6.2f ms\n", run + 1, alone / 1e6, elapsed / 1e6,
              writer.n_writes, writer.longest / 1e3,
              writer.n_writes > 0 ? writer.total / 1e3 / writer.n_writes : 0.0);
    }

  g_clear_object (&store);
  cited_test_remove_tree (dir);
  return 0;
}
