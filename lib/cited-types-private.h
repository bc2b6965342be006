/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Not installed, not exported: for the library's boxed types whose
 * structs point at strings (CitedQuery, CitedFigureEdit). Each string
 * field is named by its G_STRUCT_OFFSET() in @offsets. */

/* Replaces each string field of @copy by a copy of itself. */
void cited_struct_dup_strings  (gpointer      copy,
                                const gsize  *offsets,
                                guint         n_offsets);
/* Frees each string field of @self and sets it to NULL. */
void cited_struct_free_strings (gpointer      self,
                                const gsize  *offsets,
                                guint         n_offsets);

G_END_DECLS
