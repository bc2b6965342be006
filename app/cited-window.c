/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cited-contradictions-dialog.h"
#include "cited-feeds-dialog.h"
#include "cited-figures-page-private.h"
#include "cited-import.h"
#include "cited-settings.h"
#include "cited-window.h"

struct _CitedWindow
{
  AdwApplicationWindow parent_instance;

  CitedStore        *store;
  GSettings         *settings;
  GCancellable      *import_cancellable;
  gboolean           loading;
  gboolean           disposed;      /* an import may finish after the window closed */

  /* Pages load when first shown and reload when shown after the store
   * changed, so that opening a large store only pays for the page in
   * view: each keeps the store's generation it was read at
   * (NOT_LOADED before). */
  guint64            articles_generation;
  guint64            figures_generation;
  guint64            brands_generation;
  gboolean           figures_bound;
  gboolean           brands_bound;

  AdwToastOverlay   *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkBox             *content_box;
  GtkMenuButton      *menu_button;
  GMenuModel         *primary_menu;
  AdwViewSwitcherBar *switcher_bar;   /* made when the window is first narrow */
  GtkRevealer       *import_revealer;
  GtkLabel          *import_label;
  GtkProgressBar    *import_progress;
  GtkStack          *main_stack;
  AdwViewStack      *view_stack;
  AdwStatusPage     *error_page;
  CitedArticlesPage *articles_page;
  AdwBin            *figures_bin;
  AdwBin            *brands_bin;
  CitedFiguresPage  *figures_page;        /* NULL until first needed */
  CitedBrandsPage   *brands_page;         /* NULL until first needed */

  /* Feeds refresh in the background: on start and every few minutes. */
  CitedFeeds        *feeds;
  GCancellable      *feeds_cancellable;   /* set while a refresh runs */
  guint              feeds_timer;
  guint              feeds_added;
  CitedFeedsDialog  *feeds_dialog;        /* weak */
};

G_DEFINE_FINAL_TYPE (CitedWindow, cited_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  PROP_VISIBLE_PAGE,
  N_PROPS
};

enum {
  SIGNAL_READY,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

static void brands_changed_cb  (CitedWindow *self);
static void figures_changed_cb (CitedWindow *self);

/* The Figures and Brands pages are made when first shown or asked for:
 * the window's first frame shows the Articles page only, and making the
 * other two (and measuring them, hidden, in every layout of the window's
 * stack) would delay it. */
static CitedFiguresPage *
ensure_figures_page (CitedWindow *self)
{
  if (self->figures_page == NULL)
    {
      self->figures_page = g_object_new (CITED_TYPE_FIGURES_PAGE, NULL);
      adw_bin_set_child (self->figures_bin, GTK_WIDGET (self->figures_page));
      g_signal_connect_swapped (self->figures_page, "store-changed",
                                G_CALLBACK (figures_changed_cb), self);
    }
  return self->figures_page;
}

static CitedBrandsPage *
ensure_brands_page (CitedWindow *self)
{
  if (self->brands_page == NULL)
    {
      self->brands_page = g_object_new (CITED_TYPE_BRANDS_PAGE, NULL);
      adw_bin_set_child (self->brands_bin, GTK_WIDGET (self->brands_page));
      /* The Brands page reloads itself after a change; the others follow
       * when next shown. */
      g_signal_connect_swapped (self->brands_page, "store-changed",
                                G_CALLBACK (brands_changed_cb), self);
    }
  return self->brands_page;
}

static void
set_loading (CitedWindow *self,
             gboolean     loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  cited_articles_page_set_loading (self->articles_page, loading);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOADING]);
}

#define NOT_LOADED G_MAXUINT64

/* What each page shows: a change of these makes it out of date. Feed
 * state alone (a refresh that found nothing) and saved views change no
 * page; new articles from a feed are articles. */
#define PAGE_CHANGES (CITED_STORE_CHANGE_ALL & ~(CITED_STORE_CHANGE_VIEWS | CITED_STORE_CHANGE_FEEDS))

/* Whether the page whose generation is @generation is out of date, and if
 * so, takes it as up to date from now. */
static gboolean
take_stale (CitedWindow *self,
            guint64     *generation)
{
  guint64 now = cited_store_get_generation (self->store, PAGE_CHANGES);

  if (*generation == now)
    return FALSE;
  *generation = now;
  return TRUE;
}

/* Brings the page called @name up to date with the store, if it is not. */
static void
load_page (CitedWindow *self,
           const char  *name)
{
  if (self->store == NULL || name == NULL)
    return;

  if (g_str_equal (name, "articles") && take_stale (self, &self->articles_generation))
    cited_articles_page_reload (self->articles_page);
  else if (g_str_equal (name, "figures") && take_stale (self, &self->figures_generation))
    {
      /* Setting the store loads the page; later changes reload it. */
      if (!self->figures_bound)
        {
          self->figures_bound = TRUE;
          g_object_set (ensure_figures_page (self), "store", self->store, NULL);
        }
      else
        cited_figures_page_reload (self->figures_page);
    }
  else if (g_str_equal (name, "brands") && take_stale (self, &self->brands_generation))
    {
      if (!self->brands_bound)
        {
          self->brands_bound = TRUE;
          g_object_set (ensure_brands_page (self), "store", self->store, NULL);
        }
      else
        cited_brands_page_reload (self->brands_page);
    }
}

/* The page in view reloads if the store changed since it was read; the
 * others do when shown. */
static void
follow_store (CitedWindow *self)
{
  load_page (self, cited_window_get_visible_page (self));
}

static void
store_changed_cb (CitedWindow      *self,
                  CitedStoreChange  changes)
{
  /* An import writes batch after batch: the pages follow once, at its
   * end. */
  if (self->loading || self->disposed)
    return;
  follow_store (self);
}

/* Another program (cited-cli) may have written while the user was in
 * its window. */
static void
is_active_changed_cb (CitedWindow *self)
{
  if (self->store != NULL && gtk_window_is_active (GTK_WINDOW (self)))
    cited_store_check_changes (self->store);
}

/* The Brands and Figures pages show their own changes themselves (the
 * Brands page reloads, the Figures page updates the corrected row): they
 * are up to date with them; the other pages follow ::changed. */
static void
brands_changed_cb (CitedWindow *self)
{
  self->brands_generation = cited_store_get_generation (self->store, PAGE_CHANGES);
}

static void
figures_changed_cb (CitedWindow *self)
{
  self->figures_generation = cited_store_get_generation (self->store, PAGE_CHANGES);
}

static void
update_page_actions (CitedWindow *self)
{
  const char *name = cited_window_get_visible_page (self);
  gboolean chart_page = self->store != NULL &&
                        (g_strcmp0 (name, "figures") == 0 || g_strcmp0 (name, "brands") == 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", chart_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", chart_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-image", chart_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-view",
                                 self->store != NULL && g_strcmp0 (name, "figures") == 0);
}

static void
update_import_actions (CitedWindow *self)
{
  gboolean can_import = self->store != NULL && !self->loading;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", self->loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.contradictions", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.feeds", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.subscribe-feed", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh-feeds", self->store != NULL);
}

/* Import */

static void
import_progress_cb (guint       done,
                    guint       total,
                    const char *current_path,
                    gpointer    user_data)
{
  CitedWindow *self = CITED_WINDOW (user_data);

  if (self->disposed)
    return;

  if (total > 0)
    {
      g_autofree char *text = NULL;
      g_autofree char *base = current_path ? g_path_get_basename (current_path) : NULL;

      gtk_progress_bar_set_fraction (self->import_progress, (double) done / total);
      /* Translators: %u of %u files, then the file being read. */
      text = g_strdup_printf (_("Importing %u of %u: %s"), done, total, base ? base : "");
      gtk_label_set_text (self->import_label, text);
    }
  else
    {
      gtk_progress_bar_pulse (self->import_progress);
      gtk_label_set_text (self->import_label, _("Looking for articles…"));
    }
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CitedWindow) self = CITED_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedImportResult) import_result = NULL;

  import_result = cited_import_paths_finish (CITED_STORE (source), result, &error);

  g_clear_object (&self->import_cancellable);
  if (self->disposed)
    return;
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  set_loading (self, FALSE);
  update_import_actions (self);

  if (import_result == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Import failed: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
    }
  else
    {
      g_autofree char *text = cited_import_describe_result (import_result);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      if (import_result->rejected != NULL && import_result->rejected->len > 0)
        {
          GtkWidget *dialog = cited_import_summary_dialog_new (GTK_WINDOW (self), import_result);
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }

  follow_store (self);
  g_signal_emit (self, signals[SIGNAL_READY], 0);
}

void
cited_window_import_paths (CitedWindow        *self,
                           const char * const *paths)
{
  g_return_if_fail (CITED_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);

  if (self->store == NULL || paths[0] == NULL)
    return;

  if (self->loading)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("An import is already running")));
      return;
    }

  self->import_cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  update_import_actions (self);

  gtk_progress_bar_set_fraction (self->import_progress, 0.0);
  gtk_label_set_text (self->import_label, _("Looking for articles…"));
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);

  cited_import_paths_async (self->store, paths, TRUE, self->import_cancellable,
                            import_progress_cb, g_object_ref (self), g_object_unref,
                            import_done_cb, g_object_ref (self));
}

void
cited_window_cancel_import (CitedWindow *self)
{
  g_return_if_fail (CITED_IS_WINDOW (self));

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
import_chosen_cb (GStrv    paths,
                  gpointer user_data)
{
  CitedWindow *self = CITED_WINDOW (user_data);

  if (paths != NULL && paths[0] != NULL)
    cited_window_import_paths (self, (const char * const *) paths);
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CitedWindow *self = CITED_WINDOW (widget);
  gboolean folders = g_str_equal (action_name, "win.import-folder");

  cited_import_choose (GTK_WINDOW (self), folders, import_chosen_cb, self);
}

static void
cancel_import_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  cited_window_cancel_import (CITED_WINDOW (widget));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  CitedWindow *self = CITED_WINDOW (user_data);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->store == NULL || self->loading)
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      char *path = g_file_get_path (G_FILE (l->data));

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  if (paths->len == 0)
    return FALSE;

  g_ptr_array_add (paths, NULL);
  cited_window_import_paths (self, (const char * const *) paths->pdata);
  return TRUE;
}

/* Pages and their actions */

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CitedWindow *self = CITED_WINDOW (widget);

  if (self->store == NULL)
    return;
  cited_window_set_visible_page (self, "articles");
  cited_articles_page_focus_search (self->articles_page);
}

/* Ctrl+Z and Ctrl+Shift+Z take corrections and changes of brands back
 * and forward from any page, over a history that outlives the toast. */
static void
history_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CitedWindow *self = CITED_WINDOW (widget);
  gboolean redo;

  if (self->store == NULL)
    return;
  redo = !g_str_equal (action_name, "win.undo");
  /* The latest change of either history: a correction or a brand. A page
   * not made yet has none. */
  if (self->brands_page != NULL &&
      (self->figures_page == NULL ||
       cited_brands_page_get_history_time (self->brands_page, redo) >
       cited_figures_page_get_history_time (self->figures_page, redo)))
    cited_brands_page_step_history (self->brands_page, redo);
  else if (self->figures_page == NULL)
    return;
  else if (redo)
    cited_figures_page_redo (self->figures_page);
  else
    cited_figures_page_undo (self->figures_page);
}

static void
chart_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CitedWindow *self = CITED_WINDOW (widget);
  const char *page = cited_window_get_visible_page (self);
  gboolean figures = g_strcmp0 (page, "figures") == 0;

  if (self->store == NULL)
    return;

  if (!figures && g_strcmp0 (page, "brands") != 0)
    return;

  if (g_str_equal (action_name, "win.print"))
    {
      if (figures)
        cited_figures_page_print (ensure_figures_page (self));
      else
        cited_brands_page_print (ensure_brands_page (self));
    }
  else if (g_str_equal (action_name, "win.export"))
    {
      if (figures)
        cited_figures_page_export (ensure_figures_page (self));
      else
        cited_brands_page_export (ensure_brands_page (self));
    }
  else if (g_str_equal (action_name, "win.copy-image"))
    {
      if (figures)
        cited_figures_page_copy_image (ensure_figures_page (self));
      else
        cited_brands_page_copy_image (ensure_brands_page (self));
    }
}

/* Ctrl+S saves the Figures page's chart as a view. */
static void
save_view_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CitedWindow *self = CITED_WINDOW (widget);

  if (self->store == NULL || g_strcmp0 (cited_window_get_visible_page (self), "figures") != 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (ensure_figures_page (self)), "figures.save-view", NULL);
}

static void
export_report_when_loaded_cb (CitedFiguresPage *page,
                              GParamSpec       *pspec,
                              CitedWindow      *self)
{
  if (cited_figures_page_get_loading (page))
    return;
  g_signal_handlers_disconnect_by_func (page, export_report_when_loaded_cb, self);
  cited_figures_page_export_report (page);
}

/* A report is of the Figures page's chart, from whichever page it is
 * asked for: the page is shown, and brought up to date first when it was
 * not. */
static void
export_report_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CitedWindow *self = CITED_WINDOW (widget);

  if (self->store == NULL)
    return;
  cited_window_set_visible_page (self, "figures");
  ensure_figures_page (self);
  g_signal_handlers_disconnect_by_func (self->figures_page, export_report_when_loaded_cb, self);
  if (cited_figures_page_get_loading (self->figures_page))
    g_signal_connect_object (self->figures_page, "notify::loading",
                             G_CALLBACK (export_report_when_loaded_cb), self, 0);
  else
    cited_figures_page_export_report (self->figures_page);
}

/* The keyboard shortcuts window, made the first time it is asked for
 * rather than for every window GtkApplication makes (where
 * gtk/help-overlay.ui would put it). */
static void
show_help_overlay_action_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);

  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/cited/Cited/cited-shortcuts.ui");

      gtk_application_window_set_help_overlay (window,
                                               GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder,
                                                                                             "help_overlay")));
    }
  gtk_window_present (GTK_WINDOW (gtk_application_window_get_help_overlay (window)));
}

static void
show_figure_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CitedWindow *self = CITED_WINDOW (widget);
  gint64 figure_id = g_variant_get_int64 (parameter);

  if (self->store == NULL)
    return;
  cited_window_set_visible_page (self, "figures");
  cited_figures_page_show_figure (ensure_figures_page (self), figure_id);
}

static void
show_article_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CitedWindow *self = CITED_WINDOW (widget);
  gint64 article_id;
  guint32 offset;

  g_autoptr(CitedArticle) article = NULL;

  if (self->store == NULL)
    return;
  g_variant_get (parameter, "(xu)", &article_id, &offset);

  article = cited_store_get_article (self->store, article_id, NULL);
  if (article == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("That article is no longer in the database")));
      return;
    }
  cited_window_set_visible_page (self, "articles");
  cited_articles_page_show_article (self->articles_page, article_id, offset);
}

/**
 * cited_window_show_contradictions:
 *
 * Opens the list of claims that contradict each other.
 *
 * Returns: (transfer none) (nullable): the dialog, or NULL without a store
 */
CitedContradictionsDialog *
cited_window_show_contradictions (CitedWindow *self)
{
  CitedContradictionsDialog *dialog;

  g_return_val_if_fail (CITED_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;
  dialog = cited_contradictions_dialog_new (self->store);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  /* Marking a side right rejects figures: the pages follow the store. */
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
contradictions_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  cited_window_show_contradictions (CITED_WINDOW (widget));
}

/* Feeds */

static void
feeds_progress_cb (guint                  done,
                   guint                  total,
                   const CitedFeedResult *last,
                   gpointer               user_data)
{
  CitedWindow *self = CITED_WINDOW (user_data);

  if (self->disposed)
    return;
  self->feeds_added += last->n_added;
  /* New articles appear as each feed brings them: the pages follow the
   * store. */
  if (self->feeds_dialog != NULL && done < total)
    cited_feeds_dialog_set_progress (self->feeds_dialog, done, total);
}

static void
feeds_refreshed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CitedWindow) self = CITED_WINDOW (user_data);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = cited_feeds_refresh_finish (CITED_FEEDS (source), result, &error);
  g_clear_object (&self->feeds_cancellable);
  if (self->disposed)
    return;
  if (self->feeds_dialog != NULL)
    cited_feeds_dialog_set_progress (self->feeds_dialog, 1, 1);
  if (results == NULL)
    g_warning ("Could not refresh the feeds: %s", error->message);
  else if (self->feeds_added > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u new article from feeds",
                                                         "%u new articles from feeds",
                                                         self->feeds_added),
                                               self->feeds_added);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
    }
}

/**
 * cited_window_refresh_feeds:
 *
 * Refreshes every subscribed feed in the background, unless a refresh is
 * running already.
 */
void
cited_window_refresh_feeds (CitedWindow *self)
{
  g_return_if_fail (CITED_IS_WINDOW (self));

  if (self->feeds == NULL || self->feeds_cancellable != NULL)
    return;
  self->feeds_cancellable = g_cancellable_new ();
  self->feeds_added = 0;
  cited_feeds_refresh_async (self->feeds, NULL, 0, feeds_progress_cb, self,
                             self->feeds_cancellable, feeds_refreshed_cb, g_object_ref (self));
}

static gboolean
feeds_timer_cb (gpointer data)
{
  cited_window_refresh_feeds (CITED_WINDOW (data));
  return G_SOURCE_CONTINUE;
}

/* Refreshes now and every feeds-refresh-minutes, or never when it is 0. */
static void
schedule_feeds (CitedWindow *self)
{
  guint minutes = self->settings ? g_settings_get_uint (self->settings, "feeds-refresh-minutes") : 0;

  g_clear_handle_id (&self->feeds_timer, g_source_remove);
  if (minutes == 0)
    return;
  cited_window_refresh_feeds (self);
  self->feeds_timer = g_timeout_add_seconds (minutes * 60, feeds_timer_cb, self);
}

/**
 * cited_window_show_feeds:
 *
 * Opens the Feeds dialog (once: a second call presents it again).
 *
 * Returns: (transfer none) (nullable): the dialog, or NULL without a store
 */
CitedFeedsDialog *
cited_window_show_feeds (CitedWindow *self)
{
  g_return_val_if_fail (CITED_IS_WINDOW (self), NULL);

  if (self->feeds == NULL)
    return NULL;
  if (self->feeds_dialog == NULL)
    {
      self->feeds_dialog = cited_feeds_dialog_new (self->store, self->feeds);
      g_object_add_weak_pointer (G_OBJECT (self->feeds_dialog), (gpointer *) &self->feeds_dialog);
      gtk_window_set_transient_for (GTK_WINDOW (self->feeds_dialog), GTK_WINDOW (self));
      g_signal_connect_object (self->feeds_dialog, "refresh",
                               G_CALLBACK (cited_window_refresh_feeds), self, G_CONNECT_SWAPPED);
      if (self->feeds_cancellable != NULL)
        cited_feeds_dialog_set_progress (self->feeds_dialog, 0, 1);
    }
  gtk_window_present (GTK_WINDOW (self->feeds_dialog));
  return self->feeds_dialog;
}

static void
feeds_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CitedWindow *self = CITED_WINDOW (widget);
  CitedFeedsDialog *dialog;

  if (g_str_equal (action_name, "win.refresh-feeds"))
    {
      cited_window_refresh_feeds (self);
      return;
    }
  dialog = cited_window_show_feeds (self);
  if (dialog != NULL && g_str_equal (action_name, "win.subscribe-feed"))
    cited_feeds_dialog_focus_entry (dialog);
}

static void
page_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CitedWindow *self = CITED_WINDOW (widget);

  if (self->store == NULL)
    return;
  cited_window_set_visible_page (self, g_variant_get_string (parameter, NULL));
}

static void
visible_child_changed_cb (CitedWindow *self)
{
  const char *name = cited_window_get_visible_page (self);

  load_page (self, name);
  update_page_actions (self);
  if (self->settings != NULL && name != NULL && self->store != NULL)
    g_settings_set_string (self->settings, "last-page", name);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_VISIBLE_PAGE]);
}

/* Re-extraction left unfinished (a process killed during a change of the
 * brands, or a new extractor): finished in a worker thread with its own
 * connection, in short batches, so the pages read and write meanwhile;
 * the import banner shows its progress and cancels it (the rest stays
 * marked for the next start). */

typedef struct {
  CitedWindow *self;
  guint        done;
  guint        total;
} ReextractProgress;

static void
reextract_progress_free (ReextractProgress *progress)
{
  g_object_unref (progress->self);
  g_free (progress);
}

static gboolean
reextract_progress_idle (gpointer data)
{
  ReextractProgress *progress = data;
  CitedWindow *self = progress->self;
  g_autofree char *text = NULL;

  if (self->disposed || !self->loading || progress->total == 0)
    return G_SOURCE_REMOVE;
  /* TRANSLATORS: progress of re-extracting figures left unfinished, e.g. "64 of 2,000 articles" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Re-extracting figures: %u of %u article",
                                       "Re-extracting figures: %u of %u articles", progress->total),
                          progress->done, progress->total);
  gtk_progress_bar_set_fraction (self->import_progress, (double) progress->done / progress->total);
  gtk_label_set_text (self->import_label, text);
  return G_SOURCE_REMOVE;
}

/* In the worker thread, once per batch. */
static void
reextract_progress_cb (guint    done,
                       guint    total,
                       gpointer user_data)
{
  ReextractProgress *progress = g_new0 (ReextractProgress, 1);

  progress->self = g_object_ref (CITED_WINDOW (user_data));
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, reextract_progress_idle, progress,
                              (GDestroyNotify) reextract_progress_free);
}

static void
reextract_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_autoptr(CitedStore) store = NULL;
  GError *error = NULL;

  store = cited_store_open (task_data, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  cited_store_set_progress_func (store, reextract_progress_cb, source_object);
  if (!cited_store_reextract_pending (store, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
reextract_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CitedWindow *self = CITED_WINDOW (source);
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  g_clear_object (&self->import_cancellable);
  if (self->disposed)
    return;
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  set_loading (self, FALSE);
  update_import_actions (self);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("Could not re-extract the figures: %s"),
                                               error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
    }
  follow_store (self);
  g_signal_emit (self, signals[SIGNAL_READY], 0);
}

static void
start_reextraction (CitedWindow *self)
{
  g_autoptr(GTask) task = NULL;

  self->import_cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  update_import_actions (self);
  gtk_progress_bar_set_fraction (self->import_progress, 0.0);
  gtk_label_set_text (self->import_label, _("Re-extracting figures…"));
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);

  task = g_task_new (self, self->import_cancellable, reextract_done_cb, NULL);
  g_task_set_source_tag (task, start_reextraction);
  g_task_set_task_data (task, g_strdup (cited_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, reextract_thread);
}

/* Startup */

static gboolean
initial_ready_cb (gpointer user_data)
{
  g_signal_emit (CITED_WINDOW (user_data), signals[SIGNAL_READY], 0);
  return G_SOURCE_REMOVE;
}

static void
articles_loaded_cb (CitedWindow *self)
{
  g_signal_handlers_disconnect_by_func (self->articles_page, articles_loaded_cb, self);
  g_signal_emit (self, signals[SIGNAL_READY], 0);
}

static void
start (CitedWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) first = NULL;
  CitedQuery query = { 0 };
  const char *corpus;

  /* Whether there is any article: one id, where counting them all takes
   * longer the larger the store. */
  query.limit = 1;
  first = cited_store_list_article_ids (self->store, &query, &error);
  if (first == NULL)
    {
      cited_window_show_store_error (self, error);
      return;
    }

  corpus = cited_application_get_sample_corpus_dir ();
  if (first->len == 0 && corpus != NULL)
    {
      const char *paths[] = { corpus, NULL };

      /* A new user sees real content with nothing to configure. */
      cited_window_import_paths (self, paths);
    }
  else if (cited_store_count_pending_extractions (self->store, NULL) > 0)
    {
      /* A re-extraction left unfinished (the app or the command line was
       * stopped) ends first; "ready" waits for it. */
      follow_store (self);
      start_reextraction (self);
    }
  else if (g_strcmp0 (cited_window_get_visible_page (self), "articles") == 0)
    {
      /* The window is drawn at once and the rows follow, read in the
       * background; "ready" says they are there. */
      self->articles_generation = cited_store_get_generation (self->store, PAGE_CHANGES);
      g_signal_connect_object (self->articles_page, "loaded", G_CALLBACK (articles_loaded_cb),
                               self, G_CONNECT_SWAPPED);
      cited_articles_page_load (self->articles_page);
    }
  else
    {
      /* The page in view is filled before the window is first drawn;
       * "ready" waits for callers to connect. */
      follow_store (self);
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, initial_ready_cb,
                       g_object_ref (self), g_object_unref);
    }
}

static void
cited_window_constructed (GObject *object)
{
  CitedWindow *self = CITED_WINDOW (object);

  G_OBJECT_CLASS (cited_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    {
      int width = g_settings_get_int (self->settings, "window-width");
      int height = g_settings_get_int (self->settings, "window-height");
      g_autofree char *page = g_settings_get_string (self->settings, "last-page");

      gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      if (self->store != NULL && adw_view_stack_get_child_by_name (self->view_stack, page) != NULL)
        adw_view_stack_set_visible_child_name (self->view_stack, page);
    }

  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (visible_child_changed_cb), self, G_CONNECT_SWAPPED);

  /* The Articles page costs nothing until reloaded; the others load when
   * given the store, which waits until they are first shown. */
  if (self->store != NULL)
    g_object_set (self->articles_page, "store", self->store, NULL);
  self->articles_generation = self->figures_generation = self->brands_generation = NOT_LOADED;
  if (self->store != NULL)
    {
      g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_changed_cb), NULL);
    }

  update_page_actions (self);
  update_import_actions (self);

  if (self->store != NULL)
    start (self);

  if (self->store != NULL)
    {
      self->feeds = cited_feeds_new (self->store);
      if (self->settings != NULL)
        g_signal_connect_object (self->settings, "changed::feeds-refresh-minutes",
                                 G_CALLBACK (schedule_feeds), self, G_CONNECT_SWAPPED);
      schedule_feeds (self);
    }
}

static gboolean
cited_window_close_request (GtkWindow *window)
{
  CitedWindow *self = CITED_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  cited_window_cancel_import (self);

  return GTK_WINDOW_CLASS (cited_window_parent_class)->close_request (window);
}

static void
cited_window_dispose (GObject *object)
{
  CitedWindow *self = CITED_WINDOW (object);

  self->disposed = TRUE;
  /* The import's callback still runs (it holds a reference) and frees the
   * cancellable; it only updates a window that is still there. */
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  if (self->feeds_cancellable != NULL)
    g_cancellable_cancel (self->feeds_cancellable);
  g_clear_handle_id (&self->feeds_timer, g_source_remove);
  if (self->feeds_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->feeds_dialog));

  G_OBJECT_CLASS (cited_window_parent_class)->dispose (object);
}

static void
cited_window_finalize (GObject *object)
{
  CitedWindow *self = CITED_WINDOW (object);

  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->feeds_cancellable);
  g_clear_object (&self->feeds);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cited_window_parent_class)->finalize (object);
}

static void
cited_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CitedWindow *self = CITED_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_VISIBLE_PAGE:
      g_value_set_string (value, cited_window_get_visible_page (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CitedWindow *self = CITED_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_VISIBLE_PAGE:
      cited_window_set_visible_page (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_window_class_init (CitedWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cited_window_constructed;
  object_class->dispose = cited_window_dispose;
  object_class->finalize = cited_window_finalize;
  object_class->get_property = cited_window_get_property;
  object_class->set_property = cited_window_set_property;
  window_class->close_request = cited_window_close_request;

  props[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CITED_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_VISIBLE_PAGE] =
    g_param_spec_string ("visible-page", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * CitedWindow::ready:
   * The window finished importing (or had nothing to import) and reloaded
   * its pages.
   */
  signals[SIGNAL_READY] =
    g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CITED_TYPE_ARTICLES_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cited/Cited/cited-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CitedWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CitedWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CitedWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, CitedWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CitedWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, CitedWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, CitedWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, CitedWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, CitedWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CitedWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CitedWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CitedWindow, articles_page);
  gtk_widget_class_bind_template_child (widget_class, CitedWindow, figures_bin);
  gtk_widget_class_bind_template_child (widget_class, CitedWindow, brands_bin);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, chart_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, chart_action_cb);
  gtk_widget_class_install_action (widget_class, "win.copy-image", NULL, chart_action_cb);
  gtk_widget_class_install_action (widget_class, "win.save-view", NULL, save_view_action_cb);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_action_cb);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-figure", "x", show_figure_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-article", "(xu)", show_article_action_cb);
  gtk_widget_class_install_action (widget_class, "win.page", "s", page_action_cb);
  gtk_widget_class_install_action (widget_class, "win.contradictions", NULL, contradictions_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action_cb);
  gtk_widget_class_install_action (widget_class, "win.feeds", NULL, feeds_action_cb);
  gtk_widget_class_install_action (widget_class, "win.subscribe-feed", NULL, feeds_action_cb);
  gtk_widget_class_install_action (widget_class, "win.refresh-feeds", NULL, feeds_action_cb);
}

/* The pages' switcher at the bottom of a narrow window, where the header
 * bar's gives way to the title: made the first time it does (the window's
 * first frame would otherwise make, style and measure a switcher it does
 * not show, about 5 ms). Not for a window without a store, which has no
 * pages to switch. */
static void
title_visible_cb (CitedWindow *self)
{
  if (self->switcher_bar != NULL || self->store == NULL ||
      !adw_view_switcher_title_get_title_visible (self->switcher_title))
    return;
  self->switcher_bar = ADW_VIEW_SWITCHER_BAR (adw_view_switcher_bar_new ());
  adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
  g_object_bind_property (self->switcher_title, "title-visible", self->switcher_bar, "reveal",
                          G_BINDING_SYNC_CREATE);
  gtk_box_append (self->content_box, GTK_WIDGET (self->switcher_bar));
}

/* The main menu's popover, made when it is first opened (a click, F10):
 * made with the window, its items and their shortcuts cost the first frame
 * about 8 ms. */
static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  CitedWindow *self = CITED_WINDOW (user_data);

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
cited_window_init (CitedWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_menu_cb, self, NULL);
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (title_visible_cb), self, G_CONNECT_SWAPPED);

  self->settings = cited_settings_new ();

#if DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

CitedWindow *
cited_window_new (CitedApplication *application,
                  CitedStore       *store)
{
  g_return_val_if_fail (CITED_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || CITED_IS_STORE (store), NULL);

  return g_object_new (CITED_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

CitedStore *
cited_window_get_store (CitedWindow *self)
{
  g_return_val_if_fail (CITED_IS_WINDOW (self), NULL);
  return self->store;
}

CitedArticlesPage *
cited_window_get_articles_page (CitedWindow *self)
{
  g_return_val_if_fail (CITED_IS_WINDOW (self), NULL);
  return self->articles_page;
}

CitedFiguresPage *
cited_window_get_figures_page (CitedWindow *self)
{
  g_return_val_if_fail (CITED_IS_WINDOW (self), NULL);
  return ensure_figures_page (self);
}

CitedBrandsPage *
cited_window_get_brands_page (CitedWindow *self)
{
  g_return_val_if_fail (CITED_IS_WINDOW (self), NULL);
  return ensure_brands_page (self);
}

gboolean
cited_window_get_loading (CitedWindow *self)
{
  g_return_val_if_fail (CITED_IS_WINDOW (self), FALSE);
  return self->loading;
}

const char *
cited_window_get_visible_page (CitedWindow *self)
{
  g_return_val_if_fail (CITED_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
cited_window_set_visible_page (CitedWindow *self,
                               const char  *name)
{
  g_return_if_fail (CITED_IS_WINDOW (self));

  if (name == NULL || adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
cited_window_show_store_error (CitedWindow  *self,
                               const GError *error)
{
  g_autofree char *path = NULL;
  g_autofree char *description = NULL;
  g_autofree char *escaped_path = NULL;
  g_autofree char *escaped_message = NULL;

  g_return_if_fail (CITED_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  path = self->store ? g_strdup (cited_store_get_path (self->store)) : cited_store_default_path ();
  escaped_path = g_markup_escape_text (path ? path : "", -1);
  escaped_message = g_markup_escape_text (error->message, -1);

  if (g_error_matches (error, CITED_ERROR, CITED_ERROR_DATABASE_TOO_NEW))
    {
      adw_status_page_set_title (self->error_page, _("Database From a Newer Cited"));
      /* Translators: %s is a file path. */
      description = g_strdup_printf (_("The database at %s was written by a newer version of Cited. "
                                       "Update Cited to open it, or start afresh by moving that file "
                                       "aside (or by setting CITED_DB to another file)."),
                                     escaped_path);
    }
  else
    {
      adw_status_page_set_title (self->error_page, _("Cannot Open the Database"));
      /* Translators: the first %s is a file path, the second the reason. */
      description = g_strdup_printf (_("Cited could not open its database at %s: %s. "
                                       "If the file is not a Cited database, move it aside "
                                       "(or set CITED_DB to another file) and start Cited again."),
                                     escaped_path, escaped_message);
    }
  adw_status_page_set_description (self->error_page, description);

  gtk_stack_set_visible_child_name (self->main_stack, "error");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
  if (self->switcher_bar != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), FALSE);
  g_clear_object (&self->store);
  update_page_actions (self);
  update_import_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
}

void
cited_window_add_toast (CitedWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (CITED_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
cited_window_select_example_article (CitedWindow *self)
{
  g_autoptr(GPtrArray) articles = NULL;
  CitedQuery query = { .limit = 200 };
  CitedArticle *best = NULL;

  g_return_if_fail (CITED_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  articles = cited_store_list_articles (self->store, &query, NULL);
  for (guint i = 0; articles != NULL && i < articles->len; i++)
    {
      CitedArticle *article = g_ptr_array_index (articles, i);

      if (best == NULL || article->n_figures > best->n_figures)
        best = article;
    }
  if (best != NULL)
    cited_articles_page_show_article (self->articles_page, best->id, 0);
}

gboolean
cited_window_save_screenshot (CitedWindow  *self,
                              const char   *path,
                              GError      **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (CITED_IS_WINDOW (self), FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  renderer = gtk_native_get_renderer (GTK_NATIVE (self));
  if (width <= 0 || height <= 0 || renderer == NULL)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_FAILED,
                           _("The window is not shown yet"));
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_FAILED,
                           _("The window drew nothing"));
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_FAILED,
                   _("Could not write %s"), path);
      return FALSE;
    }
  return TRUE;
}
