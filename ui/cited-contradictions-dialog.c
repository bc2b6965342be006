/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "cited-contradictions-dialog"

#include <glib/gi18n.h>
#include <math.h>

#include "cited-contradictions-dialog.h"
#include "cited-store-private.h"
#include "cited-spinner.h"

struct _CitedContradictionsDialog
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  GtkBox *list_box;

  CitedStore *store;
  GPtrArray *contradictions;     /* CitedContradiction */
  GCancellable *cancellable;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (CitedContradictionsDialog, cited_contradictions_dialog, ADW_TYPE_WINDOW)

enum {
  STORE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Text */

/* "about 170M units", "40–50 cities" */
static char *
claim_value_text (const CitedClaim *claim)
{
  g_autofree char *value = cited_format_value (claim->value, claim->unit, claim->currency);
  GString *out = g_string_new (NULL);

  if (claim->qualifier != NULL)
    g_string_append_printf (out, "%s ", claim->qualifier);
  g_string_append (out, value);
  if (isfinite (claim->value_max) && claim->value_max > claim->value)
    {
      g_autofree char *high = cited_format_value (claim->value_max, claim->unit, claim->currency);

      g_string_append_printf (out, "–%s", high);
    }
  if (claim->unit != NULL && claim->currency == NULL && !g_str_equal (claim->unit, "%") &&
      !g_str_has_suffix (out->str, claim->unit))
    g_string_append_printf (out, " %s", claim->unit);
  return g_string_free (out, FALSE);
}

/* "Xiaomi · sales · global · 2021" */
static char *
heading_text (const CitedClaim *claim)
{
  GString *out = g_string_new (claim->brand);

  g_string_append_printf (out, " · %s", claim->measure != NULL ? claim->measure : claim->metric);
  if (claim->scope != NULL)
    g_string_append_printf (out, " · %s", claim->scope);
  if (claim->year > 0)
    {
      g_autofree char *period = claim->quarter > 0
                                ? g_strdup_printf ("Q%d %d", claim->quarter, claim->year)
                                : g_strdup_printf ("%d", claim->year);

      if (claim->period_inferred)
        {
          g_autofree char *plain = g_steal_pointer (&period);

          period = g_strdup_printf (_("%s (inferred)"), plain);
        }
      g_string_append_printf (out, " · %s", period);
    }
  return g_string_free (out, FALSE);
}

/* "2 sources · 2022-01-10 – 2022-03-01" */
static char *
sources_text (const CitedClaim *claim)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u source", "%u sources",
                                            claim->n_sources), claim->n_sources);
  if (claim->first_date != NULL && g_strcmp0 (claim->first_date, claim->last_date) != 0)
    g_string_append_printf (out, " · %s – %s", claim->first_date, claim->last_date);
  else if (claim->first_date != NULL)
    g_string_append_printf (out, " · %s", claim->first_date);
  return g_string_free (out, FALSE);
}

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), css_class == NULL);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Rows */

static void
mark_right_clicked_cb (GtkButton                 *button,
                       CitedContradictionsDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  guint side = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "side"));
  g_autoptr(GError) error = NULL;

  if (!cited_contradictions_dialog_mark_right (self, index, side, &error))
    {
      g_autofree char *title = g_strdup_printf (_("Could not mark the claim right: %s"),
                                                error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Marked right; the other side’s figures are rejected")));
}

static GtkWidget *
side_box (CitedContradictionsDialog *self,
          const CitedClaim          *claim,
          guint                      index,
          guint                      side)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *value_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *value = claim_value_text (claim);
  g_autofree char *sources = sources_text (claim);
  GtkWidget *label;
  GtkWidget *button;

  label = wrapped_label (value, "title-3");
  gtk_box_append (GTK_BOX (value_box), label);
  gtk_box_append (GTK_BOX (value_box), wrapped_label (sources, "dim-label"));
  gtk_widget_set_hexpand (value_box, TRUE);
  gtk_box_append (GTK_BOX (top), value_box);

  /* Translators: a button beside one side of a contradiction */
  button = gtk_button_new_with_mnemonic (_("_This One Is Right"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: the tooltip of "This One Is Right" */
  gtk_widget_set_tooltip_text (button, _("Confirm these figures and reject the other side’s"));
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (button), "side", GUINT_TO_POINTER (side));
  g_signal_connect (button, "clicked", G_CALLBACK (mark_right_clicked_cb), self);
  gtk_box_append (GTK_BOX (top), button);
  gtk_box_append (GTK_BOX (box), top);

  for (guint i = 0; i < claim->figures->len; i++)
    {
      const CitedFigure *f = g_ptr_array_index (claim->figures, i);
      g_autofree char *sentence = cited_figure_quote (f);
      g_autofree char *quote = g_strdup_printf ("“%s”", sentence);
      g_autofree char *source = NULL;

      if (f->article_published != NULL)
        source = g_strdup_printf ("— %s (%s)", f->article_title != NULL ? f->article_title : "",
                                  f->article_published);
      else
        source = g_strdup_printf ("— %s", f->article_title != NULL ? f->article_title : "");
      gtk_box_append (GTK_BOX (box), wrapped_label (quote, NULL));
      gtk_box_append (GTK_BOX (box), wrapped_label (source, "dim-label"));
    }
  return box;
}

static GtkWidget *
contradiction_card (CitedContradictionsDialog *self,
                    const CitedContradiction  *c,
                    guint                      index)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autofree char *heading = heading_text (c->a);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (card), box);

  gtk_box_append (GTK_BOX (box), wrapped_label (heading, "heading"));
  gtk_box_append (GTK_BOX (box), side_box (self, c->a, index, 0));
  /* Translators: between the two sides of a contradiction */
  gtk_box_append (GTK_BOX (box), wrapped_label (_("contradicts"), "caption-heading"));
  gtk_box_append (GTK_BOX (box), side_box (self, c->b, index, 1));
  return card;
}

static void
show_contradictions (CitedContradictionsDialog *self,
                     GPtrArray                 *contradictions)
{
  GtkWidget *child;

  g_clear_pointer (&self->contradictions, g_ptr_array_unref);
  self->contradictions = g_ptr_array_ref (contradictions);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_box_remove (self->list_box, child);
  for (guint i = 0; i < contradictions->len; i++)
    gtk_box_append (self->list_box, contradiction_card (self, g_ptr_array_index (contradictions, i), i));

  gtk_stack_set_visible_child_name (self->stack, contradictions->len > 0 ? "list" : "empty");
}

/* Loading */

static gpointer
load_read_cb (CitedStore    *reader,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return cited_store_list_contradictions (reader, NULL, error);
}

static void
set_loading (CitedContradictionsDialog *self,
             gboolean                   loading)
{
  self->loading = loading;
}

static void
show_error (CitedContradictionsDialog *self,
            const GError              *error)
{
  g_autofree char *title = g_strdup_printf (_("Could not read the contradictions: %s"),
                                            error->message);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CitedContradictionsDialog) self = user_data;
  g_autoptr(GPtrArray) contradictions = NULL;
  g_autoptr(GError) error = NULL;

  contradictions = cited_store_read_finish (CITED_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (contradictions == NULL)
    show_error (self, error);
  else
    show_contradictions (self, contradictions);
}

/**
 * cited_contradictions_dialog_reload:
 *
 * Reads the contradictions again, in a worker thread over one of the
 * store's readers.
 */
void
cited_contradictions_dialog_reload (CitedContradictionsDialog *self)
{
  g_return_if_fail (CITED_IS_CONTRADICTIONS_DIALOG (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL)
    return;

  if (self->contradictions == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  set_loading (self, TRUE);
  self->cancellable = g_cancellable_new ();
  cited_store_read_async (self->store, load_read_cb, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                          self->cancellable, load_done_cb, g_object_ref (self));
}

/* Public */

gboolean
cited_contradictions_dialog_mark_right (CitedContradictionsDialog  *self,
                                        guint                       index,
                                        guint                       side,
                                        GError                    **error)
{
  const CitedContradiction *c;

  g_return_val_if_fail (CITED_IS_CONTRADICTIONS_DIALOG (self), FALSE);
  g_return_val_if_fail (self->contradictions != NULL && index < self->contradictions->len, FALSE);
  g_return_val_if_fail (side <= 1, FALSE);

  c = g_ptr_array_index (self->contradictions, index);
  if (!cited_store_mark_claim_right (self->store, c, side == 0 ? c->a : c->b, error))
    return FALSE;
  g_signal_emit (self, signals[STORE_CHANGED], 0);
  cited_contradictions_dialog_reload (self);
  return TRUE;
}

gboolean
cited_contradictions_dialog_get_loading (CitedContradictionsDialog *self)
{
  g_return_val_if_fail (CITED_IS_CONTRADICTIONS_DIALOG (self), FALSE);
  return self->loading;
}

const char *
cited_contradictions_dialog_get_state (CitedContradictionsDialog *self)
{
  g_return_val_if_fail (CITED_IS_CONTRADICTIONS_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

guint
cited_contradictions_dialog_get_n_contradictions (CitedContradictionsDialog *self)
{
  g_return_val_if_fail (CITED_IS_CONTRADICTIONS_DIALOG (self), 0);
  return self->contradictions != NULL ? self->contradictions->len : 0;
}

/* GObject */

static void
cited_contradictions_dialog_dispose (GObject *object)
{
  CitedContradictionsDialog *self = (CitedContradictionsDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->contradictions, g_ptr_array_unref);

  G_OBJECT_CLASS (cited_contradictions_dialog_parent_class)->dispose (object);
}

static void
cited_contradictions_dialog_class_init (CitedContradictionsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cited_contradictions_dialog_dispose;

  /**
   * CitedContradictionsDialog::store-changed:
   *
   * A side was marked right: figures were confirmed and rejected.
   */
  signals[STORE_CHANGED] = g_signal_new ("store-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cited/Cited/cited-contradictions-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CitedContradictionsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CitedContradictionsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CitedContradictionsDialog, list_box);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cited_contradictions_dialog_init (CitedContradictionsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cited_spinners_spin_while_shown (GTK_WIDGET (self));
}

/**
 * cited_contradictions_dialog_new:
 * @store: the store to read
 *
 * Returns: (transfer full): a new dialog, loading
 */
CitedContradictionsDialog *
cited_contradictions_dialog_new (CitedStore *store)
{
  CitedContradictionsDialog *self;

  g_return_val_if_fail (CITED_IS_STORE (store), NULL);

  self = g_object_new (CITED_TYPE_CONTRADICTIONS_DIALOG, NULL);
  self->store = g_object_ref (store);
  cited_contradictions_dialog_reload (self);
  return self;
}
