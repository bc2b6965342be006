/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"
#include "config.h"

#include <math.h>
#include <locale.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "cited.h"
#include "cited-discovered-test.h"
#include "test-feeds-server.h"
#include "cited-test-files.h"

/* Runs the built cited-cli (path in $CITED_CLI) the way a user would and
 * checks what they would see: exit status, stdout, stderr, files. */

static char *tmp_dir;
static char *seeded_db;

typedef struct {
  int status;                /* exit status, -1 when killed by a signal */
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static const char *
cli_path (void)
{
  return g_getenv ("CITED_CLI");
}

static char *
corpus_dir (void)
{
  const char *root = g_getenv ("CITED_SOURCE_ROOT");

  if (root != NULL)
    return g_build_filename (root, "data", "corpus", NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "data", "corpus", NULL);
}

static char *
shared_corpora_dir (void)
{
  const char *root = g_getenv ("CITED_SOURCE_ROOT");

  if (root == NULL)
    return NULL;
  return g_build_filename (root, "..", "shared", "corpora", NULL);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* Runs cited-cli with @args; @env is NULL or "NAME=VALUE" strings added to
 * an environment without CITED_DB and with a private data folder. */
static Run *
run_cli_env (const char * const *env,
             const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *xdg = tmp_path ("xdg-data");
  Run *run = g_new0 (Run, 1);
  int wait_status = 0;

  envp = g_environ_unsetenv (envp, "CITED_DB");
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", xdg, TRUE);
  envp = g_environ_setenv (envp, "NO_COLOR", "1", TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      envp = g_environ_setenv (envp, pair[0], pair[1], TRUE);
    }

  g_ptr_array_add (argv, (gpointer) cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (tmp_dir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);

  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  if (run->status < 0 || run->status > 2)
    g_test_message ("cited-cli died (%d): %s", wait_status, run->err);
  return run;
}

#define run_cli(...) run_cli_env (NULL, (const char * const[]) { __VA_ARGS__, NULL })

static gboolean
have_cli (void)
{
  if (cli_path () == NULL)
    {
      g_test_skip ("CITED_CLI is not set; run this test with meson test");
      return FALSE;
    }
  return TRUE;
}

/* A database with the sample corpus, imported once and only read after. */
static const char *
get_seeded_db (void)
{
  if (seeded_db == NULL)
    {
      g_autofree char *corpus = corpus_dir ();
      g_autofree char *db = tmp_path ("seeded.db");
      g_autoptr(Run) run = run_cli ("--db", db, "import", corpus);

      g_assert_cmpint (run->status, ==, 0);
      seeded_db = g_steal_pointer (&db);
    }
  return seeded_db;
}

static JsonArray *
parse_array (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_ref (json_node_get_array (root));
}

static guint
display_width (const char *text,
               gsize       length)
{
  const char *end = text + length;
  guint width = 0;

  for (const char *p = text; p < end && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static GStrv
lines_of (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_strv_builder_add (builder, lines[i]);
  return g_strv_builder_end (builder);
}

static gboolean
member_is_null (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_NULL (node);
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_node_get_string (node);
}

static void
write_file (const char *path,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static void
test_help (void)
{
  g_autoptr(Run) help = NULL;
  g_autoptr(Run) command_help = NULL;
  g_autoptr(Run) short_help = NULL;
  g_autoptr(Run) version = NULL;

  if (!have_cli ())
    return;

  help = run_cli ("--help");
  g_assert_cmpint (help->status, ==, 0);
  g_assert_nonnull (strstr (help->out, "Usage"));
  for (guint i = 0; i < 7; i++)
    {
      const char *commands[] = { "import", "articles", "figures", "claims", "contradictions",
                                 "brands", "chart" };

      g_assert_nonnull (strstr (help->out, commands[i]));
    }
  g_assert_nonnull (strstr (help->out, "--db"));

  command_help = run_cli ("figures", "--help");
  g_assert_cmpint (command_help->status, ==, 0);
  g_assert_nonnull (strstr (command_help->out, "--metric"));
  g_assert_nonnull (strstr (command_help->out, "--brand"));
  g_assert_nonnull (strstr (command_help->out, "--format"));

  short_help = run_cli ("chart", "-h");
  g_assert_cmpint (short_help->status, ==, 0);
  g_assert_nonnull (strstr (short_help->out, "--output"));
  g_assert_nonnull (strstr (short_help->out, "--width"));

  version = run_cli ("--version");
  g_assert_cmpint (version->status, ==, 0);
  g_assert_nonnull (strstr (version->out, PACKAGE_VERSION));
}

static void
test_usage_errors (void)
{
  const char *cases[][12] = {
    { NULL },
    { "frobnicate", NULL },
    { "--bogus", "figures", NULL },
    { "figures", "--bogus", NULL },
    { "figures", "--format", "xml", NULL },
    { "figures", "--metric", NULL },
    { "figures", "--db=", NULL },
    { "--db=", "articles", NULL },
    { "brands", "--format", "yaml", NULL },
    { "articles", "stray", NULL },
    { "import", NULL },
    { "import", "--recursive", NULL },
    { "brands", "add", NULL },
    { "brands", "add", "Acme", "--color", "red", NULL },
    { "brands", "add", "Acme", "--color", "#12345G", NULL },
    { "brands", "--alias", "acme", NULL },
    { "chart", "--figures", "--metric", "sales", NULL },
    { "chart", "--brands", "--output", "chart.gif", NULL },
    { "chart", "--brands", "--output", "chart.csv.txt", NULL },
    { "chart", "--brands", "--trend", "--output", "chart.png", NULL },
    { "chart", "--output", "chart.png", NULL },
    { "chart", "--figures", "--output", "chart.png", NULL },
    { "chart", "--brands", "--output", "chart.png", "--width", "0", NULL },
    { "chart", "--brands", "--output", "chart.png", "--height", "tall", NULL },
    { "chart", "--brands", "--output", "chart.png", "--width", "99999", NULL },
    { "chart", "--figures", "--metric", "sales", "--brand", "Xiaomi", "--brand", "Huawei",
      "--output", "chart.png", NULL },
    { "chart", "--brands", "--status", "forecast", "--output", "chart.png", NULL },
    { "chart", "--figures", "--metric", "sales", "--status", "rumour", "--output", "chart.png", NULL },
    { "chart", "--figures", "--metric", "sales", "--span", "forever", "--output", "chart.png", NULL },
  };
  g_autofree char *db = tmp_path ("usage.db");

  if (!have_cli ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[16] = { "--db", db };
      g_autoptr(Run) run = NULL;
      guint n = 2;

      for (guint j = 0; cases[i][j] != NULL; j++)
        args[n++] = cases[i][j];
      args[n] = NULL;

      run = run_cli_env (NULL, args);
      g_test_message ("case %u (%s): %s", i, cases[i][0], run->err);
      g_assert_cmpint (run->status, ==, 2);
      g_assert_cmpstr (run->out, ==, "");
      g_assert_cmpuint (strlen (run->err), >, 0);
      g_assert_nonnull (strstr (run->err, "--help"));
    }

  /* A mistyped command line leaves no database behind. */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

static void
test_import_seeds (void)
{
  g_autofree char *corpus = corpus_dir ();
  g_autofree char *db = tmp_path ("import.db");
  g_autoptr(Run) first = NULL;
  g_autoptr(Run) again = NULL;

  if (!have_cli ())
    return;

  first = run_cli ("--db", db, "import", corpus);
  g_assert_cmpint (first->status, ==, 0);
  g_assert_cmpstr (first->out, ==, "Imported 5 articles (0 duplicates) from 5 files\n");
  /* Not a terminal: no progress line. */
  g_assert_null (strchr (first->err, '\r'));

  /* The same files again add nothing; --db may follow the command too. */
  again = run_cli ("import", corpus, "--db", db);
  g_assert_cmpint (again->status, ==, 0);
  g_assert_cmpstr (again->out, ==, "Imported 0 articles (5 duplicates) from 5 files\n");
}

static void
test_import_rejected (void)
{
  static const char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
  g_autofree char *db = tmp_path ("rejected.db");
  g_autofree char *good = tmp_path ("good.txt");
  g_autofree char *bad = tmp_path ("picture.txt");
  g_autofree char *missing = tmp_path ("missing.txt");
  g_autoptr(Run) run = NULL;
  g_autofree char *bad_prefix = NULL;
  g_autofree char *missing_prefix = NULL;
  const char *reason;

  if (!have_cli ())
    return;

  write_file (good, "Xiaomi sold more than 10 million phones in India\n\n"
                    "Xiaomi sold more than 10 million phones in India in 2020, the company said.\n", -1);
  write_file (bad, binary, sizeof binary - 1);

  run = run_cli ("--db", db, "import", good, bad, missing);
  g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_nonnull (strstr (run->out, "Imported 1 article "));

  /* Each rejected file is named with a reason. */
  bad_prefix = g_strdup_printf ("%s: ", bad);
  reason = strstr (run->err, bad_prefix);
  g_assert_nonnull (reason);
  reason += strlen (bad_prefix);
  g_assert_true (g_ascii_isalpha (reason[0]));

  missing_prefix = g_strdup_printf ("%s: ", missing);
  g_assert_nonnull (strstr (run->err, missing_prefix));
  g_assert_null (strstr (run->err, good));
}

static void
test_empty_database (void)
{
  g_autofree char *db = tmp_path ("empty.db");
  g_autoptr(Run) articles = NULL;
  g_autoptr(Run) figures = NULL;
  g_autoptr(Run) chart = NULL;
  g_autofree char *png = tmp_path ("empty.png");

  if (!have_cli ())
    return;

  /* A database with nothing in it yet (importing an empty folder). */
  {
    g_autofree char *empty_dir = tmp_path ("empty-folder");
    g_autoptr(Run) import = NULL;

    g_mkdir_with_parents (empty_dir, 0700);
    import = run_cli ("--db", db, "import", empty_dir);
    g_assert_cmpint (import->status, ==, 0);
    g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
  }

  articles = run_cli ("--db", db, "articles");
  g_assert_cmpint (articles->status, ==, 0);
  g_assert_cmpstr (articles->out, ==, "");
  g_assert_nonnull (strstr (articles->err, "No articles yet"));
  g_assert_nonnull (strstr (articles->err, "cited-cli import"));

  figures = run_cli ("--db", db, "figures", "--format", "json");
  g_assert_cmpint (figures->status, ==, 0);
  g_assert_cmpstr (g_strstrip (figures->out), ==, "[]");
  g_assert_nonnull (strstr (figures->err, "No articles yet"));

  chart = run_cli ("--db", db, "chart", "--brands", "--output", png);
  g_assert_cmpint (chart->status, ==, 1);
  g_assert_nonnull (strstr (chart->err, "No articles yet"));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

static const char * const figure_members[] = {
  "id", "article_id", "article_title", "article_path", "value", "value_max", "unit",
  "currency", "qualifier", "metric", "scope", "year", "quarter", "brand", "text",
  "sentence", "language", "status", "edited",
};

static void
test_figures_json (void)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(JsonArray) figures = NULL;
  gboolean found = FALSE;

  if (!have_cli ())
    return;

  run = run_cli ("--db", get_seeded_db (), "figures", "--format", "json");
  g_assert_cmpint (run->status, ==, 0);
  figures = parse_array (run->out);
  g_assert_cmpuint (json_array_get_length (figures), >, 0);

  for (guint i = 0; i < json_array_get_length (figures); i++)
    {
      JsonObject *figure = json_array_get_object_element (figures, i);
      JsonNode *value_max;

      for (guint m = 0; m < G_N_ELEMENTS (figure_members); m++)
        {
          if (!json_object_has_member (figure, figure_members[m]))
            g_error ("figure %u has no member %s", i, figure_members[m]);
        }
      g_assert_cmpint (json_object_get_int_member (figure, "id"), >, 0);
      g_assert_cmpint (json_object_get_int_member (figure, "article_id"), >, 0);
      g_assert_nonnull (member_string (figure, "sentence"));
      g_assert_nonnull (member_string (figure, "text"));
      g_assert_nonnull (strstr (member_string (figure, "sentence"), member_string (figure, "text")));
      value_max = json_object_get_member (figure, "value_max");
      g_assert_true (JSON_NODE_HOLDS_NULL (value_max) || JSON_NODE_HOLDS_VALUE (value_max));
      g_assert_cmpstr (member_string (figure, "status"), ==, "extracted");

      if (g_strcmp0 (member_string (figure, "brand"), "Xiaomi") == 0 &&
          json_object_get_double_member (figure, "value") == 190000000.0 &&
          g_strcmp0 (member_string (figure, "unit"), "units") == 0 &&
          g_strcmp0 (member_string (figure, "metric"), "sales") == 0 &&
          g_str_has_suffix (member_string (figure, "article_path"), "001_e4afa9e939e8e03f.txt"))
        {
          found = TRUE;
          g_assert_true (member_is_null (figure, "value_max"));
          g_assert_true (member_is_null (figure, "currency"));
          g_assert_cmpint (json_object_get_int_member (figure, "year"), ==, 2021);
        }
    }
  g_assert_true (found);
}

static void
test_figures_csv (void)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) json = NULL;
  g_autoptr(JsonArray) figures = NULL;
  g_auto(GStrv) records = NULL;

  if (!have_cli ())
    return;

  run = run_cli ("--db", get_seeded_db (), "figures", "--format", "csv");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out,
      "id,article_id,article_title,article_path,value,value_max,unit,currency,qualifier,"
      "metric,scope,year,quarter,brand,text,sentence,language,status,edited\r\n"));
  g_assert_true (g_str_has_suffix (run->out, "\r\n"));
  g_assert_nonnull (strstr (run->out, ",190000000,,units,"));

  /* One record per figure: sentences hold commas but no line breaks. */
  json = run_cli ("--db", get_seeded_db (), "figures", "--format", "json");
  figures = parse_array (json->out);
  records = g_strsplit (run->out, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (records), ==, json_array_get_length (figures) + 2);
}

static void
test_figures_text (void)
{
  g_autoptr(Run) run = NULL;
  g_auto(GStrv) lines = NULL;
  const char *header;
  const char *brand_column;
  gsize brand_offset;
  gboolean aligned_xiaomi = FALSE;
  gboolean truncated = FALSE;

  if (!have_cli ())
    return;

  run = run_cli ("--db", get_seeded_db (), "figures");
  g_assert_cmpint (run->status, ==, 0);
  lines = lines_of (run->out);
  g_assert_cmpuint (g_strv_length (lines), >, 1);

  header = lines[0];
  while (*header == ' ')
    header++;
  g_assert_true (g_str_has_prefix (header, "ID"));
  brand_column = strstr (lines[0], "BRAND");
  g_assert_nonnull (brand_column);
  g_assert_nonnull (strstr (lines[0], "VALUE"));
  g_assert_nonnull (strstr (lines[0], "SENTENCE"));
  brand_offset = brand_column - lines[0];

  for (guint i = 1; lines[i] != NULL; i++)
    {
      /* Everything before BRAND is an id and spaces: columns line up. */
      g_assert_cmpuint (strlen (lines[i]), >, brand_offset);
      g_assert_cmpint (lines[i][brand_offset - 1], ==, ' ');
      if (g_str_has_prefix (lines[i] + brand_offset, "Xiaomi "))
        aligned_xiaomi = TRUE;
      if (g_str_has_suffix (lines[i], "…"))
        truncated = TRUE;
      /* Long sentences are cut to keep a row on one readable line. */
      g_assert_cmpuint (display_width (lines[i], strlen (lines[i])), <=, 200);
    }
  g_assert_true (aligned_xiaomi);
  g_assert_true (truncated);
  g_assert_nonnull (strstr (run->out, "190M"));
}

static guint
count_figures (JsonArray  *figures,
               const char *member,
               const char *value)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (figures); i++)
    if (g_strcmp0 (member_string (json_array_get_object_element (figures, i), member), value) == 0)
      n++;
  return n;
}

static gboolean
has_value (JsonArray *figures,
           double     value)
{
  for (guint i = 0; i < json_array_get_length (figures); i++)
    if (json_object_get_double_member (json_array_get_object_element (figures, i), "value") == value)
      return TRUE;
  return FALSE;
}

static void
test_figures_filters (void)
{
  g_autoptr(Run) brand = NULL;
  g_autoptr(Run) alias = NULL;
  g_autoptr(Run) metric = NULL;
  g_autoptr(Run) search = NULL;
  g_autoptr(Run) unknown = NULL;
  g_autoptr(JsonArray) by_brand = NULL;
  g_autoptr(JsonArray) by_alias = NULL;
  g_autoptr(JsonArray) by_metric = NULL;
  g_autoptr(JsonArray) by_search = NULL;
  guint n;

  if (!have_cli ())
    return;

  brand = run_cli ("--db", get_seeded_db (), "figures", "--brand", "Xiaomi", "--format", "json");
  g_assert_cmpint (brand->status, ==, 0);
  by_brand = parse_array (brand->out);
  n = json_array_get_length (by_brand);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (count_figures (by_brand, "brand", "Xiaomi"), ==, n);
  g_assert_true (has_value (by_brand, 190000000.0));

  /* An alias names the same brand. */
  alias = run_cli ("--db", get_seeded_db (), "figures", "--brand", "millet", "--format", "json");
  g_assert_cmpint (alias->status, ==, 0);
  by_alias = parse_array (alias->out);
  g_assert_cmpuint (json_array_get_length (by_alias), ==, n);

  metric = run_cli ("--db", get_seeded_db (), "figures", "--metric", "patents", "--format", "json");
  g_assert_cmpint (metric->status, ==, 0);
  by_metric = parse_array (metric->out);
  g_assert_cmpuint (json_array_get_length (by_metric), >=, 2);
  g_assert_cmpuint (count_figures (by_metric, "metric", "patents"), ==,
                    json_array_get_length (by_metric));
  g_assert_true (has_value (by_metric, 24000.0));
  g_assert_true (has_value (by_metric, 5920.0));

  /* "Hongmeng" is only in the title of the article about 140M overseas. */
  search = run_cli ("--db", get_seeded_db (), "figures", "--search", "Hongmeng", "--format", "json");
  g_assert_cmpint (search->status, ==, 0);
  by_search = parse_array (search->out);
  g_assert_cmpuint (json_array_get_length (by_search), >, 0);
  for (guint i = 0; i < json_array_get_length (by_search); i++)
    g_assert_true (g_str_has_suffix (member_string (json_array_get_object_element (by_search, i),
                                                    "article_path"),
                                     "001_e4afa9e939e8e03f.txt"));
  g_assert_true (has_value (by_search, 140000000.0));

  /* An unknown brand is a typo: a usage error that lists the brands. */
  unknown = run_cli ("--db", get_seeded_db (), "figures", "--brand", "Nosuchbrand");
  g_assert_cmpint (unknown->status, ==, 2);
  g_assert_cmpstr (unknown->out, ==, "");
  g_assert_nonnull (strstr (unknown->err, "Nosuchbrand"));
  g_assert_nonnull (strstr (unknown->err, "Xiaomi"));
  g_assert_nonnull (strstr (unknown->err, "OnePlus"));
}

static void
test_articles (void)
{
  g_autoptr(Run) json = NULL;
  g_autoptr(Run) text = NULL;
  g_autoptr(Run) csv = NULL;
  g_autoptr(Run) brand = NULL;
  g_autoptr(JsonArray) articles = NULL;
  g_autoptr(JsonArray) oneplus = NULL;
  g_auto(GStrv) lines = NULL;

  if (!have_cli ())
    return;

  json = run_cli ("--db", get_seeded_db (), "articles", "--format", "json");
  g_assert_cmpint (json->status, ==, 0);
  articles = parse_array (json->out);
  g_assert_cmpuint (json_array_get_length (articles), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *article = json_array_get_object_element (articles, i);

      g_assert_nonnull (member_string (article, "title"));
      g_assert_nonnull (member_string (article, "path"));
      g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (article, "brands")));
    }

  text = run_cli ("--db", get_seeded_db (), "articles");
  g_assert_cmpint (text->status, ==, 0);
  lines = lines_of (text->out);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_nonnull (strstr (lines[0], "TITLE"));
  /* The last column is right-aligned, so every row ends at the same
   * column. */
  for (guint i = 1; lines[i] != NULL; i++)
    g_assert_cmpuint (display_width (lines[i], strlen (lines[i])), ==,
                      display_width (lines[0], strlen (lines[0])));

  csv = run_cli ("--db", get_seeded_db (), "articles", "--format", "csv");
  g_assert_cmpint (csv->status, ==, 0);
  g_assert_true (g_str_has_prefix (csv->out, "id,title,source,published,path,language,brands,"
                                             "figures,snippet\r\n"));

  brand = run_cli ("--db", get_seeded_db (), "articles", "--brand", "OnePlus", "--format", "json");
  g_assert_cmpint (brand->status, ==, 0);
  oneplus = parse_array (brand->out);
  g_assert_cmpuint (json_array_get_length (oneplus), >, 0);
  g_assert_cmpuint (json_array_get_length (oneplus), <, 5);
}

/* --source keeps the articles, and the figures, of one source or feed. */
static void
test_source_filter (void)
{
  g_autoptr(Run) articles = NULL;
  g_autoptr(Run) figures = NULL;
  g_autoptr(Run) all_figures = NULL;
  g_autoptr(JsonArray) listed = NULL;
  g_autoptr(JsonArray) cited = NULL;
  g_autoptr(JsonArray) all = NULL;

  if (!have_cli ())
    return;

  articles = run_cli ("--db", get_seeded_db (), "articles", "--source", "Mondo Social", "--format", "json");
  g_assert_cmpint (articles->status, ==, 0);
  listed = parse_array (articles->out);
  g_assert_cmpuint (json_array_get_length (listed), ==, 1);
  g_assert_cmpstr (member_string (json_array_get_object_element (listed, 0), "source"), ==, "Mondo Social");

  figures = run_cli ("--db", get_seeded_db (), "figures", "--source", "Mondo Social", "--format", "json");
  all_figures = run_cli ("--db", get_seeded_db (), "figures", "--format", "json");
  g_assert_cmpint (figures->status, ==, 0);
  cited = parse_array (figures->out);
  all = parse_array (all_figures->out);
  g_assert_cmpuint (json_array_get_length (cited), >, 0);
  g_assert_cmpuint (json_array_get_length (cited), <, json_array_get_length (all));
}

static void
test_brands (void)
{
  g_autoptr(Run) json = NULL;
  g_autoptr(Run) text = NULL;
  g_autoptr(Run) csv = NULL;
  g_autoptr(JsonArray) brands = NULL;
  g_autoptr(GRegex) share = NULL;
  g_auto(GStrv) lines = NULL;
  guint total = 0;
  double share_sum = 0;
  gboolean xiaomi_line = FALSE;

  if (!have_cli ())
    return;

  json = run_cli ("--db", get_seeded_db (), "brands", "--format", "json");
  g_assert_cmpint (json->status, ==, 0);
  brands = parse_array (json->out);
  g_assert_cmpuint (json_array_get_length (brands), >=, 4);

  for (guint i = 0; i < json_array_get_length (brands); i++)
    total += json_object_get_int_member (json_array_get_object_element (brands, i), "mentions");
  for (guint i = 0; i < json_array_get_length (brands); i++)
    {
      JsonObject *brand = json_array_get_object_element (brands, i);
      gint64 mentions = json_object_get_int_member (brand, "mentions");
      double sov = json_object_get_double_member (brand, "share_of_voice");

      g_assert_cmpint (mentions, >, 0);
      g_assert_cmpint (json_object_get_int_member (brand, "articles"), <=, 5);
      g_assert_cmpint (json_object_get_int_member (brand, "articles"), >, 0);
      g_assert_cmpfloat_with_epsilon (sov, (double) mentions / total, 0.001);
      share_sum += sov;
      /* Most mentioned first. */
      if (i > 0)
        g_assert_cmpint (mentions, <=, json_object_get_int_member (
                           json_array_get_object_element (brands, i - 1), "mentions"));
    }
  g_assert_cmpfloat_with_epsilon (share_sum, 1.0, 0.001);
  g_assert_cmpstr (member_string (json_array_get_object_element (brands, 0), "name"), ==, "Xiaomi");

  text = run_cli ("--db", get_seeded_db (), "brands");
  g_assert_cmpint (text->status, ==, 0);
  lines = lines_of (text->out);
  g_assert_nonnull (strstr (lines[0], "SHARE OF VOICE"));
  g_assert_cmpuint (g_strv_length (lines), ==, json_array_get_length (brands) + 1);
  share = g_regex_new ("^Xiaomi +[0-9]+ +[0-9]+ +[0-9]+\\.[0-9]% +[0-9]+$", 0, 0, NULL);
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_regex_match (share, lines[i], 0, NULL))
      xiaomi_line = TRUE;
  g_assert_true (xiaomi_line);

  csv = run_cli ("--db", get_seeded_db (), "brands", "--format", "csv");
  g_assert_cmpint (csv->status, ==, 0);
  g_assert_true (g_str_has_prefix (csv->out, "name,color,aliases,mentions,articles,"
                                             "share_of_voice,figures\r\n"));
  g_assert_nonnull (strstr (csv->out, "\r\nXiaomi,#"));
}

static void
test_brands_add (void)
{
  g_autofree char *corpus = corpus_dir ();
  g_autofree char *db = tmp_path ("brands-add.db");
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) add = NULL;
  g_autoptr(Run) update = NULL;
  g_autoptr(Run) list = NULL;
  g_autoptr(Run) articles = NULL;
  g_autoptr(JsonArray) brands = NULL;
  g_autoptr(JsonArray) found = NULL;
  JsonObject *gms = NULL;

  if (!have_cli ())
    return;

  import = run_cli ("--db", db, "import", corpus);
  g_assert_cmpint (import->status, ==, 0);

  /* "GMS" appears twice, in one article. */
  add = run_cli ("--db", db, "brands", "add", "Google Mobile Services",
                 "--alias", "GMS", "--color", "#34A853");
  g_test_message ("%s%s", add->out, add->err);
  g_assert_cmpint (add->status, ==, 0);
  g_assert_nonnull (strstr (add->out, "Google Mobile Services"));
  g_assert_nonnull (strstr (add->out, "2 mentions in 1 article"));

  /* The brand stays in the database for the next run. */
  list = run_cli ("--db", db, "brands", "--format", "json");
  g_assert_cmpint (list->status, ==, 0);
  brands = parse_array (list->out);
  for (guint i = 0; i < json_array_get_length (brands); i++)
    {
      JsonObject *brand = json_array_get_object_element (brands, i);

      if (g_strcmp0 (member_string (brand, "name"), "Google Mobile Services") == 0)
        gms = brand;
    }
  g_assert_nonnull (gms);
  g_assert_cmpint (json_object_get_int_member (gms, "mentions"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (gms, "articles"), ==, 1);
  g_assert_cmpint (g_ascii_strcasecmp (member_string (gms, "color"), "#34A853"), ==, 0);

  /* Naming a known brand by an alias extends that brand. */
  update = run_cli ("--db", db, "brands", "add", "millet", "--alias", "Mi Fan");
  g_assert_cmpint (update->status, ==, 0);
  g_assert_true (g_str_has_prefix (update->out, "Updated brand Xiaomi ("));
  g_assert_nonnull (strstr (update->out, "Mi Fan"));

  articles = run_cli ("--db", db, "articles", "--brand", "GMS", "--format", "json");
  g_assert_cmpint (articles->status, ==, 0);
  found = parse_array (articles->out);
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  g_assert_true (g_str_has_suffix (member_string (json_array_get_object_element (found, 0), "path"),
                                   "001_e4afa9e939e8e03f.txt"));
}

/* The brands editor from the command line: an alias turned on and off,
 * an exclusion, a rename, a colour, a merge and a removal, each
 * re-attributing mentions and figures. */
static void
test_brands_edit (void)
{
  g_autofree char *dir = tmp_path ("brands-edit");
  g_autofree char *a = g_build_filename (dir, "a.txt", NULL);
  g_autofree char *b = g_build_filename (dir, "b.txt", NULL);
  g_autofree char *db = tmp_path ("brands-edit.db");
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) on = NULL, off = NULL, exclude = NULL, rename = NULL, color = NULL;
  g_autoptr(Run) merge = NULL, remove = NULL, bad_kind = NULL, list = NULL;
  g_autoptr(JsonArray) brands = NULL;

  if (!have_cli ())
    return;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (a, "Xiaomi shipped 40 million Android phones in 2023. "
                                      "Google sold 10 million Pixel phones.\n", -1, NULL));
  g_assert_true (g_file_set_contents (b, "安卓手机出货量增长 8%。谷歌表示满意。\n", -1, NULL));
  import = run_cli ("--db", db, "import", dir);
  g_assert_cmpint (import->status, ==, 0);

  on = run_cli ("--db", db, "brands", "alias", "Google", "Android");
  g_test_message ("%s%s", on->out, on->err);
  g_assert_cmpint (on->status, ==, 0);
  g_assert_cmpstr (on->out, ==, "Google: 4 mentions and 2 figures\n");
  off = run_cli ("--db", db, "brands", "alias", "Google", "android", "--off");
  g_assert_cmpstr (off->out, ==, "Google: 3 mentions and 2 figures\n");
  exclude = run_cli ("--db", db, "brands", "exclude", "Google", "Pixel");
  g_assert_cmpstr (exclude->out, ==, "Google: 2 mentions and 2 figures\n");
  rename = run_cli ("--db", db, "brands", "rename", "Xiaomi", "Xiaomi Corp");
  g_assert_cmpstr (rename->out, ==, "Xiaomi Corp: 1 mention and 1 figure\n");
  color = run_cli ("--db", db, "brands", "color", "Xiaomi Corp", "#112233");
  g_assert_cmpint (color->status, ==, 0);
  merge = run_cli ("--db", db, "brands", "merge", "Google", "--into", "Xiaomi Corp");
  g_assert_cmpstr (merge->out, ==, "Xiaomi Corp: 3 mentions and 3 figures\n");

  list = run_cli ("--db", db, "brands", "--format", "json");
  brands = parse_array (list->out);
  g_assert_cmpuint (json_array_get_length (brands), ==, 1);
  g_assert_cmpstr (member_string (json_array_get_object_element (brands, 0), "name"), ==, "Xiaomi Corp");
  g_assert_cmpstr (member_string (json_array_get_object_element (brands, 0), "color"), ==, "#112233");

  remove = run_cli ("--db", db, "brands", "remove", "Xiaomi Corp");
  g_assert_cmpint (remove->status, ==, 0);
  g_assert_cmpstr (remove->out, ==, "Removed Xiaomi Corp from the brands\n");
  bad_kind = run_cli ("--db", db, "brands", "alias", "Apple", "Jobs", "--kind", "saint");
  g_assert_cmpint (bad_kind->status, ==, 2);
}

/* The figures of @db as `figures --format json` lists them, without
 * their row ids (re-extraction writes new rows), one per line. */
static char *
figures_without_ids (const char *db)
{
  g_autoptr(Run) run = run_cli ("--db", db, "figures", "--format", "json");
  g_autoptr(JsonArray) figures = NULL;
  GString *text = g_string_new (NULL);

  g_assert_cmpint (run->status, ==, 0);
  figures = parse_array (run->out);
  for (guint i = 0; i < json_array_get_length (figures); i++)
    {
      JsonNode *node = json_array_get_element (figures, i);
      g_autofree char *line = NULL;

      json_object_remove_member (json_node_get_object (node), "id");
      line = json_to_string (node, FALSE);
      g_string_append_printf (text, "%s\n", line);
    }
  return g_string_free (text, FALSE);
}

static int
db_int (const char *path,
        const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* A re-extraction another process left unfinished (here: every article
 * marked, its figures gone) is finished by the next command, before it
 * reads: the figures listed are those of the database before. */
static void
test_reextract_resumed (void)
{
  g_autofree char *corpus = corpus_dir ();
  g_autofree char *db = tmp_path ("resumed.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(Run) import = NULL;
  sqlite3 *sql = NULL;

  if (!have_cli ())
    return;

  import = run_cli ("--db", db, "import", corpus);
  g_assert_cmpint (import->status, ==, 0);
  before = figures_without_ids (db);
  g_assert_nonnull (strstr (before, "\"brand\":\"Xiaomi\""));

  g_assert_cmpint (sqlite3_open (db, &sql), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (sql,
                                 "INSERT INTO pending_extractions (article_id) SELECT id FROM articles;"
                                 "DELETE FROM figures; DELETE FROM mentions; DELETE FROM article_brands;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (sql);
  g_assert_cmpint (db_int (db, "SELECT count (*) FROM figures"), ==, 0);

  after = figures_without_ids (db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (db_int (db, "SELECT count (*) FROM pending_extractions"), ==, 0);
}

/* `brands add` on the BBC corpus re-extracts about two thousand articles
 * in batches; killed with SIGKILL half-way, it leaves the rest marked, and
 * the next command finishes it with the figures of a run left alone. */
static void
test_reextract_killed (void)
{
  g_autofree char *corpora = shared_corpora_dir ();
  g_autofree char *bbc = NULL;
  g_autofree char *reference_db = tmp_path ("bbc-reference.db");
  g_autofree char *killed_db = tmp_path ("bbc-killed.db");
  g_autofree char *reference = NULL;
  g_autofree char *resumed = NULL;
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) add = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_unsetenv (g_get_environ (), "CITED_DB");
  const char *argv[] = { cli_path (), "--db", killed_db, "brands", "add", "BBC",
                         "--alias", "said", NULL };
  gboolean killed = FALSE;
  int marked = 0;
  GPid pid;
  int status;

  if (!have_cli ())
    return;
  bbc = corpora != NULL ? g_build_filename (corpora, "bbc", NULL) : NULL;
  if (bbc == NULL || !g_file_test (bbc, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the shared BBC corpus is not beside the source tree");
      return;
    }

  import = run_cli ("--db", reference_db, "import", "-r", bbc);
  g_assert_cmpint (import->status, ==, 0);
  g_clear_pointer (&import, run_free);
  add = run_cli ("--db", reference_db, "brands", "add", "BBC", "--alias", "said");
  g_assert_cmpint (add->status, ==, 0);
  reference = figures_without_ids (reference_db);
  g_assert_nonnull (strstr (reference, "\"brand\":\"BBC\""));

  import = run_cli ("--db", killed_db, "import", "-r", bbc);
  g_assert_cmpint (import->status, ==, 0);
  g_assert_true (g_spawn_async (tmp_dir, (char **) argv, envp,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  /* Kill it once some batches are written and others are not. */
  while (waitpid (pid, &status, WNOHANG) == 0)
    {
      int pending = db_int (killed_db, "SELECT count (*) FROM pending_extractions");

      marked = MAX (marked, pending);
      if (pending > 0 && pending < marked - 64 && pending > 64)
        {
          g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
          g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
          killed = TRUE;
          break;
        }
      g_usleep (1000);
    }
  g_spawn_close_pid (pid);
  if (!killed)
    {
      g_test_fail_printf ("brands add ended before it could be killed half-way");
      return;
    }
  g_assert_true (WIFSIGNALED (status));
  g_test_message ("killed with %d of %d articles left", db_int (killed_db,
                  "SELECT count (*) FROM pending_extractions"), marked);

  resumed = figures_without_ids (killed_db);
  g_assert_cmpint (db_int (killed_db, "SELECT count (*) FROM pending_extractions"), ==, 0);
  g_assert_true (g_strcmp0 (resumed, reference) == 0);
}

/* A database where the extractor discovered Rowntree (two articles, a
 * figure) and Yukos (one article, a figure). */
static char *
seed_discovered_db (const char *name)
{
  g_autofree char *db = tmp_path (name);
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const rowntree[] = { "Rowntree", NULL };
  static const char * const both[] = { "Yukos", "Rowntree", NULL };
  static const TestFigure rowntree_figures[] = {
    { "30 million", 30e6, "sales", "Rowntree" },
  };
  static const TestFigure yukos_figures[] = {
    { "1.7 million", 1.7e6, "production", "Yukos" },
  };

  store = cited_store_open (db, &error);
  g_assert_no_error (error);
  test_add_discovered_article (store, "Rowntree results",
                               "Rowntree said sales rose to 30 million bars last year. "
                               "Shares in Rowntree rose after the news.",
                               rowntree, NULL, rowntree_figures, 1);
  test_add_discovered_article (store, "Yukos appeal",
                               "Yukos said it would appeal. Rowntree was not involved. "
                               "Yukos pumped 1.7 million barrels a day.",
                               both, NULL, yukos_figures, 1);
  return g_steal_pointer (&db);
}

static JsonObject *
find_named (JsonArray  *array,
            const char *name)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (member_string (object, "name"), name) == 0)
        return object;
    }
  return NULL;
}

static void
test_brands_discovered (void)
{
  g_autofree char *db = NULL;
  g_autoptr(Run) text = NULL;
  g_autoptr(Run) json = NULL;
  g_autoptr(Run) csv = NULL;
  g_autoptr(JsonArray) list = NULL;
  JsonObject *rowntree;

  if (!have_cli ())
    return;
  db = seed_discovered_db ("discovered-list.db");

  json = run_cli ("--db", db, "brands", "--discovered", "--format", "json");
  g_assert_cmpint (json->status, ==, 0);
  list = parse_array (json->out);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  rowntree = json_array_get_object_element (list, 0);
  g_assert_cmpstr (member_string (rowntree, "name"), ==, "Rowntree");
  g_assert_cmpint (json_object_get_int_member (rowntree, "articles"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (rowntree, "mentions"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (rowntree, "figures"), ==, 1);
  g_assert_cmpstr (member_string (rowntree, "status"), ==, "new");
  g_assert_cmpstr (member_string (rowntree, "example"), ==,
                   "Rowntree said sales rose to 30 million bars last year.");
  g_assert_true (json_object_get_null_member (rowntree, "merged_into"));

  text = run_cli ("--db", db, "brands", "--discovered");
  g_assert_cmpint (text->status, ==, 0);
  g_assert_true (g_str_has_prefix (text->out, "COMPANY"));
  g_assert_nonnull (strstr (text->out, "EXAMPLE"));
  g_assert_nonnull (strstr (text->out, "Yukos"));
  g_assert_nonnull (strstr (text->out, "Yukos pumped 1.7 million barrels a day."));

  csv = run_cli ("--db", db, "brands", "--discovered", "--format", "csv");
  g_assert_cmpint (csv->status, ==, 0);
  g_assert_true (g_str_has_prefix (csv->out, "name,articles,mentions,figures,status,merged_into,example,first_seen\r\n"
                                             "Rowntree,2,3,1,new,,"));
}

/* A company found in the articles and not yet decided on filters figures
 * like a brand, whatever its case; a name nobody knows is a usage error
 * that suggests brands beginning like it. */
static void
test_figures_discovered_brand (void)
{
  g_autofree char *db = NULL;
  g_autoptr(Run) json = NULL;
  g_autoptr(Run) unknown = NULL;
  g_autoptr(JsonArray) list = NULL;

  if (!have_cli ())
    return;
  db = seed_discovered_db ("discovered-filter.db");

  json = run_cli ("--db", db, "figures", "--brand", "rowntree", "--format", "json");
  g_assert_cmpint (json->status, ==, 0);
  list = parse_array (json->out);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpstr (member_string (json_array_get_object_element (list, 0), "brand"), ==, "Rowntree");

  unknown = run_cli ("--db", db, "figures", "--brand", "Rowntrees Ltd");
  g_assert_cmpint (unknown->status, ==, 2);
  g_assert_nonnull (strstr (unknown->err, "No brand is called"));
}

static void
test_brands_decide (void)
{
  g_autofree char *db = NULL;
  g_autoptr(Run) hide = NULL;
  g_autoptr(Run) merge = NULL;
  g_autoptr(Run) accept = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(Run) unknown = NULL;
  g_autoptr(Run) bad_target = NULL;
  g_autoptr(Run) no_into = NULL;
  g_autoptr(Run) pending = NULL;
  g_autoptr(Run) all = NULL;
  g_autoptr(Run) figures = NULL;
  g_autoptr(Run) brands = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(JsonArray) figure_list = NULL;
  g_autoptr(JsonArray) brand_list = NULL;

  if (!have_cli ())
    return;
  db = seed_discovered_db ("discovered-decide.db");

  /* Mistakes in names are usage errors that say what to do. */
  unknown = run_cli ("--db", db, "brands", "hide", "Enron");
  g_assert_cmpint (unknown->status, ==, 2);
  g_assert_nonnull (strstr (unknown->err, "No company called “Enron”"));
  g_assert_nonnull (strstr (unknown->err, "brands --discovered"));
  bad_target = run_cli ("--db", db, "brands", "merge", "Yukos", "--into", "Nokla");
  g_assert_cmpint (bad_target->status, ==, 2);
  g_assert_nonnull (strstr (bad_target->err, "Known brands:"));
  no_into = run_cli ("--db", db, "brands", "merge", "Yukos");
  g_assert_cmpint (no_into->status, ==, 2);
  g_assert_nonnull (strstr (no_into->err, "--into"));

  /* Merge: the company's figure is the brand's now. */
  merge = run_cli ("--db", db, "brands", "merge", "yukos", "--into", "samsung");
  g_test_message ("%s%s", merge->out, merge->err);
  g_assert_cmpint (merge->status, ==, 0);
  g_assert_cmpstr (merge->out, ==, "Merged Yukos into Samsung: 2 mentions and 1 figure are Samsung’s now\n");
  figures = run_cli ("--db", db, "figures", "--brand", "Samsung", "--format", "json");
  g_assert_cmpint (figures->status, ==, 0);
  figure_list = parse_array (figures->out);
  g_assert_cmpuint (json_array_get_length (figure_list), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (figure_list, 0), "value"),
                     ==, 1.7e6);

  /* Hide: out of the list to decide on. */
  hide = run_cli ("--db", db, "brands", "hide", "Rowntree");
  g_assert_cmpint (hide->status, ==, 0);
  g_assert_cmpstr (hide->out, ==, "Hid Rowntree: 3 mentions and 1 figure no longer count for it\n");
  pending = run_cli ("--db", db, "brands", "--discovered");
  g_assert_cmpint (pending->status, ==, 0);
  g_assert_cmpstr (pending->out, ==, "");
  g_assert_nonnull (strstr (pending->err, "No company is waiting for a decision."));
  all = run_cli ("--db", db, "brands", "--discovered", "--all", "--format", "json");
  list = parse_array (all->out);
  g_assert_cmpstr (member_string (find_named (list, "Rowntree"), "status"), ==, "hidden");
  g_assert_cmpstr (member_string (find_named (list, "Yukos"), "status"), ==, "merged");
  g_assert_cmpstr (member_string (find_named (list, "Yukos"), "merged_into"), ==, "Samsung");

  /* Accept (here of a hidden one): a brand of the lexicon, found again in
   * every article that names it. */
  accept = run_cli ("--db", db, "brands", "accept", "Rowntree");
  g_test_message ("%s%s", accept->out, accept->err);
  g_assert_cmpint (accept->status, ==, 0);
  g_assert_true (g_str_has_prefix (accept->out, "Accepted Rowntree as a brand: 3 mentions and "));
  brands = run_cli ("--db", db, "brands", "--format", "json");
  brand_list = parse_array (brands->out);
  g_assert_nonnull (find_named (brand_list, "Rowntree"));
  g_assert_cmpint (json_object_get_int_member (find_named (brand_list, "Rowntree"), "articles"), ==, 2);

  /* A brand cannot be hidden; that is a failure, not a typo. */
  again = run_cli ("--db", db, "brands", "hide", "Rowntree");
  g_assert_cmpint (again->status, ==, 1);
  g_assert_nonnull (strstr (again->err, "Cannot hide “Rowntree”: “Rowntree” is a brand already"));
}

static JsonObject *
find_figure (JsonArray *figures,
             gint64     id)
{
  for (guint i = 0; i < json_array_get_length (figures); i++)
    {
      JsonObject *figure = json_array_get_object_element (figures, i);

      if (json_object_get_int_member (figure, "id") == id)
        return figure;
    }
  return NULL;
}

/* What a user corrected or rejected in the app shows as such here. */
static void
test_figures_edited (void)
{
  g_autofree char *corpus = corpus_dir ();
  g_autofree char *db = tmp_path ("edited.db");
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) before = NULL;
  g_autoptr(Run) after = NULL;
  g_autoptr(Run) with_rejected = NULL;
  g_autoptr(Run) text = NULL;
  g_autoptr(JsonArray) figures = NULL;
  g_autoptr(JsonArray) edited = NULL;
  g_autoptr(JsonArray) all = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *marked = NULL;
  CitedFigureEdit correct = { 195000000.0, NULL, NULL, CITED_FIGURE_CONFIRMED };
  CitedFigureEdit reject = { NAN, NULL, NULL, CITED_FIGURE_REJECTED };
  JsonObject *figure;
  gint64 corrected_id = 0;
  gint64 rejected_id = 0;

  if (!have_cli ())
    return;

  import = run_cli ("--db", db, "import", corpus);
  g_assert_cmpint (import->status, ==, 0);
  before = run_cli ("--db", db, "figures", "--format", "json");
  g_assert_cmpint (before->status, ==, 0);
  figures = parse_array (before->out);
  g_assert_cmpuint (json_array_get_length (figures), >=, 2);
  for (guint i = 0; i < json_array_get_length (figures); i++)
    {
      figure = json_array_get_object_element (figures, i);
      if (corrected_id == 0 && json_object_get_double_member (figure, "value") == 190000000.0)
        corrected_id = json_object_get_int_member (figure, "id");
      else if (rejected_id == 0)
        rejected_id = json_object_get_int_member (figure, "id");
    }
  g_assert_cmpint (corrected_id, >, 0);
  g_assert_cmpint (rejected_id, >, 0);

  store = cited_store_open (db, &error);
  g_assert_no_error (error);
  cited_store_set_figure_edit (store, corrected_id, &correct, &error);
  g_assert_no_error (error);
  cited_store_set_figure_edit (store, rejected_id, &reject, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  after = run_cli ("--db", db, "figures", "--format", "json");
  g_assert_cmpint (after->status, ==, 0);
  edited = parse_array (after->out);
  g_assert_cmpuint (json_array_get_length (edited), ==, json_array_get_length (figures) - 1);
  g_assert_null (find_figure (edited, rejected_id));
  figure = find_figure (edited, corrected_id);
  g_assert_nonnull (figure);
  g_assert_cmpfloat (json_object_get_double_member (figure, "value"), ==, 195000000.0);
  g_assert_true (json_object_get_boolean_member (figure, "edited"));
  g_assert_cmpstr (member_string (figure, "status"), ==, "confirmed");
  g_assert_cmpfloat (json_object_get_double_member (figure, "original_value"), ==, 190000000.0);

  with_rejected = run_cli ("--db", db, "figures", "--rejected", "--format", "json");
  g_assert_cmpint (with_rejected->status, ==, 0);
  all = parse_array (with_rejected->out);
  g_assert_cmpuint (json_array_get_length (all), ==, json_array_get_length (figures));
  g_assert_cmpstr (member_string (find_figure (all, rejected_id), "status"), ==, "rejected");

  /* In text, an asterisk after the id marks the corrected figure. */
  text = run_cli ("--db", db, "figures");
  g_assert_cmpint (text->status, ==, 0);
  marked = g_strdup_printf ("%" G_GINT64_FORMAT "*  ", corrected_id);
  g_assert_nonnull (strstr (text->out, marked));
  g_assert_nonnull (strstr (text->out, "195M"));
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
assert_png_size (const char *path,
                 guint       width,
                 guint       height)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  g_assert_cmpuint (read_be32 ((const guint8 *) data + 16), ==, width);
  g_assert_cmpuint (read_be32 ((const guint8 *) data + 20), ==, height);
}

static void
test_chart (void)
{
  g_autofree char *png = tmp_path ("figures.png");
  g_autofree char *default_png = tmp_path ("brands.png");
  g_autofree char *svg = tmp_path ("brands.svg");
  g_autofree char *pdf = tmp_path ("trend.pdf");
  g_autofree char *unwritten = tmp_path ("unknown.png");
  g_autofree char *data = NULL;
  g_autoptr(Run) figures = NULL;
  g_autoptr(Run) brands = NULL;
  g_autoptr(Run) brands_default = NULL;
  g_autoptr(Run) trend = NULL;
  g_autoptr(Run) unknown = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!have_cli ())
    return;

  figures = run_cli ("--db", get_seeded_db (), "chart", "--figures", "--metric", "sales",
                     "--brand", "Xiaomi", "--output", png, "--width", "640", "--height", "480",
                     "--title", "Xiaomi sales");
  g_test_message ("%s", figures->err);
  g_assert_cmpint (figures->status, ==, 0);
  g_assert_nonnull (strstr (figures->out, png));
  assert_png_size (png, 640, 480);

  /* Claims in the order they were first made, undated ones last. */
  {
    g_autoptr(Run) ordered = run_cli ("--db", get_seeded_db (), "claims", "--over-time", "--format", "json");
    g_autoptr(Run) wrong = run_cli ("--db", get_seeded_db (), "contradictions", "--over-time");
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *claims;
    const char *previous = NULL;
    gboolean undated = FALSE;
    guint n_dated = 0;

    g_assert_cmpint (ordered->status, ==, 0);
    g_assert_cmpint (wrong->status, ==, 2);
    g_assert_true (json_parser_load_from_data (parser, ordered->out, -1, NULL));
    claims = json_node_get_array (json_parser_get_root (parser));
    for (guint i = 0; i < json_array_get_length (claims); i++)
      {
        JsonObject *claim = json_array_get_object_element (claims, i);
        const char *first = json_object_get_null_member (claim, "first_date")
                            ? NULL : json_object_get_string_member (claim, "first_date");

        if (first == NULL)
          {
            undated = TRUE;
            continue;
          }
        g_assert_false (undated);
        if (previous != NULL)
          g_assert_cmpstr (previous, <=, first);
        previous = first;
        n_dated++;
      }
    g_assert_cmpuint (n_dated, >, 0);
  }

  /* A metric's figures at their articles' dates. */
  {
    g_autofree char *timeline = tmp_path ("timeline.svg");
    g_autoptr(Run) over_time = run_cli ("--db", get_seeded_db (), "chart", "--claims", "--metric",
                                        "sales", "--brand", "Xiaomi", "--output", timeline);
    g_autoptr(Run) with_status = run_cli ("--db", get_seeded_db (), "chart", "--claims", "--metric",
                                          "sales", "--status", "forecast", "--output", timeline);

    g_assert_cmpint (with_status->status, ==, 2);
    g_test_message ("%s", over_time->err);
    /* The sample corpus's articles are undated: nothing to chart, said so. */
    g_assert_cmpint (over_time->status, ==, 1);
    g_assert_nonnull (strstr (over_time->err, "Nothing to chart"));
  }

  /* A chart as CSV: the figures behind it, with their sources. */
  {
    g_autofree char *csv_path = tmp_path ("sales.csv");
    g_autofree char *csv = NULL;
    g_autoptr(Run) as_csv = run_cli ("--db", get_seeded_db (), "chart", "--figures", "--metric",
                                     "sales", "--output", csv_path);

    g_assert_cmpint (as_csv->status, ==, 0);
    g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
    g_assert_true (g_str_has_prefix (csv, "category,series,bar_value,figure_id,company,"));
    g_assert_nonnull (strstr (csv, "140 million units"));
    g_assert_nonnull (strstr (csv, "001_e4afa9e939e8e03f.txt"));
  }

  /* What a figure states can be asked for: the seeds' running totals of
   * patents. */
  {
    g_autofree char *cumulative_png = tmp_path ("cumulative.png");
    g_autoptr(Run) cumulative = run_cli ("--db", get_seeded_db (), "chart", "--figures", "--metric",
                                         "patents", "--status", "reported", "--span", "cumulative",
                                         "--output", cumulative_png);

    g_test_message ("%s", cumulative->err);
    g_assert_cmpint (cumulative->status, ==, 0);
    assert_png_size (cumulative_png, 1200, 800);
  }

  brands_default = run_cli ("--db", get_seeded_db (), "chart", "--brands", "--output", default_png);
  g_assert_cmpint (brands_default->status, ==, 0);
  assert_png_size (default_png, 1200, 800);

  brands = run_cli ("--db", get_seeded_db (), "chart", "--brands", "--brand", "Xiaomi",
                    "--brand", "Huawei", "--brand", "Apple", "--output", svg);
  g_assert_cmpint (brands->status, ==, 0);
  g_assert_nonnull (strstr (brands->out, svg));
  g_file_get_contents (svg, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (data, "<?xml"));
  g_assert_nonnull (strstr (data, "<svg"));
  g_assert_nonnull (strstr (data, "</svg>"));
  g_clear_pointer (&data, g_free);

  trend = run_cli ("--db", get_seeded_db (), "chart", "--trend", "--output", pdf);
  g_test_message ("%s", trend->err);
  g_assert_cmpint (trend->status, ==, 0);
  g_file_get_contents (pdf, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  /* A complete PDF ends with its trailer. */
  while (length > 0 && g_ascii_isspace (data[length - 1]))
    length--;
  g_assert_cmpuint (length, >, 5);
  g_assert_cmpmem (data + length - 5, 5, "%%EOF", 5);

  unknown = run_cli ("--db", get_seeded_db (), "chart", "--brands", "--brand", "Nosuchbrand",
                     "--output", unwritten);
  g_assert_cmpint (unknown->status, ==, 2);
  g_assert_nonnull (strstr (unknown->err, "Nosuchbrand"));
  g_assert_nonnull (strstr (unknown->err, "Huawei"));
  g_assert_false (g_file_test (unwritten, G_FILE_TEST_EXISTS));
}

/* A chart exported under a Chinese locale draws its Latin text in a Latin
 * font: "Sans" alone gave a CJK font there, whose apostrophe is full-width
 * ("world’ s") and whose letters are spaced for Chinese. */
static void
test_chart_latin_font_in_chinese_locale (void)
{
  const char * const env[] = { "LANGUAGE=zh_CN", "LC_ALL=zh_CN.UTF-8", NULL };
  g_autofree char *pdf = tmp_path ("chart-zh-locale.pdf");
  const char * const args[] = { "--db", get_seeded_db (), "chart", "--figures", "--metric", "sales",
                                "--output", pdf, NULL };
  g_autofree char *pdffonts = g_find_program_in_path ("pdffonts");
  g_autofree char *fonts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Run) run = NULL;
  const char *saved = setlocale (LC_ALL, NULL);
  g_autofree char *previous = g_strdup (saved);
  gboolean have_zh = setlocale (LC_ALL, "zh_CN.UTF-8") != NULL;
  int status = 0;

  setlocale (LC_ALL, previous);
  if (!have_zh)
    {
      g_test_skip ("The zh_CN.UTF-8 locale is not generated");
      return;
    }
  if (!have_cli ())
    return;
  if (pdffonts == NULL)
    g_error ("pdffonts is missing: install poppler-utils (bash .ci/install-deps)");

  run = run_cli_env (env, args);
  g_test_message ("%s", run->err);
  g_assert_cmpint (run->status, ==, 0);
  g_spawn_sync (NULL, (char *[]) { pdffonts, pdf, NULL }, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &fonts, NULL, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s", fonts);
  /* The title is Chinese ("按品牌统计的销量"), the brand and the periods
   * are not ("Xiaomi", "global 2021"): one font each. */
  g_assert_nonnull (strstr (fonts, "DejaVuSans"));
  g_assert_nonnull (strstr (fonts, "CJK"));
}

/* Started from the build tree, as the README starts it, cited-cli speaks
 * the user's language from the catalogues built there. */
static void
test_translated_from_build_tree (void)
{
  const char * const env[] = { "LANGUAGE=zh_CN", "LC_ALL=zh_CN.UTF-8", NULL };
  const char * const args[] = { "--help", NULL };
  g_autoptr(Run) help = NULL;
  const char *saved = setlocale (LC_ALL, NULL);
  g_autofree char *previous = g_strdup (saved);
  gboolean have_zh = setlocale (LC_ALL, "zh_CN.UTF-8") != NULL;

  setlocale (LC_ALL, previous);
  if (!have_zh)
    {
      g_test_skip ("The zh_CN.UTF-8 locale is not generated");
      return;
    }
  if (!have_cli ())
    return;
  help = run_cli_env (env, args);
  g_assert_cmpint (help->status, ==, 0);
  g_assert_nonnull (strstr (help->out, "用法"));
  g_assert_null (strstr (help->out, "Usage:"));
}

static void
test_db_env (void)
{
  g_autofree char *env_db = g_strdup_printf ("CITED_DB=%s", get_seeded_db ());
  g_autofree char *other = tmp_path ("env-other.db");
  const char * const env[] = { env_db, NULL };
  g_autoptr(Run) from_env = NULL;
  g_autoptr(Run) overridden = NULL;
  g_autoptr(JsonArray) figures = NULL;

  if (!have_cli ())
    return;

  from_env = run_cli_env (env, (const char * const[]) { "figures", "--format", "json", NULL });
  g_assert_cmpint (from_env->status, ==, 0);
  figures = parse_array (from_env->out);
  g_assert_cmpuint (json_array_get_length (figures), >, 0);

  /* --db wins over the variable: that database is not there. */
  overridden = run_cli_env (env, (const char * const[]) { "--db", other, "articles", NULL });
  g_assert_cmpint (overridden->status, ==, 1);
  g_assert_cmpstr (overridden->out, ==, "");
  g_assert_nonnull (strstr (overridden->err, "No database at"));
  g_assert_nonnull (strstr (overridden->err, other));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
}

static void
test_db_errors (void)
{
  g_autofree char *not_db = tmp_path ("notes.db");
  g_autofree char *newer = tmp_path ("newer.db");
  g_autofree char *no_dir = g_build_filename (tmp_dir, "notes.db", "cited.db", NULL);
  g_autoptr(Run) garbage = NULL;
  g_autoptr(Run) too_new = NULL;
  g_autoptr(Run) unwritable = NULL;
  sqlite3 *db = NULL;

  if (!have_cli ())
    return;

  write_file (not_db, "These are my notes, not a database. They are long enough to look "
                      "like a file with a header, which SQLite will refuse.\n", -1);
  garbage = run_cli ("--db", not_db, "articles");
  g_test_message ("%s", garbage->err);
  g_assert_cmpint (garbage->status, ==, 1);
  g_assert_nonnull (strstr (garbage->err, not_db));

  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  /* A newer Cited's database carries Cited's application id. */
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 9999;"
                                     " PRAGMA application_id = 1128879172;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  too_new = run_cli ("--db", newer, "figures");
  g_test_message ("%s", too_new->err);
  g_assert_cmpint (too_new->status, ==, 1);
  g_assert_nonnull (strstr (too_new->err, "newer version of Cited"));

  unwritable = run_cli ("--db", no_dir, "import", not_db);
  g_test_message ("%s", unwritable->err);
  g_assert_cmpint (unwritable->status, ==, 1);
  g_assert_nonnull (strstr (unwritable->err, no_dir));
  g_assert_cmpstr (unwritable->out, ==, "");
}


/* Another program's SQLite file is refused by every command, whatever its
 * user_version, and is not written to: no tables, no id, no WAL. */
static void
test_db_foreign (void)
{
  const char * const setups[] = {
    "CREATE TABLE notes (x); INSERT INTO notes VALUES ('my note');",
    "CREATE TABLE notes (x); PRAGMA user_version = 9999;",
  };
  g_autofree char *corpus = corpus_dir ();

  if (!have_cli ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (setups); i++)
    {
      g_autofree char *name = g_strdup_printf ("foreign-%u.db", i);
      g_autofree char *path = tmp_path (name);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *before = NULL;
      gsize before_len = 0;
      sqlite3 *db = NULL;
      const char * const commands[][6] = {
        { "--db", path, "articles", NULL }, { "--db", path, "figures", NULL },
        { "--db", path, "brands", NULL }, { "--db", path, "import", corpus, NULL },
        { "--db", path, "brands", "add", "Wren", NULL },
      };

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, setups[i], NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          g_autoptr(Run) run = NULL;
          g_autofree char *after = NULL;
          gsize after_len = 0;

          run = run_cli_env (NULL, commands[c]);
          g_test_message ("%s: %s", commands[c][2], run->err);
          g_assert_cmpint (run->status, ==, 1);
          g_assert_cmpstr (run->out, ==, "");
          g_assert_nonnull (strstr (run->err, "not a Cited database"));
          g_assert_nonnull (strstr (run->err, path));
          g_assert_null (strstr (run->err, "newer version"));

          g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
          g_assert_cmpmem (before, before_len, after, after_len);
          g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
        }
    }
}

/* Output that cannot be written (stdout on a full disk) is a failure with a
 * message, as it is for cat, not a listing silently lost with status 0. */
static void
test_full_stdout (void)
{
  const char *db = NULL;
  const char * const commands[][5] = {
    { "articles", NULL }, { "figures", "--format", "json", NULL }, { "brands", "--format", "csv", NULL },
  };

  if (!have_cli ())
    return;
  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  db = get_seeded_db ();

  for (guint i = 0; i < G_N_ELEMENTS (commands) + 1; i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;

      g_ptr_array_add (argv, (gpointer) cli_path ());
      if (i < G_N_ELEMENTS (commands))
        {
          g_ptr_array_add (argv, "--db");
          g_ptr_array_add (argv, (gpointer) db);
          for (guint j = 0; commands[i][j] != NULL; j++)
            g_ptr_array_add (argv, (gpointer) commands[i][j]);
        }
      else
        g_ptr_array_add (argv, "--version");
      g_ptr_array_add (argv, NULL);

      g_subprocess_launcher_unsetenv (launcher, "CITED_DB");
      g_subprocess_launcher_set_stdout_file_path (launcher, "/dev/full");
      process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s", (char *) argv->pdata[argv->len - 2], err);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
      g_assert_nonnull (strstr (err, "Could not write the output"));
    }
}

/* A brand name with a control character (an escape sequence) is refused
 * and never echoed raw to the terminal. */
static void
test_brands_add_control (void)
{
  g_autofree char *db = tmp_path ("brands-control.db");
  g_autoptr(Run) list = NULL;
  const char * const names[][4] = {
    { "Evil\033[2JCo", NULL }, { "Wren", "--alias", "W\033]0;owned\007", NULL },
    { "Bell\007", NULL }, { "Line\nBreak", NULL },
  };

  if (!have_cli ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(Run) add = NULL;

      add = run_cli ("--db", db, "brands", "add", names[i][0], names[i][1], names[i][2]);
      g_assert_cmpint (add->status, ==, 2);
      g_assert_cmpstr (add->out, ==, "");
      g_assert_nonnull (strstr (add->err, "control character"));
      g_assert_null (strchr (add->err, '\033'));
      g_assert_null (strchr (add->err, '\007'));
    }

  /* Nothing was added. */
  list = run_cli ("--db", db, "brands", "--all", "--format", "csv");
  g_assert_null (strchr (list->out, '\033'));
  g_assert_null (strstr (list->out, "Evil"));
  g_assert_null (strstr (list->out, "Bell"));
}

/* After an import the database is one file: every connection, the import
 * worker's included, was closed before the process exited, so the WAL was
 * checkpointed and the -wal and -shm files removed. Several runs, since it
 * was a race. */
static void
test_import_leaves_no_wal (void)
{
  g_autofree char *corpus = corpus_dir ();

  if (!have_cli ())
    return;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("wal-%u.db", i);
      g_autofree char *db = tmp_path (name);
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);
      g_autoptr(Run) run = run_cli ("--db", db, "import", corpus);

      g_assert_cmpint (run->status, ==, 0);
      g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
    }
}

static void
limit_file_size_cb (gpointer data)
{
  struct rlimit limit = { 800 * 1024, 800 * 1024 };

  /* Writes past the limit fail (EFBIG) instead of killing the process,
   * as writes to a full disk do. */
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

/* When the database cannot grow part way through an import, the message
 * says how many articles the batches written before hold, and they are
 * there. */
static void
test_import_store_fails (void)
{
  g_autofree char *folder = tmp_path ("fill");
  g_autofree char *db = tmp_path ("fill.db");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *kept;
  guint64 n_kept = 0;
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;

  if (!have_cli ())
    return;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *name = g_strdup_printf ("fill/a%04u.txt", i);
      g_autofree char *path = tmp_path (name);
      g_autofree char *text = g_strdup_printf ("Article %u\n\nFalcon sold %u planes in %u. "
                                               "Wren sold %u kites.\n",
                                               i, i * 3 + 1, 2000 + i % 20, i + 7);

      write_file (path, text, -1);
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "CITED_DB");
  /* Transactions of 500 articles, so that some are written before the
   * file reaches its limit. */
  g_subprocess_launcher_setenv (launcher, "CITED_IMPORT_BATCH", "500", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, limit_file_size_cb, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path (), "--db", db, "import", folder, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (strstr (err, "The import failed"));

  kept = strstr (err, "; the ");
  g_assert_nonnull (kept);
  g_assert_nonnull (strstr (kept, "were kept"));
  n_kept = g_ascii_strtoull (kept + strlen ("; the "), NULL, 10);
  g_assert_cmpuint (n_kept, >, 0);
  g_assert_cmpuint (n_kept, <, 1500);

  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT count (*) FROM articles", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, (gint64) n_kept);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
}

/* SIGTERM ends an import busy in one large file at once: the file it was
 * reading is not finished and stored first (cancellation alone waits for
 * the end of the file). */
/* Whether the process @pid catches @signum, from /proc: its handler is
 * set. FALSE when that cannot be told. */
static gboolean
catches_signal (const char *pid,
                int         signum)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "status", NULL);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL) ||
      (line = strstr (status, "\nSigCgt:")) == NULL)
    return FALSE;
  return (g_ascii_strtoull (line + strlen ("\nSigCgt:"), NULL, 16) >> (signum - 1)) & 1;
}

/* Waits until @process has set its handler for @signum (the import has
 * begun), for up to a minute; where /proc does not tell, for a second. */
static void
wait_for_handler (GSubprocess *process,
                  int          signum)
{
  const char *pid = g_subprocess_get_identifier (process);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  g_autofree char *status_path = g_build_filename ("/proc", pid, "status", NULL);

  if (!g_file_test (status_path, G_FILE_TEST_EXISTS))
    {
      g_usleep (G_USEC_PER_SEC);
      return;
    }
  while (!catches_signal (pid, signum))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (2000);
    }
}

static void
test_import_sigterm (void)
{
  g_autofree char *folder = tmp_path ("term");
  g_autofree char *small = tmp_path ("term/a-small.txt");
  g_autofree char *large = tmp_path ("term/b-large.txt");
  g_autofree char *db = tmp_path ("term.db");
  g_autoptr(GString) text = g_string_new ("A large file\n\n");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;

  if (!have_cli ())
    return;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  write_file (small, "Small\n\nWren sold 4 kites.\n", -1);
  /* About 30 MB: seconds of work. */
  for (guint i = 0; text->len < 30 * 1024 * 1024; i++)
    g_string_append_printf (text, "Falcon sold %u planes in %u while analysts expected more. ",
                            i % 997 + 3, 2000 + i % 20);
  write_file (large, text->str, text->len);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_unsetenv (launcher, "CITED_DB");
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path (), "--db", db, "import", folder, NULL);
  g_assert_no_error (error);
  /* Signalled as soon as it listens: the large file then takes seconds
   * more, whatever the machine's load (a fixed wait let a loaded machine
   * signal before the handler was set, and a fast one finish first). */
  wait_for_handler (process, SIGTERM);
  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 130);

  /* Nothing was committed: the small file waited in the batch. */
  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT count (*) FROM articles", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
}

/* A read-only command never creates a database: a mistyped --db is told,
 * not answered with an empty list. import and brands add create one. */
static void
test_db_missing (void)
{
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-dir", "x.db", NULL);
  g_autofree char *missing_dir = g_build_filename (tmp_dir, "no-such-dir", NULL);
  g_autofree char *png = tmp_path ("missing.png");
  g_autofree char *created = g_build_filename (tmp_dir, "new-dir", "deeper", "new.db", NULL);
  g_autofree char *added = g_build_filename (tmp_dir, "brands-dir", "brands.db", NULL);
  g_autofree char *corpus = corpus_dir ();
  g_autofree char *default_db = g_build_filename (tmp_dir, "xdg-data", "cited", "cited.db", NULL);
  const char * const read_only[][6] = {
    { "articles", NULL },
    { "figures", "--format", "json", NULL },
    { "brands", NULL },
    { "chart", "--brands", "--output", png, NULL },
  };
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) add = NULL;
  g_autoptr(Run) default_run = NULL;

  if (!have_cli ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (read_only); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(Run) run = NULL;

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, missing);
      for (guint j = 0; read_only[i][j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) read_only[i][j]);
      g_ptr_array_add (args, NULL);
      run = run_cli_env (NULL, (const char * const *) args->pdata);
      g_test_message ("%s: %s", read_only[i][0], run->err);
      g_assert_cmpint (run->status, ==, 1);
      g_assert_cmpstr (run->out, ==, "");
      g_assert_nonnull (strstr (run->err, "No database at"));
      g_assert_nonnull (strstr (run->err, missing));
      g_assert_nonnull (strstr (run->err, "import"));
      g_assert_null (strstr (run->err, "No articles yet"));
      g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
    }
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  /* The default database follows the same rule. */
  default_run = run_cli ("figures");
  g_assert_cmpint (default_run->status, ==, 1);
  g_assert_nonnull (strstr (default_run->err, "No database at"));
  g_assert_nonnull (strstr (default_run->err, default_db));
  g_assert_false (g_file_test (default_db, G_FILE_TEST_EXISTS));

  import = run_cli ("--db", created, "import", corpus);
  g_assert_cmpint (import->status, ==, 0);
  g_assert_true (g_file_test (created, G_FILE_TEST_IS_REGULAR));

  add = run_cli ("--db", added, "brands", "add", "Kestrel");
  g_assert_cmpint (add->status, ==, 0);
  g_assert_true (g_file_test (added, G_FILE_TEST_IS_REGULAR));
}

/* A metric nobody could mean is a usage error that lists the metrics; a
 * real metric without figures here is just an empty answer. */
static void
test_unknown_metric (void)
{
  g_autofree char *png = tmp_path ("nosuch-metric.png");
  g_autoptr(Run) chart = NULL;
  g_autoptr(Run) figures = NULL;
  g_autoptr(Run) known = NULL;
  g_autoptr(Run) articles = NULL;

  if (!have_cli ())
    return;

  chart = run_cli ("--db", get_seeded_db (), "chart", "--figures", "--metric", "nosuch",
                   "--output", png);
  g_assert_cmpint (chart->status, ==, 2);
  g_assert_nonnull (strstr (chart->err, "nosuch"));
  g_assert_nonnull (strstr (chart->err, "sales"));
  g_assert_nonnull (strstr (chart->err, "patents"));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  figures = run_cli ("--db", get_seeded_db (), "figures", "--metric", "nosuch");
  g_assert_cmpint (figures->status, ==, 2);
  g_assert_cmpstr (figures->out, ==, "");
  g_assert_nonnull (strstr (figures->err, "sales"));

  known = run_cli ("--db", get_seeded_db (), "figures", "--metric", "debt", "--format", "json");
  g_assert_cmpint (known->status, ==, 0);
  g_assert_cmpstr (g_strstrip (known->out), ==, "[]");
  g_assert_nonnull (strstr (known->err, "No figures match"));

  articles = run_cli ("--db", get_seeded_db (), "articles", "--brand", "Xiaomii");
  g_assert_cmpint (articles->status, ==, 2);
  g_assert_nonnull (strstr (articles->err, "Xiaomi,"));
}

/* What QA found importing real folders: README files, JSON Lines with no
 * good line, feeds cut off by a stopped download. */
static void
test_import_reports (void)
{
  g_autofree char *folder = tmp_path ("report-folder");
  g_autofree char *readme = g_build_filename (folder, "README.TXT", NULL);
  g_autofree char *story = g_build_filename (folder, "story.txt", NULL);
  g_autofree char *bad = g_build_filename (folder, "bad.jsonl", NULL);
  g_autofree char *feed = g_build_filename (folder, "cut.rss", NULL);
  g_autofree char *db = tmp_path ("reports.db");
  g_autofree char *db2 = tmp_path ("reports-readme.db");
  g_autoptr(GString) rss = g_string_new ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
                                         "<title>Wire</title>\n");
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) explicit = NULL;
  g_autofree char *bad_1 = NULL;
  g_autofree char *bad_2 = NULL;
  g_autofree char *feed_line = NULL;

  if (!have_cli ())
    return;

  for (guint i = 1; i <= 13; i++)
    g_string_append_printf (rss, "<item><title>Story %u</title><description>Oriole sold %u "
                                 "boats.</description></item>\n", i, i * 10);
  g_string_append (rss, "<item><title>Story 14</title><descr");

  g_mkdir_with_parents (folder, 0700);
  write_file (readme, "About this corpus\n\nThese files come from a news site.\n", -1);
  write_file (story, "Kestrel results\n\nKestrel sold 40 boats in 2023.\n", -1);
  write_file (bad, "{\"title\": \"No body\"}\n{\"title\": \"Broken\n", -1);
  write_file (feed, rss->str, rss->len);

  run = run_cli ("--db", db, "import", folder);
  g_test_message ("%s%s", run->out, run->err);
  g_assert_cmpint (run->status, ==, 1);
  /* 1 story and 13 feed items; the README is skipped and counted. */
  g_assert_nonnull (strstr (run->out, "Imported 14 articles"));
  g_assert_nonnull (strstr (run->out, "1 skipped (not articles)"));
  g_assert_null (strstr (run->err, "README"));

  bad_1 = g_strdup_printf ("%s:1: No text field", bad);
  bad_2 = g_strdup_printf ("%s:2: Not valid JSON: ", bad);
  g_assert_nonnull (strstr (run->err, bad_1));
  g_assert_nonnull (strstr (run->err, bad_2));
  feed_line = g_strdup_printf ("%s: Truncated: kept 13 complete items", feed);
  g_assert_nonnull (strstr (run->err, feed_line));

  /* Named on its own, the README is imported. */
  explicit = run_cli ("--db", db2, "import", readme);
  g_assert_cmpint (explicit->status, ==, 0);
  g_assert_nonnull (strstr (explicit->out, "Imported 1 article"));
  g_assert_null (strstr (explicit->out, "skipped"));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* These articles name their original URL, which ends in the file's name:
 * "…/a-story-of-revenge/" for "a-story-of-revenge.md". Either may be the
 * article's path. */
static char *
article_key (const char *path_or_url)
{
  g_autofree char *trimmed = g_strdup (path_or_url);
  g_autofree char *base = NULL;
  gsize length = strlen (trimmed);

  while (length > 1 && trimmed[length - 1] == '/')
    trimmed[--length] = '\0';
  base = g_path_get_basename (trimmed);
  if (g_str_has_suffix (base, ".md"))
    base[strlen (base) - 3] = '\0';
  return g_steal_pointer (&base);
}

/* Chinese words are found in Chinese articles, also when the locale is
 * plain C, and the text table stays aligned with wide characters. */
static void
test_chinese_search (void)
{
  g_autofree char *corpora = shared_corpora_dir ();
  g_autofree char *xda = NULL;
  g_autofree char *db = tmp_path ("chinese.db");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) with_xiaomi = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) search = NULL;
  g_autoptr(Run) text = NULL;
  g_autoptr(Run) all = NULL;
  g_autoptr(JsonArray) found = NULL;
  g_autoptr(JsonArray) every = NULL;
  g_auto(GStrv) lines = NULL;
  const char *name;

  if (!have_cli ())
    return;
  if (corpora == NULL)
    {
      g_test_skip ("CITED_SOURCE_ROOT is not set");
      return;
    }
  xda = g_build_filename (corpora, "xda_zh", NULL);
  dir = g_dir_open (xda, 0, NULL);
  if (dir == NULL)
    {
      g_test_skip ("the shared xda_zh corpus is not beside the source tree");
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".md"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_assert_cmpuint (names->len, >=, 12);

  g_ptr_array_add (args, g_strdup ("--db"));
  g_ptr_array_add (args, g_strdup (db));
  g_ptr_array_add (args, g_strdup ("import"));
  for (guint i = 0; i < 12; i++)
    {
      char *path = g_build_filename (xda, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      if (strstr (contents, "小米") != NULL)
        g_hash_table_add (with_xiaomi, article_key (path));
      g_ptr_array_add (args, path);
    }
  g_ptr_array_add (args, NULL);
  g_assert_cmpuint (g_hash_table_size (with_xiaomi), >, 0);

  import = run_cli_env (NULL, (const char * const *) args->pdata);
  g_test_message ("%s", import->err);
  g_assert_cmpint (import->status, ==, 0);
  /* The corpus holds a few articles twice over. */
  g_assert_nonnull (strstr (import->out, " from 12 files"));

  search = run_cli_env ((const char * const[]) { "LC_ALL=C", NULL },
                        (const char * const[]) { "--db", db, "articles", "--search", "小米",
                                                 "--format", "json", NULL });
  g_test_message ("%s", search->err);
  g_assert_cmpint (search->status, ==, 0);
  found = parse_array (search->out);
  g_assert_cmpuint (json_array_get_length (found), >, 0);
  for (guint i = 0; i < json_array_get_length (found); i++)
    {
      JsonObject *article = json_array_get_object_element (found, i);
      g_autofree char *key = article_key (member_string (article, "path"));

      g_test_message ("found %s", member_string (article, "path"));
      g_assert_true (g_hash_table_contains (with_xiaomi, key));
    }

  all = run_cli ("--db", db, "articles", "--format", "json");
  g_assert_cmpint (all->status, ==, 0);
  every = parse_array (all->out);
  g_assert_cmpuint (json_array_get_length (every), >, json_array_get_length (found));

  text = run_cli ("--db", db, "articles");
  g_assert_cmpint (text->status, ==, 0);
  lines = lines_of (text->out);
  g_assert_cmpuint (g_strv_length (lines), ==, json_array_get_length (every) + 1);
  for (guint i = 1; lines[i] != NULL; i++)
    g_assert_cmpuint (display_width (lines[i], strlen (lines[i])), ==,
                      display_width (lines[0], strlen (lines[0])));
}

/* Decimal figures print as written, not as the nearest double's 17 digits. */
static void
test_figures_decimals (void)
{
  g_autofree char *db = tmp_path ("decimals.db");
  g_autofree char *article = tmp_path ("decimals.txt");
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) json = NULL;
  g_autoptr(Run) csv = NULL;

  if (!have_cli ())
    return;

  write_file (article, "Samsung margins\n\n"
                       "Samsung's market share was 20.3% in 2023, and its margin reached 4.15%.\n"
                       "Xiaomi raised the price to $0.6 per share.\n", -1);
  import = run_cli ("--db", db, "import", article);
  g_assert_cmpint (import->status, ==, 0);

  json = run_cli ("--db", db, "figures", "--format", "json");
  g_assert_cmpint (json->status, ==, 0);
  g_assert_nonnull (strstr (json->out, "20.3"));
  g_assert_nonnull (strstr (json->out, "4.15"));
  g_assert_null (strstr (json->out, "0000000"));
  g_assert_null (strstr (json->out, "9999999"));

  csv = run_cli ("--db", db, "figures", "--format", "csv");
  g_assert_cmpint (csv->status, ==, 0);
  g_assert_nonnull (strstr (csv->out, "4.15"));
  g_assert_null (strstr (csv->out, "0000000"));
  g_assert_null (strstr (csv->out, "9999999"));
}

/* What a figure states, in every format, and the --status and --span
 * filters. */
static void
test_figures_states (void)
{
  g_autofree char *db = tmp_path ("states.db");
  g_autofree char *article = tmp_path ("states.txt");
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) json = NULL;
  g_autoptr(Run) csv = NULL;
  g_autoptr(Run) plain_csv = NULL;
  g_autoptr(Run) text = NULL;
  g_autoptr(Run) forecast = NULL;
  g_autoptr(Run) rate = NULL;
  g_autoptr(Run) bad = NULL;
  g_autoptr(JsonArray) figures = NULL;
  g_autoptr(JsonArray) forecasts = NULL;
  g_autoptr(JsonArray) rates = NULL;
  gboolean seen_fall = FALSE;

  if (!have_cli ())
    return;

  write_file (article, "Phone makers\n\n"
                       "Samsung's profits fell 5% in 2023. Samsung expects revenue of $5bn. "
                       "Its factory makes 35,000 phones an hour.\n", -1);
  import = run_cli ("--db", db, "import", article);
  g_assert_cmpint (import->status, ==, 0);

  json = run_cli ("--db", db, "figures", "--format", "json");
  g_assert_cmpint (json->status, ==, 0);
  figures = parse_array (json->out);
  g_assert_cmpuint (json_array_get_length (figures), ==, 3);
  for (guint i = 0; i < json_array_get_length (figures); i++)
    {
      JsonObject *figure = json_array_get_object_element (figures, i);

      g_assert_nonnull (member_string (figure, "change"));
      g_assert_nonnull (member_string (figure, "span"));
      g_assert_nonnull (member_string (figure, "claim_status"));
      if (g_strcmp0 (member_string (figure, "change"), "percent") == 0)
        {
          g_assert_cmpstr (member_string (figure, "measure"), ==, "profit");
          g_assert_cmpstr (member_string (figure, "direction"), ==, "fall");
          g_assert_cmpfloat (json_object_get_double_member (figure, "value"), ==, -5);
          seen_fall = TRUE;
        }
    }
  g_assert_true (seen_fall);

  plain_csv = run_cli ("--db", db, "figures", "--format", "csv");
  g_assert_nonnull (strstr (plain_csv->out, ",status,edited\r\n"));
  csv = run_cli ("--db", db, "figures", "--format", "csv", "--states");
  g_assert_cmpint (csv->status, ==, 0);
  g_assert_nonnull (strstr (csv->out, ",status,edited,measure,change,direction,span,claim_status,period_inferred\r\n"));
  g_assert_nonnull (strstr (csv->out, ",profit,percent,fall,period,reported,false\r\n"));
  g_assert_nonnull (strstr (csv->out, ",revenue,level,,period,forecast,false\r\n"));

  text = run_cli ("--db", db, "figures");
  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, "STATES"));
  g_assert_nonnull (strstr (text->out, "fall % of profit"));
  g_assert_nonnull (strstr (text->out, "forecast"));

  forecast = run_cli ("--db", db, "figures", "--status", "forecast", "--format", "json");
  g_assert_cmpint (forecast->status, ==, 0);
  forecasts = parse_array (forecast->out);
  g_assert_cmpuint (json_array_get_length (forecasts), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (forecasts, 0),
                                                    "value"), ==, 5e9);

  rate = run_cli ("--db", db, "figures", "--span", "rate", "--format", "json");
  g_assert_cmpint (rate->status, ==, 0);
  rates = parse_array (rate->out);
  g_assert_cmpuint (json_array_get_length (rates), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (rates, 0),
                                                    "value"), ==, 35000);

  bad = run_cli ("--db", db, "figures", "--span", "forever");
  g_assert_cmpint (bad->status, ==, 2);
  g_assert_nonnull (strstr (bad->err, "forever"));
}

/* claims: the sample corpus's 140 million overseas, cited three times in
 * one article, is one claim; every format says so. */
static void
test_claims (void)
{
  const char *db;
  g_autoptr(Run) json = NULL;
  g_autoptr(Run) csv = NULL;
  g_autoptr(Run) text = NULL;
  g_autoptr(Run) none = NULL;
  g_autoptr(JsonArray) claims = NULL;
  g_auto(GStrv) csv_lines = NULL;
  guint n_overseas = 0;

  if (!have_cli ())
    return;
  db = get_seeded_db ();

  json = run_cli ("--db", db, "claims", "--brand", "millet", "--metric", "sales",
                  "--format", "json");
  g_assert_cmpint (json->status, ==, 0);
  claims = parse_array (json->out);
  g_assert_cmpuint (json_array_get_length (claims), ==, 3);
  for (guint i = 0; i < json_array_get_length (claims); i++)
    {
      JsonObject *claim = json_array_get_object_element (claims, i);

      g_assert_cmpstr (member_string (claim, "brand"), ==, "Xiaomi");
      if (json_object_get_double_member (claim, "value") != 140e6)
        continue;
      n_overseas++;
      g_assert_cmpstr (member_string (claim, "scope"), ==, "overseas");
      g_assert_cmpint (json_object_get_int_member (claim, "year"), ==, 2021);
      g_assert_cmpint (json_object_get_int_member (claim, "sources"), ==, 1);
      g_assert_cmpint (json_object_get_int_member (claim, "citations"), ==, 3);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (claim, "figures")), ==, 3);
      g_assert_true (member_is_null (claim, "qualifier"));
      g_assert_true (member_is_null (claim, "first_date"));
    }
  g_assert_cmpuint (n_overseas, ==, 1);

  csv = run_cli ("--db", db, "claims", "--brand", "Xiaomi", "--metric", "sales", "--format", "csv");
  g_assert_cmpint (csv->status, ==, 0);
  csv_lines = g_strsplit (csv->out, "\r\n", -1);
  g_assert_cmpstr (csv_lines[0], ==, "id,brand,metric,measure,change,direction,span,claim_status,"
                   "scope,year,quarter,period_inferred,value,value_max,unit,currency,qualifier,"
                   "sources,citations,first_date,last_date,figure_ids");
  g_assert_cmpuint (g_strv_length (csv_lines), ==, 5);   /* header, 3 rows, "" */
  g_assert_nonnull (strstr (csv->out, ",overseas,2021,,false,140000000,,units,,,1,3,,,"));

  text = run_cli ("--db", db, "claims", "--brand", "Xiaomi", "--metric", "sales");
  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, "SOURCES"));
  g_assert_nonnull (strstr (text->out, "1 (3×)"));
  g_assert_nonnull (strstr (text->out, "140M units"));

  /* A known metric no figure has: nothing, and it says so. */
  none = run_cli ("--db", db, "claims", "--metric", "debt");
  g_assert_cmpint (none->status, ==, 0);
  g_assert_cmpstr (none->out, ==, "");
  g_assert_nonnull (strstr (none->err, "No claims match."));
}

/* contradictions: two articles disagree on Xiaomi's 2021 sales; one more
 * agrees within its qualifier, another speaks of another scope. */
static void
test_contradictions (void)
{
  g_autofree char *db = tmp_path ("contradictions.db");
  g_autofree char *dir = tmp_path ("contradictions");
  g_autofree char *a = g_build_filename (dir, "a.txt", NULL);
  g_autofree char *b = g_build_filename (dir, "b.txt", NULL);
  g_autofree char *c = g_build_filename (dir, "c.txt", NULL);
  g_autofree char *d = g_build_filename (dir, "d.txt", NULL);
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) json = NULL;
  g_autoptr(Run) csv = NULL;
  g_autoptr(Run) text = NULL;
  g_autoptr(Run) other = NULL;
  g_autoptr(Run) seeds = NULL;
  g_autoptr(JsonArray) list = NULL;
  JsonArray *sides;
  JsonObject *first, *second;

  if (!have_cli ())
    return;

  g_mkdir_with_parents (dir, 0700);
  write_file (a, "Xiaomi results\nReuters Updated on 2022-01-10\n\n"
                 "Xiaomi sold 190 million phones in 2021, the company said.\n", -1);
  write_file (b, "Xiaomi sales\nCaixin Updated on 2022-02-01\n\n"
                 "Xiaomi sold about 170 million phones in 2021.\n", -1);
  write_file (c, "小米\n新浪 Updated on 2022-03-01\n\n2021年小米全球销量1.9亿台。\n", -1);
  write_file (d, "Xiaomi more\nMondo Updated on 2022-05-01\n\n"
                 "Xiaomi sold more than 150 million phones in 2021. "
                 "Xiaomi sold 140 million phones overseas in 2021.\n", -1);
  import = run_cli ("--db", db, "import", dir);
  g_assert_cmpint (import->status, ==, 0);

  json = run_cli ("--db", db, "contradictions", "--format", "json");
  g_assert_cmpint (json->status, ==, 0);
  list = parse_array (json->out);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  first = json_array_get_object_element (list, 0);
  g_assert_cmpstr (member_string (first, "brand"), ==, "Xiaomi");
  g_assert_cmpint (json_object_get_int_member (first, "year"), ==, 2021);
  sides = json_object_get_array_member (first, "sides");
  g_assert_cmpuint (json_array_get_length (sides), ==, 2);
  first = json_array_get_object_element (sides, 0);
  second = json_array_get_object_element (sides, 1);
  /* 190 million in English and 1.9亿 in Chinese: one side of two sources. */
  g_assert_cmpfloat (json_object_get_double_member (first, "value"), ==, 190e6);
  g_assert_cmpint (json_object_get_int_member (first, "sources"), ==, 2);
  g_assert_cmpstr (member_string (first, "first_date"), ==, "2022-01-10");
  g_assert_cmpstr (member_string (first, "last_date"), ==, "2022-03-01");
  g_assert_cmpfloat (json_object_get_double_member (second, "value"), ==, 170e6);
  g_assert_cmpstr (member_string (second, "qualifier"), ==, "about");
  g_assert_nonnull (strstr (member_string (json_array_get_object_element (
    json_object_get_array_member (second, "figures"), 0), "sentence"), "about 170 million"));

  text = run_cli ("--db", db, "contradictions");
  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, "Xiaomi · sales · global · 2021"));
  g_assert_nonnull (strstr (text->out, "contradicts"));
  g_assert_nonnull (strstr (text->out, "2021年小米全球销量1.9亿台"));
  g_assert_nonnull (strstr (text->out, "about 170M units (1 source, 2022-02-01)"));

  csv = run_cli ("--db", db, "contradictions", "--brand", "Xiaomi", "--metric", "sales",
                 "--format", "csv");
  g_assert_cmpint (csv->status, ==, 0);
  g_assert_true (g_str_has_prefix (csv->out, "contradiction,side,claim_id,brand,"));
  /* One row per figure: two on the first side, one on the second. */
  {
    g_auto(GStrv) rows = g_strsplit (csv->out, "\r\n", -1);

    g_assert_cmpuint (g_strv_length (rows), ==, 5);
    g_assert_true (g_str_has_prefix (rows[1], "1,a,"));
    g_assert_true (g_str_has_prefix (rows[3], "1,b,"));
  }

  /* The user holds the 190 million right: the 170 million is rejected,
   * the 190 million confirmed, and the contradiction is settled. */
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           json_object_get_int_member (first, "id"));
    g_autoptr(Run) wrong_id = run_cli ("--db", db, "contradictions", "--right", "99999");
    g_autoptr(Run) not_here = run_cli ("--db", db, "claims", "--right", id);
    g_autoptr(Run) mark = run_cli ("--db", db, "contradictions", "--right", id);
    g_autoptr(Run) after = run_cli ("--db", db, "contradictions", "--format", "json");
    g_autoptr(Run) figures = run_cli ("--db", db, "figures", "--rejected", "--format", "json");
    g_autoptr(JsonArray) all = NULL;
    guint n_rejected = 0, n_confirmed = 0;

    g_assert_cmpint (wrong_id->status, ==, 2);
    g_assert_nonnull (strstr (wrong_id->err, "99999"));
    g_assert_cmpint (not_here->status, ==, 2);
    g_assert_cmpint (mark->status, ==, 0);
    g_assert_nonnull (strstr (mark->out, "Marked 190M units right"));
    g_assert_nonnull (strstr (mark->out, "rejected 1 figure of about 170M units"));
    g_assert_cmpint (after->status, ==, 0);
    g_assert_cmpstr (g_strstrip (after->out), ==, "[]");
    all = parse_array (figures->out);
    for (guint i = 0; i < json_array_get_length (all); i++)
      {
        JsonObject *figure = json_array_get_object_element (all, i);
        double value = json_object_get_double_member (figure, "value");

        if (g_strcmp0 (member_string (figure, "status"), "rejected") == 0)
          {
            g_assert_cmpfloat (value, ==, 170e6);
            n_rejected++;
          }
        else if (g_strcmp0 (member_string (figure, "status"), "confirmed") == 0)
          {
            g_assert_cmpfloat (value, ==, 190e6);
            n_confirmed++;
          }
      }
    g_assert_cmpuint (n_rejected, ==, 1);
    g_assert_cmpuint (n_confirmed, ==, 2);
  }

  /* Another brand has none; the sample corpus has none. */
  other = run_cli ("--db", db, "contradictions", "--brand", "Huawei");
  g_assert_cmpint (other->status, ==, 0);
  g_assert_cmpstr (other->out, ==, "");
  g_assert_nonnull (strstr (other->err, "No claims contradict each other."));
  seeds = run_cli ("--db", get_seeded_db (), "contradictions", "--format", "json");
  g_assert_cmpint (seeds->status, ==, 0);
  g_assert_cmpstr (g_strstrip (seeds->out), ==, "[]");
}

/* The exit statuses of claims and contradictions, as for figures. */
static void
test_claims_errors (void)
{
  g_autofree char *missing = tmp_path ("no-such.db");
  const char *commands[] = { "claims", "contradictions" };

  if (!have_cli ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Run) unknown_brand = run_cli ("--db", get_seeded_db (), commands[i], "--brand", "Nokiaa");
      g_autoptr(Run) unknown_metric = run_cli ("--db", get_seeded_db (), commands[i], "--metric", "sale");
      g_autoptr(Run) bad_format = run_cli ("--db", get_seeded_db (), commands[i], "--format", "xml");
      g_autoptr(Run) extra = run_cli ("--db", get_seeded_db (), commands[i], "Xiaomi");
      g_autoptr(Run) no_db = run_cli ("--db", missing, commands[i]);
      g_autoptr(Run) help = run_cli (commands[i], "--help");

      g_assert_cmpint (unknown_brand->status, ==, 2);
      g_assert_nonnull (strstr (unknown_brand->err, "Known brands"));
      g_assert_cmpint (unknown_metric->status, ==, 2);
      g_assert_cmpint (bad_format->status, ==, 2);
      g_assert_cmpint (extra->status, ==, 2);
      g_assert_cmpint (no_db->status, ==, 1);
      g_assert_nonnull (strstr (no_db->err, "No database at"));
      g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
      g_assert_cmpint (help->status, ==, 0);
      g_assert_nonnull (strstr (help->out, "--brand"));
      g_assert_nonnull (strstr (help->out, "--metric"));
      g_assert_nonnull (strstr (help->out, "--format"));
    }
}

/* figures says which periods were taken from the article. */
static void
test_figures_inferred_period (void)
{
  g_autoptr(Run) json = NULL;
  g_autoptr(Run) text = NULL;
  g_autoptr(JsonArray) figures = NULL;
  guint n_inferred = 0;

  if (!have_cli ())
    return;

  json = run_cli ("--db", get_seeded_db (), "figures", "--brand", "Xiaomi", "--metric", "sales",
                  "--format", "json");
  g_assert_cmpint (json->status, ==, 0);
  figures = parse_array (json->out);
  for (guint i = 0; i < json_array_get_length (figures); i++)
    {
      JsonObject *figure = json_array_get_object_element (figures, i);

      if (json_object_get_boolean_member (figure, "period_inferred"))
        {
          n_inferred++;
          g_assert_cmpint (json_object_get_int_member (figure, "year"), ==, 2021);
          g_assert_cmpfloat (json_object_get_double_member (figure, "value"), ==, 140e6);
        }
    }
  g_assert_cmpuint (n_inferred, ==, 2);

  text = run_cli ("--db", get_seeded_db (), "figures", "--brand", "Xiaomi", "--metric", "sales");
  g_assert_nonnull (strstr (text->out, "2021 (inferred)"));
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* A saved view draws the chart its options drew, what is given with it
 * changes what it names, and views are listed, renamed and deleted. */
static void
test_views (void)
{
  g_autofree char *db = tmp_path ("views.db");
  g_autofree char *seeded = NULL;
  g_autofree char *explicit_csv = tmp_path ("explicit.csv");
  g_autofree char *view_csv = tmp_path ("view.csv");
  g_autofree char *employees_csv = tmp_path ("employees.csv");
  g_autofree char *override_csv = tmp_path ("override.csv");
  g_autofree char *brands_csv = tmp_path ("brands.csv");
  g_autofree char *brands_view_csv = tmp_path ("brands-view.csv");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize length;

  if (!have_cli ())
    return;

  /* The seeded database is shared and only read: save into a copy. */
  g_assert_true (g_file_get_contents (get_seeded_db (), &seeded, &length, NULL));
  g_assert_true (g_file_set_contents (db, seeded, length, NULL));

  {
    g_autoptr(Run) none = run_cli ("--db", db, "views");

    g_assert_cmpint (none->status, ==, 0);
    g_assert_cmpstr (none->out, ==, "");
    g_assert_nonnull (strstr (none->err, "--save-view NAME"));
  }

  {
    g_autoptr(Run) saved = run_cli ("--db", db, "chart", "--figures", "--metric", "sales", "--brand", "xiaomi",
                                    "--status", "reported", "--output", explicit_csv,
                                    "--save-view", "Xiaomi sales");
    g_autoptr(Run) drawn = run_cli ("--db", db, "chart", "--view", "XIAOMI SALES", "-o", view_csv);

    g_test_message ("%s%s", saved->err, drawn->err);
    g_assert_cmpint (saved->status, ==, 0);
    g_assert_nonnull (strstr (saved->err, "Saved the view “Xiaomi sales”"));
    g_assert_cmpint (drawn->status, ==, 0);
    a = read_text (explicit_csv);
    b = read_text (view_csv);
    g_assert_nonnull (strstr (a, "Xiaomi,overseas 2021,140000000"));
    g_assert_cmpstr (b, ==, a);
    g_clear_pointer (&a, g_free);
    g_clear_pointer (&b, g_free);
  }

  /* A report of the view has the view's chart and filters. */
  {
    g_autofree char *html = tmp_path ("view-report.html");
    g_autoptr(Run) report = run_cli ("--db", db, "report", "--view", "xiaomi sales", "-o", html);

    g_test_message ("%s", report->err);
    g_assert_cmpint (report->status, ==, 0);
    a = read_text (html);
    g_assert_nonnull (strstr (a, "Brands: Xiaomi"));
    g_assert_nonnull (strstr (a, "Status: reported"));
    g_assert_nonnull (strstr (a, "overseas 2021"));
    g_clear_pointer (&a, g_free);
  }

  /* --metric with the view keeps its brand and status: only Xiaomi's
   * staff, not Huawei's. */
  {
    g_autoptr(Run) explicit = run_cli ("--db", db, "chart", "--figures", "--metric", "employees",
                                       "--brand", "Xiaomi", "--status", "reported", "-o", employees_csv);
    g_autoptr(Run) changed = run_cli ("--db", db, "chart", "--view", "Xiaomi sales",
                                      "--metric", "employees", "-o", override_csv);

    g_assert_cmpint (explicit->status, ==, 0);
    g_assert_cmpint (changed->status, ==, 0);
    a = read_text (employees_csv);
    b = read_text (override_csv);
    g_assert_nonnull (strstr (a, "\nXiaomi,"));
    g_assert_null (strstr (a, "\nHuawei,"));
    g_assert_cmpstr (b, ==, a);
    g_clear_pointer (&a, g_free);
    g_clear_pointer (&b, g_free);
  }

  /* A share-of-voice view saved without drawing it. */
  {
    g_autoptr(Run) saved = run_cli ("--db", db, "chart", "--brands", "--brand", "Apple", "--brand", "Huawei",
                                    "--save-view", "  Two brands ");
    g_autoptr(Run) explicit = run_cli ("--db", db, "chart", "--brands", "--brand", "Apple", "--brand", "Huawei",
                                       "-o", brands_csv);
    g_autoptr(Run) drawn = run_cli ("--db", db, "chart", "--view", "Two brands", "-o", brands_view_csv);

    g_assert_cmpint (saved->status, ==, 0);
    g_assert_cmpstr (saved->out, ==, "");
    g_assert_cmpint (drawn->status, ==, 0);
    a = read_text (brands_csv);
    b = read_text (brands_view_csv);
    g_assert_nonnull (strstr (a, "Huawei,Share of voice"));
    g_assert_cmpstr (b, ==, a);
  }

  {
    g_autoptr(Run) json = run_cli ("--db", db, "views", "--format", "json");
    g_autoptr(Run) text = run_cli ("--db", db, "views");
    JsonArray *views;
    JsonObject *view;
    JsonObject *settings;

    g_assert_cmpint (json->status, ==, 0);
    views = parse_array (json->out);
    g_assert_cmpuint (json_array_get_length (views), ==, 2);
    view = json_array_get_object_element (views, 1);
    g_assert_cmpstr (json_object_get_string_member (view, "name"), ==, "Xiaomi sales");
    settings = json_object_get_object_member (view, "settings");
    g_assert_cmpstr (json_object_get_string_member (settings, "kind"), ==, "figures");
    g_assert_cmpstr (json_object_get_string_member (settings, "metric"), ==, "sales");
    g_assert_cmpstr (json_object_get_string_member (settings, "status"), ==, "reported");
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (settings, "brands"), 0),
                     ==, "Xiaomi");
    g_assert_true (g_str_has_suffix (json_object_get_string_member (view, "created"), "Z"));
    g_assert_nonnull (strstr (text->out, "Two brands"));
    g_assert_nonnull (strstr (text->out, "Apple, Huawei"));
  }

  {
    g_autoptr(Run) missing = run_cli ("--db", db, "chart", "--view", "Nothing", "-o", view_csv);
    g_autoptr(Run) empty = run_cli ("--db", db, "chart", "--figures", "--metric", "sales", "--save-view", " ");
    g_autoptr(Run) taken = run_cli ("--db", db, "views", "rename", "xiaomi sales", "TWO BRANDS");
    g_autoptr(Run) renamed = run_cli ("--db", db, "views", "rename", "xiaomi sales", "Xiaomi");
    g_autoptr(Run) drawn = run_cli ("--db", db, "chart", "--view", "Xiaomi", "-o", view_csv);
    g_autoptr(Run) deleted = run_cli ("--db", db, "views", "delete", "xiaomi");
    g_autoptr(Run) again = run_cli ("--db", db, "views", "delete", "Xiaomi");

    g_assert_cmpint (missing->status, ==, 2);
    g_assert_nonnull (strstr (missing->err, "No saved view called “Nothing”. List them with: cited-cli views"));
    g_assert_cmpint (empty->status, ==, 2);
    g_assert_cmpint (taken->status, ==, 2);
    g_assert_nonnull (strstr (taken->err, "exists already"));
    g_assert_cmpint (renamed->status, ==, 0);
    g_assert_cmpint (drawn->status, ==, 0);
    g_assert_cmpint (deleted->status, ==, 0);
    g_assert_cmpint (again->status, ==, 2);
    g_assert_nonnull (strstr (again->err, "No saved view called “Xiaomi”"));
  }
}

/* Reports */

/* A corpus of four dated articles from four outlets, one of them in
 * Chinese, whose figures contradict each other; one title needs escaping
 * in HTML. */
static const char *
get_report_db (void)
{
  static char *db;

  if (db == NULL)
    {
      g_autofree char *path = tmp_path ("report.db");
      g_autofree char *dir = tmp_path ("report-corpus");
      g_autofree char *a = g_build_filename (dir, "a.txt", NULL);
      g_autofree char *b = g_build_filename (dir, "b.txt", NULL);
      g_autofree char *c = g_build_filename (dir, "c.txt", NULL);
      g_autofree char *d = g_build_filename (dir, "d.txt", NULL);
      g_autoptr(Run) import = NULL;

      g_mkdir_with_parents (dir, 0700);
      write_file (a, "Xiaomi results\nReuters Updated on 2022-01-10\n\n"
                     "Xiaomi sold 190 million phones in 2021, the company said.\n", -1);
      write_file (b, "Xiaomi R&D <sales> \"notes\"\nCaixin Updated on 2022-02-01\n\n"
                     "Xiaomi sold about 170 million phones in 2021.\n", -1);
      write_file (c, "小米\n新浪 Updated on 2022-03-01\n\n2021年小米全球销量1.9亿台。\n", -1);
      write_file (d, "Xiaomi more\nMondo Updated on 2022-05-01\n\n"
                     "Xiaomi sold 140 million phones overseas in 2021.\n", -1);
      import = run_cli ("--db", path, "import", dir);
      g_assert_cmpint (import->status, ==, 0);
      db = g_steal_pointer (&path);
    }
  return db;
}

/* @text with every run of white space made one space. */
static char *
squeeze_spaces (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* pdftotext's reading of @path (page @page alone, or all when 0; with
 * -layout, rows kept on their line), white space squeezed. */
static char *
pdftotext_run (const char *path,
               int         page,
               gboolean    layout)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *number = g_strdup_printf ("%d", page);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (pdftotext == NULL)
    g_error ("pdftotext is missing: install poppler-utils (bash .ci/install-deps)");
  g_ptr_array_add (argv, pdftotext);
  g_ptr_array_add (argv, "-enc");
  g_ptr_array_add (argv, "UTF-8");
  if (layout)
    g_ptr_array_add (argv, "-layout");
  if (page > 0)
    {
      g_ptr_array_add (argv, "-f");
      g_ptr_array_add (argv, number);
      g_ptr_array_add (argv, "-l");
      g_ptr_array_add (argv, number);
    }
  g_ptr_array_add (argv, (char *) path);
  g_ptr_array_add (argv, "-");
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return squeeze_spaces (out);
}

/* The text of a PDF as pdftotext reads it, rows kept on their line. */
static char *
pdf_text (const char *path)
{
  return pdftotext_run (path, 0, TRUE);
}

/* The text of page @page of a PDF. */
static char *
pdf_page_text (const char *path,
               int         page)
{
  return pdftotext_run (path, page, FALSE);
}

/* Each chart's description in words is on the chart's page: on the
 * sample corpus the share of voice fills the rest of a page and its
 * description went on a page of its own. */
static void
test_report_chart_keeps_description (void)
{
  g_autofree char *pdf = tmp_path ("report-described.pdf");
  g_autoptr(Run) run = NULL;
  const char *charts[][2] = {
    { "Sales by brand", "Sales by brand. Xiaomi:" },
    { "Share of voice", "Share of voice. Xiaomi:" },
  };

  if (!have_cli ())
    return;

  run = run_cli ("--db", get_seeded_db (), "report", "--figures", "--metric", "sales", "--brands",
                 "--output", pdf);
  g_test_message ("%s", run->err);
  g_assert_cmpint (run->status, ==, 0);
  for (guint c = 0; c < G_N_ELEMENTS (charts); c++)
    {
      gboolean found = FALSE;

      for (int page = 1; page <= 4 && !found; page++)
        {
          g_autofree char *text = pdf_page_text (pdf, page);
          const char *title = strstr (text, charts[c][0]);

          if (title == NULL || strstr (text, "Claims behind the charts") != NULL)
            continue;
          g_test_message ("page %d: %s", page, text);
          g_assert_nonnull (strstr (title, charts[c][1]));
          found = TRUE;
        }
      g_assert_true (found);
    }
}

static void
test_report_pdf (void)
{
  g_autofree char *pdf = tmp_path ("report.pdf");
  g_autofree char *text = NULL;
  g_autoptr(Run) run = NULL;

  if (!have_cli ())
    return;

  run = run_cli ("--db", get_report_db (), "report", "--figures", "--metric", "sales",
                 "--brand", "Xiaomi", "--output", pdf);
  g_test_message ("%s", run->err);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, pdf));
  text = pdf_text (pdf);
  g_test_message ("%s", text);

  /* The title page: the corpus the report comes from. */
  g_assert_nonnull (strstr (text, "Articles 4 Sources 4 Dates 2022-01-10 – 2022-05-01"));
  g_assert_nonnull (strstr (text, "Metric: Sales · Brands: Xiaomi"));
  /* The chart: its company, values and footnote. */
  g_assert_nonnull (strstr (text, "Sales by brand"));
  g_assert_nonnull (strstr (text, "190M"));
  g_assert_nonnull (strstr (text, "140M"));
  g_assert_nonnull (strstr (text, "Xiaomi"));
  /* The claims with their sentences and sources. */
  g_assert_nonnull (strstr (text, "Claims behind the charts"));
  g_assert_nonnull (strstr (text, "cited by 2 articles (2022-01-10 – 2022-03-01)"));
  g_assert_nonnull (strstr (text, "“Xiaomi sold 190 million phones in 2021, the company said.”"));
  g_assert_nonnull (strstr (text, "“Xiaomi results”, Reuters, 2022-01-10"));
  /* pdftotext puts a space between Chinese and Latin runs. */
  g_assert_nonnull (strstr (text, "2021年小米全球销量"));
  g_assert_nonnull (strstr (text, "1.9亿台"));
  /* The contradiction, side by side. */
  g_assert_nonnull (strstr (text, "Contradictions Xiaomi · Sales · global · 2021"));
  g_assert_nonnull (strstr (text, "contradicts about 170M units, cited by 1 article (2022-02-01)"));
  /* The appendix: one row per figure. */
  g_assert_nonnull (strstr (text, "Appendix: every figure drawn"));
  g_assert_nonnull (strstr (text, "Mondo 2022-05-01"));
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_report_html (void)
{
  g_autofree char *html_path = tmp_path ("report.html");
  g_autofree char *html = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *sections[] = { "title", "charts", "claims", "contradictions", "appendix" };
  const char *p;

  if (!have_cli ())
    return;

  run = run_cli ("--db", get_report_db (), "report", "--figures", "--metric", "sales",
                 "--brand", "Xiaomi", "--brands", "--output", html_path);
  g_test_message ("%s", run->err);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));

  /* Exactly the five sections, in order, each starting a printed page. */
  g_assert_cmpuint (count_occurrences (html, "<section"), ==, G_N_ELEMENTS (sections));
  p = html;
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *open = g_strdup_printf ("<section id=\"%s\">", sections[i]);

      p = strstr (p, open);
      g_assert_nonnull (p);
    }
  g_assert_nonnull (strstr (html, "section + section { break-before: page; }"));
  g_assert_nonnull (strstr (html, "thead { display: table-header-group; }"));

  /* Two charts inline, labels as text, and no name shared between them. */
  g_assert_cmpuint (count_occurrences (html, "<svg "), ==, 2);
  g_assert_nonnull (strstr (html, ">Xiaomi</text>"));
  g_assert_nonnull (strstr (html, ">140M</text>"));
  g_assert_nonnull (strstr (html, ">Share of voice</text>"));
  for (p = strstr (html, " id=\""); p != NULL; p = strstr (p + 1, " id=\""))
    {
      const char *start = p + 5;
      g_autofree char *id = g_strndup (start, strchr (start, '"') - start);

      g_assert_true (g_hash_table_add (ids, g_steal_pointer (&id)));
    }
  g_assert_true (g_hash_table_contains (ids, "chart1-surface1"));
  g_assert_cmpuint (g_hash_table_size (ids), >, G_N_ELEMENTS (sections) + 1);

  /* One file: nothing it loads from elsewhere. */
  g_assert_null (strstr (html, "src="));
  g_assert_null (strstr (html, "<link"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "@import"));
  g_assert_null (strstr (html, "url(http"));
  g_assert_null (strstr (html, "href=\"http"));

  /* The article's title is text, not markup. */
  g_assert_nonnull (strstr (html, "Xiaomi R&amp;D &lt;sales&gt; &quot;notes&quot;"));
  g_assert_null (strstr (html, "<sales>"));
  g_assert_nonnull (strstr (html, "“Xiaomi sold about 170 million phones in 2021.”"));
  g_assert_nonnull (strstr (html, "<h3>Xiaomi · Sales · global · 2021</h3>"));
}

/* How many pixels of @surface are within a few steps of @rgb (0xRRGGBB). */
static guint
count_color (cairo_surface_t *surface,
             guint32          rgb)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + 4 * x);
        gboolean near = TRUE;

        for (int shift = 0; shift <= 16; shift += 8)
          near = near && ABS ((int) ((pixel >> shift) & 0xff) - (int) ((rgb >> shift) & 0xff)) <= 6;
        if (near)
          n++;
      }
  return n;
}

/* The colour (0xRRGGBB) most pixels of @surface have, greys left out: the
 * largest bar's. */
static guint32
main_color (cairo_surface_t *surface)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 best = 0;
  guint best_count = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + 4 * x) & 0xffffff;
        int r = pixel >> 16, g = (pixel >> 8) & 0xff, b = pixel & 0xff;
        guint count;

        if (MAX (r, MAX (g, b)) - MIN (r, MIN (g, b)) < 60)
          continue;
        count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (pixel))) + 1;
        g_hash_table_insert (counts, GUINT_TO_POINTER (pixel), GUINT_TO_POINTER (count));
        if (count > best_count)
          {
            best = pixel;
            best_count = count;
          }
      }
  g_assert_cmpuint (best_count, >, 0);
  return best;
}

/* The HTML report as a browser shows it: Debian's chromium, headless,
 * takes a screenshot, and the chart's bars are in it in their colour. */
static void
test_report_browser (void)
{
  g_autofree char *html = tmp_path ("browser.html");
  g_autofree char *png = tmp_path ("browser.png");
  g_autofree char *profile = tmp_path ("chromium-profile");
  g_autofree char *uri = NULL;
  g_autofree char *chromium = g_find_program_in_path ("chromium");
  g_autofree char *screenshot = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Run) run = NULL;
  CitedQuery query = { 0 };
  g_autofree char *expected_png = tmp_path ("expected.png");
  cairo_surface_t *surface;
  guint32 bar_color;
  guint colored;
  int status = 0;

  if (!have_cli ())
    return;
  if (chromium == NULL)
    g_error ("chromium is missing: install it (bash .ci/install-deps)");

  run = run_cli ("--db", get_report_db (), "report", "--figures", "--metric", "sales",
                 "--brand", "Xiaomi", "--output", html);
  g_assert_cmpint (run->status, ==, 0);

  /* The colour of the chart's largest bars, as the library draws the
   * same chart. */
  store = cited_store_open (get_report_db (), &error);
  g_assert_no_error (error);
  query.metric = "sales";
  query.brand = "Xiaomi";
  chart = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_true (cited_chart_export (chart, expected_png, 900, 560, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (expected_png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  bar_color = main_color (surface);
  cairo_surface_destroy (surface);

  uri = g_filename_to_uri (html, NULL, &error);
  g_assert_no_error (error);
  screenshot = g_strconcat ("--screenshot=", png, NULL);
  {
    g_autofree char *user_data = g_strconcat ("--user-data-dir=", profile, NULL);
    char *argv[] = { "timeout", "120", chromium, "--headless", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                     user_data, "--window-size=1000,1400", screenshot, uri, NULL };

    g_spawn_sync (tmp_dir, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                  G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1000);
  colored = count_color (surface, bar_color);
  g_test_message ("%u pixels of #%06x", colored, bar_color);
  /* A bar, not a legend swatch: thousands of pixels. */
  g_assert_cmpuint (colored, >, 5000);
  cairo_surface_destroy (surface);

  /* Printed from the browser, each section starts a page. */
  {
    g_autofree char *pdf = tmp_path ("browser.pdf");
    g_autofree char *print = g_strconcat ("--print-to-pdf=", pdf, NULL);
    g_autofree char *user_data = g_strconcat ("--user-data-dir=", profile, NULL);
    char *argv[] = { "timeout", "120", chromium, "--headless", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--no-first-run", "--no-pdf-header-footer",
                     user_data, print, uri, NULL };
    g_autofree char *text = NULL;
    g_auto(GStrv) pages = NULL;
    const char *headings[] = { "Sales by brand", "Charts", "Claims behind the charts",
                               "Contradictions", "Appendix: every figure drawn" };

    g_spawn_sync (tmp_dir, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                  G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
    {
      g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

      g_assert_nonnull (pdftotext);
      g_spawn_sync (NULL, (char *[]) { pdftotext, "-enc", "UTF-8", pdf, "-", NULL }, NULL,
                    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, &status, &error);
      g_assert_no_error (error);
    }
    pages = g_strsplit (text, "\f", -1);
    g_assert_cmpuint (g_strv_length (pages), >=, G_N_ELEMENTS (headings));
    for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
      g_assert_true (g_str_has_prefix (g_strchug (pages[i]), headings[i]));
  }
}

/* A long report goes on over pages: the appendix table repeats its header
 * on each page it continues on, and every figure is in it. */
static void
test_report_long (void)
{
  g_autofree char *db = tmp_path ("long-report.db");
  g_autofree char *dir = tmp_path ("long-report");
  g_autofree char *pdf = tmp_path ("long-report.pdf");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *text = NULL;
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) report = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  guint appendix_pages = 0, rows = 0, drawn;
  int status = 0;

  if (!have_cli ())
    return;
  g_assert_nonnull (pdftotext);

  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < 90; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%02u.txt", dir, i);
      /* Long titles make tall rows. */
      g_autofree char *body = g_strdup_printf ("Xiaomi note %u on what the phone maker sold, where, "
                                               "and what the analysts who follow it made of it\n"
                                               "Wire %u Updated on 2023-%02u-%02u\n\n"
                                               "Xiaomi sold %u million phones in %u.\n",
                                               i, i % 7, 1 + i % 12, 1 + i % 28, 100 + 3 * i,
                                               1990 + i / 3);

      write_file (path, body, -1);
    }
  import = run_cli ("--db", db, "import", dir);
  g_assert_cmpint (import->status, ==, 0);
  report = run_cli ("--db", db, "report", "--figures", "--metric", "sales", "--output", pdf);
  /* The figures the chart draws, one line each in its CSV. */
  {
    g_autofree char *csv_path = tmp_path ("long-report.csv");
    g_autofree char *csv = NULL;
    g_autoptr(Run) chart = run_cli ("--db", db, "chart", "--figures", "--metric", "sales",
                                    "--output", csv_path);

    g_assert_cmpint (chart->status, ==, 0);
    g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
    drawn = count_occurrences (csv, "\n") - 1;
    g_assert_cmpuint (drawn, >, 20);
  }
  g_test_message ("%s", report->err);
  g_assert_cmpint (report->status, ==, 0);

  g_spawn_sync (NULL, (char *[]) { pdftotext, "-enc", "UTF-8", "-layout", pdf, "-", NULL }, NULL,
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  pages = g_strsplit (text, "\f", -1);
  for (guint p = 0; pages[p] != NULL; p++)
    {
      g_autofree char *page = squeeze_spaces (pages[p]);
      gboolean appendix = strstr (page, "Appendix: every figure drawn") != NULL;

      if (appendix_pages == 0 && !appendix)
        continue;
      if (*g_strstrip (pages[p]) == '\0')
        continue;
      appendix_pages++;
      g_assert_nonnull (strstr (page, "ID Company Metric Value Scope Period Article Source Date"));
      rows += count_occurrences (page, " Xiaomi Sales ");
    }
  g_assert_cmpuint (appendix_pages, >=, 2);
  g_assert_cmpuint (rows, ==, drawn);
  /* Years with two figures that disagree are contradictions. */
  g_assert_nonnull (strstr (text, "contradicts"));
}

static void
test_report_errors (void)
{
  g_autofree char *txt = tmp_path ("report.txt");
  g_autofree char *html = tmp_path ("nothing.html");
  g_autoptr(Run) no_output = NULL;
  g_autoptr(Run) wrong_extension = NULL;
  g_autoptr(Run) no_kind = NULL;
  g_autoptr(Run) nothing = NULL;

  if (!have_cli ())
    return;

  no_output = run_cli ("--db", get_report_db (), "report", "--figures", "--metric", "sales");
  g_assert_cmpint (no_output->status, ==, 2);
  g_assert_nonnull (strstr (no_output->err, "--output"));
  wrong_extension = run_cli ("--db", get_report_db (), "report", "--figures", "--metric", "sales",
                             "--output", txt);
  g_assert_cmpint (wrong_extension->status, ==, 2);
  g_assert_nonnull (strstr (wrong_extension->err, ".pdf or .html"));
  no_kind = run_cli ("--db", get_report_db (), "report", "--output", html);
  g_assert_cmpint (no_kind->status, ==, 2);
  /* The sample corpus is undated: a report of its figures over time has
   * nothing to draw, and writes nothing. */
  nothing = run_cli ("--db", get_seeded_db (), "report", "--claims", "--metric", "sales",
                     "--output", html);
  g_assert_cmpint (nothing->status, ==, 1);
  g_assert_nonnull (strstr (nothing->err, "Nothing to chart"));
  g_assert_false (g_file_test (html, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
}

/* Feeds, against a server on 127.0.0.1 started by this test. */
static FeedServer *feed_server;

static char *
feed_url (const char *path)
{
  if (feed_server == NULL)
    feed_server = feed_server_start ();
  return feed_server_url (feed_server, path);
}

static JsonObject *
only_feed_json (const char *db)
{
  g_autoptr(Run) run = run_cli ("--db", db, "feeds", "list", "--format", "json");
  g_autoptr(JsonArray) feeds = NULL;

  g_assert_cmpint (run->status, ==, 0);
  feeds = parse_array (run->out);
  g_assert_cmpuint (json_array_get_length (feeds), ==, 1);
  return json_object_ref (json_array_get_object_element (feeds, 0));
}

/* add, list, refresh, rename, export-opml, remove and import-opml, as a
 * user runs them one after the other. */
static void
test_feeds_commands (void)
{
  g_autofree char *db = tmp_path ("feeds.db");
  g_autofree char *opml = tmp_path ("feeds.opml");
  g_autofree char *url = feed_url ("/feed.xml");
  g_autofree char *page = feed_url ("/page.html");
  g_autofree char *contents = NULL;
  g_autoptr(JsonObject) feed = NULL;
  g_autoptr(JsonObject) renamed = NULL;
  g_autoptr(JsonObject) imported = NULL;

  if (!have_cli ())
    return;
  feed_server_reset (feed_server);
  {
    g_autoptr(Run) run = run_cli ("--db", db, "feeds", "add", page);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_nonnull (strstr (run->out, "Subscribed to Loopback Wire"));
    g_assert_nonnull (strstr (run->out, "2 articles"));
  }
  feed = only_feed_json (db);
  g_assert_cmpstr (json_object_get_string_member (feed, "title"), ==, "Loopback Wire");
  g_assert_cmpstr (json_object_get_string_member (feed, "url"), ==, url);
  g_assert_cmpint (json_object_get_int_member (feed, "items"), ==, 2);
  g_assert_true (json_object_get_null_member (feed, "last_error"));
  g_assert_false (json_object_get_null_member (feed, "last_success"));
  {
    g_autoptr(Run) run = run_cli ("--db", db, "articles", "--format", "json");
    g_autoptr(JsonArray) articles = parse_array (run->out);

    g_assert_cmpuint (json_array_get_length (articles), ==, 2);
  }
  {
    g_autoptr(Run) run = run_cli ("--db", db, "feeds", "refresh", "--all");

    g_assert_cmpint (run->status, ==, 0);
    g_assert_nonnull (strstr (run->err, "Loopback Wire: 0 new articles"));
  }
  {
    g_autoptr(Run) run = run_cli ("--db", db, "feeds", "rename", "loopback wire", "Wire on the loop");

    g_assert_cmpint (run->status, ==, 0);
  }
  renamed = only_feed_json (db);
  g_assert_cmpstr (json_object_get_string_member (renamed, "title"), ==, "Wire on the loop");
  {
    g_autoptr(Run) run = run_cli ("--db", db, "feeds", "export-opml", opml);

    g_assert_cmpint (run->status, ==, 0);
  }
  g_assert_true (g_file_get_contents (opml, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "title=\"Wire on the loop\""));
  g_assert_nonnull (strstr (contents, url));
  {
    g_autoptr(Run) run = run_cli ("--db", db, "feeds", "remove", url);
    g_autoptr(Run) list = run_cli ("--db", db, "feeds", "list", "--format", "json");
    g_autoptr(Run) articles = run_cli ("--db", db, "articles", "--format", "json");
    g_autoptr(JsonArray) left = parse_array (articles->out);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (g_strstrip (list->out), ==, "[]");
    g_assert_cmpuint (json_array_get_length (left), ==, 2);
  }
  {
    g_autoptr(Run) run = run_cli ("--db", db, "feeds", "import-opml", opml);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_nonnull (strstr (run->out, "Subscribed to 1 feed"));
  }
  imported = only_feed_json (db);
  g_assert_cmpstr (json_object_get_string_member (imported, "title"), ==, "Wire on the loop");
  g_assert_cmpstr (json_object_get_string_member (imported, "url"), ==, url);
  g_assert_cmpint (json_object_get_int_member (imported, "items"), ==, 0);
}

/* What fails says why, with the exit statuses of the other commands. */
/* libsoup is opened at the first fetch. When it cannot be, the fetch
 * fails with a message naming it, nothing is subscribed, and the commands
 * that fetch nothing still work. The library found first here is a file
 * that is not one. */
static void
test_feeds_without_libsoup (void)
{
  g_autofree char *db = tmp_path ("feeds-no-soup.db");
  g_autofree char *dir = tmp_path ("no-soup");
  g_autofree char *fake = g_build_filename (dir, "libsoup-3.0.so.0", NULL);
  g_autofree char *library_path = g_strconcat ("LD_LIBRARY_PATH=", dir, NULL);
  g_autofree char *url = feed_url ("/mode.xml");
  const char *env[] = { library_path, NULL };
  g_autoptr(GError) error = NULL;

  if (!have_cli ())
    return;
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fake, "not a library\n", -1, &error));
  g_assert_no_error (error);
  feed_server_reset (feed_server);
  {
    g_autoptr(Run) run = run_cli_env (env, (const char * const[]) { "--db", db, "feeds", "add", url, NULL });

    g_assert_cmpint (run->status, ==, 1);
    g_assert_nonnull (strstr (run->err, "Feeds need the library libsoup-3.0.so.0"));
  }
  {
    g_autoptr(Run) run = run_cli_env (env, (const char * const[]) { "--db", db, "feeds", "list", NULL });

    g_assert_cmpint (run->status, ==, 0);
    g_assert_nonnull (strstr (run->err, "No feeds"));
  }
}

static void
test_feeds_errors (void)
{
  g_autofree char *db = tmp_path ("feeds-errors.db");
  g_autofree char *gone = feed_url ("/410");
  g_autofree char *mode = feed_url ("/mode.xml");
  g_autofree char *opml = g_build_filename (g_getenv ("CITED_SOURCE_ROOT"), "..", "shared", "corpora",
                                            "rsparser_feeds", "Subs.opml", NULL);

  if (!have_cli ())
    return;
  feed_server_reset (feed_server);
  {
    g_autoptr(Run) run = run_cli ("--db", db, "feeds", "add", gone);

    g_assert_cmpint (run->status, ==, 1);
    g_assert_nonnull (strstr (run->err, "unsubscribe"));
  }
  {
    g_autoptr(Run) run = run_cli ("--db", db, "feeds", "add", "ftp://example.com/feed");

    g_assert_cmpint (run->status, ==, 1);
    g_assert_nonnull (strstr (run->err, "not an http or https address"));
  }
  {
    g_autoptr(Run) added = run_cli ("--db", db, "feeds", "add", mode);
    g_autoptr(Run) run = NULL;
    g_autoptr(JsonObject) feed = NULL;

    g_assert_cmpint (added->status, ==, 0);
    feed_server_set_mode (feed_server, "500");
    run = run_cli ("--db", db, "feeds", "refresh");
    g_assert_cmpint (run->status, ==, 1);
    g_assert_nonnull (strstr (run->err, "HTTP 500"));
    feed = only_feed_json (db);
    g_assert_nonnull (strstr (json_object_get_string_member (feed, "last_error"), "HTTP 500"));
    g_assert_cmpint (json_object_get_int_member (feed, "items"), ==, 2);
    feed_server_reset (feed_server);
  }
  {
    g_autoptr(Run) run = run_cli ("--db", db, "feeds", "remove", "No such feed");

    g_assert_cmpint (run->status, ==, 1);
  }
  {
    g_autoptr(Run) run = run_cli ("--db", db, "feeds", "frobnicate");

    g_assert_cmpint (run->status, ==, 2);
  }
  {
    g_autoptr(Run) run = run_cli ("--db", db, "feeds", "add", "--format", "json", mode);

    g_assert_cmpint (run->status, ==, 2);
  }
  if (g_file_test (opml, G_FILE_TEST_EXISTS))
    {
      g_autoptr(Run) run = run_cli ("--db", db, "feeds", "import-opml", opml);
      g_autoptr(Run) list = run_cli ("--db", db, "feeds", "list", "--format", "csv");

      /* Listed, not fetched: its feeds are beyond this machine. */
      g_assert_cmpint (run->status, ==, 0);
      g_assert_nonnull (strstr (list->out, "http://9to5mac.com/feed/"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("cited-cli-test-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/import/seeds", test_import_seeds);
  g_test_add_func ("/cli/import/rejected", test_import_rejected);
  g_test_add_func ("/cli/empty-database", test_empty_database);
  g_test_add_func ("/cli/figures/json", test_figures_json);
  g_test_add_func ("/cli/figures/csv", test_figures_csv);
  g_test_add_func ("/cli/figures/text", test_figures_text);
  g_test_add_func ("/cli/figures/filters", test_figures_filters);
  g_test_add_func ("/cli/figures/edited", test_figures_edited);
  g_test_add_func ("/cli/articles", test_articles);
  g_test_add_func ("/cli/articles/source", test_source_filter);
  g_test_add_func ("/cli/brands/list", test_brands);
  g_test_add_func ("/cli/brands/add", test_brands_add);
  g_test_add_func ("/cli/brands/edit", test_brands_edit);
  g_test_add_func ("/cli/brands/discovered", test_brands_discovered);
  g_test_add_func ("/cli/figures/discovered-brand", test_figures_discovered_brand);
  g_test_add_func ("/cli/brands/decide", test_brands_decide);
  g_test_add_func ("/cli/chart", test_chart);
  g_test_add_func ("/cli/views", test_views);
  g_test_add_func ("/cli/translated-from-build-tree", test_translated_from_build_tree);
  g_test_add_func ("/cli/db/env", test_db_env);
  g_test_add_func ("/cli/db/errors", test_db_errors);
  g_test_add_func ("/cli/db/foreign", test_db_foreign);
  g_test_add_func ("/cli/full-stdout", test_full_stdout);
  g_test_add_func ("/cli/import/no-wal-left", test_import_leaves_no_wal);
  g_test_add_func ("/cli/import/store-fails", test_import_store_fails);
  g_test_add_func ("/cli/import/sigterm", test_import_sigterm);
  g_test_add_func ("/cli/brands/add-control", test_brands_add_control);
  g_test_add_func ("/cli/db/missing", test_db_missing);
  g_test_add_func ("/cli/unknown-metric-brand", test_unknown_metric);
  g_test_add_func ("/cli/import/reports", test_import_reports);
  g_test_add_func ("/cli/search/chinese", test_chinese_search);
  g_test_add_func ("/cli/figures/decimals", test_figures_decimals);
  g_test_add_func ("/cli/figures/states", test_figures_states);
  g_test_add_func ("/cli/figures/inferred-period", test_figures_inferred_period);
  g_test_add_func ("/cli/claims", test_claims);
  g_test_add_func ("/cli/contradictions", test_contradictions);
  g_test_add_func ("/cli/claims/errors", test_claims_errors);
  g_test_add_func ("/cli/chart/latin-font-in-chinese-locale", test_chart_latin_font_in_chinese_locale);
  g_test_add_func ("/cli/report/pdf", test_report_pdf);
  g_test_add_func ("/cli/report/chart-keeps-description", test_report_chart_keeps_description);
  g_test_add_func ("/cli/report/html", test_report_html);
  g_test_add_func ("/cli/report/browser", test_report_browser);
  g_test_add_func ("/cli/report/errors", test_report_errors);
  g_test_add_func ("/cli/report/long", test_report_long);
  g_test_add_func ("/cli/feeds/commands", test_feeds_commands);
  g_test_add_func ("/cli/feeds/errors", test_feeds_errors);
  g_test_add_func ("/cli/feeds/without-libsoup", test_feeds_without_libsoup);
  g_test_add_func ("/cli/reextract/resumed", test_reextract_resumed);
  g_test_add_func ("/cli/reextract/killed", test_reextract_killed);

  status = g_test_run ();
  if (feed_server != NULL)
    feed_server_stop (feed_server);

  cited_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (seeded_db);
  return status;
}
