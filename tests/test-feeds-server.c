/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-feeds-server"
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "test-feeds-server.h"

/* Paths: /feed.xml (two items), /etag.xml (ETag and Last-Modified; a third
 * item in version 2), /gzip.xml, /p301 -> /p308 -> /feed.xml (permanent),
 * /t302 -> /p308 (temporary first), /loop-a <-> /loop-b, /404, /410,
 * /broken.xml, /page.html (links /feed.xml), /nolink.html, /big.xml and
 * /big-chunked.xml (50 MB), /newguids.xml (version 2: new guids, same
 * links), /mode.xml (see feed_server_set_mode()), /corpora/DIR/FILE. */

#define BIG_SIZE ((gsize) 50 * 1024 * 1024)
#define SLOW_MS 2500

struct _FeedServer {
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *soup;
  char         *base;
  char         *corpora;
  GMutex        mutex;
  GCond         cond;
  gboolean      ready;
  int           version;
  char         *mode;
  guint         n_requests;
  SoupMessageHeaders *last_headers;
  char         *big;
};

static char *
item_xml (const char *base,
          const char *guid,
          const char *link,
          const char *title,
          const char *text)
{
  return g_strdup_printf ("<item><title>%s</title><link>%s%s</link><guid>%s</guid>"
                          "<pubDate>Fri, 02 May 2025 09:00:00 GMT</pubDate>"
                          "<description>%s</description></item>",
                          title, base, link, guid, text);
}

static char *
feed_xml (const char *title,
          GPtrArray  *items)
{
  g_autoptr(GString) out = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                         "<rss version=\"2.0\"><channel><title>");

  g_string_append_printf (out, "%s</title><link>http://127.0.0.1/</link>", title);
  for (guint i = 0; i < items->len; i++)
    g_string_append (out, g_ptr_array_index (items, i));
  g_string_append (out, "</channel></rss>\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
loopback_feed (FeedServer *server)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (items, item_xml (server->base, "loop-1", "/story-1", "Xiaomi ships more phones",
                                    "Xiaomi shipped 190 million phones in 2021, the company said."));
  g_ptr_array_add (items, item_xml (server->base, "loop-2", "/story-2", "Huawei files patents",
                                    "Huawei filed 24,000 patent applications last year."));
  return feed_xml ("Loopback Wire", items);
}

static char *
versioned_feed (FeedServer *server,
                const char *path,
                int         version)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  if (g_str_equal (path, "/newguids.xml"))
    {
      const char *prefix = version == 1 ? "n1" : "n2";
      const char *edit = version == 1 ? "" : " (updated)";
      g_autofree char *guid_a = g_strconcat (prefix, "-a", NULL);
      g_autofree char *guid_b = g_strconcat (prefix, "-b", NULL);
      g_autofree char *text_a = g_strconcat ("Apple sold 10 million watches", edit, ".", NULL);
      g_autofree char *text_b = g_strconcat ("Samsung sold 5 million tablets", edit, ".", NULL);

      g_ptr_array_add (items, item_xml (server->base, guid_a, "/again-a", "Watches", text_a));
      g_ptr_array_add (items, item_xml (server->base, guid_b, "/again-b", "Tablets", text_b));
      return feed_xml ("Reposting Wire", items);
    }
  g_ptr_array_add (items, item_xml (server->base, "e-1", "/e-1", "First", "OnePlus sold 3 million phones."));
  g_ptr_array_add (items, item_xml (server->base, "e-2", "/e-2", "Second", "Oppo opened 200 stores."));
  if (version >= 2)
    g_ptr_array_add (items, item_xml (server->base, "e-3", "/e-3", "Third", "Vivo hired 1,000 staff."));
  return feed_xml ("Tagged Wire", items);
}

/* An item's page: the article among the site's navigation and footer. */
#define ARTICLE_PAGE \
  "<!DOCTYPE html><html><head><title>Xiaomi results</title></head><body>" \
  "<nav><ul><li><a href=\"/\">Site navigation</a></li><li><a href=\"/m\">Markets</a></li></ul></nav>" \
  "<article><h1>Xiaomi results</h1>" \
  "<p>Xiaomi sold 190 million smartphones in 2021, the company said on Tuesday.</p>" \
  "<p>Its overseas revenue rose, and the group opened 10,000 stores in China.</p>" \
  "<p>Analysts had expected weaker sales after a difficult year for the industry.</p>" \
  "</article><footer>Copyright Loopback Wire</footer></body></html>"

/* Items with a summary and no content: one links to a page, one to
 * nothing. */
static char *
summaries_feed (FeedServer *server)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (items, item_xml (server->base, "s-1", "/xiaomi-results.html", "Xiaomi results",
                                    "Xiaomi posted results. Read more"));
  g_ptr_array_add (items, item_xml (server->base, "s-2", "/missing-page", "Missing page",
                                    "Short summary of a missing page."));
  return feed_xml ("Summary Wire", items);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *type,
         char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, type, SOUP_MEMORY_TAKE, body, strlen (body));
}

static void
redirect (SoupServerMessage *msg,
          guint              status,
          const char        *to)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", to);
}

static char *
gzip (const char *text,
      gsize      *length)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));

  g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  *length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
}

static gboolean
unpause_cb (gpointer data)
{
  SoupServerMessage *msg = data;

  if (g_object_get_data (G_OBJECT (msg), "gone") == NULL)
    {
      respond (msg, SOUP_STATUS_OK, "application/rss+xml", g_strdup ("<rss></rss>"));
      soup_server_message_unpause (msg);
    }
  return G_SOURCE_REMOVE;
}

static void
disconnected_cb (SoupServerMessage *msg)
{
  g_object_set_data (G_OBJECT (msg), "gone", GINT_TO_POINTER (1));
}

static void
slow (FeedServer        *server,
      SoupServerMessage *msg)
{
  GSource *source = g_timeout_source_new (SLOW_MS);

  soup_server_message_pause (msg);
  g_signal_connect (msg, "disconnected", G_CALLBACK (disconnected_cb), NULL);
  g_source_set_callback (source, unpause_cb, g_object_ref (msg), g_object_unref);
  g_source_attach (source, server->context);
  g_source_unref (source);
}

/* Says the body is 10,000 bytes long, sends part of it and hangs up. */
static void
truncated (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) io = soup_server_message_steal_connection (msg);
  const char *head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                     "Content-Length: 10000\r\nConnection: close\r\n\r\n"
                     "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Cut</title>";

  g_output_stream_write_all (g_io_stream_get_output_stream (io), head, strlen (head),
                             NULL, NULL, NULL);
  g_io_stream_close (io, NULL, NULL);
}

static void
big (FeedServer        *server,
     SoupServerMessage *msg,
     gboolean           chunked)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  g_mutex_lock (&server->mutex);
  if (server->big == NULL)
    {
      const char *head = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>"
                         "<item><title>Big</title><description>";

      server->big = g_malloc (BIG_SIZE + 1);
      memset (server->big, 'x', BIG_SIZE);
      memcpy (server->big, head, strlen (head));
      server->big[BIG_SIZE] = '\0';
    }
  g_mutex_unlock (&server->mutex);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/rss+xml", NULL);
  if (chunked)
    soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                       SOUP_ENCODING_CHUNKED);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, server->big, BIG_SIZE);
  soup_message_body_complete (body);
}

static void
serve_mode (FeedServer        *server,
            SoupServerMessage *msg,
            const char        *mode)
{
  if (g_str_equal (mode, "ok"))
    respond (msg, SOUP_STATUS_OK, "application/rss+xml", loopback_feed (server));
  else if (g_str_equal (mode, "slow"))
    slow (server, msg);
  else if (g_str_equal (mode, "truncated"))
    truncated (msg);
  else if (g_str_equal (mode, "broken"))
    respond (msg, SOUP_STATUS_OK, "application/rss+xml",
             g_strdup ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Broken</title>\n"
                       "<item><title>One</titel><description>Apple sold 3 phones.</description></item>\n"
                       "<item><title>Two</title><description>Oppo & Vivo < 5</description></item>\n"
                       "</channel></rss>\n"));
  else if (g_str_equal (mode, "html"))
    respond (msg, SOUP_STATUS_OK, "text/html",
             g_strdup ("<!DOCTYPE html><html><head><title>Maintenance</title></head>"
                       "<body><p>We are down for maintenance.</p></body></html>"));
  else if (g_str_equal (mode, "429"))
    {
      respond (msg, 429, "text/plain", g_strdup ("slow down"));
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "150");
    }
  else
    respond (msg, (guint) g_ascii_strtoull (mode, NULL, 10), "text/plain", g_strdup (mode));
}

static void
serve_corpus (FeedServer        *server,
              SoupServerMessage *msg,
              const char        *path)
{
  g_autofree char *file = g_build_filename (server->corpora, path + strlen ("/corpora/"), NULL);
  char *contents = NULL;
  gsize length = 0;

  if (strstr (path, "..") != NULL || !g_file_get_contents (file, &contents, &length, NULL))
    {
      respond (msg, SOUP_STATUS_NOT_FOUND, "text/plain", g_strdup ("no such file"));
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/xml", SOUP_MEMORY_TAKE, contents, length);
}

static void
serve_etag (FeedServer        *server,
            SoupServerMessage *msg,
            int                version)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  g_autofree char *etag = g_strdup_printf ("\"v%d\"", version);

  soup_message_headers_replace (response, "ETag", etag);
  soup_message_headers_replace (response, "Last-Modified", "Fri, 02 May 2025 10:00:00 GMT");
  if (g_strcmp0 (soup_message_headers_get_one (request, "If-None-Match"), etag) == 0)
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
  else
    respond (msg, SOUP_STATUS_OK, "application/rss+xml", versioned_feed (server, "/etag.xml", version));
}

static void
serve_gzip (FeedServer        *server,
            SoupServerMessage *msg)
{
  g_autofree char *text = loopback_feed (server);
  gsize length = 0;
  char *packed = gzip (text, &length);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Encoding", "gzip");
  soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_TAKE, packed, length);
}

static void
record_request (FeedServer        *server,
                SoupServerMessage *msg,
                int               *version,
                char             **mode)
{
  SoupMessageHeaders *copy = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (copy, name, value);
  g_mutex_lock (&server->mutex);
  server->n_requests++;
  g_clear_pointer (&server->last_headers, soup_message_headers_unref);
  server->last_headers = copy;
  *version = server->version;
  *mode = g_strdup (server->mode);
  g_mutex_unlock (&server->mutex);
}

static void
handler_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  FeedServer *server = user_data;
  g_autofree char *mode = NULL;
  int version = 1;

  record_request (server, msg, &version, &mode);
  if (g_str_has_prefix (path, "/corpora/"))
    serve_corpus (server, msg, path);
  else if (g_str_equal (path, "/feed.xml"))
    respond (msg, SOUP_STATUS_OK, "application/rss+xml", loopback_feed (server));
  else if (g_str_equal (path, "/etag.xml"))
    serve_etag (server, msg, version);
  else if (g_str_equal (path, "/newguids.xml"))
    respond (msg, SOUP_STATUS_OK, "application/rss+xml", versioned_feed (server, path, version));
  else if (g_str_equal (path, "/gzip.xml"))
    serve_gzip (server, msg);
  else if (g_str_equal (path, "/p301"))
    redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/p308");
  else if (g_str_equal (path, "/p308"))
    redirect (msg, SOUP_STATUS_PERMANENT_REDIRECT, "/feed.xml");
  else if (g_str_equal (path, "/t302"))
    redirect (msg, SOUP_STATUS_FOUND, "/p308");
  else if (g_str_equal (path, "/loop-a"))
    redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/loop-b");
  else if (g_str_equal (path, "/loop-b"))
    redirect (msg, SOUP_STATUS_FOUND, "/loop-a");
  else if (g_str_equal (path, "/mode.xml"))
    serve_mode (server, msg, mode);
  else if (g_str_equal (path, "/broken.xml"))
    serve_mode (server, msg, "broken");
  else if (g_str_equal (path, "/nolink.html"))
    serve_mode (server, msg, "html");
  else if (g_str_equal (path, "/page.html"))
    respond (msg, SOUP_STATUS_OK, "text/html",
             g_strdup ("<!DOCTYPE html><html><head><title>Wire</title>"
                       "<link rel=\"stylesheet\" href=\"/s.css\">"
                       "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS\""
                       " href=\"/feed.xml\"></head><body><p>News.</p></body></html>"));
  else if (g_str_equal (path, "/summaries.xml"))
    respond (msg, SOUP_STATUS_OK, "application/rss+xml", summaries_feed (server));
  else if (g_str_equal (path, "/xiaomi-results.html"))
    respond (msg, SOUP_STATUS_OK, "text/html", g_strdup (ARTICLE_PAGE));
  else if (g_str_equal (path, "/big.xml") || g_str_equal (path, "/big-chunked.xml"))
    big (server, msg, g_str_equal (path, "/big-chunked.xml"));
  else if (g_str_equal (path, "/404") || g_str_equal (path, "/410"))
    serve_mode (server, msg, path + 1);
  else
    respond (msg, SOUP_STATUS_NOT_FOUND, "text/plain", g_strdup ("not found"));
}

static gpointer
server_thread (gpointer data)
{
  FeedServer *server = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (server->context);
  server->soup = soup_server_new ("server-header", "cited-test ", NULL);
  soup_server_add_handler (server->soup, NULL, handler_cb, server, NULL);
  soup_server_listen_local (server->soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server->soup);
  g_mutex_lock (&server->mutex);
  server->base = g_uri_to_string (uris->data);
  if (g_str_has_suffix (server->base, "/"))
    server->base[strlen (server->base) - 1] = '\0';
  server->ready = TRUE;
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->mutex);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (server->loop);

  soup_server_disconnect (server->soup);
  g_clear_object (&server->soup);
  while (g_main_context_iteration (server->context, FALSE))
    ;
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

FeedServer *
feed_server_start (void)
{
  FeedServer *server = g_new0 (FeedServer, 1);
  const char *root = g_getenv ("CITED_SOURCE_ROOT");

  g_mutex_init (&server->mutex);
  g_cond_init (&server->cond);
  server->corpora = g_build_filename (root ? root : ".", "..", "shared", "corpora", NULL);
  server->version = 1;
  server->mode = g_strdup ("ok");
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  server->thread = g_thread_new ("feed-server", server_thread, server);
  g_mutex_lock (&server->mutex);
  while (!server->ready)
    g_cond_wait (&server->cond, &server->mutex);
  g_mutex_unlock (&server->mutex);
  return server;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
feed_server_stop (FeedServer *server)
{
  g_main_context_invoke (server->context, quit_cb, server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_clear_pointer (&server->last_headers, soup_message_headers_unref);
  g_free (server->base);
  g_free (server->corpora);
  g_free (server->mode);
  g_free (server->big);
  g_mutex_clear (&server->mutex);
  g_cond_clear (&server->cond);
  g_free (server);
}

char *
feed_server_url (FeedServer *server,
                 const char *path)
{
  return g_strconcat (server->base, path, NULL);
}

const char *
feed_server_corpora (FeedServer *server)
{
  return server->corpora;
}

void
feed_server_reset (FeedServer *server)
{
  feed_server_set_version (server, 1);
  feed_server_set_mode (server, "ok");
}

void
feed_server_set_version (FeedServer *server,
                         int         version)
{
  g_mutex_lock (&server->mutex);
  server->version = version;
  g_mutex_unlock (&server->mutex);
}

void
feed_server_set_mode (FeedServer *server,
                      const char *mode)
{
  g_mutex_lock (&server->mutex);
  g_free (server->mode);
  server->mode = g_strdup (mode);
  g_mutex_unlock (&server->mutex);
}

guint
feed_server_n_requests (FeedServer *server)
{
  guint n;

  g_mutex_lock (&server->mutex);
  n = server->n_requests;
  g_mutex_unlock (&server->mutex);
  return n;
}

char *
feed_server_last_header (FeedServer *server,
                         const char *name)
{
  char *value = NULL;

  g_mutex_lock (&server->mutex);
  if (server->last_headers != NULL)
    value = g_strdup (soup_message_headers_get_one (server->last_headers, name));
  g_mutex_unlock (&server->mutex);
  return value;
}
