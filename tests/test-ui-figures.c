/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-figures"
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cited-application.h"
#include "cited-article-row.h"
#include "cited-brands-page-private.h"
#include "cited-chart-view.h"
#include "cited-export.h"
#include "cited-figure-model.h"
#include "cited-figure-object.h"
#include "cited-figures-page-private.h"
#include "cited-window.h"
#include "cited-test-files.h"

/* One window over a temporary store that the window seeds with the bundled
 * sample corpus, shared by every case in order. */
static CitedApplication *app;
static CitedStore *store;
static CitedWindow *window;
static char *tmpdir;

static gboolean
wait_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until *@flag is set; gives up after a minute so a
 * broken import fails the test instead of hanging it. */
static void
wait_for_flag (gboolean *flag)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, wait_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_true (*flag);
}

/* Lets pending layout, drawing and idles run. */
static void
settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (100, wait_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
is_loading (gpointer page)
{
  gboolean loading = FALSE;

  g_object_get (page, "loading", &loading, NULL);
  return loading;
}

/* Pages read their data in a worker thread: iterates the main loop until
 * @page has put it on screen, giving up after a minute. */
static void
wait_loaded (gpointer page)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, wait_cb, &timed_out);

  while (is_loading (page) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_false (is_loading (page));
}

static gboolean
rows_read (gpointer rows)
{
  return cited_figure_model_get_n_pending (CITED_FIGURE_MODEL (rows)) == 0;
}

/* Row @i of the Figures page as the user sees it once read: the page reads
 * sorted and filtered rows, and the rows' claims, in worker threads, with
 * placeholders (id 0) meanwhile. */
static gpointer
read_row (GListModel *rows,
          guint       i)
{
  CitedFigureObject *row = g_list_model_get_item (rows, i);

  while (row != NULL && (cited_figure_object_get_id (row) == 0 || !rows_read (rows)))
    {
      gboolean timed_out = FALSE;
      guint id = g_timeout_add_seconds (60, wait_cb, &timed_out);

      g_object_unref (row);
      while (!rows_read (rows) && !timed_out)
        g_main_context_iteration (NULL, TRUE);
      if (!timed_out)
        g_source_remove (id);
      g_assert_true (rows_read (rows));
      row = g_list_model_get_item (rows, i);
    }
  return row;
}

static void
ready_cb (CitedWindow *win,
          gboolean    *ready)
{
  *ready = TRUE;
}

static void
ensure_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  gboolean ready = FALSE;

  if (window != NULL)
    return;

  app = cited_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  tmpdir = g_dir_make_tmp ("cited-ui-figures-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (tmpdir, "cited.db", NULL);
  store = cited_store_open (db, &error);
  g_assert_no_error (error);

  window = cited_window_new (app, store);
  g_signal_connect (window, "ready", G_CALLBACK (ready_cb), &ready);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_flag (&ready);

  cited_window_set_visible_page (window, "figures");
  wait_loaded (cited_window_get_figures_page (window));
  settle ();
}

static CitedFiguresPage *
figures_page (void)
{
  ensure_window ();
  return cited_window_get_figures_page (window);
}

static CitedChart *
figures_chart (void)
{
  return cited_chart_view_get_chart (cited_figures_page_get_chart_view (figures_page ()));
}

static int
find_category (CitedChart *chart,
               const char *label)
{
  for (guint i = 0; i < chart->categories->len; i++)
    if (g_strcmp0 (g_ptr_array_index (chart->categories, i), label) == 0)
      return i;
  return -1;
}

/* The bar of @category with @value, or NULL; its series in @series_out. */
static CitedChartBar *
find_bar (CitedChart *chart,
          int         category,
          double      value,
          guint      *series_out)
{
  for (guint s = 0; s < chart->series->len; s++)
    {
      CitedChartSeries *series = g_ptr_array_index (chart->series, s);
      CitedChartBar *bar;

      if ((guint) category >= series->bars->len)
        continue;
      bar = g_ptr_array_index (series->bars, category);
      if (bar != NULL && fabs (bar->value - value) < 0.5)
        {
          if (series_out != NULL)
            *series_out = s;
          return bar;
        }
    }
  return NULL;
}

static gboolean
chart_has_figure (CitedChart *chart,
                  gint64      figure_id)
{
  for (guint s = 0; s < chart->series->len; s++)
    {
      CitedChartSeries *series = g_ptr_array_index (chart->series, s);

      for (guint c = 0; c < series->bars->len; c++)
        {
          CitedChartBar *bar = g_ptr_array_index (series->bars, c);

          if (bar == NULL || bar->figure_ids == NULL)
            continue;
          for (guint i = 0; i < bar->figure_ids->len; i++)
            if (g_array_index (bar->figure_ids, gint64, i) == figure_id)
              return TRUE;
        }
    }
  return FALSE;
}

/* The id of a non-rejected Xiaomi sales figure of 190 million. */
static gint64
xiaomi_190m_figure (void)
{
  CitedChart *chart = figures_chart ();
  int category;
  CitedChartBar *bar;

  g_assert_nonnull (chart);
  category = find_category (chart, "Xiaomi");
  g_assert_cmpint (category, >=, 0);
  bar = find_bar (chart, category, 190e6, NULL);
  g_assert_nonnull (bar);
  g_assert_nonnull (bar->figure_ids);
  g_assert_cmpuint (bar->figure_ids->len, >, 0);
  return g_array_index (bar->figure_ids, gint64, 0);
}

static CitedFigureObject *row_of (GListModel *rows,
                                  gint64      id);

static void
test_sales_chart (void)
{
  CitedChartView *view = cited_figures_page_get_chart_view (figures_page ());
  CitedChart *chart = figures_chart ();
  g_autoptr(CitedFigure) figure = NULL;
  const char *description;
  CitedChartBar *bar;
  guint series;
  int category;

  /* The chart opens on sales, and Xiaomi's 190 million is a bar. */
  g_assert_nonnull (chart);
  category = find_category (chart, "Xiaomi");
  g_assert_cmpint (category, >=, 0);
  bar = find_bar (chart, category, 190e6, &series);
  g_assert_nonnull (bar);

  /* Its tooltip quotes the sentence the figure came from. */
  figure = cited_store_get_figure (store, g_array_index (bar->figure_ids, gint64, 0), NULL);
  g_assert_nonnull (figure);
  g_assert_cmpstr (figure->brand, ==, "Xiaomi");
  g_assert_cmpstr (figure->metric, ==, "sales");
  g_assert_nonnull (bar->tooltip);
  g_assert_nonnull (figure->sentence);
  g_assert_true (strstr (figure->sentence, bar->tooltip) != NULL ||
                 strstr (bar->tooltip, figure->text) != NULL);

  /* The 140 million overseas, cited three times in one article, is one
   * bar; the table says the two figures without a year took their
   * article's. */
  {
    CitedChartBar *overseas = NULL;
    GListModel *rows = cited_figures_page_get_rows (figures_page ());
    guint n_bars = 0, n_inferred = 0, n_rows = 0;

    for (guint s = 0; s < chart->series->len; s++)
      {
        CitedChartSeries *each = g_ptr_array_index (chart->series, s);
        CitedChartBar *here = (guint) category < each->bars->len
                              ? g_ptr_array_index (each->bars, category) : NULL;

        if (here != NULL && fabs (here->value - 140e6) < 0.5)
          {
            overseas = here;
            n_bars++;
          }
      }
    g_assert_cmpuint (n_bars, ==, 1);
    g_assert_cmpuint (overseas->figure_ids->len, ==, 3);
    for (guint i = 0; i < overseas->figure_ids->len; i++)
      {
        g_autoptr(CitedFigureObject) row = row_of (rows, g_array_index (overseas->figure_ids, gint64, i));
        g_autofree char *period = NULL;

        if (row == NULL)
          continue;
        n_rows++;
        period = cited_figure_object_dup_period (row);
        if (g_strcmp0 (period, "2021 (inferred)") == 0)
          n_inferred++;
        else
          g_assert_cmpstr (period, ==, "2021");
      }
    g_assert_cmpuint (n_rows, ==, 3);
    g_assert_cmpuint (n_inferred, ==, 2);
  }

  /* A screen reader hears the values: the accessible label names Xiaomi
   * and 190M. */
  description = cited_chart_view_get_description (view);
  g_assert_nonnull (strstr (description, "Xiaomi"));
  g_assert_nonnull (strstr (description, "190M"));

  /* Activating the bar (Enter on it) opens its article. */
  g_assert_true (cited_chart_view_select_bar (view, series, category));
  g_assert_true (cited_chart_view_activate_selected (view));
  g_assert_cmpstr (cited_window_get_visible_page (window), ==, "articles");
  cited_window_set_visible_page (window, "figures");
  settle ();
}

static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  return handled;
}

static void
count_activation_cb (CitedChartView *view,
                     GArray         *figure_ids,
                     guint          *n_figures)
{
  *n_figures = figure_ids->len;
}

static void
test_keyboard (void)
{
  CitedChartView *view = cited_figures_page_get_chart_view (figures_page ());
  CitedChart *chart = cited_chart_view_get_chart (view);
  CitedChartStyle style;
  guint n_figures = 0;
  gulong handler;
  int first_series, first_category;

  g_assert_nonnull (chart);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (view)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (view)));

  /* Home chooses the first bar, Right the next one. */
  g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_Home));
  cited_chart_view_get_style (view, &style);
  first_series = style.highlight_series;
  first_category = style.highlight_category;
  g_assert_cmpint (first_series, >=, 0);
  g_assert_cmpint (first_category, ==, 0);

  g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_Right));
  cited_chart_view_get_style (view, &style);
  g_assert_true (style.highlight_series != first_series || style.highlight_category != first_category);

  /* Enter activates it with the figures behind it, and opens the article. */
  handler = g_signal_connect (view, "bar-activated", G_CALLBACK (count_activation_cb), &n_figures);
  g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_Return));
  g_signal_handler_disconnect (view, handler);
  g_assert_cmpuint (n_figures, >, 0);
  g_assert_cmpstr (cited_window_get_visible_page (window), ==, "articles");
  cited_window_set_visible_page (window, "figures");
  settle ();
}

static void
test_filter_by_brand (void)
{
  CitedFiguresPage *page = figures_page ();
  GListModel *rows = cited_figures_page_get_rows (page);
  guint all = g_list_model_get_n_items (rows);
  guint xiaomi;

  g_assert_cmpuint (all, >, 0);

  g_assert_true (cited_figures_page_set_brand_filter (page, "Xiaomi"));
  xiaomi = g_list_model_get_n_items (rows);
  g_assert_cmpuint (xiaomi, >, 0);
  g_assert_cmpuint (xiaomi, <, all);
  for (guint i = 0; i < xiaomi; i++)
    {
      g_autoptr(CitedFigureObject) row = read_row (rows, i);
      g_assert_cmpstr (cited_figure_object_get_figure (row)->brand, ==, "Xiaomi");
    }

  g_assert_true (cited_figures_page_set_brand_filter (page, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, all);
}

static void
test_edit_and_undo (void)
{
  CitedFiguresPage *page = figures_page ();
  gint64 id = xiaomi_190m_figure ();
  CitedFigureEdit edit = { .value = 200e6, .brand = NULL, .metric = NULL,
                           .status = CITED_FIGURE_EXTRACTED };
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedFigure) edited = NULL;
  g_autoptr(CitedFigure) restored = NULL;
  guint depth = cited_figures_page_get_undo_depth (page);

  g_assert_true (cited_figures_page_apply_edit (page, id, &edit, &error));
  g_assert_no_error (error);

  /* The correction is in the store, and in the chart. */
  edited = cited_store_get_figure (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (edited->value, 200e6, 0.5);
  g_assert_true (edited->edited);
  g_assert_nonnull (find_bar (figures_chart (), find_category (figures_chart (), "Xiaomi"), 200e6, NULL));
  g_assert_cmpuint (cited_figures_page_get_undo_depth (page), ==, depth + 1);

  /* Ctrl+Z's action takes it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "figures.undo", NULL));
  restored = cited_store_get_figure (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (restored->value, 190e6, 0.5);
  g_assert_false (restored->edited);
  g_assert_cmpint (restored->status, ==, CITED_FIGURE_EXTRACTED);
  g_assert_cmpuint (cited_figures_page_get_undo_depth (page), ==, depth);
  g_assert_true (chart_has_figure (figures_chart (), id));
}

static void
test_reject_hides_from_chart (void)
{
  CitedFiguresPage *page = figures_page ();
  gint64 id = xiaomi_190m_figure ();
  GListModel *rows = cited_figures_page_get_rows (page);
  g_autoptr(CitedFigure) rejected = NULL;
  g_autoptr(CitedFigure) restored = NULL;
  gboolean listed = FALSE;

  /* Opening the figure (as from the reader) selects its row, and its bar
   * stands out in the chart. */
  cited_figures_page_show_figure (page, id);
  g_assert_cmpint (cited_figures_page_get_selected_id (page), ==, id);
  {
    CitedChartView *view = cited_figures_page_get_chart_view (page);
    CitedChart *chart = cited_chart_view_get_chart (view);
    CitedChartStyle style;
    CitedChartSeries *series;
    CitedChartBar *bar;
    gboolean behind = FALSE;

    cited_chart_view_get_style (view, &style);
    g_assert_cmpint (style.highlight_series, >=, 0);
    g_assert_cmpint (style.highlight_category, >=, 0);
    series = g_ptr_array_index (chart->series, style.highlight_series);
    bar = g_ptr_array_index (series->bars, style.highlight_category);
    for (guint i = 0; i < bar->figure_ids->len; i++)
      behind |= g_array_index (bar->figure_ids, gint64, i) == id;
    g_assert_true (behind);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "figures.reject", NULL));
  rejected = cited_store_get_figure (store, id, NULL);
  g_assert_cmpint (rejected->status, ==, CITED_FIGURE_REJECTED);

  /* Gone from the chart, still listed so it can be restored. */
  g_assert_false (chart_has_figure (figures_chart (), id));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CitedFigureObject) row = read_row (rows, i);
      if (cited_figure_object_get_id (row) == id)
        {
          listed = TRUE;
          g_assert_cmpint (cited_figure_object_get_figure (row)->status, ==, CITED_FIGURE_REJECTED);
        }
    }
  g_assert_true (listed);
  g_assert_cmpint (cited_figures_page_get_selected_id (page), ==, id);

  /* The same button restores it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "figures.reject", NULL));
  restored = cited_store_get_figure (store, id, NULL);
  g_assert_cmpint (restored->status, ==, CITED_FIGURE_EXTRACTED);
  g_assert_true (chart_has_figure (figures_chart (), id));
}

static void
test_show_figure_clears_hiding_filters (void)
{
  CitedFiguresPage *page = figures_page ();
  gint64 id = xiaomi_190m_figure ();
  GListModel *rows = cited_figures_page_get_rows (page);
  guint all;

  g_assert_true (cited_figures_page_set_brand_filter (page, NULL));
  all = g_list_model_get_n_items (rows);

  /* Filter to another brand, so the Xiaomi figure is hidden... */
  g_assert_true (cited_figures_page_set_chart_metric (page, "sales"));
  for (guint i = 0; i < all; i++)
    {
      g_autoptr(CitedFigureObject) row = read_row (rows, i);
      const char *brand = cited_figure_object_get_figure (row)->brand;

      if (brand != NULL && g_strcmp0 (brand, "Xiaomi") != 0)
        {
          g_assert_true (cited_figures_page_set_brand_filter (page, brand));
          break;
        }
    }
  g_assert_cmpuint (g_list_model_get_n_items (rows), <, all);

  /* ...showing it brings it back and selects it. */
  cited_figures_page_show_figure (page, id);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, all);
  g_assert_cmpint (cited_figures_page_get_selected_id (page), ==, id);
}

/* The message dialog the page just presented, or NULL. */
static GtkWindow *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) candidate = g_list_model_get_item (toplevels, i);

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (ADW_IS_MESSAGE_DIALOG (candidate) && gtk_widget_get_visible (GTK_WIDGET (candidate)))
        return candidate;
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
  return NULL;
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

static GtkDropDown *
find_dropdown (GtkWidget  *root,
               const char *tooltip)
{
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_DROP_DOWN, dropdowns);
  for (guint i = 0; i < dropdowns->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (dropdowns, i)), tooltip) == 0)
      return g_ptr_array_index (dropdowns, i);
  g_error ("No drop-down “%s”", tooltip);
  return NULL;
}

/* A filter's entries read "name (n)": choosing one lists n rows; most
 * first, then by name whatever the case; none with no row. */
static void
check_count_filter (GtkDropDown *dropdown,
                    GListModel  *rows)
{
  GtkStringList *labels = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (labels));
  guint all = g_list_model_get_n_items (rows);
  g_autofree char *previous = NULL;
  guint previous_n = G_MAXUINT;

  g_assert_cmpuint (n_items, >, 1);
  for (guint i = 1; i < n_items; i++)
    {
      const char *label = gtk_string_list_get_string (labels, i);
      const char *open = g_strrstr (label, " (");
      g_autofree char *name = NULL;
      guint n;

      g_assert_nonnull (open);
      name = g_strndup (label, open - label);
      n = (guint) g_ascii_strtoull (open + 2, NULL, 10);
      g_assert_cmpuint (n, >, 0);
      g_assert_cmpuint (n, <=, previous_n);
      if (n == previous_n)
        {
          g_autofree char *a = g_utf8_casefold (previous, -1);
          g_autofree char *b = g_utf8_casefold (name, -1);

          g_assert_cmpint (g_utf8_collate (a, b), <, 0);
        }
      gtk_drop_down_set_selected (dropdown, i);
      settle ();
      g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);
      previous_n = n;
      g_free (previous);
      previous = g_steal_pointer (&name);
    }
  gtk_drop_down_set_selected (dropdown, 0);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, all);
}

static void
test_brand_filter_counts (void)
{
  CitedFiguresPage *page = figures_page ();

  check_count_filter (find_dropdown (GTK_WIDGET (page), "Filter by Brand"),
                      cited_figures_page_get_rows (page));
}

static void
test_source_filter (void)
{
  CitedFiguresPage *page = figures_page ();
  GtkDropDown *sources = find_dropdown (GTK_WIDGET (page), "Filter by Source");
  GListModel *rows = cited_figures_page_get_rows (page);
  GtkStringList *labels;
  const char *label;
  g_autofree char *name = NULL;

  check_count_filter (sources, rows);

  /* The source's figures, only those. */
  labels = GTK_STRING_LIST (gtk_drop_down_get_model (sources));
  label = gtk_string_list_get_string (labels, 1);
  name = g_strndup (label, g_strrstr (label, " (") - label);
  gtk_drop_down_set_selected (sources, 1);
  settle ();
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CitedFigureObject) row = read_row (rows, i);

      g_assert_cmpstr (cited_figure_object_get_figure (row)->article_source, ==, name);
    }
  gtk_drop_down_set_selected (sources, 0);
  settle ();
}

static void
respond (GtkWindow  *dialog,
         const char *response)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (find_dialog () == dialog)
    gtk_window_destroy (dialog);
  settle ();
}

static CitedFigureObject *
row_of (GListModel *rows,
        gint64      id)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      CitedFigureObject *row = read_row (rows, i);

      if (cited_figure_object_get_id (row) == id)
        return row;
      g_object_unref (row);
    }
  return NULL;
}

static void
test_edit_dialog (void)
{
  CitedFiguresPage *page = figures_page ();
  gint64 id = xiaomi_190m_figure ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(CitedFigure) edited = NULL;
  g_autoptr(CitedFigure) untouched = NULL;
  g_autoptr(CitedFigure) restored = NULL;
  g_autoptr(CitedFigureObject) row = NULL;
  g_autofree char *shown = NULL;
  GtkWindow *dialog;

  cited_figures_page_show_figure (page, id);
  g_assert_cmpint (cited_figures_page_get_selected_id (page), ==, id);

  /* Edit… opens a dialog with the value, brand and metric filled in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "figures.edit", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, entries);
  /* Value, brand, metric, unit, currency, scope, period and measure. */
  g_assert_cmpuint (entries->len, ==, 8);
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[0]), ==, "190000000");
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[1]), ==, "Xiaomi");
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[2]), ==, "sales");
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[3]), ==, "units");
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[5]), ==, "global");
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[6]), ==, "2021");

  /* Typing "210M" and saving stores 210 million, and the table shows it. */
  gtk_editable_set_text (entries->pdata[0], "210M");
  respond (dialog, "save");
  edited = cited_store_get_figure (store, id, NULL);
  g_assert_cmpfloat_with_epsilon (edited->value, 210e6, 0.5);
  g_assert_true (edited->edited);
  row = row_of (cited_figures_page_get_rows (page), id);
  g_assert_nonnull (row);
  shown = cited_figure_object_dup_formatted_value (row);
  /* The article says "up to 190 million": the edit changed the value, and
   * the table keeps the article's qualifier beside it. */
  g_assert_cmpstr (shown, ==, "≤ 210M");
  g_assert_cmpstr (cited_figure_object_get_status_label (row), ==, "Edited");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "figures.undo", NULL));
  restored = cited_store_get_figure (store, id, NULL);
  g_assert_cmpfloat_with_epsilon (restored->value, 190e6, 0.5);
  g_assert_false (restored->edited);

  /* Something that is not a number changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "figures.edit", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_ptr_array_set_size (entries, 0);
  collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, entries);
  gtk_editable_set_text (entries->pdata[0], "lots");
  respond (dialog, "save");
  untouched = cited_store_get_figure (store, id, NULL);
  g_assert_cmpfloat_with_epsilon (untouched->value, 190e6, 0.5);
  g_assert_false (untouched->edited);

  /* Every other field: "up to" was a translation's "reached" (no
   * qualifier), the scope is overseas, the period a quarter, and it was a
   * forecast. Undo takes it all back. */
  {
    g_autoptr(GPtrArray) choices = g_ptr_array_new ();
    g_autoptr(CitedFigure) corrected = NULL;
    g_autoptr(CitedFigure) back = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "figures.edit", NULL));
    dialog = find_dialog ();
    g_assert_nonnull (dialog);
    g_ptr_array_set_size (entries, 0);
    collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, entries);
    collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, choices);
    /* Qualifier, change, span and what it is stated as. */
    g_assert_cmpuint (choices->len, ==, 4);
    g_assert_cmpuint (gtk_drop_down_get_selected (choices->pdata[0]), ==, 5);
    gtk_drop_down_set_selected (choices->pdata[0], 0);
    gtk_drop_down_set_selected (choices->pdata[3], CITED_CLAIM_FORECAST);
    gtk_editable_set_text (entries->pdata[5], "overseas");
    gtk_editable_set_text (entries->pdata[6], "2021 Q4");
    respond (dialog, "save");

    corrected = cited_store_get_figure (store, id, NULL);
    g_assert_true (corrected->edited);
    g_assert_null (corrected->qualifier);
    g_assert_cmpstr (corrected->scope, ==, "overseas");
    g_assert_cmpint (corrected->year, ==, 2021);
    g_assert_cmpint (corrected->quarter, ==, 4);
    g_assert_cmpint (corrected->claim_status, ==, CITED_CLAIM_FORECAST);
    g_assert_cmpstr (corrected->unit, ==, "units");
    g_assert_cmpint (corrected->edited_fields, ==,
                     CITED_EDIT_QUALIFIER | CITED_EDIT_SCOPE | CITED_EDIT_PERIOD | CITED_EDIT_CLAIM_STATUS);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "figures.undo", NULL));
    back = cited_store_get_figure (store, id, NULL);
    g_assert_false (back->edited);
    g_assert_cmpstr (back->scope, ==, "global");
    g_assert_cmpstr (back->qualifier, ==, "up to");
    g_assert_cmpint (back->claim_status, ==, CITED_CLAIM_REPORTED);
  }
}

/* "Over Time" puts the chart's figures at their articles' dates; the
 * sample corpus is undated, and the chart says so rather than drawing
 * nothing silently. Off again, the chart is by brand. */
/* The Figures page's Over Time button. */
static GtkToggleButton *
over_time_toggle (CitedFiguresPage *page)
{
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
  GtkToggleButton *over_time = NULL;

  collect_widgets (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON, toggles);
  for (guint i = 0; i < toggles->len; i++)
    {
      const char *tip = gtk_widget_get_tooltip_text (toggles->pdata[i]);

      if (tip != NULL && g_str_has_prefix (tip, "Over Time"))
        over_time = toggles->pdata[i];
    }
  g_assert_nonnull (over_time);
  return over_time;
}

static void
test_chart_over_time (void)
{
  CitedFiguresPage *page = figures_page ();
  GtkToggleButton *over_time = over_time_toggle (page);
  CitedChart *chart;
  g_autofree char *description = NULL;

  gtk_toggle_button_set_active (over_time, TRUE);
  settle ();
  wait_loaded (page);
  chart = figures_chart ();
  g_assert_nonnull (chart);
  g_assert_cmpint (chart->kind, ==, CITED_CHART_KIND_LINES);
  g_assert_cmpstr (chart->title, ==, "Sales over time");
  g_assert_cmpuint (chart->categories->len, ==, 0);
  g_assert_nonnull (strstr (chart->subtitle, "undated articles left out"));
  description = cited_chart_describe (chart);
  g_assert_nonnull (strstr (description, "No dated article cites these figures"));

  gtk_toggle_button_set_active (over_time, FALSE);
  settle ();
  wait_loaded (page);
  chart = figures_chart ();
  g_assert_cmpint (chart->kind, ==, CITED_CHART_KIND_BARS);
  g_assert_cmpstr (chart->title, ==, "Sales by brand");
}

/* Figures that state the same thing share a claim: the 140 million
 * overseas, cited three times in one article, is one claim, which sorting
 * by the Claim column keeps together. */
static void
test_claim_column (void)
{
  CitedFiguresPage *page = figures_page ();
  GListModel *rows = cited_figures_page_get_rows (page);
  gint64 claim = 0;
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CitedFigureObject) row = read_row (rows, i);
      CitedFigure *f = cited_figure_object_get_figure (row);

      if (g_strcmp0 (f->brand, "Xiaomi") != 0 || g_strcmp0 (f->metric, "sales") != 0 ||
          f->value != 140e6)
        continue;
      g_assert_cmpint (cited_figure_object_get_claim_id (row), !=, 0);
      if (claim == 0)
        claim = cited_figure_object_get_claim_id (row);
      g_assert_cmpint (cited_figure_object_get_claim_id (row), ==, claim);
      g_assert_cmpuint (cited_figure_object_get_claim_sources (row), ==, 1);
      n++;
    }
  g_assert_cmpuint (n, >=, 2);

  /* The States column says what a figure states beyond a reported total:
   * Xiaomi's aim to be number one is a target; its 2021 sales state none. */
  {
    gboolean target = FALSE, plain = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(CitedFigureObject) row = read_row (rows, i);
        CitedFigure *f = cited_figure_object_get_figure (row);
        g_autofree char *states = cited_figure_object_dup_states (row);

        if (f->claim_status == CITED_CLAIM_TARGET)
          {
            g_assert_cmpstr (states, ==, "target");
            target = TRUE;
          }
        else if (f->value == 190e6 && g_strcmp0 (f->metric, "sales") == 0)
          {
            g_assert_cmpstr (states, ==, "");
            plain = TRUE;
          }
      }
    g_assert_true (target && plain);
  }
}

/* Started from the build tree, the app finds its own icon (the About
 * window shows it) in the sources. */
static void
test_icon_from_build_tree (void)
{
  figures_page ();
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                          APP_ID));
}

/* Search words are highlighted as words: "of" not inside "off" or
 * "profits"; "phone" in "phones"; "Xiaomi" in "XiaomiCars", which search
 * finds. */
static void
test_highlight_words (void)
{
  const char *text = "Sales of phones fell off; XiaomiCars profits";
  g_autoptr(GArray) ranges = cited_search_match_ranges (text, "of phone xiaomi");
  g_autoptr(GString) found = g_string_new (NULL);

  for (guint r = 0; r + 1 < ranges->len; r += 2)
    g_string_append_printf (found, "[%.*s]", (int) (g_array_index (ranges, guint, r + 1) -
                                                    g_array_index (ranges, guint, r)),
                            text + g_array_index (ranges, guint, r));
  g_assert_cmpstr (found->str, ==, "[of][phone][Xiaomi]");
}

static char *
highlighted (const char *text,
             const char *search)
{
  g_autoptr(GArray) ranges = cited_search_match_ranges (text, search);
  GString *found = g_string_new (NULL);

  for (guint r = 0; r + 1 < ranges->len; r += 2)
    g_string_append_printf (found, "[%.*s]", (int) (g_array_index (ranges, guint, r + 1) -
                                                    g_array_index (ranges, guint, r)),
                            text + g_array_index (ranges, guint, r));
  return g_string_free (found, FALSE);
}

/* A word of three letters or more is highlighted where it begins a word,
 * as search finds those ("profit" finds "profitable"); a shorter one only
 * as a word, and never inside one. */
static void
test_highlight_prefixes (void)
{
  g_autofree char *profit = highlighted ("Profitable firms, nonprofit ones, profits", "profit");
  g_autofree char *eu = highlighted ("EU and Europe", "eu");

  g_assert_cmpstr (profit, ==, "[Profit][profit]");
  g_assert_cmpstr (eu, ==, "[EU]");
}

/* Whether a screen reader has a name for @widget: a label property or
 * relation, or for a button its own visible label. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) != NULL;
  if (GTK_IS_BUTTON (widget))
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));

      if (gtk_button_get_label (GTK_BUTTON (widget)) != NULL && GTK_IS_LABEL (child))
        return TRUE;
      /* Content with a label of its own (AdwButtonContent, a box of an
       * icon and a label). */
      for (GtkWidget *c = child; c != NULL; c = gtk_widget_get_first_child (c))
        for (GtkWidget *sibling = c; sibling != NULL; sibling = gtk_widget_get_next_sibling (sibling))
          if (GTK_IS_LABEL (sibling) && *gtk_label_get_text (GTK_LABEL (sibling)) != '\0')
            return TRUE;
    }
  return FALSE;
}

/* Every control a keyboard or screen reader user reaches has a name. */
static void
collect_unnamed (GtkWidget *widget,
                 GString   *unnamed)
{
  gboolean control = GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) ||
                     GTK_IS_DROP_DOWN (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_ENTRY (widget);

  if (!gtk_widget_get_visible (widget))
    return;
  if (control && !has_accessible_name (widget))
    {
      const char *tip = gtk_widget_get_tooltip_text (widget);

      g_string_append_printf (unnamed, "%s (%s)\n", G_OBJECT_TYPE_NAME (widget), tip ? tip : "no tooltip");
    }
  /* Composite controls name their own parts; the window controls are GTK's. */
  if (control || GTK_IS_WINDOW_CONTROLS (widget) || GTK_IS_COLUMN_VIEW (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed);
}

static void
test_accessible_names (void)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);
  static const char *pages[] = { "articles", "figures", "brands" };

  figures_page ();
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      cited_window_set_visible_page (window, pages[i]);
      settle ();
      collect_unnamed (GTK_WIDGET (window), unnamed);
    }
  /* The brands editor, showing a brand with persons and products. */
  {
    CitedBrandsPage *brands = cited_window_get_brands_page (window);
    CitedBrandEditor *editor;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (brands), "brands.edit", NULL));
    editor = cited_brands_page_get_editor (brands);
    cited_brand_editor_select (editor, "Xiaomi");
    settle ();
    collect_unnamed (GTK_WIDGET (editor), unnamed);
    gtk_window_close (GTK_WINDOW (editor));
  }
  /* The Feeds dialog, listing a feed (never fetched: no network here). */
  {
    gint64 feed_id = 0;
    CitedFeedsDialog *feeds;

    g_assert_true (cited_store_add_feed (store, "http://127.0.0.1:9/feed.xml", "Loopback", &feed_id, NULL));
    feeds = cited_window_show_feeds (window);
    cited_feeds_dialog_reload (feeds);
    g_assert_cmpuint (cited_feeds_dialog_get_n_feeds (feeds), ==, 1);
    settle ();
    collect_unnamed (GTK_WIDGET (feeds), unnamed);
    gtk_window_destroy (GTK_WINDOW (feeds));
    g_assert_true (cited_store_remove_feed (store, feed_id, NULL));
  }
  cited_window_set_visible_page (window, "figures");
  settle ();
  if (unnamed->len > 0)
    g_error ("Controls without an accessible name:\n%s", unnamed->str);
}

/* Ctrl+Z and Ctrl+Shift+Z work from any page, and the history outlives
 * the toast. */
static void
test_undo_redo_anywhere (void)
{
  CitedFiguresPage *page = figures_page ();
  gint64 id = xiaomi_190m_figure ();
  CitedFigureEdit edit = { .value = 200e6, .status = CITED_FIGURE_EXTRACTED };
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedFigure) edited = NULL;
  g_autoptr(CitedFigure) undone = NULL;
  g_autoptr(CitedFigure) redone = NULL;

  g_assert_true (cited_figures_page_apply_edit (page, id, &edit, &error));
  g_assert_no_error (error);
  edited = cited_store_get_figure (store, id, NULL);
  g_assert_cmpfloat (edited->value, ==, 200e6);

  cited_window_set_visible_page (window, "articles");
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  undone = cited_store_get_figure (store, id, NULL);
  g_assert_cmpfloat (undone->value, ==, 190e6);
  g_assert_false (undone->edited);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  redone = cited_store_get_figure (store, id, NULL);
  g_assert_cmpfloat (redone->value, ==, 200e6);
  g_assert_true (redone->edited);

  /* Back to the extractor's figure for the tests after. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  cited_window_set_visible_page (window, "figures");
  settle ();
}

static void
test_export_dialog (void)
{
  CitedFiguresPage *page = figures_page ();
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  GtkDropDown *format, *size;
  GListModel *sizes;
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "figures.export", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);

  /* PNG, SVG, PDF and CSV, at three sizes or a custom one. */
  collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, dropdowns);
  g_assert_cmpuint (dropdowns->len, ==, 2);
  format = dropdowns->pdata[0];
  size = dropdowns->pdata[1];
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (format)), ==, 4);
  sizes = gtk_drop_down_get_model (size);
  g_assert_cmpuint (g_list_model_get_n_items (sizes), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (sizes), 0), ==, "800 × 600");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (sizes), 3), ==, "Custom");

  /* CSV has no size to choose. */
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (size)));
  gtk_drop_down_set_selected (format, CITED_EXPORT_CSV);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (size)));

  respond (dialog, "cancel");
  g_assert_null (find_dialog ());
}

static GBytes *read_file (const char *path);
static guint32 be32 (const guint8 *p);

static GtkWindow *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) candidate = g_list_model_get_item (toplevels, i);

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (GTK_IS_FILE_CHOOSER_DIALOG (candidate) && gtk_widget_get_visible (GTK_WIDGET (candidate)))
        return candidate;
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
  return NULL;
}

/* Export as a user does it: the dialog, a size, the file chooser. */
static void
test_export_through_dialogs (void)
{
  CitedFiguresPage *page = figures_page ();
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  g_autoptr(GFile) folder = g_file_new_for_path (tmpdir);
  g_autofree char *expected = g_build_filename (tmpdir, "through-dialog.png", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  GtkWindow *dialog;
  GtkWindow *chooser;
  gsize size;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "figures.export", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, dropdowns);
  gtk_drop_down_set_selected (dropdowns->pdata[0], CITED_EXPORT_PNG);
  gtk_drop_down_set_selected (dropdowns->pdata[1], 2); /* 1920 × 1080 */
  respond (dialog, "export");

  chooser = find_file_chooser ();
  if (chooser == NULL)
    {
      g_test_skip ("No fallback file chooser dialog (a portal answered)");
      return;
    }
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error);
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "through-dialog");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* The chooser checks the name in the background before it accepts. */
  {
    gboolean timed_out = FALSE;
    guint id = g_timeout_add_seconds (30, wait_cb, &timed_out);

    while (!g_file_test (expected, G_FILE_TEST_EXISTS) && !timed_out)
      g_main_context_iteration (NULL, TRUE);
    if (!timed_out)
      g_source_remove (id);
  }

  /* The file got the format's extension and the chosen size. */
  bytes = read_file (expected);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpuint (be32 (data + 16), ==, 1920);
  g_assert_cmpuint (be32 (data + 20), ==, 1080);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
test_export_files (void)
{
  CitedChart *chart = figures_chart ();
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_build_filename (tmpdir, "sales chart", NULL);
  g_autofree char *png = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *data;
  gsize size;

  g_assert_nonnull (chart);

  /* PNG of the chosen size: the signature, then IHDR width and height. */
  g_assert_true (cited_export_write (chart, base, CITED_EXPORT_PNG, 1200, 800, &png, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (png, ".png"));
  bytes = read_file (png);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, >, 33);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  g_assert_cmpuint (be32 (data + 16), ==, 1200);
  g_assert_cmpuint (be32 (data + 20), ==, 800);
  g_clear_pointer (&bytes, g_bytes_unref);

  g_assert_true (cited_export_write (chart, base, CITED_EXPORT_SVG, 800, 600, &svg, &error));
  g_assert_no_error (error);
  bytes = read_file (svg);
  data = g_bytes_get_data (bytes, &size);
  g_assert_nonnull (g_strstr_len ((const char *) data, MIN (size, 512), "<svg"));
  g_assert_nonnull (g_strstr_len ((const char *) data, size, "800"));
  g_clear_pointer (&bytes, g_bytes_unref);

  g_assert_true (cited_export_write (chart, base, CITED_EXPORT_PDF, 1920, 1080, &pdf, &error));
  g_assert_no_error (error);
  bytes = read_file (pdf);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, >, 1000);
  g_assert_cmpmem (data, 5, "%PDF-", 5);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* CSV holds Xiaomi's plotted value. */
  g_assert_true (cited_export_write (chart, base, CITED_EXPORT_CSV, 0, 0, &csv, &error));
  g_assert_no_error (error);
  bytes = read_file (csv);
  data = g_bytes_get_data (bytes, &size);
  g_assert_nonnull (g_strstr_len ((const char *) data, size, "Xiaomi"));
  g_assert_nonnull (g_strstr_len ((const char *) data, size, "190000000"));
  g_clear_pointer (&bytes, g_bytes_unref);

  /* A size nobody can open is refused with a reason, and writes nothing. */
  g_assert_false (cited_export_write (chart, base, CITED_EXPORT_PNG, 0, 600, NULL, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);

  /* The toast after an export names the file and offers to open it and to
   * show it in its folder. */
  {
    g_autoptr(AdwToast) toast = g_object_ref_sink (cited_export_done_toast_new (GTK_WIDGET (figures_page ()), png));
    GtkWidget *title = adw_toast_get_custom_title (toast);
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();

    g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
    g_assert_nonnull (title);
    collect_widgets (title, GTK_TYPE_BUTTON, buttons);
    g_assert_cmpuint (buttons->len, ==, 1);
    g_assert_cmpstr (gtk_button_get_label (buttons->pdata[0]), ==, "Show in _Folder");
    collect_widgets (title, GTK_TYPE_LABEL, labels);
    g_assert_cmpuint (labels->len, >=, 1);
    g_assert_cmpstr (gtk_label_get_label (labels->pdata[0]), ==, "Chart exported to “sales chart.png”");
  }
}

/* Iterates the main loop until @path exists, for half a minute at most. */
static void
wait_for_file (const char *path)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (30, wait_cb, &timed_out);

  while (!g_file_test (path, G_FILE_TEST_EXISTS) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Export Report writes the Figures page's chart with the claims behind it
 * and their sources, in the background; from the main menu's action it
 * asks for the file first. */
static void
test_export_report (void)
{
  CitedFiguresPage *page = figures_page ();
  g_autofree char *html_path = g_build_filename (tmpdir, "sales report.html", NULL);
  g_autofree char *pdf_path = g_build_filename (tmpdir, "through-menu.pdf", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (tmpdir);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *html;
  GtkWindow *chooser;
  gsize size;

  g_assert_nonnull (figures_chart ());
  cited_figures_page_set_chart_metric (page, "sales");
  wait_loaded (page);
  cited_figures_page_write_report (page, html_path);
  wait_for_file (html_path);
  bytes = read_file (html_path);
  html = g_bytes_get_data (bytes, &size);
  g_assert_nonnull (g_strstr_len (html, size, "<section id=\"claims\">"));
  g_assert_nonnull (g_strstr_len (html, size, "<svg "));
  g_assert_nonnull (g_strstr_len (html, size, ">Xiaomi</text>"));
  g_assert_nonnull (g_strstr_len (html, size, "Metric: Sales"));
  g_assert_nonnull (g_strstr_len (html, size, "001_e4afa9e939e8e03f.txt"));

  /* Asked for from another page, the report is of the Figures page's
   * chart, and the page comes into view. */
  cited_window_set_visible_page (window, "articles");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-report", NULL));
  g_assert_cmpstr (cited_window_get_visible_page (window), ==, "figures");
  settle ();
  chooser = find_file_chooser ();
  if (chooser == NULL)
    {
      g_test_skip ("No fallback file chooser dialog (a portal answered)");
      return;
    }
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error);
  g_assert_no_error (error);
  /* A name without an extension becomes a PDF. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "through-menu");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
  wait_for_file (pdf_path);
  g_clear_pointer (&bytes, g_bytes_unref);
  /* The file is replaced atomically: once there, it is whole. */
  bytes = read_file (pdf_path);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 5, "%PDF-", 5);
}

static void
test_print_to_pdf (void)
{
  CitedChart *chart = figures_chart ();
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "printed.pdf", NULL);
  GtkPrintOperationResult result;
  const guint8 *data;
  gsize size;

  operation = cited_export_print_operation_new (chart);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    GTK_WINDOW (window), &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  bytes = read_file (path);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpmem (data, 5, "%PDF-", 5);
  /* A page with a drawn chart and its text, not an empty page. */
  g_assert_cmpuint (size, >, 4000);

  /* Read back as text: the chart's labels and values on the first page,
   * every figure's article and sentence on the pages after it. */
  {
    g_autofree char *out = NULL;
    g_autofree char *first = NULL;
    g_autofree char *quoted = g_shell_quote (path);
    g_autofree char *command = g_strdup_printf ("pdftotext -layout %s -", quoted);
    g_autofree char *first_command = g_strdup_printf ("pdftotext -f 1 -l 1 -layout %s -", quoted);
    g_autofree char *config = g_build_filename (g_get_user_config_dir (), "cited", "print.ini", NULL);
    int wait_status = 0;

    if (g_find_program_in_path ("pdftotext") == NULL)
      {
        g_test_skip ("pdftotext (poppler-utils) is not installed");
        return;
      }
    g_assert_true (g_spawn_command_line_sync (first_command, &first, NULL, &wait_status, NULL));
    g_assert_true (g_spawn_command_line_sync (command, &out, NULL, &wait_status, NULL));
    g_assert_nonnull (strstr (first, "Xiaomi"));
    g_assert_nonnull (strstr (first, "190M"));
    g_assert_nonnull (strstr (out, "Sources of"));
    g_assert_nonnull (strstr (out, "overseas sales of 140 million units"));
    g_assert_nonnull (strstr (out, "001_e4afa9e939e8e03f.txt"));
    /* Two pages at least: the chart, then its sources. */
    g_assert_nonnull (strchr (out, '\f'));
    /* The next print starts from this one's page setup. */
    g_assert_true (g_file_test (config, G_FILE_TEST_IS_REGULAR));
  }
}

static void
test_copy_image (void)
{
  CitedChart *chart = figures_chart ();
  g_autoptr(GdkTexture) texture = cited_export_render_texture (chart, 400, 300);
  g_autofree guchar *pixels = g_malloc (400 * 300 * 4);
  GdkClipboard *clipboard;
  GdkContentFormats *formats;

  g_assert_cmpint (gdk_texture_get_width (texture), ==, 400);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 300);

  /* Print palette: a light background whatever the theme. */
  gdk_texture_download (texture, pixels, 400 * 4);
  g_assert_cmpuint (pixels[1 * 400 * 4 + 1 * 4 + 1], >, 200);

  cited_figures_page_copy_image (figures_page ());
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  formats = gdk_clipboard_get_formats (clipboard);
  g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE));
}

/* The mean brightness (0..255) of the view as drawn now. */
static double
view_brightness (GtkWidget *view)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (view);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int width = gtk_widget_get_width (view);
  int height = gtk_widget_get_height (view);
  GskRenderer *renderer;
  double sum = 0;

  g_assert_cmpint (width, >, 10);
  g_assert_cmpint (height, >, 10);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (view));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  /* The left edge halfway down: chart background, left of the axis labels
   * and inside the rounded corners. */
  for (int y = height / 2 - 2; y < height / 2 + 2; y++)
    for (int x = 3; x < 7; x++)
      {
        guchar *p = pixels + ((gsize) y * width + x) * 4;
        sum += (p[0] + p[1] + p[2]) / 3.0;
      }
  return sum / 16.0;
}

static void
test_dark_mode (void)
{
  CitedChartView *view = cited_figures_page_get_chart_view (figures_page ());
  AdwStyleManager *manager = adw_style_manager_get_default ();
  CitedChartStyle style;
  double light, dark;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  settle ();
  light = view_brightness (GTK_WIDGET (view));

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  settle ();
  cited_chart_view_get_style (view, &style);
  g_assert_cmpfloat ((style.background[0] + style.background[1] + style.background[2]) / 3, <, 0.3);
  dark = view_brightness (GTK_WIDGET (view));

  g_test_message ("chart background brightness: light %.0f, dark %.0f", light, dark);
  g_assert_cmpfloat (light, >, 180);
  g_assert_cmpfloat (dark, <, 80);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  settle ();
}

static void
test_brands_page (void)
{
  CitedBrandsPage *page;
  CitedChartView *view;
  const char * const *brands;
  g_autofree char *card = NULL;
  CitedChart *chart;

  ensure_window ();
  page = cited_window_get_brands_page (window);
  view = cited_brands_page_get_chart_view (page);
  cited_window_set_visible_page (window, "brands");
  wait_loaded (page);
  settle ();

  /* The four most mentioned brands are compared by default. */
  brands = cited_brands_page_get_brands (page);
  g_assert_nonnull (brands);
  g_assert_cmpuint (g_strv_length ((char **) brands), ==, 4);
  g_assert_true (g_strv_contains (brands, "Xiaomi"));

  /* Xiaomi's card cites its sales and says who it is mentioned with. */
  card = cited_brands_page_dup_card_text (page, "Xiaomi");
  g_assert_nonnull (card);
  g_assert_nonnull (strstr (card, "Sales: "));
  g_assert_nonnull (strstr (card, "190M"));
  g_assert_nonnull (strstr (card, "share of voice"));
  /* The 140 million overseas, cited three times in one article (twice
   * without a year), is one claim: listed once, with its year. */
  {
    const char *first = strstr (card, "140M overseas (2021)");

    g_test_message ("%s", card);
    g_assert_nonnull (first);
    g_assert_null (strstr (first + 1, "140M"));
  }
  /* Loaded means every card's figures are read, none still being read. */
  for (guint i = 0; brands[i] != NULL; i++)
    {
      g_autofree char *text = cited_brands_page_dup_card_text (page, brands[i]);

      g_assert_nonnull (text);
      g_assert_null (strstr (text, "Reading figures"));
    }

  /* Share of voice first; then mentions over time; then a metric. */
  chart = cited_chart_view_get_chart (view);
  g_assert_nonnull (chart);
  g_assert_cmpint (chart->kind, ==, CITED_CHART_KIND_SHARE);

  cited_brands_page_set_chart (page, CITED_BRANDS_CHART_TREND, NULL);
  chart = cited_chart_view_get_chart (view);
  g_assert_nonnull (chart);
  g_assert_cmpint (chart->kind, ==, CITED_CHART_KIND_LINES);

  cited_brands_page_set_chart (page, CITED_BRANDS_CHART_METRIC, "sales");
  chart = cited_chart_view_get_chart (view);
  g_assert_nonnull (chart);
  g_assert_cmpint (find_category (chart, "Xiaomi"), >=, 0);
  g_assert_nonnull (strstr (cited_chart_view_get_description (view), "Xiaomi"));

  /* Narrowing the comparison to two brands leaves two cards. */
  {
    const char *two[] = { "Xiaomi", "Huawei", NULL };
    g_autofree char *apple = NULL;

    cited_brands_page_set_brands (page, two);
    apple = cited_brands_page_dup_card_text (page, "Apple");
    g_assert_null (apple);
    g_assert_cmpuint (g_strv_length ((char **) cited_brands_page_get_brands (page)), ==, 2);
  }

  /* The brand chooser, made when it opens, lists every brand with the
   * compared ones checked; checking one more adds its card, figures and
   * all. */
  {
    GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                            CITED_TYPE_BRANDS_PAGE,
                                                                            "brands_button"));
    GtkWidget *checks = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), CITED_TYPE_BRANDS_PAGE,
                                                                   "brand_checks"));
    GtkCheckButton *apple = NULL;
    guint n = 0, n_active = 0;
    g_autofree char *card = NULL;

    gtk_menu_button_popup (button);
    settle ();
    for (GtkWidget *child = gtk_widget_get_first_child (checks); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      {
        n++;
        if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
          n_active++;
        if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "brand"), "Apple") == 0)
          apple = GTK_CHECK_BUTTON (child);
      }
    g_assert_cmpuint (n, >=, 4);
    g_assert_cmpuint (n_active, ==, 2);
    g_assert_nonnull (apple);
    gtk_check_button_set_active (apple, TRUE);
    gtk_menu_button_popdown (button);
    wait_loaded (page);
    g_assert_cmpuint (g_strv_length ((char **) cited_brands_page_get_brands (page)), ==, 3);
    card = cited_brands_page_dup_card_text (page, "Apple");
    g_assert_nonnull (card);
    g_assert_nonnull (strstr (card, "Figures"));
    g_assert_null (strstr (card, "Reading figures"));
  }
}

/* Over a store with no articles, both pages say what to do instead of
 * showing an empty table and chart. */
static void
test_empty_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autoptr(CitedStore) empty = NULL;
  GtkWidget *pages[2];
  GtkWidget *holder;

  ensure_window ();
  db = g_build_filename (tmpdir, "empty.db", NULL);
  empty = cited_store_open (db, &error);
  g_assert_no_error (error);

  pages[0] = g_object_new (CITED_TYPE_FIGURES_PAGE, "store", empty, NULL);
  pages[1] = g_object_new (CITED_TYPE_BRANDS_PAGE, "store", empty, NULL);
  holder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GPtrArray) stacks = g_ptr_array_new ();
      g_autoptr(GPtrArray) status = g_ptr_array_new ();

      gtk_box_append (GTK_BOX (holder), pages[i]);
      wait_loaded (pages[i]);
      collect_widgets (pages[i], GTK_TYPE_STACK, stacks);
      g_assert_cmpuint (stacks->len, >, 0);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stacks->pdata[0]), ==, "empty");

      collect_widgets (gtk_stack_get_visible_child (stacks->pdata[0]), ADW_TYPE_STATUS_PAGE, status);
      g_assert_cmpuint (status->len, ==, 1);
      g_assert_nonnull (strstr (adw_status_page_get_description (status->pdata[0]), "Ctrl+O"));
    }
  g_object_ref_sink (holder);
  g_object_unref (holder);
}

/* The name of the page @widget's first stack shows, and in @status_out
 * the status page it shows, if any. */
static const char *
visible_stack_page (GtkWidget      *widget,
                    AdwStatusPage **status_out)
{
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();
  g_autoptr(GPtrArray) status = g_ptr_array_new ();

  collect_widgets (widget, GTK_TYPE_STACK, stacks);
  g_assert_cmpuint (stacks->len, >, 0);
  collect_widgets (gtk_stack_get_visible_child (stacks->pdata[0]), ADW_TYPE_STATUS_PAGE, status);
  *status_out = status->len > 0 ? status->pdata[0] : NULL;
  return gtk_stack_get_visible_child_name (stacks->pdata[0]);
}

/* A page given a store says it is loading, without blocking the window,
 * and then shows the figures and brands read in the background. */
static void
test_loading_state (void)
{
  GtkWidget *figures;
  GtkWidget *brands;
  GtkWidget *holder;
  AdwStatusPage *status;

  ensure_window ();
  figures = g_object_new (CITED_TYPE_FIGURES_PAGE, NULL);
  brands = g_object_new (CITED_TYPE_BRANDS_PAGE, NULL);
  holder = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_box_append (GTK_BOX (holder), figures);
  gtk_box_append (GTK_BOX (holder), brands);

  g_object_set (figures, "store", store, NULL);
  g_object_set (brands, "store", store, NULL);

  /* Setting the store returned at once: the Figures page shows its rows
   * (counted, and read a page at a time when drawn) and reads its filter
   * menus and chart in the background; the Brands page shows a spinner. */
  g_assert_true (is_loading (figures));
  g_assert_cmpstr (visible_stack_page (figures, &status), ==, "figures");
  g_assert_cmpuint (g_list_model_get_n_items (cited_figures_page_get_rows (CITED_FIGURES_PAGE (figures))), >, 0);
  g_assert_null (cited_chart_view_get_chart (cited_figures_page_get_chart_view (CITED_FIGURES_PAGE (figures))));
  g_assert_true (is_loading (brands));
  g_assert_cmpstr (visible_stack_page (brands, &status), ==, "loading");
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Loading Brands…");

  /* Then the rows, the chart and the brand cards. */
  wait_loaded (figures);
  g_assert_cmpstr (visible_stack_page (figures, &status), ==, "figures");
  g_assert_cmpuint (g_list_model_get_n_items (cited_figures_page_get_rows (CITED_FIGURES_PAGE (figures))), >, 0);
  g_assert_nonnull (cited_chart_view_get_chart (cited_figures_page_get_chart_view (CITED_FIGURES_PAGE (figures))));

  /* Charting another metric happens in the background too: the sales
   * chart stays until the price chart is built. */
  {
    CitedChartView *view = cited_figures_page_get_chart_view (CITED_FIGURES_PAGE (figures));
    CitedChart *before = cited_chart_view_get_chart (view);
    CitedChart *after;

    g_assert_true (cited_figures_page_set_chart_metric (CITED_FIGURES_PAGE (figures), "price"));
    g_assert_true (is_loading (figures));
    g_assert_true (cited_chart_view_get_chart (view) == before);
    wait_loaded (figures);
    after = cited_chart_view_get_chart (view);
    g_assert_nonnull (after);
    g_test_message ("price chart: %s", after->title);
    g_assert_nonnull (strstr (after->title, "Price"));
    g_assert_cmpint (find_category (after, "Xiaomi"), >=, 0);
  }

  wait_loaded (brands);
  g_assert_cmpstr (visible_stack_page (brands, &status), ==, "brands");
  g_assert_cmpuint (g_strv_length ((char **) cited_brands_page_get_brands (CITED_BRANDS_PAGE (brands))), ==, 4);
  {
    g_autofree char *card = cited_brands_page_dup_card_text (CITED_BRANDS_PAGE (brands), "Xiaomi");

    g_assert_nonnull (card);
    g_assert_nonnull (strstr (card, "190M"));
  }

  /* A page dropped while it loads goes away at once: its reading does not
   * keep it (and its rows) alive, and finishing later touches nothing. */
  {
    GtkWidget *dropped = g_object_ref_sink (g_object_new (CITED_TYPE_FIGURES_PAGE, "store", store, NULL));

    g_assert_true (is_loading (dropped));
    g_object_add_weak_pointer (G_OBJECT (dropped), (gpointer *) &dropped);
    g_object_unref (dropped);
    g_assert_null (dropped);
    settle ();
  }

  g_object_unref (holder);
}

static gboolean
mentions_folded (const char *text,
                 const char *folded_needle)
{
  g_autofree char *folded = text != NULL ? g_utf8_casefold (text, -1) : NULL;

  return folded != NULL && strstr (folded, folded_needle) != NULL;
}

/* Typing in the search entry keeps the rows whose figure, sentence or
 * article title mention the text, whatever its case. */
static void
test_search_text (void)
{
  CitedFiguresPage *page = figures_page ();
  GListModel *rows = cited_figures_page_get_rows (page);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GtkEditable *entry = NULL;
  guint all, n;

  g_assert_true (cited_figures_page_set_brand_filter (page, NULL));
  all = g_list_model_get_n_items (rows);
  collect_widgets (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, entries);
  for (guint i = 0; i < entries->len && entry == NULL; i++)
    if (gtk_widget_get_mapped (entries->pdata[i]))
      entry = entries->pdata[i];
  g_assert_nonnull (entry);

  gtk_editable_set_text (entry, "XIAOMI");
  g_signal_emit_by_name (entry, "search-changed");
  n = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, all);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CitedFigureObject) row = read_row (rows, i);
      CitedFigure *f = cited_figure_object_get_figure (row);

      g_assert_true (mentions_folded (f->text, "xiaomi") || mentions_folded (f->sentence, "xiaomi") ||
                     mentions_folded (f->article_title, "xiaomi"));
    }

  gtk_editable_set_text (entry, "");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, all);
}

/* Clicking a column header sorts the table by it, both ways, and sorting
 * off again keeps every row. */
static void
test_sort_by_column (void)
{
  CitedFiguresPage *page = figures_page ();
  GListModel *rows = cited_figures_page_get_rows (page);
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GtkColumnViewColumn) value_column = NULL;
  GtkColumnView *view;
  guint n = g_list_model_get_n_items (rows);

  g_assert_cmpuint (n, >, 2);
  collect_widgets (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, views);
  g_assert_cmpuint (views->len, ==, 1);
  view = views->pdata[0];
  value_column = g_list_model_get_item (gtk_column_view_get_columns (view), 1);
  g_assert_cmpstr (gtk_column_view_column_get_title (value_column), ==, "Value");

  for (int order = GTK_SORT_ASCENDING; order <= GTK_SORT_DESCENDING; order++)
    {
      gtk_column_view_sort_by_column (view, value_column, order);
      g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);
      for (guint i = 1; i < n; i++)
        {
          g_autoptr(CitedFigureObject) a = read_row (rows, i - 1);
          g_autoptr(CitedFigureObject) b = read_row (rows, i);
          double va = cited_figure_object_get_figure (a)->value;
          double vb = cited_figure_object_get_figure (b)->value;

          if (order == GTK_SORT_ASCENDING)
            g_assert_cmpfloat (va, <=, vb);
          else
            g_assert_cmpfloat (va, >=, vb);
        }
    }

  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);
}

/* The button of @page that activates @action, or NULL. */
static GtkWidget *
action_button (CitedFiguresPage *page,
               const char       *action)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (page), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (buttons->pdata[i])), action) == 0)
      return buttons->pdata[i];
  return NULL;
}

/* A row not read yet after a sort is a placeholder: selected, it is no
 * figure to edit, confirm, reject or open; once read, it is. */
static void
test_placeholder_row (void)
{
  CitedFiguresPage *page = figures_page ();
  GListModel *rows = cited_figures_page_get_rows (page);
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GtkColumnViewColumn) value_column = NULL;
  g_autoptr(CitedFigureObject) first = NULL;
  g_autoptr(CitedFigureObject) read = NULL;
  GtkSelectionModel *selection;
  GtkColumnView *view;

  collect_widgets (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, views);
  view = views->pdata[0];
  selection = gtk_column_view_get_model (view);
  value_column = g_list_model_get_item (gtk_column_view_get_columns (view), 1);

  /* The sorted rows are read in a worker, whose answer waits for the main
   * loop: until then the rows are placeholders. */
  gtk_column_view_sort_by_column (view, value_column, GTK_SORT_DESCENDING);
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpint (cited_figure_object_get_id (first), ==, 0);
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_cmpint (cited_figures_page_get_selected_id (page), ==, 0);
  g_assert_nonnull (action_button (page, "figures.reject"));
  g_assert_false (gtk_widget_get_sensitive (action_button (page, "figures.reject")));

  /* Read, the row is the figure. */
  read = read_row (rows, 0);
  g_assert_cmpint (cited_figure_object_get_id (read), !=, 0);
  gtk_selection_model_unselect_all (selection);
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_cmpint (cited_figures_page_get_selected_id (page), ==, cited_figure_object_get_id (read));
  g_assert_true (gtk_widget_get_sensitive (action_button (page, "figures.reject")));

  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  gtk_selection_model_unselect_all (selection);
  g_clear_object (&read);
  read = read_row (rows, 0);
}

/* Both pages fit a phone-width window. */
static void
test_narrow_window (void)
{
  GtkWidget *pages[2];
  int minimum, natural;

  ensure_window ();
  pages[0] = GTK_WIDGET (cited_window_get_figures_page (window));
  pages[1] = GTK_WIDGET (cited_window_get_brands_page (window));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      gtk_widget_measure (pages[i], GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      g_test_message ("page %u: minimum width %d", i, minimum);
      g_assert_cmpint (minimum, <=, 360);
    }
}

static GtkWidget *
visible_table (void)
{
  g_autoptr(GPtrArray) squeezers = g_ptr_array_new ();
  GtkWidget *child;

  collect_widgets (GTK_WIDGET (figures_page ()), ADW_TYPE_SQUEEZER, squeezers);
  g_assert_cmpuint (squeezers->len, ==, 1);
  child = adw_squeezer_get_visible_child (g_ptr_array_index (squeezers, 0));
  g_assert_true (GTK_IS_SCROLLED_WINDOW (child));
  return gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (child));
}

/* Resizes the window to @width, or as near as its header (window
 * buttons and all) lets it; returns the width it got. */
static int
resize_window (int width)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, 760);
  for (guint i = 0; i < 10 && gtk_widget_get_width (GTK_WIDGET (window)) != width; i++)
    settle ();
  settle ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, MAX (width, 400));
  return gtk_widget_get_width (GTK_WIDGET (window));
}

static gboolean
label_has_text (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0';
}

/* At 360 px the figures are a list of cards that fit the window, each
 * with the brand, the value, what and when, and the sentence; wide, the
 * table again. */
static void
test_narrow_list (void)
{
  GtkWidget *table = NULL;
  guint n_cards = 0;
  int width;

  ensure_window ();
  cited_window_set_visible_page (window, "figures");
  width = resize_window (360);
  table = visible_table ();
  g_assert_true (GTK_IS_LIST_VIEW (table));

  for (GtkWidget *row = gtk_widget_get_first_child (table); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = gtk_widget_get_first_child (row);
      GtkWidget *top, *details, *sentence;
      graphene_rect_t bounds;

      if (card == NULL || !gtk_widget_get_mapped (card))
        continue;
      top = gtk_widget_get_first_child (card);
      details = gtk_widget_get_next_sibling (top);
      sentence = gtk_widget_get_next_sibling (details);
      g_assert_true (label_has_text (gtk_widget_get_first_child (top)));
      g_assert_true (label_has_text (gtk_widget_get_last_child (top)));
      g_assert_true (label_has_text (details));
      g_assert_true (label_has_text (sentence));
      g_assert_true (gtk_widget_compute_bounds (card, GTK_WIDGET (window), &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, width);
      n_cards++;
    }
  g_assert_cmpuint (n_cards, >, 0);

  resize_window (1000);
  g_assert_true (GTK_IS_COLUMN_VIEW (visible_table ()));
}

/* The number of mentions the Brands page's chooser shows for @brand, or
 * -1 when the brand is not listed there. */
static int
listed_mentions (GtkWidget  *widget,
                 const char *brand)
{
  g_autofree char *prefix = g_strdup_printf ("%s (", brand);

  if (GTK_IS_CHECK_BUTTON (widget))
    {
      const char *label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));

      if (label != NULL && g_str_has_prefix (label, prefix))
        return atoi (label + strlen (prefix));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int n = listed_mentions (child, brand);

      if (n >= 0)
        return n;
    }
  return -1;
}

static int
brands_page_mentions (const char *brand)
{
  CitedBrandsPage *page = cited_window_get_brands_page (window);

  GtkMenuButton *chooser = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                           CITED_TYPE_BRANDS_PAGE,
                                                                           "brands_button"));
  int n;

  cited_window_set_visible_page (window, "brands");
  wait_loaded (page);
  /* The chooser's check buttons are made when it opens. */
  gtk_menu_button_popup (chooser);
  n = listed_mentions (GTK_WIDGET (page), brand);
  gtk_menu_button_popdown (chooser);
  return n;
}

/* Waits for the brands editor's change in the background, then for the
 * Brands page to read the store again. */
static void
wait_edited (CitedBrandEditor *editor)
{
  g_assert_true (cited_brand_editor_get_busy (editor));
  while (cited_brand_editor_get_busy (editor))
    g_main_context_iteration (NULL, TRUE);
  wait_loaded (cited_window_get_brands_page (window));
}

/* A company added in the brands editor with an alias is listed on the
 * Brands page with its mentions; turning "Lei Jun" (a person) off takes
 * his mentions from Xiaomi, and Ctrl+Z gives them back. */
static void
test_brand_editor (void)
{
  CitedBrandsPage *page;
  CitedBrandEditor *editor;
  AdwEntryRow *add, *alias;
  GtkSwitch *lei_jun;
  int xiaomi;

  ensure_window ();
  page = cited_window_get_brands_page (window);
  g_assert_cmpint (brands_page_mentions ("Liver Formula Co"), ==, -1);
  xiaomi = brands_page_mentions ("Xiaomi");
  g_assert_cmpint (xiaomi, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "brands.edit", NULL));
  editor = cited_brands_page_get_editor (page);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  add = cited_brand_editor_get_add_row (editor);
  gtk_editable_set_text (GTK_EDITABLE (add), "Liver Formula Co");
  g_signal_emit_by_name (add, "apply");
  wait_edited (editor);
  g_assert_cmpstr (cited_brand_editor_get_selected (editor), ==, "Liver Formula Co");

  alias = cited_brand_editor_get_alias_row (editor);
  gtk_editable_set_text (GTK_EDITABLE (alias), "Liver Formula");
  gtk_drop_down_set_selected (cited_brand_editor_get_alias_kind (editor), CITED_ALIAS_PRODUCT);
  g_signal_emit_by_name (alias, "apply");
  wait_edited (editor);
  g_assert_nonnull (cited_brand_editor_get_alias_switch (editor, "Liver Formula"));
  g_assert_cmpint (brands_page_mentions ("Liver Formula Co"), ==, 2);

  /* Lei Jun is marked a person of Xiaomi; off, he no longer counts. */
  cited_brand_editor_select (editor, "Xiaomi");
  lei_jun = cited_brand_editor_get_alias_switch (editor, "Lei Jun");
  g_assert_nonnull (lei_jun);
  g_assert_true (gtk_switch_get_active (lei_jun));
  gtk_switch_set_active (lei_jun, FALSE);
  wait_edited (editor);
  g_assert_cmpint (brands_page_mentions ("Xiaomi"), <, xiaomi);
  g_assert_false (gtk_switch_get_active (cited_brand_editor_get_alias_switch (editor, "Lei Jun")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL));
  wait_edited (editor);
  g_assert_cmpint (brands_page_mentions ("Xiaomi"), ==, xiaomi);
  g_assert_true (gtk_switch_get_active (cited_brand_editor_get_alias_switch (editor, "Lei Jun")));
  gtk_window_close (GTK_WINDOW (editor));

  /* The window's Ctrl+Shift+Z and Ctrl+Z reach the latest change, here a
   * brand's rather than a correction. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  wait_edited (editor);
  g_assert_cmpint (brands_page_mentions ("Xiaomi"), <, xiaomi);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_edited (editor);
  g_assert_cmpint (brands_page_mentions ("Xiaomi"), ==, xiaomi);
}

/* A company typed into the correction dialog appears on the Brands page. */
static void
test_correction_names_brand (void)
{
  CitedFiguresPage *page = figures_page ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GtkWindow *dialog;
  gint64 id;

  g_assert_cmpint (brands_page_mentions ("Mondo Phones"), ==, -1);
  /* Figures read again after the brands changed. */
  cited_window_set_visible_page (window, "figures");
  wait_loaded (page);
  id = xiaomi_190m_figure ();
  cited_figures_page_show_figure (page, id);
  g_assert_cmpint (cited_figures_page_get_selected_id (page), ==, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "figures.edit", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, entries);
  gtk_editable_set_text (entries->pdata[1], "Mondo Phones");
  respond (dialog, "save");
  g_assert_cmpint (brands_page_mentions ("Mondo Phones"), ==, 0);
  g_assert_cmpstr (cited_lexicon_lookup (cited_store_get_lexicon (store), "mondo phones"), ==, "Mondo Phones");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "figures.undo", NULL));
}

/* The chart's settings as a user sees them: its title and every bar. */
static char *
chart_state (void)
{
  CitedChart *chart = figures_chart ();
  g_autofree char *csv = NULL;

  g_assert_nonnull (chart);
  csv = cited_chart_to_csv (chart);
  return g_strdup_printf ("%s\n%s", chart->title, csv);
}

static GtkListBoxRow *
view_row (GtkListBox *list,
          const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "view-name"), name) == 0)
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

static const char *
views_state (GtkListBox *list)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (list),
                                                                                GTK_TYPE_STACK)));
}

/* Saved views: one saved through the Save View dialog, then the chart
 * changed, then the view clicked in the Views menu shows the same chart;
 * rename and delete are undone. It leaves views and undo steps behind,
 * so it comes after the other Figures tests. */
static void
test_saved_views (void)
{
  CitedFiguresPage *page = figures_page ();
  GtkToggleButton *over_time = over_time_toggle (page);
  GtkListBox *list = cited_figures_page_get_views_list (page);
  g_autoptr(CitedChartSettings) brands = cited_chart_settings_new (CITED_CHART_SOURCE_BRANDS);
  g_autoptr(CitedChartSettings) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *by_brand = NULL;
  g_autofree char *xiaomi = NULL;
  g_autofree char *other = NULL;
  GtkWindow *dialog;
  GtkEntry *entry;
  GtkListBoxRow *row;

  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (list)));
  g_assert_cmpstr (views_state (list), ==, "empty");

  g_assert_true (cited_figures_page_set_chart_metric (page, "sales"));
  gtk_toggle_button_set_active (over_time, FALSE);
  settle ();
  wait_loaded (page);
  by_brand = chart_state ();
  g_assert_true (g_str_has_prefix (by_brand, "Sales by brand\n"));

  /* Ctrl+S asks for a name, suggesting the chart's title. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-view", NULL));
  settle ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  {
    g_autoptr(GPtrArray) entries = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, entries);
    g_assert_cmpuint (entries->len, ==, 1);
    entry = entries->pdata[0];
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Sales by brand");
  gtk_editable_set_text (GTK_EDITABLE (entry), "  All sales ");
  respond (dialog, "save");
  saved = cited_store_get_view (store, "all sales", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->name, ==, "All sales");
  g_assert_cmpint (saved->source, ==, CITED_CHART_SOURCE_FIGURES);
  g_assert_cmpstr (saved->query.metric, ==, "sales");

  /* Over time for Xiaomi, saved as a second view. */
  gtk_toggle_button_set_active (over_time, TRUE);
  g_assert_true (cited_figures_page_set_brand_filter (page, "Xiaomi"));
  settle ();
  wait_loaded (page);
  xiaomi = chart_state ();
  g_assert_true (g_str_has_prefix (xiaomi, "Xiaomi: Sales over time\n"));
  g_assert_true (cited_figures_page_save_view (page, "Xiaomi over time", &error));
  g_assert_no_error (error);

  /* Another chart altogether. */
  gtk_toggle_button_set_active (over_time, FALSE);
  g_assert_true (cited_figures_page_set_brand_filter (page, NULL));
  g_assert_true (cited_figures_page_set_chart_metric (page, "employees"));
  settle ();
  wait_loaded (page);
  other = chart_state ();
  g_assert_cmpstr (other, !=, by_brand);

  /* Clicking a view in the menu shows its chart again. */
  list = cited_figures_page_get_views_list (page);
  g_assert_cmpstr (views_state (list), ==, "list");
  row = view_row (list, "All sales");
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (row));
  g_signal_emit_by_name (list, "row-activated", row);
  settle ();
  wait_loaded (page);
  {
    g_autofree char *now = chart_state ();
    g_assert_cmpstr (now, ==, by_brand);
  }
  row = view_row (cited_figures_page_get_views_list (page), "Xiaomi over time");
  g_signal_emit_by_name (list, "row-activated", row);
  settle ();
  wait_loaded (page);
  {
    g_autofree char *now = chart_state ();
    g_assert_cmpstr (now, ==, xiaomi);
  }
  g_assert_true (gtk_toggle_button_get_active (over_time));

  /* A brands view saved with cited-cli is listed, not shown here. */
  g_assert_true (cited_store_save_view (store, "Share", brands, &error));
  row = view_row (cited_figures_page_get_views_list (page), "Share");
  g_assert_nonnull (row);
  g_assert_false (gtk_list_box_row_get_activatable (row));
  g_assert_false (cited_figures_page_apply_view (page, "Share", &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);
  g_clear_error (&error);

  /* Rename and delete, each taken back. */
  g_assert_true (cited_figures_page_rename_view (page, "all sales", "Sales, all brands", &error));
  g_assert_no_error (error);
  g_assert_nonnull (view_row (list, "Sales, all brands"));
  g_assert_null (view_row (list, "All sales"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_nonnull (view_row (list, "All sales"));
  g_assert_null (view_row (list, "Sales, all brands"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "figures.delete-view", "s", "All sales"));
  g_assert_null (view_row (list, "All sales"));
  g_assert_null (cited_store_get_view (store, "All sales", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_clear_pointer (&saved, cited_chart_settings_unref);
  saved = cited_store_get_view (store, "All sales", &error);
  g_assert_no_error (error);
  g_assert_nonnull (view_row (list, "All sales"));
  row = view_row (list, "All sales");
  g_signal_emit_by_name (list, "row-activated", row);
  settle ();
  wait_loaded (page);
  {
    g_autofree char *now = chart_state ();
    g_assert_cmpstr (now, ==, by_brand);
  }
  /* A view by brand leaves the table's brand filter as it was. */
  g_assert_true (cited_figures_page_set_brand_filter (page, NULL));
  settle ();
  wait_loaded (page);
}

int
main (int   argc,
      char *argv[])
{
  int status;
  g_autofree char *config = g_dir_make_tmp ("cited-ui-figures-config-XXXXXX", NULL);

  /* Printing remembers its page setup in the user's configuration. */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/figures/sales-chart", test_sales_chart);
  g_test_add_func ("/figures/keyboard", test_keyboard);
  g_test_add_func ("/figures/filter-by-brand", test_filter_by_brand);
  g_test_add_func ("/figures/brand-filter-counts", test_brand_filter_counts);
  g_test_add_func ("/figures/source-filter", test_source_filter);
  g_test_add_func ("/figures/edit-and-undo", test_edit_and_undo);
  g_test_add_func ("/figures/reject-hides-from-chart", test_reject_hides_from_chart);
  g_test_add_func ("/figures/show-figure", test_show_figure_clears_hiding_filters);
  g_test_add_func ("/figures/edit-dialog", test_edit_dialog);
  g_test_add_func ("/figures/export-dialog", test_export_dialog);
  g_test_add_func ("/figures/chart-over-time", test_chart_over_time);
  g_test_add_func ("/figures/claim-column", test_claim_column);
  g_test_add_func ("/search/highlight-words", test_highlight_words);
  g_test_add_func ("/search/highlight-prefixes", test_highlight_prefixes);
  g_test_add_func ("/a11y/controls-named", test_accessible_names);
  g_test_add_func ("/figures/undo-redo-anywhere", test_undo_redo_anywhere);
  g_test_add_func ("/app/icon-from-build-tree", test_icon_from_build_tree);
  g_test_add_func ("/figures/export-through-dialogs", test_export_through_dialogs);
  g_test_add_func ("/figures/export-files", test_export_files);
  g_test_add_func ("/figures/export-report", test_export_report);
  g_test_add_func ("/figures/print-to-pdf", test_print_to_pdf);
  g_test_add_func ("/figures/copy-image", test_copy_image);
  g_test_add_func ("/figures/dark-mode", test_dark_mode);
  g_test_add_func ("/brands/compare", test_brands_page);
  g_test_add_func ("/pages/narrow-window", test_narrow_window);
  g_test_add_func ("/figures/narrow-list", test_narrow_list);
  g_test_add_func ("/pages/empty-store", test_empty_store);
  g_test_add_func ("/pages/loading-state", test_loading_state);
  g_test_add_func ("/figures/sort-by-column", test_sort_by_column);
  g_test_add_func ("/figures/placeholder-row", test_placeholder_row);
  g_test_add_func ("/figures/search-text", test_search_text);
  g_test_add_func ("/brands/editor", test_brand_editor);
  g_test_add_func ("/brands/correction-names-brand", test_correction_names_brand);
  /* After the other Figures tests: it leaves saved views and undo steps
   * behind. */
  g_test_add_func ("/figures/saved-views", test_saved_views);

  status = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_clear_object (&app);
  if (tmpdir != NULL)
    cited_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
