/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-count-dropdown"

#include "config.h"

#include <glib/gi18n.h>

#include "cited-types.h"
#include "cited-count-dropdown.h"

static guint
find_key (GPtrArray  *keys,
          const char *key)
{
  for (guint i = 1; key != NULL && i < keys->len; i++)
    if (g_strcmp0 (g_ptr_array_index (keys, i), key) == 0)
      return i;
  return 0;
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

static GtkListItemFactory *
label_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  return factory;
}

/* Type-to-search in the list, and a button that ellipsizes a long name
 * ("WSJ.com: World News (230)") rather than widen a narrow window; the
 * list shows it whole. */
static void
set_up_dropdown (GtkDropDown *dropdown)
{
  g_autoptr(GtkExpression) expression =
    gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  g_autoptr(GtkListItemFactory) button = label_factory (TRUE);
  g_autoptr(GtkListItemFactory) list = label_factory (FALSE);

  gtk_drop_down_set_expression (dropdown, expression);
  gtk_drop_down_set_enable_search (dropdown, TRUE);
  gtk_drop_down_set_factory (dropdown, button);
  gtk_drop_down_set_list_factory (dropdown, list);
}

void
cited_count_dropdown_fill (GtkDropDown *dropdown,
                           GPtrArray   *keys,
                           const char  *all_label,
                           GPtrArray   *counts,
                           const char  *keep)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *kept = g_strdup (keep);

  g_ptr_array_set_size (keys, 0);
  g_ptr_array_add (keys, NULL);
  gtk_string_list_append (labels, all_label);
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      CitedCount *count = g_ptr_array_index (counts, i);
      /* Translators: a filter's entry, a brand or source and how many
       * articles or figures it has: "Xiaomi (12)" */
      g_autofree char *label = g_strdup_printf (_("%s (%u)"), count->name, count->n);

      g_ptr_array_add (keys, g_strdup (count->name));
      gtk_string_list_append (labels, label);
    }

  if (gtk_drop_down_get_expression (dropdown) == NULL)
    set_up_dropdown (dropdown);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (dropdown, find_key (keys, kept));
}

const char *
cited_count_dropdown_get_key (GtkDropDown *dropdown,
                              GPtrArray   *keys)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (keys == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= keys->len)
    return NULL;
  return g_ptr_array_index (keys, selected);
}

void
cited_count_dropdown_set_key (GtkDropDown *dropdown,
                              GPtrArray   *keys,
                              const char  *key)
{
  gtk_drop_down_set_selected (dropdown, find_key (keys, key));
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const CitedCount *ca = *(const CitedCount * const *) a;
  const CitedCount *cb = *(const CitedCount * const *) b;
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (ca->n != cb->n)
    return ca->n > cb->n ? -1 : 1;
  fa = g_utf8_casefold (ca->name, -1);
  fb = g_utf8_casefold (cb->name, -1);
  return g_utf8_collate (fa, fb);
}

void
cited_count_sort (GPtrArray *counts)
{
  g_ptr_array_sort (counts, compare_counts);
}
