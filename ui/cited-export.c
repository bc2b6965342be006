/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-export"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cited-export.h"
#include "cited-store-private.h"

/* Dimensions a chart can be exported at; the last entry is "Custom". */
static const struct {
  int width;
  int height;
} export_sizes[] = {
  { 800, 600 },
  { 1200, 800 },
  { 1920, 1080 },
};

#define CUSTOM_SIZE G_N_ELEMENTS (export_sizes)
#define MAX_EXPORT_SIDE 10000

const char *
cited_export_format_extension (CitedExportFormat format)
{
  switch (format)
    {
    case CITED_EXPORT_SVG:
      return "svg";
    case CITED_EXPORT_PDF:
      return "pdf";
    case CITED_EXPORT_CSV:
      return "csv";
    case CITED_EXPORT_PNG:
    default:
      return "png";
    }
}

gboolean
cited_export_write (CitedChart         *chart,
                    const char         *path,
                    CitedExportFormat   format,
                    int                 width,
                    int                 height,
                    char              **written_path,
                    GError            **error)
{
  const char *ext = cited_export_format_extension (format);
  g_autofree char *dotted = g_strconcat (".", ext, NULL);
  g_autofree char *target = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The library picks the format by extension, so the path must carry the
   * one the user chose. */
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, dotted))
    target = g_strdup (path);
  else
    target = g_strconcat (path, dotted, NULL);

  if (format == CITED_EXPORT_CSV)
    {
      /* A figures chart's CSV holds its figures with their sources. */
      g_autofree char *csv = cited_chart_to_sources_csv (chart);

      if (csv == NULL)
        csv = cited_chart_to_csv (chart);

      if (csv == NULL)
        {
          g_set_error (error, CITED_ERROR, CITED_ERROR_FAILED,
                       _("The chart has no data to write"));
          return FALSE;
        }
      if (!g_file_set_contents (target, csv, -1, error))
        return FALSE;
    }
  else
    {
      if (width <= 0 || height <= 0 || width > MAX_EXPORT_SIDE || height > MAX_EXPORT_SIDE)
        {
          g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                       _("The size %d × %d is not between 1 and %d pixels on each side"),
                       width, height, MAX_EXPORT_SIDE);
          return FALSE;
        }
      if (!cited_chart_export (chart, target, width, height, error))
        return FALSE;
    }

  if (written_path != NULL)
    *written_path = g_steal_pointer (&target);
  return TRUE;
}

/* After an export */

typedef struct {
  GtkWidget *parent;          /* weak */
  char *path;
} DoneToast;

static void
done_toast_free (gpointer data)
{
  DoneToast *done = data;

  g_clear_weak_pointer (&done->parent);
  g_free (done->path);
  g_free (done);
}

static GtkWindow *
done_toast_window (DoneToast *done)
{
  GtkRoot *root = done->parent != NULL ? gtk_widget_get_root (done->parent) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

#if GTK_CHECK_VERSION(4, 10, 0)
static void
launch_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean opened;

  if (GPOINTER_TO_INT (user_data))
    opened = gtk_file_launcher_open_containing_folder_finish (GTK_FILE_LAUNCHER (source), result, &error);
  else
    opened = gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (source), result, &error);
  if (!opened && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("Could not open the exported file: %s", error->message);
}
#else
/* Without GtkFileLauncher: the file manager's ShowItems, else the folder
 * opened as any other location. */
static void
show_items_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autofree char *folder_uri = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    g_app_info_launch_default_for_uri_async (folder_uri, NULL, NULL, NULL, NULL);
}
#endif

/* "Open" and "Show in Folder": through GtkFileLauncher (the OpenURI portal
 * in the Flatpak) where GTK has it. */
static void
done_toast_open (DoneToast *done,
                 gboolean   in_folder)
{
  g_autoptr(GFile) file = g_file_new_for_path (done->path);
#if GTK_CHECK_VERSION(4, 10, 0)
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

  if (in_folder)
    gtk_file_launcher_open_containing_folder (launcher, done_toast_window (done), NULL,
                                              launch_done_cb, GINT_TO_POINTER (TRUE));
  else
    gtk_file_launcher_launch (launcher, done_toast_window (done), NULL,
                              launch_done_cb, GINT_TO_POINTER (FALSE));
#else
  g_autofree char *uri = g_file_get_uri (file);

  if (!in_folder)
    {
      gtk_show_uri (done_toast_window (done), uri, GDK_CURRENT_TIME);
      return;
    }
  {
    g_autoptr(GFile) folder = g_file_get_parent (file);
    g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
    const char *uris[] = { uri, NULL };

    if (bus == NULL)
      {
        g_autofree char *folder_uri = g_file_get_uri (folder);

        gtk_show_uri (done_toast_window (done), folder_uri, GDK_CURRENT_TIME);
        return;
      }
    g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                            "org.freedesktop.FileManager1", "ShowItems",
                            g_variant_new ("(^ass)", uris, ""), NULL,
                            G_DBUS_CALL_FLAGS_NONE, 5000, NULL, show_items_cb,
                            g_file_get_uri (folder));
  }
#endif
}

static void
done_toast_open_cb (AdwToast *toast,
                    gpointer  user_data)
{
  done_toast_open (user_data, FALSE);
}

static void
done_toast_show_in_folder_cb (GtkButton *button,
                              gpointer   user_data)
{
  AdwToast *toast = g_object_get_data (G_OBJECT (button), "cited-toast");

  done_toast_open (user_data, TRUE);
  if (toast != NULL)
    adw_toast_dismiss (toast);
}

static AdwToast *
done_toast_new (GtkWidget  *parent,
                const char *path,
                const char *title)
{
  DoneToast *done = g_new0 (DoneToast, 1);
  AdwToast *toast = adw_toast_new (title);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *folder = gtk_button_new_with_mnemonic (_("Show in _Folder"));

  g_set_weak_pointer (&done->parent, parent);
  done->path = g_strdup (path);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (folder, "flat");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), folder);
  adw_toast_set_custom_title (toast, box);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_timeout (toast, 8);
  g_object_set_data (G_OBJECT (folder), "cited-toast", toast);
  g_object_set_data_full (G_OBJECT (toast), "cited-export-done", done, done_toast_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (done_toast_open_cb), done);
  g_signal_connect (folder, "clicked", G_CALLBACK (done_toast_show_in_folder_cb), done);
  return toast;
}

AdwToast *
cited_export_done_toast_new (GtkWidget  *parent,
                             const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  /* TRANSLATORS: shown after exporting, with the file name. */
  g_autofree char *title = g_strdup_printf (_("Chart exported to “%s”"), name);

  return done_toast_new (parent, path, title);
}

/* Printing */

/* What a print run keeps between its signals: the chart on the first page,
 * then its sources laid out over as many pages as they need. */
typedef struct {
  CitedChart *chart;
  PangoLayout *sources;      /* NULL: a chart without figures */
  GArray *page_starts;       /* int: the first line of each sources page */
  double heading_height;
} PrintJob;

static void
print_job_free (gpointer data,
                GClosure *closure)
{
  PrintJob *job = data;

  cited_chart_unref (job->chart);
  g_clear_object (&job->sources);
  g_clear_pointer (&job->page_starts, g_array_unref);
  g_free (job);
}

/* One paragraph per figure drawn: its value and company, the article it
 * comes from (title, outlet, date, where to find it) and the sentence. */
static char *
sources_markup (CitedChart *chart)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < chart->figures->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (chart->figures, i);
      g_autofree char *value = cited_value_format_qualified (figure->value, figure->unit,
                                                             figure->currency, figure->qualifier);
      g_autofree char *head = g_markup_printf_escaped ("%u. %s%s%s", i + 1, value,
                                                       figure->brand ? " · " : "",
                                                       figure->brand ? figure->brand : "");
      g_autoptr(GString) where = g_string_new (NULL);

      if (figure->article_title != NULL && *figure->article_title != '\0')
        g_string_append_printf (where, "“%s”", figure->article_title);
      if (figure->article_source != NULL && *figure->article_source != '\0')
        g_string_append_printf (where, "%s%s", where->len ? ", " : "", figure->article_source);
      if (figure->article_published != NULL && *figure->article_published != '\0')
        g_string_append_printf (where, "%s%s", where->len ? ", " : "", figure->article_published);
      if (figure->article_path != NULL && *figure->article_path != '\0')
        g_string_append_printf (where, "%s%s", where->len ? ", " : "", figure->article_path);
      {
        g_autofree char *escaped_where = g_markup_escape_text (where->str, -1);
        g_autofree char *sentence = g_markup_escape_text (figure->sentence ? figure->sentence : "", -1);

        g_string_append_printf (out, "<b>%s</b> — %s\n<i>“%s”</i>\n\n", head, escaped_where, sentence);
      }
    }
  return g_string_free (out, FALSE);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (CITED_FONT_FAMILY " 9");
  g_autofree char *markup = NULL;
  int n_lines;
  double used = 0;

  g_clear_object (&job->sources);
  g_clear_pointer (&job->page_starts, g_array_unref);
  if (job->chart->figures == NULL || job->chart->figures->len == 0)
    {
      gtk_print_operation_set_n_pages (operation, 1);
      return;
    }
  markup = sources_markup (job->chart);
  job->sources = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (job->sources, desc);
  pango_layout_set_width (job->sources, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (job->sources, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (job->sources, markup, -1);
  job->heading_height = 28;

  /* Lines go on a page while they fit under its heading. */
  job->page_starts = g_array_new (FALSE, FALSE, sizeof (int));
  n_lines = pango_layout_get_line_count (job->sources);
  for (int line = 0; line < n_lines; line++)
    {
      PangoRectangle logical;
      double h;

      pango_layout_line_get_extents (pango_layout_get_line_readonly (job->sources, line), NULL, &logical);
      h = (double) logical.height / PANGO_SCALE;
      if (line == 0 || used + h > height - job->heading_height)
        {
          g_array_append_val (job->page_starts, line);
          used = 0;
        }
      used += h;
    }
  gtk_print_operation_set_n_pages (operation, 1 + job->page_starts->len);
}

static void
draw_sources_page (GtkPrintContext *context,
                   PrintJob        *job,
                   guint            index)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  int first = g_array_index (job->page_starts, int, index);
  int last = index + 1 < job->page_starts->len
             ? g_array_index (job->page_starts, int, index + 1)
             : pango_layout_get_line_count (job->sources);
  g_autoptr(PangoLayout) heading = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) bold = pango_font_description_from_string (CITED_FONT_FAMILY " Bold 11");
  g_autofree char *title = NULL;
  double y = job->heading_height;

  /* Translators: the heading of the printed pages that list a chart's sources */
  title = g_strdup_printf (index == 0 ? _("Sources of “%s”") : _("Sources of “%s” (continued)"),
                           job->chart->title ? job->chart->title : "");
  pango_layout_set_font_description (heading, bold);
  pango_layout_set_width (heading, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_ellipsize (heading, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (heading, title, -1);
  cairo_set_source_rgb (cr, 0.12, 0.12, 0.12);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, heading);

  for (int line = first; line < last; line++)
    {
      PangoLayoutLine *l = pango_layout_get_line_readonly (job->sources, line);
      PangoRectangle logical;

      pango_layout_line_get_extents (l, NULL, &logical);
      cairo_move_to (cr, (double) logical.x / PANGO_SCALE, y - (double) logical.y / PANGO_SCALE);
      pango_cairo_show_layout_line (cr, l);
      y += (double) logical.height / PANGO_SCALE;
    }
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  CitedChartStyle style;

  if (page_nr > 0)
    {
      if (job->page_starts != NULL && (guint) page_nr - 1 < job->page_starts->len)
        draw_sources_page (context, job, page_nr - 1);
      return;
    }
  /* The chart fills the printable area, at the page's proportions, with
   * every label and value it has on screen. */
  cited_chart_style_print (&style);
  cairo_save (cr);
  cited_chart_render (job->chart, cr, width, height, &style);
  cairo_restore (cr);
}

/* The page setup and print settings of the last print, kept for the next
 * one and in the user's configuration between runs. */
static char *
print_settings_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "cited", "print.ini", NULL);
}

static void
remember_print_setup (GtkPrintOperation *operation)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = print_settings_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  GtkPageSetup *setup = gtk_print_operation_get_default_page_setup (operation);

  if (settings != NULL)
    gtk_print_settings_to_key_file (settings, file, NULL);
  if (settings != NULL && setup == NULL)
    {
      /* The page chosen in the dialog is in the settings. */
      g_autoptr(GtkPageSetup) chosen = gtk_page_setup_new ();

      gtk_page_setup_set_orientation (chosen, gtk_print_settings_get_orientation (settings));
      if (gtk_print_settings_get_paper_size (settings) != NULL)
        gtk_page_setup_set_paper_size (chosen, gtk_print_settings_get_paper_size (settings));
      gtk_page_setup_to_key_file (chosen, file, NULL);
    }
  else if (setup != NULL)
    gtk_page_setup_to_key_file (setup, file, NULL);
  if (g_mkdir_with_parents (dir, 0700) == 0)
    g_key_file_save_to_file (file, path, NULL);
}

static void
recall_print_setup (GtkPrintOperation *operation)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = print_settings_path ();
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return;
  settings = gtk_print_settings_new_from_key_file (file, NULL, NULL);
  setup = gtk_page_setup_new_from_key_file (file, NULL, NULL);
  if (settings != NULL)
    gtk_print_operation_set_print_settings (operation, settings);
  if (setup != NULL)
    gtk_print_operation_set_default_page_setup (operation, setup);
}

static void
remember_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  gpointer                 user_data)
{
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    remember_print_setup (operation);
}

GtkPrintOperation *
cited_export_print_operation_new (CitedChart *chart)
{
  GtkPrintOperation *operation;
  PrintJob *job;

  g_return_val_if_fail (chart != NULL, NULL);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  recall_print_setup (operation);
  if (chart->title != NULL)
    gtk_print_operation_set_job_name (operation, chart->title);
  job = g_new0 (PrintJob, 1);
  job->chart = cited_chart_ref (chart);
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (begin_print_cb), job, NULL, 0);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), job, print_job_free, 0);
  g_signal_connect (operation, "done", G_CALLBACK (remember_done_cb), NULL);
  return operation;
}

static GtkWindow *
parent_window (GtkWidget *parent)
{
  GtkRoot *root;

  if (parent == NULL)
    return NULL;
  root = gtk_widget_get_root (parent);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               GtkWidget               *parent)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *body = NULL;

      gtk_print_operation_get_error (operation, &error);
      body = g_strdup_printf (_("%s. Check that the printer is connected and try again, "
                                "or export the chart as PDF and print that."),
                              error != NULL ? error->message : _("The printer reported an error"));
      cited_export_show_error (parent, _("Could Not Print the Chart"), body);
    }
}

void
cited_export_print (GtkWidget  *parent,
                    CitedChart *chart)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (chart != NULL);

  operation = cited_export_print_operation_new (chart);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (parent != NULL)
    g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), parent, 0);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent_window (parent), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *body =
        g_strdup_printf (_("%s. Check the printer settings and try again, "
                           "or export the chart as PDF and print that."),
                         error != NULL ? error->message : _("Printing failed"));
      cited_export_show_error (parent, _("Could Not Print the Chart"), body);
    }
}

/* Errors */

void
cited_export_show_error (GtkWidget  *parent,
                         const char *heading,
                         const char *body)
{
  GtkWidget *dialog;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  dialog = adw_message_dialog_new (parent_window (parent), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Copy image */

GdkTexture *
cited_export_render_texture (CitedChart *chart,
                             int         width,
                             int         height)
{
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  CitedChartStyle style;
  GdkTexture *texture;
  cairo_t *cr;
  int stride;

  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cited_chart_style_print (&style);
  cited_chart_render (chart, cr, width, height, &style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Cairo's ARGB32 is premultiplied native-endian 32-bit, which is what
   * GDK_MEMORY_DEFAULT describes. */
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
  cairo_surface_destroy (surface);
  return texture;
}

void
cited_export_copy_image (GtkWidget  *widget,
                         CitedChart *chart)
{
  g_autoptr(GdkTexture) texture = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (chart != NULL);

  texture = cited_export_render_texture (chart, export_sizes[1].width, export_sizes[1].height);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
}

/* The export dialog */

typedef struct {
  GtkWidget *parent;
  CitedChart *chart;
  GtkDropDown *format;
  GtkDropDown *size;
  GtkSpinButton *width;
  GtkSpinButton *height;
  CitedExportFormat chosen_format;
  int chosen_width;
  int chosen_height;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->parent);
  g_clear_pointer (&data->chart, cited_chart_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportData, export_data_free)

static void
finish_export (ExportData *data,
               GFile      *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *written = NULL;
  GtkWidget *overlay;

  if (path == NULL)
    {
      cited_export_show_error (data->parent, _("Could Not Export the Chart"),
                               _("The chosen location is not a local file. "
                                 "Choose a folder on this computer."));
      return;
    }

  if (!cited_export_write (data->chart, path, data->chosen_format,
                           data->chosen_width, data->chosen_height, &written, &error))
    {
      g_autofree char *body =
        g_strdup_printf (_("%s. Choose another folder or file name, "
                           "or check that the disk has space."),
                         error->message);
      cited_export_show_error (data->parent, _("Could Not Export the Chart"), body);
      return;
    }

  /* Say where it went, in the page's toast overlay when there is one. */
  overlay = data->parent != NULL ? gtk_widget_get_ancestor (data->parent, ADW_TYPE_TOAST_OVERLAY) : NULL;
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 cited_export_done_toast_new (data->parent, written));
}

/* Asking for a file to write */

typedef CitedExportSaveFunc SaveFunc;

typedef struct {
  SaveFunc func;
  gpointer data;
  GDestroyNotify destroy;
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  if (request->destroy != NULL)
    request->destroy (request->data);
  g_free (request);
}

#if GTK_CHECK_VERSION(4, 10, 0)
static void
save_dialog_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SaveRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);
  if (file != NULL)
    request->func (file, request->data);
  save_request_free (request);
}
#else
static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    SaveRequest     *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      if (file != NULL)
        request->func (file, request->data);
    }
  save_request_free (request);
  g_object_unref (native);
}
#endif

/* Asks for a file to save to, named @name at first and shown through
 * @filters (GtkFileFilter, the first the default), and calls @func with it;
 * @data is freed with @destroy after, whether a file was chosen or not. */
static void
save_file (GtkWidget      *parent,
           const char     *title,
           const char     *name,
           GListModel     *filters,
           SaveFunc        func,
           gpointer        data,
           GDestroyNotify  destroy)
{
  SaveRequest *request = g_new0 (SaveRequest, 1);

  request->func = func;
  request->data = data;
  request->destroy = destroy;
#if GTK_CHECK_VERSION(4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GtkFileFilter) first = g_list_model_get_item (filters, 0);

    gtk_file_dialog_set_title (dialog, title);
    gtk_file_dialog_set_accept_label (dialog, _("_Export"));
    gtk_file_dialog_set_initial_name (dialog, name);
    gtk_file_dialog_set_filters (dialog, filters);
    gtk_file_dialog_set_default_filter (dialog, first);
    gtk_file_dialog_save (dialog, parent_window (parent), NULL, save_dialog_done_cb, request);
  }
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (title, parent_window (parent),
                                          GTK_FILE_CHOOSER_ACTION_SAVE,
                                          _("_Export"), _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
      {
        g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

        gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      }
    g_signal_connect (native, "response", G_CALLBACK (native_response_cb), request);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  }
#endif
}

/**
 * cited_export_save_file:
 *
 * Asks for a file to write, as every export in the app does; see
 * cited-export.h.
 */
void
cited_export_save_file (GtkWidget           *parent,
                        const char          *title,
                        const char          *name,
                        GListModel          *filters,
                        CitedExportSaveFunc  func,
                        gpointer             data,
                        GDestroyNotify       destroy)
{
  save_file (parent, title, name, filters, func, data, destroy);
}

/* A file filter of one pattern ("*.pdf") named @name, or by the pattern. */
static GtkFileFilter *
pattern_filter (const char *extension,
                const char *name)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strconcat ("*.", extension, NULL);

  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_set_name (filter, name != NULL ? name : pattern);
  return filter;
}

static char *
file_name_for (const char *title,
               const char *fallback,
               const char *extension)
{
  g_autofree char *base = g_strdup (title != NULL && *title != '\0' ? title : fallback);

  g_strdelimit (base, "/\\:*?\"<>|", '-');
  return g_strconcat (base, ".", extension, NULL);
}

static void
export_chosen_cb (GFile    *file,
                  gpointer  data)
{
  finish_export (data, file);
}

static void
choose_file (ExportData *data)
{
  const char *extension = cited_export_format_extension (data->chosen_format);
  g_autofree char *name = file_name_for (data->chart->title, _("Chart"), extension);
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = pattern_filter (extension, NULL);

  g_list_store_append (filters, filter);
  save_file (data->parent, _("Export Chart"), name, G_LIST_MODEL (filters),
             export_chosen_cb, data, (GDestroyNotify) export_data_free);
}

static void
update_size_sensitivity (ExportData *data)
{
  gboolean image = gtk_drop_down_get_selected (data->format) != CITED_EXPORT_CSV;
  gboolean custom = gtk_drop_down_get_selected (data->size) == CUSTOM_SIZE;

  gtk_widget_set_sensitive (GTK_WIDGET (data->size), image);
  gtk_widget_set_sensitive (GTK_WIDGET (data->width), image && custom);
  gtk_widget_set_sensitive (GTK_WIDGET (data->height), image && custom);
}

static void
export_response_cb (GtkWidget  *dialog,
                    const char *response,
                    ExportData *data)
{
  guint size;

  if (g_strcmp0 (response, "export") != 0)
    {
      export_data_free (data);
      return;
    }

  data->chosen_format = gtk_drop_down_get_selected (data->format);
  size = gtk_drop_down_get_selected (data->size);
  if (size < CUSTOM_SIZE)
    {
      data->chosen_width = export_sizes[size].width;
      data->chosen_height = export_sizes[size].height;
    }
  else
    {
      data->chosen_width = gtk_spin_button_get_value_as_int (data->width);
      data->chosen_height = gtk_spin_button_get_value_as_int (data->height);
    }

  /* The file chooser now owns @data. */
  choose_file (data);
}

static GtkWidget *
labelled (const char *text,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

void
cited_export_show_dialog (GtkWidget  *parent,
                          CitedChart *chart)
{
  static const char *formats[] = {
    N_("PNG image"), N_("SVG image"), N_("PDF document"), N_("CSV data"), NULL
  };
  g_autoptr(GtkStringList) format_list = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) size_list = gtk_string_list_new (NULL);
  ExportData *data;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *custom;

  g_return_if_fail (chart != NULL);

  data = g_new0 (ExportData, 1);
  data->parent = parent != NULL ? g_object_ref (parent) : NULL;
  data->chart = cited_chart_ref (chart);

  for (guint i = 0; formats[i] != NULL; i++)
    gtk_string_list_append (format_list, _(formats[i]));
  for (guint i = 0; i < G_N_ELEMENTS (export_sizes); i++)
    {
      /* TRANSLATORS: an image size in pixels, e.g. "800 × 600". */
      g_autofree char *label = g_strdup_printf (_("%d × %d"), export_sizes[i].width,
                                                export_sizes[i].height);
      gtk_string_list_append (size_list, label);
    }
  gtk_string_list_append (size_list, _("Custom"));

  data->format = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&format_list)), NULL));
  data->size = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&size_list)), NULL));
  gtk_drop_down_set_selected (data->size, 1);
  data->width = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (16, MAX_EXPORT_SIDE, 10));
  data->height = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (16, MAX_EXPORT_SIDE, 10));
  gtk_spin_button_set_value (data->width, export_sizes[1].width);
  gtk_spin_button_set_value (data->height, export_sizes[1].height);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), labelled (_("_Format"), GTK_WIDGET (data->format)));
  gtk_box_append (GTK_BOX (box), labelled (_("_Size"), GTK_WIDGET (data->size)));
  custom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (custom), labelled (_("_Width"), GTK_WIDGET (data->width)));
  gtk_box_append (GTK_BOX (custom), labelled (_("_Height"), GTK_WIDGET (data->height)));
  gtk_box_append (GTK_BOX (box), custom);

  g_signal_connect_swapped (data->format, "notify::selected",
                            G_CALLBACK (update_size_sensitivity), data);
  g_signal_connect_swapped (data->size, "notify::selected",
                            G_CALLBACK (update_size_sensitivity), data);
  update_size_sensitivity (data);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  dialog = adw_message_dialog_new (parent_window (parent), _("Export Chart"),
                                   _("Images and PDF are drawn in the light print colours; "
                                     "CSV holds the plotted values."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  G_GNUC_END_IGNORE_DEPRECATIONS

  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Reports */

typedef struct {
  GtkWidget *parent;
  CitedChart *chart;
  char *filters;
  char *path;
  guint progress_source;     /* shows @progress when writing takes long */
  AdwToast *progress;
  gint64 progress_shown;     /* g_get_monotonic_time () */
} ReportJob;

/* How long a report may take before a toast says it is being written, and
 * how long that toast stays at least (libadwaita 1.2 must have finished
 * showing a toast before it is dismissed). */
#define REPORT_PROGRESS_DELAY_MS 1000

static void
report_job_free (gpointer data)
{
  ReportJob *job = data;

  g_clear_object (&job->parent);
  g_clear_pointer (&job->chart, cited_chart_unref);
  g_free (job->filters);
  g_free (job->path);
  g_clear_handle_id (&job->progress_source, g_source_remove);
  g_clear_object (&job->progress);
  g_free (job);
}

static gboolean
write_report (CitedStore  *store,
              ReportJob   *job,
              GError     **error)
{
  g_autoptr(CitedReport) report = cited_report_new (store, job->filters, error);

  if (report == NULL)
    return FALSE;
  cited_report_add_chart (report, job->chart);
  return cited_report_write (report, job->path, error);
}

/* The report is written in a worker thread over one of the store's
 * readers, so that the window goes on while a long appendix is laid
 * out. */
static gpointer
report_read_cb (CitedStore    *reader,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return write_report (reader, data, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static GtkWidget *
toast_overlay_of (GtkWidget *widget)
{
  if (widget == NULL)
    return NULL;
  if (ADW_IS_TOAST_OVERLAY (widget))
    return widget;
  return gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
}

static gboolean
show_report_progress_cb (gpointer data)
{
  ReportJob *job = data;
  GtkWidget *overlay = toast_overlay_of (job->parent);

  job->progress_source = 0;
  if (overlay != NULL)
    {
      job->progress = adw_toast_new (_("Writing the report…"));
      adw_toast_set_timeout (job->progress, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (job->progress));
      job->progress_shown = g_get_monotonic_time ();
    }
  return G_SOURCE_REMOVE;
}

static gboolean
dismiss_toast_cb (gpointer data)
{
  adw_toast_dismiss (data);
  return G_SOURCE_REMOVE;
}

static void
report_done (ReportJob *job,
             GError    *error)
{
  GtkWidget *overlay = toast_overlay_of (job->parent);

  g_clear_handle_id (&job->progress_source, g_source_remove);
  if (job->progress != NULL)
    {
      gint64 shown_ms = (g_get_monotonic_time () - job->progress_shown) / 1000;

      g_timeout_add_full (G_PRIORITY_DEFAULT,
                          shown_ms < REPORT_PROGRESS_DELAY_MS ? REPORT_PROGRESS_DELAY_MS - shown_ms : 0,
                          dismiss_toast_cb, g_object_ref (job->progress), g_object_unref);
    }
  if (error != NULL)
    {
      g_autofree char *body =
        g_strdup_printf (_("%s. Choose another folder or file name, "
                           "or check that the disk has space."),
                         error->message);
      cited_export_show_error (job->parent, _("Could Not Export the Report"), body);
      return;
    }
  if (overlay != NULL)
    {
      g_autofree char *name = g_path_get_basename (job->path);
      /* TRANSLATORS: shown after writing a report, with the file name. */
      g_autofree char *title = g_strdup_printf (_("Report exported to “%s”"), name);

      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                   done_toast_new (job->parent, job->path, title));
    }
}

static void
report_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ReportJob *job = user_data;
  g_autoptr(GError) error = NULL;

  cited_store_read_finish (CITED_STORE (source), result, &error);
  report_done (job, error);
  report_job_free (job);
}

void
cited_export_write_report (GtkWidget  *parent,
                           CitedStore *store,
                           CitedChart *chart,
                           const char *filters,
                           const char *path)
{
  ReportJob *job;
  g_autofree char *lower = NULL;

  g_return_if_fail (CITED_IS_STORE (store));
  g_return_if_fail (chart != NULL);
  g_return_if_fail (path != NULL);

  job = g_new0 (ReportJob, 1);
  job->parent = parent != NULL ? g_object_ref (parent) : NULL;
  job->chart = cited_chart_ref (chart);
  job->filters = g_strdup (filters);
  /* A name without .pdf, .html or .htm gets .pdf. */
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".pdf") || g_str_has_suffix (lower, ".html") ||
      g_str_has_suffix (lower, ".htm"))
    job->path = g_strdup (path);
  else
    job->path = g_strconcat (path, ".pdf", NULL);

  job->progress_source = g_timeout_add (REPORT_PROGRESS_DELAY_MS, show_report_progress_cb, job);
  /* The job is the read's data and the callback's, which frees it. */
  cited_store_read_async (store, report_read_cb, job, NULL, NULL, NULL, report_written_cb, job);
}

typedef struct {
  GtkWidget *parent;
  CitedStore *store;
  CitedChart *chart;
  char *filters;
} ReportRequest;

static void
report_request_free (gpointer data)
{
  ReportRequest *request = data;

  g_clear_object (&request->parent);
  g_clear_object (&request->store);
  g_clear_pointer (&request->chart, cited_chart_unref);
  g_free (request->filters);
  g_free (request);
}

static void
report_chosen_cb (GFile    *file,
                  gpointer  data)
{
  ReportRequest *request = data;
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      cited_export_show_error (request->parent, _("Could Not Export the Report"),
                               _("The chosen location is not a local file. "
                                 "Choose a folder on this computer."));
      return;
    }
  cited_export_write_report (request->parent, request->store, request->chart,
                             request->filters, path);
}

void
cited_export_report (GtkWidget  *parent,
                     CitedStore *store,
                     CitedChart *chart,
                     const char *filters)
{
  ReportRequest *request;
  g_autoptr(GListStore) formats = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) pdf = pattern_filter ("pdf", _("PDF document"));
  g_autoptr(GtkFileFilter) html = pattern_filter ("html", _("Web page (one HTML file)"));
  g_autofree char *name = NULL;

  g_return_if_fail (CITED_IS_STORE (store));
  g_return_if_fail (chart != NULL);

  request = g_new0 (ReportRequest, 1);
  request->parent = parent != NULL ? g_object_ref (parent) : NULL;
  request->store = g_object_ref (store);
  request->chart = cited_chart_ref (chart);
  request->filters = g_strdup (filters);

  g_list_store_append (formats, pdf);
  g_list_store_append (formats, html);
  name = file_name_for (chart->title, _("Report"), "pdf");
  save_file (parent, _("Export Report"), name, G_LIST_MODEL (formats),
             report_chosen_cb, request, report_request_free);
}
