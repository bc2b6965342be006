/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Makes every GtkSpinner in @root's tree spin only while it is on screen.
 * GTK runs a spinning spinner's animation, and with it the window's frame
 * clock, even on a stack page that is not shown: a window with a loading
 * page would otherwise redraw sixty times a second while idle. */
void cited_spinners_spin_while_shown (GtkWidget *root);

G_END_DECLS
