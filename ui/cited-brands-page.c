/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-brands-page"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cited-brands-page-private.h"
#include "cited-chart-view.h"
#include "cited-export.h"
#include "cited-figure-object.h"

#define DEFAULT_BRANDS 4
#define MAX_VALUES_PER_METRIC 6
#define MAX_COMENTIONS 5

struct _CitedBrandsPage
{
  AdwBin parent_instance;

  CitedStore *store;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  GtkLabel *summary_label;
  GtkMenuButton *brands_button;
  GtkBox *brand_checks;
  GtkFlowBox *cards;
  GtkDropDown *chart_kind;
  GtkDropDown *chart_metric;
  CitedChartView *chart_view;

  GPtrArray *stats;           /* CitedBrandStats, most mentioned first */
  GPtrArray *chosen;          /* char*, NULL-terminated */
  GPtrArray *metric_keys;     /* char* */

  guint updating : 1;
};

G_DEFINE_FINAL_TYPE (CitedBrandsPage, cited_brands_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static void update_chart (CitedBrandsPage *self);

static void
show_toast (CitedBrandsPage *self,
            const char      *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
show_error_toast (CitedBrandsPage *self,
                  const char      *what,
                  const GError    *error)
{
  g_autofree char *title = g_strdup_printf ("%s: %s", what, error->message);

  show_toast (self, title);
}

static gboolean
is_chosen (CitedBrandsPage *self,
           const char      *name)
{
  for (guint i = 0; i + 1 < self->chosen->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->chosen, i), name) == 0)
      return TRUE;
  return FALSE;
}

static guint
n_chosen (CitedBrandsPage *self)
{
  return self->chosen->len - 1;
}

static void
clear_chosen (CitedBrandsPage *self)
{
  g_ptr_array_set_size (self->chosen, 0);
  g_ptr_array_add (self->chosen, NULL);
}

static void
add_chosen (CitedBrandsPage *self,
            const char      *name)
{
  g_ptr_array_insert (self->chosen, self->chosen->len - 1, g_strdup (name));
}

/* Cards */

static GtkWidget *
card_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
figure_phrase (const CitedFigure *f)
{
  g_autofree char *value = cited_format_value (f->value, f->unit, f->currency);
  GString *phrase = g_string_new (value);

  if (cited_figure_is_range (f))
    {
      g_autofree char *high = cited_format_value (f->value_max, f->unit, f->currency);
      g_string_append_printf (phrase, "–%s", high);
    }
  if (f->scope != NULL)
    g_string_append_printf (phrase, " %s", f->scope);
  if (f->year > 0)
    g_string_append_printf (phrase, " (%d)", f->year);
  return g_string_free (phrase, FALSE);
}

/* By metric, then the headline number first: the largest value, or for
 * ranks the best (lowest) place. */
static int
compare_headline_first_cb (gconstpointer a,
                           gconstpointer b)
{
  const CitedFigure *fa = *(CitedFigure * const *) a;
  const CitedFigure *fb = *(CitedFigure * const *) b;
  int by_metric = g_strcmp0 (fa->metric, fb->metric);

  if (by_metric != 0)
    return by_metric;
  if (g_strcmp0 (fa->metric, "rank") == 0)
    return (fa->value > fb->value) - (fa->value < fb->value);
  return (fa->value < fb->value) - (fa->value > fb->value);
}

/* "Sales: 190M global · 140M overseas · 50M domestic", one line per metric,
 * metrics in the store's order (most figures first). */
static GPtrArray *
figure_lines (CitedBrandsPage *self,
              const char      *brand,
              GError         **error)
{
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GHashTable) by_metric = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GPtrArray *lines;
  CitedQuery query = { 0 };

  query.brand = brand;
  figures = cited_store_list_figures (self->store, &query, error);
  if (figures == NULL)
    return NULL;
  g_ptr_array_sort (figures, compare_headline_first_cb);

  by_metric = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < self->metric_keys->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (self->metric_keys, i));

  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *f = g_ptr_array_index (figures, i);
      g_autofree char *phrase = NULL;
      GPtrArray *values;

      if (f->metric == NULL || f->status == CITED_FIGURE_REJECTED)
        continue;
      values = g_hash_table_lookup (by_metric, f->metric);
      if (values == NULL)
        {
          values = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (by_metric, g_strdup (f->metric), values);
          if (!g_ptr_array_find_with_equal_func (order, f->metric, g_str_equal, NULL))
            g_ptr_array_add (order, f->metric);
        }
      phrase = figure_phrase (f);
      if (!g_ptr_array_find_with_equal_func (values, phrase, g_str_equal, NULL))
        g_ptr_array_add (values, g_steal_pointer (&phrase));
    }

  lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < order->len; i++)
    {
      const char *metric = g_ptr_array_index (order, i);
      GPtrArray *values = g_hash_table_lookup (by_metric, metric);
      g_autofree char *label = NULL;
      g_autoptr(GString) line = NULL;

      if (values == NULL)
        continue;

      label = cited_metric_label (metric);
      line = g_string_new (NULL);
      /* TRANSLATORS: a metric and its values, e.g. "Sales: 190M global · 50M domestic". */
      g_string_append_printf (line, _("%s: "), label);
      for (guint j = 0; j < values->len && j < MAX_VALUES_PER_METRIC; j++)
        {
          if (j > 0)
            g_string_append (line, " · ");
          g_string_append (line, g_ptr_array_index (values, j));
        }
      if (values->len > MAX_VALUES_PER_METRIC)
        g_string_append (line, " …");
      g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
    }
  return lines;
}

static GtkWidget *
build_card (CitedBrandsPage       *self,
            const CitedBrandStats *stats)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) comentions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = g_markup_escape_text (stats->name, -1);
  g_autofree char *title = NULL;
  g_autofree char *mentions = NULL;
  g_autofree char *articles = NULL;
  g_autofree char *share_value = NULL;
  g_autofree char *share = NULL;
  g_autofree char *counts = NULL;
  GtkWidget *card;
  GtkWidget *box;
  GtkWidget *label;

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (card, "card");
  /* Cards in a row keep their own height rather than the tallest one's. */
  gtk_widget_set_valign (card, GTK_ALIGN_START);
  g_object_set_data_full (G_OBJECT (card), "brand", g_strdup (stats->name), g_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (card), box);

  title = g_strdup_printf ("<span foreground=\"%s\">●</span> %s",
                           stats->color != NULL ? stats->color : "#3584e4", escaped);
  label = card_label (NULL, "title-4");
  gtk_label_set_markup (GTK_LABEL (label), title);
  gtk_box_append (GTK_BOX (box), label);

  mentions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mention", "%u mentions",
                                           stats->mentions), stats->mentions);
  articles = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles",
                                           stats->articles), stats->articles);
  share_value = cited_format_value (round (stats->share_of_voice * 1000.0) / 10.0, "%", NULL);
  /* TRANSLATORS: e.g. "24% share of voice". */
  share = g_strdup_printf (_("%s share of voice"), share_value);
  counts = g_strdup_printf ("%s · %s · %s", mentions, articles, share);
  gtk_box_append (GTK_BOX (box), card_label (counts, NULL));

  gtk_box_append (GTK_BOX (box), card_label (_("Figures"), "caption-heading"));
  lines = figure_lines (self, stats->name, &error);
  if (lines == NULL)
    show_error_toast (self, _("Could not load figures"), error);
  if (lines != NULL && lines->len > 0)
    {
      for (guint i = 0; i < lines->len; i++)
        gtk_box_append (GTK_BOX (box), card_label (g_ptr_array_index (lines, i), NULL));
    }
  else
    {
      gtk_box_append (GTK_BOX (box), card_label (_("No figures cited"), "dim-label"));
    }

  gtk_box_append (GTK_BOX (box), card_label (_("Mentioned With"), "caption-heading"));
  g_clear_error (&error);
  comentions = cited_store_brand_comentions (self->store, stats->name, &error);
  if (comentions != NULL && comentions->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < comentions->len && i < MAX_COMENTIONS; i++)
        {
          CitedBrandStats *other = g_ptr_array_index (comentions, i);

          if (i > 0)
            g_string_append (text, " · ");
          /* TRANSLATORS: a brand and the number of articles shared, e.g. "Huawei (4)". */
          g_string_append_printf (text, _("%s (%u)"), other->name, other->mentions);
        }
      gtk_box_append (GTK_BOX (box), card_label (text->str, NULL));
    }
  else
    {
      gtk_box_append (GTK_BOX (box), card_label (_("No other brand"), "dim-label"));
    }

  return card;
}

static void
rebuild_cards (CitedBrandsPage *self)
{
  GtkWidget *child;
  g_autofree char *summary = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards))) != NULL)
    gtk_flow_box_remove (self->cards, child);

  for (guint i = 0; i + 1 < self->chosen->len; i++)
    {
      const char *name = g_ptr_array_index (self->chosen, i);

      for (guint j = 0; j < self->stats->len; j++)
        {
          CitedBrandStats *stats = g_ptr_array_index (self->stats, j);

          if (g_strcmp0 (stats->name, name) == 0)
            {
              gtk_flow_box_append (self->cards, build_card (self, stats));
              break;
            }
        }
    }

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Comparing %u of %u brand mentioned",
                                          "Comparing %u of %u brands mentioned",
                                          self->stats->len),
                             n_chosen (self), self->stats->len);
  gtk_label_set_text (self->summary_label, summary);
}

/* Choosing brands */

static void
brand_toggled_cb (CitedBrandsPage *self,
                  GtkCheckButton  *check)
{
  if (self->updating)
    return;

  clear_chosen (self);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->brand_checks));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
        add_chosen (self, g_object_get_data (G_OBJECT (child), "brand"));
    }

  rebuild_cards (self);
  update_chart (self);
}

static void
rebuild_checks (CitedBrandsPage *self)
{
  GtkWidget *child;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->brand_checks))) != NULL)
    gtk_box_remove (self->brand_checks, child);

  for (guint i = 0; i < self->stats->len; i++)
    {
      CitedBrandStats *stats = g_ptr_array_index (self->stats, i);
      /* TRANSLATORS: a brand and its number of mentions in the brand chooser. */
      g_autofree char *label = g_strdup_printf (_("%s (%u)"), stats->name, stats->mentions);
      GtkWidget *check = gtk_check_button_new_with_label (label);

      g_object_set_data_full (G_OBJECT (check), "brand", g_strdup (stats->name), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), is_chosen (self, stats->name));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (brand_toggled_cb), self);
      gtk_box_append (self->brand_checks, check);
    }
  self->updating = FALSE;
}

/* Charts */

static void
update_chart (CitedBrandsPage *self)
{
  g_autoptr(CitedChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  CitedBrandsChart kind = gtk_drop_down_get_selected (self->chart_kind);
  const char * const *brands = n_chosen (self) > 0 ? (const char * const *) self->chosen->pdata : NULL;
  gboolean have_chart;

  gtk_widget_set_visible (GTK_WIDGET (self->chart_metric), kind == CITED_BRANDS_CHART_METRIC);

  if (self->store != NULL && self->stats != NULL && self->stats->len > 0)
    {
      switch (kind)
        {
        case CITED_BRANDS_CHART_TREND:
          chart = cited_chart_new_trend (self->store, brands, &error);
          break;
        case CITED_BRANDS_CHART_METRIC:
          {
            guint selected = gtk_drop_down_get_selected (self->chart_metric);
            CitedQuery query = { 0 };

            if (selected < self->metric_keys->len)
              {
                query.metric = g_ptr_array_index (self->metric_keys, selected);
                chart = cited_chart_new_figures (self->store, &query, &error);
              }
          }
          break;
        case CITED_BRANDS_CHART_SHARE:
        default:
          chart = cited_chart_new_brands (self->store, brands, &error);
          break;
        }
      if (error != NULL)
        show_error_toast (self, _("Could not draw the chart"), error);
    }

  cited_chart_view_set_chart (self->chart_view, chart);

  have_chart = chart != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "brands.print", have_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "brands.export", have_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "brands.copy-image", have_chart);
}

static void
chart_choice_changed_cb (CitedBrandsPage *self)
{
  if (!self->updating)
    update_chart (self);
}

static void
bar_activated_cb (CitedBrandsPage *self,
                  GArray          *figure_ids)
{
  g_autoptr(CitedFigure) figure = NULL;

  if (self->store == NULL || figure_ids == NULL || figure_ids->len == 0)
    return;

  figure = cited_store_get_figure (self->store, g_array_index (figure_ids, gint64, 0), NULL);
  if (figure != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-article", "(xu)",
                                figure->article_id, (guint32) figure->sentence_start);
}

void
cited_brands_page_print (CitedBrandsPage *self)
{
  CitedChart *chart;

  g_return_if_fail (CITED_IS_BRANDS_PAGE (self));

  chart = cited_chart_view_get_chart (self->chart_view);
  if (chart != NULL)
    cited_export_print (GTK_WIDGET (self), chart);
  else
    show_toast (self, _("There is no chart to print. Import articles that mention brands first."));
}

void
cited_brands_page_export (CitedBrandsPage *self)
{
  CitedChart *chart;

  g_return_if_fail (CITED_IS_BRANDS_PAGE (self));

  chart = cited_chart_view_get_chart (self->chart_view);
  if (chart != NULL)
    cited_export_show_dialog (GTK_WIDGET (self->toast_overlay), chart);
  else
    show_toast (self, _("There is no chart to export. Import articles that mention brands first."));
}

void
cited_brands_page_copy_image (CitedBrandsPage *self)
{
  CitedChart *chart;

  g_return_if_fail (CITED_IS_BRANDS_PAGE (self));

  chart = cited_chart_view_get_chart (self->chart_view);
  if (chart == NULL)
    {
      show_toast (self, _("There is no chart to copy. Import articles that mention brands first."));
      return;
    }
  cited_export_copy_image (GTK_WIDGET (self), chart);
  show_toast (self, _("Chart copied as an image"));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  cited_brands_page_print (CITED_BRANDS_PAGE (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cited_brands_page_export (CITED_BRANDS_PAGE (widget));
}

static void
copy_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  cited_brands_page_copy_image (CITED_BRANDS_PAGE (widget));
}

/* Loading */

void
cited_brands_page_reload (CitedBrandsPage *self)
{
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GPtrArray) keep = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) metrics = NULL;
  g_autoptr(GtkStringList) metric_labels = gtk_string_list_new (NULL);
  g_autofree char *keep_metric = NULL;
  guint selected_metric = 0;

  g_return_if_fail (CITED_IS_BRANDS_PAGE (self));

  if (self->store == NULL)
    {
      g_ptr_array_set_size (self->stats, 0);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      cited_chart_view_set_chart (self->chart_view, NULL);
      return;
    }

  stats = cited_store_brand_stats (self->store, FALSE, &error);
  if (stats == NULL)
    {
      show_error_toast (self, _("Could not load brands"), error);
      return;
    }
  g_ptr_array_unref (self->stats);
  self->stats = g_steal_pointer (&stats);

  /* Keep the user's choice of brands where they still exist; start with the
   * most mentioned otherwise. */
  keep = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i + 1 < self->chosen->len; i++)
    g_ptr_array_add (keep, g_strdup (g_ptr_array_index (self->chosen, i)));
  clear_chosen (self);
  for (guint i = 0; i < keep->len; i++)
    for (guint j = 0; j < self->stats->len; j++)
      {
        CitedBrandStats *s = g_ptr_array_index (self->stats, j);
        if (g_strcmp0 (s->name, g_ptr_array_index (keep, i)) == 0)
          add_chosen (self, s->name);
      }
  if (n_chosen (self) == 0)
    for (guint j = 0; j < self->stats->len && j < DEFAULT_BRANDS; j++)
      add_chosen (self, ((CitedBrandStats *) g_ptr_array_index (self->stats, j))->name);

  {
    guint current = gtk_drop_down_get_selected (self->chart_metric);
    if (current < self->metric_keys->len)
      keep_metric = g_strdup (g_ptr_array_index (self->metric_keys, current));
  }
  metrics = cited_store_list_metrics (self->store, NULL);
  g_ptr_array_set_size (self->metric_keys, 0);
  for (guint i = 0; metrics != NULL && metrics[i] != NULL; i++)
    {
      g_autofree char *label = cited_metric_label (metrics[i]);

      g_ptr_array_add (self->metric_keys, g_strdup (metrics[i]));
      gtk_string_list_append (metric_labels, label);
      if (keep_metric != NULL ? g_strcmp0 (metrics[i], keep_metric) == 0
                              : g_strcmp0 (metrics[i], "sales") == 0)
        selected_metric = i;
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->chart_metric, G_LIST_MODEL (metric_labels));
  if (self->metric_keys->len > 0)
    gtk_drop_down_set_selected (self->chart_metric, selected_metric);
  self->updating = FALSE;

  gtk_stack_set_visible_child_name (self->stack, self->stats->len > 0 ? "brands" : "empty");
  rebuild_checks (self);
  rebuild_cards (self);
  update_chart (self);
}

/* Test and window access */

CitedChartView *
cited_brands_page_get_chart_view (CitedBrandsPage *self)
{
  g_return_val_if_fail (CITED_IS_BRANDS_PAGE (self), NULL);
  return self->chart_view;
}

void
cited_brands_page_set_chart (CitedBrandsPage  *self,
                             CitedBrandsChart  chart,
                             const char       *metric)
{
  g_return_if_fail (CITED_IS_BRANDS_PAGE (self));

  self->updating = TRUE;
  if (metric != NULL)
    for (guint i = 0; i < self->metric_keys->len; i++)
      if (g_strcmp0 (g_ptr_array_index (self->metric_keys, i), metric) == 0)
        gtk_drop_down_set_selected (self->chart_metric, i);
  gtk_drop_down_set_selected (self->chart_kind, chart);
  self->updating = FALSE;
  update_chart (self);
}

const char * const *
cited_brands_page_get_brands (CitedBrandsPage *self)
{
  g_return_val_if_fail (CITED_IS_BRANDS_PAGE (self), NULL);
  return (const char * const *) self->chosen->pdata;
}

void
cited_brands_page_set_brands (CitedBrandsPage    *self,
                              const char * const *brands)
{
  g_return_if_fail (CITED_IS_BRANDS_PAGE (self));

  clear_chosen (self);
  for (guint i = 0; brands != NULL && brands[i] != NULL; i++)
    add_chosen (self, brands[i]);
  rebuild_checks (self);
  rebuild_cards (self);
  update_chart (self);
}

static void
collect_label_text (GtkWidget *widget,
                    GString   *text)
{
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_text (child, text);
}

char *
cited_brands_page_dup_card_text (CitedBrandsPage *self,
                                 const char      *brand)
{
  g_return_val_if_fail (CITED_IS_BRANDS_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->cards));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (card != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (card), "brand"), brand) == 0)
        {
          GString *text = g_string_new (NULL);
          collect_label_text (card, text);
          return g_string_free (text, FALSE);
        }
    }
  return NULL;
}

/* GObject */

static void
cited_brands_page_dispose (GObject *object)
{
  /* AdwBin unparents its child (the template's content) itself; disposing
   * the template as well would unparent it twice. */
  G_OBJECT_CLASS (cited_brands_page_parent_class)->dispose (object);
}

static void
cited_brands_page_finalize (GObject *object)
{
  CitedBrandsPage *self = CITED_BRANDS_PAGE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->stats, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, g_ptr_array_unref);
  g_clear_pointer (&self->metric_keys, g_ptr_array_unref);

  G_OBJECT_CLASS (cited_brands_page_parent_class)->finalize (object);
}

static void
cited_brands_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CitedBrandsPage *self = CITED_BRANDS_PAGE (object);

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
cited_brands_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CitedBrandsPage *self = CITED_BRANDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          cited_brands_page_reload (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_brands_page_class_init (CitedBrandsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cited_brands_page_dispose;
  object_class->finalize = cited_brands_page_finalize;
  object_class->get_property = cited_brands_page_get_property;
  object_class->set_property = cited_brands_page_set_property;

  props[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CITED_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, props);

  g_type_ensure (CITED_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cited/Cited/cited-brands-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CitedBrandsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CitedBrandsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CitedBrandsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CitedBrandsPage, brands_button);
  gtk_widget_class_bind_template_child (widget_class, CitedBrandsPage, brand_checks);
  gtk_widget_class_bind_template_child (widget_class, CitedBrandsPage, cards);
  gtk_widget_class_bind_template_child (widget_class, CitedBrandsPage, chart_kind);
  gtk_widget_class_bind_template_child (widget_class, CitedBrandsPage, chart_metric);
  gtk_widget_class_bind_template_child (widget_class, CitedBrandsPage, chart_view);

  gtk_widget_class_install_action (widget_class, "brands.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "brands.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "brands.copy-image", NULL, copy_image_action);
}

static void
cited_brands_page_init (CitedBrandsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->stats = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_brand_stats_free);
  self->chosen = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->chosen, NULL);
  self->metric_keys = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect_swapped (self->chart_kind, "notify::selected",
                            G_CALLBACK (chart_choice_changed_cb), self);
  g_signal_connect_swapped (self->chart_metric, "notify::selected",
                            G_CALLBACK (chart_choice_changed_cb), self);
  g_signal_connect_swapped (self->chart_view, "bar-activated",
                            G_CALLBACK (bar_activated_cb), self);

  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->chart_metric), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "brands.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "brands.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "brands.copy-image", FALSE);
}
