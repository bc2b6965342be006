/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-chart"
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "cited.h"
#include "cited-test-files.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

#define XIAOMI_ORANGE "#FF6900"
#define HUAWEI_RED "#C7000B"
#define DOMESTIC_GREEN "#2EC27E"

/* Xiaomi's 2021 sales as the seed article cites them, and one Huawei
 * figure, in three series with colours the tests can look for. */
static CitedChart *
make_sales_chart (void)
{
  CitedChart *chart = cited_chart_new (CITED_CHART_KIND_BARS, "Sales by brand");
  CitedChartSeries *global, *overseas, *domestic;
  guint xiaomi, huawei;

  chart->unit = g_strdup ("units");
  chart->subtitle = g_strdup ("In units");
  chart->source_note = g_strdup ("Source: 4 figures from 2 articles in Cited");
  xiaomi = cited_chart_add_category (chart, "Xiaomi");
  huawei = cited_chart_add_category (chart, "Huawei");
  global = cited_chart_add_series (chart, "global 2021", XIAOMI_ORANGE);
  overseas = cited_chart_add_series (chart, "overseas", HUAWEI_RED);
  domestic = cited_chart_add_series (chart, "domestic", DOMESTIC_GREEN);
  cited_chart_set_value (chart, global, xiaomi, 190e6, 11, "millet global sales in 2021 up to 190 million units");
  cited_chart_set_value (chart, overseas, xiaomi, 140e6, 12, "overseas sales of 140 million units");
  cited_chart_set_value (chart, overseas, xiaomi, 140e6, 13, NULL);
  cited_chart_set_value (chart, domestic, xiaomi, 50e6, 14, "domestic sales only 50 million units");
  cited_chart_set_value (chart, global, huawei, 100e6, 21, "Huawei sold 100 million phones");
  return chart;
}

static char *
temp_path (const char *name)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  dir = g_dir_make_tmp ("test-chart-XXXXXX", &error);
  g_assert_no_error (error);
  return g_build_filename (dir, name, NULL);
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_remove (path);
  g_rmdir (dir);
}

/* Nice ticks */

static gboolean
is_nice (double step)
{
  double exponent = floor (log10 (step));
  double fraction = step / pow (10, exponent);

  return fabs (fraction - 1) < 1e-9 || fabs (fraction - 2) < 1e-9 || fabs (fraction - 5) < 1e-9;
}

static void
test_nice_ticks (void)
{
  const struct {
    double min, max;
    guint max_ticks;
    double step, axis_min, axis_max;
  } cases[] = {
    { 0, 190e6, 5, 50e6, 0, 200e6 },
    { 0, 0.97, 5, 0.2, 0, 1.0 },
    { 0, 7, 8, 1, 0, 7 },
    { 0, 24000, 4, 10000, 0, 30000 },
    { 0, 5920, 6, 1000, 0, 6000 },
    { -30, 80, 6, 20, -40, 80 },
    { 0, 0, 5, 0.2, 0, 1 },
    { 3999, 4999, 5, 1000, 0, 5000 },
    { 0, 13, 5, 5, 0, 15 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double lo = NAN, hi = NAN;
      double step = cited_chart_nice_step (cases[i].min, cases[i].max, cases[i].max_ticks, &lo, &hi);

      g_test_message ("case %u: [%g, %g] in %u -> step %g, [%g, %g]", i,
                      cases[i].min, cases[i].max, cases[i].max_ticks, step, lo, hi);
      g_assert_cmpfloat_with_epsilon (step, cases[i].step, cases[i].step * 1e-9);
      g_assert_cmpfloat_with_epsilon (lo, cases[i].axis_min, cases[i].step * 1e-9);
      g_assert_cmpfloat_with_epsilon (hi, cases[i].axis_max, cases[i].step * 1e-9);
    }

  /* Whatever the range: 1-2-5 steps, the axis covers the data and zero, and
   * never more intervals than asked for. */
  for (guint i = 0; i < 2000; i++)
    {
      double a = g_test_rand_double_range (-1e7, 1e9) * (i % 3 == 0 ? 1e-6 : 1);
      double b = a + g_test_rand_double_range (0, 1e9) * (i % 2 ? 1e-5 : 1);
      guint max_ticks = g_test_rand_int_range (1, 10);
      double lo, hi;
      double step = cited_chart_nice_step (a, b, max_ticks, &lo, &hi);

      g_assert_true (is_nice (step));
      g_assert_cmpfloat (lo, <=, MIN (0, a) + step * 1e-9);
      g_assert_cmpfloat (hi, >=, MAX (0, b) - step * 1e-9);
      g_assert_cmpfloat ((hi - lo) / step, <=, max_ticks + 1e-6);
    }
}

/* The model */

static void
test_model (void)
{
  g_autoptr(CitedChart) chart = make_sales_chart ();
  CitedChartSeries *overseas = g_ptr_array_index (chart->series, 1);
  CitedChartBar *bar = g_ptr_array_index (overseas->bars, 0);
  CitedChartSeries *late;
  guint extra;

  g_assert_cmpuint (chart->categories->len, ==, 2);
  g_assert_cmpuint (chart->series->len, ==, 3);
  /* Both figures behind Xiaomi's overseas bar are kept; the tooltip too. */
  g_assert_cmpfloat (bar->value, ==, 140e6);
  g_assert_cmpuint (bar->figure_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (bar->figure_ids, gint64, 1), ==, 13);
  g_assert_cmpstr (bar->tooltip, ==, "overseas sales of 140 million units");
  /* Huawei has no overseas figure. */
  g_assert_null (g_ptr_array_index (overseas->bars, 1));

  /* Categories and series added later line up with the others. */
  extra = cited_chart_add_category (chart, "Apple");
  g_assert_cmpuint (extra, ==, 2);
  g_assert_cmpuint (overseas->bars->len, ==, 3);
  late = cited_chart_add_series (chart, "China", NULL);
  g_assert_cmpuint (late->bars->len, ==, 3);
  g_assert_nonnull (cited_chart_set_value (chart, late, extra, 5, 0, NULL));
  g_assert_cmpuint (((CitedChartBar *) g_ptr_array_index (late->bars, extra))->figure_ids->len, ==, 0);

  /* A reference keeps it alive. */
  {
    CitedChart *ref = cited_chart_ref (chart);
    cited_chart_unref (ref);
    g_assert_cmpstr (chart->title, ==, "Sales by brand");
  }
}

/* Files */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static const int sizes[][2] = { { 360, 240 }, { 800, 600 }, { 1234, 567 }, { 4000, 3000 } };

static void
test_export_png (void)
{
  g_autoptr(CitedChart) chart = make_sales_chart ();

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = temp_path ("chart.png");
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize length;
      cairo_surface_t *image;

      g_assert_true (cited_chart_export (chart, path, sizes[i][0], sizes[i][1], &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &data, &length, &error));
      g_assert_cmpuint (length, >, 33);
      g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
      g_assert_cmpmem (data + 12, 4, "IHDR", 4);
      g_assert_cmpuint (read_be32 ((guint8 *) data + 16), ==, sizes[i][0]);
      g_assert_cmpuint (read_be32 ((guint8 *) data + 20), ==, sizes[i][1]);

      /* It reads back as an image with a white (print) background. */
      image = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, sizes[i][0]);
      g_assert_cmpuint (*(guint32 *) cairo_image_surface_get_data (image), ==, 0xFFFFFFFF);
      cairo_surface_destroy (image);
      remove_temp (path);
    }
}

/* The text of every <text> element under @node, joined by newlines, and
 * the first <title> and <desc>. */
static void
collect_svg_text (xmlNodePtr  node,
                  GString    *texts,
                  char      **title,
                  char      **desc)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          const char *name = (const char *) node->name;

          if (g_str_equal (name, "text") || (g_str_equal (name, "title") && *title == NULL) ||
              (g_str_equal (name, "desc") && *desc == NULL))
            {
              xmlChar *content = xmlNodeGetContent (node);

              if (g_str_equal (name, "text"))
                g_string_append_printf (texts, "%s\n", (const char *) content);
              else if (g_str_equal (name, "title"))
                *title = g_strdup ((const char *) content);
              else
                *desc = g_strdup ((const char *) content);
              xmlFree (content);
            }
          /* Glyph outlines would mean text drawn as shapes. */
          if (g_str_equal (name, "symbol"))
            {
              xmlChar *id = xmlGetProp (node, (const xmlChar *) "id");
              gboolean glyph = id != NULL && g_str_has_prefix ((const char *) id, "glyph");

              xmlFree (id);
              g_assert_false (glyph);
            }
        }
      collect_svg_text (node->children, texts, title, desc);
    }
}

/* An SVG export is text a reader, an editor and a search can use: every
 * label a <text>, the title and the description of the chart in <title>
 * and <desc>. */
static void
test_export_svg_text (void)
{
  g_autoptr(CitedChart) chart = make_sales_chart ();
  g_autofree char *path = temp_path ("chart.svg");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *desc = NULL;
  g_autofree char *described = cited_chart_describe (chart);
  xmlDocPtr doc;

  g_assert_true (cited_chart_export (chart, path, 1200, 800, &error));
  g_assert_no_error (error);
  doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  g_assert_nonnull (doc);
  collect_svg_text (xmlDocGetRootElement (doc), texts, &title, &desc);
  xmlFreeDoc (doc);
  remove_temp (path);

  g_assert_cmpstr (title, ==, "Sales by brand");
  g_assert_cmpstr (desc, ==, described);
  /* Title, subtitle, legend, ticks, brands, bar values and the source. */
  g_assert_nonnull (strstr (texts->str, "Sales by brand\n"));
  g_assert_nonnull (strstr (texts->str, "In units\n"));
  g_assert_nonnull (strstr (texts->str, "overseas\n"));
  g_assert_nonnull (strstr (texts->str, "Xiaomi\n"));
  g_assert_nonnull (strstr (texts->str, "Huawei\n"));
  g_assert_nonnull (strstr (texts->str, "190M\n"));
  g_assert_nonnull (strstr (texts->str, "200M\n"));
  g_assert_nonnull (strstr (texts->str, "Source: 4 figures from 2 articles in Cited\n"));
}

static void
test_export_svg (void)
{
  g_autoptr(CitedChart) chart = make_sales_chart ();

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = temp_path ("Chart.SVG");
      g_autoptr(GError) error = NULL;
      g_autofree char *want_w = g_strdup_printf ("%dpx", sizes[i][0]);
      g_autofree char *want_h = g_strdup_printf ("%dpx", sizes[i][1]);
      xmlDocPtr doc;
      xmlNodePtr root;
      xmlChar *w, *h;

      g_assert_true (cited_chart_export (chart, path, sizes[i][0], sizes[i][1], &error));
      g_assert_no_error (error);
      doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
      g_assert_nonnull (doc);
      root = xmlDocGetRootElement (doc);
      g_assert_nonnull (root);
      g_assert_cmpstr ((const char *) root->name, ==, "svg");
      w = xmlGetProp (root, (const xmlChar *) "width");
      h = xmlGetProp (root, (const xmlChar *) "height");
      g_assert_cmpstr ((const char *) w, ==, want_w);
      g_assert_cmpstr ((const char *) h, ==, want_h);
      xmlFree (w);
      xmlFree (h);
      xmlFreeDoc (doc);
      remove_temp (path);
    }
}

/* strstr over binary data: compressed PDF streams hold NUL bytes. */
static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_export_pdf (void)
{
  g_autoptr(CitedChart) chart = make_sales_chart ();

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = temp_path ("chart.pdf");
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      g_autofree char *media_box = g_strdup_printf ("/MediaBox [ 0 0 %d %d ]", sizes[i][0], sizes[i][1]);
      gsize length;

      g_assert_true (cited_chart_export (chart, path, sizes[i][0], sizes[i][1], &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &data, &length, &error));
      g_assert_true (g_str_has_prefix (data, "%PDF-"));
      g_assert_true (contains_bytes (data, length, media_box));
      g_assert_true (contains_bytes (data, length, "%%EOF"));
      remove_temp (path);
    }
}

/* The text a PDF export shows, read back with pdftotext; NULL where
 * poppler's tools are not installed. */
static char *
pdf_text (CitedChart *chart)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (pdftotext == NULL)
    return NULL;
  path = temp_path ("chart.pdf");
  g_assert_true (cited_chart_export (chart, path, 800, 500, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { pdftotext, "-enc", "UTF-8", path, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &out, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  remove_temp (path);
  return out;
}

/* The axis counts in the units the bars are labelled in: a Chinese reader
 * sees 1.5亿 on the axis beside 1.9亿 on the bar, not 150M. */
static void
test_ticks_follow_language (void)
{
  g_autoptr(CitedChart) chart = make_sales_chart ();
  g_autofree char *english = NULL;
  g_autofree char *chinese = NULL;

  g_setenv ("LANGUAGE", "en", TRUE);
  english = pdf_text (chart);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  /* cairo 1.16 loses 768 bytes when it subsets a CJK font into a PDF; that
   * leak is cairo's, not the renderer's. */
#if defined(__SANITIZE_ADDRESS__)
  __lsan_disable ();
#endif
  chinese = pdf_text (chart);
#if defined(__SANITIZE_ADDRESS__)
  __lsan_enable ();
#endif
  g_unsetenv ("LANGUAGE");
  if (english == NULL || chinese == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  /* No bar is 150M or 200M: those are ticks. */
  g_assert_nonnull (strstr (english, "150M"));
  g_assert_nonnull (strstr (english, "200M"));
  g_assert_nonnull (strstr (english, "190M"));

  g_assert_nonnull (strstr (chinese, "1.5亿"));
  g_assert_nonnull (strstr (chinese, "2.0亿"));
  g_assert_nonnull (strstr (chinese, "1.9亿"));
  g_assert_nonnull (strstr (chinese, "5,000万"));
  g_assert_null (strstr (chinese, "150M"));
  g_assert_null (strstr (chinese, "50M"));
}

static void
test_export_errors (void)
{
  g_autoptr(CitedChart) chart = make_sales_chart ();
  g_autofree char *path = temp_path ("chart.gif");
  g_autofree char *missing = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  /* An unknown format names the ones Cited writes, and writes nothing. */
  g_assert_false (cited_chart_export (chart, path, 400, 300, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, ".png"));
  g_assert_nonnull (strstr (error->message, ".svg"));
  g_assert_nonnull (strstr (error->message, ".pdf"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A size of nothing is refused. */
  g_free (path);
  path = g_build_filename (dir, "chart.png", NULL);
  g_assert_false (cited_chart_export (chart, path, 0, 300, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);
  g_clear_error (&error);
  /* Nor an image too large to hold in memory. */
  g_assert_false (cited_chart_export (chart, path, 16000, 16000, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A folder that does not exist: the reason is in the message. */
  missing = g_build_filename (dir, "no-such-folder", "chart.pdf", NULL);
  g_assert_false (cited_chart_export (chart, missing, 400, 300, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

/* CSV and description */

static void
test_csv (void)
{
  g_autoptr(CitedChart) chart = make_sales_chart ();
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  CitedChartSeries *series;
  guint odd;

  odd = cited_chart_add_category (chart, "Acme, \"the\" company");
  series = g_ptr_array_index (chart->series, 0);
  cited_chart_set_value (chart, series, odd, 1.5, 0, NULL);

  csv = cited_chart_to_csv (chart);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "category,series,value,unit,currency,figure_ids,value_max,label,"
                                 "qualifier,status,inferred");
  g_assert_cmpstr (lines[1], ==, "Xiaomi,global 2021,190000000,units,,11,,,,reported,");
  g_assert_cmpstr (lines[2], ==, "Xiaomi,overseas,140000000,units,,12 13,,,,reported,");
  g_assert_cmpstr (lines[3], ==, "Xiaomi,domestic,50000000,units,,14,,,,reported,");
  g_assert_cmpstr (lines[4], ==, "Huawei,global 2021,100000000,units,,21,,,,reported,");
  g_assert_cmpstr (lines[5], ==, "\"Acme, \"\"the\"\" company\",global 2021,1.5,units,,,,,,reported,");
  g_assert_cmpstr (lines[6], ==, "");
  g_assert_null (lines[7]);
}

static void
test_csv_share (void)
{
  g_autoptr(CitedChart) chart = cited_chart_new (CITED_CHART_KIND_SHARE, "Share of voice");
  CitedChartSeries *series = cited_chart_add_series (chart, "Share of voice", NULL);
  g_autofree char *csv = NULL;

  chart->unit = g_strdup ("%");
  cited_chart_set_value (chart, series, cited_chart_add_category (chart, "Xiaomi"), 0.375, 0, NULL);
  csv = cited_chart_to_csv (chart);
  /* Shares are written as the percentages the chart shows. */
  g_assert_cmpstr (csv, ==, "category,series,value,unit,currency,figure_ids,value_max,label,"
                            "qualifier,status,inferred\n"
                            "Xiaomi,Share of voice,37.5,%,,,,,,,\n");
}

static void
test_describe (void)
{
  g_autoptr(CitedChart) chart = make_sales_chart ();
  g_autoptr(CitedChart) empty = cited_chart_new (CITED_CHART_KIND_BARS, "Patents by brand");
  g_autoptr(CitedChart) share = cited_chart_new (CITED_CHART_KIND_SHARE, "Share of voice");
  CitedChartSeries *series;
  g_autofree char *text = cited_chart_describe (chart);
  g_autofree char *empty_text = cited_chart_describe (empty);
  g_autofree char *share_text = NULL;

  g_assert_cmpstr (text, ==,
                   "Sales by brand. Xiaomi: global 2021 190M units, overseas 140M units, "
                   "domestic 50M units. Huawei: global 2021 100M units.");
  g_assert_cmpstr (empty_text, ==, "Patents by brand. No figures for this metric.");

  series = cited_chart_add_series (share, "Share of voice", NULL);
  cited_chart_set_value (share, series, cited_chart_add_category (share, "Xiaomi"), 0.42, 0, NULL);
  cited_chart_set_value (share, series, cited_chart_add_category (share, "Huawei"), 0.05, 0, NULL);
  share_text = cited_chart_describe (share);
  g_assert_cmpstr (share_text, ==, "Share of voice. Xiaomi: 42%. Huawei: 5.0%.");
}

static void
test_describe_lines (void)
{
  g_autoptr(CitedChart) chart = cited_chart_new (CITED_CHART_KIND_LINES, "Mentions per month");
  CitedChartSeries *xiaomi = cited_chart_add_series (chart, "Xiaomi", NULL);
  g_autofree char *text = NULL;
  const double counts[] = { 3, 7, 2 };

  chart->unit = g_strdup ("mentions");
  for (guint m = 0; m < G_N_ELEMENTS (counts); m++)
    {
      g_autofree char *label = g_strdup_printf ("2024-%02u", m + 1);
      cited_chart_set_value (chart, xiaomi, cited_chart_add_category (chart, label), counts[m], 0, NULL);
    }
  text = cited_chart_describe (chart);
  g_assert_cmpstr (text, ==, "Mentions per month. Xiaomi: 12 mentions from 2024-01 to 2024-03, "
                             "most in 2024-02 (7 mentions).");
}

/* Rendering */

typedef struct {
  cairo_surface_t *surface;
  int width, height;
} Canvas;

static Canvas
render (CitedChart            *chart,
        int                    width,
        int                    height,
        const CitedChartStyle *style)
{
  Canvas canvas = { cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height), width, height };
  cairo_t *cr = cairo_create (canvas.surface);

  cited_chart_render (chart, cr, width, height, style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (canvas.surface);
  return canvas;
}

static guint32
pixel (Canvas *canvas,
       int     x,
       int     y)
{
  guint8 *data = cairo_image_surface_get_data (canvas->surface);
  int stride = cairo_image_surface_get_stride (canvas->surface);

  return *(guint32 *) (data + y * stride + x * 4) & 0xFFFFFF;
}

static guint32
rgb (const char *hex)
{
  return (guint32) g_ascii_strtoull (hex + 1, NULL, 16);
}

/* Every bar answers the hit test somewhere, and where it does the pixel
 * there is that bar's colour: the geometry of hit testing is the drawn one. */
static void
check_hits_with_font (CitedChart         *chart,
                      int                 width,
                      int                 height,
                      double              font_size,
                      const char * const *colors)
{
  CitedChartStyle style;
  Canvas canvas;
  int step = MAX (1, width / 400);
  g_autoptr(GHashTable) found = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint expected = 0;

  cited_chart_style_print (&style);
  style.font_size = font_size;
  canvas = render (chart, width, height, &style);

  /* An export in between, at another size and in the default font, does
   * not change what a hit test at the drawn size finds. */
  {
    g_autofree char *path = temp_path ("between.png");
    g_autoptr(GError) error = NULL;

    g_assert_true (cited_chart_export (chart, path, 300, 200, &error));
    g_assert_no_error (error);
    remove_temp (path);
  }

  for (guint s = 0; s < chart->series->len; s++)
    {
      CitedChartSeries *series = g_ptr_array_index (chart->series, s);
      for (guint c = 0; c < chart->categories->len; c++)
        if (g_ptr_array_index (series->bars, c) != NULL)
          expected++;
    }

  for (int y = 0; y < height; y += step)
    for (int x = 0; x < width; x += step)
      {
        guint s, c;

        if (!cited_chart_hit_test (chart, width, height, x + 0.5, y + 0.5, &s, &c))
          continue;
        g_assert_cmpuint (s, <, chart->series->len);
        g_assert_cmpuint (c, <, chart->categories->len);
        g_assert_nonnull (g_ptr_array_index (((CitedChartSeries *) g_ptr_array_index (chart->series, s))->bars, c));
        if (!g_hash_table_contains (found, GUINT_TO_POINTER (s * 1000 + c)))
          {
            /* Check the middle of the bar: its first hit row may be the
             * slack above a short bar. */
            int yy = y;
            while (yy + step < height &&
                   cited_chart_hit_test (chart, width, height, x + 0.5, yy + step + 0.5, NULL, NULL))
              yy += step;
            yy = (y + yy) / 2;
            g_assert_cmphex (pixel (&canvas, x + 2 * step, yy), ==, rgb (colors[s]));
            g_hash_table_add (found, GUINT_TO_POINTER (s * 1000 + c));
          }
      }
  g_assert_cmpuint (g_hash_table_size (found), ==, expected);

  /* Nothing is hit in the title or the corners. */
  g_assert_false (cited_chart_hit_test (chart, width, height, 2, 2, NULL, NULL));
  g_assert_false (cited_chart_hit_test (chart, width, height, width - 2, height - 2, NULL, NULL));
  cairo_surface_destroy (canvas.surface);
}

static void
check_hits (CitedChart         *chart,
            int                 width,
            int                 height,
            const char * const *colors)
{
  check_hits_with_font (chart, width, height, 0, colors);
}

static void
test_hit_test (void)
{
  g_autoptr(CitedChart) chart = make_sales_chart ();
  const char *colors[] = { XIAOMI_ORANGE, HUAWEI_RED, DOMESTIC_GREEN };

  check_hits (chart, 800, 600, colors);
  check_hits (chart, 360, 240, colors);
  check_hits (chart, 4000, 3000, colors);
  /* The widget may draw in a larger font than exports use. */
  check_hits_with_font (chart, 800, 600, 22, colors);
}

static void
test_hit_test_negative (void)
{
  g_autoptr(CitedChart) chart = cited_chart_new (CITED_CHART_KIND_BARS, "Profit by brand");
  CitedChartSeries *series = cited_chart_add_series (chart, "2023", HUAWEI_RED);
  const char *colors[] = { HUAWEI_RED };
  g_autofree char *csv = NULL;

  chart->currency = g_strdup ("CNY");
  /* A loss is drawn below the zero line and found there. */
  cited_chart_set_value (chart, series, cited_chart_add_category (chart, "Xiaomi"), 2.5e9, 0, NULL);
  cited_chart_set_value (chart, series, cited_chart_add_category (chart, "NIO"), -1.2e9, 0, NULL);
  check_hits (chart, 640, 480, colors);
  csv = cited_chart_to_csv (chart);
  g_assert_nonnull (strstr (csv, "\nNIO,2023,-1200000000,,CNY,,,,,reported,\n"));
}

static void
test_hit_test_share (void)
{
  g_autoptr(CitedChart) chart = cited_chart_new (CITED_CHART_KIND_SHARE, "Share of voice");
  CitedChartSeries *series = cited_chart_add_series (chart, "Share of voice", "#3584E4");
  const char *colors[] = { "#3584E4" };

  chart->unit = g_strdup ("%");
  cited_chart_set_value (chart, series, cited_chart_add_category (chart, "Xiaomi"), 0.42, 0, NULL);
  cited_chart_set_value (chart, series, cited_chart_add_category (chart, "华为"), 0.30, 0, NULL);
  cited_chart_set_value (chart, series, cited_chart_add_category (chart, "A brand with a very long name indeed"), 0.1, 0, NULL);
  check_hits (chart, 800, 600, colors);
  check_hits (chart, 360, 240, colors);
}

static void
test_hit_test_lines (void)
{
  g_autoptr(CitedChart) chart = cited_chart_new (CITED_CHART_KIND_LINES, "Mentions per month");
  CitedChartSeries *xiaomi = cited_chart_add_series (chart, "Xiaomi", XIAOMI_ORANGE);
  CitedChartSeries *huawei = cited_chart_add_series (chart, "Huawei", HUAWEI_RED);
  CitedChartStyle style;
  Canvas canvas;
  guint hits = 0, n_point = 0;
  double sum_x = 0, sum_y = 0;

  for (guint m = 0; m < 6; m++)
    {
      g_autofree char *label = g_strdup_printf ("2024-%02u", m + 1);
      guint c = cited_chart_add_category (chart, label);
      cited_chart_set_value (chart, xiaomi, c, 10 + m * 4, 0, NULL);
      cited_chart_set_value (chart, huawei, c, 2 + m, 0, NULL);
    }

  cited_chart_style_print (&style);
  canvas = render (chart, 800, 600, &style);
  for (int y = 0; y < 600; y++)
    for (int x = 0; x < 800; x++)
      {
        guint s, c;
        if (!cited_chart_hit_test (chart, 800, 600, x, y, &s, &c))
          continue;
        hits++;
        if (s == 0 && c == 3)
          {
            sum_x += x;
            sum_y += y;
            n_point++;
          }
      }
  /* The middle of the area that answers for Xiaomi's April point is drawn
   * in Xiaomi's colour. */
  g_assert_cmpuint (n_point, >, 0);
  g_assert_cmphex (pixel (&canvas, (int) round (sum_x / n_point), (int) round (sum_y / n_point)), ==,
                   rgb (XIAOMI_ORANGE));
  g_assert_cmpuint (hits, >, 12);
  cairo_surface_destroy (canvas.surface);
}

static guint
count_ink (Canvas  *canvas,
           int      y0,
           int      y1,
           guint32  background)
{
  guint n = 0;

  for (int y = MAX (0, y0); y < MIN (canvas->height, y1); y++)
    for (int x = 0; x < canvas->width; x++)
      if (pixel (canvas, x, y) != background)
        n++;
  return n;
}

static void
test_empty_chart (void)
{
  g_autoptr(CitedChart) chart = cited_chart_new (CITED_CHART_KIND_BARS, NULL);
  CitedChartStyle style;
  Canvas canvas;

  cited_chart_style_print (&style);
  canvas = render (chart, 600, 400, &style);
  /* No title and no bars: the ink in the middle is the message. */
  g_assert_cmpuint (count_ink (&canvas, 170, 230, 0xFFFFFF), >, 100);
  g_assert_false (cited_chart_hit_test (chart, 600, 400, 300, 200, NULL, NULL));
  cairo_surface_destroy (canvas.surface);
}

static void
test_styles (void)
{
  g_autoptr(CitedChart) chart = make_sales_chart ();
  CitedChartStyle print, dark;
  Canvas light_canvas, dark_canvas;
  guint32 light_bg, dark_bg;

  cited_chart_style_print (&print);
  cited_chart_style_dark (&dark);
  g_assert_cmpint (print.highlight_series, ==, -1);
  /* Light text on dark, dark on light. */
  g_assert_cmpfloat (print.background[0], >, print.foreground[0]);
  g_assert_cmpfloat (dark.background[0], <, dark.foreground[0]);

  light_canvas = render (chart, 400, 300, &print);
  dark_canvas = render (chart, 400, 300, &dark);
  light_bg = pixel (&light_canvas, 1, 1);
  dark_bg = pixel (&dark_canvas, 1, 1);
  g_assert_cmphex (light_bg, ==, 0xFFFFFF);
  g_assert_cmpuint (dark_bg & 0xFF, <, 0x40);
  /* Both draw the title: there is ink at the top. */
  g_assert_cmpuint (count_ink (&light_canvas, 0, 40, light_bg), >, 50);
  g_assert_cmpuint (count_ink (&dark_canvas, 0, 40, dark_bg), >, 50);
  cairo_surface_destroy (light_canvas.surface);
  cairo_surface_destroy (dark_canvas.surface);
}

/* A range is drawn to its lower end with a lighter extension up to its
 * upper end; both parts answer the hit test, and CSV and the description
 * give both ends. */
static void
test_range (void)
{
  g_autoptr(CitedChart) chart = cited_chart_new (CITED_CHART_KIND_BARS, "Stores by brand");
  CitedChartSeries *series = cited_chart_add_series (chart, "2021", XIAOMI_ORANGE);
  const char *colors[] = { XIAOMI_ORANGE };
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  CitedChartBar *bar;
  CitedChartStyle style;
  Canvas canvas;
  int top = -1, bottom = -1, x = -1;

  chart->unit = g_strdup ("stores");
  bar = cited_chart_set_value (chart, series, cited_chart_add_category (chart, "Xiaomi"), 40, 7, "40 to 50 stores");
  g_assert_true (isnan (bar->value_max));
  bar->value_max = 50;
  bar->label = g_strdup ("2021");

  csv = cited_chart_to_csv (chart);
  g_assert_nonnull (strstr (csv, "\nXiaomi,2021,40,stores,,7,50,2021,,reported,\n"));
  text = cited_chart_describe (chart);
  g_assert_cmpstr (text, ==, "Stores by brand. Xiaomi: 40–50 stores (2021).");
  check_hits (chart, 600, 400, colors);

  /* The bar's extent is the hit test's: from the top of the range down to
   * zero. The top fifth of it (40 to 50 of 50) is a whisker: the bar's
   * colour in its middle, the page beside it. */
  cited_chart_style_print (&style);
  canvas = render (chart, 600, 400, &style);
  for (int xx = 0; xx < 600 && x < 0; xx++)
    if (cited_chart_hit_test (chart, 600, 400, xx + 0.5, 200.5, NULL, NULL))
      x = xx + 10;
  g_assert_cmpint (x, >=, 0);
  for (int y = 0; y < 400; y++)
    if (cited_chart_hit_test (chart, 600, 400, x + 0.5, y + 0.5, NULL, NULL))
      {
        if (top < 0)
          top = y;
        bottom = y;
      }
  g_assert_cmpint (bottom - top, >, 100);
  {
    int left = x - 10, right = left;
    int middle;
    guint32 solid = pixel (&canvas, x, top + (bottom - top) / 2);

    while (cited_chart_hit_test (chart, 600, 400, right + 1.5, 200.5, NULL, NULL))
      right++;
    middle = (left + right) / 2;
    g_assert_cmphex (solid, ==, rgb (XIAOMI_ORANGE));
    g_assert_cmphex (pixel (&canvas, middle, top + (bottom - top) / 10), ==, rgb (XIAOMI_ORANGE));
    g_assert_cmphex (pixel (&canvas, left + 2, top + (bottom - top) / 10), ==, 0xFFFFFF);
    /* The cap at the top of the whisker. */
    g_assert_cmphex (pixel (&canvas, middle + 4, top + 1), ==, rgb (XIAOMI_ORANGE));
  }
  cairo_surface_destroy (canvas.surface);
}

/* Series of one name are one legend entry and share a colour: a brand's
 * two prices look alike, another group does not. */
static void
test_same_name_series (void)
{
  g_autoptr(CitedChart) chart = cited_chart_new (CITED_CHART_KIND_BARS, "Price by brand");
  CitedChartSeries *first = cited_chart_add_series (chart, "overall", NULL);
  CitedChartSeries *second = cited_chart_add_series (chart, "overall", NULL);
  CitedChartSeries *year = cited_chart_add_series (chart, "2023", NULL);
  guint xiaomi = cited_chart_add_category (chart, "Xiaomi");
  guint apple = cited_chart_add_category (chart, "Apple");
  const char *colors[] = { "#3584E4", "#3584E4", "#E66100" };
  g_autofree char *text = NULL;
  CitedChartBar *bar;

  chart->currency = g_strdup ("CNY");
  bar = cited_chart_set_value (chart, first, xiaomi, 4999, 1, NULL);
  bar->label = g_strdup ("4999 yuan");
  bar = cited_chart_set_value (chart, second, xiaomi, 3999, 2, NULL);
  bar->label = g_strdup ("3999 yuan");
  cited_chart_set_value (chart, year, apple, 5999, 3, NULL);
  check_hits (chart, 800, 600, colors);
  check_hits (chart, 400, 300, colors);
  text = cited_chart_describe (chart);
  g_assert_cmpstr (text, ==, "Price by brand. Xiaomi: overall ¥4,999 (4999 yuan), overall ¥3,999 (3999 yuan). "
                             "Apple: 2023 ¥5,999.");
}

static void
test_highlight (void)
{
  g_autoptr(CitedChart) chart = make_sales_chart ();
  CitedChartStyle style;
  Canvas plain, lit;
  guint differ = 0;

  cited_chart_style_print (&style);
  plain = render (chart, 600, 400, &style);
  style.highlight_series = 0;
  style.highlight_category = 0;
  lit = render (chart, 600, 400, &style);
  for (int y = 0; y < 400; y++)
    for (int x = 0; x < 600; x++)
      if (pixel (&plain, x, y) != pixel (&lit, x, y))
        differ++;
  /* The chosen bar is outlined; nothing else moves. */
  g_assert_cmpuint (differ, >, 20);
  g_assert_cmpuint (differ, <, 600 * 400 / 20);
  cairo_surface_destroy (plain.surface);
  cairo_surface_destroy (lit.surface);
}

/* Builders over a store filled with the bundled seeds */

static CitedStore *
open_seed_store (char **db_path)
{
  const char *root = g_getenv ("CITED_SOURCE_ROOT");
  g_autofree char *corpus = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[2] = { NULL, NULL };

  if (root == NULL)
    return NULL;
  corpus = g_build_filename (root, "data", "corpus", NULL);
  if (!g_file_test (corpus, G_FILE_TEST_IS_DIR))
    return NULL;

  *db_path = temp_path ("cited.db");
  store = cited_store_open (*db_path, &error);
  g_assert_no_error (error);
  paths[0] = corpus;
  result = cited_import_paths (store, paths, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, >=, 5);
  return g_steal_pointer (&store);
}

/* The chart of @metric by brand, which the store draws without error. */
static CitedChart *
metric_chart (CitedStore *store,
              const char *metric)
{
  g_autoptr(GError) error = NULL;
  CitedQuery query = { 0 };
  CitedChart *chart;

  query.metric = metric;
  chart = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_nonnull (chart);
  return chart;
}

static void
remove_store (char *db_path)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

  g_remove (wal);
  g_remove (shm);
  remove_temp (db_path);
  g_free (db_path);
}

static gboolean
bar_with_value (CitedChart *chart,
                guint       category,
                double      value,
                CitedChartBar **out)
{
  for (guint s = 0; s < chart->series->len; s++)
    {
      CitedChartSeries *series = g_ptr_array_index (chart->series, s);
      CitedChartBar *bar = g_ptr_array_index (series->bars, category);
      if (bar && fabs (bar->value - value) < 0.5)
        {
          if (out)
            *out = bar;
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_builders_seeds (void)
{
  char *db_path = NULL;
  g_autoptr(CitedStore) store = open_seed_store (&db_path);
  g_autoptr(CitedChart) sales = NULL;
  g_autoptr(CitedChart) nothing = NULL;
  g_autoptr(CitedChart) brands = NULL;
  g_autoptr(CitedChart) trend = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *path = NULL;
  CitedQuery query = { 0 };
  CitedChartBar *bar = NULL;
  guint xiaomi = G_MAXUINT;
  double total = 0;

  if (store == NULL)
    {
      g_test_skip ("The bundled corpus (data/corpus under CITED_SOURCE_ROOT) is not there");
      return;
    }

  sales = metric_chart (store, "sales");
  g_assert_cmpint (sales->kind, ==, CITED_CHART_KIND_BARS);
  g_assert_cmpstr (sales->title, ==, "Sales by brand");
  g_assert_cmpstr (sales->unit, ==, "units");
  for (guint c = 0; c < sales->categories->len; c++)
    if (g_str_equal (g_ptr_array_index (sales->categories, c), "Xiaomi"))
      xiaomi = c;
  g_assert_cmpuint (xiaomi, ==, 0);   /* the largest figure comes first */
  g_assert_true (bar_with_value (sales, xiaomi, 190e6, &bar));
  g_assert_true (bar_with_value (sales, xiaomi, 140e6, NULL));
  g_assert_true (bar_with_value (sales, xiaomi, 50e6, NULL));
  /* The 190M bar knows its figure and quotes its sentence. */
  g_assert_cmpuint (bar->figure_ids->len, >=, 1);
  g_assert_nonnull (bar->tooltip);
  g_assert_nonnull (strstr (bar->tooltip, "190 million"));
  /* The seed runs a paragraph into one sentence: the quote is cut around
   * the figure to fit a tooltip. */
  g_assert_cmpuint (strlen (bar->tooltip), <, 500);
  /* The figures drawn, read without their texts as every figure of the
   * metric is, have their sentences and articles again: the chart's
   * sources and its export name them. */
  g_assert_cmpuint (sales->figures->len, >, 0);
  for (guint i = 0; i < sales->figures->len; i++)
    {
      const CitedFigure *drawn = g_ptr_array_index (sales->figures, i);

      g_assert_nonnull (drawn->sentence);
      g_assert_nonnull (strstr (drawn->sentence, drawn->text));
      g_assert_nonnull (drawn->article_title);
      g_assert_cmpstr (drawn->article_title, !=, "");
      g_assert_nonnull (drawn->article_path);
    }
  /* One article says 140 million overseas three times, twice without a
   * year in the present tense ("aims", "we know"), once "in 2021": one
   * claim, drawn as one bar in the overseas 2021 group, all three quoted. */
  {
    CitedChartBar *overseas = NULL;
    guint n_quotes = 0, n_bars = 0;

    for (guint s = 0; s < sales->series->len; s++)
      {
        CitedChartSeries *series = g_ptr_array_index (sales->series, s);
        CitedChartBar *here = g_ptr_array_index (series->bars, xiaomi);

        if (here != NULL && fabs (here->value - 140e6) < 0.5)
          {
            n_bars++;
            overseas = here;
            g_assert_cmpstr (series->name, ==, "overseas 2021");
          }
      }
    g_assert_cmpuint (n_bars, ==, 1);
    g_assert_cmpuint (overseas->figure_ids->len, ==, 3);
    g_assert_cmpuint (overseas->n_sources, ==, 1);
    g_assert_true (g_str_has_prefix (overseas->tooltip, "Cited 3 times in 1 article\n"));
    {
      g_auto(GStrv) lines = g_strsplit (overseas->tooltip, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], "“") && strstr (lines[i], "140 million") != NULL)
          n_quotes++;
    }
    g_assert_cmpuint (n_quotes, ==, 3);
  }
  {
    g_autoptr(CitedFigure) figure = cited_store_get_figure (store, g_array_index (bar->figure_ids, gint64, 0), &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (figure->value, ==, 190e6);
    g_assert_cmpstr (figure->brand, ==, "Xiaomi");
  }
  g_assert_true (g_str_has_prefix (sales->source_note, "Source: "));
  description = cited_chart_describe (sales);
  g_assert_true (g_str_has_prefix (description, "Sales by brand. Xiaomi: "));
  g_assert_nonnull (strstr (description, "190M units"));

  path = temp_path ("sales.png");
  g_assert_true (cited_chart_export (sales, path, 800, 600, &error));
  g_assert_no_error (error);
  remove_temp (path);

  /* A metric no article has: an empty chart that says so. */
  query.metric = "no such metric";
  nothing = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nothing->categories->len, ==, 0);

  brands = cited_chart_new_brands (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (brands->kind, ==, CITED_CHART_KIND_SHARE);
  g_assert_cmpuint (brands->categories->len, >=, 2);
  g_assert_cmpuint (brands->categories->len, <=, 8);
  g_assert_cmpuint (brands->series->len, ==, 1);
  for (guint c = 0; c < brands->categories->len; c++)
    {
      CitedChartBar *share = g_ptr_array_index (((CitedChartSeries *) g_ptr_array_index (brands->series, 0))->bars, c);
      g_assert_cmpfloat (share->value, >, 0);
      g_assert_nonnull (share->color);
      total += share->value;
    }
  g_assert_cmpfloat (total, <=, 1.0 + 1e-9);

  {
    const char *pick[] = { "millet", "Huawei", NULL };
    g_autoptr(CitedChart) two = cited_chart_new_brands (store, pick, &error);
    const char *unknown[] = { "No Such Brand", NULL };
    g_autoptr(CitedChart) none = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (two->categories->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (two->categories, 0), ==, "Xiaomi");
    none = cited_chart_new_brands (store, unknown, &error);
    g_assert_error (error, CITED_ERROR, CITED_ERROR_NOT_FOUND);
    g_assert_null (none);
    g_clear_error (&error);
  }

  trend = cited_chart_new_trend (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trend->kind, ==, CITED_CHART_KIND_LINES);
  g_assert_cmpuint (trend->series->len, <=, 4);
  /* Months run without gaps and every line has a value at each. */
  for (guint c = 1; c < trend->categories->len; c++)
    g_assert_cmpint (strcmp (g_ptr_array_index (trend->categories, c - 1),
                             g_ptr_array_index (trend->categories, c)), <, 0);
  for (guint s = 0; s < trend->series->len; s++)
    {
      CitedChartSeries *series = g_ptr_array_index (trend->series, s);
      for (guint c = 0; c < trend->categories->len; c++)
        g_assert_nonnull (g_ptr_array_index (series->bars, c));
    }

  g_clear_object (&store);
  remove_store (db_path);
}

/* Every bar of @chart: how many, and whether a figure id is behind two of
 * them (it must not be: nothing is counted twice). */
static guint
count_bars (CitedChart *chart,
            guint      *n_ids)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = 0;

  *n_ids = 0;
  for (guint s = 0; s < chart->series->len; s++)
    {
      CitedChartSeries *series = g_ptr_array_index (chart->series, s);
      for (guint c = 0; c < chart->categories->len; c++)
        {
          CitedChartBar *bar = g_ptr_array_index (series->bars, c);

          if (bar == NULL)
            continue;
          n++;
          for (guint i = 0; i < bar->figure_ids->len; i++)
            {
              gint64 *id = &g_array_index (bar->figure_ids, gint64, i);
              g_assert_false (g_hash_table_contains (ids, id));
              g_hash_table_add (ids, id);
              (*n_ids)++;
            }
        }
    }
  return n;
}

/* The colour each series is drawn in: a bar's own colour (a brand's) where
 * the figures are of one group, else the palette by group. */
static const char **
drawn_colors (CitedChart *chart)
{
  static const char * const palette[] = { "#3584E4", "#E66100", "#2EC27E", "#9141AC" };
  const char **colors = g_new0 (const char *, chart->series->len + 1);
  guint group = 0;

  for (guint s = 0; s < chart->series->len; s++)
    {
      CitedChartSeries *series = g_ptr_array_index (chart->series, s);

      if (s > 0 && !g_str_equal (series->name, ((CitedChartSeries *) g_ptr_array_index (chart->series, s - 1))->name))
        group++;
      for (guint c = 0; c < chart->categories->len && colors[s] == NULL; c++)
        {
          CitedChartBar *bar = g_ptr_array_index (series->bars, c);
          if (bar != NULL && bar->color != NULL)
            colors[s] = bar->color;
        }
      if (colors[s] == NULL)
        colors[s] = palette[MIN (group, G_N_ELEMENTS (palette) - 1)];
    }
  return colors;
}

/* A chart of a metric reads its figures with their units, companies and
 * dates shared between them (one copy of "units" for every figure): the
 * chart, its figures and its sources export stay whole after the store
 * that read them is closed and the chart is the last to hold them. */
static void
test_builders_outlive_store (void)
{
  char *db_path = NULL;
  CitedStore *store = open_seed_store (&db_path);
  g_autoptr(CitedChart) sales = NULL;
  g_autofree char *csv = NULL;
  guint n_xiaomi = 0;

  if (store == NULL)
    {
      g_test_skip ("The bundled corpus (data/corpus under CITED_SOURCE_ROOT) is not there");
      return;
    }
  sales = metric_chart (store, "sales");
  g_object_unref (store);
  remove_store (db_path);

  g_assert_cmpuint (sales->figures->len, >, 1);
  for (guint i = 0; i < sales->figures->len; i++)
    {
      const CitedFigure *drawn = g_ptr_array_index (sales->figures, i);

      g_assert_cmpstr (drawn->unit, ==, "units");
      g_assert_cmpstr (drawn->metric, ==, "sales");
      g_assert_nonnull (strstr (drawn->sentence, drawn->text));
      g_assert_nonnull (drawn->article_title);
      if (g_strcmp0 (drawn->brand, "Xiaomi") == 0)
        {
          g_assert_cmpstr (drawn->orig_brand, ==, "Xiaomi");
          n_xiaomi++;
        }
    }
  g_assert_cmpuint (n_xiaomi, >, 1);
  csv = cited_chart_to_sources_csv (sales);
  g_assert_nonnull (strstr (csv, "Xiaomi"));
  g_assert_nonnull (strstr (csv, "190 million"));
}

/* QA's case: the seeds cite two Xiaomi prices in one sentence; the price
 * chart draws both, each with its own figure and label, and each can be
 * pointed at. Sales draws 190M, 140M and 50M. */
static void
test_builders_seed_bars (void)
{
  char *db_path = NULL;
  g_autoptr(CitedStore) store = open_seed_store (&db_path);
  g_autoptr(CitedChart) price = NULL;
  g_autoptr(CitedChart) sales = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **price_colors = NULL;
  g_autofree const char **sales_colors = NULL;
  g_autofree char *description = NULL;
  g_autofree char *csv = NULL;
  CitedQuery query = { 0 };
  CitedChartBar *high = NULL, *low = NULL;
  guint n_ids;

  if (store == NULL)
    {
      g_test_skip ("The bundled corpus (data/corpus under CITED_SOURCE_ROOT) is not there");
      return;
    }

  query.metric = "price";
  price = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (price->currency, ==, "CNY");
  g_assert_cmpuint (price->categories->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (price->categories, 0), ==, "Xiaomi");
  g_assert_true (bar_with_value (price, 0, 4999, &high));
  g_assert_true (bar_with_value (price, 0, 3999, &low));
  g_assert_true (high != low);
  g_assert_cmpuint (count_bars (price, &n_ids), ==, 2);
  g_assert_cmpuint (n_ids, ==, 2);
  g_assert_cmpuint (high->figure_ids->len, ==, 1);
  g_assert_cmpuint (low->figure_ids->len, ==, 1);
  /* Same scope and period: the figures as written tell them apart. */
  g_assert_cmpstr (high->label, ==, "4999 yuan");
  g_assert_cmpstr (low->label, ==, "3999 yuan");
  g_assert_nonnull (strstr (low->tooltip, "3999 yuan"));
  g_assert_true (g_str_has_prefix (price->source_note, "Source: 2 figures from 1 article"));
  description = cited_chart_describe (price);
  g_assert_cmpstr (description, ==, "Price by brand. Xiaomi: ¥4,999 (4999 yuan), ¥3,999 (3999 yuan).");
  csv = cited_chart_to_csv (price);
  g_assert_nonnull (strstr (csv, ",4999,,CNY,"));
  g_assert_nonnull (strstr (csv, ",3999,,CNY,"));
  price_colors = drawn_colors (price);
  check_hits (price, 1200, 800, price_colors);
  check_hits (price, 400, 300, price_colors);

  query.metric = "sales";
  sales = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_true (bar_with_value (sales, 0, 190e6, &high));
  g_assert_true (bar_with_value (sales, 0, 140e6, NULL));
  g_assert_true (bar_with_value (sales, 0, 50e6, &low));
  g_assert_cmpstr (high->label, ==, "global 2021");
  g_assert_cmpstr (low->label, ==, "domestic 2021");
  /* Every figure drawn is behind exactly one bar, and the footnote counts
   * them. */
  count_bars (sales, &n_ids);
  {
    g_autofree char *expected = g_strdup_printf ("Source: %u figures", n_ids);
    g_assert_true (g_str_has_prefix (sales->source_note, expected));
  }
  sales_colors = drawn_colors (sales);
  check_hits (sales, 1200, 800, sales_colors);
  check_hits (sales, 400, 300, sales_colors);

  g_clear_object (&store);
  remove_store (db_path);
}

static void
write_article (const char *dir,
               const char *name,
               const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

/* The same figure in three articles, two in English and one in Chinese
 * ("190 million", "1.9亿"), is one bar with three figure ids; a range
 * keeps its upper end; a brand citing 45 prices is cut to 40 bars and the
 * subtitle says so. */
static void
test_builders_duplicates (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(CitedChart) sales = NULL;
  g_autoptr(CitedChart) stores = NULL;
  g_autoptr(CitedChart) price = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) prices = g_string_new ("Xiaomi price list\n\n");
  g_autofree char *description = NULL;
  CitedQuery query = { 0 };
  CitedChartBar *bar = NULL;
  const char *paths[2] = { NULL, NULL };
  guint n_ids;

  dir = g_dir_make_tmp ("test-chart-corpus-XXXXXX", &error);
  g_assert_no_error (error);
  write_article (dir, "a.txt", "Xiaomi sales news\n\nXiaomi sold 190 million units worldwide in 2021, the company said.\n");
  write_article (dir, "b.txt", "Another Xiaomi report\n\nIn 2021 Xiaomi sold 190 million units worldwide, a record.\n\n"
                               "Xiaomi opened between 40 and 50 stores in 2021.\n");
  write_article (dir, "c.txt", "小米手机\n\n2021年小米全球销量1.9亿台。\n");
  for (guint i = 1; i <= 45; i++)
    g_string_append_printf (prices, "Xiaomi sells one model for %u yuan.\n", 1000 + i * 10);
  write_article (dir, "d.txt", prices->str);

  db_path = g_build_filename (dir, "cited.db", NULL);
  store = cited_store_open (db_path, &error);
  g_assert_no_error (error);
  paths[0] = dir;
  result = cited_import_paths (store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, ==, 4);

  query.metric = "sales";
  sales = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_bars (sales, &n_ids), ==, 1);
  g_assert_true (bar_with_value (sales, 0, 190e6, &bar));
  g_assert_cmpuint (bar->figure_ids->len, ==, 3);
  g_assert_true (g_str_has_prefix (sales->source_note, "Source: 3 figures from 3 articles"));
  description = cited_chart_describe (sales);
  /* The bar is one claim; the reader hears how many articles make it. */
  g_assert_cmpuint (bar->n_sources, ==, 3);
  g_assert_cmpstr (description, ==, "Sales by brand. Xiaomi: 190M units (global 2021), cited by 3 articles.");

  query.metric = "stores";
  stores = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_true (bar_with_value (stores, 0, 40, &bar));
  g_assert_cmpfloat (bar->value_max, ==, 50);
  g_assert_cmpstr (bar->label, ==, "2021");

  query.metric = "price";
  price = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_bars (price, &n_ids), ==, 40);
  g_assert_cmpuint (n_ids, ==, 40);
  g_assert_nonnull (price->subtitle);
  g_assert_nonnull (strstr (price->subtitle, "5 more figures not shown"));
  /* Still every bar can be pointed at, at a size a window gives it. */
  {
    g_autofree const char **colors = drawn_colors (price);
    check_hits (price, 1200, 800, colors);
  }

  g_clear_object (&store);
  cited_test_remove_tree (dir);
}

/* Every figure a chart draws states the same kind of thing: one change,
 * one span, one status. Returns how many figures it drew. */
static guint
check_one_kind (CitedStore *store,
                CitedChart *chart)
{
  gboolean first = TRUE;
  CitedChange change = CITED_CHANGE_LEVEL;
  CitedSpan span = CITED_SPAN_PERIOD;
  CitedClaimStatus status = CITED_CLAIM_REPORTED;
  g_autofree char *measure = NULL;
  guint n = 0;

  for (guint s = 0; s < chart->series->len; s++)
    {
      CitedChartSeries *series = g_ptr_array_index (chart->series, s);

      for (guint c = 0; c < chart->categories->len; c++)
        {
          CitedChartBar *bar = g_ptr_array_index (series->bars, c);

          for (guint i = 0; bar != NULL && i < bar->figure_ids->len; i++)
            {
              g_autoptr(GError) error = NULL;
              g_autoptr(CitedFigure) figure =
                cited_store_get_figure (store, g_array_index (bar->figure_ids, gint64, i), &error);

              g_assert_no_error (error);
              g_assert_cmpstr (figure->metric, !=, "rank");
              if (first)
                {
                  change = figure->change;
                  span = figure->span;
                  status = figure->claim_status;
                  measure = g_strdup (cited_figure_get_measure (figure));
                  first = FALSE;
                }
              g_assert_cmpint (figure->change, ==, change);
              g_assert_cmpint (figure->span, ==, span);
              g_assert_cmpint (figure->claim_status, ==, status);
              g_assert_cmpstr (cited_figure_get_measure (figure), ==, measure);
              n++;
            }
        }
    }
  return n;
}

/* Running totals, rates, forecasts, plans, changes of other measures and
 * ranks are never drawn beside a year's results, and the chart says so. */
static void
test_builders_kinds (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(CitedChart) sales = NULL;
  g_autoptr(CitedChart) forecasts = NULL;
  g_autoptr(CitedChart) cumulative = NULL;
  g_autoptr(CitedChart) growth = NULL;
  g_autoptr(CitedChart) ranks = NULL;
  g_autoptr(GError) error = NULL;
  CitedQuery query = { 0 };
  const char *paths[2] = { NULL, NULL };
  guint n_ids;

  dir = g_dir_make_tmp ("test-chart-kinds-XXXXXX", &error);
  g_assert_no_error (error);
  write_article (dir, "a.txt", "Phone sales\n\nXiaomi sold 190 million phones in 2021. "
                               "Samsung sold 260 million phones in 2021.\n");
  write_article (dir, "b.txt", "Running totals\n\nSince 2011 Xiaomi has sold 800 million phones. "
                               "Apple has sold a billion iPhones. Apple sells 35,000 iPhones an hour.\n");
  write_article (dir, "c.txt", "Plans\n\nSamsung expects to sell 300 million phones in 2024. "
                               "Xiaomi plans to sell 250 million phones in 2025.\n");
  write_article (dir, "d.txt", "Changes\n\nXiaomi's sales rose 5% in 2022. Apple's sales fell 2% in 2022. "
                               "Samsung's profits fell 3% in 2022.\n");
  write_article (dir, "e.txt", "Ranks\n\nXiaomi became the world's third largest smartphone maker. "
                               "Samsung aims to become the world's number one.\n");

  db_path = g_build_filename (dir, "cited.db", NULL);
  store = cited_store_open (db_path, &error);
  g_assert_no_error (error);
  paths[0] = dir;
  result = cited_import_paths (store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, ==, 5);

  /* Sales: the two results of 2021, nothing else. */
  query.metric = "sales";
  sales = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_bars (sales, &n_ids), ==, 2);
  g_assert_true (bar_with_value (sales, 0, 260e6, NULL));
  g_assert_true (bar_with_value (sales, 1, 190e6, NULL));
  g_assert_cmpuint (check_one_kind (store, sales), ==, 2);
  g_assert_nonnull (sales->subtitle);
  g_assert_nonnull (strstr (sales->subtitle, "2 forecasts, targets or plans not drawn"));
  g_assert_nonnull (strstr (sales->subtitle, "2 cumulative totals not drawn"));
  g_assert_nonnull (strstr (sales->subtitle, "1 rate not drawn"));

  /* Asked for, forecasts and plans are drawn, and only they. */
  query.claim_status = "forecast";
  forecasts = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_bars (forecasts, &n_ids), ==, 1);
  g_assert_true (bar_with_value (forecasts, 0, 300e6, NULL));
  g_assert_cmpuint (check_one_kind (store, forecasts), ==, 1);

  query.claim_status = NULL;
  query.span = "cumulative";
  cumulative = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_bars (cumulative, &n_ids), ==, 2);
  g_assert_true (bar_with_value (cumulative, 0, 1e9, NULL));
  g_assert_cmpuint (check_one_kind (store, cumulative), ==, 2);
  g_assert_nonnull (strstr (cumulative->subtitle, "2 period totals not drawn"));

  /* Growth: changes of sales, not the fall in profit. */
  query.span = NULL;
  query.metric = "growth";
  growth = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_bars (growth, &n_ids), ==, 2);
  g_assert_cmpuint (check_one_kind (store, growth), ==, 2);
  g_assert_nonnull (strstr (growth->subtitle, "Change in sales"));
  g_assert_nonnull (strstr (growth->subtitle, "1 change of another measure not drawn"));

  /* A rank is a place: a dot on a row of its own, best first, a target
   * said to be one; never a bar's height. */
  query.metric = "rank";
  ranks = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ranks->kind, ==, CITED_CHART_KIND_RANKS);
  g_assert_cmpuint (count_bars (ranks, &n_ids), ==, 2);
  g_assert_cmpstr (g_ptr_array_index (ranks->categories, 0), ==, "Samsung · global (target)");
  g_assert_true (bar_with_value (ranks, 0, 1, NULL));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (ranks->categories, 1), "Xiaomi"));
  g_assert_true (bar_with_value (ranks, 1, 3, NULL));
  {
    g_autofree char *text = cited_chart_describe (ranks);

    g_assert_nonnull (strstr (text, "Samsung · global (target): #1"));
  }

  g_clear_object (&store);
  cited_test_remove_tree (dir);
}

/* How many pixels of the bar at @category (its middle row) are the page's
 * white: hatching shows through a bar of forecasts, never a result's. */
static guint
white_in_bar (CitedChart *chart,
              guint       category)
{
  CitedChartStyle style;
  Canvas canvas;
  int y = -1, x0 = -1, x1 = -1;
  guint white = 0;
  guint s, c;

  cited_chart_style_print (&style);
  canvas = render (chart, 800, 600, &style);
  for (int yy = 599; yy >= 0 && y < 0; yy -= 2)
    for (int xx = 0; xx < 800 && y < 0; xx++)
      if (cited_chart_hit_test (chart, 800, 600, xx + 0.5, yy + 0.5, &s, &c) && c == category)
        y = yy - 40;
  g_assert_cmpint (y, >, 0);
  for (int xx = 0; xx < 800; xx++)
    if (cited_chart_hit_test (chart, 800, 600, xx + 0.5, y + 0.5, &s, &c) && c == category)
      {
        if (x0 < 0)
          x0 = xx;
        x1 = xx;
      }
  for (int xx = x0 + 2; xx <= x1 - 2; xx++)
    white += pixel (&canvas, xx, y) == 0xFFFFFF;
  cairo_surface_destroy (canvas.surface);
  return white;
}

/* "more than", "about" and "up to" stay with their bars and are explained
 * under the chart; a currency taken from the article is flagged; forecasts
 * are hatched and read as forecasts. */
static void
test_builders_marks (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(CitedChart) sales = NULL;
  g_autoptr(CitedChart) revenue = NULL;
  g_autoptr(CitedChart) forecasts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *legend = NULL;
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  CitedQuery query = { 0 };
  const char *paths[2] = { NULL, NULL };
  CitedChartBar *bar = NULL;
  guint n_ids;

  dir = g_dir_make_tmp ("test-chart-marks-XXXXXX", &error);
  g_assert_no_error (error);
  write_article (dir, "a.txt", "Phone sales\n\nXiaomi sold more than 140 million phones in 2021. "
                               "Samsung sold about 260 million phones in 2021. "
                               "Apple sold up to 230 million phones in 2021.\n");
  write_article (dir, "b.txt", "Huawei\n\nHuawei sold more than 100 million phones in 2021.\n");
  write_article (dir, "c.txt", "Huawei again\n\nHuawei sold 100 million phones in 2021.\n");
  write_article (dir, "d.txt", "Nokia results\n\nNokia made a profit of $2 billion in 2021. "
                               "Nokia said revenue was 30 billion in 2021.\n");
  write_article (dir, "e.txt", "Plans\n\nSamsung expects to sell 300 million phones in 2024.\n");
  db_path = g_build_filename (dir, "cited.db", NULL);
  store = cited_store_open (db_path, &error);
  g_assert_no_error (error);
  paths[0] = dir;
  result = cited_import_paths (store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, ==, 5);

  query.metric = "sales";
  sales = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_bars (sales, &n_ids), ==, 4);
  g_assert_cmpint (sales->status, ==, CITED_CLAIM_REPORTED);
  g_assert_true (bar_with_value (sales, 0, 260e6, &bar));
  g_assert_cmpstr (bar->qualifier, ==, "about");
  g_assert_true (bar_with_value (sales, 1, 230e6, &bar));
  g_assert_cmpstr (bar->qualifier, ==, "up to");
  g_assert_true (bar_with_value (sales, 2, 140e6, &bar));
  g_assert_cmpstr (bar->qualifier, ==, "more than");
  /* One source says "more than 100 million", another "100 million": the
   * bar is the exact value, with both figures. */
  g_assert_true (bar_with_value (sales, 3, 100e6, &bar));
  g_assert_null (bar->qualifier);
  g_assert_cmpuint (bar->figure_ids->len, ==, 2);

  legend = cited_chart_marks_legend (sales);
  g_assert_nonnull (legend);
  g_assert_nonnull (strstr (legend, "≈ about"));
  g_assert_nonnull (strstr (legend, "≤ up to"));
  g_assert_nonnull (strstr (legend, "> more than"));
  g_assert_null (strstr (legend, "hatched"));
  g_assert_null (strstr (legend, "currency"));
  text = cited_chart_describe (sales);
  g_assert_nonnull (strstr (text, "Samsung: about 260M units"));
  g_assert_nonnull (strstr (text, "Xiaomi: more than 140M units"));
  csv = cited_chart_to_csv (sales);
  g_assert_nonnull (strstr (csv, ",up to,reported,\n"));
  g_assert_cmpuint (white_in_bar (sales, 0), ==, 0);
  g_clear_pointer (&legend, g_free);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&csv, g_free);

  /* Revenue names no currency; the article's dollars are flagged. */
  query.metric = "revenue";
  revenue = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_bars (revenue, &n_ids), ==, 1);
  g_assert_cmpstr (revenue->currency, ==, "USD");
  g_assert_true (bar_with_value (revenue, 0, 30e9, &bar));
  g_assert_true (bar->flags & CITED_CHART_BAR_CURRENCY_INFERRED);
  legend = cited_chart_marks_legend (revenue);
  g_assert_cmpstr (legend, ==, "* currency from the article");
  text = cited_chart_describe (revenue);
  g_assert_nonnull (strstr (text, "(currency from the article)"));
  csv = cited_chart_to_csv (revenue);
  g_assert_nonnull (strstr (csv, ",reported,currency\n"));
  g_clear_pointer (&legend, g_free);
  g_clear_pointer (&text, g_free);

  /* A chart of forecasts is hatched, and says so in words. */
  query.metric = "sales";
  query.claim_status = "forecast";
  forecasts = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_bars (forecasts, &n_ids), ==, 1);
  g_assert_cmpint (forecasts->status, ==, CITED_CLAIM_FORECAST);
  legend = cited_chart_marks_legend (forecasts);
  g_assert_cmpstr (legend, ==, "hatched: forecasts");
  text = cited_chart_describe (forecasts);
  g_assert_nonnull (strstr (text, "All values are forecasts."));
  g_assert_cmpuint (white_in_bar (forecasts, 0), >, 3);

  g_clear_object (&store);
  cited_test_remove_tree (dir);
}

/* A chart drawn from many articles names the ones it draws most on, and
 * counts the rest. */
static void
test_builders_source_note (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(CitedChart) sales = NULL;
  g_autoptr(GError) error = NULL;
  CitedQuery query = { 0 };
  const char *paths[2] = { NULL, NULL };

  dir = g_dir_make_tmp ("test-chart-sources-XXXXXX", &error);
  g_assert_no_error (error);
  write_article (dir, "a.txt", "Samsung and Apple\n\nSamsung sold 260 million phones in 2021. "
                               "Apple sold 230 million phones in 2021.\n");
  write_article (dir, "b.txt", "Xiaomi\n\nXiaomi sold 190 million phones in 2021.\n");
  write_article (dir, "c.txt", "Oppo\n\nOppo sold 140 million phones in 2021.\n");
  write_article (dir, "d.txt", "Vivo\n\nVivo sold 130 million phones in 2021.\n");
  write_article (dir, "e.txt", "Honor\n\nHonor sold 60 million phones in 2021.\n");
  db_path = g_build_filename (dir, "cited.db", NULL);
  store = cited_store_open (db_path, &error);
  g_assert_no_error (error);
  paths[0] = dir;
  result = cited_import_paths (store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, ==, 5);

  query.metric = "sales";
  sales = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sales->source_note);
  /* The article with two figures first, then the first met; two counted. */
  g_assert_true (g_str_has_prefix (sales->source_note,
                                   "Source: 6 figures from 5 articles in Cited: “Samsung and Apple”, "));
  g_assert_true (g_str_has_suffix (sales->source_note, " and 2 more"));

  /* Its CSV gives every figure with its article and sentence. */
  {
    g_autofree char *csv = cited_chart_to_sources_csv (sales);
    g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
    g_autoptr(CitedChart) brands = cited_chart_new_brands (store, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (lines[0], ==, "category,series,bar_value,figure_id,company,metric,measure,change,"
                                   "value,value_max,unit,currency,qualifier,scope,period,status,text,"
                                   "article,source,date,location,sentence");
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + 6 + 1);
    g_assert_nonnull (strstr (csv, ",Samsung,sales,sales,level,260000000,,units,,,,2021,reported,"
                                   "260 million phones,Samsung and Apple,,,"));
    g_assert_nonnull (strstr (csv, "a.txt,Samsung sold 260 million phones in 2021.\n"));
    /* Brand mentions are no figures: that chart has only its plotted values. */
    g_assert_null (cited_chart_to_sources_csv (brands));
  }

  g_clear_object (&store);
  cited_test_remove_tree (dir);
}

/* A metric's figures over time: each at its article's date, one line per
 * status and period, in order; undated articles left out and counted. */
static void
test_builders_claims_over_time (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(CitedChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CitedQuery query = { 0 };
  const char *paths[2] = { NULL, NULL };
  int forecast = -1, reported = -1, next_year = -1;

  dir = g_dir_make_tmp ("test-chart-timeline-XXXXXX", &error);
  g_assert_no_error (error);
  write_article (dir, "a.md", "---\ntitle: Xiaomi outlook\ndate: 2021-03-02\n---\n"
                              "Xiaomi expects to sell 170 million phones in 2021.\n");
  write_article (dir, "b.md", "---\ntitle: Xiaomi results\ndate: 2021-12-28\n---\n"
                              "Xiaomi sold 190 million phones in 2021. "
                              "Xiaomi expects to sell 220 million phones in 2022.\n");
  write_article (dir, "c.txt", "Undated\n\nXiaomi sold 180 million phones in 2021.\n");
  db_path = g_build_filename (dir, "cited.db", NULL);
  store = cited_store_open (db_path, &error);
  g_assert_no_error (error);
  paths[0] = dir;
  result = cited_import_paths (store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, ==, 3);

  query.metric = "sales";
  query.brand = "Xiaomi";
  chart = cited_chart_new_claims_over_time (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chart->kind, ==, CITED_CHART_KIND_LINES);
  g_assert_cmpstr (chart->title, ==, "Xiaomi: Sales over time");
  g_assert_cmpuint (chart->categories->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (chart->categories, 0), ==, "2021-03-02");
  g_assert_cmpstr (g_ptr_array_index (chart->categories, 1), ==, "2021-12-28");
  for (guint s = 0; s < chart->series->len; s++)
    {
      CitedChartSeries *series = g_ptr_array_index (chart->series, s);

      if (g_str_equal (series->name, "forecast 2021"))
        forecast = s;
      else if (g_str_equal (series->name, "reported 2021"))
        reported = s;
      else if (g_str_equal (series->name, "forecast 2022"))
        next_year = s;
    }
  /* The forecast of March, the result of December, and next year's forecast
   * on a line of its own. */
  g_assert_cmpint (chart->series->len, ==, 3);
  g_assert_cmpint (forecast, >=, 0);
  g_assert_cmpint (reported, >=, 0);
  g_assert_cmpint (next_year, >=, 0);
  g_assert_cmpfloat (((CitedChartBar *) g_ptr_array_index (((CitedChartSeries *) g_ptr_array_index (chart->series, forecast))->bars, 0))->value, ==, 170e6);
  g_assert_cmpfloat (((CitedChartBar *) g_ptr_array_index (((CitedChartSeries *) g_ptr_array_index (chart->series, reported))->bars, 1))->value, ==, 190e6);
  g_assert_null (g_ptr_array_index (((CitedChartSeries *) g_ptr_array_index (chart->series, reported))->bars, 0));
  g_assert_nonnull (strstr (chart->subtitle, "1 figure of an undated article left out"));
  g_assert_cmpuint (chart->figures->len, ==, 3);

  text = cited_chart_describe (chart);
  g_assert_nonnull (strstr (text, "2021-03-02: forecast 2021 170M units (2021)."));
  g_assert_nonnull (strstr (text, "2021-12-28: reported 2021 190M units (2021)."));
  g_assert_true (strstr (text, "2021-03-02") < strstr (text, "2021-12-28"));

  g_clear_object (&store);
  cited_test_remove_tree (dir);
}

/* Brand colours too dark for a dark window are lightened; others kept. */
static void
test_readable_colors (void)
{
  g_autofree char *apple_dark = cited_color_readable ("#555555", TRUE);
  g_autofree char *apple_light = cited_color_readable ("#555555", FALSE);
  g_autofree char *samsung_dark = cited_color_readable ("#1428A0", TRUE);
  g_autofree char *xiaomi_dark = cited_color_readable ("#FF6900", TRUE);
  guint r, g, b;

  g_assert_cmpstr (apple_light, ==, "#555555");
  g_assert_cmpstr (xiaomi_dark, ==, "#FF6900");
  g_assert_null (cited_color_readable (NULL, TRUE));
  g_assert_cmpint (sscanf (apple_dark, "#%02X%02X%02X", &r, &g, &b), ==, 3);
  g_assert_cmpuint (r, >, 0x99);
  g_assert_cmpint (sscanf (samsung_dark, "#%02X%02X%02X", &r, &g, &b), ==, 3);
  /* Still blue, and light enough to see on #1E1E1E. */
  g_assert_cmpuint (b, >, r);
  g_assert_cmpfloat (0.2126 * r + 0.7152 * g + 0.0722 * b, >, 0.3 * 255);
}

/* A new user's empty store: every chart is empty and says why. */
static void
test_builders_empty_store (void)
{
  g_autofree char *db_path = temp_path ("empty.db");
  g_autoptr(CitedStore) store = NULL;
  g_autoptr(CitedChart) figures = NULL;
  g_autoptr(CitedChart) brands = NULL;
  g_autoptr(CitedChart) trend = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *figures_text = NULL;
  g_autofree char *brands_text = NULL;
  g_autofree char *trend_text = NULL;
  CitedQuery query = { .metric = "sales" };

  store = cited_store_open (db_path, &error);
  g_assert_no_error (error);

  figures = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  brands = cited_chart_new_brands (store, NULL, &error);
  g_assert_no_error (error);
  trend = cited_chart_new_trend (store, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (figures->categories->len, ==, 0);
  g_assert_cmpuint (brands->categories->len, ==, 0);
  g_assert_cmpuint (trend->categories->len, ==, 0);
  figures_text = cited_chart_describe (figures);
  brands_text = cited_chart_describe (brands);
  trend_text = cited_chart_describe (trend);
  g_assert_cmpstr (figures_text, ==, "Sales by brand. No figures for this metric.");
  g_assert_cmpstr (brands_text, ==, "Share of voice. No brand mentions yet.");
  g_assert_cmpstr (trend_text, ==, "Mentions per month. No dated articles mention these brands.");

  /* They still export, message and all. */
  {
    g_autofree char *png = temp_path ("empty.png");
    g_assert_true (cited_chart_export (trend, png, 360, 240, &error));
    g_assert_no_error (error);
    remove_temp (png);
  }

  g_clear_object (&store);
  remove_store (g_steal_pointer (&db_path));
}

/* The chart follows the user's corrections: a rejected figure leaves it,
 * an edited one shows the new value, a figure moved to the metric in
 * another currency is left out and counted in the subtitle. */
static void
test_builders_edits (void)
{
  char *db_path = NULL;
  g_autoptr(CitedStore) store = open_seed_store (&db_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) prices = NULL;
  g_autoptr(CitedChart) before = NULL;
  g_autoptr(CitedChart) after = NULL;
  CitedQuery query = { 0 };
  CitedFigureEdit edit;
  CitedChartBar *global = NULL, *domestic = NULL;
  gint64 price_id = 0, global_id, domestic_id;

  if (store == NULL)
    {
      g_test_skip ("The bundled corpus (data/corpus under CITED_SOURCE_ROOT) is not there");
      return;
    }

  query.metric = "price";
  prices = cited_store_list_figures (store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < prices->len; i++)
    {
      CitedFigure *figure = g_ptr_array_index (prices, i);
      if (figure->value == 3999 && g_strcmp0 (figure->currency, "CNY") == 0)
        price_id = figure->id;
    }
  g_assert_cmpint (price_id, !=, 0);

  query.metric = "sales";
  before = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_true (bar_with_value (before, 0, 190e6, &global));
  g_assert_true (bar_with_value (before, 0, 50e6, &domestic));
  global_id = g_array_index (global->figure_ids, gint64, 0);
  domestic_id = g_array_index (domestic->figure_ids, gint64, 0);

  edit = (CitedFigureEdit) { NAN, NULL, NULL, CITED_FIGURE_REJECTED };
  g_assert_true (cited_store_set_figure_edit (store, global_id, &edit, &error));
  g_assert_no_error (error);
  edit = (CitedFigureEdit) { 55e6, NULL, NULL, CITED_FIGURE_CONFIRMED };
  g_assert_true (cited_store_set_figure_edit (store, domestic_id, &edit, &error));
  g_assert_no_error (error);
  edit = (CitedFigureEdit) { NAN, NULL, "sales", CITED_FIGURE_CONFIRMED };
  g_assert_true (cited_store_set_figure_edit (store, price_id, &edit, &error));
  g_assert_no_error (error);

  after = cited_chart_new_figures (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (after->categories, 0), ==, "Xiaomi");
  g_assert_false (bar_with_value (after, 0, 190e6, NULL));
  g_assert_true (bar_with_value (after, 0, 55e6, NULL));
  g_assert_false (bar_with_value (after, 0, 50e6, NULL));
  g_assert_cmpstr (after->unit, ==, "units");
  g_assert_null (after->currency);
  g_assert_false (bar_with_value (after, 0, 3999, NULL));
  g_assert_nonnull (after->subtitle);
  g_assert_nonnull (strstr (after->subtitle, "in other units left out"));

  g_clear_object (&store);
  remove_store (db_path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/nice-ticks", test_nice_ticks);
  g_test_add_func ("/chart/model", test_model);
  g_test_add_func ("/chart/export/png", test_export_png);
  g_test_add_func ("/chart/export/svg", test_export_svg);
  g_test_add_func ("/chart/export/svg-text", test_export_svg_text);
  g_test_add_func ("/chart/export/pdf", test_export_pdf);
  g_test_add_func ("/chart/export/errors", test_export_errors);
  g_test_add_func ("/chart/render/ticks-follow-language", test_ticks_follow_language);
  g_test_add_func ("/chart/csv", test_csv);
  g_test_add_func ("/chart/csv-share", test_csv_share);
  g_test_add_func ("/chart/describe", test_describe);
  g_test_add_func ("/chart/describe-lines", test_describe_lines);
  g_test_add_func ("/chart/hit-test/bars", test_hit_test);
  g_test_add_func ("/chart/hit-test/negative", test_hit_test_negative);
  g_test_add_func ("/chart/hit-test/share", test_hit_test_share);
  g_test_add_func ("/chart/hit-test/lines", test_hit_test_lines);
  g_test_add_func ("/chart/render/empty", test_empty_chart);
  g_test_add_func ("/chart/render/styles", test_styles);
  g_test_add_func ("/chart/render/highlight", test_highlight);
  g_test_add_func ("/chart/render/range", test_range);
  g_test_add_func ("/chart/render/same-name-series", test_same_name_series);
  g_test_add_func ("/chart/builders/seeds", test_builders_seeds);
  g_test_add_func ("/chart/builders/edits", test_builders_edits);
  g_test_add_func ("/chart/builders/outlive-store", test_builders_outlive_store);
  g_test_add_func ("/chart/builders/seed-bars", test_builders_seed_bars);
  g_test_add_func ("/chart/builders/duplicates", test_builders_duplicates);
  g_test_add_func ("/chart/builders/kinds", test_builders_kinds);
  g_test_add_func ("/chart/builders/marks", test_builders_marks);
  g_test_add_func ("/chart/builders/source-note", test_builders_source_note);
  g_test_add_func ("/chart/readable-colors", test_readable_colors);
  g_test_add_func ("/chart/builders/claims-over-time", test_builders_claims_over_time);
  g_test_add_func ("/chart/builders/empty-store", test_builders_empty_store);

  return g_test_run ();
}
