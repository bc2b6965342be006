/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-articles-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cited-article-list.h"
#include "cited-article-list-private.h"
#include "cited-article-row.h"
#include "cited-article-view.h"
#include "cited-articles-page.h"
#include "cited-store-private.h"
#include "cited-count-dropdown.h"
#include "cited-date-filter.h"
#include "cited-settings.h"
#include "cited-spinner.h"

struct _CitedArticlesPage
{
  AdwBin              parent_instance;

  CitedStore         *store;
  CitedArticleList   *list;
  GtkSliceListModel  *shown_rows;    /* the list, or its first rows until they are drawn */
  GtkSingleSelection *selection;
  GPtrArray          *brand_keys;    /* the brand menu's names; item 0 (all): NULL */
  GPtrArray          *source_keys;   /* the source menu's names; item 0 (all): NULL */
  GSettings          *settings;
  GCancellable       *query_cancellable;  /* the search being run */
  gboolean            updating;       /* filters set from code, not the user */
  gboolean            loading;        /* an import is running */
  gboolean            relisting;      /* the list is being replaced */
  gboolean            first_load;     /* the first list is being read */
  gboolean            total_from_rows; /* … of every article: its length is the total */
  GCancellable       *counts_cancellable;
  gboolean            counts_wanted;  /* the menus' counts, read once the first rows are drawn */
  guint               total;          /* articles in the store */
  GdkFrameClock      *drawn_clock;    /* waiting for the list's next frame (list_drawn_cb()) */
  guint               scroll_pending; /* the row to scroll to then, or G_MAXUINT */

  AdwLeaflet         *leaflet;
  GtkWidget          *sidebar;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *brand_dropdown;
  GtkDropDown        *source_dropdown;
  CitedDateFilter    *date_filter;
  GtkDropDown        *sort_dropdown;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  AdwStatusPage      *no_results_page;
  CitedArticleView   *article_view;
};

G_DEFINE_FINAL_TYPE (CitedArticlesPage, cited_articles_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

enum {
  SIGNAL_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *sort_names[] = { "date-desc", "date-asc", "title" };
static const CitedSort sort_values[] = { CITED_SORT_DATE_DESC, CITED_SORT_DATE_ASC, CITED_SORT_TITLE };

static const char *
selected_brand (CitedArticlesPage *self)
{
  return cited_count_dropdown_get_key (self->brand_dropdown, self->brand_keys);
}

static const char *
current_search (CitedArticlesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return (text != NULL && *text != '\0') ? text : NULL;
}

static void
show_selected (CitedArticlesPage *self)
{
  CitedArticleItem *item = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GError) error = NULL;
  gint64 id = item ? cited_article_item_get_id (item) : 0;

  if (id == cited_article_view_get_article_id (self->article_view))
    return;

  if (!cited_article_view_show_article (self->article_view, id, 0, current_search (self), &error))
    g_debug ("Could not show article %" G_GINT64_FORMAT ": %s", id, error->message);
}

/* Shows the list, or one of the pages saying why it has no rows: "empty",
 * "loading" or "no-results". Those are made the first time one is needed,
 * most launches never showing any. */
static void
show_state (CitedArticlesPage *self,
            const char        *state)
{
  if (g_strcmp0 (state, "list") != 0 && self->no_results_page == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/cited/Cited/cited-articles-page-states.ui");
      static const char * const pages[][2] = {
        { "empty", "empty_page" },
        { "loading", "loading_page" },
        { "no-results", "no_results_page" },
      };

      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        {
          GtkWidget *page = GTK_WIDGET (gtk_builder_get_object (builder, pages[i][1]));

          gtk_stack_add_named (self->list_stack, page, pages[i][0]);
          cited_spinners_spin_while_shown (page);
        }
      self->no_results_page = ADW_STATUS_PAGE (gtk_builder_get_object (builder, "no_results_page"));
    }
  gtk_stack_set_visible_child_name (self->list_stack, state);
}

static void
update_state (CitedArticlesPage *self,
              const GError      *error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  const char *search = current_search (self);
  g_autofree char *count = NULL;

  if (error != NULL)
    {
      g_autofree char *description = g_markup_printf_escaped (_("The search could not run: %s"),
                                                              error->message);

      show_state (self, "no-results");
      adw_status_page_set_description (self->no_results_page, description);
      gtk_label_set_text (self->count_label, "");
      return;
    }

  if (n == 0 && self->first_load)
    {
      /* The rows are on their way: no "no match" in the meantime. */
      show_state (self, "list");
      if (self->total_from_rows)
        {
          /* … and so is the total. */
          gtk_label_set_text (self->count_label, "");
          return;
        }
    }
  else if (self->total == 0)
    show_state (self, self->loading ? "loading" : "empty");
  else if (n == 0)
    {
      g_autofree char *description = NULL;

      if (search != NULL)
        /* Translators: %s is what the user searched for. */
        description = g_markup_printf_escaped (_("No articles match “%s”. Try other words or fewer filters."),
                                               search);
      else
        description = g_strdup (_("No articles match these filters."));
      show_state (self, "no-results");
      adw_status_page_set_description (self->no_results_page, description);
    }
  else
    show_state (self, "list");

  if (n == self->total)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", n), n);
  else
    /* Translators: "3 of 120 articles". */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u article", "%u of %u articles",
                                          self->total),
                             n, self->total);
  gtk_label_set_text (self->count_label, count);
}

/* The first rows listed, alone until drawn. GTK 4.8's list view makes a
 * row widget for each of the 200 items around the top of its model, a
 * dozen of them on screen: in the first frame of an answer (the window's
 * first, a search's) the view gets only as many rows as its window can
 * show (end_relist()), and the others over the frames after it
 * (show_more_rows()). The window is as tall as its default size, or as
 * the tallest monitor when it opens maximized; above the list are at
 * least the header bar and the search and filters (about 200 pixels in
 * Adwaita); a row is at least a line of title and two of captions with
 * its padding: more than 3.4 times the font's size (a line is about 1.2
 * times the size, a caption's 0.8 of it) and 16 pixels. Each row made and
 * laid out for nothing cost the first frame about 0.45 ms, and a row
 * drawn about 0.8 ms. */
#define LIST_CHROME 120
#define ROW_MIN_SIZES 3.4
#define ROW_PADDING 16

static guint
rows_that_fit (CitedArticlesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->list_view));
  const PangoFontDescription *font;
  int width, height = 0;   /* GTK 4.8 wants both of the default size */
  int font_px = 0;

  if (GTK_IS_WINDOW (root) && !gtk_window_is_maximized (GTK_WINDOW (root)) &&
      !gtk_window_is_fullscreen (GTK_WINDOW (root)))
    gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  if (height <= 0)
    {
      GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));

      for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
        {
          g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
          GdkRectangle geometry;

          gdk_monitor_get_geometry (monitor, &geometry);
          height = MAX (height, geometry.height);
        }
    }
  /* The font's size, not its metrics, which would load the font and lay
   * out a sample of text before the window's first frame. */
  font = pango_context_get_font_description (context);
  if (font != NULL && pango_font_description_get_size (font) > 0)
    {
      double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;
      double dpi = pango_cairo_context_get_resolution (context);

      if (!pango_font_description_get_size_is_absolute (font))
        size *= (dpi > 0 ? dpi : 96.0) / 72.0;
      font_px = (int) size;
    }
  if (height <= LIST_CHROME || font_px <= 0)
    return G_MAXUINT;
  /* … and one more for the row the list's bottom cuts. */
  return (height - LIST_CHROME) / (int) (ROW_MIN_SIZES * font_px + ROW_PADDING) + 1;
}

static void
show_every_row (CitedArticlesPage *self)
{
  gtk_slice_list_model_set_size (self->shown_rows, G_MAXUINT);
}

static void when_list_drawn (CitedArticlesPage *self);

/* GTK 4.8's list view also makes a row widget, at once, for each of the
 * first 200 items of its model, about 0.65 ms each: after a frame showing
 * the first rows, the others come ROWS_PER_FRAME a frame until there are
 * that many, so that the window takes input and draws between them (all
 * at once, the window froze for 100 ms after its first frame and after
 * each search). */
#define LIST_VIEW_ROWS 200
#define ROWS_PER_FRAME 24

static void
show_more_rows (CitedArticlesPage *self)
{
  guint size = gtk_slice_list_model_get_size (self->shown_rows);
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;

  if (size == G_MAXUINT)
    return;
  if (size + ROWS_PER_FRAME >= MIN (n, LIST_VIEW_ROWS) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    show_every_row (self);
  else
    {
      gtk_slice_list_model_set_size (self->shown_rows, size + ROWS_PER_FRAME);
      when_list_drawn (self);
    }
}

static void list_drawn_cb (CitedArticlesPage *self);

/* What waits for the list's next frame, once: the rows after the first
 * ones, and a scroll asked for before the list was first laid out. */
static void
when_list_drawn (CitedArticlesPage *self)
{
  if (self->drawn_clock != NULL)
    return;
  self->drawn_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view)));
  g_signal_connect_swapped (self->drawn_clock, "after-paint", G_CALLBACK (list_drawn_cb), self);
}

static void
stop_waiting_for_frame (CitedArticlesPage *self)
{
  if (self->drawn_clock == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->drawn_clock, list_drawn_cb, self);
  g_clear_object (&self->drawn_clock);
}

static void reload_counts_async (CitedArticlesPage *self);

/* What the frame showing the first rows does not need follows it: the
 * other rows, the other ids (held by the list until now, a million of
 * them at most) and the menus' counts. */
static void
first_rows_drawn (CitedArticlesPage *self)
{
  show_more_rows (self);
  cited_article_list_hold_rest (self->list, FALSE);
  if (self->counts_wanted)
    {
      self->counts_wanted = FALSE;
      reload_counts_async (self);
    }
}

static void
list_drawn_cb (CitedArticlesPage *self)
{
  guint position = self->scroll_pending;

  stop_waiting_for_frame (self);
  self->scroll_pending = G_MAXUINT;
  if (position != G_MAXUINT)
    show_every_row (self);
  first_rows_drawn (self);
  if (position < g_list_model_get_n_items (G_LIST_MODEL (self->shown_rows)))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* The first rows are listed. On screen, end_relist() has them wait for
 * their frame; off it, no frame comes, and what follows it comes now. */
static void
first_rows_listed (CitedArticlesPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    first_rows_drawn (self);
}

/* Keeps the article in the reader selected when it is still listed. */
static void
reselect (CitedArticlesPage *self)
{
  gint64 shown = cited_article_view_get_article_id (self->article_view);
  guint position = shown ? cited_article_list_find (self->list, shown) : G_MAXUINT;

  if (position != G_MAXUINT)
    {
      if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->shown_rows)))
        show_every_row (self);
      gtk_single_selection_set_selected (self->selection, position);
    }
}

/* Called before the list's rows are replaced. GTK 4.8's list view looks
 * for every row it shows among all the new rows, and a GtkSingleSelection
 * for its selected row: with 100,000 rows that loads all of them. Detached
 * from the view and with nothing selected, the new rows cost nothing
 * until shown. */
static void
begin_relist (CitedArticlesPage *self)
{
  self->relisting = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_list_view_set_model (self->list_view, NULL);
}

static void
end_relist (CitedArticlesPage *self)
{
  /* The new rows' first frame makes only those it shows, the others
   * follow (show_more_rows()). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    {
      gtk_slice_list_model_set_size (self->shown_rows, rows_that_fit (self));
      when_list_drawn (self);
    }
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  reselect (self);
  self->relisting = FALSE;
}

static void
build_query (CitedArticlesPage *self,
             CitedQuery        *query)
{
  guint sort = gtk_drop_down_get_selected (self->sort_dropdown);

  query->search = current_search (self);
  query->brand = selected_brand (self);
  query->source = cited_count_dropdown_get_key (self->source_dropdown, self->source_keys);
  query->date_from = cited_date_filter_get_from (self->date_filter);
  query->date_to = cited_date_filter_get_to (self->date_filter);
  query->sort = sort < G_N_ELEMENTS (sort_values) ? sort_values[sort] : CITED_SORT_DATE_DESC;
}

static void
cancel_query (CitedArticlesPage *self)
{
  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
}

/* Lists what the filters ask for, now (reloads). */
static void
apply_query (CitedArticlesPage *self)
{
  g_autoptr(GError) error = NULL;
  CitedQuery query = { 0 };

  if (self->store == NULL)
    return;

  cancel_query (self);
  build_query (self, &query);
  begin_relist (self);
  cited_article_list_set_query (self->list, &query, &error);
  end_relist (self);
  update_state (self, error);
}

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CitedArticlesPage) self = CITED_ARTICLES_PAGE (user_data);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  /* A newer search (or the page going away) replaced this one. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      cited_article_list_set_query_finish (CITED_ARTICLE_LIST (source), result, NULL);
      return;
    }

  begin_relist (self);
  cited_article_list_set_query_finish (CITED_ARTICLE_LIST (source), result, &error);
  end_relist (self);

  if (cancellable == self->query_cancellable)
    g_clear_object (&self->query_cancellable);
  if (self->first_load)
    {
      self->first_load = FALSE;
      if (self->total_from_rows && error == NULL)
        self->total = g_list_model_get_n_items (G_LIST_MODEL (self->list));
      self->total_from_rows = FALSE;
      /* The first frame needs the rows, not the menus' counts. */
      self->counts_wanted = TRUE;
      first_rows_listed (self);
      update_state (self, error);
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }
  update_state (self, error);
}

/* Lists what the filters ask for once the store answers: typing and
 * choosing filters never wait on a slow search. */
static void
apply_query_async (CitedArticlesPage *self)
{
  CitedQuery query = { 0 };

  if (self->store == NULL)
    return;

  cancel_query (self);
  self->query_cancellable = g_cancellable_new ();
  build_query (self, &query);
  cited_article_list_set_query_async (self->list, &query, self->query_cancellable,
                                      query_done_cb, g_object_ref (self));
}

static void
search_changed_cb (CitedArticlesPage *self)
{
  /* Nothing new to look for: the list already shows these words (e.g.
   * show_article() cleared the search itself), and the reader keeps the
   * place it was opened at. */
  if (self->updating ||
      (self->list != NULL && self->query_cancellable == NULL &&
       g_strcmp0 (current_search (self), cited_article_list_get_search (self->list)) == 0))
    return;

  apply_query_async (self);

  /* New search words: highlight them in the open article too. */
  if (cited_article_view_get_article_id (self->article_view) != 0)
    cited_article_view_show_article (self->article_view,
                                     cited_article_view_get_article_id (self->article_view),
                                     0, current_search (self), NULL);
}

/* Down from the search entry goes into the list. */
static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       CitedArticlesPage     *self)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      self->list == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    return FALSE;

  return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

static void
stop_search_cb (CitedArticlesPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
search_activate_cb (CitedArticlesPage *self)
{
  /* Enter in the search opens the first result. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      if (adw_leaflet_get_folded (self->leaflet))
        adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->article_view));
    }
}

static void
filter_changed_cb (CitedArticlesPage *self)
{
  guint sort;

  if (self->updating)
    return;

  sort = gtk_drop_down_get_selected (self->sort_dropdown);
  if (self->settings != NULL && sort < G_N_ELEMENTS (sort_names))
    g_settings_set_string (self->settings, "article-sort", sort_names[sort]);

  apply_query_async (self);
}

static void
date_changed_cb (CitedArticlesPage *self)
{
  if (!self->updating)
    apply_query_async (self);
}

static void
list_activate_cb (CitedArticlesPage *self,
                  guint              position)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_selected (self);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->article_view));
}

static void
selection_changed_cb (CitedArticlesPage *self)
{
  /* Replacing the list drops the selection for a moment; the reader keeps
   * its article and reselect() finds it again. */
  if (!self->relisting)
    show_selected (self);
}

static void
folded_changed_cb (CitedArticlesPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  cited_article_view_set_show_back (self->article_view, folded);
  /* Narrow, the list is all there is: a single click or tap opens the
   * article, as a double click does when the reader sits beside it. */
  gtk_list_view_set_single_click_activate (self->list_view, folded);
}

static void
view_back_cb (CitedArticlesPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

/* Rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, cited_article_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  CitedArticlesPage *self = CITED_ARTICLES_PAGE (user_data);
  CitedArticleItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);

  cited_article_row_set_article (CITED_ARTICLE_ROW (row),
                                 cited_article_item_get_article (item),
                                 self->store ? cited_store_get_lexicon (self->store) : NULL,
                                 cited_article_list_get_search (self->list));
}

/* The brand and source menus list what the articles have, with how many
 * articles have each, counted from the store's indexes. */
static void
reload_counts (CitedArticlesPage *self)
{
  g_autoptr(GPtrArray) brands = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *brand = g_strdup (selected_brand (self));
  g_autofree char *source = g_strdup (cited_count_dropdown_get_key (self->source_dropdown, self->source_keys));

  brands = cited_store_count_brand_articles (self->store, &error);
  if (brands != NULL)
    sources = cited_store_count_source_articles (self->store, &error);
  if (error != NULL)
    g_warning ("Could not count the articles of each brand and source: %s", error->message);

  self->updating = TRUE;
  cited_count_dropdown_fill (self->brand_dropdown, self->brand_keys, _("All Brands"), brands, brand);
  cited_count_dropdown_fill (self->source_dropdown, self->source_keys, _("All Sources"), sources, source);
  self->updating = FALSE;
}

typedef struct {
  GPtrArray *brands;
  GPtrArray *sources;
} Counts;

static void
counts_free (gpointer data)
{
  Counts *counts = data;

  g_clear_pointer (&counts->brands, g_ptr_array_unref);
  g_clear_pointer (&counts->sources, g_ptr_array_unref);
  g_free (counts);
}

static gpointer
counts_read_cb (CitedStore    *reader,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Counts *counts = g_new0 (Counts, 1);

  counts->brands = cited_store_count_brand_articles (reader, error);
  if (counts->brands != NULL)
    counts->sources = cited_store_count_source_articles (reader, error);
  if (counts->sources == NULL)
    {
      counts_free (counts);
      return NULL;
    }
  return counts;
}

static void
counts_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CitedArticlesPage) self = CITED_ARTICLES_PAGE (user_data);
  g_autoptr(GError) error = NULL;
  Counts *counts = cited_store_read_finish (CITED_STORE (source), result, &error);
  g_autofree char *brand = NULL;
  g_autofree char *source_key = NULL;

  if (counts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not count the articles of each brand and source: %s", error->message);
      return;
    }
  g_clear_object (&self->counts_cancellable);
  brand = g_strdup (selected_brand (self));
  source_key = g_strdup (cited_count_dropdown_get_key (self->source_dropdown, self->source_keys));
  self->updating = TRUE;
  cited_count_dropdown_fill (self->brand_dropdown, self->brand_keys, _("All Brands"), counts->brands, brand);
  cited_count_dropdown_fill (self->source_dropdown, self->source_keys, _("All Sources"), counts->sources, source_key);
  self->updating = FALSE;
  counts_free (counts);
}

/* The brand and source menus' counts, read in the background. */
static void
reload_counts_async (CitedArticlesPage *self)
{
  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  self->counts_cancellable = g_cancellable_new ();
  cited_store_read_async (self->store, counts_read_cb, NULL, NULL, counts_free,
                          self->counts_cancellable, counts_done_cb, g_object_ref (self));
}

/* The date filter offers the years the articles were published in. */
static void
reload_years (CitedArticlesPage *self)
{
  g_autoptr(GArray) years = NULL;
  g_autoptr(GError) error = NULL;

  years = cited_store_list_years (self->store, &error);
  if (years == NULL)
    g_warning ("Could not read the articles’ years: %s", error->message);
  cited_date_filter_set_years (self->date_filter, years);
}

void
cited_articles_page_reload (CitedArticlesPage *self)
{
  g_autoptr(GError) error = NULL;
  CitedQuery all = { 0 };
  gint64 shown;
  gboolean was_first;

  g_return_if_fail (CITED_IS_ARTICLES_PAGE (self));

  if (self->store == NULL)
    return;

  /* What the first load still reads is read here at once. */
  show_every_row (self);
  cited_article_list_hold_rest (self->list, FALSE);
  was_first = self->first_load;
  self->first_load = FALSE;
  self->total_from_rows = FALSE;
  self->counts_wanted = FALSE;
  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  self->total = cited_store_count_articles (self->store, &all, NULL);
  reload_counts (self);
  reload_years (self);
  apply_query (self);
  if (was_first)
    g_signal_emit (self, signals[SIGNAL_LOADED], 0);

  /* Figures may have been edited or re-extracted: redraw the open article. */
  shown = cited_article_view_get_article_id (self->article_view);
  if (shown != 0 &&
      !cited_article_view_show_article (self->article_view, shown, 0, current_search (self), &error))
    cited_article_view_show_article (self->article_view, 0, 0, NULL, NULL);
}

/**
 * cited_articles_page_load:
 * @self: the page
 *
 * Fills the page for the first time without waiting for the store: the
 * rows and the menus' counts are read in the background, so that the
 * window is drawn at once; ::loaded says when the rows are there.
 */
void
cited_articles_page_load (CitedArticlesPage *self)
{
  CitedQuery query = { 0 };

  g_return_if_fail (CITED_IS_ARTICLES_PAGE (self));

  if (self->store == NULL)
    return;
  /* Every article listed: the rows, read in the background, tell how
   * many there are, which counting them here would take as long again
   * on a large store. */
  build_query (self, &query);
  self->total_from_rows = query.search == NULL && query.brand == NULL && query.source == NULL &&
                          query.date_from == NULL && query.date_to == NULL;
  if (!self->total_from_rows)
    {
      CitedQuery all = { 0 };

      self->total = cited_store_count_articles (self->store, &all, NULL);
    }
  reload_years (self);
  self->first_load = TRUE;
  update_state (self, NULL);
  apply_query_async (self);
}

void
cited_articles_page_focus_search (CitedArticlesPage *self)
{
  g_return_if_fail (CITED_IS_ARTICLES_PAGE (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Scrolls the list to the row at @position. GTK 4.8's list view scrolled
 * before it was first laid out (an article opened as the window's rows
 * came, from GNOME Shell's search) shows no row at all: the scroll then
 * waits for the frame that lays it out. */
static void
scroll_to_row (CitedArticlesPage *self,
               guint              position)
{
  if (gtk_widget_get_height (GTK_WIDGET (self->list_view)) > 0 ||
      gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view)) == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
      return;
    }
  self->scroll_pending = position;
  when_list_drawn (self);
}

void
cited_articles_page_show_article (CitedArticlesPage *self,
                                  gint64             article_id,
                                  guint              offset)
{
  g_autoptr(GError) error = NULL;
  guint position;

  g_return_if_fail (CITED_IS_ARTICLES_PAGE (self));

  if (self->store == NULL)
    return;

  /* The reader first, so the selection change finds it already shown. */
  if (!cited_article_view_show_article (self->article_view, article_id, offset,
                                        current_search (self), &error))
    {
      g_debug ("Could not show article %" G_GINT64_FORMAT ": %s", article_id, error->message);
      return;
    }

  show_every_row (self);
  position = cited_article_list_find (self->list, article_id);
  if (position == G_MAXUINT)
    {
      /* Filtered out: show every article again so the list agrees with
       * the reader. */
      self->updating = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_drop_down_set_selected (self->brand_dropdown, 0);
      gtk_drop_down_set_selected (self->source_dropdown, 0);
      cited_date_filter_set_range (self->date_filter, NULL, NULL);
      self->updating = FALSE;
      apply_query (self);
      position = cited_article_list_find (self->list, article_id);
    }

  if (position != G_MAXUINT)
    {
      gtk_single_selection_set_selected (self->selection, position);
      scroll_to_row (self, position);
    }

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->article_view));
}

void
cited_articles_page_set_loading (CitedArticlesPage *self,
                                 gboolean           loading)
{
  g_return_if_fail (CITED_IS_ARTICLES_PAGE (self));

  self->loading = !!loading;
  if (self->store != NULL)
    update_state (self, NULL);
  else
    show_state (self, self->loading ? "loading" : "empty");
}

const char *
cited_articles_page_get_state (CitedArticlesPage *self)
{
  g_return_val_if_fail (CITED_IS_ARTICLES_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->list_stack);
}

GListModel *
cited_articles_page_get_model (CitedArticlesPage *self)
{
  g_return_val_if_fail (CITED_IS_ARTICLES_PAGE (self), NULL);
  return self->list ? G_LIST_MODEL (self->list) : NULL;
}

GtkSingleSelection *
cited_articles_page_get_selection (CitedArticlesPage *self)
{
  g_return_val_if_fail (CITED_IS_ARTICLES_PAGE (self), NULL);
  /* Its positions are the list's. */
  show_every_row (self);
  return self->selection;
}

CitedArticleView *
cited_articles_page_get_article_view (CitedArticlesPage *self)
{
  g_return_val_if_fail (CITED_IS_ARTICLES_PAGE (self), NULL);
  return self->article_view;
}

void
cited_articles_page_set_search_text (CitedArticlesPage *self,
                                     const char        *text)
{
  g_return_if_fail (CITED_IS_ARTICLES_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
}

static void
set_store (CitedArticlesPage *self,
           CitedStore        *store)
{
  if (!g_set_object (&self->store, store))
    return;

  g_clear_object (&self->list);
  if (store != NULL)
    {
      self->list = cited_article_list_new (store);
      /* Until the first rows are drawn (first_rows_drawn()). */
      cited_article_list_hold_rest (self->list, TRUE);
    }

  show_every_row (self);
  gtk_slice_list_model_set_model (self->shown_rows, self->list ? G_LIST_MODEL (self->list) : NULL);
  cited_article_view_set_store (self->article_view, store);
  if (store == NULL)
    show_state (self, self->loading ? "loading" : "empty");

  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STORE]);
}

static void
cited_articles_page_dispose (GObject *object)
{
  CitedArticlesPage *self = CITED_ARTICLES_PAGE (object);

  cancel_query (self);
  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  stop_waiting_for_frame (self);
  /* AdwBin unparents its child (the template's leaflet) itself; disposing
   * the template as well would unparent it twice. */
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (cited_articles_page_parent_class)->dispose (object);
}

static void
cited_articles_page_finalize (GObject *object)
{
  CitedArticlesPage *self = CITED_ARTICLES_PAGE (object);

  g_clear_object (&self->list);
  g_clear_object (&self->shown_rows);
  g_clear_object (&self->store);
  g_clear_pointer (&self->brand_keys, g_ptr_array_unref);
  g_clear_pointer (&self->source_keys, g_ptr_array_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cited_articles_page_parent_class)->finalize (object);
}

static void
cited_articles_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CitedArticlesPage *self = CITED_ARTICLES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_articles_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CitedArticlesPage *self = CITED_ARTICLES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_articles_page_class_init (CitedArticlesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cited_articles_page_dispose;
  object_class->finalize = cited_articles_page_finalize;
  object_class->get_property = cited_articles_page_get_property;
  object_class->set_property = cited_articles_page_set_property;

  g_type_ensure (CITED_TYPE_DATE_FILTER);

  props[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CITED_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /* The rows of cited_articles_page_load() are listed. */
  signals[SIGNAL_LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CITED_TYPE_ARTICLE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cited/Cited/cited-articles-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CitedArticlesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CitedArticlesPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CitedArticlesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CitedArticlesPage, brand_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CitedArticlesPage, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CitedArticlesPage, date_filter);
  gtk_widget_class_bind_template_child (widget_class, CitedArticlesPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CitedArticlesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CitedArticlesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CitedArticlesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CitedArticlesPage, article_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_back_cb);
}

/* Tab leaves the list (to the reader), Shift+Tab goes back to the search,
 * instead of walking thousands of rows one at a time. */
static gboolean
list_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     CitedArticlesPage     *self)
{
  if ((state & GDK_CONTROL_MASK) != 0)
    return FALSE;
  if (keyval == GDK_KEY_ISO_Left_Tab || (keyval == GDK_KEY_Tab && (state & GDK_SHIFT_MASK) != 0))
    return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  if (keyval == GDK_KEY_Tab && gtk_widget_get_mapped (GTK_WIDGET (self->article_view)))
    return gtk_widget_child_focus (GTK_WIDGET (self->article_view), GTK_DIR_TAB_FORWARD);
  return FALSE;
}

static void
cited_articles_page_init (CitedArticlesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *controller;

  self->updating = TRUE;
  self->scroll_pending = G_MAXUINT;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->brand_keys = g_ptr_array_new_with_free_func (g_free);
  self->source_keys = g_ptr_array_new_with_free_func (g_free);

  self->shown_rows = gtk_slice_list_model_new (NULL, 0, G_MAXUINT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown_rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  self->settings = cited_settings_new ();
  if (self->settings != NULL)
    {
      g_autofree char *sort = g_settings_get_string (self->settings, "article-sort");

      for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
        if (g_str_equal (sort, sort_names[i]))
          gtk_drop_down_set_selected (self->sort_dropdown, i);
    }

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (search_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);

  /* The list is one Tab stop: arrows move inside it, Tab leaves it. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (list_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);

  /* Typing anywhere in the list starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, self->sidebar);

  folded_changed_cb (self);
  self->updating = FALSE;
}
