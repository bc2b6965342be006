/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-import"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cited-bench-fts.h"
#include "cited-importer.h"
#include "cited-store.h"
#include "cited-test-files.h"

/*
 * The import benchmark: the BBC corpus replicated ten times (22,250 files,
 * each copy with distinct titles so that nothing is skipped as a duplicate)
 * imported by cited_import_paths() (decode, parse, extract, store, full-text
 * index), and side by side the same files read and inserted into a bare
 * SQLite FTS5 table with the store's tokenizer in one transaction. Prints
 * the times and their ratio; asserts nothing about time.
 *
 *   CITED_BENCH_COPIES  number of copies (default 10)
 */

/* Copies the category folders of @bbc @copies times into @dest, the title
 * line of each file marked with its copy number. Returns the bytes written. */
static guint64
replicate (const char *bbc,
           const char *dest,
           guint       copies,
           GPtrArray  *files)
{
  static const char * const categories[] = {
    "business", "entertainment", "politics", "sport", "tech",
  };
  guint64 bytes = 0;

  for (guint c = 0; c < copies; c++)
    for (guint k = 0; k < G_N_ELEMENTS (categories); k++)
      {
        g_autofree char *src_dir = g_build_filename (bbc, categories[k], NULL);
        g_autofree char *copy_name = g_strdup_printf ("copy-%02u", c);
        g_autofree char *dst_dir = g_build_filename (dest, copy_name, categories[k], NULL);
        g_autoptr(GDir) dir = g_dir_open (src_dir, 0, NULL);
        const char *name;

        if (dir == NULL)
          continue;
        g_mkdir_with_parents (dst_dir, 0700);
        while ((name = g_dir_read_name (dir)) != NULL)
          {
            g_autofree char *src = g_build_filename (src_dir, name, NULL);
            g_autofree char *dst = g_build_filename (dst_dir, name, NULL);
            g_autofree char *contents = NULL;
            g_autoptr(GString) marked = NULL;
            const char *eol;
            gsize length;

            if (!g_file_get_contents (src, &contents, &length, NULL))
              continue;
            eol = memchr (contents, '\n', length);
            marked = g_string_sized_new (length + 16);
            if (eol == NULL)
              g_string_append_len (marked, contents, length);
            else
              {
                g_string_append_len (marked, contents, eol - contents);
                g_string_append_printf (marked, " (%u)", c + 1);
                g_string_append_len (marked, eol, length - (eol - contents));
              }
            if (g_file_set_contents (dst, marked->str, marked->len, NULL))
              {
                bytes += marked->len;
                g_ptr_array_add (files, g_steal_pointer (&dst));
              }
          }
      }
  return bytes;
}

/* Reads every file and inserts title (first line) and body into a bare FTS5
 * table in one transaction. Returns the seconds taken, or < 0 on failure;
 * @insert_seconds gets the time of the inserts alone, @cpu the CPU time. */
static double
bare_fts_insert (const char *db_path,
                 GPtrArray  *files,
                 double     *insert_seconds,
                 double     *cpu)
{
  CitedBenchFts bare;
  double cpu_start;
  gint64 start, read_time = 0;
  double seconds;

  if (!cited_bench_fts_open (&bare, db_path))
    return -1;
  start = g_get_monotonic_time ();
  cpu_start = cited_bench_cpu_seconds ();
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *contents = NULL;
      gsize length;
      const char *eol;
      gint64 read_start = g_get_monotonic_time ();

      if (!g_file_get_contents (g_ptr_array_index (files, i), &contents, &length, NULL))
        continue;
      eol = memchr (contents, '\n', length);
      read_time += g_get_monotonic_time () - read_start;
      if (eol == NULL)
        eol = contents + length;
      if (!cited_bench_fts_insert (&bare, contents, eol - contents, eol, length - (eol - contents)))
        {
          cited_bench_fts_close (&bare);
          return -1;
        }
    }
  if (!cited_bench_fts_finish (&bare))
    return -1;
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  *cpu = cited_bench_cpu_seconds () - cpu_start;
  *insert_seconds = seconds - read_time / (double) G_USEC_PER_SEC;
  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  const char *root = g_getenv ("CITED_SOURCE_ROOT");
  const char *copies_env = g_getenv ("CITED_BENCH_COPIES");
  guint copies = copies_env ? (guint) g_ascii_strtoull (copies_env, NULL, 10) : 10;
  g_autofree char *bbc = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *corpus_dir = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *bare_path = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedImportResult) result = NULL;
  const char *paths[2] = { NULL, NULL };
  guint64 bytes;
  gint64 start;
  double import_seconds, bare_seconds, bare_insert_seconds = 0, mb;
  double import_cpu, bare_cpu = 0, cpu_start;

  if (copies == 0)
    copies = 10;
  if (root == NULL)
    {
      g_printerr ("CITED_SOURCE_ROOT is not set; run through meson benchmark\n");
      return 77;
    }
  bbc = g_build_filename (root, "..", "shared", "corpora", "bbc", NULL);
  if (!g_file_test (bbc, G_FILE_TEST_IS_DIR))
    {
      g_printerr ("%s is not there: no corpus to benchmark\n", bbc);
      return 77;
    }

  tmp = g_dir_make_tmp ("cited-bench-import-XXXXXX", &error);
  g_assert_no_error (error);
  corpus_dir = g_build_filename (tmp, "corpus", NULL);
  store_path = g_build_filename (tmp, "cited.db", NULL);
  bare_path = g_build_filename (tmp, "bare.db", NULL);

  bytes = replicate (bbc, corpus_dir, copies, files);
  mb = bytes / 1e6;
  printf ("Import benchmark: BBC corpus x %u = %u files, %.1f MB\n", copies, files->len, mb);

  /* (b) the bare FTS5 insert, the floor of what storing costs, run before
   * and after the import; the faster run is the baseline, so that a busy
   * machine does not flatter the ratio. */
  bare_seconds = bare_fts_insert (bare_path, files, &bare_insert_seconds, &bare_cpu);
  if (bare_seconds < 0)
    {
      cited_test_remove_tree (tmp);
      return 1;
    }
  g_remove (bare_path);

  /* (a) the whole import. */
  store = cited_store_open (store_path, &error);
  g_assert_no_error (error);
  paths[0] = corpus_dir;
  start = g_get_monotonic_time ();
  cpu_start = cited_bench_cpu_seconds ();
  result = cited_import_paths (store, paths, TRUE, NULL, NULL, NULL, &error);
  import_seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  import_cpu = cited_bench_cpu_seconds () - cpu_start;
  g_assert_no_error (error);

  {
    g_autofree char *bare2_path = g_build_filename (tmp, "bare2.db", NULL);
    double insert2 = 0;
    double cpu2 = 0;
    double bare2 = bare_fts_insert (bare2_path, files, &insert2, &cpu2);

    printf ("  bare insert runs: %.2f s before, %.2f s after the import\n", bare_seconds, bare2);
    if (bare2 > 0 && bare2 < bare_seconds)
      {
        bare_seconds = bare2;
        bare_insert_seconds = insert2;
      }
    if (cpu2 > 0 && cpu2 < bare_cpu)
      bare_cpu = cpu2;
  }

  printf ("\n");
  printf ("  %-46s %9s %12s %9s\n", "", "seconds", "articles/s", "MB/s");
  printf ("  %-46s %9.2f %12.0f %9.2f\n",
          "cited_import_paths (parse+extract+store+FTS)",
          import_seconds, result->n_added / import_seconds, mb / import_seconds);
  printf ("  %-46s %9.2f %12.0f %9.2f\n",
          "bare SQLite FTS5 insert (read files + insert)",
          bare_seconds, files->len / bare_seconds, mb / bare_seconds);
  printf ("  %-46s %9.2f %12.0f %9.2f\n",
          "bare SQLite FTS5 insert (inserts only)",
          bare_insert_seconds, files->len / bare_insert_seconds, mb / bare_insert_seconds);
  printf ("\n  tokenizer: %s; %u added, %u duplicates, %u rejected\n",
          CITED_BENCH_FTS_TOKENIZER, result->n_added, result->n_duplicates, result->rejected->len);
  printf ("  ratio import / bare insert: %.2f (target <= 2.00)\n", import_seconds / bare_seconds);
  printf ("  ratio import / bare inserts only: %.2f\n", import_seconds / bare_insert_seconds);
  printf ("  CPU seconds: import %.2f, bare %.2f, ratio %.2f\n",
          import_cpu, bare_cpu, import_cpu / bare_cpu);

  g_clear_object (&store);
  cited_test_remove_tree (tmp);
  return 0;
}
