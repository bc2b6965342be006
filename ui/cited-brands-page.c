/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-brands-page"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cited-brand-editor.h"
#include "cited-brands-page-private.h"
#include "cited-chart-view.h"
#include "cited-export.h"
#include "cited-figure-object.h"
#include "cited-store-private.h"
#include "cited-spinner.h"

#define DEFAULT_BRANDS 4
#define DISCOVERED_PAGE 20
/* The companies listed with the page at first: their rows, each with
 * three buttons and a wrapped example, took a fifth of the page's first
 * layout and drawing at twenty. */
#define DISCOVERED_FIRST 5
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
  GtkLabel *discovered_title;
  GtkListBox *discovered_list;

  GPtrArray *stats;           /* CitedBrandStats, most mentioned first */
  GPtrArray *discovered;      /* CitedDiscovered waiting for a decision */
  guint n_discovered_shown;   /* the first ones, listed; a button lists more */
  GPtrArray *chosen;          /* char*, NULL-terminated */
  GPtrArray *metric_keys;     /* char* */

  /* A brand's card contents (CardData) read with the page, so showing the
   * page runs no query per card on this thread. */
  GHashTable *cards_data;
  GCancellable *load_cancellable;
  /* The compared brands' figure lines, read after the cards are shown,
   * a read per brand over the store's readers at once. */
  GCancellable *lines_cancellable;
  guint lines_reads;          /* of those, still running */
  CitedBrandEditor *editor;   /* kept once opened, with its undo history */
  /* The lexicon's brands by name, for "Merge into…"; made when a merge
   * popover first opens after a reload. */
  GtkStringList *merge_targets;

  guint updating : 1;
  guint loading : 1;
  guint cards_loaded : 1;
  guint checks_stale : 1;     /* brand_checks to be made when next shown */
};

/* A card's contents. The brands mentioned with it are read with the
 * page (a row each in brand_pairs); its figure lines, which group every
 * figure of the brand into claims, are read afterwards in a worker
 * (request_lines()), the card saying meanwhile that they are read. */
typedef struct {
  GPtrArray *lines;           /* char*, or NULL when not read yet or reading them failed */
  GPtrArray *comentions;      /* CitedBrandStats, or NULL */
  GError *error;              /* why @lines is NULL, when reading them failed */
} CardData;

static void
card_data_free (CardData *data)
{
  g_clear_pointer (&data->lines, g_ptr_array_unref);
  g_clear_pointer (&data->comentions, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

G_DEFINE_FINAL_TYPE (CitedBrandsPage, cited_brands_page, ADW_TYPE_BIN)

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

static void update_chart (CitedBrandsPage *self);
static void request_lines (CitedBrandsPage *self);
static void set_loading (CitedBrandsPage *self, gboolean loading);

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

/* "more than 24K global", "140M overseas (2021)", "190M global (2021, 2
 * sources)": a claim once, however many times it is cited. */
static char *
claim_phrase (const CitedClaim *claim)
{
  g_autofree char *value = cited_format_value (claim->value, claim->unit, claim->currency);
  GString *phrase = g_string_new (NULL);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);

  if (claim->qualifier != NULL)
    g_string_append_printf (phrase, "%s ", cited_value_qualifier_words (claim->qualifier));
  g_string_append (phrase, value);
  if (isfinite (claim->value_max) && claim->value_max > claim->value)
    {
      g_autofree char *high = cited_format_value (claim->value_max, claim->unit, claim->currency);
      g_string_append_printf (phrase, "–%s", high);
    }
  if (claim->scope != NULL)
    g_string_append_printf (phrase, " %s", claim->scope);
  if (claim->year > 0)
    g_ptr_array_add (notes, g_strdup_printf ("%d", claim->year));
  if (claim->n_sources > 1)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u source",
                                                          "%u sources", claim->n_sources),
                                             claim->n_sources));
  if (notes->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (notes, NULL);
      joined = g_strjoinv (", ", (char **) notes->pdata);
      g_string_append_printf (phrase, " (%s)", joined);
    }
  return g_string_free (phrase, FALSE);
}

/* By metric, then the headline number first: the largest value, or for
 * ranks the best (lowest) place. */
static int
compare_headline_first_cb (gconstpointer a,
                           gconstpointer b)
{
  const CitedClaim *ca = *(CitedClaim * const *) a;
  const CitedClaim *cb = *(CitedClaim * const *) b;
  int by_metric = g_strcmp0 (ca->metric, cb->metric);

  if (by_metric != 0)
    return by_metric;
  if (g_strcmp0 (ca->metric, "rank") == 0)
    return (ca->value > cb->value) - (ca->value < cb->value);
  return (ca->value < cb->value) - (ca->value > cb->value);
}

/* "Sales: 190M global · 140M overseas · 50M domestic", one line per metric,
 * metrics in the store's order (most figures first). */
static GPtrArray *
figure_lines (CitedStore *store,
              GPtrArray  *metric_keys,
              const char *brand,
              GError    **error)
{
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GHashTable) by_metric = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GPtrArray *lines;
  CitedQuery query = { 0 };

  query.brand = brand;
  claims = cited_store_list_claims_without_texts (store, &query, error);
  if (claims == NULL)
    return NULL;
  g_ptr_array_sort (claims, compare_headline_first_cb);

  by_metric = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < metric_keys->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (metric_keys, i));

  for (guint i = 0; i < claims->len; i++)
    {
      CitedClaim *f = g_ptr_array_index (claims, i);
      g_autofree char *phrase = NULL;
      GPtrArray *values;

      if (f->metric == NULL)
        continue;
      values = g_hash_table_lookup (by_metric, f->metric);
      if (values == NULL)
        {
          values = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (by_metric, g_strdup (f->metric), values);
          if (!g_ptr_array_find_with_equal_func (order, f->metric, g_str_equal, NULL))
            g_ptr_array_add (order, f->metric);
        }
      phrase = claim_phrase (f);
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

/* Reads what @brand's card shows at once, its figure lines aside; on any
 * thread, over @store. */
static CardData *
read_card_data (CitedStore *store,
                const char *brand)
{
  CardData *data = g_new0 (CardData, 1);

  data->comentions = cited_store_brand_comentions (store, brand, NULL);
  return data;
}

static CardData *
lookup_card_data (CitedBrandsPage *self,
                  const char      *brand)
{
  CardData *data = g_hash_table_lookup (self->cards_data, brand);

  if (data == NULL)
    {
      data = read_card_data (self->store, brand);
      g_hash_table_insert (self->cards_data, g_strdup (brand), data);
    }
  return data;
}

static gboolean
lines_pending (CardData *data)
{
  return data->lines == NULL && data->error == NULL;
}

/* Fills a card's figures section, @box, from @data. */
static void
fill_figure_lines (CitedBrandsPage *self,
                   GtkWidget       *box,
                   CardData        *data)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);

  if (lines_pending (data))
    {
      gtk_box_append (GTK_BOX (box), card_label (_("Reading figures…"), "dim-label"));
      return;
    }
  if (data->error != NULL)
    show_error_toast (self, _("Could not load figures"), data->error);
  if (data->lines != NULL && data->lines->len > 0)
    {
      for (guint i = 0; i < data->lines->len; i++)
        gtk_box_append (GTK_BOX (box), card_label (g_ptr_array_index (data->lines, i), NULL));
    }
  else
    {
      gtk_box_append (GTK_BOX (box), card_label (_("No figures cited"), "dim-label"));
    }
}

static GtkWidget *
build_card (CitedBrandsPage       *self,
            const CitedBrandStats *stats)
{
  CardData *data = lookup_card_data (self, stats->name);
  GPtrArray *comentions = data->comentions;
  GtkWidget *figures;
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
  figures = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_object_set_data (G_OBJECT (card), "figures", figures);
  fill_figure_lines (self, figures, data);
  gtk_box_append (GTK_BOX (box), figures);

  gtk_box_append (GTK_BOX (box), card_label (_("Mentioned With"), "caption-heading"));
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
  request_lines (self);
}

/* The figure lines of the compared brands, read in a worker after their
 * cards are on screen. */

typedef struct {
  GPtrArray *metric_keys;     /* char* */
  GPtrArray *brands;          /* char* */
} LinesRequest;

static void
lines_request_free (LinesRequest *request)
{
  g_ptr_array_unref (request->metric_keys);
  g_ptr_array_unref (request->brands);
  g_free (request);
}

static void
cards_data_free (gpointer data)
{
  g_hash_table_unref (data);
}

static gpointer
lines_read_cb (CitedStore    *reader,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  LinesRequest *request = data;
  g_autoptr(GHashTable) result = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) card_data_free);

  for (guint i = 0; i < request->brands->len; i++)
    {
      const char *brand = g_ptr_array_index (request->brands, i);
      CardData *card = g_new0 (CardData, 1);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          card_data_free (card);
          return NULL;
        }
      card->lines = figure_lines (reader, request->metric_keys, brand, &card->error);
      g_hash_table_insert (result, g_strdup (brand), card);
    }
  return g_steal_pointer (&result);
}

static GtkWidget *
find_card (CitedBrandsPage *self,
           const char      *brand)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->cards));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (card != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (card), "brand"), brand) == 0)
        return card;
    }
  return NULL;
}

typedef struct {
  GWeakRef page;
  char *brand;
} LinesCall;

static void
lines_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  LinesCall *call = user_data;
  g_autoptr(CitedBrandsPage) self = g_weak_ref_get (&call->page);
  g_autofree char *brand = g_steal_pointer (&call->brand);
  g_autoptr(GHashTable) result = NULL;
  g_autoptr(GError) error = NULL;
  CardData *data;

  g_weak_ref_clear (&call->page);
  g_free (call);

  result = cited_store_read_finish (CITED_STORE (source), res, &error);
  if (self == NULL || g_task_get_cancellable (G_TASK (res)) != self->lines_cancellable)
    return;

  data = g_hash_table_lookup (self->cards_data, brand);
  if (data != NULL && lines_pending (data))
    {
      CardData *read = result != NULL ? g_hash_table_lookup (result, brand) : NULL;
      GtkWidget *card = find_card (self, brand);

      if (read != NULL)
        {
          data->lines = g_steal_pointer (&read->lines);
          data->error = g_steal_pointer (&read->error);
        }
      else
        {
          /* Said once on the card, not read again and again. */
          data->error = g_steal_pointer (&error);
        }
      if (card != NULL)
        fill_figure_lines (self, g_object_get_data (G_OBJECT (card), "figures"), data);
    }

  if (--self->lines_reads > 0)
    return;
  g_clear_object (&self->lines_cancellable);
  /* Brands chosen while these were read. */
  request_lines (self);
}

/* Reads the figure lines of the compared brands that have none yet;
 * #CitedBrandsPage:loading stays %TRUE until they are on screen. */
static void
request_lines (CitedBrandsPage *self)
{
  g_autoptr(GPtrArray) brands = g_ptr_array_new_with_free_func (g_free);

  /* A read running, or the page's own: the lines follow them. */
  if (self->lines_cancellable != NULL || self->load_cancellable != NULL || self->store == NULL)
    return;

  for (guint i = 0; i + 1 < self->chosen->len; i++)
    {
      const char *brand = g_ptr_array_index (self->chosen, i);
      CardData *data = g_hash_table_lookup (self->cards_data, brand);

      if (data != NULL && lines_pending (data))
        g_ptr_array_add (brands, g_strdup (brand));
    }
  if (brands->len == 0)
    {
      set_loading (self, FALSE);
      return;
    }

  set_loading (self, TRUE);
  self->lines_cancellable = g_cancellable_new ();
  /* One brand at a time, the next when it is read (lines_done_cb()): a
   * brand's lines group every figure of the brand, some 190,000 for the
   * most cited at a million articles, and three read at once on the
   * store's readers took their memory together. */
  for (guint i = 0; i < MIN (brands->len, 1); i++)
    {
      LinesRequest *request = g_new0 (LinesRequest, 1);
      LinesCall *call = g_new0 (LinesCall, 1);

      request->brands = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (request->brands, g_strdup (g_ptr_array_index (brands, i)));
      request->metric_keys = g_ptr_array_new_with_free_func (g_free);
      for (guint j = 0; j < self->metric_keys->len; j++)
        g_ptr_array_add (request->metric_keys, g_strdup (g_ptr_array_index (self->metric_keys, j)));
      g_weak_ref_init (&call->page, self);
      call->brand = g_strdup (g_ptr_array_index (brands, i));
      self->lines_reads++;
      cited_store_read_async (self->store, lines_read_cb, request, (GDestroyNotify) lines_request_free,
                              cards_data_free, self->lines_cancellable, lines_done_cb, call);
    }
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
build_checks (CitedBrandsPage *self)
{
  GtkWidget *child;

  self->checks_stale = FALSE;
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

/* A check button per brand mentioned (1,313 at 100,000 articles) is made
 * when the chooser opens, not with the page: making them took as long as
 * the rest of the page's first frame. */
static void
rebuild_checks (CitedBrandsPage *self)
{
  GtkPopover *popover = gtk_menu_button_get_popover (self->brands_button);

  if (popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover)))
    build_checks (self);
  else
    self->checks_stale = TRUE;
}

static void
brands_popover_show_cb (CitedBrandsPage *self)
{
  if (self->checks_stale)
    build_checks (self);
}

/* Companies found in the articles */

static void
update_discovered_title (CitedBrandsPage *self,
                         guint            n)
{
  g_autofree char *title = NULL;

  if (n == 0)
    title = g_strdup (_("Companies Found in Your Articles"));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u company found in your articles",
                                          "%u companies found in your articles", n), n);
  gtk_label_set_text (self->discovered_title, title);
}

typedef struct {
  CitedBrandsPage *page;
  char            *name;
  char            *target;
} MergeLater;

static void
merge_later_free (gpointer data)
{
  MergeLater *later = data;

  g_object_unref (later->page);
  g_free (later->name);
  g_free (later->target);
  g_free (later);
}

static gboolean
merge_later_cb (gpointer data)
{
  MergeLater *later = data;

  gtk_widget_activate_action (GTK_WIDGET (later->page), "discovered.merge", "(ss)",
                              later->name, later->target);
  return G_SOURCE_REMOVE;
}

static void
merge_clicked_cb (GtkButton       *button,
                  CitedBrandsPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "name");
  GtkDropDown *targets = g_object_get_data (G_OBJECT (button), "targets");
  GtkStringObject *target = gtk_drop_down_get_selected_item (targets);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  MergeLater *later;

  if (target == NULL)
    return;
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  /* The merge reloads the list, which destroys this row, its "Merge
   * into…" button and this popover: not while the click that is being
   * handled still uses them. */
  later = g_new0 (MergeLater, 1);
  later->page = g_object_ref (self);
  later->name = g_strdup (name);
  later->target = g_strdup (gtk_string_object_get_string (target));
  g_idle_add_full (G_PRIORITY_DEFAULT, merge_later_cb, later, merge_later_free);
}

/* "Merge into…": the brands to pick from, searchable, and a button. */
static GtkWidget *
build_merge_popover (CitedBrandsPage *self,
                     const char      *name,
                     GListModel      *brands)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *heading = g_strdup_printf (_("Merge “%s” into"), name);
  GtkWidget *label = gtk_label_new (heading);
  GtkWidget *targets;
  GtkWidget *button;

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  targets = gtk_drop_down_new (g_object_ref (brands),
                               gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (targets), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (targets),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Brand"), -1);
  gtk_box_append (GTK_BOX (box), targets);

  button = gtk_button_new_with_label (_("Merge"));
  gtk_widget_add_css_class (button, "suggested-action");
  g_object_set_data_full (G_OBJECT (button), "name", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (button), "targets", targets);
  g_signal_connect (button, "clicked", G_CALLBACK (merge_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), button);
  return popover;
}

static int
compare_names_cb (gconstpointer a,
                  gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* Merge targets: the lexicon's brands, by name. */
static GListModel *
get_merge_targets (CitedBrandsPage *self)
{
  if (self->merge_targets == NULL)
    {
      CitedLexicon *lexicon = cited_store_get_lexicon (self->store);
      guint n = cited_lexicon_get_n_brands (lexicon);
      g_autoptr(GPtrArray) names = g_ptr_array_new_full (n + 1, NULL);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (names, (gpointer) cited_lexicon_get_name (lexicon, i));
      g_ptr_array_sort (names, compare_names_cb);
      g_ptr_array_add (names, NULL);
      self->merge_targets = gtk_string_list_new ((const char * const *) names->pdata);
    }
  return G_LIST_MODEL (self->merge_targets);
}

/* A row's "Merge into…" popover is made when it first opens: a page may
 * list a thousand companies, and a drop-down of every brand for each of
 * them took seconds and gigabytes. */
static void
create_merge_popover_cb (GtkMenuButton *merge,
                         gpointer       user_data)
{
  CitedBrandsPage *self = CITED_BRANDS_PAGE (user_data);
  const char *name = g_object_get_data (G_OBJECT (merge), "name");

  if (gtk_menu_button_get_popover (merge) != NULL || self->store == NULL || name == NULL)
    return;
  gtk_menu_button_set_popover (merge, build_merge_popover (self, name, get_merge_targets (self)));
}

static GtkWidget *
row_button (const char *label,
            const char *accessible_label,
            const char *action,
            const char *name)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (name));
  /* "Hide" alone does not say which company to a screen reader. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return button;
}

static GtkWidget *
build_discovered_row (CitedBrandsPage       *self,
                      const CitedDiscovered *discovered)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (discovered->name, -1);
  g_autofree char *articles = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *accept_label = NULL;
  g_autofree char *merge_label = NULL;
  g_autofree char *hide_label = NULL;
  GtkWidget *label;
  GtkWidget *merge;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (discovered->example != NULL)
    {
      g_autofree char *example = g_markup_escape_text (discovered->example, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), example);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "name", g_strdup (discovered->name), g_free);

  articles = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles",
                                           discovered->articles), discovered->articles);
  figures = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u figure", "%u figures",
                                          discovered->n_figures), discovered->n_figures);
  counts = g_strdup_printf ("%s · %s", articles, figures);
  label = gtk_label_new (counts);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  /* TRANSLATORS: accessible label of the Accept button of a company */
  accept_label = g_strdup_printf (_("Accept %s as a brand"), discovered->name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (_("Accept"), accept_label, "discovered.accept", discovered->name));

  merge = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (merge), _("Merge into…"));
  gtk_widget_set_valign (merge, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (merge), "name", g_strdup (discovered->name), g_free);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (merge), create_merge_popover_cb, self, NULL);
  /* TRANSLATORS: accessible label of the "Merge into…" button of a company */
  merge_label = g_strdup_printf (_("Merge %s into a brand"), discovered->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (merge), GTK_ACCESSIBLE_PROPERTY_LABEL, merge_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), merge);

  /* TRANSLATORS: accessible label of the Hide button of a company */
  hide_label = g_strdup_printf (_("Hide %s"), discovered->name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (_("Hide"), hide_label, "discovered.hide", discovered->name));
  return row;
}

static void show_more_discovered (CitedBrandsPage *self);

static gboolean
show_more_later_cb (gpointer data)
{
  show_more_discovered (CITED_BRANDS_PAGE (data));
  return G_SOURCE_REMOVE;
}

static void
more_clicked_cb (CitedBrandsPage *self)
{
  /* Listing more removes the row of the button being clicked: once the
   * click is handled. */
  g_idle_add_full (G_PRIORITY_DEFAULT, show_more_later_cb, g_object_ref (self), g_object_unref);
}

/* Lists the next DISCOVERED_PAGE companies, and a button for the rest. A
 * large corpus finds a thousand or more; listing them all at once took
 * seconds to lay out, and the most frequent come first. */
static void
show_more_discovered (CitedBrandsPage *self)
{
  GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (self->discovered_list));
  guint end = MIN (self->discovered->len,
                   self->n_discovered_shown + (self->n_discovered_shown == 0 ? DISCOVERED_FIRST
                                                                             : DISCOVERED_PAGE));

  if (last != NULL && g_object_get_data (G_OBJECT (last), "more") != NULL)
    gtk_list_box_remove (self->discovered_list, last);

  for (; self->n_discovered_shown < end; self->n_discovered_shown++)
    gtk_list_box_append (self->discovered_list,
                         build_discovered_row (self, g_ptr_array_index (self->discovered,
                                                                        self->n_discovered_shown)));

  if (self->n_discovered_shown < self->discovered->len)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Show _More"));

      gtk_widget_add_css_class (button, "flat");
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (more_clicked_cb), self);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      g_object_set_data (G_OBJECT (row), "more", GINT_TO_POINTER (TRUE));
      gtk_list_box_append (self->discovered_list, row);
    }
}

static void
rebuild_discovered (CitedBrandsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->discovered_list))) != NULL)
    gtk_list_box_remove (self->discovered_list, child);
  /* The lexicon may have changed since. */
  g_clear_object (&self->merge_targets);

  self->n_discovered_shown = 0;
  show_more_discovered (self);
  update_discovered_title (self, self->discovered->len);
}

/* Takes @name off the list at once, before the reload that follows a
 * decision. */
static void
remove_discovered_row (CitedBrandsPage *self,
                       const char      *name)
{
  for (guint i = 0; i < self->discovered->len; i++)
    {
      const CitedDiscovered *discovered = g_ptr_array_index (self->discovered, i);

      if (g_strcmp0 (discovered->name, name) == 0)
        {
          if (i < self->n_discovered_shown)
            self->n_discovered_shown--;
          g_ptr_array_remove_index (self->discovered, i);
          break;
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->discovered_list));
       child != NULL;)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      const char *row_name = g_object_get_data (G_OBJECT (child), "name");

      if (row_name != NULL && g_strcmp0 (row_name, name) == 0)
        gtk_list_box_remove (self->discovered_list, child);
      child = next;
    }
  update_discovered_title (self, self->discovered->len);
}

/* Accept, merge, hide and their undo. Each is a few UPDATEs over the
 * articles that name the company (accept re-scans those), quick enough
 * for the main thread; running them on the page's own connection keeps
 * its lexicon in step with an accepted brand. */
static void
discovered_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CitedBrandsPage *self = CITED_BRANDS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *name = NULL;
  const char *into = NULL;
  gboolean undoable = FALSE;
  gboolean ok;
  AdwToast *toast;

  if (self->store == NULL)
    return;

  if (g_str_equal (action_name, "discovered.merge"))
    g_variant_get (parameter, "(&s&s)", &name, &into);
  else
    name = g_variant_get_string (parameter, NULL);

  if (g_str_equal (action_name, "discovered.accept"))
    {
      ok = cited_store_accept_discovered (self->store, name, &error);
      /* TRANSLATORS: toast after accepting a company found in the articles */
      title = g_strdup_printf (_("%s is one of your brands now"), name);
    }
  else if (g_str_equal (action_name, "discovered.merge"))
    {
      ok = cited_store_merge_discovered (self->store, name, into, &error);
      /* TRANSLATORS: toast, e.g. "Yukos merged into Samsung" */
      title = g_strdup_printf (_("%s merged into %s"), name, into);
      undoable = TRUE;
    }
  else if (g_str_equal (action_name, "discovered.hide"))
    {
      ok = cited_store_hide_discovered (self->store, name, &error);
      /* TRANSLATORS: toast after hiding a company found in the articles */
      title = g_strdup_printf (_("%s hidden"), name);
      undoable = TRUE;
    }
  else
    {
      ok = cited_store_restore_discovered (self->store, name, &error);
      /* TRANSLATORS: toast after undoing a merge or a hide */
      title = g_strdup_printf (_("%s is back among the companies found"), name);
    }

  if (!ok)
    {
      show_error_toast (self, _("Could not change the company"), error);
      return;
    }

  toast = adw_toast_new (title);
  if (undoable)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "discovered.restore");
      adw_toast_set_action_target_value (toast, g_variant_new_string (name));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  /* The row goes at once; the reload brings the counts and the cards. */
  remove_discovered_row (self, name);
  g_signal_emit (self, signals[SIGNAL_STORE_CHANGED], 0);
  cited_brands_page_reload (self);
}

/* The brands editor */

static void
drop_editor (CitedBrandsPage *self)
{
  if (self->editor == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->editor, self);
  gtk_window_destroy (GTK_WINDOW (self->editor));
  g_clear_object (&self->editor);
}

/* A change in the editor moved mentions and figures: every page reads
 * the store again. */
static void
editor_changed_cb (CitedBrandsPage *self)
{
  g_signal_emit (self, signals[SIGNAL_STORE_CHANGED], 0);
  cited_brands_page_reload (self);
}

CitedBrandEditor *
cited_brands_page_get_editor (CitedBrandsPage *self)
{
  g_return_val_if_fail (CITED_IS_BRANDS_PAGE (self), NULL);

  if (self->editor == NULL && self->store != NULL)
    {
      self->editor = g_object_ref_sink (cited_brand_editor_new (self->store));
      g_signal_connect_swapped (self->editor, "changed", G_CALLBACK (editor_changed_cb), self);
    }
  return self->editor;
}

gint64
cited_brands_page_get_history_time (CitedBrandsPage *self,
                                    gboolean         redo)
{
  g_return_val_if_fail (CITED_IS_BRANDS_PAGE (self), 0);
  return self->editor != NULL ? cited_brand_editor_get_history_time (self->editor, redo) : 0;
}

gboolean
cited_brands_page_step_history (CitedBrandsPage *self,
                                gboolean         redo)
{
  g_return_val_if_fail (CITED_IS_BRANDS_PAGE (self), FALSE);
  if (self->editor == NULL)
    return FALSE;
  return redo ? cited_brand_editor_redo (self->editor) : cited_brand_editor_undo (self->editor);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CitedBrandsPage *self = CITED_BRANDS_PAGE (widget);
  CitedBrandEditor *editor = cited_brands_page_get_editor (self);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (editor == NULL)
    return;
  /* The first brand compared, to begin with. */
  if (n_chosen (self) > 0 && cited_brand_editor_get_selected (editor) == NULL)
    cited_brand_editor_select (editor, g_ptr_array_index (self->chosen, 0));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

/* Charts */

/* The chart of @kind over @store; on any thread. NULL without an error when
 * there is nothing to chart. */
static CitedChart *
build_chart (CitedStore          *store,
             CitedBrandsChart     kind,
             const char * const  *brands,
             const char          *metric,
             GError             **error)
{
  switch (kind)
    {
    case CITED_BRANDS_CHART_TREND:
      return cited_chart_new_trend (store, brands, error);
    case CITED_BRANDS_CHART_METRIC:
      {
        CitedQuery query = { 0 };

        if (metric == NULL)
          return NULL;
        query.metric = metric;
        return cited_chart_new_figures (store, &query, error);
      }
    case CITED_BRANDS_CHART_SHARE:
    default:
      return cited_chart_new_brands (store, brands, error);
    }
}

static void
set_chart (CitedBrandsPage *self,
           CitedChart      *chart)
{
  gboolean have_chart;

  gtk_widget_set_visible (GTK_WIDGET (self->chart_metric),
                          gtk_drop_down_get_selected (self->chart_kind) == CITED_BRANDS_CHART_METRIC);
  cited_chart_view_set_chart (self->chart_view, chart);

  have_chart = chart != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "brands.print", have_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "brands.export", have_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "brands.copy-image", have_chart);
}

static void
update_chart (CitedBrandsPage *self)
{
  g_autoptr(CitedChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  CitedBrandsChart kind = gtk_drop_down_get_selected (self->chart_kind);
  const char * const *brands = n_chosen (self) > 0 ? (const char * const *) self->chosen->pdata : NULL;
  guint selected = gtk_drop_down_get_selected (self->chart_metric);
  const char *metric = selected < self->metric_keys->len ? g_ptr_array_index (self->metric_keys, selected) : NULL;

  if (self->store != NULL && self->stats != NULL && self->stats->len > 0)
    {
      chart = build_chart (self->store, kind, brands, metric, &error);
      if (error != NULL)
        show_error_toast (self, _("Could not draw the chart"), error);
    }
  set_chart (self, chart);
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

/* What a load reads in a worker thread, over one of the store's readers. */
typedef struct {
  GStrv keep_brands;          /* the brands compared before */
  char *keep_metric;          /* the metric charted before, or NULL */
  CitedBrandsChart kind;
} LoadRequest;

typedef struct {
  GPtrArray *stats;           /* CitedBrandStats */
  GPtrArray *discovered;      /* CitedDiscovered */
  GPtrArray *chosen;          /* char*, NULL-terminated */
  GPtrArray *metric_keys;     /* char* */
  guint selected_metric;
  GHashTable *cards_data;     /* brand → CardData */
  CitedChart *chart;
} LoadResult;

static void
load_request_free (LoadRequest *request)
{
  g_strfreev (request->keep_brands);
  g_free (request->keep_metric);
  g_free (request);
}

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->stats, g_ptr_array_unref);
  g_clear_pointer (&result->discovered, g_ptr_array_unref);
  g_clear_pointer (&result->chosen, g_ptr_array_unref);
  g_clear_pointer (&result->metric_keys, g_ptr_array_unref);
  g_clear_pointer (&result->cards_data, g_hash_table_unref);
  g_clear_pointer (&result->chart, cited_chart_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

static GHashTable *
new_cards_data (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) card_data_free);
}

/* Everything the page shows, read from @store; runs in a worker thread (or
 * on the main thread for a store with no file). */
static LoadResult *
load_brands (CitedStore     *store,
             LoadRequest    *request,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(LoadResult) result = g_new0 (LoadResult, 1);
  g_auto(GStrv) metrics = NULL;
  const char *metric = NULL;

  result->stats = cited_store_brand_stats (store, FALSE, error);
  if (result->stats == NULL)
    return NULL;
  result->discovered = cited_store_list_discovered (store, FALSE, error);
  if (result->discovered == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Keep the user's choice of brands where they still exist; start with the
   * most mentioned otherwise. */
  result->chosen = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; request->keep_brands != NULL && request->keep_brands[i] != NULL; i++)
    for (guint j = 0; j < result->stats->len; j++)
      {
        CitedBrandStats *s = g_ptr_array_index (result->stats, j);
        if (g_strcmp0 (s->name, request->keep_brands[i]) == 0)
          g_ptr_array_add (result->chosen, g_strdup (s->name));
      }
  if (result->chosen->len == 0)
    for (guint j = 0; j < result->stats->len && j < DEFAULT_BRANDS; j++)
      g_ptr_array_add (result->chosen,
                       g_strdup (((CitedBrandStats *) g_ptr_array_index (result->stats, j))->name));
  g_ptr_array_add (result->chosen, NULL);

  metrics = cited_store_list_metrics (store, NULL);
  result->metric_keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; metrics != NULL && metrics[i] != NULL; i++)
    {
      g_ptr_array_add (result->metric_keys, g_strdup (metrics[i]));
      if (request->keep_metric != NULL ? g_strcmp0 (metrics[i], request->keep_metric) == 0
                                       : g_strcmp0 (metrics[i], "sales") == 0)
        result->selected_metric = i;
    }
  if (result->selected_metric < result->metric_keys->len)
    metric = g_ptr_array_index (result->metric_keys, result->selected_metric);

  result->cards_data = new_cards_data ();
  for (guint i = 0; i + 1 < result->chosen->len; i++)
    {
      const char *brand = g_ptr_array_index (result->chosen, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_hash_table_insert (result->cards_data, g_strdup (brand), read_card_data (store, brand));
    }

  if (result->stats->len > 0)
    {
      g_autoptr(GError) chart_error = NULL;

      result->chart = build_chart (store, request->kind,
                                   result->chosen->len > 1 ? (const char * const *) result->chosen->pdata : NULL,
                                   metric, &chart_error);
      if (chart_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&chart_error));
          return NULL;
        }
    }

  return g_steal_pointer (&result);
}

static gpointer
load_read_cb (CitedStore    *reader,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return load_brands (reader, data, cancellable, error);
}

static void
set_loading (CitedBrandsPage *self,
             gboolean         loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOADING]);
}

static void
apply_result (CitedBrandsPage *self,
              LoadResult      *result)
{
  g_autoptr(GtkStringList) metric_labels = gtk_string_list_new (NULL);

  g_ptr_array_unref (self->stats);
  self->stats = g_steal_pointer (&result->stats);
  g_ptr_array_unref (self->discovered);
  self->discovered = g_steal_pointer (&result->discovered);
  g_ptr_array_unref (self->chosen);
  self->chosen = g_steal_pointer (&result->chosen);
  g_ptr_array_unref (self->metric_keys);
  self->metric_keys = g_steal_pointer (&result->metric_keys);
  g_hash_table_unref (self->cards_data);
  self->cards_data = g_steal_pointer (&result->cards_data);

  for (guint i = 0; i < self->metric_keys->len; i++)
    {
      g_autofree char *label = cited_metric_label (g_ptr_array_index (self->metric_keys, i));

      gtk_string_list_append (metric_labels, label);
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->chart_metric, G_LIST_MODEL (metric_labels));
  if (self->metric_keys->len > 0)
    gtk_drop_down_set_selected (self->chart_metric, result->selected_metric);
  self->updating = FALSE;

  gtk_stack_set_visible_child_name (self->stack,
                                    self->stats->len > 0 || self->discovered->len > 0
                                    ? "brands" : "empty");
  rebuild_checks (self);
  rebuild_discovered (self);
  set_chart (self, result->chart);
  self->cards_loaded = TRUE;
  /* The cards, with their figure lines read next (request_lines()). */
  rebuild_cards (self);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(CitedBrandsPage) self = g_weak_ref_get (user_data);
  g_autoptr(LoadResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (user_data);
  g_free (user_data);

  result = cited_store_read_finish (CITED_STORE (source), res, &error);
  /* The page went away while its data was read. */
  if (self == NULL)
    return;
  /* A newer load replaced this one, which may have finished all the same:
   * its rows would replace the newer ones after they were shown. */
  if (g_task_get_cancellable (G_TASK (res)) != self->load_cancellable)
    return;
  if (result == NULL)
    {
      /* A newer load (or the page going away) cancelled this one. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->load_cancellable);
      show_error_toast (self, _("Could not load brands"), error);
      if (self->stats->len == 0)
        gtk_stack_set_visible_child_name (self->stack, "empty");
      set_loading (self, FALSE);
      return;
    }

  g_clear_object (&self->load_cancellable);
  apply_result (self, result);
}

/**
 * cited_brands_page_reload:
 * @self: the page
 *
 * Reads the brands again. The reading (brand statistics, the compared
 * brands' cards and the chart) runs in a worker thread over one of the
 * store's readers; #CitedBrandsPage:loading is %TRUE meanwhile.
 */
void
cited_brands_page_reload (CitedBrandsPage *self)
{
  LoadRequest *request;
  GWeakRef *weak;

  g_return_if_fail (CITED_IS_BRANDS_PAGE (self));

  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
    }
  if (self->lines_cancellable != NULL)
    {
      g_cancellable_cancel (self->lines_cancellable);
      g_clear_object (&self->lines_cancellable);
      self->lines_reads = 0;
    }

  if (self->store == NULL)
    {
      g_ptr_array_set_size (self->stats, 0);
      g_ptr_array_set_size (self->discovered, 0);
      self->n_discovered_shown = 0;
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_chart (self, NULL);
      set_loading (self, FALSE);
      return;
    }

  request = g_new0 (LoadRequest, 1);
  request->keep_brands = g_strdupv ((char **) self->chosen->pdata);
  {
    guint current = gtk_drop_down_get_selected (self->chart_metric);
    if (current < self->metric_keys->len)
      request->keep_metric = g_strdup (g_ptr_array_index (self->metric_keys, current));
  }
  request->kind = gtk_drop_down_get_selected (self->chart_kind);

  /* The first load shows a spinner; later ones keep the cards on screen
   * until the new ones are in. */
  if (self->stats->len == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  set_loading (self, TRUE);
  self->cards_loaded = FALSE;

  self->load_cancellable = g_cancellable_new ();
  /* The task holds the page weakly, so a page dropped while it loads goes
   * away at once and cancels the reading. */
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  cited_store_read_async (self->store, load_read_cb, request, (GDestroyNotify) load_request_free,
                          (GDestroyNotify) load_result_free, self->load_cancellable,
                          load_done_cb, weak);
}

/* Whether the last load's cards, chart and companies are on the page
 * (their figure lines may still be read: see cited_brands_page_get_loading()). */
gboolean
cited_brands_page_get_cards_loaded (CitedBrandsPage *self)
{
  g_return_val_if_fail (CITED_IS_BRANDS_PAGE (self), FALSE);
  return self->cards_loaded;
}

gboolean
cited_brands_page_get_loading (CitedBrandsPage *self)
{
  g_return_val_if_fail (CITED_IS_BRANDS_PAGE (self), FALSE);
  return self->loading;
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

GtkListBox *
cited_brands_page_get_discovered_list (CitedBrandsPage *self)
{
  g_return_val_if_fail (CITED_IS_BRANDS_PAGE (self), NULL);
  return self->discovered_list;
}

const char *
cited_brands_page_get_discovered_title (CitedBrandsPage *self)
{
  g_return_val_if_fail (CITED_IS_BRANDS_PAGE (self), NULL);
  return gtk_label_get_text (self->discovered_title);
}

/* GObject */

static void
cited_brands_page_dispose (GObject *object)
{
  CitedBrandsPage *self = CITED_BRANDS_PAGE (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->lines_cancellable != NULL)
    g_cancellable_cancel (self->lines_cancellable);
  g_clear_object (&self->lines_cancellable);
  drop_editor (self);
  /* AdwBin unparents its child (the template's content) itself; disposing
   * the template as well would unparent it twice. */
  G_OBJECT_CLASS (cited_brands_page_parent_class)->dispose (object);
}

static void
cited_brands_page_finalize (GObject *object)
{
  CitedBrandsPage *self = CITED_BRANDS_PAGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->merge_targets);
  g_clear_pointer (&self->stats, g_ptr_array_unref);
  g_clear_pointer (&self->discovered, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, g_ptr_array_unref);
  g_clear_pointer (&self->metric_keys, g_ptr_array_unref);
  g_clear_pointer (&self->cards_data, g_hash_table_unref);

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
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
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
          drop_editor (self);
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
  /* TRUE while the brands are read in the background. */
  props[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /* The page changed what the store holds (a company accepted, merged or
   * hidden): other pages should read it again. The page reloads itself. */
  signals[SIGNAL_STORE_CHANGED] =
    g_signal_new ("store-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

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
  gtk_widget_class_bind_template_child (widget_class, CitedBrandsPage, discovered_title);
  gtk_widget_class_bind_template_child (widget_class, CitedBrandsPage, discovered_list);

  gtk_widget_class_install_action (widget_class, "brands.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "brands.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "brands.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "brands.copy-image", NULL, copy_image_action);
  gtk_widget_class_install_action (widget_class, "discovered.accept", "s", discovered_action);
  gtk_widget_class_install_action (widget_class, "discovered.hide", "s", discovered_action);
  gtk_widget_class_install_action (widget_class, "discovered.restore", "s", discovered_action);
  gtk_widget_class_install_action (widget_class, "discovered.merge", "(ss)", discovered_action);
}

static void
cited_brands_page_init (CitedBrandsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cited_spinners_spin_while_shown (GTK_WIDGET (self));

  self->stats = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_brand_stats_free);
  self->discovered = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_discovered_free);
  self->chosen = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->chosen, NULL);
  self->metric_keys = g_ptr_array_new_with_free_func (g_free);
  self->cards_data = new_cards_data ();

  g_signal_connect_swapped (self->chart_kind, "notify::selected",
                            G_CALLBACK (chart_choice_changed_cb), self);
  g_signal_connect_swapped (self->chart_metric, "notify::selected",
                            G_CALLBACK (chart_choice_changed_cb), self);
  g_signal_connect_swapped (self->chart_view, "bar-activated",
                            G_CALLBACK (bar_activated_cb), self);
  g_signal_connect_swapped (gtk_menu_button_get_popover (self->brands_button), "show",
                            G_CALLBACK (brands_popover_show_cb), self);

  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->chart_metric), FALSE);
  {
    GtkWidget *placeholder = gtk_label_new (_("No company is waiting for a decision. Companies your "
                                              "articles name beyond your brands appear here."));

    gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
    gtk_widget_set_margin_top (placeholder, 12);
    gtk_widget_set_margin_bottom (placeholder, 12);
    gtk_widget_set_margin_start (placeholder, 12);
    gtk_widget_set_margin_end (placeholder, 12);
    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_list_box_set_placeholder (self->discovered_list, placeholder);
  }
  update_discovered_title (self, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "brands.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "brands.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "brands.copy-image", FALSE);
}
