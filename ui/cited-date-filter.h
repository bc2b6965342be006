/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CITED_TYPE_DATE_FILTER (cited_date_filter_get_type ())
G_DECLARE_FINAL_TYPE (CitedDateFilter, cited_date_filter, CITED, DATE_FILTER, GtkWidget)

/* A date range filter: a button showing the range ("2021 – 2022",
 * "Since Mar 2021") with a popover of presets (this year, the last 12
 * months, the years of the corpus) and calendars for a range of one's
 * own, and a button that clears it. Emits "changed" when the user changes
 * the range. */
GtkWidget  *cited_date_filter_new       (void);
/* "YYYY-MM-DD" or NULL: open at that end. */
const char *cited_date_filter_get_from  (CitedDateFilter *self);
const char *cited_date_filter_get_to    (CitedDateFilter *self);
/* Sets the range without emitting "changed". */
void        cited_date_filter_set_range (CitedDateFilter *self,
                                         const char      *from,
                                         const char      *to);
/* The years offered as presets, newest first (a GArray of int). */
void        cited_date_filter_set_years (CitedDateFilter *self,
                                         GArray          *years);
/* What the button says. */
const char *cited_date_filter_get_label (CitedDateFilter *self);

G_END_DECLS
