/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-i18n"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cited-application.h"
#include "cited-window.h"
#include "cited-figures-page-private.h"
#include "cited-chart-view.h"
#include "cited-ui-test.h"
#include "cited-test-files.h"

/* The app as a Chinese-speaking user starts it: LANGUAGE=zh_CN (and the
 * zh_CN.UTF-8 locale when it is generated), the translations compiled in
 * the build tree, a fresh profile with the sample corpus. The pages, the
 * counts and the dates on screen must be Chinese. Runs under Xvfb. */

static CitedApplication *app;
static gboolean have_zh_locale;

static gboolean
ready_done (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_ready > 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  fixture->dir = g_dir_make_tmp ("cited-test-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (fixture->dir, "cited.db", NULL);

  fixture->store = cited_store_open (db, &error);
  g_assert_no_error (error);

  fixture->window = cited_window_new (app, fixture->store);
  g_signal_connect (fixture->window, "ready", G_CALLBACK (ready_cb), fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));

  /* A new profile: the window imports the bundled sample corpus. */
  g_assert_true (wait_for (ready_done, fixture));
  g_assert_false (cited_window_get_loading (fixture->window));
  drain ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_window (fixture);
  g_clear_object (&fixture->store);
  cited_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* The text of every label the user can see in @widget, one per line. */
static void
collect_visible_labels (GtkWidget *widget,
                        GString   *out)
{
  if (!gtk_widget_is_drawable (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_visible_labels (child, out);
}

static char *
visible_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_visible_labels (widget, out);
  return g_string_free (out, FALSE);
}

static gboolean
has_line (const char *text,
          const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strv_contains ((const char * const *) lines, line);
}

typedef struct {
  GtkWidget  *widget;
  const char *needle;
  char       *text;
} TextWait;

static gboolean
text_done (gpointer data)
{
  TextWait *wait = data;

  g_free (wait->text);
  wait->text = visible_text (wait->widget);
  return strstr (wait->text, wait->needle) != NULL;
}

/* What @widget shows once it shows @needle (pages load and search in the
 * background), or what it shows when it never did. */
static char *
visible_text_with (GtkWidget  *widget,
                   const char *needle)
{
  TextWait wait = { widget, needle, NULL };

  wait_for (text_done, &wait);
  return wait.text;
}

static AdwViewStack *
find_view_stack (GtkWidget *widget)
{
  if (ADW_IS_VIEW_STACK (widget))
    return ADW_VIEW_STACK (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwViewStack *stack = find_view_stack (child);

      if (stack != NULL)
        return stack;
    }
  return NULL;
}

static void
test_page_titles (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwViewStack *stack = find_view_stack (GTK_WIDGET (fixture->window));
  const struct { const char *name, *title; } pages[] = {
    { "articles", "文章" },
    { "figures", "数据" },
    { "brands", "品牌" },
  };
  g_autofree char *text = NULL;

  g_assert_nonnull (stack);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (stack, pages[i].name);

      g_assert_nonnull (child);
      g_assert_cmpstr (adw_view_stack_page_get_title (adw_view_stack_get_page (stack, child)), ==,
                       pages[i].title);
    }

  /* The view switcher in the header bar shows them as its buttons. */
  text = visible_text (GTK_WIDGET (fixture->window));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (!has_line (text, pages[i].title))
      g_error ("The window shows no “%s” label; it shows:\n%s", pages[i].title, text);
  g_assert_false (has_line (text, "Articles"));
  g_assert_false (has_line (text, "Figures"));
}

static void
test_article_count (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (cited_window_get_articles_page (fixture->window));
  g_autofree char *text = NULL;

  g_assert_cmpstr (cited_window_get_visible_page (fixture->window), ==, "articles");
  text = visible_text_with (page, "5 篇文章");
  /* The sample corpus, counted in Chinese with the right measure word. */
  if (!has_line (text, "5 篇文章"))
    g_error ("The Articles page does not say “5 篇文章”; it shows:\n%s", text);
  g_free (text);

  cited_articles_page_set_search_text (CITED_ARTICLES_PAGE (page), "Hongmeng");
  text = visible_text_with (page, "1 / 5 篇文章");
  if (!has_line (text, "1 / 5 篇文章"))
    g_error ("Searching does not say “1 / 5 篇文章”; the page shows:\n%s", text);
}

static void
test_dates_follow_locale (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (cited_window_get_articles_page (fixture->window));
  g_autoptr(GDateTime) date = g_date_time_new_local (2024, 1, 31, 0, 0, 0);
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;

  if (!have_zh_locale)
    {
      g_test_skip ("The zh_CN.UTF-8 locale is not generated (localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)");
      return;
    }

  /* One sample article is from 2024-01-31: the list shows that date the
   * way the Chinese locale writes it, not as ISO digits. */
  expected = g_date_time_format (date, "%x");
  g_assert_cmpstr (expected, ==, "2024年01月31日");
  text = visible_text_with (page, "2024年01月31日");
  if (strstr (text, "Mondo Social · 2024年01月31日") == NULL)
    g_error ("The article list shows no “Mondo Social · 2024年01月31日”; it shows:\n%s", text);
  g_assert_null (strstr (text, "2024-01-31"));
}

static void
test_figures_page (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (cited_window_get_figures_page (fixture->window));
  g_autofree char *text = NULL;
  const char *columns[] = { "数值", "指标", "品牌", "所有指标" };
  const struct { const char *en, *zh; } metrics[] = {
    { "Sales", "销量" }, { "Shipments", "出货量" }, { "Price", "价格" },
    { "Employees", "员工数" }, { "Patents", "专利数" },
  };
  guint n_metrics = 0;

  cited_window_set_visible_page (fixture->window, "figures");
  /* Wait for the table's rows (each has a status, "已提取" when untouched)
   * and for the filter menus, read in the background after them. */
  text = visible_text_with (page, "已提取");
  g_free (text);
  text = visible_text_with (page, "所有指标");

  /* Column titles and the metric filter. */
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (!has_line (text, columns[i]))
      g_error ("The Figures page shows no “%s”; it shows:\n%s", columns[i], text);
  g_assert_false (has_line (text, "Value"));

  /* The sample figures' metrics are named in Chinese, never in English. */
  for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
    {
      g_assert_false (has_line (text, metrics[i].en));
      if (has_line (text, metrics[i].zh))
        n_metrics++;
    }
  if (n_metrics < 2)
    g_error ("The Figures page names fewer than two metrics in Chinese; it shows:\n%s", text);

  /* The chart's title names its metric in Chinese too. */
  {
    CitedChartView *view = cited_figures_page_get_chart_view (CITED_FIGURES_PAGE (page));
    CitedChart *chart = cited_chart_view_get_chart (view);

    g_assert_nonnull (chart);
    g_assert_nonnull (chart->title);
    g_assert_nonnull (strstr (chart->title, "销量"));
    g_assert_null (strstr (chart->title, "Sales"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  g_autofree char *localedir = NULL;
  g_autofree char *mo = NULL;
  int status;

  home = g_dir_make_tmp ("cited-test-i18n-home-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);

  /* LANGUAGE picks the catalogue; the locale, when generated, the date
   * and number formats. gettext ignores LANGUAGE in the "C" locale. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  have_zh_locale = setlocale (LC_ALL, "") != NULL;
  if (!have_zh_locale)
    {
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      setlocale (LC_ALL, "");
    }

  /* meson compiles the catalogues to <build>/po/<lang>/LC_MESSAGES. */
  localedir = g_build_filename (CITED_BUILD_LOCALEDIR, NULL);
  mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    g_error ("The Chinese catalogue %s was not built", mo);
  g_assert_cmpstr (_("Articles"), ==, "文章");

  gtk_init ();

  app = cited_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/i18n/window/page-titles", Fixture, NULL, fixture_set_up, test_page_titles,
              fixture_tear_down);
  g_test_add ("/i18n/articles/count", Fixture, NULL, fixture_set_up, test_article_count,
              fixture_tear_down);
  g_test_add ("/i18n/articles/dates-follow-locale", Fixture, NULL, fixture_set_up,
              test_dates_follow_locale, fixture_tear_down);
  g_test_add ("/i18n/figures/columns-and-metrics", Fixture, NULL, fixture_set_up,
              test_figures_page, fixture_tear_down);

  status = g_test_run ();

  g_clear_object (&app);
  cited_test_remove_tree (home);
  return status;
}
