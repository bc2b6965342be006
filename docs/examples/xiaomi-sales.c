/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Using libcited from C: opens a store in a temporary folder, imports a
 * corpus of articles, lists the figures cited for Xiaomi and draws a chart
 * of Xiaomi's sales to a PNG.
 *
 * Build:  cc -o xiaomi-sales xiaomi-sales.c $(pkg-config --cflags --libs cited-1)
 * Run:    ./xiaomi-sales CORPUS-FOLDER CHART.png
 */
#include <cited.h>
#include <glib/gstdio.h>

static void
print_figure (const CitedFigure *figure)
{
  /* Values are normalized: "190 million units" is stored as 190000000. */
  g_autofree char *value = figure->value >= 1e6
    ? g_strdup_printf ("%g million", figure->value / 1e6)
    : g_strdup_printf ("%g", figure->value);

  g_print ("%d\t%s\t%s\t%s %s\n",
           figure->year,
           figure->scope ? figure->scope : "-",
           figure->metric ? figure->metric : "-",
           value,
           figure->unit ? figure->unit : "");
}

/* Imports @corpus into a store at @db, prints Xiaomi's figures and draws
 * its sales to @png. */
static gboolean
xiaomi_sales (const char  *db,
              const char  *corpus,
              const char  *png,
              GError     **error)
{
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(CitedQuery) query = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(CitedChart) chart = NULL;
  const char *paths[] = { corpus, NULL };

  store = cited_store_open (db, error);
  if (store == NULL)
    return FALSE;

  result = cited_import_paths (store, paths, TRUE, NULL, NULL, NULL, error);
  if (result == NULL)
    return FALSE;
  g_print ("Imported %u articles\n", result->n_added);

  /* A query owns its strings: cited_query_free() frees them. */
  query = cited_query_new ();
  query->brand = g_strdup ("Xiaomi");
  figures = cited_store_list_figures (store, query, error);
  if (figures == NULL)
    return FALSE;
  for (guint i = 0; i < figures->len; i++)
    print_figure (g_ptr_array_index (figures, i));

  query->metric = g_strdup ("sales");
  chart = cited_chart_new_figures (store, query, error);
  if (chart == NULL || !cited_chart_export (chart, png, 800, 500, error))
    return FALSE;
  g_print ("Wrote %s\n", png);
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  gboolean ok;

  if (argc != 3)
    {
      g_printerr ("Usage: %s CORPUS-FOLDER CHART.png\n", argv[0]);
      return 2;
    }

  tmp = g_dir_make_tmp ("xiaomi-sales-XXXXXX", &error);
  if (tmp == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  {
    g_autofree char *db = g_build_filename (tmp, "cited.db", NULL);
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    ok = xiaomi_sales (db, argv[1], argv[2], &error);
    g_remove (db);
    g_remove (wal);
    g_remove (shm);
    g_rmdir (tmp);
  }
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
