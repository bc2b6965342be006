/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-app"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <malloc.h>
#include <sqlite3.h>

#include "cited-application.h"
#include "cited-bench-fts.h"
#include "cited-article-list.h"
#include "cited-article-row.h"
#include "cited-brands-page-private.h"
#include "cited-figures-page-private.h"
#include "cited-importer.h"
#include "cited-importer-private.h"
#include "cited-window.h"
#include "cited-bench.h"
#include "cited-test-files.h"

/*
 * The desktop app over a store of 100,000 real articles: the BBC corpus
 * replicated (each copy with its own titles, dates spread over eight years)
 * and inserted through cited_store_add_articles() once, then kept in the
 * build directory for later runs. Measures, under Xvfb:
 *
 *   1. opening: from cited_store_open() through creating the CitedWindow to
 *      the first painted frame, and to the first frame painted after the
 *      window said it is ready (the list filled), in fresh windows;
 *   2. scrolling the Articles list to row 5,000 one page per frame;
 *   3. searching through the search entry, and the same queries at the
 *      store level;
 *   4. showing the Figures and Brands pages, which load when first shown:
 *      to the first frame, to the first frame with the Figures page's rows
 *      in its table, and to the first frame with everything read;
 *   5. peak memory (VmHWM) after opening, scrolling, searching and showing
 *      the other pages.
 *
 * Prints the figures; asserts only what must be true whatever the speed
 * (100,000 listed articles, the sample corpus not imported, searches list
 * what the store counts, the list really scrolled to row 5,000).
 *
 *   CITED_BENCH_ARTICLES  articles in the store (default 100000)
 */

/* Bump when the generated store should be built again (2: bodies
 * compressed, schema step 15). */
#define STORE_VERSION "2"
/* Articles per cited_store_add_articles() call, as the importer's
 * transactions; CITED_BENCH_BATCH sets another. */
#define BATCH_SIZE CITED_IMPORT_BATCH_SIZE
#define N_OPENS 5
#define SCROLL_TARGET_ROW 5000
#define N_SEARCH_REPEATS 5
#define WAIT_SECONDS 600
#define FIRST_YEAR 2004
#define N_DAYS 2922          /* 2004-01-01 .. 2011-12-31 */

static const char * const queries[] = { "Blair", "economy growth", "bn", "football" };

static struct {
  CitedApplication *app;
  guint             n_articles;
  char             *store_dir;
  char             *store_path;
  gboolean          built_now;
  CitedWindow      *window;   /* the last opened window, kept for scrolling and searching */
  CitedStore       *store;
  GPtrArray        *memory;   /* lines for the memory summary */
} bench;

/* Helpers */

static gint64
cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static double
ms (gint64 usec)
{
  return usec / 1000.0;
}

static void
print_stats (const char *label,
             GArray     *values)
{
  printf ("  %-52s median %8.1f  min %8.1f  max %8.1f ms\n", label,
          cited_bench_quantile (values, 0.5), cited_bench_quantile (values, 0.0), cited_bench_quantile (values, 1.0));
}

/* A line from /proc/self/status ("VmHWM", "VmRSS") in MiB, or -1. */
static double
status_mib (const char *field)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize field_len = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return -1;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], field, field_len) == 0 && lines[i][field_len] == ':')
      return g_ascii_strtod (lines[i] + field_len + 1, NULL) / 1024.0;
  return -1;
}

/* The largest heap in use (malloc's, mmapped blocks included) seen since
 * the last memory line, polled every 2 ms by a thread of its own: what a
 * phase made and freed again shows here and not in the line's "heap in
 * use". */
static gsize heap_peak;

static gsize
heap_now (void)
{
  struct mallinfo2 heap = mallinfo2 ();

  return heap.uordblks + heap.hblkhd;
}

static gpointer
poll_heap_cb (gpointer data)
{
  for (;;)
    {
      gsize now = heap_now ();
      gsize peak = g_atomic_pointer_get (&heap_peak);

      if (now > peak)
        g_atomic_pointer_compare_and_exchange (&heap_peak, peak, now);
      g_usleep (2000);
    }
  return NULL;
}

static void
note_memory (const char *when)
{
  struct mallinfo2 heap = mallinfo2 ();
  char *line = g_strdup_printf ("  %-40s VmHWM %7.1f MiB  VmRSS %7.1f MiB"
                                "  (anonymous %6.1f, files %6.1f, shared %6.1f MiB;"
                                " SQLite %6.1f MiB, its peak %6.1f; heap in use %6.1f MiB, its peak %6.1f)",
                                when, status_mib ("VmHWM"), status_mib ("VmRSS"),
                                status_mib ("RssAnon"), status_mib ("RssFile"), status_mib ("RssShmem"),
                                sqlite3_memory_used () / 1048576.0,
                                sqlite3_memory_highwater (FALSE) / 1048576.0,
                                heap.uordblks / 1048576.0,
                                g_atomic_pointer_get (&heap_peak) / 1048576.0);

  printf ("%s\n", line);
  g_ptr_array_add (bench.memory, line);
  g_atomic_pointer_set (&heap_peak, heap_now ());
}

/* Starts the peak-RSS count again (Linux: writing 5 to clear_refs), so that
 * building the store does not count as the app's memory. */
static gboolean
reset_peak_rss (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (file == NULL)
    return FALSE;
  ok = fputs ("5", file) >= 0;
  sqlite3_memory_highwater (TRUE);
  return fclose (file) == 0 && ok;
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @done says so. The limit only keeps a broken
 * build from hanging; it is not a timing assertion. */
static gboolean
wait_for (gboolean (*done) (gpointer),
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  guint wake = g_timeout_add (50, wake_cb, NULL);
  gboolean ok = TRUE;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          ok = FALSE;
          break;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
  return ok;
}

static gboolean
flag_done (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
idle_done (gpointer data)
{
  return !g_main_context_pending (NULL);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The list view showing @model (the dropdowns' popovers hold list views
 * of their own). */
static GtkWidget *
find_list_view (GtkWidget  *widget,
                GListModel *model)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_VIEW (child) &&
          gtk_list_view_get_model (GTK_LIST_VIEW (child)) == GTK_SELECTION_MODEL (model))
        return child;
      found = find_list_view (child, model);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Building the store */

static int
cmp_string (gconstpointer a,
            gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The BBC articles, parsed once, in a fixed order, exact duplicates (same
 * title and body) left out. Each article's path is made relative to the
 * corpus ("business/001.txt"). */
static GPtrArray *
load_bbc (const char *bbc,
          guint64    *bytes)
{
  static const char * const categories[] = {
    "business", "entertainment", "politics", "sport", "tech",
  };
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *bytes = 0;
  for (guint k = 0; k < G_N_ELEMENTS (categories); k++)
    {
      g_autofree char *dir_path = g_build_filename (bbc, categories[k], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, cmp_string);

      for (guint i = 0; i < names->len; i++)
        {
          const char *file = g_ptr_array_index (names, i);
          g_autofree char *path = g_build_filename (dir_path, file, NULL);
          g_autoptr(GPtrArray) parsed = cited_parse_file (path, NULL);

          /* A file the importer refuses is simply not part of the set. */
          for (guint j = 0; parsed != NULL && j < parsed->len; j++)
            {
              CitedArticle *article = g_ptr_array_index (parsed, j);
              char *key = g_strconcat (article->title ? article->title : "", "\n", article->body, NULL);

              if (!g_hash_table_add (seen, key))
                continue;
              g_free (article->path);
              article->path = g_build_filename (categories[k], file, NULL);
              *bytes += strlen (article->body) + (article->title ? strlen (article->title) : 0);
              g_ptr_array_add (articles, cited_article_ref (article));
            }
        }
    }
  return g_steal_pointer (&articles);
}

/* Article @n of the generated set: copy n / len of a BBC article, its title
 * marked with the copy number, dated on a day spread over eight years. */
static CitedArticle *
make_article (GPtrArray *bbc,
              guint      n)
{
  CitedArticle *source = g_ptr_array_index (bbc, n % bbc->len);
  guint copy = n / bbc->len;
  CitedArticle *article = cited_article_new ();
  g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, FIRST_YEAR);
  char published[16];

  /* 7919 is prime to N_DAYS, so consecutive articles land far apart and
   * every day gets about the same number of articles. */
  g_date_add_days (date, (n * 7919u) % N_DAYS);
  g_date_strftime (published, sizeof published, "%Y-%m-%d", date);

  article->title = copy == 0 ? g_strdup (source->title)
                             : g_strdup_printf ("%s (copy %u)", source->title, copy);
  article->body = g_strdup (source->body);
  article->source = g_strdup ("BBC News");
  article->language = g_strdup (source->language ? source->language : "en");
  article->published = g_strdup (published);
  article->path = g_strdup_printf ("bbc/copy-%02u/%s", copy, source->path);
  return article;
}

static guint
store_count (CitedStore *store)
{
  g_autoptr(GError) error = NULL;
  CitedQuery all = { 0 };
  guint n = cited_store_count_articles (store, &all, &error);

  g_assert_no_error (error);
  return n;
}

/* The articles of the store inserted into a bare FTS5 table in @dir (and
 * removed after): the baseline of building the store. Returns the
 * seconds, @cpu the CPU seconds. */
static double
bare_fts_insert (const char *dir,
                 GPtrArray  *articles,
                 double     *cpu)
{
  g_autofree char *path = g_build_filename (dir, "bare.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  CitedBenchFts bare;
  gint64 start;
  double cpu_start;
  double seconds;

  g_assert_true (cited_bench_fts_open (&bare, path));
  start = g_get_monotonic_time ();
  cpu_start = cited_bench_cpu_seconds ();
  for (guint i = 0; i < bench.n_articles; i++)
    {
      g_autoptr(CitedArticle) article = make_article (articles, i);

      g_assert_true (cited_bench_fts_insert (&bare, article->title, strlen (article->title),
                                             article->body, strlen (article->body)));
    }
  g_assert_true (cited_bench_fts_finish (&bare));
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  *cpu = cited_bench_cpu_seconds () - cpu_start;
  g_remove (path);
  g_remove (wal);
  return seconds;
}

/* Builds the store in a scratch folder beside the cached one and moves it
 * into place only when complete, so an interrupted run never leaves a half
 * store that a later run would trust. */
static void
build_store (void)
{
  g_autofree char *bbc = NULL;
  g_autofree char *scratch = NULL;
  g_autofree char *scratch_db = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint64 corpus_bytes = 0, bytes = 0;
  guint n_added_total = 0;
  gint64 start, elapsed;
  double seconds, cpu, cpu_start, bare_seconds, bare_cpu;
  GStatBuf st;
  guint batch_size = BATCH_SIZE;

  if (g_getenv ("CITED_BENCH_BATCH") != NULL)
    batch_size = MAX (1, (guint) g_ascii_strtoull (g_getenv ("CITED_BENCH_BATCH"), NULL, 10));
  bbc = g_build_filename (g_getenv ("CITED_SOURCE_ROOT"), "..", "shared", "corpora", "bbc", NULL);
  articles = load_bbc (bbc, &corpus_bytes);
  g_assert_cmpuint (articles->len, >, 2000);

  scratch = g_strconcat (bench.store_dir, ".partial", NULL);
  cited_test_remove_tree (scratch);
  g_assert_cmpint (g_mkdir_with_parents (scratch, 0700), ==, 0);
  scratch_db = g_build_filename (scratch, "cited.db", NULL);

  printf ("Building the store: %u distinct BBC articles x %.1f = %u articles\n",
          articles->len, (double) bench.n_articles / articles->len, bench.n_articles);

  start = g_get_monotonic_time ();
  cpu_start = cited_bench_cpu_seconds ();
  store = cited_store_open (scratch_db, &error);
  g_assert_no_error (error);

  for (guint n = 0; n < bench.n_articles; n += batch_size)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_article_unref);
      guint n_added = 0, n_duplicates = 0;

      for (guint i = n; i < MIN (n + batch_size, bench.n_articles); i++)
        {
          CitedArticle *article = make_article (articles, i);

          bytes += strlen (article->body) + strlen (article->title);
          g_ptr_array_add (batch, article);
        }
      cited_store_add_articles (store, batch, &n_added, &n_duplicates, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (n_duplicates, ==, 0);
      n_added_total += n_added;
    }
  g_assert_cmpuint (n_added_total, ==, bench.n_articles);
  g_clear_object (&store);
  elapsed = g_get_monotonic_time () - start;
  cpu = cited_bench_cpu_seconds () - cpu_start;

  seconds = elapsed / (double) G_USEC_PER_SEC;
  printf ("  inserted %u articles (%.0f MB of text) in batches of %u in %.1f s: "
          "%.0f articles/s, %.2f MB/s (extraction, full-text index, one transaction per batch)\n",
          n_added_total, bytes / 1e6, batch_size, seconds, n_added_total / seconds,
          bytes / 1e6 / seconds);
  g_assert_cmpint (g_stat (scratch_db, &st), ==, 0);
  printf ("  store file: %.0f MB, %.2f x the text\n", st.st_size / 1e6, st.st_size / (double) bytes);

  /* Side by side, the same texts into a bare FTS5 table. */
  bare_seconds = bare_fts_insert (scratch, articles, &bare_cpu);
  printf ("  bare SQLite FTS5 insert of the same texts (tokenizer %s, one transaction): %.1f s, "
          "CPU %.1f s\n", CITED_BENCH_FTS_TOKENIZER, bare_seconds, bare_cpu);
  printf ("  ratio store / bare insert: %.2f (target <= 2.00); CPU %.1f s / %.1f s = %.2f\n",
          seconds / bare_seconds, cpu, bare_cpu, cpu / bare_cpu);

  cited_test_remove_tree (bench.store_dir);
  g_assert_cmpint (g_rename (scratch, bench.store_dir), ==, 0);
  bench.built_now = TRUE;
}

static void
test_store (void)
{
  g_autoptr(CitedStore) store = NULL;
  g_autofree char *bbc = g_build_filename (g_getenv ("CITED_SOURCE_ROOT"), "..", "shared",
                                           "corpora", "bbc", NULL);
  GStatBuf st;

  if (g_file_test (bench.store_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) error = NULL;

      store = cited_store_open (bench.store_path, &error);
      if (store != NULL && store_count (store) == bench.n_articles)
        printf ("Using the store built by an earlier run (version %s): %s\n",
                STORE_VERSION, bench.store_path);
      else
        g_clear_object (&store);
    }

  if (store == NULL)
    {
      if (!g_file_test (bbc, G_FILE_TEST_IS_DIR))
        {
          g_test_skip ("The BBC corpus (../shared/corpora/bbc beside the source tree) is missing");
          return;
        }
      build_store ();
      store = cited_store_open (bench.store_path, NULL);
      g_assert_nonnull (store);
    }

  g_assert_cmpuint (store_count (store), ==, bench.n_articles);
  if (g_stat (bench.store_path, &st) == 0)
    printf ("  store file: %.0f MB\n", st.st_size / 1e6);

  if (bench.built_now && !reset_peak_rss ())
    printf ("  (could not reset the peak RSS count: memory figures include building the store)\n");
}

/* 1. Opening */

typedef struct {
  GdkFrameClock *clock;
  gulong         paint_handler;
  gboolean       ready;
  gboolean       painted;
  gboolean       ready_painted;
  gint64         t_first_paint;
  gint64         t_ready;
  gint64         t_ready_paint;
} OpenRun;

static void
after_paint_cb (GdkFrameClock *clock,
                OpenRun       *run)
{
  gint64 now = g_get_monotonic_time ();

  if (!run->painted)
    {
      run->painted = TRUE;
      run->t_first_paint = now;
    }
  if (run->ready && !run->ready_painted)
    {
      run->ready_painted = TRUE;
      run->t_ready_paint = now;
    }
}

static void
realize_cb (GtkWidget *widget,
            OpenRun   *run)
{
  run->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  run->paint_handler = g_signal_connect (run->clock, "after-paint", G_CALLBACK (after_paint_cb), run);
}

static void
ready_cb (CitedWindow *window,
          OpenRun     *run)
{
  if (!run->ready)
    {
      run->ready = TRUE;
      run->t_ready = g_get_monotonic_time ();
      /* Nothing guarantees a frame when the list happened to be filled
       * before the first one; ask for one so the wait below ends. */
      gtk_widget_queue_draw (GTK_WIDGET (window));
    }
}

static void
close_window (void)
{
  if (bench.window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (bench.window));
      bench.window = NULL;
      wait_for (idle_done, NULL);
    }
  g_clear_object (&bench.store);
}

static void
test_open (void)
{
  g_autoptr(GArray) first_paint = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ready_paint = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) store_open = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) window_new = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ready = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  const char *renderer = NULL;

  if (!g_file_test (bench.store_path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("No benchmark store (the BBC corpus is missing)");
      return;
    }

  /* The app opens the store named by $CITED_DB, as a user's would be. */
  g_setenv ("CITED_DB", bench.store_path, TRUE);
  note_memory ("before opening");

  printf ("\nOpening the store to a drawn window (%d fresh windows):\n", N_OPENS);
  for (guint i = 0; i < N_OPENS; i++)
    {
      OpenRun run = { 0 };
      g_autoptr(GError) error = NULL;
      CitedStore *store;
      CitedWindow *window;
      GListModel *model;
      double cpu;
      gint64 t0, t_store, t_window, cpu0;

      close_window ();

      cpu0 = cpu_usec ();
      t0 = g_get_monotonic_time ();
      store = cited_store_open (NULL, &error);
      g_assert_no_error (error);
      t_store = g_get_monotonic_time ();
      window = cited_window_new (bench.app, store);
      t_window = g_get_monotonic_time ();
      g_signal_connect (window, "ready", G_CALLBACK (ready_cb), &run);
      g_signal_connect (window, "realize", G_CALLBACK (realize_cb), &run);
      gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
      gtk_window_present (GTK_WINDOW (window));

      g_assert_true (wait_for (flag_done, &run.painted));
      g_assert_true (wait_for (flag_done, &run.ready_painted));
      cpu = ms (cpu_usec () - cpu0);
      g_array_append_val (cpu_ms, cpu);

      g_array_append_val (store_open, (double) { ms (t_store - t0) });
      g_array_append_val (window_new, (double) { ms (t_window - t0) });
      g_array_append_val (first_paint, (double) { ms (run.t_first_paint - t0) });
      g_array_append_val (ready, (double) { ms (run.t_ready - t0) });
      g_array_append_val (ready_paint, (double) { ms (run.t_ready_paint - t0) });
      printf ("  run %u: store open %6.1f, window created %6.1f, first frame %6.1f, "
              "ready %6.1f, list drawn %6.1f ms (CPU %6.1f ms, all threads)\n", i + 1,
              ms (t_store - t0), ms (t_window - t0), ms (run.t_first_paint - t0),
              ms (run.t_ready - t0), ms (run.t_ready_paint - t0), cpu);

      /* An existing store opens as it is: every article listed, the sample
       * corpus not imported on top. */
      g_assert_false (cited_window_get_loading (window));
      model = cited_articles_page_get_model (cited_window_get_articles_page (window));
      g_assert_nonnull (model);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, bench.n_articles);
      g_assert_cmpuint (store_count (store), ==, bench.n_articles);

      if (renderer == NULL)
        {
          GskRenderer *r = gtk_native_get_renderer (GTK_NATIVE (window));

          renderer = r ? G_OBJECT_TYPE_NAME (r) : "none";
        }

      g_signal_handler_disconnect (run.clock, run.paint_handler);
      g_clear_object (&run.clock);
      g_signal_handlers_disconnect_by_data (window, &run);

      bench.window = window;
      bench.store = store;
      if (i == 0)
        note_memory ("after opening (one window)");
    }

  printf ("  renderer: %s\n", renderer);
  print_stats ("cited_store_open", store_open);
  print_stats ("... + cited_window_new", window_new);
  print_stats ("... to the first painted frame", first_paint);
  print_stats ("... to \"ready\" (Articles page loaded)", ready);
  print_stats ("... to the first frame after \"ready\" (list drawn)", ready_paint);
  print_stats ("CPU time of the process, all threads, to the list drawn", cpu_ms);
  note_memory ("after opening five windows in turn");
}

/* 2. Scrolling */

typedef struct {
  GtkAdjustment *vadj;
  GListModel    *model;
  GArray        *intervals;   /* ms between frame times */
  GArray        *work;        /* ms from the tick to the end of its paint */
  gint64         last_frame_time;
  gint64         tick_start;
  guint          target_row;
  guint          n_frames;
  gboolean       reached;
  gboolean       done;
} ScrollRun;

static double
center_row_estimate (ScrollRun *run)
{
  double upper = gtk_adjustment_get_upper (run->vadj);
  double value = gtk_adjustment_get_value (run->vadj);
  double page = gtk_adjustment_get_page_size (run->vadj);

  if (upper <= 0)
    return 0;
  return (value + page / 2) / upper * g_list_model_get_n_items (run->model);
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  ScrollRun *run = user_data;
  gint64 frame_time = gdk_frame_clock_get_frame_time (clock);

  if (run->last_frame_time != 0)
    g_array_append_val (run->intervals, (double) { ms (frame_time - run->last_frame_time) });
  run->last_frame_time = frame_time;

  if (run->reached)
    {
      /* The frame after the last step has been drawn. */
      run->done = TRUE;
      return G_SOURCE_REMOVE;
    }

  run->tick_start = g_get_monotonic_time ();
  gtk_adjustment_set_value (run->vadj,
                            gtk_adjustment_get_value (run->vadj) +
                            gtk_adjustment_get_page_size (run->vadj));
  run->n_frames++;
  if (center_row_estimate (run) >= run->target_row ||
      gtk_adjustment_get_value (run->vadj) >=
      gtk_adjustment_get_upper (run->vadj) - gtk_adjustment_get_page_size (run->vadj))
    run->reached = TRUE;
  return G_SOURCE_CONTINUE;
}

static void
scroll_paint_cb (GdkFrameClock *clock,
                 ScrollRun     *run)
{
  if (run->tick_start != 0)
    {
      g_array_append_val (run->work, (double) { ms (g_get_monotonic_time () - run->tick_start) });
      run->tick_start = 0;
    }
}

typedef struct {
  GtkWidget *window;
  GArray    *work;
  gint64     tick_start;
  guint      n_frames;
  gboolean   done;
} RedrawRun;

static gboolean
redraw_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  RedrawRun *run = user_data;

  if (run->n_frames == 60)
    {
      run->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  run->tick_start = g_get_monotonic_time ();
  gtk_widget_queue_draw (run->window);
  run->n_frames++;
  return G_SOURCE_CONTINUE;
}

static void
redraw_paint_cb (GdkFrameClock *clock,
                 RedrawRun     *run)
{
  if (run->tick_start != 0)
    {
      g_array_append_val (run->work, (double) { ms (g_get_monotonic_time () - run->tick_start) });
      run->tick_start = 0;
    }
}

/* What a frame costs when nothing changes but the whole window is drawn
 * again: the renderer's share of every scrolling frame. */
static double
redraw_baseline (GtkWidget *window)
{
  g_autoptr(GArray) work = g_array_new (FALSE, FALSE, sizeof (double));
  RedrawRun run = { window, work, 0, 0, FALSE };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (redraw_paint_cb), &run);

  gtk_widget_add_tick_callback (window, redraw_tick_cb, &run, NULL);
  g_assert_true (wait_for (flag_done, &run.done));
  g_signal_handler_disconnect (clock, handler);
  return cited_bench_quantile (work, 0.5);
}

/* One page of 64 rows as the list model loads it, at @offset. */
static double
page_load_ms (guint offset)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < 3; r++)
    {
      g_autoptr(GPtrArray) page = NULL;
      g_autoptr(GError) error = NULL;
      CitedQuery query = { 0 };
      gint64 t0 = g_get_monotonic_time ();

      query.sort = CITED_SORT_DATE_DESC;
      query.offset = offset;
      query.limit = 64;
      page = cited_store_list_articles (bench.store, &query, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, MIN (64, bench.n_articles - offset));
      g_array_append_val (times, (double) { ms (g_get_monotonic_time () - t0) });
    }
  return cited_bench_quantile (times, 0.5);
}

/* The position of the row drawn at the middle of the list, found by its
 * title among the rows near where the scroll bar says it is. */
static guint
center_row_position (GtkWidget *list_view,
                     ScrollRun *run)
{
  GtkWidget *picked;
  GtkWidget *row;
  const char *title;
  guint estimate, from, to;

  picked = gtk_widget_pick (list_view, gtk_widget_get_width (list_view) / 2.0,
                            gtk_widget_get_height (list_view) / 2.0, GTK_PICK_DEFAULT);
  g_assert_nonnull (picked);
  row = CITED_IS_ARTICLE_ROW (picked) ? picked : gtk_widget_get_ancestor (picked, CITED_TYPE_ARTICLE_ROW);
  if (row == NULL)
    row = find_descendant (picked, CITED_TYPE_ARTICLE_ROW);
  g_assert_nonnull (row);
  title = cited_article_row_get_title (CITED_ARTICLE_ROW (row));
  g_assert_nonnull (title);

  estimate = (guint) center_row_estimate (run);
  from = estimate > 500 ? estimate - 500 : 0;
  to = MIN (estimate + 500, g_list_model_get_n_items (run->model));
  for (guint i = from; i < to; i++)
    {
      g_autoptr(CitedArticleItem) item = g_list_model_get_item (run->model, i);
      CitedArticle *article = cited_article_item_get_article (item);

      if (article != NULL && g_strcmp0 (article->title, title) == 0)
        return i;
    }
  return G_MAXUINT;
}

static void
test_scroll (void)
{
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) work = g_array_new (FALSE, FALSE, sizeof (double));
  ScrollRun run = { 0 };
  CitedArticlesPage *page;
  GtkWidget *list_view;
  GdkFrameClock *clock;
  gulong paint_handler;
  guint position;
  gint64 start, elapsed;
  double baseline;

  if (bench.window == NULL)
    {
      g_test_skip ("No window: opening was skipped");
      return;
    }

  cited_window_set_visible_page (bench.window, "articles");
  page = cited_window_get_articles_page (bench.window);
  list_view = find_list_view (GTK_WIDGET (page),
                              G_LIST_MODEL (cited_articles_page_get_selection (page)));
  g_assert_nonnull (list_view);
  g_assert_true (gtk_widget_get_mapped (list_view));

  baseline = redraw_baseline (GTK_WIDGET (bench.window));

  run.vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  run.model = cited_articles_page_get_model (page);
  run.intervals = intervals;
  /* Smaller stores (CITED_BENCH_ARTICLES) scroll to 4/5 of the list. */
  run.target_row = MIN (SCROLL_TARGET_ROW, g_list_model_get_n_items (run.model) / 5 * 4);
  run.work = work;
  g_assert_cmpfloat (gtk_adjustment_get_value (run.vadj), ==, 0.0);

  clock = gtk_widget_get_frame_clock (list_view);
  paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (scroll_paint_cb), &run);
  start = g_get_monotonic_time ();
  gtk_widget_add_tick_callback (list_view, scroll_tick_cb, &run, NULL);
  g_assert_true (wait_for (flag_done, &run.done));
  elapsed = g_get_monotonic_time () - start;
  g_signal_handler_disconnect (clock, paint_handler);

  /* The list really shows the rows around 5,000 now. */
  position = center_row_position (list_view, &run);
  g_assert_cmpuint (position, !=, G_MAXUINT);
  g_assert_cmpuint (position + 200, >=, run.target_row);

  printf ("\nScrolling the Articles list one page (%.0f px) per frame from the top to row %u "
          "(the row drawn mid-list at the end):\n",
          gtk_adjustment_get_page_size (run.vadj), position);
  printf ("  %u frames in %.2f s (%.1f frames/s)\n", run.n_frames, elapsed / (double) G_USEC_PER_SEC,
          run.n_frames / (elapsed / (double) G_USEC_PER_SEC));
  printf ("  %-52s median %8.1f  p95 %8.1f  max %8.1f ms\n", "frame interval (frame clock)",
          cited_bench_quantile (intervals, 0.5), cited_bench_quantile (intervals, 0.95), cited_bench_quantile (intervals, 1.0));
  printf ("  %-52s median %8.1f  p95 %8.1f  max %8.1f ms\n", "work per frame (scroll, row loads, layout, paint)",
          cited_bench_quantile (work, 0.5), cited_bench_quantile (work, 0.95), cited_bench_quantile (work, 1.0));
  printf ("  %-52s median %8.1f ms\n", "a frame redrawing the window, nothing changed", baseline);
  printf ("  one page of 64 rows from the store (cited_store_list_articles, date order):\n"
          "    offset 0: %.1f ms, 5,000: %.1f ms, 50,000: %.1f ms, last page: %.1f ms\n",
          page_load_ms (0), page_load_ms (MIN (5000, bench.n_articles - 64)),
          page_load_ms (MIN (50000, bench.n_articles - 64)), page_load_ms (bench.n_articles - 64));
  note_memory ("after scrolling to row 5,000");
}

/* 3. Searching */

typedef struct {
  GListModel *model;
  GtkSearchEntry *entry;
  guint       expected;
  gboolean    changed;
  gboolean    updated;
  gboolean    painted;
  gint64      t_changed;
  gint64      t_updated;
  gint64      t_painted;
} SearchRun;

/* An emission hook runs before every handler of the signal, the page's
 * (which runs the query) included. */
static gboolean
search_changed_hook (GSignalInvocationHint *hint,
                     guint                  n_params,
                     const GValue          *params,
                     gpointer               user_data)
{
  SearchRun *run = user_data;

  if (!run->changed && g_value_get_object (&params[0]) == (gpointer) run->entry)
    {
      run->changed = TRUE;
      run->t_changed = g_get_monotonic_time ();
    }
  return TRUE;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  SearchRun  *run)
{
  if (!run->updated && g_list_model_get_n_items (model) == run->expected)
    {
      run->updated = TRUE;
      run->t_updated = g_get_monotonic_time ();
    }
}

static void
search_paint_cb (GdkFrameClock *clock,
                 SearchRun     *run)
{
  if (run->updated && !run->painted)
    {
      run->painted = TRUE;
      run->t_painted = g_get_monotonic_time ();
    }
}

/* Types @text into the search entry and waits until the list holds
 * @expected articles and a frame was drawn; times in @run. */
static void
type_search (CitedArticlesPage *page,
             GtkSearchEntry    *entry,
             const char        *text,
             guint              expected,
             SearchRun         *run)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (page));
  guint changed_signal = g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY);
  gulong changed_hook, items_handler, paint_handler;

  memset (run, 0, sizeof *run);
  run->model = cited_articles_page_get_model (page);
  run->entry = entry;
  run->expected = expected;

  changed_hook = g_signal_add_emission_hook (changed_signal, 0, search_changed_hook, run, NULL);
  items_handler = g_signal_connect (run->model, "items-changed", G_CALLBACK (items_changed_cb), run);
  paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (search_paint_cb), run);

  cited_articles_page_set_search_text (page, text);
  if (!wait_for (flag_done, &run->painted))
    g_error ("Searching “%s” listed %u articles, the store counts %u", text,
             g_list_model_get_n_items (run->model), expected);
  g_assert_true (run->changed);

  g_signal_remove_emission_hook (changed_signal, changed_hook);
  g_signal_handler_disconnect (run->model, items_handler);
  g_signal_handler_disconnect (clock, paint_handler);
}

static void
test_search (void)
{
  CitedArticlesPage *page;
  GtkSearchEntry *entry;

  if (bench.window == NULL)
    {
      g_test_skip ("No window: opening was skipped");
      return;
    }

  page = cited_window_get_articles_page (bench.window);
  entry = GTK_SEARCH_ENTRY (find_descendant (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY));
  g_assert_nonnull (entry);

  printf ("\nSearching (median of %d; the entry waits %u ms after the last key before searching):\n",
          N_SEARCH_REPEATS, 150u);
  printf ("  %-16s %8s %12s %12s %12s %10s %10s %12s\n", "query", "matches", "store count",
          "store ids", "store page 1", "list", "drawn", "clear+drawn");

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GArray) count_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) ids_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) page_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) list_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) drawn_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) clear_ms = g_array_new (FALSE, FALSE, sizeof (double));
      CitedQuery query = { 0 };
      guint expected = 0;

      query.search = queries[q];
      query.sort = CITED_SORT_DATE_DESC;
      for (guint r = 0; r < N_SEARCH_REPEATS; r++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GArray) ids = NULL;
          gint64 t0 = g_get_monotonic_time ();
          guint count = cited_store_count_articles (bench.store, &query, &error);
          gint64 t1 = g_get_monotonic_time ();

          g_assert_no_error (error);
          ids = cited_store_list_article_ids (bench.store, &query, &error);
          g_assert_no_error (error);
          g_array_append_val (count_ms, (double) { ms (t1 - t0) });
          g_array_append_val (ids_ms, (double) { ms (g_get_monotonic_time () - t1) });
          g_assert_cmpuint (ids->len, ==, count);
          expected = count;

          /* The first page of rows with their snippets, as the list loads it. */
          {
            g_autoptr(GPtrArray) page_rows = NULL;
            CitedQuery page_query = query;
            gint64 t2 = g_get_monotonic_time ();

            page_query.limit = 64;
            page_rows = cited_store_list_articles (bench.store, &page_query, &error);
            g_assert_no_error (error);
            g_array_append_val (page_ms, (double) { ms (g_get_monotonic_time () - t2) });
            g_assert_cmpuint (page_rows->len, ==, MIN (64, count));
          }
        }
      /* Every query of full words names something the BBC writes about;
       * a Latin term under three letters ("bn") matches whole words only,
       * so it may find nothing. */
      if (g_utf8_strlen (queries[q], -1) >= 3)
        g_assert_cmpuint (expected, >, 0);
      g_assert_cmpuint (expected, <, bench.n_articles);

      for (guint r = 0; r < N_SEARCH_REPEATS; r++)
        {
          SearchRun run;

          type_search (page, entry, queries[q], expected, &run);
          g_array_append_val (list_ms, (double) { ms (run.t_updated - run.t_changed) });
          g_array_append_val (drawn_ms, (double) { ms (run.t_painted - run.t_changed) });

          type_search (page, entry, "", bench.n_articles, &run);
          g_array_append_val (clear_ms, (double) { ms (run.t_painted - run.t_changed) });
        }

      printf ("  %-16s %8u %9.1f ms %9.1f ms %9.1f ms %7.1f ms %7.1f ms %9.1f ms\n", queries[q], expected,
              cited_bench_quantile (count_ms, 0.5), cited_bench_quantile (ids_ms, 0.5), cited_bench_quantile (page_ms, 0.5),
              cited_bench_quantile (list_ms, 0.5),
              cited_bench_quantile (drawn_ms, 0.5), cited_bench_quantile (clear_ms, 0.5));
    }
  printf ("  (store page 1: the first 64 rows with snippets;\n"
          "   list: from the entry's search-changed to the list holding every match;\n"
          "   drawn: to the next painted frame; clear+drawn: emptying the entry back to all articles)\n");
  note_memory ("after searching");
}

/* 4. The other pages: they load when first shown. */

typedef struct {
  gboolean painted;
  gint64   t_painted;
} PaintWait;

static void
page_paint_cb (GdkFrameClock *clock,
               PaintWait     *wait)
{
  if (!wait->painted)
    {
      wait->painted = TRUE;
      wait->t_painted = g_get_monotonic_time ();
    }
}

static gboolean
brands_loaded (gpointer data)
{
  return !cited_brands_page_get_loading (cited_window_get_brands_page (bench.window));
}

/* The cards (counts, brands mentioned with each), chart and companies
 * on the page; the cards' figure lines follow. */
static gboolean
brands_cards_in (gpointer data)
{
  return cited_brands_page_get_cards_loaded (cited_window_get_brands_page (bench.window));
}

static gboolean
figures_rows_in (gpointer data)
{
  CitedFiguresPage *page = cited_window_get_figures_page (bench.window);

  return g_list_model_get_n_items (cited_figures_page_get_rows (page)) > 0;
}

/* Pages of rows, and claims of rows, that the Figures page's model is
 * reading in a worker ("n-pending"); 0 for a build whose model reads
 * every row when asked, so that the same file measures both. */
static guint
figures_pending (void)
{
  GListModel *rows = cited_figures_page_get_rows (cited_window_get_figures_page (bench.window));
  guint n = 0;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (rows), "n-pending") != NULL)
    g_object_get (rows, "n-pending", &n, NULL);
  return n;
}

static gboolean
figures_menus_loaded (gpointer data)
{
  return figures_rows_in (NULL) && !cited_figures_page_get_loading (cited_window_get_figures_page (bench.window));
}

static gboolean
figures_loaded (gpointer data)
{
  return figures_menus_loaded (NULL) && figures_pending () == 0;
}

/* The first row holds its figure (a placeholder has id 0). */
static gboolean
figures_rows_read (gpointer data)
{
  GListModel *rows = cited_figures_page_get_rows (cited_window_get_figures_page (bench.window));
  g_autoptr(GObject) first = g_list_model_get_item (rows, 0);
  gint64 id = 0;

  if (first != NULL)
    g_object_get (first, "id", &id, NULL);
  return id != 0;
}

static gboolean
figures_nothing_pending (gpointer data)
{
  return figures_pending () == 0;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A click on the Figures page's column @column's header (sorting by it,
 * @order), as the column view's header does: how long the main thread
 * was held, the next frame, and the first frame with the sorted rows on
 * screen (and their claims read). */
static void
time_sort (guint        column,
           GtkSortType  order,
           const char  *what)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.window));
  GtkColumnView *view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (cited_window_get_figures_page (bench.window)),
                                                      GTK_TYPE_COLUMN_VIEW));
  g_autoptr(GtkColumnViewColumn) col = NULL;
  PaintWait wait = { FALSE, 0 };
  gulong handler;
  gint64 t0, t_call;
  double frame_ms, rows_ms, claims_ms;

  g_assert_nonnull (view);
  if (column != G_MAXUINT)
    col = g_list_model_get_item (gtk_column_view_get_columns (view), column);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (page_paint_cb), &wait);
  t0 = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (view, col, order);
  t_call = g_get_monotonic_time ();
  g_assert_true (wait_for (flag_done, &wait.painted));
  frame_ms = ms (wait.t_painted - t0);
  if (!figures_rows_read (NULL))
    {
      g_assert_true (wait_for (figures_rows_read, NULL));
      wait.painted = FALSE;
      g_assert_true (wait_for (flag_done, &wait.painted));
    }
  rows_ms = ms (wait.t_painted - t0);
  if (!figures_nothing_pending (NULL))
    {
      g_assert_true (wait_for (figures_nothing_pending, NULL));
      wait.painted = FALSE;
      g_assert_true (wait_for (flag_done, &wait.painted));
    }
  claims_ms = ms (wait.t_painted - t0);
  g_signal_handler_disconnect (clock, handler);
  printf ("  %s: the click %.1f ms, next frame %.1f ms, sorted rows read and drawn %.1f ms,"
          " with their claims %.1f ms\n",
          what, ms (t_call - t0), frame_ms, rows_ms, claims_ms);
}

/* Shows page @name and returns the ms until the next frame was painted;
 * with @loaded, also waits until @loaded says the page has read what it
 * shows and gives in @loaded_ms the ms to the first frame painted after;
 * with @rows_in too, the same for the moment its rows are in first. */
static double
show_page_full (const char *name,
                gboolean  (*rows_in) (gpointer),
                double     *rows_ms,
                gboolean  (*loaded) (gpointer),
                double     *loaded_ms)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.window));
  PaintWait wait = { FALSE, 0 };
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (page_paint_cb), &wait);
  gint64 t0 = g_get_monotonic_time ();
  double shown;

  cited_window_set_visible_page (bench.window, name);
  g_assert_cmpstr (cited_window_get_visible_page (bench.window), ==, name);
  g_assert_true (wait_for (flag_done, &wait.painted));
  shown = ms (wait.t_painted - t0);
  if (rows_in != NULL)
    {
      /* Rows in before the frame counted above were on screen with it. */
      if (!rows_in (NULL))
        {
          g_assert_true (wait_for (rows_in, NULL));
          wait.painted = FALSE;
          g_assert_true (wait_for (flag_done, &wait.painted));
        }
      *rows_ms = ms (wait.t_painted - t0);
    }
  if (loaded != NULL)
    {
      g_assert_true (wait_for (loaded, NULL));
      wait.painted = FALSE;
      g_assert_true (wait_for (flag_done, &wait.painted));
      *loaded_ms = ms (wait.t_painted - t0);
    }
  g_signal_handler_disconnect (clock, handler);
  return shown;
}

static double
show_page (const char *name,
           gboolean  (*loaded) (gpointer),
           double     *loaded_ms)
{
  return show_page_full (name, NULL, NULL, loaded, loaded_ms);
}

/* The store's reads behind the Brands page, median of five each. */
static void
time_brand_reads (void)
{
  g_autoptr(GArray) stats_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) metrics_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) months_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) with_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *top = NULL;
  guint n_brands = 0, n_months = 0;

  for (guint r = 0; r < N_SEARCH_REPEATS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) stats = NULL;
      g_autoptr(GPtrArray) months = NULL;
      g_auto(GStrv) metrics = NULL;
      gint64 t0, t1, t2, t3;

      t0 = g_get_monotonic_time ();
      stats = cited_store_brand_stats (bench.store, FALSE, &error);
      t1 = g_get_monotonic_time ();
      g_assert_no_error (error);
      g_assert_cmpuint (stats->len, >, 0);
      metrics = cited_store_list_metrics (bench.store, &error);
      t2 = g_get_monotonic_time ();
      g_assert_no_error (error);
      if (top == NULL)
        top = g_strdup (((CitedBrandStats *) g_ptr_array_index (stats, 0))->name);
      months = cited_store_brand_mentions_by_month (bench.store, top, &error);
      t3 = g_get_monotonic_time ();
      g_assert_no_error (error);
      {
        g_autoptr(GPtrArray) with = cited_store_brand_comentions (bench.store, top, &error);

        g_assert_no_error (error);
        g_array_append_val (with_ms, (double) { ms (g_get_monotonic_time () - t3) });
      }
      n_brands = stats->len;
      n_months = months->len;
      g_array_append_val (stats_ms, (double) { ms (t1 - t0) });
      g_array_append_val (metrics_ms, (double) { ms (t2 - t1) });
      g_array_append_val (months_ms, (double) { ms (t3 - t2) });
    }
  printf ("\nThe Brands page's reads at the store level (median of %d):\n"
          "  brand_stats %.1f ms (%u brands); list_metrics %.1f ms; "
          "brand_mentions_by_month (%s) %.1f ms (%u months); brand_comentions %.1f ms\n",
          N_SEARCH_REPEATS, cited_bench_quantile (stats_ms, 0.5), n_brands, cited_bench_quantile (metrics_ms, 0.5),
          top, cited_bench_quantile (months_ms, 0.5), n_months, cited_bench_quantile (with_ms, 0.5));
}

static void
test_pages (void)
{
  double figures, brands, figures_again, articles, brands_loaded_ms = 0, brands_cards_ms = 0;
  double figures_rows_ms = 0, figures_loaded_ms = 0, figures_menus_ms = 0;

  if (bench.window == NULL)
    {
      g_test_skip ("No window: opening was skipped");
      return;
    }

  figures = show_page_full ("figures", figures_rows_in, &figures_rows_ms, figures_menus_loaded, &figures_menus_ms);
  /* The claims of the rows on screen, where they are read apart. */
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.window));
    PaintWait wait = { FALSE, 0 };
    gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (page_paint_cb), &wait);
    gint64 t0 = g_get_monotonic_time ();

    if (!figures_loaded (NULL))
      {
        g_assert_true (wait_for (figures_loaded, NULL));
        g_assert_true (wait_for (flag_done, &wait.painted));
        figures_loaded_ms = figures_menus_ms + ms (wait.t_painted - t0);
      }
    else
      figures_loaded_ms = figures_menus_ms;
    g_signal_handler_disconnect (clock, handler);
  }
  note_memory ("after showing the Figures page");
  printf ("\nSorting the Figures page by a column (a click on its header):\n");
  time_sort (1, GTK_SORT_ASCENDING, "Value, ascending");
  time_sort (1, GTK_SORT_DESCENDING, "Value, descending");
  time_sort (0, GTK_SORT_ASCENDING, "As Written, ascending");
  time_sort (G_MAXUINT, GTK_SORT_ASCENDING, "unsorted again");
  note_memory ("after sorting the Figures page");
  brands = show_page_full ("brands", brands_cards_in, &brands_cards_ms, brands_loaded, &brands_loaded_ms);
  note_memory ("after showing the Brands page");
  articles = show_page ("articles", NULL, NULL);
  figures_again = show_page ("figures", NULL, NULL);

  printf ("\nShowing the other pages (to the next painted frame):\n"
          "  Figures, first time %.1f ms, rows on screen %.1f ms, loaded (filter menus, chart) and drawn %.1f ms,\n"
          "    and the claims of the rows on screen too %.1f ms;\n"
          "  Brands, first time %.1f ms, cards, chart and companies drawn %.1f ms,"
          " with the cards' figure lines %.1f ms; "
          "back to Articles %.1f ms; Figures again %.1f ms\n",
          figures, figures_rows_ms, figures_menus_ms, figures_loaded_ms, brands, brands_cards_ms,
          brands_loaded_ms, articles, figures_again);

  if (bench.store != NULL)
    time_brand_reads ();
}

static void
test_memory (void)
{
  printf ("\nMemory (this process; SQLite's page cache grows with what it reads of the store):\n");
  for (guint i = 0; i < bench.memory->len; i++)
    printf ("%s\n", (const char *) g_ptr_array_index (bench.memory, i));
  g_assert_cmpuint (bench.memory->len, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  g_autofree char *dir_name = NULL;
  const char *n_env = g_getenv ("CITED_BENCH_ARTICLES");
  int status;

  /* As the app's main() does, before any thread. */
  cited_application_limit_arenas ();

  /* A profile of its own: settings and data of the person running the
   * benchmark are neither read nor touched. */
  home = g_dir_make_tmp ("cited-bench-app-home-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  setvbuf (stdout, NULL, _IOLBF, 0);

  bench.n_articles = n_env ? (guint) g_ascii_strtoull (n_env, NULL, 10) : 100000;
  if (bench.n_articles == 0)
    bench.n_articles = 100000;
  bench.n_articles = MAX (bench.n_articles, 1000);
  bench.memory = g_ptr_array_new_with_free_func (g_free);
  g_thread_unref (g_thread_new ("poll-heap", poll_heap_cb, NULL));

  /* Kept in the build directory, keyed by version and size, so that later
   * runs measure the app rather than the store's construction. */
  dir_name = g_strdup_printf ("bench-app-store-v%s-%u", STORE_VERSION, bench.n_articles);
  bench.store_dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                      dir_name, NULL);
  bench.store_path = g_build_filename (bench.store_dir, "cited.db", NULL);

  bench.app = cited_application_new ();
  g_application_set_flags (G_APPLICATION (bench.app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (bench.app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/bench-app/store", test_store);
  g_test_add_func ("/bench-app/open", test_open);
  g_test_add_func ("/bench-app/scroll", test_scroll);
  g_test_add_func ("/bench-app/search", test_search);
  g_test_add_func ("/bench-app/pages", test_pages);
  g_test_add_func ("/bench-app/memory", test_memory);

  status = g_test_run ();

  close_window ();
  g_clear_object (&bench.app);
  g_clear_pointer (&bench.memory, g_ptr_array_unref);
  g_clear_pointer (&bench.store_dir, g_free);
  g_clear_pointer (&bench.store_path, g_free);
  cited_test_remove_tree (home);
  return status;
}
