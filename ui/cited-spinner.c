/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cited-spinner.h"

static void
spinner_mapped_cb (GtkSpinner *spinner)
{
  gtk_spinner_start (spinner);
}

static void
spinner_unmapped_cb (GtkSpinner *spinner)
{
  gtk_spinner_stop (spinner);
}

void
cited_spinners_spin_while_shown (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_SPINNER (root))
    {
      g_signal_connect (root, "map", G_CALLBACK (spinner_mapped_cb), NULL);
      g_signal_connect (root, "unmap", G_CALLBACK (spinner_unmapped_cb), NULL);
      gtk_spinner_set_spinning (GTK_SPINNER (root), gtk_widget_get_mapped (root));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    cited_spinners_spin_while_shown (child);
}
