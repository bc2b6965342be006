/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Not installed and not part of the API.
 *
 * libsoup, opened the first time a feed is fetched rather than when a
 * program using libcited starts: with the dozen libraries it needs
 * (Kerberos, nghttp2, libpsl...) it made every launch of the app and of
 * the command line about 1.8 ms later, though most never fetch a feed.
 * Only these functions of it are used; each has the type its header
 * declares. */
typedef struct {
  __typeof__ (soup_session_get_type)                     *session_get_type;
  __typeof__ (soup_session_set_timeout)                  *session_set_timeout;
  __typeof__ (soup_session_send)                         *session_send;
  __typeof__ (soup_session_send_async)                   *session_send_async;
  __typeof__ (soup_session_send_finish)                  *session_send_finish;
  __typeof__ (soup_message_new)                          *message_new;
  __typeof__ (soup_message_add_flags)                    *message_add_flags;
  __typeof__ (soup_message_get_status)                   *message_get_status;
  __typeof__ (soup_message_get_reason_phrase)            *message_get_reason_phrase;
  __typeof__ (soup_message_get_request_headers)          *message_get_request_headers;
  __typeof__ (soup_message_get_response_headers)         *message_get_response_headers;
  __typeof__ (soup_message_headers_get_one)              *message_headers_get_one;
  __typeof__ (soup_message_headers_replace)              *message_headers_replace;
  __typeof__ (soup_message_headers_get_content_length)   *message_headers_get_content_length;
  __typeof__ (soup_message_headers_get_encoding)         *message_headers_get_encoding;
  __typeof__ (soup_message_headers_get_content_type)     *message_headers_get_content_type;
  __typeof__ (soup_date_time_new_from_http_string)       *date_time_new_from_http_string;
} CitedSoup;

/* libsoup's functions, the library opened at the first call (from any
 * thread), or NULL with @error set when it cannot be opened. */
const CitedSoup *cited_soup_get (GError **error);

G_END_DECLS
