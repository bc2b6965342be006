/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cited.h"

G_BEGIN_DECLS

#define CITED_TYPE_FEEDS_DIALOG (cited_feeds_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CitedFeedsDialog, cited_feeds_dialog, CITED, FEEDS_DIALOG, AdwWindow)

/* The window's feed subscriptions: subscribe by address, each feed with its
 * last success, last error and articles, full text on or off, unsubscribe,
 * refresh all. Subscribing and refreshing go through @feeds; the dialog
 * emits "articles-changed" when they stored articles, and follows
 * cited_feeds_dialog_set_progress() while a refresh runs elsewhere. */
CitedFeedsDialog *cited_feeds_dialog_new          (CitedStore       *store,
                                                   CitedFeeds       *feeds);
void              cited_feeds_dialog_reload       (CitedFeedsDialog *self);
/* @done of @total feeds refreshed; @done == @total when over. */
void              cited_feeds_dialog_set_progress (CitedFeedsDialog *self,
                                                   guint             done,
                                                   guint             total);
void              cited_feeds_dialog_focus_entry  (CitedFeedsDialog *self);
/* Subscribes to @url as the Subscribe button does. */
void              cited_feeds_dialog_subscribe    (CitedFeedsDialog *self,
                                                   const char       *url);
/* Asks for the new title of the feed at @index, as its Rename button does. */
AdwMessageDialog *cited_feeds_dialog_rename       (CitedFeedsDialog *self,
                                                   guint             index);
guint             cited_feeds_dialog_get_n_feeds  (CitedFeedsDialog *self);
/* What Import Subscriptions… and Export Subscriptions… do with the file
 * chosen: subscribe to an OPML list's feeds (and refresh), or write them. */
gboolean          cited_feeds_dialog_import_opml  (CitedFeedsDialog *self,
                                                   const char       *path,
                                                   GError          **error);
gboolean          cited_feeds_dialog_export_opml  (CitedFeedsDialog *self,
                                                   GFile            *file,
                                                   GError          **error);
/* The status line: what the last subscription or change came to. */
const char       *cited_feeds_dialog_get_status   (CitedFeedsDialog *self);

G_END_DECLS
