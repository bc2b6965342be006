/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GNOME Shell's search provider, called over a private session bus as the
 * Shell calls it: the results for what a user types in the Activities
 * overview, their names and descriptions, and what a click on a result or
 * on the app's icon opens. The application runs in this process over a
 * store holding the sample corpus. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cited-application.h"
#include "cited-figures-page-private.h"
#include "cited-window.h"
#include "cited-ui-test.h"

#define IFACE "org.gnome.Shell.SearchProvider2"

static GTestDBus        *bus;
static GDBusConnection  *shell;   /* the caller's own connection, as the Shell's */
static CitedApplication *app;
static CitedStore       *store;
static char             *object_path;

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
call_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GVariant **reply = user_data;
  g_autoptr(GError) error = NULL;

  *reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  g_assert_no_error (error);
}

/* Calls @method on the provider from the Shell's connection; the app
 * answers from this process's main loop, so the call is waited for there. */
static GVariant *
call (const char *method,
      GVariant   *parameters)
{
  GVariant *reply = NULL;

  g_dbus_connection_call (shell, APP_ID, object_path, IFACE, method, parameters,
                          NULL, G_DBUS_CALL_FLAGS_NONE, WAIT_SECONDS * 1000, NULL,
                          call_done_cb, &reply);
  g_assert_true (wait_for (pointer_set, &reply));
  return reply;
}

static GStrv
initial_results (const char * const *terms)
{
  g_autoptr(GVariant) reply = call ("GetInitialResultSet", g_variant_new ("(^as)", terms));
  GStrv results = NULL;

  g_variant_get (reply, "(^as)", &results);
  return results;
}

/* Result id -> (name, description) of GetResultMetas. */
static GHashTable *
result_metas (const char * const *ids)
{
  g_autoptr(GVariant) reply = call ("GetResultMetas", g_variant_new ("(^as)", ids));
  g_autoptr(GVariantIter) iter = NULL;
  GHashTable *metas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  GVariant *meta;

  g_variant_get (reply, "(aa{sv})", &iter);
  while (g_variant_iter_next (iter, "@a{sv}", &meta))
    {
      GVariantDict dict;
      const char *id = NULL, *name = NULL, *description = NULL;
      g_autoptr(GVariant) icon = NULL;
      char **pair = g_new0 (char *, 3);

      g_variant_dict_init (&dict, meta);
      g_assert_true (g_variant_dict_lookup (&dict, "id", "&s", &id));
      g_assert_true (g_variant_dict_lookup (&dict, "name", "&s", &name));
      g_assert_true (g_variant_dict_lookup (&dict, "description", "&s", &description));
      icon = g_variant_dict_lookup_value (&dict, "icon", NULL);
      g_assert_nonnull (icon);
      {
        g_autoptr(GIcon) gicon = g_icon_deserialize (icon);

        g_assert_true (G_IS_THEMED_ICON (gicon));
        g_assert_cmpstr (g_themed_icon_get_names (G_THEMED_ICON (gicon))[0], ==, APP_ID);
      }
      pair[0] = g_strdup (name);
      pair[1] = g_strdup (description);
      g_hash_table_insert (metas, g_strdup (id), pair);
      g_variant_dict_clear (&dict);
      g_variant_unref (meta);
    }
  return metas;
}

static guint
count_prefixed (const char * const *ids,
                const char         *prefix)
{
  guint n = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    n += g_str_has_prefix (ids[i], prefix);
  return n;
}

static gint64
id_of (const char *result)
{
  return g_ascii_strtoll (strchr (result, ':') + 1, NULL, 10);
}

/* Typing "xiaomi": articles about Xiaomi and Xiaomi's figures, each named
 * as the app shows them. */
static void
test_brand_terms (void)
{
  const char *terms[] = { "xiaomi", NULL };
  g_auto(GStrv) results = initial_results (terms);
  g_autoptr(GHashTable) metas = result_metas ((const char * const *) results);
  guint n_articles = count_prefixed ((const char * const *) results, "article:");
  guint n_figures = count_prefixed ((const char * const *) results, "figure:");

  g_assert_cmpuint (n_articles, >, 0);
  g_assert_cmpuint (n_articles, <=, 5);
  g_assert_cmpuint (n_figures, >, 0);
  g_assert_cmpuint (n_figures, <=, 5);
  g_assert_cmpuint (g_hash_table_size (metas), ==, n_articles + n_figures);

  for (guint i = 0; results[i] != NULL; i++)
    {
      char **meta = g_hash_table_lookup (metas, results[i]);

      g_assert_nonnull (meta);
      if (g_str_has_prefix (results[i], "article:"))
        {
          g_autoptr(CitedArticle) article = cited_store_get_article (store, id_of (results[i]), NULL);

          g_assert_cmpstr (meta[0], ==, article->title);
          g_assert_true (article->published == NULL || strstr (meta[1], article->published) != NULL);
          g_assert_true (article->source == NULL || strstr (meta[1], article->source) != NULL);
          if (article->source == NULL && article->published == NULL)
            g_assert_cmpstr (meta[1], ==, "No source or date");
        }
      else
        {
          g_autoptr(CitedFigure) figure = cited_store_get_figure (store, id_of (results[i]), NULL);

          g_assert_cmpstr (figure->brand, ==, "Xiaomi");
          g_assert_true (g_str_has_prefix (meta[0], figure->text));
          g_assert_nonnull (strstr (meta[0], " · Xiaomi · "));
          g_assert_cmpstr (meta[1], ==, figure->sentence);
        }
    }
}

/* Typing "190 million": the figure of Xiaomi's 190 million phones. */
static void
test_value_terms (void)
{
  const char *terms[] = { "190", "million", NULL };
  g_auto(GStrv) results = initial_results (terms);
  g_autoptr(GHashTable) metas = result_metas ((const char * const *) results);
  gboolean found = FALSE;

  for (guint i = 0; results[i] != NULL; i++)
    if (g_str_has_prefix (results[i], "figure:"))
      {
        char **meta = g_hash_table_lookup (metas, results[i]);

        g_assert_nonnull (strstr (meta[0], "190 million"));
        found |= strstr (meta[0], "Xiaomi · Sales") != NULL
                 && strstr (meta[1], "190 million units") != NULL;
      }
  g_assert_true (found);

  /* Narrowing down to a term nothing has leaves nothing. */
  {
    const char *more[] = { "190", "million", "zeppelins", NULL };
    g_autoptr(GVariant) reply = call ("GetSubsearchResultSet",
                                      g_variant_new ("(^as^as)", results, more));
    g_autofree const char **narrowed = NULL;

    g_variant_get (reply, "(^a&s)", &narrowed);
    g_assert_cmpuint (g_strv_length ((char **) narrowed), ==, 0);
  }
}

/* Results that went away, or ids that are none, are left out. */
static void
test_unknown_results (void)
{
  const char *ids[] = { "article:987654321", "figure:0", "brand:Xiaomi", "article:", NULL };
  g_autoptr(GHashTable) metas = result_metas (ids);

  g_assert_cmpuint (g_hash_table_size (metas), ==, 0);
}

static CitedWindow *
app_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (CITED_IS_WINDOW (window));
  return CITED_WINDOW (window);
}

static gboolean
reader_shows (gpointer data)
{
  CitedArticlesPage *page = cited_window_get_articles_page (app_window ());

  return cited_article_view_get_article_id (cited_articles_page_get_article_view (page))
         == *(gint64 *) data;
}

static gboolean
figure_selected (gpointer data)
{
  CitedFiguresPage *page = cited_window_get_figures_page (app_window ());

  return cited_figures_page_get_selected_id (page) == *(gint64 *) data;
}

/* Clicking an article result opens the window on it in the reader;
 * clicking a figure opens the Figures page with it selected. */
static void
test_activate (void)
{
  const char *terms[] = { "xiaomi", NULL };
  g_auto(GStrv) results = initial_results (terms);
  const char *article = NULL, *figure = NULL;
  gint64 article_id, figure_id;

  for (guint i = 0; results[i] != NULL; i++)
    {
      if (article == NULL && g_str_has_prefix (results[i], "article:"))
        article = results[i];
      if (figure == NULL && g_str_has_prefix (results[i], "figure:"))
        figure = results[i];
    }
  g_assert_nonnull (article);
  g_assert_nonnull (figure);
  article_id = id_of (article);

  g_variant_unref (call ("ActivateResult", g_variant_new ("(s^asu)", article, terms, 0)));
  g_assert_true (wait_for (reader_shows, &article_id));
  g_assert_cmpstr (cited_window_get_visible_page (app_window ()), ==, "articles");

  g_variant_unref (call ("ActivateResult", g_variant_new ("(s^asu)", figure, terms, 0)));
  g_assert_cmpstr (cited_window_get_visible_page (app_window ()), ==, "figures");
  figure_id = id_of (figure);
  g_assert_true (wait_for (figure_selected, &figure_id));
  /* One window, however many results were opened. */
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
}

typedef struct {
  GListModel *model;
  guint       n_items;
} ListCount;

static gboolean
list_has_count (gpointer data)
{
  ListCount *count = data;

  return g_list_model_get_n_items (count->model) == count->n_items;
}

/* Clicking the app's icon among the results searches its articles. */
static void
test_launch_search (void)
{
  const char *terms[] = { "huawei", "hongmeng", NULL };
  CitedQuery query = { .search = "huawei hongmeng" };
  CitedArticlesPage *page;
  ListCount count;

  g_variant_unref (call ("LaunchSearch", g_variant_new ("(^asu)", terms, 0)));
  page = cited_window_get_articles_page (app_window ());
  g_assert_cmpstr (cited_window_get_visible_page (app_window ()), ==, "articles");

  count.model = cited_articles_page_get_model (page);
  count.n_items = cited_store_count_articles (store, &query, NULL);
  g_assert_cmpuint (count.n_items, >, 0);
  g_assert_cmpuint (count.n_items, <, cited_store_count_articles (store, NULL, NULL));
  g_assert_true (wait_for (list_has_count, &count));
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *display = NULL;
  g_autoptr(CitedImportResult) imported = NULL;
  const char *corpus[] = { NULL, NULL };
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("test-search-provider needs a display (run it under xvfb-run)\n");
      return 1;
    }

  /* GTestDBus unsets DISPLAY (against X11 bus autolaunch): the app needs
   * it back. */
  display = g_strdup (g_getenv ("DISPLAY"));
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  /* The private bus has no accessibility bus to offer. */
  g_setenv ("GTK_A11Y", "none", TRUE);

  dir = g_dir_make_tmp ("cited-search-provider-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "cited.db", NULL);
  g_setenv ("CITED_DB", db, TRUE);
  store = cited_store_open (db, &error);
  g_assert_no_error (error);
  corpus[0] = cited_application_get_sample_corpus_dir ();
  g_assert_nonnull (corpus[0]);
  imported = cited_import_paths (store, corpus, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  app = cited_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  object_path = g_strconcat (g_application_get_dbus_object_path (G_APPLICATION (app)),
                             "/SearchProvider", NULL);
  shell = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                  G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                  | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                  NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/search-provider/brand-terms", test_brand_terms);
  g_test_add_func ("/search-provider/value-terms", test_value_terms);
  g_test_add_func ("/search-provider/unknown-results", test_unknown_results);
  g_test_add_func ("/search-provider/activate", test_activate);
  g_test_add_func ("/search-provider/launch-search", test_launch_search);
  ret = g_test_run ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (app)))
    gtk_window_destroy (l->data);
  g_object_unref (app);
  g_object_unref (shell);
  g_object_unref (store);
  /* GTK and the app keep the session connection to the end: stop the bus
   * without waiting for the connection to go (g_test_dbus_down() and
   * disposing of @bus would wait). */
  g_test_dbus_stop (bus);
  for (const char *suffix = "\0-wal\0-shm\0"; ; suffix += strlen (suffix) + 1)
    {
      g_autofree char *path = g_strconcat (db, suffix, NULL);

      g_unlink (path);
      if (g_str_equal (suffix, "-shm"))
        break;
    }
  g_remove (dir);
  g_free (object_path);
  return ret;
}
