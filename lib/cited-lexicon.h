/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include <glib-object.h>

#include "cited-types.h"

G_BEGIN_DECLS

/* What an alias names: the company itself, one of its people ("Lei Jun")
 * or one of its products or platforms ("Pixel", "Android"). */
typedef enum {
  CITED_ALIAS_NAME,
  CITED_ALIAS_PERSON,
  CITED_ALIAS_PRODUCT,
} CitedAliasKind;

CITED_AVAILABLE_IN_ALL
const char    *cited_alias_kind_to_string   (CitedAliasKind  kind);
CITED_AVAILABLE_IN_ALL
gboolean       cited_alias_kind_from_string (const char     *text,
                                             CitedAliasKind *kind);

#define CITED_TYPE_LEXICON (cited_lexicon_get_type ())
CITED_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CitedLexicon, cited_lexicon, CITED, LEXICON, GObject)

/* The brand lexicon: canonical names, aliases, colours, matched in text by
 * one Aho-Corasick automaton over case-folded aliases. The default lexicon is
 * data/brands.json, compiled into the library as a resource. */

CITED_AVAILABLE_IN_ALL
CitedLexicon  *cited_lexicon_new          (void);
CITED_AVAILABLE_IN_ALL
CitedLexicon  *cited_lexicon_new_default  (void);
CITED_AVAILABLE_IN_ALL
gboolean       cited_lexicon_load_json    (CitedLexicon  *self,
                                           const char    *json,
                                           gssize         length,
                                           GError       **error);
/* Adds a brand or, when @name exists (case-insensitively), adds the aliases
 * and sets the colour of the existing one. @color may be NULL (one is
 * picked). Returns the canonical (interned) name. */
CITED_AVAILABLE_IN_ALL
const char    *cited_lexicon_add_brand    (CitedLexicon       *self,
                                           const char         *name,
                                           const char * const *aliases,
                                           const char         *color);
CITED_AVAILABLE_IN_ALL
guint          cited_lexicon_get_n_brands (CitedLexicon  *self);
CITED_AVAILABLE_IN_ALL
gboolean       cited_lexicon_get_discover (CitedLexicon  *self);
CITED_AVAILABLE_IN_ALL
void           cited_lexicon_set_discover (CitedLexicon  *self,
                                           gboolean       discover);
CITED_AVAILABLE_IN_ALL
const char    *cited_lexicon_get_name     (CitedLexicon  *self,
                                           guint          index);
CITED_AVAILABLE_IN_ALL
const char    *cited_lexicon_get_color    (CitedLexicon  *self,
                                           guint          index);
CITED_AVAILABLE_IN_ALL
const char * const *cited_lexicon_get_aliases (CitedLexicon *self,
                                           guint          index);
CITED_AVAILABLE_IN_ALL
const char * const *cited_lexicon_get_off_aliases (CitedLexicon *self,
                                           guint          index);
CITED_AVAILABLE_IN_ALL
const char * const *cited_lexicon_get_exclusions (CitedLexicon *self,
                                           guint          index);
CITED_AVAILABLE_IN_ALL
CitedAliasKind cited_lexicon_get_alias_kind (CitedLexicon *self,
                                           guint          index,
                                           const char    *alias);
/* The user's changes to the lexicon; see lib/cited-lexicon.c. */
CITED_AVAILABLE_IN_ALL
gboolean       cited_lexicon_set_alias    (CitedLexicon  *self,
                                           const char    *name,
                                           const char    *alias,
                                           CitedAliasKind kind,
                                           gboolean       on);
CITED_AVAILABLE_IN_ALL
gboolean       cited_lexicon_exclude      (CitedLexicon  *self,
                                           const char    *name,
                                           const char    *phrase);
CITED_AVAILABLE_IN_ALL
gboolean       cited_lexicon_remove_brand (CitedLexicon  *self,
                                           const char    *name);
CITED_AVAILABLE_IN_ALL
const char    *cited_lexicon_rename_brand (CitedLexicon  *self,
                                           const char    *name,
                                           const char    *new_name);
CITED_AVAILABLE_IN_ALL
void           cited_lexicon_replace      (CitedLexicon  *self,
                                           CitedLexicon  *from);
/* A lexicon of its own with the same brands, aliases, colours and lists,
 * made without reading them again. */
CITED_AVAILABLE_IN_ALL
CitedLexicon  *cited_lexicon_copy         (CitedLexicon  *self);
/* Canonical name for a name or alias (case-insensitive), or NULL. */
CITED_AVAILABLE_IN_ALL
const char    *cited_lexicon_lookup       (CitedLexicon  *self,
                                           const char    *name_or_alias);
CITED_AVAILABLE_IN_ALL
const char    *cited_lexicon_color_for    (CitedLexicon  *self,
                                           const char    *canonical);
/* Every brand mention in @text, in order, as CitedMention. Latin aliases need
 * a word boundary (a lower-to-upper case change counts as one: "XiaomiCars");
 * CJK aliases need none. */
CITED_AVAILABLE_IN_ALL
GArray        *cited_lexicon_find         (CitedLexicon  *self,
                                           const char    *text,
                                           gsize          length);
CITED_AVAILABLE_IN_ALL
char          *cited_lexicon_to_json      (CitedLexicon  *self);
/* Where a company name ending at @end ends with its corporate suffix:
 * "Apple| Inc", "Cadbury Schweppes|, plc", "Sony| Group Corp", "小米|集团",
 * "华为|技术有限公司" is not one, "腾讯|控股有限公司" is. @end when no suffix
 * follows. */
CITED_AVAILABLE_IN_ALL
gsize          cited_lexicon_suffix_end   (const char    *text,
                                           gsize          length,
                                           gsize          end);

G_END_DECLS
