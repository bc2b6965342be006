/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-figure-object"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include <gio/gio.h>

#include "cited-extractor.h"
#include "cited-figure-object.h"
#include "cited-value.h"

struct _CitedFigureObject
{
  GObject parent_instance;

  CitedFigure *figure;
  gint64 claim_id;            /* the claim the figure is part of, 0: none */
  guint claim_sources;        /* the articles citing that claim */
};

/**
 * CitedFigureObject:
 *
 * A [struct@Cited.Figure] as an object, so that list models, sorters and
 * filters reach its fields as properties: "figure", "id", "value", "text",
 * "unit" (its currency, if any), "metric", "scope", "period", "brand",
 * "article-title" and "status" (a translated label).
 */
G_DEFINE_FINAL_TYPE (CitedFigureObject, cited_figure_object, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FIGURE,
  PROP_ID,
  PROP_VALUE,
  PROP_TEXT,
  PROP_UNIT,
  PROP_METRIC,
  PROP_SCOPE,
  PROP_PERIOD,
  PROP_BRAND,
  PROP_ARTICLE_TITLE,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static void
cited_figure_object_finalize (GObject *object)
{
  CitedFigureObject *self = CITED_FIGURE_OBJECT (object);

  g_clear_pointer (&self->figure, cited_figure_unref);

  G_OBJECT_CLASS (cited_figure_object_parent_class)->finalize (object);
}

static void
cited_figure_object_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CitedFigureObject *self = CITED_FIGURE_OBJECT (object);
  CitedFigure *f = self->figure;

  switch (prop_id)
    {
    case PROP_FIGURE:
      g_value_set_boxed (value, f);
      break;
    case PROP_ID:
      g_value_set_int64 (value, f->id);
      break;
    case PROP_VALUE:
      g_value_set_double (value, f->value);
      break;
    case PROP_TEXT:
      g_value_set_string (value, f->text);
      break;
    case PROP_UNIT:
      g_value_set_string (value, f->currency != NULL ? f->currency : f->unit);
      break;
    case PROP_METRIC:
      g_value_set_string (value, f->metric);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, f->scope);
      break;
    case PROP_PERIOD:
      g_value_take_string (value, cited_figure_object_dup_period (self));
      break;
    case PROP_BRAND:
      g_value_set_string (value, f->brand);
      break;
    case PROP_ARTICLE_TITLE:
      g_value_set_string (value, f->article_title);
      break;
    case PROP_STATUS:
      g_value_set_string (value, cited_figure_object_get_status_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_figure_object_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CitedFigureObject *self = CITED_FIGURE_OBJECT (object);

  switch (prop_id)
    {
    case PROP_FIGURE:
      g_clear_pointer (&self->figure, cited_figure_unref);
      self->figure = g_value_dup_boxed (value);
      if (self->figure == NULL)
        self->figure = cited_figure_new ();
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_figure_object_class_init (CitedFigureObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = cited_figure_object_finalize;
  object_class->get_property = cited_figure_object_get_property;
  object_class->set_property = cited_figure_object_set_property;

  props[PROP_FIGURE] =
    g_param_spec_boxed ("figure", NULL, NULL, CITED_TYPE_FIGURE,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  props[PROP_VALUE] = g_param_spec_double ("value", NULL, NULL,
                                           -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  props[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, ro);
  props[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, ro);
  props[PROP_METRIC] = g_param_spec_string ("metric", NULL, NULL, NULL, ro);
  props[PROP_SCOPE] = g_param_spec_string ("scope", NULL, NULL, NULL, ro);
  props[PROP_PERIOD] = g_param_spec_string ("period", NULL, NULL, NULL, ro);
  props[PROP_BRAND] = g_param_spec_string ("brand", NULL, NULL, NULL, ro);
  props[PROP_ARTICLE_TITLE] = g_param_spec_string ("article-title", NULL, NULL, NULL, ro);
  props[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
cited_figure_object_init (CitedFigureObject *self)
{
}

/**
 * cited_figure_object_new:
 * @figure: the figure to wrap (a reference is taken)
 *
 * Wraps a figure in an object, for list models, sorters and filters to
 * reach its fields as properties.
 *
 * Returns: (transfer full): a new #CitedFigureObject
 */
CitedFigureObject *
cited_figure_object_new (CitedFigure *figure)
{
  return g_object_new (CITED_TYPE_FIGURE_OBJECT, "figure", figure, NULL);
}

/**
 * cited_figure_object_get_figure:
 * @self: a figure object
 *
 * The figure the object wraps.
 *
 * Returns: (transfer none): the figure
 */
CitedFigure *
cited_figure_object_get_figure (CitedFigureObject *self)
{
  g_return_val_if_fail (CITED_IS_FIGURE_OBJECT (self), NULL);
  return self->figure;
}

/**
 * cited_figure_object_get_id:
 * @self: a figure object
 *
 * The figure's id in its store.
 *
 * Returns: the figure's id
 */
gint64
cited_figure_object_get_id (CitedFigureObject *self)
{
  g_return_val_if_fail (CITED_IS_FIGURE_OBJECT (self), 0);
  return self->figure->id;
}

/**
 * cited_figure_object_dup_formatted_value:
 * @self: a figure object
 *
 * The figure's value as tables show it: normalized, with its qualifier
 * and its range ("190M", "> 60", "¥3,999", "50M–60M").
 *
 * Returns: (transfer full): the value as text
 */
char *
cited_figure_object_dup_formatted_value (CitedFigureObject *self)
{
  CitedFigure *f;
  g_autofree char *low = NULL;

  g_return_val_if_fail (CITED_IS_FIGURE_OBJECT (self), NULL);

  f = self->figure;
  /* "more than", "about", "up to" stay with the value: "> 190M". */
  low = cited_value_format_qualified (f->value, f->unit, f->currency, f->qualifier);
  if (cited_figure_is_range (f))
    {
      g_autofree char *high = cited_format_value (f->value_max, f->unit, f->currency);
      /* TRANSLATORS: a range of two values, e.g. "50M–60M". */
      return g_strdup_printf (_("%s–%s"), low, high);
    }
  return g_steal_pointer (&low);
}

/**
 * cited_figure_object_dup_period:
 * @self: a figure object
 *
 * The figure's period: "2021", "Q2 2021", "2021 (inferred)" when the year
 * is its article's, or "" when it has none.
 *
 * Returns: (transfer full): the period as text
 */
char *
cited_figure_object_dup_period (CitedFigureObject *self)
{
  CitedFigure *f;
  g_autofree char *period = NULL;

  g_return_val_if_fail (CITED_IS_FIGURE_OBJECT (self), NULL);

  f = self->figure;
  if (f->year > 0 && f->quarter > 0)
    /* TRANSLATORS: a quarter of a year, e.g. "Q2 2021". */
    period = g_strdup_printf (_("Q%d %d"), f->quarter, f->year);
  else if (f->year > 0)
    period = g_strdup_printf ("%d", f->year);
  else
    return g_strdup ("");
  /* The year is the article's: the figure names none. */
  if (f->period_inferred)
    return g_strdup_printf (_("%s (inferred)"), period);
  return g_steal_pointer (&period);
}

/**
 * cited_figure_object_get_status_label:
 * @self: a figure object
 *
 * What the user made of the figure: "Extracted", "Confirmed", "Edited" or
 * "Rejected", translated.
 *
 * Returns: (transfer none): the status as text
 */
const char *
cited_figure_object_get_status_label (CitedFigureObject *self)
{
  g_return_val_if_fail (CITED_IS_FIGURE_OBJECT (self), NULL);

  switch (self->figure->status)
    {
    case CITED_FIGURE_REJECTED:
      return _("Rejected");
    case CITED_FIGURE_CONFIRMED:
      return self->figure->edited ? _("Edited") : _("Confirmed");
    case CITED_FIGURE_EXTRACTED:
    default:
      return self->figure->edited ? _("Edited") : _("Extracted");
    }
}

/* CitedFigureList */

/**
 * CitedFigureList:
 *
 * A #GListModel of [class@Cited.FigureObject] over one array: replacing
 * every row is one swap and one #GListModel::items-changed.
 */
struct _CitedFigureList
{
  GObject parent_instance;

  GPtrArray *items;           /* CitedFigureObject */
};

static GType
cited_figure_list_get_item_type (GListModel *model)
{
  return CITED_TYPE_FIGURE_OBJECT;
}

static guint
cited_figure_list_get_n_items (GListModel *model)
{
  return CITED_FIGURE_LIST (model)->items->len;
}

static gpointer
cited_figure_list_get_item (GListModel *model,
                            guint       position)
{
  CitedFigureList *self = CITED_FIGURE_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
cited_figure_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cited_figure_list_get_item_type;
  iface->get_n_items = cited_figure_list_get_n_items;
  iface->get_item = cited_figure_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CitedFigureList, cited_figure_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cited_figure_list_model_init))

static void
cited_figure_list_finalize (GObject *object)
{
  CitedFigureList *self = CITED_FIGURE_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  G_OBJECT_CLASS (cited_figure_list_parent_class)->finalize (object);
}

static void
cited_figure_list_class_init (CitedFigureListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cited_figure_list_finalize;
}

static void
cited_figure_list_init (CitedFigureList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * cited_figure_list_new:
 *
 * A list of #CitedFigureObject, empty until given its rows with
 * [method@Cited.FigureList.replace_all].
 *
 * Returns: (transfer full): a new #CitedFigureList
 */
CitedFigureList *
cited_figure_list_new (void)
{
  return g_object_new (CITED_TYPE_FIGURE_LIST, NULL);
}

/**
 * cited_figure_list_replace_all:
 * @self: a figure list
 * @objects: (nullable) (element-type CitedFigureObject): the new rows
 *   (each one referenced), or %NULL for none
 *
 * Replaces every row at once, with one #GListModel::items-changed: a
 * #GListStore of 300,000 rows turns that into a long stall.
 *
 * Returns: (transfer full) (element-type CitedFigureObject): the rows
 *   replaced, for the caller to free (anywhere: a worker thread may drop
 *   them)
 */
GPtrArray *
cited_figure_list_replace_all (CitedFigureList *self,
                               GPtrArray       *objects)
{
  GPtrArray *old;
  guint removed;

  g_return_val_if_fail (CITED_IS_FIGURE_LIST (self), NULL);

  old = self->items;
  removed = old->len;
  /* The list holds each row itself: a binding's array holds none. */
  self->items = objects != NULL ? g_ptr_array_copy (objects, (GCopyFunc) (void (*) (void)) g_object_ref, NULL)
                                : g_ptr_array_new ();
  g_ptr_array_set_free_func (self->items, g_object_unref);
  if (removed > 0 || self->items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
  return old;
}

/**
 * cited_figure_list_set:
 * @self: a figure list
 * @position: a row of the list
 * @object: the figure to show there
 *
 * Puts @object in row @position (a figure corrected, read again).
 */
void
cited_figure_list_set (CitedFigureList   *self,
                       guint              position,
                       CitedFigureObject *object)
{
  g_autoptr(CitedFigureObject) old = NULL;

  g_return_if_fail (CITED_IS_FIGURE_LIST (self));
  g_return_if_fail (position < self->items->len);

  old = self->items->pdata[position];
  self->items->pdata[position] = g_object_ref (object);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

/**
 * cited_figure_list_find:
 * @self: a figure list
 * @figure_id: a figure's id
 *
 * The row of a figure.
 *
 * Returns: its position, or %G_MAXUINT (`G_MAXUINT`) when
 *   the list has no such figure
 */
guint
cited_figure_list_find (CitedFigureList *self,
                        gint64           figure_id)
{
  g_return_val_if_fail (CITED_IS_FIGURE_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->items->len; i++)
    if (cited_figure_object_get_id (g_ptr_array_index (self->items, i)) == figure_id)
      return i;
  return G_MAXUINT;
}

/**
 * cited_figure_object_set_claim:
 * @self: a figure object
 * @claim_id: the claim's id ([struct@Cited.Claim]), or 0 for none
 * @n_sources: how many articles cite that claim
 *
 * Tells the object the claim its figure is part of.
 */
void
cited_figure_object_set_claim (CitedFigureObject *self,
                               gint64             claim_id,
                               guint              n_sources)
{
  g_return_if_fail (CITED_IS_FIGURE_OBJECT (self));
  self->claim_id = claim_id;
  self->claim_sources = n_sources;
}

/**
 * cited_figure_object_get_claim_id:
 * @self: a figure object
 *
 * The claim the figure is part of.
 *
 * Returns: the claim's id, 0 for a figure in no claim (rejected, or
 *   without a value)
 */
gint64
cited_figure_object_get_claim_id (CitedFigureObject *self)
{
  g_return_val_if_fail (CITED_IS_FIGURE_OBJECT (self), 0);
  return self->claim_id;
}

/**
 * cited_figure_object_get_claim_sources:
 * @self: a figure object
 *
 * How many articles cite the figure's claim.
 *
 * Returns: the number of articles, 0 for a figure in no claim
 */
guint
cited_figure_object_get_claim_sources (CitedFigureObject *self)
{
  g_return_val_if_fail (CITED_IS_FIGURE_OBJECT (self), 0);
  return self->claim_sources;
}

/**
 * cited_figure_object_dup_states:
 * @self: a figure object
 *
 * What the figure states beyond a reported period total, in words: "fall
 * in profit", "cumulative", "forecast", joined by commas.
 *
 * Returns: (transfer full): the states, "" for a reported level
 */
char *
cited_figure_object_dup_states (CitedFigureObject *self)
{
  CitedFigure *f;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CITED_IS_FIGURE_OBJECT (self), NULL);
  f = self->figure;
  if (f->change != CITED_CHANGE_LEVEL)
    {
      const char *measure = f->measure;

      if (f->direction == CITED_DIRECTION_FALL)
        g_ptr_array_add (parts, measure != NULL
                                /* Translators: what a change figure states, "fall in profit" */
                                ? g_strdup_printf (_("fall in %s"), measure)
                                : g_strdup (_("fall")));
      else if (f->direction == CITED_DIRECTION_RISE)
        g_ptr_array_add (parts, measure != NULL
                                /* Translators: what a change figure states, "rise in sales" */
                                ? g_strdup_printf (_("rise in %s"), measure)
                                : g_strdup (_("rise")));
      else
        g_ptr_array_add (parts, measure != NULL
                                /* Translators: what a change figure states, "change in sales" */
                                ? g_strdup_printf (_("change in %s"), measure)
                                : g_strdup (_("change")));
    }
  if (f->span == CITED_SPAN_CUMULATIVE)
    g_ptr_array_add (parts, g_strdup (_("cumulative")));
  else if (f->span == CITED_SPAN_RATE)
    g_ptr_array_add (parts, g_strdup (_("rate")));
  if (f->claim_status == CITED_CLAIM_FORECAST)
    g_ptr_array_add (parts, g_strdup (_("forecast")));
  else if (f->claim_status == CITED_CLAIM_TARGET)
    g_ptr_array_add (parts, g_strdup (_("target")));
  else if (f->claim_status == CITED_CLAIM_PLAN)
    g_ptr_array_add (parts, g_strdup (_("plan")));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}
