/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-importer.h"

G_BEGIN_DECLS

GPtrArray *cited_parse_feed (const char   *url,
                             const char   *data,
                             gsize         length,
                             GPtrArray    *rejected,
                             GHashTable  **guids,
                             GError      **error);

G_END_DECLS
