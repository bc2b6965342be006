/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The benchmarks' baseline for storing articles: the same texts inserted
 * into a bare SQLite FTS5 table (title, body) with the store's word-level
 * tokenizer, in one transaction, with the store's settings. What a store
 * of articles costs at the least: the text kept once and indexed. */

#include <stdio.h>
#include <time.h>

#include <glib.h>
#include <sqlite3.h>

#include "cited-fts-private.h"

#define CITED_BENCH_FTS_TOKENIZER "cited"

typedef struct {
  sqlite3      *db;
  sqlite3_stmt *insert;
} CitedBenchFts;

/* CPU time of the process: steadier than wall time on a busy machine. */
static inline double
cited_bench_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline gboolean
cited_bench_fts_exec (sqlite3    *db,
                      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_printerr ("SQLite: %s\n", message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static inline void
cited_bench_fts_close (CitedBenchFts *bench)
{
  sqlite3_finalize (bench->insert);
  sqlite3_close (bench->db);
  bench->insert = NULL;
  bench->db = NULL;
}

/* Creates the bare table in a new database at @path and begins the
 * transaction. */
static inline gboolean
cited_bench_fts_open (CitedBenchFts *bench,
                      const char    *path)
{
  bench->db = NULL;
  bench->insert = NULL;
  if (sqlite3_open (path, &bench->db) != SQLITE_OK || cited_fts_register (bench->db) != SQLITE_OK)
    goto fail;
  /* The same settings as the store (lib/cited-store.c). */
  if (!cited_bench_fts_exec (bench->db,
                             "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                             "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;"
                             "CREATE VIRTUAL TABLE bare USING fts5 (title, body, tokenize = '"
                             CITED_BENCH_FTS_TOKENIZER "');"))
    goto fail;
  if (sqlite3_prepare_v2 (bench->db, "INSERT INTO bare (title, body) VALUES (?, ?)", -1,
                          &bench->insert, NULL) != SQLITE_OK)
    goto fail;
  if (!cited_bench_fts_exec (bench->db, "BEGIN"))
    goto fail;
  return TRUE;

fail:
  if (bench->db != NULL)
    g_printerr ("SQLite: %s\n", sqlite3_errmsg (bench->db));
  cited_bench_fts_close (bench);
  return FALSE;
}

static inline gboolean
cited_bench_fts_insert (CitedBenchFts *bench,
                        const char    *title,
                        gsize          title_length,
                        const char    *body,
                        gsize          body_length)
{
  sqlite3_bind_text (bench->insert, 1, title, (int) title_length, SQLITE_STATIC);
  sqlite3_bind_text (bench->insert, 2, body, (int) body_length, SQLITE_STATIC);
  if (sqlite3_step (bench->insert) != SQLITE_DONE)
    {
      g_printerr ("SQLite: %s\n", sqlite3_errmsg (bench->db));
      sqlite3_reset (bench->insert);
      return FALSE;
    }
  sqlite3_reset (bench->insert);
  return TRUE;
}

/* Commits and closes. */
static inline gboolean
cited_bench_fts_finish (CitedBenchFts *bench)
{
  gboolean ok = cited_bench_fts_exec (bench->db, "COMMIT");

  cited_bench_fts_close (bench);
  return ok;
}
