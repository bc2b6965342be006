/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-importer"
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cited-error.h"
#include "cited-extractor.h"
#include "cited-importer.h"
#include "cited-store.h"
#include "cited-store-private.h"
#include "cited-test-files.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "importer", name, NULL);
}

/* A folder of the shared corpora, or NULL (the test is skipped) when the
 * checkout has no ../shared beside it. */
static char *
corpus (const char *name)
{
  const char *root = g_getenv ("CITED_SOURCE_ROOT");
  g_autofree char *path = NULL;

  if (root == NULL)
    {
      g_test_skip ("CITED_SOURCE_ROOT is not set");
      return NULL;
    }
  path = g_build_filename (root, "..", "shared", "corpora", name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf ("%s is not there", path);

      g_test_skip (message);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static GPtrArray *
parse_fixture (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  GPtrArray *articles = cited_parse_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (articles);
  return articles;
}

static void
assert_parse_error (const char *name,
                    CitedError  code,
                    const char *reason_part)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = cited_parse_file (path, &error);

  g_assert_null (articles);
  g_assert_error (error, CITED_ERROR, (gint) code);
  if (reason_part != NULL && strstr (error->message, reason_part) == NULL)
    g_error ("%s: the reason \"%s\" does not mention \"%s\"", name, error->message, reason_part);
}

static CitedArticle *
article_at (GPtrArray *articles,
            guint      index)
{
  g_assert_cmpuint (index, <, articles->len);
  return g_ptr_array_index (articles, index);
}

static CitedArticle *
find_article (GPtrArray  *articles,
              const char *title)
{
  for (guint i = 0; i < articles->len; i++)
    {
      CitedArticle *article = g_ptr_array_index (articles, i);

      if (g_strcmp0 (article->title, title) == 0)
        return article;
    }
  g_error ("no article titled \"%s\"", title);
  return NULL;
}

typedef struct {
  char *dir;
  CitedStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->dir = g_dir_make_tmp ("cited-test-importer-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "cited.db", NULL);
  f->store = cited_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  cited_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_mkdir_with_parents (parent, 0700);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static guint
count_articles (CitedStore *store)
{
  g_autoptr(GError) error = NULL;
  CitedQuery query = { 0 };
  guint n = cited_store_count_articles (store, &query, &error);

  g_assert_no_error (error);
  return n;
}

static const CitedRejection *
find_rejection (CitedImportResult *result,
                const char        *path_suffix)
{
  for (guint i = 0; i < result->rejected->len; i++)
    {
      const CitedRejection *rejection = g_ptr_array_index (result->rejected, i);

      if (g_str_has_suffix (rejection->path, path_suffix))
        return rejection;
    }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Decoding                                                                  */
/* ------------------------------------------------------------------------ */

static void
test_decode_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  const char bom[] = "\xef\xbb\xbf" "Caf\xc3\xa9\r\nline two";
  g_autofree char *text = cited_decode_text (bom, strlen (bom), &error);

  g_assert_no_error (error);
  /* BOM removed, CRLF kept. */
  g_assert_cmpstr (text, ==, "Caf\xc3\xa9\r\nline two");
}

static void
test_decode_utf16 (void)
{
  g_autoptr(GPtrArray) le = parse_fixture ("utf16le.txt");
  g_autoptr(GPtrArray) be = parse_fixture ("utf16be.txt");

  g_assert_cmpstr (article_at (le, 0)->title, ==, "UTF-16 little endian title");
  g_assert_cmpstr (article_at (le, 0)->body, ==, "Body text with a pound sign: £20m.");
  g_assert_cmpstr (article_at (be, 0)->title, ==, "UTF-16 big endian title");
  g_assert_nonnull (strstr (article_at (be, 0)->body, "星辰 sold 5 million units"));
}

static void
test_decode_gb18030 (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("gb18030.txt");
  CitedArticle *article = article_at (articles, 0);

  g_assert_cmpstr (article->title, ==, "星辰手机出货量创新高");
  g_assert_true (g_str_has_prefix (article->body, "星辰手机第三季度出货量达到三千五百万台"));
  g_assert_cmpstr (article->language, ==, "zh");
}

static void
test_decode_stray_latin1 (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("stray-latin1.txt");
  g_autofree char *bbc = corpus ("bbc");
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) mutu = NULL;
  g_autoptr(GError) error = NULL;

  /* One stray Latin-1 byte in English UTF-8 is read as what it was. */
  g_assert_nonnull (strstr (article_at (articles, 0)->body, "paid £15.8m for"));

  if (bbc == NULL)
    return;
  path = g_build_filename (bbc, "sport", "199.txt", NULL);
  mutu = cited_parse_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article_at (mutu, 0)->title, ==, "Chelsea sack Mutu");
  g_assert_nonnull (strstr (article_at (mutu, 0)->body, "a £15.8m signing from Parma"));
}

static void
test_decode_bad (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char utf16_no_bom[] = "H\0e\0l\0l\0o\0";

  assert_parse_error ("empty.txt", CITED_ERROR_EMPTY, NULL);
  assert_parse_error ("whitespace.txt", CITED_ERROR_EMPTY, "whitespace");
  assert_parse_error ("image.png", CITED_ERROR_BINARY, "PNG");
  assert_parse_error ("nul.txt", CITED_ERROR_BINARY, "NUL");
  /* Shift-JIS would convert to GB18030 mojibake; Latin-1 prose has too many
   * stray bytes to guess. Both are refused with the reason. */
  assert_parse_error ("shift-jis.txt", CITED_ERROR_ENCODING, "GB18030");
  /* EUC-KR bytes all fall in the GB2312 range but give no common hanzi. */
  assert_parse_error ("euc-kr.txt", CITED_ERROR_ENCODING, "GB18030");
  assert_parse_error ("latin1-random.txt", CITED_ERROR_ENCODING, "UTF-8");

  text = cited_decode_text (utf16_no_bom, sizeof utf16_no_bom - 1, &error);
  g_assert_null (text);
  g_assert_error (error, CITED_ERROR, CITED_ERROR_BINARY);
  g_clear_error (&error);

  text = cited_decode_text ("\xef\xbb\xbf", 3, &error);
  g_assert_null (text);
  g_assert_error (error, CITED_ERROR, CITED_ERROR_EMPTY);
}

/* ------------------------------------------------------------------------ */
/* Formats                                                                   */
/* ------------------------------------------------------------------------ */

static void
test_plain (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("plain.txt");
  g_autoptr(GPtrArray) crlf = parse_fixture ("crlf.txt");
  CitedArticle *article = article_at (articles, 0);
  g_autofree char *path = fixture ("plain.txt");

  g_assert_cmpuint (articles->len, ==, 1);
  g_assert_cmpstr (article->title, ==, "Northwind shipped 12 million handsets in the first quarter");
  g_assert_cmpstr (article->source, ==, "Acme Daily");
  g_assert_cmpstr (article->published, ==, "2024-03-05");
  g_assert_cmpstr (article->path, ==, path);
  g_assert_cmpstr (article->language, ==, "en");
  /* The source line and the Related Pages trailer are gone; paragraphs stay. */
  g_assert_cmpstr (article->body, ==,
                   "Northwind said on Tuesday it shipped 12 million handsets in the first "
                   "quarter, up 8% from a year earlier.\n\n"
                   "Its overseas sales rose faster than domestic sales.\n"
                   "The company now runs 3,200 stores.");

  g_assert_cmpstr (article_at (crlf, 0)->title, ==, "Windows line endings");
  g_assert_cmpstr (article_at (crlf, 0)->body, ==,
                   "First paragraph of the body.\nSecond line of it.\n\nSecond paragraph.");
}

static void
test_plain_body_first (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("body-first.txt");
  CitedArticle *article = article_at (articles, 0);

  /* The first line is body text: the title is its first sentence, cut at a
   * word with an ellipsis, and the line stays in the body. */
  g_assert_true (g_str_has_prefix (article->title, "Lindqvist told analysts: 'We will double"));
  g_assert_true (g_str_has_suffix (article->title, "…"));
  g_assert_false (g_str_has_suffix (article->title, " …"));
  g_assert_cmpuint (g_utf8_strlen (article->title, -1), <=, 101);
  g_assert_true (g_str_has_prefix (article->body, "Lindqvist told analysts:"));
  g_assert_nonnull (strstr (article->body, "about 1,100 by the end of 2025."));
}

static void
test_markdown (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("article.md");
  CitedArticle *article = article_at (articles, 0);

  g_assert_cmpstr (article->title, ==, "星辰手机第三季度出货量达 3580 万台");
  /* The file it came from stays its path; the original's site is the source. */
  g_assert_true (g_str_has_suffix (article->path, "article.md"));
  g_assert_cmpstr (article->source, ==, "example.com");
  g_assert_cmpstr (article->language, ==, "zh");
  /* Link targets (with their numbers) and images are not text. */
  g_assert_null (strstr (article->body, "原文"));
  g_assert_null (strstr (article->body, "https://"));
  g_assert_null (strstr (article->body, "2024-q3"));
  g_assert_null (strstr (article->body, "**"));
  g_assert_cmpstr (article->body, ==,
                   "据市场研究机构统计，星辰手机第三季度全球出货量达到 3580 万台，同比增长 12%。查看完整报告\n\n"
                   "海外市场贡献了超过一半的销量。");
}

static void
test_front_matter (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("front-matter.md");
  CitedArticle *article = article_at (articles, 0);

  g_assert_cmpstr (article->title, ==, "Sparrow Mobile tops 10 million users");
  g_assert_cmpstr (article->published, ==, "2024-07-09");
  g_assert_cmpstr (article->source, ==, "Pocket Ledger");
  g_assert_cmpstr (article->path, ==, "https://example.com/sparrow-10m");
  /* "#1" is not a heading marker. */
  g_assert_cmpstr (article->body, ==,
                   "Sparrow Mobile said its messaging app passed 10 million monthly users in June.\n\n"
                   "#1 in its home market, it now targets India.");
}

static void
test_html (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("article.html");
  g_autoptr(GPtrArray) latin1 = parse_fixture ("latin1.html");
  g_autoptr(GPtrArray) json_ld = NULL;
  CitedArticle *article = article_at (articles, 0);

  g_assert_cmpstr (article->title, ==, "Harbor Motors sells 50,000 cars");
  g_assert_cmpstr (article->source, ==, "Example Wire");
  g_assert_cmpstr (article->published, ==, "2024-02-14");
  g_assert_cmpstr (article->body, ==,
                   "Harbor Motors sells 50,000 cars\n\n"
                   "Harbor Motors sold 50,000 cars in January, the company said.\n\n"
                   "That is twice as many as a year ago & a record.\n\n"
                   "Photo: 2 cars on a quay.");

  /* schema.org JSON-LD when there are no Open Graph tags. */
  json_ld = parse_fixture ("json-ld.html");
  g_assert_cmpstr (article_at (json_ld, 0)->title, ==, "Marten Bank books record profit");
  g_assert_cmpstr (article_at (json_ld, 0)->source, ==, "Harbour Times");
  g_assert_cmpstr (article_at (json_ld, 0)->published, ==, "2023-10-24");
  g_assert_cmpstr (article_at (json_ld, 0)->body, ==,
                   "Marten Bank made a profit of 2.1 billion euros in the third quarter.");

  /* A declared charset is honoured. */
  g_assert_cmpstr (article_at (latin1, 0)->title, ==, "Café chain opens 40 stores");
  g_assert_cmpstr (article_at (latin1, 0)->body, ==,
                   "The café chain opened 40 stores and sold £2m of coffee.");
}

static void
test_html_broken (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("broken.html");
  CitedArticle *article = article_at (articles, 0);

  /* <title> "… | Daily Quill" and <h1> "…": the headline alone. */
  g_assert_cmpstr (article->title, ==, "Broken page about Quill Inc");
  g_assert_nonnull (strstr (article->body, "Quill Inc hired 1,500 people"));
  g_assert_nonnull (strstr (article->body, "unclosed bold"));
  g_assert_nonnull (strstr (article->body, "a stray closing tag"));
}

static void
test_rss (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("feed.rss");
  CitedArticle *orchard;
  CitedArticle *cafe;

  /* Blank lines before the declaration, ISO-8859-1, a repeated guid, an
   * empty item. */
  g_assert_cmpuint (articles->len, ==, 2);
  orchard = find_article (articles, "Orchard Phones ships 5 million units");
  g_assert_cmpstr (orchard->path, ==, "https://example.org/orchard-5m");
  g_assert_cmpstr (orchard->published, ==, "2024-01-31");
  g_assert_cmpstr (orchard->source, ==, "Market Café News");
  g_assert_cmpstr (orchard->body, ==, "Orchard Phones shipped 5 million units in the quarter.");
  cafe = find_article (articles, "Café owners cut prices");
  g_assert_cmpstr (cafe->published, ==, "2024-02-01");
  g_assert_cmpstr (cafe->body, ==, "Prices fell by 10% at cafés across the city.");
}

static void
test_rss_entities (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  const char feed[] =
    "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>T</title>"
    "<item><title>Plover&nbsp;sells 8 ships</title><link>https://example.com/p</link>"
    "<media:description>A photo caption, not the story</media:description>"
    "<description>Plover sold 8 ships to Smith & Sons.</description></item>"
    "</channel></rss>";

  /* HTML entities and a bare "&" are common in real feeds; they cost a
   * character, not the feed. Other vocabularies' elements are not text. */
  articles = cited_parse_data ("entities.rss", feed, strlen (feed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, 1);
  g_assert_true (g_str_has_prefix (article_at (articles, 0)->title, "Plover"));
  g_assert_true (g_str_has_suffix (article_at (articles, 0)->title, "sells 8 ships"));
  g_assert_nonnull (strstr (article_at (articles, 0)->body, "Plover sold 8 ships to Smith"));
  g_assert_null (strstr (article_at (articles, 0)->body, "caption"));
}

static void
test_atom (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("feed.atom");
  CitedArticle *lumen = find_article (articles, "Lumen & Co opens 200 stores");
  CitedArticle *vela = find_article (articles, "Vela hires 900 engineers");
  CitedArticle *summary = article_at (articles, 2);

  g_assert_cmpuint (articles->len, ==, 3);
  g_assert_cmpstr (lumen->path, ==, "https://example.net/lumen-200");
  /* published wins over updated */
  g_assert_cmpstr (lumen->published, ==, "2024-04-02");
  g_assert_cmpstr (lumen->source, ==, "Gadget Ledger");
  g_assert_cmpstr (lumen->body, ==, "Lumen opened 200 stores in India.\n\nIt plans 300 more.");
  g_assert_cmpstr (vela->published, ==, "2024-04-05");
  g_assert_cmpstr (vela->body, ==, "Vela hired 900 engineers.");
  /* No title: the first sentence of the summary. */
  g_assert_cmpstr (summary->title, ==, "Only a summary: Brightside raised 1.2 billion euros.");
  g_assert_cmpstr (summary->published, ==, "2024-04-06");
}

static void
test_rdf (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("feed.rdf");
  CitedArticle *article = article_at (articles, 0);

  g_assert_cmpuint (articles->len, ==, 1);
  g_assert_cmpstr (article->title, ==, "Copperline sells 3,000 routers");
  g_assert_cmpstr (article->source, ==, "Old School Feed");
  g_assert_cmpstr (article->published, ==, "2023-11-20");
  g_assert_cmpstr (article->path, ==, "https://example.com/one");
}

static void
test_feed_truncated (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("truncated.rss");
  const char cut_first[] = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title>\n"
                           "<item><title>Only item</title><descrip";
  const char broken_middle[] = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n"
                               "<item><title>One</title><description>Kestrel sold 3 boats.</description></item>\n"
                               "<item><title>Two</title></wrong></item>\n"
                               "<item><title>Three</title><description>Oriole sold 4 boats.</description></item>\n"
                               "</channel></rss>\n";
  const char not_xml[] = "<rss version=\"2.0\">\n<<< this is no feed >>> & more\n</nope>\n"
                         "Just some words after it.\n";
  g_autoptr(GError) error = NULL;
  GPtrArray *none;

  /* A feed cut off mid-item keeps its complete items, not the partial one. */
  g_assert_cmpuint (articles->len, ==, 1);
  g_assert_cmpstr (article_at (articles, 0)->title, ==, "First item");

  /* Cut inside the first item: nothing complete, so the file is refused. */
  none = cited_parse_data ("cut.rss", cut_first, strlen (cut_first), &error);
  g_assert_null (none);
  g_assert_error (error, CITED_ERROR, CITED_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "truncated"));
  g_clear_error (&error);

  /* Damage in the middle is not a truncation: refused whole. */
  none = cited_parse_data ("broken.rss", broken_middle, strlen (broken_middle), &error);
  g_assert_null (none);
  g_assert_error (error, CITED_ERROR, CITED_ERROR_PARSE);
  g_clear_error (&error);

  none = cited_parse_data ("junk.rss", not_xml, strlen (not_xml), &error);
  g_assert_null (none);
  g_assert_error (error, CITED_ERROR, CITED_ERROR_PARSE);
  g_clear_error (&error);

  assert_parse_error ("opml.opml", CITED_ERROR_UNSUPPORTED, "OPML");
}

/* A download that stopped part way through a feed of 13 items and a 14th. */
static GString *
long_feed (gboolean cut_mid_item)
{
  GString *feed = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                "<rss version=\"2.0\"><channel><title>Wire</title>\n");

  for (guint i = 1; i <= 13; i++)
    g_string_append_printf (feed, "<item><title>Story %u</title><link>https://example.com/%u</link>"
                                  "<description>Kestrel sold %u boats in 2023.</description></item>\n",
                            i, i, i * 100);
  if (cut_mid_item)
    g_string_append (feed, "<item><title>Story 14</title><description>Kestrel sold 1,");
  return feed;
}

static void
test_import_truncated_feed (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) cut = long_feed (TRUE);
  g_autoptr(GString) unclosed = long_feed (FALSE);
  g_autofree char *cut_path = write_file (f, "cut.rss", cut->str, cut->len);
  g_autofree char *unclosed_path = write_file (f, "unclosed.rss", unclosed->str, unclosed->len);
  g_autofree char *junk_path = write_file (f, "junk.rss", "<rss> & <<< not a feed", -1);
  const char *paths[] = { cut_path, unclosed_path, junk_path, NULL };
  g_autoptr(CitedImportResult) result = NULL;
  const CitedRejection *rejection;

  result = cited_import_paths (f->store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* 13 complete items from the cut feed; the same 13 stories again (same
   * links) from the one cut after its last item are duplicates. */
  g_assert_cmpuint (result->n_added, ==, 13);
  g_assert_cmpuint (result->n_duplicates, ==, 13);
  g_assert_cmpuint (count_articles (f->store), ==, 13);

  /* The user is told the feeds were cut short. */
  rejection = find_rejection (result, "cut.rss");
  g_assert_nonnull (rejection);
  g_assert_nonnull (strstr (rejection->reason, "kept 13 complete items"));
  rejection = find_rejection (result, "unclosed.rss");
  g_assert_nonnull (rejection);
  g_assert_nonnull (strstr (rejection->reason, "kept 13 complete items"));
  g_assert_nonnull (find_rejection (result, "junk.rss"));
}

static void
test_json_feed (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("feed.json");
  CitedArticle *nimbus = find_article (articles, "Nimbus doubles revenue");
  CitedArticle *sable = article_at (articles, 1);

  g_assert_cmpuint (articles->len, ==, 2);
  g_assert_cmpstr (nimbus->published, ==, "2024-06-01");
  g_assert_cmpstr (nimbus->path, ==, "https://example.com/nimbus");
  g_assert_cmpstr (nimbus->source, ==, "Example JSON Feed");
  g_assert_cmpstr (sable->body, ==, "Sable opened 15 offices.");
}

static void
test_json_lines (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("articles.jsonl");
  CitedArticle *tidewater = find_article (articles, "Tidewater lays off 700 staff");
  CitedArticle *ferro = find_article (articles, "Ferro sales up 9%");
  CitedArticle *quartz = article_at (articles, 2);

  /* Bad lines are left out, the good ones kept. */
  g_assert_cmpuint (articles->len, ==, 3);
  g_assert_cmpstr (tidewater->published, ==, "2024-05-06");
  g_assert_cmpstr (tidewater->path, ==, "https://example.com/tidewater");
  g_assert_cmpstr (ferro->published, ==, "2024-05-13");
  g_assert_cmpstr (ferro->source, ==, "Wire One");
  g_assert_cmpstr (ferro->body, ==, "Ferro sales rose 9% in March.");
  g_assert_cmpstr (quartz->published, ==, "2024-06-03");
  g_assert_true (g_str_has_prefix (quartz->title, "Only content and a date in words"));
}

static void
test_json_bad (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  const char half[] = "{\"title\": \"Cut off\", \"text\": \"The file ends in the middle";
  const char all_bad[] = "{\"a\": 1}\n{\"b\": 2}\n";
  const char brace[] = "{Update} Kestrel results\n\nKestrel sold 12 drones.\n";
  const char surrogate[] = "{\"title\": \"Lone \\ud800 surrogate\", \"text\": \"Body \\udc00 text\"}\n";

  articles = cited_parse_data ("half.json", half, strlen (half), &error);
  g_assert_null (articles);
  g_assert_error (error, CITED_ERROR, CITED_ERROR_PARSE);
  g_clear_error (&error);

  /* Text that starts with a brace is still text in a .txt file. */
  articles = cited_parse_data ("brace.txt", brace, strlen (brace), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article_at (articles, 0)->title, ==, "{Update} Kestrel results");
  g_clear_pointer (&articles, g_ptr_array_unref);

  articles = cited_parse_data ("bad.jsonl", all_bad, strlen (all_bad), &error);
  g_assert_null (articles);
  g_assert_error (error, CITED_ERROR, CITED_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "bad.jsonl:1"));
  g_assert_nonnull (strstr (error->message, "bad.jsonl:2"));
  g_clear_error (&error);

  /* A lone surrogate escape is broken text; it never reaches the store as
   * invalid UTF-8. */
  articles = cited_parse_data ("surrogate.jsonl", surrogate, strlen (surrogate), &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (article_at (articles, 0)->title, -1, NULL));
  g_assert_true (g_utf8_validate (article_at (articles, 0)->body, -1, NULL));
  g_assert_true (g_str_has_prefix (article_at (articles, 0)->body, "Body "));
}

static void
test_thucnews (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("thucnews.txt");
  CitedArticle *first = article_at (articles, 0);

  g_assert_cmpuint (articles->len, ==, 3);
  /* The label is not text; the title is the first sentence. */
  g_assert_cmpstr (first->title, ==,
                   "星辰手机发布新品 销量突破百万台星辰手机今日宣布，新款手机首月销量突破 100 万台。");
  g_assert_true (g_str_has_prefix (first->body, "星辰手机发布新品"));
  g_assert_true (g_str_has_suffix (first->body, "公司表示将扩大产能。"));
  g_assert_cmpstr (first->language, ==, "zh");
}

static void
test_sogou (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("sogou.dat");
  CitedArticle *first = article_at (articles, 0);

  /* The item without content is left out. */
  g_assert_cmpuint (articles->len, ==, 2);
  g_assert_cmpstr (first->title, ==, "星辰手机销量达２０００万台");
  g_assert_cmpstr (first->body, ==, "星辰手机２０１１年销量达２０００万台，同比增长３０％。");
  g_assert_cmpstr (first->path, ==, "http://business.sohu.com/20120315/n337801234.shtml");
  g_assert_cmpstr (first->published, ==, "2012-03-15");
  g_assert_cmpstr (article_at (articles, 1)->title, ==, "海潮集团开设&扩张");
}

static void
test_dates (void)
{
  static const struct {
    const char *written;
    const char *normalized;
  } cases[] = {
    { "2024-01-31", "2024-01-31" },
    { "2024-01-31T23:59:59-08:00", "2024-01-31" },
    { "2024/1/5", "2024-01-05" },
    { "Wed, 31 Jan 2024 10:15:00 GMT", "2024-01-31" },
    { "Thu, 1 Feb 24 07:00:00 +0100", "2024-02-01" },
    { "January 31, 2024", "2024-01-31" },
    { "31 January 2024", "2024-01-31" },
    { "2012年7月6日", "2012-07-06" },
    { "20240131", "2024-01-31" },
    { "2024-02-30", NULL },
    { "yesterday", NULL },
    { "2024-01-257", NULL },
    { "99999999999999 May 2024", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) articles = NULL;
      g_autofree char *line = g_strdup_printf ("{\"title\": \"Date %u\", \"text\": \"Body.\", \"date\": \"%s\"}\n",
                                               i, cases[i].written);

      articles = cited_parse_data ("dates.jsonl", line, strlen (line), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (article_at (articles, 0)->published, ==, cases[i].normalized);
    }
}

/* Truncated and corrupted variants of every fixture: each one either parses
 * into articles with valid, non-empty text or fails with a reason in our
 * error domain; nothing crashes and nothing half-decoded comes out. */
static void
test_mutations (void)
{
  g_autofree char *dir_path = fixture (".");
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240131);
  const char *name;
  guint n_parsed = 0;
  guint n_refused = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
          !g_file_get_contents (path, &contents, &length, NULL) || length == 0)
        continue;

      for (guint i = 0; i < 200; i++)
        {
          g_autofree char *data = g_memdup2 (contents, length);
          gsize n = length;
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) articles = NULL;

          if (i % 2 == 0)
            n = g_rand_int_range (rand, 0, (gint32) length);
          else
            for (guint k = 0; k < 1 + i % 16; k++)
              data[g_rand_int_range (rand, 0, (gint32) length)] = (char) g_rand_int_range (rand, 0, 256);

          articles = cited_parse_data (name, data, n, &error);
          if (articles == NULL)
            {
              g_assert_nonnull (error);
              g_assert_true (error->domain == CITED_ERROR);
              g_assert_true (g_utf8_validate (error->message, -1, NULL));
              n_refused++;
              continue;
            }
          g_assert_no_error (error);
          g_assert_cmpuint (articles->len, >, 0);
          for (guint j = 0; j < articles->len; j++)
            {
              CitedArticle *article = g_ptr_array_index (articles, j);

              g_assert_true (article->title != NULL && *article->title != '\0');
              g_assert_true (article->body != NULL && *article->body != '\0');
              g_assert_true (g_utf8_validate (article->title, -1, NULL));
              g_assert_true (g_utf8_validate (article->body, -1, NULL));
              g_assert_true (g_strcmp0 (article->language, "en") == 0 ||
                             g_strcmp0 (article->language, "zh") == 0);
            }
          n_parsed++;
        }
    }
  g_assert_cmpuint (n_parsed, >, 0);
  g_assert_cmpuint (n_refused, >, 0);
}

static void
test_seeds (void)
{
  const char *root = g_getenv ("CITED_SOURCE_ROOT");
  g_autofree char *dir = NULL;
  static const struct {
    const char *file;
    const char *title_prefix;
    const char *source;
    const char *published;
  } seeds[] = {
    { "000_f735c1185eadd286.txt", "After one more addition, Xiaomi mobile phone officially entered the US market!", NULL, NULL },
    { "001_e4afa9e939e8e03f.txt", "The target is the world’s first, overseas sales of 140 million units, Xiaomi dare not use Huawei Hongmeng system?", NULL, NULL },
    { "002_cd8b29bb9ccf2f19.txt", "He stressed: 'In the domestic market, we will launch", NULL, NULL },
    { "003_243b8e2836ea5222.txt", "Can t do Huawei, Xiaomi Auto took the lead in releasing technology, Lei Jun has a sentence right", "Mondo Social", "2024-01-31" },
    { "004_2e1dd99dede0295d.txt", "Lei Jun s new rhetoric Xiaomi wants to surpass the iPhone, is it really possible?", "Mondo Technology", "2024-01-29" },
  };

  g_assert_nonnull (root);
  dir = g_build_filename (root, "data", "corpus", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *path = g_build_filename (dir, seeds[i].file, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) articles = cited_parse_file (path, &error);
      CitedArticle *article;

      g_assert_no_error (error);
      g_assert_cmpuint (articles->len, ==, 1);
      article = article_at (articles, 0);
      g_assert_true (g_str_has_prefix (article->title, seeds[i].title_prefix));
      g_assert_cmpstr (article->source, ==, seeds[i].source);
      g_assert_cmpstr (article->published, ==, seeds[i].published);
      g_assert_cmpstr (article->language, ==, "en");
      g_assert_null (strstr (article->body, "Related Pages"));
      g_assert_null (strstr (article->body, "Updated on"));
      if (i == 2)
        {
          /* No title line: the first sentence, cut, and the body keeps it. */
          g_assert_true (g_str_has_suffix (article->title, "…"));
          g_assert_true (g_str_has_prefix (article->body, "He stressed:"));
        }
      else
        g_assert_false (g_str_has_prefix (article->body, seeds[i].title_prefix));
    }
}

/* ------------------------------------------------------------------------ */
/* Real corpora                                                              */
/* ------------------------------------------------------------------------ */

static void
test_corpus_rsparser (void)
{
  g_autofree char *dir = corpus ("rsparser_feeds");
  static const struct {
    const char *file;
    guint min_articles;   /* 0: must be rejected */
    CitedError code;
  } cases[] = {
    { "DaringFireball.rss", 40, 0 },        /* an Atom feed named .rss */
    { "DaringFireball.atom", 40, 0 },
    { "DaringFireball.json", 40, 0 },
    { "DaringFireball.html", 1, 0 },
    { "bio.rdf", 1, 0 },
    { "russcox.atom", 10, 0 },              /* no XML declaration */
    { "macworld.rss", 10, 0 },              /* blank lines before the XML */
    { "phpxml.rss", 10, 0 },                /* a broken declaration */
    { "donthitsave.xml", 1, 0 },            /* UTF-8 BOM */
    { "kc0011.rss", 10, 0 },                /* declared gb2312 */
    { "scriptingNews.rss", 10, 0 },         /* items without titles */
    { "ScriptingNews.json", 40, 0 },        /* RSS in JSON */
    { "allthis-partial.json", 0, CITED_ERROR_PARSE },
    { "Subs.opml", 0, CITED_ERROR_UNSUPPORTED },
  };

  if (dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].file, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) articles = cited_parse_file (path, &error);

      if (cases[i].min_articles == 0)
        {
          g_assert_null (articles);
          g_assert_error (error, CITED_ERROR, (gint) cases[i].code);
          continue;
        }
      if (error != NULL)
        g_error ("%s: %s", cases[i].file, error->message);
      g_assert_cmpuint (articles->len, >=, cases[i].min_articles);
      for (guint j = 0; j < articles->len; j++)
        {
          CitedArticle *article = g_ptr_array_index (articles, j);

          g_assert_true (article->title != NULL && *article->title != '\0');
          g_assert_true (article->body != NULL && *article->body != '\0');
          g_assert_true (g_utf8_validate (article->body, -1, NULL));
          g_assert_null (strstr (article->body, "<p>"));
        }
      if (g_str_equal (cases[i].file, "kc0011.rss"))
        {
          CitedArticle *article = article_at (articles, 0);

          g_assert_cmpstr (article->language, ==, "zh");
          g_assert_nonnull (strstr (article->source, "投资资讯网"));
          g_assert_cmpstr (article->published, ==, "2020-01-10");
        }
      if (g_str_equal (cases[i].file, "DaringFireball.rss"))
        g_assert_cmpstr (article_at (articles, 0)->source, ==, "Daring Fireball");
    }
}

static void
test_corpus_chinese (void)
{
  g_autofree char *sogou = corpus ("sogou_cs_sample");
  g_autofree char *thuc = NULL;
  g_autofree char *xda = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  static const char * const xda_files[] = {
    "128gb-zenfone-2-coming-lg-g4-unveiled-xda-tv.md",
    "googles-pixel-c-tablet-available-in-usa-for-499.md",
    "gps-locationalarm-for-wm.md",
  };

  if (sogou == NULL)
    return;
  path = g_build_filename (sogou, "news_sohusite_xml.smarty.dat", NULL);
  articles = cited_parse_file (path, &error);
  g_assert_no_error (error);
  /* 200 items, some of them without content. */
  g_assert_cmpuint (articles->len, >, 150);
  g_assert_cmpuint (articles->len, <=, 200);
  g_assert_true (g_str_has_prefix (article_at (articles, 0)->title, "深圳地铁将设立ＶＩＰ头等车厢"));
  g_assert_cmpstr (article_at (articles, 0)->published, ==, "2012-07-06");
  g_assert_cmpstr (article_at (articles, 0)->language, ==, "zh");
  g_clear_pointer (&articles, g_ptr_array_unref);
  g_clear_pointer (&path, g_free);

  thuc = corpus ("thucnews_cnews");
  path = g_build_filename (thuc, "cnews.val.txt", NULL);
  articles = cited_parse_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, 1000);
  g_assert_true (g_str_has_prefix (article_at (articles, 0)->title, "湖人1消息比赢球开心10倍"));
  g_assert_false (g_str_has_prefix (article_at (articles, 0)->body, "体育"));
  g_clear_pointer (&articles, g_ptr_array_unref);

  xda = corpus ("xda_zh");
  for (guint i = 0; i < G_N_ELEMENTS (xda_files); i++)
    {
      g_autofree char *file = g_build_filename (xda, xda_files[i], NULL);

      articles = cited_parse_file (file, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (articles->len, ==, 1);
      g_assert_false (g_str_has_prefix (article_at (articles, 0)->title, "#"));
      g_assert_cmpstr (article_at (articles, 0)->path, ==, file);
      g_assert_cmpstr (article_at (articles, 0)->source, ==, "xda-developers.com");
      g_assert_cmpstr (article_at (articles, 0)->language, ==, "zh");
      g_assert_null (strstr (article_at (articles, 0)->body, "原文"));
      g_clear_pointer (&articles, g_ptr_array_unref);
    }
}

/* ------------------------------------------------------------------------ */
/* Importing into a store                                                    */
/* ------------------------------------------------------------------------ */

static void
test_import_folder (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = fixture ("folder");
  const char *paths[] = { folder, NULL };
  g_autoptr(CitedImportResult) flat = NULL;
  g_autoptr(CitedImportResult) deep = NULL;
  const CitedRejection *rejection;

  /* Direct children only: a-good, b-empty, c-binary, d-good (not hidden). */
  flat = cited_import_paths (f->store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flat->n_files, ==, 4);
  g_assert_cmpuint (flat->n_added, ==, 2);
  g_assert_cmpuint (flat->rejected->len, ==, 2);
  rejection = find_rejection (flat, "b-empty.txt");
  g_assert_nonnull (rejection);
  g_assert_nonnull (strstr (rejection->reason, "empty"));
  rejection = find_rejection (flat, "c-binary.png");
  g_assert_nonnull (rejection);
  g_assert_nonnull (strstr (rejection->reason, "PNG"));
  g_assert_null (find_rejection (flat, ".hidden.txt"));
  g_assert_cmpuint (count_articles (f->store), ==, 2);

  /* Recursive: the nested file comes too, the others are duplicates. */
  deep = cited_import_paths (f->store, paths, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deep->n_files, ==, 5);
  g_assert_cmpuint (deep->n_added, ==, 1);
  g_assert_cmpuint (deep->n_duplicates, ==, 2);
  g_assert_cmpuint (count_articles (f->store), ==, 3);
}

static void
test_import_every_fixture (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fixture (".");
  const char *paths[] = { dir, NULL };
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(CitedImportResult) again = NULL;
  const CitedRejection *rejection;
  static const char * const rejected[] = {
    "empty.txt", "whitespace.txt", "image.png", "nul.txt", "shift-jis.txt", "euc-kr.txt",
    "latin1-random.txt", "truncated.rss", "opml.opml",
    "articles.jsonl:2", "articles.jsonl:4", "articles.jsonl:5",
  };

  result = cited_import_paths (f->store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (result->cancelled);
  /* Every bad file is named with a reason; the import went on past them. */
  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      rejection = find_rejection (result, rejected[i]);
      if (rejection == NULL)
        g_error ("%s was not reported as rejected", rejected[i]);
      g_assert_true (rejection->reason != NULL && *rejection->reason != '\0');
    }
  g_assert_nonnull (strstr (find_rejection (result, "articles.jsonl:2")->reason, "JSON"));
  g_assert_nonnull (strstr (find_rejection (result, "articles.jsonl:5")->reason, "text"));
  g_assert_cmpuint (result->n_added, >=, 20);
  g_assert_cmpuint (count_articles (f->store), ==, result->n_added);

  /* Importing the same files again adds nothing. */
  again = cited_import_paths (f->store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_added, ==, 0);
  g_assert_cmpuint (again->n_duplicates, ==, result->n_added + result->n_duplicates);
  g_assert_cmpuint (count_articles (f->store), ==, result->n_added);
}

/* Every bad line of a JSON Lines file is named with its own reason, also
 * when no line is good. */
static void
test_import_jsonl_all_bad (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "bad.jsonl",
                                      "{\"title\": \"No body\"}\n"
                                      "{\"title\": \"Broken\", \"text\": \n"
                                      "[1, 2]\n", -1);
  const char *paths[] = { path, NULL };
  g_autoptr(CitedImportResult) result = NULL;
  const CitedRejection *rejection;

  result = cited_import_paths (f->store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, ==, 0);
  rejection = find_rejection (result, "bad.jsonl:1");
  g_assert_nonnull (rejection);
  g_assert_nonnull (strstr (rejection->reason, "text"));
  rejection = find_rejection (result, "bad.jsonl:2");
  g_assert_nonnull (rejection);
  g_assert_nonnull (strstr (rejection->reason, "Not valid JSON"));
  rejection = find_rejection (result, "bad.jsonl:3");
  g_assert_nonnull (rejection);
  g_assert_nonnull (strstr (rejection->reason, "JSON object"));
  /* The file itself is rejected too: nothing of it was imported. */
  rejection = find_rejection (result, "bad.jsonl");
  g_assert_nonnull (rejection);
  g_assert_cmpuint (result->rejected->len, ==, 4);
}

static goffset
file_size (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (goffset) st.st_size : 0;
}

/* A small file of numbers with no sentence end ("$1 $1 $1 ...", 1 MiB) gave
 * 349,525 figures that each stored the same 2,000-byte sentence: a 1.45 GB
 * database and as large a write-ahead log. Its figures are capped, the
 * summary says so, each figure keeps a window of its sentence, and the log
 * is cut back after the import. */
static void
test_import_run_on_numbers (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) numbers = g_string_sized_new (1 << 20);
  g_autofree char *numbers_path = NULL;
  g_autofree char *good_path = write_file (f, "good.txt",
                                           "Xiaomi sales\n\nXiaomi sold 190 million phones in 2021.\n", -1);
  g_autofree char *tail = NULL;
  const char *paths[] = { NULL, good_path, NULL };
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  const CitedRejection *rejection;
  CitedQuery query = { 0 };
  goffset db_size, wal_size;
  guint n_figures = 0;

  while (numbers->len + 3 <= (1 << 20))
    g_string_append (numbers, "$1 ");
  numbers_path = write_file (f, "numbers.txt", numbers->str, numbers->len);
  paths[0] = numbers_path;

  result = cited_import_paths (f->store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, ==, 2);

  /* The summary names the file and says what was kept. */
  rejection = find_rejection (result, "numbers.txt");
  g_assert_nonnull (rejection);
  tail = g_strdup_printf ("kept the first %u", (guint) CITED_EXTRACT_MAX_FIGURES);
  g_assert_nonnull (strstr (rejection->reason, tail));
  g_assert_null (find_rejection (result, "good.txt"));
  g_assert_cmpuint (result->rejected->len, ==, 1);

  articles = cited_store_list_articles (f->store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < articles->len; i++)
    {
      CitedArticle *article = g_ptr_array_index (articles, i);

      if (g_str_has_suffix (article->path, "numbers.txt"))
        n_figures = article->n_figures;
      else
        g_assert_cmpuint (article->n_figures, ==, 1);
    }
  g_assert_cmpuint (n_figures, ==, CITED_EXTRACT_MAX_FIGURES);

  /* Bounded on disk: megabytes, not gigabytes, and no log left behind. */
  db_size = file_size (f->dir, "cited.db");
  wal_size = file_size (f->dir, "cited.db-wal");
  g_test_message ("database %" G_GOFFSET_FORMAT " bytes, log %" G_GOFFSET_FORMAT " bytes",
                  db_size, wal_size);
  g_assert_cmpint (db_size + wal_size, <, 50 * 1024 * 1024);
  g_assert_cmpint (wal_size, ==, 0);
}

/* Adds a brand through a second connection, as `cited-cli brands add`
 * does while the app imports, once the first file (one whole batch) is
 * stored: called by the import between two files, so the test needs no
 * timing. */
typedef struct {
  char *db_path;
  guint add_after;
  gboolean added;
} BrandDuringImport;

static void
add_brand_during_import_cb (guint       done,
                            guint       total,
                            const char *current_path,
                            gpointer    user_data)
{
  BrandDuringImport *state = user_data;
  g_autoptr(CitedStore) other = NULL;
  g_autoptr(GError) error = NULL;
  const char *aliases[] = { "zorblax", NULL };

  if (total == 0 || done != state->add_after || state->added)
    return;
  other = cited_store_open (state->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (cited_store_add_brand (other, "Zorblax", aliases, NULL, &error));
  g_assert_no_error (error);
  state->added = TRUE;
}

static guint
count_brand_articles (CitedStore *store,
                      const char *brand)
{
  g_autoptr(GError) error = NULL;
  CitedQuery query = { 0 };
  guint n;

  query.brand = brand;
  n = cited_store_count_articles (store, &query, &error);
  g_assert_no_error (error);
  return n;
}

/* `brands add` during an import lost the mentions of every article the
 * import stored after it: the importer extracted with the lexicon it had
 * read when it started. */
static void
test_import_brand_added_meanwhile (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  BrandDuringImport state = { NULL, 1, FALSE };
  const guint n_files = 3, per_file = 600;

  /* More articles per file than a batch holds: the first file is stored
   * (and re-scanned by the addition) before the second is read. */
  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GString) lines = g_string_new (NULL);
      g_autofree char *name = g_strdup_printf ("feed-%u.jsonl", i);

      for (guint j = 0; j < per_file; j++)
        g_string_append_printf (lines,
                                "{\"title\": \"Report %u-%u\", \"text\": \"Shares of zorblax rose "
                                "after it sold %u thousand scooters in 2023.\"}\n",
                                i, j, j + 1);
      g_ptr_array_add (files, write_file (f, name, lines->str, lines->len));
    }
  g_ptr_array_add (files, NULL);

  state.db_path = g_build_filename (f->dir, "cited.db", NULL);
  result = cited_import_paths (f->store, (const char * const *) files->pdata, FALSE, NULL,
                               add_brand_during_import_cb, &state, &error);
  g_assert_no_error (error);
  g_assert_true (state.added);
  g_assert_cmpuint (result->n_added, ==, n_files * per_file);

  /* Every article names the brand: all of them have its mentions, those
   * stored before the addition and those stored after it. */
  g_assert_cmpuint (count_brand_articles (f->store, "Zorblax"), ==, n_files * per_file);
  /* The importer's connection now knows the brand as well. */
  g_assert_cmpstr (cited_lexicon_lookup (cited_store_get_lexicon (f->store), "ZORBLAX"), ==, "Zorblax");
  g_free (state.db_path);
}

/* A brand another connection added after this one was opened is used for
 * what this one imports next. */
static void
test_import_brand_added_before (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(CitedStore) other = NULL;
  g_autofree char *db_path = g_build_filename (f->dir, "cited.db", NULL);
  g_autofree char *path = write_file (f, "a.txt",
                                      "Quarterly report\n\nShares of zorblax rose after it sold 5 million scooters.\n",
                                      -1);
  const char *paths[] = { path, NULL };

  other = cited_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (cited_store_add_brand (other, "Zorblax", NULL, NULL, &error));
  g_assert_no_error (error);

  result = cited_import_paths (f->store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, ==, 1);
  g_assert_cmpuint (count_brand_articles (f->store, "Zorblax"), ==, 1);
  g_assert_cmpuint (count_brand_articles (other, "Zorblax"), ==, 1);
}

/* README, LICENSE and COPYING describe a folder; they are not articles. */
static void
test_import_skips_notices (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *readme = write_file (f, "corpus/README.TXT",
                                        "BBC news corpus\n\nThese 2,225 articles come from the "
                                        "BBC news website, 2004-2005.\n", -1);
  G_GNUC_UNUSED g_autofree char *license = write_file (f, "corpus/LICENSE", "Free to use for research.\n", -1);
  G_GNUC_UNUSED g_autofree char *copying = write_file (f, "corpus/sub/copying.md", "# Copying\n\nAsk first.\n", -1);
  G_GNUC_UNUSED g_autofree char *rst = write_file (f, "corpus/readme.rst", "Readme\n\nNot one of ours.\n", -1);
  G_GNUC_UNUSED g_autofree char *story = write_file (f, "corpus/story.txt",
                                       "Kestrel results\n\nKestrel sold 40 boats.\n", -1);
  g_autofree char *folder = g_build_filename (f->dir, "corpus", NULL);
  const char *paths[] = { folder, NULL };
  const char *explicit_paths[] = { readme, NULL };
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(CitedImportResult) explicit = NULL;

  result = cited_import_paths (f->store, paths, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_skipped, ==, 3);
  /* readme.rst is not one of the names skipped. */
  g_assert_cmpuint (result->n_files, ==, 2);
  g_assert_cmpuint (result->n_added, ==, 2);
  g_assert_cmpuint (result->rejected->len, ==, 0);

  /* Named on its own, a README is imported like any file. */
  explicit = cited_import_paths (f->store, explicit_paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (explicit->n_skipped, ==, 0);
  g_assert_cmpuint (explicit->n_added, ==, 1);
  g_assert_cmpuint (count_articles (f->store), ==, 3);
}

static void
test_import_missing_and_unreadable (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "no-such-file.txt", NULL);
  g_autofree char *locked = write_file (f, "locked.txt", "Locked\n\nA file nobody may read.\n", -1);
  g_autofree char *good = write_file (f, "good.txt", "Good\n\nOriole sold 40 boats.\n", -1);
  g_autofree char *not_dir = g_build_filename (good, "child.txt", NULL);
  const char *paths[] = { missing, locked, not_dir, good, NULL };
  g_autoptr(CitedImportResult) result = NULL;
  const CitedRejection *rejection;
  gboolean can_read_anyway;

  g_chmod (locked, 0);
  can_read_anyway = g_access (locked, R_OK) == 0;

  result = cited_import_paths (f->store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  rejection = find_rejection (result, "no-such-file.txt");
  g_assert_nonnull (rejection);
  g_assert_cmpstr (rejection->reason, ==, g_strerror (ENOENT));
  /* A path through a file fails in the OS for any user, root included. */
  rejection = find_rejection (result, "good.txt/child.txt");
  g_assert_nonnull (rejection);
  g_assert_cmpstr (rejection->reason, ==, g_strerror (ENOTDIR));

  if (can_read_anyway)
    {
      /* Running as root: permissions do not stop reading. */
      g_assert_cmpuint (result->n_added, ==, 2);
      g_test_skip ("running with privileges that read any file: the unreadable case is not testable");
    }
  else
    {
      rejection = find_rejection (result, "locked.txt");
      g_assert_nonnull (rejection);
      g_assert_cmpstr (rejection->reason, ==, g_strerror (EACCES));
      g_assert_cmpuint (result->n_added, ==, 1);
    }
}

static void
test_import_too_large (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *big_text = g_strnfill (300, 'x');
  g_autofree char *contents = g_strdup_printf ("Big file\n\n%s\n", big_text);
  g_autofree char *big = write_file (f, "big.txt", contents, -1);
  g_autofree char *small = write_file (f, "small.txt", "Small\n\nWren sold 4 kites.\n", -1);
  const char *paths[] = { big, small, NULL };
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  const CitedRejection *rejection;

  g_setenv ("CITED_IMPORT_MAX_SIZE", "200", TRUE);
  articles = cited_parse_file (big, &error);
  g_assert_null (articles);
  g_assert_error (error, CITED_ERROR, CITED_ERROR_TOO_LARGE);
  g_clear_error (&error);

  result = cited_import_paths (f->store, paths, FALSE, NULL, NULL, NULL, &error);
  g_unsetenv ("CITED_IMPORT_MAX_SIZE");
  g_assert_no_error (error);
  rejection = find_rejection (result, "big.txt");
  g_assert_nonnull (rejection);
  g_assert_nonnull (strstr (rejection->reason, "limit"));
  g_assert_cmpuint (result->n_added, ==, 1);
}

typedef struct {
  GCancellable *cancellable;
  guint cancel_after;
  guint calls;
  guint last_done;
  guint last_total;
  GThread *thread;
  gboolean notified;
  gboolean wrong_thread;
  gboolean saw_counting;
} ProgressLog;

static void
progress_cb (guint       done,
             guint       total,
             const char *current_path,
             gpointer    user_data)
{
  ProgressLog *log = user_data;

  log->calls++;
  if (total == 0)
    {
      /* Still walking the folders: nothing done yet, the path is a folder. */
      g_assert_cmpuint (done, ==, 0);
      g_assert_true (g_file_test (current_path, G_FILE_TEST_IS_DIR));
      log->saw_counting = TRUE;
    }
  g_assert_cmpuint (done, >=, log->last_done);
  log->last_done = done;
  log->last_total = total;
  if (log->thread != NULL && g_thread_self () != log->thread)
    log->wrong_thread = TRUE;
  if (log->cancellable != NULL && done == log->cancel_after)
    g_cancellable_cancel (log->cancellable);
}

static char **
write_many (Fixture *f,
            guint    n)
{
  GPtrArray *paths = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("many/%03u.txt", i);
      g_autofree char *text = g_strdup_printf ("Article number %u\n\nFalcon sold %u planes in %u.\n",
                                               i, i * 3 + 1, 2000 + i % 20);

      g_free (write_file (f, name, text, -1));
    }
  g_ptr_array_add (paths, g_build_filename (f->dir, "many", NULL));
  g_ptr_array_add (paths, NULL);
  return (char **) g_ptr_array_free (paths, FALSE);
}

static void
test_import_progress_and_cancel (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = write_many (f, 30);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ProgressLog log = { cancellable, 10, 0, 0, 0, NULL, FALSE, FALSE, FALSE };
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(CitedImportResult) rest = NULL;

  result = cited_import_paths (f->store, (const char * const *) paths, TRUE, cancellable,
                               progress_cb, &log, &error);
  g_assert_no_error (error);
  g_assert_true (result->cancelled);
  g_assert_cmpuint (result->n_files, ==, 10);
  g_assert_cmpuint (log.last_done, ==, 10);
  g_assert_cmpuint (log.last_total, ==, 30);
  g_assert_true (log.saw_counting);
  /* What was looked at before the cancel is in the store, nothing else. */
  g_assert_cmpuint (result->n_added, ==, 10);
  g_assert_cmpuint (count_articles (f->store), ==, 10);

  /* Importing again completes the job without duplicating anything. */
  rest = cited_import_paths (f->store, (const char * const *) paths, TRUE, NULL,
                             progress_cb, &(ProgressLog) { 0 }, &error);
  g_assert_no_error (error);
  g_assert_false (rest->cancelled);
  g_assert_cmpuint (rest->n_added, ==, 20);
  g_assert_cmpuint (rest->n_duplicates, ==, 10);
  g_assert_cmpuint (count_articles (f->store), ==, 30);
}

static void
test_import_batches (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *path = NULL;
  const char *paths[2] = { NULL, NULL };
  g_autoptr(CitedImportResult) result = NULL;

  /* More articles than one batch holds, in one file. */
  for (guint i = 0; i < 1203; i++)
    g_string_append_printf (lines, "{\"title\": \"Item %u\", \"text\": \"Heron shipped %u units.\"}\n",
                            i, i + 10);
  path = write_file (f, "many.jsonl", lines->str, lines->len);
  paths[0] = path;
  result = cited_import_paths (f->store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, ==, 1203);
  g_assert_cmpuint (result->rejected->len, ==, 0);
  g_assert_cmpuint (count_articles (f->store), ==, 1203);
}

static void
test_import_item_rejections (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *path = NULL;
  const char *paths[2] = { NULL, NULL };
  g_autoptr(CitedImportResult) result = NULL;
  const CitedRejection *summary;

  /* Lines 1-7 are arrays, line 8 has no text, lines 9-10 are articles. */
  for (guint i = 0; i < 7; i++)
    g_string_append (lines, "[1, 2]\n");
  g_string_append (lines, "{\"title\": \"No text\"}\n");
  g_string_append (lines, "{\"title\": \"Ibis\", \"text\": \"Ibis sold 3 vans.\"}\n");
  g_string_append (lines, "{\"title\": \"Crane\", \"text\": \"Crane sold 4 vans.\"}\n");
  path = write_file (f, "mixed.jsonl", lines->str, lines->len);
  paths[0] = path;

  result = cited_import_paths (f->store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, ==, 2);
  /* Seven lines refused for one reason make one rejection that counts
   * them and names the first; the odd one out keeps its own line. */
  g_assert_cmpuint (result->rejected->len, ==, 2);
  summary = find_rejection (result, "mixed.jsonl");
  g_assert_nonnull (summary);
  g_assert_true (g_str_has_prefix (summary->reason, "7 items: Not a JSON object (1, 2, 3, …)"));
  g_assert_nonnull (find_rejection (result, "mixed.jsonl:8"));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  CitedImportResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = cited_import_paths_finish (CITED_STORE (source), res, &error);
  g_assert_no_error (error);
}

static void
progress_notify_cb (gpointer data)
{
  ProgressLog *log = data;

  log->notified = TRUE;
}

static void
test_import_async (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(GStrv) paths = write_many (f, 40);
  ProgressLog log = { NULL, 0, 0, 0, 0, g_thread_self (), FALSE, FALSE, FALSE };
  CitedImportResult *result = NULL;

  cited_import_paths_async (f->store, (const char * const *) paths, TRUE, NULL,
                            progress_cb, &log, progress_notify_cb,
                            import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* Progress came on this thread, and its last word came before the result. */
  g_assert_cmpuint (log.calls, >=, 1);
  g_assert_false (log.wrong_thread);
  g_assert_cmpuint (log.last_done, ==, 40);
  g_assert_cmpuint (log.last_total, ==, 40);
  g_assert_cmpuint (result->n_added, ==, 40);
  g_assert_false (result->cancelled);
  /* The worker wrote through its own connection; this one sees it. */
  g_assert_cmpuint (count_articles (f->store), ==, 40);
  cited_import_result_free (result);

  while (!log.notified)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_import_async_cancelled (Fixture       *f,
                             gconstpointer  data)
{
  g_auto(GStrv) paths = write_many (f, 20);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CitedImportResult *result = NULL;

  g_cancellable_cancel (cancellable);
  cited_import_paths_async (f->store, (const char * const *) paths, TRUE, cancellable,
                            NULL, NULL, NULL, import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* A cancelled import is a result, not an error: it says what was kept. */
  g_assert_true (result->cancelled);
  g_assert_cmpuint (result->n_added, ==, 0);
  g_assert_cmpuint (count_articles (f->store), ==, 0);
  cited_import_result_free (result);
}

static void
test_import_corpora (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rss = corpus ("rss_feeds");
  g_autofree char *economist = NULL;
  const char *paths[2] = { NULL, NULL };
  g_autoptr(CitedImportResult) result = NULL;

  if (rss == NULL)
    return;
  /* A month of daily snapshots of one feed: the same items recur. */
  economist = g_build_filename (rss, "economist", NULL);
  paths[0] = economist;
  result = cited_import_paths (f->store, paths, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_files, ==, 31);
  g_assert_cmpuint (result->rejected->len, ==, 0);
  g_assert_cmpuint (result->n_added, >, 20);
  g_assert_cmpuint (result->n_duplicates, >, 0);
  g_assert_cmpuint (count_articles (f->store), ==, result->n_added);
}

/* ------------------------------------------------------------------------ */
/* Hostile input                                                             */
/* ------------------------------------------------------------------------ */

/* JSON nested a hundred thousand levels deep (json-glib recurses once per
 * level) is refused with a reason, the file, the line or the page's
 * metadata block alone; the rest of the folder is imported. */
static void
test_import_deep_json (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *brackets = g_strnfill (100000, '[');
  g_autoptr(GString) objects = g_string_new (NULL);
  g_autofree char *jsonl = g_strdup_printf ("{\"title\": \"Good line\", \"text\": \"Wren sold 4 kites.\"}\n"
                                            "%s\n", brackets);
  g_autofree char *html = g_strdup_printf ("<html><head><title>Deep page</title>"
                                           "<script type=\"application/ld+json\">%s</script></head>"
                                           "<body><p>Plover sold 8 ships in 2021.</p></body></html>",
                                           brackets);
  g_autofree char *folder = g_build_filename (f->dir, "deep", NULL);
  const char *paths[] = { folder, NULL };
  g_autoptr(CitedImportResult) result = NULL;
  const CitedRejection *rejection;

  for (guint i = 0; i < 100000; i++)
    g_string_append (objects, "{\"a\":");
  g_free (write_file (f, "deep/a-good.txt", "Good text\n\nFalcon sold 3 planes.\n", -1));
  g_free (write_file (f, "deep/b-arrays.json", brackets, -1));
  g_free (write_file (f, "deep/c-objects.json", objects->str, -1));
  g_free (write_file (f, "deep/d-lines.jsonl", jsonl, -1));
  g_free (write_file (f, "deep/e-page.html", html, -1));

  result = cited_import_paths (f->store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_files, ==, 4 + 1);
  /* a-good.txt, the first line of d-lines.jsonl and the page. */
  g_assert_cmpuint (result->n_added, ==, 3);
  rejection = find_rejection (result, "b-arrays.json");
  g_assert_nonnull (rejection);
  g_assert_nonnull (strstr (rejection->reason, "nested deeper"));
  rejection = find_rejection (result, "c-objects.json");
  g_assert_nonnull (rejection);
  g_assert_nonnull (strstr (rejection->reason, "nested deeper"));
  rejection = find_rejection (result, "d-lines.jsonl:2");
  g_assert_nonnull (rejection);
  g_assert_nonnull (strstr (rejection->reason, "nested deeper"));
  g_assert_null (find_rejection (result, "e-page.html"));
  g_assert_cmpuint (result->rejected->len, ==, 3);
  g_assert_cmpuint (count_articles (f->store), ==, 3);
}

/* A JSON Lines line that holds only a comment has no value at all. */
static void
test_json_lines_comment (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  const char text[] = "{\"title\": \"First\", \"text\": \"Wren sold 4 kites.\"}\n//\n/* c */\n";

  articles = cited_parse_data ("comment.jsonl", text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, 1);
  g_assert_cmpstr (article_at (articles, 0)->title, ==, "First");
}

/* Front matter whose date does not parse, then a "Source Updated on DATE"
 * line: the date comes from the line, the source stays the front
 * matter's (the line's was leaked over it). */
static void
test_front_matter_bad_date (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  const char text[] = "---\ntitle: Kites\nsource: Front Wire\ndate: some day\n---\n"
                      "Line Wire Updated on 2024-01-31\n\nWren sold 4 kites.\n";

  articles = cited_parse_data ("kites.md", text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, 1);
  g_assert_cmpstr (article_at (articles, 0)->source, ==, "Front Wire");
  g_assert_cmpstr (article_at (articles, 0)->published, ==, "2024-01-31");
  g_assert_cmpstr (article_at (articles, 0)->body, ==, "Wren sold 4 kites.");
}

/* A page that declares UCS-2 (or UTF-32) but is ASCII with one stray
 * Windows-1252 byte: taken at its word, every two letters became one
 * Chinese character. The declaration is ignored. */
static void
test_html_declares_ucs2 (void)
{
  const char * const charsets[] = { "UCS-2", "ucs2", "UTF-32", "UCS-4" };

  for (guint i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) articles = NULL;
      g_autoptr(GString) page = g_string_new (NULL);

      g_string_printf (page, "<html><head><meta charset=\"%s\"><title>Caf\xe9 Kites</title></head>"
                             "<body><p>Wren sold 4 kites in 2021. Wren sold 4 kites in 2021. "
                             "Wren sold 4 kites in 2021. Wren sold 4 kites in 2021.</p></body></html>\n",
                       charsets[i]);
      /* An even length, which UCS-2 would take. */
      if (page->len % 4 != 0)
        g_string_append_len (page, "   ", 4 - page->len % 4);
      articles = cited_parse_data ("kites.html", page->str, page->len, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (articles->len, ==, 1);
      g_assert_cmpstr (article_at (articles, 0)->title, ==, "Café Kites");
      g_assert_nonnull (strstr (article_at (articles, 0)->body, "Wren sold 4 kites"));
    }
}

/* A GB18030 file cut in the middle of its last character keeps what comes
 * before the cut; one with an invalid byte inside is refused with that
 * byte's offset (it was refused whole, at the first byte UTF-8 could not
 * read). */
static void
test_decode_gb18030_damaged (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture ("gb18030.txt");
  g_autofree char *data = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *cut = NULL;
  g_autoptr(GString) damaged = NULL;
  g_autofree char *offset = NULL;
  gsize length = 0;
  gsize at;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  while (length > 0 && (guchar) data[length - 1] < 0x80)
    length--;
  g_assert_cmpuint (length, >, 100);
  whole = cited_decode_text (data, length, &error);
  g_assert_no_error (error);

  cut = cited_decode_text (data, length - 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cut);
  g_assert_true (g_str_has_prefix (whole, cut));
  g_assert_cmpuint (g_utf8_strlen (cut, -1), ==, g_utf8_strlen (whole, -1) - 1);

  /* Two bytes no GB18030 character starts with, after a whole character
   * past the middle. */
  for (at = length / 2; (guchar) data[at] >= 0x80; at++)
    ;
  damaged = g_string_new_len (data, at);
  g_string_append_len (damaged, "\xff\xff", 2);
  g_string_append_len (damaged, data + at, length - at);
  g_assert_null (cited_decode_text (damaged->str, damaged->len, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_ENCODING);
  offset = g_strdup_printf ("offset %" G_GSIZE_FORMAT ")", at);
  g_assert_nonnull (strstr (error->message, offset));
}

static char *
feed_with (const char *second_title,
           const char *second_extra)
{
  return g_strdup_printf ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title>"
                          "<item><title>One</title><description>Wren sold 4 kites in 2021.</description></item>"
                          "<item><title>%s</title><description>Plover sold 8 ships.%s</description></item>"
                          "</channel></rss>\n", second_title, second_extra);
}

/* A feed is called truncated only when it was cut off: a reference to a
 * character XML does not allow (&#x1b;) costs that character, elements
 * nested deeper than libxml2 reads refuse the file with that reason, and
 * nesting within the limit is read. */
static void
test_feed_not_truncated (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) nested = g_string_new (NULL);
  g_autofree char *escape = feed_with ("Two &#x1b;[2J", "");
  g_autofree char *too_deep = NULL;
  g_autofree char *deep_enough = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "feeds", NULL);
  const char *paths[] = { folder, NULL };
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const CitedRejection *rejection;

  for (guint i = 0; i < 300; i++)
    g_string_append (deep, "<x>");
  for (guint i = 0; i < 300; i++)
    g_string_append (deep, "</x>");
  for (guint i = 0; i < 200; i++)
    g_string_append (nested, "<x>");
  g_string_append (nested, " and 9 boats");
  for (guint i = 0; i < 200; i++)
    g_string_append (nested, "</x>");
  too_deep = feed_with ("Two", deep->str);
  deep_enough = feed_with ("Three", nested->str);

  g_free (write_file (f, "feeds/a-escape.rss", escape, -1));
  g_free (write_file (f, "feeds/b-too-deep.rss", too_deep, -1));
  g_free (write_file (f, "feeds/c-deep-enough.rss", deep_enough, -1));
  result = cited_import_paths (f->store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_null (find_rejection (result, "a-escape.rss"));
  g_assert_null (find_rejection (result, "c-deep-enough.rss"));
  rejection = find_rejection (result, "b-too-deep.rss");
  g_assert_nonnull (rejection);
  g_assert_nonnull (strstr (rejection->reason, "nested deeper"));
  g_assert_null (strstr (rejection->reason, "Truncated"));
  g_assert_cmpuint (result->rejected->len, ==, 1);
  /* One, Two of the first; Three of the third (its One is a duplicate). */
  g_assert_cmpuint (result->n_added, ==, 3);

  {
    g_autoptr(GPtrArray) articles = cited_parse_data ("escape.rss", escape, strlen (escape), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (articles->len, ==, 2);
    g_assert_null (strchr (article_at (articles, 1)->title, '\033'));
  }
  {
    g_autoptr(GPtrArray) articles = cited_parse_data ("nested.rss", deep_enough,
                                                      strlen (deep_enough), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (articles->len, ==, 2);
    g_assert_nonnull (strstr (article_at (articles, 1)->body, "9 boats"));
  }
}

/* An entity declared in a feed's DOCTYPE and referenced over and over
 * would make one article of a hundred megabytes out of 40 KB: the file is
 * refused with a reason, a feed whose entities stay small is read with
 * them expanded, and the other files are imported. */
static void
test_import_entity_amplification (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) amp = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY e \"");
  g_autofree char *folder = g_build_filename (f->dir, "feeds", NULL);
  const char *paths[] = { folder, NULL };
  g_autoptr(CitedImportResult) result = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  const CitedRejection *rejection;
  gboolean expanded = FALSE;

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (amp, 'A');
  g_string_append (amp, "\">]>\n<rss version=\"2.0\"><channel><title>T</title><item><title>Amplified</title>"
                        "<description>");
  for (guint i = 0; i < 10000; i++)
    g_string_append (amp, "&e;");
  g_string_append (amp, "</description></item></channel></rss>\n");

  g_free (write_file (f, "feeds/a-good.txt", "Good text\n\nFalcon sold 3 planes.\n", -1));
  g_free (write_file (f, "feeds/b-amplified.rss", amp->str, -1));
  g_free (write_file (f, "feeds/c-small-entity.rss",
                      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY co \"Plover Shipping\">]>\n"
                      "<rss version=\"2.0\"><channel><title>T</title><item><title>Ships</title>"
                      "<link>https://example.com/ships</link>"
                      "<description>&co; sold 8 ships in 2021.</description></item></channel></rss>\n",
                      -1));

  result = cited_import_paths (f->store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, ==, 2);
  rejection = find_rejection (result, "b-amplified.rss");
  g_assert_nonnull (rejection);
  g_assert_nonnull (strstr (rejection->reason, "Entities"));
  g_assert_cmpuint (result->rejected->len, ==, 1);

  stored = cited_store_list_articles (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 2);
  for (guint i = 0; i < stored->len; i++)
    {
      g_autoptr(CitedArticle) article = NULL;

      article = cited_store_get_article (f->store, ((CitedArticle *) g_ptr_array_index (stored, i))->id,
                                         &error);
      g_assert_no_error (error);
      g_assert_cmpuint (strlen (article->body), <, 1000);
      if (strstr (article->body, "Plover Shipping sold 8 ships") != NULL)
        expanded = TRUE;
    }
  g_assert_true (expanded);
}

/* An article the store cannot hold fails neither the batch nor the other
 * files in it: its file is refused with the store's reason. */
static void
test_import_article_too_large_to_store (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = g_strnfill (5000, 'x');
  g_autofree char *contents = g_strdup_printf ("Long one\n\nWren sold 4 kites. %s\n", long_text);
  g_autofree char *folder = g_build_filename (f->dir, "batch", NULL);
  const char *paths[] = { folder, NULL };
  g_autoptr(CitedImportResult) result = NULL;
  const CitedRejection *rejection;

  g_free (write_file (f, "batch/a-good.txt", "First\n\nFalcon sold 3 planes.\n", -1));
  g_free (write_file (f, "batch/b-long.txt", contents, -1));
  g_free (write_file (f, "batch/c-good.txt", "Third\n\nPlover sold 8 ships.\n", -1));
  cited_store_set_max_text (f->store, 1000);

  result = cited_import_paths (f->store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->n_added, ==, 2);
  rejection = find_rejection (result, "b-long.txt");
  g_assert_nonnull (rejection);
  g_assert_nonnull (strstr (rejection->reason, "too large"));
  g_assert_cmpuint (result->rejected->len, ==, 1);
  g_assert_cmpuint (count_articles (f->store), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/importer/decode/utf8", test_decode_utf8);
  g_test_add_func ("/importer/decode/utf16", test_decode_utf16);
  g_test_add_func ("/importer/decode/gb18030", test_decode_gb18030);
  g_test_add_func ("/importer/decode/stray-latin1", test_decode_stray_latin1);
  g_test_add_func ("/importer/decode/bad", test_decode_bad);
  g_test_add_func ("/importer/format/plain", test_plain);
  g_test_add_func ("/importer/format/plain-body-first", test_plain_body_first);
  g_test_add_func ("/importer/format/markdown", test_markdown);
  g_test_add_func ("/importer/format/front-matter", test_front_matter);
  g_test_add_func ("/importer/format/html", test_html);
  g_test_add_func ("/importer/format/html-broken", test_html_broken);
  g_test_add_func ("/importer/format/rss", test_rss);
  g_test_add_func ("/importer/format/rss-entities", test_rss_entities);
  g_test_add_func ("/importer/format/atom", test_atom);
  g_test_add_func ("/importer/format/rdf", test_rdf);
  g_test_add_func ("/importer/format/feed-truncated", test_feed_truncated);
  g_test_add_func ("/importer/format/json-feed", test_json_feed);
  g_test_add_func ("/importer/format/json-lines", test_json_lines);
  g_test_add_func ("/importer/format/json-bad", test_json_bad);
  g_test_add_func ("/importer/format/thucnews", test_thucnews);
  g_test_add_func ("/importer/format/sogou", test_sogou);
  g_test_add_func ("/importer/dates", test_dates);
  g_test_add_func ("/importer/mutations", test_mutations);
  g_test_add_func ("/importer/seeds", test_seeds);
  g_test_add_func ("/importer/corpus/rsparser", test_corpus_rsparser);
  g_test_add_func ("/importer/corpus/chinese", test_corpus_chinese);
  g_test_add ("/importer/import/folder", Fixture, NULL, fixture_setup, test_import_folder, fixture_teardown);
  g_test_add ("/importer/import/truncated-feed", Fixture, NULL, fixture_setup, test_import_truncated_feed, fixture_teardown);
  g_test_add ("/importer/import/jsonl-all-bad", Fixture, NULL, fixture_setup, test_import_jsonl_all_bad, fixture_teardown);
  g_test_add ("/importer/import/skips-notices", Fixture, NULL, fixture_setup, test_import_skips_notices, fixture_teardown);
  g_test_add ("/importer/import/every-fixture", Fixture, NULL, fixture_setup, test_import_every_fixture, fixture_teardown);
  g_test_add ("/importer/import/missing-unreadable", Fixture, NULL, fixture_setup, test_import_missing_and_unreadable, fixture_teardown);
  g_test_add ("/importer/import/too-large", Fixture, NULL, fixture_setup, test_import_too_large, fixture_teardown);
  g_test_add ("/importer/import/progress-cancel", Fixture, NULL, fixture_setup, test_import_progress_and_cancel, fixture_teardown);
  g_test_add ("/importer/import/item-rejections", Fixture, NULL, fixture_setup, test_import_item_rejections, fixture_teardown);
  g_test_add ("/importer/import/run-on-numbers", Fixture, NULL, fixture_setup, test_import_run_on_numbers, fixture_teardown);
  g_test_add ("/importer/import/brand-added-meanwhile", Fixture, NULL, fixture_setup, test_import_brand_added_meanwhile, fixture_teardown);
  g_test_add ("/importer/import/brand-added-before", Fixture, NULL, fixture_setup, test_import_brand_added_before, fixture_teardown);
  g_test_add ("/importer/import/batches", Fixture, NULL, fixture_setup, test_import_batches, fixture_teardown);
  g_test_add ("/importer/import/async", Fixture, NULL, fixture_setup, test_import_async, fixture_teardown);
  g_test_add ("/importer/import/async-cancelled", Fixture, NULL, fixture_setup, test_import_async_cancelled, fixture_teardown);
  g_test_add ("/importer/import/corpora", Fixture, NULL, fixture_setup, test_import_corpora, fixture_teardown);
  g_test_add_func ("/importer/hostile/json-lines-comment", test_json_lines_comment);
  g_test_add_func ("/importer/hostile/gb18030-damaged", test_decode_gb18030_damaged);
  g_test_add_func ("/importer/hostile/html-declares-ucs2", test_html_declares_ucs2);
  g_test_add_func ("/importer/hostile/front-matter-bad-date", test_front_matter_bad_date);
  g_test_add ("/importer/hostile/feed-not-truncated", Fixture, NULL, fixture_setup, test_feed_not_truncated, fixture_teardown);
  g_test_add ("/importer/hostile/deep-json", Fixture, NULL, fixture_setup, test_import_deep_json, fixture_teardown);
  g_test_add ("/importer/hostile/entity-amplification", Fixture, NULL, fixture_setup, test_import_entity_amplification, fixture_teardown);
  g_test_add ("/importer/hostile/article-too-large-to-store", Fixture, NULL, fixture_setup, test_import_article_too_large_to_store, fixture_teardown);

  return g_test_run ();
}
