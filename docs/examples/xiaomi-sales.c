/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Builds on an installed libcited:
 *
 *   cc xiaomi-sales.c $(pkg-config --cflags --libs cited-1) -o xiaomi-sales
 *   ./xiaomi-sales CORPUS_FOLDER OUTPUT.png
 *
 * Imports the articles of CORPUS_FOLDER into a store in a temporary
 * folder, prints Xiaomi's sales figures with their scope and period, and
 * draws them as a chart. */
#include <stdio.h>

#include <glib/gstdio.h>

#include <cited.h>

/* Removes @dir and the files in it (the database and its journal). */
static void
remove_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(CitedChart) chart = NULL;
  const char *paths[2] = { NULL, NULL };
  CitedQuery query = { 0 };

  if (argc != 3)
    {
      fprintf (stderr, "Usage: %s CORPUS_FOLDER OUTPUT.png\n", argv[0]);
      return 2;
    }
  dir = g_dir_make_tmp ("xiaomi-sales-XXXXXX", &error);
  if (dir == NULL)
    goto failed;
  db = g_build_filename (dir, "cited.db", NULL);
  store = cited_store_open (db, &error);
  if (store == NULL)
    goto failed;

  paths[0] = argv[1];
  result = cited_import_paths (store, paths, TRUE, NULL, NULL, NULL, &error);
  if (result == NULL)
    goto failed;
  printf ("%u articles imported\n", result->n_added);

  query.brand = "Xiaomi";
  query.metric = "sales";
  figures = cited_store_list_figures (store, &query, &error);
  if (figures == NULL)
    goto failed;
  for (guint i = 0; i < figures->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (figures, i);

      printf ("%s\t%s\t%d\n", figure->text, figure->scope ? figure->scope : "", figure->year);
    }

  chart = cited_chart_new_figures (store, &query, &error);
  if (chart == NULL || !cited_chart_export (chart, argv[2], 1200, 800, &error))
    goto failed;
  printf ("%s\n", argv[2]);
  g_clear_object (&store);
  remove_folder (dir);
  return 0;

failed:
  fprintf (stderr, "%s\n", error != NULL ? error->message : "failed");
  return 1;
}
