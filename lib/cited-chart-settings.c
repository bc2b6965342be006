/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-chart-settings"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cited-chart-settings.h"
#include "cited-error.h"

G_DEFINE_BOXED_TYPE (CitedChartSettings, cited_chart_settings,
                     cited_chart_settings_ref, cited_chart_settings_unref)

static const char * const source_names[] = { "figures", "claims", "brands", "trend" };

/**
 * cited_chart_source_to_string:
 * @source: what a chart shows
 *
 * Returns: (transfer none): "figures", "claims", "brands" or "trend": the
 *   names saved views and the CLI use
 */
const char *
cited_chart_source_to_string (CitedChartSource source)
{
  g_return_val_if_fail ((guint) source < G_N_ELEMENTS (source_names), NULL);
  return source_names[source];
}

/**
 * cited_chart_source_from_string:
 * @name: (nullable): "figures", "claims", "brands" or "trend"
 * @source: (out): the source named
 *
 * Returns: whether @name names a chart source
 */
gboolean
cited_chart_source_from_string (const char       *name,
                                CitedChartSource *source)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (source_names); i++)
    if (g_str_equal (name, source_names[i]))
      {
        *source = (CitedChartSource) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * cited_chart_settings_new:
 * @source: what the chart draws
 *
 * Returns: (transfer full): settings with no brand and no filter.
 */
CitedChartSettings *
cited_chart_settings_new (CitedChartSource source)
{
  CitedChartSettings *self = g_new0 (CitedChartSettings, 1);

  self->ref_count = 1;
  self->source = source;
  return self;
}

/**
 * cited_chart_settings_ref:
 * @self: chart settings
 *
 * Returns: (transfer full): @self, with one more reference
 */
CitedChartSettings *
cited_chart_settings_ref (CitedChartSettings *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

/* The query's strings belong to the settings; CitedQuery declares them
 * const because listings only read them. */
static void
replace_string (const char **field,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free ((char *) *field);
  *field = copy;
}

/**
 * cited_chart_settings_unref:
 * @self: (transfer full): chart settings
 *
 * Drops a reference to @self, freeing it with the last.
 */
void
cited_chart_settings_unref (CitedChartSettings *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_free (self->name);
  g_strfreev (self->brands);
  cited_query_clear (&self->query);
  g_free (self);
}

/**
 * cited_chart_settings_copy:
 * @self: settings
 *
 * Returns: (transfer full): a copy of @self with its name and times.
 */
CitedChartSettings *
cited_chart_settings_copy (const CitedChartSettings *self)
{
  CitedChartSettings *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = cited_chart_settings_new (self->source);
  copy->name = g_strdup (self->name);
  copy->brands = g_strdupv (self->brands);
  cited_chart_settings_set_metric (copy, self->query.metric);
  cited_chart_settings_set_search (copy, self->query.search);
  cited_chart_settings_set_claim_status (copy, self->query.claim_status);
  cited_chart_settings_set_span (copy, self->query.span);
  cited_chart_settings_set_dates (copy, self->query.date_from, self->query.date_to);
  copy->created = self->created;
  copy->updated = self->updated;
  return copy;
}

/**
 * cited_chart_settings_set_name:
 * @self: settings
 * @name: (nullable): the view's name
 */
void
cited_chart_settings_set_name (CitedChartSettings *self,
                               const char         *name)
{
  g_return_if_fail (self != NULL);
  g_free (self->name);
  self->name = g_strdup (name);
}

/**
 * cited_chart_settings_set_brands:
 * @self: settings
 * @brands: (nullable) (array zero-terminated=1): the brands, %NULL or empty to let Cited choose
 */
void
cited_chart_settings_set_brands (CitedChartSettings *self,
                                 const char * const *brands)
{
  g_return_if_fail (self != NULL);
  g_clear_pointer (&self->brands, g_strfreev);
  if (brands != NULL && brands[0] != NULL)
    self->brands = g_strdupv ((char **) brands);
}

/**
 * cited_chart_settings_get_brand:
 * @self: settings
 *
 * Returns: (nullable) (transfer none): the first brand, or %NULL
 */
const char *
cited_chart_settings_get_brand (const CitedChartSettings *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->brands != NULL ? self->brands[0] : NULL;
}

/* An empty value is no filter. */
static void
set_filter (const char **field,
            const char  *value)
{
  replace_string (field, value != NULL && *value != '\0' ? value : NULL);
}

/**
 * cited_chart_settings_set_metric:
 * @self: settings
 * @metric: (nullable): the metric, %NULL for none
 */
void
cited_chart_settings_set_metric (CitedChartSettings *self,
                                 const char         *metric)
{
  g_return_if_fail (self != NULL);
  set_filter (&self->query.metric, metric);
}

/**
 * cited_chart_settings_set_search:
 * @self: settings
 * @search: (nullable): full-text search, %NULL or empty for none
 */
void
cited_chart_settings_set_search (CitedChartSettings *self,
                                 const char         *search)
{
  g_return_if_fail (self != NULL);
  set_filter (&self->query.search, search);
}

/**
 * cited_chart_settings_set_claim_status:
 * @self: settings
 * @claim_status: (nullable): "reported", "forecast", "target", "plan" or %NULL
 */
void
cited_chart_settings_set_claim_status (CitedChartSettings *self,
                                       const char         *claim_status)
{
  g_return_if_fail (self != NULL);
  set_filter (&self->query.claim_status, claim_status);
}

/**
 * cited_chart_settings_set_span:
 * @self: settings
 * @span: (nullable): "period", "cumulative", "rate", "point" or %NULL
 */
void
cited_chart_settings_set_span (CitedChartSettings *self,
                               const char         *span)
{
  g_return_if_fail (self != NULL);
  set_filter (&self->query.span, span);
}

/**
 * cited_chart_settings_set_dates:
 * @self: settings
 * @date_from: (nullable): "YYYY-MM-DD", inclusive, or %NULL
 * @date_to: (nullable): "YYYY-MM-DD", inclusive, or %NULL
 */
void
cited_chart_settings_set_dates (CitedChartSettings *self,
                                const char         *date_from,
                                const char         *date_to)
{
  g_return_if_fail (self != NULL);
  set_filter (&self->query.date_from, date_from);
  set_filter (&self->query.date_to, date_to);
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

/**
 * cited_chart_settings_equal:
 * @a: chart settings
 * @b: other chart settings
 *
 * Returns: %TRUE when @a and @b draw the same chart (their names and times
 *   aside)
 */
gboolean
cited_chart_settings_equal (const CitedChartSettings *a,
                            const CitedChartSettings *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  return a->source == b->source && strv_equal0 (a->brands, b->brands) &&
         g_strcmp0 (a->query.metric, b->query.metric) == 0 &&
         g_strcmp0 (a->query.search, b->query.search) == 0 &&
         g_strcmp0 (a->query.claim_status, b->query.claim_status) == 0 &&
         g_strcmp0 (a->query.span, b->query.span) == 0 &&
         g_strcmp0 (a->query.date_from, b->query.date_from) == 0 &&
         g_strcmp0 (a->query.date_to, b->query.date_to) == 0;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, CITED_ERROR, CITED_ERROR_INVALID, message);
  return FALSE;
}

/**
 * cited_chart_settings_check:
 * @self: settings
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @self describes a chart Cited can draw.
 */
gboolean
cited_chart_settings_check (const CitedChartSettings *self,
                            GError                  **error)
{
  const CitedQuery *q;
  gboolean figures;
  CitedSpan span;
  CitedClaimStatus status;

  g_return_val_if_fail (self != NULL, FALSE);

  q = &self->query;
  figures = self->source == CITED_CHART_SOURCE_FIGURES || self->source == CITED_CHART_SOURCE_CLAIMS;
  if ((guint) self->source >= G_N_ELEMENTS (source_names))
    return invalid (error, _("Unknown kind of chart"));
  if (figures && q->metric == NULL)
    return invalid (error, _("A figures chart needs a metric"));
  if (figures && self->brands != NULL && g_strv_length (self->brands) > 1)
    return invalid (error, _("A figures chart takes one brand"));
  if (!figures && (q->metric != NULL || q->search != NULL || q->claim_status != NULL ||
                   q->span != NULL || q->date_from != NULL || q->date_to != NULL))
    return invalid (error, _("Only figures charts take a metric, a search, a status, a span or dates"));
  if (self->source == CITED_CHART_SOURCE_CLAIMS && q->claim_status != NULL)
    return invalid (error, _("A chart over time draws every status"));
  if (q->span != NULL && !cited_span_from_string (q->span, &span))
    return invalid (error, _("Unknown span: use period, cumulative, rate or point"));
  if (q->claim_status != NULL && !cited_claim_status_from_string (q->claim_status, &status))
    return invalid (error, _("Unknown status: use reported, forecast, target or plan"));
  return TRUE;
}

static void
add_member (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

/**
 * cited_chart_settings_to_json:
 * @self: settings
 *
 * Returns: (transfer full): the settings as one JSON object; members
 *   with no value are left out.
 */
char *
cited_chart_settings_to_json (const CitedChartSettings *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  add_member (builder, "kind", cited_chart_source_to_string (self->source));
  if (self->brands != NULL)
    {
      json_builder_set_member_name (builder, "brands");
      json_builder_begin_array (builder);
      for (guint i = 0; self->brands[i] != NULL; i++)
        json_builder_add_string_value (builder, self->brands[i]);
      json_builder_end_array (builder);
    }
  add_member (builder, "metric", self->query.metric);
  add_member (builder, "search", self->query.search);
  add_member (builder, "status", self->query.claim_status);
  add_member (builder, "span", self->query.span);
  add_member (builder, "from", self->query.date_from);
  add_member (builder, "to", self->query.date_to);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static CitedChartSettings *
parse_error (GError **error)
{
  g_set_error_literal (error, CITED_ERROR, CITED_ERROR_PARSE, _("The saved chart settings cannot be read"));
  return NULL;
}

/**
 * cited_chart_settings_new_from_json:
 * @json: what cited_chart_settings_to_json() returned
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the settings, or %NULL on error.
 */
CitedChartSettings *
cited_chart_settings_new_from_json (const char  *json,
                                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CitedChartSettings) self = NULL;
  g_autoptr(GStrvBuilder) brands = g_strv_builder_new ();
  g_auto(GStrv) brand_list = NULL;
  CitedChartSource source;
  JsonObject *object;
  JsonArray *array = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return parse_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  if (!cited_chart_source_from_string (member_string (object, "kind"), &source))
    return parse_error (error);

  self = cited_chart_settings_new (source);
  if (json_object_has_member (object, "brands") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "brands")))
    array = json_object_get_array_member (object, "brands");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (brands, json_node_get_string (node));
    }
  brand_list = g_strv_builder_end (brands);
  cited_chart_settings_set_brands (self, (const char * const *) brand_list);
  cited_chart_settings_set_metric (self, member_string (object, "metric"));
  cited_chart_settings_set_search (self, member_string (object, "search"));
  cited_chart_settings_set_claim_status (self, member_string (object, "status"));
  cited_chart_settings_set_span (self, member_string (object, "span"));
  cited_chart_settings_set_dates (self, member_string (object, "from"), member_string (object, "to"));
  return g_steal_pointer (&self);
}

/**
 * cited_chart_settings_build:
 * @self: settings
 * @store: the store to read
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the chart @self describes, or %NULL on error.
 */
CitedChart *
cited_chart_settings_build (const CitedChartSettings *self,
                            CitedStore               *store,
                            GError                  **error)
{
  CitedQuery query;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (CITED_IS_STORE (store), NULL);

  if (!cited_chart_settings_check (self, error))
    return NULL;

  switch (self->source)
    {
    case CITED_CHART_SOURCE_BRANDS:
      return cited_chart_new_brands (store, (const char * const *) self->brands, error);
    case CITED_CHART_SOURCE_TREND:
      return cited_chart_new_trend (store, (const char * const *) self->brands, error);
    case CITED_CHART_SOURCE_CLAIMS:
    case CITED_CHART_SOURCE_FIGURES:
    default:
      break;
    }

  query = self->query;
  query.brand = cited_chart_settings_get_brand (self);
  if (self->source == CITED_CHART_SOURCE_CLAIMS)
    return cited_chart_new_claims_over_time (store, &query, error);
  return cited_chart_new_figures (store, &query, error);
}
