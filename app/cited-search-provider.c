/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-search-provider"

#include "config.h"

#include <glib/gi18n.h>

#include "cited-search-provider.h"
#include "cited-window.h"

/* Figures are looked for among those of the articles matching the terms;
 * this many are read at most, which keeps a search quick in a large
 * store. */
#define FIGURE_SCAN 400

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct {
  GApplication *application;   /* weak: the application owns the export */
  CitedStore   *store;         /* opened when no window has one */
} Provider;

static void
provider_free (gpointer data)
{
  Provider *provider = data;

  g_clear_object (&provider->store);
  g_free (provider);
}

/* The store of an open window, else one the provider opens itself. */
static CitedStore *
provider_get_store (Provider  *provider,
                    GError   **error)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (provider->application));

  for (GList *l = windows; l != NULL; l = l->next)
    if (CITED_IS_WINDOW (l->data) && cited_window_get_store (l->data) != NULL)
      return cited_window_get_store (l->data);

  if (provider->store == NULL)
    provider->store = cited_store_open (NULL, error);
  return provider->store;
}

/* Whether every term occurs in the figure's text, brand or metric. */
static gboolean
figure_matches (const CitedFigure  *figure,
                const char * const *terms)
{
  g_autofree char *label = cited_metric_label (figure->metric);
  g_autofree char *haystack = g_strjoin (" ", figure->text ? figure->text : "",
                                         figure->brand ? figure->brand : "",
                                         figure->metric ? figure->metric : "",
                                         label, NULL);
  g_autofree char *folded = g_utf8_casefold (haystack, -1);

  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autofree char *term = g_utf8_casefold (terms[i], -1);

      if (strstr (folded, term) == NULL)
        return FALSE;
    }
  return TRUE;
}

GStrv
cited_search_provider_search (CitedStore          *store,
                              const char * const  *terms,
                              GError             **error)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autofree char *text = g_strjoinv (" ", (char **) terms);
  CitedQuery query = { .search = text, .limit = CITED_SEARCH_PROVIDER_MAX };
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  guint n_figures = 0;

  if (g_strstrip (text)[0] == '\0')
    return g_strv_builder_end (ids);

  articles = cited_store_list_articles (store, &query, error);
  if (articles == NULL)
    return NULL;
  for (guint i = 0; i < articles->len; i++)
    {
      const CitedArticle *article = g_ptr_array_index (articles, i);
      g_autofree char *id = g_strdup_printf ("article:%" G_GINT64_FORMAT, article->id);

      g_strv_builder_add (ids, id);
    }

  query.limit = FIGURE_SCAN;
  figures = cited_store_list_figures (store, &query, error);
  if (figures == NULL)
    return NULL;
  for (guint i = 0; i < figures->len && n_figures < CITED_SEARCH_PROVIDER_MAX; i++)
    {
      const CitedFigure *figure = g_ptr_array_index (figures, i);
      g_autofree char *id = NULL;

      if (!figure_matches (figure, terms))
        continue;
      id = g_strdup_printf ("figure:%" G_GINT64_FORMAT, figure->id);
      g_strv_builder_add (ids, id);
      n_figures++;
    }
  return g_strv_builder_end (ids);
}

/* Reads "article:12" or "figure:34"; FALSE for anything else. */
static gboolean
parse_result_id (const char  *identifier,
                 gboolean    *is_figure,
                 gint64      *id)
{
  const char *number;
  guint64 value;

  if (g_str_has_prefix (identifier, "article:"))
    *is_figure = FALSE, number = identifier + strlen ("article:");
  else if (g_str_has_prefix (identifier, "figure:"))
    *is_figure = TRUE, number = identifier + strlen ("figure:");
  else
    return FALSE;
  if (!g_ascii_string_to_unsigned (number, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

/* "Source · 2024-05-01", or whichever of the two the article has. */
static char *
article_description (const CitedArticle *article)
{
  if (article->source != NULL && article->published != NULL)
    /* Translators: a search result's description: an article's source and date. */
    return g_strdup_printf (_("%s · %s"), article->source, article->published);
  if (article->source != NULL)
    return g_strdup (article->source);
  if (article->published != NULL)
    return g_strdup (article->published);
  return g_strdup (_("No source or date"));
}

/* "190 million units · Xiaomi · Sales". */
static char *
figure_name (const CitedFigure *figure)
{
  g_autofree char *label = cited_metric_label (figure->metric);

  /* Translators: a search result's name: a figure as the article wrote it,
   * the brand it is about ("market-wide" when none) and its metric. */
  return g_strdup_printf (_("%s · %s · %s"), figure->text,
                          figure->brand != NULL ? figure->brand : _("market-wide"), label);
}

static void
add_meta (GVariantBuilder *metas,
          const char      *identifier,
          const char      *name,
          const char      *description)
{
  g_autoptr(GIcon) icon = g_themed_icon_new (APP_ID);
  GVariantBuilder meta;

  g_variant_builder_init (&meta, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (identifier));
  g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (name));
  g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
  g_variant_builder_add (&meta, "{sv}", "icon", g_icon_serialize (icon));
  g_variant_builder_add_value (metas, g_variant_builder_end (&meta));
}

/* The metas of the results still in the store; others are left out. */
static GVariant *
result_metas (CitedStore         *store,
              const char * const *identifiers)
{
  GVariantBuilder metas;

  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; identifiers[i] != NULL; i++)
    {
      gboolean is_figure;
      gint64 id;

      if (!parse_result_id (identifiers[i], &is_figure, &id))
        continue;
      if (is_figure)
        {
          g_autoptr(CitedFigure) figure = cited_store_get_figure (store, id, NULL);
          g_autofree char *name = figure != NULL ? figure_name (figure) : NULL;

          if (figure != NULL)
            add_meta (&metas, identifiers[i], name, figure->sentence ? figure->sentence : "");
        }
      else
        {
          g_autoptr(CitedArticle) article = cited_store_get_article (store, id, NULL);
          g_autofree char *description = article != NULL ? article_description (article) : NULL;

          if (article != NULL)
            add_meta (&metas, identifiers[i], article->title ? article->title : "", description);
        }
    }
  return g_variant_new ("(aa{sv})", &metas);
}

/* Presents the window (opening one when there is none) and returns it. */
static CitedWindow *
present_window (Provider *provider)
{
  GtkWindow *window;

  g_application_activate (provider->application);
  window = gtk_application_get_active_window (GTK_APPLICATION (provider->application));
  return CITED_IS_WINDOW (window) ? CITED_WINDOW (window) : NULL;
}

static void
activate_result (Provider   *provider,
                 const char *identifier)
{
  CitedWindow *window;
  gboolean is_figure;
  gint64 id;

  window = present_window (provider);
  if (window == NULL || !parse_result_id (identifier, &is_figure, &id))
    return;
  if (is_figure)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-figure", "x", id);
  else
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-article", "(xu)", id, (guint32) 0);
}

static void
launch_search (Provider           *provider,
               const char * const *terms)
{
  CitedWindow *window = present_window (provider);
  g_autofree char *text = g_strjoinv (" ", (char **) terms);

  if (window == NULL)
    return;
  cited_window_set_visible_page (window, "articles");
  cited_articles_page_set_search_text (cited_window_get_articles_page (window), text);
}

static void
return_results (Provider              *provider,
                const char * const    *terms,
                GDBusMethodInvocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) results = NULL;
  CitedStore *store = provider_get_store (provider, &error);

  if (store != NULL)
    results = cited_search_provider_search (store, terms, &error);
  if (results == NULL)
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      return;
    }
  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(^as)", results));
}

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  Provider *provider = user_data;
  g_autofree const char **terms = NULL;
  g_autofree const char **strv = NULL;
  const char *identifier;

  /* In service mode the application quits when idle: not during a call. */
  g_application_hold (provider->application);
  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      g_variant_get (parameters, "(^a&s)", &terms);
      return_results (provider, terms, invocation);
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      g_variant_get (parameters, "(^a&s^a&s)", &strv, &terms);
      return_results (provider, terms, invocation);
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      g_autoptr(GError) error = NULL;
      CitedStore *store = provider_get_store (provider, &error);

      g_variant_get (parameters, "(^a&s)", &strv);
      if (store == NULL)
        g_dbus_method_invocation_return_gerror (invocation, error);
      else
        g_dbus_method_invocation_return_value (invocation, result_metas (store, strv));
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      g_variant_get (parameters, "(&s^a&su)", &identifier, &terms, NULL);
      activate_result (provider, identifier);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      g_variant_get (parameters, "(^a&su)", &terms, NULL);
      launch_search (provider, terms);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "No method %s", method_name);
  g_application_release (provider->application);
}

guint
cited_search_provider_export (GApplication    *application,
                              GDBusConnection *connection,
                              const char      *object_path,
                              GError         **error)
{
  static const GDBusInterfaceVTable vtable = { .method_call = method_call_cb };
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (introspection_xml, NULL);
  Provider *provider = g_new0 (Provider, 1);

  provider->application = application;
  return g_dbus_connection_register_object (connection, object_path, node->interfaces[0],
                                            &vtable, provider, provider_free, error);
}
