/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cited.h"

/*
 * Extraction speed over the shared corpora: every file is read into memory
 * first, then cited_extract() runs over all of them on one thread. Prints
 * MB/s and figures/s; asserts nothing about time.
 */

typedef struct {
  char *title;
  char *body;
  gsize length;
} Doc;

static void
doc_free (gpointer data)
{
  Doc *doc = data;

  g_free (doc->title);
  g_free (doc->body);
  g_free (doc);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
load_dir (const char *dir,
          GPtrArray  *docs,
          gsize      *total)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *data = NULL;
      gsize len = 0;
      Doc *doc;
      char *nl;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          load_dir (path, docs, total);
          continue;
        }
      if (!g_str_has_suffix (path, ".txt") && !g_str_has_suffix (path, ".md"))
        continue;
      if (!g_file_get_contents (path, &data, &len, NULL))
        continue;
      if (!g_utf8_validate (data, len, NULL))
        {
          /* The one stray Latin-1 byte in the BBC set. */
          char *fixed = g_utf8_make_valid (data, len);

          g_free (data);
          data = fixed;
          len = strlen (data);
        }
      doc = g_new0 (Doc, 1);
      nl = strchr (data, '\n');
      if (nl != NULL)
        {
          doc->title = g_strndup (data, nl - data);
          doc->body = g_strdup (nl + 1);
        }
      else
        doc->body = g_strdup (data);
      doc->length = strlen (doc->body);
      *total += doc->length;
      g_ptr_array_add (docs, doc);
    }
}

static void
bench (CitedLexicon *lexicon,
       const char   *label,
       const char   *dir,
       guint         rounds)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (doc_free);
  gsize total = 0;
  guint64 figures = 0, mentions = 0;
  gint64 t0, t1;
  struct timespec c0, c1;
  double secs, cpu, mb;

  load_dir (dir, docs, &total);
  if (docs->len == 0)
    {
      printf ("%-8s skipped: no files in %s\n", label, dir);
      return;
    }

  /* One warm-up pass builds the automaton and keyword tables. */
  {
    Doc *doc = g_ptr_array_index (docs, 0);
    G_GNUC_UNUSED g_autoptr(CitedExtraction) ex = cited_extract (lexicon, doc->title, doc->body, doc->length, NULL);
  }

  t0 = g_get_monotonic_time ();
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &c0);
  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < docs->len; i++)
      {
        Doc *doc = g_ptr_array_index (docs, i);
        g_autoptr(CitedExtraction) ex = cited_extract (lexicon, doc->title, doc->body, doc->length, NULL);

        figures += ex->figures->len;
        mentions += ex->mentions->len;
      }
  t1 = g_get_monotonic_time ();
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &c1);
  cpu = (c1.tv_sec - c0.tv_sec) + (c1.tv_nsec - c0.tv_nsec) / 1e9;

  secs = (t1 - t0) / 1e6;
  mb = (double) total * rounds / (1024.0 * 1024.0);
  /* CPU time is the fairer measure on a busy machine; both are shown. */
  printf ("%-8s %5u articles x %u, %6.1f MB in %6.3f s (CPU %6.3f s): %6.1f MB/s (CPU %6.1f MB/s), "
          "%8.0f figures/s, %7.0f articles/s (%" G_GUINT64_FORMAT " figures, %" G_GUINT64_FORMAT
          " brand mentions per pass)\n",
          label, docs->len, rounds, mb, secs, cpu, mb / secs, mb / cpu, figures / cpu,
          docs->len * rounds / cpu, figures / rounds, mentions / rounds);
}

static gboolean
load_lexicon (CitedLexicon *lexicon,
              const char   *path)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &json, NULL, &error) ||
      !cited_lexicon_load_json (lexicon, json, -1, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  const char *root = g_getenv ("CITED_SOURCE_ROOT");
  g_autoptr(CitedLexicon) lexicon = NULL;
  g_autofree char *corpora = g_build_filename (root ? root : ".", "..", "shared", "corpora", NULL);
  g_autofree char *bbc = g_build_filename (corpora, "bbc", NULL);
  g_autofree char *xda = g_build_filename (corpora, "xda_zh", NULL);
  g_autofree char *seeds = g_build_filename (root ? root : ".", "data", "corpus", NULL);
  g_autofree char *lexicon_path = NULL;
  gboolean no_discovery = FALSE;
  guint rounds = 3;
  const char *only = NULL;
  GOptionEntry entries[] = {
    { "lexicon", 0, 0, G_OPTION_ARG_FILENAME, &lexicon_path,
      "Brands from this JSON file instead of the default lexicon", "FILE" },
    { "no-discovery", 0, 0, G_OPTION_ARG_NONE, &no_discovery,
      "Do not discover companies the lexicon does not list", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[ROUNDS [seeds|bbc|xda_zh]]");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (argc > 1)
    rounds = MAX (1, atoi (argv[1]));
  /* An optional second argument runs one corpus only. */
  if (argc > 2)
    only = argv[2];
  if (lexicon_path != NULL)
    {
      lexicon = cited_lexicon_new ();
      if (!load_lexicon (lexicon, lexicon_path))
        return 1;
    }
  else
    lexicon = cited_lexicon_new_default ();
  cited_lexicon_set_discover (lexicon, !no_discovery);

  printf ("Extraction, one thread, %u rounds (cited_extract over text already in memory)%s%s%s\n",
          rounds, lexicon_path ? ", brands of " : "", lexicon_path ? lexicon_path : "",
          no_discovery ? ", no company discovery" : "");
  if (only == NULL || strcmp (only, "seeds") == 0)
    bench (lexicon, "seeds", seeds, rounds * 100);
  if (only == NULL || strcmp (only, "bbc") == 0)
    bench (lexicon, "bbc", bbc, rounds);
  if (only == NULL || strcmp (only, "xda_zh") == 0)
    bench (lexicon, "xda_zh", xda, rounds);
  return 0;
}
