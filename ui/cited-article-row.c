/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cited-article-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cited-article-row.h"
#include "cited-store-private.h"

/* Dark text on yellow reads the same in light and dark mode. */
#define HIGHLIGHT_OPEN "<span background=\"#f6d32d\" foreground=\"#241f31\">"
#define HIGHLIGHT_CLOSE "</span>"
#define MAX_BRANDS 4

struct _CitedArticleRow
{
  GtkWidget  parent_instance;

  char      *title;

  GtkLabel  *title_label;
  GtkLabel  *meta_label;
  GtkLabel  *snippet_label;   /* made by the first search that shows one */
  GtkLabel  *brands_label;
  GtkLabel  *figures_label;
};

G_DEFINE_FINAL_TYPE (CitedArticleRow, cited_article_row, GTK_TYPE_WIDGET)

char *
cited_snippet_to_markup (const char *snippet)
{
  GString *markup;
  const char *p;
  gboolean open = FALSE;

  if (snippet == NULL)
    return NULL;

  markup = g_string_new (NULL);
  p = snippet;
  while (*p != '\0')
    {
      const char *next = p + strcspn (p, "\x02\x03");

      if (next > p)
        {
          g_autofree char *escaped = g_markup_escape_text (p, next - p);

          g_string_append (markup, escaped);
        }
      if (*next == '\x02' && !open)
        {
          g_string_append (markup, HIGHLIGHT_OPEN);
          open = TRUE;
        }
      else if (*next == '\x03' && open)
        {
          g_string_append (markup, HIGHLIGHT_CLOSE);
          open = FALSE;
        }
      p = *next != '\0' ? next + 1 : next;
    }
  if (open)
    g_string_append (markup, HIGHLIGHT_CLOSE);

  return g_string_free (markup, FALSE);
}

char *
cited_highlight_to_markup (const char *text,
                           const char *search)
{
  g_autoptr(GArray) ranges = NULL;
  GString *markup;
  gsize done = 0;

  if (text == NULL)
    return NULL;

  ranges = cited_search_match_ranges (text, search);
  markup = g_string_new (NULL);
  for (guint r = 0; r + 1 < ranges->len; r += 2)
    {
      guint start = g_array_index (ranges, guint, r);
      guint end = g_array_index (ranges, guint, r + 1);
      g_autofree char *before = g_markup_escape_text (text + done, start - done);
      g_autofree char *match = g_markup_escape_text (text + start, end - start);

      g_string_append (markup, before);
      g_string_append_printf (markup, HIGHLIGHT_OPEN "%s" HIGHLIGHT_CLOSE, match);
      done = end;
    }
  {
    g_autofree char *rest = g_markup_escape_text (text + done, -1);

    g_string_append (markup, rest);
  }

  return g_string_free (markup, FALSE);
}

char *
cited_format_date (const char *published)
{
  int year, month, day;
  g_autoptr(GDateTime) date = NULL;

  if (published == NULL || sscanf (published, "%d-%d-%d", &year, &month, &day) != 3)
    return NULL;

  date = g_date_time_new_local (year, month, day, 0, 0, 0);
  if (date == NULL)
    return NULL;

  /* %x follows the locale's date format. */
  return g_date_time_format (date, "%x");
}

/* The search's snippet under the meta line, made for the first row a
 * search shows one in: without a search no row has it. */
static void
ensure_snippet_label (CitedArticleRow *self)
{
  if (self->snippet_label != NULL)
    return;
  self->snippet_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->snippet_label, 0);
  gtk_label_set_wrap (self->snippet_label, TRUE);
  gtk_label_set_wrap_mode (self->snippet_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (self->snippet_label, 3);
  gtk_label_set_ellipsize (self->snippet_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->snippet_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->snippet_label), "snippet");
  gtk_widget_insert_after (GTK_WIDGET (self->snippet_label), GTK_WIDGET (self), GTK_WIDGET (self->meta_label));
}

void
cited_article_row_set_article (CitedArticleRow *self,
                               CitedArticle    *article,
                               CitedLexicon    *lexicon,
                               const char      *search)
{
  g_autofree char *title_markup = NULL;
  g_autofree char *date = NULL;
  g_autofree char *figures = NULL;
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autoptr(GString) brands = g_string_new (NULL);
  guint n_brands = 0;

  g_return_if_fail (CITED_IS_ARTICLE_ROW (self));

  g_clear_pointer (&self->title, g_free);

  if (article == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->meta_label, "");
      gtk_label_set_text (self->brands_label, "");
      gtk_label_set_text (self->figures_label, "");
      if (self->snippet_label != NULL)
        gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), FALSE);
      return;
    }

  self->title = g_strdup (article->title != NULL && *article->title != '\0'
                          ? article->title : _("Untitled Article"));
  title_markup = cited_highlight_to_markup (self->title, search);
  gtk_label_set_markup (self->title_label, title_markup);

  if (article->source != NULL && *article->source != '\0')
    g_string_append (meta, article->source);
  date = cited_format_date (article->published);
  if (date != NULL)
    {
      if (meta->len > 0)
        g_string_append (meta, " · ");
      g_string_append (meta, date);
    }
  if (meta->len == 0)
    g_string_append (meta, _("No source or date"));
  gtk_label_set_text (self->meta_label, meta->str);

  if (search != NULL && *search != '\0' && article->snippet != NULL)
    {
      g_autofree char *snippet = cited_snippet_to_markup (article->snippet);

      ensure_snippet_label (self);
      gtk_label_set_markup (self->snippet_label, snippet);
      gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), TRUE);
    }
  else if (self->snippet_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), FALSE);

  for (guint i = 0; article->brands != NULL && article->brands[i] != NULL; i++)
    {
      const char *name = article->brands[i];
      const char *color = lexicon ? cited_lexicon_color_for (lexicon, name) : NULL;
      g_autofree char *escaped = g_markup_escape_text (name, -1);

      if (n_brands == MAX_BRANDS)
        {
          guint rest = g_strv_length (article->brands) - MAX_BRANDS;

          g_string_append_printf (brands, "  +%u", rest);
          break;
        }
      if (n_brands > 0)
        g_string_append (brands, "  ");
      if (color != NULL)
        {
          /* Apple's grey and Samsung's navy would vanish on a dark window. */
          g_autofree char *readable =
            cited_color_readable (color, adw_style_manager_get_dark (adw_style_manager_get_default ()));

          g_string_append_printf (brands, "<span foreground=\"%s\">●</span> ", readable);
        }
      g_string_append (brands, escaped);
      n_brands++;
    }
  gtk_label_set_markup (self->brands_label, brands->str);

  figures = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u figure", "%u figures",
                                          article->n_figures),
                             article->n_figures);
  gtk_label_set_text (self->figures_label, figures);
}

const char *
cited_article_row_get_title (CitedArticleRow *self)
{
  g_return_val_if_fail (CITED_IS_ARTICLE_ROW (self), NULL);
  return self->title;
}

static void
cited_article_row_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), CITED_TYPE_ARTICLE_ROW);
  /* The unnamed box of the template, and the snippet's label, are ours
   * to unparent too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  CITED_ARTICLE_ROW (object)->snippet_label = NULL;

  G_OBJECT_CLASS (cited_article_row_parent_class)->dispose (object);
}

static void
cited_article_row_finalize (GObject *object)
{
  CitedArticleRow *self = CITED_ARTICLE_ROW (object);

  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (cited_article_row_parent_class)->finalize (object);
}

static void
cited_article_row_class_init (CitedArticleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cited_article_row_dispose;
  object_class->finalize = cited_article_row_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cited/Cited/cited-article-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CitedArticleRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CitedArticleRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CitedArticleRow, brands_label);
  gtk_widget_class_bind_template_child (widget_class, CitedArticleRow, figures_label);
}

static void
cited_article_row_init (CitedArticleRow *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
}

GtkWidget *
cited_article_row_new (void)
{
  return g_object_new (CITED_TYPE_ARTICLE_ROW, NULL);
}
