/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-chart-view"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cited-chart-view.h"

struct _CitedChartView
{
  GtkWidget parent_instance;

  CitedChart *chart;
  char *description;

  /* The bar chosen with the keyboard or a click, and the one under the
   * pointer; -1 when none. */
  int sel_series;
  int sel_category;
  int hover_series;
  int hover_category;

  AdwStyleManager *style_manager;
};

G_DEFINE_FINAL_TYPE (CitedChartView, cited_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

enum {
  BAR_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

static CitedChartBar *
get_bar (CitedChart *chart,
         int         series,
         int         category)
{
  CitedChartSeries *s;

  if (chart == NULL || series < 0 || category < 0)
    return NULL;
  if ((guint) series >= chart->series->len)
    return NULL;
  s = g_ptr_array_index (chart->series, series);
  if (s->bars == NULL || (guint) category >= s->bars->len)
    return NULL;
  return g_ptr_array_index (s->bars, category);
}

static void
rgba_from_gdk (double         out[4],
               const GdkRGBA *rgba)
{
  out[0] = rgba->red;
  out[1] = rgba->green;
  out[2] = rgba->blue;
  out[3] = rgba->alpha;
}

void
cited_chart_view_get_style (CitedChartView  *self,
                            CitedChartStyle *style)
{
  gboolean dark;
  GdkRGBA accent = { 0.208, 0.518, 0.894, 1.0 }; /* GNOME blue, #3584e4 */

  g_return_if_fail (CITED_IS_CHART_VIEW (self));
  g_return_if_fail (style != NULL);

  dark = adw_style_manager_get_dark (self->style_manager);
  if (dark)
    cited_chart_style_dark (style);
  else
    cited_chart_style_print (style);

#if ADW_CHECK_VERSION(1, 6, 0)
  {
    g_autoptr(GdkRGBA) system = adw_style_manager_get_accent_color_rgba (self->style_manager);
    if (system != NULL)
      accent = *system;
  }
#else
  {
    GdkRGBA themed;

    /* libadwaita before 1.6 has no accent API; the theme's named colour is
     * what the rest of the window uses. */
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    if (gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                        "accent_bg_color", &themed))
      accent = themed;
    G_GNUC_END_IGNORE_DEPRECATIONS
  }
#endif
  rgba_from_gdk (style->accent, &accent);

  style->highlight_series = -1;
  style->highlight_category = -1;
  if (get_bar (self->chart, self->hover_series, self->hover_category) != NULL)
    {
      style->highlight_series = self->hover_series;
      style->highlight_category = self->hover_category;
    }
  else if (get_bar (self->chart, self->sel_series, self->sel_category) != NULL)
    {
      style->highlight_series = self->sel_series;
      style->highlight_category = self->sel_category;
    }
}

#define CORNER_RADIUS 8
#define FOCUS_WIDTH 2

static void
cited_chart_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CitedChartView *self = CITED_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  GskRoundedRect outline;
  CitedChartStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cited_chart_view_get_style (self, &style);

  /* Rounded like the cards around it. */
  gsk_rounded_rect_init_from_rect (&outline, &bounds, CORNER_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  if (self->chart != NULL)
    {
      cited_chart_render (self->chart, cr, width, height, &style);
    }
  else if (style.background[3] > 0)
    {
      cairo_set_source_rgba (cr, style.background[0], style.background[1],
                             style.background[2], style.background[3]);
      cairo_paint (cr);
    }
  cairo_destroy (cr);
  gtk_snapshot_pop (snapshot);

  /* The chart draws itself edge to edge, so it shows keyboard focus itself. */
  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA accent = { style.accent[0], style.accent[1], style.accent[2], 1.0 };
      GdkRGBA colors[4] = { accent, accent, accent, accent };
      float widths[4] = { FOCUS_WIDTH, FOCUS_WIDTH, FOCUS_WIDTH, FOCUS_WIDTH };

      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

static void
cited_chart_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  /* Small enough to fit a phone-width window, roomy when there is space. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      *minimum = 200;
      *natural = 320;
    }
}

static void
dark_changed_cb (CitedChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Bars in reading order: by category, then series. */
static GArray *
collect_bars (CitedChartView *self)
{
  GArray *bars = g_array_new (FALSE, FALSE, sizeof (int) * 2);
  guint n_categories;

  if (self->chart == NULL)
    return bars;

  n_categories = self->chart->categories->len;
  for (guint c = 0; c < n_categories; c++)
    for (guint s = 0; s < self->chart->series->len; s++)
      if (get_bar (self->chart, s, c) != NULL)
        {
          int pair[2] = { s, c };
          g_array_append_vals (bars, pair, 1);
        }
  return bars;
}

gboolean
cited_chart_view_select_bar (CitedChartView *self,
                             guint           series,
                             guint           category)
{
  g_return_val_if_fail (CITED_IS_CHART_VIEW (self), FALSE);

  if (get_bar (self->chart, series, category) == NULL)
    return FALSE;

  self->sel_series = series;
  self->sel_category = category;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

gboolean
cited_chart_view_select_figure (CitedChartView *self,
                                gint64          figure_id)
{
  g_return_val_if_fail (CITED_IS_CHART_VIEW (self), FALSE);

  if (self->chart != NULL)
    for (guint s = 0; s < self->chart->series->len; s++)
      for (guint c = 0; c < self->chart->categories->len; c++)
        {
          CitedChartBar *bar = get_bar (self->chart, s, c);

          if (bar == NULL || bar->figure_ids == NULL)
            continue;
          for (guint i = 0; i < bar->figure_ids->len; i++)
            if (g_array_index (bar->figure_ids, gint64, i) == figure_id)
              return cited_chart_view_select_bar (self, s, c);
        }

  if (self->sel_series >= 0)
    {
      self->sel_series = -1;
      self->sel_category = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  return FALSE;
}

gboolean
cited_chart_view_activate_selected (CitedChartView *self)
{
  CitedChartBar *bar;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (CITED_IS_CHART_VIEW (self), FALSE);

  bar = get_bar (self->chart, self->sel_series, self->sel_category);
  if (bar == NULL)
    return FALSE;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (bar->figure_ids != NULL)
    g_array_append_vals (ids, bar->figure_ids->data, bar->figure_ids->len);
  g_signal_emit (self, signals[BAR_ACTIVATED], 0, ids);
  return TRUE;
}

static void
move_selection (CitedChartView *self,
                int             delta,
                gboolean        to_end)
{
  g_autoptr(GArray) bars = collect_bars (self);
  int current = -1;
  int next;

  if (bars->len == 0)
    return;

  for (guint i = 0; i < bars->len; i++)
    {
      int *pair = &g_array_index (bars, int, i * 2);
      if (pair[0] == self->sel_series && pair[1] == self->sel_category)
        current = i;
    }

  if (to_end)
    next = delta < 0 ? 0 : (int) bars->len - 1;
  else if (current < 0)
    next = delta < 0 ? (int) bars->len - 1 : 0;
  else
    next = CLAMP (current + delta, 0, (int) bars->len - 1);

  {
    int *pair = &g_array_index (bars, int, next * 2);
    cited_chart_view_select_bar (self, pair[0], pair[1]);
  }

  /* Show the chosen bar's tooltip the way hovering would. */
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

static gboolean
key_pressed_cb (CitedChartView        *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -1, FALSE);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 1, FALSE);
      return TRUE;
    case GDK_KEY_Home:
      move_selection (self, -1, TRUE);
      return TRUE;
    case GDK_KEY_End:
      move_selection (self, 1, TRUE);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      return cited_chart_view_activate_selected (self);
    default:
      return FALSE;
    }
}

static gboolean
hit (CitedChartView *self,
     double          x,
     double          y,
     guint          *series,
     guint          *category)
{
  GtkWidget *widget = GTK_WIDGET (self);

  if (self->chart == NULL)
    return FALSE;
  if (!cited_chart_hit_test (self->chart,
                             gtk_widget_get_width (widget),
                             gtk_widget_get_height (widget),
                             x, y, series, category))
    return FALSE;
  return get_bar (self->chart, *series, *category) != NULL;
}

static void
click_released_cb (CitedChartView  *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  guint series, category;

  if (!hit (self, x, y, &series, &category))
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  cited_chart_view_select_bar (self, series, category);
  cited_chart_view_activate_selected (self);
}

static void
motion_cb (CitedChartView           *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  guint series, category;
  int new_series = -1, new_category = -1;

  if (hit (self, x, y, &series, &category))
    {
      new_series = series;
      new_category = category;
    }

  if (new_series != self->hover_series || new_category != self->hover_category)
    {
      self->hover_series = new_series;
      self->hover_category = new_category;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                       new_series >= 0 ? "pointer" : NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (CitedChartView           *self,
          GtkEventControllerMotion *controller)
{
  if (self->hover_series >= 0)
    {
      self->hover_series = -1;
      self->hover_category = -1;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static char *
bar_tooltip_text (CitedChartView *self,
                  guint           series,
                  guint           category)
{
  CitedChartBar *bar = get_bar (self->chart, series, category);
  CitedChartSeries *s = g_ptr_array_index (self->chart->series, series);
  const char *label = g_ptr_array_index (self->chart->categories, category);
  g_autofree char *value = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->chart->kind == CITED_CHART_KIND_SHARE)
    value = g_strdup_printf ("%.1f%%", bar->value * 100.0);
  else
    value = cited_value_format_qualified (bar->value, self->chart->unit, self->chart->currency,
                                          bar->qualifier);

  /* The bar's own label tells apart bars of one group (two prices of one
   * brand); the series name is the group. */
  if (bar->label != NULL && *bar->label != '\0' && g_strcmp0 (bar->label, label) != 0)
    g_string_append_printf (text, _("%s · %s: %s"), label, bar->label, value);
  else if (s->name != NULL && *s->name != '\0' && g_strcmp0 (s->name, label) != 0)
    /* TRANSLATORS: a bar's tooltip: category, series, value, e.g. "Xiaomi · global: 190M". */
    g_string_append_printf (text, _("%s · %s: %s"), label, s->name, value);
  else
    /* TRANSLATORS: a bar's tooltip: category and value, e.g. "Xiaomi: 190M". */
    g_string_append_printf (text, _("%s: %s"), label, value);

  /* The library's tooltip already quotes the sentences behind the bar. */
  if (bar->tooltip != NULL && *bar->tooltip != '\0')
    {
      g_string_append (text, "\n\n");
      g_string_append (text, bar->tooltip);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
query_tooltip_cb (CitedChartView *self,
                  int             x,
                  int             y,
                  gboolean        keyboard_mode,
                  GtkTooltip     *tooltip)
{
  guint series, category;
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (keyboard_mode)
    {
      if (get_bar (self->chart, self->sel_series, self->sel_category) == NULL)
        return FALSE;
      series = self->sel_series;
      category = self->sel_category;
    }
  else if (!hit (self, x, y, &series, &category))
    {
      return FALSE;
    }

  text = bar_tooltip_text (self, series, category);
  /* The quoted sentences can be long: a wrapping label keeps the tooltip
   * a readable column instead of a line across the screen. */
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

static void
focus_changed_cb (CitedChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cited_chart_view_set_chart (CitedChartView *self,
                            CitedChart     *chart)
{
  g_return_if_fail (CITED_IS_CHART_VIEW (self));

  if (self->chart == chart)
    return;

  g_clear_pointer (&self->chart, cited_chart_unref);
  if (chart != NULL)
    self->chart = cited_chart_ref (chart);

  g_clear_pointer (&self->description, g_free);
  self->description = chart != NULL ? cited_chart_describe (chart) : g_strdup ("");
  if (self->description == NULL)
    self->description = g_strdup ("");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  *self->description != '\0' ? self->description : _("Empty chart"),
                                  -1);

  self->sel_series = -1;
  self->sel_category = -1;
  self->hover_series = -1;
  self->hover_category = -1;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CHART]);
}

CitedChart *
cited_chart_view_get_chart (CitedChartView *self)
{
  g_return_val_if_fail (CITED_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

const char *
cited_chart_view_get_description (CitedChartView *self)
{
  g_return_val_if_fail (CITED_IS_CHART_VIEW (self), NULL);
  return self->description;
}

GtkWidget *
cited_chart_view_new (void)
{
  return g_object_new (CITED_TYPE_CHART_VIEW, NULL);
}

static void
cited_chart_view_dispose (GObject *object)
{
  CitedChartView *self = CITED_CHART_VIEW (object);

  if (self->style_manager != NULL)
    g_signal_handlers_disconnect_by_data (self->style_manager, self);
  self->style_manager = NULL;

  G_OBJECT_CLASS (cited_chart_view_parent_class)->dispose (object);
}

static void
cited_chart_view_finalize (GObject *object)
{
  CitedChartView *self = CITED_CHART_VIEW (object);

  g_clear_pointer (&self->chart, cited_chart_unref);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (cited_chart_view_parent_class)->finalize (object);
}

static void
cited_chart_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CitedChartView *self = CITED_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_boxed (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_chart_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CitedChartView *self = CITED_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      cited_chart_view_set_chart (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_chart_view_class_init (CitedChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cited_chart_view_dispose;
  object_class->finalize = cited_chart_view_finalize;
  object_class->get_property = cited_chart_view_get_property;
  object_class->set_property = cited_chart_view_set_property;

  widget_class->snapshot = cited_chart_view_snapshot;
  widget_class->measure = cited_chart_view_measure;

  props[PROP_CHART] =
    g_param_spec_boxed ("chart", NULL, NULL, CITED_TYPE_CHART,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * CitedChartView::bar-activated:
   * @figure_ids: (element-type gint64): the figures behind the bar
   */
  signals[BAR_ACTIVATED] =
    g_signal_new ("bar-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ARRAY);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cited_chart_view_init (CitedChartView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *click;

  self->sel_series = self->sel_category = -1;
  self->hover_series = self->hover_category = -1;
  self->description = g_strdup ("");

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_widget_set_vexpand (widget, TRUE);

  self->style_manager = adw_style_manager_get_default ();
  g_signal_connect_object (self->style_manager, "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect (self, "notify::has-focus", G_CALLBACK (focus_changed_cb), NULL);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (widget, controller);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Empty chart"),
                                  -1);
}
