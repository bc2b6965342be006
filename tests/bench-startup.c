/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-startup"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "cited-bench.h"
#include "cited-test-files.h"

/*
 * Cold start of the real app against a bare libadwaita window, side by
 * side in one run. Each launch is a new process started from this one,
 * with a profile of its own, on the same display and the same private
 * session bus; the time counts from just before the process is spawned:
 *
 *   - the floor: tests/bench-bare-window, an AdwApplicationWindow with a
 *     header bar, to its first painted frame (it traces the stages it
 *     shares with the app, so that each can be set beside the app's);
 *   - `cited` (app/cited) on a copy of a store of N articles, found where a
 *     user's is (XDG_DATA_HOME/cited/cited.db), to the first frame painted
 *     with the article list in it (its startup trace,
 *     G_MESSAGES_DEBUG=cited-application, says when each stage was
 *     reached).
 *
 * The programs are launched in turn, each round starting with another, so that the
 * machine's load weighs on both alike, after one launch of each that is
 * not counted (it pages the programs' libraries in). When the frame is
 * drawn, the process's CPU time and peak memory (VmHWM) are read and it
 * is stopped.
 *
 * The stores are the ones bench-app builds and keeps
 * (bench-app-store-v2-N/cited.db in the build's tests folder, or in
 * $CITED_BENCH_STORES); they are copied, never opened in place. A size
 * without a store is left out, with a line saying how to build it.
 *
 *   CITED_BENCH_STARTUP_SIZES  articles, comma-separated (default
 *                              10000,100000,1000000)
 *   CITED_BENCH_STARTUP_RUNS   launches of each program per size (default 5)
 *   CITED_BENCH_STORES         the folder holding the stores
 *   CITED_BENCH_STARTUP_BASELINE  another build's app/cited, launched in
 *                              turn with this one (before and after a
 *                              change, side by side)
 *
 * Prints the figures and asserts nothing about them.
 */

#define STORE_VERSION "2"
#define LAUNCH_TIMEOUT_SECONDS 600
#define BARE_ID "io.github.cited.BenchBareWindow"

typedef enum {
  STAGE_STARTED,
  STAGE_ACTIVATE,
  STAGE_STORE,
  STAGE_WINDOW,
  STAGE_REALIZED,
  STAGE_FIRST_FRAME,
  STAGE_READY,
  STAGE_LIST_DRAWN,
  N_STAGES
} Stage;

/* As the app's startup trace names them. */
static const char * const stage_names[N_STAGES] = {
  "started (display open)",
  "activate",
  "store opened",
  "window created",
  "window realized",
  "first frame",
  "ready (rows listed)",
  "list drawn",
};

typedef struct {
  double stage_ms[N_STAGES];   /* from the spawn, -1 when not reached */
  double cpu_ms;               /* the process, all threads, at the end */
  double hwm_mib;              /* VmHWM at the end */
} Launch;

static struct {
  const char *app;
  const char *baseline;       /* another build of the app, launched in turn with it */
  const char *bare;
  char      **env;            /* the environment the programs share */
  GTestDBus  *bus;
  GDBusConnection *connection;
} bench;

/* Helpers */


/* A field of /proc/PID/status in MiB, or -1. */
static double
status_mib (GPid        pid,
            const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize field_len = strlen (field);

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], field, field_len) == 0 && lines[i][field_len] == ':')
      return g_ascii_strtod (lines[i] + field_len + 1, NULL) / 1024.0;
  return -1;
}

/* User and system time of process @pid (all its threads) in ms, or -1. */
static double
process_cpu_ms (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;
  long ticks = sysconf (_SC_CLK_TCK);

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;
  /* The name, in parentheses, may hold spaces. */
  after_name = strrchr (contents, ')');
  if (after_name == NULL)
    return -1;
  fields = g_strsplit (after_name + 2, " ", -1);
  /* utime and stime are fields 14 and 15 of the line, 12 and 13 here. */
  if (g_strv_length (fields) < 14 || ticks <= 0)
    return -1;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0 / ticks;
}

/* Parses a trace line, "startup: STAGE 123.4 ms (monotonic 123456789)":
 * its stage and its monotonic time. */
static gboolean
parse_trace (const char  *line,
             Stage       *stage,
             gint64      *monotonic)
{
  const char *start = strstr (line, "startup: ");
  const char *clock = strstr (line, " ms (monotonic ");
  const char *end;

  if (start == NULL || clock == NULL || clock < start)
    return FALSE;
  start += strlen ("startup: ");
  /* The stage ends before the ms figure. */
  end = clock;
  while (end > start && end[-1] != ' ')
    end--;
  if (end <= start)
    return FALSE;
  end--;
  for (int s = 0; s < N_STAGES; s++)
    if ((gsize) (end - start) == strlen (stage_names[s]) &&
        strncmp (start, stage_names[s], end - start) == 0)
      {
        *stage = s;
        *monotonic = g_ascii_strtoll (clock + strlen (" ms (monotonic "), NULL, 10);
        return TRUE;
      }
  return FALSE;
}

/* Waits until no process owns @name on the bus: a program started again
 * before the bus saw the last one go would find it there and hand its
 * activation over to it. */
static void
wait_name_released (const char *name)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean owned = FALSE;

      reply = g_dbus_connection_call_sync (bench.connection, "org.freedesktop.DBus",
                                           "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                           "NameHasOwner", g_variant_new ("(s)", name),
                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                           -1, NULL, NULL);
      if (reply == NULL)
        return;
      g_variant_get (reply, "(b)", &owned);
      if (!owned)
        return;
      g_usleep (2000);
    }
}

/* Starts @program with @profile as its home for data and settings, waits
 * until it reports @until, then reads its CPU time and peak memory and
 * stops it. */
static gboolean
launch (const char *program,
        const char *app_id,
        const char *data_home,
        Stage       until,
        Launch     *out)
{
  g_autofree char *config_home = g_dir_make_tmp ("cited-bench-startup-config-XXXXXX", NULL);
  g_autofree char *cache_home = g_build_filename (data_home, "cache", NULL);
  g_auto(GStrv) env = g_strdupv (bench.env);
  const char *argv[] = { program, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) pending = g_string_new (NULL);
  gboolean done = FALSE;
  gint64 t0, deadline;
  GPid pid;
  int pipe_fds[2];
  int err_fd;
  int status;

  for (int s = 0; s < N_STAGES; s++)
    out->stage_ms[s] = -1;
  out->cpu_ms = out->hwm_mib = -1;

  /* A fresh profile each time: no window size or page remembered. The
   * cache folder (Mesa's compiled shaders) is kept from launch to launch,
   * as a user's is, and shared by the programs: the launches not counted
   * fill it. */
  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config_home, TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", cache_home, TRUE);
  env = g_environ_setenv (env, "XDG_STATE_HOME", config_home, TRUE);

  /* The trace is a debug message, which GLib writes to stdout; both
   * streams come through one pipe. */
  if (!g_unix_open_pipe (pipe_fds, FD_CLOEXEC, &error))
    {
      g_printerr ("Could not make a pipe: %s\n", error->message);
      return FALSE;
    }
  t0 = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes_and_fds (NULL, argv, (const char * const *) env,
                                         G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                         -1, pipe_fds[1], pipe_fds[1], NULL, NULL, 0,
                                         &pid, NULL, NULL, NULL, &error))
    {
      g_printerr ("Could not start %s: %s\n", program, error->message);
      close (pipe_fds[0]);
      close (pipe_fds[1]);
      return FALSE;
    }
  close (pipe_fds[1]);
  err_fd = pipe_fds[0];

  deadline = t0 + LAUNCH_TIMEOUT_SECONDS * G_USEC_PER_SEC;
  while (!done && g_get_monotonic_time () < deadline)
    {
      GPollFD fd = { err_fd, G_IO_IN | G_IO_HUP | G_IO_ERR, 0 };
      char buffer[4096];
      ssize_t n;
      char *newline;

      if (g_poll (&fd, 1, 1000) <= 0)
        continue;
      n = read (err_fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (pending, buffer, n);
      while ((newline = strchr (pending->str, '\n')) != NULL)
        {
          g_autofree char *line = g_strndup (pending->str, newline - pending->str);
          Stage stage;
          gint64 monotonic;

          g_string_erase (pending, 0, newline - pending->str + 1);
          if (parse_trace (line, &stage, &monotonic))
            {
              out->stage_ms[stage] = (monotonic - t0) / 1000.0;
              if (stage == until)
                done = TRUE;
            }
          else if (strstr (line, "-DEBUG: ") == NULL)
            g_printerr ("  [%s] %s\n", program, line);
        }
    }

  if (done)
    {
      out->cpu_ms = process_cpu_ms (pid);
      out->hwm_mib = status_mib (pid, "VmHWM");
    }
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  close (err_fd);
  wait_name_released (app_id);
  cited_test_remove_tree (config_home);

  if (!done)
    g_printerr ("%s did not report “%s”\n", program, stage_names[until]);
  return done;
}

/* One size */

static char *
store_source (guint n_articles)
{
  const char *dir = g_getenv ("CITED_BENCH_STORES");
  g_autofree char *name = g_strdup_printf ("bench-app-store-v%s-%u", STORE_VERSION, n_articles);

  if (dir == NULL)
    dir = g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".";
  return g_build_filename (dir, name, "cited.db", NULL);
}

static gboolean
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    {
      g_printerr ("Could not copy %s: %s\n", from, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
print_row (const char *label,
           GArray     *values,
           const char *unit)
{
  double median = cited_bench_quantile (values, 0.5);

  printf ("  %-36s median %8.2f  min %8.2f  max %8.2f %s\n", label, median,
          cited_bench_quantile (values, 0.0), cited_bench_quantile (values, 1.0), unit);
}

/* The launches of one build of the app at one size. */
typedef struct {
  const char *label;
  const char *program;
  GArray     *stage_ms[N_STAGES];
  GArray     *cpu;
  GArray     *hwm;
  GArray     *ratios;   /* list drawn / the bare window's first frame of the same round */
} Series;

static void
series_init (Series     *series,
             const char *label,
             const char *program)
{
  series->label = label;
  series->program = program;
  for (int s = 0; s < N_STAGES; s++)
    series->stage_ms[s] = g_array_new (FALSE, FALSE, sizeof (double));
  series->cpu = g_array_new (FALSE, FALSE, sizeof (double));
  series->hwm = g_array_new (FALSE, FALSE, sizeof (double));
  series->ratios = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
series_clear (Series *series)
{
  for (int s = 0; s < N_STAGES; s++)
    g_array_unref (series->stage_ms[s]);
  g_array_unref (series->cpu);
  g_array_unref (series->hwm);
  g_array_unref (series->ratios);
}

/* A launch's stages, CPU time and peak memory, into @series. */
static void
series_add (Series       *series,
            const Launch *l)
{
  for (int s = 0; s < N_STAGES; s++)
    if (l->stage_ms[s] >= 0)
      g_array_append_val (series->stage_ms[s], l->stage_ms[s]);
  g_array_append_val (series->cpu, l->cpu_ms);
  g_array_append_val (series->hwm, l->hwm_mib);
}

/* The medians of the stages @series reached. */
static void
print_stages (const Series *series)
{
  for (int s = 0; s < N_STAGES; s++)
    {
      g_autofree char *label = g_strdup_printf ("%s: %s", series->label, stage_names[s]);

      if (series->stage_ms[s]->len > 0)
        print_row (label, series->stage_ms[s], "ms");
    }
}

static void
bench_size (guint    n_articles,
            guint    runs,
            GString *summary)
{
  g_autofree char *source = store_source (n_articles);
  g_autofree char *wal = g_strconcat (source, "-wal", NULL);
  g_autofree char *home = NULL;
  g_autofree char *cited_dir = NULL;
  g_autofree char *db = NULL;
  Series bare_series;
  Series apps[2];
  guint n_apps = 0;
  Launch warm;
  gint64 t_copy;
  double bare_median;

  if (!g_file_test (source, G_FILE_TEST_EXISTS))
    {
      printf ("\n%u articles: no store at %s (build it with "
              "CITED_BENCH_ARTICLES=%u meson test --benchmark bench-app)\n",
              n_articles, source, n_articles);
      g_string_append_printf (summary, "  %9u  (no store)\n", n_articles);
      return;
    }

  /* The store where a user's is, in a profile of its own. */
  home = g_dir_make_tmp ("cited-bench-startup-XXXXXX", NULL);
  cited_dir = g_build_filename (home, "cited", NULL);
  g_assert_cmpint (g_mkdir_with_parents (cited_dir, 0700), ==, 0);
  db = g_build_filename (cited_dir, "cited.db", NULL);
  t_copy = g_get_monotonic_time ();
  if (!copy_file (source, db))
    {
      cited_test_remove_tree (home);
      return;
    }
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *db_wal = g_strconcat (db, "-wal", NULL);

      copy_file (wal, db_wal);
    }
  /* The copy written out before the launches: at a million articles the
   * kernel would otherwise write its 4 GB back while they are timed. */
  sync ();

  series_init (&bare_series, "bare window", bench.bare);
  series_init (&apps[n_apps++], "app", bench.app);
  if (bench.baseline != NULL)
    series_init (&apps[n_apps++], "baseline", bench.baseline);

  printf ("\n%u articles (a copy of %s, made in %.1f s); %u launches of each, in turn:\n",
          n_articles, source, (g_get_monotonic_time () - t_copy) / (double) G_USEC_PER_SEC, runs);
  if (bench.baseline != NULL)
    printf ("  app: %s\n  baseline: %s\n", bench.app, bench.baseline);

  /* Not counted: the first launches page the programs in. */
  if (!launch (bench.bare, BARE_ID, home, STAGE_FIRST_FRAME, &warm))
    goto out;
  printf ("  not counted: bare window %.1f ms", warm.stage_ms[STAGE_FIRST_FRAME]);
  for (guint a = 0; a < n_apps; a++)
    {
      if (!launch (apps[a].program, APP_ID, home, STAGE_LIST_DRAWN, &warm))
        goto out;
      printf (", %s %.1f ms", apps[a].label, warm.stage_ms[STAGE_LIST_DRAWN]);
    }
  printf ("\n");

  for (guint r = 0; r < runs; r++)
    {
      Launch bare, app[2];
      guint n_programs = n_apps + 1;

      /* Each round starts with another program, so that none is always
       * first (or last) after the machine's other work. */
      for (guint k = 0; k < n_programs; k++)
        {
          guint which = (r + k) % n_programs;
          gboolean ok = which == n_apps
                        ? launch (bench.bare, BARE_ID, home, STAGE_FIRST_FRAME, &bare)
                        : launch (apps[which].program, APP_ID, home, STAGE_LIST_DRAWN, &app[which]);

          if (!ok)
            goto out;
        }

      /* The bare window's stages are the app's first ones: the display
       * open, the window made and realized, the first frame. */
      series_add (&bare_series, &bare);
      printf ("  run %u: bare window %7.1f ms (CPU %6.1f ms, VmHWM %6.1f MiB)\n",
              r + 1, bare.stage_ms[STAGE_FIRST_FRAME], bare.cpu_ms, bare.hwm_mib);
      for (guint a = 0; a < n_apps; a++)
        {
          Series *series = &apps[a];
          Launch *l = &app[a];

          series_add (series, l);
          g_array_append_val (series->ratios, (double) { l->stage_ms[STAGE_LIST_DRAWN] / bare.stage_ms[STAGE_FIRST_FRAME] });
          printf ("         %-8s store opened %7.1f, window created %7.1f, first frame %7.1f, ready %7.1f, "
                  "list drawn %7.1f ms (CPU %6.1f ms, VmHWM %6.1f MiB)\n", series->label,
                  l->stage_ms[STAGE_STORE], l->stage_ms[STAGE_WINDOW], l->stage_ms[STAGE_FIRST_FRAME],
                  l->stage_ms[STAGE_READY], l->stage_ms[STAGE_LIST_DRAWN], l->cpu_ms, l->hwm_mib);
        }
    }

  printf ("  from the spawn:\n");
  print_stages (&bare_series);
  print_row ("bare window: CPU (all threads)", bare_series.cpu, "ms");
  print_row ("bare window: VmHWM", bare_series.hwm, "MiB");
  bare_median = cited_bench_quantile (bare_series.stage_ms[STAGE_FIRST_FRAME], 0.5);
  for (guint a = 0; a < n_apps; a++)
    {
      Series *series = &apps[a];
      double list_median = cited_bench_quantile (series->stage_ms[STAGE_LIST_DRAWN], 0.5);

      print_stages (series);
      print_row (series->label, series->cpu, "ms CPU (all threads) to the list drawn");
      print_row (series->label, series->hwm, "MiB VmHWM at the list drawn");
      print_row (series->label, series->ratios, "list drawn / bare first frame, per round");
      printf ("  %s: ratio of the medians %.2f (target <= 1.25)\n", series->label, list_median / bare_median);
      g_string_append_printf (summary, "  %9u  %-8s %8.1f ms  %8.1f ms  %5.2f  (per round %.2f-%.2f)  "
                              "CPU %6.1f / %6.1f ms  VmHWM %6.1f / %6.1f MiB\n",
                              n_articles, series->label, bare_median, list_median, list_median / bare_median,
                              cited_bench_quantile (series->ratios, 0.0), cited_bench_quantile (series->ratios, 1.0),
                              cited_bench_quantile (bare_series.cpu, 0.5), cited_bench_quantile (series->cpu, 0.5),
                              cited_bench_quantile (bare_series.hwm, 0.5), cited_bench_quantile (series->hwm, 0.5));
    }

out:
  series_clear (&bare_series);
  for (guint a = 0; a < n_apps; a++)
    series_clear (&apps[a]);
  cited_test_remove_tree (home);
}

int
main (int   argc,
      char *argv[])
{
  const char *sizes_env = g_getenv ("CITED_BENCH_STARTUP_SIZES");
  const char *runs_env = g_getenv ("CITED_BENCH_STARTUP_RUNS");
  g_autofree char *display = NULL;
  g_auto(GStrv) sizes = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  guint runs;

  setvbuf (stdout, NULL, _IOLBF, 0);
  bench.app = g_getenv ("CITED_APP");
  bench.bare = g_getenv ("CITED_BARE_WINDOW");
  bench.baseline = g_getenv ("CITED_BENCH_STARTUP_BASELINE");
  if (bench.app == NULL || bench.bare == NULL)
    {
      g_printerr ("bench-startup: run it with meson test --benchmark (CITED_APP and "
                  "CITED_BARE_WINDOW name the programs)\n");
      return 1;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-startup needs a display (run it under xvfb-run)\n");
      return 1;
    }

  sizes = g_strsplit (sizes_env ? sizes_env : "10000,100000,1000000", ",", -1);
  runs = runs_env ? (guint) g_ascii_strtoull (runs_env, NULL, 10) : 5;
  runs = MAX (runs, 1);

  /* Both programs register on a session bus, as on a desktop: a private
   * one (GTestDBus unsets DISPLAY against X11 autolaunch; it is put back). */
  display = g_strdup (g_getenv ("DISPLAY"));
  bench.bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bench.bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  bench.connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_assert_nonnull (bench.connection);
  /* The private bus has no accessibility bus to offer. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "cited-application", TRUE);
  /* The app finds its store in its profile, as a user's. */
  g_unsetenv ("CITED_DB");
  bench.env = g_get_environ ();

  printf ("Cold start: the app to the list drawn against a bare libadwaita window to its "
          "first frame\n(GSK_RENDERER=%s)\n", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  for (guint i = 0; sizes[i] != NULL; i++)
    {
      guint n = (guint) g_ascii_strtoull (sizes[i], NULL, 10);

      if (n > 0)
        bench_size (n, runs, summary);
    }

  printf ("\nSummary (medians): articles, build, bare window first frame, app list drawn, ratio, "
          "CPU bare / app, VmHWM bare / app\n%s", summary->str);

  g_strfreev (bench.env);
  g_clear_object (&bench.connection);
  g_test_dbus_stop (bench.bus);
  g_clear_object (&bench.bus);
  return 0;
}
