/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-cli"
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

#include "cited.h"
#include "cited-cli-format.h"
#include "cited-locale.h"

#define PROGRAM_NAME "cited-cli"

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,       /* some input rejected, or the store failed */
  EXIT_USAGE = 2,
  EXIT_INTERRUPTED = 130,
};

typedef enum {
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_CSV,
} OutputFormat;

/* Title and sentence caps in text output when stdout is not a terminal. */
#define TITLE_WIDTH 48
#define SENTENCE_WIDTH 72
#define DEFAULT_CHART_WIDTH 1200
#define DEFAULT_CHART_HEIGHT 800
#define MIN_CHART_SIZE 64
#define MAX_CHART_SIZE 16384

typedef struct {
  char *global_db;           /* --db before the command */
  char *command_db;          /* --db after it */
  gboolean help;
} Cli;

static void
cli_clear (Cli *cli)
{
  g_clear_pointer (&cli->global_db, g_free);
  g_clear_pointer (&cli->command_db, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cli, cli_clear)

static void
print_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static void
print_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "%s: %s\n", PROGRAM_NAME, message);
}

static int
usage_error (const char *command,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

/* Reports a mistake in the command line and returns the usage exit code. */
static int
usage_error (const char *command,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  g_autofree char *help = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  help = command != NULL ? g_strdup_printf ("%s %s --help", PROGRAM_NAME, command)
                         : g_strdup_printf ("%s --help", PROGRAM_NAME);
  fprintf (stderr, "%s: %s\n", PROGRAM_NAME, message);
  /* TRANSLATORS: %s is a command line such as "cited-cli figures --help" */
  fprintf (stderr, _("Try “%s” for more information."), help);
  fputc ('\n', stderr);
  return EXIT_USAGE;
}

/* Command line arguments arrive in the locale's encoding; Cited works in
 * UTF-8. Arguments are taken as file names (no conversion by GOption) and
 * made UTF-8 here, so that a Chinese query works even under LANG=C. */
static gboolean
ensure_utf8 (char       **text,
             const char  *command,
             const char  *option)
{
  char *converted;

  if (*text == NULL || g_utf8_validate (*text, -1, NULL))
    return TRUE;
  converted = g_locale_to_utf8 (*text, -1, NULL, NULL, NULL);
  if (converted == NULL)
    {
      usage_error (command, _("The value of %s is not valid text"), option);
      return FALSE;
    }
  g_free (*text);
  *text = converted;
  return TRUE;
}

/* Brand names are shown in tables, charts and messages: one that holds a
 * control character (an escape sequence that would recolour or clear the
 * terminal it is echoed to) is refused, and not echoed. */
static gboolean
ensure_printable (const char *text,
                  const char *command,
                  const char *option)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        usage_error (command, _("The value of %s holds a control character"), option);
        return FALSE;
      }
  return TRUE;
}

static gboolean
ensure_utf8_strv (char       **strv,
                  const char  *command,
                  const char  *option)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (!ensure_utf8 (&strv[i], command, option))
      return FALSE;
  return TRUE;
}

static gboolean
parse_format (const char   *text,
              const char   *command,
              OutputFormat *format)
{
  if (text == NULL || g_str_equal (text, "text"))
    *format = FORMAT_TEXT;
  else if (g_str_equal (text, "json"))
    *format = FORMAT_JSON;
  else if (g_str_equal (text, "csv"))
    *format = FORMAT_CSV;
  else
    {
      usage_error (command, _("Unknown format “%s”: use text, json or csv"), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_color (const char *text)
{
  if (text == NULL || strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* Parses the options of @command (@args[0] is the command name). The
 * options every command takes (--db, --help) are added here. Returns -1
 * when the command should run, else the exit code. On success @args holds
 * the positional arguments after args[0]. */
static int
parse_command (Cli           *cli,
               const char    *command,
               const char    *parameter_string,
               const char    *summary,
               const GOptionEntry *entries,
               char        ***args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *usage = g_strdup_printf ("%s %s", command, parameter_string);
  const GOptionEntry common[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &cli->command_db,
      N_("The database to use (default: $CITED_DB or the user data folder)"), N_("PATH") },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &cli->help, N_("Show this help"), NULL },
    { NULL }
  };

  context = g_option_context_new (usage);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, args, &error))
    return usage_error (command, "%s", error->message);
  if (cli->command_db != NULL && *cli->command_db == '\0')
    return usage_error (command, _("--db needs the path of a database file"));

  if (cli->help)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      fputs (help, stdout);
      return EXIT_OK;
    }

  return -1;
}

/* Drops a "--" separator left among the positional arguments. */
static GStrv
positional_args (char **args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean seen_separator = FALSE;

  for (guint i = 1; args[i] != NULL; i++)
    {
      if (!seen_separator && g_str_equal (args[i], "--"))
        {
          seen_separator = TRUE;
          continue;
        }
      g_strv_builder_add (builder, args[i]);
    }
  return g_strv_builder_end (builder);
}

/* Whether @text can stand in a shell command as it is. */
static gboolean
is_shell_safe (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("/._-+,:@%=", *p) == NULL && !((guchar) *p & 0x80))
      return FALSE;
  return *text != '\0';
}

/* Progress of the store's long work (upgrading an older database: the
 * search index rebuilt, the bodies compressed; re-extracting articles), on one terminal
 * line redrawn at most twenty times a second. */
typedef enum {
  STORE_WORK_NONE,
  STORE_WORK_UPGRADE,
  STORE_WORK_REEXTRACT,
} StoreWork;

typedef struct {
  StoreWork   what;
  gboolean    shown;
  gint64      last;
} StoreProgress;

static StoreProgress store_progress;

static void
store_progress_clear (void)
{
  if (store_progress.shown)
    {
      fputs ("\r\033[K", stderr);
      fflush (stderr);
      store_progress.shown = FALSE;
    }
}

static void
store_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  g_autofree char *line = NULL;
  g_autofree char *shown = NULL;
  guint columns;
  gint64 now = g_get_monotonic_time ();

  if (!isatty (STDERR_FILENO) || store_progress.what == STORE_WORK_NONE)
    return;
  if (done >= total)
    {
      store_progress_clear ();
      return;
    }
  if (store_progress.shown && now - store_progress.last < G_USEC_PER_SEC / 20)
    return;
  store_progress.last = now;
  if (store_progress.what == STORE_WORK_UPGRADE)
    /* TRANSLATORS: progress of upgrading an older database: articles done, articles in all */
    line = g_strdup_printf (_("Upgrading the database: %u/%u articles"), done, total);
  else
    /* TRANSLATORS: progress of re-extracting figures after a change of the
     * brands or of Cited: articles done, articles in all */
    line = g_strdup_printf (_("Re-extracting figures: %u/%u articles"), done, total);
  columns = cited_cli_terminal_width (STDERR_FILENO);
  shown = cited_cli_truncate (line, columns > 1 ? columns - 1 : 79);
  fprintf (stderr, "\r\033[K%s", shown);
  fflush (stderr);
  store_progress.shown = TRUE;
}

/* Finishes a re-extraction that a process left unfinished (killed, or
 * stopped) before the command runs, so that it reads and writes the
 * figures the brands call for. A failure is only a warning: the command
 * still runs, and the next one tries again. */
static void
finish_pending (CitedStore *store)
{
  g_autoptr(GError) error = NULL;

  if (cited_store_count_pending_extractions (store, &error) == 0)
    return;
  if (!cited_store_reextract_pending (store, NULL, &error))
    {
      store_progress_clear ();
      /* TRANSLATORS: %s is why re-extracting the articles failed */
      g_printerr (_("Could not finish re-extracting the articles: %s\n"), error->message);
    }
}

/* Opens the database. A read-only command (@create FALSE) never creates
 * one: a mistyped --db would otherwise leave an empty database (and its
 * folders) behind and list nothing as if that were the answer. */
static CitedStore *
open_store (Cli      *cli,
            gboolean  create)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *given = cli->command_db != NULL ? cli->command_db : cli->global_db;
  CitedStore *store;

  if (given != NULL)
    path = g_strdup (given);
  else
    path = cited_store_default_path ();

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *quoted = is_shell_safe (display) ? g_strdup (display)
                                                        : g_shell_quote (display);

      if (given != NULL)
        /* TRANSLATORS: both %s are the same database path */
        print_error (_("No database at %s. Import articles first with: "
                       "cited-cli --db %s import …"), display, quoted);
      else
        print_error (_("No database at %s. Import articles first with: cited-cli import …"),
                     display);
      return NULL;
    }

  if (given == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      /* The default folder may not exist on first use; a path the user
       * gave is used as it is. */
      g_mkdir_with_parents (dir, 0700);
    }

  store_progress.what = STORE_WORK_UPGRADE;
  store = cited_store_open_full (path, store_progress_cb, NULL, &error);
  store_progress_clear ();
  store_progress.what = STORE_WORK_REEXTRACT;
  if (store != NULL)
    finish_pending (store);
  if (store == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      if (g_error_matches (error, CITED_ERROR, CITED_ERROR_DATABASE_TOO_NEW))
        print_error (_("%s was written by a newer version of Cited; update Cited to open it"),
                     display);
      else if (strstr (error->message, display) != NULL)
        print_error ("%s", error->message);
      else
        print_error (_("Cannot open the database %s: %s"), display, error->message);
      return NULL;
    }
  return store;
}

/* Whether the store holds no article at all; says so on stderr with a hint
 * when it is empty. */
static gboolean
store_is_empty (CitedStore *store)
{
  CitedQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  guint n;

  n = cited_store_count_articles (store, &query, &error);
  if (error != NULL)
    {
      print_error ("%s", error->message);
      return FALSE;
    }
  if (n > 0)
    return FALSE;

  fprintf (stderr, "%s\n", _("No articles yet. Import some with: cited-cli import PATH"));
  return TRUE;
}

static int
compare_names_cb (gconstpointer a,
                  gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* The canonical name of @name (a brand or one of its aliases), or NULL
 * after a usage error that lists the brands there are: an unknown name is
 * the user's typo, not a failure of the data. */
static const char *
resolve_brand (CitedStore *store,
               const char *command,
               const char *name)
{
  CitedLexicon *lexicon = cited_store_get_lexicon (store);
  const char *canonical = cited_lexicon_lookup (lexicon, name);
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *known = NULL;
  guint n;

  if (canonical != NULL)
    return canonical;

  /* A company found in the articles and not yet decided on filters and
   * charts like a brand ("figures --brand Yukos"); only a brand can take a
   * merge. */
  if (strcmp (command, "brands") != 0)
    {
      g_autoptr(GPtrArray) found = cited_store_list_discovered (store, FALSE, NULL);

      for (guint i = 0; found != NULL && i < found->len; i++)
        {
          const CitedDiscovered *d = g_ptr_array_index (found, i);

          g_autofree char *a = g_utf8_casefold (d->name, -1);
          g_autofree char *b = g_utf8_casefold (name, -1);

          if (d->status == CITED_DISCOVERED_NEW && strcmp (a, b) == 0)
            return g_intern_string (d->name);
        }
    }

  n = cited_lexicon_get_n_brands (lexicon);
  names = g_ptr_array_new_full (n + 1, NULL);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, (gpointer) cited_lexicon_get_name (lexicon, i));
  g_ptr_array_sort (names, compare_names_cb);
  g_ptr_array_add (names, NULL);
  known = g_strjoinv (", ", (char **) names->pdata);
  usage_error (command, _("No brand is called “%s”. Known brands: %s"), name, known);
  return NULL;
}

static void
write_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;
  g_autofree char *tidy = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  tidy = cited_cli_tidy_json_numbers (text);
  fputs (tidy, stdout);
  fputc ('\n', stdout);
}

static void
json_add_string_or_null (JsonBuilder *builder,
                         const char  *member,
                         const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
json_add_number_or_null (JsonBuilder *builder,
                         const char  *member,
                         double       value)
{
  json_builder_set_member_name (builder, member);
  if (!isfinite (value))
    json_builder_add_null_value (builder);
  else if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
json_add_int_or_null (JsonBuilder *builder,
                      const char  *member,
                      gint64       value)
{
  json_builder_set_member_name (builder, member);
  if (value != 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
write_csv (GString *csv)
{
  fwrite (csv->str, 1, csv->len, stdout);
}

/* A snippet without its highlight marks, and the highlighted words. */
static char *
snippet_plain (const char *snippet,
               GStrv      *highlights)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GString *plain = g_string_new (NULL);
  GString *match = NULL;

  for (const char *p = snippet; p != NULL && *p; p++)
    {
      if (*p == CITED_CLI_MARK_START)
        {
          if (match == NULL)
            match = g_string_new (NULL);
          continue;
        }
      if (*p == CITED_CLI_MARK_END)
        {
          if (match != NULL)
            {
              g_strv_builder_add (builder, match->str);
              g_string_free (match, TRUE);
              match = NULL;
            }
          continue;
        }
      g_string_append_c (plain, *p);
      if (match != NULL)
        g_string_append_c (match, *p);
    }
  if (match != NULL)
    g_string_free (match, TRUE);
  if (highlights != NULL)
    *highlights = g_strv_builder_end (builder);
  return g_string_free (plain, FALSE);
}

static gboolean
use_highlight (void)
{
  return isatty (STDOUT_FILENO) && g_getenv ("NO_COLOR") == NULL;
}

/* ------------------------------------------------------------------------
 * import
 */

typedef struct {
  GMainLoop *loop;
  GCancellable *cancellable;
  CitedImportResult *result;
  GError *error;
  gboolean show_progress;
  gboolean progress_shown;
  gint64 last_progress;
  guint n_interrupts;
} ImportState;

static void
import_progress_cb (guint       done,
                    guint       total,
                    const char *current_path,
                    gpointer    user_data)
{
  ImportState *state = user_data;
  g_autofree char *line = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *name = NULL;
  guint columns;
  gint64 now;

  if (!state->show_progress)
    return;

  /* A terminal line redrawn a thousand times a second helps nobody. */
  now = g_get_monotonic_time ();
  if (done != total && now - state->last_progress < G_USEC_PER_SEC / 20)
    return;
  state->last_progress = now;

  name = current_path != NULL ? g_filename_display_basename (current_path) : g_strdup ("");
  if (total == 0)
    /* TRANSLATORS: progress while walking folders; %u is a number of files */
    line = g_strdup_printf (_("Looking for files… %u found"), done);
  else
    /* TRANSLATORS: import progress: files done, files in all, the current file */
    line = g_strdup_printf (_("Importing %u/%u %s"), done, total, name);

  columns = cited_cli_terminal_width (STDERR_FILENO);
  shown = cited_cli_truncate (line, columns > 1 ? columns - 1 : 79);
  fprintf (stderr, "\r\033[K%s", shown);
  fflush (stderr);
  state->progress_shown = TRUE;
}

static void
import_clear_progress (ImportState *state)
{
  if (state->progress_shown)
    {
      fputs ("\r\033[K", stderr);
      fflush (stderr);
      state->progress_shown = FALSE;
    }
}

static gboolean
import_interrupt_cb (gpointer user_data)
{
  ImportState *state = user_data;

  state->n_interrupts++;
  if (state->n_interrupts > 1)
    {
      /* The open transaction is rolled back by SQLite; committed batches
       * stay. */
      import_clear_progress (state);
      fprintf (stderr, "%s\n", _("Interrupted."));
      _exit (EXIT_INTERRUPTED);
    }

  import_clear_progress (state);
  fprintf (stderr, "%s\n", _("Cancelling the import… (press Ctrl+C again to quit at once)"));
  g_cancellable_cancel (state->cancellable);
  return G_SOURCE_CONTINUE;
}

/* SIGTERM asks a process to end, not to finish its file first: a parse or
 * an extraction of one large file can take minutes, and cancellation is
 * only looked at between files. It ends the import at once, as a second
 * Ctrl+C does: the open transaction is rolled back by SQLite, committed
 * batches stay. */
static gboolean
import_terminate_cb (gpointer user_data)
{
  ImportState *state = user_data;

  import_clear_progress (state);
  fprintf (stderr, "%s\n", _("Interrupted."));
  _exit (EXIT_INTERRUPTED);
  return G_SOURCE_REMOVE;
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportState *state = user_data;

  state->result = cited_import_paths_finish (CITED_STORE (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

/* The import's worker thread keeps its task, and the task the store, until
 * its function has returned, which can be after the result arrived; the
 * store is then finalized there while this thread may already be exiting.
 * The last connection to close checkpoints the WAL and removes the -wal
 * and -shm files: a process that exits first leaves them behind. So the
 * last reference is dropped here, once the others are gone. */
typedef struct {
  GMutex   mutex;
  GCond    cond;
  gboolean last;
} StoreRelease;

static void
store_toggle_cb (gpointer  data,
                 GObject  *object,
                 gboolean  is_last)
{
  StoreRelease *release = data;

  g_mutex_lock (&release->mutex);
  release->last = is_last;
  g_cond_broadcast (&release->cond);
  g_mutex_unlock (&release->mutex);
}

static void
release_object (gpointer object_ptr)
{
  /* Left allocated if the wait times out: a late toggle may still come. */
  StoreRelease *release = g_new0 (StoreRelease, 1);
  GObject *object = G_OBJECT (g_steal_pointer ((GObject **) object_ptr));
  gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  gboolean last;

  g_mutex_init (&release->mutex);
  g_cond_init (&release->cond);
  g_object_add_toggle_ref (object, store_toggle_cb, release);
  g_object_unref (object);

  g_mutex_lock (&release->mutex);
  while (!release->last && g_cond_wait_until (&release->cond, &release->mutex, deadline))
    ;
  last = release->last;
  g_mutex_unlock (&release->mutex);

  g_object_remove_toggle_ref (object, store_toggle_cb, release);
  if (last)
    {
      g_mutex_clear (&release->mutex);
      g_cond_clear (&release->cond);
      g_free (release);
    }
}

/* The same for a store, or any object whose worker threads may hold the
 * last reference to it. */
static void
release_store (CitedStore **store)
{
  release_object (store);
}

static int
cmd_import (Cli    *cli,
            char ***args)
{
  gboolean recursive = FALSE;
  const GOptionEntry entries[] = {
    { "recursive", 'r', 0, G_OPTION_ARG_NONE, &recursive,
      N_("Import the files in folders and in all their subfolders"), NULL },
    { NULL }
  };
  g_autoptr(CitedStore) store = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(GPtrArray) existing = g_ptr_array_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *articles = NULL;
  g_autofree char *duplicates = NULL;
  g_autofree char *files = NULL;
  ImportState state = { 0 };
  guint n_missing = 0;
  guint sigint_id;
  guint sigterm_id;
  int status;

  status = parse_command (cli, "import", _("[--recursive] PATH…"),
                          _("Imports articles from files and folders: plain text, Markdown, "
                            "HTML, RSS and Atom feeds, JSON Lines."),
                          entries, args);
  if (status >= 0)
    return status;

  paths = positional_args (*args);
  if (paths[0] == NULL)
    return usage_error ("import", _("Name at least one file or folder to import"));

  store = open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILED;

  /* A path that is not there is reported like any other rejected input,
   * and the rest is still imported. */
  for (guint i = 0; paths[i] != NULL; i++)
    {
      if (g_file_test (paths[i], G_FILE_TEST_EXISTS))
        g_ptr_array_add (existing, paths[i]);
      else
        {
          g_autofree char *display = g_filename_display_name (paths[i]);

          fprintf (stderr, "%s: %s\n", display, _("No such file or folder"));
          n_missing++;
        }
    }
  g_ptr_array_add (existing, NULL);

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  state.loop = loop;
  state.cancellable = cancellable;
  state.show_progress = isatty (STDERR_FILENO);

  sigint_id = g_unix_signal_add (SIGINT, import_interrupt_cb, &state);
  sigterm_id = g_unix_signal_add (SIGTERM, import_terminate_cb, &state);

  cited_import_paths_async (store, (const char * const *) existing->pdata, recursive,
                            cancellable, import_progress_cb, &state, NULL,
                            import_done_cb, &state);
  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  import_clear_progress (&state);
  release_store (&store);

  if (state.result == NULL)
    {
      print_error (_("The import failed: %s"),
                   state.error != NULL ? state.error->message : _("unknown error"));
      g_clear_error (&state.error);
      return EXIT_FAILED;
    }

  for (guint i = 0; i < state.result->rejected->len; i++)
    {
      CitedRejection *rejection = g_ptr_array_index (state.result->rejected, i);
      g_autofree char *display = g_filename_display_name (rejection->path);

      fprintf (stderr, "%s: %s\n", display, rejection->reason);
    }

  articles = g_strdup_printf (ngettext ("%u article", "%u articles", state.result->n_added),
                              state.result->n_added);
  duplicates = g_strdup_printf (ngettext ("%u duplicate", "%u duplicates",
                                          state.result->n_duplicates),
                                state.result->n_duplicates);
  files = g_strdup_printf (ngettext ("%u file", "%u files", state.result->n_files),
                           state.result->n_files);
  /* TRANSLATORS: "Imported 5 articles (0 duplicates) from 5 files" */
  printf (_("Imported %s (%s) from %s"), articles, duplicates, files);
  if (state.result->n_skipped > 0)
    /* TRANSLATORS: follows the import summary: README, LICENSE and COPYING
     * files found in folders are not imported */
    printf (ngettext ("; %u skipped (not articles)", "; %u skipped (not articles)",
                      state.result->n_skipped),
            state.result->n_skipped);
  fputc ('\n', stdout);

  if (state.result->cancelled)
    {
      fprintf (stderr, "%s\n", _("The import was cancelled; the articles imported so far were kept."));
      status = EXIT_INTERRUPTED;
    }
  else if (state.result->rejected->len > 0 || n_missing > 0)
    status = EXIT_FAILED;
  else
    status = EXIT_OK;

  g_clear_pointer (&state.result, cited_import_result_free);
  return status;
}

/* ------------------------------------------------------------------------
 * articles
 */

static char *
join_brands (char **brands,
             guint   max)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint i;

  for (i = 0; brands != NULL && brands[i] != NULL && i < max; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, brands[i]);
    }
  if (brands != NULL && brands[i] != NULL)
    g_string_append (out, ", …");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
print_articles_text (GPtrArray *list,
                     gboolean   with_snippet)
{
  g_autoptr(CitedCliTable) table = NULL;
  guint width = cited_cli_terminal_width (STDOUT_FILENO);
  guint i = 0;

  table = cited_cli_table_new (with_snippet ? 5 : 6);
  cited_cli_table_set_column (table, i++, _("ID"), CITED_CLI_ALIGN_RIGHT, 0, FALSE);
  cited_cli_table_set_column (table, i++, _("DATE"), CITED_CLI_ALIGN_LEFT, 0, FALSE);
  cited_cli_table_set_column (table, i++, _("TITLE"), CITED_CLI_ALIGN_LEFT,
                              with_snippet ? TITLE_WIDTH / 2 : TITLE_WIDTH, TRUE);
  if (with_snippet)
    cited_cli_table_set_column (table, i++, _("MATCH"), CITED_CLI_ALIGN_LEFT, SENTENCE_WIDTH, TRUE);
  else
    {
      cited_cli_table_set_column (table, i++, _("SOURCE"), CITED_CLI_ALIGN_LEFT, 20, TRUE);
      cited_cli_table_set_column (table, i++, _("BRANDS"), CITED_CLI_ALIGN_LEFT, 32, TRUE);
    }
  cited_cli_table_set_column (table, i++, _("FIGURES"), CITED_CLI_ALIGN_RIGHT, 0, FALSE);

  for (guint r = 0; r < list->len; r++)
    {
      CitedArticle *article = g_ptr_array_index (list, r);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, article->id);
      g_autofree char *brands = join_brands (article->brands, 3);
      g_autofree char *n_figures = g_strdup_printf ("%u", article->n_figures);
      const char *cells[6];

      i = 0;
      cells[i++] = id;
      cells[i++] = article->published;
      cells[i++] = article->title;
      if (with_snippet)
        cells[i++] = article->snippet;
      else
        {
          cells[i++] = article->source;
          cells[i++] = brands;
        }
      cells[i++] = n_figures;
      cited_cli_table_add_row (table, cells);
    }

  cited_cli_table_print (table, stdout, width, use_highlight ());
}

static void
print_articles_json (GPtrArray *list)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint r = 0; r < list->len; r++)
    {
      CitedArticle *article = g_ptr_array_index (list, r);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, article->id);
      json_add_string_or_null (builder, "title", article->title);
      json_add_string_or_null (builder, "source", article->source);
      json_add_string_or_null (builder, "published", article->published);
      json_add_string_or_null (builder, "path", article->path);
      json_add_string_or_null (builder, "language", article->language);
      json_builder_set_member_name (builder, "brands");
      json_builder_begin_array (builder);
      for (guint b = 0; article->brands != NULL && article->brands[b] != NULL; b++)
        json_builder_add_string_value (builder, article->brands[b]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "figures");
      json_builder_add_int_value (builder, article->n_figures);
      if (article->snippet != NULL)
        {
          g_auto(GStrv) highlights = NULL;
          g_autofree char *plain = snippet_plain (article->snippet, &highlights);

          json_add_string_or_null (builder, "snippet", plain);
          json_builder_set_member_name (builder, "highlights");
          json_builder_begin_array (builder);
          for (guint h = 0; highlights[h] != NULL; h++)
            json_builder_add_string_value (builder, highlights[h]);
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  write_json (builder);
}

static void
print_articles_csv (GPtrArray *list)
{
  static const char * const header[] = {
    "id", "title", "source", "published", "path", "language", "brands", "figures", "snippet",
  };
  g_autoptr(GString) csv = g_string_new (NULL);

  cited_csv_append_row (csv, header, G_N_ELEMENTS (header), CITED_CSV_CRLF);
  for (guint r = 0; r < list->len; r++)
    {
      CitedArticle *article = g_ptr_array_index (list, r);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, article->id);
      g_autofree char *brands = article->brands != NULL
                                ? g_strjoinv (";", article->brands) : NULL;
      g_autofree char *n_figures = g_strdup_printf ("%u", article->n_figures);
      g_autofree char *snippet = article->snippet != NULL
                                 ? snippet_plain (article->snippet, NULL) : NULL;
      const char *fields[] = {
        id, article->title, article->source, article->published, article->path,
        article->language, brands, n_figures, snippet,
      };

      cited_csv_append_row (csv, fields, G_N_ELEMENTS (fields), CITED_CSV_CRLF);
    }
  write_csv (csv);
}

static int
cmd_articles (Cli    *cli,
              char ***args)
{
  g_autofree char *search = NULL;
  g_autofree char *brand = NULL;
  g_autofree char *source = NULL;
  g_autofree char *format_name = NULL;
  const GOptionEntry entries[] = {
    { "search", 's', 0, G_OPTION_ARG_FILENAME, &search,
      N_("Only articles matching these words (English or Chinese)"), N_("QUERY") },
    { "brand", 'b', 0, G_OPTION_ARG_FILENAME, &brand,
      N_("Only articles mentioning this brand (a name or an alias)"), N_("NAME") },
    { "source", 0, 0, G_OPTION_ARG_FILENAME, &source,
      N_("Only articles from this source or feed, as listed"), N_("NAME") },
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format_name,
      N_("Output format: text (default), json or csv"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  CitedQuery query = { 0 };
  OutputFormat format;
  int status;

  status = parse_command (cli, "articles", _("[--search QUERY] [--brand NAME] [--source NAME] [--format FORMAT]"),
                          _("Lists the imported articles, newest first, or best match first "
                            "with --search."),
                          entries, args);
  if (status >= 0)
    return status;

  rest = positional_args (*args);
  if (rest[0] != NULL)
    return usage_error ("articles", _("Unexpected argument “%s”"), rest[0]);
  if (!parse_format (format_name, "articles", &format) ||
      !ensure_utf8 (&search, "articles", "--search") ||
      !ensure_utf8 (&brand, "articles", "--brand") ||
      !ensure_utf8 (&source, "articles", "--source"))
    return EXIT_USAGE;

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (brand != NULL && (query.brand = resolve_brand (store, "articles", brand)) == NULL)
    return EXIT_USAGE;
  query.source = source;
  if (search != NULL && *search != '\0')
    {
      query.search = search;
      query.sort = CITED_SORT_RELEVANCE;
    }
  else
    query.sort = CITED_SORT_DATE_DESC;

  list = cited_store_list_articles (store, &query, &error);
  if (list == NULL)
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }

  if (list->len == 0 && !store_is_empty (store))
    fprintf (stderr, "%s\n", _("No articles match."));

  switch (format)
    {
    case FORMAT_JSON:
      print_articles_json (list);
      break;
    case FORMAT_CSV:
      print_articles_csv (list);
      break;
    case FORMAT_TEXT:
    default:
      if (list->len > 0)
        print_articles_text (list, query.search != NULL);
      break;
    }
  return EXIT_OK;
}

/* ------------------------------------------------------------------------
 * figures
 */

static const char *
status_name (CitedFigureStatus status)
{
  switch (status)
    {
    case CITED_FIGURE_CONFIRMED:
      return "confirmed";
    case CITED_FIGURE_REJECTED:
      return "rejected";
    case CITED_FIGURE_EXTRACTED:
    default:
      return "extracted";
    }
}

/* "more than 190M units", "¥3,999", "40–50M units" */
static char *
figure_value_text (const CitedFigure *figure)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *value = cited_format_value (figure->value, figure->unit, figure->currency);

  if (figure->qualifier != NULL)
    g_string_append_printf (out, "%s ", figure->qualifier);
  /* A rank reads as a place, not an amount. */
  if (g_strcmp0 (figure->metric, "rank") == 0 && figure->unit == NULL && figure->currency == NULL)
    g_string_append_c (out, '#');
  g_string_append (out, value);
  if (cited_figure_is_range (figure))
    {
      g_autofree char *max = cited_format_value (figure->value_max, figure->unit,
                                                 figure->currency);

      g_string_append_printf (out, "–%s", max);
    }
  if (figure->unit != NULL && figure->currency == NULL &&
      !g_str_equal (figure->unit, "%") && !g_str_has_suffix (out->str, figure->unit))
    g_string_append_printf (out, " %s", figure->unit);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What a figure states beyond a reported level of a period, in short:
 * "fall of profit", "forecast", "cumulative", "rate"; NULL for a plain
 * reported figure. */
static char *
figure_states_text (const CitedFigure *figure)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (figure->change != CITED_CHANGE_LEVEL)
    {
      const char *direction = cited_direction_to_string (figure->direction);

      g_string_append_printf (out, "%s %s", direction != NULL ? direction : "change",
                              figure->change == CITED_CHANGE_PERCENT ? "%" : "abs.");
      if (figure->measure != NULL)
        g_string_append_printf (out, " of %s", figure->measure);
    }
  if (figure->span != CITED_SPAN_PERIOD && figure->span != CITED_SPAN_POINT)
    g_string_append_printf (out, "%s%s", out->len ? ", " : "", cited_span_to_string (figure->span));
  if (figure->claim_status != CITED_CLAIM_REPORTED)
    g_string_append_printf (out, "%s%s", out->len ? ", " : "",
                            cited_claim_status_to_string (figure->claim_status));
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
figure_period_text (const CitedFigure *figure)
{
  return cited_format_period (figure->year, figure->quarter, figure->period_inferred);
}

/* Columns of sentence shown before the figure when the sentence is long:
 * enough for the words that say what the figure is. */
#define SENTENCE_LEAD 28

/* The sentence with the figure marked, cut in front when the figure comes
 * late in a long sentence, so that the figure is always in view. */
static char *
sentence_excerpt (const CitedFigure *figure)
{
  const char *sentence = figure->sentence;
  const char *text = figure->text;
  const char *found = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *lead;
  gsize text_length;

  if (sentence == NULL)
    return NULL;
  if (text == NULL || *text == '\0')
    return g_strdup (sentence);

  text_length = strlen (text);
  if (figure->start >= figure->sentence_start &&
      figure->start - figure->sentence_start + text_length <= strlen (sentence) &&
      strncmp (sentence + (figure->start - figure->sentence_start), text, text_length) == 0)
    found = sentence + (figure->start - figure->sentence_start);
  else
    found = strstr (sentence, text);
  if (found == NULL)
    return g_strdup (sentence);

  lead = sentence;
  if (cited_cli_display_width_n (sentence, found - sentence) > SENTENCE_LEAD)
    {
      guint width = 0;

      /* Walk back from the figure until the lead is full. */
      lead = found;
      while (lead > sentence)
        {
          const char *prev = g_utf8_find_prev_char (sentence, lead);
          guint w = cited_cli_display_width_n (prev, lead - prev);

          if (width + w > SENTENCE_LEAD - 1)
            break;
          width += w;
          lead = prev;
        }
      while (lead < found && g_ascii_isspace (*lead))
        lead++;
      g_string_append (out, "…");
    }

  g_string_append_len (out, lead, found - lead);
  g_string_append_c (out, CITED_CLI_MARK_START);
  g_string_append (out, text);
  g_string_append_c (out, CITED_CLI_MARK_END);
  g_string_append (out, found + text_length);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
print_figures_text (GPtrArray *list)
{
  g_autoptr(CitedCliTable) table = cited_cli_table_new (9);
  guint width = cited_cli_terminal_width (STDOUT_FILENO);

  cited_cli_table_set_column (table, 0, _("ID"), CITED_CLI_ALIGN_RIGHT, 0, FALSE);
  cited_cli_table_set_column (table, 1, _("BRAND"), CITED_CLI_ALIGN_LEFT, 16, FALSE);
  cited_cli_table_set_column (table, 2, _("METRIC"), CITED_CLI_ALIGN_LEFT, 14, FALSE);
  cited_cli_table_set_column (table, 3, _("VALUE"), CITED_CLI_ALIGN_RIGHT, 28, FALSE);
  /* Translators: what a figure states: a rise or fall, a forecast, a running total */
  cited_cli_table_set_column (table, 4, _("STATES"), CITED_CLI_ALIGN_LEFT, 24, FALSE);
  cited_cli_table_set_column (table, 5, _("SCOPE"), CITED_CLI_ALIGN_LEFT, 14, FALSE);
  cited_cli_table_set_column (table, 6, _("PERIOD"), CITED_CLI_ALIGN_LEFT, 0, FALSE);
  cited_cli_table_set_column (table, 7, _("ARTICLE"), CITED_CLI_ALIGN_RIGHT, 0, FALSE);
  cited_cli_table_set_column (table, 8, _("SENTENCE"), CITED_CLI_ALIGN_LEFT, SENTENCE_WIDTH, TRUE);

  for (guint r = 0; r < list->len; r++)
    {
      CitedFigure *figure = g_ptr_array_index (list, r);
      /* An edited figure is marked so that nobody mistakes it for what
       * the article says. */
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT "%s", figure->id,
                                             figure->edited ? "*" : "");
      g_autofree char *value = figure_value_text (figure);
      g_autofree char *period = figure_period_text (figure);
      g_autofree char *article = g_strdup_printf ("%" G_GINT64_FORMAT, figure->article_id);
      g_autofree char *sentence = sentence_excerpt (figure);
      g_autofree char *states = figure_states_text (figure);
      const char *cells[] = {
        id, figure->brand, figure->metric, value, states, figure->scope, period, article, sentence,
      };

      cited_cli_table_add_row (table, cells);
    }

  cited_cli_table_print (table, stdout, width, use_highlight ());
}

static void
print_figures_json (GPtrArray *list)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint r = 0; r < list->len; r++)
    {
      CitedFigure *figure = g_ptr_array_index (list, r);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, figure->id);
      json_builder_set_member_name (builder, "article_id");
      json_builder_add_int_value (builder, figure->article_id);
      json_add_string_or_null (builder, "article_title", figure->article_title);
      json_add_string_or_null (builder, "article_path", figure->article_path);
      json_add_string_or_null (builder, "article_published", figure->article_published);
      json_add_number_or_null (builder, "value", figure->value);
      json_add_number_or_null (builder, "value_max", figure->value_max);
      json_add_string_or_null (builder, "unit", figure->unit);
      json_add_string_or_null (builder, "currency", figure->currency);
      json_builder_set_member_name (builder, "currency_inferred");
      json_builder_add_boolean_value (builder, figure->currency_inferred);
      json_add_string_or_null (builder, "qualifier", figure->qualifier);
      json_add_string_or_null (builder, "metric", figure->metric);
      json_add_string_or_null (builder, "scope", figure->scope);
      json_add_int_or_null (builder, "year", figure->year);
      json_add_int_or_null (builder, "quarter", figure->quarter);
      json_builder_set_member_name (builder, "period_inferred");
      json_builder_add_boolean_value (builder, figure->period_inferred);
      json_add_string_or_null (builder, "brand", figure->brand);
      json_add_string_or_null (builder, "text", figure->text);
      json_add_string_or_null (builder, "sentence", figure->sentence);
      json_add_string_or_null (builder, "language", figure->language);
      json_add_string_or_null (builder, "status", status_name (figure->status));
      json_builder_set_member_name (builder, "edited");
      json_builder_add_boolean_value (builder, figure->edited);
      json_add_string_or_null (builder, "measure", cited_figure_get_measure (figure));
      json_add_string_or_null (builder, "change", cited_change_to_string (figure->change));
      json_add_string_or_null (builder, "direction", cited_direction_to_string (figure->direction));
      json_add_string_or_null (builder, "span", cited_span_to_string (figure->span));
      json_add_string_or_null (builder, "claim_status",
                               cited_claim_status_to_string (figure->claim_status));
      if (figure->edited)
        {
          json_add_number_or_null (builder, "original_value", figure->orig_value);
          json_add_string_or_null (builder, "original_brand", figure->orig_brand);
          json_add_string_or_null (builder, "original_metric", figure->orig_metric);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  write_json (builder);
}

/* The CSV columns; with --states, the last six too. */
#define FIGURE_CSV_COLUMNS 19
#define FIGURE_CSV_STATES 6

static void
print_figures_csv (GPtrArray *list,
                   gboolean   states)
{
  static const char * const header[FIGURE_CSV_COLUMNS + FIGURE_CSV_STATES] = {
    "id", "article_id", "article_title", "article_path", "value", "value_max", "unit",
    "currency", "qualifier", "metric", "scope", "year", "quarter", "brand", "text",
    "sentence", "language", "status", "edited",
    "measure", "change", "direction", "span", "claim_status", "period_inferred",
  };
  guint n_columns = FIGURE_CSV_COLUMNS + (states ? FIGURE_CSV_STATES : 0);
  g_autoptr(GString) csv = g_string_new (NULL);

  cited_csv_append_row (csv, header, n_columns, CITED_CSV_CRLF);
  for (guint r = 0; r < list->len; r++)
    {
      CitedFigure *figure = g_ptr_array_index (list, r);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, figure->id);
      g_autofree char *article_id = g_strdup_printf ("%" G_GINT64_FORMAT, figure->article_id);
      g_autofree char *value = cited_cli_format_number (figure->value);
      g_autofree char *value_max = cited_cli_format_number (figure->value_max);
      g_autofree char *year = figure->year != 0 ? g_strdup_printf ("%d", figure->year) : NULL;
      g_autofree char *quarter = figure->quarter != 0
                                 ? g_strdup_printf ("%d", figure->quarter) : NULL;
      const char *fields[FIGURE_CSV_COLUMNS + FIGURE_CSV_STATES] = {
        id, article_id, figure->article_title, figure->article_path, value, value_max,
        figure->unit, figure->currency, figure->qualifier, figure->metric, figure->scope,
        year, quarter, figure->brand, figure->text, figure->sentence, figure->language,
        status_name (figure->status), figure->edited ? "true" : "false",
        cited_figure_get_measure (figure), cited_change_to_string (figure->change),
        cited_direction_to_string (figure->direction), cited_span_to_string (figure->span),
        cited_claim_status_to_string (figure->claim_status),
        figure->period_inferred ? "true" : "false",
      };

      cited_csv_append_row (csv, fields, n_columns, CITED_CSV_CRLF);
    }
  write_csv (csv);
}

/* Says which metrics exist when a --metric filter matched nothing. */
static void
hint_metrics (CitedStore *store,
              const char *metric)
{
  g_auto(GStrv) metrics = cited_store_list_metrics (store, NULL);
  g_autofree char *known = NULL;

  if (metrics == NULL || metrics[0] == NULL || g_strv_contains ((const char * const *) metrics, metric))
    return;
  known = g_strjoinv (", ", metrics);
  fprintf (stderr, _("No figure has the metric “%s”. Metrics in this database: %s"), metric, known);
  fputc ('\n', stderr);
}

static void
add_json_strings (GHashTable *set,
                  JsonNode   *node,
                  gboolean    keys)
{
  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (object, l->data);

          if (keys)
            g_hash_table_add (set, g_strdup (l->data));
          else if (JSON_NODE_HOLDS_VALUE (value) &&
                   json_node_get_value_type (value) == G_TYPE_STRING &&
                   *json_node_get_string (value) != '\0')
            g_hash_table_add (set, g_strdup (json_node_get_string (value)));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      /* [{ "metric": "sales", … }, …] */
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            {
              const char *metric = json_object_get_string_member_with_default (
                json_node_get_object (element), "metric", NULL);

              if (metric != NULL && *metric != '\0')
                g_hash_table_add (set, g_strdup (metric));
            }
        }
    }
}

/* The metrics the extractors can give (their keyword tables, shipped as
 * resources of libcited) and those the database holds. */
static GHashTable *
known_metrics (CitedStore *store)
{
  static const char * const tables[] = {
    "/io/github/cited/lib/metrics.json",
    "/io/github/cited/lib/metrics-zh.json",
  };
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) stored = cited_store_list_metrics (store, NULL);

  /* Ranks come from the grammar ("the second largest"), not a table. */
  g_hash_table_add (set, g_strdup ("rank"));
  for (guint i = 0; stored != NULL && stored[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (stored[i]));

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (tables[t], 0, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root;
      gsize size;
      const char *data;

      if (bytes == NULL)
        continue;
      data = g_bytes_get_data (bytes, &size);
      if (!json_parser_load_from_data (parser, data, (gssize) size, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      root = json_node_get_object (json_parser_get_root (parser));
      if (json_object_has_member (root, "metrics"))
        add_json_strings (set, json_object_get_member (root, "metrics"), TRUE);
      if (json_object_has_member (root, "unit_metrics"))
        add_json_strings (set, json_object_get_member (root, "unit_metrics"), FALSE);
      if (json_object_has_member (root, "money_metrics"))
        add_json_strings (set, json_object_get_member (root, "money_metrics"), FALSE);
    }
  return set;
}

/* FALSE after a usage error when no figure can have @metric: a typo such
 * as "sale" or "patent" is told apart from a metric this database merely
 * has no figure of. The error lists the metrics there are. */
static gboolean
check_metric (CitedStore *store,
              const char *command,
              const char *metric)
{
  g_autoptr(GHashTable) known = NULL;
  g_auto(GStrv) stored = NULL;
  g_autofree char *list = NULL;

  if (metric == NULL)
    return TRUE;
  known = known_metrics (store);
  if (g_hash_table_contains (known, metric))
    return TRUE;

  stored = cited_store_list_metrics (store, NULL);
  if (stored != NULL && stored[0] != NULL)
    {
      list = g_strjoinv (", ", stored);
      usage_error (command, _("No figure has the metric “%s”. Metrics in this database: %s"),
                   metric, list);
    }
  else
    {
      g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (known, NULL);

      qsort (keys, g_hash_table_size (known), sizeof (char *), compare_names_cb);
      list = g_strjoinv (", ", (char **) keys);
      usage_error (command, _("There is no metric “%s”. Metrics Cited knows: %s"), metric, list);
    }
  return FALSE;
}

static int
cmd_figures (Cli    *cli,
             char ***args)
{
  g_autofree char *search = NULL;
  g_autofree char *brand = NULL;
  g_autofree char *source = NULL;
  g_autofree char *metric = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *span = NULL;
  g_autofree char *claim_status = NULL;
  gboolean include_rejected = FALSE;
  gboolean states = FALSE;
  const GOptionEntry entries[] = {
    { "brand", 'b', 0, G_OPTION_ARG_FILENAME, &brand,
      N_("Only figures about this brand (a name or an alias)"), N_("NAME") },
    { "source", 0, 0, G_OPTION_ARG_FILENAME, &source,
      N_("Only figures from articles of this source or feed"), N_("NAME") },
    { "metric", 'm', 0, G_OPTION_ARG_FILENAME, &metric,
      N_("Only figures of this metric (sales, shipments, price, patents, …)"), N_("NAME") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &claim_status,
      N_("Only figures that state this: reported, forecast, target or plan"), N_("STATUS") },
    { "span", 0, 0, G_OPTION_ARG_STRING, &span,
      N_("Only figures of this span: period, cumulative, rate or point"), N_("SPAN") },
    { "states", 0, 0, G_OPTION_ARG_NONE, &states,
      N_("In CSV, also the columns of what a figure states (measure, change, direction, span, "
         "claim_status, period_inferred)"), NULL },
    { "search", 's', 0, G_OPTION_ARG_FILENAME, &search,
      N_("Only figures from articles matching these words"), N_("QUERY") },
    { "rejected", 0, 0, G_OPTION_ARG_NONE, &include_rejected,
      N_("Also list figures rejected by a user"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format_name,
      N_("Output format: text (default), json or csv"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  CitedQuery query = { 0 };
  OutputFormat format;
  int status;

  status = parse_command (cli, "figures",
                          _("[--brand NAME] [--metric NAME] [--source NAME] [--search QUERY] [--format FORMAT]"),
                          _("Lists the figures the articles cite: value, unit, metric, scope, "
                            "period, brand and the sentence they come from. An asterisk after "
                            "the id marks a figure a user corrected."),
                          entries, args);
  if (status >= 0)
    return status;

  rest = positional_args (*args);
  if (rest[0] != NULL)
    return usage_error ("figures", _("Unexpected argument “%s”"), rest[0]);
  if (!parse_format (format_name, "figures", &format) ||
      !ensure_utf8 (&search, "figures", "--search") ||
      !ensure_utf8 (&brand, "figures", "--brand") ||
      !ensure_utf8 (&source, "figures", "--source") ||
      !ensure_utf8 (&metric, "figures", "--metric"))
    return EXIT_USAGE;
  {
    CitedSpan span_value;
    CitedClaimStatus status_value;

    if (span != NULL && !cited_span_from_string (span, &span_value))
      return usage_error ("figures", _("Unknown span “%s”: use period, cumulative, rate or point"),
                          span);
    if (claim_status != NULL && !cited_claim_status_from_string (claim_status, &status_value))
      return usage_error ("figures",
                          _("Unknown status “%s”: use reported, forecast, target or plan"),
                          claim_status);
  }

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (brand != NULL && (query.brand = resolve_brand (store, "figures", brand)) == NULL)
    return EXIT_USAGE;
  if (!check_metric (store, "figures", metric))
    return EXIT_USAGE;
  if (search != NULL && *search != '\0')
    query.search = search;
  query.metric = metric;
  query.source = source;
  query.include_rejected = include_rejected;
  query.span = span;
  query.claim_status = claim_status;

  list = cited_store_list_figures (store, &query, &error);
  if (list == NULL)
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }

  if (list->len == 0 && !store_is_empty (store))
    {
      if (metric != NULL)
        hint_metrics (store, metric);
      fprintf (stderr, "%s\n", _("No figures match."));
    }

  switch (format)
    {
    case FORMAT_JSON:
      print_figures_json (list);
      break;
    case FORMAT_CSV:
      print_figures_csv (list, states);
      break;
    case FORMAT_TEXT:
    default:
      if (list->len > 0)
        print_figures_text (list);
      break;
    }
  return EXIT_OK;
}

/* ------------------------------------------------------------------------
 * claims and contradictions
 */

/* "more than 140M units", "40–50 cities", "#1" */
static char *
claim_value_text (const CitedClaim *claim)
{
  g_autoptr(CitedFigure) figure = cited_figure_new ();

  figure->value = claim->value;
  figure->value_max = claim->value_max;
  figure->unit = g_strdup (claim->unit);
  figure->currency = g_strdup (claim->currency);
  figure->qualifier = g_strdup (claim->qualifier);
  figure->metric = g_strdup (claim->metric);
  return figure_value_text (figure);
}

/* What a claim states beyond a reported level of a period, as for figures. */
static char *
claim_states_text (const CitedClaim *claim)
{
  g_autoptr(CitedFigure) figure = cited_figure_new ();

  figure->change = claim->change;
  figure->direction = claim->direction;
  figure->measure = g_strdup (claim->change != CITED_CHANGE_LEVEL ? claim->measure : NULL);
  figure->span = claim->span;
  figure->claim_status = claim->claim_status;
  return figure_states_text (figure);
}

static char *
claim_period_text (const CitedClaim *claim)
{
  return cited_format_period (claim->year, claim->quarter, claim->period_inferred);
}

static char *
claim_figure_ids (const CitedClaim *claim)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < claim->figures->len; i++)
    {
      const CitedFigure *f = g_ptr_array_index (claim->figures, i);

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? " " : "", f->id);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* The members every claim object has in JSON; with @sentences, each figure
 * with its sentence and article. */
static void
json_add_claim_members (JsonBuilder      *builder,
                        const CitedClaim *claim)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, claim->id);
  json_add_string_or_null (builder, "brand", claim->brand);
  json_add_string_or_null (builder, "metric", claim->metric);
  json_add_string_or_null (builder, "measure", claim->measure);
  json_add_string_or_null (builder, "change", cited_change_to_string (claim->change));
  json_add_string_or_null (builder, "direction", cited_direction_to_string (claim->direction));
  json_add_string_or_null (builder, "span", cited_span_to_string (claim->span));
  json_add_string_or_null (builder, "claim_status",
                           cited_claim_status_to_string (claim->claim_status));
  json_add_string_or_null (builder, "scope", claim->scope);
  json_add_int_or_null (builder, "year", claim->year);
  json_add_int_or_null (builder, "quarter", claim->quarter);
  json_builder_set_member_name (builder, "period_inferred");
  json_builder_add_boolean_value (builder, claim->period_inferred);
  json_add_number_or_null (builder, "value", claim->value);
  json_add_number_or_null (builder, "value_max", claim->value_max);
  json_add_string_or_null (builder, "unit", claim->unit);
  json_add_string_or_null (builder, "currency", claim->currency);
  json_add_string_or_null (builder, "qualifier", claim->qualifier);
  json_builder_set_member_name (builder, "sources");
  json_builder_add_int_value (builder, claim->n_sources);
  json_builder_set_member_name (builder, "citations");
  json_builder_add_int_value (builder, claim->figures->len);
  json_add_string_or_null (builder, "first_date", claim->first_date);
  json_add_string_or_null (builder, "last_date", claim->last_date);
  json_builder_set_member_name (builder, "figures");
  json_builder_begin_array (builder);
  for (guint i = 0; i < claim->figures->len; i++)
    {
      const CitedFigure *f = g_ptr_array_index (claim->figures, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, f->id);
      json_builder_set_member_name (builder, "article_id");
      json_builder_add_int_value (builder, f->article_id);
      json_add_string_or_null (builder, "article_title", f->article_title);
      json_add_string_or_null (builder, "article_published", f->article_published);
      json_add_number_or_null (builder, "value", f->value);
      json_add_string_or_null (builder, "qualifier", f->qualifier);
      json_add_string_or_null (builder, "text", f->text);
      json_add_string_or_null (builder, "sentence", f->sentence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_claims_text (GPtrArray *list)
{
  g_autoptr(CitedCliTable) table = cited_cli_table_new (10);
  guint width = cited_cli_terminal_width (STDOUT_FILENO);

  cited_cli_table_set_column (table, 0, _("ID"), CITED_CLI_ALIGN_RIGHT, 0, FALSE);
  cited_cli_table_set_column (table, 1, _("BRAND"), CITED_CLI_ALIGN_LEFT, 16, FALSE);
  cited_cli_table_set_column (table, 2, _("METRIC"), CITED_CLI_ALIGN_LEFT, 14, FALSE);
  cited_cli_table_set_column (table, 3, _("VALUE"), CITED_CLI_ALIGN_RIGHT, 28, FALSE);
  cited_cli_table_set_column (table, 4, _("STATES"), CITED_CLI_ALIGN_LEFT, 24, FALSE);
  cited_cli_table_set_column (table, 5, _("SCOPE"), CITED_CLI_ALIGN_LEFT, 14, FALSE);
  cited_cli_table_set_column (table, 6, _("PERIOD"), CITED_CLI_ALIGN_LEFT, 0, FALSE);
  /* Translators: how many articles cite a claim */
  cited_cli_table_set_column (table, 7, _("SOURCES"), CITED_CLI_ALIGN_RIGHT, 0, FALSE);
  /* Translators: the date of the first article citing a claim */
  cited_cli_table_set_column (table, 8, _("FIRST"), CITED_CLI_ALIGN_LEFT, 0, FALSE);
  /* Translators: the date of the last article citing a claim */
  cited_cli_table_set_column (table, 9, _("LAST"), CITED_CLI_ALIGN_LEFT, 0, FALSE);

  for (guint r = 0; r < list->len; r++)
    {
      CitedClaim *claim = g_ptr_array_index (list, r);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, claim->id);
      g_autofree char *value = claim_value_text (claim);
      g_autofree char *states = claim_states_text (claim);
      g_autofree char *period = claim_period_text (claim);
      g_autofree char *sources = NULL;
      const char *cells[10];

      if (claim->figures->len > claim->n_sources)
        /* Translators: articles citing a claim and, in brackets, how many times */
        sources = g_strdup_printf (_("%u (%u×)"), claim->n_sources, claim->figures->len);
      else
        sources = g_strdup_printf ("%u", claim->n_sources);
      cells[0] = id;
      cells[1] = claim->brand;
      cells[2] = claim->metric;
      cells[3] = value;
      cells[4] = states;
      cells[5] = claim->scope;
      cells[6] = period;
      cells[7] = sources;
      cells[8] = claim->first_date;
      cells[9] = claim->last_date;
      cited_cli_table_add_row (table, cells);
    }
  cited_cli_table_print (table, stdout, width, FALSE);
}

static void
print_claims_json (GPtrArray *list)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint r = 0; r < list->len; r++)
    {
      json_builder_begin_object (builder);
      json_add_claim_members (builder, g_ptr_array_index (list, r));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  write_json (builder);
}

#define CLAIM_CSV_COLUMNS 22

static void
claim_csv_fields (const CitedClaim *claim,
                  char            **owned,
                  const char      **fields)
{
  owned[0] = g_strdup_printf ("%" G_GINT64_FORMAT, claim->id);
  owned[1] = cited_cli_format_number (claim->value);
  owned[2] = cited_cli_format_number (claim->value_max);
  owned[3] = claim->year != 0 ? g_strdup_printf ("%d", claim->year) : NULL;
  owned[4] = claim->quarter != 0 ? g_strdup_printf ("%d", claim->quarter) : NULL;
  owned[5] = g_strdup_printf ("%u", claim->n_sources);
  owned[6] = g_strdup_printf ("%u", claim->figures->len);
  owned[7] = claim_figure_ids (claim);
  fields[0] = owned[0];
  fields[1] = claim->brand;
  fields[2] = claim->metric;
  fields[3] = claim->measure;
  fields[4] = cited_change_to_string (claim->change);
  fields[5] = cited_direction_to_string (claim->direction);
  fields[6] = cited_span_to_string (claim->span);
  fields[7] = cited_claim_status_to_string (claim->claim_status);
  fields[8] = claim->scope;
  fields[9] = owned[3];
  fields[10] = owned[4];
  fields[11] = claim->period_inferred ? "true" : "false";
  fields[12] = owned[1];
  fields[13] = owned[2];
  fields[14] = claim->unit;
  fields[15] = claim->currency;
  fields[16] = claim->qualifier;
  fields[17] = owned[5];
  fields[18] = owned[6];
  fields[19] = claim->first_date;
  fields[20] = claim->last_date;
  fields[21] = owned[7];
}

static const char * const claim_csv_header[CLAIM_CSV_COLUMNS] = {
  "id", "brand", "metric", "measure", "change", "direction", "span", "claim_status", "scope",
  "year", "quarter", "period_inferred", "value", "value_max", "unit", "currency", "qualifier",
  "sources", "citations", "first_date", "last_date", "figure_ids",
};

static void
print_claims_csv (GPtrArray *list)
{
  g_autoptr(GString) csv = g_string_new (NULL);

  cited_csv_append_row (csv, claim_csv_header, CLAIM_CSV_COLUMNS, CITED_CSV_CRLF);
  for (guint r = 0; r < list->len; r++)
    {
      char *owned[8] = { NULL };
      const char *fields[CLAIM_CSV_COLUMNS];

      claim_csv_fields (g_ptr_array_index (list, r), owned, fields);
      cited_csv_append_row (csv, fields, CLAIM_CSV_COLUMNS, CITED_CSV_CRLF);
      for (guint i = 0; i < G_N_ELEMENTS (owned); i++)
        g_free (owned[i]);
    }
  write_csv (csv);
}

/* "Xiaomi · sales · overseas · 2021" */
static char *
contradiction_heading (const CitedContradiction *c)
{
  g_autoptr(GString) out = g_string_new (c->a->brand);
  g_autofree char *states = claim_states_text (c->a);
  g_autofree char *period = claim_period_text (c->a);

  g_string_append_printf (out, " · %s", c->a->measure != NULL ? c->a->measure : c->a->metric);
  if (states != NULL)
    g_string_append_printf (out, " (%s)", states);
  if (c->a->scope != NULL)
    g_string_append_printf (out, " · %s", c->a->scope);
  if (period != NULL)
    g_string_append_printf (out, " · %s", period);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
print_side_text (const CitedClaim *claim,
                 guint             width)
{
  g_autofree char *value = claim_value_text (claim);
  g_autofree char *sources = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u source",
                                                           "%u sources", claim->n_sources),
                                              claim->n_sources);

  printf ("  %s (%s", value, sources);
  if (claim->first_date != NULL && g_strcmp0 (claim->first_date, claim->last_date) != 0)
    printf (", %s – %s", claim->first_date, claim->last_date);
  else if (claim->first_date != NULL)
    printf (", %s", claim->first_date);
  printf (")\n");
  for (guint i = 0; i < claim->figures->len; i++)
    {
      const CitedFigure *f = g_ptr_array_index (claim->figures, i);
      g_autofree char *sentence = cited_cli_truncate (f->sentence != NULL ? f->sentence : "",
                                                      width > 12 ? width - 8 : SENTENCE_WIDTH);
      g_autofree char *title = cited_cli_truncate (f->article_title != NULL ? f->article_title : "",
                                                   TITLE_WIDTH);

      printf ("    “%s”\n", sentence);
      printf ("      — [%" G_GINT64_FORMAT "] %s%s%s%s\n", f->article_id, title,
              f->article_published != NULL ? " (" : "",
              f->article_published != NULL ? f->article_published : "",
              f->article_published != NULL ? ")" : "");
    }
}

static void
print_contradictions_text (GPtrArray *list)
{
  guint width = cited_cli_terminal_width (STDOUT_FILENO);

  if (width == 0)
    width = SENTENCE_WIDTH + 8;
  for (guint r = 0; r < list->len; r++)
    {
      const CitedContradiction *c = g_ptr_array_index (list, r);
      g_autofree char *heading = contradiction_heading (c);

      if (r > 0)
        putchar ('\n');
      printf ("%s\n", heading);
      print_side_text (c->a, width);
      /* Translators: between the two sides of a contradiction */
      printf ("  %s\n", _("contradicts"));
      print_side_text (c->b, width);
    }
}

static void
print_contradictions_json (GPtrArray *list)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint r = 0; r < list->len; r++)
    {
      const CitedContradiction *c = g_ptr_array_index (list, r);

      json_builder_begin_object (builder);
      json_add_string_or_null (builder, "brand", c->a->brand);
      json_add_string_or_null (builder, "metric", c->a->metric);
      json_add_string_or_null (builder, "measure", c->a->measure);
      json_add_string_or_null (builder, "span", cited_span_to_string (c->a->span));
      json_add_string_or_null (builder, "scope", c->a->scope);
      json_add_int_or_null (builder, "year", c->a->year);
      json_add_int_or_null (builder, "quarter", c->a->quarter);
      json_builder_set_member_name (builder, "sides");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_add_claim_members (builder, c->a);
      json_builder_end_object (builder);
      json_builder_begin_object (builder);
      json_add_claim_members (builder, c->b);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  write_json (builder);
}

/* One row per figure of each side. */
static void
print_contradictions_csv (GPtrArray *list)
{
  static const char * const header[] = {
    "contradiction", "side", "claim_id", "brand", "metric", "scope", "year", "quarter",
    "value", "value_max", "qualifier", "unit", "currency", "sources", "figure_id",
    "article_id", "article_title", "article_published", "sentence",
  };
  g_autoptr(GString) csv = g_string_new (NULL);

  cited_csv_append_row (csv, header, G_N_ELEMENTS (header), CITED_CSV_CRLF);
  for (guint r = 0; r < list->len; r++)
    {
      const CitedContradiction *c = g_ptr_array_index (list, r);
      const CitedClaim *sides[2] = { c->a, c->b };

      for (guint s = 0; s < 2; s++)
        {
          const CitedClaim *claim = sides[s];
          g_autofree char *number = g_strdup_printf ("%u", r + 1);
          g_autofree char *claim_id = g_strdup_printf ("%" G_GINT64_FORMAT, claim->id);
          g_autofree char *year = claim->year != 0 ? g_strdup_printf ("%d", claim->year) : NULL;
          g_autofree char *quarter = claim->quarter != 0 ? g_strdup_printf ("%d", claim->quarter) : NULL;
          g_autofree char *value = cited_cli_format_number (claim->value);
          g_autofree char *value_max = cited_cli_format_number (claim->value_max);
          g_autofree char *sources = g_strdup_printf ("%u", claim->n_sources);

          for (guint i = 0; i < claim->figures->len; i++)
            {
              const CitedFigure *f = g_ptr_array_index (claim->figures, i);
              g_autofree char *figure_id = g_strdup_printf ("%" G_GINT64_FORMAT, f->id);
              g_autofree char *article_id = g_strdup_printf ("%" G_GINT64_FORMAT, f->article_id);
              const char *fields[] = {
                number, s == 0 ? "a" : "b", claim_id, claim->brand, claim->metric, claim->scope,
                year, quarter, value, value_max, claim->qualifier, claim->unit, claim->currency,
                sources, figure_id, article_id, f->article_title, f->article_published,
                f->sentence,
              };

              cited_csv_append_row (csv, fields, G_N_ELEMENTS (fields), CITED_CSV_CRLF);
            }
        }
    }
  write_csv (csv);
}

/* contradictions --right ID: marks the side with claim id @right right in
 * every contradiction it is a side of. */
static int
mark_right (CitedStore *store,
            GPtrArray  *contradictions,
            gint64      right)
{
  guint n_marked = 0;

  for (guint i = 0; i < contradictions->len; i++)
    {
      const CitedContradiction *c = g_ptr_array_index (contradictions, i);
      const CitedClaim *side = c->a->id == right ? c->a : c->b->id == right ? c->b : NULL;
      const CitedClaim *other;
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;
      g_autofree char *other_value = NULL;
      g_autofree char *rejected = NULL;
      g_autofree char *side_id = NULL;
      g_autofree char *other_id = NULL;

      if (side == NULL)
        continue;
      other = side == c->a ? c->b : c->a;
      if (!cited_store_mark_claim_right (store, c, side, &error))
        {
          print_error ("%s", error->message);
          return EXIT_FAILED;
        }
      value = claim_value_text (side);
      other_value = claim_value_text (other);
      rejected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u figure", "%u figures",
                                               other->figures->len), other->figures->len);
      side_id = g_strdup_printf ("%" G_GINT64_FORMAT, side->id);
      other_id = g_strdup_printf ("%" G_GINT64_FORMAT, other->id);
      /* Translators: "Marked 190M units right (claim 1); rejected 1 figure of about 170M units (claim 2)" */
      printf (_("Marked %s right (claim %s); rejected %s of %s (claim %s)"),
              value, side_id, rejected, other_value, other_id);
      putchar ('\n');
      n_marked++;
    }
  if (n_marked == 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, right);

      return usage_error ("contradictions",
                          _("No contradiction has a side with the claim id %s. "
                            "List them with: cited-cli contradictions"), id);
    }
  return EXIT_OK;
}

/* The options and the query claims and contradictions share. */
static int
compare_claims_by_date (gconstpointer a,
                        gconstpointer b)
{
  const CitedClaim *ca = *(CitedClaim * const *) a;
  const CitedClaim *cb = *(CitedClaim * const *) b;

  if ((ca->first_date == NULL) != (cb->first_date == NULL))
    return ca->first_date == NULL ? 1 : -1;
  if (ca->first_date != NULL && strcmp (ca->first_date, cb->first_date) != 0)
    return strcmp (ca->first_date, cb->first_date);
  return (ca->id > cb->id) - (ca->id < cb->id);
}

static int
claims_command (Cli        *cli,
                char     ***args,
                gboolean    contradictions)
{
  const char *command = contradictions ? "contradictions" : "claims";
  g_autofree char *brand = NULL;
  g_autofree char *metric = NULL;
  g_autofree char *search = NULL;
  g_autofree char *format_name = NULL;
  gint64 right = 0;
  gboolean over_time = FALSE;
  const GOptionEntry entries[] = {
    { "brand", 'b', 0, G_OPTION_ARG_FILENAME, &brand,
      N_("Only claims about this brand (a name or an alias)"), N_("NAME") },
    { "right", 0, contradictions ? 0 : G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT64, &right,
      N_("Mark the side with this claim id right: its figures are confirmed, the other "
         "side’s rejected"), N_("ID") },
    { "metric", 'm', 0, G_OPTION_ARG_FILENAME, &metric,
      N_("Only claims of this metric (sales, shipments, price, patents, …)"), N_("NAME") },
    { "search", 's', 0, G_OPTION_ARG_FILENAME, &search,
      N_("Only figures from articles matching these words"), N_("QUERY") },
    { "over-time", 0, contradictions ? G_OPTION_FLAG_HIDDEN : 0, G_OPTION_ARG_NONE, &over_time,
      N_("In the order they were first made: each claim at its first article’s date"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format_name,
      N_("Output format: text (default), json or csv"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  CitedQuery query = { 0 };
  OutputFormat format;
  int status;

  status = parse_command (cli, command,
                          contradictions
                          ? _("[--brand NAME] [--metric NAME] [--search QUERY] [--right ID] [--format FORMAT]")
                          : _("[--brand NAME] [--metric NAME] [--search QUERY] [--over-time] [--format FORMAT]"),
                          contradictions
                          ? _("Lists claims that contradict each other: the same company, "
                              "measure, span, scope and period with values that differ beyond "
                              "rounding and beyond their qualifiers, each side with its "
                              "sentences, sources and dates.")
                          : _("Lists the claims the figures make: figures that state the same "
                              "thing (company, measure, change, span, scope, period, and value "
                              "within rounding) are one claim, with its number of sources and "
                              "the dates of its first and last article."),
                          entries, args);
  if (status >= 0)
    return status;

  rest = positional_args (*args);
  if (rest[0] != NULL)
    return usage_error (command, _("Unexpected argument “%s”"), rest[0]);
  if (right != 0 && !contradictions)
    return usage_error (command, _("--right is an option of contradictions"));
  if (over_time && contradictions)
    return usage_error (command, _("--over-time is an option of claims"));
  if (!parse_format (format_name, command, &format) ||
      !ensure_utf8 (&search, command, "--search") ||
      !ensure_utf8 (&brand, command, "--brand") ||
      !ensure_utf8 (&metric, command, "--metric"))
    return EXIT_USAGE;

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (brand != NULL && (query.brand = resolve_brand (store, command, brand)) == NULL)
    return EXIT_USAGE;
  if (!check_metric (store, command, metric))
    return EXIT_USAGE;
  if (search != NULL && *search != '\0')
    query.search = search;
  query.metric = metric;

  if (contradictions)
    list = cited_store_list_contradictions (store, &query, &error);
  else
    list = cited_store_list_claims (store, &query, &error);
  /* The story in order: what was claimed first comes first; claims of
   * undated articles last. */
  if (list != NULL && over_time)
    g_ptr_array_sort (list, compare_claims_by_date);
  if (list == NULL)
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }

  if (right != 0)
    return mark_right (store, list, right);

  if (list->len == 0 && !store_is_empty (store))
    fprintf (stderr, "%s\n", contradictions ? _("No claims contradict each other.")
                                            : _("No claims match."));

  switch (format)
    {
    case FORMAT_JSON:
      if (contradictions)
        print_contradictions_json (list);
      else
        print_claims_json (list);
      break;
    case FORMAT_CSV:
      if (contradictions)
        print_contradictions_csv (list);
      else
        print_claims_csv (list);
      break;
    case FORMAT_TEXT:
    default:
      if (list->len > 0 && contradictions)
        print_contradictions_text (list);
      else if (list->len > 0)
        print_claims_text (list);
      break;
    }
  return EXIT_OK;
}

static int
cmd_claims (Cli    *cli,
            char ***args)
{
  return claims_command (cli, args, FALSE);
}

static int
cmd_contradictions (Cli    *cli,
                    char ***args)
{
  return claims_command (cli, args, TRUE);
}

/* ------------------------------------------------------------------------
 * brands
 */

static void
print_brands_text (GPtrArray *list)
{
  g_autoptr(CitedCliTable) table = cited_cli_table_new (5);
  guint width = cited_cli_terminal_width (STDOUT_FILENO);

  cited_cli_table_set_column (table, 0, _("BRAND"), CITED_CLI_ALIGN_LEFT, 24, TRUE);
  cited_cli_table_set_column (table, 1, _("MENTIONS"), CITED_CLI_ALIGN_RIGHT, 0, FALSE);
  cited_cli_table_set_column (table, 2, _("ARTICLES"), CITED_CLI_ALIGN_RIGHT, 0, FALSE);
  cited_cli_table_set_column (table, 3, _("SHARE OF VOICE"), CITED_CLI_ALIGN_RIGHT, 0, FALSE);
  cited_cli_table_set_column (table, 4, _("FIGURES"), CITED_CLI_ALIGN_RIGHT, 0, FALSE);

  for (guint r = 0; r < list->len; r++)
    {
      CitedBrandStats *stats = g_ptr_array_index (list, r);
      g_autofree char *mentions = g_strdup_printf ("%u", stats->mentions);
      g_autofree char *articles = g_strdup_printf ("%u", stats->articles);
      g_autofree char *share = g_strdup_printf ("%.1f%%", stats->share_of_voice * 100.0);
      g_autofree char *figures = g_strdup_printf ("%u", stats->n_figures);
      const char *cells[] = { stats->name, mentions, articles, share, figures };

      cited_cli_table_add_row (table, cells);
    }

  cited_cli_table_print (table, stdout, width, FALSE);
}

static void
print_brands_json (GPtrArray *list)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint r = 0; r < list->len; r++)
    {
      CitedBrandStats *stats = g_ptr_array_index (list, r);

      json_builder_begin_object (builder);
      json_add_string_or_null (builder, "name", stats->name);
      json_add_string_or_null (builder, "color", stats->color);
      json_builder_set_member_name (builder, "aliases");
      json_builder_begin_array (builder);
      for (guint a = 0; stats->aliases != NULL && stats->aliases[a] != NULL; a++)
        json_builder_add_string_value (builder, stats->aliases[a]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "mentions");
      json_builder_add_int_value (builder, stats->mentions);
      json_builder_set_member_name (builder, "articles");
      json_builder_add_int_value (builder, stats->articles);
      json_builder_set_member_name (builder, "share_of_voice");
      json_builder_add_double_value (builder, stats->share_of_voice);
      json_builder_set_member_name (builder, "figures");
      json_builder_add_int_value (builder, stats->n_figures);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  write_json (builder);
}

static void
print_brands_csv (GPtrArray *list)
{
  static const char * const header[] = {
    "name", "color", "aliases", "mentions", "articles", "share_of_voice", "figures",
  };
  g_autoptr(GString) csv = g_string_new (NULL);

  cited_csv_append_row (csv, header, G_N_ELEMENTS (header), CITED_CSV_CRLF);
  for (guint r = 0; r < list->len; r++)
    {
      CitedBrandStats *stats = g_ptr_array_index (list, r);
      g_autofree char *aliases = stats->aliases != NULL ? g_strjoinv (";", stats->aliases) : NULL;
      g_autofree char *mentions = g_strdup_printf ("%u", stats->mentions);
      g_autofree char *articles = g_strdup_printf ("%u", stats->articles);
      g_autofree char *share = cited_cli_format_number (stats->share_of_voice);
      g_autofree char *figures = g_strdup_printf ("%u", stats->n_figures);
      const char *fields[] = {
        stats->name, stats->color, aliases, mentions, articles, share, figures,
      };

      cited_csv_append_row (csv, fields, G_N_ELEMENTS (fields), CITED_CSV_CRLF);
    }
  write_csv (csv);
}

static int
cmd_brands_add (Cli        *cli,
                const char *name,
                char      **aliases,
                const char *color)
{
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GError) error = NULL;
  const CitedBrandStats *found = NULL;
  g_autoptr(GPtrArray) other_aliases = g_ptr_array_new ();
  const char *canonical;
  const char *known;
  gboolean existed;
  g_autofree char *mentions = NULL;
  g_autofree char *articles = NULL;

  store = open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILED;

  /* A known name or alias extends that brand rather than starting a
   * second one that shares the alias. */
  known = cited_lexicon_lookup (cited_store_get_lexicon (store), name);
  existed = known != NULL;
  if (existed)
    name = known;
  if (!cited_store_add_brand (store, name, (const char * const *) aliases, color, &error))
    {
      print_error (_("Cannot add the brand “%s”: %s"), name, error->message);
      return EXIT_FAILED;
    }

  canonical = cited_lexicon_lookup (cited_store_get_lexicon (store), name);
  if (canonical == NULL)
    canonical = name;

  stats = cited_store_brand_stats (store, TRUE, &error);
  if (stats == NULL)
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }
  for (guint i = 0; i < stats->len; i++)
    {
      const CitedBrandStats *s = g_ptr_array_index (stats, i);

      if (g_ascii_strcasecmp (s->name, canonical) == 0)
        {
          found = s;
          break;
        }
    }

  for (guint i = 0; found != NULL && found->aliases != NULL && found->aliases[i] != NULL; i++)
    {
      /* The name is an alias of itself; only the others are news. */
      if (g_ascii_strcasecmp (found->aliases[i], canonical) != 0)
        g_ptr_array_add (other_aliases, found->aliases[i]);
    }
  g_ptr_array_add (other_aliases, NULL);

  if (other_aliases->len > 1)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) other_aliases->pdata);

      if (existed)
        /* TRANSLATORS: brand name, its colour, its aliases */
        printf (_("Updated brand %s (%s), aliases: %s"), canonical,
                found->color != NULL ? found->color : "", joined);
      else
        /* TRANSLATORS: brand name, its colour, its aliases */
        printf (_("Added brand %s (%s), aliases: %s"), canonical,
                found->color != NULL ? found->color : "", joined);
    }
  else if (existed)
    /* TRANSLATORS: brand name and its colour */
    printf (_("Updated brand %s (%s)"), canonical,
            found != NULL && found->color != NULL ? found->color : "");
  else
    /* TRANSLATORS: brand name and its colour */
    printf (_("Added brand %s (%s)"), canonical,
            found != NULL && found->color != NULL ? found->color : "");
  fputc ('\n', stdout);

  mentions = g_strdup_printf (ngettext ("%u mention", "%u mentions",
                                        found != NULL ? found->mentions : 0),
                              found != NULL ? found->mentions : 0);
  articles = g_strdup_printf (ngettext ("%u article", "%u articles",
                                        found != NULL ? found->articles : 0),
                              found != NULL ? found->articles : 0);
  /* TRANSLATORS: "The re-scan found 2 mentions in 1 article" */
  printf (_("The re-scan found %s in %s"), mentions, articles);
  fputc ('\n', stdout);
  return EXIT_OK;
}

/* "new", "accepted", "hidden", or "merged into BRAND" for people. */
static char *
discovered_status_text (const CitedDiscovered *discovered)
{
  switch (discovered->status)
    {
    case CITED_DISCOVERED_ACCEPTED:
      return g_strdup (_("accepted"));
    case CITED_DISCOVERED_HIDDEN:
      return g_strdup (_("hidden"));
    case CITED_DISCOVERED_MERGED:
      /* TRANSLATORS: status of a discovered company, %s is a brand */
      return g_strdup_printf (_("merged into %s"),
                              discovered->merged_into != NULL ? discovered->merged_into : "");
    case CITED_DISCOVERED_NEW:
    default:
      return g_strdup (_("new"));
    }
}

static void
print_discovered_text (GPtrArray *list)
{
  g_autoptr(CitedCliTable) table = cited_cli_table_new (6);
  guint width = cited_cli_terminal_width (STDOUT_FILENO);

  cited_cli_table_set_column (table, 0, _("COMPANY"), CITED_CLI_ALIGN_LEFT, 24, FALSE);
  cited_cli_table_set_column (table, 1, _("ARTICLES"), CITED_CLI_ALIGN_RIGHT, 0, FALSE);
  cited_cli_table_set_column (table, 2, _("MENTIONS"), CITED_CLI_ALIGN_RIGHT, 0, FALSE);
  cited_cli_table_set_column (table, 3, _("FIGURES"), CITED_CLI_ALIGN_RIGHT, 0, FALSE);
  cited_cli_table_set_column (table, 4, _("STATUS"), CITED_CLI_ALIGN_LEFT, 24, FALSE);
  cited_cli_table_set_column (table, 5, _("EXAMPLE"), CITED_CLI_ALIGN_LEFT, SENTENCE_WIDTH, TRUE);

  for (guint r = 0; r < list->len; r++)
    {
      const CitedDiscovered *d = g_ptr_array_index (list, r);
      g_autofree char *articles = g_strdup_printf ("%u", d->articles);
      g_autofree char *mentions = g_strdup_printf ("%u", d->mentions);
      g_autofree char *figures = g_strdup_printf ("%u", d->n_figures);
      g_autofree char *status = discovered_status_text (d);
      g_autofree char *example = d->example != NULL ? g_strdelimit (g_strdup (d->example), "\n\t", ' ') : NULL;
      const char *cells[] = { d->name, articles, mentions, figures, status, example };

      cited_cli_table_add_row (table, cells);
    }

  cited_cli_table_print (table, stdout, width, FALSE);
}

static void
print_discovered_json (GPtrArray *list)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint r = 0; r < list->len; r++)
    {
      const CitedDiscovered *d = g_ptr_array_index (list, r);

      json_builder_begin_object (builder);
      json_add_string_or_null (builder, "name", d->name);
      json_builder_set_member_name (builder, "articles");
      json_builder_add_int_value (builder, d->articles);
      json_builder_set_member_name (builder, "mentions");
      json_builder_add_int_value (builder, d->mentions);
      json_builder_set_member_name (builder, "figures");
      json_builder_add_int_value (builder, d->n_figures);
      json_add_string_or_null (builder, "status", cited_discovered_status_to_string (d->status));
      json_add_string_or_null (builder, "merged_into", d->merged_into);
      json_add_string_or_null (builder, "example", d->example);
      json_add_string_or_null (builder, "first_seen", d->first_seen);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  write_json (builder);
}

static void
print_discovered_csv (GPtrArray *list)
{
  static const char * const header[] = {
    "name", "articles", "mentions", "figures", "status", "merged_into", "example", "first_seen",
  };
  g_autoptr(GString) csv = g_string_new (NULL);

  cited_csv_append_row (csv, header, G_N_ELEMENTS (header), CITED_CSV_CRLF);
  for (guint r = 0; r < list->len; r++)
    {
      const CitedDiscovered *d = g_ptr_array_index (list, r);
      g_autofree char *articles = g_strdup_printf ("%u", d->articles);
      g_autofree char *mentions = g_strdup_printf ("%u", d->mentions);
      g_autofree char *figures = g_strdup_printf ("%u", d->n_figures);
      const char *fields[] = {
        d->name, articles, mentions, figures, cited_discovered_status_to_string (d->status),
        d->merged_into, d->example, d->first_seen,
      };

      cited_csv_append_row (csv, fields, G_N_ELEMENTS (fields), CITED_CSV_CRLF);
    }
  write_csv (csv);
}

static int
cmd_brands_discovered (Cli          *cli,
                       gboolean      all,
                       OutputFormat  format)
{
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  list = cited_store_list_discovered (store, all, &error);
  if (list == NULL)
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }
  if (list->len == 0 && !store_is_empty (store))
    fprintf (stderr, "%s\n", all ? _("No company was found in the articles beyond the known brands.")
                                 : _("No company is waiting for a decision."));

  switch (format)
    {
    case FORMAT_JSON:
      print_discovered_json (list);
      break;
    case FORMAT_CSV:
      print_discovered_csv (list);
      break;
    case FORMAT_TEXT:
    default:
      if (list->len > 0)
        print_discovered_text (list);
      break;
    }
  return EXIT_OK;
}

/* The discovered company called @name (any case), or NULL after a usage
 * error: a name never found is the user's typo. */
static CitedDiscovered *
find_discovered (CitedStore *store,
                 const char *name,
                 int        *status)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = cited_store_list_discovered (store, TRUE, &error);
  if (list == NULL)
    {
      print_error ("%s", error->message);
      *status = EXIT_FAILED;
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    {
      CitedDiscovered *d = g_ptr_array_index (list, i);

      if (g_ascii_strcasecmp (d->name, name) == 0)
        return g_ptr_array_steal_index (list, i);
    }
  *status = usage_error ("brands",
                         _("No company called “%s” was found in the articles. "
                           "List them with: cited-cli brands --discovered --all"), name);
  return NULL;
}

/* "3 mentions and 1 figure" */
static char *
counts_text (guint mentions,
             guint figures)
{
  g_autofree char *m = g_strdup_printf (ngettext ("%u mention", "%u mentions", mentions), mentions);
  g_autofree char *f = g_strdup_printf (ngettext ("%u figure", "%u figures", figures), figures);

  /* TRANSLATORS: "3 mentions and 1 figure" */
  return g_strdup_printf (_("%s and %s"), m, f);
}

/* Prints "Google: 3 mentions and 1 figure" after a change to a brand. */
static int
print_brand_counts (CitedStore *store,
                    const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stats = cited_store_brand_stats (store, TRUE, &error);
  g_autofree char *counts = NULL;
  guint mentions = 0, figures = 0;

  if (stats == NULL)
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }
  for (guint i = 0; i < stats->len; i++)
    {
      const CitedBrandStats *s = g_ptr_array_index (stats, i);

      if (g_ascii_strcasecmp (s->name, name) == 0)
        {
          mentions = s->mentions;
          figures = s->n_figures;
        }
    }
  counts = counts_text (mentions, figures);
  /* TRANSLATORS: "Google: 3 mentions and 1 figure" */
  printf (_("%s: %s"), name, counts);
  fputc ('\n', stdout);
  return EXIT_OK;
}

static int
cmd_brands_decide (Cli        *cli,
                   const char *verb,
                   const char *name,
                   const char *into)
{
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedDiscovered) found = NULL;
  g_autoptr(CitedDiscovered) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *counts = NULL;
  const char *target = NULL;
  int status = EXIT_OK;
  gboolean ok;

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  /* A brand of the lexicon merges into another brand with its aliases. */
  if (g_str_equal (verb, "merge") &&
      (target = cited_lexicon_lookup (cited_store_get_lexicon (store), name)) != NULL &&
      g_utf8_collate (target, name) == 0)
    {
      const char *from = target;

      target = resolve_brand (store, "brands", into);
      if (target == NULL)
        return EXIT_USAGE;
      if (!cited_store_merge_brand (store, from, target, &error))
        {
          print_error (_("Cannot merge “%s”: %s"), from, error->message);
          return EXIT_FAILED;
        }
      return print_brand_counts (store, target);
    }

  found = find_discovered (store, name, &status);
  if (found == NULL)
    return status;

  if (g_str_equal (verb, "merge"))
    {
      target = resolve_brand (store, "brands", into);
      if (target == NULL)
        return EXIT_USAGE;
      ok = cited_store_merge_discovered (store, found->name, target, &error);
    }
  else if (g_str_equal (verb, "hide"))
    ok = cited_store_hide_discovered (store, found->name, &error);
  else
    ok = cited_store_accept_discovered (store, found->name, &error);

  if (!ok)
    {
      if (g_str_equal (verb, "merge"))
        print_error (_("Cannot merge “%s”: %s"), found->name, error->message);
      else if (g_str_equal (verb, "hide"))
        print_error (_("Cannot hide “%s”: %s"), found->name, error->message);
      else
        print_error (_("Cannot accept “%s”: %s"), found->name, error->message);
      return EXIT_FAILED;
    }

  after = find_discovered (store, found->name, &status);
  if (after == NULL)
    return status;

  if (g_str_equal (verb, "merge"))
    {
      counts = counts_text (after->mentions, after->n_figures);
      /* TRANSLATORS: "Merged Yukos into Samsung: 2 mentions and 1 figure are Samsung’s now" */
      printf (_("Merged %s into %s: %s are %s’s now"), found->name, target, counts, target);
    }
  else if (g_str_equal (verb, "hide"))
    {
      counts = counts_text (found->mentions, found->n_figures);
      /* TRANSLATORS: "Hid Yukos: 2 mentions and 1 figure no longer count for it" */
      printf (_("Hid %s: %s no longer count for it"), found->name, counts);
    }
  else
    {
      counts = counts_text (after->mentions, after->n_figures);
      /* TRANSLATORS: "Accepted Rowntree as a brand: 3 mentions and 1 figure" */
      printf (_("Accepted %s as a brand: %s"), found->name, counts);
    }
  fputc ('\n', stdout);
  return EXIT_OK;
}

typedef struct {
  char *format_name;
  char **aliases;
  char *color;
  char *into;
  char *kind;
  gboolean off;
  gboolean all;
  gboolean discovered;
} BrandsOptions;

static void
brands_options_clear (BrandsOptions *o)
{
  g_free (o->format_name);
  g_strfreev (o->aliases);
  g_free (o->color);
  g_free (o->into);
  g_free (o->kind);
}

/* cited-cli brands alias|exclude|rename|color NAME VALUE, brands remove NAME */
static int
cmd_brands_edit (Cli           *cli,
                 BrandsOptions *o,
                 const char    *verb,
                 const char    *name,
                 const char    *value)
{
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CitedAliasKind kind = CITED_ALIAS_NAME;
  const char *brand;
  gboolean ok;

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  brand = resolve_brand (store, "brands", name);
  if (brand == NULL)
    return EXIT_USAGE;

  if (g_str_equal (verb, "alias"))
    {
      /* The kind the alias has unless the user names one. */
      CitedLexicon *lexicon = cited_store_get_lexicon (store);

      for (guint i = 0; i < cited_lexicon_get_n_brands (lexicon); i++)
        if (cited_lexicon_get_name (lexicon, i) == brand)
          kind = cited_lexicon_get_alias_kind (lexicon, i, value);
      if (o->kind != NULL)
        cited_alias_kind_from_string (o->kind, &kind);
      ok = cited_store_set_alias (store, brand, value, kind, !o->off, &error);
    }
  else if (g_str_equal (verb, "exclude"))
    ok = cited_store_exclude (store, brand, value, &error);
  else if (g_str_equal (verb, "rename"))
    ok = cited_store_rename_brand (store, brand, value, &error);
  else if (g_str_equal (verb, "color"))
    ok = cited_store_set_brand_color (store, brand, value, &error);
  else
    ok = cited_store_remove_brand (store, brand, &error);
  if (!ok)
    {
      print_error (_("Cannot change the brand “%s”: %s"), brand, error->message);
      return EXIT_FAILED;
    }
  if (g_str_equal (verb, "remove"))
    {
      printf (_("Removed %s from the brands"), brand);
      fputc ('\n', stdout);
      return EXIT_OK;
    }
  return print_brand_counts (store, g_str_equal (verb, "rename") ? g_strstrip ((char *) value) : brand);
}

/* Checks the arguments of brands alias|exclude|rename|color|remove. */
static int
brands_edit (Cli           *cli,
             BrandsOptions *o,
             char         **rest)
{
  gboolean remove = g_str_equal (rest[0], "remove");
  gboolean alias = g_str_equal (rest[0], "alias");
  CitedAliasKind kind;

  if (rest[1] == NULL || (!remove && rest[2] == NULL))
    return usage_error ("brands", remove ? _("Name the brand: cited-cli brands remove NAME")
                                         : _("Name the brand and what to set: cited-cli brands %s NAME VALUE"),
                        rest[0]);
  if (rest[remove ? 2 : 3] != NULL)
    return usage_error ("brands", _("Unexpected argument “%s”"), rest[remove ? 2 : 3]);
  if (o->format_name != NULL || o->all || o->discovered || o->aliases != NULL || o->color != NULL ||
      o->into != NULL || (!alias && (o->kind != NULL || o->off)))
    return usage_error ("brands", _("brands %s takes no such option"), rest[0]);
  if (o->kind != NULL && !cited_alias_kind_from_string (o->kind, &kind))
    return usage_error ("brands", _("“%s” is no kind of alias: use name, person or product"), o->kind);
  for (guint i = 1; rest[i] != NULL; i++)
    {
      if (!ensure_utf8 (&rest[i], "brands", "NAME") || !ensure_printable (rest[i], "brands", "NAME"))
        return EXIT_USAGE;
      if (*g_strstrip (rest[i]) == '\0')
        return usage_error ("brands", _("The brand name is empty"));
    }
  if (g_str_equal (rest[0], "color") && !is_color (rest[2]))
    return usage_error ("brands", _("“%s” is not a colour: write it as #RRGGBB"), rest[2]);
  return cmd_brands_edit (cli, o, rest[0], rest[1], rest[2]);
}

/* cited-cli brands add NAME [--alias ALIAS]… [--color #RRGGBB] */
static int
brands_add (Cli           *cli,
            BrandsOptions *o,
            char         **rest)
{
  g_autofree char *name = NULL;

  if (rest[1] == NULL)
    return usage_error ("brands", _("Name the brand to add: cited-cli brands add NAME"));
  if (rest[2] != NULL)
    return usage_error ("brands", _("Unexpected argument “%s”"), rest[2]);
  if (o->format_name != NULL || o->all || o->discovered)
    return usage_error ("brands", _("--format, --all and --discovered do not apply to brands add"));
  if (o->into != NULL)
    return usage_error ("brands", _("--into goes with: cited-cli brands merge NAME --into BRAND"));
  name = g_strdup (rest[1]);
  if (!ensure_utf8 (&name, "brands", "NAME") ||
      !ensure_utf8_strv (o->aliases, "brands", "--alias"))
    return EXIT_USAGE;
  g_strstrip (name);
  if (*name == '\0')
    return usage_error ("brands", _("The brand name is empty"));
  if (!ensure_printable (name, "brands", "NAME"))
    return EXIT_USAGE;
  for (guint i = 0; o->aliases != NULL && o->aliases[i] != NULL; i++)
    {
      if (*g_strstrip (o->aliases[i]) == '\0')
        return usage_error ("brands", _("An alias is empty"));
      if (!ensure_printable (o->aliases[i], "brands", "--alias"))
        return EXIT_USAGE;
    }
  if (o->color != NULL && !is_color (o->color))
    return usage_error ("brands", _("“%s” is not a colour: write it as #RRGGBB"), o->color);
  return cmd_brands_add (cli, name, o->aliases, o->color);
}

/* cited-cli brands accept|merge|hide NAME [--into BRAND] */
static int
brands_decide (Cli           *cli,
               BrandsOptions *o,
               char         **rest)
{
  g_autofree char *name = NULL;
  gboolean merge = g_str_equal (rest[0], "merge");

  if (rest[1] == NULL)
    return usage_error ("brands", _("Name the company: cited-cli brands %s NAME"), rest[0]);
  if (rest[2] != NULL)
    return usage_error ("brands", _("Unexpected argument “%s”"), rest[2]);
  if (o->format_name != NULL || o->all || o->discovered || o->aliases != NULL || o->color != NULL)
    return usage_error ("brands", _("brands %s takes no other option than --into"), rest[0]);
  if (merge && o->into == NULL)
    return usage_error ("brands", _("Name the brand to merge into: cited-cli brands merge NAME --into BRAND"));
  if (!merge && o->into != NULL)
    return usage_error ("brands", _("--into goes with: cited-cli brands merge NAME --into BRAND"));
  name = g_strdup (rest[1]);
  if (!ensure_utf8 (&name, "brands", "NAME") || !ensure_utf8 (&o->into, "brands", "--into"))
    return EXIT_USAGE;
  g_strstrip (name);
  if (*name == '\0')
    return usage_error ("brands", _("The company name is empty"));
  if (!ensure_printable (name, "brands", "NAME") || !ensure_printable (o->into, "brands", "--into"))
    return EXIT_USAGE;
  return cmd_brands_decide (cli, rest[0], name, o->into);
}

/* cited-cli brands [--discovered] [--all] [--format FORMAT] */
static int
brands_list (Cli           *cli,
             BrandsOptions *o)
{
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  OutputFormat format;

  if (o->into != NULL)
    return usage_error ("brands", _("--into goes with: cited-cli brands merge NAME --into BRAND"));
  if (o->aliases != NULL || o->color != NULL)
    return usage_error ("brands", _("--alias and --color go with: cited-cli brands add NAME"));
  if (!parse_format (o->format_name, "brands", &format))
    return EXIT_USAGE;
  if (o->discovered)
    return cmd_brands_discovered (cli, o->all, format);

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  list = cited_store_brand_stats (store, o->all, &error);
  if (list == NULL)
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }
  if (list->len == 0 && !store_is_empty (store))
    fprintf (stderr, "%s\n", _("No brand is mentioned yet."));

  switch (format)
    {
    case FORMAT_JSON:
      print_brands_json (list);
      break;
    case FORMAT_CSV:
      print_brands_csv (list);
      break;
    case FORMAT_TEXT:
    default:
      if (list->len > 0)
        print_brands_text (list);
      break;
    }
  return EXIT_OK;
}

static int
cmd_brands (Cli    *cli,
            char ***args)
{
  BrandsOptions o = { 0 };
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &o.format_name,
      N_("Output format: text (default), json or csv"), N_("FORMAT") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &o.all,
      N_("Also list brands no article mentions (with --discovered: companies already decided on)"), NULL },
    { "discovered", 'd', 0, G_OPTION_ARG_NONE, &o.discovered,
      N_("List the companies found in the articles that are no brand yet"), NULL },
    { "into", 0, 0, G_OPTION_ARG_FILENAME, &o.into,
      N_("With merge: the brand the company is another name of"), N_("BRAND") },
    { "alias", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.aliases,
      N_("With add: another name the brand goes by (repeatable)"), N_("ALIAS") },
    { "color", 0, 0, G_OPTION_ARG_FILENAME, &o.color,
      N_("With add: the brand’s colour in charts"), N_("#RRGGBB") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &o.kind,
      N_("With alias: what the alias names: name, person or product"), N_("KIND") },
    { "off", 0, 0, G_OPTION_ARG_NONE, &o.off,
      N_("With alias: list the alias but do not count it for the brand"), NULL },
    { NULL }
  };
  g_auto(GStrv) rest = NULL;
  int status;

  status = parse_command (cli, "brands",
                          _("[--discovered] [--format FORMAT] | brands add NAME [--alias ALIAS]… [--color #RRGGBB] | "
                            "brands accept NAME | brands merge NAME --into BRAND | brands hide NAME | "
                            "brands alias NAME ALIAS [--kind KIND] [--off] | brands exclude NAME PHRASE | "
                            "brands rename NAME NEW | brands color NAME #RRGGBB | brands remove NAME"),
                          _("Lists the brands the articles mention, with their share of voice "
                            "(their part of all brand mentions), or adds a brand to the lexicon "
                            "and re-scans the stored articles for it. With --discovered, lists the "
                            "companies found in the articles that the lexicon does not know; accept "
                            "makes one a brand, merge gives what was found under it to a brand, hide "
                            "takes it off its figures. alias adds an alias to a brand or turns one on "
                            "or off (a person or product alias, such as “Lei Jun” or “Android”, "
                            "counts only while on); exclude says a phrase is not the brand; rename, "
                            "color, remove and merge change a brand of the lexicon. Each change "
                            "re-attributes the stored mentions and figures."),
                          entries, args);
  if (status < 0)
    {
      rest = positional_args (*args);
      if (rest[0] != NULL && g_str_equal (rest[0], "add"))
        status = brands_add (cli, &o, rest);
      else if (rest[0] != NULL && (g_str_equal (rest[0], "accept") || g_str_equal (rest[0], "merge") ||
                                   g_str_equal (rest[0], "hide")))
        status = brands_decide (cli, &o, rest);
      else if (rest[0] != NULL && (g_str_equal (rest[0], "alias") || g_str_equal (rest[0], "exclude") ||
                                   g_str_equal (rest[0], "rename") || g_str_equal (rest[0], "color") ||
                                   g_str_equal (rest[0], "remove")))
        status = brands_edit (cli, &o, rest);
      else if (rest[0] != NULL)
        status = usage_error ("brands", _("Unexpected argument “%s”"), rest[0]);
      else
        status = brands_list (cli, &o);
    }
  brands_options_clear (&o);
  return status;
}

/* ------------------------------------------------------------------------
 * chart
 */

static gboolean
has_chart_extension (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".svg") ||
         g_str_has_suffix (lower, ".pdf") || g_str_has_suffix (lower, ".csv");
}

/* A chart as CSV: a figures chart's figures with their sources, else the
 * plotted values. */
static gboolean
write_chart_csv (CitedChart  *chart,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *csv = cited_chart_to_sources_csv (chart);

  if (csv == NULL)
    csv = cited_chart_to_csv (chart);
  return g_file_set_contents_full (path, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

/* What a chart command line asks for; a saved view (--view) fills in what
 * it leaves out. */
typedef struct {
  gboolean figures;
  gboolean brands;
  gboolean trend;
  gboolean claims;
  GStrv brand_names;
  char *metric;
  char *search;
  char *claim_status;
  char *span;
  char *date_from;
  char *date_to;
} ChartArgs;

static void
chart_args_clear (ChartArgs *o)
{
  g_clear_pointer (&o->brand_names, g_strfreev);
  g_clear_pointer (&o->metric, g_free);
  g_clear_pointer (&o->search, g_free);
  g_clear_pointer (&o->claim_status, g_free);
  g_clear_pointer (&o->span, g_free);
  g_clear_pointer (&o->date_from, g_free);
  g_clear_pointer (&o->date_to, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChartArgs, chart_args_clear)

static guint
chart_args_n_kinds (const ChartArgs *o)
{
  return (o->figures ? 1 : 0) + (o->claims ? 1 : 0) + (o->brands ? 1 : 0) + (o->trend ? 1 : 0);
}

static void
inherit_string (char       **field,
                const char  *value)
{
  if (*field == NULL)
    *field = g_strdup (value);
}

/* Takes from @view what the command line did not say. Another kind of
 * chart than the view's keeps the view's filters only where they apply:
 * brand lists go from share of voice to mentions over time, figure
 * filters from by-brand to over-time charts (which draw every status). */
static void
chart_args_apply_view (ChartArgs                *o,
                       const CitedChartSettings *view)
{
  gboolean view_figures = view->source == CITED_CHART_SOURCE_FIGURES ||
                          view->source == CITED_CHART_SOURCE_CLAIMS;
  gboolean figures;

  if (chart_args_n_kinds (o) == 0)
    {
      o->figures = view->source == CITED_CHART_SOURCE_FIGURES;
      o->claims = view->source == CITED_CHART_SOURCE_CLAIMS;
      o->brands = view->source == CITED_CHART_SOURCE_BRANDS;
      o->trend = view->source == CITED_CHART_SOURCE_TREND;
    }
  figures = o->figures || o->claims;
  if (figures != view_figures)
    return;
  if (o->brand_names == NULL)
    o->brand_names = g_strdupv (view->brands);
  if (!figures)
    return;
  inherit_string (&o->metric, view->query.metric);
  inherit_string (&o->search, view->query.search);
  inherit_string (&o->span, view->query.span);
  inherit_string (&o->date_from, view->query.date_from);
  inherit_string (&o->date_to, view->query.date_to);
  if (o->figures)
    inherit_string (&o->claim_status, view->query.claim_status);
}

/* Checks the chart options of @command; with @single, exactly one kind of
 * chart is asked for, else at least one. Returns -1 when they hold
 * together, else the usage exit status. */
static int
chart_args_check (ChartArgs  *o,
                  const char *command,
                  gboolean    single)
{
  gboolean figures = o->figures || o->claims;
  CitedSpan span_value;
  CitedClaimStatus status_value;

  if (single && chart_args_n_kinds (o) != 1)
    return usage_error (command, _("Choose one kind of chart: --figures, --claims, --brands or --trend"));
  if (chart_args_n_kinds (o) == 0)
    return usage_error (command, _("Choose the charts: --figures, --claims, --brands or --trend"));
  /* Over time, a metric's figures take the same filters as by brand. */
  if (o->claims && o->claim_status != NULL)
    return usage_error (command, _("--claims draws every status: leave out --status"));
  if (figures && o->metric == NULL)
    return usage_error (command, _("A figures chart needs --metric NAME"));
  if (figures && o->brand_names != NULL && g_strv_length (o->brand_names) > 1)
    return usage_error (command, _("A figures chart takes one --brand"));
  if (!figures && (o->metric != NULL || o->search != NULL || o->claim_status != NULL ||
                   o->span != NULL || o->date_from != NULL || o->date_to != NULL))
    return usage_error (command, _("--metric, --search, --status, --span, --from and --to go with --figures"));
  if (o->span != NULL && !cited_span_from_string (o->span, &span_value))
    return usage_error (command, _("Unknown span “%s”: use period, cumulative, rate or point"),
                        o->span);
  if (o->claim_status != NULL && !cited_claim_status_from_string (o->claim_status, &status_value))
    return usage_error (command,
                        _("Unknown status “%s”: use reported, forecast, target or plan"),
                        o->claim_status);
  if (!ensure_utf8_strv (o->brand_names, command, "--brand") ||
      !ensure_utf8 (&o->metric, command, "--metric") ||
      !ensure_utf8 (&o->search, command, "--search"))
    return EXIT_USAGE;
  return -1;
}

/* The settings of the chart of @source that @o asks for, with brands by
 * their canonical names; NULL after a usage error. A chart of brands
 * takes none of the figures' filters, one over time no status. */
static CitedChartSettings *
chart_args_settings (ChartArgs        *o,
                     CitedStore       *store,
                     const char       *command,
                     CitedChartSource  source)
{
  g_autoptr(CitedChartSettings) settings = NULL;
  g_autoptr(GPtrArray) canonical = g_ptr_array_new ();
  gboolean figures = source == CITED_CHART_SOURCE_FIGURES || source == CITED_CHART_SOURCE_CLAIMS;

  for (guint i = 0; o->brand_names != NULL && o->brand_names[i] != NULL; i++)
    {
      const char *name = resolve_brand (store, command, o->brand_names[i]);

      if (name == NULL)
        return NULL;
      g_ptr_array_add (canonical, (gpointer) name);
    }
  g_ptr_array_add (canonical, NULL);
  if (figures && !check_metric (store, command, o->metric))
    return NULL;

  settings = cited_chart_settings_new (source);
  cited_chart_settings_set_brands (settings, (const char * const *) canonical->pdata);
  if (!figures)
    return g_steal_pointer (&settings);
  cited_chart_settings_set_metric (settings, o->metric);
  cited_chart_settings_set_search (settings, o->search);
  if (source == CITED_CHART_SOURCE_FIGURES)
    cited_chart_settings_set_claim_status (settings, o->claim_status);
  cited_chart_settings_set_span (settings, o->span);
  cited_chart_settings_set_dates (settings, o->date_from, o->date_to);
  return g_steal_pointer (&settings);
}

/* The saved view @name, or NULL after saying there is none. */
static CitedChartSettings *
load_view (CitedStore *store,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  CitedChartSettings *view = cited_store_get_view (store, name, &error);

  if (view != NULL)
    return view;
  if (g_error_matches (error, CITED_ERROR, CITED_ERROR_NOT_FOUND))
    print_error (_("No saved view called “%s”. List them with: cited-cli views"), name);
  else
    print_error ("%s", error->message);
  return NULL;
}

/* Says why the chart of @settings came out empty. */
static void
print_nothing_to_chart (CitedStore               *store,
                        const CitedChartSettings *settings)
{
  switch (settings->source)
    {
    case CITED_CHART_SOURCE_CLAIMS:
      print_error (_("Nothing to chart: no dated article cites figures that match"));
      break;
    case CITED_CHART_SOURCE_FIGURES:
      hint_metrics (store, settings->query.metric);
      print_error (_("Nothing to chart: no figures match"));
      break;
    case CITED_CHART_SOURCE_TREND:
      print_error (_("Nothing to chart: no dated article mentions these brands"));
      break;
    case CITED_CHART_SOURCE_BRANDS:
    default:
      print_error (_("Nothing to chart: no article mentions these brands"));
      break;
    }
}

/* The chart of @settings, or NULL after saying why there is none. */
static CitedChart *
build_chart (CitedStore               *store,
             const CitedChartSettings *settings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedChart) chart = cited_chart_settings_build (settings, store, &error);

  if (chart == NULL)
    {
      print_error (_("Cannot make the chart: %s"), error->message);
      return NULL;
    }
  if (chart->categories->len == 0 || chart->series->len == 0)
    {
      print_nothing_to_chart (store, settings);
      return NULL;
    }
  return g_steal_pointer (&chart);
}

static int
write_chart_output (CitedChart *chart,
                    const char *output,
                    int         width,
                    int         height)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (output);
  g_autofree char *lower = g_ascii_strdown (output, -1);
  gboolean written = g_str_has_suffix (lower, ".csv")
                     ? write_chart_csv (chart, output, &error)
                     : cited_chart_export (chart, output, width, height, &error);

  if (!written)
    {
      print_error (_("Cannot write %s: %s"), display, error->message);
      return EXIT_FAILED;
    }
  printf ("%s\n", display);
  return EXIT_OK;
}

/* Checks the names of --view and --save-view and what to write; -1 when
 * they hold together. */
static int
chart_check_output (char       **view_name,
                    char       **save_name,
                    const char  *output,
                    int          width,
                    int          height)
{
  if (!ensure_utf8 (view_name, "chart", "--view") || !ensure_utf8 (save_name, "chart", "--save-view"))
    return EXIT_USAGE;
  if (*save_name != NULL)
    {
      g_strstrip (*save_name);
      if (**save_name == '\0')
        return usage_error ("chart", _("Name the view to save: --save-view NAME"));
      if (!ensure_printable (*save_name, "chart", "--save-view"))
        return EXIT_USAGE;
    }
  if (output == NULL && *save_name == NULL)
    return usage_error ("chart", _("Name the file to write with --output FILE.png, .svg, .pdf or .csv"));
  if (output != NULL && !has_chart_extension (output))
    return usage_error ("chart", _("The output file must end in .png, .svg, .pdf or .csv"));
  if (width < MIN_CHART_SIZE || width > MAX_CHART_SIZE ||
      height < MIN_CHART_SIZE || height > MAX_CHART_SIZE)
    return usage_error ("chart", _("Width and height must be between %d and %d pixels"),
                        MIN_CHART_SIZE, MAX_CHART_SIZE);
  return -1;
}

/* The options choosing charts and their figures, then @extra (ending in
 * an entry of NULL name), in one array for parse_command(). */
static GArray *
chart_option_entries (ChartArgs          *o,
                      const GOptionEntry *extra)
{
  const GOptionEntry entries[] = {
    { "figures", 0, 0, G_OPTION_ARG_NONE, &o->figures,
      N_("Figures of one metric (--metric) by brand"), NULL },
    { "brands", 0, 0, G_OPTION_ARG_NONE, &o->brands,
      N_("Share of voice of brands"), NULL },
    { "trend", 0, 0, G_OPTION_ARG_NONE, &o->trend,
      N_("Brand mentions by month"), NULL },
    { "claims", 0, 0, G_OPTION_ARG_NONE, &o->claims,
      N_("One metric's figures (--metric) at their articles' dates, one line per status"), NULL },
    { "brand", 'b', 0, G_OPTION_ARG_FILENAME_ARRAY, &o->brand_names,
      N_("A brand to chart (repeatable; one with --figures)"), N_("NAME") },
    { "metric", 'm', 0, G_OPTION_ARG_FILENAME, &o->metric,
      N_("With --figures: the metric to chart (sales, price, patents, …)"), N_("NAME") },
    { "search", 's', 0, G_OPTION_ARG_FILENAME, &o->search,
      N_("With --figures: only figures from articles matching these words"), N_("QUERY") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &o->claim_status,
      N_("With --figures: chart what is stated as this: reported (default), forecast, target or plan"),
      N_("STATUS") },
    { "span", 0, 0, G_OPTION_ARG_STRING, &o->span,
      N_("With --figures: chart figures of this span: period, cumulative, rate or point "
         "(default: the most common)"), N_("SPAN") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o->date_from,
      N_("With --figures: only figures from articles published on or after this date"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o->date_to,
      N_("With --figures: only figures from articles published on or before this date"), N_("YYYY-MM-DD") },
  };
  GArray *all = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  g_array_append_vals (all, entries, G_N_ELEMENTS (entries));
  for (guint i = 0; extra[i].long_name != NULL; i++)
    g_array_append_val (all, extra[i]);
  return all;
}

/* The kinds of chart @o asks for, in the order figures, claims, brands,
 * trend. */
static guint
chart_args_sources (const ChartArgs  *o,
                    CitedChartSource  sources[4])
{
  guint n = 0;

  if (o->figures)
    sources[n++] = CITED_CHART_SOURCE_FIGURES;
  if (o->claims)
    sources[n++] = CITED_CHART_SOURCE_CLAIMS;
  if (o->brands)
    sources[n++] = CITED_CHART_SOURCE_BRANDS;
  if (o->trend)
    sources[n++] = CITED_CHART_SOURCE_TREND;
  return n;
}

/* Opens the store for @command and completes @o from the saved view
 * @view_name, when one is named, checking the options again. Returns -1
 * with the store in *@store_out, else the exit status. */
static int
open_chart_store (Cli         *cli,
                  ChartArgs   *o,
                  const char  *view_name,
                  const char  *command,
                  gboolean     single,
                  CitedStore **store_out)
{
  g_autoptr(CitedStore) store = open_store (cli, FALSE);
  int status;

  if (store == NULL)
    return EXIT_FAILED;
  if (view_name != NULL)
    {
      g_autoptr(CitedChartSettings) view = load_view (store, view_name);

      if (view == NULL)
        return EXIT_USAGE;
      chart_args_apply_view (o, view);
      if ((status = chart_args_check (o, command, single)) >= 0)
        return status;
    }
  if (store_is_empty (store))
    return EXIT_FAILED;
  *store_out = g_steal_pointer (&store);
  return -1;
}

static int
cmd_chart (Cli    *cli,
           char ***args)
{
  g_auto(ChartArgs) o = { 0 };
  g_autofree char *output = NULL;
  g_autofree char *title = NULL;
  g_autofree char *view_name = NULL;
  g_autofree char *save_name = NULL;
  int width = DEFAULT_CHART_WIDTH;
  int height = DEFAULT_CHART_HEIGHT;
  const GOptionEntry extra[] = {
    { "view", 0, 0, G_OPTION_ARG_FILENAME, &view_name,
      N_("Draw the saved view NAME; the options given with it change what they name"), N_("NAME") },
    { "save-view", 0, 0, G_OPTION_ARG_FILENAME, &save_name,
      N_("Save the chart’s settings as the view NAME (replacing one of that name)"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write: .png, .svg, .pdf, or .csv for the figures and their sources"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width,
      N_("Width in pixels (default 1200)"), N_("PX") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height,
      N_("Height in pixels (default 800)"), N_("PX") },
    { "title", 't', 0, G_OPTION_ARG_FILENAME, &title,
      N_("The chart’s title instead of the one Cited gives it"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GArray) entries = chart_option_entries (&o, extra);
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedChart) chart = NULL;
  g_autoptr(CitedChartSettings) settings = NULL;
  CitedChartSource sources[4];
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  int status;

  status = parse_command (cli, "chart",
                          _("(--figures|--claims|--brands|--trend|--view NAME) [--brand NAME]… "
                            "[--metric NAME] [--status STATUS] [--span SPAN] [--from DATE] [--to DATE] "
                            "[--output FILE] [--save-view NAME] [--width PX] [--height PX] [--title TEXT]"),
                          _("Draws a chart into a PNG, SVG or PDF file, or saves its settings as a view."),
                          (const GOptionEntry *) entries->data, args);
  if (status >= 0)
    return status;

  rest = positional_args (*args);
  if (rest[0] != NULL)
    return usage_error ("chart", _("Unexpected argument “%s”"), rest[0]);
  status = chart_check_output (&view_name, &save_name, output, width, height);
  if (status >= 0)
    return status;
  if (!ensure_utf8 (&title, "chart", "--title"))
    return EXIT_USAGE;

  /* Without a view, the options are checked before the database is
   * opened; a view's settings are read from it first. */
  if (view_name == NULL && (status = chart_args_check (&o, "chart", TRUE)) >= 0)
    return status;
  status = open_chart_store (cli, &o, view_name, "chart", TRUE, &store);
  if (status >= 0)
    return status;

  chart_args_sources (&o, sources);
  settings = chart_args_settings (&o, store, "chart", sources[0]);
  if (settings == NULL)
    return EXIT_USAGE;
  chart = build_chart (store, settings);
  if (chart == NULL)
    return EXIT_FAILED;

  if (save_name != NULL)
    {
      if (!cited_store_save_view (store, save_name, settings, &error))
        {
          print_error (_("Cannot save the view: %s"), error->message);
          return EXIT_FAILED;
        }
      fprintf (stderr, _("Saved the view “%s”"), save_name);
      fputc ('\n', stderr);
    }
  if (output == NULL)
    return EXIT_OK;

  if (title != NULL)
    {
      g_free (chart->title);
      chart->title = g_strdup (title);
    }
  return write_chart_output (chart, output, width, height);
}

/* ------------------------------------------------------------------------
 * report
 */

/* The filters of @o in words, for the report's title page. */
static char *
chart_args_describe (const ChartArgs *o)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (o->metric != NULL)
    {
      g_autofree char *label = cited_metric_label (o->metric);

      /* Translators: the filters on a report's title page, joined by " · " */
      g_string_append_printf (out, _("Metric: %s"), label);
    }
  if (o->brand_names != NULL && o->brand_names[0] != NULL)
    {
      g_autofree char *brands = g_strjoinv (", ", o->brand_names);

      g_string_append (out, out->len ? " · " : "");
      g_string_append_printf (out, _("Brands: %s"), brands);
    }
  if (o->search != NULL && *o->search != '\0')
    {
      g_string_append (out, out->len ? " · " : "");
      g_string_append_printf (out, _("Search: “%s”"), o->search);
    }
  if (o->claim_status != NULL)
    {
      g_string_append (out, out->len ? " · " : "");
      g_string_append_printf (out, _("Status: %s"), o->claim_status);
    }
  if (o->span != NULL)
    {
      g_string_append (out, out->len ? " · " : "");
      g_string_append_printf (out, _("Span: %s"), o->span);
    }
  if (o->date_from != NULL || o->date_to != NULL)
    {
      g_string_append (out, out->len ? " · " : "");
      /* Translators: the articles' dates a report's figures come from */
      g_string_append_printf (out, _("Published: %s – %s"),
                              o->date_from != NULL ? o->date_from : "",
                              o->date_to != NULL ? o->date_to : "");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
has_report_extension (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".pdf") || g_str_has_suffix (lower, ".html") ||
         g_str_has_suffix (lower, ".htm");
}

/* Draws the charts @o asks for into @charts; one with nothing to draw is
 * left out with a word on stderr. Returns -1 when at least one was drawn,
 * else the exit status. */
static int
report_build_charts (ChartArgs  *o,
                     CitedStore *store,
                     GPtrArray  *charts)
{
  CitedChartSource sources[4];
  guint n = chart_args_sources (o, sources);

  for (guint k = 0; k < n; k++)
    {
      g_autoptr(CitedChartSettings) settings = chart_args_settings (o, store, "report", sources[k]);
      g_autoptr(CitedChart) chart = NULL;
      g_autoptr(GError) error = NULL;

      if (settings == NULL)
        return EXIT_USAGE;
      chart = cited_chart_settings_build (settings, store, &error);
      if (chart == NULL)
        {
          print_error (_("Cannot make the chart: %s"), error->message);
          return EXIT_FAILED;
        }
      if (chart->categories->len == 0 || chart->series->len == 0)
        {
          print_nothing_to_chart (store, settings);
          continue;
        }
      g_ptr_array_add (charts, g_steal_pointer (&chart));
    }
  return charts->len > 0 ? -1 : EXIT_FAILED;
}

static int
cmd_report (Cli    *cli,
            char ***args)
{
  g_auto(ChartArgs) o = { 0 };
  g_autofree char *output = NULL;
  g_autofree char *title = NULL;
  g_autofree char *view_name = NULL;
  const GOptionEntry extra[] = {
    { "view", 0, 0, G_OPTION_ARG_FILENAME, &view_name,
      N_("Report on the saved view NAME; the options given with it change what they name"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write: .pdf, or .html for one file a browser shows and prints"), N_("FILE") },
    { "title", 't', 0, G_OPTION_ARG_FILENAME, &title,
      N_("The report’s title instead of its first chart’s"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GArray) entries = chart_option_entries (&o, extra);
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) charts = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_chart_unref);
  g_autoptr(CitedReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filters = NULL;
  g_autofree char *display = NULL;
  g_auto(GStrv) rest = NULL;
  int status;

  status = parse_command (cli, "report",
                          _("(--figures|--claims|--brands|--trend|--view NAME)… [--brand NAME]… "
                            "[--metric NAME] [--status STATUS] [--span SPAN] [--from DATE] [--to DATE] "
                            "--output FILE [--title TEXT]"),
                          _("Writes a report: the corpus, the charts, the claims behind them with "
                            "their sentences and sources, contradictions and every figure, as PDF "
                            "or as one HTML file."),
                          (const GOptionEntry *) entries->data, args);
  if (status >= 0)
    return status;

  rest = positional_args (*args);
  if (rest[0] != NULL)
    return usage_error ("report", _("Unexpected argument “%s”"), rest[0]);
  if (!ensure_utf8 (&view_name, "report", "--view"))
    return EXIT_USAGE;
  if (view_name == NULL && (status = chart_args_check (&o, "report", FALSE)) >= 0)
    return status;
  if (output == NULL)
    return usage_error ("report", _("Name the file to write with --output FILE.pdf or .html"));
  if (!has_report_extension (output))
    return usage_error ("report", _("The output file must end in .pdf or .html"));
  if (!ensure_utf8 (&title, "report", "--title"))
    return EXIT_USAGE;

  status = open_chart_store (cli, &o, view_name, "report", FALSE, &store);
  if (status >= 0)
    return status;
  status = report_build_charts (&o, store, charts);
  if (status >= 0)
    return status;

  filters = chart_args_describe (&o);
  report = cited_report_new (store, filters, &error);
  if (report == NULL)
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }
  cited_report_set_title (report, title);
  for (guint i = 0; i < charts->len; i++)
    cited_report_add_chart (report, g_ptr_array_index (charts, i));

  display = g_filename_display_name (output);
  if (!cited_report_write (report, output, &error))
    {
      print_error (_("Cannot write %s: %s"), display, error->message);
      return EXIT_FAILED;
    }
  printf ("%s\n", display);
  return EXIT_OK;
}

/* ------------------------------------------------------------------------
 * views
 */

/* A view's filters in a few words for the table: "search: phones,
 * status: forecast, span: period, 2024-01-01 – 2024-12-31". */
static char *
view_filters_text (const CitedChartSettings *view)
{
  const CitedQuery *q = &view->query;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (q->search != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("search: %s"), q->search));
  if (q->claim_status != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("status: %s"), q->claim_status));
  if (q->span != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("span: %s"), q->span));
  if (q->date_from != NULL || q->date_to != NULL)
    g_ptr_array_add (parts, g_strdup_printf ("%s – %s", q->date_from != NULL ? q->date_from : "",
                                             q->date_to != NULL ? q->date_to : ""));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static char *
view_time_text (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return time != NULL ? g_date_time_format_iso8601 (time) : NULL;
}

static void
print_views_text (GPtrArray *views)
{
  g_autoptr(CitedCliTable) table = cited_cli_table_new (5);
  guint width = cited_cli_terminal_width (STDOUT_FILENO);

  cited_cli_table_set_column (table, 0, _("NAME"), CITED_CLI_ALIGN_LEFT, 32, TRUE);
  cited_cli_table_set_column (table, 1, _("KIND"), CITED_CLI_ALIGN_LEFT, 0, FALSE);
  cited_cli_table_set_column (table, 2, _("METRIC"), CITED_CLI_ALIGN_LEFT, 0, FALSE);
  cited_cli_table_set_column (table, 3, _("BRANDS"), CITED_CLI_ALIGN_LEFT, 32, TRUE);
  cited_cli_table_set_column (table, 4, _("FILTERS"), CITED_CLI_ALIGN_LEFT, 0, TRUE);

  for (guint r = 0; r < views->len; r++)
    {
      CitedChartSettings *view = g_ptr_array_index (views, r);
      g_autofree char *brands = view->brands != NULL ? g_strjoinv (", ", view->brands) : NULL;
      g_autofree char *filters = view_filters_text (view);
      const char *cells[] = {
        view->name, cited_chart_source_to_string (view->source), view->query.metric, brands, filters,
      };

      cited_cli_table_add_row (table, cells);
    }
  cited_cli_table_print (table, stdout, width, FALSE);
}

static void
print_views_json (GPtrArray *views)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint r = 0; r < views->len; r++)
    {
      CitedChartSettings *view = g_ptr_array_index (views, r);
      g_autofree char *created = view_time_text (view->created);
      g_autofree char *updated = view_time_text (view->updated);
      g_autofree char *json = cited_chart_settings_to_json (view);
      g_autoptr(JsonNode) settings = json_from_string (json, NULL);

      json_builder_begin_object (builder);
      json_add_string_or_null (builder, "name", view->name);
      json_builder_set_member_name (builder, "settings");
      json_builder_add_value (builder, g_steal_pointer (&settings));
      json_add_string_or_null (builder, "created", created);
      json_add_string_or_null (builder, "updated", updated);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  write_json (builder);
}

static void
print_views_csv (GPtrArray *views)
{
  static const char * const header[] = {
    "name", "kind", "metric", "brands", "search", "status", "span", "from", "to", "created", "updated",
  };
  g_autoptr(GString) csv = g_string_new (NULL);

  cited_csv_append_row (csv, header, G_N_ELEMENTS (header), CITED_CSV_CRLF);
  for (guint r = 0; r < views->len; r++)
    {
      CitedChartSettings *view = g_ptr_array_index (views, r);
      const CitedQuery *q = &view->query;
      g_autofree char *brands = view->brands != NULL ? g_strjoinv (";", view->brands) : NULL;
      g_autofree char *created = view_time_text (view->created);
      g_autofree char *updated = view_time_text (view->updated);
      const char *fields[] = {
        view->name, cited_chart_source_to_string (view->source), q->metric, brands, q->search,
        q->claim_status, q->span, q->date_from, q->date_to, created, updated,
      };

      cited_csv_append_row (csv, fields, G_N_ELEMENTS (fields), CITED_CSV_CRLF);
    }
  write_csv (csv);
}

static int
views_list (Cli          *cli,
            OutputFormat  format)
{
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(GError) error = NULL;

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  views = cited_store_list_views (store, &error);
  if (views == NULL)
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }
  if (views->len == 0 && format == FORMAT_TEXT)
    {
      fprintf (stderr, "%s\n", _("No saved views. Save one with: cited-cli chart … --save-view NAME"));
      return EXIT_OK;
    }
  if (format == FORMAT_JSON)
    print_views_json (views);
  else if (format == FORMAT_CSV)
    print_views_csv (views);
  else
    print_views_text (views);
  return EXIT_OK;
}

/* cited-cli views delete NAME | views rename NAME NEW_NAME */
static int
views_change (Cli   *cli,
              char **rest)
{
  gboolean rename = g_str_equal (rest[0], "rename");
  guint n_args = rename ? 2 : 1;
  g_autofree char *name = NULL;
  g_autofree char *new_name = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (g_strv_length (rest) != n_args + 1)
    return rename ? usage_error ("views", _("Name the view and its new name: cited-cli views rename NAME NEW_NAME"))
                  : usage_error ("views", _("Name the view: cited-cli views delete NAME"));
  name = g_strdup (rest[1]);
  new_name = g_strdup (rest[2]);
  if (!ensure_utf8 (&name, "views", "NAME") || !ensure_utf8 (&new_name, "views", "NEW_NAME"))
    return EXIT_USAGE;
  if (new_name != NULL)
    {
      g_strstrip (new_name);
      if (*new_name == '\0')
        return usage_error ("views", _("The new name is empty"));
      if (!ensure_printable (new_name, "views", "NEW_NAME"))
        return EXIT_USAGE;
    }

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  done = rename ? cited_store_rename_view (store, name, new_name, &error)
                : cited_store_delete_view (store, name, &error);
  if (!done)
    {
      if (g_error_matches (error, CITED_ERROR, CITED_ERROR_NOT_FOUND))
        print_error (_("No saved view called “%s”. List them with: cited-cli views"), name);
      else
        print_error ("%s", error->message);
      return g_error_matches (error, CITED_ERROR, CITED_ERROR_DATABASE) ? EXIT_FAILED : EXIT_USAGE;
    }
  if (rename)
    printf (_("Renamed the view “%s” to “%s”"), name, new_name);
  else
    printf (_("Deleted the view “%s”"), name);
  putchar ('\n');
  return EXIT_OK;
}

static int
cmd_views (Cli    *cli,
           char ***args)
{
  g_autofree char *format_name = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format_name,
      N_("Output format: text (default), json or csv"), N_("FORMAT") },
    { NULL }
  };
  g_auto(GStrv) rest = NULL;
  OutputFormat format;
  int status;

  status = parse_command (cli, "views",
                          _("[--format FORMAT] | views rename NAME NEW_NAME | views delete NAME"),
                          _("Lists the saved chart views (saved with cited-cli chart --save-view NAME "
                            "or in the app, drawn with cited-cli chart --view NAME), renames or "
                            "deletes one."),
                          entries, args);
  if (status >= 0)
    return status;

  rest = positional_args (*args);
  if (rest[0] != NULL && (g_str_equal (rest[0], "delete") || g_str_equal (rest[0], "rename")))
    {
      if (format_name != NULL)
        return usage_error ("views", _("views %s takes no --format"), rest[0]);
      return views_change (cli, rest);
    }
  if (rest[0] != NULL)
    return usage_error ("views", _("Unexpected argument “%s”"), rest[0]);
  if (!parse_format (format_name, "views", &format))
    return EXIT_USAGE;
  return views_list (cli, format);
}

/* ------------------------------------------------------------------------
 * feeds
 */

typedef struct {
  GMainLoop *loop;
  GAsyncResult *result;
} FeedsWait;

static void
feeds_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  FeedsWait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static char *
feed_time_text (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (unix_time <= 0)
    return NULL;
  utc = g_date_time_new_from_unix_utc (unix_time);
  local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL;
}

static void
print_feeds_text (GPtrArray *feeds)
{
  g_autoptr(CitedCliTable) table = cited_cli_table_new (5);
  guint width = cited_cli_terminal_width (STDOUT_FILENO);

  cited_cli_table_set_column (table, 0, _("TITLE"), CITED_CLI_ALIGN_LEFT, 32, TRUE);
  cited_cli_table_set_column (table, 1, _("ADDRESS"), CITED_CLI_ALIGN_LEFT, 0, FALSE);
  cited_cli_table_set_column (table, 2, _("LAST SUCCESS"), CITED_CLI_ALIGN_LEFT, 0, FALSE);
  cited_cli_table_set_column (table, 3, _("LAST ERROR"), CITED_CLI_ALIGN_LEFT, 40, TRUE);
  cited_cli_table_set_column (table, 4, _("ITEMS"), CITED_CLI_ALIGN_RIGHT, 0, FALSE);
  for (guint r = 0; r < feeds->len; r++)
    {
      CitedFeed *feed = g_ptr_array_index (feeds, r);
      g_autofree char *success = feed_time_text (feed->last_success);
      g_autofree char *items = g_strdup_printf ("%u", feed->n_items);
      const char *cells[] = {
        feed->title, cited_feed_get_fetch_url (feed), success ? success : _("never"),
        feed->last_error, items,
      };

      cited_cli_table_add_row (table, cells);
    }
  cited_cli_table_print (table, stdout, width, FALSE);
}

static void
print_feeds_json (GPtrArray *feeds)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint r = 0; r < feeds->len; r++)
    {
      CitedFeed *feed = g_ptr_array_index (feeds, r);
      g_autofree char *success = view_time_text (feed->last_success);
      g_autofree char *not_before = view_time_text (feed->not_before);

      json_builder_begin_object (builder);
      json_add_string_or_null (builder, "title", feed->title);
      json_add_string_or_null (builder, "url", feed->url);
      json_add_string_or_null (builder, "moved_to", feed->moved_to);
      json_add_string_or_null (builder, "last_success", feed->last_success > 0 ? success : NULL);
      json_add_string_or_null (builder, "last_error", feed->last_error);
      json_add_string_or_null (builder, "not_before", feed->not_before > 0 ? not_before : NULL);
      json_builder_set_member_name (builder, "items");
      json_builder_add_int_value (builder, feed->n_items);
      json_builder_set_member_name (builder, "full_text");
      json_builder_add_boolean_value (builder, feed->full_text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  write_json (builder);
}

static void
print_feeds_csv (GPtrArray *feeds)
{
  static const char * const header[] = {
    "title", "url", "moved_to", "last_success", "last_error", "items",
  };
  g_autoptr(GString) csv = g_string_new (NULL);

  cited_csv_append_row (csv, header, G_N_ELEMENTS (header), CITED_CSV_CRLF);
  for (guint r = 0; r < feeds->len; r++)
    {
      CitedFeed *feed = g_ptr_array_index (feeds, r);
      g_autofree char *success = feed->last_success > 0 ? view_time_text (feed->last_success) : NULL;
      g_autofree char *items = g_strdup_printf ("%u", feed->n_items);
      const char *fields[] = { feed->title, feed->url, feed->moved_to, success, feed->last_error, items };

      cited_csv_append_row (csv, fields, G_N_ELEMENTS (fields), CITED_CSV_CRLF);
    }
  write_csv (csv);
}

static int
feeds_list (Cli          *cli,
            OutputFormat  format)
{
  g_autoptr(CitedStore) store = open_store (cli, FALSE);
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return EXIT_FAILED;
  feeds = cited_store_list_feeds (store, &error);
  if (feeds == NULL)
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }
  if (feeds->len == 0 && format == FORMAT_TEXT)
    fprintf (stderr, "%s\n", _("No feeds. Subscribe to one with: cited-cli feeds add URL"));
  else if (format == FORMAT_JSON)
    print_feeds_json (feeds);
  else if (format == FORMAT_CSV)
    print_feeds_csv (feeds);
  else
    print_feeds_text (feeds);
  return EXIT_OK;
}

/* Prints one feed's outcome on stderr; returns whether it failed. */
static gboolean
report_feed_result (const CitedFeedResult *result,
                    guint                  done,
                    guint                  total)
{
  const char *name = result->title != NULL ? result->title : result->url;

  if (total > 1)
    fprintf (stderr, "[%u/%u] ", done, total);
  if (result->error != NULL)
    fprintf (stderr, "%s: %s\n", name, result->error);
  else if (result->postponed)
    {
      g_autofree char *when = feed_time_text (result->not_before);

      fprintf (stderr, _("%s: not asked before %s, as its server asked"), name, when);
      fputc ('\n', stderr);
    }
  else if (result->not_modified)
    fprintf (stderr, _("%s: not modified"), name);
  else
    fprintf (stderr, ngettext ("%s: %u new article", "%s: %u new articles", result->n_added),
             name, result->n_added);
  if (result->error == NULL && !result->postponed)
    fputc ('\n', stderr);
  return result->error != NULL;
}

static void
feeds_progress_cb (guint                  done,
                   guint                  total,
                   const CitedFeedResult *last,
                   gpointer               user_data)
{
  gboolean *failed = user_data;

  if (report_feed_result (last, done, total))
    *failed = TRUE;
}

/* Refreshes @ids (every feed when @n_ids is 0) with progress on stderr. */
static int
feeds_refresh_ids (CitedStore   *store,
                   const gint64 *ids,
                   guint         n_ids)
{
  g_autoptr(CitedFeeds) feeds = cited_feeds_new (store);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  FeedsWait wait = { loop, NULL };
  gboolean failed = FALSE;

  cited_feeds_refresh_async (feeds, ids, n_ids, feeds_progress_cb, &failed, NULL,
                             feeds_done_cb, &wait);
  g_main_loop_run (loop);
  results = cited_feeds_refresh_finish (feeds, wait.result, &error);
  g_clear_object (&wait.result);
  release_object (&feeds);
  if (results == NULL)
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }
  if (results->len == 0)
    fprintf (stderr, "%s\n", _("No feeds. Subscribe to one with: cited-cli feeds add URL"));
  return failed ? EXIT_FAILED : EXIT_OK;
}

static int
feeds_refresh (Cli      *cli,
               gboolean  all,
               char    **names)
{
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int status;

  if (all && names[0] != NULL)
    return usage_error ("feeds", _("Give --all or feeds to refresh, not both"));
  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CitedFeed) feed = cited_store_find_feed (store, names[i], &error);

      if (feed == NULL)
        {
          print_error ("%s", error->message);
          return EXIT_FAILED;
        }
      g_array_append_val (ids, feed->id);
    }
  status = feeds_refresh_ids (store, (const gint64 *) ids->data, ids->len);
  release_store (&store);
  return status;
}

static int
feeds_add (Cli      *cli,
           gboolean  full_text,
           char    **urls)
{
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedFeeds) feeds = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  int status = EXIT_OK;

  if (urls[0] == NULL)
    return usage_error ("feeds", _("Name the address of a feed or of a page that links to one"));
  store = open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILED;
  feeds = cited_feeds_new (store);
  for (guint i = 0; urls[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CitedFeedResult) result = NULL;
      FeedsWait wait = { loop, NULL };

      cited_feeds_subscribe_async (feeds, urls[i], full_text, NULL, feeds_done_cb, &wait);
      g_main_loop_run (loop);
      result = cited_feeds_subscribe_finish (feeds, wait.result, &error);
      g_clear_object (&wait.result);
      if (result == NULL)
        {
          print_error ("%s: %s", urls[i], error->message);
          status = EXIT_FAILED;
          continue;
        }
      /* TRANSLATORS: "Subscribed to Finance & economics (https://…): 20 articles" */
      printf (ngettext ("Subscribed to %s (%s): %u article", "Subscribed to %s (%s): %u articles",
                        result->n_added),
              result->title != NULL ? result->title : result->url, result->url, result->n_added);
      fputc ('\n', stdout);
    }
  release_object (&feeds);
  release_store (&store);
  return status;
}

/* feeds full-text NAME on|off */
static int
feeds_full_text (Cli   *cli,
                 char **rest)
{
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  gboolean on;

  if (rest[1] == NULL || rest[2] == NULL || rest[3] != NULL ||
      (!g_str_equal (rest[2], "on") && !g_str_equal (rest[2], "off")))
    return usage_error ("feeds", _("Name the feed and on or off: cited-cli feeds full-text URL|TITLE on|off"));
  on = g_str_equal (rest[2], "on");
  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  feed = cited_store_find_feed (store, rest[1], &error);
  if (feed == NULL || !cited_store_set_feed_full_text (store, feed->id, on, &error))
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }
  return EXIT_OK;
}

/* feeds remove NAME… | feeds rename NAME NEW_TITLE */
static int
feeds_change (Cli   *cli,
              char **rest)
{
  gboolean rename = g_str_equal (rest[0], "rename");
  g_autoptr(CitedStore) store = NULL;
  int status = EXIT_OK;

  if (rest[1] == NULL || (rename && (rest[2] == NULL || rest[3] != NULL)))
    return rename ? usage_error ("feeds", _("Name the feed and its new title: cited-cli feeds rename URL|TITLE NEW_TITLE"))
                  : usage_error ("feeds", _("Name the feed: cited-cli feeds remove URL|TITLE"));
  if (rename && !ensure_printable (rest[2], "feeds", "NEW_TITLE"))
    return EXIT_USAGE;
  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  for (guint i = 1; rest[i] != NULL && (!rename || i == 1); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CitedFeed) feed = cited_store_find_feed (store, rest[i], &error);

      if (feed == NULL ||
          !(rename ? cited_store_rename_feed (store, feed->id, rest[2], &error)
                   : cited_store_remove_feed (store, feed->id, &error)))
        {
          print_error ("%s", error->message);
          status = EXIT_FAILED;
        }
      else if (!rename)
        printf (_("Unsubscribed from %s; its articles stay\n"), feed->title ? feed->title : feed->url);
    }
  return status;
}

static int
feeds_import_opml (Cli   *cli,
                   char **rest)
{
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gsize length = 0;
  guint n_added = 0;
  guint n_known = 0;

  if (rest[1] == NULL || rest[2] != NULL)
    return usage_error ("feeds", _("Name one OPML file: cited-cli feeds import-opml FILE"));
  display = g_filename_display_name (rest[1]);
  if (!g_file_get_contents (rest[1], &contents, &length, &error))
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }
  store = open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILED;
  if (!cited_feeds_import_opml (store, contents, length, &n_added, &n_known, &error))
    {
      print_error ("%s: %s", display, error->message);
      return EXIT_FAILED;
    }
  if (n_known > 0)
    fprintf (stderr, ngettext ("%u feed of the list was subscribed to already\n",
                               "%u feeds of the list were subscribed to already\n", n_known),
             n_known);
  printf (ngettext ("Subscribed to %u feed; fetch its articles with: cited-cli feeds refresh",
                    "Subscribed to %u feeds; fetch their articles with: cited-cli feeds refresh",
                    n_added), n_added);
  fputc ('\n', stdout);
  return EXIT_OK;
}

static int
feeds_export_opml (Cli   *cli,
                   char **rest)
{
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *opml = NULL;

  if (rest[1] == NULL || rest[2] != NULL)
    return usage_error ("feeds", _("Name one file to write: cited-cli feeds export-opml FILE"));
  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  opml = cited_feeds_export_opml (store, &error);
  if (opml == NULL || !g_file_set_contents (rest[1], opml, -1, &error))
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }
  printf (_("Wrote the feeds to %s"), rest[1]);
  fputc ('\n', stdout);
  return EXIT_OK;
}

static int
cmd_feeds (Cli    *cli,
           char ***args)
{
  g_autofree char *format_name = NULL;
  gboolean all = FALSE;
  gboolean full_text = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format_name,
      N_("feeds list: output format, text (default), json or csv"), N_("FORMAT") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("feeds refresh: every feed (the default)"), NULL },
    { "full-text", 0, 0, G_OPTION_ARG_NONE, &full_text,
      N_("feeds add: fetch the page of an item that has only a summary"), NULL },
    { NULL }
  };
  g_auto(GStrv) rest = NULL;
  OutputFormat format;
  const char *sub;
  int status;

  status = parse_command (cli, "feeds",
                          _("[list [--format FORMAT] | add [--full-text] URL… | "
                            "refresh [--all | URL|TITLE…] | rename URL|TITLE NEW_TITLE | "
                            "full-text URL|TITLE on|off | remove URL|TITLE… | import-opml FILE | "
                            "export-opml FILE]"),
                          _("Subscribes to RSS and Atom feeds (or to the feed a web page links to), "
                            "lists them with their last success, last error and items, refreshes, "
                            "renames and removes them, and reads and writes OPML lists."),
                          entries, args);
  if (status >= 0)
    return status;

  rest = positional_args (*args);
  if (!ensure_utf8_strv (rest, "feeds", "ARGUMENT"))
    return EXIT_USAGE;
  sub = rest[0] != NULL ? rest[0] : "list";
  if (format_name != NULL && !g_str_equal (sub, "list"))
    return usage_error ("feeds", _("feeds %s takes no --format"), sub);
  if (all && !g_str_equal (sub, "refresh"))
    return usage_error ("feeds", _("feeds %s takes no --all"), sub);
  if (full_text && !g_str_equal (sub, "add"))
    return usage_error ("feeds", _("feeds %s takes no --full-text"), sub);
  if (g_str_equal (sub, "list"))
    {
      if (rest[0] != NULL && rest[1] != NULL)
        return usage_error ("feeds", _("Unexpected argument “%s”"), rest[1]);
      if (!parse_format (format_name, "feeds", &format))
        return EXIT_USAGE;
      return feeds_list (cli, format);
    }
  if (g_str_equal (sub, "add"))
    return feeds_add (cli, full_text, rest + 1);
  if (g_str_equal (sub, "refresh"))
    return feeds_refresh (cli, all, rest + 1);
  if (g_str_equal (sub, "remove") || g_str_equal (sub, "rename"))
    return feeds_change (cli, rest);
  if (g_str_equal (sub, "full-text"))
    return feeds_full_text (cli, rest);
  if (g_str_equal (sub, "import-opml"))
    return feeds_import_opml (cli, rest);
  if (g_str_equal (sub, "export-opml"))
    return feeds_export_opml (cli, rest);
  return usage_error ("feeds", _("Unknown feeds command “%s”"), sub);
}

/* ------------------------------------------------------------------------
 * main
 */

typedef struct {
  const char *name;
  int (*run) (Cli *cli, char ***args);
  const char *summary;
} Command;

static const Command commands[] = {
  { "import", cmd_import, N_("Import articles from files and folders") },
  { "articles", cmd_articles, N_("List or search the articles") },
  { "figures", cmd_figures, N_("List the figures the articles cite") },
  { "claims", cmd_claims, N_("List the claims: figures that state the same thing, with their sources") },
  { "contradictions", cmd_contradictions, N_("List claims that contradict each other, side by side") },
  { "brands", cmd_brands, N_("List brands with their share of voice, add one, or decide on companies found") },
  { "chart", cmd_chart, N_("Draw a chart into a PNG, SVG or PDF file") },
  { "views", cmd_views, N_("List, rename or delete the saved chart views") },
  { "feeds", cmd_feeds, N_("Subscribe to RSS and Atom feeds, list, refresh, rename or remove them") },
  { "report", cmd_report, N_("Write a report of charts, claims and sources as PDF or HTML") },
};

static char *
commands_description (void)
{
  GString *out = g_string_new (_("Commands:"));

  g_string_append_c (out, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (out, "  %-15s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_c (out, '\n');
  g_string_append (out, _("Run “cited-cli COMMAND --help” for the options of a command."));
  g_string_append_c (out, '\n');
  g_string_append (out, _("Exit status: 0 on success, 1 when some input was rejected or the "
                          "database failed, 2 on a usage error."));
  return g_string_free (out, FALSE);
}

static int
run (int   argc,
     char *argv[])
{
  g_auto(Cli) cli = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *description = NULL;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &cli.global_db,
      N_("The database to use (default: $CITED_DB or the user data folder)"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &cli.help, N_("Show this help"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, cited_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname (PROGRAM_NAME);

  description = commands_description ();
  context = g_option_context_new (_("COMMAND [OPTION…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  /* Stop at the command: what follows belongs to it. */
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_summary (context, _("Explore the figures news articles cite: import "
                                           "articles, list figures and brands, draw charts."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (NULL, "%s", error->message);
  if (cli.global_db != NULL && *cli.global_db == '\0')
    return usage_error (NULL, _("--db needs the path of a database file"));

  if (version)
    {
      printf ("%s %s\n", PROGRAM_NAME, PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (cli.help)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      fputs (help, stdout);
      return EXIT_OK;
    }

  if (args[1] == NULL)
    return usage_error (NULL, _("Name a command: import, articles, figures, brands or chart"));

  if (g_str_equal (args[1], "help"))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      fputs (help, stdout);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (args[1], commands[i].name))
        {
          g_auto(GStrv) command_args = g_strdupv (args + 1);
          return commands[i].run (&cli, &command_args);
        }
    }

  if (args[1][0] == '-')
    return usage_error (NULL, _("Unknown option %s"), args[1]);
  return usage_error (NULL, _("Unknown command “%s”"), args[1]);
}

int
main (int   argc,
      char *argv[])
{
  int status = run (argc, argv);
  int flushed;

  /* Output that did not reach its file (a full disk, /dev/full) is a
   * failure, as it is for cat: a script must not take half a listing for
   * a whole one. */
  errno = 0;
  flushed = fflush (stdout);
  if (flushed != 0 || ferror (stdout))
    {
      g_autofree char *message = NULL;

      if (errno != 0)
        message = g_strdup_printf (_("Could not write the output: %s"), g_strerror (errno));
      else
        message = g_strdup (_("Could not write the output"));
      fprintf (stderr, "%s: %s\n", PROGRAM_NAME, message);
      if (status == EXIT_OK)
        status = EXIT_FAILED;
    }
  return status;
}
