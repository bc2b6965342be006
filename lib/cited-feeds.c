/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-feeds"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>

#include "cited-error.h"
#include "cited-feeds.h"
#include "cited-importer-private.h"
#include "cited-scheduler-private.h"
#include "cited-soup-private.h"

/*
 * Feeds are fetched on the caller's main context with libsoup, a few at a
 * time; what a fetch brings is parsed and stored in a worker thread,
 * through the importer's parser and the store's one transaction per feed.
 * Every worker writes through one connection of its own, one feed at a
 * time, so that refreshes never wait on each other's write lock.
 */

#define MAX_REDIRECTS 5
#define READ_CHUNK ((gsize) 64 * 1024)
/* A server that asks to wait without saying how long is left alone for
 * this long; one that asks for longer than a week is asked again then. */
#define DEFAULT_RETRY_AFTER (30 * 60)
#define MAX_RETRY_AFTER (7 * 24 * 60 * 60)
/* Pages fetched for one feed's summaries in one refresh, at most. */
#define MAX_FULL_TEXT_PAGES 30

struct _CitedFeeds
{
  GObject      parent_instance;

  CitedStore  *store;
  SoupSession *session;
  gsize        max_size;
  guint        timeout;
  char        *user_agent;

  GMutex       write_lock;  /* guards @writer */
  CitedStore  *writer;      /* opened by the first worker */
};

G_DEFINE_FINAL_TYPE (CitedFeeds, cited_feeds, G_TYPE_OBJECT)

/* libsoup's functions. Every caller comes after a session was made, which
 * opened the library (ensure_session()). */
static inline const CitedSoup *
soup (void)
{
  return cited_soup_get (NULL);
}

/* g_set_str() arrived in GLib 2.76; Debian 12 has 2.74. */
static void
set_str (char       **field,
         const char  *value)
{
  char *copy;

  if (*field == value)
    return;
  copy = g_strdup (value);
  g_free (*field);
  *field = copy;
}

/**
 * cited_feed_result_copy:
 * Returns: (transfer full): a copy of @result
 */
CitedFeedResult *
cited_feed_result_copy (const CitedFeedResult *result)
{
  CitedFeedResult *copy = g_new (CitedFeedResult, 1);

  *copy = *result;
  copy->url = g_strdup (result->url);
  copy->title = g_strdup (result->title);
  copy->error = g_strdup (result->error);
  return copy;
}

G_DEFINE_BOXED_TYPE (CitedFeedResult, cited_feed_result, cited_feed_result_copy, cited_feed_result_free)

void
cited_feed_result_free (CitedFeedResult *result)
{
  if (result == NULL)
    return;
  g_free (result->url);
  g_free (result->title);
  g_free (result->error);
  g_free (result);
}

/* ------------------------------------------------------------------ */
/* Operations and jobs                                                 */

typedef struct {
  CitedFeeds        *self;
  GTask             *task;
  GQueue             pending;    /* Job */
  guint              active;
  guint              done;
  guint              total;
  GPtrArray         *results;    /* CitedFeedResult */
  CitedFeedsProgress progress;
  gpointer           progress_data;
  gboolean           subscribe;
} Op;

/* One feed's fetch, then its parse and store. */
typedef struct {
  Op              *op;
  CitedFeed       *feed;           /* refresh: the subscription; subscribe: NULL */
  char            *url;            /* what is fetched now, after redirects */
  GHashTable      *visited;        /* addresses fetched, for redirect loops */
  gboolean         permanent;      /* every redirect so far was permanent */
  char            *moved_to;
  gboolean         followed_link;  /* subscribe: the page's feed link was followed */
  gboolean         full_text;      /* fetch the page of an item that has only a summary */
  SoupMessage     *message;
  GInputStream    *stream;
  GByteArray      *body;
  char            *etag;
  char            *last_modified;
  gboolean         cancelled;
  CitedFeedResult *result;
} Job;

static void job_send (Job *job);
static void job_store (Job *job);
static void op_pump (Op *op);

static Job *
job_new (Op         *op,
         CitedFeed  *feed,
         const char *url)
{
  Job *job = g_new0 (Job, 1);

  job->op = op;
  job->feed = feed;
  job->url = g_strdup (url);
  job->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->permanent = TRUE;
  job->result = g_new0 (CitedFeedResult, 1);
  job->result->url = g_strdup (url);
  if (feed != NULL)
    {
      job->result->feed_id = feed->id;
      job->result->title = g_strdup (feed->title);
      job->full_text = feed->full_text;
    }
  return job;
}

static void
job_free (Job *job)
{
  cited_feed_free (job->feed);
  g_free (job->url);
  g_hash_table_unref (job->visited);
  g_free (job->moved_to);
  g_clear_object (&job->message);
  g_clear_object (&job->stream);
  g_clear_pointer (&job->body, g_byte_array_unref);
  g_free (job->etag);
  g_free (job->last_modified);
  cited_feed_result_free (job->result);
  g_free (job);
}

static void
op_free (Op *op)
{
  g_queue_clear_full (&op->pending, (GDestroyNotify) job_free);
  g_clear_pointer (&op->results, g_ptr_array_unref);
  g_object_unref (op->self);
  g_free (op);
}

static Op *
op_new (CitedFeeds   *self,
        GCancellable *cancellable,
        gpointer      source_tag,
        GAsyncReadyCallback callback,
        gpointer      user_data)
{
  Op *op = g_new0 (Op, 1);

  op->self = g_object_ref (self);
  op->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (op->task, source_tag);
  g_queue_init (&op->pending);
  op->results = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_feed_result_free);
  return op;
}

static void
op_return (Op *op)
{
  g_autoptr(GTask) task = g_steal_pointer (&op->task);

  if (op->subscribe)
    {
      CitedFeedResult *result = g_ptr_array_steal_index (op->results, 0);

      if (result->feed_id == 0)
        {
          g_task_return_new_error (task, CITED_ERROR, CITED_ERROR_FAILED, "%s",
                                   result->error ? result->error : _("The server sent nothing"));
          cited_feed_result_free (result);
        }
      else
        g_task_return_pointer (task, result, (GDestroyNotify) cited_feed_result_free);
    }
  else
    g_task_return_pointer (task, g_steal_pointer (&op->results), (GDestroyNotify) g_ptr_array_unref);
  op_free (op);
}

static void
job_record (Job *job)
{
  Op *op = job->op;
  CitedFeedResult *result = g_steal_pointer (&job->result);

  g_ptr_array_add (op->results, result);
  op->done++;
  if (op->progress != NULL)
    op->progress (op->done, op->total, result, op->progress_data);
  job_free (job);
}

/* A job is over: its result joins the operation's, the next one starts. */
static void
job_done (Job *job)
{
  Op *op = job->op;

  op->active--;
  job_record (job);
  op_pump (op);
}

/* Starts queued jobs while fewer than the most connections run, and ends
 * the operation when every job is done. A feed whose server asked to wait
 * is done without a fetch. */
static void
op_pump (Op *op)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  while (op->active < CITED_FEEDS_MAX_CONNECTIONS && !g_queue_is_empty (&op->pending))
    {
      Job *job = g_queue_pop_head (&op->pending);

      if (job->feed != NULL && job->feed->not_before > now)
        {
          job->result->postponed = TRUE;
          job->result->not_before = job->feed->not_before;
          job_record (job);
          continue;
        }
      op->active++;
      job_send (job);
    }
  if (op->done == op->total)
    op_return (op);
}

/* ------------------------------------------------------------------ */
/* Fetching                                                            */

static void
job_fail (Job        *job,
          const char *message)
{
  g_free (job->result->error);
  job->result->error = g_strdup (message);
  g_clear_pointer (&job->body, g_byte_array_unref);
  job_store (job);
}

static void
job_fail_error (Job          *job,
                const GError *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      job->cancelled = TRUE;
      message = g_strdup (_("Cancelled"));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The server did not answer within %u second",
                                            "The server did not answer within %u seconds",
                                            job->op->self->timeout),
                               job->op->self->timeout);
  else if (job->body != NULL)
    message = g_strdup_printf (_("The download was cut short: %s"), error->message);
  else
    message = g_strdup_printf (_("Could not reach the server: %s"), error->message);
  job_fail (job, message);
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

/* When a 429 or 503 answer's Retry-After (seconds or an HTTP date) lets
 * the server be asked again. */
static gint64
retry_after (SoupMessage *message)
{
  const char *value = soup ()->message_headers_get_one (soup ()->message_get_response_headers (message),
                                                        "Retry-After");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 wait = DEFAULT_RETRY_AFTER;

  if (value != NULL && g_ascii_isdigit (*value))
    wait = g_ascii_strtoll (value, NULL, 10);
  else if (value != NULL)
    {
      g_autoptr(GDateTime) date = soup ()->date_time_new_from_http_string (value);

      if (date != NULL)
        wait = g_date_time_to_unix (date) - now;
    }
  return now + CLAMP (wait, 0, MAX_RETRY_AFTER);
}

/* An answer that is neither content, nor "not modified", nor a redirect. */
static void
job_http_error (Job   *job,
                guint  status)
{
  g_autofree char *message = NULL;

  if (status == SOUP_STATUS_NOT_FOUND)
    message = g_strdup (_("Not found (HTTP 404): check the feed’s address"));
  else if (status == SOUP_STATUS_GONE)
    {
      job->result->gone = TRUE;
      message = g_strdup (_("The feed is gone for good (HTTP 410): unsubscribe from it"));
    }
  else if (status == 429 || status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    {
      g_autofree char *when = NULL;

      job->result->not_before = retry_after (job->message);
      when = format_time (job->result->not_before);
      /* TRANSLATORS: %s is a date and time, %u an HTTP status (429 or 503) */
      message = g_strdup_printf (_("The server asks to wait until %s (HTTP %u)"), when, status);
    }
  else
    /* TRANSLATORS: %u is an HTTP status code, %s its reason ("Internal Server Error") */
    message = g_strdup_printf (_("The server answered HTTP %u %s"), status,
                               soup ()->message_get_reason_phrase (job->message));
  job_fail (job, message);
}

static gboolean
job_redirect (Job   *job,
              guint  status)
{
  const char *location;
  g_autofree char *target = NULL;

  location = soup ()->message_headers_get_one (soup ()->message_get_response_headers (job->message),
                                               "Location");
  if (location == NULL)
    return FALSE;
  target = g_uri_resolve_relative (job->url, location, G_URI_FLAGS_NONE, NULL);
  if (target == NULL)
    return FALSE;
  if (g_hash_table_contains (job->visited, target))
    {
      job_fail (job, _("The feed’s address redirects in a loop"));
      return TRUE;
    }
  if (g_hash_table_size (job->visited) > MAX_REDIRECTS)
    {
      job_fail (job, _("The feed’s address redirects too many times"));
      return TRUE;
    }
  /* Only a chain of permanent redirects moves the feed for good. */
  job->permanent = job->permanent && (status == SOUP_STATUS_MOVED_PERMANENTLY ||
                                      status == SOUP_STATUS_PERMANENT_REDIRECT);
  if (job->permanent)
    set_str (&job->moved_to, target);
  set_str (&job->url, target);
  g_clear_object (&job->stream);
  job_send (job);
  return TRUE;
}

/* A server that hangs up before the length it announced is a download
 * cut short, whatever part of the feed came. */
static gboolean
body_complete (Job *job)
{
  SoupMessageHeaders *headers = soup ()->message_get_response_headers (job->message);
  goffset length = soup ()->message_headers_get_content_length (headers);
  g_autofree char *message = NULL;
  g_autofree char *got = NULL;
  g_autofree char *announced = NULL;

  if (soup ()->message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH ||
      soup ()->message_headers_get_one (headers, "Content-Encoding") != NULL ||
      length <= 0 || (guint64) length <= job->body->len)
    return TRUE;
  /* TRANSLATORS: both are sizes, "1.2 kB of 10.0 kB" */
  got = g_format_size (job->body->len);
  announced = g_format_size (length);
  message = g_strdup_printf (_("The download was cut short: %s of %s"), got, announced);
  job_fail (job, message);
  return FALSE;
}

static void
read_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), res, &error);
  gsize max_size = job->op->self->max_size;

  if (bytes == NULL)
    {
      job_fail_error (job, error);
      return;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      g_clear_object (&job->stream);
      if (!body_complete (job))
        return;
      job_store (job);
      return;
    }
  if (job->body->len + g_bytes_get_size (bytes) > max_size)
    {
      g_autofree char *limit = g_format_size (max_size);
      g_autofree char *message = g_strdup_printf (_("The feed is larger than the limit of %s"), limit);

      g_clear_object (&job->stream);
      job_fail (job, message);
      return;
    }
  g_byte_array_append (job->body, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_input_stream_read_bytes_async (job->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (job->op->task), read_cb, job);
}

static void
job_read (Job *job)
{
  SoupMessageHeaders *headers = soup ()->message_get_response_headers (job->message);
  goffset length = soup ()->message_headers_get_content_length (headers);
  gsize max_size = job->op->self->max_size;

  if (length > 0 && (guint64) length > max_size &&
      soup ()->message_headers_get_one (headers, "Content-Encoding") == NULL)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (max_size);
      g_autofree char *message = NULL;

      /* TRANSLATORS: both are sizes, "52.4 MB" and "20.0 MB" */
      message = g_strdup_printf (_("The feed is %s, larger than the limit of %s"), size, limit);
      g_clear_object (&job->stream);
      job_fail (job, message);
      return;
    }
  set_str (&job->etag, soup ()->message_headers_get_one (headers, "ETag"));
  set_str (&job->last_modified, soup ()->message_headers_get_one (headers, "Last-Modified"));
  job->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (job->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (job->op->task), read_cb, job);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  guint status;

  job->stream = soup ()->session_send_finish ((SoupSession *) source, res, &error);
  if (job->stream == NULL)
    {
      job_fail_error (job, error);
      return;
    }
  status = soup ()->message_get_status (job->message);
  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED &&
      job_redirect (job, status))
    return;
  g_clear_pointer (&job->result->url, g_free);
  job->result->url = g_strdup (job->url);
  if (status == SOUP_STATUS_NOT_MODIFIED && job->feed != NULL)
    {
      job->result->not_modified = TRUE;
      g_clear_object (&job->stream);
      job_store (job);
    }
  else if (SOUP_STATUS_IS_SUCCESSFUL (status))
    job_read (job);
  else
    {
      g_clear_object (&job->stream);
      job_http_error (job, status);
    }
}

/* The session, made (and libsoup opened) at the first fetch. */
static gboolean
ensure_session (CitedFeeds  *self,
                GError     **error)
{
  if (self->session != NULL)
    return TRUE;
  if (cited_soup_get (error) == NULL)
    return FALSE;
  self->session = g_object_new (soup ()->session_get_type (),
                                "user-agent", self->user_agent,
                                "timeout", self->timeout,
                                "max-conns", CITED_FEEDS_MAX_CONNECTIONS,
                                "max-conns-per-host", 2,
                                NULL);
  return TRUE;
}

static void
job_send (Job *job)
{
  CitedFeeds *self = job->op->self;
  SoupMessageHeaders *headers;
  g_autoptr(GError) error = NULL;

  if (!ensure_session (self, &error))
    {
      job_fail (job, error->message);
      return;
    }
  g_clear_object (&job->message);
  job->message = soup ()->message_new ("GET", job->url);
  if (job->message == NULL)
    {
      job_fail (job, _("Not a web address"));
      return;
    }
  g_hash_table_add (job->visited, g_strdup (job->url));
  soup ()->message_add_flags (job->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup ()->message_get_request_headers (job->message);
  soup ()->message_headers_replace (headers, "Accept",
                                    "application/rss+xml, application/atom+xml, application/rdf+xml,"
                                    " application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1");
  if (job->feed != NULL && job->feed->etag != NULL)
    soup ()->message_headers_replace (headers, "If-None-Match", job->feed->etag);
  if (job->feed != NULL && job->feed->last_modified != NULL)
    soup ()->message_headers_replace (headers, "If-Modified-Since", job->feed->last_modified);
  soup ()->session_send_async (self->session, job->message, G_PRIORITY_DEFAULT,
                               g_task_get_cancellable (job->op->task), sent_cb, job);
}

/* ------------------------------------------------------------------ */
/* A web page's feed                                                   */

static gboolean
is_feed_link (xmlNode *node)
{
  g_autofree char *rel = NULL;
  g_autofree char *type = NULL;
  g_auto(GStrv) rels = NULL;

  if (node->type != XML_ELEMENT_NODE || g_ascii_strcasecmp ((const char *) node->name, "link") != 0)
    return FALSE;
  rel = (char *) xmlGetProp (node, (const xmlChar *) "rel");
  type = (char *) xmlGetProp (node, (const xmlChar *) "type");
  if (rel == NULL || type == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (type, "application/rss+xml") != 0 &&
      g_ascii_strcasecmp (type, "application/atom+xml") != 0)
    return FALSE;
  rels = g_strsplit_set (rel, " \t\n", -1);
  for (guint i = 0; rels[i] != NULL; i++)
    if (g_ascii_strcasecmp (rels[i], "alternate") == 0)
      return TRUE;
  return FALSE;
}

static xmlNode *
find_feed_link_node (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (is_feed_link (node))
        return node;
      if ((found = find_feed_link_node (node->children)) != NULL)
        return found;
    }
  return NULL;
}

/* The address of the first RSS or Atom feed a web page names with
 * <link rel="alternate">, resolved against @base, or NULL. */
static char *
find_feed_link (GByteArray *html,
                const char *base)
{
  htmlDocPtr doc;
  xmlNode *link;
  char *url = NULL;

  if (html->len > G_MAXINT)
    return NULL;
  doc = htmlReadMemory ((const char *) html->data, (int) html->len, base, NULL,
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET);
  if (doc == NULL)
    return NULL;
  link = find_feed_link_node (xmlDocGetRootElement (doc));
  if (link != NULL)
    {
      g_autofree char *href = (char *) xmlGetProp (link, (const xmlChar *) "href");

      if (href != NULL)
        url = g_uri_resolve_relative (base, g_strstrip (href), G_URI_FLAGS_NONE, NULL);
    }
  xmlFreeDoc (doc);
  return url;
}

static gboolean
looks_like_html (Job *job)
{
  const char *type = soup ()->message_headers_get_content_type (soup ()->message_get_response_headers (job->message),
                                                                NULL);
  gsize i = 0;
  g_autofree char *head = NULL;

  if (type != NULL && g_ascii_strcasecmp (type, "text/html") == 0)
    return TRUE;
  while (i < job->body->len && g_ascii_isspace (job->body->data[i]))
    i++;
  head = g_ascii_strdown ((const char *) job->body->data + i, MIN (job->body->len - i, 64));
  return g_str_has_prefix (head, "<!doctype html") || g_str_has_prefix (head, "<html");
}

/* ------------------------------------------------------------------ */
/* Parsing and storing, in a worker thread                             */

/* What names an item across refreshes and feeds besides its text: its
 * guid, and its link unless other items of the feed share it (a feed that
 * links every item to its home page). */
static GPtrArray *
item_keys (GPtrArray  *articles,
           GHashTable *guids,
           const char *url)
{
  g_autoptr(GHashTable) links = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < articles->len; i++)
    {
      CitedArticle *article = g_ptr_array_index (articles, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (links, article->path));

      g_hash_table_insert (links, article->path, GUINT_TO_POINTER (n + 1));
    }
  for (guint i = 0; i < articles->len; i++)
    {
      CitedArticle *article = g_ptr_array_index (articles, i);
      const char *guid = g_hash_table_lookup (guids, article);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      g_autofree char *guid_key = guid ? g_strconcat ("guid ", guid, NULL) : NULL;
      g_autofree char *link_key = g_strconcat ("link ", article->path, NULL);

      if (guid_key != NULL)
        g_strv_builder_add (builder, guid_key);
      if (!g_str_equal (article->path, url) &&
          GPOINTER_TO_UINT (g_hash_table_lookup (links, article->path)) == 1)
        g_strv_builder_add (builder, link_key);
      g_ptr_array_add (keys, g_strv_builder_end (builder));
    }
  return keys;
}

/* The feed's own title, as its articles carry it. */
static const char *
feed_title (GPtrArray *articles)
{
  for (guint i = 0; articles != NULL && i < articles->len; i++)
    {
      CitedArticle *article = g_ptr_array_index (articles, i);

      if (article->source != NULL && *article->source != '\0')
        return article->source;
    }
  return NULL;
}

static CitedStore *
get_writer (CitedFeeds  *self,
            GError     **error)
{
  if (self->writer == NULL)
    self->writer = cited_store_open (cited_store_get_path (self->store), error);
  return self->writer;
}

/* Subscribes in the worker: the feed is added only once its document
 * parsed, and taken back when its articles cannot be stored. */
static void
subscribe_locked (Job        *job,
                  CitedStore *writer,
                  GPtrArray  *articles,
                  GPtrArray  *keys)
{
  CitedFeedUpdate update = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  update.etag = job->etag;
  update.last_modified = job->last_modified;
  update.title = feed_title (articles);
  update.articles = articles;
  update.keys = keys;
  if (!cited_store_add_feed (writer, job->url, NULL, &id, &error) ||
      (job->full_text && !cited_store_set_feed_full_text (writer, id, TRUE, &error)) ||
      !cited_store_update_feed (writer, id, &update, &job->result->n_added, &error))
    {
      if (id != 0)
        cited_store_remove_feed (writer, id, NULL);
      job->result->error = g_strdup (error->message);
      return;
    }
  job->result->feed_id = id;
  set_str (&job->result->title, update.title);
}

static void
refresh_locked (Job        *job,
                CitedStore *writer,
                GPtrArray  *articles,
                GPtrArray  *keys)
{
  CitedFeedUpdate update = { 0 };
  g_autoptr(GError) error = NULL;

  update.error = job->result->error;
  update.not_modified = job->result->not_modified;
  update.etag = job->etag;
  update.last_modified = job->last_modified;
  update.moved_to = job->moved_to;
  update.title = feed_title (articles);
  update.not_before = job->result->not_before;
  update.articles = articles;
  update.keys = keys;
  if (!cited_scheduler_update_feed (cited_scheduler_get_default (), writer, job->feed->id,
                                    &update, &job->result->n_added, &error))
    set_str (&job->result->error, error->message);
  else if (job->result->title == NULL)
    set_str (&job->result->title, update.title);
}

/* ------------------------------------------------------------------ */
/* Full text                                                           */

/* Reads a page in the worker thread, up to the size limit. */
static GByteArray *
fetch_page (CitedFeeds    *self,
            SoupSession   *session,
            const char    *url,
            GError       **error)
{
  g_autoptr(SoupMessage) message = soup ()->message_new ("GET", url);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) page = g_byte_array_new ();

  if (message == NULL)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_INVALID, _("Not a web address"));
      return NULL;
    }
  stream = soup ()->session_send (session, message, NULL, error);
  if (stream == NULL)
    return NULL;
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup ()->message_get_status (message)))
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_FAILED, _("The server answered HTTP %u %s"),
                   soup ()->message_get_status (message), soup ()->message_get_reason_phrase (message));
      return NULL;
    }
  for (;;)
    {
      g_autoptr(GBytes) bytes = g_input_stream_read_bytes (stream, READ_CHUNK, NULL, error);

      if (bytes == NULL)
        return NULL;
      if (g_bytes_get_size (bytes) == 0)
        return g_steal_pointer (&page);
      if (page->len + g_bytes_get_size (bytes) > self->max_size)
        {
          g_autofree char *limit = g_format_size (self->max_size);

          g_set_error (error, CITED_ERROR, CITED_ERROR_TOO_LARGE,
                       _("The feed is larger than the limit of %s"), limit);
          return NULL;
        }
      g_byte_array_append (page, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
}

/* The article text of the page at @url, as the importer reads an HTML
 * file, or NULL when the page cannot be had. */
static char *
page_text (CitedFeeds  *self,
           SoupSession *session,
           const char  *url)
{
  g_autoptr(GByteArray) page = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;
  CitedArticle *article;

  page = fetch_page (self, session, url, &error);
  if (page != NULL)
    articles = cited_parse_data (url, (const char *) page->data, page->len, &error);
  if (articles == NULL || articles->len == 0)
    {
      g_debug ("No full text from %s: %s", url, error ? error->message : "no article");
      return NULL;
    }
  article = g_ptr_array_index (articles, 0);
  return g_steal_pointer (&article->body);
}

/* Whether the item with @keys is stored already; its page is then not
 * fetched again. */
static gboolean
item_known (CitedFeeds         *self,
            const char * const *keys)
{
  gboolean known = FALSE;
  CitedStore *writer;

  g_mutex_lock (&self->write_lock);
  writer = get_writer (self, NULL);
  if (writer != NULL && !cited_store_knows_feed_item (writer, keys, &known, NULL))
    known = FALSE;
  g_mutex_unlock (&self->write_lock);
  return known;
}

/* Gives the new items of a feed that has only summaries the text of the
 * pages they link to, when it is longer; an item whose page cannot be had
 * keeps its summary. Runs in the worker, with a session of its own. */
static void
fetch_full_texts (CitedFeeds *self,
                  Job        *job,
                  GPtrArray  *articles,
                  GPtrArray  *keys,
                  GHashTable *summary_only)
{
  g_autoptr(SoupSession) session = NULL;
  guint n_fetched = 0;

  for (guint i = 0; i < articles->len && n_fetched < MAX_FULL_TEXT_PAGES; i++)
    {
      CitedArticle *article = g_ptr_array_index (articles, i);
      g_autofree char *text = NULL;

      if (!g_hash_table_contains (summary_only, article) ||
          (!g_str_has_prefix (article->path, "http://") && !g_str_has_prefix (article->path, "https://")) ||
          item_known (self, g_ptr_array_index (keys, i)))
        continue;
      if (session == NULL)
        session = g_object_new (soup ()->session_get_type (), "user-agent", self->user_agent,
                                "timeout", self->timeout, NULL);
      n_fetched++;
      text = page_text (self, session, article->path);
      if (text != NULL && strlen (text) > strlen (article->body))
        {
          g_free (article->body);
          article->body = g_steal_pointer (&text);
        }
    }
}

static void
store_thread_cb (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  CitedFeeds *self = job->op->self;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_auto(CitedFeedItemInfo) info = { NULL, NULL };
  g_autoptr(GError) error = NULL;
  CitedStore *writer;

  if (job->body != NULL)
    {
      articles = cited_parse_feed (job->url, (const char *) job->body->data, job->body->len,
                                   NULL, &info, &error);
      if (articles == NULL)
        job->result->error = g_strdup (error->message);
      else
        keys = item_keys (articles, info.guids, job->url);
      g_clear_error (&error);
    }
  if (job->cancelled || (job->feed == NULL && articles == NULL))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (articles != NULL && job->full_text)
    fetch_full_texts (self, job, articles, keys, info.summary_only);

  g_mutex_lock (&self->write_lock);
  writer = get_writer (self, &error);
  if (writer == NULL)
    set_str (&job->result->error, error->message);
  else if (job->feed == NULL)
    subscribe_locked (job, writer, articles, keys);
  else
    refresh_locked (job, writer, articles, keys);
  g_mutex_unlock (&self->write_lock);
  g_task_return_boolean (task, TRUE);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (res));

  job_done (job);
}

/* The fetch is over (with a body, a "not modified" or an error): what it
 * brought is parsed and stored in a worker thread. A page given to
 * subscribe to is searched for its feed first. */
static void
job_store (Job *job)
{
  g_autoptr(GTask) task = NULL;

  if (job->feed == NULL && job->body != NULL && !job->followed_link && looks_like_html (job))
    {
      g_autofree char *link = find_feed_link (job->body, job->url);

      if (link == NULL)
        {
          job_fail (job, _("The page names no RSS or Atom feed"));
          return;
        }
      job->followed_link = TRUE;
      g_clear_pointer (&job->body, g_byte_array_unref);
      set_str (&job->url, link);
      job_send (job);
      return;
    }
  if (job->feed == NULL && job->body == NULL && job->result->error == NULL)
    job->result->error = g_strdup (_("The server sent nothing"));

  /* No source object: the last reference to the fetcher (its session and
   * connections) must not be dropped by the worker thread. The operation
   * holds one until every job is back on this thread. */
  task = g_task_new (NULL, NULL, stored_cb, NULL);
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, store_thread_cb);
}

/* ------------------------------------------------------------------ */
/* Public                                                              */

static void
cited_feeds_finalize (GObject *object)
{
  CitedFeeds *self = (CitedFeeds *) object;

  g_clear_object (&self->session);
  g_clear_object (&self->writer);
  g_clear_object (&self->store);
  g_free (self->user_agent);
  g_mutex_clear (&self->write_lock);

  G_OBJECT_CLASS (cited_feeds_parent_class)->finalize (object);
}

static void
cited_feeds_class_init (CitedFeedsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cited_feeds_finalize;
}

static void
cited_feeds_init (CitedFeeds *self)
{
  g_mutex_init (&self->write_lock);
  self->max_size = CITED_FEEDS_DEFAULT_MAX_SIZE;
  self->timeout = CITED_FEEDS_DEFAULT_TIMEOUT;
  self->user_agent = g_strdup ("Cited/" PACKAGE_VERSION " (+https://github.com/cited-app/cited)");
}

/**
 * cited_feeds_new:
 * @store: the store subscriptions and articles live in
 *
 * Returns: (transfer full): a feed fetcher over @store's database
 */
CitedFeeds *
cited_feeds_new (CitedStore *store)
{
  CitedFeeds *self;

  g_return_val_if_fail (CITED_IS_STORE (store), NULL);

  self = g_object_new (CITED_TYPE_FEEDS, NULL);
  self->store = g_object_ref (store);
  return self;
}

void
cited_feeds_set_timeout (CitedFeeds *self,
                         guint       seconds)
{
  g_return_if_fail (CITED_IS_FEEDS (self));

  self->timeout = seconds;
  if (self->session != NULL)
    soup ()->session_set_timeout (self->session, seconds);
}

void
cited_feeds_set_max_size (CitedFeeds *self,
                          gsize       max_size)
{
  g_return_if_fail (CITED_IS_FEEDS (self));

  self->max_size = max_size;
}

const char *
cited_feeds_get_user_agent (CitedFeeds *self)
{
  g_return_val_if_fail (CITED_IS_FEEDS (self), NULL);

  return self->user_agent;
}

/* An http or https address, with "https://" put before one that names
 * no scheme ("example.com/feed"). */
static char *
normalize_url (const char  *url,
               GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (url));
  g_autofree char *full = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  full = strstr (stripped, "://") ? g_strdup (stripped) : g_strconcat ("https://", stripped, NULL);
  uri = g_uri_parse (full, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, CITED_ERROR, CITED_ERROR_INVALID,
                   _("“%s” is not an http or https address"), url);
      return NULL;
    }
  return g_uri_to_string (uri);
}

/**
 * cited_feeds_subscribe_async:
 * @url: a feed's address, or a web page's that links to its feed
 * @full_text: whether to fetch the page of an item that has only a summary
 *
 * Fetches @url; when it is a web page, the feed its
 * <link rel="alternate"> names. The feed is subscribed to and its articles
 * stored only when its document reads as RSS or Atom.
 */
void
cited_feeds_subscribe_async (CitedFeeds          *self,
                             const char          *url,
                             gboolean             full_text,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  g_autoptr(CitedFeed) existing = NULL;
  Op *op;

  g_return_if_fail (CITED_IS_FEEDS (self));
  g_return_if_fail (url != NULL);

  normalized = normalize_url (url, &error);
  if (normalized != NULL)
    existing = cited_store_find_feed (self->store, normalized, NULL);
  if (existing != NULL)
    g_set_error (&error, CITED_ERROR, CITED_ERROR_INVALID,
                 _("You are subscribed to %s already"), normalized);
  if (error != NULL)
    {
      g_task_report_error (self, callback, user_data, cited_feeds_subscribe_async,
                           g_steal_pointer (&error));
      return;
    }
  op = op_new (self, cancellable, cited_feeds_subscribe_async, callback, user_data);
  op->subscribe = TRUE;
  op->total = 1;
  g_queue_push_tail (&op->pending, job_new (op, NULL, normalized));
  ((Job *) g_queue_peek_head (&op->pending))->full_text = full_text;
  op_pump (op);
}

/**
 * cited_feeds_subscribe_finish:
 *
 * Returns: (transfer full): the new subscription's result (its id, title
 *   and the number of articles stored), or %NULL when nothing was
 *   subscribed to
 */
CitedFeedResult *
cited_feeds_subscribe_finish (CitedFeeds    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
id_wanted (gint64        id,
           const gint64 *ids,
           guint         n_ids)
{
  if (n_ids == 0)
    return TRUE;
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] == id)
      return TRUE;
  return FALSE;
}

/**
 * cited_feeds_refresh_async:
 * @ids: (array length=n_ids) (nullable): subscriptions to refresh
 * @n_ids: how many; 0 for every subscription
 * @progress: (nullable) (scope call): called after each feed
 *
 * Refreshes feeds, at most CITED_FEEDS_MAX_CONNECTIONS at a time, asking
 * each server only for what changed since the last time. A feed whose
 * server asked to wait is left alone until then (its result says it was
 * postponed). The result lists every feed's outcome.
 */
void
cited_feeds_refresh_async (CitedFeeds          *self,
                           const gint64        *ids,
                           guint                n_ids,
                           CitedFeedsProgress   progress,
                           gpointer             progress_data,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  Op *op;

  g_return_if_fail (CITED_IS_FEEDS (self));

  feeds = cited_store_list_feeds (self->store, &error);
  if (feeds == NULL)
    {
      g_task_report_error (self, callback, user_data, cited_feeds_refresh_async,
                           g_steal_pointer (&error));
      return;
    }
  op = op_new (self, cancellable, cited_feeds_refresh_async, callback, user_data);
  op->progress = progress;
  op->progress_data = progress_data;
  g_ptr_array_set_free_func (feeds, NULL);
  for (guint i = 0; i < feeds->len; i++)
    {
      CitedFeed *feed = g_ptr_array_index (feeds, i);

      if (!id_wanted (feed->id, ids, n_ids))
        {
          cited_feed_free (feed);
          continue;
        }
      g_queue_push_tail (&op->pending, job_new (op, feed, cited_feed_get_fetch_url (feed)));
      op->total++;
    }
  op_pump (op);
}

/**
 * cited_feeds_refresh_finish:
 *
 * Returns: (transfer container) (element-type CitedFeedResult): each feed's
 *   outcome, in the order they finished, or %NULL on error
 */
GPtrArray *
cited_feeds_refresh_finish (CitedFeeds    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* OPML                                                                */

static void
collect_outlines (xmlNode   *node,
                  GPtrArray *feeds)
{
  for (; node != NULL; node = node->next)
    {
      g_autofree char *url = NULL;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (g_ascii_strcasecmp ((const char *) node->name, "outline") == 0 &&
          (url = (char *) xmlGetProp (node, (const xmlChar *) "xmlUrl")) != NULL &&
          *g_strstrip (url) != '\0')
        {
          CitedFeed *feed = g_new0 (CitedFeed, 1);
          char *title = (char *) xmlGetProp (node, (const xmlChar *) "title");

          if (title == NULL || *title == '\0')
            {
              xmlFree (title);
              title = (char *) xmlGetProp (node, (const xmlChar *) "text");
            }
          feed->url = g_strdup (url);
          feed->title = title != NULL && *title != '\0' ? g_strdup (title) : NULL;
          xmlFree (title);
          g_ptr_array_add (feeds, feed);
        }
      collect_outlines (node->children, feeds);
    }
}

/**
 * cited_feeds_parse_opml:
 * @data: an OPML subscription list
 * @length: its length in bytes
 *
 * Returns: (transfer container) (element-type CitedFeed): the feeds it lists
 *   (address and title, nothing else set), in its order, or %NULL with
 *   CITED_ERROR_PARSE when it is no OPML
 */
GPtrArray *
cited_feeds_parse_opml (const char  *data,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(GPtrArray) feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) cited_feed_free);
  xmlDocPtr doc = NULL;
  xmlNode *root;

  if (length <= G_MAXINT)
    doc = xmlReadMemory (data, (int) length, NULL, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_RECOVER);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL || g_ascii_strcasecmp ((const char *) root->name, "opml") != 0)
    {
      g_set_error_literal (error, CITED_ERROR, CITED_ERROR_PARSE,
                           _("This is not an OPML subscription list"));
      if (doc != NULL)
        xmlFreeDoc (doc);
      return NULL;
    }
  collect_outlines (root->children, feeds);
  xmlFreeDoc (doc);
  return g_steal_pointer (&feeds);
}

/**
 * cited_feeds_to_opml:
 * @feeds: (element-type CitedFeed): subscriptions
 *
 * Returns: (transfer full): an OPML 2.0 document listing @feeds by the
 *   address they are fetched at, with their titles
 */
char *
cited_feeds_to_opml (GPtrArray *feeds)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<opml version=\"2.0\">\n  <head>\n");
  g_autofree char *head_title = g_markup_printf_escaped ("    <title>%s</title>\n",
                                                         _("Cited feed subscriptions"));

  g_string_append (out, head_title);
  g_string_append (out, "  </head>\n  <body>\n");
  for (guint i = 0; i < feeds->len; i++)
    {
      CitedFeed *feed = g_ptr_array_index (feeds, i);
      const char *url = cited_feed_get_fetch_url (feed);
      const char *title = feed->title != NULL ? feed->title : url;
      g_autofree char *line = g_markup_printf_escaped ("    <outline type=\"rss\" text=\"%s\""
                                                       " title=\"%s\" xmlUrl=\"%s\"/>\n",
                                                       title, title, url);

      g_string_append (out, line);
    }
  g_string_append (out, "  </body>\n</opml>\n");
  return g_string_free (out, FALSE);
}

/**
 * cited_feeds_import_opml:
 * @store: the store to subscribe in
 * @data: an OPML subscription list
 * @length: its length
 * @n_added: (out) (optional): feeds subscribed to
 * @n_known: (out) (optional): feeds listed that were subscribed to already
 *
 * Subscribes to every feed an OPML list names, with its title, without
 * fetching anything (the next refresh does). Fails on a file that is no
 * OPML or when the store fails.
 */
gboolean
cited_feeds_import_opml (CitedStore  *store,
                         const char  *data,
                         gsize        length,
                         guint       *n_added,
                         guint       *n_known,
                         GError     **error)
{
  g_autoptr(GPtrArray) listed = cited_feeds_parse_opml (data, length, error);
  guint added = 0;
  guint known = 0;

  if (listed == NULL)
    return FALSE;
  for (guint i = 0; i < listed->len; i++)
    {
      CitedFeed *feed = g_ptr_array_index (listed, i);
      g_autoptr(GError) local_error = NULL;

      if (cited_store_add_feed (store, feed->url, feed->title, NULL, &local_error))
        added++;
      else if (g_error_matches (local_error, CITED_ERROR, CITED_ERROR_INVALID))
        known++;
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  if (n_added != NULL)
    *n_added = added;
  if (n_known != NULL)
    *n_known = known;
  return TRUE;
}

/**
 * cited_feeds_export_opml:
 *
 * Returns: (transfer full): @store's subscriptions as an OPML 2.0 document,
 *   or %NULL when the store fails
 */
char *
cited_feeds_export_opml (CitedStore  *store,
                         GError     **error)
{
  g_autoptr(GPtrArray) feeds = cited_store_list_feeds (store, error);

  return feeds != NULL ? cited_feeds_to_opml (feeds) : NULL;
}
