/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cited.h"

/* Returns the brands found in @text as "Brand@start-end Brand@start-end". */
static char *
find_all (CitedLexicon *lexicon,
          const char   *text)
{
  g_autoptr(GArray) mentions = cited_lexicon_find (lexicon, text, strlen (text));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < mentions->len; i++)
    {
      CitedMention *m = &g_array_index (mentions, CitedMention, i);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s:%.*s", m->brand, (int) (m->end - m->start), text + m->start);
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  const char *text;
  const char *expected;
} FindCase;

static const FindCase find_cases[] = {
  { "Xiaomi sold more phones than Huawei.", "Xiaomi:Xiaomi Huawei:Huawei" },
  /* Links stripped from the text run words together. */
  { "December 28th,XiaomiCarsThere will be a press conference", "Xiaomi:Xiaomi" },
  { "howeverHuaweiCarsTwo years ago", "Huawei:Huawei" },
  { "Before the launch,Lei JunGo into battle in person", "Xiaomi:Lei Jun" },
  { "the sales volume of offline stores in Xiaomi has surged", "Xiaomi:Xiaomi" },
  /* Literal translations and case. */
  { "China The market is the foundation of millet.", "Xiaomi:millet" },
  { "gave birth to huawei, millet, OPPO and vivo", "Huawei:huawei Xiaomi:millet OPPO:OPPO vivo:vivo" },
  { "Oppo and oppo are OPPO", "OPPO:Oppo OPPO:oppo OPPO:OPPO" },
  { "one plus officially announced a deal with T-Mobile", "OnePlus:one plus T-Mobile:T-Mobile" },
  /* Short aliases only where they are names. */
  { "The Xiaomi Mi 14 and the Mi MIX", "Xiaomi:Xiaomi Xiaomi:Mi Xiaomi:Mi" },
  { "Mi casa, minimum, MI6, mi 14", "" },
  { "with its self-developed Hsi Kirin series", "Huawei:Hsi Huawei:Kirin" },
  { "hsi and Hsinchu", "" },
  /* Common words that are brands only with a capital. */
  { "an apple a day, Apple's iPhone", "Apple:Apple Apple:iPhone" },
  { "the honor of kings; Honor phones", "Honor:Honor" },
  /* No match inside other words. */
  { "Samsungite, unapplied, Huaweis, pixelated", "" },
  { "Appleton and Pineapple", "" },
  /* Links are no mentions. */
  { "See https://www.xiaomi.com/mi14 and [Samsung](https://x.com/samsung-galaxy) or www.huawei.com",
    "Samsung:Samsung" },
  /* Camel-case product names take a plural. */
  { "two billion iPhones and iPads", "Apple:iPhone Apple:iPad" },
  /* Leftmost-longest: "Harmony OS" wins over nothing shorter. */
  { "HarmonyOS and Harmony OS", "Huawei:HarmonyOS Huawei:Harmony OS" },
  /* CJK aliases need no boundary. */
  { "小米集团和华为公司", "Xiaomi:小米 Huawei:华为" },
  { "雷军说小米汽车", "Xiaomi:雷军 Xiaomi:小米" },
  { "Xiaomi（小米）and Redmi9", "Xiaomi:Xiaomi Xiaomi:小米 Xiaomi:Redmi" },
  /* Blocking phrases from data/brands.json: the alias is something else. */
  { "Honor Blackman starred; Medal of Honor and Honor of Kings sold well; Honor Magic 6",
    "Honor:Honor" },
  { "the Big Apple and Guide to the Galaxy, unlike Apple and the Galaxy S24",
    "Apple:Apple Samsung:Galaxy" },
  { "Kirin beer and the Kirin Brewery, unlike the Kirin 9000", "Huawei:Kirin" },
  /* "Kirin" and 荣耀 count only with a number or a word of their trade near. */
  { "Kirin, the Japanese brewer, sold more lager. The Kirin chip is fast.", "Huawei:Kirin" },
  { "我们为国家赢得荣耀。荣耀手机销量大增，荣耀X50 上市。", "Honor:荣耀 Honor:荣耀" },
  { "Memory Mate, and the Mate 60", "Huawei:Mate" },
  { "Mi Bergamasco and Mi Bergamasco's brother; Mi Band 8 and Mi Note 10",
    "Xiaomi:Mi Xiaomi:Mi" },
  { "苹果园、苹果社区、苹果汁、吃苹果，苹果公司", "Apple:苹果" },
  { "小米粥和小米粒，小米手机", "Xiaomi:小米" },
  { "传音石与传音控股", "Transsion:传音" },
  { "王者荣耀，荣耀属于人民，荣耀手机", "Honor:荣耀" },
  { "", "" },
};

static void
test_find (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();

  for (guint i = 0; i < G_N_ELEMENTS (find_cases); i++)
    {
      g_autofree char *got = find_all (lexicon, find_cases[i].text);

      g_test_message ("%s -> %s", find_cases[i].text, got);
      g_assert_cmpstr (got, ==, find_cases[i].expected);
    }
}

static void
test_offsets (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  const char *text = "２０２１年，小米手机 and Huawei";
  g_autoptr(GArray) mentions = cited_lexicon_find (lexicon, text, strlen (text));
  CitedMention *m;

  g_assert_cmpuint (mentions->len, ==, 2);
  m = &g_array_index (mentions, CitedMention, 0);
  g_assert_cmpstr (m->brand, ==, "Xiaomi");
  g_assert_cmpint (strncmp (text + m->start, "小米", m->end - m->start), ==, 0);
  g_assert_cmpuint (m->end - m->start, ==, strlen ("小米"));
  m = &g_array_index (mentions, CitedMention, 1);
  g_assert_cmpstr (m->brand, ==, "Huawei");
  g_assert_cmpuint (m->end, ==, strlen (text));
}

/* A long text is scanned in four parts side by side: a name found
 * whole wherever it stands, across any part's end, and the longest name
 * kept where a shorter one starts it. */
static void
test_long_text (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  const struct {
    const char *name;
    const char *brand;
  } cases[] = {
    { "Deutsche Telekom", "Deutsche Telekom" },
    { "Tencent Music", "Tencent Music" },
    { "AOL Time Warner", "Time Warner" },
    { "小米", "Xiaomi" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint at = 0; at < 420; at += 1)
      {
        g_autoptr(GString) text = g_string_new (NULL);
        g_autoptr(GArray) mentions = NULL;
        CitedMention *m;
        guint start;

        /* "ab ab ab …" around the name: no brand, and every byte of it
         * a step of the scan */
        for (guint k = 0; k < at; k++)
          g_string_append_c (text, "ab "[k % 3]);
        g_string_append_c (text, ' ');
        start = text->len;
        g_string_append (text, cases[c].name);
        g_string_append_c (text, ' ');
        while (text->len < 640)
          g_string_append (text, "ab ");
        mentions = cited_lexicon_find (lexicon, text->str, text->len);
        g_assert_cmpuint (mentions->len, ==, 1);
        m = &g_array_index (mentions, CitedMention, 0);
        g_assert_cmpstr (m->brand, ==, cases[c].brand);
        g_assert_cmpuint (m->start, ==, start);
        g_assert_cmpuint (m->end, ==, start + strlen (cases[c].name));
      }
}

static void
test_default (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  const char *required[] = { "Xiaomi", "Huawei", "Apple", "Samsung", "OnePlus", "OPPO", "vivo",
                             "Honor", "Google", "Qualcomm", "T-Mobile" };

  g_assert_cmpuint (cited_lexicon_get_n_brands (lexicon), >=, G_N_ELEMENTS (required));
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_cmpstr (cited_lexicon_lookup (lexicon, required[i]), ==, required[i]);

  g_assert_cmpstr (cited_lexicon_lookup (lexicon, "MILLET"), ==, "Xiaomi");
  g_assert_cmpstr (cited_lexicon_lookup (lexicon, "miui"), ==, "Xiaomi");
  g_assert_cmpstr (cited_lexicon_lookup (lexicon, "Hongmeng"), ==, "Huawei");
  g_assert_cmpstr (cited_lexicon_lookup (lexicon, "kirin"), ==, "Huawei");
  g_assert_cmpstr (cited_lexicon_lookup (lexicon, "iOS"), ==, "Apple");
  g_assert_cmpstr (cited_lexicon_lookup (lexicon, "One Plus"), ==, "OnePlus");
  g_assert_cmpstr (cited_lexicon_lookup (lexicon, "华为"), ==, "Huawei");
  g_assert_null (cited_lexicon_lookup (lexicon, "Nothing"));
  g_assert_null (cited_lexicon_lookup (lexicon, ""));

  /* Canonical names are interned: comparable by pointer. */
  g_assert_true (cited_lexicon_lookup (lexicon, "millet") == g_intern_string ("Xiaomi"));
  g_assert_cmpstr (cited_lexicon_color_for (lexicon, "Xiaomi"), ==, "#FF6900");
  g_assert_null (cited_lexicon_color_for (lexicon, "Nothing"));
}

static void
test_add_brand (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  const char *aliases[] = { "Nothing Phone", "Carl Pei", NULL };
  const char *more[] = { "Mijia", NULL };
  guint n = cited_lexicon_get_n_brands (lexicon);
  const char *name;
  g_autofree char *before = find_all (lexicon, "Carl Pei launched the Nothing Phone and Mijia");
  g_autofree char *after = NULL;
  g_autofree char *after2 = NULL;

  g_assert_cmpstr (before, ==, "");

  name = cited_lexicon_add_brand (lexicon, "Nothing", aliases, NULL);
  g_assert_cmpstr (name, ==, "Nothing");
  g_assert_cmpuint (cited_lexicon_get_n_brands (lexicon), ==, n + 1);
  /* A colour is picked when none is given. */
  g_assert_nonnull (cited_lexicon_color_for (lexicon, "Nothing"));
  g_assert_cmpint (cited_lexicon_color_for (lexicon, "Nothing")[0], ==, '#');

  /* The automaton is rebuilt after the change. */
  after = find_all (lexicon, "Carl Pei launched the Nothing Phone and Mijia");
  g_assert_cmpstr (after, ==, "Nothing:Carl Pei Nothing:Nothing Phone");

  /* Adding to an existing brand (any case) extends it. */
  name = cited_lexicon_add_brand (lexicon, "xiaomi", more, "#123456");
  g_assert_cmpstr (name, ==, "Xiaomi");
  g_assert_cmpuint (cited_lexicon_get_n_brands (lexicon), ==, n + 1);
  g_assert_cmpstr (cited_lexicon_color_for (lexicon, "Xiaomi"), ==, "#123456");
  after2 = find_all (lexicon, "Carl Pei launched the Nothing Phone and Mijia");
  g_assert_cmpstr (after2, ==, "Nothing:Carl Pei Nothing:Nothing Phone Xiaomi:Mijia");

  g_assert_null (cited_lexicon_add_brand (lexicon, "   ", NULL, NULL));
}

static void
test_json (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new ();
  g_autoptr(CitedLexicon) copy = cited_lexicon_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const char *input = "{\"brands\":[{\"name\":\"Acme\",\"color\":\"#00ff00\",\"aliases\":[\"ACME Corp\",\"阿克米\"]},"
                      "{\"name\":\"Globex\",\"aliases\":[]}]}";

  g_assert_true (cited_lexicon_load_json (lexicon, input, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cited_lexicon_get_n_brands (lexicon), ==, 2);
  g_assert_cmpstr (cited_lexicon_get_name (lexicon, 0), ==, "Acme");
  g_assert_cmpstr (cited_lexicon_get_color (lexicon, 0), ==, "#00FF00");
  g_assert_cmpstr (cited_lexicon_get_aliases (lexicon, 0)[0], ==, "Acme");
  g_assert_cmpstr (cited_lexicon_get_aliases (lexicon, 0)[1], ==, "ACME Corp");
  g_assert_cmpstr (cited_lexicon_get_aliases (lexicon, 0)[2], ==, "阿克米");
  g_assert_null (cited_lexicon_get_aliases (lexicon, 0)[3]);

  json = cited_lexicon_to_json (lexicon);
  g_assert_true (cited_lexicon_load_json (copy, json, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cited_lexicon_get_n_brands (copy), ==, 2);
  g_assert_cmpstr (cited_lexicon_lookup (copy, "acme corp"), ==, "Acme");
  g_assert_cmpstr (cited_lexicon_get_color (copy, 0), ==, "#00FF00");

  g_assert_false (cited_lexicon_load_json (lexicon, "{\"brands\": 3}", -1, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_false (cited_lexicon_load_json (lexicon, "not json", -1, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_false (cited_lexicon_load_json (lexicon, "{\"brands\":[{\"color\":\"#000000\"}]}", -1, &error));
  g_assert_error (error, CITED_ERROR, CITED_ERROR_PARSE);
}

typedef struct {
  CitedLexicon *lexicon;
  guint found;
} ThreadData;

static gpointer
find_thread_cb (gpointer data)
{
  ThreadData *td = data;
  const char *text = "Xiaomi and Huawei and Apple and 小米";

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GArray) m = cited_lexicon_find (td->lexicon, text, strlen (text));

      if (m->len >= 4)
        g_atomic_int_inc (&td->found);
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  ThreadData td = { lexicon, 0 };
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("find", find_thread_cb, &td);
  /* Adding brands while others read must not disturb them. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("Brand%u", i);

      cited_lexicon_add_brand (lexicon, name, NULL, NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_assert_cmpuint (td.found, ==, 800);
}

/* Users extend the blocking phrases in their own lexicon; they survive a
 * round trip through JSON. */
static void
test_blocks (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new ();
  g_autoptr(CitedLexicon) again = cited_lexicon_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *got = NULL;
  g_autofree char *got_again = NULL;
  const char *text = "Acme Corp and Acme Corp's rivals, but not Wile E. Acme or acme roadrunner. "
                     "Roadrunner runs. Roadrunner is a bird.";

  g_assert_true (cited_lexicon_load_json (lexicon,
      "{\"brands\":[{\"name\":\"Acme\","
      "\"not\":[\"Wile E. Acme\",\"Acme Roadrunner\"],"
      "\"near\":{\"Roadrunner\":[\"bird\"]},\"aliases\":[\"Acme\",\"Roadrunner\"]}]}", -1, &error));
  g_assert_no_error (error);
  got = find_all (lexicon, text);
  g_assert_cmpstr (got, ==, "Acme:Acme Acme:Acme Acme:Roadrunner");

  json = cited_lexicon_to_json (lexicon);
  g_assert_nonnull (strstr (json, "Wile E. Acme"));
  g_assert_nonnull (strstr (json, "\"near\""));
  g_assert_true (cited_lexicon_load_json (again, json, -1, &error));
  g_assert_no_error (error);
  got_again = find_all (again, text);
  g_assert_cmpstr (got_again, ==, "Acme:Acme Acme:Acme Acme:Roadrunner");
}

/* The companies of business news, their Chinese names, the ways a name is
 * written, and the words that only look like a company. */
static const FindCase company_cases[] = {
  /* Spacing, hyphens and line breaks inside a name. */
  { "TimeWarner said profits rose.", "Time Warner:TimeWarner" },
  { "Time-Warner and Time Warner", "Time Warner:Time-Warner Time Warner:Time Warner" },
  { "Wal-Mart and Walmart", "Walmart:Wal-Mart Walmart:Walmart" },
  { "Royal Dutch\nShell said", "Shell:Royal Dutch\nShell" },
  { "The lining of the coat; LiNing shoes", "Li Ning:LiNing" },
  /* Corporate suffixes do not stop a match. */
  { "Toyota Motor Corp said", "Toyota:Toyota Motor" },
  { "Apple Inc. said", "Apple:Apple" },
  { "Vodafone Group plc and Deutsche Bank AG", "Vodafone:Vodafone Deutsche Bank:Deutsche Bank" },
  { "丰田汽车公司和中国工商银行股份有限公司", "Toyota:丰田汽车 ICBC:中国工商银行" },
  /* Possessives, apostrophes and diacritics. */
  { "Cadbury Schweppes's shares and Nestle's sales", "Cadbury:Cadbury Schweppes Nestlé:Nestle" },
  { "Nestlé and Nestle", "Nestlé:Nestlé Nestlé:Nestle" },
  { "McDonald\xE2\x80\x99s and McDonald's", "McDonald's:McDonald\xE2\x80\x99s McDonald's:McDonald's" },
  { "Societe Generale and Société Générale", "Société Générale:Societe Generale Société Générale:Société Générale" },
  /* A short form counts after the full name in the same text, not before. */
  { "Cadbury Schweppes said sales rose. Cadbury also", "Cadbury:Cadbury Schweppes Cadbury:Cadbury" },
  { "Goldman said. Goldman Sachs said. Goldman added", "Goldman Sachs:Goldman Sachs Goldman Sachs:Goldman" },
  { "Deutsche Telekom's profit rose; Telekom said", "Deutsche Telekom:Deutsche Telekom Deutsche Telekom:Telekom" },
  { "Telekom said", "" },
  { "Rio de Janeiro; Rio Tinto said; Rio added", "Rio Tinto:Rio Tinto Rio Tinto:Rio" },
  { "Deutsche Bank said. Deutsche Börse rose. Deutsche said", "Deutsche Bank:Deutsche Bank Deutsche Bank:Deutsche" },
  { "Royal Dutch Shell rose. Shell said", "Shell:Royal Dutch Shell Shell:Shell" },
  /* Words that only look like a company. */
  { "apple pie and apple juice", "" },
  { "She found a shell on the beach. Shell said profits rose.", "Shell:Shell" },
  { "a shell company; Shell shares fell", "Shell:Shell" },
  /* A brand named by a common word keeps its capital. */
  { "Liverpool bid to snap up the player before a snap election; Snap shares rose", "Snap:Snap" },
  { "the alphabet of finance; Alphabet, Google's parent", "Google:Alphabet Google:Google" },
  { "Harrison Ford and the Ford Motor plant", "Ford:Ford Motor" },
  { "GM crops and GM cars", "General Motors:GM" },
  { "Orange County, and Orange, the mobile operator", "Orange:Orange" },
  { "the Amazon rainforest; Amazon shares", "Amazon:Amazon" },
  { "Next year, Target stores will open", "Target:Target" },
  { "Visa applications rose; Visa and Mastercard", "Visa:Visa Mastercard:Mastercard" },
  { "United Arab Emirates and the Emirates airline", "Emirates Airline:Emirates airline" },
  { "Fiat currency and Fiat cars", "Fiat:Fiat" },
  { "a Meta-analysis; Meta shares", "Meta:Meta" },
  { "Michelin-starred chefs; Michelin tyres", "Michelin:Michelin" },
  { "Mars rover; Mars, the maker of Snickers", "Mars Inc:Mars" },
  /* Chinese names and the words around them. */
  { "壳牌公司和英国石油", "Shell:壳牌 BP:英国石油" },
  { "苹果派和苹果手机", "Apple:苹果" },
  { "大众汽车和大众市场", "Volkswagen:大众汽车" },
  { "中国石油需求增长，中国石油公司利润", "PetroChina:中国石油" },
  { "日产量达到100万桶；日产汽车", "Nissan:日产汽车" },
  { "吉利汽车；不吉利", "Geely:吉利汽车" },
  { "强生公司；加强生产", "Johnson & Johnson:强生" },
  { "美国银行业和美国银行", "Bank of America:美国银行" },
  /* Across sectors. */
  { "ICBC and HSBC", "ICBC:ICBC HSBC:HSBC" },
  { "LVMH owns Louis Vuitton", "LVMH:LVMH LVMH:Louis Vuitton" },
  { "Boeing and Airbus", "Boeing:Boeing Airbus:Airbus" },
  { "Pfizer and AstraZeneca", "Pfizer:Pfizer AstraZeneca:AstraZeneca" },
  { "宁德时代和比亚迪", "CATL:宁德时代 BYD:比亚迪" },
  { "Unilever, Procter & Gamble and Procter", "Unilever:Unilever Procter & Gamble:Procter & Gamble Procter & Gamble:Procter" },
};

static void
test_companies (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();

  /* Several hundred companies, the phone brands first as they were. */
  g_assert_cmpuint (cited_lexicon_get_n_brands (lexicon), >=, 400);
  g_assert_cmpstr (cited_lexicon_get_name (lexicon, 0), ==, "Xiaomi");
  for (guint i = 0; i < G_N_ELEMENTS (company_cases); i++)
    {
      g_autofree char *got = find_all (lexicon, company_cases[i].text);

      g_test_message ("%s -> %s", company_cases[i].text, got);
      g_assert_cmpstr (got, ==, company_cases[i].expected);
    }
}

/* A corporate suffix after a name, for callers that want the whole name. */
static void
test_suffix (void)
{
  struct {
    const char *text;
    gsize end;
    const char *name;
  } cases[] = {
    { "Apple Inc. said", 5, "Apple Inc." },
    { "shares of Apple Inc.", 15, "shares of Apple Inc" },
    { "Cadbury Schweppes, plc", 17, "Cadbury Schweppes, plc" },
    { "Sony Group Corp said", 4, "Sony Group Corp" },
    { "Merck & Co said", 5, "Merck & Co" },
    { "Apple said", 5, "Apple" },
    { "Applebee", 5, "Apple" },
    { "Sony Groupie", 4, "Sony" },
    { "小米集团", strlen ("小米"), "小米集团" },
    { "腾讯控股有限公司", strlen ("腾讯"), "腾讯控股有限公司" },
    { "华为技术有限公司", strlen ("华为"), "华为" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize end = cited_lexicon_suffix_end (cases[i].text, strlen (cases[i].text), cases[i].end);
      g_autofree char *got = g_strndup (cases[i].text, end);

      g_assert_cmpstr (got, ==, cases[i].name);
    }
}

/* Short forms and aliases that keep their capital, in a lexicon of the
 * user's own, survive a round trip through JSON; a name added with a suffix
 * or two words also matches without the suffix and joined. */
static void
test_variants (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new ();
  g_autoptr(CitedLexicon) again = cited_lexicon_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *got = NULL;
  g_autofree char *got_again = NULL;
  g_autofree char *joined = NULL;
  const char *aliases[] = { "Globex Holdings Ltd", NULL };
  const char *text = "Widget sales. Acme Widgets said; widget makers and Widget rose.";

  g_assert_true (cited_lexicon_load_json (lexicon,
      "{\"brands\":[{\"name\":\"Acme Widgets\",\"after\":[\"Widget\"],"
      "\"capital\":[\"Acme\"],\"aliases\":[\"Acme\"]}]}", -1, &error));
  g_assert_no_error (error);
  got = find_all (lexicon, text);
  g_assert_cmpstr (got, ==, "Acme Widgets:Acme Widgets Acme Widgets:Widget");

  json = cited_lexicon_to_json (lexicon);
  g_assert_nonnull (strstr (json, "\"after\""));
  g_assert_nonnull (strstr (json, "\"capital\""));
  g_assert_true (cited_lexicon_load_json (again, json, -1, &error));
  g_assert_no_error (error);
  got_again = find_all (again, text);
  g_assert_cmpstr (got_again, ==, "Acme Widgets:Acme Widgets Acme Widgets:Widget");

  /* "Acme" keeps its capital: the word "acme" is no company. */
  g_clear_pointer (&got, g_free);
  got = find_all (lexicon, "the acme of style; Acme rose");
  g_assert_cmpstr (got, ==, "Acme Widgets:Acme");

  cited_lexicon_add_brand (lexicon, "Globex", aliases, NULL);
  joined = find_all (lexicon, "AcmeWidgets and Globex Holdings said");
  g_assert_cmpstr (joined, ==, "Acme Widgets:AcmeWidgets Globex:Globex Holdings");
}

/* Persons and products are marked; platform names that other companies'
 * phones run on ("Android", 安卓) are listed off and do not count for
 * Google until the user turns them on; the user can turn any alias off. */
static void
test_alias_kinds (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  const char *text = "Xiaomi's Android phones and the Pixel 8; Lei Jun spoke. 安卓手机";
  g_autofree char *got = find_all (lexicon, text);
  g_autofree char *after = NULL;
  guint google = 0, xiaomi = 0;

  g_assert_cmpstr (got, ==, "Xiaomi:Xiaomi Google:Pixel Xiaomi:Lei Jun");
  g_assert_null (cited_lexicon_lookup (lexicon, "Android"));
  for (guint i = 0; i < cited_lexicon_get_n_brands (lexicon); i++)
    {
      if (g_strcmp0 (cited_lexicon_get_name (lexicon, i), "Google") == 0)
        google = i;
      if (g_strcmp0 (cited_lexicon_get_name (lexicon, i), "Xiaomi") == 0)
        xiaomi = i;
    }
  g_assert_true (g_strv_contains (cited_lexicon_get_off_aliases (lexicon, google), "Android"));
  g_assert_cmpint (cited_lexicon_get_alias_kind (lexicon, google, "android"), ==, CITED_ALIAS_PRODUCT);
  g_assert_cmpint (cited_lexicon_get_alias_kind (lexicon, xiaomi, "Lei Jun"), ==, CITED_ALIAS_PERSON);
  g_assert_cmpint (cited_lexicon_get_alias_kind (lexicon, xiaomi, "Xiaomi"), ==, CITED_ALIAS_NAME);

  /* The user turns Android on and Lei Jun off. */
  g_assert_true (cited_lexicon_set_alias (lexicon, "Google", "android", CITED_ALIAS_PRODUCT, TRUE));
  g_assert_true (cited_lexicon_set_alias (lexicon, "Xiaomi", "Lei Jun", CITED_ALIAS_PERSON, FALSE));
  after = find_all (lexicon, text);
  g_assert_cmpstr (after, ==, "Xiaomi:Xiaomi Google:Android Google:Pixel");
  g_assert_cmpstr (cited_lexicon_lookup (lexicon, "Android"), ==, "Google");
  g_assert_null (cited_lexicon_lookup (lexicon, "Lei Jun"));
  g_assert_true (g_strv_contains (cited_lexicon_get_off_aliases (lexicon, xiaomi), "Lei Jun"));
  /* A brand's own name stays on. */
  g_assert_false (cited_lexicon_set_alias (lexicon, "Google", "Google", CITED_ALIAS_NAME, FALSE));
}

/* "Pixel is not Google" turns the alias off; "Mi Band is not Xiaomi"
 * cancels the alias inside the phrase only. */
static void
test_exclude (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autofree char *got = NULL;
  g_autofree char *json = NULL;
  g_autoptr(CitedLexicon) copy = cited_lexicon_new ();
  g_autofree char *copied = NULL;
  const char *text = "The Pixel 8, the Mi Band 8 and the Mi 14 from Xiaomi";

  g_assert_true (cited_lexicon_exclude (lexicon, "Google", "pixel"));
  g_assert_true (cited_lexicon_exclude (lexicon, "Xiaomi", "Mi Band"));
  g_assert_false (cited_lexicon_exclude (lexicon, "Xiaomi", "xiaomi"));
  g_assert_false (cited_lexicon_exclude (lexicon, "No Such Brand", "x"));
  got = find_all (lexicon, text);
  g_assert_cmpstr (got, ==, "Xiaomi:Mi Xiaomi:Xiaomi");

  /* Kinds and aliases turned off survive the JSON form. */
  json = cited_lexicon_to_json (lexicon);
  g_assert_true (cited_lexicon_load_json (copy, json, -1, NULL));
  g_assert_null (cited_lexicon_lookup (copy, "Pixel"));
  g_assert_null (cited_lexicon_lookup (copy, "Android"));
  copied = find_all (copy, "Lei Jun and the Pixel");
  g_assert_cmpstr (copied, ==, "Xiaomi:Lei Jun");
}

static void
test_rename_remove (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedLexicon) other = cited_lexicon_new ();
  g_autofree char *got = NULL;
  g_autofree char *replaced = NULL;

  g_assert_cmpstr (cited_lexicon_rename_brand (lexicon, "google", "Alphabet Inc."), ==, "Alphabet Inc.");
  g_assert_null (cited_lexicon_rename_brand (lexicon, "Xiaomi", "huawei"));
  g_assert_true (cited_lexicon_remove_brand (lexicon, "Samsung"));
  g_assert_false (cited_lexicon_remove_brand (lexicon, "Samsung"));
  got = find_all (lexicon, "Google, Samsung and Alphabet Inc.");
  g_assert_cmpstr (got, ==, "Alphabet Inc.:Google Alphabet Inc.:Alphabet Inc.");
  g_assert_cmpstr (cited_lexicon_lookup (lexicon, "google"), ==, "Alphabet Inc.");
  g_assert_null (cited_lexicon_lookup (lexicon, "Galaxy"));

  /* Replacing gives the holder of a lexicon the other's brands. */
  cited_lexicon_add_brand (other, "Acme", NULL, "#112233");
  cited_lexicon_replace (lexicon, other);
  g_assert_cmpuint (cited_lexicon_get_n_brands (lexicon), ==, 1);
  g_assert_cmpuint (cited_lexicon_get_n_brands (other), >, 50);
  replaced = find_all (lexicon, "Acme and Google");
  g_assert_cmpstr (replaced, ==, "Acme:Acme");
}

/* A copy has every brand, alias, colour and list of the lexicon, finds
 * the same mentions, and is a lexicon of its own. */
static void
test_copy (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedLexicon) copy = NULL;
  g_autofree char *json = NULL;
  g_autofree char *copy_json = NULL;
  const char *aliases[] = { "Fruit Co", NULL };

  cited_lexicon_add_brand (lexicon, "Acme Phones", aliases, "#123456");
  g_assert_true (cited_lexicon_set_alias (lexicon, "Xiaomi", "millet", CITED_ALIAS_NAME, FALSE));
  cited_lexicon_set_discover (lexicon, FALSE);

  copy = cited_lexicon_copy (lexicon);
  json = cited_lexicon_to_json (lexicon);
  copy_json = cited_lexicon_to_json (copy);
  g_assert_cmpstr (copy_json, ==, json);
  g_assert_cmpuint (cited_lexicon_get_n_brands (copy), ==, cited_lexicon_get_n_brands (lexicon));
  g_assert_false (cited_lexicon_get_discover (copy));
  g_assert_cmpstr (cited_lexicon_lookup (copy, "fruit co"), ==, "Acme Phones");
  g_assert_cmpstr (cited_lexicon_color_for (copy, "Acme Phones"), ==, "#123456");
  for (guint i = 0; i < G_N_ELEMENTS (find_cases); i++)
    {
      g_autofree char *found = find_all (lexicon, find_cases[i].text);
      g_autofree char *found_in_copy = find_all (copy, find_cases[i].text);

      g_assert_cmpstr (found_in_copy, ==, found);
    }

  /* Changing one leaves the other as it was. */
  cited_lexicon_add_brand (copy, "Other Brand", NULL, NULL);
  g_assert_true (cited_lexicon_remove_brand (copy, "Acme Phones"));
  g_assert_cmpstr (cited_lexicon_lookup (lexicon, "fruit co"), ==, "Acme Phones");
  g_assert_null (cited_lexicon_lookup (lexicon, "Other Brand"));
  g_clear_pointer (&copy_json, g_free);
  copy_json = cited_lexicon_to_json (lexicon);
  g_assert_cmpstr (copy_json, ==, json);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lexicon/default", test_default);
  g_test_add_func ("/lexicon/copy", test_copy);
  g_test_add_func ("/lexicon/find", test_find);
  g_test_add_func ("/lexicon/offsets", test_offsets);
  g_test_add_func ("/lexicon/long-text", test_long_text);
  g_test_add_func ("/lexicon/add-brand", test_add_brand);
  g_test_add_func ("/lexicon/json", test_json);
  g_test_add_func ("/lexicon/threads", test_threads);
  g_test_add_func ("/lexicon/blocks", test_blocks);
  g_test_add_func ("/lexicon/companies", test_companies);
  g_test_add_func ("/lexicon/suffix", test_suffix);
  g_test_add_func ("/lexicon/variants", test_variants);
  g_test_add_func ("/lexicon/alias-kinds", test_alias_kinds);
  g_test_add_func ("/lexicon/exclude", test_exclude);
  g_test_add_func ("/lexicon/rename-remove", test_rename_remove);

  return g_test_run ();
}
