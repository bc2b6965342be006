/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cited.h"

G_BEGIN_DECLS

#define CITED_TYPE_BRANDS_PAGE (cited_brands_page_get_type ())
G_DECLARE_FINAL_TYPE (CitedBrandsPage, cited_brands_page, CITED, BRANDS_PAGE, AdwBin)

/* The Brands page: pick brands to compare, side-by-side statistics and
 * figures, and charts (share of voice, mentions over time, a metric across
 * brands). Property "store" (CitedStore). */
void cited_brands_page_reload     (CitedBrandsPage *self);
void cited_brands_page_print      (CitedBrandsPage *self);
void cited_brands_page_export     (CitedBrandsPage *self);
void cited_brands_page_copy_image (CitedBrandsPage *self);
/* The brands editor's history: when its next undo (or redo) step went on
 * it (monotonic time, 0 when none), and taking that step. */
gint64   cited_brands_page_get_history_time (CitedBrandsPage *self,
                                             gboolean         redo);
gboolean cited_brands_page_step_history     (CitedBrandsPage *self,
                                             gboolean         redo);

G_END_DECLS
