/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-date-filter"

#include "config.h"

#include <glib/gi18n.h>

#include "cited-date-filter.h"

struct _CitedDateFilter
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkMenuButton   *button;
  GtkLabel        *label;
  GtkWidget       *clear_button;
  GtkStack        *stack;
  GtkGrid         *years_grid;
  GtkWidget       *years_heading;
  GtkToggleButton *from_toggle;
  GtkToggleButton *to_toggle;
  GtkCalendar     *calendar;
  GArray          *years;     /* the years offered, until the popover is made */

  char            *from;      /* "YYYY-MM-DD" or NULL */
  char            *to;
  gboolean         updating;  /* the calendar is being set from code */
};

G_DEFINE_FINAL_TYPE (CitedDateFilter, cited_date_filter, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void sync_custom (CitedDateFilter *self);

/* Dates */

static GDateTime *
parse_date (const char *date)
{
  int year, month, day;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_date_time_new_local (year, month, day, 0, 0, 0);
}

static char *
format_iso (GDateTime *date)
{
  return g_date_time_format (date, "%Y-%m-%d");
}

static gboolean
is_month_end (GDateTime *date)
{
  return g_date_time_get_day_of_month (date) ==
         g_date_get_days_in_month (g_date_time_get_month (date), g_date_time_get_year (date));
}

/* "Mar 2021" for a whole month's end, else "3 Mar 2021". */
static char *
format_end (GDateTime *date,
            gboolean   whole_month)
{
  g_autofree char *text = NULL;

  if (whole_month)
    /* Translators: a month in the date filter's button, "Mar 2021"; see
     * the GDateTime format codes */
    text = g_date_time_format (date, C_("date filter", "%b %Y"));
  else
    /* Translators: a day in the date filter's button, "3 Mar 2021"; see
     * the GDateTime format codes (%e pads the day with a space) */
    text = g_date_time_format (date, C_("date filter", "%e %b %Y"));
  return g_strdup (g_strstrip (text));
}

/* The start of the last 12 months: a year ago tomorrow. */
static char *
last_year_start (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_add_full (now, -1, 0, 1, 0, 0, 0);

  return format_iso (start);
}

static char *
both_ends_label (GDateTime *from,
                 GDateTime *to)
{
  gboolean from_month = g_date_time_get_day_of_month (from) == 1;
  gboolean to_month = is_month_end (to);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (from_month && to_month && g_date_time_get_month (from) == 1 && g_date_time_get_month (to) == 12)
    {
      if (g_date_time_get_year (from) == g_date_time_get_year (to))
        return g_strdup_printf ("%d", g_date_time_get_year (from));
      /* Translators: a range of years in the date filter, "2021 – 2022" */
      return g_strdup_printf (_("%d – %d"), g_date_time_get_year (from), g_date_time_get_year (to));
    }
  /* Months when the range is of whole months, else days. */
  a = format_end (from, from_month && to_month);
  b = format_end (to, from_month && to_month);
  if (g_str_equal (a, b))
    return g_steal_pointer (&a);
  /* Translators: a date range in the date filter, "Mar 2021 – 5 Jun 2022" */
  return g_strdup_printf (_("%s – %s"), a, b);
}

static char *
range_label (const char *from_text,
             const char *to_text)
{
  g_autoptr(GDateTime) from = parse_date (from_text);
  g_autoptr(GDateTime) to = parse_date (to_text);
  g_autofree char *last_year = last_year_start ();
  g_autofree char *end = NULL;

  if (from == NULL && to == NULL)
    return g_strdup (_("Any Date"));
  if (to == NULL && g_str_equal (from_text, last_year))
    return g_strdup (_("Last 12 Months"));
  if (from != NULL && to != NULL)
    return both_ends_label (from, to);
  if (from != NULL)
    {
      end = format_end (from, g_date_time_get_day_of_month (from) == 1);
      /* Translators: an open date range, "Since Mar 2021" */
      return g_strdup_printf (_("Since %s"), end);
    }
  end = format_end (to, is_month_end (to));
  /* Translators: an open date range, "Until Jun 2022" */
  return g_strdup_printf (_("Until %s"), end);
}

/* The range */

static void
show_range (CitedDateFilter *self)
{
  g_autofree char *label = range_label (self->from, self->to);
  gboolean set = self->from != NULL || self->to != NULL;

  gtk_label_set_text (self->label, label);
  gtk_widget_set_visible (self->clear_button, set);
  if (set)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "accent");
  sync_custom (self);
}

static gboolean
set_range (CitedDateFilter *self,
           const char      *from,
           const char      *to)
{
  if (from != NULL && *from == '\0')
    from = NULL;
  if (to != NULL && *to == '\0')
    to = NULL;
  if (g_strcmp0 (from, self->from) == 0 && g_strcmp0 (to, self->to) == 0)
    return FALSE;
  /* @from or @to may be the range's own strings. */
  from = g_strdup (from);
  to = g_strdup (to);
  g_free (self->from);
  g_free (self->to);
  self->from = (char *) from;
  self->to = (char *) to;
  show_range (self);
  return TRUE;
}

/* A change the user made. */
static void
choose_range (CitedDateFilter *self,
              const char      *from,
              const char      *to)
{
  if (set_range (self, from, to))
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
choose_preset (CitedDateFilter *self,
               const char      *from,
               const char      *to)
{
  choose_range (self, from, to);
  gtk_menu_button_popdown (self->button);
}

static void
any_date_cb (CitedDateFilter *self)
{
  choose_preset (self, NULL, NULL);
}

static void
this_year_cb (CitedDateFilter *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *from = g_strdup_printf ("%04d-01-01", g_date_time_get_year (now));
  g_autofree char *to = g_strdup_printf ("%04d-12-31", g_date_time_get_year (now));

  choose_preset (self, from, to);
}

static void
last_year_cb (CitedDateFilter *self)
{
  g_autofree char *from = last_year_start ();

  choose_preset (self, from, NULL);
}

static void
year_cb (GtkButton       *button,
         CitedDateFilter *self)
{
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "year"));
  g_autofree char *from = g_strdup_printf ("%04d-01-01", year);
  g_autofree char *to = g_strdup_printf ("%04d-12-31", year);

  choose_preset (self, from, to);
}

static void
clear_cb (CitedDateFilter *self)
{
  choose_range (self, NULL, NULL);
}

/* The custom range: one calendar sets the end whose toggle is active. */

static void
sync_custom (CitedDateFilter *self)
{
  gboolean editing_to;
  const char *end;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *from_label = NULL;
  g_autofree char *to_label = NULL;

  /* The popover is not made yet: it is set when it is. */
  if (self->calendar == NULL)
    return;

  editing_to = gtk_toggle_button_get_active (self->to_toggle);
  end = editing_to ? self->to : self->from;
  date = parse_date (end != NULL ? end : editing_to ? self->from : self->to);
  from = parse_date (self->from);
  to = parse_date (self->to);
  from_text = from ? format_end (from, FALSE) : g_strdup (_("Any"));
  to_text = to ? format_end (to, FALSE) : g_strdup (_("Any"));
  /* Translators: the custom date range's start, "From: 3 Mar 2021" or "From: Any" */
  from_label = g_strdup_printf (_("From: %s"), from_text);
  /* Translators: the custom date range's end, "To: 5 Jun 2022" or "To: Any" */
  to_label = g_strdup_printf (_("To: %s"), to_text);

  gtk_button_set_label (GTK_BUTTON (self->from_toggle), from_label);
  gtk_button_set_label (GTK_BUTTON (self->to_toggle), to_label);
  if (date == NULL)
    date = g_date_time_new_now_local ();
  self->updating = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  self->updating = FALSE;
}

static void
day_selected_cb (CitedDateFilter *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *day = NULL;
  gboolean editing_to;

  if (self->updating)
    return;

  date = gtk_calendar_get_date (self->calendar);
  day = format_iso (date);
  editing_to = gtk_toggle_button_get_active (self->to_toggle);
  /* The other end moves along rather than leave an empty range. */
  if (editing_to)
    choose_range (self, self->from != NULL && g_strcmp0 (self->from, day) > 0 ? day : self->from, day);
  else
    choose_range (self, day, self->to != NULL && g_strcmp0 (self->to, day) < 0 ? day : self->to);
}

static void
clear_end_cb (CitedDateFilter *self)
{
  if (gtk_toggle_button_get_active (self->to_toggle))
    choose_range (self, self->from, NULL);
  else
    choose_range (self, NULL, self->to);
}

static void
custom_cb (CitedDateFilter *self)
{
  gtk_stack_set_visible_child_name (self->stack, "custom");
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static void
back_cb (CitedDateFilter *self)
{
  gtk_stack_set_visible_child_name (self->stack, "presets");
}

static void
popover_closed_cb (CitedDateFilter *self)
{
  gtk_stack_set_visible_child_name (self->stack, "presets");
}

static void
done_cb (CitedDateFilter *self)
{
  gtk_menu_button_popdown (self->button);
}

/* Building */

static GtkWidget *
flat_button (const char *label,
             GCallback   callback,
             gpointer    data)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "flat");
  gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
  g_signal_connect_swapped (button, "clicked", callback, data);
  return button;
}

static GtkWidget *
page_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

static GtkWidget *
build_presets (CitedDateFilter *self)
{
  GtkWidget *box = page_box ();

  gtk_box_append (GTK_BOX (box), flat_button (_("_Any Date"), G_CALLBACK (any_date_cb), self));
  gtk_box_append (GTK_BOX (box), flat_button (_("This _Year"), G_CALLBACK (this_year_cb), self));
  gtk_box_append (GTK_BOX (box), flat_button (_("_Last 12 Months"), G_CALLBACK (last_year_cb), self));

  self->years_heading = gtk_label_new (_("Years of the Articles"));
  gtk_label_set_xalign (GTK_LABEL (self->years_heading), 0);
  gtk_widget_set_halign (self->years_heading, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->years_heading, 6);
  gtk_widget_set_margin_start (self->years_heading, 6);
  gtk_widget_add_css_class (self->years_heading, "heading");
  gtk_box_append (GTK_BOX (box), self->years_heading);
  self->years_grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_homogeneous (self->years_grid, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->years_grid));

  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), flat_button (_("_Custom Range…"), G_CALLBACK (custom_cb), self));
  return box;
}

static GtkWidget *
build_custom_header (CitedDateFilter *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *title = gtk_label_new (_("Custom Range"));

  gtk_widget_add_css_class (back, "flat");
  gtk_widget_set_tooltip_text (back, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (back_cb), self);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (header), back);
  gtk_box_append (GTK_BOX (header), title);
  return header;
}

static GtkWidget *
build_custom (CitedDateFilter *self)
{
  GtkWidget *box = page_box ();
  GtkWidget *ends = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear Date"));
  GtkWidget *done = gtk_button_new_with_mnemonic (_("_Done"));

  gtk_box_append (GTK_BOX (box), build_custom_header (self));

  self->from_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  self->to_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_toggle_button_set_group (self->to_toggle, self->from_toggle);
  gtk_toggle_button_set_active (self->from_toggle, TRUE);
  g_signal_connect_swapped (self->to_toggle, "toggled", G_CALLBACK (sync_custom), self);
  gtk_widget_set_hexpand (GTK_WIDGET (self->from_toggle), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->to_toggle), TRUE);
  gtk_widget_add_css_class (ends, "linked");
  gtk_box_append (GTK_BOX (ends), GTK_WIDGET (self->from_toggle));
  gtk_box_append (GTK_BOX (ends), GTK_WIDGET (self->to_toggle));
  gtk_box_append (GTK_BOX (box), ends);

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Date"), -1);
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));

  gtk_widget_set_tooltip_text (clear, _("Leave This End of the Range Open"));
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (clear_end_cb), self);
  gtk_widget_add_css_class (done, "suggested-action");
  gtk_widget_set_hexpand (done, TRUE);
  gtk_widget_set_halign (done, GTK_ALIGN_END);
  g_signal_connect_swapped (done, "clicked", G_CALLBACK (done_cb), self);
  gtk_box_append (GTK_BOX (actions), clear);
  gtk_box_append (GTK_BOX (actions), done);
  gtk_box_append (GTK_BOX (box), actions);
  return box;
}

static GtkWidget *
build_popover (CitedDateFilter *self)
{
  GtkWidget *popover = gtk_popover_new ();

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_set_hhomogeneous (self->stack, FALSE);
  gtk_stack_add_named (self->stack, build_presets (self), "presets");
  gtk_stack_add_named (self->stack, build_custom (self), "custom");
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->stack));
  g_signal_connect_swapped (popover, "closed", G_CALLBACK (popover_closed_cb), self);
  return popover;
}

static void
fill_years (CitedDateFilter *self)
{
  GtkWidget *child;
  guint n = self->years != NULL ? self->years->len : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->years_grid))) != NULL)
    gtk_grid_remove (self->years_grid, child);
  for (guint i = 0; i < n; i++)
    {
      int year = g_array_index (self->years, int, i);
      g_autofree char *label = g_strdup_printf ("%d", year);
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_widget_add_css_class (button, "flat");
      g_object_set_data (G_OBJECT (button), "year", GINT_TO_POINTER (year));
      g_signal_connect (button, "clicked", G_CALLBACK (year_cb), self);
      gtk_grid_attach (self->years_grid, button, i % 4, i / 4, 1, 1);
    }
  gtk_widget_set_visible (self->years_heading, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->years_grid), n > 0);
}

/* The popover (presets, years, a calendar) is made when first opened,
 * not with the window. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  CitedDateFilter *self = CITED_DATE_FILTER (user_data);

  if (gtk_menu_button_get_popover (button) != NULL)
    return;
  gtk_menu_button_set_popover (button, build_popover (self));
  fill_years (self);
  sync_custom (self);
}

static void
build_button (CitedDateFilter *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  /* A long range takes the room there is and ellipsizes rather than
   * widen the sidebar. */
  gtk_label_set_max_width_chars (self->label, 12);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_label_set_xalign (self->label, 0);
  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("x-office-calendar-symbolic"));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->label));
  gtk_menu_button_set_child (self->button, content);
  /* The menu button centres its child in a box of its own: let the range
   * have the button's width before it ellipsizes. */
  gtk_widget_set_halign (gtk_widget_get_parent (content), GTK_ALIGN_FILL);
  gtk_menu_button_set_create_popup_func (self->button, create_popup_cb, self, NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self->button), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Only articles published in a date range"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Date Range"), -1);

  self->clear_button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_tooltip_text (self->clear_button, _("Any Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->clear_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Clear Date Range"), -1);
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (clear_cb), self);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->box, "linked");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->button));
  gtk_box_append (GTK_BOX (self->box), self->clear_button);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

/* API */

GtkWidget *
cited_date_filter_new (void)
{
  return g_object_new (CITED_TYPE_DATE_FILTER, NULL);
}

const char *
cited_date_filter_get_from (CitedDateFilter *self)
{
  g_return_val_if_fail (CITED_IS_DATE_FILTER (self), NULL);
  return self->from;
}

const char *
cited_date_filter_get_to (CitedDateFilter *self)
{
  g_return_val_if_fail (CITED_IS_DATE_FILTER (self), NULL);
  return self->to;
}

void
cited_date_filter_set_range (CitedDateFilter *self,
                             const char      *from,
                             const char      *to)
{
  g_return_if_fail (CITED_IS_DATE_FILTER (self));
  set_range (self, from, to);
}

const char *
cited_date_filter_get_label (CitedDateFilter *self)
{
  g_return_val_if_fail (CITED_IS_DATE_FILTER (self), NULL);
  return gtk_label_get_text (self->label);
}

void
cited_date_filter_set_years (CitedDateFilter *self,
                             GArray          *years)
{
  g_return_if_fail (CITED_IS_DATE_FILTER (self));

  g_clear_pointer (&self->years, g_array_unref);
  if (years != NULL)
    {
      self->years = g_array_sized_new (FALSE, FALSE, sizeof (int), years->len);
      g_array_append_vals (self->years, years->data, years->len);
    }
  if (self->years_grid != NULL)
    fill_years (self);
}

static void
cited_date_filter_dispose (GObject *object)
{
  CitedDateFilter *self = CITED_DATE_FILTER (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (cited_date_filter_parent_class)->dispose (object);
}

static void
cited_date_filter_finalize (GObject *object)
{
  CitedDateFilter *self = CITED_DATE_FILTER (object);

  g_free (self->from);
  g_free (self->to);
  g_clear_pointer (&self->years, g_array_unref);
  G_OBJECT_CLASS (cited_date_filter_parent_class)->finalize (object);
}

static void
cited_date_filter_class_init (CitedDateFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cited_date_filter_dispose;
  object_class->finalize = cited_date_filter_finalize;

  /**
   * CitedDateFilter::changed:
   * The user changed the range.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "datefilter");
}

static void
cited_date_filter_init (CitedDateFilter *self)
{
  build_button (self);
  show_range (self);
}
