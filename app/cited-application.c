/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#if HAVE_M_ARENA_MAX
#include <malloc.h>
#endif

#include "cited-application.h"
#include "cited-locale.h"
#include "cited-search-provider.h"
#include "cited-store-private.h"
#include "cited-window.h"

struct _CitedApplication
{
  AdwApplication parent_instance;

  char          *screenshot_dir;
  CitedWindow   *screenshot_window;   /* held until the screenshots are taken */
  guint          screenshot_step;
  guint          search_provider_id;  /* registration of the search provider */
  gboolean       opening;             /* activate waits for the store */
  gboolean       open_early;          /* open it from startup */
  struct _OpenJob *open_job;          /* the store's opening, under way or done */
  GThread       *open_thread;
  gint64         created;             /* monotonic time the application was made */
};

G_DEFINE_FINAL_TYPE (CitedApplication, cited_application, ADW_TYPE_APPLICATION)

static void begin_opening (CitedApplication *self);

/* Startup trace (G_MESSAGES_DEBUG=cited-application): when each stage of
 * opening the window was reached, in ms since the application was made,
 * and as the monotonic clock, which a launcher that started the process
 * can count from (tests/bench-startup.c). Nothing is connected unless
 * the trace is on. */

static gboolean
tracing (void)
{
  return !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN);
}

static void
trace (CitedApplication *self,
       const char       *stage)
{
  gint64 now = g_get_monotonic_time ();

  g_debug ("startup: %s %.1f ms (monotonic %" G_GINT64_FORMAT ")",
           stage, (now - self->created) / 1000.0, now);
}

const char *
cited_application_get_sample_corpus_dir (void)
{
  if (g_file_test (CORPUS_DIR, G_FILE_TEST_IS_DIR))
    return CORPUS_DIR;
  if (g_file_test (SOURCE_CORPUS_DIR, G_FILE_TEST_IS_DIR))
    return SOURCE_CORPUS_DIR;
  return NULL;
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  g_autoptr(GList) copy = g_list_copy (windows);

  /* Closing windows first lets each save its size and cancel its import. */
  for (GList *l = copy; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_application_quit (app);
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  const char *developers[] = { "The Cited authors", NULL };
  GtkWidget *about;

#if ADW_CHECK_VERSION (1, 5, 0)
  about = g_object_new (ADW_TYPE_ABOUT_DIALOG,
#else
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
#endif
                        "application-name", _("Cited"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Cited authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Explore market narratives: the figures news articles cite, "
                                      "who they are about, and how brands compare."),
                        "website", "https://github.com/cited/cited",
                        "issue-url", "https://github.com/cited/cited/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (about), parent ? GTK_WIDGET (parent) : NULL);
#else
  gtk_window_present (GTK_WINDOW (about));
#endif
}

static const GActionEntry app_entries[] = {
  { .name = "quit", .activate = quit_action_cb },
  { .name = "about", .activate = about_action_cb },
};

/* GTK reads the icon theme's index (Adwaita's and hicolor's, some 750
 * folders) when a window first looks up an icon, on the main thread,
 * while it lays out the window. GtkIconTheme allows lookups from any
 * thread once it is made: one lookup here reads the index in a thread of
 * its own while the main thread makes the window. */
static gpointer
read_icon_theme_thread (gpointer data)
{
  g_autoptr(GtkIconTheme) theme = data;
  g_autoptr(GtkIconPaintable) icon = NULL;

  icon = gtk_icon_theme_lookup_icon (theme, "open-menu-symbolic", NULL, 16, 1,
                                     GTK_TEXT_DIR_NONE, 0);
  return NULL;
}

static void
read_icon_theme (GtkIconTheme *theme)
{
  g_thread_unref (g_thread_new ("cited-icons", read_icon_theme_thread, g_object_ref (theme)));
}

static void
cited_application_startup (GApplication *application)
{
  GtkApplication *app = GTK_APPLICATION (application);
  GtkIconTheme *theme;
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.import", { "<Control>o", NULL } },
    { "win.import-folder", { "<Control><Shift>o", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.print", { "<Control>p", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.copy-image", { "<Control><Shift>c", NULL } },
    { "win.save-view", { "<Control>s", NULL } },
    { "win.export-report", { "<Control><Shift>e", NULL } },
    { "win.refresh-feeds", { "F5", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", NULL } },
    { "win.page('articles')", { "<Control>1", "<Alt>1", NULL } },
    { "win.page('figures')", { "<Control>2", "<Alt>2", NULL } },
    { "win.page('brands')", { "<Control>3", "<Alt>3", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  /* The store opens in a thread while GTK opens the display and loads
   * its theme: the window needs both. */
  if (CITED_APPLICATION (application)->open_early &&
      !(g_application_get_flags (application) & G_APPLICATION_IS_SERVICE))
    begin_opening (CITED_APPLICATION (application));

  G_APPLICATION_CLASS (cited_application_parent_class)->startup (application);

  /* Started by D-Bus for GNOME Shell's search (--gapplication-service):
   * stay a little between the Shell's calls rather than quitting after
   * each one. */
  if (g_application_get_flags (application) & G_APPLICATION_IS_SERVICE)
    g_application_set_inactivity_timeout (application, 10000);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries,
                                   G_N_ELEMENTS (app_entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);

  /* Uninstalled, the app's icon is in the sources: the About window and
   * the window list show it too. The search path is set first: setting
   * it drops an index already read. */
  theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  if (cited_running_from_build_tree ())
    gtk_icon_theme_add_search_path (theme, SOURCE_ICONDIR);
  if (!(g_application_get_flags (application) & G_APPLICATION_IS_SERVICE))
    read_icon_theme (theme);
  if (tracing ())
    trace (CITED_APPLICATION (application), "started (display open)");
}

/* Screenshot mode: light and dark of every page, the window at 360 pixels
 * wide, then quit. */

static const char *screenshot_pages[] = { "articles", "figures", "brands" };

static gboolean screenshot_take_cb (gpointer user_data);

static void
screenshot_prepare (CitedApplication *self)
{
  guint page = self->screenshot_step / 2;
  gboolean dark = self->screenshot_step % 2;
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (page == G_N_ELEMENTS (screenshot_pages) && !dark)
    {
      /* Last, the window at its narrowest, as a phone shows it. */
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
      cited_window_set_visible_page (self->screenshot_window, "articles");
      gtk_window_set_default_size (GTK_WINDOW (self->screenshot_window), 360, 760);
      g_timeout_add_full (G_PRIORITY_DEFAULT, 1500, screenshot_take_cb, g_object_ref (self), g_object_unref);
      return;
    }
  if (page >= G_N_ELEMENTS (screenshot_pages))
    {
      gtk_window_destroy (GTK_WINDOW (self->screenshot_window));
      self->screenshot_window = NULL;
      g_application_release (G_APPLICATION (self));
      g_application_quit (G_APPLICATION (self));
      return;
    }

  adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                  : ADW_COLOR_SCHEME_FORCE_LIGHT);
  cited_window_set_visible_page (self->screenshot_window, screenshot_pages[page]);
  /* Give transitions, lazy rows and charts time to settle and draw. */
  g_timeout_add_full (G_PRIORITY_DEFAULT, 1200, screenshot_take_cb, g_object_ref (self), g_object_unref);
}

static gboolean
screenshot_take_cb (gpointer user_data)
{
  CitedApplication *self = CITED_APPLICATION (user_data);
  guint page = self->screenshot_step / 2;
  gboolean dark = self->screenshot_step % 2;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = page < G_N_ELEMENTS (screenshot_pages)
                          ? g_strdup_printf ("%s-%s.png", screenshot_pages[page], dark ? "dark" : "light")
                          : g_strdup ("narrow.png");
  g_autofree char *path = g_build_filename (self->screenshot_dir, name, NULL);

  if (!cited_window_save_screenshot (self->screenshot_window, path, &error))
    g_printerr ("%s: %s\n", path, error->message);
  else
    g_print ("%s\n", path);

  /* After the narrow one, the run ends. */
  self->screenshot_step += page < G_N_ELEMENTS (screenshot_pages) ? 1 : 2;
  screenshot_prepare (self);
  return G_SOURCE_REMOVE;
}

static gboolean
screenshot_start_cb (gpointer user_data)
{
  screenshot_prepare (CITED_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
screenshot_ready_cb (CitedWindow      *window,
                     CitedApplication *self)
{
  g_signal_handlers_disconnect_by_func (window, screenshot_ready_cb, self);
  cited_window_select_example_article (window);
  self->screenshot_step = 0;
  /* Let the "Imported" toast time out first. */
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 6, screenshot_start_cb, g_object_ref (self), g_object_unref);
}

/* Opening the store: upgrading a large store written by an older Cited
 * rebuilds its search index or compresses its articles, which takes
 * seconds. The store is opened in
 * a thread while the main loop runs, and the first progress it reports
 * brings up a window that follows it, instead of no window at all. */
typedef struct _OpenJob {
  int          finished;   /* atomic */
  CitedStore  *store;
  GError      *error;
  gboolean     closed;     /* main thread: later progress is dropped */
  GtkWindow   *window;
  GtkProgressBar *bar;
} OpenJob;

typedef struct {
  OpenJob *job;
  guint    done;
  guint    total;
} OpenProgress;

static void
open_job_unref (OpenJob *job)
{
  g_atomic_rc_box_release (job);
}

static void
open_progress_free (OpenProgress *progress)
{
  open_job_unref (progress->job);
  g_free (progress);
}

static GtkWindow *
open_progress_window (GtkApplication  *application,
                      GtkProgressBar **bar)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *status = adw_status_page_new ();

  *bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (*bar, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (*bar), 24);
  gtk_widget_set_margin_end (GTK_WIDGET (*bar), 24);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "system-search-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Upgrading the Database"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Your articles were stored by an older version of Cited."));
  adw_status_page_set_child (ADW_STATUS_PAGE (status), GTK_WIDGET (*bar));
  adw_window_set_content (ADW_WINDOW (window), status);
  gtk_window_set_title (GTK_WINDOW (window), _("Cited"));
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 420);
  gtk_window_set_deletable (GTK_WINDOW (window), FALSE);
  gtk_window_set_application (GTK_WINDOW (window), application);
  return GTK_WINDOW (window);
}

static gboolean
open_progress_idle (gpointer data)
{
  OpenProgress *progress = data;
  OpenJob *job = progress->job;
  g_autofree char *text = NULL;

  if (job->closed || progress->total == 0)
    return G_SOURCE_REMOVE;
  if (job->window == NULL)
    {
      job->window = open_progress_window (GTK_APPLICATION (g_application_get_default ()), &job->bar);
      gtk_window_present (job->window);
    }
  /* TRANSLATORS: progress of upgrading the database, e.g. "1,200 of 100,000 articles" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u article", "%u of %u articles",
                                       progress->total),
                          progress->done, progress->total);
  gtk_progress_bar_set_fraction (job->bar, (double) progress->done / progress->total);
  gtk_progress_bar_set_text (job->bar, text);
  return G_SOURCE_REMOVE;
}

/* In the opening thread. */
static void
open_progress_cb (guint    done,
                  guint    total,
                  gpointer user_data)
{
  OpenProgress *progress = g_new0 (OpenProgress, 1);

  progress->job = g_atomic_rc_box_acquire (user_data);
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, open_progress_idle, progress,
                              (GDestroyNotify) open_progress_free);
}

static gpointer
open_thread (gpointer data)
{
  OpenJob *job = data;

  job->store = cited_store_open_full (NULL, open_progress_cb, job, &job->error);
  if (job->store != NULL)
    {
      cited_store_set_progress_func (job->store, NULL, NULL);
      /* Here rather than in the window's first read, on the main thread. */
      cited_store_prepare_reads (job->store);
    }
  g_atomic_int_set (&job->finished, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

typedef struct {
  CitedApplication *app;
  GdkFrameClock    *clock;
  gboolean          painted;
  gboolean          ready;
} StartupTrace;

static void
startup_trace_free (gpointer data)
{
  StartupTrace *st = data;

  if (st->clock != NULL)
    g_signal_handlers_disconnect_by_data (st->clock, st);
  g_clear_object (&st->clock);
  g_free (st);
}

static void
trace_after_paint_cb (GdkFrameClock *clock,
                      StartupTrace  *st)
{
  if (!st->painted)
    {
      st->painted = TRUE;
      trace (st->app, "first frame");
    }
  if (st->ready)
    {
      trace (st->app, "list drawn");
      g_signal_handlers_disconnect_by_data (clock, st);
    }
}

static void
trace_realize_cb (GtkWidget    *window,
                  StartupTrace *st)
{
  trace (st->app, "window realized");
  st->clock = g_object_ref (gtk_widget_get_frame_clock (window));
  g_signal_connect (st->clock, "after-paint", G_CALLBACK (trace_after_paint_cb), st);
}

static void
trace_ready_cb (GtkWidget    *window,
                StartupTrace *st)
{
  if (st->ready)
    return;
  st->ready = TRUE;
  trace (st->app, "ready (rows listed)");
  /* The frame that shows the rows; none may be due when they came in
   * before the first one. */
  gtk_widget_queue_draw (window);
}

static void
trace_window (CitedApplication *self,
              GtkWindow        *window)
{
  StartupTrace *st = g_new0 (StartupTrace, 1);

  st->app = self;
  g_object_set_data_full (G_OBJECT (window), "cited-startup-trace", st, startup_trace_free);
  g_signal_connect (window, "realize", G_CALLBACK (trace_realize_cb), st);
  g_signal_connect (window, "ready", G_CALLBACK (trace_ready_cb), st);
}

static void
begin_opening (CitedApplication *self)
{
  if (self->open_job != NULL)
    return;
  self->open_job = g_atomic_rc_box_new0 (OpenJob);
  self->open_thread = g_thread_new ("cited-open", open_thread, self->open_job);
}

/* The store, once its opening (begun now if it was not) finished. */
static CitedStore *
finish_opening (CitedApplication  *self,
                GError           **error)
{
  OpenJob *job;
  CitedStore *store;

  begin_opening (self);
  job = g_steal_pointer (&self->open_job);
  while (!g_atomic_int_get (&job->finished))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (g_steal_pointer (&self->open_thread));

  job->closed = TRUE;
  if (job->window != NULL)
    gtk_window_destroy (job->window);
  store = g_steal_pointer (&job->store);
  if (job->error != NULL)
    g_propagate_error (error, g_steal_pointer (&job->error));
  open_job_unref (job);
  return store;
}

/* The windows' icon (on X11, _NET_WM_ICON: the window list's, not the
 * window's own frame) once the first window drew its first frame: GTK
 * renders it from the SVG at several sizes when the window is realized. */
static void
set_icon_after_paint_cb (GdkFrameClock *clock,
                         gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, set_icon_after_paint_cb, user_data);
  if (g_strcmp0 (gtk_window_get_default_icon_name (), APP_ID) != 0)
    gtk_window_set_default_icon_name (APP_ID);
}

static void
set_icon_on_realize_cb (GtkWidget *window,
                        gpointer   user_data)
{
  g_signal_handlers_disconnect_by_func (window, set_icon_on_realize_cb, user_data);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (set_icon_after_paint_cb), NULL);
}

static void
cited_application_activate (GApplication *application)
{
  CitedApplication *self = CITED_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (self->opening)
    return;

  if (tracing ())
    trace (self, "activate");
  self->opening = TRUE;
  store = finish_opening (self, &error);
  self->opening = FALSE;
  if (tracing ())
    trace (self, "store opened");
  if (store == NULL && self->screenshot_dir != NULL)
    {
      g_printerr ("%s\n", error->message);
      return;
    }

  window = GTK_WINDOW (cited_window_new (self, store));
  if (tracing ())
    {
      trace (self, "window created");
      trace_window (self, window);
    }
  if (store == NULL)
    cited_window_show_store_error (CITED_WINDOW (window), error);

  if (self->screenshot_dir != NULL)
    {
      const char *size = g_getenv ("CITED_SCREENSHOT_SIZE");
      int width = 1200, height = 800;

      /* CITED_SCREENSHOT_SIZE=WxH, e.g. 360x720 for the narrow layout. */
      if (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2)
        width = 1200, height = 800;
      self->screenshot_window = CITED_WINDOW (window);
      gtk_window_set_default_size (window, width, height);
      gtk_window_unmaximize (window);
      g_application_hold (application);
      g_signal_connect (window, "ready", G_CALLBACK (screenshot_ready_cb), self);
    }

  if (g_strcmp0 (gtk_window_get_default_icon_name (), APP_ID) != 0)
    g_signal_connect (window, "realize", G_CALLBACK (set_icon_on_realize_cb), NULL);
  gtk_window_present (window);
}

static int
cited_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  CitedApplication *self = CITED_APPLICATION (application);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("cited %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot_dir))
    {
      /* Screenshots come from a private instance, whatever else runs. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (cited_application_parent_class)->handle_local_options (application, options);
}

static void
cited_application_shutdown (GApplication *application)
{
  CitedApplication *self = CITED_APPLICATION (application);

  if (self->screenshot_window != NULL)
    {
      self->screenshot_window = NULL;
      g_application_release (application);
    }
  /* Opened and never shown (the application quit before activating). */
  if (self->open_job != NULL)
    {
      CitedStore *store = finish_opening (self, NULL);

      g_clear_object (&store);
    }

  G_APPLICATION_CLASS (cited_application_parent_class)->shutdown (application);
}

/* GNOME Shell's search provider lives beside the application's own object
 * (data/APP_ID.search-provider.ini names the path). */
static gboolean
cited_application_dbus_register (GApplication    *application,
                                 GDBusConnection *connection,
                                 const char      *object_path,
                                 GError         **error)
{
  CitedApplication *self = CITED_APPLICATION (application);
  g_autofree char *path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (cited_application_parent_class)->dbus_register (application, connection,
                                                                            object_path, error))
    return FALSE;
  self->search_provider_id = cited_search_provider_export (application, connection, path, error);
  return self->search_provider_id != 0;
}

static void
cited_application_dbus_unregister (GApplication    *application,
                                   GDBusConnection *connection,
                                   const char      *object_path)
{
  CitedApplication *self = CITED_APPLICATION (application);

  if (self->search_provider_id != 0)
    {
      g_dbus_connection_unregister_object (connection, self->search_provider_id);
      self->search_provider_id = 0;
    }
  G_APPLICATION_CLASS (cited_application_parent_class)->dbus_unregister (application, connection,
                                                                         object_path);
}

static void
cited_application_finalize (GObject *object)
{
  CitedApplication *self = CITED_APPLICATION (object);

  g_clear_pointer (&self->screenshot_dir, g_free);

  G_OBJECT_CLASS (cited_application_parent_class)->finalize (object);
}

static void
cited_application_class_init (CitedApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cited_application_finalize;
  app_class->startup = cited_application_startup;
  app_class->activate = cited_application_activate;
  app_class->handle_local_options = cited_application_handle_local_options;
  app_class->shutdown = cited_application_shutdown;
  app_class->dbus_register = cited_application_dbus_register;
  app_class->dbus_unregister = cited_application_dbus_unregister;
}

static void
cited_application_init (CitedApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { "screenshot", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, NULL,
      N_("Save light and dark screenshots of every page into DIR and quit"), N_("DIR") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  self->created = g_get_monotonic_time ();
}

/**
 * cited_application_limit_arenas:
 *
 * Keeps glibc's allocator to two arenas, the main thread's and one the
 * other threads share, before any thread is started. By default each
 * thread that allocates while another holds an arena gets one of its
 * own, up to sixteen on two cores: memory one of the store's workers
 * frees stays in its arena while the next worker grows another, and the
 * process keeps both. At 1,000,000 articles the app's peak was 15 MiB
 * lower, its reads as fast (README, "Peak memory, second pass").
 */
void
cited_application_limit_arenas (void)
{
#if HAVE_M_ARENA_MAX
  mallopt (M_ARENA_MAX, 2);
#endif
}

void
cited_application_open_store_early (CitedApplication *self)
{
  g_return_if_fail (CITED_IS_APPLICATION (self));
  self->open_early = TRUE;
}

CitedApplication *
cited_application_new (void)
{
  return g_object_new (CITED_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/cited/Cited",
                       NULL);
}
