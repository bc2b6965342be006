/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-article-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cited-article-row.h"
#include "cited-article-view.h"
#include "cited-figure-object.h"

typedef struct {
  int          start;          /* character offsets in the buffer */
  int          end;
  CitedFigure *figure;
} FigureRange;

struct _CitedArticleView
{
  GtkWidget      parent_instance;

  CitedStore    *store;
  gint64         article_id;
  GArray        *figures;      /* FigureRange, by start */
  GHashTable    *brand_tags;   /* brand name -> GtkTextTag (borrowed from the table) */

  GtkStack      *stack;
  GtkRevealer   *back_revealer;  /* with the article page, made when the first */
  GtkTextView   *text_view;      /* article is shown (ensure_article_page()) */
  GtkTextBuffer *buffer;
  gboolean       show_back;
};

G_DEFINE_FINAL_TYPE (CitedArticleView, cited_article_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SHOW_BACK,
  N_PROPS
};

enum {
  SIGNAL_BACK,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

static void
figure_range_clear (gpointer data)
{
  FigureRange *range = data;

  g_clear_pointer (&range->figure, cited_figure_unref);
}

/* Byte offsets into the body as character offsets (what GtkTextBuffer
 * counts), walking on from the previous answer: figures, mentions and
 * matches come in text order, so a whole article costs one pass however
 * many marks it has. */
typedef struct {
  const char *text;
  gsize       length;
  gsize       byte;       /* last position answered */
  int         chars;      /* characters before it */
} OffsetMap;

static int
offset_map_get (OffsetMap *map,
                guint      byte_offset)
{
  const char *p;

  if (byte_offset > map->length)
    byte_offset = map->length;
  /* An offset inside a character counts from that character's start. */
  p = map->text + byte_offset;
  while (p > map->text && ((guchar) *p & 0xC0) == 0x80)
    p--;
  byte_offset = p - map->text;

  if (byte_offset < map->byte)
    {
      map->byte = 0;
      map->chars = 0;
    }
  map->chars += g_utf8_pointer_to_offset (map->text + map->byte, map->text + byte_offset);
  map->byte = byte_offset;
  return map->chars;
}

static void
apply_tag_at (GtkTextBuffer *buffer,
              GtkTextTag    *tag,
              int            start,
              int            end)
{
  GtkTextIter s, e;

  gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
  gtk_text_buffer_apply_tag (buffer, tag, &s, &e);
}

/* A brand's colour as text: in dark mode lifted toward white so that dark
 * brand colours stay readable. (Underlines would be the quieter mark, but
 * GTK 4.8's text view leaves many of them undrawn.) */
static void
set_brand_color (GtkTextTag *tag,
                 const char *color,
                 gboolean    dark)
{
  GdkRGBA rgba;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    return;
  if (dark)
    {
      rgba.red += (1.0f - rgba.red) * 0.45f;
      rgba.green += (1.0f - rgba.green) * 0.45f;
      rgba.blue += (1.0f - rgba.blue) * 0.45f;
    }
  g_object_set (tag, "foreground-rgba", &rgba, NULL);
}

static GtkTextTag *
brand_tag (CitedArticleView *self,
           const char       *brand)
{
  GtkTextTag *tag = g_hash_table_lookup (self->brand_tags, brand);
  GtkTextTagTable *table;
  const char *color;

  if (tag != NULL)
    return tag;

  color = self->store ? cited_lexicon_color_for (cited_store_get_lexicon (self->store), brand) : NULL;
  tag = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);
  g_object_set_data_full (G_OBJECT (tag), "cited-color", g_strdup (color), g_free);
  set_brand_color (tag, color, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  g_hash_table_insert (self->brand_tags, g_strdup (brand), tag);

  /* Search matches stay on top of every other mark. */
  table = gtk_text_buffer_get_tag_table (self->buffer);
  gtk_text_tag_set_priority (gtk_text_tag_table_lookup (table, "search"),
                             gtk_text_tag_table_get_size (table) - 1);
  return tag;
}

char *
cited_article_view_describe_figure (CitedFigure *figure)
{
  GString *text = g_string_new (NULL);
  g_autofree char *escaped_text = g_markup_escape_text (figure->text ? figure->text : "", -1);
  g_autofree char *value = cited_format_value (figure->value, figure->unit, figure->currency);

#define LINE(label, val) \
  G_STMT_START { \
    g_autofree char *_escaped = g_markup_escape_text ((val), -1); \
    g_string_append_printf (text, "\n%s: %s", (label), _escaped); \
  } G_STMT_END

  g_string_append_printf (text, "<b>%s</b>", escaped_text);

  if (cited_figure_is_range (figure))
    {
      g_autofree char *value_max = cited_format_value (figure->value_max, figure->unit, figure->currency);
      g_autofree char *range = g_strdup_printf ("%s – %s", value, value_max);

      LINE (_("Value"), range);
    }
  else
    LINE (_("Value"), value);
  if (figure->currency != NULL && figure->currency_inferred)
    {
      /* Translators: a figure's currency that the figure itself does not
       * name, taken from the rest of its article. */
      g_autofree char *inferred = g_strdup_printf (_("%s, from the article"), figure->currency);

      LINE (_("Currency"), inferred);
    }
  if (figure->qualifier != NULL)
    LINE (_("Qualifier"), figure->qualifier);
  LINE (_("Metric"), figure->metric ? figure->metric : _("unknown"));
  LINE (_("Brand"), figure->brand ? figure->brand : _("market-wide"));
  if (figure->scope != NULL)
    LINE (_("Scope"), figure->scope);
  if (figure->year > 0)
    {
      g_autofree char *period = figure->quarter > 0
        ? g_strdup_printf ("Q%d %d", figure->quarter, figure->year)
        : g_strdup_printf ("%d", figure->year);

      if (figure->period_inferred)
        {
          /* Translators: a figure's period that the figure itself does not
           * name, taken from its article's date. */
          g_autofree char *inferred = g_strdup_printf (_("%s, from the article"), period);

          LINE (_("Period"), inferred);
        }
      else
        LINE (_("Period"), period);
    }
  {
    g_autoptr(CitedFigureObject) object = cited_figure_object_new (figure);
    g_autofree char *states = cited_figure_object_dup_states (object);

    if (*states != '\0')
      LINE (_("States"), states);
  }
  if (figure->status == CITED_FIGURE_CONFIRMED)
    LINE (_("Status"), figure->edited ? _("edited and confirmed") : _("confirmed"));
  else if (figure->status == CITED_FIGURE_REJECTED)
    LINE (_("Status"), _("rejected"));
  else if (figure->edited)
    LINE (_("Status"), _("edited"));

#undef LINE

  g_string_append_printf (text, "\n<small>%s</small>",
                          _("Click or press Enter to show it on the Figures page"));
  return g_string_free (text, FALSE);
}

CitedFigure *
cited_article_view_get_figure_at (CitedArticleView *self,
                                  int               char_offset)
{
  g_return_val_if_fail (CITED_IS_ARTICLE_VIEW (self), NULL);

  for (guint i = 0; i < self->figures->len; i++)
    {
      FigureRange *range = &g_array_index (self->figures, FigureRange, i);

      if (char_offset >= range->start && char_offset < range->end)
        return range->figure;
      if (range->start > char_offset)
        break;
    }
  return NULL;
}

static CitedFigure *
figure_at_point (CitedArticleView *self,
                 double            x,
                 double            y)
{
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return NULL;
  return cited_article_view_get_figure_at (self, gtk_text_iter_get_offset (&iter));
}

static CitedFigure *
figure_at_cursor (CitedArticleView *self)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  return cited_article_view_get_figure_at (self, gtk_text_iter_get_offset (&iter));
}

static void
activate_figure (CitedArticleView *self,
                 CitedFigure      *figure)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-figure", "x", figure->id);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  CitedArticleView *self = CITED_ARTICLE_VIEW (user_data);
  CitedFigure *figure;
  g_autofree char *markup = NULL;

  figure = keyboard_mode ? figure_at_cursor (self) : figure_at_point (self, x, y);
  if (figure == NULL)
    return FALSE;

  markup = cited_article_view_describe_figure (figure);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   gpointer         user_data)
{
  CitedArticleView *self = CITED_ARTICLE_VIEW (user_data);
  CitedFigure *figure;

  /* A drag that selected text is not a click on a figure. */
  if (n_press != 1 || gtk_text_buffer_get_has_selection (self->buffer))
    return;

  figure = figure_at_point (self, x, y);
  if (figure != NULL)
    activate_figure (self, figure);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                gpointer               user_data)
{
  CitedArticleView *self = CITED_ARTICLE_VIEW (user_data);
  CitedFigure *figure;

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;

  figure = figure_at_cursor (self);
  if (figure == NULL)
    return FALSE;

  activate_figure (self, figure);
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           gpointer                  user_data)
{
  CitedArticleView *self = CITED_ARTICLE_VIEW (user_data);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->text_view),
                                   figure_at_point (self, x, y) ? "pointer" : "text");
}

static void
back_clicked_cb (CitedArticleView *self)
{
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

/* The page showing an article: its text view over the buffer, and the
 * back button of a narrow window. Made with the first article shown, most
 * launches showing none before the first frame. */
static void
ensure_article_page (CitedArticleView *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkEventController *controller;
  GtkGesture *click;

  if (self->text_view != NULL)
    return;

  builder = gtk_builder_new_from_resource ("/io/github/cited/Cited/cited-article-view-page.ui");
  self->back_revealer = GTK_REVEALER (gtk_builder_get_object (builder, "back_revealer"));
  self->text_view = GTK_TEXT_VIEW (gtk_builder_get_object (builder, "text_view"));
  gtk_text_view_set_buffer (self->text_view, self->buffer);
  gtk_revealer_set_reveal_child (self->back_revealer, self->show_back);
  g_signal_connect_object (gtk_builder_get_object (builder, "back_button"), "clicked",
                           G_CALLBACK (back_clicked_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->text_view, "query-tooltip",
                           G_CALLBACK (query_tooltip_cb), self, 0);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (click_released_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "motion", G_CALLBACK (motion_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);

  gtk_stack_add_named (self->stack, GTK_WIDGET (gtk_builder_get_object (builder, "article_page")), "article");
}

static void
clear (CitedArticleView *self)
{
  g_array_set_size (self->figures, 0);
  gtk_text_buffer_set_text (self->buffer, "", 0);
  self->article_id = 0;
}

/* An article from a feed or the web keeps its address as its path: a
 * link after the source line opens it in the browser. */
static void
add_original_link (CitedArticleView *self,
                   GtkTextIter      *iter,
                   const char       *path)
{
  GtkTextChildAnchor *anchor;
  GtkWidget *link;

  if (path == NULL || (!g_str_has_prefix (path, "https://") && !g_str_has_prefix (path, "http://")))
    return;
  gtk_text_buffer_insert_with_tags_by_name (self->buffer, iter, " · ", -1, "meta", NULL);
  anchor = gtk_text_buffer_create_child_anchor (self->buffer, iter);
  link = gtk_link_button_new_with_label (path, _("Open Original"));
  gtk_widget_set_tooltip_text (link, path);
  gtk_widget_add_css_class (link, "original-link");
  gtk_widget_set_valign (link, GTK_ALIGN_BASELINE);
  gtk_text_view_add_child_at_anchor (self->text_view, link, anchor);
}

/**
 * cited_article_view_get_original_link:
 * Returns: (nullable) (transfer none): the link to the article's web page
 *   shown under its title, or %NULL when it has none.
 */
GtkLinkButton *
cited_article_view_get_original_link (CitedArticleView *self)
{
  GtkTextIter iter;

  g_return_val_if_fail (CITED_IS_ARTICLE_VIEW (self), NULL);
  gtk_text_buffer_get_start_iter (self->buffer, &iter);
  do
    {
      GtkTextChildAnchor *anchor = gtk_text_iter_get_child_anchor (&iter);
      guint n = 0;
      GtkWidget **widgets = anchor != NULL ? gtk_text_child_anchor_get_widgets (anchor, &n) : NULL;
      GtkWidget *found = n > 0 && GTK_IS_LINK_BUTTON (widgets[0]) ? widgets[0] : NULL;

      g_free (widgets);
      if (found != NULL)
        return GTK_LINK_BUTTON (found);
    }
  while (gtk_text_iter_forward_char (&iter) && gtk_text_iter_get_line (&iter) < 3);
  return NULL;
}

/* The line under the title: source, date and how many figures, counted
 * as the article list counts them (rejected ones stay in the text, struck
 * through, but are counted apart). */
static char *
source_line (const CitedArticle *article,
             GPtrArray          *figures)
{
  GString *meta = g_string_new (NULL);
  g_autofree char *date = cited_format_date (article->published);
  guint n_rejected = 0, n_figures = figures ? figures->len : 0;

  if (article->source != NULL && *article->source != '\0')
    g_string_append (meta, article->source);
  if (date != NULL)
    g_string_append_printf (meta, "%s%s", meta->len ? " · " : "", date);
  g_string_append_printf (meta, "%s", meta->len ? " · " : "");
  for (guint i = 0; i < n_figures; i++)
    n_rejected += ((CitedFigure *) g_ptr_array_index (figures, i))->status == CITED_FIGURE_REJECTED;
  g_string_append_printf (meta,
                          g_dngettext (GETTEXT_PACKAGE, "%u figure", "%u figures", n_figures - n_rejected),
                          n_figures - n_rejected);
  if (n_rejected > 0)
    /* Translators: after the article's figure count, "7 figures · 1 rejected" */
    g_string_append_printf (meta, g_dngettext (GETTEXT_PACKAGE, " · %u rejected", " · %u rejected",
                                               n_rejected),
                            n_rejected);
  return g_string_free (meta, FALSE);
}

/* The title and the source line, at @iter, which ends up where the body
 * starts. */
static void
insert_heading (CitedArticleView   *self,
                GtkTextIter        *iter,
                const CitedArticle *article,
                GPtrArray          *figures)
{
  g_autofree char *meta = source_line (article, figures);

  gtk_text_buffer_insert_with_tags_by_name (self->buffer, iter,
                                            article->title && *article->title ? article->title
                                                                              : _("Untitled Article"),
                                            -1, "title", NULL);
  gtk_text_buffer_insert (self->buffer, iter, "\n", 1);
  gtk_text_buffer_insert_with_tags_by_name (self->buffer, iter, meta, -1, "meta", NULL);
  add_original_link (self, iter, article->path);
  gtk_text_buffer_insert (self->buffer, iter, "\n\n", 2);
}

/* The body's marks, at their characters (@map) from @body_start: brand
 * mentions, figures (kept for the tooltips and clicks), search matches. */
static void
tag_mentions (CitedArticleView *self,
              GArray           *mentions,
              OffsetMap        *map,
              int               body_start)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (self->buffer), "brand");

  for (guint i = 0; mentions != NULL && i < mentions->len; i++)
    {
      const CitedMention *mention = &g_array_index (mentions, CitedMention, i);
      int start = body_start + offset_map_get (map, mention->start);
      int end = body_start + offset_map_get (map, mention->end);

      if (end <= start)
        continue;
      apply_tag_at (self->buffer, tag, start, end);
      if (mention->brand != NULL)
        apply_tag_at (self->buffer, brand_tag (self, mention->brand), start, end);
    }
}

static void
tag_figures (CitedArticleView *self,
             GPtrArray        *figures,
             OffsetMap        *map,
             int               body_start)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);

  for (guint i = 0; figures != NULL && i < figures->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (figures, i);
      FigureRange range;

      range.start = body_start + offset_map_get (map, figure->start);
      range.end = body_start + offset_map_get (map, figure->end);
      if (range.end <= range.start)
        continue;
      range.figure = cited_figure_ref (figure);
      g_array_append_val (self->figures, range);

      apply_tag_at (self->buffer, gtk_text_tag_table_lookup (table, "figure"), range.start, range.end);
      if (figure->status == CITED_FIGURE_CONFIRMED)
        apply_tag_at (self->buffer, gtk_text_tag_table_lookup (table, "figure-confirmed"),
                      range.start, range.end);
      else if (figure->status == CITED_FIGURE_REJECTED)
        apply_tag_at (self->buffer, gtk_text_tag_table_lookup (table, "figure-rejected"),
                      range.start, range.end);
    }
}

static void
tag_matches (CitedArticleView *self,
             const char       *body,
             const char       *search,
             OffsetMap        *map,
             int               body_start)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (self->buffer), "search");
  g_autoptr(GArray) matches = cited_search_match_ranges (body, search);

  for (guint r = 0; r + 1 < matches->len; r += 2)
    apply_tag_at (self->buffer, tag,
                  body_start + offset_map_get (map, g_array_index (matches, guint, r)),
                  body_start + offset_map_get (map, g_array_index (matches, guint, r + 1)));
}

gboolean
cited_article_view_show_article (CitedArticleView  *self,
                                 gint64             article_id,
                                 guint              offset,
                                 const char        *search,
                                 GError           **error)
{
  g_autoptr(CitedArticle) article = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GArray) mentions = NULL;
  CitedQuery query = { 0 };
  GtkTextIter iter, target;
  OffsetMap map = { 0 };
  int body_start;

  g_return_val_if_fail (CITED_IS_ARTICLE_VIEW (self), FALSE);

  if (article_id == 0 || self->store == NULL)
    {
      clear (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return TRUE;
    }

  article = cited_store_get_article (self->store, article_id, error);
  if (article == NULL)
    {
      clear (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return FALSE;
    }

  query.article_id = article_id;
  query.include_rejected = TRUE;
  figures = cited_store_list_figures (self->store, &query, NULL);
  mentions = cited_store_list_mentions (self->store, article_id, NULL);

  ensure_article_page (self);
  clear (self);
  self->article_id = article_id;

  /* Title and the source line, then the body and its marks. */
  gtk_text_buffer_get_end_iter (self->buffer, &iter);
  insert_heading (self, &iter, article, figures);
  body_start = gtk_text_iter_get_offset (&iter);
  map.text = article->body ? article->body : "";
  map.length = strlen (map.text);
  gtk_text_buffer_insert (self->buffer, &iter, map.text, map.length);
  tag_mentions (self, mentions, &map, body_start);
  tag_figures (self, figures, &map, body_start);
  tag_matches (self, map.text, search, &map, body_start);

  /* The cursor goes to the requested place; the view scrolls there once
   * it is laid out (scroll_to_mark waits for that). */
  if (offset > 0)
    gtk_text_buffer_get_iter_at_offset (self->buffer, &target,
                                        body_start + offset_map_get (&map, offset));
  else
    gtk_text_buffer_get_start_iter (self->buffer, &target);
  gtk_text_buffer_place_cursor (self->buffer, &target);
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (self->buffer),
                                0.0, TRUE, 0.0, offset > 0 ? 0.3 : 0.0);

  gtk_stack_set_visible_child_name (self->stack, "article");
  return TRUE;
}

gint64
cited_article_view_get_article_id (CitedArticleView *self)
{
  g_return_val_if_fail (CITED_IS_ARTICLE_VIEW (self), 0);
  return self->article_id;
}

GtkTextBuffer *
cited_article_view_get_buffer (CitedArticleView *self)
{
  g_return_val_if_fail (CITED_IS_ARTICLE_VIEW (self), NULL);
  return self->buffer;
}

guint
cited_article_view_count_tagged (CitedArticleView *self,
                                 const char       *tag_name)
{
  GtkTextTag *tag;
  GtkTextIter iter;
  guint n = 0;

  g_return_val_if_fail (CITED_IS_ARTICLE_VIEW (self), 0);

  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (self->buffer), tag_name);
  if (tag == NULL)
    return 0;

  gtk_text_buffer_get_start_iter (self->buffer, &iter);
  if (gtk_text_iter_starts_tag (&iter, tag))
    n++;
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    if (gtk_text_iter_starts_tag (&iter, tag))
      n++;
  return n;
}

void
cited_article_view_set_store (CitedArticleView *self,
                              CitedStore       *store)
{
  g_return_if_fail (CITED_IS_ARTICLE_VIEW (self));

  if (g_set_object (&self->store, store))
    {
      clear (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STORE]);
    }
}

void
cited_article_view_set_show_back (CitedArticleView *self,
                                  gboolean          show_back)
{
  g_return_if_fail (CITED_IS_ARTICLE_VIEW (self));

  show_back = !!show_back;
  if (self->show_back == show_back)
    return;
  self->show_back = show_back;
  if (self->back_revealer != NULL)
    gtk_revealer_set_reveal_child (self->back_revealer, show_back);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SHOW_BACK]);
}

static void
update_tag_colors (CitedArticleView *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA figure_bg, confirmed_fg, dim;
  GHashTableIter iter;
  gpointer tag;

  /* The accent blue as a tint: strong enough to find, light enough to read. */
  gdk_rgba_parse (&figure_bg, dark ? "rgba(120,174,237,0.30)" : "rgba(53,132,228,0.18)");
  gdk_rgba_parse (&confirmed_fg, dark ? "#8ff0a4" : "#1c7a3a");
  gdk_rgba_parse (&dim, dark ? "rgba(255,255,255,0.55)" : "rgba(0,0,0,0.55)");

  g_object_set (gtk_text_tag_table_lookup (table, "figure"), "background-rgba", &figure_bg, NULL);
  g_object_set (gtk_text_tag_table_lookup (table, "figure-confirmed"), "foreground-rgba", &confirmed_fg, NULL);
  g_object_set (gtk_text_tag_table_lookup (table, "figure-rejected"), "foreground-rgba", &dim, NULL);
  g_object_set (gtk_text_tag_table_lookup (table, "meta"), "foreground-rgba", &dim, NULL);

  g_hash_table_iter_init (&iter, self->brand_tags);
  while (g_hash_table_iter_next (&iter, NULL, &tag))
    set_brand_color (tag, g_object_get_data (G_OBJECT (tag), "cited-color"), dark);
}

static void
cited_article_view_dispose (GObject *object)
{
  CitedArticleView *self = CITED_ARTICLE_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CITED_TYPE_ARTICLE_VIEW);
  /* Gone with the stack they were added to. */
  self->text_view = NULL;
  self->back_revealer = NULL;
  g_clear_object (&self->buffer);

  G_OBJECT_CLASS (cited_article_view_parent_class)->dispose (object);
}

static void
cited_article_view_finalize (GObject *object)
{
  CitedArticleView *self = CITED_ARTICLE_VIEW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->figures, g_array_unref);
  g_clear_pointer (&self->brand_tags, g_hash_table_unref);

  G_OBJECT_CLASS (cited_article_view_parent_class)->finalize (object);
}

static void
cited_article_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CitedArticleView *self = CITED_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SHOW_BACK:
      g_value_set_boolean (value, self->show_back);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_article_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CitedArticleView *self = CITED_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      cited_article_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_SHOW_BACK:
      cited_article_view_set_show_back (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cited_article_view_class_init (CitedArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cited_article_view_dispose;
  object_class->finalize = cited_article_view_finalize;
  object_class->get_property = cited_article_view_get_property;
  object_class->set_property = cited_article_view_set_property;

  props[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CITED_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_SHOW_BACK] =
    g_param_spec_boolean ("show-back", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  signals[SIGNAL_BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cited/Cited/cited-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CitedArticleView, stack);
}

static void
cited_article_view_init (CitedArticleView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->figures = g_array_new (FALSE, TRUE, sizeof (FigureRange));
  g_array_set_clear_func (self->figures, figure_range_clear);
  self->brand_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->buffer = gtk_text_buffer_new (NULL);
  gtk_text_buffer_create_tag (self->buffer, "title",
                              "weight", PANGO_WEIGHT_BOLD,
                              "scale", 1.6,
                              "pixels-below-lines", 6,
                              NULL);
  gtk_text_buffer_create_tag (self->buffer, "meta", "scale", 0.9, NULL);
  /* Each brand's own tag colours it. */
  gtk_text_buffer_create_tag (self->buffer, "brand",
                              "weight", 600,
                              NULL);
  gtk_text_buffer_create_tag (self->buffer, "figure", NULL);
  gtk_text_buffer_create_tag (self->buffer, "figure-confirmed",
                              "weight", PANGO_WEIGHT_BOLD,
                              NULL);
  gtk_text_buffer_create_tag (self->buffer, "figure-rejected",
                              "strikethrough", TRUE,
                              NULL);
  gtk_text_buffer_create_tag (self->buffer, "search",
                              "background", "#f6d32d",
                              "foreground", "#241f31",
                              NULL);
  update_tag_colors (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_tag_colors), self, G_CONNECT_SWAPPED);
}

GtkWidget *
cited_article_view_new (void)
{
  return g_object_new (CITED_TYPE_ARTICLE_VIEW, NULL);
}
