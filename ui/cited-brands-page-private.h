/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-brands-page.h"
#include "cited-brand-editor.h"
#include "cited-chart-view.h"

G_BEGIN_DECLS

typedef enum {
  CITED_BRANDS_CHART_SHARE,
  CITED_BRANDS_CHART_TREND,
  CITED_BRANDS_CHART_METRIC,
} CitedBrandsChart;

/* What the UI tests (and the window) reach beyond the public page API. */
CitedChartView     *cited_brands_page_get_chart_view (CitedBrandsPage    *self);
void                cited_brands_page_set_chart      (CitedBrandsPage    *self,
                                                      CitedBrandsChart    chart,
                                                      const char         *metric);
/* The compared brands, in the order shown. */
const char * const *cited_brands_page_get_brands     (CitedBrandsPage    *self);
void                cited_brands_page_set_brands     (CitedBrandsPage    *self,
                                                      const char * const *brands);
/* TRUE while the brands are read in the background (the "loading" property). */
gboolean            cited_brands_page_get_loading    (CitedBrandsPage    *self);
gboolean            cited_brands_page_get_cards_loaded (CitedBrandsPage  *self);
/* The text of the card of @brand (every label, one per line), or NULL. */
char               *cited_brands_page_dup_card_text  (CitedBrandsPage    *self,
                                                      const char         *brand);

/* The brands editor ("brands.edit" presents it), made on first use. */
CitedBrandEditor   *cited_brands_page_get_editor     (CitedBrandsPage    *self);

/* The list of companies found in the articles (one AdwActionRow each, its
 * "name" in object data) and its heading. */
GtkListBox         *cited_brands_page_get_discovered_list  (CitedBrandsPage *self);
const char         *cited_brands_page_get_discovered_title (CitedBrandsPage *self);

G_END_DECLS
