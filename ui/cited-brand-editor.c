/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-brand-editor"
#include "config.h"

#include <glib/gi18n.h>

#include "cited-brand-editor.h"

struct _CitedBrandEditor
{
  AdwWindow parent_instance;

  CitedStore *store;

  AdwToastOverlay *toast_overlay;
  GtkRevealer *progress_revealer;
  GtkProgressBar *progress;
  GtkWidget *page;
  AdwEntryRow *add_row;
  AdwComboRow *brand_row;
  GtkStringList *brand_names;
  AdwEntryRow *name_row;
  GtkWidget *color_button;
  AdwPreferencesGroup *aliases_group;
  AdwEntryRow *alias_row;
  GtkDropDown *alias_kind;
  AdwPreferencesGroup *exclusions_group;
  AdwEntryRow *exclusion_row;
  GtkDropDown *merge_target;
  GPtrArray *rows;            /* GtkWidget: the alias and exclusion rows shown */
  GtkWidget *refocus;         /* the entry row that had the focus before a change */

  char *selected;             /* the brand shown */
  GPtrArray *undo;            /* HistoryEntry: the brands saved before each change */
  GPtrArray *redo;            /* HistoryEntry: the brands an undo took back */

  guint busy : 1;
  guint updating : 1;
};

G_DEFINE_FINAL_TYPE (CitedBrandEditor, cited_brand_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum {
  OP_ADD,
  OP_ALIAS,
  OP_EXCLUDE,
  OP_COLOR,
  OP_RENAME,
  OP_MERGE,
  OP_REMOVE,
  OP_RESTORE,
} OpKind;

typedef struct {
  char *saved;                /* cited_store_save_brands() */
  gint64 when;                /* monotonic time it went on its history */
} HistoryEntry;

static void
history_entry_free (HistoryEntry *entry)
{
  g_free (entry->saved);
  g_free (entry);
}

typedef enum {
  HISTORY_NEW,                /* a change: its undo goes on the history */
  HISTORY_UNDO,
  HISTORY_REDO,
} HistoryStep;

/* One change, run on a connection of its own in a worker thread. */
typedef struct {
  OpKind kind;
  char *path;
  char *brand;
  char *value;
  CitedAliasKind alias_kind;
  gboolean on;
  char *saved;                /* the brands before the change */
  char *message;              /* the toast when done */
  char *select;               /* the brand to show after */
  HistoryStep history;
  CitedBrandEditor *self;     /* for progress; the task holds a reference */
} Op;

static void
set_str (char       **slot,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*slot);
  *slot = copy;
}

static void
op_free (Op *op)
{
  g_free (op->path);
  g_free (op->brand);
  g_free (op->value);
  g_free (op->saved);
  g_free (op->message);
  g_free (op->select);
  g_free (op);
}

typedef struct {
  CitedBrandEditor *self;
  guint done;
  guint total;
} Progress;

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->self);
  g_free (progress);
}

static gboolean
progress_idle (gpointer data)
{
  Progress *progress = data;
  CitedBrandEditor *self = progress->self;
  g_autofree char *text = NULL;

  /* A window destroyed while the change ran has no store any more. */
  if (!self->busy || progress->total == 0 || self->store == NULL)
    return G_SOURCE_REMOVE;
  /* TRANSLATORS: progress of re-attributing mentions and figures after a
   * change of brands, e.g. "12 of 40 articles" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Re-attributing figures: %u of %u article",
                                       "Re-attributing figures: %u of %u articles", progress->total),
                          progress->done, progress->total);
  gtk_progress_bar_set_fraction (self->progress, (double) progress->done / progress->total);
  gtk_progress_bar_set_text (self->progress, text);
  return G_SOURCE_REMOVE;
}

/* In the worker thread: hands the progress to the main thread, once per
 * batch of re-extracted articles. */
static void
op_progress_cb (guint    done,
                guint    total,
                gpointer user_data)
{
  Op *op = user_data;
  Progress *progress;

  progress = g_new0 (Progress, 1);
  progress->self = g_object_ref (op->self);
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, progress_idle, progress,
                              (GDestroyNotify) progress_free);
}

static gboolean
run_op (CitedStore  *store,
        Op          *op,
        GError     **error)
{
  switch (op->kind)
    {
    case OP_ADD:
      return cited_store_add_brand (store, op->brand, NULL, NULL, error);
    case OP_ALIAS:
      return cited_store_set_alias (store, op->brand, op->value, op->alias_kind, op->on, error);
    case OP_EXCLUDE:
      return cited_store_exclude (store, op->brand, op->value, error);
    case OP_COLOR:
      return cited_store_set_brand_color (store, op->brand, op->value, error);
    case OP_RENAME:
      return cited_store_rename_brand (store, op->brand, op->value, error);
    case OP_MERGE:
      return cited_store_merge_brand (store, op->brand, op->value, error);
    case OP_REMOVE:
      return cited_store_remove_brand (store, op->brand, error);
    case OP_RESTORE:
    default:
      return cited_store_restore_brands (store, op->value, error);
    }
}

static void
op_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  Op *op = task_data;
  g_autoptr(CitedStore) store = NULL;
  GError *error = NULL;

  store = cited_store_open (op->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  cited_store_set_progress_func (store, op_progress_cb, op);
  if (!run_op (store, op, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void rebuild (CitedBrandEditor *self);

static void
set_busy (CitedBrandEditor *self,
          gboolean          busy)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* The page is insensitive while a change runs: the focus leaves it
   * first, and comes back to the entry row it was in. */
  if (busy && focus != NULL && gtk_widget_is_ancestor (focus, self->page))
    {
      GtkWidget *entries[] = { GTK_WIDGET (self->add_row), GTK_WIDGET (self->name_row),
                               GTK_WIDGET (self->alias_row), GTK_WIDGET (self->exclusion_row) };

      self->refocus = NULL;
      for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
        if (gtk_widget_is_ancestor (focus, entries[i]))
          self->refocus = entries[i];
      gtk_window_set_focus (GTK_WINDOW (self), NULL);
    }
  self->busy = busy;
  gtk_widget_set_sensitive (self->page, !busy);
  if (!busy && self->refocus != NULL)
    {
      gtk_widget_grab_focus (self->refocus);
      self->refocus = NULL;
    }
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_progress_bar_set_text (self->progress, _("Re-attributing figures…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo", !busy && self->undo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redo", !busy && self->redo->len > 0);
}

static void
op_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CitedBrandEditor *self = CITED_BRAND_EDITOR (source);
  Op *op = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  /* The window was destroyed while the change ran: the change is made,
   * and the next reader of the store sees it. */
  if (self->store == NULL)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      !cited_store_reload_lexicon (self->store, &error))
    {
      g_autofree char *title = g_strdup_printf ("%s: %s", _("Could not change the brands"), error->message);

      set_busy (self, FALSE);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      return;
    }

  /* A change and a redo can be undone; an undo can be redone. */
  {
    HistoryEntry *entry = g_new0 (HistoryEntry, 1);

    entry->saved = g_steal_pointer (&op->saved);
    entry->when = g_get_monotonic_time ();
    g_ptr_array_add (op->history == HISTORY_UNDO ? self->redo : self->undo, entry);
  }
  if (op->history == HISTORY_NEW)
    g_ptr_array_set_size (self->redo, 0);
  set_busy (self, FALSE);

  toast = adw_toast_new (op->message);
  if (op->history == HISTORY_NEW)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "editor.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  if (op->select != NULL)
    set_str (&self->selected, op->select);
  rebuild (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Starts @op (taking it) unless a change is running. */
static void
start_op (CitedBrandEditor *self,
          Op               *op)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  if (self->busy || self->store == NULL)
    {
      op_free (op);
      return;
    }
  if (op->saved == NULL && (op->saved = cited_store_save_brands (self->store, &error)) == NULL)
    {
      g_autofree char *title = g_strdup_printf ("%s: %s", _("Could not change the brands"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      op_free (op);
      return;
    }
  op->path = g_strdup (cited_store_get_path (self->store));
  op->self = self;
  set_busy (self, TRUE);
  task = g_task_new (self, NULL, op_done_cb, NULL);
  g_task_set_source_tag (task, start_op);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  g_task_run_in_thread (task, op_thread);
}

static Op *
op_new (CitedBrandEditor *self,
        OpKind            kind,
        const char       *value)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->brand = g_strdup (self->selected);
  op->value = g_strdup (value);
  op->select = g_strdup (self->selected);
  return op;
}

/* The selected brand's index in the store's lexicon, or -1. */
static int
selected_index (CitedBrandEditor *self)
{
  CitedLexicon *lexicon = cited_store_get_lexicon (self->store);

  for (guint i = 0; self->selected != NULL && i < cited_lexicon_get_n_brands (lexicon); i++)
    if (g_strcmp0 (cited_lexicon_get_name (lexicon, i), self->selected) == 0)
      return (int) i;
  return -1;
}

/* Undo and redo */

static gboolean
step_history (CitedBrandEditor *self,
              GPtrArray        *from,
              HistoryStep       step)
{
  HistoryEntry *entry;
  Op *op;

  if (self->busy || from->len == 0)
    return FALSE;
  entry = g_ptr_array_steal_index (from, from->len - 1);
  op = g_new0 (Op, 1);
  op->kind = OP_RESTORE;
  op->value = g_steal_pointer (&entry->saved);
  history_entry_free (entry);
  op->history = step;
  op->select = g_strdup (self->selected);
  op->message = g_strdup (step == HISTORY_UNDO ? _("Brand change undone") : _("Brand change redone"));
  start_op (self, op);
  return TRUE;
}

gboolean
cited_brand_editor_undo (CitedBrandEditor *self)
{
  g_return_val_if_fail (CITED_IS_BRAND_EDITOR (self), FALSE);
  return step_history (self, self->undo, HISTORY_UNDO);
}

gboolean
cited_brand_editor_redo (CitedBrandEditor *self)
{
  g_return_val_if_fail (CITED_IS_BRAND_EDITOR (self), FALSE);
  return step_history (self, self->redo, HISTORY_REDO);
}

gint64
cited_brand_editor_get_history_time (CitedBrandEditor *self,
                                     gboolean          redo)
{
  GPtrArray *history;

  g_return_val_if_fail (CITED_IS_BRAND_EDITOR (self), 0);
  history = redo ? self->redo : self->undo;
  return history->len > 0 ? ((HistoryEntry *) g_ptr_array_index (history, history->len - 1))->when : 0;
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CitedBrandEditor *self = CITED_BRAND_EDITOR (widget);

  if (g_str_equal (action_name, "editor.undo"))
    cited_brand_editor_undo (self);
  else
    cited_brand_editor_redo (self);
}

/* What the user does */

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
add_applied_cb (CitedBrandEditor *self)
{
  g_autofree char *name = entry_text (self->add_row);
  Op *op;

  if (*name == '\0')
    return;
  op = op_new (self, OP_ADD, NULL);
  set_str (&op->brand, name);
  set_str (&op->select, name);
  /* TRANSLATORS: toast after adding a company in the brands editor */
  op->message = g_strdup_printf (_("%s added to the brands"), name);
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  start_op (self, op);
}

static void
rename_applied_cb (CitedBrandEditor *self)
{
  g_autofree char *name = entry_text (self->name_row);
  Op *op;

  if (*name == '\0' || self->selected == NULL || g_strcmp0 (name, self->selected) == 0)
    return;
  op = op_new (self, OP_RENAME, name);
  set_str (&op->select, name);
  /* TRANSLATORS: toast, e.g. "Google renamed Alphabet" */
  op->message = g_strdup_printf (_("%s renamed %s"), self->selected, name);
  start_op (self, op);
}

static void
color_set_cb (CitedBrandEditor *self)
{
  GdkRGBA rgba;
  g_autofree char *color = NULL;
  Op *op;

  if (self->updating || self->selected == NULL)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
  color = g_strdup_printf ("#%02X%02X%02X", (int) (rgba.red * 255 + 0.5),
                           (int) (rgba.green * 255 + 0.5), (int) (rgba.blue * 255 + 0.5));
  op = op_new (self, OP_COLOR, color);
  /* TRANSLATORS: toast after choosing a brand's colour */
  op->message = g_strdup_printf (_("New colour for %s"), self->selected);
  start_op (self, op);
}

static void
set_alias (CitedBrandEditor *self,
           const char       *alias,
           CitedAliasKind    kind,
           gboolean          on)
{
  Op *op = op_new (self, OP_ALIAS, alias);

  op->alias_kind = kind;
  op->on = on;
  if (on)
    /* TRANSLATORS: toast, e.g. "Android counts for Google" */
    op->message = g_strdup_printf (_("%s counts for %s"), alias, self->selected);
  else
    /* TRANSLATORS: toast, e.g. "Android no longer counts for Google" */
    op->message = g_strdup_printf (_("%s no longer counts for %s"), alias, self->selected);
  start_op (self, op);
}

static void
alias_applied_cb (CitedBrandEditor *self)
{
  g_autofree char *alias = entry_text (self->alias_row);

  if (*alias == '\0' || self->selected == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->alias_row), "");
  set_alias (self, alias, gtk_drop_down_get_selected (self->alias_kind), TRUE);
}

static void
alias_row_changed_cb (GtkWidget        *widget,
                      GParamSpec       *pspec,
                      CitedBrandEditor *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (widget), "row");
  GtkSwitch *on = g_object_get_data (G_OBJECT (row), "switch");
  GtkDropDown *kind = g_object_get_data (G_OBJECT (row), "kind");

  if (self->updating)
    return;
  set_alias (self, g_object_get_data (G_OBJECT (row), "alias"),
             gtk_drop_down_get_selected (kind), gtk_switch_get_active (on));
}

static void
exclusion_applied_cb (CitedBrandEditor *self)
{
  g_autofree char *phrase = entry_text (self->exclusion_row);
  Op *op;

  if (*phrase == '\0' || self->selected == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->exclusion_row), "");
  op = op_new (self, OP_EXCLUDE, phrase);
  /* TRANSLATORS: toast, e.g. "Android is not Google" */
  op->message = g_strdup_printf (_("%s is not %s"), phrase, self->selected);
  start_op (self, op);
}

static void
merge_clicked_cb (CitedBrandEditor *self)
{
  GtkStringObject *target = gtk_drop_down_get_selected_item (self->merge_target);
  const char *into;
  Op *op;

  if (target == NULL || self->selected == NULL)
    return;
  into = gtk_string_object_get_string (target);
  if (g_strcmp0 (into, self->selected) == 0)
    return;
  op = op_new (self, OP_MERGE, into);
  set_str (&op->select, into);
  /* TRANSLATORS: toast, e.g. "Redmi merged into Xiaomi" */
  op->message = g_strdup_printf (_("%s merged into %s"), self->selected, into);
  start_op (self, op);
}

static void
remove_clicked_cb (CitedBrandEditor *self)
{
  Op *op;

  if (self->selected == NULL)
    return;
  op = op_new (self, OP_REMOVE, NULL);
  g_clear_pointer (&op->select, g_free);
  /* TRANSLATORS: toast after removing a brand */
  op->message = g_strdup_printf (_("%s removed from the brands"), self->selected);
  start_op (self, op);
}

static void
brand_selected_cb (CitedBrandEditor *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->brand_row);

  if (self->updating || item == NULL)
    return;
  set_str (&self->selected, gtk_string_object_get_string (item));
  rebuild (self);
}

/* Showing the brands */

static const char *
kind_label (CitedAliasKind kind)
{
  switch (kind)
    {
    case CITED_ALIAS_PERSON:
      return _("Person");
    case CITED_ALIAS_PRODUCT:
      return _("Product");
    case CITED_ALIAS_NAME:
    default:
      return _("Company name");
    }
}

static GtkWidget *
kind_drop_down (void)
{
  const char * const kinds[] = { kind_label (CITED_ALIAS_NAME), kind_label (CITED_ALIAS_PERSON),
                                 kind_label (CITED_ALIAS_PRODUCT), NULL };
  GtkWidget *drop_down = gtk_drop_down_new_from_strings (kinds);

  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  return drop_down;
}

static void
add_row (CitedBrandEditor    *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
  g_object_set_data (G_OBJECT (row), "group", group);
}

static void
add_alias_row (CitedBrandEditor *self,
               CitedLexicon     *lexicon,
               guint             index,
               const char       *alias,
               gboolean          on)
{
  CitedAliasKind kind = cited_lexicon_get_alias_kind (lexicon, index, alias);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (alias, -1);
  g_autofree char *kind_name = NULL;
  g_autofree char *switch_name = NULL;
  GtkWidget *drop_down, *toggle;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_set_data_full (G_OBJECT (row), "alias", g_strdup (alias), g_free);
  if (kind != CITED_ALIAS_NAME)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                 kind == CITED_ALIAS_PERSON
                                 ? _("A person: counts for the company only while on")
                                 : _("A product: counts for the company only while on"));

  drop_down = kind_drop_down ();
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), kind);
  /* TRANSLATORS: accessible name of the kind drop-down of an alias */
  kind_name = g_strdup_printf (_("What %s names"), alias);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, kind_name, -1);
  g_object_set_data (G_OBJECT (drop_down), "row", row);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (alias_row_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);

  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), on);
  /* TRANSLATORS: accessible name of an alias's switch, e.g. "Count Android for Google" */
  switch_name = g_strdup_printf (_("Count %s for %s"), alias, self->selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, switch_name, -1);
  g_object_set_data (G_OBJECT (toggle), "row", row);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (alias_row_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_object_set_data (G_OBJECT (row), "switch", toggle);
  g_object_set_data (G_OBJECT (row), "kind", drop_down);

  /* The brand's own name always counts and always names the company. */
  if (g_strcmp0 (alias, self->selected) == 0)
    {
      gtk_widget_set_sensitive (toggle, FALSE);
      gtk_widget_set_sensitive (drop_down, FALSE);
    }
  add_row (self, self->aliases_group, row);
}

static void
rebuild_details (CitedBrandEditor *self,
                 CitedLexicon     *lexicon,
                 int               index)
{
  GdkRGBA rgba;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "group"), row);
    }
  g_ptr_array_set_size (self->rows, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->aliases_group), index >= 0);
  gtk_widget_set_visible (GTK_WIDGET (self->exclusions_group), index >= 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), index >= 0);
  gtk_widget_set_sensitive (self->color_button, index >= 0);
  if (index < 0)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->selected);
  if (gdk_rgba_parse (&rgba, cited_lexicon_get_color (lexicon, index)))
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
  for (const char * const *a = cited_lexicon_get_aliases (lexicon, index); *a != NULL; a++)
    add_alias_row (self, lexicon, index, *a, TRUE);
  for (const char * const *a = cited_lexicon_get_off_aliases (lexicon, index); *a != NULL; a++)
    add_alias_row (self, lexicon, index, *a, FALSE);
  for (const char * const *p = cited_lexicon_get_exclusions (lexicon, index); *p != NULL; p++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (*p, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      add_row (self, self->exclusions_group, row);
    }
}

static int
compare_names_cb (gconstpointer a,
                  gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* The brand list and the selected brand's details, from the lexicon. */
static void
rebuild (CitedBrandEditor *self)
{
  CitedLexicon *lexicon;
  g_autoptr(GPtrArray) names = NULL;
  guint n, selected = GTK_INVALID_LIST_POSITION;

  if (self->store == NULL)
    return;
  lexicon = cited_store_get_lexicon (self->store);
  n = cited_lexicon_get_n_brands (lexicon);
  names = g_ptr_array_new_full (n + 1, NULL);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, (gpointer) cited_lexicon_get_name (lexicon, i));
  g_ptr_array_sort (names, compare_names_cb);
  if (selected_index (self) < 0)
    set_str (&self->selected, names->len > 0 ? g_ptr_array_index (names, 0) : NULL);
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (names, i), self->selected) == 0)
      selected = i;
  g_ptr_array_add (names, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->brand_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->brand_names)),
                          (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->brand_row, selected);
  gtk_drop_down_set_selected (self->merge_target, selected);
  rebuild_details (self, lexicon, selected_index (self));
  self->updating = FALSE;
}

void
cited_brand_editor_select (CitedBrandEditor *self,
                           const char       *brand)
{
  g_return_if_fail (CITED_IS_BRAND_EDITOR (self));

  set_str (&self->selected, brand);
  rebuild (self);
}

const char *
cited_brand_editor_get_selected (CitedBrandEditor *self)
{
  g_return_val_if_fail (CITED_IS_BRAND_EDITOR (self), NULL);
  return self->selected;
}

gboolean
cited_brand_editor_get_busy (CitedBrandEditor *self)
{
  g_return_val_if_fail (CITED_IS_BRAND_EDITOR (self), FALSE);
  return self->busy;
}

AdwEntryRow *
cited_brand_editor_get_add_row (CitedBrandEditor *self)
{
  g_return_val_if_fail (CITED_IS_BRAND_EDITOR (self), NULL);
  return self->add_row;
}

AdwEntryRow *
cited_brand_editor_get_alias_row (CitedBrandEditor *self)
{
  g_return_val_if_fail (CITED_IS_BRAND_EDITOR (self), NULL);
  return self->alias_row;
}

GtkDropDown *
cited_brand_editor_get_alias_kind (CitedBrandEditor *self)
{
  g_return_val_if_fail (CITED_IS_BRAND_EDITOR (self), NULL);
  return self->alias_kind;
}

GtkSwitch *
cited_brand_editor_get_alias_switch (CitedBrandEditor *self,
                                     const char       *alias)
{
  g_return_val_if_fail (CITED_IS_BRAND_EDITOR (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (g_object_get_data (row, "alias"), alias) == 0)
        return g_object_get_data (row, "switch");
    }
  return NULL;
}

/* Building the window */

static AdwEntryRow *
entry_row (const char *title,
           GCallback   applied,
           gpointer    self)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect_swapped (row, "apply", applied, self);
  return ADW_ENTRY_ROW (row);
}

static AdwPreferencesGroup *
group_new (AdwPreferencesPage *page,
           const char         *title,
           const char         *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

static GtkWidget *
row_with_button (const char *title,
                 const char *label,
                 const char *css_class,
                 GCallback   clicked,
                 gpointer    self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect_swapped (button, "clicked", clicked, self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
build_brand_group (CitedBrandEditor   *self,
                   AdwPreferencesPage *page)
{
  AdwPreferencesGroup *group = group_new (page, _("Company"), NULL);
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkWidget *row;

  self->brand_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->brand_row), _("Company"));
  adw_combo_row_set_expression (self->brand_row, expression);
  adw_combo_row_set_model (self->brand_row, G_LIST_MODEL (self->brand_names));
  g_signal_connect_swapped (self->brand_row, "notify::selected", G_CALLBACK (brand_selected_cb), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->brand_row));

  self->name_row = entry_row (_("Name"), G_CALLBACK (rename_applied_cb), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->name_row));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Colour in Charts"));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  self->color_button = gtk_color_button_new ();
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_widget_set_valign (self->color_button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->color_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Colour in Charts"), -1);
  /* The button inside is what takes the focus. */
  if (GTK_IS_BUTTON (gtk_widget_get_first_child (self->color_button)))
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (self->color_button)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Colour in Charts"), -1);
  g_signal_connect_swapped (self->color_button, "color-set", G_CALLBACK (color_set_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->color_button);
  adw_preferences_group_add (group, row);
}

static void
build_page (CitedBrandEditor   *self,
            AdwPreferencesPage *page)
{
  AdwPreferencesGroup *group;
  GtkWidget *row;

  group = group_new (page, _("Add a Company"), NULL);
  self->add_row = entry_row (_("Company name"), G_CALLBACK (add_applied_cb), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->add_row));

  build_brand_group (self, page);

  self->aliases_group = group_new (page, _("Aliases"),
                                   _("Other names the company goes by in articles. A person or a product "
                                     "counts for the company only while it is on: a platform many companies "
                                     "use, such as Android, is off at first."));
  self->alias_row = entry_row (_("Add an alias"), G_CALLBACK (alias_applied_cb), self);
  self->alias_kind = GTK_DROP_DOWN (kind_drop_down ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->alias_kind),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("What the new alias names"), -1);
  adw_entry_row_add_suffix (self->alias_row, GTK_WIDGET (self->alias_kind));
  adw_preferences_group_add (self->aliases_group, GTK_WIDGET (self->alias_row));

  self->exclusions_group = group_new (page, _("Not This Company"),
                                      _("Words that name something else, such as “Pixel art”: "
                                        "their mentions do not count for the company."));
  self->exclusion_row = entry_row (_("Add a phrase"), G_CALLBACK (exclusion_applied_cb), self);
  adw_preferences_group_add (self->exclusions_group, GTK_WIDGET (self->exclusion_row));

  group = group_new (page, _("Merge or Remove"), NULL);
  row = row_with_button (_("Merge into Another Company"), _("_Merge"), "suggested-action",
                         G_CALLBACK (merge_clicked_cb), self);
  self->merge_target = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (self->brand_names)),
                                                         gtk_property_expression_new (GTK_TYPE_STRING_OBJECT,
                                                                                      NULL, "string")));
  gtk_widget_set_valign (GTK_WIDGET (self->merge_target), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->merge_target),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Company to merge into"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (self->merge_target));
  adw_preferences_group_add (group, row);
  row = row_with_button (_("Remove Company"), _("_Remove"), "destructive-action",
                         G_CALLBACK (remove_clicked_cb), self);
  adw_preferences_group_add (group, row);
}

static void
build_window (CitedBrandEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Brands"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 680);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 294);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_hide_on_close (GTK_WINDOW (self), TRUE);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->progress), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->progress), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->progress), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->progress), 6);
  self->progress_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->progress_revealer, GTK_WIDGET (self->progress));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress_revealer));

  build_page (self, ADW_PREFERENCES_PAGE (page));
  gtk_widget_set_vexpand (page, TRUE);
  self->page = page;
  gtk_box_append (GTK_BOX (box), page);

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));
}

static void
cited_brand_editor_dispose (GObject *object)
{
  CitedBrandEditor *self = CITED_BRAND_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (cited_brand_editor_parent_class)->dispose (object);
}

static void
cited_brand_editor_finalize (GObject *object)
{
  CitedBrandEditor *self = CITED_BRAND_EDITOR (object);

  g_clear_object (&self->brand_names);
  g_free (self->selected);
  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  G_OBJECT_CLASS (cited_brand_editor_parent_class)->finalize (object);
}

static void
cited_brand_editor_class_init (CitedBrandEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cited_brand_editor_dispose;
  object_class->finalize = cited_brand_editor_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cited_brand_editor_init (CitedBrandEditor *self)
{
  self->brand_names = gtk_string_list_new (NULL);
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) history_entry_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) history_entry_free);
  build_window (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redo", FALSE);
}

CitedBrandEditor *
cited_brand_editor_new (CitedStore *store)
{
  CitedBrandEditor *self = g_object_new (CITED_TYPE_BRAND_EDITOR, NULL);

  g_return_val_if_fail (CITED_IS_STORE (store), NULL);
  self->store = g_object_ref (store);
  rebuild (self);
  return self;
}
