/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-import"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cited-import.h"

typedef struct {
  GtkWindow             *parent;   /* owned: keeps the receiver alive */
  CitedImportChosenFunc  callback;
  gpointer               user_data;
} ChooseData;

static void
choose_data_free (ChooseData *data)
{
  g_clear_object (&data->parent);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChooseData, choose_data_free)

static GStrv
paths_from_files (GListModel *files)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = files ? g_list_model_get_n_items (files) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }
  return g_strv_builder_end (builder);
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
open_multiple_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ChooseData) data = user_data;
  g_autoptr(GListModel) files = NULL;
  g_auto(GStrv) paths = NULL;

  files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (source), result, NULL);
  if (files != NULL)
    paths = paths_from_files (files);
  data->callback (paths, data->user_data);
}

static void
select_folder_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ChooseData) data = user_data;
  g_autoptr(GFile) folder = NULL;
  g_auto(GStrv) paths = NULL;

  folder = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (source), result, NULL);
  if (folder != NULL && g_file_peek_path (folder) != NULL)
    {
      paths = g_new0 (char *, 2);
      paths[0] = g_file_get_path (folder);
    }
  data->callback (paths, data->user_data);
}

static void
choose (GtkWindow             *parent,
        gboolean               folders,
        const char            *title,
        CitedImportChosenFunc  callback,
        gpointer               user_data)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  ChooseData *data = g_new0 (ChooseData, 1);

  data->parent = parent ? g_object_ref (parent) : NULL;
  data->callback = callback;
  data->user_data = user_data;

  gtk_file_dialog_set_modal (dialog, TRUE);
  if (folders)
    {
      gtk_file_dialog_set_title (dialog, title);
      gtk_file_dialog_select_folder (dialog, parent, NULL, select_folder_done_cb, data);
    }
  else
    {
      gtk_file_dialog_set_title (dialog, title);
      gtk_file_dialog_open_multiple (dialog, parent, NULL, open_multiple_done_cb, data);
    }
}

#else

static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(ChooseData) data = user_data;
  g_auto(GStrv) paths = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

      paths = paths_from_files (files);
    }
  data->callback (paths, data->user_data);
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose (GtkWindow             *parent,
        gboolean               folders,
        const char            *title,
        CitedImportChosenFunc  callback,
        gpointer               user_data)
{
  GtkFileChooserNative *native;
  ChooseData *data = g_new0 (ChooseData, 1);

  data->parent = parent ? g_object_ref (parent) : NULL;
  data->callback = callback;
  data->user_data = user_data;

  native = gtk_file_chooser_native_new (title, parent,
                                        folders ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), !folders);
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

void
cited_import_choose (GtkWindow             *parent,
                     gboolean               folders,
                     CitedImportChosenFunc  callback,
                     gpointer               user_data)
{
  choose (parent, folders, folders ? _("Import a Folder of Articles") : _("Import Articles"),
          callback, user_data);
}

void
cited_import_choose_files (GtkWindow             *parent,
                           const char            *title,
                           CitedImportChosenFunc  callback,
                           gpointer               user_data)
{
  choose (parent, FALSE, title, callback, user_data);
}

char *
cited_import_describe_result (const CitedImportResult *result)
{
  GString *text = g_string_new (NULL);
  guint n_rejected = result->rejected ? result->rejected->len : 0;

  if (result->cancelled)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Import cancelled after %u article",
                                         "Import cancelled after %u articles",
                                         result->n_added),
                            result->n_added);
  else
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Imported %u article",
                                         "Imported %u articles",
                                         result->n_added),
                            result->n_added);

  if (result->n_duplicates > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u already present",
                                           "%u already present",
                                           result->n_duplicates),
                              result->n_duplicates);
    }
  if (n_rejected > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u file rejected",
                                           "%u files rejected",
                                           n_rejected),
                              n_rejected);
    }
  return g_string_free (text, FALSE);
}

GtkWidget *
cited_import_summary_dialog_new (GtkWindow               *parent,
                                 const CitedImportResult *result)
{
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkWidget *list;
  g_autofree char *body = cited_import_describe_result (result);
  guint n_rejected = result->rejected ? result->rejected->len : 0;

  dialog = adw_message_dialog_new (parent, _("Import Finished"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n%s", body,
                                  n_rejected > 0
                                  ? _("These files could not be imported:")
                                  : _("Every file was read."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");

  if (n_rejected == 0)
    return dialog;

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  for (guint i = 0; i < n_rejected; i++)
    {
      const CitedRejection *rejection = g_ptr_array_index (result->rejected, i);
      g_autofree char *base = g_path_get_basename (rejection->path);
      g_autofree char *escaped_base = g_markup_escape_text (base, -1);
      g_autofree char *escaped_reason = g_markup_escape_text (rejection->reason ? rejection->reason : "", -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_base);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_reason);
      gtk_widget_set_tooltip_text (row, rejection->path);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);

  return dialog;
}
