/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cited.h"

G_BEGIN_DECLS

#define CITED_TYPE_BRAND_EDITOR (cited_brand_editor_get_type ())
G_DECLARE_FINAL_TYPE (CitedBrandEditor, cited_brand_editor, CITED, BRAND_EDITOR, AdwWindow)

/* The brands editor: add a company, rename it, set its colour, its
 * aliases (each a name, a person or a product, on or off) and what is not
 * it, merge it into another or remove it. Each change runs in the
 * background on a connection of its own, with its progress shown, then
 * "changed" is emitted; Ctrl+Z and Ctrl+Shift+Z (or the toast's Undo) take
 * changes back and forward. */
CitedBrandEditor *cited_brand_editor_new          (CitedStore       *store);
void              cited_brand_editor_select       (CitedBrandEditor *self,
                                                   const char       *brand);

/* What the UI tests reach. */
const char       *cited_brand_editor_get_selected (CitedBrandEditor *self);
gboolean          cited_brand_editor_get_busy     (CitedBrandEditor *self);
AdwEntryRow      *cited_brand_editor_get_add_row  (CitedBrandEditor *self);
AdwEntryRow      *cited_brand_editor_get_alias_row (CitedBrandEditor *self);
GtkDropDown      *cited_brand_editor_get_alias_kind (CitedBrandEditor *self);
/* The on/off switch of @alias of the selected brand, or NULL. */
GtkSwitch        *cited_brand_editor_get_alias_switch (CitedBrandEditor *self,
                                                   const char       *alias);
gboolean          cited_brand_editor_undo         (CitedBrandEditor *self);
gboolean          cited_brand_editor_redo         (CitedBrandEditor *self);
/* When the change undo (or redo) would take went on the history
 * (monotonic time), 0 when there is none. */
gint64            cited_brand_editor_get_history_time (CitedBrandEditor *self,
                                                   gboolean          redo);

G_END_DECLS
