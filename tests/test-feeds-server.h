/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An HTTP server on 127.0.0.1, in a thread of its own, serving the shared
 * corpora under /corpora/ and feeds that fail in every way servers fail
 * (see test-feeds-server.c for the paths). */
typedef struct _FeedServer FeedServer;

FeedServer *feed_server_start        (void);
void        feed_server_stop         (FeedServer *server);
/* The address of @path on the server. */
char       *feed_server_url          (FeedServer *server,
                                      const char *path);
/* ../shared/corpora beside the source tree. */
const char *feed_server_corpora      (FeedServer *server);
/* Back to version 1 and mode "ok". */
void        feed_server_reset        (FeedServer *server);
/* /etag.xml and /newguids.xml have versions 1 and 2. */
void        feed_server_set_version  (FeedServer *server,
                                      int         version);
/* /mode.xml answers as @mode says: ok, 404, 410, 429, 500, slow,
 * truncated, broken, html. */
void        feed_server_set_mode     (FeedServer *server,
                                      const char *mode);
guint       feed_server_n_requests   (FeedServer *server);
/* A header of the last request, or NULL. */
char       *feed_server_last_header  (FeedServer *server,
                                      const char *name);

G_END_DECLS
