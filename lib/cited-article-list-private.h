/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cited-macros.h"

#include "cited-article-list.h"

G_BEGIN_DECLS

/* Not installed and not part of the API: what the Articles page needs of
 * its list beyond it.
 *
 * A list given a query without a search shows its first rows from their
 * ids and reads the other rows' ids in the background, by default as soon
 * as the main loop is idle. Held, it leaves them until released: a window
 * holds its list until the frame showing the first rows is drawn, which a
 * million ids read meanwhile would share the cores with. Released while
 * they are still to be read, it reads them then. A row past the first
 * ones asked for in between is read at once, held or not. */
CITED_PRIVATE_API
void cited_article_list_hold_rest (CitedArticleList *self,
                                   gboolean          hold);

G_END_DECLS
