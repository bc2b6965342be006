/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fuzz-regressions"
#include "config.h"

#include "cited-fuzz-targets.h"

/*
 * Every file of tests/fuzz/regressions/<target>/ is one test case, fed to
 * the same entry point the fuzzer <target> uses, in every build, without
 * libFuzzer. Each case runs in a subprocess, so that an input that crashes
 * (or that AddressSanitizer stops) fails its own case and the others still
 * run. An input a fuzzer once crashed on goes in as it was found.
 */

typedef void (*Target) (const guint8 *data, gsize size);

static const struct {
  const char *name;
  Target      func;
} targets[] = {
  { "import", cited_fuzz_import },
  { "extract", cited_fuzz_extract },
  { "search", cited_fuzz_search },
  { "tokenize", cited_fuzz_tokenize },
};

typedef struct {
  Target func;
  char  *path;
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->path);
  g_free (c);
}

static void
run_case (gconstpointer data)
{
  const Case *c = data;

  if (g_test_subprocess ())
    {
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = 0;

      g_file_get_contents (c->path, &contents, &length, &error);
      g_assert_no_error (error);
      c->func ((const guint8 *) contents, length);
      cited_fuzz_cleanup ();
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static int
compare_names_cb (gconstpointer a,
                  gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* A crashing input fails its case; the cases after it still run. */
  g_test_set_nonfatal_assertions ();

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    {
      g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions",
                                                         targets[t].name, NULL);
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      const char *name;

      dir = g_dir_open (dir_path, 0, &error);
      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_strdup (name));
      /* An empty folder would make this test pass without testing. */
      if (names->len == 0)
        g_error ("%s holds no regression input", dir_path);
      g_ptr_array_sort (names, compare_names_cb);

      for (guint i = 0; i < names->len; i++)
        {
          Case *c = g_new0 (Case, 1);
          g_autofree char *test_path = NULL;

          c->func = targets[t].func;
          c->path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
          test_path = g_strdup_printf ("/fuzz-regressions/%s/%s", targets[t].name,
                                       (const char *) g_ptr_array_index (names, i));
          g_test_add_data_func_full (test_path, c, run_case, case_free);
        }
    }

  return g_test_run ();
}
