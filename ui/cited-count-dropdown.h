/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Filter drop-downs that list values with how many items have each
 * ("Xiaomi (12)"): the first entry, "all", has the key NULL. */

/* Fills @dropdown with @all_label and one "name (n)" entry per CitedCount
 * of @counts, in their order, and @keys (char*, freed with it) with NULL
 * and the names. Keeps @keep selected when it is still listed, else
 * selects "all". Typing in the open list finds an entry. */
void        cited_count_dropdown_fill    (GtkDropDown *dropdown,
                                          GPtrArray   *keys,
                                          const char  *all_label,
                                          GPtrArray   *counts,
                                          const char  *keep);
/* The selected entry's key: NULL for "all". */
const char *cited_count_dropdown_get_key (GtkDropDown *dropdown,
                                          GPtrArray   *keys);
/* Selects the entry of @key (NULL or unlisted: "all"). */
void        cited_count_dropdown_set_key (GtkDropDown *dropdown,
                                          GPtrArray   *keys,
                                          const char  *key);

/* Sorts CitedCount most first, then by name ignoring case. */
void        cited_count_sort             (GPtrArray   *counts);

G_END_DECLS
