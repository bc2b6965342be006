/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cited.h"

G_BEGIN_DECLS

#define CITED_TYPE_CONTRADICTIONS_DIALOG (cited_contradictions_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CitedContradictionsDialog, cited_contradictions_dialog,
                      CITED, CONTRADICTIONS_DIALOG, AdwWindow)

/* A window listing the claims that contradict each other, side by side with
 * their sentences, sources and dates, where the user can mark one side
 * right. It reads @store's file on a thread of its own. Emits
 * "store-changed" after a side was marked right. */
CitedContradictionsDialog *cited_contradictions_dialog_new   (CitedStore *store);
void        cited_contradictions_dialog_reload               (CitedContradictionsDialog *self);
gboolean    cited_contradictions_dialog_get_loading          (CitedContradictionsDialog *self);
/* "loading", "empty" or "list": what the dialog shows. */
const char *cited_contradictions_dialog_get_state            (CitedContradictionsDialog *self);
guint       cited_contradictions_dialog_get_n_contradictions (CitedContradictionsDialog *self);
/* Marks side @side (0: the first, 1: the second) of contradiction @index
 * right, as its button does, and reloads. */
gboolean    cited_contradictions_dialog_mark_right           (CitedContradictionsDialog *self,
                                                              guint                      index,
                                                              guint                      side,
                                                              GError                   **error);

G_END_DECLS
