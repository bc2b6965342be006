/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-types"
#include "config.h"

#include <math.h>

#include "cited-error.h"
#include "cited-types.h"
#include "cited-types-private.h"

G_DEFINE_QUARK (cited-error-quark, cited_error)

G_DEFINE_BOXED_TYPE (CitedFigure, cited_figure, cited_figure_ref, cited_figure_unref)
G_DEFINE_BOXED_TYPE (CitedArticle, cited_article, cited_article_ref, cited_article_unref)
G_DEFINE_BOXED_TYPE (CitedMention, cited_mention, cited_mention_copy, cited_mention_free)
G_DEFINE_BOXED_TYPE (CitedBrandStats, cited_brand_stats, cited_brand_stats_copy, cited_brand_stats_free)
G_DEFINE_BOXED_TYPE (CitedDiscovered, cited_discovered, cited_discovered_copy, cited_discovered_free)
G_DEFINE_BOXED_TYPE (CitedCount, cited_count, cited_count_copy, cited_count_free)
G_DEFINE_BOXED_TYPE (CitedQuery, cited_query, cited_query_copy, cited_query_free)

/**
 * cited_figure_new:
 *
 * Makes a figure of one's own, to fill and to store with an article.
 *
 * Returns: (transfer full): an empty figure, value_max NAN.
 */
CitedFigure *
cited_figure_new (void)
{
  CitedFigure *self = g_new0 (CitedFigure, 1);

  self->ref_count = 1;
  self->value_max = NAN;
  self->orig_value = NAN;
  return self;
}

/**
 * cited_figure_ref:
 * @self: a figure
 *
 * Takes a reference on a figure; figures are shared, never copied.
 *
 * Returns: (transfer full): @self
 */
CitedFigure *
cited_figure_ref (CitedFigure *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

/**
 * cited_figure_unref:
 * @self: (transfer full): a figure
 *
 * Drops a reference; the last one frees the figure and its strings.
 */
void
cited_figure_unref (CitedFigure *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_free (self->sentence);
  g_free (self->article_title);
  g_free (self->article_path);
  if (self->shared_strings != NULL)
    {
      g_hash_table_unref (self->shared_strings);
      g_free (self);
      return;
    }
  g_free (self->unit);
  g_free (self->currency);
  g_free (self->qualifier);
  g_free (self->metric);
  g_free (self->scope);
  g_free (self->brand);
  g_free (self->text);
  g_free (self->language);
  g_free (self->article_published);
  g_free (self->article_source);
  g_free (self->orig_brand);
  g_free (self->orig_metric);
  g_free (self->measure);
  g_free (self);
}

/**
 * cited_figure_is_range:
 * @self: a figure
 *
 * Whether the figure is a range ("3 to 5 million"): @value is its lower
 * end and @value_max its upper end.
 *
 * Returns: %TRUE for a range
 */
gboolean
cited_figure_is_range (const CitedFigure *self)
{
  return !isnan (self->value_max);
}

/**
 * cited_figure_get_measure:
 * @self: a figure
 *
 * Says what a figure measures, whether it is a level or a change.
 *
 * Returns: what the figure measures: @measure for a change ("profit" in
 *   "profits fell 5%"), @metric for a level, NULL when neither says
 *   ("grew 5%" measures nothing named).
 */
const char *
cited_figure_get_measure (const CitedFigure *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (self->change != CITED_CHANGE_LEVEL)
    return self->measure;
  if (self->metric != NULL && g_str_equal (self->metric, "growth"))
    return NULL;
  return self->metric;
}

static const char * const change_names[] = { "level", "percent", "absolute" };
static const char * const direction_names[] = { NULL, "rise", "fall" };
static const char * const span_names[] = { "period", "cumulative", "rate", "point" };
static const char * const claim_status_names[] = { "reported", "forecast", "target", "plan" };

/**
 * cited_change_to_string:
 * @change: what a figure's value is
 *
 * Returns: (transfer none): "level", "percent" or "absolute": the names the
 *   CLI, JSON, CSV and the store's filters use
 */
const char *
cited_change_to_string (CitedChange change)
{
  return (guint) change < G_N_ELEMENTS (change_names) ? change_names[change] : change_names[0];
}

/**
 * cited_direction_to_string:
 * @direction: a direction
 *
 * Returns: (nullable): "rise", "fall", or %NULL for none
 */
const char *
cited_direction_to_string (CitedDirection direction)
{
  return (guint) direction < G_N_ELEMENTS (direction_names) ? direction_names[direction] : NULL;
}

/**
 * cited_span_to_string:
 * @span: the time a figure covers
 *
 * Returns: (transfer none): "period", "cumulative", "rate" or "point"
 */
const char *
cited_span_to_string (CitedSpan span)
{
  return (guint) span < G_N_ELEMENTS (span_names) ? span_names[span] : span_names[0];
}

/**
 * cited_claim_status_to_string:
 * @status: what kind of claim a figure makes
 *
 * Returns: (transfer none): "reported", "forecast", "target" or "plan"
 */
const char *
cited_claim_status_to_string (CitedClaimStatus status)
{
  return (guint) status < G_N_ELEMENTS (claim_status_names) ? claim_status_names[status]
                                                             : claim_status_names[0];
}

static gboolean
name_index (const char         *name,
            const char * const *names,
            guint               n_names,
            int                *index)
{
  for (guint i = 0; name != NULL && i < n_names; i++)
    if (names[i] != NULL && g_ascii_strcasecmp (name, names[i]) == 0)
      {
        *index = (int) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * cited_change_from_string:
 * @name: (nullable): "level", "percent" or "absolute"
 * @change: (out): the kind of change named
 *
 * Returns: whether @name names a kind of change
 */
gboolean
cited_change_from_string (const char  *name,
                          CitedChange *change)
{
  int i;

  if (!name_index (name, change_names, G_N_ELEMENTS (change_names), &i))
    return FALSE;
  *change = (CitedChange) i;
  return TRUE;
}

/**
 * cited_span_from_string:
 * @name: (nullable): "period", "cumulative", "rate" or "point"
 * @span: (out): the span named
 *
 * Returns: whether @name names a span
 */
gboolean
cited_span_from_string (const char *name,
                        CitedSpan  *span)
{
  int i;

  if (!name_index (name, span_names, G_N_ELEMENTS (span_names), &i))
    return FALSE;
  *span = (CitedSpan) i;
  return TRUE;
}

/**
 * cited_claim_status_from_string:
 * @name: (nullable): "reported", "forecast", "target" or "plan"
 * @status: (out): the status named
 *
 * Returns: whether @name names a status
 */
gboolean
cited_claim_status_from_string (const char       *name,
                                CitedClaimStatus *status)
{
  int i;

  /* "estimate" and "goal" are the other names the issue uses. */
  if (g_strcmp0 (name, "estimate") == 0)
    name = "forecast";
  else if (g_strcmp0 (name, "goal") == 0)
    name = "target";
  if (!name_index (name, claim_status_names, G_N_ELEMENTS (claim_status_names), &i))
    return FALSE;
  *status = (CitedClaimStatus) i;
  return TRUE;
}

/**
 * cited_article_new:
 *
 * Returns: (transfer full): an empty article, to be filled in and handed
 *   to a store
 */
CitedArticle *
cited_article_new (void)
{
  CitedArticle *self = g_new0 (CitedArticle, 1);

  self->ref_count = 1;
  return self;
}

/**
 * cited_article_ref:
 * @self: an article
 *
 * Returns: (transfer full): @self, with one more reference
 */
CitedArticle *
cited_article_ref (CitedArticle *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

/**
 * cited_article_unref:
 * @self: (transfer full): an article
 *
 * Drops a reference to @self, freeing it with the last.
 */
void
cited_article_unref (CitedArticle *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_free (self->title);
  g_free (self->source);
  g_free (self->published);
  g_free (self->path);
  g_free (self->language);
  g_free (self->body);
  g_free (self->hash);
  g_strfreev (self->brands);
  g_free (self->snippet);
  g_free (self);
}

/**
 * cited_mention_copy:
 * @self: a mention
 *
 * Returns: (transfer full): a copy of @self (the brand name is interned
 *   and shared); free it with cited_mention_free()
 */
CitedMention *
cited_mention_copy (const CitedMention *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_memdup2 (self, sizeof *self);
}

/**
 * cited_mention_free:
 * @self: (transfer full) (nullable): a copy of a brand mention
 *
 * Frees a mention copied with its boxed type (the brand name is interned
 * and stays).
 */
void
cited_mention_free (CitedMention *self)
{
  g_free (self);
}

/**
 * cited_brand_stats_copy:
 * @self: a brand's statistics
 *
 * Returns: (transfer full): a copy of @self with its strings
 */
CitedBrandStats *
cited_brand_stats_copy (const CitedBrandStats *self)
{
  CitedBrandStats *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  copy->color = g_strdup (self->color);
  copy->aliases = g_strdupv (self->aliases);
  return copy;
}

/**
 * cited_brand_stats_free:
 * @self: (transfer full) (nullable): a brand's statistics
 *
 * Frees @self.
 */
void
cited_brand_stats_free (CitedBrandStats *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->color);
  g_strfreev (self->aliases);
  g_free (self);
}

/**
 * cited_discovered_status_to_string:
 * @status: what the user made of a discovered company
 *
 * Returns: (transfer none): "new", "accepted", "hidden" or "merged": the
 *   names the CLI and the database use
 */
const char *
cited_discovered_status_to_string (CitedDiscoveredStatus status)
{
  switch (status)
    {
    case CITED_DISCOVERED_ACCEPTED:
      return "accepted";
    case CITED_DISCOVERED_HIDDEN:
      return "hidden";
    case CITED_DISCOVERED_MERGED:
      return "merged";
    case CITED_DISCOVERED_NEW:
    default:
      return "new";
    }
}

/**
 * cited_discovered_copy:
 * @self: a discovered company
 *
 * Returns: (transfer full): a copy of @self with its strings
 */
CitedDiscovered *
cited_discovered_copy (const CitedDiscovered *self)
{
  CitedDiscovered *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  copy->merged_into = g_strdup (self->merged_into);
  copy->example = g_strdup (self->example);
  copy->first_seen = g_strdup (self->first_seen);
  return copy;
}

/**
 * cited_discovered_free:
 * @self: (transfer full) (nullable): a discovered company
 *
 * Frees @self.
 */
void
cited_discovered_free (CitedDiscovered *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->merged_into);
  g_free (self->example);
  g_free (self->first_seen);
  g_free (self);
}

/**
 * cited_count_copy:
 * @self: a count
 *
 * Returns: (transfer full): a copy of @self
 */
CitedCount *
cited_count_copy (const CitedCount *self)
{
  CitedCount *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  return copy;
}

/**
 * cited_count_free:
 * @self: (transfer full) (nullable): a name and its count
 *
 * Frees @self.
 */
void
cited_count_free (CitedCount *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self);
}

void
cited_struct_dup_strings (gpointer     copy,
                          const gsize *offsets,
                          guint        n_offsets)
{
  for (guint i = 0; i < n_offsets; i++)
    G_STRUCT_MEMBER (char *, copy, offsets[i]) =
      g_strdup (G_STRUCT_MEMBER (const char *, copy, offsets[i]));
}

void
cited_struct_free_strings (gpointer     self,
                           const gsize *offsets,
                           guint        n_offsets)
{
  for (guint i = 0; i < n_offsets; i++)
    g_clear_pointer (&G_STRUCT_MEMBER (char *, self, offsets[i]), g_free);
}

/* The strings of a CitedQuery, which a heap query owns. */
static const gsize query_strings[] = {
  G_STRUCT_OFFSET (CitedQuery, search),
  G_STRUCT_OFFSET (CitedQuery, brand),
  G_STRUCT_OFFSET (CitedQuery, source),
  G_STRUCT_OFFSET (CitedQuery, metric),
  G_STRUCT_OFFSET (CitedQuery, date_from),
  G_STRUCT_OFFSET (CitedQuery, date_to),
  G_STRUCT_OFFSET (CitedQuery, span),
  G_STRUCT_OFFSET (CitedQuery, claim_status),
};

/**
 * cited_query_new:
 *
 * Makes a query on the heap, for bindings and for keeping one. Set its
 * strings with g_strdup(): the query owns them.
 *
 * Returns: (transfer full): a query with no filter, sorted by date, newest
 *   first; free it with cited_query_free()
 */
CitedQuery *
cited_query_new (void)
{
  return g_new0 (CitedQuery, 1);
}

/**
 * cited_query_copy:
 * @self: a query
 *
 * Copies any query, strings included.
 *
 * Returns: (transfer full): a copy of @self that owns copies of its
 *   strings; free it with cited_query_free()
 */
CitedQuery *
cited_query_copy (const CitedQuery *self)
{
  CitedQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_memdup2 (self, sizeof *self);
  cited_struct_dup_strings (copy, query_strings, G_N_ELEMENTS (query_strings));
  return copy;
}

/**
 * cited_query_clear:
 * @self: a query whose strings are its own
 *
 * Frees the query's strings and sets them to %NULL: no text filter is left.
 */
void
cited_query_clear (CitedQuery *self)
{
  g_return_if_fail (self != NULL);
  cited_struct_free_strings (self, query_strings, G_N_ELEMENTS (query_strings));
}

/**
 * cited_query_free:
 * @self: (nullable): a query whose strings are its own
 *
 * Frees a query made by cited_query_new() or cited_query_copy(), with its
 * strings.
 */
void
cited_query_free (CitedQuery *self)
{
  if (self == NULL)
    return;
  cited_query_clear (self);
  g_free (self);
}
