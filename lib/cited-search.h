/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include <glib.h>

G_BEGIN_DECLS

/* Byte ranges of @text matching a word of @search, as a flat GArray of
 * guint start, end pairs in text order (merged where they touch). */
CITED_AVAILABLE_IN_ALL
GArray *cited_search_match_ranges (const char *text,
                                   const char *search);

G_END_DECLS
