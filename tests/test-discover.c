/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cited.h"
#include "cited-trace-test.h"

/*
 * Companies the lexicon does not know, discovered in the text. Each row is
 * a title (or NULL), a text, the discovered companies it must give (sorted,
 * "|" between them; "" for none), and optionally a figure of the text with
 * the company it must be attributed to ("-" for none) and a lexicon brand
 * that must stay the lexicon's (not discovered).
 */
typedef struct {
  const char *title;
  const char *text;
  const char *discovered;
  const char *figure;
  const char *brand;
  const char *lexicon;
} DiscoverCase;

static const DiscoverCase cases[] = {
  /* Corporate suffixes, stripped from the name */
  { NULL, "Beecham Group plc said profits rose 12% to 600 mln stg.",
    "Beecham", "12%", "Beecham" },
  { NULL, "Volkerwerke AG raised its dividend to 2.10 marks.",
    "Volkerwerke", "2.10 marks", "Volkerwerke" },
  { NULL, "Brantley Corp posted net income of 45 mln dlrs for the year.",
    "Brantley", "45 mln dlrs", "Brantley" },
  { NULL, "Orsino SpA sold 1,200 stores to a rival.",
    "Orsino", "1,200 stores", "Orsino" },
  { NULL, "Kestrel Holdings Ltd reported revenue of $3.2bn.",
    "Kestrel", "$3.2bn", "Kestrel" },
  { NULL, "Halvorsen ASA cut 400 jobs in Norway.",
    "Halvorsen", NULL, NULL },
  { NULL, "Meridale Inc. said sales reached $80m in the quarter.",
    "Meridale", "$80m", "Meridale" },
  { NULL, "Ralston & Purina Co increased its stake to 20%.",
    "Ralston & Purina", "20%", "Ralston & Purina" },
  { NULL, "Zellmann GmbH employs 3,000 people.",
    "Zellmann", "3,000 people", "Zellmann" },
  { NULL, "Corvane Group plc made a profit of £40m.",
    "Corvane", "£40m", "Corvane" },
  /* Head words kept in the name */
  { NULL, "Midland Bank said it would cut 6,400 jobs.",
    "Midland Bank", "6,400 jobs", "Midland Bank" },
  { NULL, "Northwind Airways carried 9 million passengers last year.",
    "Northwind Airways", "9 million passengers", "Northwind Airways" },
  { NULL, "Bank of Arcadia lifted profits 8% to $1.1bn.",
    "Bank of Arcadia", "$1.1bn", "Bank of Arcadia" },
  { NULL, "Halden Pharmaceuticals spent $900m on research.",
    "Halden Pharmaceuticals", "$900m", "Halden Pharmaceuticals" },
  /* Cue patterns */
  { NULL, "Shares in Rowntree Mackintosh rose 5% after the group said profits reached 90 mln stg.",
    "Rowntree Mackintosh", "90 mln stg", "Rowntree Mackintosh" },
  { NULL, "Shares in Rowntree Mackintosh rose 5% after the group said profits reached 90 mln stg.",
    "Rowntree Mackintosh", "5%", "Rowntree Mackintosh" },
  { NULL, "Investors bought shares of Talvero on Monday, lifting them 7%.",
    "Talvero", NULL, NULL },
  { NULL, "The fund holds a stake in Brennock worth 300 mln dlrs.",
    "Brennock", NULL, NULL },
  { NULL, "Russian oil firm Yukos said output rose 4% in May.",
    "Yukos", "4%", "Yukos" },
  { NULL, "The carmaker Velloso sold 80,000 cars in Brazil.",
    "Velloso", "80,000 cars", "Velloso" },
  { NULL, "Yukos's chief executive said output would rise. Yukos pumped 1.7 million barrels a day.",
    "Yukos", "1.7 million barrels", "Yukos" },
  { NULL, "Marlowe shares fell 12% on Tuesday. Marlowe blamed the weather.",
    "Marlowe", "12%", "Marlowe" },
  { NULL, "Gazmorsk, the Russian gas giant, earned $7bn last year.",
    "Gazmorsk", "$7bn", "Gazmorsk" },
  { NULL, "Tellnor chief executive Anna Berg said revenue grew 9%.",
    "Tellnor", NULL, NULL },
  { NULL, "A bid for Pellingham valued the company at 2 bln stg.",
    "Pellingham", "2 bln stg", "Pellingham" },
  { NULL, "Quarvis said sales rose 6%. Later Quarvis said it would hire 500 staff.",
    "Quarvis", "6%", "Quarvis" },
  /* Possessive and short forms */
  { NULL, "Lindqvist Bergman plc bought a rival. Lindqvist's profits rose 15%.",
    "Lindqvist Bergman", "15%", "Lindqvist Bergman" },
  { NULL, "Shares in Harrowgate Mills fell. Harrowgate said sales dropped 3%.",
    "Harrowgate Mills", "3%", "Harrowgate Mills" },
  /* Headline subjects repeated in the body */
  { "Dunmore profits jump",
    "Dunmore made 300 mln dlrs in the year. Dunmore plans to open 20 stores.",
    "Dunmore", "20 stores", "Dunmore" },
  { "Dunmore profits jump",
    "Dunmore had a strong year. Profits rose 40% to 300 mln dlrs, Dunmore added.",
    "Dunmore", "40%", "Dunmore" },
  /* Names of several words repeated, once with a verb of their own */
  { NULL, "Calder Rowe opened a new office. Calder Rowe said it hired 200 people.",
    "Calder Rowe", "200 people", "Calder Rowe" },
  { NULL, "The Tab S8 Plus has a big screen. Samsung said the Tab S8 Plus sold well.",
    "", NULL, NULL },
  { NULL, "远航公司的员工超过3000人。", "", NULL, NULL },
  { NULL, "远航公司的员工超过3000人。远航去年营收增长8%。", "远航", "8%", "远航" },
  /* People are not companies */
  { NULL, "Mr Smith said sales rose 5%.", "", "5%", "-" },
  { NULL, "Ms Okafor said the firm sold 3 million units.", "", NULL, NULL },
  { NULL, "Richard Hollings said revenue rose 8%. Hollings added that 900 jobs would go.",
    "", NULL, NULL },
  { NULL, "Chief executive Tom Barrow said profits reached $2m. Barrow said more would follow.",
    "", NULL, NULL },
  { NULL, "Hadley said he expected sales of 4 million units. Hadley said he was pleased.",
    "", NULL, NULL },
  { NULL, "Dr Reinholt said 40% of patients improved.", "", "40%", "-" },
  /* Places, months and days are not companies */
  { NULL, "London said exports rose 4%. London said imports fell.", "", "4%", "-" },
  { NULL, "Shares in London rose 2% on Monday.", "", NULL, NULL },
  { NULL, "In January sales rose 3%. January was a good month.", "", "3%", "-" },
  { NULL, "UK shares rose 2% as Asian shares fell 1%.", "", "2%", "-" },
  { NULL, "Japanese shares rose 3% on Friday.", "", "3%", "-" },
  { NULL, "Brussels said the fine would be 500 mln euros. Brussels said so twice.",
    "", NULL, NULL },
  /* Public bodies are not companies */
  { NULL, "The Treasury said growth would be 2.5% this year.", "", "2.5%", "-" },
  { NULL, "The Federal Reserve raised rates to 2.25%. The Federal Reserve said so.",
    "", NULL, NULL },
  { NULL, "The Bank of England held rates at 4.75%, the Bank of England said.",
    "", NULL, NULL },
  { NULL, "The European Commission fined the company 497 mln euros.", "", NULL, NULL },
  { NULL, "The SEC said it fined the firm $10m. The SEC said more was to come.",
    "", NULL, NULL },
  { NULL, "The British Retail Consortium (BRC) said sales rose 1.2%. The BRC said so.",
    "", NULL, NULL },
  { NULL, "The Ministry of Finance said revenue rose 7%.", "", NULL, NULL },
  { NULL, "Opec said output would rise by 500,000 barrels a day.", "", NULL, NULL },
  /* Common words are not companies */
  { NULL, "Analysts said sales would rise 10%.", "", "10%", "-" },
  { NULL, "Shares rose 4% on the news.", "", "4%", "-" },
  { NULL, "Overall, the company made 30 mln dlrs.", "", NULL, NULL },
  { NULL, "However, the group sold 2 million units.", "", NULL, NULL },
  { NULL, "The Dollar rose 1% against the euro. The dollar said nothing.", "", NULL, NULL },
  /* The lexicon wins */
  { NULL, "Apple said iPhone sales rose 5%.", "", "5%", "Apple", "Apple" },
  { NULL, "Shares in Apple rose 3% while shares in Tarrowby fell 2%.",
    "Tarrowby", "2%", "Tarrowby", "Apple" },
  { NULL, "Xiaomi Corp sold 40 million phones.", "", "40 million phones", "Xiaomi", "Xiaomi" },
  { NULL, "Samsung Electronics shipped 70 million phones.", "", NULL, NULL, "Samsung" },
  /* Market-wide figures keep no company */
  { NULL, "The oil market grew 5% last year, Yukos said. Yukos said it was pleased.",
    "Yukos", "5%", "-" },

  /* Chinese: 公司, 集团, 控股, 银行 and 旗下 */
  { NULL, "光明乳业集团今年营收增长5%。", "光明乳业", "5%", "光明乳业" },
  { NULL, "据报道，光明乳业集团营收增长5%。光明乳业净利润达到30亿元。", "光明乳业", "30亿元", "光明乳业" },
  { NULL, "浙商银行去年净利润为900亿元。", "浙商银行", "900亿元", "浙商银行" },
  /* A company the lexicon knows is not discovered again, in part or whole. */
  { NULL, "招商银行去年净利润为900亿元。", "", "900亿元", "China Merchants Bank" },
  { NULL, "蒙牛乳业集团今年营收增长5%。", "", "5%", "Mengniu" },
  { NULL, "远航科技有限公司的员工超过3000人。", "远航科技", NULL, NULL },
  { NULL, "星河控股宣布裁员500人。", "星河", NULL, NULL },
  { NULL, "去年宏远集团的销量达到120万辆。", "宏远", "120万辆", "宏远" },
  { NULL, "青松资本旗下的基金规模达到50亿元。", "青松资本", NULL, NULL },
  { NULL, "该公司今年营收增长5%。", "", "5%", NULL },
  { NULL, "一家科技公司营收增长10%。", "", "10%", "-" },
  { NULL, "这家上市公司净利润下降3%。", "", NULL, NULL },
  { NULL, "中国人民银行宣布降息0.25%。", "", NULL, NULL },
  { NULL, "世界银行预计全球经济增长3%。", "", "3%", "-" },
  { NULL, "华为公司去年营收增长9%。", "", "9%", "Huawei", "Huawei" },
  { NULL, "小米集团今年出货量达到1.5亿台。", "", NULL, NULL, "Xiaomi" },
  { NULL, "子公司的营收增长了8%。", "", NULL, NULL },
  { NULL, "美国公司的利润增长4%。", "", NULL, NULL },
  /* A lexicon name of several words, then its first word alone: that
   * name, not a company of its own */
  { NULL, "Pernod Ricard said sales rose. Pernod shares slipped 1.2% in Paris.",
    "", "1.2%", "Pernod Ricard", "Pernod Ricard" },
  { NULL, "Tate & Lyle joined the index again. Tate's shares have leapt 55% this year.",
    "", "55%", "Tate & Lyle", "Tate & Lyle" },
  { NULL, "Goldman Sachs Group raised its forecast. Goldman expects profits of $2bn this year.",
    "", "$2bn", "Goldman Sachs", "Goldman Sachs" },
  /* ... before it too, when the word alone has a company's evidence */
  { NULL, "Southwest shares rose 4%. Southwest Airlines said fuel cost it $1bn more.",
    "", "4%", "Southwest Airlines", "Southwest Airlines" },
  /* ... but not a common word, nor one that starts another name too */
  { NULL, "General Motors sold 9 million cars. General prices rose 2% in May.",
    "", "2%", "-", "General Motors" },
  { NULL, "Sumitomo Mitsui and Sumitomo Chemical reported results. Sumitomo said profits rose 8%.",
    "", "8%", "-", "Sumitomo Mitsui" },
  /* News agencies: companies with a company's evidence, else sources */
  { NULL, "Revenues at media group Reuters slipped 11% in 2004.",
    "Reuters", "11%", "Reuters" },
  { NULL, "Bloomberg, the financial data firm, earned $1bn last year.",
    "Bloomberg", "$1bn", "Bloomberg" },
  { NULL, "Oil prices rose 3% on Monday, Reuters said.", "", "3%", "-" },
  { NULL, "Reuters said oil prices rose 3% on Monday. Reuters said traders were wary.", "", "3%", "-" },
  { NULL, "Toyota's profits rose 5%, according to Bloomberg.", "", "5%", "Toyota", "Toyota" },
  /* A copula and a company noun that ends the clause; not a person's role */
  { NULL, "KFB is South Korea's seventh largest bank, with 3 million retail customers.",
    "KFB", "3 million", "KFB" },
  { NULL, "Brown is the new chairman of the bank, which grew 5%.", "", NULL, NULL },
  { NULL, "Smith is a partner. Fees rose 5%.", "", NULL, NULL },
  /* Nor contractions, people known by a first name, sports bodies */
  { NULL, "I've said sales rose 5%. I've said it twice.", "", "5%", "-" },
  { "Holmes hails Athens gold", "Kelly Holmes won gold in Athens. Holmes earned $1m last year. Holmes will race again.",
    "", "$1m", "-" },
  { NULL, "FIFA said revenue rose 5% to $1bn. FIFA chief Sepp Blatter spoke.", "", NULL, NULL },
  /* Nor the labels of a wire service's table rows */
  { NULL, "Revs 380.2 mln vs 311.5 mln\n\nAvg shrs 47.1 mln vs 41.2 mln\n\nAvg shares 43,602,000 vs 41,014,000",
    "", "47.1 mln", "-" },
  /* Nor trade shows, in a headline or the text */
  { "CES 2025 laptops get cheaper", "The cheapest laptop at the show costs $499. It ships in March.",
    "", "$499", "-" },
  { "这些是在 CES 2024 上发布的 WiFi 路由器",
    "WiFi 7 一直是今年 CES 的一大谈论点。这里是本周在 CES 2024 期间公布的路由器。这款路由器的售价为 299 美元。",
    "", "299 美元", "-" },
  { "Laptops shown at CES 2025", "Dell showed a laptop that will cost $1,299. It ships in March.",
    "", "$1,299", "Dell", "Dell" },
  { NULL, "At MWC this year 2,400 exhibitors showed phones.", "", NULL, NULL },
  /* Political parties are no companies */
  { NULL, "Liberal Democrat spokesman Vince Cable said taxes rose 5%.", "", "5%", "-" },
  { NULL, "UKIP said its share of the vote rose to 16%. UKIP leader Roger Knapman spoke.", "", NULL, NULL },
};

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
discovered_names (const CitedExtraction *ex)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < ex->mentions->len; i++)
    {
      const CitedMention *m = &g_array_index (ex->mentions, CitedMention, i);

      if (m->discovered && !g_ptr_array_find_with_equal_func (names, m->brand, g_str_equal, NULL))
        g_ptr_array_add (names, (gpointer) m->brand);
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("|", (char **) names->pdata);
}

static void
test_case_cb (gconstpointer data)
{
  const DiscoverCase *c = data;
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedExtraction) ex = cited_extract (lexicon, c->title, c->text, -1, "2024-05-01");
  g_autofree char *names = discovered_names (ex);
  guint prev_start = 0;

  g_test_message ("%s", c->text);
  g_assert_cmpstr (names, ==, c->discovered);
  for (guint i = 0; i < ex->mentions->len; i++)
    {
      const CitedMention *m = &g_array_index (ex->mentions, CitedMention, i);

      /* Sorted by start, never overlapping. */
      g_assert_cmpuint (m->start, >=, prev_start);
      prev_start = m->end;
      if (!m->discovered)
        g_assert_nonnull (cited_lexicon_lookup (lexicon, m->brand));
    }
  if (c->figure != NULL)
    {
      const CitedFigure *found = NULL;

      for (guint i = 0; i < ex->figures->len && found == NULL; i++)
        {
          const CitedFigure *f = g_ptr_array_index (ex->figures, i);

          if (g_strcmp0 (f->text, c->figure) == 0)
            found = f;
        }
      g_assert_nonnull (found);
      if (c->brand != NULL)
        g_assert_cmpstr (found->brand, ==, strcmp (c->brand, "-") == 0 ? NULL : c->brand);
    }
  if (c->lexicon != NULL)
    {
      gboolean seen = FALSE;

      for (guint i = 0; i < ex->mentions->len; i++)
        {
          const CitedMention *m = &g_array_index (ex->mentions, CitedMention, i);

          if (g_strcmp0 (m->brand, c->lexicon) == 0)
            {
              g_assert_false (m->discovered);
              seen = TRUE;
            }
        }
      g_assert_true (seen);
    }
}

/* Every occurrence of a discovered name is a mention: the full name with
 * its suffix, the short form after it, the possessive. */
static void
test_occurrences (void)
{
  const char *text = "Rowntree Mackintosh plc said profits rose. Rowntree's shares fell 2% "
                     "and Rowntree Mackintosh said it would cut 300 jobs.";
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedExtraction) ex = cited_extract (lexicon, NULL, text, -1, NULL);
  static const char * const spans[] = { "Rowntree Mackintosh plc", "Rowntree", "Rowntree Mackintosh" };

  g_assert_cmpuint (ex->mentions->len, ==, G_N_ELEMENTS (spans));
  for (guint i = 0; i < ex->mentions->len; i++)
    {
      const CitedMention *m = &g_array_index (ex->mentions, CitedMention, i);

      g_assert_true (m->discovered);
      g_assert_cmpstr (m->brand, ==, "Rowntree Mackintosh");
      g_assert_cmpuint (m->end - m->start, ==, strlen (spans[i]));
      g_assert_cmpint (strncmp (text + m->start, spans[i], m->end - m->start), ==, 0);
    }
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* With discovery off (CitedLexicon:discover), only the lexicon's brands are
 * mentioned and the figure keeps no company; on again, the company is back. */
static void
test_switched_off (void)
{
  const char *text = "Rowntree Mackintosh plc said profits rose 5% to 2.1 bln dlrs.";
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedExtraction) off = NULL;
  g_autoptr(CitedExtraction) on = NULL;
  guint notified = 0;

  g_assert_true (cited_lexicon_get_discover (lexicon));
  g_signal_connect_swapped (lexicon, "notify::discover", G_CALLBACK (count_cb), &notified);
  g_object_set (lexicon, "discover", FALSE, NULL);
  g_object_set (lexicon, "discover", FALSE, NULL);
  g_assert_false (cited_lexicon_get_discover (lexicon));
  g_assert_cmpuint (notified, ==, 1);
  off = cited_extract (lexicon, NULL, text, -1, NULL);
  g_assert_cmpuint (off->mentions->len, ==, 0);
  g_assert_cmpuint (off->figures->len, >, 0);
  for (guint i = 0; i < off->figures->len; i++)
    g_assert_null (((CitedFigure *) g_ptr_array_index (off->figures, i))->brand);

  cited_lexicon_set_discover (lexicon, TRUE);
  on = cited_extract (lexicon, NULL, text, -1, NULL);
  g_assert_cmpuint (on->mentions->len, ==, 1);
  g_assert_cmpstr (((CitedFigure *) g_ptr_array_index (on->figures, 0))->brand, ==, "Rowntree Mackintosh");
}

/* The trace names the rule that discovered a company. */
static void
test_trace (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedExtraction) ex = NULL;
  gboolean seen = FALSE;

  cited_trace_test_clear ();
  ex = cited_extract (lexicon, NULL, "Rowntree Mackintosh plc said profits rose 5%.", -1, NULL);
  seen = cited_trace_test_has ("'Rowntree Mackintosh' discovered by suffix");
  g_assert_true (seen);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  cited_trace_test_init ();
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/discover/case/%u", i);

      g_test_add_data_func (path, &cases[i], test_case_cb);
    }
  g_test_add_func ("/discover/occurrences", test_occurrences);
  g_test_add_func ("/discover/trace", test_trace);
  g_test_add_func ("/discover/switched-off", test_switched_off);
  ret = g_test_run ();
  g_ptr_array_unref (cited_trace_lines);
  return ret;
}
