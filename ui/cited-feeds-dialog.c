/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-feeds-dialog"
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cited-export.h"
#include "cited-feeds-dialog.h"
#include "cited-import.h"

struct _CitedFeedsDialog
{
  AdwWindow       parent_instance;

  CitedStore     *store;
  CitedFeeds     *feeds;
  GCancellable   *cancellable;
  guint           n_feeds;

  GtkEntry       *entry;
  GtkCheckButton *full_text;
  GtkButton      *subscribe_button;
  GtkButton      *refresh_button;
  GtkLabel       *status;
  GtkProgressBar *progress;
  GtkListBox     *list;
};

G_DEFINE_FINAL_TYPE (CitedFeedsDialog, cited_feeds_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_ARTICLES_CHANGED,
  SIGNAL_REFRESH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_status (CitedFeedsDialog *self,
            const char       *text)
{
  gtk_label_set_text (self->status, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status), text != NULL && *text != '\0');
}

static char *
feed_subtitle (const CitedFeed *feed)
{
  g_autofree char *when = NULL;
  g_autofree char *items = g_strdup_printf (ngettext ("%u article", "%u articles", feed->n_items),
                                            feed->n_items);

  if (feed->last_error != NULL)
    /* TRANSLATORS: a feed's address, then why its last refresh failed */
    return g_strdup_printf (_("%s\nFailed: %s"), cited_feed_get_fetch_url (feed), feed->last_error);
  if (feed->last_success > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (feed->last_success);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);

      when = g_date_time_format (local, "%x %H:%M");
    }
  /* TRANSLATORS: a feed's address, when it was last refreshed, its number of articles */
  return g_strdup_printf (_("%s\nUpdated %s · %s"), cited_feed_get_fetch_url (feed),
                          when != NULL ? when : _("never"), items);
}

static void
full_text_toggled_cb (GtkSwitch        *toggle,
                      GParamSpec       *pspec,
                      CitedFeedsDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toggle), "feed-id"));
  g_autoptr(GError) error = NULL;

  if (!cited_store_set_feed_full_text (self->store, id, gtk_switch_get_active (toggle), &error))
    set_status (self, error->message);
}

static void
remove_clicked_cb (GtkButton        *button,
                   CitedFeedsDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "feed-id"));
  const char *name = g_object_get_data (G_OBJECT (button), "feed-name");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!cited_store_remove_feed (self->store, id, &error))
    {
      set_status (self, error->message);
      return;
    }
  text = g_strdup_printf (_("Unsubscribed from %s; its articles stay"), name);
  set_status (self, text);
  cited_feeds_dialog_reload (self);
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CitedFeedsDialog *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "feed-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "rename"))
    return;
  if (!cited_store_rename_feed (self->store, id, gtk_editable_get_text (entry), &error))
    set_status (self, error->message);
  cited_feeds_dialog_reload (self);
}

/* Asks for a feed's new title; an empty one gives back the feed's own. */
static AdwMessageDialog *
show_rename (CitedFeedsDialog *self,
             gint64            id,
             const char       *name)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Rename Feed"), NULL);
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Title"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "feed-id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
rename_clicked_cb (GtkButton        *button,
                   CitedFeedsDialog *self)
{
  show_rename (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "feed-id")),
               g_object_get_data (G_OBJECT (button), "feed-name"));
}

/**
 * cited_feeds_dialog_rename:
 * @index: the feed's position in the list
 *
 * Asks for the feed's new title, as its Rename button does.
 *
 * Returns: (transfer none) (nullable): the question, or NULL when there is
 *   no such feed
 */
AdwMessageDialog *
cited_feeds_dialog_rename (CitedFeedsDialog *self,
                           guint             index)
{
  GtkListBoxRow *row;
  const char *name;

  g_return_val_if_fail (CITED_IS_FEEDS_DIALOG (self), NULL);

  row = gtk_list_box_get_row_at_index (self->list, (int) index);
  if (row == NULL)
    return NULL;
  name = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  return show_rename (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "feed-id")), name);
}

static GtkWidget *
row_button_new (CitedFeedsDialog *self,
                const CitedFeed  *feed,
                const char       *name,
                const char       *icon,
                const char       *tooltip,
                const char       *label,
                GCallback         clicked)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (button), "feed-id", GSIZE_TO_POINTER (feed->id));
  g_object_set_data_full (G_OBJECT (button), "feed-name", g_strdup (name), g_free);
  g_signal_connect (button, "clicked", clicked, self);
  return button;
}

static GtkWidget *
feed_row_new (CitedFeedsDialog *self,
              const CitedFeed  *feed)
{
  const char *name = feed->title != NULL ? feed->title : cited_feed_get_fetch_url (feed);
  g_autofree char *subtitle = feed_subtitle (feed);
  g_autofree char *switch_label = g_strdup_printf (_("Fetch full articles for %s"), name);
  /* TRANSLATORS: %s is a feed's title */
  g_autofree char *rename_label = g_strdup_printf (_("Rename %s"), name);
  /* TRANSLATORS: %s is a feed's title */
  g_autofree char *remove_label = g_strdup_printf (_("Unsubscribe from %s"), name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  /* TRANSLATORS: beside a feed's switch that fetches the full articles */
  GtkWidget *toggle_label = gtk_label_new (C_("feed", "Full text"));
  GtkWidget *rename = row_button_new (self, feed, name, "document-edit-symbolic", _("Rename"),
                                      rename_label, G_CALLBACK (rename_clicked_cb));
  GtkWidget *remove = row_button_new (self, feed, name, "user-trash-symbolic", _("Unsubscribe"),
                                      remove_label, G_CALLBACK (remove_clicked_cb));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (feed->last_error != NULL)
    gtk_widget_add_css_class (row, "error");

  gtk_switch_set_active (GTK_SWITCH (toggle), feed->full_text);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (toggle, _("Fetch the full article when the feed gives only a summary"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  switch_label, -1);
  g_object_set_data (G_OBJECT (toggle), "feed-id", GSIZE_TO_POINTER (feed->id));
  g_signal_connect (toggle, "notify::active", G_CALLBACK (full_text_toggled_cb), self);

  gtk_widget_add_css_class (toggle_label, "dim-label");
  g_object_set_data (G_OBJECT (row), "feed-id", GSIZE_TO_POINTER (feed->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), rename);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

/**
 * cited_feeds_dialog_reload:
 *
 * Lists the subscriptions again, as the store has them now.
 */
void
cited_feeds_dialog_reload (CitedFeedsDialog *self)
{
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (CITED_IS_FEEDS_DIALOG (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  /* A handful of rows from a small table: read on the spot. */
  feeds = cited_store_list_feeds (self->store, &error);
  if (feeds == NULL)
    {
      set_status (self, error->message);
      return;
    }
  self->n_feeds = feeds->len;
  for (guint i = 0; i < feeds->len; i++)
    gtk_list_box_append (self->list, feed_row_new (self, g_ptr_array_index (feeds, i)));
  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_button), feeds->len > 0);
}

static void
subscribed_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(CitedFeedsDialog) self = user_data;
  g_autoptr(CitedFeedResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  result = cited_feeds_subscribe_finish (CITED_FEEDS (source), res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->subscribe_button), TRUE);
  gtk_editable_set_editable (GTK_EDITABLE (self->entry), TRUE);
  if (result == NULL)
    {
      set_status (self, error->message);
      return;
    }
  text = g_strdup_printf (ngettext ("Subscribed to %s: %u article", "Subscribed to %s: %u articles",
                                    result->n_added),
                          result->title != NULL ? result->title : result->url, result->n_added);
  set_status (self, text);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  cited_feeds_dialog_reload (self);
  if (result->n_added > 0)
    g_signal_emit (self, signals[SIGNAL_ARTICLES_CHANGED], 0);
}

void
cited_feeds_dialog_subscribe (CitedFeedsDialog *self,
                              const char       *url)
{
  g_return_if_fail (CITED_IS_FEEDS_DIALOG (self));

  if (url == NULL || *url == '\0')
    return;
  /* Not insensitive: the entry may have the focus, which it would lose. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->subscribe_button), FALSE);
  gtk_editable_set_editable (GTK_EDITABLE (self->entry), FALSE);
  set_status (self, _("Subscribing…"));
  cited_feeds_subscribe_async (self->feeds, url, gtk_check_button_get_active (self->full_text),
                               self->cancellable, subscribed_cb, g_object_ref (self));
}

static void
subscribe_activated_cb (CitedFeedsDialog *self)
{
  cited_feeds_dialog_subscribe (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
refresh_clicked_cb (CitedFeedsDialog *self)
{
  g_signal_emit (self, signals[SIGNAL_REFRESH], 0);
}

void
cited_feeds_dialog_set_progress (CitedFeedsDialog *self,
                                 guint             done,
                                 guint             total)
{
  gboolean running = done < total;

  g_return_if_fail (CITED_IS_FEEDS_DIALOG (self));

  gtk_widget_set_visible (GTK_WIDGET (self->progress), running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_button), !running && self->n_feeds > 0);
  if (running)
    {
      g_autofree char *text = g_strdup_printf (_("Refreshing %u of %u feeds…"), done + 1, total);

      gtk_progress_bar_set_fraction (self->progress, total > 0 ? (double) done / total : 0);
      set_status (self, text);
    }
  else
    set_status (self, NULL);
  cited_feeds_dialog_reload (self);
}

void
cited_feeds_dialog_focus_entry (CitedFeedsDialog *self)
{
  g_return_if_fail (CITED_IS_FEEDS_DIALOG (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

guint
cited_feeds_dialog_get_n_feeds (CitedFeedsDialog *self)
{
  g_return_val_if_fail (CITED_IS_FEEDS_DIALOG (self), 0);

  return self->n_feeds;
}

const char *
cited_feeds_dialog_get_status (CitedFeedsDialog *self)
{
  g_return_val_if_fail (CITED_IS_FEEDS_DIALOG (self), NULL);

  return gtk_label_get_text (self->status);
}

/* OPML */

/**
 * cited_feeds_dialog_import_opml:
 * @path: an OPML file
 *
 * Subscribes to the feeds the list names and asks for a refresh, which
 * fetches them. The status line says how it went.
 *
 * Returns: whether the list could be read
 */
gboolean
cited_feeds_dialog_import_opml (CitedFeedsDialog  *self,
                                const char        *path,
                                GError           **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  guint n_added = 0;
  guint n_known = 0;

  g_return_val_if_fail (CITED_IS_FEEDS_DIALOG (self), FALSE);

  if (!g_file_get_contents (path, &contents, &length, error) ||
      !cited_feeds_import_opml (self->store, contents, length, &n_added, &n_known, error))
    return FALSE;
  text = g_strdup_printf (ngettext ("Subscribed to %u feed of the list (%u already were)",
                                    "Subscribed to %u feeds of the list (%u already were)", n_added),
                          n_added, n_known);
  cited_feeds_dialog_reload (self);
  set_status (self, text);
  if (n_added > 0)
    g_signal_emit (self, signals[SIGNAL_REFRESH], 0);
  return TRUE;
}

/**
 * cited_feeds_dialog_export_opml:
 * @file: where to write
 *
 * Writes every subscription to @file as OPML.
 */
gboolean
cited_feeds_dialog_export_opml (CitedFeedsDialog  *self,
                                GFile             *file,
                                GError           **error)
{
  g_autofree char *opml = NULL;

  g_return_val_if_fail (CITED_IS_FEEDS_DIALOG (self), FALSE);

  opml = cited_feeds_export_opml (self->store, error);
  return opml != NULL &&
         g_file_replace_contents (file, opml, strlen (opml), NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, NULL, error);
}

static void
opml_chosen_cb (GStrv    paths,
                gpointer user_data)
{
  CitedFeedsDialog *self = user_data;
  g_autoptr(GError) error = NULL;

  if (paths != NULL && paths[0] != NULL && !cited_feeds_dialog_import_opml (self, paths[0], &error))
    set_status (self, error->message);
  g_object_unref (self);
}

static void
opml_save_cb (GFile    *file,
              gpointer  data)
{
  CitedFeedsDialog *self = data;
  g_autoptr(GError) error = NULL;

  if (!cited_feeds_dialog_export_opml (self, file, &error))
    set_status (self, error->message);
  else
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *text = g_strdup_printf (_("Wrote the feeds to %s"), name);

      set_status (self, text);
    }
}

static void
opml_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CitedFeedsDialog *self = CITED_FEEDS_DIALOG (widget);
  g_autoptr(GListStore) filters = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;

  if (g_str_equal (action_name, "feeds.import-opml"))
    {
      cited_import_choose_files (GTK_WINDOW (self), _("Import Feed Subscriptions"),
                                 opml_chosen_cb, g_object_ref (self));
      return;
    }
  filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("OPML subscription list"));
  gtk_file_filter_add_pattern (filter, "*.opml");
  g_list_store_append (filters, filter);
  cited_export_save_file (GTK_WIDGET (self), _("Export Feed Subscriptions"), "feeds.opml",
                          G_LIST_MODEL (filters), opml_save_cb, g_object_ref (self), g_object_unref);
}

static GtkWidget *
build_menu_button (void)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_append (menu, _("_Import Subscriptions…"), "feeds.import-opml");
  g_menu_append (menu, _("_Export Subscriptions…"), "feeds.export-opml");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_tooltip_text (button, _("OPML Subscription Lists"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("OPML Subscription Lists"), -1);
  return button;
}

static GtkWidget *
build_subscribe_box (CitedFeedsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_URL);
  gtk_entry_set_placeholder_text (self->entry, _("Address of a feed or of a web page"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Feed address"), -1);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (subscribe_activated_cb), self);

  self->full_text = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Full text")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->full_text),
                               _("Fetch the full article when the feed gives only a summary"));

  self->subscribe_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Subscribe")));
  gtk_widget_add_css_class (GTK_WIDGET (self->subscribe_button), "suggested-action");
  g_signal_connect_swapped (self->subscribe_button, "clicked", G_CALLBACK (subscribe_activated_cb), self);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->full_text));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->subscribe_button));
  return box;
}

static void
build (CitedFeedsDialog *self)
{
  GtkWidget *view = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *placeholder = gtk_label_new (_("No feeds yet. Subscribe to one by its address."));

  self->refresh_button = GTK_BUTTON (gtk_button_new_from_icon_name ("view-refresh-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->refresh_button), _("Refresh All Feeds"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->refresh_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Refresh All Feeds"), -1);
  g_signal_connect_swapped (self->refresh_button, "clicked", G_CALLBACK (refresh_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->refresh_button));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), build_menu_button ());
  gtk_box_append (GTK_BOX (view), header);

  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_xalign (self->status, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_set_margin_bottom (placeholder, 24);
  gtk_list_box_set_placeholder (self->list, placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Subscriptions"), -1);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), build_subscribe_box (self));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (view), scrolled);
  adw_window_set_content (ADW_WINDOW (self), view);
}

static void
cited_feeds_dialog_dispose (GObject *object)
{
  CitedFeedsDialog *self = (CitedFeedsDialog *) object;

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (cited_feeds_dialog_parent_class)->dispose (object);
}

static void
cited_feeds_dialog_finalize (GObject *object)
{
  CitedFeedsDialog *self = (CitedFeedsDialog *) object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->feeds);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cited_feeds_dialog_parent_class)->finalize (object);
}

static void
cited_feeds_dialog_class_init (CitedFeedsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cited_feeds_dialog_dispose;
  object_class->finalize = cited_feeds_dialog_finalize;

  /**
   * CitedFeedsDialog::articles-changed:
   * A subscription stored articles.
   */
  signals[SIGNAL_ARTICLES_CHANGED] =
    g_signal_new ("articles-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CitedFeedsDialog::refresh:
   * The user asked to refresh every feed.
   */
  signals[SIGNAL_REFRESH] =
    g_signal_new ("refresh", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "feeds.import-opml", NULL, opml_action_cb);
  gtk_widget_class_install_action (widget_class, "feeds.export-opml", NULL, opml_action_cb);
}

static void
cited_feeds_dialog_init (CitedFeedsDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Feeds"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 560);
  build (self);
}

/**
 * cited_feeds_dialog_new:
 * @store: the store the subscriptions live in
 * @feeds: the fetcher subscriptions go through
 *
 * Returns: (transfer full): the dialog, listing @store's feeds
 */
CitedFeedsDialog *
cited_feeds_dialog_new (CitedStore *store,
                        CitedFeeds *feeds)
{
  CitedFeedsDialog *self;

  g_return_val_if_fail (CITED_IS_STORE (store), NULL);
  g_return_val_if_fail (CITED_IS_FEEDS (feeds), NULL);

  self = g_object_new (CITED_TYPE_FEEDS_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->feeds = g_object_ref (feeds);
  cited_feeds_dialog_reload (self);
  return self;
}
