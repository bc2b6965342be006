/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-figures-page"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cited-chart-view.h"
#include "cited-count-dropdown.h"
#include "cited-export.h"
#include "cited-figure-model.h"
#include "cited-figure-object.h"
#include "cited-figures-page-private.h"
#include "cited-store-private.h"
#include "cited-spinner.h"

typedef enum {
  COL_TEXT,
  COL_VALUE,
  COL_UNIT,
  COL_METRIC,
  COL_SCOPE,
  COL_PERIOD,
  COL_BRAND,
  COL_ARTICLE,
  COL_STATUS,
  COL_CLAIM,
  COL_STATES,
  N_COLS
} Column;

typedef struct {
  gint64 figure_id;
  CitedFigure *before;       /* the figure as the store returned it before the change */
  gint64 when;               /* monotonic time it went on its history */
  /* Or a change of the saved views: */
  gboolean is_view;
  CitedChartSettings *view_before;  /* the view as it was, NULL: there was none */
  char *view_after;          /* the name it has after the change, NULL: it is gone */
} UndoStep;

struct _CitedFiguresPage
{
  AdwBin parent_instance;

  CitedStore *store;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  GtkStack *table_stack;
  GtkDropDown *chart_metric;
  GtkToggleButton *chart_over_time;
  GtkPopover *views_popover;
  GtkStack *views_stack;
  GtkListBox *views_list;
  CitedChartView *chart_view;
  GtkSearchEntry *search_entry;
  GtkDropDown *brand_filter;
  GtkDropDown *source_filter;
  GtkDropDown *metric_filter;
  GtkLabel *count_label;
  GtkButton *reject_button;
  GtkColumnView *column_view;
  GtkListView *narrow_list;
  AdwSqueezer *table_squeezer;

  /* The figures the filters choose, rejected ones too, counted, filtered
   * and sorted by SQL and read a page at a time. */
  CitedFigureModel *rows;
  guint n_all;                /* every figure of the store, rejected ones too */
  GtkSingleSelection *selection;

  /* Dropdown entries' keys, parallel to their string lists; index 0 of the
   * filters is "all" (NULL). */
  GPtrArray *brand_keys;
  GPtrArray *source_keys;
  GPtrArray *metric_keys;
  GPtrArray *chart_metric_keys;

  char *filter_brand;
  char *filter_source;
  char *filter_metric;
  char *filter_text;          /* as typed, or NULL */

  GPtrArray *undo;            /* UndoStep */
  GPtrArray *redo;            /* UndoStep: the state an undo took back */
  AdwToast *toast;            /* weak: the toast currently shown */

  GCancellable *load_cancellable;
  guint load_tick_id;         /* waits for the rows' frame to start the load */
  guint load_ticks;
  GCancellable *chart_cancellable;
  GCancellable *find_cancellable;  /* the row of the figure selected before a sort */
  gint64 pending_figure;      /* to show once loaded */

  guint updating : 1;
  guint loading : 1;          /* rows or chart: the "loading" property */
  guint rows_loading : 1;
  guint chart_loading : 1;
};

G_DEFINE_FINAL_TYPE (CitedFiguresPage, cited_figures_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

enum {
  SIGNAL_STORE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_chart   (CitedFiguresPage *self);
static void update_chart_async (CitedFiguresPage *self);
static void highlight_selected_bar (CitedFiguresPage *self);
static void update_actions (CitedFiguresPage *self);
static UndoStep *restore_view_step (CitedStore *store, UndoStep *step, GError **error);
static void refresh_views (CitedFiguresPage *self);

static void
undo_step_free (UndoStep *step)
{
  g_clear_pointer (&step->before, cited_figure_unref);
  g_clear_pointer (&step->view_before, cited_chart_settings_unref);
  g_free (step->view_after);
  g_free (step);
}

/* Toasts */

static void
toast_dismissed_cb (CitedFiguresPage *self,
                    AdwToast         *toast)
{
  if (self->toast == toast)
    g_clear_weak_pointer (&self->toast);
}

static void
show_toast (CitedFiguresPage *self,
            const char       *title,
            gboolean          with_undo)
{
  AdwToast *toast = self->toast;

  /* A new correction replaces the message of the toast still on screen
   * rather than queueing behind it. (Dismissing a toast that libadwaita 1.2
   * has not finished showing crashes it, so the live one is updated.) */
  if (toast != NULL)
    {
      adw_toast_set_title (toast, title);
      adw_toast_set_button_label (toast, with_undo ? _("_Undo") : NULL);
      adw_toast_set_action_name (toast, with_undo ? "figures.undo" : NULL);
      return;
    }

  toast = adw_toast_new (title);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "figures.undo");
    }
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb),
                           self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error_toast (CitedFiguresPage *self,
                  const char       *what,
                  const GError     *error)
{
  g_autofree char *title = g_strdup_printf ("%s: %s", what, error->message);

  show_toast (self, title, FALSE);
}

/* Cells */

static char *
cell_text (CitedFigureObject *object,
           Column             column)
{
  CitedFigure *f = cited_figure_object_get_figure (object);

  switch (column)
    {
    case COL_TEXT:
      return g_strdup (f->text != NULL ? f->text : "");
    case COL_VALUE:
      return cited_figure_object_dup_formatted_value (object);
    case COL_UNIT:
      if (f->currency != NULL && f->currency_inferred)
        /* Translators: a currency taken from the figure's article, not
         * written with the figure: "USD (inferred)". */
        return g_strdup_printf (_("%s (inferred)"), f->currency);
      return g_strdup (f->currency != NULL ? f->currency : f->unit != NULL ? f->unit : "");
    case COL_METRIC:
      return f->metric != NULL ? cited_metric_label (f->metric) : g_strdup ("");
    case COL_SCOPE:
      return g_strdup (f->scope != NULL ? f->scope : "");
    case COL_PERIOD:
      return cited_figure_object_dup_period (object);
    case COL_BRAND:
      return g_strdup (f->brand != NULL ? f->brand : _("Market-wide"));
    case COL_ARTICLE:
      return g_strdup (f->article_title != NULL ? f->article_title : "");
    case COL_STATUS:
      return g_strdup (cited_figure_object_get_status_label (object));
    case COL_STATES:
      return cited_figure_object_dup_states (object);
    case COL_CLAIM:
      {
        gint64 claim = cited_figure_object_get_claim_id (object);
        guint n = cited_figure_object_get_claim_sources (object);

        if (claim == 0)
          return g_strdup ("");
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, claim);

          /* Translators: the claim a figure is part of and the articles that cite it, "#12 · 3 sources" */
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "#%s · %u source", "#%s · %u sources", n),
                                  id, n);
        }
      }
    case N_COLS:
    default:
      g_assert_not_reached ();
    }
}

/* The sentence is asked for when the tooltip is about to show: setting a
 * tooltip text on every bound cell makes GTK ask the display server where
 * the pointer is, once per cell, each time rows come in or scroll. */
static gboolean
query_sentence_tooltip_cb (GtkWidget   *label,
                           int          x,
                           int          y,
                           gboolean     keyboard_mode,
                           GtkTooltip  *tooltip,
                           GtkListItem *item)
{
  CitedFigureObject *object = gtk_list_item_get_item (item);
  CitedFigure *f = object != NULL ? cited_figure_object_get_figure (object) : NULL;

  if (f == NULL || f->sentence == NULL || *f->sentence == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, f->sentence);
  return TRUE;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COL_ARTICLE || column == COL_TEXT)
    {
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (query_sentence_tooltip_cb), item);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  CitedFigureObject *object = gtk_list_item_get_item (item);
  CitedFigure *f = cited_figure_object_get_figure (object);
  GtkWidget *label = gtk_list_item_get_child (item);
  /* A row still being read (id 0) is empty until it is. */
  g_autofree char *text = f->id != 0 ? cell_text (object, column) : g_strdup ("");

  gtk_label_set_text (GTK_LABEL (label), text);

  /* Rejected figures stay listed, struck through, so they can be restored. */
  if (f->status == CITED_FIGURE_REJECTED)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
      gtk_label_set_attributes (GTK_LABEL (label), attrs);
      gtk_widget_add_css_class (label, "dim-label");
    }
  else
    {
      gtk_label_set_attributes (GTK_LABEL (label), NULL);
      gtk_widget_remove_css_class (label, "dim-label");
    }
}

/* The narrow list: one card per figure with its brand and value, what
 * it measures and when, and the sentence it was found in. */

static GtkWidget *
card_label (const char *css_class,
            gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

static void
setup_card_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *brand = card_label ("heading", FALSE);
  GtkWidget *value = card_label ("heading", FALSE);
  GtkWidget *sentence = card_label (NULL, TRUE);

  gtk_widget_set_margin_start (card, 12);
  gtk_widget_set_margin_end (card, 12);
  gtk_widget_set_margin_top (card, 8);
  gtk_widget_set_margin_bottom (card, 8);
  gtk_widget_set_hexpand (brand, TRUE);
  gtk_widget_add_css_class (value, "numeric");
  gtk_box_append (GTK_BOX (top), brand);
  gtk_box_append (GTK_BOX (top), value);
  gtk_box_append (GTK_BOX (card), top);
  gtk_box_append (GTK_BOX (card), card_label ("dim-label", TRUE));
  /* Three lines of the sentence; the reader has the rest. */
  gtk_label_set_lines (GTK_LABEL (sentence), 3);
  gtk_label_set_ellipsize (GTK_LABEL (sentence), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (card), sentence);
  gtk_list_item_set_child (item, card);
}

/* "Sales · 2021 · units": the cells the card does not show apart. */
static char *
card_details (CitedFigureObject *object)
{
  static const Column columns[] = { COL_METRIC, COL_PERIOD, COL_UNIT, COL_SCOPE, COL_STATUS };
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *text = cell_text (object, columns[i]);

      if (text != NULL && *text != '\0')
        g_strv_builder_add (parts, text);
    }
  strv = g_strv_builder_end (parts);
  return g_strjoinv (" · ", strv);
}

static void
bind_card_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  CitedFigureObject *object = gtk_list_item_get_item (item);
  CitedFigure *f = cited_figure_object_get_figure (object);
  GtkWidget *card = gtk_list_item_get_child (item);
  GtkWidget *top = gtk_widget_get_first_child (card);
  GtkWidget *details = gtk_widget_get_next_sibling (top);
  GtkWidget *sentence = gtk_widget_get_next_sibling (details);
  g_autofree char *brand = f->id != 0 ? cell_text (object, COL_BRAND) : g_strdup ("");
  g_autofree char *value = f->id != 0 ? cell_text (object, COL_VALUE) : g_strdup ("");
  g_autofree char *detail_text = f->id != 0 ? card_details (object) : g_strdup ("");

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (top)), brand);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (top)), value);
  gtk_label_set_text (GTK_LABEL (details), detail_text);
  gtk_label_set_text (GTK_LABEL (sentence),
                      f->sentence != NULL && *f->sentence != '\0' ? f->sentence : f->text);
  /* Rejected figures stay listed, dimmed, so they can be restored. */
  if (f->status == CITED_FIGURE_REJECTED)
    gtk_widget_add_css_class (card, "dim-label");
  else
    gtk_widget_remove_css_class (card, "dim-label");
}

/* The column the column view's sorter last asked about: see
 * column_sorter_changed_cb(). Widgets live in the main thread only. */
static int probed_column = -1;

/* A column's sorter: the rows are sorted by SQL, so the sorter only tells
 * which column the user chose. Compared once, the column view asks its
 * primary column's sorter first; that sorter names its column and calls
 * the first row smaller, which the column view turns round when the
 * column sorts descending. */
static int
probe_column_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  probed_column = GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_SMALLER;
}

static GtkSorter *
column_sorter (Column column)
{
  /* Claims are grouped in memory, by value: SQL cannot order by them. */
  if (column == COL_CLAIM)
    return NULL;
  return GTK_SORTER (gtk_custom_sorter_new (probe_column_cb, GINT_TO_POINTER (column), NULL));
}

static void
add_columns (CitedFiguresPage *self)
{
  static const char *titles[N_COLS] = {
    [COL_TEXT] = N_("As Written"),
    [COL_VALUE] = N_("Value"),
    [COL_UNIT] = N_("Unit"),
    [COL_METRIC] = N_("Metric"),
    [COL_SCOPE] = N_("Scope"),
    [COL_PERIOD] = N_("Period"),
    [COL_BRAND] = N_("Brand"),
    [COL_ARTICLE] = N_("Article"),
    [COL_STATUS] = N_("Status"),
    [COL_CLAIM] = N_("Claim"),
    [COL_STATES] = N_("States"),
  };
  static const int widths[N_COLS] = {
    [COL_TEXT] = 150, [COL_VALUE] = 80, [COL_UNIT] = 70, [COL_METRIC] = 90,
    [COL_SCOPE] = 80, [COL_PERIOD] = 70, [COL_BRAND] = 90, [COL_ARTICLE] = 200,
    [COL_STATUS] = 80, [COL_CLAIM] = 110, [COL_STATES] = 110,
  };

  for (guint i = 0; i < N_COLS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = column_sorter (i);

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (i));

      column = gtk_column_view_column_new (_(titles[i]), factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, widths[i]);
      if (i == COL_ARTICLE)
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* Sorting */

/* The column the user sorts by, and which way. */
static CitedFigureSort
chosen_sort (CitedFiguresPage *self,
             gboolean         *descending)
{
  static const CitedFigureSort sorts[N_COLS] = {
    [COL_TEXT] = CITED_FIGURE_SORT_TEXT,
    [COL_VALUE] = CITED_FIGURE_SORT_VALUE,
    [COL_UNIT] = CITED_FIGURE_SORT_UNIT,
    [COL_METRIC] = CITED_FIGURE_SORT_METRIC,
    [COL_SCOPE] = CITED_FIGURE_SORT_SCOPE,
    [COL_PERIOD] = CITED_FIGURE_SORT_PERIOD,
    [COL_BRAND] = CITED_FIGURE_SORT_BRAND,
    [COL_ARTICLE] = CITED_FIGURE_SORT_ARTICLE,
    [COL_STATUS] = CITED_FIGURE_SORT_STATUS,
    [COL_CLAIM] = CITED_FIGURE_SORT_NONE,
    [COL_STATES] = CITED_FIGURE_SORT_STATES,
  };
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  g_autoptr(CitedFigure) empty = NULL;
  g_autoptr(CitedFigureObject) a = NULL;
  g_autoptr(CitedFigureObject) b = NULL;
  GtkOrdering order;

  *descending = FALSE;
  if (sorter == NULL || gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE)
    return CITED_FIGURE_SORT_NONE;

  empty = cited_figure_new ();
  a = cited_figure_object_new (empty);
  b = cited_figure_object_new (empty);
  probed_column = -1;
  order = gtk_sorter_compare (sorter, a, b);
  if (probed_column < 0 || probed_column >= N_COLS)
    return CITED_FIGURE_SORT_NONE;
  *descending = order == GTK_ORDERING_LARGER;
  return sorts[probed_column];
}

static void deselect (CitedFiguresPage *self, gint64 *selected);
static void reselect (CitedFiguresPage *self, gint64 selected);

static void
column_sorter_changed_cb (CitedFiguresPage *self)
{
  gboolean descending = FALSE;
  CitedFigureSort sort = chosen_sort (self, &descending);
  gboolean was_descending = FALSE;
  gint64 selected;

  if (sort == cited_figure_model_get_sort (self->rows, &was_descending) && descending == was_descending)
    return;
  deselect (self, &selected);
  cited_figure_model_set_sort (self->rows, sort, descending);
  reselect (self, selected);
}

/* Filtering */

/* When every row changes (a filter, a sort, a reload), GTK 4.8 asks a
 * view for each new row in order, and a selection looks for its item
 * among them: every page of the rows would be read. So the views let go
 * of the rows and the selection of its row first; then the views take
 * the rows back, asking only for those on screen, and the figure
 * selected before is selected again where it now is. */
static void
deselect (CitedFiguresPage *self,
          gint64           *selected)
{
  *selected = cited_figures_page_get_selected_id (self);
  if (*selected != 0)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->column_view, NULL);
  gtk_list_view_set_model (self->narrow_list, NULL);
}

/* The narrow list has the rows only while the window is narrow enough to
 * show it: given them while hidden, it would make a card for each row
 * the table makes, and the squeezer would measure every card's
 * sentence, for nothing, before the page's first frame. */
static void
attach_narrow_list (CitedFiguresPage *self)
{
  gboolean shown = adw_squeezer_get_visible_child (self->table_squeezer) ==
                   gtk_widget_get_parent (GTK_WIDGET (self->narrow_list)) ||
                   adw_squeezer_get_visible_child (self->table_squeezer) == GTK_WIDGET (self->narrow_list);
  GtkSelectionModel *model = gtk_list_view_get_model (self->narrow_list);

  if (shown && model == NULL)
    gtk_list_view_set_model (self->narrow_list, GTK_SELECTION_MODEL (self->selection));
  else if (!shown && model != NULL)
    gtk_list_view_set_model (self->narrow_list, NULL);
}

static void
found_selected_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CitedFiguresPage) self = g_weak_ref_get (user_data);
  g_autoptr(GError) error = NULL;
  guint position;

  g_weak_ref_clear (user_data);
  g_free (user_data);

  position = cited_figure_model_find_finish (CITED_FIGURE_MODEL (source), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->find_cancellable);
  /* Unless the user chose another row meanwhile. */
  if (position != GTK_INVALID_LIST_POSITION &&
      gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);
}

static void
reselect (CitedFiguresPage *self,
          gint64            selected)
{
  GWeakRef *weak;

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  attach_narrow_list (self);
  if (self->find_cancellable != NULL)
    g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  if (selected == 0)
    return;
  /* In a sorted order of millions of rows, finding the row of a figure
   * not read is a sort: it is done in a worker, and the row selected
   * when found. */
  self->find_cancellable = g_cancellable_new ();
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  cited_figure_model_find_async (self->rows, selected, self->find_cancellable, found_selected_cb, weak);
}

static void
update_count (CitedFiguresPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint total = self->n_all;
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u figure", "%u figures", total), total);
  else
    /* TRANSLATORS: "3 of 40 figures" shown after filtering. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u figure", "%u of %u figures", total),
                            shown, total);
  gtk_label_set_text (self->count_label, text);

  gtk_stack_set_visible_child_name (self->table_stack, shown > 0 || total == 0 ? "table" : "no-match");
}

/* Filters the rows again, by SQL. */
static void
refilter (CitedFiguresPage *self)
{
  g_autoptr(GError) error = NULL;
  CitedQuery query = { 0 };
  gint64 selected;

  query.include_rejected = TRUE;
  query.brand = self->filter_brand;
  query.metric = self->filter_metric;
  query.source = self->filter_source;
  deselect (self, &selected);
  if (!cited_figure_model_set_filter (self->rows, &query, self->filter_text, &error))
    show_error_toast (self, _("Could not load figures"), error);
  reselect (self, selected);
  update_count (self);
  update_actions (self);
}

static const char *
dropdown_key (GtkDropDown *dropdown,
              GPtrArray   *keys)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (keys == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= keys->len)
    return NULL;
  return g_ptr_array_index (keys, selected);
}

static gboolean
chart_over_time (CitedFiguresPage *self)
{
  return self->chart_over_time != NULL && gtk_toggle_button_get_active (self->chart_over_time);
}

/* Over time, the chart follows one company: the one the table is filtered
 * on. */
static const char *
chart_brand (CitedFiguresPage *self)
{
  return dropdown_key (self->brand_filter, self->brand_keys);
}

static void
filters_changed_cb (CitedFiguresPage *self)
{
  const char *text;

  if (self->updating)
    return;

  g_free (self->filter_brand);
  self->filter_brand = g_strdup (dropdown_key (self->brand_filter, self->brand_keys));
  g_free (self->filter_metric);
  self->filter_metric = g_strdup (dropdown_key (self->metric_filter, self->metric_keys));
  g_free (self->filter_source);
  self->filter_source = g_strdup (cited_count_dropdown_get_key (self->source_filter, self->source_keys));

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_clear_pointer (&self->filter_text, g_free);
  if (text != NULL && *text != '\0')
    self->filter_text = g_strdup (text);

  refilter (self);

  /* Filtering the table to a metric charts that metric too; over time,
   * the chart follows the brand filtered on. */
  if (self->filter_metric != NULL)
    cited_figures_page_set_chart_metric (self, self->filter_metric);
  else if (chart_over_time (self))
    update_chart_async (self);
}

static guint
find_key (GPtrArray  *keys,
          const char *key)
{
  if (keys == NULL)
    return GTK_INVALID_LIST_POSITION;
  for (guint i = 0; i < keys->len; i++)
    if (g_strcmp0 (g_ptr_array_index (keys, i), key) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* Fills @dropdown with the labels of @keys (metric labels when
 * @metric_labels); keeps @keep selected when it is still there, else
 * @fallback. */
static void
fill_dropdown (GtkDropDown *dropdown,
               GPtrArray   *keys,
               const char  *all_label,
               gboolean     metric_labels,
               const char  *keep,
               guint        fallback)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected;

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      g_autofree char *label = NULL;

      if (key == NULL)
        label = g_strdup (all_label);
      else if (metric_labels)
        label = cited_metric_label (key);
      else
        label = g_strdup (key);
      gtk_string_list_append (labels, label);
    }

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
  selected = find_key (keys, keep);
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = fallback;
  if (keys->len > 0)
    gtk_drop_down_set_selected (dropdown, MIN (selected, keys->len - 1));
}

/* Loading */

/* The settings of the page's chart of @metric: by brand, or, over time,
 * at the articles' dates (for the brand filtered on, if any). A saved view
 * holds them, and draws the same chart. */
static CitedChartSettings *
chart_settings (const char *metric,
                gboolean    over_time,
                const char *brand)
{
  CitedChartSettings *settings;

  settings = cited_chart_settings_new (over_time ? CITED_CHART_SOURCE_CLAIMS : CITED_CHART_SOURCE_FIGURES);
  cited_chart_settings_set_metric (settings, metric);
  if (over_time && brand != NULL)
    cited_chart_settings_set_brands (settings, (const char * const[]) { brand, NULL });
  return settings;
}

static CitedChart *
build_chart (CitedStore  *store,
             const char  *metric,
             gboolean     over_time,
             const char  *brand,
             GError     **error)
{
  g_autoptr(CitedChartSettings) settings = chart_settings (metric, over_time, brand);

  return cited_chart_settings_build (settings, store, error);
}

/* What a load reads in a worker thread, over one of the store's readers. */
typedef struct {
  char *keep_chart;           /* the metric charted before, or NULL */
  gboolean over_time;         /* the chart's figures at their articles' dates */
  char *brand;                /* over time: the brand filtered on, or NULL */
} LoadRequest;

typedef struct {
  GPtrArray *brands;          /* CitedCount of figures, most cited first */
  GPtrArray *sources;         /* CitedCount of figures by article source */
  GStrv metrics;
  char *chart_metric;         /* the metric @chart shows, or NULL */
  CitedChart *chart;
} LoadResult;

static void
load_request_free (LoadRequest *request)
{
  g_free (request->keep_chart);
  g_free (request->brand);
  g_free (request);
}

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->brands, g_ptr_array_unref);
  g_clear_pointer (&result->sources, g_ptr_array_unref);
  g_clear_pointer (&result->metrics, g_strfreev);
  g_free (result->chart_metric);
  g_clear_pointer (&result->chart, cited_chart_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

/* The metric to chart: the one charted before if it is still there, else
 * sales, else the first. */
static const char *
choose_chart_metric (const char * const *metrics,
                     const char         *keep)
{
  if (metrics == NULL || metrics[0] == NULL)
    return NULL;
  if (keep != NULL && g_strv_contains (metrics, keep))
    return keep;
  if (g_strv_contains (metrics, "sales"))
    return "sales";
  return metrics[0];
}

/* What the page shows beside its rows (which CitedFigureModel reads a
 * page at a time), read from @store: the filter menus with their counts,
 * the metrics, the chart and the claims. Runs in a worker thread (or on
 * the main thread for a store with no file). */
static LoadResult *
load_figures (CitedStore    *store,
              const char    *keep_chart,
              gboolean       over_time,
              const char    *brand,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(LoadResult) result = g_new0 (LoadResult, 1);
  const char *metric;

  result->brands = cited_store_count_figure_brands (store, error);
  if (result->brands == NULL)
    return NULL;
  cited_count_sort (result->brands);
  result->sources = cited_store_count_figure_sources (store, error);
  if (result->sources == NULL)
    return NULL;
  cited_count_sort (result->sources);

  result->metrics = cited_store_list_metrics (store, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  metric = choose_chart_metric ((const char * const *) result->metrics, keep_chart);
  if (metric != NULL)
    {
      result->chart_metric = g_strdup (metric);
      result->chart = build_chart (store, metric, over_time, brand, error);
      if (result->chart == NULL)
        return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;


  return g_steal_pointer (&result);
}

static gpointer
load_read_cb (CitedStore    *reader,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  LoadRequest *request = data;

  return load_figures (reader, request->keep_chart, request->over_time, request->brand,
                       cancellable, error);
}

static void
sync_loading (CitedFiguresPage *self)
{
  gboolean loading = self->rows_loading || self->chart_loading;

  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOADING]);
}

static void
set_loading (CitedFiguresPage *self,
             gboolean          loading)
{
  self->rows_loading = !!loading;
  sync_loading (self);
}

static void
cancel_chart (CitedFiguresPage *self)
{
  if (self->chart_cancellable != NULL)
    g_cancellable_cancel (self->chart_cancellable);
  g_clear_object (&self->chart_cancellable);
  self->chart_loading = FALSE;
  sync_loading (self);
}

/* Puts a load's result on screen, keeping the user's filters and charted
 * metric where they still exist. */
static void
apply_result (CitedFiguresPage *self,
              LoadResult       *result)
{
  g_autofree char *keep_brand = g_strdup (self->filter_brand);
  g_autofree char *keep_metric = g_strdup (self->filter_metric);
  g_autofree char *keep_source = g_strdup (self->filter_source);
  guint chart_position = 0;
  gint64 pending;

  self->updating = TRUE;


  cited_count_dropdown_fill (self->brand_filter, self->brand_keys, _("All Brands"), result->brands, keep_brand);
  cited_count_dropdown_fill (self->source_filter, self->source_keys, _("All Sources"), result->sources,
                             keep_source);

  g_ptr_array_set_size (self->metric_keys, 0);
  g_ptr_array_set_size (self->chart_metric_keys, 0);
  g_ptr_array_add (self->metric_keys, NULL);
  for (guint i = 0; result->metrics != NULL && result->metrics[i] != NULL; i++)
    {
      g_ptr_array_add (self->metric_keys, g_strdup (result->metrics[i]));
      g_ptr_array_add (self->chart_metric_keys, g_strdup (result->metrics[i]));
      if (g_strcmp0 (result->metrics[i], result->chart_metric) == 0)
        chart_position = i;
    }
  fill_dropdown (self->metric_filter, self->metric_keys, _("All Metrics"), TRUE, keep_metric, 0);
  fill_dropdown (self->chart_metric, self->chart_metric_keys, NULL, TRUE, result->chart_metric,
                 chart_position);

  self->updating = FALSE;

  gtk_stack_set_visible_child_name (self->stack, self->n_all > 0 ? "figures" : "empty");

  /* The chart was built with the rows; filtering to a metric would chart
   * that metric again, on this thread, so the built chart goes in first and
   * a differing filter only then asks for another. */
  cited_chart_view_set_chart (self->chart_view, result->chart);
  highlight_selected_bar (self);
  filters_changed_cb (self);
  update_actions (self);

  pending = self->pending_figure;
  self->pending_figure = 0;
  set_loading (self, FALSE);
  if (pending != 0)
    cited_figures_page_show_figure (self, pending);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(CitedFiguresPage) self = g_weak_ref_get (user_data);
  g_autoptr(LoadResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (user_data);
  g_free (user_data);

  result = cited_store_read_finish (CITED_STORE (source), res, &error);
  /* The page went away while its data was read. */
  if (self == NULL)
    return;
  if (result == NULL)
    {
      /* A newer load (or the page going away) cancelled this one. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->load_cancellable);
      show_error_toast (self, _("Could not load figures"), error);
      if (self->n_all == 0)
        gtk_stack_set_visible_child_name (self->stack, "empty");
      set_loading (self, FALSE);
      return;
    }

  g_clear_object (&self->load_cancellable);
  apply_result (self, result);
}

/* Reads the filter menus and the chart in a worker thread. */
static void
start_load (CitedFiguresPage *self)
{
  LoadRequest *request;
  GWeakRef *weak;

  request = g_new0 (LoadRequest, 1);
  request->keep_chart = g_strdup (dropdown_key (self->chart_metric, self->chart_metric_keys));
  request->over_time = chart_over_time (self);
  request->brand = g_strdup (chart_brand (self));

  self->load_cancellable = g_cancellable_new ();
  /* The task holds the page weakly, so a page dropped while it loads goes
   * away at once and cancels the reading. */
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  cited_store_read_async (self->store, load_read_cb, request, (GDestroyNotify) load_request_free,
                          (GDestroyNotify) load_result_free, self->load_cancellable,
                          load_done_cb, weak);

  /* Each row learns its claim as its page is read (the model's
   * claims_of_rows): the Claim column shows the figures that state the
   * same thing. */
}

/* The first tick is the frame that draws the rows; the load starts at the
 * next one. */
static gboolean
load_after_frame_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  CitedFiguresPage *self = CITED_FIGURES_PAGE (widget);

  if (self->load_ticks++ == 0)
    return G_SOURCE_CONTINUE;
  self->load_tick_id = 0;
  if (self->store != NULL)
    start_load (self);
  return G_SOURCE_REMOVE;
}

/**
 * cited_figures_page_reload:
 * @self: the page
 *
 * Reads the figures again. The rows come at once (CitedFigureModel reads
 * the page of them on screen, or, sorted or filtered by text, shows
 * placeholders until a worker has); the filter menus and the chart are
 * read in a worker thread over one of the store's readers and put in when
 * it is done, and #CitedFiguresPage:loading is %TRUE meanwhile. The rows'
 * claims come from workers as their pages are read.
 */
void
cited_figures_page_reload (CitedFiguresPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 selected;

  g_return_if_fail (CITED_IS_FIGURES_PAGE (self));

  if (self->load_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->load_tick_id);
      self->load_tick_id = 0;
    }

  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
    }
  /* The load brings its own chart. */
  cancel_chart (self);

  deselect (self, &selected);
  if (self->store == NULL)
    {
      /* The rows go with the store. */
      cited_figure_model_set_store (self->rows, NULL);
      reselect (self, 0);
      self->n_all = 0;
      gtk_stack_set_visible_child_name (self->stack, "empty");
      cited_chart_view_set_chart (self->chart_view, NULL);
      update_actions (self);
      set_loading (self, FALSE);
      return;
    }

  /* The rows, counted: the page of them on screen is read when drawn. */
  cited_figure_model_set_store (self->rows, self->store);
  if (!cited_figure_model_reload (self->rows, &error))
    show_error_toast (self, _("Could not load figures"), error);
  g_clear_error (&error);
  /* Unfiltered, the rows are every figure: counted once. */
  if (self->filter_brand == NULL && self->filter_metric == NULL && self->filter_source == NULL &&
      self->filter_text == NULL)
    self->n_all = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  else
    self->n_all = cited_figure_model_count_all (self->rows, NULL);
  reselect (self, selected);
  update_count (self);

  /* A store with figures shows them at once; the spinner waits for the
   * rest of the page only when there are none yet. */
  gtk_stack_set_visible_child_name (self->stack, self->n_all > 0 ? "figures" : "loading");
  set_loading (self, TRUE);

  /* The rest waits for the frame that draws the rows, so that reading it
   * does not take the processor from drawing them. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->load_ticks = 0;
      self->load_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), load_after_frame_cb, NULL, NULL);
    }
  else
    start_load (self);
}

gboolean
cited_figures_page_get_loading (CitedFiguresPage *self)
{
  g_return_val_if_fail (CITED_IS_FIGURES_PAGE (self), FALSE);
  return self->loading;
}

/* The chart */

typedef struct {
  char *metric;
  gboolean over_time;
  char *brand;
} ChartRequest;

static void
chart_request_free (ChartRequest *request)
{
  g_free (request->metric);
  g_free (request->brand);
  g_free (request);
}

static gpointer
chart_read_cb (CitedStore    *reader,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ChartRequest *request = data;

  return build_chart (reader, request->metric, request->over_time, request->brand, error);
}

static void
chart_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(CitedFiguresPage) self = g_weak_ref_get (user_data);
  g_autoptr(CitedChart) chart = NULL;
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (user_data);
  g_free (user_data);

  chart = cited_store_read_finish (CITED_STORE (source), res, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->chart_cancellable);
  self->chart_loading = FALSE;
  if (chart == NULL)
    show_error_toast (self, _("Could not chart the figures"), error);
  cited_chart_view_set_chart (self->chart_view, chart);
  highlight_selected_bar (self);
  update_actions (self);
  sync_loading (self);
}

/* Charts the chosen metric in a worker thread; the chart on screen stays
 * until the new one is built. */
static void
update_chart_async (CitedFiguresPage *self)
{
  const char *metric = dropdown_key (self->chart_metric, self->chart_metric_keys);
  ChartRequest *request;
  GWeakRef *weak;

  if (self->store == NULL || metric == NULL)
    {
      update_chart (self);
      return;
    }

  cancel_chart (self);
  request = g_new0 (ChartRequest, 1);
  request->metric = g_strdup (metric);
  request->over_time = chart_over_time (self);
  request->brand = g_strdup (chart_brand (self));

  self->chart_cancellable = g_cancellable_new ();
  self->chart_loading = TRUE;
  sync_loading (self);

  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  cited_store_read_async (self->store, chart_read_cb, request, (GDestroyNotify) chart_request_free,
                          (GDestroyNotify) cited_chart_unref, self->chart_cancellable,
                          chart_done_cb, weak);
}

/* Charts the chosen metric at once: after a correction, so the chart shows
 * it as soon as the table does. */
static void
update_chart (CitedFiguresPage *self)
{
  g_autoptr(CitedChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  const char *metric = dropdown_key (self->chart_metric, self->chart_metric_keys);

  cancel_chart (self);
  if (self->store != NULL && metric != NULL)
    {
      chart = build_chart (self->store, metric, chart_over_time (self), chart_brand (self), &error);
      if (chart == NULL)
        show_error_toast (self, _("Could not chart the figures"), error);
    }

  cited_chart_view_set_chart (self->chart_view, chart);
  highlight_selected_bar (self);
  update_actions (self);
}

static void
chart_metric_changed_cb (CitedFiguresPage *self)
{
  if (!self->updating)
    update_chart_async (self);
}

static void
open_figure_article (CitedFiguresPage *self,
                     gint64            figure_id)
{
  g_autoptr(CitedFigure) figure = NULL;
  g_autoptr(GError) error = NULL;

  figure = cited_store_get_figure (self->store, figure_id, &error);
  if (figure == NULL)
    {
      show_error_toast (self, _("Could not open the article"), error);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-article", "(xu)",
                              figure->article_id, (guint32) figure->sentence_start);
}

static void
bar_activated_cb (CitedFiguresPage *self,
                  GArray           *figure_ids)
{
  if (self->store == NULL || figure_ids == NULL || figure_ids->len == 0)
    return;
  open_figure_article (self, g_array_index (figure_ids, gint64, 0));
}

static void
row_activated_cb (CitedFiguresPage *self,
                  guint             position)
{
  g_autoptr(CitedFigureObject) object = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  /* a row not read yet (a placeholder, id 0) opens nothing */
  if (object != NULL && cited_figure_object_get_id (object) != 0 && self->store != NULL)
    open_figure_article (self, cited_figure_object_get_id (object));
}

/* Selection and corrections */

/* The selected figure; none while its row is a placeholder not read yet
 * (id 0): nothing can be edited, confirmed or rejected until it is. */
static CitedFigureObject *
selected_object (CitedFiguresPage *self)
{
  CitedFigureObject *object = gtk_single_selection_get_selected_item (self->selection);

  return object != NULL && cited_figure_object_get_id (object) != 0 ? object : NULL;
}

gint64
cited_figures_page_get_selected_id (CitedFiguresPage *self)
{
  CitedFigureObject *object;

  g_return_val_if_fail (CITED_IS_FIGURES_PAGE (self), 0);

  object = selected_object (self);
  return object != NULL ? cited_figure_object_get_id (object) : 0;
}

static void
update_actions (CitedFiguresPage *self)
{
  CitedFigureObject *object = selected_object (self);
  CitedFigure *f = object != NULL ? cited_figure_object_get_figure (object) : NULL;
  gboolean have_chart = cited_chart_view_get_chart (self->chart_view) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figures.edit", f != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figures.confirm",
                                 f != NULL && f->status != CITED_FIGURE_CONFIRMED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figures.reject", f != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figures.undo", self->undo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figures.redo", self->redo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figures.print", have_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figures.export", have_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figures.copy-image", have_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figures.save-view", have_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figures.export-report", have_chart);

  if (f != NULL && f->status == CITED_FIGURE_REJECTED)
    {
      gtk_button_set_label (self->reject_button, _("_Restore"));
      /* Screen readers read the label without its mnemonic. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->reject_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Restore"), -1);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->reject_button), _("Show the Figure in Charts Again"));
    }
  else
    {
      gtk_button_set_label (self->reject_button, _("_Reject"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->reject_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reject"), -1);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->reject_button), _("Hide the Figure from Charts"));
    }
}

/* The selected row's bar stands out in the chart, so the table and the
 * chart read as one. */
static void
highlight_selected_bar (CitedFiguresPage *self)
{
  cited_chart_view_select_figure (self->chart_view, cited_figures_page_get_selected_id (self));
}

static void
selection_changed_cb (CitedFiguresPage *self)
{
  update_actions (self);
  highlight_selected_bar (self);
}

/* Replaces one row's figure with the store's current one, keeping it
 * selected when it was. */
static void
refresh_figure (CitedFiguresPage *self,
                gint64            figure_id)
{
  g_autoptr(CitedFigure) figure = NULL;
  gboolean was_selected = cited_figures_page_get_selected_id (self) == figure_id;
  guint position;

  figure = cited_store_get_figure (self->store, figure_id, NULL);
  if (figure == NULL)
    {
      cited_figures_page_reload (self);
      return;
    }

  /* The row shows the correction where it is. */
  cited_figure_model_update_figure (self->rows, figure_id);
  if (was_selected)
    {
      position = cited_figure_model_find (self->rows, figure_id);
      if (position != GTK_INVALID_LIST_POSITION)
        gtk_single_selection_set_selected (self->selection, position);
    }
  update_count (self);
}

/* The edit that reproduces @figure's current user state. Fields the user
 * did not change stay "unchanged" so a better extractor can still fix them. */
static void
edit_from_figure (const CitedFigure *f,
                  CitedFigureEdit   *edit)
{
  memset (edit, 0, sizeof *edit);
  edit->value = NAN;
  edit->brand = NULL;
  edit->metric = NULL;
  edit->status = f->status;

  if (!f->edited)
    return;
  /* The other fields the user corrected, as they stand. */
  edit->fields = f->edited_fields;
  edit->unit = f->unit;
  edit->currency = f->currency;
  edit->qualifier = f->qualifier;
  edit->scope = f->scope;
  edit->year = f->year;
  edit->quarter = f->quarter;
  edit->measure = f->measure;
  edit->change = f->change;
  edit->span = f->span;
  edit->claim_status = f->claim_status;
  if (isnan (f->orig_value) || f->value != f->orig_value)
    edit->value = f->value;
  if (g_strcmp0 (f->brand, f->orig_brand) != 0)
    edit->brand = f->brand != NULL ? f->brand : "";
  if (g_strcmp0 (f->metric, f->orig_metric) != 0)
    edit->metric = f->metric;
}

static gboolean
restore_figure_state (CitedStore         *store,
                      const CitedFigure  *before,
                      GError            **error)
{
  CitedFigureEdit edit;

  if (!before->edited && before->status == CITED_FIGURE_EXTRACTED)
    return cited_store_clear_figure_edit (store, before->id, error);

  edit_from_figure (before, &edit);
  return cited_store_set_figure_edit (store, before->id, &edit, error);
}

static gboolean
apply_edit (CitedFiguresPage       *self,
            gint64                  figure_id,
            const CitedFigureEdit  *edit,
            const char             *done_message,
            GError                **error)
{
  g_autoptr(CitedFigure) before = NULL;
  UndoStep *step;

  before = cited_store_get_figure (self->store, figure_id, error);
  if (before == NULL)
    return FALSE;

  /* An edit that changes nothing is the extractor's figure: drop the edit
   * rather than store an empty one. */
  if (isnan (edit->value) && edit->brand == NULL && edit->metric == NULL &&
      edit->fields == 0 && edit->status == CITED_FIGURE_EXTRACTED)
    {
      if (!cited_store_clear_figure_edit (self->store, figure_id, error))
        return FALSE;
    }
  else if (!cited_store_set_figure_edit (self->store, figure_id, edit, error))
    {
      return FALSE;
    }

  step = g_new0 (UndoStep, 1);
  step->figure_id = figure_id;
  step->before = g_steal_pointer (&before);
  step->when = g_get_monotonic_time ();
  g_ptr_array_add (self->undo, step);
  /* A new correction starts a new future. */
  g_ptr_array_set_size (self->redo, 0);

  refresh_figure (self, figure_id);
  update_chart (self);
  if (done_message != NULL)
    show_toast (self, done_message, TRUE);
  g_signal_emit (self, signals[SIGNAL_STORE_CHANGED], 0);
  return TRUE;
}

gboolean
cited_figures_page_apply_edit (CitedFiguresPage       *self,
                               gint64                  figure_id,
                               const CitedFigureEdit  *edit,
                               GError                **error)
{
  g_return_val_if_fail (CITED_IS_FIGURES_PAGE (self), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  if (self->store == NULL)
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_FAILED, _("No store is open"));
      return FALSE;
    }
  return apply_edit (self, figure_id, edit, _("Figure corrected"), error);
}

guint
cited_figures_page_get_undo_depth (CitedFiguresPage *self)
{
  g_return_val_if_fail (CITED_IS_FIGURES_PAGE (self), 0);
  return self->undo->len;
}

static void
set_status (CitedFiguresPage  *self,
            CitedFigureStatus  status,
            const char        *message)
{
  CitedFigureObject *object = selected_object (self);
  g_autoptr(GError) error = NULL;
  CitedFigureEdit edit;
  CitedFigure *f;

  if (object == NULL || self->store == NULL)
    return;

  f = cited_figure_object_get_figure (object);
  edit_from_figure (f, &edit);
  edit.status = status;
  if (!apply_edit (self, f->id, &edit, message, &error))
    show_error_toast (self, _("Could not save the correction"), error);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_status (CITED_FIGURES_PAGE (widget), CITED_FIGURE_CONFIRMED, _("Figure confirmed"));
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CitedFiguresPage *self = CITED_FIGURES_PAGE (widget);
  CitedFigureObject *object = selected_object (self);

  if (object == NULL)
    return;

  /* The same button restores a rejected figure. */
  if (cited_figure_object_get_figure (object)->status == CITED_FIGURE_REJECTED)
    set_status (self, CITED_FIGURE_EXTRACTED, _("Figure restored"));
  else
    set_status (self, CITED_FIGURE_REJECTED, _("Figure rejected and hidden from charts"));
}

/* Takes the last step of @from back (or forward): the figure goes to the
 * state the step holds, and the state it leaves goes onto @to. */
static gboolean
step_history (CitedFiguresPage *self,
              GPtrArray        *from,
              GPtrArray        *to,
              const char       *failed,
              const char       *done)
{
  g_autoptr(GError) error = NULL;
  UndoStep *step;
  UndoStep *back;
  gint64 figure_id;

  if (from->len == 0 || self->store == NULL)
    return FALSE;

  step = g_ptr_array_steal_index (from, from->len - 1);
  if (step->is_view)
    {
      back = restore_view_step (self->store, step, &error);
      undo_step_free (step);
      if (back == NULL)
        {
          show_error_toast (self, from == self->undo ? _("Could not undo the change of the saved views")
                                                     : _("Could not redo the change of the saved views"),
                            error);
          update_actions (self);
          return FALSE;
        }
      g_ptr_array_add (to, back);
      refresh_views (self);
      update_actions (self);
      show_toast (self, from == self->undo ? _("Change of the saved views undone")
                                           : _("Change of the saved views redone"), FALSE);
      return TRUE;
    }
  figure_id = step->figure_id;
  back = g_new0 (UndoStep, 1);
  back->figure_id = figure_id;
  back->before = cited_store_get_figure (self->store, figure_id, &error);
  if (back->before == NULL || !restore_figure_state (self->store, step->before, &error))
    {
      show_error_toast (self, failed, error);
      undo_step_free (step);
      undo_step_free (back);
      update_actions (self);
      return FALSE;
    }
  undo_step_free (step);
  back->when = g_get_monotonic_time ();
  g_ptr_array_add (to, back);

  refresh_figure (self, figure_id);
  update_chart (self);
  show_toast (self, done, FALSE);
  g_signal_emit (self, signals[SIGNAL_STORE_CHANGED], 0);
  return TRUE;
}

gint64
cited_figures_page_get_history_time (CitedFiguresPage *self,
                                     gboolean          redo)
{
  GPtrArray *history;

  g_return_val_if_fail (CITED_IS_FIGURES_PAGE (self), 0);
  history = redo ? self->redo : self->undo;
  return history->len > 0 ? ((UndoStep *) g_ptr_array_index (history, history->len - 1))->when : 0;
}

gboolean
cited_figures_page_undo (CitedFiguresPage *self)
{
  g_return_val_if_fail (CITED_IS_FIGURES_PAGE (self), FALSE);
  return step_history (self, self->undo, self->redo, _("Could not undo the correction"),
                       _("Correction undone"));
}

gboolean
cited_figures_page_redo (CitedFiguresPage *self)
{
  g_return_val_if_fail (CITED_IS_FIGURES_PAGE (self), FALSE);
  return step_history (self, self->redo, self->undo, _("Could not redo the correction"),
                       _("Correction redone"));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cited_figures_page_undo (CITED_FIGURES_PAGE (widget));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cited_figures_page_redo (CITED_FIGURES_PAGE (widget));
}

typedef struct {
  CitedFiguresPage *self;
  gint64 figure_id;
  GtkEntry *value;
  GtkEntry *brand;
  GtkEntry *metric;
  GtkEntry *unit;
  GtkEntry *currency;
  GtkEntry *scope;
  GtkEntry *period;
  GtkEntry *measure;
  GtkDropDown *qualifier;
  GtkDropDown *change;
  GtkDropDown *span;
  GtkDropDown *claim_status;
} EditData;

/* The qualifiers the dialog offers, as the extractors write them; the
 * first is none. */
static const char * const edit_qualifiers[] = {
  NULL, "more than", "at least", "about", "nearly", "up to", "less than",
};

static void
edit_data_free (EditData *data)
{
  g_clear_object (&data->self);
  g_free (data);
}

/* The entry's text stripped, kept alive in @texts; NULL when empty. */
static const char *
entry_text (GtkEntry  *entry,
            GPtrArray *texts)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  g_ptr_array_add (texts, text);
  return *text != '\0' ? text : NULL;
}

/* "2021", "2021 Q3", "Q3 2021" or nothing. */
static gboolean
parse_period (const char *text,
              int        *year,
              int        *quarter)
{
  int y = 0, q = 0;
  char extra;

  *year = *quarter = 0;
  if (text == NULL)
    return TRUE;
  if (sscanf (text, "%d Q%d %c", &y, &q, &extra) == 2 || sscanf (text, "%dQ%d %c", &y, &q, &extra) == 2 ||
      sscanf (text, "Q%d %d %c", &q, &y, &extra) == 2 || (q = 0, sscanf (text, "%d %c", &y, &extra) == 1))
    {
      if (y < 1000 || y > 9999 || q < 0 || q > 4)
        return FALSE;
      *year = y;
      *quarter = q;
      return TRUE;
    }
  return FALSE;
}

/* Sets in @edit each field beyond value, brand and metric that the dialog
 * now says otherwise than @figure. FALSE, with a message shown, when a
 * field cannot be read. */
static gboolean
read_field_edits (CitedFiguresPage  *self,
                  EditData          *data,
                  const CitedFigure *figure,
                  CitedFigureEdit   *edit,
                  GPtrArray         *texts)
{
  const char *unit = entry_text (data->unit, texts);
  const char *currency = entry_text (data->currency, texts);
  const char *scope = entry_text (data->scope, texts);
  const char *period = entry_text (data->period, texts);
  const char *measure = entry_text (data->measure, texts);
  const char *qualifier = edit_qualifiers[gtk_drop_down_get_selected (data->qualifier)];
  int year, quarter;

  if (!parse_period (period, &year, &quarter))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a period. Type a year, such as 2021, or a quarter, such as 2021 Q3."),
                         period);
      show_toast (self, message, FALSE);
      return FALSE;
    }
  if (currency != NULL)
    {
      char *upper = g_ascii_strup (currency, -1);

      g_ptr_array_add (texts, upper);
      currency = upper;
    }
  if (g_strcmp0 (unit, figure->unit) != 0)
    edit->fields |= CITED_EDIT_UNIT, edit->unit = unit;
  if (g_strcmp0 (currency, figure->currency) != 0)
    edit->fields |= CITED_EDIT_CURRENCY, edit->currency = currency;
  if (g_strcmp0 (qualifier, figure->qualifier) != 0 &&
      !(qualifier == NULL && cited_value_qualifier_bound (figure->qualifier) == CITED_BOUND_EXACT))
    edit->fields |= CITED_EDIT_QUALIFIER, edit->qualifier = qualifier;
  if (g_strcmp0 (scope, figure->scope) != 0)
    edit->fields |= CITED_EDIT_SCOPE, edit->scope = scope;
  if (year != figure->year || quarter != figure->quarter)
    edit->fields |= CITED_EDIT_PERIOD, edit->year = year, edit->quarter = quarter;
  if (g_strcmp0 (measure, cited_figure_get_measure (figure)) != 0 &&
      !(measure == NULL && figure->measure == NULL))
    edit->fields |= CITED_EDIT_MEASURE, edit->measure = measure;
  if ((CitedChange) gtk_drop_down_get_selected (data->change) != figure->change)
    edit->fields |= CITED_EDIT_CHANGE, edit->change = gtk_drop_down_get_selected (data->change);
  if ((CitedSpan) gtk_drop_down_get_selected (data->span) != figure->span)
    edit->fields |= CITED_EDIT_SPAN, edit->span = gtk_drop_down_get_selected (data->span);
  if ((CitedClaimStatus) gtk_drop_down_get_selected (data->claim_status) != figure->claim_status)
    edit->fields |= CITED_EDIT_CLAIM_STATUS,
      edit->claim_status = gtk_drop_down_get_selected (data->claim_status);
  return TRUE;
}

static void
edit_response_cb (GtkWidget  *dialog,
                  const char *response,
                  EditData   *data)
{
  CitedFiguresPage *self = data->self;
  g_autoptr(CitedFigure) figure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *brand = NULL;
  g_autofree char *metric = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  CitedFigureEdit edit;
  double value;

  if (g_strcmp0 (response, "save") != 0 || self->store == NULL)
    goto out;

  figure = cited_store_get_figure (self->store, data->figure_id, &error);
  if (figure == NULL)
    {
      show_error_toast (self, _("Could not save the correction"), error);
      goto out;
    }

  /* "190000000", "190M", "1.9亿", "¥3,999": the figure keeps its own unit
   * and currency, the dialog corrects only the number. */
  if (!cited_value_parse (gtk_editable_get_text (GTK_EDITABLE (data->value)), &value, NULL, NULL))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a number. Type digits, for example 190000000 or 190M."),
                         gtk_editable_get_text (GTK_EDITABLE (data->value)));
      show_toast (self, message, FALSE);
      goto out;
    }

  brand = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->brand))));
  metric = g_strstrip (g_ascii_strdown (gtk_editable_get_text (GTK_EDITABLE (data->metric)), -1));

  edit_from_figure (figure, &edit);
  if (value != figure->value)
    edit.value = value;

  if (*brand != '\0')
    {
      const char *canonical = cited_lexicon_lookup (cited_store_get_lexicon (self->store), brand);
      const char *chosen = canonical != NULL ? canonical : brand;

      if (g_strcmp0 (chosen, figure->brand) != 0)
        edit.brand = chosen;
    }
  else if (figure->brand != NULL)
    {
      edit.brand = "";
    }

  if (*metric != '\0' && g_strcmp0 (metric, figure->metric) != 0)
    edit.metric = metric;

  if (!read_field_edits (self, data, figure, &edit, texts))
    goto out;

  if (!apply_edit (self, data->figure_id, &edit, _("Figure corrected"), &error))
    show_error_toast (self, _("Could not save the correction"), error);

out:
  edit_data_free (data);
}

static GtkWidget *
edit_row (GtkGrid    *grid,
          int         row,
          const char *label_text,
          const char *value,
          const char *placeholder)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), value != NULL ? value : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_hexpand (entry, TRUE);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, entry, 1, row, 1, 1);
  return entry;
}

static GtkDropDown *
edit_choice (GtkGrid            *grid,
             int                 row,
             const char         *label_text,
             const char * const *choices,
             guint               selected)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *drop_down = gtk_drop_down_new_from_strings (choices);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), drop_down);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);
  gtk_widget_set_hexpand (drop_down, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, drop_down, 1, row, 1, 1);
  return GTK_DROP_DOWN (drop_down);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CitedFiguresPage *self = CITED_FIGURES_PAGE (widget);
  CitedFigureObject *object = selected_object (self);
  CitedFigure *f;
  EditData *data;
  GtkWidget *dialog;
  GtkWidget *grid;
  GtkRoot *root;
  g_autofree char *value = NULL;
  g_autofree char *period = NULL;
  g_autofree char *body = NULL;

  if (object == NULL)
    return;

  f = cited_figure_object_get_figure (object);
  value = g_strdup_printf ("%.15g", f->value);
  if (f->year > 0 && f->quarter > 0)
    period = g_strdup_printf ("%d Q%d", f->year, f->quarter);
  else if (f->year > 0)
    period = g_strdup_printf ("%d", f->year);
  /* TRANSLATORS: the edit dialog quotes the figure as written and its sentence. */
  body = g_strdup_printf (_("“%s” in: %s"), f->text != NULL ? f->text : "",
                          f->sentence != NULL ? f->sentence : "");

  data = g_new0 (EditData, 1);
  data->self = g_object_ref (self);
  data->figure_id = f->id;

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  data->value = GTK_ENTRY (edit_row (GTK_GRID (grid), 0, _("_Value"), value, _("e.g. 190M")));
  data->brand = GTK_ENTRY (edit_row (GTK_GRID (grid), 1, _("_Brand"), f->brand, _("No brand (market-wide)")));
  data->metric = GTK_ENTRY (edit_row (GTK_GRID (grid), 2, _("_Metric"), f->metric, _("e.g. sales")));
  data->unit = GTK_ENTRY (edit_row (GTK_GRID (grid), 3, _("_Unit"), f->unit, _("e.g. units")));
  data->currency = GTK_ENTRY (edit_row (GTK_GRID (grid), 4, _("C_urrency"), f->currency,
                                        _("e.g. USD, CNY; none for a count")));
  data->scope = GTK_ENTRY (edit_row (GTK_GRID (grid), 5, _("_Scope"), f->scope,
                                     _("e.g. global, overseas, China")));
  data->period = GTK_ENTRY (edit_row (GTK_GRID (grid), 6, _("_Period"), period,
                                      _("e.g. 2021 or 2021 Q3")));
  data->measure = GTK_ENTRY (edit_row (GTK_GRID (grid), 7, _("Mea_sure"), f->measure,
                                       _("What changed, e.g. profit")));
  {
    const char *qualifiers[] = {
      C_("qualifier", "None"), _("More than"), _("At least"), _("About"), _("Nearly"), _("Up to"),
      _("Less than"), NULL,
    };
    const char *changes[] = { _("Level"), _("Percent change"), _("Absolute change"), NULL };
    const char *spans[] = { _("Period total"), _("Cumulative total"), _("Rate"), _("Point in time"), NULL };
    const char *statuses[] = { _("Reported"), _("Forecast"), _("Target"), _("Plan"), NULL };
    guint chosen = 0;

    for (guint k = 1; k < G_N_ELEMENTS (edit_qualifiers); k++)
      if (g_strcmp0 (f->qualifier, edit_qualifiers[k]) == 0)
        chosen = k;
    data->qualifier = edit_choice (GTK_GRID (grid), 8, _("_Qualifier"), qualifiers, chosen);
    data->change = edit_choice (GTK_GRID (grid), 9, _("Chan_ge"), changes, f->change);
    data->span = edit_choice (GTK_GRID (grid), 10, _("Spa_n"), spans, f->span);
    data->claim_status = edit_choice (GTK_GRID (grid), 11, _("S_tated as"), statuses, f->claim_status);
  }

  root = gtk_widget_get_root (widget);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Correct Figure"), body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  G_GNUC_END_IGNORE_DEPRECATIONS

  g_signal_connect (dialog, "response", G_CALLBACK (edit_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Chart actions */

void
cited_figures_page_print (CitedFiguresPage *self)
{
  CitedChart *chart;

  g_return_if_fail (CITED_IS_FIGURES_PAGE (self));

  chart = cited_chart_view_get_chart (self->chart_view);
  if (chart != NULL)
    cited_export_print (GTK_WIDGET (self), chart);
  else
    show_toast (self, _("There is no chart to print. Import articles with figures first."), FALSE);
}

void
cited_figures_page_export (CitedFiguresPage *self)
{
  CitedChart *chart;

  g_return_if_fail (CITED_IS_FIGURES_PAGE (self));

  chart = cited_chart_view_get_chart (self->chart_view);
  if (chart != NULL)
    cited_export_show_dialog (GTK_WIDGET (self->toast_overlay), chart);
  else
    show_toast (self, _("There is no chart to export. Import articles with figures first."), FALSE);
}

/* What the chart shows, in words, for a report's title page. */
static char *
chart_filters_text (CitedFiguresPage *self)
{
  const char *metric = dropdown_key (self->chart_metric, self->chart_metric_keys);
  const char *brand = chart_brand (self);
  g_autofree char *label = cited_metric_label (metric);

  if (chart_over_time (self) && brand != NULL)
    /* Translators: a report's filters: a metric over time for one brand */
    return g_strdup_printf (_("Metric: %s · Over time · Brand: %s"), label, brand);
  if (chart_over_time (self))
    /* Translators: a report's filters: a metric over time */
    return g_strdup_printf (_("Metric: %s · Over time"), label);
  /* Translators: a report's filters: one metric, by brand */
  return g_strdup_printf (_("Metric: %s"), label);
}

void
cited_figures_page_export_report (CitedFiguresPage *self)
{
  CitedChart *chart;
  g_autofree char *filters = NULL;

  g_return_if_fail (CITED_IS_FIGURES_PAGE (self));

  chart = cited_chart_view_get_chart (self->chart_view);
  if (chart == NULL || self->store == NULL)
    {
      show_toast (self, _("There is no chart to report on. Import articles with figures first."), FALSE);
      return;
    }
  filters = chart_filters_text (self);
  cited_export_report (GTK_WIDGET (self->toast_overlay), self->store, chart, filters);
}

/* Writes the report of the chart shown to @path without asking, as
 * Export Report does after its file chooser. */
void
cited_figures_page_write_report (CitedFiguresPage *self,
                                 const char       *path)
{
  CitedChart *chart;
  g_autofree char *filters = NULL;

  g_return_if_fail (CITED_IS_FIGURES_PAGE (self));

  chart = cited_chart_view_get_chart (self->chart_view);
  g_return_if_fail (chart != NULL && self->store != NULL);
  filters = chart_filters_text (self);
  cited_export_write_report (GTK_WIDGET (self->toast_overlay), self->store, chart, filters, path);
}

void
cited_figures_page_copy_image (CitedFiguresPage *self)
{
  CitedChart *chart;

  g_return_if_fail (CITED_IS_FIGURES_PAGE (self));

  chart = cited_chart_view_get_chart (self->chart_view);
  if (chart == NULL)
    {
      show_toast (self, _("There is no chart to copy. Import articles with figures first."), FALSE);
      return;
    }
  cited_export_copy_image (GTK_WIDGET (self), chart);
  show_toast (self, _("Chart copied as an image"), FALSE);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  cited_figures_page_print (CITED_FIGURES_PAGE (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cited_figures_page_export (CITED_FIGURES_PAGE (widget));
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  cited_figures_page_export_report (CITED_FIGURES_PAGE (widget));
}

static void
copy_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  cited_figures_page_copy_image (CITED_FIGURES_PAGE (widget));
}

/* Showing one figure */

static void
scroll_to_row (CitedFiguresPage *self,
               guint             position)
{
#if GTK_CHECK_VERSION(4, 12, 0)
  gtk_column_view_scroll_to (self->column_view, position, NULL,
                             GTK_LIST_SCROLL_SELECT | GTK_LIST_SCROLL_FOCUS, NULL);
#else
  /* Before 4.12 the column view's inner list view owns the scroll action. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
          break;
        }
    }
#endif
  /* And the narrow list, when the window is narrow. */
  if (gtk_list_view_get_model (self->narrow_list) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->narrow_list), "list.scroll-to-item", "u", position);
}

void
cited_figures_page_show_figure (CitedFiguresPage *self,
                                gint64            figure_id)
{
  g_autoptr(CitedFigure) figure = NULL;
  guint position;

  g_return_if_fail (CITED_IS_FIGURES_PAGE (self));

  if (self->store == NULL)
    return;

  /* Asked while the rows are still loading: show it once they are in. */
  if (self->rows_loading)
    {
      self->pending_figure = figure_id;
      return;
    }

  figure = cited_store_get_figure (self->store, figure_id, NULL);
  if (figure == NULL)
    return;

  if (figure->metric != NULL && figure->status != CITED_FIGURE_REJECTED)
    cited_figures_page_set_chart_metric (self, figure->metric);

  position = cited_figure_model_find (self->rows, figure_id);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      /* The filters hide it: show everything rather than nothing. */
      self->updating = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_drop_down_set_selected (self->brand_filter, 0);
      gtk_drop_down_set_selected (self->source_filter, 0);
      gtk_drop_down_set_selected (self->metric_filter, 0);
      self->updating = FALSE;
      filters_changed_cb (self);
      position = cited_figure_model_find (self->rows, figure_id);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  scroll_to_row (self, position);
}

/* Saved views */

/* The settings of the chart on screen, or NULL when there is none. */
static CitedChartSettings *
page_chart_settings (CitedFiguresPage *self)
{
  const char *metric = dropdown_key (self->chart_metric, self->chart_metric_keys);

  if (metric == NULL)
    return NULL;
  return chart_settings (metric, chart_over_time (self), chart_brand (self));
}

/* Whether the page has the controls to show @view; if not, says why in
 * @reason. Views saved with cited-cli may chart brands or take filters
 * the page does not offer: those are drawn with cited-cli. */
static gboolean
page_can_show_view (CitedFiguresPage         *self,
                    const CitedChartSettings *view,
                    const char              **reason)
{
  const CitedQuery *q = &view->query;
  const char *brand = cited_chart_settings_get_brand (view);

  if (view->source != CITED_CHART_SOURCE_FIGURES && view->source != CITED_CHART_SOURCE_CLAIMS)
    *reason = _("A brands chart: draw it with cited-cli chart --view");
  else if (q->search != NULL || q->claim_status != NULL || q->span != NULL ||
           q->date_from != NULL || q->date_to != NULL)
    *reason = _("Filters this page has no control for: draw it with cited-cli chart --view");
  else if (view->source == CITED_CHART_SOURCE_FIGURES && brand != NULL)
    *reason = _("One brand’s figures: draw it with cited-cli chart --view");
  else if (find_key (self->chart_metric_keys, q->metric) == GTK_INVALID_LIST_POSITION)
    *reason = _("No figure has this metric any more");
  else if (brand != NULL && find_key (self->brand_keys, brand) == GTK_INVALID_LIST_POSITION)
    *reason = _("No figure names this brand any more");
  else
    return TRUE;
  return FALSE;
}

/* What a view charts, in the words the page uses: "Sales by brand",
 * "Sales over time: Xiaomi". */
static char *
describe_view (const CitedChartSettings *view)
{
  g_autofree char *metric = view->query.metric != NULL ? cited_metric_label (view->query.metric) : NULL;
  g_autofree char *brands = view->brands != NULL ? g_strjoinv (", ", view->brands) : NULL;

  switch (view->source)
    {
    case CITED_CHART_SOURCE_FIGURES:
      if (brands != NULL)
        /* TRANSLATORS: a saved view: a metric's figures of one brand */
        return g_strdup_printf (_("%s: %s"), metric, brands);
      /* TRANSLATORS: a saved view: a metric's figures by brand */
      return g_strdup_printf (_("%s by brand"), metric);
    case CITED_CHART_SOURCE_CLAIMS:
      if (brands != NULL)
        /* TRANSLATORS: a saved view: a metric over time, then a brand */
        return g_strdup_printf (_("%s over time: %s"), metric, brands);
      return g_strdup_printf (_("%s over time"), metric);
    case CITED_CHART_SOURCE_BRANDS:
      return brands != NULL ? g_strdup_printf (_("Share of voice: %s"), brands) : g_strdup (_("Share of voice"));
    case CITED_CHART_SOURCE_TREND:
    default:
      return brands != NULL ? g_strdup_printf (_("Mentions by month: %s"), brands)
                            : g_strdup (_("Mentions by month"));
    }
}

static GtkWidget *
view_row_button (const char *icon_name,
                 const char *label,
                 const char *action_name,
                 const char *view_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", view_name);
  return button;
}

static GtkWidget *
view_row_new (CitedFiguresPage         *self,
              const CitedChartSettings *view,
              const CitedChartSettings *current)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (view->name, -1);
  g_autofree char *description = describe_view (view);
  g_autofree char *subtitle = NULL;
  g_autofree char *rename_label = g_strdup_printf (_("Rename View “%s”"), view->name);
  g_autofree char *delete_label = g_strdup_printf (_("Delete View “%s”"), view->name);
  const char *reason = NULL;
  gboolean can_show = page_can_show_view (self, view, &reason);

  if (can_show)
    subtitle = g_markup_escape_text (description, -1);
  else
    subtitle = g_markup_printf_escaped ("%s — %s", description, reason);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), can_show);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, view->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  g_object_set_data_full (G_OBJECT (row), "view-name", g_strdup (view->name), g_free);

  /* The view the chart shows now is ticked. */
  if (current != NULL && cited_chart_settings_equal (view, current))
    {
      GtkWidget *tick = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (tick), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Shown"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), tick);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             view_row_button ("document-edit-symbolic", rename_label,
                                              "figures.rename-view", view->name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             view_row_button ("user-trash-symbolic", delete_label,
                                              "figures.delete-view", view->name));
  return row;
}

/* Fills the Views popover from the store. */
static void
refresh_views (CitedFiguresPage *self)
{
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(CitedChartSettings) current = page_chart_settings (self);
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->views_list))) != NULL)
    gtk_list_box_remove (self->views_list, child);

  if (self->store != NULL)
    {
      views = cited_store_list_views (self->store, &error);
      if (views == NULL)
        show_error_toast (self, _("Could not read the saved views"), error);
    }
  for (guint i = 0; views != NULL && i < views->len; i++)
    gtk_list_box_append (self->views_list, view_row_new (self, g_ptr_array_index (views, i), current));
  gtk_stack_set_visible_child_name (self->views_stack,
                                    views != NULL && views->len > 0 ? "list" : "empty");
}

static void
views_popover_show_cb (CitedFiguresPage *self)
{
  refresh_views (self);
}

/* Puts @view's settings in the chart's controls; the table's metric
 * filter follows the chart's metric when it named another. */
static void
show_view (CitedFiguresPage         *self,
           const CitedChartSettings *view)
{
  gboolean over_time = view->source == CITED_CHART_SOURCE_CLAIMS;
  const char *metric = view->query.metric;

  self->updating = TRUE;
  gtk_toggle_button_set_active (self->chart_over_time, over_time);
  gtk_drop_down_set_selected (self->chart_metric, find_key (self->chart_metric_keys, metric));
  if (self->filter_metric != NULL && !g_str_equal (self->filter_metric, metric))
    gtk_drop_down_set_selected (self->metric_filter, find_key (self->metric_keys, metric));
  /* Over time, the chart follows the brand filtered on: the view's, or
   * every brand. */
  if (over_time)
    gtk_drop_down_set_selected (self->brand_filter,
                                find_key (self->brand_keys, cited_chart_settings_get_brand (view)));
  self->updating = FALSE;

  filters_changed_cb (self);
  update_chart_async (self);
}

/**
 * cited_figures_page_apply_view:
 * @self: the page
 * @name: a saved view's name
 * @error: return location for a #GError
 *
 * Charts the saved view @name as clicking it in the Views menu does.
 */
gboolean
cited_figures_page_apply_view (CitedFiguresPage  *self,
                               const char        *name,
                               GError           **error)
{
  g_autoptr(CitedChartSettings) view = NULL;
  const char *reason = NULL;

  g_return_val_if_fail (CITED_IS_FIGURES_PAGE (self), FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_NOT_FOUND, _("No database is open"));
      return FALSE;
    }
  view = cited_store_get_view (self->store, name, error);
  if (view == NULL)
    return FALSE;
  if (!page_can_show_view (self, view, &reason))
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_INVALID, reason);
      return FALSE;
    }
  show_view (self, view);
  return TRUE;
}

static void
views_row_activated_cb (CitedFiguresPage *self,
                        GtkListBoxRow    *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "view-name");
  g_autoptr(GError) error = NULL;

  gtk_popover_popdown (self->views_popover);
  if (!cited_figures_page_apply_view (self, name, &error))
    show_error_toast (self, _("Could not show the view"), error);
}

/* Records a change of the saved views for undo: @before is the view as
 * it was (NULL: there was none), @name_after the name it has now (NULL:
 * it is gone). */
static void
push_view_step (CitedFiguresPage   *self,
                CitedChartSettings *before,
                const char         *name_after)
{
  UndoStep *step = g_new0 (UndoStep, 1);

  step->is_view = TRUE;
  step->view_before = before != NULL ? cited_chart_settings_ref (before) : NULL;
  step->view_after = g_strdup (name_after);
  step->when = g_get_monotonic_time ();
  g_ptr_array_add (self->undo, step);
  g_ptr_array_set_size (self->redo, 0);
  update_actions (self);
}

/* The view called @name, NULL when there is none. */
static CitedChartSettings *
lookup_view (CitedStore  *store,
             const char  *name,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  CitedChartSettings *view = cited_store_get_view (store, name, &local_error);

  if (view == NULL && !g_error_matches (local_error, CITED_ERROR, CITED_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return view;
}

/**
 * cited_figures_page_save_view:
 *
 * Saves the chart's settings as the view @name (replacing a view of that
 * name), with an undo step.
 */
gboolean
cited_figures_page_save_view (CitedFiguresPage  *self,
                              const char        *name,
                              GError           **error)
{
  g_autoptr(CitedChartSettings) settings = NULL;
  g_autoptr(CitedChartSettings) before = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  g_return_val_if_fail (CITED_IS_FIGURES_PAGE (self), FALSE);

  settings = self->store != NULL ? page_chart_settings (self) : NULL;
  if (settings == NULL)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_INVALID, _("There is no chart to save"));
      return FALSE;
    }
  before = lookup_view (self->store, stripped, &local_error);
  if (local_error != NULL || !cited_store_save_view (self->store, stripped, settings, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  push_view_step (self, before, stripped);
  message = before != NULL ? g_strdup_printf (_("View “%s” replaced"), stripped)
                           : g_strdup_printf (_("View “%s” saved"), stripped);
  show_toast (self, message, TRUE);
  return TRUE;
}

gboolean
cited_figures_page_rename_view (CitedFiguresPage  *self,
                                const char        *name,
                                const char        *new_name,
                                GError           **error)
{
  g_autoptr(CitedChartSettings) before = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (new_name));
  g_autofree char *message = NULL;

  g_return_val_if_fail (CITED_IS_FIGURES_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  before = cited_store_get_view (self->store, name, error);
  if (before == NULL || !cited_store_rename_view (self->store, name, stripped, error))
    return FALSE;
  push_view_step (self, before, stripped);
  message = g_strdup_printf (_("View renamed to “%s”"), stripped);
  show_toast (self, message, TRUE);
  refresh_views (self);
  return TRUE;
}

gboolean
cited_figures_page_delete_view (CitedFiguresPage  *self,
                                const char        *name,
                                GError           **error)
{
  g_autoptr(CitedChartSettings) before = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (CITED_IS_FIGURES_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  before = cited_store_get_view (self->store, name, error);
  if (before == NULL || !cited_store_delete_view (self->store, name, error))
    return FALSE;
  push_view_step (self, before, NULL);
  message = g_strdup_printf (_("View “%s” deleted"), before->name);
  show_toast (self, message, TRUE);
  refresh_views (self);
  return TRUE;
}

/* Takes a change of the saved views back (or forward): the view named
 * @step->view_after goes, @step->view_before comes back. Returns the
 * step that undoes this one. */
static UndoStep *
restore_view_step (CitedStore  *store,
                   UndoStep    *step,
                   GError     **error)
{
  g_autoptr(CitedChartSettings) now = NULL;
  UndoStep *back;

  if (step->view_after != NULL)
    {
      now = cited_store_get_view (store, step->view_after, error);
      if (now == NULL || !cited_store_delete_view (store, step->view_after, error))
        return NULL;
    }
  if (step->view_before != NULL &&
      !cited_store_save_view (store, step->view_before->name, step->view_before, error))
    return NULL;

  back = g_new0 (UndoStep, 1);
  back->is_view = TRUE;
  back->view_before = g_steal_pointer (&now);
  back->view_after = step->view_before != NULL ? g_strdup (step->view_before->name) : NULL;
  back->when = g_get_monotonic_time ();
  return back;
}

/* The name dialog of Save View… and Rename. */
typedef struct {
  CitedFiguresPage *self;
  GtkEntry *entry;
  char *old_name;             /* rename: the view's name; save: NULL */
  GHashTable *taken;          /* casefolded names of the saved views */
} ViewNameData;

static void
view_name_data_free (ViewNameData *data)
{
  g_clear_object (&data->self);
  g_free (data->old_name);
  g_clear_pointer (&data->taken, g_hash_table_unref);
  g_free (data);
}

static char *
fold_name (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  return g_utf8_casefold (stripped, -1);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
/* Blank names cannot be saved; saving onto a view's name replaces it, and
 * the button says so. */
static void
view_name_changed_cb (ViewNameData *data)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_widget_get_root (GTK_WIDGET (data->entry)));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (data->entry));
  g_autofree char *folded = fold_name (text);
  g_autofree char *old_folded = data->old_name != NULL ? fold_name (data->old_name) : NULL;
  gboolean taken = g_hash_table_contains (data->taken, folded) && g_strcmp0 (folded, old_folded) != 0;

  if (data->old_name != NULL)
    {
      adw_message_dialog_set_response_enabled (dialog, "save", *folded != '\0' && !taken);
      return;
    }
  adw_message_dialog_set_response_enabled (dialog, "save", *folded != '\0');
  adw_message_dialog_set_response_label (dialog, "save", taken ? _("_Replace") : _("_Save"));
  adw_message_dialog_set_response_appearance (dialog, "save",
                                              taken ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
}

static void
view_name_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       ViewNameData     *data)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (data->entry));

  if (g_str_equal (response, "save"))
    {
      if (data->old_name != NULL)
        {
          if (!cited_figures_page_rename_view (data->self, data->old_name, text, &error))
            show_error_toast (data->self, _("Could not rename the view"), error);
        }
      else if (!cited_figures_page_save_view (data->self, text, &error))
        show_error_toast (data->self, _("Could not save the view"), error);
    }
  view_name_data_free (data);
}

/* Asks for a view's name: a new view's (@old_name NULL) or a new name for
 * the view @old_name. */
static void
ask_view_name (CitedFiguresPage *self,
               const char       *old_name)
{
  ViewNameData *data = g_new0 (ViewNameData, 1);
  g_autoptr(GPtrArray) views = cited_store_list_views (self->store, NULL);
  CitedChart *chart = cited_chart_view_get_chart (self->chart_view);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  const char *suggestion = old_name != NULL ? old_name : chart != NULL ? chart->title : NULL;

  data->self = g_object_ref (self);
  data->old_name = g_strdup (old_name);
  data->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; views != NULL && i < views->len; i++)
    g_hash_table_add (data->taken, fold_name (((CitedChartSettings *) g_ptr_array_index (views, i))->name));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   old_name != NULL ? _("Rename View") : _("Save View"),
                                   old_name != NULL ? NULL
                                   : _("The chart’s metric and brand are saved under this name, to show "
                                       "them again from the Views menu or with cited-cli chart --view."));
  data->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (data->entry, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (data->entry), suggestion != NULL ? suggestion : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("View Name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (data->entry));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", old_name != NULL ? _("_Rename") : _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_swapped (data->entry, "changed", G_CALLBACK (view_name_changed_cb), data);
  g_signal_connect (dialog, "response", G_CALLBACK (view_name_response_cb), data);
  view_name_changed_cb (data);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (data->entry));
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
save_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CitedFiguresPage *self = CITED_FIGURES_PAGE (widget);

  if (self->store == NULL || cited_chart_view_get_chart (self->chart_view) == NULL)
    return;
  gtk_popover_popdown (self->views_popover);
  ask_view_name (self, NULL);
}

static void
rename_view_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CitedFiguresPage *self = CITED_FIGURES_PAGE (widget);

  if (self->store == NULL)
    return;
  gtk_popover_popdown (self->views_popover);
  ask_view_name (self, g_variant_get_string (parameter, NULL));
}

static void
delete_view_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CitedFiguresPage *self = CITED_FIGURES_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!cited_figures_page_delete_view (self, g_variant_get_string (parameter, NULL), &error))
    show_error_toast (self, _("Could not delete the view"), error);
}

GtkListBox *
cited_figures_page_get_views_list (CitedFiguresPage *self)
{
  g_return_val_if_fail (CITED_IS_FIGURES_PAGE (self), NULL);
  refresh_views (self);
  return self->views_list;
}

/* Test and window access */

CitedChartView *
cited_figures_page_get_chart_view (CitedFiguresPage *self)
{
  g_return_val_if_fail (CITED_IS_FIGURES_PAGE (self), NULL);
  return self->chart_view;
}

GListModel *
cited_figures_page_get_rows (CitedFiguresPage *self)
{
  g_return_val_if_fail (CITED_IS_FIGURES_PAGE (self), NULL);
  return G_LIST_MODEL (self->rows);
}

gboolean
cited_figures_page_set_brand_filter (CitedFiguresPage *self,
                                     const char       *brand)
{
  guint position;

  g_return_val_if_fail (CITED_IS_FIGURES_PAGE (self), FALSE);

  position = find_key (self->brand_keys, brand);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_drop_down_set_selected (self->brand_filter, position);
  return TRUE;
}

gboolean
cited_figures_page_set_chart_metric (CitedFiguresPage *self,
                                     const char       *metric)
{
  guint position;

  g_return_val_if_fail (CITED_IS_FIGURES_PAGE (self), FALSE);

  position = find_key (self->chart_metric_keys, metric);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  if (gtk_drop_down_get_selected (self->chart_metric) != position)
    gtk_drop_down_set_selected (self->chart_metric, position);
  return TRUE;
}

/* GObject */

static void
cited_figures_page_dispose (GObject *object)
{
  CitedFiguresPage *self = CITED_FIGURES_PAGE (object);

  if (self->find_cancellable != NULL)
    g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  g_clear_weak_pointer (&self->toast);
  if (self->load_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->load_tick_id);
      self->load_tick_id = 0;
    }
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->chart_cancellable != NULL)
    g_cancellable_cancel (self->chart_cancellable);
  g_clear_object (&self->chart_cancellable);
  /* AdwBin unparents its child (the template's content) itself; disposing
   * the template as well would unparent it twice. */
  G_OBJECT_CLASS (cited_figures_page_parent_class)->dispose (object);
}

static void
cited_figures_page_finalize (GObject *object)
{
  CitedFiguresPage *self = CITED_FIGURES_PAGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->brand_keys, g_ptr_array_unref);
  g_clear_pointer (&self->source_keys, g_ptr_array_unref);
  g_clear_pointer (&self->metric_keys, g_ptr_array_unref);
  g_clear_pointer (&self->chart_metric_keys, g_ptr_array_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_free (self->filter_brand);
  g_free (self->filter_metric);
  g_free (self->filter_source);
  g_free (self->filter_text);

  G_OBJECT_CLASS (cited_figures_page_parent_class)->finalize (object);
}

static void
cited_figures_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CitedFiguresPage *self = CITED_FIGURES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_figures_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CitedFiguresPage *self = CITED_FIGURES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          /* Undo steps belong to the store they were made in. */
          g_ptr_array_set_size (self->undo, 0);
          g_ptr_array_set_size (self->redo, 0);
          cited_figures_page_reload (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_figures_page_class_init (CitedFiguresPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cited_figures_page_dispose;
  object_class->finalize = cited_figures_page_finalize;
  object_class->get_property = cited_figures_page_get_property;
  object_class->set_property = cited_figures_page_set_property;

  props[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CITED_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* TRUE while the figures are read in the background. */
  props[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /* A correction changed what the store holds (a figure's brand, or a
   * company named in it that became a brand): other pages read it again. */
  signals[SIGNAL_STORE_CHANGED] =
    g_signal_new ("store-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CITED_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cited/Cited/cited-figures-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, table_stack);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, chart_metric);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, chart_over_time);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, chart_view);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, views_popover);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, views_stack);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, views_list);
  gtk_widget_class_bind_template_callback (widget_class, views_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, views_row_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, brand_filter);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, source_filter);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, metric_filter);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, reject_button);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, narrow_list);
  gtk_widget_class_bind_template_child (widget_class, CitedFiguresPage, table_squeezer);

  gtk_widget_class_install_action (widget_class, "figures.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "figures.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "figures.reject", NULL, reject_action);
  gtk_widget_class_install_action (widget_class, "figures.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "figures.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "figures.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "figures.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "figures.copy-image", NULL, copy_image_action);
  gtk_widget_class_install_action (widget_class, "figures.save-view", NULL, save_view_action);
  gtk_widget_class_install_action (widget_class, "figures.rename-view", "s", rename_view_action);
  gtk_widget_class_install_action (widget_class, "figures.delete-view", "s", delete_view_action);
  gtk_widget_class_install_action (widget_class, "figures.export-report", NULL, export_report_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "figures.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "figures.redo", NULL);
}

static void
cited_figures_page_init (CitedFiguresPage *self)
{
  GtkSorter *sorter;
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  cited_spinners_spin_while_shown (GTK_WIDGET (self));

  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);
  self->brand_keys = g_ptr_array_new_with_free_func (g_free);
  self->source_keys = g_ptr_array_new_with_free_func (g_free);
  self->metric_keys = g_ptr_array_new_with_free_func (g_free);
  self->chart_metric_keys = g_ptr_array_new_with_free_func (g_free);

  add_columns (self);

  /* The page reloads the rows when it chooses (keeping the selection),
   * not at each change of the store. */
  self->rows = cited_figure_model_new (NULL);
  cited_figure_model_set_follow_store (self->rows, FALSE);
  /* A click on a column header, a text filter or a jump far down never
   * waits for SQL: those rows are read in a worker, shown empty until
   * then; and each row's claim is found from the figures that may share
   * it, as its page is read, not by grouping every figure of the store. */
  cited_figure_model_set_read_async (self->rows, TRUE);
  cited_figure_model_set_claims_of_rows (self->rows, TRUE);
  sorter = gtk_column_view_get_sorter (self->column_view);
  if (sorter != NULL)
    g_signal_connect_object (sorter, "changed", G_CALLBACK (column_sorter_changed_cb), self,
                             G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_card_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card_cb), NULL);
  gtk_list_view_set_factory (self->narrow_list, factory);
  g_object_unref (factory);
  g_signal_connect_swapped (self->table_squeezer, "notify::visible-child",
                            G_CALLBACK (attach_narrow_list), self);
  attach_narrow_list (self);

  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (row_activated_cb), self);
  g_signal_connect_swapped (self->narrow_list, "activate", G_CALLBACK (row_activated_cb), self);
  g_signal_connect_swapped (self->chart_view, "bar-activated", G_CALLBACK (bar_activated_cb), self);
  g_signal_connect_swapped (self->chart_metric, "notify::selected",
                            G_CALLBACK (chart_metric_changed_cb), self);
  g_signal_connect_swapped (self->chart_over_time, "toggled",
                            G_CALLBACK (chart_metric_changed_cb), self);
  g_signal_connect_swapped (self->brand_filter, "notify::selected",
                            G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->metric_filter, "notify::selected",
                            G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->source_filter, "notify::selected",
                            G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (filters_changed_cb), self);

  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
}
