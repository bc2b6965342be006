/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cited-store.h"

G_BEGIN_DECLS

/**
 * CitedFeedResult:
 * What subscribing to or refreshing one feed came to.
 */
typedef struct {
  gint64 feed_id;            /* 0 when no subscription was made */
  char *url;                 /* the address fetched */
  char *title;               /* the subscription's title, or NULL */
  guint n_added;             /* articles stored */
  gboolean not_modified;     /* the server said nothing changed (304) */
  gboolean postponed;        /* not fetched: the server asked to wait until @not_before */
  gboolean gone;             /* the server said the feed is gone for good (410) */
  gint64 not_before;
  char *error;               /* why it failed, NULL when it worked */
} CitedFeedResult;

#define CITED_TYPE_FEED_RESULT (cited_feed_result_get_type ())
CITED_AVAILABLE_IN_ALL
GType            cited_feed_result_get_type (void) G_GNUC_CONST;
CITED_AVAILABLE_IN_ALL
CitedFeedResult *cited_feed_result_copy     (const CitedFeedResult *result);
CITED_AVAILABLE_IN_ALL
void cited_feed_result_free (CitedFeedResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CitedFeedResult, cited_feed_result_free)

/* Called on the caller's main context after each feed: @done of @total,
 * @last the feed just finished. */
typedef void (*CitedFeedsProgress) (guint                  done,
                                    guint                  total,
                                    const CitedFeedResult *last,
                                    gpointer               user_data);

#define CITED_TYPE_FEEDS (cited_feeds_get_type ())
CITED_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CitedFeeds, cited_feeds, CITED, FEEDS, GObject)

#define CITED_FEEDS_MAX_CONNECTIONS 4
#define CITED_FEEDS_DEFAULT_TIMEOUT 30                     /* seconds */
#define CITED_FEEDS_DEFAULT_MAX_SIZE ((gsize) 20 * 1024 * 1024)

CITED_AVAILABLE_IN_ALL
CitedFeeds      *cited_feeds_new               (CitedStore          *store);
/* The longest a server may keep a connection waiting, in seconds. */
CITED_AVAILABLE_IN_ALL
void             cited_feeds_set_timeout       (CitedFeeds          *self,
                                                guint                seconds);
/* The largest feed (or page) read; a larger one is refused unread. */
CITED_AVAILABLE_IN_ALL
void             cited_feeds_set_max_size      (CitedFeeds          *self,
                                                gsize                max_size);
/* The User-Agent every request sends. */
CITED_AVAILABLE_IN_ALL
const char      *cited_feeds_get_user_agent    (CitedFeeds          *self);

/* Subscribes to the feed at @url (http or https), or to the feed a web
 * page at @url links to, and stores its articles. Fails, subscribing to
 * nothing, when the address gives no feed. With @full_text, an item that
 * has only a summary gets the text of the page it links to, now and at
 * every refresh (see cited_store_set_feed_full_text()). */
CITED_AVAILABLE_IN_ALL
void             cited_feeds_subscribe_async   (CitedFeeds          *self,
                                                const char          *url,
                                                gboolean             full_text,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CITED_AVAILABLE_IN_ALL
CitedFeedResult *cited_feeds_subscribe_finish  (CitedFeeds          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Refreshes the feeds @ids (all of them when @n_ids is 0), a few at a
 * time. Each feed's outcome is in the result; the call fails only when the
 * store cannot be read. */
CITED_AVAILABLE_IN_ALL
void             cited_feeds_refresh_async     (CitedFeeds          *self,
                                                const gint64        *ids,
                                                guint                n_ids,
                                                CitedFeedsProgress   progress,
                                                gpointer             progress_data,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CITED_AVAILABLE_IN_ALL
GPtrArray       *cited_feeds_refresh_finish    (CitedFeeds          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* OPML subscription lists: the feeds one lists (CitedFeed with their
 * address and title), and one listing @feeds. */
CITED_AVAILABLE_IN_ALL
GPtrArray       *cited_feeds_parse_opml        (const char          *data,
                                                gsize                length,
                                                GError             **error);
CITED_AVAILABLE_IN_ALL
char            *cited_feeds_to_opml           (GPtrArray           *feeds);
/* Subscribes to the feeds an OPML list names, fetching nothing yet. */
CITED_AVAILABLE_IN_ALL
gboolean         cited_feeds_import_opml       (CitedStore          *store,
                                                const char          *data,
                                                gsize                length,
                                                guint               *n_added,
                                                guint               *n_known,
                                                GError             **error);
/* Every subscription of @store as OPML. */
CITED_AVAILABLE_IN_ALL
char            *cited_feeds_export_opml       (CitedStore          *store,
                                                GError             **error);

G_END_DECLS
