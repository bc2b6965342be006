/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-feeds"
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "cited.h"
#include "test-feeds-server.h"

/* Subscribes and refreshes against a real HTTP server on 127.0.0.1
 * (tests/test-feeds-server.c), and checks what a user would see: the
 * articles stored, each feed's state, and the error each failure gives. */

typedef struct {
  char *dir;
  char *db;
  CitedStore *store;
  CitedFeeds *feeds;
  gboolean full_text;        /* subscribe with full text */
} Fixture;

static FeedServer *server;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cited-feeds-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "cited.db", NULL);
  fixture->store = cited_store_open (fixture->db, &error);
  g_assert_no_error (error);
  fixture->feeds = cited_feeds_new (fixture->store);
  cited_feeds_set_timeout (fixture->feeds, 1);
  feed_server_reset (server);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->feeds);
  g_clear_object (&fixture->store);
  for (const char *suffix = ""; suffix != NULL;
       suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *path = g_strconcat (fixture->db, suffix, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->dir);
}

static void
got_result_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (res);
  g_main_context_wakeup (NULL);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static CitedFeedResult *
subscribe (Fixture     *fixture,
           const char  *path,
           GError     **error)
{
  g_autofree char *url = feed_server_url (server, path);
  g_autoptr(GAsyncResult) res = NULL;

  cited_feeds_subscribe_async (fixture->feeds, url, fixture->full_text, NULL, got_result_cb, &res);
  return cited_feeds_subscribe_finish (fixture->feeds, wait_for (&res), error);
}

static CitedFeedResult *
subscribe_ok (Fixture    *fixture,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  CitedFeedResult *result = subscribe (fixture, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->feed_id, >, 0);
  return result;
}

/* Refreshes every feed and returns the one result there is. */
static CitedFeedResult *
refresh_one (Fixture *fixture)
{
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  cited_feeds_refresh_async (fixture->feeds, NULL, 0, NULL, NULL, NULL, got_result_cb, &res);
  results = cited_feeds_refresh_finish (fixture->feeds, wait_for (&res), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  return g_ptr_array_steal_index (results, 0);
}

static guint
count_articles (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  guint n = cited_store_count_articles (fixture->store, NULL, &error);

  g_assert_no_error (error);
  return n;
}

static CitedFeed *
only_feed (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = cited_store_list_feeds (fixture->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 1);
  return g_ptr_array_steal_index (feeds, 0);
}

static char *
corpus_path (const char *dir,
             const char *file)
{
  g_autofree char *path = g_build_filename (feed_server_corpora (server), dir, file, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  return g_strdup_printf ("/corpora/%s/%s", dir, file);
}

/* Items in a corpus file, as the importer reads it. */
static guint
corpus_items (const char *dir,
              const char *file)
{
  g_autofree char *path = g_build_filename (feed_server_corpora (server), dir, file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = cited_parse_file (path, &error);

  g_assert_no_error (error);
  return articles->len;
}

/* A day of a real RSS feed: every item is stored, the feed takes the
 * channel's title, its state says it worked, and the server was told who
 * asked. */
static void
test_subscribe_corpus (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = corpus_path ("rss_feeds/nyt_econ", "2025-05-01_e4a190b7.xml");
  g_autoptr(CitedFeedResult) result = NULL;
  g_autoptr(CitedFeed) feed = NULL;
  g_autofree char *agent = NULL;

  if (path == NULL)
    {
      g_test_skip ("The rss_feeds corpus is missing");
      return;
    }
  result = subscribe_ok (fixture, path);
  g_assert_cmpuint (result->n_added, ==, corpus_items ("rss_feeds/nyt_econ", "2025-05-01_e4a190b7.xml"));
  g_assert_cmpuint (count_articles (fixture), ==, result->n_added);

  feed = only_feed (fixture);
  g_assert_nonnull (feed->title);
  g_assert_cmpstr (feed->title, ==, result->title);
  g_assert_cmpuint (feed->n_items, ==, result->n_added);
  g_assert_cmpint (feed->last_success, >, 0);
  g_assert_null (feed->last_error);
  g_assert_true (g_str_has_suffix (feed->url, path));

  agent = feed_server_last_header (server, "User-Agent");
  g_assert_cmpstr (agent, ==, cited_feeds_get_user_agent (fixture->feeds));
  g_assert_true (g_str_has_prefix (agent, "Cited/"));
}

/* The same feed on the next day repeats most items: only the new ones are
 * stored, under either subscription. */
static void
test_dedup_across_feeds (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *day1 = corpus_path ("rss_feeds/economist", "2025-05-01_e4a190b7.xml");
  g_autofree char *day2 = corpus_path ("rss_feeds/economist", "2025-05-02_9551d888.xml");
  g_autoptr(CitedFeedResult) first = NULL;
  g_autoptr(CitedFeedResult) second = NULL;
  guint n_day2;

  if (day1 == NULL || day2 == NULL)
    {
      g_test_skip ("The rss_feeds corpus is missing");
      return;
    }
  first = subscribe_ok (fixture, day1);
  second = subscribe_ok (fixture, day2);
  n_day2 = corpus_items ("rss_feeds/economist", "2025-05-02_9551d888.xml");
  g_assert_cmpuint (first->n_added, >, 0);
  g_assert_cmpuint (second->n_added, <, n_day2);
  g_assert_cmpuint (count_articles (fixture), ==, first->n_added + second->n_added);
}

/* Atom, RDF and RSS files of other publishers subscribe as they import. */
static void
test_rsparser_formats (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *files[] = { "DaringFireball.atom", "bio.rdf", "scriptingNews.rss", "russcox.atom" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = corpus_path ("rsparser_feeds", files[i]);
      g_autoptr(CitedFeedResult) result = NULL;

      if (path == NULL)
        {
          g_test_skip ("The rsparser_feeds corpus is missing");
          return;
        }
      result = subscribe_ok (fixture, path);
      g_test_message ("%s: %u articles", files[i], result->n_added);
      g_assert_cmpuint (result->n_added, ==, corpus_items ("rsparser_feeds", files[i]));
    }
}

/* A refresh asks with the ETag and Last-Modified the feed last gave: "not
 * modified" keeps everything; a new ETag brings the new item only. */
static void
test_conditional_get (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CitedFeedResult) first = subscribe_ok (fixture, "/etag.xml");
  g_autoptr(CitedFeedResult) again = NULL;
  g_autoptr(CitedFeedResult) changed = NULL;
  g_autoptr(CitedFeed) feed = NULL;
  g_autofree char *if_none_match = NULL;
  g_autofree char *if_modified_since = NULL;

  g_assert_cmpuint (first->n_added, ==, 2);
  again = refresh_one (fixture);
  g_assert_null (again->error);
  g_assert_true (again->not_modified);
  g_assert_cmpuint (again->n_added, ==, 0);
  if_none_match = feed_server_last_header (server, "If-None-Match");
  if_modified_since = feed_server_last_header (server, "If-Modified-Since");
  g_assert_cmpstr (if_none_match, ==, "\"v1\"");
  g_assert_cmpstr (if_modified_since, ==, "Fri, 02 May 2025 10:00:00 GMT");

  feed_server_set_version (server, 2);
  changed = refresh_one (fixture);
  g_assert_null (changed->error);
  g_assert_false (changed->not_modified);
  g_assert_cmpuint (changed->n_added, ==, 1);
  g_assert_cmpuint (count_articles (fixture), ==, 3);
  feed = only_feed (fixture);
  g_assert_cmpstr (feed->etag, ==, "\"v2\"");
  g_assert_cmpuint (feed->n_items, ==, 3);
}

/* The feed comes gzip-compressed when the client says it takes it. */
static void
test_gzip (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CitedFeedResult) result = subscribe_ok (fixture, "/gzip.xml");
  g_autofree char *accept = feed_server_last_header (server, "Accept-Encoding");

  g_assert_nonnull (strstr (accept, "gzip"));
  g_assert_cmpuint (result->n_added, ==, 2);
}

/* Permanent redirects move the feed's address for good; a temporary one
 * in the chain does not; a loop is an error. */
static void
test_redirects (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CitedFeedResult) moved = subscribe_ok (fixture, "/p301");
  g_autoptr(CitedFeedResult) refreshed = NULL;
  g_autoptr(CitedFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedFeedResult) loop = NULL;
  g_autofree char *target = feed_server_url (server, "/feed.xml");
  g_autofree char *moving = feed_server_url (server, "/p301");
  g_autofree char *temporary = feed_server_url (server, "/t302");

  g_assert_cmpuint (moved->n_added, ==, 2);
  g_assert_cmpstr (moved->url, ==, target);
  g_assert_true (cited_store_remove_feed (fixture->store, moved->feed_id, NULL));

  /* Subscribed at an address that moves later. */
  g_assert_true (cited_store_add_feed (fixture->store, moving, NULL, NULL, NULL));
  refreshed = refresh_one (fixture);
  g_assert_null (refreshed->error);
  feed = only_feed (fixture);
  g_assert_cmpstr (feed->moved_to, ==, target);
  g_assert_cmpstr (cited_feed_get_fetch_url (feed), ==, target);
  g_assert_true (cited_store_remove_feed (fixture->store, feed->id, NULL));
  g_clear_pointer (&feed, cited_feed_free);
  g_clear_pointer (&refreshed, cited_feed_result_free);

  g_assert_true (cited_store_add_feed (fixture->store, temporary, NULL, NULL, NULL));
  refreshed = refresh_one (fixture);
  g_assert_null (refreshed->error);
  feed = only_feed (fixture);
  g_assert_null (feed->moved_to);
  g_assert_true (cited_store_remove_feed (fixture->store, feed->id, NULL));

  loop = subscribe (fixture, "/loop-a", &error);
  g_assert_null (loop);
  g_assert_nonnull (strstr (error->message, "loop"));
  g_assert_cmpuint (count_articles (fixture), ==, 2);
}

/* A feed that worked, then fails in each of the ways servers fail: each
 * refresh says why in the feed's state, and the articles stay as they were. */
static void
test_failures_keep_store (Fixture       *fixture,
                          gconstpointer  data)
{
  static const struct {
    const char *mode;
    const char *says;
  } cases[] = {
    { "404", "404" },
    { "410", "410" },
    { "500", "500" },
    { "slow", "did not answer" },
    { "truncated", "cut short" },
    { "broken", "XML" },
    { "html", "not an RSS or Atom feed" },
  };
  g_autoptr(CitedFeedResult) first = subscribe_ok (fixture, "/mode.xml");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CitedFeedResult) result = NULL;
      g_autoptr(CitedFeed) feed = NULL;

      feed_server_set_mode (server, cases[i].mode);
      result = refresh_one (fixture);
      g_test_message ("%s: %s", cases[i].mode, result->error);
      g_assert_nonnull (result->error);
      g_assert_nonnull (strstr (result->error, cases[i].says));
      g_assert_cmpint (result->gone, ==, g_str_equal (cases[i].mode, "410"));
      feed = only_feed (fixture);
      g_assert_cmpstr (feed->last_error, ==, result->error);
      g_assert_cmpuint (feed->n_items, ==, 2);
      g_assert_cmpuint (count_articles (fixture), ==, 2);
    }
}

/* 429 with Retry-After: the feed is left alone until then, without asking
 * the server. */
static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CitedFeedResult) first = subscribe_ok (fixture, "/mode.xml");
  g_autoptr(CitedFeedResult) limited = NULL;
  g_autoptr(CitedFeedResult) postponed = NULL;
  g_autoptr(CitedFeed) feed = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n_requests;

  feed_server_set_mode (server, "429");
  limited = refresh_one (fixture);
  g_assert_nonnull (strstr (limited->error, "429"));
  feed = only_feed (fixture);
  g_assert_cmpint (feed->not_before, >=, now + 100);
  g_assert_cmpint (feed->not_before, <=, now + 200);

  feed_server_set_mode (server, "ok");
  n_requests = feed_server_n_requests (server);
  postponed = refresh_one (fixture);
  g_assert_true (postponed->postponed);
  g_assert_cmpint (postponed->not_before, ==, feed->not_before);
  g_assert_cmpuint (feed_server_n_requests (server), ==, n_requests);
}

/* A 50 MB feed is refused, whether the server says its length or not, and
 * nothing of it is stored. */
static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  const char *paths[] = { "/big.xml", "/big-chunked.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CitedFeedResult) result = subscribe (fixture, paths[i], &error);

      g_assert_null (result);
      g_assert_error (error, CITED_ERROR, CITED_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "larger than the limit"));
    }
  g_assert_cmpuint (count_articles (fixture), ==, 0);
}

/* Errors when subscribing subscribe to nothing. */
static void
test_subscribe_errors (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *paths[] = { "/404", "/410", "/broken.xml", "/nolink.html" };
  g_autoptr(GPtrArray) feeds = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CitedFeedResult) result = subscribe (fixture, paths[i], &error);

      g_test_message ("%s: %s", paths[i], error ? error->message : "(none)");
      g_assert_null (result);
      g_assert_nonnull (error);
    }
  feeds = cited_store_list_feeds (fixture->store, NULL);
  g_assert_cmpuint (feeds->len, ==, 0);
}

/* A web page that names its feed with <link rel="alternate">. */
static void
test_alternate_link (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CitedFeedResult) result = subscribe_ok (fixture, "/page.html");
  g_autofree char *target = feed_server_url (server, "/feed.xml");
  g_autoptr(CitedFeed) feed = only_feed (fixture);

  g_assert_cmpstr (feed->url, ==, target);
  g_assert_cmpuint (result->n_added, ==, 2);
}

/* Items that come back with new guids (and edited text) but their links
 * are not stored again. */
static void
test_new_guids (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CitedFeedResult) first = subscribe_ok (fixture, "/newguids.xml");
  g_autoptr(CitedFeedResult) again = NULL;

  g_assert_cmpuint (first->n_added, ==, 2);
  feed_server_set_version (server, 2);
  again = refresh_one (fixture);
  g_assert_null (again->error);
  g_assert_cmpuint (again->n_added, ==, 0);
  g_assert_cmpuint (count_articles (fixture), ==, 2);
}

/* Renaming and removing: the articles stay, the list follows. */
static void
test_rename_remove (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CitedFeedResult) first = subscribe_ok (fixture, "/feed.xml");
  g_autoptr(CitedFeed) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = NULL;

  g_assert_true (cited_store_rename_feed (fixture->store, first->feed_id, "Loopback news", &error));
  g_assert_no_error (error);
  found = cited_store_find_feed (fixture->store, "loopback NEWS", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, first->feed_id);
  g_assert_true (cited_store_remove_feed (fixture->store, found->id, &error));
  feeds = cited_store_list_feeds (fixture->store, &error);
  g_assert_cmpuint (feeds->len, ==, 0);
  g_assert_cmpuint (count_articles (fixture), ==, 2);
  g_assert_false (cited_store_remove_feed (fixture->store, found->id, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND);
}

static char *
article_body (Fixture    *fixture,
              const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = cited_store_list_articles (fixture->store, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < articles->len; i++)
    {
      CitedArticle *listed = g_ptr_array_index (articles, i);

      if (g_str_equal (listed->title, title))
        {
          g_autoptr(CitedArticle) article = cited_store_get_article (fixture->store, listed->id, &error);

          g_assert_no_error (error);
          return g_strdup (article->body);
        }
    }
  g_assert_not_reached ();
}

/* A feed of summaries with full text on: an item gets its page's article
 * text (and its figures), one whose page fails keeps its summary. Without
 * full text both keep their summaries. */
static void
test_full_text (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CitedFeedResult) result = NULL;
  g_autofree char *full = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(CitedFeed) feed = NULL;

  fixture->full_text = TRUE;
  result = subscribe_ok (fixture, "/summaries.xml");
  g_assert_cmpuint (result->n_added, ==, 2);
  full = article_body (fixture, "Xiaomi results");
  g_assert_nonnull (strstr (full, "190 million smartphones"));
  g_assert_null (strstr (full, "Read more"));
  g_assert_null (strstr (full, "Site navigation"));
  summary = article_body (fixture, "Missing page");
  g_assert_cmpstr (summary, ==, "Short summary of a missing page.");
  feed = only_feed (fixture);
  g_assert_true (feed->full_text);
}

static void
test_summaries_kept (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CitedFeedResult) result = subscribe_ok (fixture, "/summaries.xml");
  g_autofree char *body = article_body (fixture, "Xiaomi results");

  g_assert_cmpstr (body, ==, "Xiaomi posted results. Read more");
}

/* OPML lists of real feed readers: every feed with its title (from the
 * text when there is no title), and back the same through an export. */
static void
test_opml (Fixture       *fixture,
           gconstpointer  data)
{
  const char *files[] = { "Subs.opml", "SubsNoTitleAttributes.opml" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (feed_server_corpora (server), "rsparser_feeds", files[i], NULL);
      g_autofree char *contents = NULL;
      g_autofree char *exported = NULL;
      g_autoptr(GPtrArray) listed = NULL;
      g_autoptr(GPtrArray) again = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        {
          g_test_skip ("The rsparser_feeds corpus is missing");
          return;
        }
      listed = cited_feeds_parse_opml (contents, length, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (listed->len, ==, 207);
      g_assert_cmpstr (((CitedFeed *) g_ptr_array_index (listed, 0))->url, ==, "http://daringfireball.net/feeds/main");
      g_assert_cmpstr (((CitedFeed *) g_ptr_array_index (listed, 0))->title, ==, "Daring Fireball");
      exported = cited_feeds_to_opml (listed);
      again = cited_feeds_parse_opml (exported, strlen (exported), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (again->len, ==, listed->len);
      for (guint j = 0; j < listed->len; j++)
        {
          CitedFeed *a = g_ptr_array_index (listed, j);
          CitedFeed *b = g_ptr_array_index (again, j);

          g_assert_cmpstr (a->url, ==, b->url);
          g_assert_cmpstr (a->title ? a->title : a->url, ==, b->title);
        }
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (cited_feeds_parse_opml ("<rss></rss>", 11, &error));
    g_assert_error (error, CITED_ERROR, CITED_ERROR_PARSE);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  server = feed_server_start ();

#define ADD(name, func) \
  g_test_add ("/feeds/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("subscribe-corpus", test_subscribe_corpus);
  ADD ("dedup-across-feeds", test_dedup_across_feeds);
  ADD ("rsparser-formats", test_rsparser_formats);
  ADD ("conditional-get", test_conditional_get);
  ADD ("gzip", test_gzip);
  ADD ("redirects", test_redirects);
  ADD ("failures-keep-store", test_failures_keep_store);
  ADD ("retry-after", test_retry_after);
  ADD ("too-large", test_too_large);
  ADD ("subscribe-errors", test_subscribe_errors);
  ADD ("alternate-link", test_alternate_link);
  ADD ("new-guids", test_new_guids);
  ADD ("rename-remove", test_rename_remove);
  ADD ("full-text", test_full_text);
  ADD ("opml", test_opml);
  ADD ("summaries-kept", test_summaries_kept);
#undef ADD

  status = g_test_run ();
  feed_server_stop (server);
  return status;
}
